"""Keys, fingerprints, passphrase sealing, enrolment files and the canonical container."""

import base64
import json
import re

import pytest

from dangjian_desktop.services import district
from dangjian_desktop.services.sync_identity import own_keys
from dangjian_desktop.store import sync_queries
from dangjian_desktop.sync import container
from dangjian_desktop.sync.bundle import file_name
from dangjian_desktop.sync.enrolment import read_enrolment
from dangjian_desktop.sync.errors import BundleRejected, WrongPassphrase
from dangjian_desktop.sync.keys import KeyPair, SealedSecret, fingerprint, open_secret, seal_secret
from sync_fixtures import PASSPHRASE, small_world_files, world  # noqa: F401


def test_a_sealed_secret_opens_only_with_its_passphrase():
    keys = KeyPair.generate()
    sealed = SealedSecret.from_bytes(seal_secret(keys.secret, "正确的口令123").to_bytes())
    assert KeyPair.from_secret(open_secret(sealed, "正确的口令123")).sign_pk == keys.sign_pk
    with pytest.raises(WrongPassphrase, match="口令不正确"):
        open_secret(sealed, "错误的口令123")


def test_a_fingerprint_is_twenty_digits_in_groups_of_four():
    keys = KeyPair.generate()
    assert re.fullmatch(r"\d{4}( \d{4}){4}", fingerprint(keys.sign_pk, keys.box_pk))
    assert fingerprint(keys.sign_pk, keys.box_pk) != fingerprint(keys.sign_pk, KeyPair.generate().box_pk)


def test_the_district_key_is_stored_sealed_and_the_sheet_holds_it(world, small_world_files):
    row = sync_queries.keys(world.district.store)
    keys = own_keys(world.district, PASSPHRASE)
    assert row["kdf_salt"] and keys.secret[:32] not in row["secret"]
    sheet = (small_world_files / "sheet.txt").read_text(encoding="utf-8")
    block = "".join(line.split("  ")[2].replace(" ", "") for line in sheet.splitlines() if re.match(r"  \d\d  ", line))
    sealed = SealedSecret.from_bytes(base64.b32decode(block + "=" * (-len(block) % 8)))
    assert open_secret(sealed, PASSPHRASE) == keys.secret
    assert fingerprint(keys.sign_pk, keys.box_pk) in sheet
    with pytest.raises(WrongPassphrase):
        own_keys(world.district, "别的口令别的口令")


def test_a_village_laptop_needs_no_passphrase(world):
    assert own_keys(world.village).sign_pk == sync_queries.keys(world.village.store)["sign_pk"]


def test_a_tampered_enrolment_file_is_refused(world, tmp_path):
    path = tmp_path / "x.dje"
    district.enrol_village(world.district, code="NZC", name="南庄村", town=None, out=path, passphrase=PASSPHRASE)
    assert read_enrolment(path)["village"]["code"] == "NZC"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["body"]["village"]["name"] = "北庄村"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(BundleRejected, match="签名无效"):
        read_enrolment(path)


def test_re_enrolling_a_village_keeps_its_org(world, tmp_path):
    first = district.enrol_village(world.district, code="DZC", name="东庄村党总支", town=None, out=tmp_path / "a.dje",
                                   passphrase=PASSPHRASE)
    assert first.replaces and first.village_org == world.village.org_uuid


@pytest.mark.parametrize("kind,seq", [("delta", 123), ("return", 4), ("snapshot", 0)])
def test_bundle_file_names_are_fat32_legal(kind, seq):
    name = file_name(kind, "XQ-DZC_1", seq, "0123abcd-0000-4000-8000-000000000000")
    assert re.fullmatch(r"[A-Za-z0-9_.-]+", name) and name.endswith(".djb") and len(name) < 64


def test_the_container_is_canonical():
    members = [("a.json", b"{}"), ("b.bin", b"\x00\x01")]
    data = container.pack(members)
    assert container.pack(members) == data
    assert container.unpack(data, ("a.json", "b.bin"), {"a.json": 10, "b.bin": 10}) == dict(members)
    with pytest.raises(BundleRejected):
        container.unpack(data[:-1] + b"\x01", ("a.json", "b.bin"), {"a.json": 10, "b.bin": 10})


def test_sync_modules_load_no_qt():
    import subprocess
    import sys

    names = ["dangjian_desktop.services.sync", "dangjian_desktop.services.district", "dangjian_desktop.commands_sync"]
    code = (f"import sys\nfor n in {names!r}: __import__(n)\n"
            "print(','.join(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_the_format_document_names_what_the_code_writes():
    from pathlib import Path

    from dangjian_desktop.sync import bundle, enrolment

    text = (Path(__file__).parents[1] / "docs" / "bundle-format.md").read_text(encoding="utf-8")
    assert f"# Bundle format, version {bundle.FORMAT_VERSION}" in text
    for name in bundle.OUTER + bundle.INNER + bundle.KINDS + (bundle.FORMAT, enrolment.FORMAT):
        assert f"`{name}`" in text or f'"{name}"' in text or name in text, name
