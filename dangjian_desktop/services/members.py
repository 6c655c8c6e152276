"""Use cases for the member roster (党员花名册)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dangjian_desktop.core.idcard import normalize_id
from dangjian_desktop.core.meetings import training_stats
from dangjian_desktop.core.members import (
    CATEGORIES,
    STATUSES,
    check_stage_change,
    check_status_change,
    clean_member,
    is_leader,
)
from dangjian_desktop.core.pinyin import name_pinyin
from dangjian_desktop.core.privacy import mask_member, unmasked_or_current
from dangjian_desktop.errors import FieldProblem, ImportReport, NotFoundError, ValidationError
from dangjian_desktop.progress import Progress
from dangjian_desktop.services.context import Changes, Context
from dangjian_desktop.store import queries, roster_queries

#: Fields a member row stores besides the sync columns and the branch.
_STORED_FIELDS = (
    "name", "id_number", "sex", "ethnicity", "birth_date", "education", "category", "joined_on",
    "full_on", "job", "phone", "landline", "address", "standing", "status", "lost_contact",
    "lost_contact_on", "flowing", "flow_to", "party_post", "group_name", "member_class",
    "dues_standard", "dues_paid_until", "note",
)


def list_members(ctx: Context, *, roster_only: bool = False, include_left: bool = True) -> list[dict]:
    """The members as screens show them: ID and phone numbers masked unless the user may see them."""
    rows = queries.members(ctx.store, ctx.org_uuid, roster_only=roster_only, include_left=include_left)
    return rows if ctx.may("personal.view") else [mask_member(r) for r in rows]


def get_member(ctx: Context, member_uuid: str) -> dict:
    """One member as screens show it (masked like `list_members`)."""
    member = _stored_member(ctx, member_uuid)
    return member if ctx.may("personal.view") else mask_member(member)


def _stored_member(ctx: Context, member_uuid: str) -> dict:
    """The member as stored (never masked): what the writing paths merge changes into."""
    member = queries.member(ctx.store, member_uuid)
    if member is None or member["org"] != ctx.org_uuid:
        raise NotFoundError("党员", member_uuid)
    return member


def _branch_uuid(ctx: Context, branch_name: str | None, *, create: bool, notes: list[str] | None = None) -> str:
    """The branch a member belongs to: the village itself unless a branch under it is named."""
    village = ctx.org
    name = (branch_name or "").strip()
    if not name or name == village["name"]:
        return village["uuid"]
    for branch in queries.branches(ctx.store, village["uuid"]):
        if branch["name"] == name:
            return branch["uuid"]
    if not create:
        raise ValidationError(FieldProblem("branch_name", f"所在党支部“{name}”不存在"))
    row = ctx.store.insert(
        "orgs", {"parent_uuid": village["uuid"], "kind": "branch", "name": name, "org_type": "党支部"},
        org=village["uuid"], actor=ctx.actor, summary=f"新建党支部：{name}",
    )
    if notes is not None:
        notes.append(f"新建党支部“{name}”")
    return row["uuid"]


def add_branch(ctx: Context, *, name: str) -> dict:
    """A 党支部 under the village (a 村党总支 or 村党委 has several)."""
    ctx.require("members.edit")
    ctx.require_village()
    name = (name or "").strip()
    if not name:
        raise ValidationError(FieldProblem("name", "党支部名称不能为空"))
    if any(b["name"] == name for b in queries.branches(ctx.store, ctx.org_uuid)):
        raise ValidationError(FieldProblem("name", f"党支部“{name}”已经存在"))
    _branch_uuid(ctx, name, create=True)
    return next(b for b in queries.branches(ctx.store, ctx.org_uuid) if b["name"] == name)


def _row_for_store(ctx: Context, cleaned: dict, branch_uuid: str) -> dict:
    row = {key: cleaned.get(key) for key in _STORED_FIELDS}
    row["branch_uuid"] = branch_uuid
    row["name_pinyin"], row["name_initials"] = name_pinyin(cleaned["name"])
    return row


def _check_unique_id(ctx: Context, id_number: str | None, member_uuid: str | None = None) -> None:
    if not id_number:
        return
    other = queries.member_by_id_number(ctx.store, ctx.org_uuid, id_number)
    if other and other["uuid"] != member_uuid:
        raise ValidationError(FieldProblem("id_number", f"身份证号与已有党员“{other['name']}”重复"))


def add_member(ctx: Context, *, record: dict) -> dict:
    """Add a member after every rule of the roster has passed."""
    ctx.require("members.edit")
    ctx.require_village()
    cleaned = clean_member(record, today=ctx.today)
    _check_unique_id(ctx, cleaned.get("id_number"))
    with ctx.store.atomic():
        branch = _branch_uuid(ctx, cleaned.get("branch_name"), create=False)
        row = ctx.store.insert("members", _row_for_store(ctx, cleaned, branch), org=ctx.org_uuid,
                               actor=ctx.actor, summary=f"新增党员：{cleaned['name']}")
    return row


def _merge_for_update(ctx: Context, current: dict, changes: dict) -> dict:
    changes = unmasked_or_current(changes, current)  # a form filled from a masked record sends the mask back
    if "status" in changes and changes["status"] != current["status"]:
        raise ValidationError(FieldProblem("status", "党员状态（转出、死亡等）请用“变更状态”办理，不能直接修改"))
    merged = {key: current.get(key) for key in _STORED_FIELDS}
    merged["branch_name"] = current.get("branch_name")
    merged.update(changes)
    cleaned = clean_member(merged, today=ctx.today)
    if cleaned["category"] != current["category"]:
        check_stage_change(current["category"], cleaned["category"], full_on=cleaned.get("full_on"))
    return cleaned


def update_member(ctx: Context, *, member_uuid: str, changes: dict) -> dict:
    """Change a member's details; the lifecycle stage may only move one step forward."""
    ctx.require("members.edit")
    ctx.require_village()
    current = _stored_member(ctx, member_uuid)
    cleaned = _merge_for_update(ctx, current, changes)
    _check_unique_id(ctx, cleaned.get("id_number"), member_uuid)
    with ctx.store.atomic():
        branch = _branch_uuid(ctx, cleaned.get("branch_name"), create=False)
        row = ctx.store.update("members", member_uuid, _row_for_store(ctx, cleaned, branch),
                               actor=ctx.actor, summary=f"修改党员信息：{cleaned['name']}")
    return row


def change_member_status(ctx: Context, *, member_uuid: str, status: str, on: date, note: str | None = None) -> dict:
    """转出, 死亡, 出党, 除名 (or 转出 → 在册 when a member transfers back): never a deletion."""
    ctx.require("members.edit")
    ctx.require_village()
    current = _stored_member(ctx, member_uuid)
    check_status_change(current["status"], status, on=on, note=note)
    return ctx.store.update(
        "members", member_uuid,
        {"status": status, "status_changed_on": on.isoformat(), "status_note": note},
        actor=ctx.actor, summary=f"党员状态变更：{current['name']} {current['status']} → {status}",
    )


def import_roster(ctx: Context, *, path: str | Path, dry_run: bool = False,
                  progress: Progress | None = None) -> ImportReport:
    """Read a roster workbook: good rows are added or update the member with the same ID number;
    every bad row is reported and nothing of it is stored. A dry run writes nothing.
    Cancelling through `progress` rolls the whole import back."""
    ctx.require("members.edit")
    ctx.require_village()
    from dangjian_desktop.reports.excel_roster import read_roster  # openpyxl: only when importing

    read = read_roster(path, today=ctx.today)
    if not dry_run and read.rows and ctx.store.path is not None:  # like a bundle import: a backup first
        from dangjian_desktop.services.backups import folder_of
        from dangjian_desktop.store.backup import backup_database

        backup_database(ctx.store.conn, folder_of(ctx.store.path), ctx.store.path.stem, "pre-import")
    if progress is not None:
        progress.start(len(read.rows))
    report = ImportReport(dry_run=dry_run, rejected=list(read.problems), rejected_rows=set(read.rejected_rows))
    store = ctx.store
    try:
        with store.atomic():
            for row_number, cleaned in read.rows:
                if progress is not None:
                    progress.step()
                existing = queries.member_by_id_number(store, ctx.org_uuid, cleaned["id_number"])
                try:
                    if existing is None:
                        branch = _branch_uuid(ctx, cleaned.get("branch_name"), create=True, notes=report.notes)
                        store.insert("members", _row_for_store(ctx, cleaned, branch), org=ctx.org_uuid,
                                     actor=ctx.actor, summary=f"导入党员：{cleaned['name']}（第 {row_number} 行）")
                        report.added += 1
                        continue
                    # Only the columns the sheet has: a short sheet must not blank the rest.
                    changes = {k: cleaned.get(k) for k in read.present_keys if k != "status"}
                    merged = _merge_for_update(ctx, _stored_member(ctx, existing["uuid"]), changes)
                    branch = _branch_uuid(ctx, merged.get("branch_name"), create=True, notes=report.notes)
                    before_version = existing["version"]
                    after = store.update("members", existing["uuid"], _row_for_store(ctx, merged, branch),
                                         actor=ctx.actor, summary=f"导入更新党员：{merged['name']}（第 {row_number} 行）")
                    if after["version"] == before_version:
                        report.unchanged += 1
                    else:
                        report.updated += 1
                except ValidationError as exc:
                    report.rejected += [FieldProblem(p.field, p.reason, row=row_number) for p in exc.problems]
                    report.rejected_rows.add(row_number)
            if dry_run:
                raise _DryRun
            store.audit(ctx.actor, "import", f"导入花名册 {Path(path).name}：新增 {report.added}，"
                        f"更新 {report.updated}，拒绝 {len(report.rejected_rows)} 行")
    except _DryRun:
        pass
    return report


class _DryRun(Exception):
    """Raised inside the import's transaction to roll a dry run back."""


def export_roster(ctx: Context, *, path: str | Path, roster_only: bool = True) -> int:
    """The roster as .xlsx: personal data (services/personal_data.py): needs `personal.export`,
    masked unless the user may see the numbers, recorded in the audit trail."""
    from dangjian_desktop.services.personal_data import check_personal_export, record_personal_export

    check_personal_export(ctx)
    members = list_members(ctx, roster_only=roster_only)
    from dangjian_desktop.reports.excel_roster import write_roster

    write_roster(path, members, title=f"{ctx.org['name']}党员花名册")
    record_personal_export(ctx, path=path, rows=len(members), what="花名册")
    return len(members)



# -- for the member page ------------------------------------------------------------------------
# The page validates as the user types with the same checks the writing functions make, and every
# write returns `Changes` so the other pages refresh.

_MEMBER_TABLES = frozenset({"members"})


def list_branches(ctx: Context) -> list[dict]:
    """The organisations a member can belong to: the village itself first, then its 党支部."""
    return queries.branches(ctx.store, ctx.org_uuid)


def member_problems(ctx: Context, *, record: dict, member_uuid: str | None = None) -> list[FieldProblem]:
    """Everything `save_member` would refuse in `record`, field by field (empty: it can be saved).

    A duplicate ID number is reported even while other fields are still wrong, so the secretary
    learns it at once, not after filling in the rest.
    """
    problems: list[FieldProblem] = []
    merged = dict(record)
    try:
        if member_uuid is None:
            clean_member(record, today=ctx.today)
        else:
            current = _stored_member(ctx, member_uuid)
            record = unmasked_or_current(record, current)
            merged = {"id_number": current["id_number"], "branch_name": current["branch_name"], **record}
            _merge_for_update(ctx, current, record)
    except ValidationError as exc:
        problems += exc.problems
    if not any(p.field == "id_number" for p in problems):
        try:
            _check_unique_id(ctx, normalize_id(merged.get("id_number")), member_uuid)
        except ValidationError as exc:
            problems += exc.problems
    try:
        _branch_uuid(ctx, merged.get("branch_name"), create=False)
    except ValidationError as exc:
        problems += exc.problems
    return problems


def save_member(ctx: Context, *, record: dict, member_uuid: str | None = None) -> Changes:
    """Add a member (no `member_uuid`) or change one's details."""
    ctx.require("members.edit")
    if member_uuid is None:
        row = add_member(ctx, record=record)
    else:
        row = update_member(ctx, member_uuid=member_uuid, changes=record)
    return Changes(_MEMBER_TABLES, (row["uuid"],))


def next_stage(category: str) -> tuple[str, str | None] | None:
    """The stage after `category` (入党积极分子 → 发展对象 …) and the date field that step fills:
    joining for 预备党员, full membership for 正式党员. None for a 正式党员."""
    if category not in CATEGORIES or category == CATEGORIES[-1]:
        return None
    following = CATEGORIES[CATEGORIES.index(category) + 1]
    return following, {"预备党员": "joined_on", "正式党员": "full_on"}.get(following)


def _stage_record(ctx: Context, member_uuid: str, on: date | None) -> dict:
    member = get_member(ctx, member_uuid)
    step = next_stage(member["category"])
    if step is None:
        raise ValidationError(FieldProblem("category", f"{member['name']}已是正式党员"))
    following, date_field = step
    record = {"category": following}
    if date_field:
        record[date_field] = on
    return record


def stage_problems(ctx: Context, *, member_uuid: str, on: date | None) -> list[FieldProblem]:
    """What stops `advance_member_stage` (empty: nothing)."""
    try:
        record = _stage_record(ctx, member_uuid, on)
    except ValidationError as exc:
        return exc.problems
    return member_problems(ctx, record=record, member_uuid=member_uuid)


def advance_member_stage(ctx: Context, *, member_uuid: str, on: date | None = None) -> Changes:
    """Move a member one stage on (预备党员 → 正式党员 on `on` …) through `update_member`."""
    ctx.require("members.edit")
    row = update_member(ctx, member_uuid=member_uuid, changes=_stage_record(ctx, member_uuid, on))
    return Changes(_MEMBER_TABLES, (row["uuid"],))


def status_choices(status: str) -> list[str]:
    """The statuses a member with `status` may move to (asked of `check_status_change` itself)."""
    out = []
    for target in STATUSES:
        try:
            if target != status:
                check_status_change(status, target, on=date.today(), note="-")
                out.append(target)
        except ValidationError:
            pass
    return out


def status_problems(ctx: Context, *, member_uuid: str, status: str, on: date | None,
                    note: str | None) -> list[FieldProblem]:
    """What stops `set_member_status` (empty: nothing)."""
    try:
        check_status_change(get_member(ctx, member_uuid)["status"], status, on=on, note=note)
    except ValidationError as exc:
        return exc.problems
    return []


def set_member_status(ctx: Context, *, member_uuid: str, status: str, on: date, note: str | None = None) -> Changes:
    """`change_member_status` for a page: 转出, 死亡, 出党, 除名 or back to 在册; never a deletion."""
    ctx.require("members.edit")
    row = change_member_status(ctx, member_uuid=member_uuid, status=status, on=on, note=(note or "").strip() or None)
    return Changes(_MEMBER_TABLES, (row["uuid"],))


def import_changes(report: ImportReport) -> Changes:
    """What a (real) roster import changed, for the pages to refresh; new branches are named."""
    return Changes(frozenset({"members", "orgs"}), (), tuple(report.notes))


@dataclass(frozen=True)
class MemberAttendance:
    """One member's meetings in a year and the study hours they earned against their floor."""

    rows: list[dict]  # held_on, type_name, title, status, reason, hours (earned: training attended)
    hours: float
    floor: float
    present: int
    on_leave: int
    absent: int


def member_attendance(ctx: Context, *, member_uuid: str, year: int) -> MemberAttendance:
    member = get_member(ctx, member_uuid)
    types = ctx.meeting_types
    rows = roster_queries.member_attendance(ctx.store, member_uuid, f"{year}-01-01", f"{year}-12-31")
    sessions = []
    for row in rows:
        kind = types.types.get(row["type_code"])
        # A type dropped from a newer type file still shows, by its code, and earns no hours.
        row["type_name"] = kind.name if kind else row["type_code"]
        training = bool(kind and kind.training)
        if training:
            sessions.append((row["meeting_uuid"], row["hours"]))
        row["hours"] = float(row["hours"] or 0) if training and row["status"] == "出席" else 0.0
    leader = is_leader(member["party_post"])
    stats = training_stats(sessions, [(r["meeting_uuid"], member_uuid, r["status"]) for r in rows],
                           [(member_uuid, leader)], types.floors)
    count = lambda status: sum(r["status"] == status for r in rows)  # noqa: E731
    return MemberAttendance(rows, stats.hours_by_member[member_uuid], types.floors.for_member(leader),
                            count("出席"), count("请假"), count("缺席"))


def member_history(ctx: Context, *, member_uuid: str) -> list[dict]:
    """Who changed this member's record and when (the audit trail), newest first; `at` is UTC."""
    get_member(ctx, member_uuid)
    return [{"at": e["at"], "actor": e["actor"], "summary": e["summary"] or e["action"]}
            for e in queries.audit_entries(ctx.store, table="members", record_uuid=member_uuid)]
