"""The widgets that set one or two of a form's options (`services.printing.OPTIONS`): the base,
years and periods, and plain values (members and meetings are in `record_fields`).

Each field says which option names it covers, gives their values as the keywords `print_form`
takes (None means "the form's default"), and emits `changed` whenever the user alters them. The
lists they offer (members, meetings, years, periods) come from the services in `reload()`.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLineEdit, QSpinBox, QWidget

from dangjian_desktop.services import meetings, points, stars
from dangjian_desktop.services.context import Context

FIELD_HEIGHT = 34


class OptionField(QWidget):
    """One line (or box) of the scope; `label` is shown beside it, None when it labels itself."""

    changed = Signal()
    names: tuple[str, ...] = ()

    def __init__(self, label: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = label

    def values(self) -> dict:
        raise NotImplementedError

    def set_value(self, name: str, value) -> None:
        raise NotImplementedError

    def reload(self, ctx: Context) -> None:
        """Fill the lists from the services, keeping the user's choice when it is still offered."""


def combo(min_width: int = 220) -> QComboBox:
    combo = QComboBox()
    combo.setMinimumHeight(FIELD_HEIGHT)
    combo.setMinimumWidth(min_width)
    combo.setMaxVisibleItems(15)
    return combo


def fill(combo: QComboBox, items: list[tuple[str, object]], keep=None) -> None:
    """Replace the items (text, data) without signalling; keep the chosen data if it is still there."""
    current = keep if keep is not None else combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    index = combo.findData(current) if current is not None else -1
    combo.setCurrentIndex(index if index >= 0 else (0 if items else -1))
    combo.blockSignals(False)


def choose(combo: QComboBox, value, text: str | None = None) -> None:
    """Select `value`; a value the list does not offer is added (a period another page asks for)."""
    index = combo.findData(value)
    if index < 0:
        combo.addItem(text or str(value), value)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


# -- years and periods -----------------------------------------------------------------------------

class YearField(OptionField):
    names = ("year",)

    def __init__(self, label: str, form_key: str, parent: QWidget | None = None):
        super().__init__(label, parent)
        self.form_key = form_key
        self.combo = combo(160)
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addStretch(1)

    def _years(self, ctx: Context) -> list[tuple[str, int]]:
        # Each form offers the years it has data for; the member form counts in points cycles.
        if self.form_key == "member-form":
            return [(p.label, int(p.key)) for p in points.score_periods(ctx, kind="year")]
        if self.form_key == "star-form":
            years = stars.assessment_years(ctx)
        elif self.form_key == "training-stats":
            years = meetings.meeting_years(ctx)
        else:
            years = list(range(ctx.today.year, ctx.today.year - 5, -1))
        return [(self.tr("Year {0}").format(year), year) for year in years]

    def reload(self, ctx: Context) -> None:
        fill(self.combo, self._years(ctx))

    def values(self) -> dict:
        return {"year": self.combo.currentData()}

    def set_value(self, name: str, value) -> None:
        choose(self.combo, value)


_KIND_OF_KEY = (("quarter", re.compile(r"^\d{4}-Q\d\Z")), ("month", re.compile(r"^\d{4}-\d{2}\Z")),
                ("year", re.compile(r"^\d{4}\Z")))


class PeriodField(OptionField):
    """Quarter (the usual notice), month or whole year, then which one; newest first."""

    names = ("period",)

    def __init__(self, label: str, parent: QWidget | None = None):
        super().__init__(label, parent)
        self.ctx: Context | None = None
        self.kind = combo(100)
        for text, kind in ((self.tr("Quarter"), "quarter"), (self.tr("Month"), "month"),
                           (self.tr("Whole year"), "year")):
            self.kind.addItem(text, kind)
        self.period = combo(180)
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self.period.currentIndexChanged.connect(lambda _i: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind)
        layout.addWidget(self.period, 1)

    def reload(self, ctx: Context) -> None:
        self.ctx = ctx
        self._fill_periods()

    def _fill_periods(self, keep: str | None = None) -> None:
        if self.ctx is None:
            return
        periods = points.score_periods(self.ctx, kind=self.kind.currentData())
        fill(self.period, [(p.label, p.key) for p in periods], keep)

    def _kind_chosen(self) -> None:
        self._fill_periods()
        self.changed.emit()

    def values(self) -> dict:
        return {"period": self.period.currentData()}

    def set_value(self, name: str, value) -> None:
        kind = next((k for k, pattern in _KIND_OF_KEY if pattern.match(str(value))), "quarter")
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.kind.blockSignals(False)
        self._fill_periods(keep=value)
        choose(self.period, value)


# -- plain values ----------------------------------------------------------------------------------

class FlagField(OptionField):
    def __init__(self, name: str, text: str, parent: QWidget | None = None):
        super().__init__(None, parent)
        self.names = (name,)
        self.box = QCheckBox(text)
        self.box.toggled.connect(lambda _c: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)

    def values(self) -> dict:
        return {self.names[0]: self.box.isChecked()}

    def set_value(self, name: str, value) -> None:
        self.box.setChecked(bool(value))


class DateField(OptionField):
    """A day, picked from a calendar; today until the user changes it."""

    def __init__(self, name: str, label: str, parent: QWidget | None = None):
        super().__init__(label, parent)
        self.names = (name,)
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setMinimumHeight(FIELD_HEIGHT)
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self._touched = False

    def reload(self, ctx: Context) -> None:
        if not self._touched:
            self.set_value(self.names[0], ctx.today)
            self._touched = False

    def values(self) -> dict:
        day = self.edit.date()
        return {self.names[0]: date(day.year(), day.month(), day.day())}

    def set_value(self, name: str, value: date) -> None:
        self._touched = True
        self.edit.setDate(QDate(value.year, value.month, value.day))


class IntField(OptionField):
    def __init__(self, name: str, label: str, low: int, high: int, default: int, suffix: str = "",
                 parent: QWidget | None = None):
        super().__init__(label, parent)
        self.names = (name,)
        self.spin = QSpinBox()
        self.spin.setRange(low, high)
        self.spin.setValue(default)
        self.spin.setSuffix(suffix)
        self.spin.setMinimumHeight(FIELD_HEIGHT)
        self.spin.setMinimumWidth(100)
        self.spin.valueChanged.connect(lambda _v: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.spin)
        layout.addStretch(1)

    def values(self) -> dict:
        return {self.names[0]: self.spin.value()}

    def set_value(self, name: str, value) -> None:
        self.spin.setValue(int(value))


class TextField(OptionField):
    """Free text; left empty, the form writes its own default (the placeholder says which)."""

    def __init__(self, name: str, label: str, placeholder: str = "", parent: QWidget | None = None):
        super().__init__(label, parent)
        self.names = (name,)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setMinimumHeight(FIELD_HEIGHT)
        self.edit.textChanged.connect(lambda _t: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)

    def values(self) -> dict:
        return {self.names[0]: self.edit.text().strip() or None}

    def set_value(self, name: str, value) -> None:
        self.edit.setText(value or "")
