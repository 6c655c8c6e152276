"""Read queries for the meetings and star-rating pages (the shared ones live in `queries`)."""

from __future__ import annotations

from dangjian_desktop.store.db import Store


def meeting_years(store: Store, org: str) -> list[int]:
    """Years in which the village recorded meetings, newest first."""
    rows = store.query(
        "SELECT DISTINCT CAST(substr(held_on, 1, 4) AS INTEGER) AS year FROM meetings"
        " WHERE org = ? AND deleted = 0 ORDER BY year DESC",
        [org],
    )
    return [row["year"] for row in rows]


def assessment_years(store: Store, org: str) -> list[int]:
    """Years that have a star self-assessment (draft or submitted), newest first."""
    rows = store.query(
        "SELECT year FROM star_assessments WHERE org = ? AND deleted = 0 ORDER BY year DESC", [org]
    )
    return [row["year"] for row in rows]
