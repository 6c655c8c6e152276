"""Add a member or change one's details, checked as the user types.

Every keystroke asks `services.members.member_problems` (the same checks saving makes: the
roster rules of `core.members`, the ID number of `core.idcard`, a duplicate ID). What is wrong
appears in red under the field once the user has touched it; a line above the buttons says what
is still missing; Save stays grey until nothing is. A valid ID number fills in birth date and sex.
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QScrollArea, QVBoxLayout, QWidget)

from dangjian_desktop.core.idcard import parse_id
from dangjian_desktop.core.members import CATEGORIES, EDUCATION_LEVELS, MEMBER_CLASSES, PARTY_POSTS, STANDINGS
from dangjian_desktop.errors import DangjianError
from dangjian_desktop.gui.errors import show_error
from dangjian_desktop.gui.widgets import big_button, hint_label
from dangjian_desktop.gui.members.widgets import GOOD_COLOUR, PROBLEM_COLOUR, problem_label, show_problem
from dangjian_desktop.services.context import Changes, Context
from dangjian_desktop.services.members import get_member, list_branches, member_problems, save_member

ETHNICITIES = ("汉族", "回族", "满族", "蒙古族", "壮族", "藏族", "维吾尔族", "苗族", "彝族", "土家族")
_BAD_INPUT = f"border: 2px solid {PROBLEM_COLOUR};"
_WIDE = 210


class MemberDialog(QDialog):
    """`member_uuid` None adds a member; after Save, `changes` holds what the service changed."""

    def __init__(self, ctx: Context, *, member_uuid: str | None = None, groups: list[str] = (), parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.member_uuid = member_uuid
        self.changes: Changes | None = None
        self.problems: list = []
        self.inputs: dict[str, QWidget] = {}
        self.problem_labels: dict[str, QLabel] = {}
        self.labels: dict[str, str] = {}
        self.touched: set[str] = set()
        self._groups = sorted({g for g in groups if g})
        self._forms: list[QFormLayout] = []
        current = get_member(ctx, member_uuid) if member_uuid else None
        self.setWindowTitle(self.tr("Change {0}'s details").format(current["name"]) if current
                            else self.tr("Add a party member"))
        self._build()
        if current:
            self._load(current)
            self.touched = set(self.inputs)  # stored data: show every problem at once
        else:
            self._set_defaults()
        self._connect()
        self.validate()

    # -- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        intro = hint_label(self.tr("Fields marked * must be filled in. Type the ID number first: "
                                   "birth date and sex are then filled in for you."))
        columns = QHBoxLayout()
        for title, fill in ((self.tr("Person"), self._person_fields),
                            (self.tr("Party membership"), self._party_fields),
                            (self.tr("Contact and other"), self._contact_fields)):
            box = QGroupBox(title)
            form = QFormLayout(box)
            form.setVerticalSpacing(4)
            self._forms.append(form)
            fill(form)
            columns.addWidget(box, 1)
        body = QWidget()
        body.setLayout(columns)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.save_button = big_button(self.tr("Save"), primary=True)
        self.save_button.clicked.connect(self.accept)
        self.save_button.setDefault(True)  # Enter saves (when everything is right), never cancels
        cancel = big_button(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        # Wide enough for the three columns at the font in use (the large-font mode needs more),
        # but never wider or taller than the screen.
        width, height = max(1180, body.sizeHint().width() + 60), max(700, body.sizeHint().height() + 140)
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(min(width, screen.width()) if screen else width, min(height, screen.height()) if screen else height)

    def _person_fields(self, form: QFormLayout) -> None:
        self._line(form, "name", self.tr("Name *"), self.tr("e.g. 张三"))
        self._line(form, "id_number", self.tr("ID number *"), self.tr("18 digits, the last may be X"))
        self.id_hint = QLabel()
        self.id_hint.setStyleSheet(f"color: {GOOD_COLOUR};")
        self.id_hint.hide()
        form.addRow("", self.id_hint)
        self._choice(form, "sex", self.tr("Sex"), ("男", "女"))
        self._line(form, "birth_date", self.tr("Birth date"), self.tr("e.g. 1965-03-12"))
        self._choice(form, "ethnicity", self.tr("Ethnic group"), ETHNICITIES, editable=True)
        self._choice(form, "education", self.tr("Education"), EDUCATION_LEVELS)
        self._line(form, "job", self.tr("Work"), self.tr("e.g. 农民"))

    def _party_fields(self, form: QFormLayout) -> None:
        self._choice(form, "category", self.tr("Stage *"), CATEGORIES, blank=self.member_uuid is None)
        branches = [b["name"] for b in list_branches(self.ctx)]
        self._choice(form, "branch_name", self.tr("Branch"), branches, blank=False)
        self._choice(form, "group_name", self.tr("Party group"), self._groups, editable=True)
        self._choice(form, "party_post", self.tr("Party post"), PARTY_POSTS, editable=True)
        self._line(form, "joined_on", self.tr("Joined the Party on"), self.tr("e.g. 1990-07-01"))
        self._line(form, "full_on", self.tr("Full member since"), self.tr("e.g. 1991-07-01"))
        self._choice(form, "standing", self.tr("Membership standing"), STANDINGS, blank=False)
        classes = tuple(dict.fromkeys((*MEMBER_CLASSES, *self.ctx.rulebook.member_classes)))
        self._choice(form, "member_class", self.tr("Class for points"), classes)
        self._line(form, "dues_standard", self.tr("Dues (yuan a month)"), self.tr("e.g. 0.5"))
        self._line(form, "dues_paid_until", self.tr("Dues paid up to"), self.tr("e.g. 2025-06"))

    def _contact_fields(self, form: QFormLayout) -> None:
        self._line(form, "phone", self.tr("Mobile phone"), self.tr("11 digits"))
        self._line(form, "landline", self.tr("Landline"))
        self._line(form, "address", self.tr("Home address"))
        self._flag(form, "flowing", self.tr("Flowing member"), self.tr("Yes, works or lives away from the village"))
        self._line(form, "flow_to", self.tr("Gone to"), self.tr("province, city, county"))
        self._flag(form, "lost_contact", self.tr("Out of contact"), self.tr("Yes, out of contact for six months or more"))
        self._line(form, "lost_contact_on", self.tr("Out of contact since"), self.tr("e.g. 2024-03-01"))
        self._line(form, "note", self.tr("Note"))

    def _add(self, form: QFormLayout, key: str, label: str, widget: QWidget) -> None:
        widget.setMinimumHeight(32)
        widget.setMinimumWidth(_WIDE)
        problem = problem_label()
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(problem)
        form.addRow(label, cell)
        self.inputs[key], self.problem_labels[key] = widget, problem
        self.labels[key] = label.rstrip(" *")

    def _line(self, form: QFormLayout, key: str, label: str, placeholder: str = "") -> None:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        self._add(form, key, label, edit)

    def _choice(self, form: QFormLayout, key: str, label: str, options, *, editable: bool = False,
                blank: bool = True) -> None:
        combo = QComboBox()
        combo.setEditable(editable)
        if blank:
            combo.addItem("" if editable else self.tr("(not filled in)"), "")
        for option in options:
            combo.addItem(option, option)
        self._add(form, key, label, combo)

    def _flag(self, form: QFormLayout, key: str, label: str, meaning: str) -> None:
        box = QCheckBox(self.tr("Yes"))
        box.setToolTip(meaning)  # the label says what it is; the full sentence would not fit the column
        self._add(form, key, label, box)

    # -- values ----------------------------------------------------------------------------------
    def record(self) -> dict:
        """The form as a member record (blank fields None); the service cleans and checks it."""
        out: dict = {}
        for key, widget in self.inputs.items():
            if isinstance(widget, QCheckBox):
                out[key] = 1 if widget.isChecked() else 0
            elif isinstance(widget, QComboBox):
                out[key] = (widget.currentText() if widget.isEditable() else widget.currentData() or "").strip() or None
            else:
                out[key] = widget.text().strip() or None
        return out

    def _set_value(self, key: str, value) -> None:
        widget = self.inputs[key]
        if isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QComboBox):
            text = "" if value is None else str(value)
            index = widget.findData(text)
            if index < 0 and text:
                # A value outside the list (an old word, a renamed group) is kept, not lost.
                widget.addItem(text, text)
                index = widget.count() - 1
            widget.setCurrentIndex(max(index, 0))
            if widget.isEditable():
                widget.setEditText(text)
        else:
            if isinstance(value, float):
                value = f"{value:g}"
            widget.setText("" if value is None else str(value))

    def _load(self, member: dict) -> None:
        for key in self.inputs:
            self._set_value(key, member.get(key))

    def _set_defaults(self) -> None:
        self._set_value("ethnicity", "汉族")
        branches = list_branches(self.ctx)
        # A 党总支's members belong to its branches, so the first branch is the likelier choice.
        self._set_value("branch_name", branches[1]["name"] if len(branches) > 1 else branches[0]["name"])

    # -- checking as the user types ------------------------------------------------------------
    def _connect(self) -> None:
        # One bound slot that asks which widget spoke: a lambda holding `self` per field would be
        # freed out of order by PySide when the garbage collector frees the dialog (a crash).
        for widget in self.inputs.values():
            if isinstance(widget, QCheckBox):
                widget.toggled.connect(self._field_changed)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self._field_changed)
                if widget.isEditable():
                    widget.editTextChanged.connect(self._field_changed)
            else:
                widget.textChanged.connect(self._field_changed)
        self.inputs["id_number"].textChanged.connect(self._fill_from_id)

    def _field_changed(self, *_) -> None:
        sender = self.sender()
        for key, widget in self.inputs.items():
            if widget is sender:
                self.touched.add(key)
        self.validate()

    def _fill_from_id(self, text: str) -> None:
        try:
            info = parse_id(text)
        except DangjianError:
            self.id_hint.hide()
            return
        self._set_value("birth_date", info.birth_date.isoformat())
        self._set_value("sex", info.sex)
        self.id_hint.setText(self.tr("Birth date and sex filled in from the ID number"))
        self.id_hint.show()

    def validate(self) -> bool:
        """Show what is wrong, field by field; Save only when nothing is. True when valid."""
        self.problems = member_problems(self.ctx, record=self.record(), member_uuid=self.member_uuid)
        by_field: dict[str, list[str]] = defaultdict(list)
        for problem in self.problems:
            by_field[problem.field].append(problem.reason)
        for key, label in self.problem_labels.items():
            text = "；".join(by_field.get(key, [])) if key in self.touched else ""
            show_problem(label, text)
            self.inputs[key].setStyleSheet(_BAD_INPUT if text and not isinstance(self.inputs[key], QCheckBox) else "")
        self.save_button.setEnabled(not self.problems)
        self.summary.setText(self._summary(by_field))
        return not self.problems

    def _summary(self, by_field: dict[str, list[str]]) -> str:
        if not by_field:
            text = self.tr("Everything is filled in correctly.")
            return f"<span style='color:{GOOD_COLOUR}'>{text}</span>"
        named = [self.labels[key] for key in self.inputs if key in by_field]
        other = [reason for key, reasons in by_field.items() if key not in self.inputs for reason in reasons]
        text = self.tr("Still to fill in or correct: {0}").format("、".join(named + other))
        return f"<span style='color:{PROBLEM_COLOUR}'>{text}</span>"

    def accept(self) -> None:
        if not self.validate():
            return
        try:
            self.changes = save_member(self.ctx, record=self.record(), member_uuid=self.member_uuid)
        except DangjianError as exc:
            show_error(self, exc)
            return
        super().accept()
