"""Use cases for meetings and trainings (三会一课, 主题党日, 培训班) and their attendance.

Attendance posts points to the ledger from the rulebook in force; correcting attendance reverses
what was posted and posts again, so the ledger shows both the mistake and the correction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dangjian_desktop.core import meetings as rules
from dangjian_desktop.core.members import has_vote, is_leader, is_on_roster
from dangjian_desktop.errors import FieldProblem, NotFoundError, ValidationError
from dangjian_desktop.services.context import Changes, Context
from dangjian_desktop.services.members import get_member
from dangjian_desktop.services.points import _ledger_row, exemption, reverse_entry
from dangjian_desktop.store import derived_uuid, meeting_queries, queries


@dataclass(frozen=True)
class PlannedPoints:
    member_uuid: str
    member_name: str
    item_name: str
    points_x100: int


def _clean_attendance(ctx: Context, attendance: list[dict]) -> list[tuple[dict, str, str | None]]:
    problems, seen, cleaned = [], set(), []
    for entry in attendance:
        member = get_member(ctx, entry["member_uuid"])
        status, reason = entry.get("status"), (entry.get("reason") or "").strip() or None
        if member["uuid"] in seen:
            problems.append(FieldProblem("attendance", f"{member['name']}在考勤表中出现了两次"))
            continue
        seen.add(member["uuid"])
        try:
            rules.validate_attendance(status, reason)
        except ValidationError as exc:
            problems += [FieldProblem("attendance", f"{member['name']}：{p.reason}") for p in exc.problems]
            continue
        cleaned.append((member, status, reason))
    if problems:
        raise ValidationError(problems)
    return cleaned


def _planned_item(ctx: Context, member: dict, type_code: str, status: str):
    item = ctx.rulebook.attendance_item(type_code, status)
    if item is None or not is_on_roster(member) or exemption(ctx, member, item.code):
        return None
    return item


def preview_points(ctx: Context, *, type_code: str, attendance: list[dict]) -> list[PlannedPoints]:
    """The points a meeting's attendance will post, to show before saving."""
    out = []
    for member, status, _reason in _clean_attendance(ctx, attendance):
        item = _planned_item(ctx, member, type_code, status)
        if item:
            out.append(PlannedPoints(member["uuid"], member["name"], item.name, item.points_x100))
    return out


def _post(ctx: Context, meeting: dict, member: dict, attendance_uuid: str, status: str) -> None:
    item = _planned_item(ctx, member, meeting["type_code"], status)
    if item is None:
        return
    ctx.store.insert(
        "points_ledger",
        _ledger_row(ctx, member, item, date.fromisoformat(meeting["held_on"]), item.points_x100,
                    source="attendance", source_uuid=attendance_uuid,
                    reason=f"{meeting['held_on']} {meeting['title']}（{status}）"),
        org=ctx.org_uuid, actor=ctx.actor, summary=f"考勤记分：{member['name']} {item.name}",
    )


def _unpost(ctx: Context, attendance_uuid: str, reason: str) -> None:
    for entry in queries.entries_from_source(ctx.store, attendance_uuid):
        reverse_entry(ctx, entry_uuid=entry["uuid"], reason=reason)


def save_meeting(ctx: Context, *, record: dict, attendance: list[dict], meeting_uuid: str | None = None) -> Changes:
    """Create or correct a meeting with its attendance checklist, posting points as the rulebook says."""
    ctx.require("meetings.record")
    ctx.require_village()
    cleaned = rules.validate_meeting(record, ctx.meeting_types, today=ctx.today)
    people = _clean_attendance(ctx, attendance)
    store = ctx.store
    with store.atomic():
        cleaned["branch_uuid"] = record.get("branch_uuid") or ctx.org_uuid
        if meeting_uuid is None:
            meeting = store.insert("meetings", cleaned, org=ctx.org_uuid, actor=ctx.actor,
                                   summary=f"新建会议：{cleaned['held_on']} {cleaned['title']}")
            previous = {}
        else:
            before = get_meeting(ctx, meeting_uuid)
            meeting = store.update("meetings", meeting_uuid, cleaned, actor=ctx.actor,
                                   summary=f"修改会议：{cleaned['held_on']} {cleaned['title']}")
            previous = {a["member_uuid"]: a for a in queries.attendance(store, meeting_uuid)}
            if (before["type_code"], before["held_on"]) != (meeting["type_code"], meeting["held_on"]):
                for row in previous.values():  # points depend on type and date: post them again
                    _unpost(ctx, row["uuid"], "会议类型或日期更正")
                    _post(ctx, meeting, get_member(ctx, row["member_uuid"]), row["uuid"], row["status"])
        for member, status, reason in people:
            old = previous.pop(member["uuid"], None)
            if old is None:
                kept = queries.attendance_entry(store, meeting["uuid"], member["uuid"])
                if kept is None:
                    uuid = derived_uuid("attendance", meeting["uuid"], member["uuid"], org=ctx.org_uuid)
                    store.insert("attendance", {
                        "uuid": uuid, "meeting_uuid": meeting["uuid"], "member_uuid": member["uuid"],
                        "status": status, "reason": reason}, org=ctx.org_uuid, actor=ctx.actor,
                        summary=f"考勤：{member['name']} {status}")
                else:  # taken off the checklist earlier and put back: the same row comes back
                    uuid = kept["uuid"]
                    store.revive("attendance", uuid, {"status": status, "reason": reason}, actor=ctx.actor,
                                 summary=f"考勤恢复：{member['name']} {status}")
                _post(ctx, meeting, member, uuid, status)
            elif (old["status"], old["reason"]) != (status, reason):
                store.update("attendance", old["uuid"], {"status": status, "reason": reason}, actor=ctx.actor,
                             summary=f"考勤更正：{member['name']} {old['status']} → {status}")
                if old["status"] != status:
                    _unpost(ctx, old["uuid"], f"考勤更正：{old['status']} → {status}")
                    _post(ctx, meeting, member, old["uuid"], status)
        for old in previous.values():  # members taken off the checklist
            _unpost(ctx, old["uuid"], "从考勤表中移除")
            store.tombstone("attendance", old["uuid"], actor=ctx.actor, summary="从考勤表中移除")
    return Changes(frozenset({"meetings", "attendance", "points_ledger"}), (meeting["uuid"],))


def delete_meeting(ctx: Context, *, meeting_uuid: str, reason: str) -> Changes:
    """Withdraw a meeting entered by mistake: its attendance points are reversed, nothing is erased."""
    ctx.require("meetings.record")
    if not (reason or "").strip():
        raise ValidationError("删除会议必须写明原因", "reason")
    get_meeting(ctx, meeting_uuid)
    with ctx.store.atomic():
        for row in queries.attendance(ctx.store, meeting_uuid):
            _unpost(ctx, row["uuid"], f"会议删除：{reason}")
            ctx.store.tombstone("attendance", row["uuid"], actor=ctx.actor, summary=f"会议删除：{reason}")
        ctx.store.tombstone("meetings", meeting_uuid, actor=ctx.actor, summary=f"删除会议：{reason}")
    return Changes(frozenset({"meetings", "attendance", "points_ledger"}), (meeting_uuid,))


def get_meeting(ctx: Context, meeting_uuid: str) -> dict:
    row = queries.row(ctx.store, "meetings", meeting_uuid)
    if row is None or row["org"] != ctx.org_uuid or row["deleted"]:
        raise NotFoundError("会议", meeting_uuid)
    return row


def list_meetings(ctx: Context, *, year: int | None = None, type_code: str | None = None) -> list[dict]:
    start, end = (f"{year}-01-01", f"{year}-12-31") if year else (None, None)
    return queries.meetings(ctx.store, ctx.org_uuid, start=start, end=end, type_code=type_code)


def meeting_summary(ctx: Context, meeting_uuid: str) -> rules.AttendanceSummary:
    """应到 / 实到 / 请假 / 缺席 and the quorum of one meeting."""
    meeting = get_meeting(ctx, meeting_uuid)
    attendees = [
        rules.Attendee(member_uuid=row["member_uuid"], status=row["status"],
                       has_vote=has_vote(get_member(ctx, row["member_uuid"])),
                       is_committee=is_leader(row["party_post"]))
        for row in queries.attendance(ctx.store, meeting_uuid)
    ]
    return rules.attendance_summary(attendees, quorum_rule=ctx.meeting_types.get(meeting["type_code"]).quorum)


def compliance(ctx: Context, *, year: int) -> list:
    """三会一课 held against required, per type and period of the year."""
    held = [(m["type_code"], date.fromisoformat(m["held_on"]))
            for m in queries.meetings_held(ctx.store, ctx.org_uuid, f"{year}-01-01", f"{year}-12-31")]
    return rules.compliance(held, ctx.meeting_types, year=year, today=ctx.today)


def training_stats(ctx: Context, *, year: int):
    """期数, 人次 and study hours per member against the 32 h / 56 h floors."""
    types = ctx.meeting_types
    sessions = [(m["uuid"], m["hours"])
                for m in queries.meetings_held(ctx.store, ctx.org_uuid, f"{year}-01-01", f"{year}-12-31")
                if types.get(m["type_code"]).training]
    session_ids = {uuid for uuid, _ in sessions}
    rows = queries.attendance_in_range(ctx.store, ctx.org_uuid, f"{year}-01-01", f"{year}-12-31")
    attendance = [(r["meeting_uuid"], r["member_uuid"], r["status"]) for r in rows if r["meeting_uuid"] in session_ids]
    members = [(m["uuid"], is_leader(m["party_post"])) for m in queries.members(ctx.store, ctx.org_uuid, roster_only=True)]
    return rules.training_stats(sessions, attendance, members, types.floors)


# -- for the meetings page ----------------------------------------------------------------------

def meeting_years(ctx: Context) -> list[int]:
    """Years to offer in a year filter: this year and every year with meetings, newest first."""
    return sorted({ctx.today.year, *meeting_queries.meeting_years(ctx.store, ctx.org_uuid)}, reverse=True)


def meeting_branches(ctx: Context) -> list[dict]:
    """The organisations a meeting can be held by: the village itself first, then its 党支部."""
    return [{"uuid": b["uuid"], "name": b["name"]} for b in queries.branches(ctx.store, ctx.org_uuid)]


def attendance_checklist(ctx: Context, *, meeting_uuid: str | None = None) -> list[dict]:
    """Everyone who can be on a meeting's checklist, with what quorum and display need.

    The roster, plus (when correcting a meeting) anyone already on its checklist who has left the
    roster since, so a correction never drops a row silently. `status`/`reason` are the saved ones.
    """
    saved = {row["member_uuid"]: row for row in queries.attendance(ctx.store, meeting_uuid)} if meeting_uuid else {}
    people = queries.members(ctx.store, ctx.org_uuid, roster_only=True)
    on_roster = {m["uuid"] for m in people}
    people += [get_member(ctx, uuid) for uuid in saved if uuid not in on_roster]
    out = []
    for member in people:
        row = saved.get(member["uuid"])
        out.append({
            "member_uuid": member["uuid"], "name": member["name"],
            "name_pinyin": member.get("name_pinyin") or "", "name_initials": member.get("name_initials") or "",
            "branch_uuid": member["branch_uuid"], "branch_name": member["branch_name"],
            "group_name": member["group_name"], "category": member["category"], "party_post": member["party_post"],
            "has_vote": has_vote(member), "is_committee": is_leader(member["party_post"]),
            "status": row["status"] if row else None, "reason": row["reason"] if row else None,
            "saved_status": row["status"] if row else None,
        })
    return out


def member_study_hours(ctx: Context, *, year: int) -> tuple[rules.TrainingStats, list[dict]]:
    """The year's training statistics and one row per roster member: hours against their floor."""
    stats = training_stats(ctx, year=year)
    below = {uuid for uuid, _hours, _floor in stats.below_floor}
    rows = []
    for member in queries.members(ctx.store, ctx.org_uuid, roster_only=True):
        floor = ctx.meeting_types.floors.for_member(is_leader(member["party_post"]))
        hours = stats.hours_by_member.get(member["uuid"], 0.0)
        rows.append({
            "member_uuid": member["uuid"], "name": member["name"], "name_pinyin": member.get("name_pinyin") or "",
            "name_initials": member.get("name_initials") or "", "branch_name": member["branch_name"],
            "group_name": member["group_name"], "party_post": member["party_post"],
            "hours": hours, "floor": floor, "short": max(0.0, round(floor - hours, 2)),
            "below": member["uuid"] in below,
        })
    return stats, rows
