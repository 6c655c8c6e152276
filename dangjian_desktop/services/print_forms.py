"""The data of each printed form, gathered through the services, and the functions that build
each PDF (`build_<form>(ctx, *, out, …)`); the registry in `services/printing.py` names them."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from dangjian_desktop.core.ids import names
from dangjian_desktop.core.periods import cycle_quarter, cycle_year, parse_period, quarter_bounds
from dangjian_desktop.errors import DangjianError, NotFoundError, ValidationError

if TYPE_CHECKING:
    from dangjian_desktop.services.context import Context

_CN_NUMBERS = "一二三四"


# -- shared look-ups -----------------------------------------------------------------------------

def find_member(ctx: Context, key: str) -> dict:
    """A member by 18-digit ID number or by name (a name two members share must be an ID)."""
    from dangjian_desktop.core.idcard import normalize_id
    from dangjian_desktop.services import members

    key = (key or "").strip()
    try:
        id_key = normalize_id(key)
    except (DangjianError, ValueError, TypeError):
        id_key = None
    everyone = members.list_members(ctx)
    # `key` as listed: a role that may not see ID numbers picks a member by the masked one.
    matches = [m for m in everyone if m["id_number"] and m["id_number"] in (id_key, key)] or \
              [m for m in everyone if m["name"] == key]
    if not matches:
        raise NotFoundError("党员", key)
    if len(matches) > 1:
        raise DangjianError(f"有 {len(matches)} 名党员叫“{key}”，请改用身份证号")
    return matches[0]


def find_meeting(ctx: Context, key: str | None) -> dict:
    """A meeting by UUID (or a unique part of it: core.ids.names); None: the latest."""
    from dangjian_desktop.services import meetings

    held = meetings.list_meetings(ctx)
    if key is None:
        if not held:
            raise NotFoundError("会议", "还没有任何会议记录")
        return held[0]
    key = key.strip().lower()
    matches = [m for m in held if names(m["uuid"], key)]
    if len(matches) != 1:
        raise NotFoundError("会议", key) if not matches else DangjianError(f"与“{key}”相符的会议不止一个，请写完整编号")
    return matches[0]


def _year(ctx: Context, year: int | None) -> int:
    year = ctx.today.year if year is None else year
    if not isinstance(year, int) or not 2000 <= year <= ctx.today.year + 1:
        raise ValidationError(f"年度应在 2000 到 {ctx.today.year + 1} 之间，而不是 {year}", "year")
    return year


def _cycle_label(year: int, start_month: int) -> str:
    return parse_period(str(year), start_month).label


def _dotted(value: str | None, *, month_only: bool = False) -> str:
    """'1965-03-12' → '1965.03.12' (or '1965.03')."""
    if not value:
        return ""
    return value[:7].replace("-", ".") if month_only else value[:10].replace("-", ".")


# -- 党员积分考评表 ---------------------------------------------------------------------------------

def member_form_data(ctx: Context, *, member: str | None = None, year: int | None = None):
    """One sheet for `member`, or for every roster member, for the cycle named `year`."""
    from dangjian_desktop.core import points as point_rules
    from dangjian_desktop.services import members, points
    from dangjian_desktop.store import queries
    from dangjian_desktop.reports.pdf.member_form import CategoryLine, ItemLine, MemberFormData, MemberSheet

    rulebook = ctx.rulebook
    start_month = rulebook.cycle_start_month
    cycle = cycle_year(ctx.today, start_month) if year is None else _year(ctx, year)
    people = [find_member(ctx, member)] if member else members.list_members(ctx, roster_only=True)
    if member:
        entries = points.member_ledger(ctx, member_uuid=people[0]["uuid"], cycle=cycle)
    else:
        entries = queries.ledger(ctx.store, ctx.org_uuid, cycle_year=cycle)
    entries = [e for e in entries if not e["deleted"]]
    scores = point_rules.score_members(entries, rulebook, cycle_year=cycle, members=[p["uuid"] for p in people])
    by_member: dict[str, list[dict]] = defaultdict(list)
    for entry in entries:
        by_member[entry["member_uuid"]].append(entry)

    sheets = []
    for person in people:
        score = scores[person["uuid"]]
        quarters: dict[tuple[str, int], int] = defaultdict(int)
        recorded: dict[str, int] = defaultdict(int)
        counts: dict[str, int] = defaultdict(int)
        for entry in by_member.get(person["uuid"], ()):
            item = rulebook.item(entry["item_code"])
            quarters[item.category, cycle_quarter(date.fromisoformat(entry["occurred_on"]), start_month)] += \
                entry["points_x100"]
            recorded[item.code] += entry["points_x100"]
            if entry["source"] != "reversal" and not entry["reversed"]:
                counts[item.code] += 1
        counted = score.items
        categories = []
        for category in rulebook.categories:
            codes = [code for code, item in rulebook.items.items() if item.category == category.code]
            bonus = sum(counted.get(c, 0) for c in codes if rulebook.items[c].is_bonus)
            deduction = sum(counted.get(c, 0) for c in codes if not rulebook.items[c].is_bonus)
            categories.append(CategoryLine(category.name, category.base_x100,
                                           tuple(quarters[category.code, q] for q in (1, 2, 3, 4)),
                                           bonus, deduction, score.categories[category.code] + bonus))
        items = tuple(ItemLine(item.name, rulebook.category(item.category).name, counts[code], recorded[code],
                               counted.get(code, 0))
                      for code, item in rulebook.items.items() if counts[code] or recorded[code])
        facts = (("姓名", person["name"]), ("性别", person["sex"] or ""),
                 ("出生年月", _dotted(person["birth_date"], month_only=True)),
                 ("所在党支部", person["branch_name"]), ("党小组", person["group_name"] or ""),
                 ("人员类别", person["category"]), ("党内职务", person["party_post"] or "—"),
                 ("党员分类", person["member_class"] or ""), ("入党时间", _dotted(person["joined_on"])))
        sheets.append(MemberSheet(
            member_uuid=person["uuid"], name=person["name"], facts=facts, categories=tuple(categories), items=items,
            bonus_before_cap_x100=sum(c.bonus_x100 for c in categories), total_x100=score.total_x100,
            grade=point_rules.grade(score.total_x100, rulebook), stars=point_rules.member_star(score.total_x100, rulebook),
            probation=point_rules.probation_outcome(score.total_x100, rulebook) if person["category"] == "预备党员" else None,
        ))
    labels = []
    for q in (1, 2, 3, 4):
        q_start, q_end = quarter_bounds(cycle, q, start_month)
        labels.append(f"第{_CN_NUMBERS[q - 1]}季度\n{q_start.month}–{q_end.month}月")
    return MemberFormData(ctx.org["name"], _cycle_label(cycle, start_month), tuple(labels), rulebook.bonus_cap_x100,
                          ctx.today, tuple(sheets))


def build_member_form(ctx: Context, *, out: Path, member: str | None = None, all_members: bool = False,
                      year: int | None = None, progress=None) -> Path:
    """党员积分考评表 for one member, or (no member, or `all_members`) one PDF with every roster member."""
    from dangjian_desktop.reports.pdf import member_form

    if member and all_members:
        raise ValidationError("--member 与 --all 只能选一个", "member")
    data = member_form_data(ctx, member=None if all_members else member, year=year)
    if progress is not None:
        progress.start(len(data.sheets), "正在生成党员积分考评表")
    return member_form.render(data, out=Path(out), progress=progress)


# -- 积分公示表 ------------------------------------------------------------------------------------

def _secretary(ctx: Context) -> str | None:
    from dangjian_desktop.services import members

    return next((m["name"] for m in members.list_members(ctx, roster_only=True) if m["party_post"] == "书记"), None)


def publicity_data(ctx: Context, *, period: str | None = None, start: date | None = None, days: int = 5,
                   objections_to: str | None = None):
    """The period's ranking (cumulative total at its end; what it added), names and branches only."""
    from dangjian_desktop.services import points
    from dangjian_desktop.reports.pdf.publicity import PublicityData, PublicityRow

    rulebook = ctx.rulebook
    key = period or f"{cycle_year(ctx.today, rulebook.cycle_start_month)}-Q{cycle_quarter(ctx.today, rulebook.cycle_start_month)}"
    parsed = parse_period(key, rulebook.cycle_start_month)
    if parsed.start > ctx.today:
        raise ValidationError(f"{parsed.label}还没有开始，无法公示", "period")
    if not 1 <= days <= 30:
        raise ValidationError("公示天数应在 1 到 30 天之间", "days")
    through = min(parsed.end, ctx.today)
    _start, _end, scores = points.period_scores(ctx, period=parsed.key)
    changes = points.period_changes(ctx, start=parsed.start, end=through)
    rows = tuple(PublicityRow(s.rank, s.name, s.branch_name, changes.get(s.member_uuid, 0), s.total_x100) for s in scores)
    begin = start or ctx.today
    if objections_to is None:
        secretary = _secretary(ctx)
        town = ctx.store.setting("town_name")
        objections_to = f"{ctx.org['name']}书记{secretary or ''}" + (f"或{town}党委组织委员" if town else "")
    change_label = {"quarter": "本季度得分", "month": "本月得分", "year": "本年度得分"}[parsed.kind]
    return PublicityData(ctx.org["name"], parsed.label, change_label, through, rulebook.name, rows, begin,
                         begin + timedelta(days=days - 1), objections_to.strip(), ctx.today)


def build_publicity(ctx: Context, *, out: Path, period: str | None = None, start: date | None = None,
                    days: int = 5, objections_to: str | None = None, progress=None) -> Path:
    """积分公示表 for a quarter (default: the current one), publicity from today for 5 days."""
    from dangjian_desktop.reports.pdf import publicity

    return publicity.render(publicity_data(ctx, period=period, start=start, days=days, objections_to=objections_to),
                            out=Path(out))


# -- 会议签到表 and 会议记录 --------------------------------------------------------------------------

def _when(meeting: dict) -> str:
    times = "–".join(t for t in (meeting["start_time"], meeting["end_time"]) if t)
    return f"{meeting['held_on']} {times}".strip()


def _counts(summary) -> str:
    text = f"应到 {summary.expected} 人，实到 {summary.present} 人，请假 {summary.on_leave} 人，缺席 {summary.absent} 人"
    if summary.observers:
        text += f"，列席 {summary.observers} 人"
    if summary.excluded:
        text += f"，不计入应到 {summary.excluded} 人"
    return text


def signin_data(ctx: Context, *, meeting: str | None = None, blank: bool = False):
    """Before (`blank`): everyone the meeting expects (every roster member when no meeting is given).
    After: the attendance as recorded at `meeting` (default: the latest)."""
    from dangjian_desktop.services import meetings, members, stars
    from dangjian_desktop.store import queries
    from dangjian_desktop.reports.pdf.signin_sheet import SigninData, SigninPerson

    if blank and meeting is None:
        row, kind = None, None  # before a meeting not yet entered: its details are written in by hand
    else:
        row = find_meeting(ctx, meeting)
        kind = ctx.meeting_types.get(row["type_code"])
    if blank:
        roster = members.list_members(ctx, roster_only=True)
        if kind is not None and kind.quorum == "committee_majority":
            roster = [m for m in roster if m["party_post"] in stars.COMMITTEE_POSTS]
        people = tuple(SigninPerson(m["name"], "流动党员" if m["flowing"] else
                                    ("预备党员" if m["category"] == "预备党员" else "")) for m in roster)
        totals = ""
    else:
        people = tuple(SigninPerson(a["member_name"], a["reason"] or "", a["status"])
                       for a in queries.attendance(ctx.store, row["uuid"]))
        totals = _counts(meetings.meeting_summary(ctx, row["uuid"]))
    return SigninData(ctx.org["name"], blank, row["title"] if row else "", kind.name if kind else "",
                      _when(row) if row else "", (row["place"] or "") if row else "", (row["host"] or "") if row else "",
                      people, totals, ctx.today)


def build_signin_sheet(ctx: Context, *, out: Path, meeting: str | None = None, blank: bool = False,
                       progress=None) -> Path:
    """会议签到表 of a meeting (default: the latest); `blank` for the sheet to sign before it."""
    from dangjian_desktop.reports.pdf import signin_sheet

    return signin_sheet.render(signin_data(ctx, meeting=meeting, blank=blank), out=Path(out))


def meeting_record_data(ctx: Context, *, meeting: str | None = None):
    from dangjian_desktop.services import meetings
    from dangjian_desktop.store import queries
    from dangjian_desktop.reports.pdf.meeting_record import MeetingRecordData

    row = find_meeting(ctx, meeting)
    kind = ctx.meeting_types.get(row["type_code"])
    summary = meetings.meeting_summary(ctx, row["uuid"])
    people = queries.attendance(ctx.store, row["uuid"])

    def named(status: str) -> tuple[str, ...]:
        return tuple(f"{a['member_name']}（{a['reason']}）" if a["reason"] else a["member_name"]
                     for a in people if a["status"] == status)

    quorum = ""
    if summary.quorum_required is not None:
        base, expected, present = (("有表决权的党员", summary.voting_expected, summary.voting_present)
                                   if kind.quorum == "voting_majority" else
                                   ("支部委员", summary.committee_expected, summary.committee_present))
        quorum = (f"{base}应到 {expected} 人，实到 {present} 人，须过半数（{summary.quorum_required} 人）："
                  f"{'符合' if summary.quorum_met else '不足'}法定人数")
    return MeetingRecordData(
        ctx.org["name"], row["title"], kind.name, date.fromisoformat(row["held_on"]),
        "–".join(t for t in (row["start_time"], row["end_time"]) if t), row["place"] or "", row["host"] or "",
        row["recorder"] or "", row["lecturer"] or "", row["hours"] or 0, _counts(summary), quorum,
        tuple(a["member_name"] for a in people if a["status"] == "出席"), named("请假"), named("缺席"), named("列席"),
        named("不计入应到"), row["content"] or "", row["decisions"] or "", row["note"] or "", ctx.today)


def build_meeting_record(ctx: Context, *, out: Path, meeting: str | None = None, progress=None) -> Path:
    """会议记录 of a meeting (default: the latest)."""
    from dangjian_desktop.reports.pdf import meeting_record

    return meeting_record.render(meeting_record_data(ctx, meeting=meeting), out=Path(out))


# -- 星级评定表 ------------------------------------------------------------------------------------

def star_form_data(ctx: Context, *, year: int | None = None):
    """The year's self-assessment against the criteria; an empty form when none is filled in."""
    from dangjian_desktop.services import stars
    from dangjian_desktop.reports.pdf.star_form import StarDimension, StarFormData, StarItemLine, VetoLine

    year = _year(ctx, year)
    criteria = ctx.criteria
    assessment, items = stars.get_self_assessment(ctx, year=year)
    dims = tuple(StarDimension(d.name, d.max, tuple(
        StarItemLine(i.name, i.description, i.max, items.get(i.code, {}).get("score"),
                     items.get(i.code, {}).get("evidence") or "") for i in d.items)) for d in criteria.dimensions)
    vetoes = tuple(VetoLine(v.name, bool(items.get(v.code, {}).get("veto_hit")) if assessment else None)
                   for v in criteria.veto_items)
    if assessment is None:
        state, score, result = "尚未填写", None, ""
    else:
        score = assessment["score"]
        result = "一票否决" if assessment["vetoed"] else (
            f"{'★' * assessment['star_level']}（{assessment['star_level']} 星）" if assessment["star_level"]
            else criteria.below_label)
        state = (f"已提交（{assessment['submitted_at'][:10]}，{assessment['signed_by']}）"
                 if assessment["state"] == "submitted" else "草稿（尚未提交）")
    levels = "；".join(f"{level.min:g} 分及以上{level.stars} 星" for level in criteria.levels)
    if criteria.levels and criteria.levels[-1].min > 0:
        levels += f"；低于 {criteria.levels[-1].min:g} 分为“{criteria.below_label}”"
    levels += "；有一票否决事项的不评星级。"
    return StarFormData(ctx.org["name"], year, f"{criteria.name} {criteria.version}", dims, vetoes, score, result,
                        state, levels, printed_on=ctx.today)


def build_star_form(ctx: Context, *, out: Path, year: int | None = None, progress=None) -> Path:
    """星级评定表 of a year (default: this year)."""
    from dangjian_desktop.reports.pdf import star_form

    return star_form.render(star_form_data(ctx, year=year), out=Path(out))


# -- 党员花名册 and 培训统计表 -------------------------------------------------------------------------

def build_roster(ctx: Context, *, out: Path, progress=None) -> Path:
    """党员花名册 of every member on the roster, landscape."""
    from dangjian_desktop.services import members
    from dangjian_desktop.reports.pdf import roster

    data = roster.RosterData(ctx.org["name"], ctx.today, tuple(members.list_members(ctx, roster_only=True)), ctx.today)
    return roster.render(data, out=Path(out))


def training_data(ctx: Context, *, year: int | None = None):
    from dangjian_desktop.core.members import is_leader
    from dangjian_desktop.services import meetings, members
    from dangjian_desktop.reports.pdf.training_stats import MemberHours, SessionLine, TrainingData

    year = _year(ctx, year)
    types = ctx.meeting_types
    held = [m for m in meetings.list_meetings(ctx, year=year) if types.get(m["type_code"]).training]
    stats = meetings.training_stats(ctx, year=year)
    sessions = tuple(SessionLine(date.fromisoformat(m["held_on"]), m["title"], types.get(m["type_code"]).name,
                                 m["hours"] or 0, m["present"] or 0) for m in reversed(held))
    people = tuple(MemberHours(m["name"], m["branch_name"], m["party_post"] or "",
                               types.floors.for_member(is_leader(m["party_post"])), stats.hours_by_member[m["uuid"]])
                   for m in members.list_members(ctx, roster_only=True))
    return TrainingData(ctx.org["name"], year, sessions, stats.attendances, stats.total_hours, types.floors.member,
                        types.floors.leader, types.hours_per_day, people, min(date(year, 12, 31), ctx.today), ctx.today)


def build_training_stats(ctx: Context, *, out: Path, year: int | None = None, progress=None) -> Path:
    """培训统计表 of a year (default: this year)."""
    from dangjian_desktop.reports.pdf import training_stats

    return training_stats.render(training_data(ctx, year=year), out=Path(out))
