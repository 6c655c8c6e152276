"""The dialogs of the star-review page: one stage's per-item scores, comments and veto items, and
the publicity window."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QGroupBox,
                               QHeaderView, QLabel, QLineEdit, QTableWidget, QTableWidgetItem, QVBoxLayout)

from dangjian_desktop.core.stars import score_assessment
from dangjian_desktop.services.reviews import ReviewDetail


class ReviewDialog(QDialog):
    """Scores start from the latest review (or the village's own); the total updates as you type."""

    def __init__(self, detail: ReviewDetail, stage_title: str, parent=None):
        super().__init__(parent)
        self.detail = detail
        a = detail.assessment
        self.setWindowTitle(f"{stage_title} — {a['name']} {a['year']}")
        base, vetoes = detail.base_scores()
        criteria = detail.criteria
        self.table = QTableWidget(len(criteria.items), 5)
        self.table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Full marks"), self.tr("Village's score"),
                                              self.tr("Score"), self.tr("Comment")])
        self.spins: dict[str, QDoubleSpinBox] = {}
        self.comments: dict[str, QLineEdit] = {}
        for row, (code, item) in enumerate(criteria.items.items()):
            own = (detail.self_items.get(code) or {}).get("score")
            self.table.setItem(row, 0, QTableWidgetItem(item.name))
            self.table.setItem(row, 1, QTableWidgetItem(f"{item.max:g}"))
            self.table.setItem(row, 2, QTableWidgetItem("" if own is None else f"{own:g}"))
            spin = QDoubleSpinBox()
            spin.setRange(0, item.max)
            spin.setSingleStep(0.5)
            spin.setDecimals(1)
            spin.setValue(base.get(code) or 0)
            spin.valueChanged.connect(self._update_total)
            self.table.setCellWidget(row, 3, spin)
            comment = QLineEdit()
            self.table.setCellWidget(row, 4, comment)
            self.spins[code], self.comments[code] = spin, comment
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)  # the spin boxes and comments edit
        veto_box = QGroupBox(self.tr("Veto items"))
        veto_layout = QVBoxLayout(veto_box)
        self.vetoes: dict[str, QCheckBox] = {}
        for veto in criteria.veto_items:
            box = QCheckBox(veto.name)
            box.setChecked(veto.code in vetoes)
            box.toggled.connect(self._update_total)
            veto_layout.addWidget(box)
            self.vetoes[veto.code] = box
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(self.tr("Overall comment (the village reads it)"))
        self.total = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save review"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(veto_box)
        layout.addWidget(self.comment)
        layout.addWidget(self.total)
        layout.addWidget(buttons)
        self.resize(900, 640)
        self._update_total()

    def values(self) -> dict:
        return {"scores": {c: s.value() for c, s in self.spins.items()},
                "comments": {c: e.text() for c, e in self.comments.items() if e.text().strip()},
                "veto_hits": {c for c, b in self.vetoes.items() if b.isChecked()},
                "comment": self.comment.text()}

    def _update_total(self) -> None:
        v = self.values()
        result = score_assessment(self.detail.criteria, v["scores"], v["veto_hits"])
        self.total.setText(self.tr("Total %1 points: %2").replace("%1", f"{result.score:g}")
                           .replace("%2", result.label))


class PublicityDialog(QDialog):
    def __init__(self, today: date, count: int, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Start publicity"))
        self.start = QDateEdit(QDate(today.year, today.month, today.day))
        end = today + timedelta(days=4)
        self.end = QDateEdit(QDate(end.year, end.month, end.day))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.comment = QLineEdit()
        form = QFormLayout(self)
        intro = QLabel(self.tr("Publish the district's results of %1 village(s)").replace("%1", str(count)))
        form.addRow(intro)
        form.addRow(self.tr("From"), self.start)
        form.addRow(self.tr("To"), self.end)
        form.addRow(self.tr("Note"), self.comment)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict:
        return {"start": self.start.date().toPython(), "end": self.end.date().toPython(),
                "comment": self.comment.text()}
