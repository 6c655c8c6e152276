"""Roles are enforced in the services: for each permission, a service call is refused for a role
lacking it (PermissionDenied, nothing written) and carried out for a role holding it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from accounts_fixtures import PASSWORD, as_role, cheap_scrypt  # noqa: F401
from dangjian_desktop.core import roles
from dangjian_desktop.errors import PermissionDenied
from dangjian_desktop.services import (accounts, backups, district, maintenance, meetings, members, points, printing,
                                       registry, rules, stars, sync, village)
from dangjian_desktop.services.context import Context
from sync_fixtures import PASSPHRASE, small_world_files, world  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 27)


def _first_member(ctx: Context) -> str:
    return members.list_members(ctx, roster_only=True)[0]["uuid"]


def _full_scores(ctx: Context) -> dict:
    return {code: item.max for code, item in ctx.criteria.items.items()}


def _submit(ctx: Context, tmp: Path):
    as_role(ctx, None)
    stars.save_self_assessment(ctx, year=2026, scores=_full_scores(ctx))
    return lambda: stars.submit_self_assessment(ctx, year=2026, signed_by="王书记")


def _restore(ctx: Context, tmp: Path):
    path = maintenance.backup(ctx, out=tmp / "b.db")
    return lambda: maintenance.restore_backup(ctx, path=path)


def _second_account(ctx: Context, tmp: Path):
    as_role(ctx, None)
    accounts.create_account(ctx, name="王书记", password=PASSWORD, role="secretary")
    return lambda: accounts.create_account(ctx, name="小李", password="文书密码abc", role="clerk")


#: permission → (database, prepare(ctx, tmp) → the call, a role lacking it, a role holding it)
VILLAGE_CASES = {
    "members.edit": (lambda c, t: lambda: members.add_branch(c, name="第九党支部"), "viewer", "clerk"),
    "points.record": (lambda c, t: lambda: points.record_points(
        c, member_uuids=[_first_member(c)], item_code="volunteer_service", occurred_on=TODAY), "viewer", "clerk"),
    "meetings.record": (lambda c, t: lambda: meetings.delete_meeting(
        c, meeting_uuid=meetings.list_meetings(c)[0]["uuid"], reason="录错了"), "viewer", "clerk"),
    "stars.edit": (lambda c, t: lambda: stars.save_self_assessment(c, year=2026, scores={}), "viewer", "clerk"),
    "stars.submit": (_submit, "clerk", "secretary"),
    "settings.edit": (lambda c, t: lambda: backups.set_keep_count(c, count=5), "clerk", "secretary"),
    "backup.restore": (_restore, "clerk", "secretary"),
    "report.print": (lambda c, t: lambda: printing.print_form(c, "roster", out=t / "r.pdf"), "viewer", "clerk"),
    "users.manage": (_second_account, "clerk", "secretary"),
}


def _village_info(ctx: Context, tmp: Path):
    info = village.get_village_info(ctx)
    return lambda: village.update_village_info(ctx, name="东庄村党总支", code=info.code, town=info.town or "")


EXTRA_VILLAGE_CASES = {"settings.edit (village info)": ("settings.edit", _village_info, "clerk", "secretary")}

DISTRICT_CASES = {
    "registry.edit": (lambda c, t: lambda: registry.add_town(c, name="新建镇"), "reviewer", "administrator"),
    "rules.edit": (lambda c, t: lambda: rules.import_rules(c, path=ROOT / "resources" / "rulebooks" / "default.json",
                                                           dry_run=True), "reviewer", "administrator"),
    "exchange": (lambda c, t: lambda: sync.export_bundles(c, out_dir=t / "out", village_code="DZC",
                                                          passphrase=PASSPHRASE), "reviewer", "administrator"),
    "registry.edit (revoke)": (lambda c, t: lambda: district.revoke_device(
        c, device=district.list_devices(c)[0]["device_id"][:8], reason="丢失"), "viewer", "administrator"),
}


def _check(ctx: Context, tmp: Path, permission: str, prepare, lacking: str, holding: str) -> None:
    assert not roles.may(lacking, permission) and roles.may(holding, permission)
    call = prepare(ctx, tmp)
    as_role(ctx, lacking)
    before = ctx.store.conn.total_changes
    with pytest.raises(PermissionDenied, match=f"无权{roles.PERMISSIONS[permission]}"):
        call()
    assert ctx.store.conn.total_changes == before  # nothing written
    as_role(ctx, holding)
    call()


@pytest.mark.parametrize("permission", sorted(VILLAGE_CASES))
def test_village_permissions(demo, tmp_path, permission):
    _check(demo, tmp_path, permission, *VILLAGE_CASES[permission])


@pytest.mark.parametrize("case", sorted(EXTRA_VILLAGE_CASES))
def test_more_village_permissions(demo, tmp_path, case):
    _check(demo, tmp_path, *EXTRA_VILLAGE_CASES[case])


def test_village_exchange_permission(world, tmp_path):
    _check(world.village, tmp_path, "exchange", lambda c, t: lambda: sync.export_bundles(c, out_dir=t / "o"),
           "viewer", "clerk")


@pytest.mark.parametrize("case", sorted(DISTRICT_CASES))
def test_district_permissions(world, tmp_path, case):
    world.round_trip()  # the district knows the village's laptop: a return can be written
    _check(world.district, tmp_path, case.split(" ")[0], *DISTRICT_CASES[case])


def test_every_permission_a_service_requires_is_tested_or_owned_elsewhere():
    """Each permission appears in a case above, or is enforced by another helper's module."""
    tested = set(VILLAGE_CASES) | {"exchange", "settings.edit"} | {c.split(" ")[0] for c in DISTRICT_CASES}
    elsewhere = {"personal.view", "personal.export", "audit.view", "reviews.town", "reviews.district"}
    assert set(roles.PERMISSIONS) == tested | elsewhere


def test_the_local_operator_may_do_everything(demo):
    as_role(demo, None)
    assert all(demo.may(p) for p in roles.PERMISSIONS)
