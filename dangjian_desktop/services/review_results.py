"""The village's side of the star review: what the district's return bundles said about a year's
self-assessment (镇级初审, 区级审核, 退回修改, 公示, 命名), with each stage's per-item scores and
comments, and whether the submitted self-assessment was returned for correction."""

from __future__ import annotations

import json

from dangjian_desktop.core.stars import load_criteria
from dangjian_desktop.errors import DangjianError
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.review_state import STAGE_LABELS
from dangjian_desktop.store import queries
from dangjian_desktop.store import review_queries as q


def _detail(row: dict) -> dict:
    """A result's per-item detail; an old or damaged one reads as none."""
    try:
        detail = json.loads(row.get("detail_json") or "{}")
    except ValueError:
        return {}
    return detail if isinstance(detail, dict) else {}


def _names(ctx: Context, criteria_uuid: str | None) -> dict[str, str]:
    """Item and veto names by code, from the criteria the assessment was made under."""
    row = queries.row(ctx.store, "star_criteria", criteria_uuid) if criteria_uuid else None
    try:
        criteria = load_criteria(row["content"]) if row else ctx.criteria
    except DangjianError:
        return {}
    return {**{c: i.name for c, i in criteria.items.items()}, **{v.code: v.name for v in criteria.veto_items}}


def review_results(ctx: Context, *, year: int) -> list[dict]:
    """In a village database: the year's review results stage by stage, each with `stage_label`,
    `items` ([{code, name, score, comment}] the reviewer scored or commented) and `veto_names`."""
    assessment = queries.star_assessment(ctx.store, ctx.org_uuid, year)
    names = _names(ctx, assessment["criteria_uuid"] if assessment else None)
    own = {r["item_code"]: r["score"] for r in queries.star_item_scores(ctx.store, assessment["uuid"])} \
        if assessment else {}
    out = []
    for row in q.results_for_village(ctx.store, ctx.org_uuid, year):
        detail = _detail(row)
        raw_items = detail.get("items") if isinstance(detail.get("items"), dict) else {}
        items = [{"code": code, "name": names.get(code, code), "score": v.get("score"), "comment": v.get("comment"),
                  "own": own.get(code), "changed": "score" in v and v.get("score") != own.get(code)}
                 for code, v in raw_items.items() if isinstance(v, dict)]
        vetoes = detail.get("veto_hits") if isinstance(detail.get("veto_hits"), list) else []
        row.pop("detail_json", None)
        out.append({**row, "stage_label": STAGE_LABELS.get(row["stage"], row["stage"]), "items": items,
                    "veto_names": [names.get(str(c), str(c)) for c in vetoes],
                    "submitted_at": detail.get("submitted_at"), "comment": detail.get("comment"),
                    "has_detail": bool(detail)})
    return out


def returned_for_correction(ctx: Context, *, year: int) -> dict | None:
    """The return for correction (退回修改) of the year's latest submission, if the district sent one:
    the self-assessment may then be corrected and submitted again."""
    assessment = queries.star_assessment(ctx.store, ctx.org_uuid, year)
    if not assessment or not assessment["submitted_at"]:
        return None
    returns = [r for r in review_results(ctx, year=year)
               if r["stage"] == "returned" and r["submitted_at"] == assessment["submitted_at"]]
    return returns[-1] if returns else None
