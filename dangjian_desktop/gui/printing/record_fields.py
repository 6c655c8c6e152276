"""The option widgets that choose a record: a member (by name, pinyin or initials) or a meeting."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QCompleter, QGridLayout, QHBoxLayout, QLabel, QRadioButton,
                               QWidget)

from dangjian_desktop.gui.printing.fields import FIELD_HEIGHT, OptionField, choose, combo, fill
from dangjian_desktop.services import meetings, members
from dangjian_desktop.services.context import Context

SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1

# -- members ---------------------------------------------------------------------------------------

class _SearchCompleter(QCompleter):
    """Matches on name, pinyin and initials ("zs" finds 张三) but writes the shown text into the box."""

    def pathFromIndex(self, index) -> str:
        return index.data(Qt.ItemDataRole.DisplayRole) or ""


class MemberCombo(QComboBox):
    """Pick one roster member by choosing from the list or typing part of a name or its pinyin.

    The data of an item is the member's ID number (names can repeat: 陈帅 twice) or, without one,
    the name, which is what `print_form(member=…)` looks up.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumHeight(FIELD_HEIGHT)
        self.setMinimumWidth(200)
        self.setMaxVisibleItems(15)
        self.items = QStandardItemModel(self)
        self.setModel(self.items)
        completer = _SearchCompleter(self.items, self)
        completer.setCompletionRole(SEARCH_ROLE)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.lineEdit().editingFinished.connect(self._settle)

    def set_members(self, rows: list[dict]) -> None:
        current = self.currentData()
        self.blockSignals(True)
        self.items.clear()
        for row in rows:
            text = f"{row['name']}（{row['group_name']}）" if row.get("group_name") else row["name"]
            item = QStandardItem(text)
            item.setData(row["id_number"] or row["name"], Qt.ItemDataRole.UserRole)
            item.setData(" ".join(filter(None, (row["name"], row.get("name_pinyin"), row.get("name_initials"),
                                                row.get("group_name")))), SEARCH_ROLE)
            self.items.appendRow(item)
        index = self.findData(current) if current is not None else -1
        self.setCurrentIndex(index if index >= 0 else (0 if rows else -1))
        self.blockSignals(False)

    def _settle(self) -> None:
        """Typed text that names no one goes back to the member chosen before: never a half name."""
        index = self.findText(self.currentText())
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(self.itemText(self.currentIndex()) if self.currentIndex() >= 0 else "")


class MemberField(OptionField):
    names = ("member",)

    def __init__(self, label: str, parent: QWidget | None = None):
        super().__init__(label, parent)
        self.combo = MemberCombo()
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)

    def reload(self, ctx: Context) -> None:
        self.combo.set_members(members.list_members(ctx, roster_only=True))

    def values(self) -> dict:
        return {"member": self.combo.currentData()}

    def set_value(self, name: str, value) -> None:
        choose(self.combo, value)


class MemberScopeField(OptionField):
    """One member's form, or every roster member's (one PDF, a form each)."""

    names = ("member", "all_members")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(None, parent)
        self.one = QRadioButton(self.tr("One member:"))
        self.everyone = QRadioButton(self.tr("Every member on the roster, a form each"))
        self.one.setChecked(True)  # a quick look first; everyone's forms take a few seconds
        self.group = QButtonGroup(self)
        self.group.addButton(self.one)
        self.group.addButton(self.everyone)
        self.combo = MemberCombo()
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.group.buttonToggled.connect(self._toggled)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.one, 0, 0)
        layout.addWidget(self.combo, 0, 1)
        layout.addWidget(self.everyone, 1, 0, 1, 2)
        layout.setColumnStretch(1, 1)

    def _toggled(self, _button, checked: bool) -> None:
        if checked:
            self.combo.setEnabled(self.one.isChecked())
            self.changed.emit()

    def reload(self, ctx: Context) -> None:
        roster = members.list_members(ctx, roster_only=True)
        self.combo.set_members(roster)
        self.everyone.setText(self.tr("Every member on the roster, a form each ({0} people)").format(len(roster)))

    def values(self) -> dict:
        if self.everyone.isChecked():
            return {"all_members": True}
        return {"member": self.combo.currentData()}

    def set_value(self, name: str, value) -> None:
        if name == "all_members":
            (self.everyone if value else self.one).setChecked(True)
        else:
            self.one.setChecked(True)
            choose(self.combo, value)


# -- meetings --------------------------------------------------------------------------------------

def _meeting_items(ctx: Context) -> list[tuple[str, str]]:
    return [(f"{m['held_on']}  {m['title']}", m["uuid"]) for m in meetings.list_meetings(ctx)]


class MeetingField(OptionField):
    """A meeting from the records, newest first."""

    names = ("meeting",)

    def __init__(self, label: str, parent: QWidget | None = None):
        super().__init__(label, parent)
        self.combo = combo(260)
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)

    def reload(self, ctx: Context) -> None:
        fill(self.combo, _meeting_items(ctx))

    def values(self) -> dict:
        return {"meeting": self.combo.currentData()}

    def set_value(self, name: str, value) -> None:
        choose(self.combo, value)


class SigninScopeField(OptionField):
    """Before a meeting: a blank sheet of everyone expected; after: the attendance as recorded.

    A blank sheet needs no meeting (its name and time are written in by hand, every roster member
    is listed); chosen with a meeting, it lists whom that meeting expects (a 支委会: the committee).
    """

    names = ("meeting", "blank")

    def __init__(self, meeting_label: str, parent: QWidget | None = None):
        super().__init__(None, parent)
        self.ctx: Context | None = None
        self.before = QRadioButton(self.tr("Before the meeting: a blank sheet for everyone to sign"))
        self.after = QRadioButton(self.tr("After the meeting: the attendance as recorded"))
        self.before.setChecked(True)
        self.group = QButtonGroup(self)
        self.group.addButton(self.before)
        self.group.addButton(self.after)
        self.group.buttonToggled.connect(self._toggled)
        self.combo = combo(260)
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.before, 0, 0, 1, 2)
        layout.addWidget(self.after, 1, 0, 1, 2)
        layout.addWidget(QLabel(meeting_label), 2, 0)
        layout.addWidget(self.combo, 2, 1)
        layout.setColumnStretch(1, 1)

    def blank(self) -> bool:
        return self.before.isChecked()

    def _items(self) -> list[tuple[str, str | None]]:
        items = _meeting_items(self.ctx) if self.ctx is not None else []
        if self.blank():
            items.insert(0, (self.tr("Not entered yet: fill in by hand"), None))
        return items

    def reload(self, ctx: Context) -> None:
        self.ctx = ctx
        fill(self.combo, self._items())

    def _toggled(self, _button, checked: bool) -> None:
        if checked:
            fill(self.combo, self._items())
            if self.blank():
                self.combo.setCurrentIndex(0)
            self.changed.emit()

    def values(self) -> dict:
        return {"blank": self.blank(), "meeting": self.combo.currentData()}

    def set_value(self, name: str, value) -> None:
        if name == "blank":
            (self.before if value else self.after).setChecked(True)
        else:
            choose(self.combo, value)
