"""A review's history as the reviewers read it (the reviews page and the command line): one entry
per stage with its per-item scores, comments and veto hits, rounds separated by 退回修改."""

from __future__ import annotations

from dangjian_desktop.services.review_state import CHANGE_LABELS, STAGE_LABELS, ReviewDetail


def _name(detail: ReviewDetail, code: str) -> str:
    if code in detail.criteria.items:
        return detail.criteria.items[code].name
    return next((v.name for v in detail.criteria.veto_items if v.code == code), code)


def _fmt(value) -> str:
    return "" if value is None else f"{value:g}"


def stage_entry(detail: ReviewDetail, stage: dict, previous: dict[str, float | None]) -> dict:
    """{title, summary, comment, items: [text], vetoes: [name]} of one stage; `previous` holds the
    scores the stage started from (the village's, or the round's earlier review), so only the items a
    reviewer changed or commented on are listed."""
    title = f"{stage['reviewed_on']} {STAGE_LABELS[stage['stage']]}（{stage['reviewer']}）"
    kind = stage["stage"]
    if kind in ("town", "district"):
        summary = f"{stage['score']:g} 分，{stage['star_level'] or 0} 星" + ("，一票否决" if stage["vetoed"] else "")
    elif kind == "publicity":
        summary = f"{stage['publicity_start']} 至 {stage['publicity_end']}"
    elif kind == "award":
        summary = f"{stage['star_level'] or 0} 星，{CHANGE_LABELS.get(stage['star_change'] or '', '')}"
    else:
        summary = "退回村里修改"
    items = []
    for code, given in (stage.get("items") or {}).items():
        score, said = given.get("score"), given.get("comment")
        before = previous.get(code)
        changed = "score" in given and score != before
        if not (changed or said):
            continue
        text = f"{_name(detail, code)}：" + (f"{_fmt(before)} → {_fmt(score)}" if changed else _fmt(score))
        items.append(text + (f"（{said}）" if said and (changed or score is not None) else said or ""))
    return {"title": title, "summary": summary, "comment": stage.get("comment"), "items": items,
            "vetoes": [_name(detail, c) for c in stage.get("veto_hits") or []]}


def history(detail: ReviewDetail) -> list[dict]:
    """Every stage, oldest first; a `round` number starts at 1 and grows after each return."""
    own = {c: r["score"] for c, r in detail.self_items.items()}
    previous, round_no, out = dict(own), 1, []
    for stage in detail.stages:
        entry = stage_entry(detail, stage, previous)
        entry["round"] = round_no
        out.append(entry)
        if stage["stage"] in ("town", "district"):
            previous = {c: v.get("score") for c, v in stage["items"].items()}
        elif stage["stage"] == "returned":
            round_no += 1
            previous = dict(own)  # the village's corrected scores come with the resubmission
    return out
