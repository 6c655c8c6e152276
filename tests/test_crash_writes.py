"""The program killed (SIGKILL) in the middle of a write, 20 times per operation: recording points
for one member and for all, saving a meeting with its attendance, importing a roster, and
migrating a database made by the first release. Every time the file passes SQLite's integrity
and foreign-key checks and `dangjian check`, and the operation is all there or not at all.

bench/crash_bench.py runs the same with every statement as a crash point and prints the counts.
"""

import zlib

import pytest

import crash_worker as cw

KILLS = 20


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    return cw.prepare(tmp_path_factory.mktemp("crash_pristine"))


@pytest.mark.parametrize("scenario", cw.SCENARIOS)
def test_a_write_killed_anywhere_leaves_a_sound_database_with_all_or_nothing(scenario, pristine, tmp_path):
    source = pristine[scenario]
    before = cw.table_counts(source)
    reference = cw.fresh_copy(source, tmp_path / "whole.db")
    whole = cw.run_child(scenario, reference, None)
    after = cw.table_counts(reference)
    assert after != before  # the operation writes something
    outcomes = {"none": 0, "some": 0, "all": 0}
    for n, point in enumerate(cw.crash_points(whole, KILLS, seed=zlib.crc32(scenario.encode()))):
        db = cw.fresh_copy(source, tmp_path / "crash.db")
        cw.run_child(scenario, db, point)
        outcomes[cw.judge(scenario, db, before, after)] += 1
    assert outcomes["none"] > 0 and outcomes["all"] > 0, outcomes  # crashes before and after the commit
    assert sum(outcomes.values()) == KILLS


def test_a_crash_point_really_kills_the_child(pristine, tmp_path):
    db = cw.fresh_copy(pristine["points_one"], tmp_path / "crash.db")
    assert cw.run_child("points_one", db, ("stmt", 1)) is None
    assert cw.table_counts(db) == cw.table_counts(pristine["points_one"])
