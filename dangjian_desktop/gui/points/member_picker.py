"""Choosing members to record points for: a checkbox tree by 党支部 and 党小组, filtered as you type.

Ticking a 党小组 (or a 党支部) ticks every member of it; members whom the chosen item does not
apply to (their member class is exempt) are greyed out and cannot be ticked, so "the whole group"
never sweeps in someone the rulebook spares.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTreeView, QVBoxLayout, QWidget

from dangjian_desktop.gui.widgets import big_button
from dangjian_desktop.gui.points.common import GREY, natural_key, roomy
from dangjian_desktop.gui.points.tree import Index, Node, TreeColumn, TreeFilterProxy, TreeModel


def _member_note(node: Node) -> str:
    return node.record.get("_note", "") if node.record else ""


class MemberPickerModel(TreeModel):
    """Headings (branches, groups) and members; the member nodes are checkable."""

    checked_changed = Signal(int)

    def __init__(self, parent=None):
        super().__init__([TreeColumn(self.tr("Member"), self._label), TreeColumn(self.tr("Note"), _member_note)],
                         parent)
        self._checked: set[str] = set()
        self._exempt: dict[str, str] = {}
        self.toggles = 0  # ticks made through setData, i.e. by the view's own checkbox handling

    def _label(self, node: Node) -> str:
        if node.record is None:
            return self.tr("{0} ({1} people)").format(node.label, len(self._members_under(node)))
        return node.label

    def set_members(self, members: list[dict]) -> None:
        """Roster members (dicts with uuid, name, branch_name, group_name …) in pinyin order."""
        branches: dict[str, dict[str, list[dict]]] = {}
        for member in members:
            group = member.get("group_name") or self.tr("Not in a group")
            branches.setdefault(member["branch_name"], {}).setdefault(group, []).append(member)

        def member_nodes(rows: list[dict]) -> list[Node]:
            return [Node(m["name"], dict(m, _note=m.get("member_class") or ""),
                         search=" ".join(filter(None, (m["name"], m.get("name_pinyin"), m.get("name_initials")))))
                    for m in rows]

        def group_nodes(groups: dict[str, list[dict]]) -> list[Node]:
            return [Node(name, None, member_nodes(groups[name])) for name in sorted(groups, key=natural_key)]

        if len(branches) == 1:
            roots = group_nodes(next(iter(branches.values())))
        else:
            roots = [Node(name, None, group_nodes(branches[name])) for name in sorted(branches, key=natural_key)]
        known = {m["uuid"] for m in members}
        self._checked &= known
        self.set_roots(roots)
        self.checked_changed.emit(len(self._checked))

    def set_exempt(self, exempt: dict[str, str]) -> list[str]:
        """Grey out members the item does not apply to; returns the names that had to be unticked."""
        self.beginResetModel()
        self._exempt = dict(exempt)
        dropped = []
        for node in self.all_nodes():
            if node.record is not None:
                node.enabled = node.record["uuid"] not in exempt
                if not node.enabled and node.record["uuid"] in self._checked:
                    self._checked.discard(node.record["uuid"])
                    dropped.append(node.label)
        self.endResetModel()
        self.checked_changed.emit(len(self._checked))
        return dropped

    # -- checking ------------------------------------------------------------------------
    def _members_under(self, node: Node) -> list[Node]:
        if node.record is not None:
            return [node]
        return [leaf for child in node.children for leaf in self._members_under(child)]

    def _state(self, node: Node) -> Qt.CheckState:
        leaves = [leaf for leaf in self._members_under(node) if leaf.enabled]
        ticked = sum(leaf.record["uuid"] in self._checked for leaf in leaves)
        if leaves and ticked == len(leaves):
            return Qt.CheckState.Checked
        return Qt.CheckState.PartiallyChecked if ticked else Qt.CheckState.Unchecked

    def set_checked(self, uuids, checked: bool = True) -> None:
        uuids = set(uuids)
        enabled = {n.record["uuid"] for n in self.all_nodes() if n.record is not None and n.enabled}
        if checked:
            self._checked |= uuids & enabled
        else:
            self._checked -= uuids
        self._emit_all_changed()

    def checked_uuids(self) -> list[str]:
        """Ticked members in the order the tree shows them."""
        return [n.record["uuid"] for n in self.all_nodes()
                if n.record is not None and n.record["uuid"] in self._checked]

    def _emit_all_changed(self) -> None:
        # A tick changes its headings' states too; the tree is a few hundred rows, so repaint it all.
        def walk(nodes: list[Node]) -> None:
            if nodes:
                self.dataChanged.emit(self.index_of(nodes[0]), self.index_of(nodes[-1], len(self.columns) - 1),
                                      [Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.DisplayRole])
                for node in nodes:
                    walk(node.children)

        walk(self.roots())
        self.checked_changed.emit(len(self._checked))

    # -- Qt --------------------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        node = self.node(index)
        if node is not None and index.column() == 0 and node.enabled:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            return self._state(node) if node.enabled else Qt.CheckState.Unchecked
        if node.record is not None and not node.enabled:
            if role == Qt.ItemDataRole.ForegroundRole:
                return GREY
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._exempt.get(node.record["uuid"])
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 1:
                return self.tr("not for this item")
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node = self.node(index)
        if node is None or role != Qt.ItemDataRole.CheckStateRole or index.column() != 0 or not node.enabled:
            return False
        state = Qt.CheckState(value) if not isinstance(value, Qt.CheckState) else value
        leaves = [leaf.record["uuid"] for leaf in self._members_under(node)]
        self.toggles += 1
        self.set_checked(leaves, state == Qt.CheckState.Checked)
        return True


class MemberPicker(QWidget):
    """Search box, the checkbox tree, "tick all shown" / "untick all", and how many are ticked."""

    checked_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = MemberPickerModel(self)
        self.proxy = TreeFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find a member: name, pinyin or initials (zs finds 张三)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        roomy(self.tree)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setStretchLastSection(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self._toggles_at_press = 0
        self.tree.pressed.connect(self._note_toggles)
        self.tree.clicked.connect(self._toggle_on_click)
        self.tick_all = big_button(self.tr("Tick all shown"))
        self.tick_all.clicked.connect(self._tick_shown)
        self.untick_all = big_button(self.tr("Untick all"))
        self.untick_all.clicked.connect(lambda: self.model.set_checked(self.model.checked_uuids(), False))
        self.count = QLabel()
        self.model.checked_changed.connect(self._count_changed)
        self.model.modelReset.connect(self.tree.expandAll)
        buttons = QHBoxLayout()
        buttons.addWidget(self.tick_all)
        buttons.addWidget(self.untick_all)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self._count_changed(0)

    def set_members(self, members: list[dict]) -> None:
        self.model.set_members(members)

    def checked_uuids(self) -> list[str]:
        return self.model.checked_uuids()

    def _filter(self, text: str) -> None:
        self.proxy.set_text(text)
        self.tree.expandAll()

    def _tick_shown(self) -> None:
        shown: list[str] = []

        def walk(parent: QModelIndex) -> None:
            for row in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(row, 0, parent)
                node = self.model.node(self.proxy.mapToSource(index))
                if node.record is not None:
                    shown.append(node.record["uuid"])
                walk(index)

        walk(QModelIndex())
        self.model.set_checked(shown, True)

    def _note_toggles(self, _index: QModelIndex) -> None:
        self._toggles_at_press = self.model.toggles

    def _toggle_on_click(self, index: QModelIndex) -> None:
        """A click anywhere on a member's row ticks it, not only on the small box (easier to hit).

        A click on the box itself has already been handled by the view (the model counted a toggle
        since the press), so it is not toggled twice.
        """
        node = self.model.node(self.proxy.mapToSource(index))
        if node is None or node.record is None or not node.enabled or self.model.toggles != self._toggles_at_press:
            return
        uuid = node.record["uuid"]
        self.model.set_checked([uuid], uuid not in self.model.checked_uuids())

    def _count_changed(self, count: int) -> None:
        self.count.setText(self.tr("{0} ticked").format(count))
        self.checked_changed.emit(count)
