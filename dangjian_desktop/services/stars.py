"""Use cases for the village's yearly star self-assessment (星级评定 村级自评) and its warnings."""

from __future__ import annotations

from datetime import date, datetime, timezone

from dangjian_desktop.core import stars as rules
from dangjian_desktop.core.meetings import compliance_summary
from dangjian_desktop.core.members import age_on
from dangjian_desktop.errors import DangjianError, ValidationError
from dangjian_desktop.services import meetings
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.review_results import returned_for_correction
from dangjian_desktop.store import derived_uuid, meeting_queries, queries, utc_now

COMMITTEE_POSTS = ("书记", "副书记", "组织委员", "宣传委员", "纪检委员")


def get_self_assessment(ctx: Context, *, year: int) -> tuple[dict | None, dict[str, dict]]:
    """The year's assessment row (or None) and its item rows by item code."""
    assessment = queries.star_assessment(ctx.store, ctx.org_uuid, year)
    items = {r["item_code"]: r for r in queries.star_item_scores(ctx.store, assessment["uuid"])} if assessment else {}
    return assessment, items


def save_self_assessment(ctx: Context, *, year: int, scores: dict[str, float | None],
                         evidence: dict[str, str] | None = None, veto_hits: set[str] = frozenset(),
                         note: str | None = None) -> rules.StarResult:
    """Save the draft: item scores with evidence notes and veto items; the star level is computed."""
    ctx.require("stars.edit")
    ctx.require_village()
    if not 2000 <= year <= ctx.today.year:
        raise ValidationError(f"评定年度应在 2000 到 {ctx.today.year} 之间", "year")
    criteria, evidence = ctx.criteria, evidence or {}
    result = rules.score_assessment(criteria, scores, veto_hits)
    current, current_items = get_self_assessment(ctx, year=year)
    returned = current is not None and returned_for_correction(ctx, year=year) is not None
    if current and current["state"] == "submitted" and not returned:
        raise DangjianError(f"{year} 年度的自评已经提交，不能再修改")
    uuid = derived_uuid("star_assessments", ctx.org_uuid, str(year))
    values = {"year": year, "criteria_uuid": ctx.criteria_uuid, "score": result.score,
              "star_level": result.star_level, "vetoed": int(result.vetoed), "note": note}
    if returned:  # 退回修改: back to a draft until it is submitted again
        values["state"] = "draft"
    store = ctx.store
    with store.atomic():
        if current is None:
            store.insert("star_assessments", {"uuid": uuid, **values}, org=ctx.org_uuid, actor=ctx.actor,
                         summary=f"{year} 年度星级自评")
        else:
            store.update("star_assessments", uuid, values, actor=ctx.actor, summary=f"{year} 年度星级自评修改")
        codes = set(criteria.items) | {v.code for v in criteria.veto_items}
        for code in sorted(codes):
            row = {"score": scores.get(code), "veto_hit": int(code in veto_hits),
                   "evidence": (evidence.get(code) or "").strip() or None}
            existing = current_items.get(code)
            if existing:
                store.update("star_item_scores", existing["uuid"], row, actor=ctx.actor)
            elif row["score"] is not None or row["veto_hit"] or row["evidence"]:
                store.insert("star_item_scores", {"uuid": derived_uuid("star_item", uuid, code),
                                                  "assessment_uuid": uuid, "item_code": code, **row},
                             org=ctx.org_uuid, actor=ctx.actor)
    return result


def submit_self_assessment(ctx: Context, *, year: int, signed_by: str) -> dict:
    """Lock the year's self-assessment for the town's review; every item must be scored."""
    ctx.require("stars.submit")
    assessment, items = get_self_assessment(ctx, year=year)
    if assessment is None:
        raise DangjianError(f"{year} 年度还没有填写自评")
    if assessment["state"] == "submitted" and returned_for_correction(ctx, year=year) is None:
        raise DangjianError(f"{year} 年度的自评已经提交过了")
    missing = [item.name for code, item in ctx.criteria.items.items()
               if items.get(code, {}).get("score") is None]
    if missing:
        raise ValidationError(f"还有 {len(missing)} 项未评分：{'、'.join(missing[:5])}{'等' if len(missing) > 5 else ''}")
    if not (signed_by or "").strip():
        raise ValidationError("提交自评需要书记签名（姓名）", "signed_by")
    return ctx.store.update("star_assessments", assessment["uuid"],
                            {"state": "submitted", "signed_by": signed_by.strip(),
                             "submitted_at": _new_submission_time(assessment["submitted_at"])},
                            actor=ctx.actor, summary=f"提交 {year} 年度星级自评")


def _new_submission_time(previous: str | None) -> str:
    """`submitted_at` names a submission (the district tells a resubmission after 退回修改 by it), so a
    resubmission within the same second as the last one gets a finer time."""
    now = utc_now()
    return now if now != previous else datetime.now(timezone.utc).isoformat(timespec="microseconds")


def save_and_submit_self_assessment(ctx: Context, *, year: int, scores: dict[str, float | None],
                                    evidence: dict[str, str] | None, veto_hits: set[str], signed_by: str) -> dict:
    """Save what the form shows and submit it signed, together or not at all."""
    ctx.require("stars.edit")
    ctx.require("stars.submit")
    with ctx.store.atomic():
        save_self_assessment(ctx, year=year, scores=scores, evidence=evidence, veto_hits=veto_hits)
        return submit_self_assessment(ctx, year=year, signed_by=signed_by)


def village_facts(ctx: Context, *, year: int) -> rules.VillageFacts:
    as_of = min(date(year, 12, 31), ctx.today)
    roster = queries.members(ctx.store, ctx.org_uuid, roster_only=True)
    committee = [rules.CommitteeMember(m["party_post"], m["sex"], age_on(date.fromisoformat(m["birth_date"]), as_of))
                 for m in roster if m["party_post"] in COMMITTEE_POSTS and m["birth_date"]]
    rows = meetings.compliance(ctx, year=year)
    return rules.VillageFacts(
        as_of=as_of,
        committee=committee,
        full_member_count=sum(m["category"] == "正式党员" for m in roster),
        member_ages=[age_on(date.fromisoformat(m["birth_date"]), as_of) for m in roster if m["birth_date"]],
        meeting_compliance=compliance_summary(rows),
        meeting_type_names={code: t.name for code, t in ctx.meeting_types.types.items()},
        training=meetings.training_stats(ctx, year=year),
        last_development_target_on=last_development_target_on(ctx),
    )


def last_development_target_on(ctx: Context) -> date | None:
    """When someone last became a 发展对象 (from the audit trail; today if one is one now)."""
    if any(m["category"] == "发展对象" and m["status"] == "在册" for m in queries.members(ctx.store, ctx.org_uuid)):
        return ctx.today
    last = queries.last_status_change(ctx.store, ctx.org_uuid, "发展对象")
    return date.fromisoformat(last) if last else None


def suggestions(ctx: Context, *, year: int) -> dict[str, tuple[float, str]]:
    """Scores the data suggests for the items it can judge; the secretary decides."""
    return rules.suggest_scores(ctx.criteria, village_facts(ctx, year=year))


def weak_warnings(ctx: Context, *, compliance_rows: list | None = None,
                  roster: list[dict] | None = None) -> list[rules.WeakIndicator]:
    """The 软弱涣散 indicators the village's own data shows now (callers that already have this
    year's compliance rows or the roster pass them in)."""
    if roster is None:
        roster = queries.members(ctx.store, ctx.org_uuid, roster_only=True)
    secretary = next((m for m in roster if m["party_post"] == "书记"), None)
    vacant_since = None
    if secretary is None:
        left = [m["status_changed_on"] for m in queries.members(ctx.store, ctx.org_uuid)
                if m["party_post"] == "书记" and m["status_changed_on"]]
        vacant_since = date.fromisoformat(max(left)) if left else date.fromisoformat(ctx.org["updated_at"][:10])
    return rules.weak_indicators(today=ctx.today, secretary_vacant_since=vacant_since,
                                 compliance_rows=compliance_rows if compliance_rows is not None
                                 else meetings.compliance(ctx, year=ctx.today.year),
                                 last_development_target_on=last_development_target_on(ctx))


# -- for the star-rating page -------------------------------------------------------------------

def assessment_years(ctx: Context) -> list[int]:
    """Years to offer: this year, the four before it, and any year already assessed; newest first."""
    recent = range(ctx.today.year, ctx.today.year - 5, -1)
    return sorted({*recent, *meeting_queries.assessment_years(ctx.store, ctx.org_uuid)}, reverse=True)


def secretary_name(ctx: Context) -> str | None:
    """The name of the 书记 on the roster, to sign the self-assessment by default."""
    return next((m["name"] for m in queries.members(ctx.store, ctx.org_uuid, roster_only=True)
                 if m["party_post"] == "书记"), None)
