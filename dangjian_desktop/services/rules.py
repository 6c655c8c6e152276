"""The district's rules (规则): the rulebook and star-criteria versions it holds, and importing a new
version from a JSON file — validated by the core loaders, shown as a diff against the version in
force, then issued (services/district.issue_rules) so every return bundle carries it forward."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from dangjian_desktop.core.criteria_diff import diff_criteria
from dangjian_desktop.core.rulebook import FORMAT_TAG as RULEBOOK_FORMAT
from dangjian_desktop.core.rulebook import Rulebook, load_rulebook
from dangjian_desktop.core.rulebook_diff import diff_rulebooks
from dangjian_desktop.core.stars import FORMAT as CRITERIA_FORMAT
from dangjian_desktop.core.stars import Criteria, load_criteria
from dangjian_desktop.errors import RuleError
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.district import issue_rules
from dangjian_desktop.services.sync_identity import require_district
from dangjian_desktop.store import derived_uuid, queries

MAX_RULE_FILE = 2 * 1024 * 1024
TABLES = {"rulebooks": ("积分细则", "rulebook_uuid"), "star_criteria": ("星级评定标准", "criteria_uuid")}


@dataclass(frozen=True)
class RulesPreview:
    table: str  # 'rulebooks' | 'star_criteria'
    label: str  # 积分细则 | 星级评定标准
    rules: Rulebook | Criteria
    current: Rulebook | Criteria | None
    diff: list[str]
    installed: bool  # this code and version is already in the database
    same_content: bool  # installed with the same content
    newer: bool  # later than the version in force: issuing puts it in force

    def summary(self) -> str:
        head = f"{self.label}“{self.rules.name}” {self.rules.version}（{self.rules.effective_from} 起）"
        if self.installed and not self.same_content:
            return head + "：区里已有同一版本号但内容不同的文件，不能导入。请改用新的版本号。"
        if self.installed:
            return head + "：区里已有这一版本，无需再导入。"
        if not self.newer:
            return head + "：比现行版本早，导入后只保存，不会生效。"
        return head + f"：导入后立即生效，并随回执包下发到各村（与现行版本相比 {len(self.diff)} 处变化）。"


def read_rule_file(path: str | Path) -> tuple[str, Rulebook | Criteria]:
    """Which kind of rule file this is (by its `format`), loaded and checked."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_RULE_FILE:
            raise RuleError(f"规则文件太大（超过 {MAX_RULE_FILE // 1024 // 1024} MB）：{path.name}")
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RuleError(f"找不到规则文件：{path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"无法读取规则文件 {path.name}：{exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RuleError(f"{path.name} 不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列，{exc.msg}") from None
    kind = data.get("format") if isinstance(data, dict) else None
    if kind == RULEBOOK_FORMAT:
        return "rulebooks", load_rulebook(data)
    if kind == CRITERIA_FORMAT:
        return "star_criteria", load_criteria(data)
    raise RuleError(f"{path.name} 不是积分细则（format 为“{RULEBOOK_FORMAT}”）"
                    f"也不是星级评定标准（format 为“{CRITERIA_FORMAT}”）")


def _load(table: str, content: str) -> Rulebook | Criteria:
    return load_rulebook(content) if table == "rulebooks" else load_criteria(content)


def in_force(ctx: Context, table: str) -> tuple[dict | None, Rulebook | Criteria | None]:
    row = queries.row(ctx.store, table, ctx.store.setting(TABLES[table][1]) or "")
    return row, (_load(table, row["content"]) if row else None)


def preview_rules(ctx: Context, *, path: str | Path) -> RulesPreview:
    """Validate a rule file and compare it with the version in force; writes nothing."""
    require_district(ctx)
    table, rules = read_rule_file(path)
    current_row, current = in_force(ctx, table)
    existing = queries.row(ctx.store, table, derived_uuid(table, rules.code, rules.version))
    if current is None:
        diff, newer = [], True
    else:
        diff = diff_rulebooks(current, rules) if table == "rulebooks" else diff_criteria(current, rules)
        newer = ((rules.effective_from.isoformat(), rules.version)
                 > (current_row["effective_from"], current_row["version_label"]))
    return RulesPreview(table, TABLES[table][0], rules, current, diff, existing is not None,
                        existing is not None and existing["sha256"] == rules.sha256, newer)


def import_rules(ctx: Context, *, path: str | Path, dry_run: bool = False) -> RulesPreview:
    """Preview, then (unless a dry run) install and issue the version; a clash of version label
    with other content is refused rather than silently kept."""
    ctx.require("rules.edit")
    preview = preview_rules(ctx, path=path)
    if preview.installed and not preview.same_content:
        raise RuleError(preview.summary())
    if not dry_run and not preview.installed:
        issue_rules(ctx, table=preview.table, rules=preview.rules)
        ctx.store.audit(ctx.actor, "rules", f"导入并下发{preview.label} {preview.rules.version}："
                        f"{'已生效' if preview.newer else '仅保存（早于现行版本）'}")
    return preview


def rule_versions(ctx: Context) -> list[dict]:
    """Every version the district holds of both kinds, newest first, with `in_force` marked."""
    require_district(ctx)
    out = []
    for table, (label, setting) in TABLES.items():
        current = ctx.store.setting(setting)
        for row in queries.rule_versions(ctx.store, table):
            content = queries.row(ctx.store, table, row["uuid"])["content"]
            name = json.loads(content).get("name", "")
            out.append({**row, "table": table, "label": label, "name": name, "in_force": row["uuid"] == current})
    return out


def export_rules(ctx: Context, *, table: str, path: str | Path) -> Path:
    """The version in force as a JSON file, to edit (new version number and date) and import again."""
    require_district(ctx)
    if table not in TABLES:
        raise RuleError(f"未知的规则类别：{table}")
    row, _rules = in_force(ctx, table)
    if row is None:
        raise RuleError(f"区里没有现行的{TABLES[table][0]}")
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(row["content"], encoding="utf-8")
    partial.replace(path)
    return path
