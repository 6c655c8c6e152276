"""What the home page says: periods in words, and the warnings built from the service's summary.

Module functions translate in the "HomePage" context, the page that shows them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from dangjian_desktop.gui.home.widgets import ORANGE, RED
from dangjian_desktop.services.overview import HomeSummary

NAMES_SHOWN = 8
translate = QCoreApplication.translate  # lupdate reads translate("Context", "literal") at each call


def hours_text(hours: float) -> str:
    return f"{hours:g}"


def period_text(key: str) -> str:
    """'2026-02' → 2026年2月, '2026-Q2' → 2026年第2季度, '2026' → 2026年."""
    year, _, rest = key.partition("-")
    if not rest:
        return translate("HomePage", "year {0}").format(year)
    if rest.startswith("Q"):
        return translate("HomePage", "Q{1} {0}").format(year, rest[1:])
    return translate("HomePage", "{1}/{0}").format(year, int(rest))


def current_period_name(frequency: str) -> str:
    if frequency == "month":
        return translate("HomePage", "This month")
    if frequency == "quarter":
        return translate("HomePage", "This quarter")
    return translate("HomePage", "This year")


def names_list(parts: list[str], total: int) -> str:
    text = translate("HomePage", ", ").join(parts[:NAMES_SHOWN])
    if total > NAMES_SHOWN:
        text += translate("HomePage", " and {0} more").format(total - NAMES_SHOWN)
    return text


@dataclass(frozen=True)
class Warning:
    title: str
    detail: str
    colour: str
    page: str  # the main window's page key to open
    action: str


def warnings(summary: HomeSummary) -> list[Warning]:
    """The things that need attention, most serious first."""
    out = []
    for indicator in summary.weak:
        out.append(Warning(translate("HomePage", "Weak-organisation warning: {0}").format(indicator.name),
                           indicator.detail, RED, "stars", translate("HomePage", "Star rating")))
    if summary.overdue:
        by_type: dict[str, list[str]] = {}
        for row in summary.overdue:
            by_type.setdefault(row.type_name, []).append(period_text(row.period_key))
        lines = [translate("HomePage", "{0}: {1}").format(name, translate("HomePage", ", ").join(periods))
                 for name, periods in by_type.items()]
        out.append(Warning(translate("HomePage", "Meetings not held on time this year ({0})").format(len(summary.overdue)),
                           "\n".join(lines), RED, "meetings", translate("HomePage", "Meetings")))
    if summary.lost_contact:
        people = [translate("HomePage", "{0} (since {1})").format(p.name, p.since.isoformat()) if p.since else p.name
                  for p in summary.lost_contact]
        out.append(Warning(translate("HomePage", "Members out of contact: {0}").format(len(people)),
                           names_list(people, len(people)), ORANGE, "members", translate("HomePage", "Members")))
    if summary.below_floor:
        training = summary.training
        people = [translate("HomePage", "{0} {1} h").format(p.name, hours_text(p.hours)) for p in summary.below_floor]
        detail = translate(
            "HomePage", "Each member needs {0} study hours a year, committee members {1}. Lowest so far: {2}").format(
            hours_text(training.member_floor), hours_text(training.leader_floor), names_list(people, len(people)))
        out.append(Warning(translate("HomePage", "Members below the yearly study hours so far: {0}").format(len(people)),
                           detail, ORANGE, "meetings", translate("HomePage", "Training")))
    return out
