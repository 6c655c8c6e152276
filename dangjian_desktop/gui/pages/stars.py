"""星级评定: the village's yearly star self-assessment (村级自评) from the criteria in force.

The total, star level and veto result are recomputed on every change (`core.stars.score_assessment`);
the draft is saved on demand; submitting (signed by the secretary) locks the year for the town's review.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QFrame, QGroupBox, QHBoxLayout, QLabel, QMessageBox, QScrollArea, QVBoxLayout,
                               QWidget)

from dangjian_desktop.core.stars import score_assessment
from dangjian_desktop.errors import DangjianError
from dangjian_desktop.gui.errors import show_error
from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.permissions import guard
from dangjian_desktop.gui.widgets import heading_row, big_button, hint_label, rel_pt
from dangjian_desktop.gui.meetings.widgets import fill_years
from dangjian_desktop.gui.pages import Page
from dangjian_desktop.gui.stars.form import AssessmentForm, ResultPanel
from dangjian_desktop.gui.stars.review_box import ReviewResultsBox
from dangjian_desktop.gui.stars.submit import SubmitDialog
from dangjian_desktop.services import stars as service
from dangjian_desktop.services.context import Changes, Context
from dangjian_desktop.services.review_results import returned_for_correction

_CHANGED = frozenset({"star_assessments", "star_item_scores"})
_BANNER = {"draft": "background: #fff4cc; color: #5d4300;", "submitted": "background: #e3f2e1; color: #1b5e20;",
           "none": "background: #e8eef7; color: #0d2f5e;", "returned": "background: #fde4e1; color: #8c1b12;"}


class StarsPage(Page):
    key = "stars"
    watches = frozenset({*_CHANGED, "meetings", "attendance", "members", "star_criteria", "district_reviews"})

    def __init__(self, ctx: Context, runner: JobRunner, parent=None):
        super().__init__(ctx, runner, parent)
        self.assessment: dict | None = None
        self.result = None
        self.dirty = False
        self.loaded_year: int | None = None
        self.year_combo = QComboBox()
        self.year_combo.setMinimumWidth(110)
        self.year_combo.currentIndexChanged.connect(self._year_chosen)
        top = heading_row(self.tr("Star rating self-assessment"), QLabel(self.tr("Year")), self.year_combo)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.form_holder = QVBoxLayout()
        self.form: AssessmentForm | None = None
        self.result_panel: ResultPanel | None = None
        self.result_box = QGroupBox(self.tr("Result"))
        self.result_layout = QVBoxLayout(self.result_box)
        self.review_box = ReviewResultsBox()  # 区里的审核结果, from return bundles
        self.save_button = big_button(self.tr("Save draft"))
        self.submit_button = big_button(self.tr("Submit…"), primary=True)
        self.take_all_button = big_button(self.tr("Use all suggestions for empty items"))
        self.save_button.clicked.connect(self.save_draft)
        self.submit_button.clicked.connect(self.submit)
        self.take_all_button.clicked.connect(lambda: self.form and self.form.take_all_suggestions())
        for button, permission in ((self.save_button, "stars.edit"), (self.submit_button, "stars.submit"),
                                   (self.take_all_button, "stars.edit")):
            guard(button, ctx, permission)  # a clerk drafts, the secretary submits
        self.unsaved = hint_label()
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        warnings_box = QGroupBox(self.tr("Early warnings from the records today"))
        QVBoxLayout(warnings_box).addWidget(self.warnings)
        side = QVBoxLayout()
        side.addWidget(self.result_box)
        side.addWidget(self.review_box)
        side.addWidget(self.save_button)
        side.addWidget(self.submit_button)
        side.addWidget(self.unsaved)
        side.addWidget(self.take_all_button)
        side.addWidget(warnings_box)
        side.addStretch(1)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_scroll = QScrollArea()  # in the large-font mode the column can outgrow a small screen
        side_scroll.setWidget(side_widget)
        side_scroll.setWidgetResizable(True)
        side_scroll.setFrameShape(QFrame.Shape.NoFrame)
        side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side_scroll.setFixedWidth(max(340, self.fontMetrics().horizontalAdvance("党") * 24))
        body = QHBoxLayout()
        body.addLayout(self.form_holder, 1)
        body.addWidget(side_scroll)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)

    def title(self) -> str:
        return self.tr("Star rating")

    def year(self) -> int:
        return self.year_combo.currentData() or self.ctx.today.year

    # -- loading -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        fill_years(self.year_combo, service.assessment_years(self.ctx), keep=self.loaded_year or self.ctx.today.year)
        self._build_form()
        if self.dirty and self.loaded_year == self.year():
            self._load_hints()  # keep what the user is typing; only the suggestions and warnings move
        else:
            self.load_year()

    def _build_form(self) -> None:
        criteria = self.ctx.criteria
        if self.form is not None and self.form.criteria.sha256 == criteria.sha256:
            return
        for widget in (self.form, self.result_panel):
            if widget is not None:
                widget.deleteLater()
        self.form = AssessmentForm(criteria)
        self.form.edited.connect(self._edited)
        self.form_holder.addWidget(self.form)
        self.result_panel = ResultPanel(criteria)
        self.result_layout.addWidget(self.result_panel)
        self.dirty = False

    def load_year(self) -> None:
        year = self.year()
        self.assessment, items = service.get_self_assessment(self.ctx, year=year)
        self.form.set_values(items)
        self.form.verticalScrollBar().setValue(0)
        self.loaded_year, self.dirty = year, False
        self._load_hints()
        self._show_state()
        self.recompute()

    def _load_hints(self) -> None:
        self.form.set_suggestions(service.suggestions(self.ctx, year=self.year()))
        warnings = service.weak_warnings(self.ctx)
        if warnings:
            self.warnings.setStyleSheet("color: #c62828;")
            self.warnings.setText("<br>".join(f"<b>{w.name}</b>：{w.detail}" for w in warnings))
        else:
            self.warnings.setStyleSheet("color: #2e7d32;")
            self.warnings.setText(self.tr("None of the early-warning signs shows in the records."))

    def submitted(self) -> bool:
        return bool(self.assessment and self.assessment["state"] == "submitted")

    def _show_state(self) -> None:
        year, assessment = self.year(), self.assessment
        returned = returned_for_correction(self.ctx, year=year) if assessment else None  # 退回修改
        locked = self.submitted() and returned is None
        if returned:
            text = self.tr("<b>Returned for correction</b> — {0} returned the {1} self-assessment on {2}: {3}<br>"
                           "Correct it, save, and submit it again.").format(
                escape(returned["reviewer"] or ""), year, returned["reviewed_on"] or "",
                escape(returned["note"] or "").replace("\n", "<br>"))
            state = "returned"
        elif locked:
            when = datetime.fromisoformat(assessment["submitted_at"]).astimezone().strftime("%Y-%m-%d %H:%M")
            text = self.tr("<b>Submitted</b> — the {0} self-assessment was signed by {1} and submitted on {2}. "
                           "It is locked for the town's review and can only be viewed here.").format(
                year, assessment["signed_by"], when)
            state = "submitted"
        elif assessment:
            text = self.tr("<b>Draft</b> — the {0} self-assessment is not submitted yet. Save as often as you like; "
                           "submit when every item is scored.").format(year)
            state = "draft"
        else:
            text = self.tr("<b>Not started</b> — nothing is saved for {0} yet. Score each item, or take the "
                           "suggestions from the records, then save.").format(year)
            state = "none"
        self.review_box.load(self.ctx, year, locked)
        self.banner.setText(text)
        self.banner.setStyleSheet(f"{_BANNER[state]} padding: 10px; font-size: {rel_pt(1.15)}; border-radius: 4px;")
        self.form.set_read_only(locked)
        for button in (self.save_button, self.submit_button, self.take_all_button):
            button.setVisible(not locked)
        self.unsaved.setVisible(not locked)

    # -- editing -----------------------------------------------------------------------------------
    def _edited(self) -> None:
        self.dirty = True
        self.recompute()

    def recompute(self) -> None:
        try:
            self.result = score_assessment(self.form.criteria, self.form.scores(), self.form.veto_hits())
        except DangjianError as exc:  # the spin boxes keep scores in range; this is a safety net
            self.result_panel.score.setText(exc.message)
            return
        self.form.update_dimension_titles()
        self.result_panel.show_result(self.result)
        self.unsaved.setText(self.tr("You have changes that are not saved yet.") if self.dirty else "")

    def _year_chosen(self) -> None:
        if self.form is None or self.year() == self.loaded_year:
            return
        if self.dirty:
            answer = self.ask_unsaved()
            if answer == QMessageBox.StandardButton.Save:
                if not self.save_draft():  # saves the year on screen, then shows the chosen one
                    fill_years(self.year_combo, service.assessment_years(self.ctx), keep=self.loaded_year)
                return
            if answer != QMessageBox.StandardButton.Discard:
                fill_years(self.year_combo, service.assessment_years(self.ctx), keep=self.loaded_year)
                return
        self.load_year()

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        return QMessageBox.question(
            self, self.tr("Unsaved changes"),
            self.tr("The {0} self-assessment has changes that are not saved. Save them first?").format(self.loaded_year),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)

    # -- saving and submitting -------------------------------------------------------------------------
    def _save(self) -> None:
        service.save_self_assessment(self.ctx, year=self.loaded_year, scores=self.form.scores(),
                                     evidence=self.form.evidence(), veto_hits=self.form.veto_hits())

    def save_draft(self) -> bool:
        try:
            self._save()
        except DangjianError as exc:
            show_error(self, exc)
            return False
        self.dirty = False
        self.changed.emit(Changes(_CHANGED))
        self.load_year()
        return True

    def submit(self) -> None:
        result = self.result
        if result.missing_items:
            names = "、".join(self.form.criteria.items[c].name for c in result.missing_items)
            QMessageBox.warning(self, self.tr("Not every item is scored"), self.tr(
                "Score every item before submitting. Not scored yet: {0}").format(names))
            return
        dialog = SubmitDialog(self.loaded_year, self.tr("{0} points, {1}").format(
            f"{result.score:g}", result.label), service.secretary_name(self.ctx), self)
        if dialog.exec() != SubmitDialog.DialogCode.Accepted:
            return
        self.submit_signed(dialog.signed_by())

    def submit_signed(self, signed_by: str) -> bool:
        """Save what the form shows, then submit it signed; the page reloads locked."""
        try:
            service.save_and_submit_self_assessment(
                self.ctx, year=self.loaded_year, scores=self.form.scores(), evidence=self.form.evidence(),
                veto_hits=self.form.veto_hits(), signed_by=signed_by)
        except DangjianError as exc:
            show_error(self, exc)
            return False
        self.dirty = False
        self.changed.emit(Changes(_CHANGED))
        self.load_year()
        return True
