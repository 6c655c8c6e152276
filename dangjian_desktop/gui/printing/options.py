"""The scope of a form: widgets made from the options the form takes in `services.printing.FORMS`.

Options that only make sense together are shown as one choice: member + all_members (one member
or everyone), meeting + blank (before or after a meeting). Every other option gets the widget for
its kind, so a form added to the registry gets its scope widgets without a change here.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from dangjian_desktop.gui.printing.fields import (DateField, FlagField, IntField, OptionField, PeriodField, TextField,
                                                  YearField)
from dangjian_desktop.gui.printing.record_fields import MeetingField, MemberField, MemberScopeField, SigninScopeField
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.printing import OPTIONS, FormSpec


class OptionsPanel(QWidget):
    """The scope widgets of one form; `values()` are the keywords for `print_form`."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.fields: list[OptionField] = []
        self.spec: FormSpec | None = None
        self._loading = False
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setVerticalSpacing(10)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)

    def _label(self, name: str) -> str:
        labels = {
            "member": self.tr("Member"),
            "all_members": self.tr("Every member on the roster"),
            "period": self.tr("Period"),
            "year": self.tr("Year"),
            "meeting": self.tr("Meeting"),
            "blank": self.tr("Blank sheet to sign before the meeting"),
            "start": self.tr("Posted from"),
            "days": self.tr("Posted for"),
            "objections_to": self.tr("Objections to"),
        }
        return labels.get(name) or OPTIONS[name].label

    def _field(self, name: str, spec: FormSpec) -> OptionField:
        kind = OPTIONS[name].kind if name in OPTIONS else "text"
        label = self._label(name)
        if kind == "year":
            return YearField(label, spec.key)
        if kind == "period":
            return PeriodField(label)
        if kind == "member":
            return MemberField(label)
        if kind == "meeting":
            return MeetingField(label)
        if kind == "flag":
            return FlagField(name, label)
        if kind == "date":
            return DateField(name, label)
        if kind == "int":
            if name == "days":
                return IntField(name, label, 1, 30, 5, self.tr(" days"))
            return IntField(name, label, 0, 999, 0)
        placeholder = self.tr("Empty: the village secretary and the town's organisation officer") \
            if name == "objections_to" else ""
        return TextField(name, label, placeholder)

    def set_form(self, spec: FormSpec, ctx: Context) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.spec = spec
        self.fields = []
        names = list(spec.options)
        for pair, make in ((("member", "all_members"), MemberScopeField),
                           (("meeting", "blank"), lambda: SigninScopeField(self._label("meeting")))):
            if all(n in names for n in pair):
                self.fields.append(make())
                names = [n for n in names if n not in pair]
        self.fields += [self._field(name, spec) for name in names]
        for field in self.fields:
            field.changed.connect(self._field_changed)
            if field.label is None:
                self.form.addRow(field)
            else:
                self.form.addRow(field.label, field)
        if not self.fields:
            note = QLabel(self.tr("Nothing to choose: this form shows the village as it is today."))
            note.setWordWrap(True)
            self.form.addRow(note)
        self.reload(ctx)

    def reload(self, ctx: Context) -> None:
        self._loading = True
        try:
            for field in self.fields:
                field.reload(ctx)
        finally:
            self._loading = False

    def _field_changed(self) -> None:
        if not self._loading:
            self.changed.emit()

    def values(self) -> dict:
        out: dict = {}
        for field in self.fields:
            out.update(field.values())
        return out

    def set_value(self, name: str, value) -> None:
        """Set one option as if the user had chosen it (other pages and tests use this)."""
        field = next((f for f in self.fields if name in f.names), None)
        if field is None:
            raise KeyError(name)
        field.set_value(name, value)

    def is_batch(self) -> bool:
        """Every member's form at once: seconds of work, so it is made only when asked for."""
        return bool(self.values().get("all_members"))
