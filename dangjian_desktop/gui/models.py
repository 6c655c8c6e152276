"""Table models in Vorta's shape: column specs, a sort role with native values, `record(row)`,
one `set_rows()`; filtering in a proxy that reads roles, not display text, or, for big tables
filtered as the user types, in the model itself (`SelfFilteringModel`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

SortRole = Qt.ItemDataRole.UserRole + 1
# For row objects that are not dicts. PySide6 6.12 loses a reference to None for every None inside
# a dict handed back through data() to Python, and aborts after a few thousand reads
# ("none_dealloc"), so dict records are read with `model.record(row)` / `proxy.record(proxy_row)`.
RecordRole = Qt.ItemDataRole.UserRole + 2
SearchRole = Qt.ItemDataRole.UserRole + 3
#: A cell's text longer than this is also its tooltip (whole, where a narrow column cuts it short).
TOOLTIP_CHARS = 20


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    display: Callable[[dict], Any] | None = None  # text shown; default: the record's value
    sort: Callable[[dict], Any] | None = None  # native sort value; default: the record's value
    align_right: bool = False

    def text(self, record: dict) -> str:
        value = self.display(record) if self.display else record.get(self.key)
        return "" if value is None else str(value)

    def sort_value(self, record: dict) -> Any:
        value = self.sort(record) if self.sort else record.get(self.key)
        return (0, "") if value is None else (1, value)


class RecordTableModel(QAbstractTableModel):
    """Rows are plain dicts from the services; `search_keys` builds the text the filter matches."""

    def __init__(self, columns: list[Column], *, search_keys: Callable[[dict], str] | None = None, parent=None):
        super().__init__(parent)
        self.columns = columns
        self._rows: list[dict] = []
        self._search: list[str] = []
        self._search_keys = search_keys or (lambda r: " ".join(str(v) for v in r.values() if v is not None))

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._search = [self._search_keys(r).lower() for r in self._rows]
        self.endResetModel()

    def record(self, row: int) -> dict:
        return self._rows[row]

    def records(self) -> list[dict]:
        return list(self._rows)

    def search_texts(self) -> list[str]:
        return self._search

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record, column = self._rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == SortRole:
            return column.sort_value(record)
        if role == SearchRole:
            return self._search[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:  # a long text, whole, where its column cuts it short
            text = column.text(record)
            return text if len(text) > TOOLTIP_CHARS else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        return None


class RecordFilterProxy(QSortFilterProxyModel):
    """Sorts by SortRole; keeps rows whose search text holds the typed text and that pass `predicate`.

    The match is computed for all rows at once when the text changes (a list comprehension over the
    model's cached search strings), so each keystroke costs one pass, not one Python call per cell.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SortRole)
        self._text = ""
        self._predicate: Callable[[dict], bool] | None = None
        self._passing: list[bool] | None = None  # the predicate per source row, until it or the rows change
        self._accepted: list[bool] | None = None

    def setSourceModel(self, model: RecordTableModel) -> None:
        super().setSourceModel(model)
        model.modelReset.connect(self._rows_changed)  # the models change their rows only by a reset

    def set_text(self, text: str) -> None:
        self._text = text.strip().lower()
        self._recompute()

    def set_predicate(self, predicate: Callable[[dict], bool] | None) -> None:
        self._predicate = predicate
        self._rows_changed()

    def _rows_changed(self) -> None:
        self._passing = None
        self._recompute()

    def _recompute(self) -> None:
        model = self.sourceModel()
        if model is None:
            return
        text, predicate = self._text, self._predicate
        texts = model.search_texts()
        if predicate is not None and self._passing is None:
            self._passing = [bool(predicate(r)) for r in model._rows]
        self.beginFilterChange()
        if predicate is None:
            self._accepted = [text in s for s in texts] if text else None
        elif text:
            self._accepted = [p and text in s for p, s in zip(self._passing, texts)]
        else:
            self._accepted = self._passing
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        accepted = self._accepted
        return True if accepted is None or source_row >= len(accepted) else accepted[source_row]

    def lessThan(self, left, right) -> bool:
        return left.data(SortRole) < right.data(SortRole)

    def record(self, proxy_row: int) -> dict:
        return self.sourceModel().record(self.mapToSource(self.index(proxy_row, 0)).row())


_DISPLAY, _ALIGN = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND, _SORT, _SEARCH = int(Qt.ItemDataRole.ForegroundRole), int(SortRole), int(SearchRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
ANSWERS_KEPT = 32


class SelfFilteringModel(RecordTableModel):
    """A table that filters and sorts itself, for big tables filtered as the user types (no proxy).

    `records()` is every loaded row; `rowCount()`, `record(row)`, `index()` and `data()` are the rows
    shown: those passing the predicate and holding the typed text, in the order of the last
    `sort()`. A keystroke is at most one Python pass over the cached lowercase search strings (see
    `_filtered`) and, if the rows shown changed, one model reset; nothing is called per row through
    Qt. A painted cell costs one short `data()` call per role on cached texts: through a
    `QSortFilterProxyModel` each of those calls also mapped the index, and repainting the visible
    rows cost more than filtering 10 000 (bench/roster_filter_bench.py).
    """

    def __init__(self, columns: list[Column], *, search_keys: Callable[[dict], str] | None = None,
                 foreground: Callable[[dict], Any] | None = None, parent=None):
        super().__init__(columns, search_keys=search_keys, parent=parent)
        self._foreground_of = foreground
        self._cells: list[tuple[str, ...] | None] = []  # display texts per loaded row, made when first shown
        self._foreground: list[Any] | None = None
        self._align: list[int | None] = []
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self._order: list[int] = []  # every loaded row, sorted
        self._predicate: Callable[[dict], bool] | None = None
        self._passing: list[bool] | None = None  # the predicate per loaded row
        self._base: list[int] | None = []  # `_order` narrowed by the predicate (None: to recompute)
        self._answers: dict[str, list[int]] = {"": []}  # typed text → `_base` narrowed by it, latest last
        self._text = ""
        self._shown: list[int] = []

    # -- loading, sorting, filtering -------------------------------------------------------------
    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._search = [self._search_keys(r).lower() for r in self._rows]
        self._cells = [None] * len(self._rows)
        self._foreground = [self._foreground_of(r) for r in self._rows] if self._foreground_of else None
        self._align = [_RIGHT if c.align_right else None for c in self.columns]
        self._passing = [bool(self._predicate(r)) for r in self._rows] if self._predicate else None
        self._order = self._sorted_order()
        self._base = None
        self._shown = self._filtered()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """One `sorted()` over all loaded rows; the typed text and predicate stay applied."""
        self._sort = (column, order)
        self._order = self._sorted_order()
        self._base = None
        self._show(self._filtered())

    def set_text(self, text: str) -> None:
        text = text.strip().lower()
        if text != self._text:
            self._text = text
            self._show(self._filtered())

    def set_predicate(self, predicate: Callable[[dict], bool] | None) -> None:
        self._predicate = predicate
        self._passing = [bool(predicate(r)) for r in self._rows] if predicate else None
        self._base = None
        self._show(self._filtered())

    def _sorted_order(self) -> list[int]:
        column, order = self._sort
        if not 0 <= column < len(self.columns):
            return list(range(len(self._rows)))
        key, rows = self.columns[column].sort_value, self._rows
        return sorted(range(len(rows)), key=lambda i: key(rows[i]), reverse=order == Qt.SortOrder.DescendingOrder)

    def _filtered(self) -> list[int]:
        """The rows to show. Answers for recent texts are kept until the rows, order or predicate change,
        so a backspace costs nothing; a new text narrows the longest kept answer for a text inside it
        (rows holding "zhan" are among those holding "zha"), so typing on narrows ever fewer rows."""
        if self._base is None:
            passing = self._passing
            self._base = self._order if passing is None else [i for i in self._order if passing[i]]
            self._answers = {"": self._base}
        text, answers = self._text, self._answers
        shown = answers.get(text)
        if shown is None:
            start = answers[max((kept for kept in answers if kept in text), key=len)]  # "" is in every text
            search = self._search
            shown = answers[text] = [i for i in start if text in search[i]]
            if len(answers) > ANSWERS_KEPT:
                del answers[next(kept for kept in answers if kept)]  # the oldest, never ""
        return shown

    def _show(self, shown: list[int]) -> None:
        """Reset only if the rows shown changed: an unchanged table needs no repaint."""
        if shown == self._shown:
            self._shown = shown
            return
        self.beginResetModel()
        self._shown = shown
        self.endResetModel()

    # -- reading ---------------------------------------------------------------------------------
    def record(self, row: int) -> dict:
        """The row shown at `row`."""
        return self._rows[self._shown[row]]

    def shown_records(self) -> list[dict]:
        return [self._rows[i] for i in self._shown]

    def shown_row(self, loaded_row: int) -> int | None:
        """Where the `loaded_row`-th row of `records()` is shown, or None if it is filtered out."""
        try:
            return self._shown.index(loaded_row)
        except ValueError:
            return None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        # Called for every role of every painted cell: the display text first, everything else cached.
        row = index.row()
        if row < 0:
            return None
        if role == _DISPLAY:
            loaded = self._shown[row]
            cells = self._cells[loaded] or self._make_cells(loaded)
            return cells[index.column()]
        if role == _FOREGROUND:
            return None if self._foreground is None else self._foreground[self._shown[row]]
        if role == _ALIGN:
            return self._align[index.column()]
        if role == _SORT:
            return self.columns[index.column()].sort_value(self._rows[self._shown[row]])
        if role == _SEARCH:
            return self._search[self._shown[row]]
        return None

    def _make_cells(self, loaded: int) -> tuple[str, ...]:
        record = self._rows[loaded]
        cells = self._cells[loaded] = tuple(column.text(record) for column in self.columns)
        return cells
