"""名额控制 of star awards: e.g. 五星 for at most 10 % of the district's village organisations a year
(the cap comes with the criteria, else the district's default; core/star_caps.py)."""

from __future__ import annotations

from collections import Counter

from dangjian_desktop.core.star_caps import allowed, cap_text, caps_in_force
from dangjian_desktop.core.stars import Criteria, load_criteria
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.review_state import ReviewNotAllowed
from dangjian_desktop.services.sync_identity import require_district
from dangjian_desktop.store import queries
from dangjian_desktop.store import review_queries as q


def criteria_of_year(ctx: Context, year: int) -> Criteria:
    """The criteria the year's self-assessments were made under (else the criteria in force)."""
    uuid = q.criteria_of_year(ctx.store, year)
    row = queries.row(ctx.store, "star_criteria", uuid) if uuid else None
    return load_criteria(row["content"]) if row else ctx.criteria


def quota(ctx: Context, *, year: int, criteria: Criteria | None = None) -> list[dict]:
    """Each capped star level of `year`: share, organisations, allowed, used (awarded), remaining."""
    require_district(ctx)
    criteria = criteria or criteria_of_year(ctx, year)
    organisations = q.village_count(ctx.store)
    out = []
    for stars, share in sorted(caps_in_force(criteria.caps).items(), reverse=True):
        cap, used = allowed(share, organisations), q.awarded_count(ctx.store, year, stars)
        out.append({"stars": stars, "share": share, "organisations": organisations, "allowed": cap, "used": used,
                    "remaining": max(0, cap - used), "text": cap_text(stars, share, organisations)})
    return out


def check_awards(ctx: Context, awarding: list[tuple[int, Criteria, int]]) -> None:
    """Refuse a batch of awards — (year, criteria, star level) each — that would exceed a cap."""
    criteria_by_year = {year: criteria for year, criteria, _ in awarding}
    for (year, level), count in sorted(Counter((year, level) for year, _, level in awarding).items()):
        share = caps_in_force(criteria_by_year[year].caps).get(level)
        if share is None:
            continue
        organisations = q.village_count(ctx.store)
        cap, used = allowed(share, organisations), q.awarded_count(ctx.store, year, level)
        if used + count > cap:
            raise ReviewNotAllowed(
                f"{year} 年度{cap_text(level, share, organisations)}：已命名 {used} 个，这次又要命名 {count} 个，"
                f"超出名额 {used + count - cap} 个。请在区级审核中调整评定结果，或少选几个村再命名。")
