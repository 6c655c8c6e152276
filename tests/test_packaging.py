"""What a wheel or the frozen app ships: every package, the resources, the console script."""

import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def _pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_is_listed_for_the_wheel():
    listed = set(_pyproject()["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "dangjian_desktop").rglob("__init__.py")}
    assert found <= listed, sorted(found - listed)


def test_resources_resolve_from_the_checkout():
    from dangjian_desktop.paths import resource_path

    for parts in (("rulebooks", "default.json"), ("criteria", "default.json"), ("meeting_types.json",),
                  ("fonts", "wqy-microhei.ttc"), ("fonts", "wqy-microhei-COPYRIGHT.txt")):
        assert resource_path(*parts).is_file(), parts


def test_console_script_points_at_main():
    assert _pyproject()["project"]["scripts"]["dangjian"] == "dangjian_desktop.cli:main"
