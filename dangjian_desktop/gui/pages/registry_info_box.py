"""本区信息: the settings page's first card on a district database (a village's shows 本村信息):
the district's name and code, its key fingerprint, and how many towns and villages it registered."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout

from dangjian_desktop.gui.home.widgets import GREY, Card, ScaledLabel
from dangjian_desktop.services import registry
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.sync_identity import own_fingerprint


class DistrictInfoBox(Card):
    """Read-only: the district's identity is fixed at setup (its villages know it by its key)."""

    saved = Signal(object)  # the same face as VillageInfoBox; nothing here is edited

    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent=parent)
        self.ctx = ctx
        self.heading = ScaledLabel(self.tr("District information"), factor=1.25, bold=True)
        self.values = {key: QLabel() for key in ("name", "code", "fingerprint", "registry")}
        for label in self.values.values():
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.addRow(self.tr("Party organisation name"), self.values["name"])
        form.addRow(self.tr("District code"), self.values["code"])
        form.addRow(self.tr("Key fingerprint"), self.values["fingerprint"])
        form.addRow(self.tr("Registered"), self.values["registry"])
        hint = ScaledLabel(self.tr("Villages check this fingerprint by telephone when they set up from an "
                                   "enrolment file. Towns and villages are managed on the Towns and villages page."),
                           colour=GREY)
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 16)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(hint)
        layout.addLayout(form)

    def load(self) -> None:
        org = self.ctx.org
        self.values["name"].setText(org["name"])
        self.values["code"].setText(org["code"] or "")
        self.values["fingerprint"].setText(own_fingerprint(self.ctx) or "")
        towns = registry.list_towns(self.ctx)
        villages = sum(t["villages"] for t in towns)
        self.values["registry"].setText(self.tr("%1 towns, %2 villages").replace("%1", str(len(towns)))
                                        .replace("%2", str(villages)))
