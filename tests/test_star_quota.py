"""名额控制: a criteria file may cap a star level (五星 ≤ 10 % of the district's villages); without
the field the district's default applies; the award refuses what would exceed the cap."""

from __future__ import annotations

import json
from datetime import date

import pytest

from dangjian_desktop.core import star_caps
from dangjian_desktop.core.stars import load_criteria
from dangjian_desktop.errors import RuleError
from dangjian_desktop.paths import resource_path
from dangjian_desktop.services import reviews
from dangjian_desktop.services.reviews import ReviewNotAllowed

from sync_fixtures import small_world_files, world  # noqa: F401
from test_star_review import DISTRICT, YEAR, assessment_of, submit, town_reviewer


def criteria_with(caps) -> dict:
    data = json.loads(resource_path("criteria", "default.json").read_text(encoding="utf-8"))
    if caps is not ...:
        data["caps"] = caps
    return data


@pytest.mark.parametrize("caps, expected", [
    (..., None),
    ([], {}),
    ([{"stars": 5, "max_share": 0.1}], {5: 0.1}),
    ([{"stars": 5, "max_share": 0.1}, {"stars": 4, "max_share": 0.3}], {5: 0.1, 4: 0.3}),
])
def test_criteria_may_carry_caps(caps, expected):
    assert load_criteria(criteria_with(caps)).caps == expected


@pytest.mark.parametrize("caps", [{"stars": 5}, [{"stars": 6, "max_share": 0.1}], [{"stars": 5, "max_share": 1.5}],
                                  [{"stars": 5, "max_share": "10%"}], [{"stars": True, "max_share": 0.1}],
                                  [{"stars": 5, "max_share": 0.1}, {"stars": 5, "max_share": 0.2}]])
def test_bad_caps_are_refused_with_a_reason(caps):
    with pytest.raises(RuleError, match="caps|名额"):
        load_criteria(criteria_with(caps))


@pytest.mark.parametrize("share, organisations, allowed", [(0.1, 2, 0), (0.1, 10, 1), (0.1, 109, 10),
                                                            (0.3, 10, 3), (0.0, 50, 0), (1.0, 7, 7)])
def test_the_cap_is_the_share_rounded_down(share, organisations, allowed):
    assert star_caps.allowed(share, organisations) == allowed


@pytest.fixture
def five_stars_in_publicity(world):
    """Both villages scored full marks; reviewed and in publicity until 2026-11-20."""
    submit(world.village)
    submit(world.village2)
    world.import_district(world.export_village(), world.export_village(world.village2))
    d = world.district
    uuids = [assessment_of(world, code)["uuid"] for code in ("DZC", "XZC")]
    for uuid in uuids:
        reviews.town_review(d, reviewer=town_reviewer(world), assessment_uuid=uuid)
        reviews.district_review(d, reviewer=DISTRICT, assessment_uuid=uuid)
    reviews.start_publicity(d, reviewer=DISTRICT, assessment_uuids=uuids, start=date(2026, 11, 16),
                            end=date(2026, 11, 20))
    return world, uuids


def test_the_default_cap_refuses_a_five_star_award_in_a_small_district(five_stars_in_publicity):
    world, uuids = five_stars_in_publicity
    with pytest.raises(ReviewNotAllowed, match=r"五星级党组织不超过全区村级党组织的 10%（全区 2 个，最多 0 个）"):
        reviews.award(world.district, reviewer=DISTRICT, assessment_uuids=uuids[:1])
    assert {assessment_of(world, c)["state"] for c in ("DZC", "XZC")} == {"publicity"}


def test_a_batch_is_refused_whole_when_it_would_exceed_the_cap(five_stars_in_publicity, monkeypatch):
    monkeypatch.setattr(star_caps, "DEFAULT_CAPS", {5: 0.5})
    world, uuids = five_stars_in_publicity
    d = world.district
    assert reviews.quota(d, year=YEAR)[0] | {"text": ""} == {
        "stars": 5, "share": 0.5, "organisations": 2, "allowed": 1, "used": 0, "remaining": 1, "text": ""}
    with pytest.raises(ReviewNotAllowed, match="已命名 0 个，这次又要命名 2 个，超出名额 1 个"):
        reviews.award(d, reviewer=DISTRICT, assessment_uuids=uuids)
    assert {assessment_of(world, c)["state"] for c in ("DZC", "XZC")} == {"publicity"}
    reviews.award(d, reviewer=DISTRICT, assessment_uuids=uuids[:1])
    assert reviews.quota(d, year=YEAR)[0]["remaining"] == 0
    with pytest.raises(ReviewNotAllowed, match="已命名 1 个"):
        reviews.award(d, reviewer=DISTRICT, assessment_uuids=uuids[1:])


def test_the_quota_follows_the_criteria_given(world):
    criteria = load_criteria(criteria_with([{"stars": 5, "max_share": 0.1}, {"stars": 4, "max_share": 1.0}]))
    figures = reviews.quota(world.district, year=YEAR, criteria=criteria)
    assert [(f["stars"], f["allowed"], f["used"]) for f in figures] == [(5, 0, 0), (4, 2, 0)]
    assert "四星级党组织不超过全区村级党组织的 100%" in figures[1]["text"]


def test_the_rules_diff_names_a_changed_cap():
    from dangjian_desktop.core.criteria_diff import diff_criteria

    old = load_criteria(criteria_with(...))
    new = load_criteria(criteria_with([{"stars": 5, "max_share": 0.2}]) | {"version": "2027.1"})
    assert "星级名额控制：五星 ≤ 10%（区里默认） → 五星 ≤ 20%" in diff_criteria(old, new)
    assert not any("名额" in line for line in diff_criteria(old, old))
