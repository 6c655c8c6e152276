"""Star reviews with logins: the reviewer is the logged-in account (a 审核人 bound to a town reviews
for that town, an administrator or a reviewer without a town is the district); a Reviewer argument
that contradicts the account is refused; a viewer may look but not review."""

from __future__ import annotations

from datetime import date

import pytest

from dangjian_desktop.errors import PermissionDenied, ValidationError
from dangjian_desktop.services import reviews
from dangjian_desktop.services.reviews import Reviewer, ReviewNotAllowed

from sync_fixtures import small_world_files, world  # noqa: F401
from test_star_review import (DISTRICT, YEAR, assessment_of, no_default_cap, submitted, town_of,  # noqa: F401
                              town_reviewer)


def login(ctx, name, role, town_uuid=None):
    ctx.user = {"uuid": f"u-{name}", "name": name, "role": role, "town_uuid": town_uuid}
    ctx.actor = name


def test_a_town_reviewer_account_reviews_for_its_town_only(submitted):
    d, uuid = submitted.district, assessment_of(submitted)["uuid"]
    login(d, "李委员", "reviewer", town_of(submitted)["uuid"])
    assert {r["code"] for r in reviews.list_assessments(d, year=YEAR)} == {"DZC", "XZC"}
    row = reviews.town_review(d, assessment_uuid=uuid, comment="同意")
    assert (row["reviewer"], row["reviewer_role"], row["town_uuid"]) == ("李委员", "town", town_of(submitted)["uuid"])
    with pytest.raises(ReviewNotAllowed, match="区里"):
        reviews.district_review(d, assessment_uuid=uuid)


def test_a_town_reviewer_of_another_town_sees_nothing(submitted):
    from dangjian_desktop.services import registry

    d, uuid = submitted.district, assessment_of(submitted)["uuid"]
    login(d, "赵委员", "reviewer", registry.add_town(d, name="河西镇")["uuid"])
    assert reviews.list_assessments(d, year=YEAR) == []
    with pytest.raises(ReviewNotAllowed, match="不属于"):
        reviews.town_review(d, assessment_uuid=uuid)


@pytest.mark.parametrize("role", ["administrator", "reviewer"])
def test_an_administrator_or_a_reviewer_without_a_town_is_the_district(submitted, role):
    d, uuid = submitted.district, assessment_of(submitted)["uuid"]
    reviews.town_review(d, reviewer=town_reviewer(submitted), assessment_uuid=uuid)
    login(d, "王科长", role)
    row = reviews.district_review(d, assessment_uuid=uuid)
    assert (row["reviewer"], row["reviewer_role"]) == ("王科长", "district")
    with pytest.raises(ReviewNotAllowed):
        reviews.town_review(d, assessment_uuid=uuid)


def test_a_reviewer_argument_that_contradicts_the_login_is_refused(submitted):
    d, uuid = submitted.district, assessment_of(submitted)["uuid"]
    login(d, "李委员", "reviewer", town_of(submitted)["uuid"])
    for other in (DISTRICT, Reviewer("别人", role="town", town_uuid=town_of(submitted)["uuid"])):
        with pytest.raises(PermissionDenied):
            reviews.town_review(d, reviewer=other, assessment_uuid=uuid)
    reviews.town_review(d, reviewer=town_reviewer(submitted), assessment_uuid=uuid)  # the same person: fine
    assert next(r for r in reviews.list_assessments(d, year=YEAR) if r["uuid"] == uuid)["state"] == "town_reviewed"


def test_a_viewer_may_look_but_not_review_return_or_award(submitted):
    d, uuid = submitted.district, assessment_of(submitted)["uuid"]
    login(d, "小陈", "viewer")
    assert len(reviews.list_assessments(d, year=YEAR)) == 2
    for attempt in (lambda: reviews.district_review(d, assessment_uuid=uuid),
                    lambda: reviews.return_for_correction(d, assessment_uuid=uuid, reasons="x"),
                    lambda: reviews.start_publicity(d, assessment_uuids=[uuid], start=date(2026, 11, 1),
                                                    end=date(2026, 11, 5)),
                    lambda: reviews.award(d, assessment_uuids=[uuid])):
        with pytest.raises(PermissionDenied):
            attempt()
    assert {r["state"] for r in reviews.list_assessments(d, year=YEAR)} == {"submitted"}


def test_without_a_login_a_reviewer_must_be_named(submitted):
    with pytest.raises(ValidationError, match="审核人"):
        reviews.town_review(submitted.district, assessment_uuid=assessment_of(submitted)["uuid"])
