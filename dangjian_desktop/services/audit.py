"""The audit trail (操作记录): who changed what and when, filtered, with before → after, exportable.

Read only. The trail is written by the store in the same transaction as each change (store/db.py)
and the database refuses to change or delete an entry (triggers of schema m001); this module offers
no function that could, and the page built on it has no such action. Everything here needs the
查看操作记录 permission (`audit.view`). Personal numbers inside an entry's before/after are masked
unless the user may see them (`personal.view`), as on every other screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dangjian_desktop.core import audit_trail as trail
from dangjian_desktop.core.periods import local_time
from dangjian_desktop.core.privacy import mask_fields, mask_text
from dangjian_desktop.errors import NotFoundError, ValidationError
from dangjian_desktop.progress import Progress
from dangjian_desktop.services.context import Context
from dangjian_desktop.store import audit_queries as q

PAGE_SIZE = 200
COUNT_LIMIT = 100_000
#: The most entries one export writes (a spreadsheet of more is no use to anyone).
EXPORT_LIMIT = 100_000
NO_TABLE = q.NO_TABLE


@dataclass(frozen=True)
class AuditQuery:
    """What the user asked for: local days (both included), a person, a kind of record (a table
    name, or NO_TABLE for entries that concern none), an action, and free text."""

    first: date | None = None
    last: date | None = None
    actor: str | None = None
    table: str | None = None
    action: str | None = None
    text: str | None = None

    def to_filter(self) -> q.AuditFilter:
        if self.first and self.last and self.first > self.last:
            raise ValidationError("开始日期不能晚于结束日期", "first")
        since, until = trail.utc_bounds(self.first, self.last)
        return q.AuditFilter(since=since, until=until, actor=self.actor or None, table=self.table,
                             action=self.action or None, text=(self.text or "").strip() or None)


@dataclass
class AuditPage:
    entries: list[dict]  # id, at (UTC), when (local), actor, action, action_label, table_name, table_label, summary
    total: int
    exact: bool  # False: `total` is a lower bound (the count stopped at COUNT_LIMIT)
    has_more: bool = False


@dataclass
class AuditDetail:
    entry: dict
    changes: list[trail.FieldChange] = field(default_factory=list)
    kind: str = "none"  # 'update' (only changed fields) | 'new' | 'removed' | 'none' (no record attached)


def _shown(ctx: Context, row: dict) -> dict:
    summary = row.get("summary") or " ".join(
        filter(None, (trail.action_label(row["action"]) + trail.table_label(row["table_name"]).replace("—", ""),
                      str(row.get("subject") or ""))))
    if not ctx.may("personal.view"):
        summary = mask_text(summary)
    return {**row, "summary": summary, "when": local_time(row["at"]),
            "action_label": trail.action_label(row["action"]), "table_label": trail.table_label(row["table_name"])}


def _subject(before: dict | None, after: dict | None) -> str | None:
    """The record's name or title (what the list shows for an entry written without a summary)."""
    for record in (after, before):
        for key in ("name", "title", "item_code"):
            if record and record.get(key):
                return str(record[key])
    return None


def audit_choices(ctx: Context) -> dict[str, list[tuple[str, str]]]:
    """The values the filter boxes offer: (value, label) for people, kinds of record and actions
    that appear in the trail (known kinds and actions first, in their usual order)."""
    ctx.require("audit.view")
    store = ctx.store

    def ordered(found: list[str], labels: dict[str, str]) -> list[tuple[str, str]]:
        known = [k for k in labels if k in found]
        return [(k, labels.get(k, k)) for k in known + sorted(set(found) - set(known))]

    return {"actors": [(a, a) for a in q.actors(store)],
            "tables": ordered(q.tables(store), trail.TABLE_LABELS) + [(NO_TABLE, "其他（导入、备份等）")],
            "actions": ordered(q.actions(store), trail.ACTION_LABELS)}


def audit_page(ctx: Context, query: AuditQuery, *, limit: int = PAGE_SIZE, before_id: int | None = None) -> AuditPage:
    """The newest `limit` entries matching `query` with their count; `before_id` (the last id of
    the page shown) gives the next page, without counting again (total is then -1)."""
    ctx.require("audit.view")
    f = query.to_filter()
    if before_id is None:
        rows, total, exact = q.first_page(ctx.store, f, limit=limit + 1, count_limit=COUNT_LIMIT)
    else:
        rows, total, exact = q.entries(ctx.store, f, limit=limit + 1, before_id=before_id), -1, False
    return AuditPage([_shown(ctx, r) for r in rows[:limit]], total, exact, has_more=len(rows) > limit)


def audit_detail(ctx: Context, entry_id: int) -> AuditDetail:
    """One entry with what it changed, field by field in Chinese: for an update only the fields
    that changed; for a new or removed record every field it held."""
    ctx.require("audit.view")
    row = q.entry(ctx.store, entry_id)
    if row is None:
        raise NotFoundError("操作记录", str(entry_id))
    before, after = trail.load_record(row["before_json"]), trail.load_record(row["after_json"])
    if not ctx.may("personal.view"):
        before, after = mask_fields(before), mask_fields(after)
    kind = ("update" if before is not None and after is not None else "new" if after is not None
            else "removed" if before is not None else "none")
    shown = _shown(ctx, {**{k: v for k, v in row.items() if k not in ("before_json", "after_json")},
                         "subject": _subject(before, after)})
    names = q.record_names(ctx.store, trail.references(before, after))
    return AuditDetail(shown, trail.field_changes(before, after, names), kind)


def describe_changes(changes: list[trail.FieldChange]) -> str:
    """The changes as one line of text ('姓名：张三 → 张三丰；手机号：… → …')."""
    return "；".join(f"{c.label}：{c.before or '（空）'} → {c.after or '（空）'}" for c in changes)


EXPORT_HEADERS = ("时间", "操作人", "操作", "记录类别", "摘要", "修改内容")


def export_audit(ctx: Context, *, query: AuditQuery, path: str | Path, progress: Progress | None = None) -> int:
    """The entries matching `query` (newest first, at most EXPORT_LIMIT) as .xlsx, each with what it
    changed. Personal numbers in it make it personal data (services/personal_data.py)."""
    ctx.require("audit.view")
    from dangjian_desktop.services.personal_data import export_table, table_is_personal

    rows = q.all_entries(ctx.store, query.to_filter(), limit=EXPORT_LIMIT)
    if progress is not None:
        progress.start(len(rows), "正在导出操作记录")
    table = []
    for row in rows:
        before, after = trail.load_record(row["before_json"]), trail.load_record(row["after_json"])
        if not ctx.may("personal.view"):
            before, after = mask_fields(before), mask_fields(after)
        shown = _shown(ctx, {**row, "subject": _subject(before, after)})
        table.append([shown["when"], row["actor"], shown["action_label"], shown["table_label"], shown["summary"],
                      describe_changes(trail.field_changes(before, after))])
        if progress is not None:
            progress.step()
    personal = table_is_personal(EXPORT_HEADERS, table)
    written = export_table(ctx, path=path, title="操作记录", headers=EXPORT_HEADERS, rows=table)
    if not personal:  # a personal one was recorded as such by export_table
        ctx.store.audit(ctx.actor, "export", f"导出操作记录 {Path(written).name}（{len(table)} 条）")
    return len(table)
