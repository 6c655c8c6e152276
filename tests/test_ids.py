"""Record identities: a village's records share a prefix, so they sit together in every uuid index."""

import re
import uuid as uuidlib

from hypothesis import given
from hypothesis import strategies as st

from dangjian_desktop.core.ids import derived_uuid, names, new_uuid, org_prefix
from dangjian_desktop.store import Store
from dangjian_desktop.sync.bundle import _UUID

VILLAGE_A, VILLAGE_B = "1b4e28ba-2fa1-41d2-883f-0016d3cca427", "6fa459ea-ee8a-4ca4-894e-db77e160355e"


def _prefix(value: str) -> str:
    return value.replace("-", "")[:8]


@given(st.text(min_size=1, max_size=60))
def test_every_owned_identity_is_a_version_8_uuid_the_bundle_reader_accepts(org):
    for value in (new_uuid(org), derived_uuid("attendance", "m", "p", org=org)):
        parsed = uuidlib.UUID(value)
        assert str(parsed) == value and _UUID.match(value)
        assert parsed.version == 8 and parsed.variant == uuidlib.RFC_4122
        assert _prefix(value) == org_prefix(org).hex()


def test_records_of_one_village_share_a_prefix_and_stay_unique():
    a = [new_uuid(VILLAGE_A) for _ in range(20_000)]
    assert len(set(a)) == len(a)
    assert {_prefix(v) for v in a} == {org_prefix(VILLAGE_A).hex()}
    assert org_prefix(VILLAGE_A) != org_prefix(VILLAGE_B)
    # the 90 bits after the prefix are random: about half of them differ between two identities
    bits = [bin(int(x.replace("-", "")[8:], 16) ^ int(y.replace("-", "")[8:], 16)).count("1") for x, y in zip(a, a[1:])]
    assert 40 < sum(bits) / len(bits) < 50


def test_derived_identities_are_fixed_by_their_parts_and_owner():
    one = derived_uuid("attendance", "meeting", "member", org=VILLAGE_A)
    assert one == derived_uuid("attendance", "meeting", "member", org=VILLAGE_A)
    assert one != derived_uuid("attendance", "meeting", "other", org=VILLAGE_A)
    assert _prefix(derived_uuid("attendance", "meeting", "member", org=VILLAGE_B)) != _prefix(one)
    assert one[8:] == derived_uuid("attendance", "meeting", "member", org=VILLAGE_B)[8:]


def test_identities_without_an_owner_are_unchanged():
    """Rulebooks, towns and yearly assessments keep the identities existing databases hold."""
    assert derived_uuid("rulebooks", "county-points", "2026") == str(
        uuidlib.uuid5(uuidlib.UUID("6f1c2a4e-5d0b-4f7e-9a39-2c1b8d6e0a11"), "rulebooks/county-points/2026"))
    assert uuidlib.UUID(new_uuid()).version == 4


def test_the_store_gives_new_rows_their_owner_prefix(tmp_path):
    store = Store.open(tmp_path / "v.db")
    store.set_setting("device_id", new_uuid())
    org = store.insert("orgs", {"kind": "village", "name": "甲村", "code": "V001"}, org=VILLAGE_A, actor="测试")
    rows = [{"kind": "branch", "name": f"第{n}支部", "parent_uuid": org["uuid"]} for n in range(3)]
    store.insert_many("orgs", rows, org=VILLAGE_A, actor="测试", summary="支部")
    prefixes = {_prefix(r["uuid"]) for r in store.query("SELECT uuid FROM orgs")}
    assert prefixes == {org_prefix(VILLAGE_A).hex()}
    assert all(re.fullmatch(r"[0-9a-f-]{36}", r["uuid"]) for r in store.query("SELECT uuid FROM orgs"))


def test_a_typed_key_names_an_identity_by_its_start_or_its_own_part():
    """A village's identities share their first group: six characters after it tell them apart."""
    one, other = new_uuid(VILLAGE_A), new_uuid(VILLAGE_A)
    assert names(one, one) and names(one, f"  {one.upper()} ")
    assert names(one, one[9:15]) and not names(other, one[9:15])
    assert names(one, one[:6]) and names(other, one[:6])  # the village's prefix: ambiguous, callers say so
    assert not names(one, one[9:14])  # too short
    plain = new_uuid()
    assert names(plain, plain[:6]) and names(plain, plain[9:17])
