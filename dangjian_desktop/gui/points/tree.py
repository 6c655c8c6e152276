"""A small read-only tree model (category → item, branch → group → member) and its filter proxy.

The shared `RecordTableModel` is flat; the points dialogs need two levels or three. Nodes are plain
Python objects kept in a list, and an index carries the node's position in that list as its
internal id, so no Python object has to outlive Qt's raw pointer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont

from dangjian_desktop.gui.models import SearchRole

Index = QModelIndex | QPersistentModelIndex


@dataclass(eq=False)
class Node:
    """A row of the tree: a heading (record is None) or a record (a dict from the services)."""

    label: str
    record: dict | None = None
    children: list["Node"] = field(default_factory=list)
    search: str = ""  # lower-case text the filter matches; a child also matches its ancestors' text
    parent: "Node | None" = field(default=None, repr=False)
    row: int = 0
    id: int = 0
    enabled: bool = True
    extra: Any = None  # what a heading shows besides its label (a category's base points)


@dataclass(frozen=True)
class TreeColumn:
    header: str
    text: Callable[[Node], Any]
    align_right: bool = False


class TreeModel(QAbstractItemModel):
    """Rows are `Node`s; `set_roots()` loads them (Vorta's one loading call, for a tree)."""

    def __init__(self, columns: list[TreeColumn], parent=None):
        super().__init__(parent)
        self.columns = columns
        self._roots: list[Node] = []
        self._nodes: list[Node] = []

    def set_roots(self, roots: list[Node]) -> None:
        self.beginResetModel()
        self._roots, self._nodes = roots, []
        self._link(roots, None, "")
        self.endResetModel()

    def _link(self, nodes: list[Node], parent: Node | None, inherited: str) -> None:
        for row, node in enumerate(nodes):
            node.parent, node.row, node.id = parent, row, len(self._nodes)
            node.search = f"{inherited} {node.search or node.label}".strip().lower()
            self._nodes.append(node)
            self._link(node.children, node, node.search)

    def roots(self) -> list[Node]:
        return self._roots

    def all_nodes(self) -> list[Node]:
        return self._nodes

    # No RecordRole here: PySide6 copies a dict returned by data() and loses a reference to None
    # per None value (see common.source_record); callers take the node with `node()` instead.
    def node(self, index: Index) -> Node | None:
        if not index.isValid():
            return None
        return self._nodes[index.internalId()]

    def index_of(self, node: Node, column: int = 0) -> QModelIndex:
        return self.createIndex(node.row, column, node.id)

    # -- QAbstractItemModel ----------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        siblings = self._roots if not parent.isValid() else self.node(parent).children
        if not (0 <= row < len(siblings) and 0 <= column < len(self.columns)) or (parent.isValid() and parent.column()):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row].id)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        node = self.node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.index_of(node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._roots)
        return 0 if parent.column() else len(self.node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(self.columns)

    def flags(self, index: Index) -> Qt.ItemFlag:
        node = self.node(index)
        if node is None:
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEnabled if node.enabled else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.text(node)
            return "" if value is None else str(value)
        if role == SearchRole:
            return node.search
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return node.label  # the whole name, when a narrow column cuts it short
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and node.record is None:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        return None


class TreeFilterProxy(QSortFilterProxyModel):
    """Keeps nodes whose search text (their own plus their ancestors') holds the typed text.

    Recursive filtering keeps a heading whenever one of its rows matches.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self._text = ""

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._text:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return self._text in (index.data(SearchRole) or "")
