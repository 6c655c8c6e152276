"""Meetings and training (三会一课, 主题党日, 组织生活会, 培训班): types, attendance and quorum,
record checks, compliance with the required frequencies, and study hours (学时).

The list of types, their frequencies and the study-hour floors are data
(`resources/meeting_types.json`); a county that counts differently issues its own file.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

from dangjian_desktop.core.members import parse_date as parse_full_date
from dangjian_desktop.core.periods import days_in_month
from dangjian_desktop.errors import FieldProblem, RuleError, ValidationError
from dangjian_desktop.paths import resource_path

FORMAT = "dangjian-meeting-types/1"
GROUPS = ("三会一课", "主题党日", "组织生活", "培训")
PERIODS_PER_YEAR = {"month": 12, "quarter": 4, "year": 1}
PERIOD_UNITS = {"month": "个月", "quarter": "个季度", "year": "年"}
QUORUM_RULES = ("voting_majority", "committee_majority")
_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,39}$")


# -- meeting types ------------------------------------------------------------------------------

@dataclass(frozen=True)
class MeetingType:
    code: str
    name: str
    group: str
    frequency: str | None  # 'month' | 'quarter' | 'year'; None: no required frequency
    required: int = 1  # meetings required per period
    quorum: str | None = None  # 'voting_majority' (党员大会) | 'committee_majority' (支委会)
    training: bool = False  # attendance earns study hours
    default_hours: float = 0
    lecturer_required: bool = False
    note: str = ""


@dataclass(frozen=True)
class StudyHourFloors:
    """Study hours a year each member must reach; leaders are secretaries and committee members."""

    member: float
    leader: float

    def for_member(self, is_leader: bool) -> float:
        return self.leader if is_leader else self.member


@dataclass(frozen=True)
class MeetingTypes:
    version: str
    floors: StudyHourFloors
    hours_per_day: float
    types: dict[str, MeetingType]

    def get(self, code: str) -> MeetingType:
        try:
            return self.types[code]
        except (KeyError, TypeError):
            raise RuleError(f"未知的会议类型：{code}") from None


def read_json_source(source, default: Path, what: str) -> dict:
    """A rule file's data from a path, JSON text (as stored in the database) or a parsed mapping."""
    if source is None:
        source = default
    if isinstance(source, Mapping):
        try:  # a private copy, and proof that it is plain JSON
            data = json.loads(json.dumps(source, ensure_ascii=False))
        except (TypeError, ValueError) as exc:
            raise RuleError(f"{what}含有不能写成 JSON 的内容：{exc}") from exc
    else:
        try:
            is_text = isinstance(source, (bytes, bytearray)) or (
                isinstance(source, str) and source.lstrip().startswith("{"))
            data = json.loads(source if is_text else Path(source).read_text(encoding="utf-8"))
        except OSError as exc:
            raise RuleError(f"无法读取{what}：{source}（{exc.strerror or exc}）") from exc
        except ValueError as exc:
            raise RuleError(f"{what}不是有效的 JSON：{exc}") from exc
    if not isinstance(data, Mapping):
        raise RuleError(f"{what}的内容应为 JSON 对象")
    return dict(data)


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _parse_type(raw, index: int, problems: list[str]) -> MeetingType | None:
    where = f"第 {index} 个会议类型"
    if not isinstance(raw, Mapping):
        problems.append(f"{where}应为对象")
        return None
    code = raw.get("code")
    if not isinstance(code, str) or not _CODE.match(code):
        problems.append(f"{where}的代码无效：{code!r}")
    else:
        where = f"会议类型“{code}”"
    checks = [
        (isinstance(raw.get("name"), str) and raw["name"].strip(), "缺少名称"),
        (raw.get("group") in GROUPS, f"的类别应为{'、'.join(GROUPS)}之一"),
        (raw.get("frequency") is None or raw.get("frequency") in PERIODS_PER_YEAR,
         "的频次应为 month、quarter、year 或 null"),
        (isinstance(raw.get("required", 1), int) and not isinstance(raw.get("required", 1), bool)
         and raw.get("required", 1) >= 1, "的每期次数应为正整数"),
        (raw.get("quorum") is None or raw.get("quorum") in QUORUM_RULES, "的法定人数规则无效"),
        (isinstance(raw.get("training", False), bool), "的 training 应为 true 或 false"),
        (is_number(raw.get("default_hours", 0)) and 0 <= raw.get("default_hours", 0) <= 24,
         "的默认学时应在 0–24 之间"),
        (isinstance(raw.get("lecturer_required", False), bool), "的 lecturer_required 应为 true 或 false"),
    ]
    bad = [f"{where}{reason}" for ok, reason in checks if not ok]
    problems += bad
    if bad or not isinstance(code, str) or not _CODE.match(code):
        return None
    return MeetingType(
        code=code, name=raw["name"].strip(), group=raw["group"], frequency=raw.get("frequency"),
        required=raw.get("required", 1), quorum=raw.get("quorum"), training=raw.get("training", False),
        default_hours=float(raw.get("default_hours", 0)), lecturer_required=raw.get("lecturer_required", False),
        note=str(raw.get("note") or ""),
    )


def load_meeting_types(source=None) -> MeetingTypes:
    """Load and check a meeting-type file (default: the bundled one); RuleError says what is wrong."""
    data = read_json_source(source, resource_path("meeting_types.json"), "会议类型文件")
    problems: list[str] = []
    if data.get("format") != FORMAT:
        problems.append(f"文件格式应为“{FORMAT}”，实际为“{data.get('format')}”")
    if not isinstance(data.get("version"), str) or not data["version"].strip():
        problems.append("缺少版本号")
    floors = data.get("study_hour_floors")
    if not (isinstance(floors, Mapping) and all(is_number(floors.get(k)) and floors[k] >= 0
                                                for k in ("member", "leader"))):
        problems.append("study_hour_floors 应给出党员（member）和班子成员（leader）的学时下限")
        floors = {"member": 0, "leader": 0}
    hours_per_day = data.get("hours_per_day", 8)
    if not (is_number(hours_per_day) and 0 < hours_per_day <= 24):
        problems.append("hours_per_day 应在 0–24 之间")
    raw_types = data.get("types")
    if not isinstance(raw_types, list) or not raw_types:
        problems.append("types 应为非空列表")
        raw_types = []
    types: dict[str, MeetingType] = {}
    for index, raw in enumerate(raw_types, start=1):
        mtype = _parse_type(raw, index, problems)
        if mtype is not None and mtype.code in types:
            problems.append(f"会议类型代码重复：{mtype.code}")
        elif mtype is not None:
            types[mtype.code] = mtype
    if problems:
        raise RuleError("会议类型文件不能使用：" + "；".join(problems))
    return MeetingTypes(
        version=data["version"].strip(),
        floors=StudyHourFloors(float(floors["member"]), float(floors["leader"])),
        hours_per_day=float(hours_per_day),
        types=types,
    )


# -- attendance and quorum ----------------------------------------------------------------------

ATTENDANCE_STATUSES = ("出席", "请假", "缺席", "列席", "不计入应到")
_IN_EXPECTED = frozenset({"出席", "请假", "缺席"})
# Offered in the form; the reason is free text, these are the usual grounds.
EXCLUSION_REASONS = ("长期患病", "出国（境）", "被羁押或被限制人身自由", "外出超过 6 个月")


def counts_expected(status: str) -> bool:
    """Whether a status counts in 应到: 出席/请假/缺席 do, 列席 and 不计入应到 do not."""
    if status not in ATTENDANCE_STATUSES:
        raise ValidationError(f"未知的出勤状态：{status}", "status")
    return status in _IN_EXPECTED


def validate_attendance(status: str, reason: str | None) -> tuple[str, str | None]:
    """Check one attendance entry; returns (status, reason or None)."""
    if status not in ATTENDANCE_STATUSES:
        raise ValidationError(f"未知的出勤状态：{status}（应为{'、'.join(ATTENDANCE_STATUSES)}之一）", "status")
    reason = (reason or "").strip() or None
    if status == "不计入应到" and reason is None:
        raise ValidationError(f"不计入应到须注明原因（如{'、'.join(EXCLUSION_REASONS)}）", "reason")
    return status, reason


@dataclass(frozen=True)
class Attendee:
    member_uuid: str
    status: str
    has_vote: bool = True  # a full member in good standing; probationary members have no vote
    is_committee: bool = False


@dataclass(frozen=True)
class AttendanceSummary:
    expected: int  # 应到
    present: int  # 实到
    on_leave: int  # 请假
    absent: int  # 缺席
    observers: int  # 列席
    excluded: int  # 不计入应到
    voting_expected: int
    voting_present: int
    committee_expected: int
    committee_present: int
    quorum_required: int | None
    quorum_met: bool | None
    rate: float | None  # 实到 / 应到


def attendance_summary(attendees: Iterable[Attendee], *, quorum_rule: str | None) -> AttendanceSummary:
    """应到/实到/请假/缺席 and the quorum: more than half of those the rule counts must be present.

    Members left out of 应到 (with a recorded reason) are left out of the quorum base too.
    """
    if quorum_rule is not None and quorum_rule not in QUORUM_RULES:
        raise RuleError(f"未知的法定人数规则：{quorum_rule}")
    people = list(attendees)
    seen: set[str] = set()
    for person in people:
        counts_expected(person.status)
        if person.member_uuid in seen:
            raise ValidationError(f"同一名党员在考勤中出现了两次：{person.member_uuid}", "attendance")
        seen.add(person.member_uuid)

    def count(group: list[Attendee], status: str | None = None) -> int:
        """How many of a group count in 应到 (status None) or have the given status."""
        return sum(1 for p in group if (p.status in _IN_EXPECTED if status is None else p.status == status))

    voters = [p for p in people if p.has_vote]
    committee = [p for p in people if p.is_committee]
    expected, present = count(people), count(people, "出席")
    quorum_required = quorum_met = None
    if quorum_rule is not None:
        base = voters if quorum_rule == "voting_majority" else committee
        quorum_required = count(base) // 2 + 1
        quorum_met = count(base, "出席") >= quorum_required
    return AttendanceSummary(
        expected=expected, present=present, on_leave=count(people, "请假"), absent=count(people, "缺席"),
        observers=count(people, "列席"), excluded=count(people, "不计入应到"),
        voting_expected=count(voters), voting_present=count(voters, "出席"),
        committee_expected=count(committee), committee_present=count(committee, "出席"),
        quorum_required=quorum_required, quorum_met=quorum_met,
        rate=present / expected if expected else None,
    )


# -- meeting records ----------------------------------------------------------------------------

MEETING_FIELDS = ("type_code", "title", "held_on", "start_time", "end_time", "place", "host", "recorder",
                  "lecturer", "content", "decisions", "hours", "note")
_TEXT_FIELDS = ("title", "place", "host", "recorder", "lecturer", "content", "decisions", "note")
_TIME = re.compile(r"^(\d{1,2})[:：](\d{2})$")
TITLE_MAX = 200


def parse_date(value) -> date | None:
    """A date from a date object or text such as '2025-03-05', '2025/3/5', '2025年3月5日'; None if invalid."""
    try:
        return parse_full_date(value)
    except ValidationError:
        return None


def _parse_time(value) -> time | None:
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    match = _TIME.match(value.strip()) if isinstance(value, str) else None
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    return time(int(match[1]), int(match[2]))


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _hours_from_times(start: time, end: time, hours_per_day: float) -> float:
    """Duration rounded to the nearest half hour, at most one day's worth (a full day counts 8 h)."""
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return min(round(minutes / 30) / 2, hours_per_day)


def validate_meeting(record: Mapping, types: MeetingTypes, *, today: date) -> dict:
    """Clean one meeting record for storage; ValidationError lists every problem at once.

    Hours left blank come from the start and end times when both are given, else from the type's
    default hours for a training type, else 0. Returns only MEETING_FIELDS; dates and times as text.
    """
    problems: list[FieldProblem] = []
    out: dict = {name: (str(record.get(name)).strip() or None) if not _blank(record.get(name)) else None
                 for name in _TEXT_FIELDS}
    code = record.get("type_code")
    mtype = types.types.get(code) if isinstance(code, str) else None
    if mtype is None:
        problems.append(FieldProblem("type_code", "请选择会议类型" if _blank(code) else f"未知的会议类型：{code}"))
    out["type_code"] = code
    if out["title"] is None:
        problems.append(FieldProblem("title", "会议名称（议题）不能为空"))
    elif len(out["title"]) > TITLE_MAX:
        problems.append(FieldProblem("title", f"会议名称不能超过 {TITLE_MAX} 个字"))

    held_on = parse_date(record.get("held_on"))
    if _blank(record.get("held_on")):
        problems.append(FieldProblem("held_on", "请填写会议日期"))
    elif held_on is None:
        problems.append(FieldProblem("held_on", f"会议日期无效：{record.get('held_on')}（应为 年-月-日）"))
    elif held_on > today:
        problems.append(FieldProblem("held_on", f"会议日期 {held_on.isoformat()} 晚于今天，不能登记尚未召开的会议"))
    out["held_on"] = held_on.isoformat() if held_on else None

    times = {}
    for name, label in (("start_time", "开始时间"), ("end_time", "结束时间")):
        raw = record.get(name)
        times[name] = None if _blank(raw) else _parse_time(raw)
        if not _blank(raw) and times[name] is None:
            problems.append(FieldProblem(name, f"{label}应为 时:分（如 14:30），填写的是“{raw}”"))
        out[name] = times[name].strftime("%H:%M") if times[name] else None
    start, end = times["start_time"], times["end_time"]
    if start and end and end <= start:
        problems.append(FieldProblem("end_time", "结束时间应晚于开始时间"))

    raw_hours = record.get("hours")
    if _blank(raw_hours):
        if start and end and end > start:
            out["hours"] = _hours_from_times(start, end, types.hours_per_day)
        else:
            out["hours"] = mtype.default_hours if mtype is not None and mtype.training else 0.0
    else:
        try:
            hours = float(raw_hours) if not isinstance(raw_hours, bool) else math.nan
        except (TypeError, ValueError):
            hours = math.nan
        if not (math.isfinite(hours) and 0 <= hours <= 24):
            problems.append(FieldProblem("hours", f"学时应为 0–24 之间的数字，填写的是“{raw_hours}”"))
        out["hours"] = hours

    if mtype is not None and mtype.lecturer_required and out["lecturer"] is None:
        problems.append(FieldProblem("lecturer", f"{mtype.name}须填写授课人"))
    if problems:
        raise ValidationError(problems)
    return {name: out[name] for name in MEETING_FIELDS}


# -- compliance with the required frequencies ---------------------------------------------------

@dataclass(frozen=True)
class ComplianceRow:
    type_code: str
    type_name: str
    period_key: str  # '2025-03' | '2025-Q2' | '2025'
    period_start: date
    period_end: date
    required: int
    held: int
    status: str  # 'ok' | 'missing' | 'due' (not ended, not yet met) | 'future' (not started)


def periods_of_year(frequency: str, year: int) -> list[tuple[str, date, date]]:
    """(key, first day, last day) of each period of a year."""
    if frequency == "year":
        return [(str(year), date(year, 1, 1), date(year, 12, 31))]
    if frequency == "quarter":
        return [(f"{year}-Q{q}", date(year, 3 * q - 2, 1), date(year, 3 * q, days_in_month(year, 3 * q)))
                for q in range(1, 5)]
    if frequency == "month":
        return [(f"{year}-{m:02d}", date(year, m, 1), date(year, m, days_in_month(year, m)))
                for m in range(1, 13)]
    raise RuleError(f"未知的会议频次：{frequency}")


def period_key(frequency: str, day: date) -> str:
    if frequency == "year":
        return str(day.year)
    if frequency == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year}-{day.month:02d}"


def _status(start: date, end: date, held: int, required: int, today: date) -> str:
    if start > today:
        return "future"
    if held >= required:
        return "ok"
    return "due" if end >= today else "missing"


def compliance(held: Iterable[tuple[str, date]], types: MeetingTypes, *, year: int, today: date) -> list[ComplianceRow]:
    """Meetings held against required, for every type with a frequency and every period of the year.

    Meetings of unknown types, of types without a frequency or of other years are ignored.
    """
    counts: Counter = Counter()
    for code, day in held:
        mtype, day = types.types.get(code), parse_date(day)
        if mtype is not None and mtype.frequency and day is not None and day.year == year:
            counts[(code, period_key(mtype.frequency, day))] += 1
    rows = []
    for mtype in types.types.values():
        if mtype.frequency is None:
            continue
        for key, start, end in periods_of_year(mtype.frequency, year):
            n = counts[(mtype.code, key)]
            rows.append(ComplianceRow(mtype.code, mtype.name, key, start, end, mtype.required, n,
                                      _status(start, end, n, mtype.required, today)))
    return rows


def compliance_summary(rows: Iterable[ComplianceRow]) -> dict[str, tuple[int, int]]:
    """type_code → (periods met, periods judged so far): ended periods plus current ones already met."""
    summary: dict[str, tuple[int, int]] = {}
    for row in rows:
        met, judged = summary.get(row.type_code, (0, 0))
        summary[row.type_code] = (met + (row.status == "ok"), judged + (row.status in ("ok", "missing")))
    return summary


def overdue(rows: Iterable[ComplianceRow]) -> list[ComplianceRow]:
    """Periods that ended without the required meetings."""
    return [row for row in rows if row.status == "missing"]


# -- study hours --------------------------------------------------------------------------------

@dataclass(frozen=True)
class TrainingStats:
    sessions: int  # 期数
    attendances: int  # 人次: one member at 3 sessions = 3
    total_hours: float  # study hours earned by all attendances (人次 × 学时)
    hours_by_member: dict[str, float]  # every member given, 0 if never present
    below_floor: list[tuple[str, float, float]]  # (member_uuid, hours, floor), in member order
    session_hours: float = 0.0  # hours of training held (sum over sessions)


def training_stats(
    sessions: Iterable[tuple[str, float]],
    attendance: Iterable[tuple[str, str, str]],
    members: Iterable[tuple[str, bool]],
    floors: StudyHourFloors | Mapping,
) -> TrainingStats:
    """期数, 人次 and study hours per member against the floors (only 出席 earns hours).

    `sessions` are the training meetings (meeting_uuid, hours); attendance at other meetings is
    ignored. People present but not in `members` count in 人次 but get no row of their own.
    """
    if isinstance(floors, Mapping):
        floors = StudyHourFloors(float(floors["member"]), float(floors["leader"]))
    hours_of = {uuid: float(hours or 0) for uuid, hours in sessions}
    present = dict.fromkeys((m, p) for m, p, status in attendance if status == "出席" and m in hours_of)
    roster = dict(members)
    by_member = dict.fromkeys(roster, 0.0)
    total = 0.0
    for meeting_uuid, member_uuid in present:
        total += hours_of[meeting_uuid]
        if member_uuid in by_member:
            by_member[member_uuid] += hours_of[meeting_uuid]
    by_member = {uuid: round(h, 2) for uuid, h in by_member.items()}
    below = [(uuid, by_member[uuid], floors.for_member(bool(leader)))
             for uuid, leader in roster.items() if by_member[uuid] < floors.for_member(bool(leader))]
    return TrainingStats(
        sessions=len(hours_of), attendances=len(present), total_hours=round(total, 2),
        hours_by_member=by_member, below_floor=below, session_hours=round(sum(hours_of.values()), 2),
    )
