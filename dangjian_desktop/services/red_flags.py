"""红旗村: the district awards flags to villages per half-year and flag type (基层党建, 产业发展,
乡风文明, 人居环境, and any type the district adds), revokes one with a reason, and lists them.

Awards and revocations are append-only rows (store/red_flag_queries.py): a revoked flag stays in
the history with who revoked it, when and why. A village holds at most one flag in force of a type
per half-year.
"""

from __future__ import annotations

from datetime import date

from dangjian_desktop.errors import NotFoundError, ValidationError
from dangjian_desktop.services.context import Changes, Context
from dangjian_desktop.services.sync_identity import require_district
from dangjian_desktop.store import new_uuid, sync_queries, utc_now
from dangjian_desktop.store import red_flag_queries as q

HALF_LABELS = {1: "上半年", 2: "下半年"}
MAX_NOTE = 200
MAX_TYPE_NAME = 12
CHANGED = Changes(tables=frozenset({"red_flags", "red_flag_revocations", "red_flag_types"}))


def _writer(ctx: Context) -> None:
    require_district(ctx)
    ctx.require("reviews.district")


def _text(value: str | None, limit: int, field: str, label: str) -> str | None:
    value = (value or "").strip()
    if len(value) > limit:
        raise ValidationError(f"{label}太长（最多 {limit} 个字）", field)
    return value or None


def _period(ctx: Context, year: int, half: int) -> None:
    if not (isinstance(year, int) and 2000 <= year <= ctx.today.year):
        raise ValidationError(f"年度应在 2000 到 {ctx.today.year} 之间", "year")
    if half not in HALF_LABELS:
        raise ValidationError("半年应为 1（上半年）或 2（下半年）", "half")


def flag_types(ctx: Context) -> list[str]:
    require_district(ctx)
    return q.flag_types(ctx.store)


def add_flag_type(ctx: Context, *, name: str) -> list[str]:
    """Add a flag type the district awards (e.g. 平安法治); returns every type."""
    _writer(ctx)
    name = _text(name, MAX_TYPE_NAME, "name", "红旗类型名称")
    if not name:
        raise ValidationError("请填写红旗类型名称", "name")
    if name in q.flag_types(ctx.store):
        raise ValidationError(f"已有红旗类型“{name}”", "name")
    with ctx.store.atomic():
        q.add_flag_type(ctx.store, name=name, at=utc_now(), actor=ctx.actor)
        ctx.store.audit(ctx.actor, "red_flag", f"新增红旗村类型“{name}”")
    return q.flag_types(ctx.store)


def award_flags(ctx: Context, *, village_codes: list[str], year: int, half: int, flag_type: str,
                awarded_on: date | None = None, note: str | None = None) -> list[dict]:
    """Award a flag of one type and half-year to one or more villages, all or none."""
    _writer(ctx)
    _period(ctx, year, half)
    if flag_type not in q.flag_types(ctx.store):
        raise ValidationError(f"没有红旗类型“{flag_type}”（可选：{'、'.join(q.flag_types(ctx.store))}）", "flag_type")
    awarded_on = awarded_on or ctx.today
    if awarded_on > ctx.today:
        raise ValidationError(f"授旗日期 {awarded_on} 晚于今天", "awarded_on")
    if awarded_on.year < year:
        raise ValidationError(f"授旗日期 {awarded_on} 早于 {year} 年度", "awarded_on")
    note = _text(note, MAX_NOTE, "note", "备注")
    if not village_codes:
        raise ValidationError("请选择要授旗的村", "village")
    rows = []
    for code in dict.fromkeys(c.strip() for c in village_codes):
        village = sync_queries.village_by_code(ctx.store, code)
        if village is None:
            raise NotFoundError("村（代码）", code)
        if q.held(ctx.store, village_uuid=village["org_uuid"], year=year, half=half, flag_type=flag_type):
            raise ValidationError(f"{village['name']} 已获得 {year} 年{HALF_LABELS[half]}“{flag_type}”红旗", "village")
        rows.append(({"uuid": new_uuid(), "village_uuid": village["org_uuid"], "year": year, "half": half,
                      "flag_type": flag_type, "awarded_on": awarded_on.isoformat(), "note": note, "at": utc_now(),
                      "actor": ctx.actor}, village))
    with ctx.store.atomic():
        for row, village in rows:
            q.insert_flag(ctx.store, row)
            ctx.store.audit(ctx.actor, "red_flag", f"{village['name']} 获得 {year} 年{HALF_LABELS[half]}"
                            f"“{flag_type}”红旗", table="red_flags", uuid=row["uuid"])
    return [q.flag(ctx.store, row["uuid"]) for row, _ in rows]


def find_flag(ctx: Context, flag_id: str) -> dict:
    """A flag by its uuid or the first characters of it (at least 6, as the list shows 8)."""
    require_district(ctx)
    flag_id = (flag_id or "").strip().lower()
    if len(flag_id) < 6:
        raise ValidationError("请给出红旗编号（至少前 6 位）", "flag")
    found = q.flags_by_prefix(ctx.store, flag_id)
    if not found:
        raise NotFoundError("红旗", flag_id)
    if len(found) > 1:
        raise ValidationError(f"编号 {flag_id} 对应多面红旗，请多给几位", "flag")
    return found[0]


def revoke_flag(ctx: Context, *, flag_id: str, reason: str, revoked_on: date | None = None) -> dict:
    """Revoke a flag in force (撤销), with the reason; the flag stays in the history."""
    _writer(ctx)
    flag = find_flag(ctx, flag_id)
    if flag["revoked_on"]:
        raise ValidationError(f"这面红旗已于 {flag['revoked_on']} 撤销", "flag")
    reason = _text(reason, MAX_NOTE, "reason", "撤销原因")
    if not reason:
        raise ValidationError("撤销红旗需要写明原因", "reason")
    revoked_on = revoked_on or ctx.today
    if revoked_on > ctx.today or revoked_on.isoformat() < flag["awarded_on"]:
        raise ValidationError(f"撤销日期 {revoked_on} 应在授旗日期 {flag['awarded_on']} 和今天之间", "revoked_on")
    with ctx.store.atomic():
        q.insert_revocation(ctx.store, {"flag_uuid": flag["uuid"], "reason": reason,
                                        "revoked_on": revoked_on.isoformat(), "at": utc_now(), "actor": ctx.actor})
        ctx.store.audit(ctx.actor, "red_flag", f"撤销 {flag['name']} {flag['year']} 年{HALF_LABELS[flag['half']]}"
                        f"“{flag['flag_type']}”红旗：{reason}", table="red_flags", uuid=flag["uuid"])
    return q.flag(ctx.store, flag["uuid"])


def list_flags(ctx: Context, *, year: int | None = None, half: int | None = None, town_uuid: str | None = None,
               include_revoked: bool = False) -> list[dict]:
    """Flags (in force, or every one) with the village, town, `half_label` and `status`."""
    require_district(ctx)
    rows = q.flags(ctx.store, year=year, half=half, town_uuid=town_uuid, include_revoked=include_revoked)
    return [{**r, "half_label": HALF_LABELS[r["half"]], "short_id": r["uuid"][:8],
             "status": f"已撤销（{r['revoked_on']}）" if r["revoked_on"] else "有效"} for r in rows]


def summary(ctx: Context, *, year: int, village_uuids=None) -> dict:
    """The year's 红旗村: villages per flag type (every type listed, 0 included) and villages holding any."""
    require_district(ctx)
    counts = q.red_flag_counts(ctx.store, year, village_uuids)
    types = q.flag_types(ctx.store)
    return {"by_type": {t: counts.get(t, 0) for t in [*types, *sorted(set(counts) - set(types))]},
            "villages": q.red_flag_village_count(ctx.store, year, village_uuids)}


def village_choices(ctx: Context) -> list[dict]:
    """The registered villages (code, name, town_name) a flag can go to."""
    require_district(ctx)
    return q.villages(ctx.store)
