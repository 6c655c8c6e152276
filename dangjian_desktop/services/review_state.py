"""The states of a star review and who reviews (shared by services/reviews.py and its parts).

An assessment's state follows from its latest review stage. A return for correction (退回修改) ends a
round: once the village resubmits (a new `submitted_at`), a new round starts at the town's review,
and the stages of earlier rounds stay in the history.
"""

from __future__ import annotations

from dataclasses import dataclass

from dangjian_desktop.core import roles
from dangjian_desktop.core import stars as rules
from dangjian_desktop.errors import DangjianError, PermissionDenied, ValidationError
from dangjian_desktop.services.context import Context

#: State of an assessment after its latest stage (None: submitted, not yet reviewed).
STATE_AFTER = {None: "submitted", "town": "town_reviewed", "district": "district_reviewed",
               "publicity": "publicity", "award": "awarded", "returned": "returned"}
STATE_LABELS = {"submitted": "待镇初审", "town_reviewed": "镇已初审，待区审核", "district_reviewed": "区已审核，待公示",
                "publicity": "公示中", "awarded": "已命名", "returned": "已退回，待村里修改"}
RESUBMITTED_LABEL = "修改后重新提交，待镇初审"
STAGE_LABELS = {"town": "镇级初审", "district": "区级审核", "publicity": "公示", "award": "命名",
                "returned": "退回修改"}
CHANGE_LABELS = {"new": "首次评定", "raised": "升星", "lowered": "降星", "removed": "摘星", "kept": "保持"}
LEVEL_NAMES = {1: "一星", 2: "二星", 3: "三星", 4: "四星", 5: "五星"}


class ReviewNotAllowed(DangjianError):
    """The reviewer may not do this (other town, wrong role, wrong stage)."""


@dataclass(frozen=True)
class Reviewer:
    """Who reviews: a town reviewer (镇党委组织委员, one town) or the district office."""

    name: str
    role: str = "district"  # 'town' | 'district'
    town_uuid: str | None = None

    def __post_init__(self):
        if self.role not in ("town", "district"):
            raise ValidationError(f"审核人角色应为镇或区，实际为“{self.role}”", "role")
        if not (self.name or "").strip():
            raise ValidationError("请填写审核人姓名", "reviewer")
        if self.role == "town" and not self.town_uuid:
            raise ValidationError("镇级审核人需要指定所在的镇（街道）", "town")

    def same_as(self, other: "Reviewer") -> bool:
        return (self.name.strip(), self.role, self.town_uuid if self.role == "town" else None) == \
            (other.name.strip(), other.role, other.town_uuid if other.role == "town" else None)


def reviewer_of_user(user: dict) -> Reviewer:
    """The logged-in account as a reviewer: a 审核人 bound to a town reviews for that town; an
    administrator, or a reviewer without a town, is the district office."""
    if user.get("role") == "reviewer" and user.get("town_uuid"):
        return Reviewer(user["name"], role="town", town_uuid=user["town_uuid"])
    return Reviewer(user["name"], role="district")


def acting_reviewer(ctx: Context, reviewer: Reviewer | None) -> Reviewer:
    """Who is reviewing. With a login it is the account (a different Reviewer is refused); without one
    (the command line, a database without accounts) it is the Reviewer given."""
    if ctx.user is None:
        if reviewer is None:
            raise ValidationError("请指定审核人（镇级审核人或区里）", "reviewer")
        return reviewer
    derived = reviewer_of_user(ctx.user)
    if reviewer is not None and not reviewer.same_as(derived):
        who = "区里" if reviewer.role == "district" else "镇级审核人"
        raise PermissionDenied(roles.ROLE_LABELS.get(ctx.user_role, ctx.user_role),
                               f"以{who}“{reviewer.name}”的身份审核")
    return derived


def require_stage_permission(ctx: Context, reviewer: Reviewer) -> None:
    ctx.require("reviews.town" if reviewer.role == "town" else "reviews.district")


def state_of(row: dict) -> str:
    """The state of a listing row (store/review_queries._LIST)."""
    last = row.get("last_stage")
    if last == "returned" and resubmitted(row):
        return "submitted"
    return STATE_AFTER[last]


def resubmitted(row: dict) -> bool:
    """Whether the village resubmitted after the latest return (a new submission is a new round)."""
    return (row.get("last_stage") == "returned" and row.get("self_state") == "submitted"
            and row.get("submitted_at") != row.get("last_submitted_at"))


def state_label(row: dict, state: str) -> str:
    return RESUBMITTED_LABEL if state == "submitted" and resubmitted(row) else STATE_LABELS[state]


@dataclass(frozen=True)
class ReviewDetail:
    assessment: dict  # the listing row (village, self score, latest stage)
    state: str
    criteria: rules.Criteria
    self_items: dict[str, dict]  # the village's item rows by code (score, veto_hit, evidence)
    stages: list[dict]  # oldest first, every round
    previous_award: dict | None  # last year's

    @property
    def round_stages(self) -> list[dict]:
        """The stages since the latest return for correction (all stages when there was none)."""
        last_return = max((i for i, s in enumerate(self.stages) if s["stage"] == "returned"), default=-1)
        return self.stages[last_return + 1:]

    @property
    def rounds(self) -> int:
        return 1 + sum(s["stage"] == "returned" for s in self.stages)

    def latest(self, stage: str) -> dict | None:
        if stage == "returned":
            return next((s for s in reversed(self.stages) if s["stage"] == stage), None)
        return next((s for s in reversed(self.round_stages) if s["stage"] == stage), None)

    def base_scores(self) -> tuple[dict[str, float | None], set[str]]:
        """The scores and veto hits a new stage starts from: the round's latest review, else the village's."""
        for stage in reversed(self.round_stages):
            if stage["stage"] in ("district", "town"):
                return ({c: v.get("score") for c, v in stage["items"].items()}, set(stage["veto_hits"]))
        return ({c: r["score"] for c, r in self.self_items.items() if c in self.criteria.items},
                {c for c, r in self.self_items.items() if r["veto_hit"]})
