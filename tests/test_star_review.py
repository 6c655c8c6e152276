"""The star-review workflow at the district: states, permissions, history, and the round trip
village submits → bundle → town review → district review → publicity → award → return → village."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from dangjian_desktop.errors import ValidationError
from dangjian_desktop.services import registry, reviews, stars
from dangjian_desktop.services.reviews import Reviewer, ReviewNotAllowed

from sync_fixtures import small_world_files, world  # noqa: F401

YEAR = 2026


@pytest.fixture(autouse=True)
def no_default_cap(monkeypatch):
    """The two-village test district could name no five-star village under the default 10 % cap
    (tests/test_star_quota.py tests the cap)."""
    from dangjian_desktop.core import star_caps

    monkeypatch.setattr(star_caps, "DEFAULT_CAPS", {})


def submit(ctx, *, year=YEAR, low: bool = False, veto: set[str] = frozenset()):
    criteria = ctx.criteria
    scores = {code: (item.max / 2 if low else item.max) for code, item in criteria.items.items()}
    stars.save_and_submit_self_assessment(ctx, year=year, scores=scores, evidence={}, veto_hits=set(veto),
                                          signed_by="张书记")


@pytest.fixture
def submitted(world):
    """Both villages submitted their 2026 self-assessment and the district imported it."""
    submit(world.village)
    submit(world.village2, low=True)
    world.import_district(world.export_village(), world.export_village(world.village2))
    return world


def town_of(world):
    return registry.find_town(world.district, "示范镇")


def town_reviewer(world, name="李委员"):
    return Reviewer(name, role="town", town_uuid=town_of(world)["uuid"])


DISTRICT = Reviewer("王科长", role="district")


def assessment_of(world, code="DZC"):
    rows = reviews.list_assessments(world.district, reviewer=DISTRICT, year=YEAR)
    return next(r for r in rows if r["code"] == code)


def test_imported_self_assessments_wait_for_the_town(submitted):
    rows = reviews.list_assessments(submitted.district, reviewer=DISTRICT, year=YEAR)
    assert sorted(r["code"] for r in rows) == ["DZC", "XZC"]
    assert {r["state"] for r in rows} == {"submitted"}
    assert assessment_of(submitted)["self_score"] == pytest.approx(100)


def test_a_town_reviewer_sees_only_their_town(submitted):
    d = submitted.district
    other = registry.add_town(d, name="河西镇")
    registry.move_village(d, code="XZC", town="河西镇")
    mine = reviews.list_assessments(d, reviewer=town_reviewer(submitted), year=YEAR)
    assert [r["code"] for r in mine] == ["DZC"]
    stranger = Reviewer("赵委员", role="town", town_uuid=other["uuid"])
    with pytest.raises(ReviewNotAllowed):
        reviews.get_review(d, reviewer=stranger, assessment_uuid=assessment_of(submitted)["uuid"])
    with pytest.raises(ReviewNotAllowed):
        reviews.town_review(d, reviewer=stranger, assessment_uuid=assessment_of(submitted)["uuid"])


def test_the_district_cannot_skip_the_town(submitted):
    uuid = assessment_of(submitted)["uuid"]
    with pytest.raises(ReviewNotAllowed, match="镇级初审"):
        reviews.district_review(submitted.district, reviewer=DISTRICT, assessment_uuid=uuid)
    with pytest.raises(ReviewNotAllowed):
        reviews.start_publicity(submitted.district, reviewer=DISTRICT, assessment_uuids=[uuid],
                                start=date(2026, 11, 20), end=date(2026, 11, 25))


def test_roles_do_their_own_stages(submitted):
    uuid = assessment_of(submitted)["uuid"]
    with pytest.raises(ReviewNotAllowed):
        reviews.town_review(submitted.district, reviewer=DISTRICT, assessment_uuid=uuid)
    reviews.town_review(submitted.district, reviewer=town_reviewer(submitted), assessment_uuid=uuid)
    with pytest.raises(ReviewNotAllowed):
        reviews.district_review(submitted.district, reviewer=town_reviewer(submitted), assessment_uuid=uuid)
    reviews.district_review(submitted.district, reviewer=DISTRICT, assessment_uuid=uuid)
    with pytest.raises(ReviewNotAllowed):
        reviews.town_review(submitted.district, reviewer=town_reviewer(submitted), assessment_uuid=uuid)
    with pytest.raises(ReviewNotAllowed):
        reviews.start_publicity(submitted.district, reviewer=town_reviewer(submitted), assessment_uuids=[uuid],
                                start=date(2026, 11, 20), end=date(2026, 11, 24))
    reviews.start_publicity(submitted.district, reviewer=DISTRICT, assessment_uuids=[uuid],
                            start=date(2026, 11, 20), end=date(2026, 11, 24))
    with pytest.raises(ReviewNotAllowed):
        reviews.award(submitted.district, reviewer=town_reviewer(submitted), assessment_uuids=[uuid])


def test_a_reviewer_needs_a_town_to_be_a_town_reviewer():
    with pytest.raises(ValidationError):
        Reviewer("李委员", role="town")
    with pytest.raises(ValidationError):
        Reviewer("李委员", role="村")


def test_scores_out_of_range_are_refused_and_nothing_is_written(submitted):
    uuid = assessment_of(submitted)["uuid"]
    detail = reviews.get_review(submitted.district, reviewer=DISTRICT, assessment_uuid=uuid)
    code = next(iter(detail.criteria.items))
    with pytest.raises(ValidationError):
        reviews.town_review(submitted.district, reviewer=town_reviewer(submitted), assessment_uuid=uuid,
                            scores={code: 999})
    assert reviews.get_review(submitted.district, reviewer=DISTRICT, assessment_uuid=uuid).stages == []


def _full_workflow(world, *, town_scores=None, district_scores=None, veto=None):
    d, uuid = world.district, assessment_of(world)["uuid"]
    reviews.town_review(d, reviewer=town_reviewer(world), assessment_uuid=uuid, scores=town_scores,
                        comment="材料齐全", reviewed_on=date(2026, 11, 10))
    reviews.district_review(d, reviewer=DISTRICT, assessment_uuid=uuid, scores=district_scores, veto_hits=veto,
                            comment="同意", reviewed_on=date(2026, 11, 15))
    reviews.start_publicity(d, reviewer=DISTRICT, assessment_uuids=[uuid], start=date(2026, 11, 16),
                            end=date(2026, 11, 20))
    reviews.award(d, reviewer=DISTRICT, assessment_uuids=[uuid], awarded_on=date(2026, 11, 21))
    return uuid


def test_per_item_scores_comments_and_history(submitted):
    d, uuid = submitted.district, assessment_of(submitted)["uuid"]
    detail = reviews.get_review(d, reviewer=DISTRICT, assessment_uuid=uuid)
    first, second = list(detail.criteria.items)[:2]
    lowered = detail.criteria.items[first].max - 2
    reviews.town_review(d, reviewer=town_reviewer(submitted), assessment_uuid=uuid, scores={first: lowered},
                        comments={first: "会议记录缺两次"})
    reviews.district_review(d, reviewer=DISTRICT, assessment_uuid=uuid, scores={second: 0})
    detail = reviews.get_review(d, reviewer=DISTRICT, assessment_uuid=uuid)
    town, district = detail.stages
    assert town["items"][first] == {"score": lowered, "comment": "会议记录缺两次"}
    assert town["score"] == pytest.approx(98)
    assert district["items"][first]["score"] == lowered  # the district starts from the town's scores
    assert district["score"] == pytest.approx(98 - detail.criteria.items[second].max)
    assert detail.state == "district_reviewed"


def test_publicity_must_end_before_the_award_and_the_award_locks(submitted):
    d, uuid = submitted.district, assessment_of(submitted)["uuid"]
    reviews.town_review(d, reviewer=town_reviewer(submitted), assessment_uuid=uuid)
    reviews.district_review(d, reviewer=DISTRICT, assessment_uuid=uuid)
    with pytest.raises(ValidationError):
        reviews.start_publicity(d, reviewer=DISTRICT, assessment_uuids=[uuid], start=date(2026, 11, 25),
                                end=date(2026, 11, 20))
    reviews.start_publicity(d, reviewer=DISTRICT, assessment_uuids=[uuid], start=date(2026, 11, 23),
                            end=date(2026, 11, 27))
    with pytest.raises(ReviewNotAllowed, match="公示期满"):
        reviews.award(d, reviewer=DISTRICT, assessment_uuids=[uuid])  # today is the last day
    with pytest.raises(ReviewNotAllowed):
        reviews.district_review(d, reviewer=DISTRICT, assessment_uuid=uuid)  # publicity started
    d.today = date(2026, 11, 28)
    reviews.award(d, reviewer=DISTRICT, assessment_uuids=[uuid])
    for attempt in (lambda: reviews.award(d, reviewer=DISTRICT, assessment_uuids=[uuid]),
                    lambda: reviews.district_review(d, reviewer=DISTRICT, assessment_uuid=uuid),
                    lambda: reviews.town_review(d, reviewer=town_reviewer(submitted), assessment_uuid=uuid)):
        with pytest.raises(ReviewNotAllowed, match="锁定"):
            attempt()
    assert assessment_of(submitted)["state"] == "awarded"


def test_the_award_compares_with_last_year(world):
    submit(world.village, year=2025)
    world.import_district(world.export_village())
    d = world.district
    last = next(r for r in reviews.list_assessments(d, reviewer=DISTRICT, year=2025) if r["code"] == "DZC")
    for stage in ("town", "district"):
        fn = reviews.town_review if stage == "town" else reviews.district_review
        fn(d, reviewer=town_reviewer(world) if stage == "town" else DISTRICT, assessment_uuid=last["uuid"])
    reviews.start_publicity(d, reviewer=DISTRICT, assessment_uuids=[last["uuid"]], start=date(2025, 12, 1),
                            end=date(2025, 12, 5))
    reviews.award(d, reviewer=DISTRICT, assessment_uuids=[last["uuid"]], awarded_on=date(2025, 12, 8))
    submit(world.village, low=True)  # 2026: half marks, fewer stars
    world.import_district(world.export_village())
    uuid = _full_workflow(world)
    history = reviews.star_history(d, village_code="DZC")
    assert [(h["year"], h["star_level"], h["star_change"]) for h in history] == [(2025, 5, "new"), (2026, 1, "lowered")]
    detail = reviews.get_review(d, reviewer=DISTRICT, assessment_uuid=uuid)
    assert detail.latest("award")["previous_level"] == 5


def test_a_veto_removes_the_stars(world):
    submit(world.village, year=2025)
    world.import_district(world.export_village())
    d = world.district
    last = next(r for r in reviews.list_assessments(d, reviewer=DISTRICT, year=2025) if r["code"] == "DZC")
    reviews.town_review(d, reviewer=town_reviewer(world), assessment_uuid=last["uuid"])
    reviews.district_review(d, reviewer=DISTRICT, assessment_uuid=last["uuid"])
    reviews.start_publicity(d, reviewer=DISTRICT, assessment_uuids=[last["uuid"]], start=date(2025, 12, 1),
                            end=date(2025, 12, 5))
    reviews.award(d, reviewer=DISTRICT, assessment_uuids=[last["uuid"]], awarded_on=date(2025, 12, 8))
    submit(world.village)
    world.import_district(world.export_village())
    veto = world.village.criteria.veto_items[0].code
    _full_workflow(world, veto={veto})
    assert reviews.star_history(d, village_code="DZC")[-1]["star_change"] == "removed"


def test_round_trip_the_village_sees_every_stage(submitted):
    uuid = _full_workflow(submitted)
    assert reviews.review_results(submitted.village, year=YEAR) == []
    receipts = submitted.import_village(submitted.export_return())
    assert receipts[0].status == "applied"
    assert "收到区里的星级评定审核结果" in receipts[0].notes
    results = reviews.review_results(submitted.village, year=YEAR)
    assert [r["stage"] for r in results] == ["town", "district", "publicity", "award"]
    assert all(r["assessment_uuid"] == uuid for r in results)
    assert results[0]["reviewer"] == "李委员" and "材料齐全" in results[0]["note"]
    assert results[2]["result"] == "2026-11-16 至 2026-11-20"
    assert results[1]["result"] == "评定 ★★★★★（100 分）"
    assert results[3]["star_level"] == 5 and results[3]["result"] == "命名为五星级党组织"
    # the other village got only its own results (none)
    submitted.import_village(submitted.export_return("XZC"), ctx=submitted.village2)
    assert reviews.review_results(submitted.village2, year=YEAR) == []


def test_the_review_stages_are_append_only(submitted):
    import sqlite3

    uuid = assessment_of(submitted)["uuid"]
    reviews.town_review(submitted.district, reviewer=town_reviewer(submitted), assessment_uuid=uuid)
    with pytest.raises(sqlite3.DatabaseError):
        submitted.district.store.conn.execute("UPDATE star_review_stages SET score = 0")
    with pytest.raises(sqlite3.DatabaseError):
        submitted.district.store.conn.execute("DELETE FROM star_review_stages")


def test_a_later_town_review_replaces_the_earlier_one_in_the_workflow(submitted):
    d, uuid = submitted.district, assessment_of(submitted)["uuid"]
    reviews.town_review(d, reviewer=town_reviewer(submitted), assessment_uuid=uuid, comment="第一次")
    reviews.town_review(d, reviewer=town_reviewer(submitted), assessment_uuid=uuid, comment="第二次")
    detail = reviews.get_review(d, reviewer=DISTRICT, assessment_uuid=uuid)
    assert [s["comment"] for s in detail.stages] == ["第一次", "第二次"]
    assert detail.latest("town")["comment"] == "第二次"
    assert detail.state == "town_reviewed"


def test_future_dates_are_refused(submitted):
    uuid = assessment_of(submitted)["uuid"]
    with pytest.raises(ValidationError):
        reviews.town_review(submitted.district, reviewer=town_reviewer(submitted), assessment_uuid=uuid,
                            reviewed_on=submitted.district.today + timedelta(days=1))


def test_cli_lists_the_reviews_and_the_star_history(submitted, capsys):
    from dangjian_desktop.cli import main

    _full_workflow(submitted)
    db = str(submitted.district.store.path)
    submitted.district.close()
    assert main(["--db", db, "reviews", "list", "--year", str(YEAR)]) == 0
    out = capsys.readouterr().out
    assert "DZC  东庄村党总支  自评 100 分  已命名  5 星" in out and "XZC" in out and "待镇初审" in out
    assert main(["--db", db, "reviews", "history", "DZC"]) == 0
    assert "2026 年度  5 星  首次评定  2026-11-21  王科长" in capsys.readouterr().out
