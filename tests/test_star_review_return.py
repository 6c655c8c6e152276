"""退回修改 and the per-item detail of each review stage: states and permissions, the detail in the
return bundle, and the round trip village → district → return bundle → village → resubmission."""

from __future__ import annotations

from datetime import date

import pytest

from dangjian_desktop.errors import DangjianError, ValidationError
from dangjian_desktop.services import reviews, stars
from dangjian_desktop.services.reviews import ReviewNotAllowed

from sync_fixtures import small_world_files, world  # noqa: F401
from test_star_review import (DISTRICT, YEAR, assessment_of, no_default_cap, submit, submitted,  # noqa: F401
                              town_reviewer)


def _return(world, reviewer=None, **kw):
    uuid = assessment_of(world)["uuid"]
    first = next(iter(world.district.criteria.items))
    kw.setdefault("reasons", "佐证材料不全，请补充会议记录")
    kw.setdefault("comments", {first: "缺少三会一课记录"})
    return reviews.return_for_correction(world.district, reviewer=reviewer or town_reviewer(world),
                                         assessment_uuid=uuid, **kw), first


def test_a_town_reviewer_returns_a_submission_with_reasons(submitted):
    row, first = _return(submitted)
    listed = assessment_of(submitted)
    assert listed["state"] == "returned" and listed["state_label"] == "已退回，待村里修改"
    detail = reviews.get_review(submitted.district, reviewer=DISTRICT, assessment_uuid=listed["uuid"])
    assert detail.latest("returned")["items"] == {first: {"comment": "缺少三会一课记录"}}
    assert detail.latest("returned")["submitted_at"] == listed["submitted_at"]
    assert reviews.list_assessments(submitted.district, reviewer=DISTRICT, year=YEAR, state="returned")[0]["code"] == "DZC"


@pytest.mark.parametrize("stage", ["town", "district", "publicity"])
def test_nothing_but_the_village_moves_a_returned_assessment(submitted, stage):
    _return(submitted)
    uuid = assessment_of(submitted)["uuid"]
    d = submitted.district
    actions = {"town": lambda: reviews.town_review(d, reviewer=town_reviewer(submitted), assessment_uuid=uuid),
               "district": lambda: reviews.district_review(d, reviewer=DISTRICT, assessment_uuid=uuid),
               "publicity": lambda: reviews.start_publicity(d, reviewer=DISTRICT, assessment_uuids=[uuid],
                                                            start=date(2026, 11, 1), end=date(2026, 11, 5))}
    with pytest.raises(ReviewNotAllowed):
        actions[stage]()
    with pytest.raises(ReviewNotAllowed, match="退回修改"):
        _return(submitted)


def test_reasons_are_required_and_nothing_is_written_without(submitted):
    with pytest.raises(ValidationError, match="原因"):
        _return(submitted, reasons="  ")
    assert assessment_of(submitted)["state"] == "submitted"


def test_the_town_may_not_return_after_the_district_review_but_the_district_may(submitted):
    d, uuid = submitted.district, assessment_of(submitted)["uuid"]
    reviews.town_review(d, reviewer=town_reviewer(submitted), assessment_uuid=uuid)
    reviews.district_review(d, reviewer=DISTRICT, assessment_uuid=uuid)
    reviews.start_publicity(d, reviewer=DISTRICT, assessment_uuids=[uuid], start=date(2026, 11, 20),
                            end=date(2026, 11, 24))
    with pytest.raises(ReviewNotAllowed, match="只有区里"):
        _return(submitted)
    _return(submitted, reviewer=DISTRICT, reasons="公示期间收到反映，请核实")
    assert assessment_of(submitted)["state"] == "returned"


def test_an_awarded_assessment_cannot_be_returned(submitted):
    from test_star_review import _full_workflow

    _full_workflow(submitted)
    with pytest.raises(ReviewNotAllowed, match="已命名"):
        _return(submitted, reviewer=DISTRICT)


def test_a_town_reviewer_of_another_town_cannot_return(submitted):
    from dangjian_desktop.services import registry

    other = registry.add_town(submitted.district, name="河西镇")
    stranger = reviews.Reviewer("赵委员", role="town", town_uuid=other["uuid"])
    with pytest.raises(ReviewNotAllowed, match="不属于"):
        _return(submitted, reviewer=stranger)


def test_each_stage_sends_its_per_item_detail_to_the_village(submitted):
    d, uuid = submitted.district, assessment_of(submitted)["uuid"]
    first, second = list(d.criteria.items)[:2]
    reviews.town_review(d, reviewer=town_reviewer(submitted), assessment_uuid=uuid, scores={first: 1},
                        comments={first: "记录不全"})
    submitted.import_village(submitted.export_return())
    (town,) = reviews.review_results(submitted.village, year=YEAR)
    item = next(i for i in town["items"] if i["code"] == first)
    assert item == {"code": first, "name": d.criteria.items[first].name, "score": 1.0, "comment": "记录不全",
                    "own": d.criteria.items[first].max, "changed": True}
    assert next(i for i in town["items"] if i["code"] == second)["score"] == d.criteria.items[second].max
    assert town["veto_names"] == [] and town["comment"] is None


def test_round_trip_return_correct_resubmit_and_award(submitted):
    village, d = submitted.village, submitted.district
    _, first = _return(submitted)
    submitted.import_village(submitted.export_return())

    # the village sees the reasons and may correct the submitted form
    returned = reviews.returned_for_correction(village, year=YEAR)
    assert returned["note"].startswith("佐证材料不全") and returned["items"][0]["comment"] == "缺少三会一课记录"
    assessment, items = stars.get_self_assessment(village, year=YEAR)
    scores = {code: row["score"] for code, row in items.items() if code in village.criteria.items}
    scores[first] = village.criteria.items[first].max - 1
    stars.save_self_assessment(village, year=YEAR, scores=scores, evidence={first: "补充了会议记录"})
    assert stars.get_self_assessment(village, year=YEAR)[0]["state"] == "draft"

    # the district sees a draft being corrected: still returned, still listed
    submitted.import_district(submitted.export_village())
    assert assessment_of(submitted)["state"] == "returned"

    stars.submit_self_assessment(village, year=YEAR, signed_by="张书记")
    assert reviews.returned_for_correction(village, year=YEAR) is None
    with pytest.raises(DangjianError, match="已经提交"):
        stars.save_self_assessment(village, year=YEAR, scores=scores)
    submitted.import_district(submitted.export_village())
    row = assessment_of(submitted)
    assert row["state"] == "submitted" and row["state_label"] == "修改后重新提交，待镇初审"
    assert row["self_score"] == pytest.approx(99)

    # the new round starts from the corrected self-assessment and runs to the award
    reviews.town_review(d, reviewer=town_reviewer(submitted), assessment_uuid=row["uuid"])
    detail = reviews.get_review(d, reviewer=DISTRICT, assessment_uuid=row["uuid"])
    assert [s["stage"] for s in detail.stages] == ["returned", "town"] and detail.rounds == 2
    assert detail.latest("town")["score"] == pytest.approx(99)
    reviews.district_review(d, reviewer=DISTRICT, assessment_uuid=row["uuid"])
    reviews.start_publicity(d, reviewer=DISTRICT, assessment_uuids=[row["uuid"]], start=date(2026, 11, 20),
                            end=date(2026, 11, 24))
    reviews.award(d, reviewer=DISTRICT, assessment_uuids=[row["uuid"]], awarded_on=date(2026, 11, 26))
    submitted.import_village(submitted.export_return())
    results = reviews.review_results(village, year=YEAR)
    assert [r["stage"] for r in results] == ["returned", "town", "district", "publicity", "award"]
    assert results[-1]["star_level"] == 5
    assert stars.get_self_assessment(village, year=YEAR)[0]["state"] == "submitted"
