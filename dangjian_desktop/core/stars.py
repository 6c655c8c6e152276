"""Star rating of village Party organisations (星级党组织评定); the 软弱涣散 warnings are in `core.weak`.

The criteria (dimensions, items, veto items, score → stars) are a versioned data file the district
issues; `resources/criteria/default.json` is a model text. Scores the data can compute are only
suggested: the village secretary decides the self-assessment.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from dangjian_desktop.core.meetings import is_number, parse_date, read_json_source
from dangjian_desktop.core.star_caps import parse_caps
from dangjian_desktop.core.weak import WeakIndicator, add_months, weak_indicators  # noqa: F401  (re-exported)
from dangjian_desktop.errors import FieldProblem, RuleError, ValidationError
from dangjian_desktop.paths import resource_path

FORMAT = "dangjian-star-criteria/1"
VETO_LABEL = "一票否决"
MAX_STARS = 5
_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,39}\Z")

# Items whose score the data can suggest, with the parameters a criteria file may override.
AUTO_RULES: dict[str, dict] = {
    "committee_complete": {"min_members": 3, "small_branch_below": 7},
    "female_member": {},
    "young_cadre": {"under_age": 35},
    "average_age": {"of": "committee", "threshold": 48, "per_year": 3},
    "meetings_compliance": {"per_missing": 1},
    "training_hours": {},
    "development_target": {"within_years": 2},
}


@dataclass(frozen=True)
class CriteriaItem:
    code: str
    name: str
    max: float
    dimension: str
    description: str = ""
    auto: str | None = None
    rule: Mapping = field(default_factory=dict)  # AUTO_RULES defaults merged with the file's values


@dataclass(frozen=True)
class Dimension:
    code: str
    name: str
    items: tuple[CriteriaItem, ...]

    @property
    def max(self) -> float:
        return sum(item.max for item in self.items)


@dataclass(frozen=True)
class VetoItem:
    code: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class StarLevel:
    min: float
    stars: int


@dataclass(frozen=True)
class Criteria:
    code: str
    version: str
    name: str
    effective_from: date
    dimensions: tuple[Dimension, ...]
    veto_items: tuple[VetoItem, ...]
    levels: tuple[StarLevel, ...]  # highest first
    below_label: str
    items: dict[str, CriteriaItem]  # every item, by code, in file order
    sha256: str  # of to_json(): the same content always hashes the same
    data: dict = field(repr=False, compare=False)
    caps: Mapping[int, float] | None = None  # stars → max share of organisations (core/star_caps.py)

    @property
    def max_total(self) -> float:
        return sum(item.max for item in self.items.values())

    def to_json(self) -> str:
        """The content as stored in the database; `load_criteria` reads it back unchanged."""
        return json.dumps(self.data, ensure_ascii=False, indent=2)

    def stars_for(self, score: float) -> int:
        """Stars for a score that is not vetoed; 0 below the lowest level."""
        return next((level.stars for level in self.levels if score >= level.min), 0)


# -- loading ------------------------------------------------------------------------------------

def _parse_rule(auto, raw_rule, where: str, problems: list[str]) -> dict:
    if auto is None:
        return {}
    if auto not in AUTO_RULES:
        problems.append(f"{where}的自动计分规则未知：{auto}")
        return {}
    rule = dict(AUTO_RULES[auto])
    if raw_rule is None:
        return rule
    if not isinstance(raw_rule, Mapping):
        problems.append(f"{where}的 rule 应为对象")
        return rule
    for key, value in raw_rule.items():
        if key not in rule:
            problems.append(f"{where}的 rule 中有未知参数：{key}")
        elif key == "of" and value not in ("committee", "members"):
            problems.append(f"{where}的 rule.of 应为 committee 或 members")
        elif key != "of" and not (is_number(value) and value >= 0):
            problems.append(f"{where}的 rule.{key} 应为非负数")
        else:
            rule[key] = value
    return rule


def _parse_items(dim: Mapping, dim_code: str, problems: list[str]) -> list[CriteriaItem]:
    raw_items = dim.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        problems.append(f"评价维度“{dim_code}”没有评分项")
        return []
    items = []
    for index, raw in enumerate(raw_items, start=1):
        where = f"评价维度“{dim_code}”第 {index} 项"
        if not isinstance(raw, Mapping):
            problems.append(f"{where}应为对象")
            continue
        code, name, top = raw.get("code"), raw.get("name"), raw.get("max")
        where = f"评分项“{code}”" if isinstance(code, str) else where
        bad = [reason for ok, reason in (
            (isinstance(code, str) and _CODE.match(code), "的代码无效"),
            (isinstance(name, str) and name.strip(), "缺少名称"),
            (is_number(top) and top > 0, "的满分应大于 0"),
        ) if not ok]
        problems += [f"{where}{reason}" for reason in bad]
        rule = _parse_rule(raw.get("auto"), raw.get("rule"), where, problems)
        if not bad:
            items.append(CriteriaItem(code, name.strip(), float(top), dim_code,
                                      str(raw.get("description") or ""), raw.get("auto"), rule))
    return items


def _parse_levels(raw_levels, problems: list[str]) -> tuple[StarLevel, ...]:
    if not isinstance(raw_levels, list) or not raw_levels:
        problems.append("levels 应为非空列表")
        return ()
    levels = []
    for raw in raw_levels:
        ok = (isinstance(raw, Mapping) and is_number(raw.get("min")) and 0 <= raw["min"] <= 100
              and isinstance(raw.get("stars"), int) and not isinstance(raw["stars"], bool)
              and 1 <= raw["stars"] <= MAX_STARS)
        if not ok:
            problems.append(f"星级档次无效：{raw}（min 应在 0–100 之间，stars 应为 1–{MAX_STARS}）")
            return ()
        levels.append(StarLevel(float(raw["min"]), raw["stars"]))
    for higher, lower in zip(levels, levels[1:]):
        if not (higher.min > lower.min and higher.stars > lower.stars):
            problems.append("星级档次应按分数线和星数从高到低排列")
            break
    return tuple(levels)


def load_criteria(source=None) -> Criteria:
    """Load and check a criteria file: a path, the JSON text stored in the database, or a mapping."""
    data = read_json_source(source, resource_path("criteria", "default.json"), "星级评定标准")
    problems: list[str] = []
    if data.get("format") != FORMAT:
        problems.append(f"文件格式应为“{FORMAT}”，实际为“{data.get('format')}”")
    for key, label in (("code", "代码"), ("version", "版本号"), ("name", "名称")):
        if not isinstance(data.get(key), str) or not data[key].strip():
            problems.append(f"缺少{label}（{key}）")
    effective_from = parse_date(data.get("effective_from")) if isinstance(data.get("effective_from"), str) else None
    if effective_from is None:
        problems.append(f"生效日期（effective_from）无效：{data.get('effective_from')}")

    seen: set[str] = set()

    def claim(code: str) -> None:  # items and veto items share one namespace in star_item_scores
        if code in seen:
            problems.append(f"代码重复：{code}")
        seen.add(code)

    dimensions = []
    raw_dims = data.get("dimensions")
    if not isinstance(raw_dims, list) or not raw_dims:
        problems.append("dimensions 应为非空列表")
        raw_dims = []
    for raw in raw_dims:
        code = raw.get("code") if isinstance(raw, Mapping) else None
        name = raw.get("name") if isinstance(raw, Mapping) else None
        if not (isinstance(code, str) and _CODE.match(code) and isinstance(name, str) and name.strip()):
            problems.append(f"评价维度无效：{raw if not isinstance(raw, Mapping) else code}")
            continue
        claim(code)
        items = _parse_items(raw, code, problems)
        for item in items:
            claim(item.code)
        dimensions.append(Dimension(code, name.strip(), tuple(items)))
    veto_items = []
    raw_vetoes = data.get("veto_items", [])
    for raw in raw_vetoes if isinstance(raw_vetoes, list) else [None]:
        if not (isinstance(raw, Mapping) and isinstance(raw.get("code"), str) and _CODE.match(raw["code"])
                and isinstance(raw.get("name"), str) and raw["name"].strip()):
            problems.append(f"一票否决项无效：{raw}")
            continue
        claim(raw["code"])
        veto_items.append(VetoItem(raw["code"], raw["name"].strip(), str(raw.get("description") or "")))
    levels = _parse_levels(data.get("levels"), problems)
    caps = parse_caps(data.get("caps"), MAX_STARS, problems)
    items = {item.code: item for dim in dimensions for item in dim.items}
    total = sum(item.max for item in items.values())
    if total > 100 + 1e-9:
        problems.append(f"各项满分合计 {total:g} 分，超过 100 分")
    below_label = data.get("below_label", "后进")
    if not isinstance(below_label, str) or not below_label.strip():
        problems.append("below_label 应为文字")
    if problems:
        raise RuleError("星级评定标准不能使用：" + "；".join(problems))
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return Criteria(
        code=data["code"].strip(), version=data["version"].strip(), name=data["name"].strip(),
        effective_from=effective_from, dimensions=tuple(dimensions), veto_items=tuple(veto_items),
        levels=levels, below_label=below_label.strip(), items=items,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), data=data, caps=caps,
    )


def default_criteria() -> Criteria:
    return load_criteria()


# -- scoring ------------------------------------------------------------------------------------

def stars_label(n: int, total: int = MAX_STARS) -> str:
    """'★★★☆☆' for 3 of 5 stars."""
    if not (isinstance(n, int) and 0 <= n <= total):
        raise ValueError(f"star count out of range: {n!r}")
    return "★" * n + "☆" * (total - n)


def _fmt(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True)
class StarResult:
    score: float
    star_level: int  # 0 when vetoed or below the lowest level
    label: str  # '★★★★', the criteria's below label ('后进') or '一票否决'
    vetoed: bool
    missing_items: list[str]  # item codes not scored, counted as 0
    problems: list[FieldProblem]  # notes to show: unscored items, veto hits


def score_assessment(criteria: Criteria, scores: Mapping[str, float | None],
                     veto_hits: Iterable[str] = ()) -> StarResult:
    """Total and stars of one assessment; ValidationError lists unknown items and scores out of range."""
    veto_hits = set(veto_hits)
    problems = []
    for code, value in scores.items():
        item = criteria.items.get(code)
        if item is None:
            problems.append(FieldProblem(code, f"评定标准中没有评分项“{code}”"))
        elif value is not None and not is_number(value):
            problems.append(FieldProblem(code, f"“{item.name}”的得分应为数字，填写的是“{value}”"))
        elif value is not None and not 0 <= value <= item.max:
            problems.append(FieldProblem(code, f"“{item.name}”的得分应在 0–{_fmt(item.max)} 分之间，填写的是 {_fmt(value)}"))
    veto_codes = {veto.code for veto in criteria.veto_items}
    problems += [FieldProblem(code, f"评定标准中没有一票否决项“{code}”") for code in sorted(veto_hits - veto_codes)]
    if problems:
        raise ValidationError(problems)
    missing = [code for code in criteria.items if scores.get(code) is None]
    score = round(sum(float(v) for v in scores.values() if v is not None), 2)
    notes = [FieldProblem(code, f"“{criteria.items[code].name}”未评分，按 0 分计") for code in missing]
    hits = [veto for veto in criteria.veto_items if veto.code in veto_hits]
    notes += [FieldProblem(veto.code, f"一票否决：{veto.name}") for veto in hits]
    if hits:
        return StarResult(score, 0, VETO_LABEL, True, missing, notes)
    stars = criteria.stars_for(score)
    return StarResult(score, stars, "★" * stars if stars else criteria.below_label, False, missing, notes)


# The suggestions from the village's data live in core/star_suggestions.py (re-exported here).
from dangjian_desktop.core.star_suggestions import CommitteeMember, VillageFacts, suggest_scores  # noqa: E402,F401
