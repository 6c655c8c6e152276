"""Points rulebooks (党员积分管理细则) as versioned data files.

A rulebook file holds human decimals ("points": -0.5); in code every score is an integer number of
hundredths (`*_x100`). `load_rulebook` checks the whole file and raises `RuleError` with a Chinese
message naming the exact place that is wrong, so a district can fix its file without a programmer.
"""

from __future__ import annotations

import copy
import hashlib
import json
import math
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from dangjian_desktop.core.periods import PERIOD_KINDS
from dangjian_desktop.errors import RuleError
from dangjian_desktop.paths import resource_path

FORMAT_TAG = "dangjian-rulebook/1"
KINDS = ("bonus", "deduction")
ANY_MEETING_TYPE = "*"
PERIOD_NAMES = {"month": "每月", "quarter": "每季度", "year": "每年"}


@dataclass(frozen=True)
class Category:
    code: str
    name: str
    base_x100: int


@dataclass(frozen=True)
class Item:
    """One scoring item. A deduction's points are negative; caps are positive magnitudes."""

    code: str
    name: str
    category: str
    kind: str
    points_x100: int
    cap_x100: int | None = None
    cap_period: str | None = None

    @property
    def is_bonus(self) -> bool:
        return self.kind == "bonus"


@dataclass(frozen=True)
class AttendanceRule:
    """Attendance with `status` at a meeting of `meeting_type` ('*' = any type) posts `item_code`."""

    meeting_type: str
    status: str
    item_code: str


@dataclass(frozen=True)
class MemberClass:
    code: str
    name: str
    exempt_items: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Probation:
    """Annual total a probationary member needs: ≥ on_time → 按期转正, ≥ extend → 延长预备期."""

    on_time_x100: int
    extend_x100: int


@dataclass(frozen=True, eq=False)
class Rulebook:
    """A validated rulebook. Two rulebooks are equal when their canonical JSON is (same sha256)."""

    code: str
    version: str
    name: str
    effective_from: date
    cycle_start_month: int
    categories: tuple[Category, ...]
    items: dict[str, Item]
    bonus_cap_x100: int | None
    attendance_rules: tuple[AttendanceRule, ...]
    member_classes: dict[str, MemberClass]
    member_stars: tuple[tuple[int, int], ...]
    grades: tuple[tuple[int, str], ...]
    excellent_share_max: float
    probation: Probation
    sha256: str = field(repr=False)
    raw: dict = field(repr=False)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Rulebook) and other.sha256 == self.sha256

    def __hash__(self) -> int:
        return hash(self.sha256)

    @property
    def base_total_x100(self) -> int:
        return sum(category.base_x100 for category in self.categories)

    def category(self, code: str) -> Category:
        for category in self.categories:
            if category.code == code:
                return category
        raise RuleError(f"积分细则“{self.name}”中没有类别“{code}”")

    def item(self, code: str) -> Item:
        try:
            return self.items[code]
        except KeyError:
            raise RuleError(f"积分细则“{self.name}”（{self.version}）中没有积分项目“{code}”") from None

    def attendance_item(self, meeting_type: str, status: str) -> Item | None:
        """The item an attendance posts; a rule for this meeting type wins over a '*' rule."""
        fallback = None
        for rule in self.attendance_rules:
            if rule.status != status:
                continue
            if rule.meeting_type == meeting_type:
                return self.items[rule.item_code]
            if rule.meeting_type == ANY_MEETING_TYPE:
                fallback = self.items[rule.item_code]
        return fallback

    def is_exempt(self, member_class: str | None, item_code: str) -> bool:
        """Whether members of this class are spared the item (a class unknown here spares nothing)."""
        found = self.member_classes.get(member_class or "")
        return found is not None and item_code in found.exempt_items

    def to_json(self) -> str:
        """Canonical JSON: sorted keys, no ASCII escaping, compact, whole numbers without '.0'."""
        return canonical_json(self.raw)


def canonical_json(data: dict) -> str:
    return json.dumps(_canonical(data), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _canonical(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _canonical(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [_canonical(inner) for inner in value]
    return value


# ---------------------------------------------------------------------------------------- loading


def _fail(where: str, why: str) -> RuleError:
    return RuleError(f"积分细则{where}：{why}" if where else f"积分细则：{why}")


def _x100(value: Any, where: str, what: str) -> int:
    """Human points (5, -0.5, 3.25) to hundredths; anything finer than 0.01 is refused."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(where, f"{what}必须是数字，而不是 {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise _fail(where, f"{what}必须是有限的数字")
    try:
        hundredths = Decimal(str(value)) * 100
    except InvalidOperation:  # pragma: no cover - str() of a finite number always parses
        raise _fail(where, f"{what}无法识别：{value!r}") from None
    if hundredths != hundredths.to_integral_value():
        raise _fail(where, f"{what}必须精确到 0.01 分（{value} 不是 0.01 的整数倍）")
    return int(hundredths)


def _text(data: dict, key: str, where: str, what: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _fail(where, f"缺少{what}（{key}），或它不是文字")
    return value.strip()


def _list(data: dict, key: str, what: str, *, allow_empty: bool = False) -> list:
    value = data.get(key)
    if not isinstance(value, list) or (not value and not allow_empty):
        raise _fail("", f"{what}（{key}）必须是{'' if allow_empty else '非空的'}列表")
    for index, entry in enumerate(value, start=1):
        if not isinstance(entry, dict):
            raise _fail("", f"{what}第 {index} 条必须是对象（{{…}}）")
    return value


def _read_source(source: dict | str | Path) -> dict:
    if isinstance(source, dict):
        return copy.deepcopy(source)
    if isinstance(source, str) and source.lstrip().startswith("{"):
        text, origin = source, "文本"
    else:
        path = Path(source)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise RuleError(f"找不到积分细则文件：{path}") from None
        except (OSError, UnicodeDecodeError) as error:
            raise RuleError(f"无法读取积分细则文件 {path}：{error}") from None
        origin = str(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise RuleError(f"积分细则（{origin}）不是有效的 JSON：第 {error.lineno} 行第 {error.colno} 列，{error.msg}") from None
    if not isinstance(data, dict):
        raise RuleError(f"积分细则（{origin}）的最外层必须是对象（{{…}}）")
    return data


def _load_categories(data: dict) -> tuple[Category, ...]:
    categories: list[Category] = []
    for index, entry in enumerate(_list(data, "categories", "类别"), start=1):
        where = f"第 {index} 个类别"
        code = _text(entry, "code", where, "类别代码")
        where = f"第 {index} 个类别（{code}）"
        if any(c.code == code for c in categories):
            raise _fail(where, f"类别代码“{code}”重复")
        name = entry.get("name") if isinstance(entry.get("name"), str) and entry["name"].strip() else code
        base = _x100(entry.get("base"), where, "基础分")
        if base < 0:
            raise _fail(where, "基础分不能为负数")
        categories.append(Category(code, name.strip(), base))
    return tuple(categories)


def _load_item(entry: dict, index: int, category_codes: set[str]) -> Item:
    where = f"第 {index} 个积分项目"
    code = _text(entry, "code", where, "项目代码")
    where = f"第 {index} 个积分项目（{code}）"
    name = _text(entry, "name", where, "项目名称")
    category = _text(entry, "category", where, "所属类别")
    if category not in category_codes:
        raise _fail(where, f"所属类别“{category}”不在类别列表中")
    kind = entry.get("kind")
    if kind not in KINDS:
        raise _fail(where, f"类型（kind）必须是 bonus（加分）或 deduction（扣分），而不是 {kind!r}")
    points = _x100(entry.get("points"), where, "分值")
    if points == 0:
        raise _fail(where, "分值不能为 0")
    if kind == "bonus" and points < 0:
        raise _fail(where, "加分项的分值必须为正数")
    if kind == "deduction" and points > 0:
        raise _fail(where, "扣分项的分值必须为负数")
    cap_period = entry.get("cap_period")
    if cap_period is not None and cap_period not in PERIOD_KINDS:
        raise _fail(where, f"上限周期（cap_period）必须是 month、quarter 或 year，而不是 {cap_period!r}")
    cap = None
    if entry.get("cap") is not None:
        cap = _x100(entry["cap"], where, "上限")
        if cap <= 0:
            raise _fail(where, "上限必须为正数（扣分项也写正数，表示最多扣多少分）")
        if cap_period is None:
            raise _fail(where, "设了上限（cap）就必须写明上限周期（cap_period）")
    return Item(code, name, category, kind, points, cap, cap_period if cap is not None else None)


def _load_items(data: dict, categories: tuple[Category, ...]) -> dict[str, Item]:
    category_codes = {category.code for category in categories}
    items: dict[str, Item] = {}
    for index, entry in enumerate(_list(data, "items", "积分项目"), start=1):
        item = _load_item(entry, index, category_codes)
        if item.code in items:
            raise _fail(f"第 {index} 个积分项目（{item.code}）", f"项目代码“{item.code}”重复")
        items[item.code] = item
    return items


def _load_bonus_cap(data: dict) -> int | None:
    bonus_cap = data.get("bonus_cap")
    if bonus_cap is None:
        return None
    if not isinstance(bonus_cap, dict):
        raise _fail("加分总上限（bonus_cap）", "必须是 {\"points\": …, \"period\": \"year\"} 或 null")
    if bonus_cap.get("period", "year") != "year":
        raise _fail("加分总上限（bonus_cap）", f"目前只支持按年度（year）计算，而不是 {bonus_cap.get('period')!r}")
    cap = _x100(bonus_cap.get("points"), "加分总上限（bonus_cap）", "分值")
    if cap <= 0:
        raise _fail("加分总上限（bonus_cap）", "分值必须为正数")
    return cap


def _load_attendance_rules(data: dict, items: dict[str, Item]) -> tuple[AttendanceRule, ...]:
    rules: list[AttendanceRule] = []
    for index, entry in enumerate(_list(data, "attendance_rules", "考勤积分规则", allow_empty=True), start=1):
        where = f"第 {index} 条考勤积分规则"
        meeting_type = _text(entry, "meeting_type", where, "会议类型")
        status = _text(entry, "status", where, "出勤状态")
        item_code = _text(entry, "item", where, "积分项目")
        if item_code not in items:
            raise _fail(where, f"积分项目“{item_code}”不在项目列表中")
        if any(r.meeting_type == meeting_type and r.status == status for r in rules):
            raise _fail(where, f"会议类型“{meeting_type}”、状态“{status}”的规则重复")
        rules.append(AttendanceRule(meeting_type, status, item_code))
    return tuple(rules)


def _load_member_classes(data: dict, items: dict[str, Item]) -> dict[str, MemberClass]:
    classes: dict[str, MemberClass] = {}
    for index, entry in enumerate(_list(data, "member_classes", "党员类别", allow_empty=True), start=1):
        where = f"第 {index} 个党员类别"
        code = _text(entry, "code", where, "类别代码")
        where = f"第 {index} 个党员类别（{code}）"
        if code in classes:
            raise _fail(where, f"党员类别“{code}”重复")
        name = entry.get("name") if isinstance(entry.get("name"), str) and entry["name"].strip() else code
        exempt = entry.get("exempt_items", [])
        if not isinstance(exempt, list):
            raise _fail(where, "免扣项目（exempt_items）必须是列表")
        for item_code in exempt:
            if item_code not in items:
                raise _fail(where, f"免扣项目“{item_code}”不在项目列表中")
        classes[code] = MemberClass(code, name.strip(), frozenset(exempt))
    return classes


def _load_thresholds(data: dict, key: str, label_key: str, what: str) -> tuple[tuple[int, Any], ...]:
    rows = []
    for index, entry in enumerate(_list(data, key, what), start=1):
        where = f"{what}（{key}）第 {index} 条"
        minimum = _x100(entry.get("min"), where, "最低分")
        label = entry.get(label_key)
        if label_key == "stars":
            if isinstance(label, bool) or not isinstance(label, int) or label < 1:
                raise _fail(where, f"星数必须是正整数，而不是 {label!r}")
        elif not isinstance(label, str) or not label.strip():
            raise _fail(where, "缺少等次名称（grade）")
        if rows and minimum >= rows[-1][0]:
            raise _fail(where, "分数线必须从高到低排列，且不能重复")
        if rows and label_key == "stars" and label >= rows[-1][1]:
            raise _fail(where, "星数必须随分数线从高到低递减")
        if rows and label_key == "grade" and any(label == row[1] for row in rows):
            raise _fail(where, f"等次“{label}”重复")
        rows.append((minimum, label))
    return tuple(rows)


def _load_probation(data: dict) -> Probation:
    probation = data.get("probation")
    if not isinstance(probation, dict):
        raise _fail("预备党员分数线（probation）", "必须是 {\"on_time\": …, \"extend\": …}")
    on_time = _x100(probation.get("on_time"), "预备党员分数线（probation）", "按期转正分数（on_time）")
    extend = _x100(probation.get("extend"), "预备党员分数线（probation）", "延长预备期分数（extend）")
    if not on_time > extend >= 0:
        raise _fail("预备党员分数线（probation）", "按期转正分数必须高于延长预备期分数，且都不为负数")
    return Probation(on_time, extend)


def load_rulebook(source: dict | str | Path) -> Rulebook:
    """Validate and load a rulebook from a dict, a JSON text, or a path to a JSON file."""
    data = _read_source(source)
    if data.get("format") != FORMAT_TAG:
        raise _fail("", f"格式标记（format）应为“{FORMAT_TAG}”，而不是 {data.get('format')!r}")
    code = _text(data, "code", "", "细则代码")
    version = _text(data, "version", "", "版本号")
    name = _text(data, "name", "", "细则名称")
    try:
        effective_from = date.fromisoformat(str(data.get("effective_from")))
    except ValueError:
        raise _fail("", f"生效日期（effective_from）必须写成 2026-01-01 这样的日期，而不是 {data.get('effective_from')!r}") from None
    start_month = data.get("cycle_start_month")
    if isinstance(start_month, bool) or not isinstance(start_month, int) or not 1 <= start_month <= 12:
        raise _fail("", f"周期起始月份（cycle_start_month）必须是 1–12 的整数，而不是 {start_month!r}")
    categories = _load_categories(data)
    items = _load_items(data, categories)
    stars = _load_thresholds(data, "member_stars", "stars", "星级分数线")
    grades = _load_thresholds(data, "grades", "grade", "等次分数线")
    if grades[-1][0] != 0:
        raise _fail("等次分数线（grades）", "最后一个等次的最低分必须是 0，保证每个总分都有等次")
    share = data.get("excellent_share_max")
    if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 < share <= 1:
        raise _fail("", f"优秀等次最高比例（excellent_share_max）必须大于 0 且不超过 1，而不是 {share!r}")
    return Rulebook(
        code=code,
        version=version,
        name=name,
        effective_from=effective_from,
        cycle_start_month=start_month,
        categories=categories,
        items=items,
        bonus_cap_x100=_load_bonus_cap(data),
        attendance_rules=_load_attendance_rules(data, items),
        member_classes=_load_member_classes(data, items),
        member_stars=stars,
        grades=tuple((minimum, label.strip()) for minimum, label in grades),
        excellent_share_max=float(share),
        probation=_load_probation(data),
        sha256=hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest(),
        raw=data,
    )


def default_rulebook() -> Rulebook:
    """The bundled default rulebook (resources/rulebooks/default.json)."""
    return load_rulebook(resource_path("rulebooks", "default.json"))


def human_points(x100: int) -> str:
    """Hundredths as a human number: 1200 → '12', -50 → '-0.5', 325 → '3.25'."""
    sign = "-" if x100 < 0 else ""
    whole, cents = divmod(abs(x100), 100)
    return f"{sign}{whole}" if cents == 0 else f"{sign}{whole}.{cents:02d}".rstrip("0")
