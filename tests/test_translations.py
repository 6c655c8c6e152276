"""Chinese is complete: every GUI string has a translation, and the compiled catalogue is current.

Both checks work on temporary copies, so running the tests never touches the committed files.
When one fails, run `python build/translations.py` (after adding the missing translations to
`resources/translations/pending/<area>.json`) and commit the .ts and .qm it writes.
"""

from __future__ import annotations

import importlib.util
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def tooling():
    spec = importlib.util.spec_from_file_location("translations_build", ROOT / "build" / "translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def current_ts(tooling, tmp_path_factory) -> Path:
    """The committed catalogue brought up to date with the source code, in a temporary copy."""
    ts = tmp_path_factory.mktemp("translations") / "dangjian_zh_CN.ts"
    shutil.copy(tooling.TS, ts)
    tooling.lupdate(ts)
    return ts


def test_every_gui_string_has_a_chinese_translation(tooling, current_ts):
    missing = tooling.unfinished(current_ts)
    assert not missing, f"{len(missing)} strings without a finished translation:\n" + "\n".join(
        f"  {context}: {source!r}" for context, source in missing)


def _messages(ts: Path) -> set[tuple[str, str]]:
    return {(context.findtext("name"), message.findtext("source"))
            for context in ET.parse(ts).getroot().iter("context") for message in context.iter("message")}


def test_the_committed_catalogue_holds_exactly_the_source_strings(tooling, current_ts):
    new = _messages(current_ts) - _messages(tooling.TS)
    gone = _messages(tooling.TS) - _messages(current_ts)
    assert not new and not gone, f"run python build/translations.py: {len(new)} new strings, {len(gone)} gone"


def test_the_compiled_catalogue_is_the_committed_one_compiled(tooling, tmp_path):
    """The .qm the app loads is what lrelease makes of the committed .ts (lrelease is deterministic)."""
    compiled = tmp_path / "current.qm"
    tooling.lrelease(tooling.TS, compiled)
    assert compiled.read_bytes() == tooling.QM.read_bytes(), \
        "dangjian_zh_CN.qm is older than dangjian_zh_CN.ts: run python build/translations.py"


def test_the_app_loads_the_chinese_catalogue(qapp):
    from PySide6.QtCore import QCoreApplication

    from dangjian_desktop.gui.app import install_language

    try:
        install_language("zh_CN")
        assert QCoreApplication.translate("HomePage", "Home") == "首页"
        assert QCoreApplication.translate("SettingsPage", "Settings") == "设置"
    finally:
        install_language("en")
    assert QCoreApplication.translate("HomePage", "Home") == "Home"
