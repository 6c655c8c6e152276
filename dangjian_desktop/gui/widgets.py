"""Small widgets every page shares: big buttons, plain hint text, font sizes that follow the app font."""

from __future__ import annotations

from PySide6.QtWidgets import (QAbstractItemView, QApplication, QBoxLayout, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QSizePolicy, QTableView, QVBoxLayout, QWidget)

GOOD, BAD, DUE, MUTED = "#2e7d32", "#c62828", "#8d6e00", "#666"
PRIMARY_STYLE = ("QPushButton { padding: 6px 22px; font-weight: bold; color: white; background: #b71c1c;"
                 " border: 1px solid #8c1b12; border-radius: 4px; }"
                 " QPushButton:disabled { background: #d9a0a0; border-color: #d9a0a0; }"
                 " QPushButton:hover:!disabled { background: #96200f; }")
BUTTON_STYLE = ("QPushButton { padding: 6px 18px; }"
                " QPushButton:checked { font-weight: bold; color: white; background: #b71c1c;"
                " border: 1px solid #8c1b12; border-radius: 4px; }")


def big_button(text: str, *, primary: bool = False, tooltip: str = "") -> QPushButton:
    """A button an older secretary hits and reads without glasses; the main one in Party red."""
    button = QPushButton(text)
    button.setMinimumHeight(38)
    button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
    button.setStyleSheet(PRIMARY_STYLE if primary else BUTTON_STYLE)
    if tooltip:
        button.setToolTip(tooltip)
    return button


def row_table(model, *, sortable: bool = False) -> QTableView:
    """A table that selects whole rows and shows no row numbers, as every list in the app does."""
    table = QTableView()
    table.setModel(model)
    table.setSortingEnabled(sortable)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    return table


def log_table(model) -> QTableView:
    """A read-only list of log lines (the audit trail, the bundle history): one line a row, columns
    as wide as their text, the last one taking what is left."""
    table = row_table(model)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def hint_label(text: str = "") -> QLabel:
    """Grey explanatory text that wraps."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {MUTED};")
    return label


def rel_pt(factor: float) -> str:
    """A style-sheet font size relative to the application font, so the large-font mode scales it too."""
    base = QApplication.font().pointSizeF()
    return f"{(base if base > 0 else 10.5) * factor:.1f}pt"


def heading_row(title: str, *trailing: QWidget) -> QHBoxLayout:
    """A page's bold title on the left and its controls (a year choice …) on the right."""
    heading = QLabel(title)
    heading.setStyleSheet(f"font-size: {rel_pt(1.5)}; font-weight: bold;")
    row = QHBoxLayout()
    row.addWidget(heading)
    row.addStretch(1)
    for widget in trailing:
        row.addWidget(widget)
    return row


def card_page_body(name: str) -> tuple[QWidget, QVBoxLayout]:
    """The light-grey background and margins of the pages made of white cards (首页, 设置)."""
    content = QWidget()
    content.setObjectName(name)
    content.setStyleSheet(f"QWidget#{name} {{ background: #f4f5f7; }}")
    body = QVBoxLayout(content)
    body.setContentsMargins(24, 18, 24, 24)
    body.setSpacing(14)
    return content, body


def two_columns(left: list[QWidget], right: list[QWidget], *, stretch: tuple[int, int] = (1, 1),
                spacing: int = 12) -> QBoxLayout:
    """Cards in two columns, each packed to the top; a QBoxLayout so a page may stack them instead."""
    columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
    columns.setSpacing(spacing)
    for widgets, factor in ((left, stretch[0]), (right, stretch[1])):
        column = QVBoxLayout()
        column.setSpacing(spacing)
        for widget in widgets:
            column.addWidget(widget)
        column.addStretch(1)
        columns.addLayout(column, factor)
    return columns
