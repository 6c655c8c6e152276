"""Table models in Vorta's shape: column specs, a sort role with native values, `record(row)`,
one `set_rows()`; filtering in a proxy that reads roles, not display text."""

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
