"""A bundle carried on a real FAT32 stick: copied onto a FAT32 image with mtools and back, it
imports unchanged, and its name is legal there (and on Windows)."""

import re
import shutil
import subprocess

import pytest

from sync_fixtures import owned_rows, small_world_files, world  # noqa: F401  (fixtures)

pytestmark = pytest.mark.skipif(not (shutil.which("mcopy") and shutil.which("mkfs.fat")),
                                reason="mtools and dosfstools are installed by .ci/run")


def _fat32_image(path):
    subprocess.run(["mkfs.fat", "-F", "32", "-C", str(path), str(40 * 1024)], check=True, capture_output=True)
    return path


def test_a_bundle_survives_a_fat32_stick(world, tmp_path):
    delta = world.export_village()
    assert re.fullmatch(r"[A-Za-z0-9._-]+", delta.name) and len(delta.name) <= 64
    image = _fat32_image(tmp_path / "stick.img")
    subprocess.run(["mcopy", "-i", str(image), str(delta), f"::/{delta.name}"], check=True, capture_output=True)
    listing = subprocess.run(["mdir", "-b", "-i", str(image), "::/"], check=True, capture_output=True, text=True)
    assert delta.name.upper() in listing.stdout.upper()
    back = tmp_path / "from-stick" / delta.name
    back.parent.mkdir()
    subprocess.run(["mcopy", "-i", str(image), f"::/{delta.name}", str(back)], check=True, capture_output=True)
    assert back.read_bytes() == delta.read_bytes()
    [receipt] = world.import_district(back)
    assert receipt.status == "applied"
    assert owned_rows(world.district, world.org) == owned_rows(world.village, world.org)
