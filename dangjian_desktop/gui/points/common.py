"""Small pieces the points tabs and dialogs share: how points, stars and sources read, big buttons."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from dangjian_desktop.core.points import format_points

#: Colours that stay readable on the default light palette and in print.
RED = QColor("#b42318")
GREY = QColor("#7a7a7a")
GREEN = QColor("#1e6b34")
ORANGE = QColor("#9a5b00")

_CHINESE_DIGITS = {c: n for n, c in enumerate("零一二三四五六七八九", start=0)}


def source_record(proxy, proxy_row: int) -> dict:
    """The record behind a row of a `RecordFilterProxy`, read straight from the source model.

    Not through `data(RecordRole)`: PySide6 6.12 converts a dict returned by `data()` to a
    QVariantMap and back, and drops a reference to None for every None value on the way back, so
    after a few thousand reads Python dies with "deallocating None".
    """
    source = proxy.mapToSource(proxy.index(proxy_row, 0))
    return proxy.sourceModel().record(source.row())


def signed_points(x100: int) -> str:
    """+2, -0.5, 0: the sign always shown, because a bonus and a deduction must not look alike."""
    text = format_points(x100)
    return f"+{text}" if x100 > 0 else text


def plain_points(x100: int) -> str:
    return format_points(x100)


def stars_text(stars: int) -> str:
    return "★" * stars if stars else "—"


def natural_key(text: str | None) -> tuple:
    """Sort 第二党小组 before 第十党小组: Chinese and Arabic numerals compare as numbers."""
    if not text:
        return (1, ())
    parts = []
    for chunk in re.split(r"(\d+|[零一二三四五六七八九十]+)", text):
        if not chunk:
            continue
        if chunk.isdigit():
            parts.append((0, int(chunk), ""))
        elif all(c in _CHINESE_DIGITS or c == "十" for c in chunk):
            parts.append((0, _chinese_number(chunk), ""))
        else:
            parts.append((1, 0, chunk))
    return (0, tuple(parts))


def _chinese_number(text: str) -> int:
    if "十" not in text:
        value = 0
        for c in text:
            value = value * 10 + _CHINESE_DIGITS[c]
        return value
    tens, _, units = text.partition("十")
    return (_CHINESE_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CHINESE_DIGITS.get(units, 0) if units else 0)


def source_text(source: str) -> str:
    if source == "manual":
        return QCoreApplication.translate("PointsText", "Recorded by hand")
    if source == "attendance":
        return QCoreApplication.translate("PointsText", "Meeting attendance")
    if source == "reversal":
        return QCoreApplication.translate("PointsText", "Reversal")
    return source


def cap_text(item) -> str:
    """The item's cap in words, or a dash when it has none."""
    if item.cap_x100 is None:
        return QCoreApplication.translate("PointsText", "no cap")
    amount = format_points(item.cap_x100)
    if item.cap_period == "month":
        return QCoreApplication.translate("PointsText", "at most {0} a month").format(amount)
    if item.cap_period == "quarter":
        return QCoreApplication.translate("PointsText", "at most {0} a quarter").format(amount)
    return QCoreApplication.translate("PointsText", "at most {0} a year").format(amount)


def share_text(share: float) -> str:
    """The 优秀 quota share in words: "one third" for 0.3333, else a percentage."""
    if abs(share - 1 / 3) < 0.0001:
        return QCoreApplication.translate("PointsText", "one third")
    return f"{share:.0%}"




def roomy(view) -> None:
    """Taller rows in a tree, so a checkbox is easy to see and to hit."""
    view.setStyleSheet("QTreeView::item { padding: 3px 2px; }")


def message_label() -> QLabel:
    """Where a dialog says, in plain words, what is still wrong (red) or worth knowing (dark orange)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def show_message(label: QLabel, problems: list[str], warnings: list[str] = ()) -> None:
    if problems:
        label.setStyleSheet(f"color: {RED.name()}; font-weight: bold;")
        label.setText("\n".join(problems))
    elif warnings:
        label.setStyleSheet(f"color: {ORANGE.name()};")
        label.setText("\n".join(warnings))
    else:
        label.setStyleSheet("")
        label.setText("")
