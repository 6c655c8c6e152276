"""What changed between two versions of the star criteria, in Chinese lines for the district to
review before issuing (the rulebook's counterpart is core/rulebook_diff.py)."""

from __future__ import annotations

from dangjian_desktop.core.star_caps import caps_summary
from dangjian_desktop.core.stars import Criteria


def _g(value: float) -> str:
    return f"{value:g}"


def diff_criteria(old: Criteria, new: Criteria) -> list[str]:
    """One line per change from `old` to `new` (empty when identical)."""
    lines: list[str] = []

    def changed(label: str, before, after) -> None:
        if before != after:
            lines.append(f"{label}：{before} → {after}")

    changed("标准名称", old.name, new.name)
    changed("版本", old.version, new.version)
    changed("生效日期", old.effective_from.isoformat(), new.effective_from.isoformat())
    old_dims = {d.code: d for d in old.dimensions}
    new_dims = {d.code: d for d in new.dimensions}
    for code, dim in new_dims.items():
        if code not in old_dims:
            lines.append(f"新增评价维度“{dim.name}”（满分 {_g(dim.max)} 分）")
        else:
            changed(f"评价维度“{old_dims[code].name}”名称", old_dims[code].name, dim.name)
    lines += [f"删除评价维度“{d.name}”" for c, d in old_dims.items() if c not in new_dims]
    for code, item in new.items.items():
        before = old.items.get(code)
        if before is None:
            lines.append(f"新增评分项“{item.name}”（{new_dims[item.dimension].name}，满分 {_g(item.max)} 分）")
            continue
        changed(f"评分项“{before.name}”名称", before.name, item.name)
        changed(f"评分项“{item.name}”满分", _g(before.max), _g(item.max))
        changed(f"评分项“{item.name}”所属维度", old_dims[before.dimension].name, new_dims[item.dimension].name)
        changed(f"评分项“{item.name}”说明", before.description, item.description)
        changed(f"评分项“{item.name}”自动建议", before.auto or "无", item.auto or "无")
        if before.auto == item.auto and dict(before.rule) != dict(item.rule):
            lines.append(f"评分项“{item.name}”自动建议参数：{dict(before.rule)} → {dict(item.rule)}")
    lines += [f"删除评分项“{i.name}”" for c, i in old.items.items() if c not in new.items]
    old_veto = {v.code: v for v in old.veto_items}
    new_veto = {v.code: v for v in new.veto_items}
    lines += [f"新增一票否决项“{v.name}”" for c, v in new_veto.items() if c not in old_veto]
    lines += [f"删除一票否决项“{v.name}”" for c, v in old_veto.items() if c not in new_veto]
    for code, veto in new_veto.items():
        if code in old_veto:
            changed("一票否决项名称", old_veto[code].name, veto.name)
    changed("满分合计", _g(old.max_total), _g(new.max_total))
    old_levels = {lv.stars: lv.min for lv in old.levels}
    new_levels = {lv.stars: lv.min for lv in new.levels}
    for stars in sorted(set(old_levels) | set(new_levels), reverse=True):
        before, after = old_levels.get(stars), new_levels.get(stars)
        show = (lambda m: "不设" if m is None else f"{_g(m)} 分及以上")
        changed(f"“{'★' * stars}”分数线", show(before), show(after))
    changed("未达星级的称呼", old.below_label, new.below_label)
    changed("星级名额控制", caps_summary(old.caps), caps_summary(new.caps))
    return lines
