"""星级审核: the submitted self-assessments by stage, the town's initial review and the district's
final review (per-item scores, comments, veto items), return for correction, publicity, award
within the five-star quota, each one's history; and the 红旗村 tab (gui/pages/reviews_flags.py).

With a login the reviewer is the account (services/reviews.py derives it); without one the reviewer
is chosen here (the district office, or a town's reviewer who then sees only that town's villages).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QSplitter,
                               QTabWidget, QVBoxLayout, QWidget)

from dangjian_desktop.core.stars import VETO_LABEL
from dangjian_desktop.errors import DangjianError, ValidationError
from dangjian_desktop.gui.errors import show_error
from dangjian_desktop.gui.models import Column, RecordFilterProxy, RecordTableModel
from dangjian_desktop.gui.pages import Page
from dangjian_desktop.gui.pages.reviews_dialog import PublicityDialog, ReturnDialog, ReviewDialog
from dangjian_desktop.gui.pages.reviews_flags import RedFlagsTab
from dangjian_desktop.gui.widgets import big_button, heading_row, hint_label, row_table
from dangjian_desktop.services import registry, review_text, reviews
from dangjian_desktop.services.context import Changes

_CHANGED = Changes(tables=frozenset({"star_review_stages", "district_reviews"}))


def _level(row: dict) -> str:
    level = row["last_level"] if row["last_stage"] not in (None, "returned") else row["self_level"]
    return "★" * (level or 0) or "—"


class ReviewsPage(Page):
    key = "reviews"
    watches = frozenset({"star_assessments", "star_review_stages", "orgs", "sync_villages", "red_flags",
                         "red_flag_revocations", "red_flag_types"})

    def __init__(self, ctx, runner, parent=None):
        super().__init__(ctx, runner, parent)
        self.as_combo = QComboBox()
        self.reviewer_name = QLineEdit()
        self.reviewer_name.setPlaceholderText(self.tr("Reviewer's name"))
        self.reviewer_name.setMaximumWidth(160)
        self.logged_in = QLabel()
        self.year_combo = QComboBox()
        self.state_combo = QComboBox()
        self.state_combo.addItem(self.tr("All stages"), None)
        for state, label in reviews.STATE_LABELS.items():
            self.state_combo.addItem(label, state)
        for combo in (self.as_combo, self.year_combo, self.state_combo):
            combo.currentIndexChanged.connect(self._reload)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find a village or town"))
        self.search.setClearButtonEnabled(True)
        columns = [
            Column("year", self.tr("Year")),
            Column("town_name", self.tr("Town")),
            Column("code", self.tr("Code")),
            Column("name", self.tr("Village")),
            Column("self_score", self.tr("Self score"), display=lambda r: f"{r['self_score'] or 0:g}",
                   align_right=True),
            Column("last_score", self.tr("Reviewed score"),
                   display=lambda r: "" if r["last_score"] is None else f"{r['last_score']:g}", align_right=True),
            Column("level", self.tr("Stars"), display=_level, sort=lambda r: r["last_level"] or r["self_level"] or 0),
            Column("state_label", self.tr("Stage")),
        ]
        self.model = RecordTableModel(columns, parent=self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search.textChanged.connect(self.proxy.set_text)
        self.table = row_table(self.proxy, sortable=True)
        self.table.selectionModel().selectionChanged.connect(self._show_history)
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.quota = QLabel()
        self.quota.setWordWrap(True)
        self.review_button = big_button(self.tr("Review…"), primary=True)
        self.return_button = big_button(self.tr("Return for correction…"))
        self.publicity_button = big_button(self.tr("Start publicity…"))
        self.award_button = big_button(self.tr("Award"))
        self.review_button.clicked.connect(self.review)
        self.return_button.clicked.connect(self.return_for_correction)
        self.publicity_button.clicked.connect(self.publicity)
        self.award_button.clicked.connect(self.award)
        self.flags = RedFlagsTab(ctx, self)
        self.flags.changed.connect(self.changed.emit)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._reviews_tab(), self.tr("Star reviews"))
        self.tabs.addTab(self.flags, self.tr("Red-flag villages"))
        self.tabs.currentChanged.connect(lambda index: index == 1 and self.flags.refresh())
        layout = QVBoxLayout(self)
        layout.addLayout(heading_row(self.tr("Star rating review")))
        layout.addWidget(self.tabs, 1)

    def _reviews_tab(self) -> QWidget:
        top = QHBoxLayout()
        self._who = [QLabel(self.tr("Reviewing as")), self.as_combo, QLabel(self.tr("Name")), self.reviewer_name]
        for widget in self._who:  # hidden when someone is logged in: the account reviews
            top.addWidget(widget)
        top.addWidget(self.logged_in)
        for label, widget in ((self.tr("Year"), self.year_combo), (self.tr("Stage"), self.state_combo)):
            top.addWidget(QLabel(label))
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.search)
        buttons = QHBoxLayout()
        for button in (self.review_button, self.return_button, self.publicity_button, self.award_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.history)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([380, 260])
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(hint_label(self.tr("Town review first, then the district's review, publicity and award. "
                                            "Either may return a self-assessment to the village for correction. "
                                            "Results reach each village in its next return bundle.")))
        layout.addWidget(splitter, 1)
        layout.addWidget(self.quota)
        layout.addLayout(buttons)
        return tab

    def title(self) -> str:
        return self.tr("Star rating review")

    def reviewer(self, *, acting: bool = False) -> reviews.Reviewer | None:
        """Who reviews: None with a login (the services use the account); else the chosen role and
        the typed name (reading needs none)."""
        if self.ctx.user is not None:
            return None
        town = self.as_combo.currentData()
        name = self.reviewer_name.text().strip()
        if acting and not name:
            raise ValidationError(self.tr("Type the reviewer's name first."), "reviewer")
        return reviews.Reviewer(name or self.ctx.actor, role="town" if town else "district", town_uuid=town)

    def refresh(self) -> None:
        for combo in (self.as_combo, self.year_combo):
            combo.blockSignals(True)
        chosen = self.as_combo.currentData()
        self.as_combo.clear()
        self.as_combo.addItem(self.tr("District office"), None)
        for town in registry.list_towns(self.ctx):
            self.as_combo.addItem(self.tr("Town reviewer: %1").replace("%1", town["name"]), town["uuid"])
        self.as_combo.setCurrentIndex(max(0, self.as_combo.findData(chosen)))
        year = self.year_combo.currentData()
        self.year_combo.clear()
        self.year_combo.addItem(self.tr("All years"), None)
        for y in range(self.ctx.today.year, self.ctx.today.year - 5, -1):
            self.year_combo.addItem(str(y), y)
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(year)))
        for combo in (self.as_combo, self.year_combo):
            combo.blockSignals(False)
        self._show_login()
        self._reload()
        if self.tabs.currentIndex() == 1:
            self.flags.refresh()

    def _show_login(self) -> None:
        user = self.ctx.user
        for widget in self._who:
            widget.setVisible(user is None)
        self.logged_in.setVisible(user is not None)
        who = reviews.reviewer_of_user(user) if user is not None else None
        may = who is None or self.ctx.may("reviews.town" if who.role == "town" else "reviews.district")
        for button in (self.review_button, self.return_button):
            button.setEnabled(may)  # the services refuse anyway; a greyed button says so first
        for button in (self.publicity_button, self.award_button):
            button.setEnabled(may and (who is None or who.role == "district"))
        if who is not None:
            town = next((t["name"] for t in registry.list_towns(self.ctx) if t["uuid"] == who.town_uuid), "")
            self.logged_in.setText(self.tr("Reviewing as %1 (town reviewer of %2)").replace("%2", town)
                                   if who.role == "town" else self.tr("Reviewing as %1 (district office)"))
            self.logged_in.setText(self.logged_in.text().replace("%1", who.name))

    def _reload(self) -> None:
        try:
            rows = reviews.list_assessments(self.ctx, reviewer=self.reviewer(), year=self.year_combo.currentData(),
                                            state=self.state_combo.currentData())
        except DangjianError as exc:
            show_error(self, exc)
            rows = []
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.history.setText(self.tr("%1 self-assessment(s) shown. Choose one to see its history.")
                             .replace("%1", str(len(rows))))
        self._show_quota()

    def _show_quota(self) -> None:
        year = self.year_combo.currentData() or self.ctx.today.year
        try:
            figures = reviews.quota(self.ctx, year=year)
        except DangjianError as exc:
            self.quota.setText(str(exc))
            return
        parts = [self.tr("%1 quota for %2: %3 awarded of %4 allowed, %5 left (%6)")
                 .replace("%1", reviews.LEVEL_NAMES[f["stars"]]).replace("%2", str(year))
                 .replace("%3", str(f["used"])).replace("%4", str(f["allowed"]))
                 .replace("%5", str(f["remaining"])).replace("%6", f["text"]) for f in figures]
        self.quota.setText("<br>".join(parts) or self.tr("No star level is capped."))
        self.quota.setStyleSheet("color: #c62828;" if any(f["remaining"] == 0 for f in figures) else "")

    def selected(self) -> list[dict]:
        return [self.proxy.record(i.row()) for i in self.table.selectionModel().selectedRows()]

    def _show_history(self) -> None:
        chosen = self.selected()
        if not chosen:
            return
        try:
            detail = reviews.get_review(self.ctx, reviewer=self.reviewer(), assessment_uuid=chosen[0]["uuid"])
        except DangjianError as exc:
            self.history.setText(str(exc))
            return
        a = detail.assessment
        lines = [f"<b>{escape(a['name'])} {a['year']}</b>：{escape(chosen[0]['state_label'])}",
                 self.tr("Village self-assessment: %1 points, signed by %2").replace("%1", f"{a['self_score'] or 0:g}")
                 .replace("%2", escape(a["signed_by"] or ""))]
        current_round = 1
        for entry in review_text.history(detail):
            if entry["round"] != current_round:
                current_round = entry["round"]
                lines.append("<i>" + self.tr("Round %1: resubmitted after correction").replace("%1", str(current_round))
                             + "</i>")
            text = f"<b>{escape(entry['title'])}</b>：{escape(entry['summary'])}"
            if entry["comment"]:
                text += f"。{escape(entry['comment'])}"
            for item in entry["items"]:
                text += f"<br>&nbsp;&nbsp;· {escape(item)}"
            for veto in entry["vetoes"]:
                text += f"<br>&nbsp;&nbsp;· <span style='color:#c62828'>{VETO_LABEL}：{escape(veto)}</span>"
            lines.append(text)
        if detail.previous_award:
            lines.append(self.tr("Last year: %1 star(s)").replace("%1", str(detail.previous_award["star_level"] or 0)))
        self.history.setText("<br>".join(lines))

    def _one(self) -> dict | None:
        chosen = self.selected()
        if not chosen:
            QMessageBox.information(self, self.title(), self.tr("Choose a self-assessment in the table first."))
            return None
        return chosen[0]

    def _done(self) -> None:
        self._reload()
        self.changed.emit(_CHANGED)

    def _act(self, work) -> None:
        """Run one review action: a refusal is shown in Chinese, a finished one reloads the list;
        `work` returns False when the user cancelled its dialog."""
        try:
            if work() is False:
                return
        except DangjianError as exc:
            show_error(self, exc)
            return
        self._done()

    def review(self) -> None:
        row = self._one()
        if row is None:
            return

        def work() -> bool:
            reviewer = self.reviewer(acting=True)
            detail = reviews.get_review(self.ctx, reviewer=reviewer, assessment_uuid=row["uuid"])
            town = (reviewer or reviews.reviewer_of_user(self.ctx.user)).role == "town"
            dialog = ReviewDialog(detail, self.tr("Town initial review") if town else self.tr("District review"), self)
            if not self.exec_dialog(dialog):
                return False
            action = reviews.town_review if town else reviews.district_review
            action(self.ctx, reviewer=reviewer, assessment_uuid=row["uuid"], **dialog.values())
            return True
        self._act(work)

    def return_for_correction(self) -> None:
        row = self._one()
        if row is None:
            return

        def work() -> bool:
            reviewer = self.reviewer(acting=True)
            detail = reviews.get_review(self.ctx, reviewer=reviewer, assessment_uuid=row["uuid"])
            dialog = ReturnDialog(detail, self)
            if not self.exec_dialog(dialog):
                return False
            reviews.return_for_correction(self.ctx, reviewer=reviewer, assessment_uuid=row["uuid"], **dialog.values())
            return True
        self._act(work)

    def publicity(self) -> None:
        chosen = self.selected()
        if not chosen:
            self._one()
            return

        def work() -> bool:
            reviewer = self.reviewer(acting=True)
            dialog = PublicityDialog(self.ctx.today, len(chosen), self)
            if not self.exec_dialog(dialog):
                return False
            reviews.start_publicity(self.ctx, reviewer=reviewer, assessment_uuids=[r["uuid"] for r in chosen],
                                    **dialog.values())
            return True
        self._act(work)

    def award(self) -> None:
        chosen = self.selected()
        if not chosen:
            self._one()
            return
        self._act(lambda: reviews.award(self.ctx, reviewer=self.reviewer(acting=True),
                                        assessment_uuids=[r["uuid"] for r in chosen]))

    def exec_dialog(self, dialog: QDialog) -> bool:
        """Run a dialog modally (tests replace this to accept it without a user)."""
        return dialog.exec() == QDialog.DialogCode.Accepted
