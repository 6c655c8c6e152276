"""The rulebook's items as a tree: category (with its base points) → item (points, cap)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from dangjian_desktop.gui.points.common import GREEN, RED, cap_text, plain_points, signed_points
from dangjian_desktop.gui.points.tree import Index, Node, TreeColumn, TreeModel


class RuleItemModel(TreeModel):
    """Categories are headings; an item's record is {'code', 'item'} with the core `Item`."""

    def __init__(self, parent=None):
        super().__init__([
            TreeColumn(self.tr("Item"), lambda n: n.label),
            TreeColumn(self.tr("Points each time"), self._points, align_right=True),
            TreeColumn(self.tr("Cap"), self._cap),
        ], parent)

    def _points(self, node: Node) -> str:
        if node.record is None:
            return self.tr("base {0}").format(plain_points(node.extra))
        return signed_points(node.record["item"].points_x100)

    def _cap(self, node: Node) -> str:
        return "" if node.record is None else cap_text(node.record["item"])

    def set_rulebook(self, rulebook) -> None:
        roots = []
        for category in rulebook.categories:
            items = [i for i in rulebook.items.values() if i.category == category.code]
            roots.append(Node(category.name, None, [Node(i.name, {"code": i.code, "item": i}) for i in items],
                              extra=category.base_x100))
        self.set_roots(roots)

    def item_node(self, code: str) -> Node | None:
        return next((n for n in self.all_nodes() if n.record and n.record["code"] == code), None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if role == Qt.ItemDataRole.ForegroundRole and node is not None and node.record and index.column() == 1:
            return GREEN if node.record["item"].is_bonus else RED
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        # A category is a heading, not a choice: only items can be selected.
        flags = super().flags(index)
        node = self.node(index)
        if node is not None and node.record is None:
            flags &= ~Qt.ItemFlag.ItemIsSelectable
        return flags
