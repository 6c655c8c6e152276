"""The star-review workflow at the district (星级评定 审核): town initial review (镇级初审), district
final review (区级审核), return for correction (退回修改), publicity (公示) and award (命名) of each
submitted self-assessment.

Every stage is a new row (star_review_stages, append-only) with its own per-item scores, comments,
veto hits, reviewer, date and comment, mirrored as a review result (district_reviews, with the same
detail as JSON) that the village's next return bundle carries. The order is enforced here, for the
CLI and the GUI alike: no skipping, the district only after the town, nothing after the award; a
return ends the round and the village's resubmission starts the next (services/review_state.py).

Who reviews: the logged-in account when there is one (a 审核人 of a town is that town's reviewer;
an administrator or a reviewer without a town is the district), else the `reviewer` argument.
"""

from __future__ import annotations

import json
from datetime import date

from dangjian_desktop.core import stars as rules
from dangjian_desktop.core.stars import load_criteria, stars_label
from dangjian_desktop.errors import NotFoundError, ValidationError
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.review_quota import check_awards, quota  # noqa: F401  (re-exported)
from dangjian_desktop.services.review_results import returned_for_correction, review_results  # noqa: F401
from dangjian_desktop.services.review_state import (CHANGE_LABELS, LEVEL_NAMES, STAGE_LABELS,  # noqa: F401
                                                    STATE_AFTER, STATE_LABELS, ReviewDetail, Reviewer,
                                                    ReviewNotAllowed, acting_reviewer, require_stage_permission,
                                                    reviewer_of_user, state_label, state_of)
from dangjian_desktop.services.sync_identity import require_district
from dangjian_desktop.store import new_uuid, queries, sync_queries, utc_now
from dangjian_desktop.store import district_registry_queries as rq
from dangjian_desktop.store import review_queries as q

MAX_COMMENT = 500


# -- reading ------------------------------------------------------------------------------------
def _visible(reviewer: Reviewer, row: dict) -> bool:
    return reviewer.role == "district" or row["town_uuid"] == reviewer.town_uuid


def list_assessments(ctx: Context, *, reviewer: Reviewer | None = None, year: int | None = None,
                     state: str | None = None, town_uuid: str | None = None) -> list[dict]:
    """Submitted self-assessments the reviewer may see (a town reviewer: their town's only), each
    with its `state` and `state_label`."""
    require_district(ctx)
    reviewer = acting_reviewer(ctx, reviewer)
    if reviewer.role == "town":
        town_uuid = reviewer.town_uuid
    out = []
    for row in q.submitted(ctx.store, year=year, town_uuid=town_uuid):
        row["state"] = state_of(row)
        row["state_label"] = state_label(row, row["state"])
        if state is None or row["state"] == state:
            out.append(row)
    return out


def _listing(ctx: Context, reviewer: Reviewer, assessment_uuid: str) -> dict:
    require_district(ctx)
    row = q.one(ctx.store, assessment_uuid)
    if row is None:
        raise NotFoundError("已提交的星级自评", assessment_uuid)
    if not _visible(reviewer, row):
        raise ReviewNotAllowed(f"{row['name']} 不属于你所在的镇（街道），不能查看或审核")
    return row


def get_review(ctx: Context, *, reviewer: Reviewer | None = None, assessment_uuid: str) -> ReviewDetail:
    reviewer = acting_reviewer(ctx, reviewer)
    row = _listing(ctx, reviewer, assessment_uuid)
    criteria_row = queries.row(ctx.store, "star_criteria", row["criteria_uuid"])
    if criteria_row is None:
        raise NotFoundError("该自评所用的评定标准", row["criteria_uuid"])
    return ReviewDetail(
        assessment=row, state=state_of(row), criteria=load_criteria(criteria_row["content"]),
        self_items={r["item_code"]: r for r in queries.star_item_scores(ctx.store, assessment_uuid)},
        stages=q.stages(ctx.store, assessment_uuid), previous_award=q.award(ctx.store, row["village_org"],
                                                                            row["year"] - 1))


def star_history(ctx: Context, *, village_code: str) -> list[dict]:
    """A village's awarded stars year by year, with raised / lowered / removed."""
    require_district(ctx)
    village = sync_queries.village_by_code(ctx.store, village_code)
    if village is None:
        raise NotFoundError("村（代码）", village_code)
    return [{**r, "change_label": CHANGE_LABELS.get(r["star_change"] or "", "")}
            for r in q.awards(ctx.store, village["org_uuid"])]


def town_choices(ctx: Context) -> list[dict]:
    """The towns a town reviewer can be of."""
    require_district(ctx)
    return rq.towns(ctx.store)


# -- the stages ---------------------------------------------------------------------------------
def _acting(ctx: Context, reviewer: Reviewer | None, role: str | None, refusal: str) -> Reviewer:
    reviewer = acting_reviewer(ctx, reviewer)
    if role is not None and reviewer.role != role:
        raise ReviewNotAllowed(refusal)
    require_stage_permission(ctx, reviewer)
    return reviewer


def _require(detail: ReviewDetail, allowed: tuple[str, ...], doing: str) -> None:
    if detail.state == "awarded":
        raise ReviewNotAllowed(f"{detail.assessment['name']} {detail.assessment['year']} 年度已命名，评定结果已锁定")
    if detail.state == "returned":
        raise ReviewNotAllowed(f"{detail.assessment['name']} 的自评已退回修改，村里重新提交后才能{doing}")
    if detail.state not in allowed:
        raise ReviewNotAllowed(f"{detail.assessment['name']} 现在“{STATE_LABELS[detail.state]}”，不能{doing}")


def _comment(text: str | None) -> str | None:
    text = (text or "").strip()
    if len(text) > MAX_COMMENT:
        raise ValidationError(f"意见太长（最多 {MAX_COMMENT} 个字）", "comment")
    return text or None


def _when(ctx: Context, day: date | None) -> date:
    day = day or ctx.today
    if day > ctx.today:
        raise ValidationError(f"日期 {day} 晚于今天", "reviewed_on")
    return day


def _item_comments(detail: ReviewDetail, comments: dict | None) -> dict[str, str]:
    codes = set(detail.criteria.items) | {v.code for v in detail.criteria.veto_items}
    said = {c: _comment(t) for c, t in (comments or {}).items() if c in codes}
    return {c: t for c, t in said.items() if t}


def _scored_stage(ctx: Context, reviewer: Reviewer, detail: ReviewDetail, stage: str, scores: dict | None,
                  comments: dict | None, veto_hits, comment: str | None, reviewed_on: date | None) -> dict:
    base_scores, base_vetoes = detail.base_scores()
    merged = {code: base_scores.get(code) for code in detail.criteria.items}
    merged.update({c: (None if v is None else float(v)) for c, v in (scores or {}).items()})
    vetoes = set(base_vetoes if veto_hits is None else veto_hits)
    result = rules.score_assessment(detail.criteria, merged, vetoes)
    missing = [detail.criteria.items[c].name for c in result.missing_items]
    if missing:
        raise ValidationError(f"还有 {len(missing)} 项没有审核得分：{'、'.join(missing[:5])}")
    comments = _item_comments(detail, comments)
    items = {c: {"score": merged[c], **({"comment": comments[c]} if c in comments else {})} for c in merged}
    items.update({c: {"comment": t} for c, t in comments.items() if c not in merged})
    day = _when(ctx, reviewed_on)
    return _write(ctx, reviewer, detail, stage, day, comment=_comment(comment), score=result.score,
                  star_level=result.star_level, vetoed=int(result.vetoed), items=items, veto_hits=sorted(vetoes),
                  result=_result_text(stage, result), note=_note(detail, comment, items, vetoes))


def town_review(ctx: Context, *, reviewer: Reviewer | None = None, assessment_uuid: str, scores: dict | None = None,
                comments: dict | None = None, veto_hits=None, comment: str | None = None,
                reviewed_on: date | None = None) -> dict:
    """镇级初审: per-item scores (unchanged items keep the village's), comments, veto items.
    Again while the district has not reviewed: a later initial review replaces the earlier one."""
    reviewer = _acting(ctx, reviewer, "town", "镇级初审由所在镇（街道）的审核人填写")
    detail = get_review(ctx, reviewer=reviewer, assessment_uuid=assessment_uuid)
    _require(detail, ("submitted", "town_reviewed"), "做镇级初审")
    return _scored_stage(ctx, reviewer, detail, "town", scores, comments, veto_hits, comment, reviewed_on)


def district_review(ctx: Context, *, reviewer: Reviewer | None = None, assessment_uuid: str,
                    scores: dict | None = None, comments: dict | None = None, veto_hits=None,
                    comment: str | None = None, reviewed_on: date | None = None) -> dict:
    """区级审核, only after the town's initial review; again until publicity starts."""
    reviewer = _acting(ctx, reviewer, "district", "区级审核只能由区里的审核人进行")
    detail = get_review(ctx, reviewer=reviewer, assessment_uuid=assessment_uuid)
    if detail.state == "submitted":
        raise ReviewNotAllowed(f"{detail.assessment['name']} 还没有经过镇级初审，区里不能先审核")
    _require(detail, ("town_reviewed", "district_reviewed"), "做区级审核")
    return _scored_stage(ctx, reviewer, detail, "district", scores, comments, veto_hits, comment, reviewed_on)


def return_for_correction(ctx: Context, *, reviewer: Reviewer | None = None, assessment_uuid: str, reasons: str,
                          comments: dict | None = None, reviewed_on: date | None = None) -> dict:
    """退回修改: send the self-assessment back to the village with reasons (and per-item comments).
    The town may return before the district's review; the district until the award. The village
    corrects and submits again, which starts a new round at the town's review."""
    reviewer = _acting(ctx, reviewer, None, "")
    detail = get_review(ctx, reviewer=reviewer, assessment_uuid=assessment_uuid)
    allowed = (("submitted", "town_reviewed") if reviewer.role == "town" else
               ("submitted", "town_reviewed", "district_reviewed", "publicity"))
    if reviewer.role == "town" and detail.state in ("district_reviewed", "publicity"):
        raise ReviewNotAllowed(f"{detail.assessment['name']} 区里已经审核，只有区里还能退回修改")
    _require(detail, allowed, "退回修改")
    reasons = _comment(reasons)
    if not reasons:
        raise ValidationError("退回修改需要写明原因", "reasons")
    items = {c: {"comment": t} for c, t in _item_comments(detail, comments).items()}
    lines = [reasons] + [f"{_item_name(detail, c)}：{v['comment']}" for c, v in items.items()]
    return _write(ctx, reviewer, detail, "returned", _when(ctx, reviewed_on), comment=reasons, items=items,
                  vetoed=0, veto_hits=[], result="退回村里修改，请按意见修改后重新提交", note="\n".join(lines))


def _item_name(detail: ReviewDetail, code: str) -> str:
    if code in detail.criteria.items:
        return detail.criteria.items[code].name
    return next((v.name for v in detail.criteria.veto_items if v.code == code), code)


def start_publicity(ctx: Context, *, reviewer: Reviewer | None = None, assessment_uuids: list[str], start: date,
                    end: date, comment: str | None = None) -> list[dict]:
    """公示 of the district's results, from `start` to `end` (inclusive), for one or many villages."""
    reviewer = _acting(ctx, reviewer, "district", "公示由区里发布")
    if end < start:
        raise ValidationError(f"公示结束日期 {end} 早于开始日期 {start}", "end")
    out = []
    with ctx.store.atomic():
        for uuid in assessment_uuids:
            detail = get_review(ctx, reviewer=reviewer, assessment_uuid=uuid)
            _require(detail, ("district_reviewed",), "开始公示")
            last = detail.latest("district")
            out.append(_write(ctx, reviewer, detail, "publicity", start, comment=_comment(comment),
                              score=last["score"], star_level=last["star_level"], vetoed=last["vetoed"],
                              publicity_start=start.isoformat(), publicity_end=end.isoformat(),
                              result=f"{start.isoformat()} 至 {end.isoformat()}",
                              note=_comment(comment)))
    return out


def award(ctx: Context, *, reviewer: Reviewer | None = None, assessment_uuids: list[str],
          awarded_on: date | None = None, comment: str | None = None) -> list[dict]:
    """命名 after the publicity window has ended; compares with last year's stars and keeps within the
    criteria's caps (e.g. 五星 ≤ 10 % of the district's villages). Locks the result."""
    reviewer = _acting(ctx, reviewer, "district", "命名由区里决定")
    day = _when(ctx, awarded_on)
    details = []
    for uuid in assessment_uuids:
        detail = get_review(ctx, reviewer=reviewer, assessment_uuid=uuid)
        _require(detail, ("publicity",), "命名")
        shown = detail.latest("publicity")
        if day <= date.fromisoformat(shown["publicity_end"]):
            raise ReviewNotAllowed(f"{detail.assessment['name']} 的公示到 {shown['publicity_end']} 结束，"
                                   "公示期满后才能命名")
        details.append((detail, shown))
    check_awards(ctx, [(d.assessment["year"], d.criteria, shown["star_level"] or 0) for d, shown in details])
    out = []
    with ctx.store.atomic():
        for detail, shown in details:
            level = shown["star_level"] or 0
            previous = detail.previous_award["star_level"] if detail.previous_award else None
            change = _change(previous, level)
            text = (f"命名为{LEVEL_NAMES[level]}级党组织" if level else
                    ("一票否决，不予命名" if shown["vetoed"] else f"未达到星级（{detail.criteria.below_label}）"))
            if previous is not None:
                text += f"（上年 {LEVEL_NAMES.get(previous, '无星')}，{CHANGE_LABELS[change]}）"
            out.append(_write(ctx, reviewer, detail, "award", day, comment=_comment(comment), score=shown["score"],
                              star_level=level, vetoed=shown["vetoed"], previous_level=previous,
                              star_change=change, result=text, note=_comment(comment)))
    return out


def _change(previous: int | None, level: int) -> str:
    if previous is None:
        return "new"
    if level == 0 and previous > 0:
        return "removed"
    return "raised" if level > previous else "lowered" if level < previous else "kept"


def _result_text(stage: str, result: rules.StarResult) -> str:
    verb = "建议" if stage == "town" else "评定"
    if result.vetoed:
        return f"{verb}一票否决（{result.score:g} 分）"
    return f"{verb} {stars_label(result.star_level) if result.star_level else '未达星级'}（{result.score:g} 分）"


def _note(detail: ReviewDetail, comment: str | None, items: dict, vetoes: set[str]) -> str | None:
    """What the village reads: the comment, and each item whose score differs from its own."""
    lines = [comment.strip()] if comment and comment.strip() else []
    for code, item in detail.criteria.items.items():
        own = (detail.self_items.get(code) or {}).get("score")
        given = items.get(code, {}).get("score")
        said = items.get(code, {}).get("comment")
        if given != own or said:
            lines.append(f"{item.name}：{'' if own is None else f'{own:g}'} → {given:g}" + (f"（{said}）" if said else ""))
    lines += [f"一票否决：{v.name}" for v in detail.criteria.veto_items if v.code in vetoes]
    return "\n".join(lines) or None


def _write(ctx: Context, reviewer: Reviewer, detail: ReviewDetail, stage: str, day: date, *, result: str,
           note: str | None, **values) -> dict:
    a = detail.assessment
    row = {"uuid": new_uuid(), "village_org": a["village_org"], "assessment_uuid": a["uuid"], "year": a["year"],
           "stage": stage, "reviewer": reviewer.name.strip(), "reviewer_role": reviewer.role,
           "town_uuid": reviewer.town_uuid if reviewer.role == "town" else a["town_uuid"], "at": utc_now(),
           "reviewed_on": day.isoformat(), "submitted_at": a["submitted_at"], **values}
    # The village reads the same per-item detail (scores, comments, veto hits) from its return bundle.
    detail_json = json.dumps({"items": values.get("items") or {}, "veto_hits": list(values.get("veto_hits") or []),
                              "submitted_at": a["submitted_at"], "at": row["at"], "comment": values.get("comment"),
                              "n": len(detail.stages) + 1},  # the stage's place in the assessment's history
                             ensure_ascii=False, sort_keys=True)
    with ctx.store.atomic():
        q.insert_stage(ctx.store, row)
        sync_queries.save_review(ctx.store, {
            "uuid": row["uuid"], "village_org": a["village_org"], "assessment_uuid": a["uuid"], "year": a["year"],
            "stage": stage, "result": result, "star_level": values.get("star_level"), "note": note,
            "reviewer": row["reviewer"], "reviewed_on": row["reviewed_on"], "version": 1,
            "detail_json": detail_json})
        ctx.store.audit(ctx.actor, "review", f"{a['name']} {a['year']} 年度星级评定{STAGE_LABELS[stage]}："
                        f"{result}（{row['reviewer']}）")
    return row
