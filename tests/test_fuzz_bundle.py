"""The bundle reader fuzzed: random bytes, valid bundles with bytes flipped, cut, inserted and
deleted, bundles re-sealed and re-signed around a mutated inside (what a stolen enrolled laptop
could send), and signed bundles whose change lines are arbitrary JSON. Each is read in full or
refused with a typed Chinese message, never hangs, and a refused file changes no data table.

About 250 generated inputs here; bench/fuzz.py runs thousands (and atheris where it installs).
"""

import json
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fuzz_inputs as fz
from dangjian_desktop.services import sync
from dangjian_desktop.services.sync_identity import own_keys
from dangjian_desktop.store.tables import SYNCED_TABLES
from dangjian_desktop.sync.errors import BundleRejected
from sync_fixtures import PASSPHRASE, data_dump, open_ctx, open_world, small_world_files  # noqa: F401

FAST = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))


class Keys:
    def __init__(self, world):
        self.district = own_keys(world.district, PASSPHRASE)
        self.village = own_keys(world.village)
        self.bundle = world.export_village().read_bytes()

    def read(self, data: bytes):
        return fz.read_bundle(data, box_key=self.district.box, sign_pk=self.village.sign_pk)


@pytest.fixture(scope="module")
def world_once(small_world_files, tmp_path_factory):
    w = open_world(small_world_files, tmp_path_factory.mktemp("fuzz_world"))
    w.pristine = small_world_files / "district.db"
    yield w, Keys(w)
    w.close()


def _data(world) -> dict:
    """The district's data tables (a quarantined file may leave its own record, nothing else)."""
    return {k: v for k, v in data_dump(world.district).items() if k != "sync_quarantine"}


def _read_or_refuse(keys: Keys, data: bytes):
    with fz.bounded():
        try:
            return keys.read(data)
        except BundleRejected as exc:
            assert fz.chinese(exc.reason), exc.reason
            return None


def test_the_valid_bundle_reads(world_once):
    _, keys = world_once
    assert keys.read(keys.bundle).changes


@FAST
@given(data=st.binary(max_size=4096))
def test_random_bytes_are_refused(world_once, data):
    _, keys = world_once
    assert _read_or_refuse(keys, data) is None


@FAST
@given(steps=st.lists(fz.mutations, min_size=1, max_size=4))
def test_a_mutated_bundle_is_refused(world_once, steps):
    _, keys = world_once
    data = fz.mutate_many(keys.bundle, steps)
    if data != keys.bundle:
        assert _read_or_refuse(keys, data) is None  # every byte is covered by a signature


@FAST
@given(target=st.sampled_from(["whole", "manifest.json", "info.json", "changes.jsonl", "manifest.sig"]),
       steps=st.lists(fz.mutations, min_size=1, max_size=3), fix_manifest=st.booleans())
def test_a_re_signed_bundle_with_a_mutated_inside_is_read_or_refused(world_once, target, steps, fix_manifest):
    _, keys = world_once
    members = fz.inner_members(keys.bundle, keys.district.box)
    if target == "whole":
        inner = fz.mutate_many(fz.resign_inner(members, keys.village, fix_manifest=False), steps)
    else:
        members = [(name, fz.mutate_many(data, steps) if name == target else data) for name, data in members]
        inner = fz.resign_inner(members, keys.village, fix_manifest=fix_manifest)
    _read_or_refuse(keys, fz.reseal(keys.bundle, inner, sender=keys.village, recipient_box_pk=keys.district.box.public_key.encode()))


json_values = st.recursive(st.none() | st.booleans() | st.integers(-2 ** 70, 2 ** 70) | st.text(max_size=20)
                           | st.floats(allow_nan=False, allow_infinity=False),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                           max_leaves=8)


@st.composite
def hostile_changes(draw):
    """Change lines of the right outer shape with arbitrary tables, sequence numbers and rows,
    some of them real rows of the village with fields replaced."""
    lines = []
    for n in range(draw(st.integers(1, 4))):
        table = draw(st.sampled_from(SYNCED_TABLES + ("settings", "sync_keys", "sqlite_master", "x]; DROP TABLE members; --")))
        row = draw(st.dictionaries(st.sampled_from(["uuid", "org", "version", "device", "deleted", "updated_at", "name",
                                                    "id_number", "points_x100", "member_uuid", "[evil]"]),
                                   json_values, max_size=8))
        seq = draw(st.one_of(st.none(), st.integers(-3, 2 ** 63 - 1), st.just(n + 1)))
        lines.append({"seq": seq, "table": table, "row": row})
    return lines


@SLOW
@given(changes=hostile_changes(), keep_real=st.booleans())
def test_signed_hostile_changes_are_applied_whole_or_refused_without_a_trace(world_once, changes, keep_real, tmp_path_factory):
    world, keys = world_once
    members = dict(fz.inner_members(keys.bundle, keys.district.box))
    real = [json.loads(line) for line in members["changes.jsonl"].splitlines()]
    lines = (real if keep_real else []) + changes
    members["changes.jsonl"] = b"".join(json.dumps(c, ensure_ascii=False).encode() + b"\n" for c in lines)
    manifest = json.loads(members["manifest.json"])
    counts = {}
    for change in lines:
        counts[change["table"]] = counts.get(change["table"], 0) + 1
    manifest["counts"] = counts
    members["manifest.json"] = json.dumps(manifest).encode()
    inner = fz.resign_inner(list(members.items()), keys.village, fix_manifest=True)
    data = fz.reseal(keys.bundle, inner, sender=keys.village, recipient_box_pk=keys.district.box.public_key.encode())
    path = tmp_path_factory.mktemp("hostile") / "hostile.djb"
    path.write_bytes(data)
    before = _data(world)
    with fz.bounded():
        [receipt] = sync.import_bundles(world.district, paths=[path], passphrase=PASSPHRASE, backup=False)
    assert world.district.store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    if receipt.ok:  # lines a village may really send, applied whole: start the next example afresh
        world.district.close()
        shutil.copy(world.pristine, world.folder / "district.db")
        for suffix in ("-wal", "-shm"):
            (world.folder / f"district.db{suffix}").unlink(missing_ok=True)
        world.district = open_ctx(world.folder / "district.db")
    else:
        assert all(fz.chinese(reason) for reason in receipt.reasons), receipt.reasons
        assert _data(world) == before


@pytest.mark.parametrize("line", [b'{"seq":1,"table":"members","row":{"name":"\x86"}}',  # found by bench/fuzz.py
                                  b'{"seq":1,"table":"\xff","row":{}}', b'\xc3\x28'])
def test_a_change_line_that_is_not_utf8_is_refused(world_once, line):
    _, keys = world_once
    members = dict(fz.inner_members(keys.bundle, keys.district.box))
    members["changes.jsonl"] = line + b"\n"
    inner = fz.resign_inner(list(members.items()), keys.village, fix_manifest=True)
    data = fz.reseal(keys.bundle, inner, sender=keys.village, recipient_box_pk=keys.district.box.public_key.encode())
    with pytest.raises(BundleRejected, match="无法读取"):
        keys.read(data)
