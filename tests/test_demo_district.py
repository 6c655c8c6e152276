"""The demo district (`dangjian demo district`): simulated villages enrolled, filled and imported
through the real bundle path, realistic enough for the dashboard, and the same for the same seed."""

from __future__ import annotations

import pytest

from dangjian_desktop import cli
from dangjian_desktop.errors import DangjianError
from dangjian_desktop.services.demo_district import create_demo_district, plan_villages
from dangjian_desktop.store import sync_queries
from tests.sync_fixtures import PASSPHRASE, open_ctx


@pytest.fixture(scope="module")
def demo_district(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo_district")
    ctx = open_ctx(folder / "district.db")
    demo = create_demo_district(ctx, villages=4, passphrase=PASSPHRASE, seed=11)
    yield ctx, demo
    ctx.close()


def _count(ctx, sql, params=()):
    return ctx.store.scalar(sql, params)


def test_every_village_bundle_is_applied_through_the_import(demo_district):
    ctx, demo = demo_district
    assert len(demo.receipts) == 4 and not demo.refused
    assert all(r.status == "applied" and r.kind == "delta" for r in demo.receipts)
    # The district's state of each village agrees with what the village sent (no drift note).
    assert not any("不一致" in note for r in demo.receipts for note in r.notes)
    assert len(sync_queries.villages(ctx.store)) == 4
    assert {d["acked_seq"] > 0 for d in sync_queries.devices(ctx.store)} == {True}
    assert _count(ctx, "SELECT COUNT(*) FROM sync_bundles WHERE direction = 'in' AND status = 'applied'") == 4


def test_the_district_holds_exactly_what_the_villages_generated(demo_district):
    ctx, demo = demo_district
    for table in ("members", "meetings", "attendance", "points_ledger"):
        assert _count(ctx, f"SELECT COUNT(*) FROM {table}") == demo.counts[table], table
    applied = sum(r.counts["applied"] for r in demo.receipts)
    assert applied > sum(demo.counts.values())  # plus orgs, assessments, item scores, indicators


def test_villages_are_spread_over_towns_with_a_realistic_mix(demo_district):
    ctx, demo = demo_district
    towns = {v["town"] for v in sync_queries.villages(ctx.store)}
    assert towns == set(demo.towns) and len(towns) >= 3
    assert set(r[0] for r in ctx.store.conn.execute("SELECT DISTINCT sex FROM members")) == {"男", "女"}
    assert _count(ctx, "SELECT COUNT(DISTINCT education) FROM members") >= 4
    assert _count(ctx, "SELECT COUNT(DISTINCT ethnicity) FROM members") >= 2
    assert _count(ctx, "SELECT COUNT(DISTINCT category) FROM members") >= 2
    assert _count(ctx, "SELECT COUNT(*) FROM members WHERE flowing = 1") > 0
    assert _count(ctx, "SELECT COUNT(*) FROM members WHERE birth_date < '1966-01-01'") > 0
    assert _count(ctx, "SELECT COUNT(DISTINCT type_code) FROM meetings") >= 6
    assert _count(ctx, "SELECT COUNT(DISTINCT status) FROM attendance") >= 3
    assert _count(ctx, "SELECT COUNT(DISTINCT source) FROM points_ledger") == 2
    # Every village: a submitted self-assessment for last year and three years of indicators.
    assert _count(ctx, "SELECT COUNT(*) FROM star_assessments WHERE state = 'submitted' AND year = 2025") == 4
    assert _count(ctx, "SELECT COUNT(*) FROM village_indicators WHERE collective_income > 0") == 12
    # Attendance points agree with the attendance they were posted for.
    orphans = _count(ctx, "SELECT COUNT(*) FROM points_ledger l WHERE source = 'attendance' AND NOT EXISTS"
                          " (SELECT 1 FROM attendance a WHERE a.uuid = l.source_uuid)")
    assert orphans == 0


def test_the_same_seed_gives_the_same_villages(demo_district, tmp_path):
    ctx, _demo = demo_district
    assert plan_villages(30, 11) == plan_villages(30, 11)
    assert plan_villages(30, 11) != plan_villages(30, 12)
    assert len({s.name for s in plan_villages(600, 1)}) == 600
    again = open_ctx(tmp_path / "again.db")
    try:
        create_demo_district(again, villages=4, passphrase=PASSPHRASE, seed=11, workers=2)  # built in parallel
        # (identities differ only in their first eight digits, the owning village's prefix: core/ids.py)
        query = ("SELECT substr(uuid, 10) AS identity, name, id_number, birth_date, education, job, flowing"
                 " FROM members ORDER BY identity")
        assert again.store.query(query) == ctx.store.query(query)
    finally:
        again.close()


def test_a_district_database_is_never_overwritten(demo_district):
    ctx, _demo = demo_district
    with pytest.raises(DangjianError):
        create_demo_district(ctx, villages=1, passphrase=PASSPHRASE)
    with pytest.raises(DangjianError):
        create_demo_district(ctx, villages=0, passphrase=PASSPHRASE)


def test_cli_builds_a_demo_district(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DANGJIAN_PASSPHRASE", PASSPHRASE)
    db = tmp_path / "district.db"
    assert cli.main(["--db", str(db), "demo", "district", "--villages", "2", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "已建立示范区" in out and "2 个村" in out
    assert cli.main(["--db", str(db), "demo", "district", "--villages", "2"]) != 0
