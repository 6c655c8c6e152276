"""红旗村 in return bundles: the district sends each village every flag it holds or held (with the
revocations; cumulative, so a lost stick costs nothing), and the village keeps them to show on its
star-rating page. The village checks each flag before keeping it: its own, well-formed, bounded."""

from __future__ import annotations

from datetime import date

from dangjian_desktop.services.context import Context
from dangjian_desktop.store import red_flag_queries as q
from dangjian_desktop.sync import bundle

MAX_FLAGS = 2000  # per bundle: 1 000 villages never get more than a few a year each
HALF_LABELS = {1: "上半年", 2: "下半年"}


def for_return(ctx: Context, village_org: str) -> list[dict]:
    """The village's flags for its return bundle (empty: the key is left out)."""
    return q.village_flags(ctx.store, village_org)


def _text(value, limit: int, *, required: bool = True) -> bool:
    return (isinstance(value, str) and 0 < len(value.strip()) <= limit) or (not required and value is None)


def _day(value) -> bool:
    try:
        return isinstance(value, str) and bool(date.fromisoformat(value))
    except ValueError:
        return False


def _valid(ctx: Context, flag) -> bool:
    if not isinstance(flag, dict) or flag.get("village_uuid") != ctx.org_uuid or not bundle.is_uuid(flag.get("uuid")):
        return False
    year, half = flag.get("year"), flag.get("half")
    ok = (isinstance(year, int) and not isinstance(year, bool) and 2000 <= year <= 2100 and half in HALF_LABELS
          and _text(flag.get("flag_type"), 12) and _day(flag.get("awarded_on")) and _text(flag.get("note"), 200,
                                                                                           required=False)
          and _text(flag.get("at"), 40) and _text(flag.get("actor"), 100))
    revoked = flag.get("revoked")
    if ok and revoked is not None:
        ok = (isinstance(revoked, dict) and _text(revoked.get("reason"), 200) and _day(revoked.get("revoked_on"))
              and _text(revoked.get("at"), 40) and _text(revoked.get("actor"), 100))
    return ok


def take_from_return(ctx: Context, flags: object) -> int:
    """Keep the flags of a return bundle (in the import's transaction); how many rows were new.
    A malformed or foreign flag is skipped: the rest of the bundle still applies."""
    if not isinstance(flags, list):
        return 0
    return sum(q.keep_flag(ctx.store, flag) for flag in flags[:MAX_FLAGS] if _valid(ctx, flag))


def village_flags(ctx: Context, *, year: int | None = None) -> list[dict]:
    """In a village database: the flags the district awarded this village (with `label` and
    `revoked`), oldest first."""
    rows = [r for r in q.village_flags(ctx.store, ctx.org_uuid) if year is None or r["year"] == year]
    for row in rows:
        row["label"] = f"{row['year']} 年{HALF_LABELS[row['half']]}“{row['flag_type']}”红旗"
    return rows
