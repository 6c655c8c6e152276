"""The dashboard from cached figures: each village keeps, per year, every figure of it the
dashboard shows (store/dashboard_cache.py, migration m008), so a refresh reads one row a village
and adds them up, instead of aggregating 50 000 members, 100 000 meetings and a million ledger
entries every time.

    data = dashboard(ctx, StatsFilter(2026))      # what services.district_stats.dashboard returns

A village's figures are computed by the same code as the uncached dashboard
(services.district_stats.computed), for the villages that have none for the year: changed since
(the triggers of m008 mark them), never computed, computed under other rules, or past the day
their figures hold until. Figures of a year that is over hold for good; those of the current year
move with the day only where the day changes them: overdue meeting periods at the start of a
month, a member's age band on the birthday that crosses it, a 软弱涣散 indicator on the day its
threshold passes. So a new day recomputes a few villages, a new month all of them. Star levels, 红旗村 and village indicators are a few rows a village and are read
as they are. The long member lists (under the study-hour floor, 先锋党员 candidates, 不合格) are
kept as rows and read a page at a time (`listed`).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date, timedelta

import msgspec

from dangjian_desktop.core.district_stats import AGE_BAND_TOPS
from dangjian_desktop.core.stars import WeakIndicator
from dangjian_desktop.gcpause import gc_paused
from dangjian_desktop.progress import Progress
from dangjian_desktop.services import district_stats as stats
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.district_figures import (
    BelowFloorMember, BranchCompliance, ComplianceSummary, MemberGrade, MonthRow, PointsSummary, TrainingRow,
    TrainingSummary, WeakVillage, indicators_summary, stars_from, weak_turns)
from dangjian_desktop.store import dashboard_cache as cache
from dangjian_desktop.store import district_roster as roster
from dangjian_desktop.store import district_stats as sql
from dangjian_desktop.store.district_stats import Scope
from dangjian_desktop.store.points_sql import refresh_totals

#: Bump when the figures a village keeps change shape or meaning: every cached row is then recomputed.
FORMAT = 3
_decode = msgspec.json.Decoder().decode
_encode = msgspec.json.Encoder().encode
#: A village's figures as stored (JSON text) → decoded, by content, so a refresh decodes only what
#: changed since the last one (a thousand villages' texts cost a refresh ≈ 40 ms to decode). Only
#: read, never changed, by what builds the page's figures from them.
_DECODED: dict[str, dict] = {}
_DECODED_MAX = 2048


def _decoded(text: str) -> dict:
    value = _DECODED.get(text)
    if value is None:
        if len(_DECODED) >= _DECODED_MAX:
            _DECODED.clear()
        value = _DECODED[text] = _decode(text)
    return value


FOREVER = date(9999, 12, 31)


def cache_key(ctx: Context, year: int) -> str:
    """The rules the figures follow (the days they hold for are added per village)."""
    types = hashlib.sha1(repr(ctx.meeting_types).encode()).hexdigest()[:16]
    return f"{FORMAT}|{ctx.rulebook.sha256[:16]}|{types}"


def _day(ctx: Context, year: int) -> date:
    """The day the figures are judged on: today, or 1 January after the year once it is over."""
    return min(ctx.today, date(year + 1, 1, 1))


def _valid_until(ctx: Context, year: int, refs, ages: dict[str, str]) -> dict[str, date]:
    """village → the first day its day-dependent figures may differ from today's (see the module doc)."""
    day = _day(ctx, year)
    if day >= date(year + 1, 1, 1):
        return {v.org: FOREVER for v in refs}
    month = date(day.year + day.month // 12, day.month % 12 + 1, 1)  # periods end and start on the 1st
    weak = weak_turns(ctx, refs, year)
    out = {}
    for v in refs:
        until = min(month, weak.get(v.org, FOREVER))
        if v.org in ages:  # within two days of SQLite's birthday: the exact day is core's to say
            until = min(until, max(day + timedelta(days=1), date.fromisoformat(ages[v.org]) - timedelta(days=2)))
        out[v.org] = until
    return out


def refresh(ctx: Context, flt: stats.StatsFilter) -> int:
    """Bring the cached figures of the filter's villages up to date; returns how many villages were computed.

    Three steps, so that computing (seconds, for a whole district) holds no write lock an import
    would wait for: plan (the derived caches first: rewriting points totals and training figures
    marks their villages), compute (reads), keep (store/dashboard_cache.py)."""
    store, year = ctx.store, flt.year
    key, day = cache_key(ctx, year), _day(ctx, year).isoformat()
    with store.atomic():
        if cache.points_stale(store, year):
            refresh_totals(store, ctx.rulebook, cycle_year=year)
        sql.refresh_training(store, training_codes=stats.training_codes(ctx))
        todo = cache.plan_refresh(store, flt.scope(), key=key, day=day)
        # Totals made under another rulebook are rewritten too (the key names the rulebook, so then
        # every village is to compute): that marks villages, so plan again.
        if todo and refresh_totals(store, ctx.rulebook, cycle_year=year):
            todo = cache.plan_refresh(store, flt.scope(), key=key, day=day)
    if not todo:
        return 0
    with store.atomic():  # one consistent view of the tables while computing
        figures, members = _compute(ctx, year, todo)
    with store.atomic():
        cache.write_computed(store, year, figures, members)
    return len(todo)


def _compute(ctx: Context, year: int, todo: list[str]) -> tuple[dict[str, tuple[str, str]], list[tuple]]:
    """The figures (village → (cache_key, JSON)) and listed members of the villages `todo`."""
    store = ctx.store
    wanted = set(todo)
    refs = [v for v in stats._all_villages(ctx) if v.org in wanted]
    data = stats.computed(ctx, stats.StatsFilter(year), Scope(year, orgs=tuple(v.org for v in refs)), refs)
    labels = [label for _, label in ctx.rulebook.grades]
    grades = {org: [int(n or 0) for n in counts] for org, *counts in roster.grade_counts(
        store, grade_minimums_x100=[m for m, _ in ctx.rulebook.grades])}
    ethnic: dict[str, list] = defaultdict(list)
    for org, name, n in store.conn.execute(
            f"SELECT org, ethnicity, COUNT(*) FROM {roster.TABLE} WHERE roster AND et != 2 GROUP BY org, ethnicity"):
        ethnic[org].append((name, n))
    fig: dict[str, dict] = {v.org: {"u": [], "w": [], "m": [], "v": 0, "f": 0, "e": ethnic.get(v.org, []),
                                    "g": grades.get(v.org, [0] * len(labels))} for v in refs}
    for row in data.structure.villages:
        fig[row.key].update(n=row.members, c=stats.flat_counts(row.counts))
    for row in data.training.villages:
        fig[row.org]["t"] = [row.sessions, row.attendances, row.hours, row.below_floor]
    for org, month, sessions, present, hours in data.training.village_months:
        fig[org]["m"].append([month, sessions, present, hours])
    for row in data.compliance.rows:
        fig[row.village_org]["u"].append([row.branch_uuid, row.branch_name, row.by_type, list(row.missing)])
    for w in data.stars.weak:
        fig[w.org]["w"] = [[i.code, i.name, i.detail] for i in w.indicators]
    members = [("below", b.village_org, b.member_uuid, b.name, b.party_post, b.hours, b.floor, None, b.hours)
               for b in data.training.below_floor]
    for kind, rows, sign in (("vanguard", data.points.vanguard, -1), ("failing", data.points.failing, 1)):
        for m in rows:
            fig[m.village_org][kind[0]] += 1
            members.append((kind, m.village_org, m.member_uuid, m.name, None, m.total_x100, None, m.rank,
                            sign * m.total_x100))
    day = _day(ctx, year)
    ages = cache.next_band_changes(store, [v.org for v in refs], ages=[top + 1 for top in AGE_BAND_TOPS],
                                   after=(day - timedelta(days=3)).isoformat())
    until = _valid_until(ctx, year, refs, ages)
    key = cache_key(ctx, year)
    return {org: (f"{key}|{day.isoformat()}|{until[org].isoformat()}", _encode(f).decode())
            for org, f in fig.items()}, members


def dashboard(ctx: Context, flt: stats.StatsFilter, progress: Progress | None = None, *,
              page: int | None = None) -> stats.DashboardData:
    with gc_paused():  # thousands of rows and figures, no cycles: the collector only slows it (≈ 40 %)
        return _dashboard(ctx, flt, progress, page)


def _dashboard(ctx: Context, flt: stats.StatsFilter, progress: Progress | None, page: int | None
               ) -> stats.DashboardData:
    if progress is not None:
        progress.start(2, "统计中")
    scope, refs = flt.scope(), stats._village_rows(ctx, flt)
    for _ in range(3):  # a village written to while it was computed is computed again
        refresh(ctx, flt)
        figures = {org: _decoded(text) for org, text in cache.figures(ctx.store, scope).items()}
        if all(v.org in figures for v in refs):
            break
    else:
        return stats.computed(ctx, flt, scope, refs)
    if progress is not None:
        progress.step()
    figs = [figures[v.org] for v in refs]
    structure = _structure(ctx, flt, refs, figs)
    limit = -1 if page is None else page
    data = stats.DashboardData(
        flt, structure, _training(ctx, scope, refs, figs, limit), _compliance(ctx, scope, refs, figs),
        stars_from(ctx, scope, refs, _weak(refs, figs)), _points(ctx, scope, figs, limit),
        indicators_summary(ctx, scope, refs, stats.district_targets(ctx)))
    if progress is not None:
        progress.step()
    return data


def _structure(ctx, flt, refs, figs) -> stats.MemberStructure:
    villages = tuple(stats.StructureRow(v.org, v.name, v.town_name, f["n"], stats.counts_of_flat(f["c"]))
                     for v, f in zip(refs, figs))
    ethnicities: dict[str, int] = defaultdict(int)
    for f in figs:
        for name, n in f["e"]:
            ethnicities[name] += n
    return stats.structure_from(ctx, flt, refs, villages,
                                tuple(sorted(ethnicities.items(), key=lambda kv: (-kv[1], kv[0]))))


def _training(ctx, scope, refs, figs, limit) -> TrainingSummary:
    floors = ctx.meeting_types.floors
    rows = tuple(TrainingRow(v.org, v.code, v.name, v.town_name, f["t"][0], f["t"][1], f["t"][2], f["n"], f["t"][3])
                 for v, f in zip(refs, figs))
    months = {m: [0, 0, 0.0] for m in range(1, 13)}
    for f in figs:
        for month, sessions, present, hours in f["m"]:
            acc = months[month]
            acc[0] += sessions
            acc[1] += present
            acc[2] += hours
    # By village uuid, then month: each village's months are kept in month order.
    village_months = [(org, *m) for org, f in sorted(zip((v.org for v in refs), figs), key=lambda pair: pair[0])
                      for m in f["m"]]
    return TrainingSummary(
        year=scope.year, member_floor=floors.member, leader_floor=floors.leader,
        sessions=sum(r.sessions for r in rows), attendances=sum(r.attendances for r in rows),
        hours=round(sum(r.hours for r in rows), 2), villages=rows,
        months=tuple(MonthRow(m, a[0], a[1], round(a[2], 2)) for m, a in months.items()),
        village_months=tuple(village_months), below_floor=tuple(_listed(ctx, scope, "below", 0, limit)),
        below_floor_count=sum(r.below_floor for r in rows))


def _compliance(ctx, scope, refs, figs) -> ComplianceSummary:
    rows = []
    for v, f in zip(refs, figs):
        for branch, name, by_type, missing in f["u"]:
            rows.append(BranchCompliance(v.org, v.name, v.town_name, branch, name,
                                         {code: tuple(pair) for code, pair in by_type.items()}, tuple(missing)))
    rows.sort(key=_compliance_order)
    types = tuple((t.code, t.name) for t in ctx.meeting_types.types.values() if t.frequency)
    return ComplianceSummary(scope.year, types, tuple(rows))


def _compliance_order(row: BranchCompliance) -> tuple:
    """district_figures.compliance_summary's order (worst rate first), the rate summed once."""
    met = judged = 0
    for m, j in row.by_type.values():
        met += m
        judged += j
    return (met / judged if judged else 2, row.town_name, row.village_name, row.branch_name)


def _weak(refs, figs) -> tuple[WeakVillage, ...]:
    weak = [WeakVillage(v.org, v.code, v.name, v.town_name, tuple(WeakIndicator(*i) for i in f["w"]))
            for v, f in zip(refs, figs) if f["w"]]
    weak.sort(key=lambda w: (-len(w.indicators), w.town_name, w.code))
    return tuple(weak)


def _points(ctx, scope, figs, limit) -> PointsSummary:
    rulebook = ctx.rulebook
    labels = [label for _, label in rulebook.grades]
    counts = [sum(f["g"][n] for f in figs) for n in range(len(labels))]
    return PointsSummary(scope.year, f"{rulebook.name} {rulebook.version}", tuple(zip(labels, counts)),
                         tuple(_listed(ctx, scope, "vanguard", 0, limit)), tuple(_listed(ctx, scope, "failing", 0, limit)),
                         sum(f["v"] for f in figs), sum(f["f"] for f in figs))


def _listed(ctx: Context, scope: Scope, kind: str, offset: int, limit: int) -> list:
    rows = cache.listed_members(ctx.store, scope, kind, offset=offset, limit=limit)
    if kind == "below":
        return [BelowFloorMember(uuid, name, org, village, town, post, value, floor)
                for uuid, name, org, village, town, post, value, floor, _ in rows]
    grades = ctx.rulebook.grades
    label = grades[0][1] if kind == "vanguard" else grades[-1][1]
    return [MemberGrade(uuid, name, org, village, town, int(value), label, rank or 0)
            for uuid, name, org, village, town, _, value, _, rank in rows]


def listed(ctx: Context, flt: stats.StatsFilter, kind: str, *, offset: int = 0, limit: int = -1) -> list:
    """A page of a long list of the filter (services.district_stats.listed_members)."""
    refresh(ctx, flt)
    return _listed(ctx, flt.scope(), kind, offset, limit)

