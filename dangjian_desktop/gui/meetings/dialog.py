"""The meeting form: record or correct a meeting with its attendance checklist.

Everything is checked as the user types with the core's own rules (`validate_meeting`,
`validate_attendance`); Save stays disabled while the red list below says what is missing.
The points the attendance will post are previewed from the service before saving.
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (QCompleter, QComboBox, QDateEdit, QDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QMessageBox, QPlainTextEdit, QScrollArea, QSplitter,
                               QVBoxLayout, QWidget)

from dangjian_desktop.core import meetings as rules
from dangjian_desktop.errors import DangjianError, ValidationError
from dangjian_desktop.gui.errors import show_error
from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.meetings.attendance import AttendancePanel
from dangjian_desktop.gui.widgets import BAD, big_button, hint_label
from dangjian_desktop.gui.meetings.widgets import hours_text
from dangjian_desktop.services import meetings as service
from dangjian_desktop.services.context import Changes, Context

_ERROR_STYLE = "border: 2px solid #c62828;"
_TEXT_FIELDS = ("title", "start_time", "end_time", "place", "host", "recorder", "lecturer", "hours")


class MeetingDialog(QDialog):
    def __init__(self, ctx: Context, runner: JobRunner, *, meeting_uuid: str | None = None, parent=None):
        super().__init__(parent)
        self.ctx, self.runner, self.meeting_uuid = ctx, runner, meeting_uuid
        self.changes: Changes | None = None
        self.problem_list: list[str] = []
        self._dirty = False
        self._loading = True
        self.setWindowTitle(self.tr("Correct a meeting record") if meeting_uuid else self.tr("Record a meeting or training"))
        self.resize(1260, 760)

        self.type_combo = QComboBox()
        for mtype in ctx.meeting_types.types.values():
            self.type_combo.addItem(mtype.name, mtype.code)
        self.type_note = hint_label()
        self.branch_combo = QComboBox()
        for branch in service.meeting_branches(ctx):
            self.branch_combo.addItem(branch["name"], branch["uuid"])
        self.held_on = QDateEdit()
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("yyyy-MM-dd")
        self.held_on.setMaximumDate(QDate(ctx.today.year, ctx.today.month, ctx.today.day))
        self.held_on.setDate(self.held_on.maximumDate())
        self.fields: dict[str, QLineEdit] = {name: QLineEdit() for name in _TEXT_FIELDS}
        self.fields["start_time"].setPlaceholderText(self.tr("e.g. 09:00"))
        self.fields["end_time"].setPlaceholderText(self.tr("e.g. 11:00"))
        self.hours_hint = hint_label()
        self.content = QPlainTextEdit()
        self.decisions = QPlainTextEdit()
        for box in (self.content, self.decisions):
            box.setTabChangesFocus(True)
            box.setMinimumHeight(70)
            box.setMaximumHeight(130)
        self.lecturer_label = QLabel()
        self.attendance = AttendancePanel()
        people = service.attendance_checklist(ctx, meeting_uuid=meeting_uuid)
        completer = QCompleter(sorted({p["name"] for p in people}), self)
        for name in ("host", "recorder", "lecturer"):
            self.fields[name].setCompleter(completer)
        self.preview_box = QGroupBox(self.tr("Points the attendance will record") if not meeting_uuid
                                     else self.tr("Points the attendance records after this correction"))
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        QVBoxLayout(self.preview_box).addWidget(self.preview)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(f"color: {BAD};")
        self.save_button = big_button(self.tr("Save"), primary=True)
        self.cancel_button = big_button(self.tr("Cancel"))
        for button in (self.save_button, self.cancel_button):
            button.setAutoDefault(False)  # Enter in a text field must not save or close the form
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self._build_layout()

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(300)
        self._preview_timer.timeout.connect(self.update_preview)
        self.attendance.set_people(people)
        if meeting_uuid:
            self._load(service.get_meeting(ctx, meeting_uuid))
        self._type_changed()
        for widget in self.fields.values():
            widget.textChanged.connect(self._edited)
        for box in (self.content, self.decisions):
            box.textChanged.connect(self._edited)
        self.held_on.dateChanged.connect(self._edited)
        self.type_combo.currentIndexChanged.connect(self._type_changed)
        self.branch_combo.currentIndexChanged.connect(self._branch_changed)
        self.attendance.model.edited.connect(self._attendance_edited)
        self._loading = False
        self.validate()
        self.update_preview()

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Type"), self.type_combo)
        form.addRow("", self.type_note)
        form.addRow(self.tr("Held by"), self.branch_combo)
        form.addRow(self.tr("Title / topic"), self.fields["title"])
        form.addRow(self.tr("Date"), self.held_on)
        times = QHBoxLayout()
        times.addWidget(self.fields["start_time"])
        times.addWidget(QLabel(self.tr("to")))
        times.addWidget(self.fields["end_time"])
        form.addRow(self.tr("Time"), times)
        form.addRow(self.tr("Place"), self.fields["place"])
        form.addRow(self.tr("Chaired by"), self.fields["host"])
        form.addRow(self.tr("Minutes taken by"), self.fields["recorder"])
        form.addRow(self.lecturer_label, self.fields["lecturer"])
        form.addRow(self.tr("Study hours"), self.fields["hours"])
        form.addRow("", self.hours_hint)
        form.addRow(self.tr("Content"), self.content)
        form.addRow(self.tr("Decisions"), self.decisions)
        left = QWidget()
        column = QVBoxLayout(left)
        column.addLayout(form)
        column.addStretch(1)  # spare height below the form, not between its rows
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(left)
        scroll.setMinimumWidth(max(360, self.fontMetrics().horizontalAdvance("党") * 26))
        attendance_box = QGroupBox(self.tr("Attendance: tick one box per person"))
        QVBoxLayout(attendance_box).addWidget(self.attendance)
        splitter = QSplitter()
        splitter.addWidget(scroll)
        splitter.addWidget(attendance_box)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([370, 880])
        bottom = QHBoxLayout()
        bottom.addWidget(self.preview_box, 3)
        bottom.addWidget(self.problems, 2)
        buttons = QVBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        bottom.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

    # -- loading and reading the form ---------------------------------------------------------------
    def _load(self, meeting: dict) -> None:
        self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(meeting["type_code"])))
        self.branch_combo.setCurrentIndex(max(0, self.branch_combo.findData(meeting["branch_uuid"])))
        self.held_on.setMinimumDate(QDate(2000, 1, 1))
        self.held_on.setDate(QDate.fromString(meeting["held_on"], "yyyy-MM-dd"))
        for name, widget in self.fields.items():
            widget.setText(hours_text(meeting["hours"]) if name == "hours" else (meeting.get(name) or ""))
        self.content.setPlainText(meeting.get("content") or "")
        self.decisions.setPlainText(meeting.get("decisions") or "")

    def meeting_type(self) -> rules.MeetingType:
        return self.ctx.meeting_types.get(self.type_combo.currentData())

    def record(self) -> dict:
        record = {name: widget.text() for name, widget in self.fields.items()}
        record.update(type_code=self.type_combo.currentData(), branch_uuid=self.branch_combo.currentData(),
                      held_on=self.held_on.date().toString("yyyy-MM-dd"),
                      content=self.content.toPlainText(), decisions=self.decisions.toPlainText())
        return record

    # -- reacting to edits ----------------------------------------------------------------------------
    def _edited(self) -> None:
        if not self._loading:
            self._dirty = True
            self.validate()

    def _attendance_edited(self) -> None:
        self._edited()
        self._preview_timer.start()

    def _type_changed(self) -> None:
        mtype = self.meeting_type()
        self.type_note.setText(mtype.note)
        self.type_note.setVisible(bool(mtype.note))
        self.lecturer_label.setText(self.tr("Lecturer (required)") if mtype.lecturer_required else self.tr("Lecturer"))
        self.fields["title"].setPlaceholderText(self.tr("e.g. {0}: study of the new regulations").format(mtype.name))
        self.attendance.set_quorum_rule(mtype.quorum)
        if not self.attendance.model.attendance():  # nobody marked yet: show the people this meeting is for
            self.attendance.committee_only.setChecked(mtype.quorum == "committee_majority")
        self._edited()
        self._preview_timer.start()

    def _branch_changed(self) -> None:
        is_village = self.branch_combo.currentIndex() == 0
        self.attendance.show_branch(None if is_village else self.branch_combo.currentText())
        self._edited()

    def validate(self) -> list[str]:
        """Check the whole form with the core's rules; show what is wrong and enable Save only if nothing is."""
        problems: list[str] = []
        bad_fields: set[str] = set()
        cleaned = None
        try:
            cleaned = rules.validate_meeting(self.record(), self.ctx.meeting_types, today=self.ctx.today)
        except ValidationError as exc:
            problems += [p.reason for p in exc.problems]
            bad_fields = {p.field for p in exc.problems}
        problems += self.attendance.model.problems()
        if not self.attendance.model.attendance():
            problems.append(self.tr("Tick the attendance of at least one person."))
        if not self._dirty and not self.meeting_uuid:
            bad_fields = set()  # a fresh form is not wrong yet: the list below says what to fill in
        for name, widget in self.fields.items():
            widget.setStyleSheet(_ERROR_STYLE if name in bad_fields else "")
        self.held_on.setStyleSheet(_ERROR_STYLE if "held_on" in bad_fields else "")
        self._show_hours(cleaned)
        self.problem_list = problems
        self.problems.setText(self.tr("Before saving, please fix:") + "<br>" + "<br>".join(f"• {p}" for p in problems)
                              if problems else "")
        self.save_button.setEnabled(not problems)
        return problems

    def _show_hours(self, cleaned: dict | None) -> None:
        if cleaned is None:
            self.hours_hint.setText(self.tr("Leave empty to count from the start and end time."))
        elif self.meeting_type().training:
            self.hours_hint.setText(self.tr("Each member present earns {0} study hours.").format(hours_text(cleaned["hours"])))
        else:
            self.hours_hint.setText(self.tr("{0} hours; this kind of meeting does not count as study hours.").format(
                hours_text(cleaned["hours"])))

    def update_preview(self) -> None:
        """The points the service will post for this attendance, grouped by rule item."""
        attendance = self.attendance.model.attendance()
        if not attendance:
            self.preview.setText(self.tr("No points yet: nobody is ticked."))
            return
        try:
            planned = service.preview_points(self.ctx, type_code=self.type_combo.currentData(), attendance=attendance)
        except DangjianError:
            self.preview.setText(self.tr("Shown once the problems on the right are fixed."))
            return
        if not planned:
            self.preview.setText(self.tr("This meeting records no points under the rulebook in force."))
            return
        groups: dict[tuple[str, int], list[str]] = defaultdict(list)
        for entry in planned:
            groups[(entry.item_name, entry.points_x100)].append(entry.member_name)
        lines = []
        for (item, points_x100), names in sorted(groups.items(), key=lambda g: -g[0][1]):
            shown = "、".join(names[:8]) + (self.tr(" and others") if len(names) > 8 else "")
            colour = "#2e7d32" if points_x100 >= 0 else BAD
            lines.append(self.tr("{0}: <b style='color:{1}'>{2:+g}</b> points each for {3} people ({4})").format(
                item, colour, points_x100 / 100, len(names), shown))
        self.preview.setText("<br>".join(lines))

    # -- saving ---------------------------------------------------------------------------------------
    def confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Please confirm"), text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def save(self) -> None:
        if self.validate():
            return
        unmarked = self.attendance.model.unmarked()
        if unmarked and not self.confirm(self.tr(
                "{0} people have no attendance mark and will not be part of this meeting. Save anyway?").format(unmarked)):
            return
        summary = self.attendance.current_summary()
        if summary.quorum_met is False and not self.confirm(self.tr(
                "Fewer than the required {0} people are present, so the decisions of this meeting are not valid. "
                "Save the record anyway?").format(summary.quorum_required)):
            return
        record, attendance, meeting_uuid = self.record(), self.attendance.model.attendance(), self.meeting_uuid
        self.save_button.setEnabled(False)

        def job(ctx: Context, progress) -> Changes:
            return service.save_meeting(ctx, record=record, attendance=attendance, meeting_uuid=meeting_uuid)

        def failed(exc: BaseException) -> None:
            self.save_button.setEnabled(True)
            show_error(self, exc)

        self.runner.run(self, self.tr("Saving the meeting…"), job, self._saved, on_error=failed)

    def _saved(self, changes: Changes) -> None:
        self.changes = changes
        self._dirty = False
        self.accept()

    def reject(self) -> None:
        if self._dirty and not self.confirm(self.tr("Close without saving what you entered?")):
            return
        super().reject()
