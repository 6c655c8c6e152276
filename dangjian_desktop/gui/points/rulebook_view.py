"""积分细则: the rulebook in force, read-only, as one plain document a secretary can read top to bottom.

The district issues the rulebook; a village cannot change it, so this tab has no edit controls.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from dangjian_desktop.gui.points.common import cap_text, plain_points, share_text, signed_points, stars_text
from dangjian_desktop.services.context import Context


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th align='left' style='background:#eef2f7'>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table border='1' cellspacing='0' cellpadding='5' width='98%'><tr>{head}</tr>{body}</table>"


def _heading(text: str) -> str:
    return f"<h3>{escape(text)}</h3>"


class RulebookTab(QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)

    def refresh(self) -> None:
        self.browser.setHtml(self.html())

    def html(self) -> str:
        rulebook = self.ctx.rulebook
        items = rulebook.items
        parts = [
            f"<h2>{escape(rulebook.name)}</h2>",
            "<p>" + escape(self.tr("Version {0}, in force from {1}. Issued by the district; it cannot be changed here.")
                           .format(rulebook.version, rulebook.effective_from.isoformat())) + "</p>",
            "<p>" + escape(self.tr("Each year's points start on the 1st of month {0}. "
                                   "Total = base points − deductions + bonuses; "
                                   "each category's base points go down to zero at most.")
                           .format(rulebook.cycle_start_month)) + "</p>",
            _heading(self.tr("Categories and base points")),
            _table([self.tr("Category"), self.tr("Base points")],
                   [[c.name, plain_points(c.base_x100)] for c in rulebook.categories]
                   + [[self.tr("In all"), plain_points(rulebook.base_total_x100)]]),
            _heading(self.tr("Items")),
        ]
        for category in rulebook.categories:
            rows = [[i.name, self.tr("Bonus") if i.is_bonus else self.tr("Deduction"), signed_points(i.points_x100),
                     cap_text(i)] for i in items.values() if i.category == category.code]
            parts.append(f"<h4>{escape(category.name)}</h4>")
            parts.append(_table([self.tr("Item"), self.tr("Kind"), self.tr("Points each time"), self.tr("Cap")], rows))
        if rulebook.bonus_cap_x100 is not None:
            bonus_cap = self.tr("Bonuses count up to {0} points a year in all.").format(
                plain_points(rulebook.bonus_cap_x100))
        else:
            bonus_cap = self.tr("Bonuses have no yearly limit in all.")
        parts.append(f"<p><b>{escape(bonus_cap)}</b></p>")

        parts.append(_heading(self.tr("Points posted from meeting attendance")))
        types = self.ctx.meeting_types.types
        parts.append(_table([self.tr("Meeting"), self.tr("Attendance"), self.tr("Item"), self.tr("Points")], [
            [types[r.meeting_type].name if r.meeting_type in types else self.tr("Any other meeting"), r.status,
             items[r.item_code].name, signed_points(items[r.item_code].points_x100)]
            for r in rulebook.attendance_rules]))

        parts.append(_heading(self.tr("Member classes and the items they are spared")))
        parts.append(_table([self.tr("Member class"), self.tr("Spared items")], [
            [c.name, "、".join(items[code].name for code in sorted(c.exempt_items)) or self.tr("none")]
            for c in rulebook.member_classes.values()]))

        parts.append(_heading(self.tr("Member stars by yearly total")))
        parts.append(_table([self.tr("Yearly total"), self.tr("Member star")],
                            [[self.tr("{0} or more").format(plain_points(minimum)), stars_text(stars)]
                             for minimum, stars in rulebook.member_stars]))
        parts.append(_heading(self.tr("Grades (民主评议)")))
        parts.append(_table([self.tr("Yearly total"), self.tr("Grade")],
                            [[self.tr("{0} or more").format(plain_points(minimum)), label]
                             for minimum, label in rulebook.grades]))
        parts.append("<p>" + escape(self.tr("At most {0} of the members may be graded excellent (优秀).").format(
            share_text(rulebook.excellent_share_max))) + "</p>")
        parts.append(_heading(self.tr("Probationary members")))
        parts.append("<p>" + escape(self.tr(
            "{0} or more: full membership on time; {1} to below {0}: probation extended; below {1}: probation ends.")
            .format(plain_points(rulebook.probation.on_time_x100), plain_points(rulebook.probation.extend_x100)))
            + "</p>")
        return "\n".join(parts)
