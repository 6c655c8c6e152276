"""Checking and applying the rows a bundle carries.

Every change is checked before anything is written (shape, schema, ownership); one bad change
refuses the whole bundle. Then, inside the caller's transaction, each change is classed by the
record's version — never by a clock:

- applied: the record is new here, or the change is a higher version;
- duplicate: the same version with the same content is already here;
- superseded: a higher version is already here;
- conflict: the same version with other content from another device — ours is kept, theirs
  goes to quarantine (no silent last-writer-wins);
- fork: the same version with other content from the *same* device — its stream is not to be
  trusted, and the bundle is refused;
- held: a row it refers to has not arrived; it and every later change wait for the next bundle.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from dangjian_desktop.store import Store, sync_queries
from dangjian_desktop.store.db import SYNC_FIELDS
from dangjian_desktop.store.tables import SYNCED_TABLES
from dangjian_desktop.sync.bundle import MAX_TEXT, is_uuid
from dangjian_desktop.sync.errors import BundleRejected
from dangjian_desktop.sync.state_hash import record_hash

DISTRICT_TABLES = ("rulebooks", "star_criteria")  # issued by the district, never changed by a village
RULES_ORG = "default"  # rule files built into the program (see services/setup.py)
TABLE_LABELS = {"orgs": "组织", "rulebooks": "积分细则", "star_criteria": "星级评定标准", "members": "党员",
                "meetings": "会议", "attendance": "出勤", "points_ledger": "积分台账", "star_assessments": "星级自评",
                "star_item_scores": "自评得分", "village_indicators": "村级指标"}
MAX_VERSION = 2 ** 31
MAX_REASONS = 50
OUTCOMES = ("applied", "duplicate", "superseded", "held", "conflict")
#: The tables most rows of a bundle go to, and the insert triggers that `_flush` suspends while it
#: inserts a bundle's new rows there, because it does their work itself: the change log records only
#: this device's own rows (none of these, or nothing is suspended), the caches are marked stale once,
#: and an import keeps the village's state hash itself. tests/test_sync_import_speed.py holds this
#: list equal to the insert triggers those tables have: a new one must be added here, or it fires.
BULK_TRIGGERS = {
    "attendance": ("attendance_changelog_insert", "attendance_training_stale_insert", "attendance_state_hash_insert"),
    "points_ledger": ("points_ledger_changelog_insert", "points_ledger_mark_stale", "points_ledger_state_hash_insert"),
}


@dataclass(frozen=True)
class Policy:
    """Who may write what: the kind of bundle, whose village it is, and who sent it."""

    kind: str  # 'delta' (village → district), 'return' or 'snapshot' (district → village)
    village_org: str
    district_org: str
    sender_device: str


@dataclass
class Applied:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    reasons: list[str] = field(default_factory=list)
    held_from: int | None = None
    last_decided: dict | None = None  # the last change before the first held one
    #: With a delta's policy: how much the village's state hash (sync/state_hash.py) moved, as an
    #: integer to add modulo 2²⁵⁶, so the district keeps it without re-reading all the village's rows.
    state_delta: int = 0

    def note(self, reason: str) -> None:
        if len(self.reasons) < MAX_REASONS:
            self.reasons.append(reason)


class ForkDetected(BundleRejected):
    def __init__(self, where: str):
        super().__init__(f"{where}：同一台电脑对同一版本给出了两份不同的内容（数据流分叉，可能是电脑从旧备份恢复后继续使用）。"
                         "该电脑的数据已隔离，请向区里索取快照恢复。", status="quarantined")


def describe(change: dict) -> str:
    seq = f"第 {change['seq']} 条" if change.get("seq") else "一条"
    label = TABLE_LABELS.get(change.get("table"), change.get("table"))
    return f"{seq}{label}记录"


# -- checking -----------------------------------------------------------------------------------
_SCALARS = frozenset({int, float, bool, type(None)})  # and str, whose length is checked
_SYNC_SET = frozenset(SYNC_FIELDS)


def _shape_problem(change: dict, columns: dict[str, set[str]], values_checked: bool = False,
                   uuids_seen: set[str] | frozenset[str] = frozenset()) -> str | None:
    """What is wrong with a change's shape. `values_checked`: the reader already found every row
    value a scalar and every text short enough (bundle.Inner.values_checked). `uuids_seen`: texts
    already known to be well-formed UUIDs (the sender's device)."""
    table, row = change["table"], change["row"]
    known = columns.get(table)
    if known is None:
        return f"数据表“{table}”不是可交换的数据"
    if not row.keys() <= known:
        return f"含有本机不认识的字段（{'、'.join(sorted(set(row) - known))[:80]}），请先升级党建通"
    if not _SYNC_SET <= row.keys():
        return "缺少同步所需的字段"
    if not (is_uuid(row["uuid"]) and (row["device"] in uuids_seen or is_uuid(row["device"]))
            and type(row["org"]) is str and type(row["updated_at"]) is str):
        return "编号格式不对"
    version = row["version"]
    if not (type(version) is int and 1 <= version <= MAX_VERSION and row["deleted"] in (0, 1)):
        return "版本号或删除标记不对"
    if values_checked:
        return None
    # Values come from JSON, so their types are exact: text, numbers, or null — never lists or objects.
    for value in row.values():
        kind = type(value)
        if kind is str:
            if len(value) > MAX_TEXT:
                return "某个字段长得不合理"
        elif kind not in _SCALARS:
            return "某个字段的值不是文字或数字"
    return None


def _village_row_problem(row: dict, table: str, policy: Policy) -> str | None:
    if table in DISTRICT_TABLES:
        return f"{TABLE_LABELS[table]}只能由区里下发，村里不能修改"
    if row["org"] != policy.village_org:
        return "这条记录属于别的村或别的单位，本村不能修改"
    if table == "orgs":
        if row["uuid"] == policy.village_org:
            if row.get("kind") != "village" or row.get("parent_uuid") not in (None, policy.district_org):
                return "本村组织记录的类型或上级不对"
        elif row.get("kind") not in ("branch", "group") or not row.get("parent_uuid"):
            return "村里只能建立下属党支部或党小组"
    if table == "points_ledger" and (row["version"] != 1 or row["deleted"]):
        return "积分台账只能追加，不能修改或删除（更正请记冲销）"
    return None


def _district_row_problem(row: dict, table: str, policy: Policy) -> str | None:
    if table in DISTRICT_TABLES:
        return None if row["org"] in (policy.district_org, RULES_ORG) else "积分细则或评定标准的归属不对"
    if table == "orgs" and row["uuid"] == policy.district_org:
        ok = row["org"] == policy.district_org and row.get("kind") == "district"
        return None if ok else "区级组织记录不对"
    return "区里发来的回执包不能修改村里的数据（更正须经村里确认）"


def check(changes: list[dict], store: Store, policy: Policy, *, values_checked: bool = False) -> None:
    """Refuse the whole bundle if any change breaks a rule; reasons name the change.
    `values_checked`: see bundle.Inner.values_checked."""
    columns = {t: frozenset(sync_queries.table_columns(store, t)) for t in SYNCED_TABLES}
    problems = []
    last_seq = 0
    sender = frozenset({policy.sender_device}) if is_uuid(policy.sender_device) else frozenset()
    for change in changes:
        problem = _shape_problem(change, columns, values_checked, sender)
        if problem is None:
            row, table = change["row"], change["table"]
            if policy.kind == "delta":
                if not isinstance(change["seq"], int) or change["seq"] <= last_seq:
                    problem = "序号缺失或顺序不对"
                elif row["device"] != policy.sender_device:
                    problem = "记录标明的电脑与发送数据包的电脑不符"
                else:
                    problem = _village_row_problem(row, table, policy)
                last_seq = change["seq"] if isinstance(change["seq"], int) else last_seq
            elif policy.kind == "return":  # the district's signature vouches; rows may predate its device
                problem = _district_row_problem(row, table, policy)
            else:  # snapshot: the village's own rows (from any of its laptops) and the district's
                problem = (_village_row_problem(row, table, policy) if row["org"] == policy.village_org
                           and table not in DISTRICT_TABLES else _district_row_problem(row, table, policy))
        if problem:
            problems.append(f"{describe(change)}：{problem}")
            if len(problems) >= 5:
                break
    if problems:
        raise BundleRejected("数据包中有不符合规则的记录，整个数据包不予导入：" + "；".join(problems),
                             rejected=len(changes))


# -- applying -----------------------------------------------------------------------------------
def _same(current: dict, row: dict) -> bool:
    return all(current.get(key) == value for key, value in row.items())


def apply(store: Store, changes: list[dict], *, bundle_id: str | None, policy: Policy | None = None) -> Applied:
    """Apply checked changes in order (inside the caller's transaction); see the module docstring.

    With a delta's policy, every row a change refers to must also be the village's own (or a rule
    file): a village cannot post points to another village's member or file a meeting under
    another village's branch.
    """
    result = Applied()
    tables = {c["table"] for c in changes}
    fks = {t: sync_queries.references(store, t) for t in tables}
    uuids: dict[str, set[str]] = defaultdict(set)
    wanted: dict[str, set[str]] = defaultdict(set)
    for change in changes:
        uuids[change["table"]].add(change["row"]["uuid"])
        for column, parent in fks[change["table"]]:
            if change["row"].get(column):
                wanted[parent].add(change["row"][column])
    state = {t: sync_queries.rows_by_uuid(store, t, u) for t, u in uuids.items()}
    known: dict[str, dict[str, str]] = defaultdict(dict)  # table → uuid → owning org
    for parent, refs in wanted.items():
        known[parent] = sync_queries.owners(store, parent, refs)
    for table, rows in state.items():
        known[table].update((uuid, row["org"]) for uuid, row in rows.items())
    # The village's own rows, the district's org (its parent) and rule files may be referred to.
    allowed = {policy.village_org, policy.district_org} if policy and policy.kind == "delta" else None
    track = allowed is not None  # every row of a checked delta is the village's own

    # Per table: (column, owners of the parent table, may the parent be another org's) of each reference.
    links = {t: tuple((column, known[parent], parent in DISTRICT_TABLES) for column, parent in fks[t])
             for t in tables}
    counts, writes = result.counts, []
    for index, change in enumerate(changes):
        table, row = change["table"], change["row"]
        missing, foreign = None, False
        for column, owners_of, free in links[table]:
            value = row.get(column)
            if not value:
                continue
            owner = owners_of.get(value)
            if owner is None:
                missing = column
                break
            if allowed and not free and owner not in allowed:
                foreign = True
        if missing is not None:
            parent = dict(fks[table])[missing]
            result.held_from = change.get("seq") or 0
            counts["held"] += len(changes) - index
            result.note(f"{describe(change)}所引用的{TABLE_LABELS.get(parent, parent)}记录尚未收到，"
                        "它和其后的记录暂缓导入，等下一个数据包补齐")
            break
        if foreign:
            raise BundleRejected(f"数据包中有不符合规则的记录，整个数据包不予导入：{describe(change)}引用了别的村的记录",
                                 rejected=len(changes))
        uuid, version = row["uuid"], row["version"]
        current = state[table].get(uuid)
        if current is None:
            writes.append((table, row, True))
            if track:
                result.state_delta += record_hash(table, uuid, version, row["deleted"])
            state[table][uuid] = row
            known[table][uuid] = row["org"]
            counts["applied"] += 1
        elif policy is not None and current["org"] != row["org"]:
            raise BundleRejected(f"数据包中有不符合规则的记录，整个数据包不予导入：{describe(change)}与另一个单位的记录编号相同，"
                                 "不能改写别人的记录", rejected=len(changes))
        elif version > current["version"]:
            writes.append((table, row, False))
            if track:
                result.state_delta += (record_hash(table, uuid, version, row["deleted"])
                                       - record_hash(table, uuid, current["version"], current["deleted"]))
            state[table][uuid] = row
            known[table][uuid] = row["org"]
            counts["applied"] += 1
        elif version < current["version"]:
            counts["superseded"] += 1
        elif _same(current, row):
            counts["duplicate"] += 1
        elif current["device"] == row["device"]:
            raise ForkDetected(describe(change))
        else:
            counts["conflict"] += 1
            result.note(f"{describe(change)}与已有的同版本记录内容不同（来自另一台电脑），保留已有记录，另一份已隔离待核")
            sync_queries.quarantine(store, reason="conflict", bundle_id=bundle_id, device=row["device"], table=table,
                                    record_uuid=uuid, version=version, row=row)
        result.last_decided = change
    _flush(store, writes)
    return result


def _flush(store: Store, writes: list[tuple[str, dict, bool]]) -> None:
    """Write table by table, each table's rows in their original order.

    Every reference was checked above, so foreign keys are deferred to the commit (at the district
    they are off for a delta's transaction: sync_queries.references_checked_by_caller) and a table's
    rows can go in a few `executemany` calls: runs of new rows as plain inserts, runs of newer
    versions as upserts. Keeping each table's own order keeps its unique constraints passing
    through the same states the sender's database did.

    The per-row cache triggers skip these rows (`sync_applying`, m007), and the bulk tables' insert
    triggers are suspended while their new rows go in (BULK_TRIGGERS): the points totals of each
    (cycle, member) and the training figures of each village written are marked stale here, once.
    """
    if not writes:
        return
    runs: dict[str, list[tuple[bool, tuple[str, ...], list[tuple]]]] = defaultdict(list)
    suspend, mine, stale, trained = set(), set(), set(), set()
    own_device = store.setting("device_id")
    for table, row, new in writes:
        columns = tuple(row)
        table_runs = runs[table]
        if not table_runs or table_runs[-1][0] != new or table_runs[-1][1] != columns:
            table_runs.append((new, columns, []))
        table_runs[-1][2].append(tuple(row.values()))
        if row["device"] == own_device:  # (never, from a bundle: this device's rows need their triggers)
            mine.add(table)
        if table == "points_ledger":
            if new:
                stale.add((row["cycle_year"], row["member_uuid"]))
        elif table in ("meetings", "attendance"):
            trained.add(row["org"])
        if new and table in BULK_TRIGGERS:
            suspend.add(table)
    suspend -= mine
    if not store.conn.in_transaction:  # (callers apply inside their transaction; triggers stay otherwise)
        suspend = set()
    sync_queries.defer_foreign_keys(store)
    sync_queries.start_applying(store)
    for table in SYNCED_TABLES:
        suspended = sync_queries.suspend_triggers(store, table, BULK_TRIGGERS[table]) if table in suspend else []
        try:
            for new, columns, rows in runs.get(table, ()):
                if new:
                    sync_queries.insert_rows(store, table, columns, rows)
                else:
                    sync_queries.write_rows(store, table, columns, rows)
        finally:
            sync_queries.restore_triggers(store, suspended)
    sync_queries.stop_applying(store)
    sync_queries.mark_points_stale(store, sorted(stale))
    sync_queries.mark_training_stale(store, sorted(trained))
