"""What changed between two versions of a rulebook, in Chinese lines for the district to review."""

from __future__ import annotations

from typing import Any

from dangjian_desktop.core.rulebook import PERIOD_NAMES, Item, Rulebook, human_points


def _signed(x100: int) -> str:
    return ("+" if x100 > 0 else "") + human_points(x100)


def _cap_text(item: Item) -> str:
    if item.cap_x100 is None:
        return "不设上限"
    verb = "加" if item.is_bonus else "扣"
    return f"{PERIOD_NAMES[item.cap_period]}最多{verb} {human_points(item.cap_x100)} 分"


def _limit_text(x100: int | None) -> str:
    return "不设上限" if x100 is None else human_points(x100)


def _diff_items(old: Rulebook, new: Rulebook) -> list[str]:
    lines = []
    for code, item in new.items.items():
        if code not in old.items:
            kind = "加分" if item.is_bonus else "扣分"
            lines.append(f"新增{kind}项目“{item.name}”（{item.category}，{_signed(item.points_x100)} 分，{_cap_text(item)}）")
    for code, item in old.items.items():
        if code not in new.items:
            lines.append(f"删除项目“{item.name}”（{code}）")
            continue
        after = new.items[code]
        if after.name != item.name:
            lines.append(f"项目“{item.name}”改名为“{after.name}”")
        if after.category != item.category:
            lines.append(f"项目“{after.name}”所属类别：{item.category} → {after.category}")
        if after.points_x100 != item.points_x100:
            lines.append(f"项目“{after.name}”分值：{_signed(item.points_x100)} → {_signed(after.points_x100)}")
        if (after.cap_x100, after.cap_period, after.kind) != (item.cap_x100, item.cap_period, item.kind):
            before_cap, after_cap = _cap_text(item), _cap_text(after)
            if before_cap != after_cap:
                lines.append(f"项目“{after.name}”上限：{before_cap} → {after_cap}")
    return lines


def _diff_keyed(label: str, old: dict, new: dict, show) -> list[str]:
    lines = [f"新增{label}{key}：{show(value)}" for key, value in new.items() if key not in old]
    lines += [f"删除{label}{key}（原为 {show(value)}）" for key, value in old.items() if key not in new]
    lines += [
        f"{label}{key}：{show(value)} → {show(new[key])}"
        for key, value in old.items()
        if key in new and new[key] != value
    ]
    return lines


def diff_rulebooks(old: Rulebook, new: Rulebook) -> list[str]:
    """What changed from `old` to `new`, one Chinese line per change (empty when identical)."""
    lines: list[str] = []

    def changed(label: str, before: Any, after: Any) -> None:
        if before != after:
            lines.append(f"{label}：{before} → {after}")

    changed("细则名称", old.name, new.name)
    changed("版本", old.version, new.version)
    changed("生效日期", old.effective_from.isoformat(), new.effective_from.isoformat())
    changed("积分周期起始月份", f"{old.cycle_start_month} 月", f"{new.cycle_start_month} 月")
    lines += _diff_keyed(
        "类别", {f"“{c.name}”": c.base_x100 for c in old.categories}, {f"“{c.name}”": c.base_x100 for c in new.categories},
        lambda base: f"基础分 {human_points(base)}",
    )
    changed("基础分合计", human_points(old.base_total_x100), human_points(new.base_total_x100))
    lines += _diff_items(old, new)
    changed("加分年度总上限", _limit_text(old.bonus_cap_x100), _limit_text(new.bonus_cap_x100))

    def rule_key(rulebook: Rulebook) -> dict:
        return {f"“{r.meeting_type}”会议“{r.status}”": rulebook.items[r.item_code].name for r in rulebook.attendance_rules}

    lines += _diff_keyed("考勤规则", rule_key(old), rule_key(new), lambda name: f"计入“{name}”")

    def exempt_names(rulebook: Rulebook) -> dict:
        return {
            f"“{c.name}”": "、".join(sorted(rulebook.items[code].name for code in c.exempt_items)) or "无"
            for c in rulebook.member_classes.values()
        }

    lines += _diff_keyed("党员类别", exempt_names(old), exempt_names(new), lambda names: f"免扣项目 {names}")
    lines += _diff_keyed(
        "星级分数线", {f"“{'★' * s}”": m for m, s in old.member_stars}, {f"“{'★' * s}”": m for m, s in new.member_stars},
        lambda minimum: f"{human_points(minimum)} 分及以上",
    )
    lines += _diff_keyed(
        "等次分数线", {f"“{g}”": m for m, g in old.grades}, {f"“{g}”": m for m, g in new.grades},
        lambda minimum: f"{human_points(minimum)} 分及以上",
    )
    changed("优秀等次比例上限", f"{old.excellent_share_max:.2%}", f"{new.excellent_share_max:.2%}")
    changed("预备党员按期转正分数线", human_points(old.probation.on_time_x100), human_points(new.probation.on_time_x100))
    changed("预备党员延长预备期分数线", human_points(old.probation.extend_x100), human_points(new.probation.extend_x100))
    return lines
