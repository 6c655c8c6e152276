"""Portable mode: a marker file beside the frozen app's executable keeps its data beside it."""

import sys
from pathlib import Path

import pytest

from dangjian_desktop import paths


@pytest.fixture
def frozen(tmp_path, monkeypatch):
    """Pretend to be the frozen app at tmp_path/app/dangjian."""
    folder = tmp_path / "app"
    folder.mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "dangjian"))
    monkeypatch.delenv("DANGJIAN_DATA_DIR", raising=False)
    return folder


def test_without_the_marker_data_goes_to_the_users_folder(frozen):
    assert paths.portable_dir() is None
    assert paths.settings_dir() is None
    assert not paths.data_dir().is_relative_to(frozen)


def test_the_marker_keeps_database_backups_and_settings_beside_the_executable(frozen):
    (frozen / paths.PORTABLE_MARKER).write_text("portable", encoding="utf-8")
    assert paths.portable_dir() == frozen / "data"
    assert paths.data_dir() == frozen / "data"
    assert paths.default_db_path() == frozen / "data" / "dangjian.db"
    assert paths.settings_dir() == frozen / "data"


def test_the_environment_variable_still_wins(frozen, tmp_path, monkeypatch):
    (frozen / paths.PORTABLE_MARKER).write_text("portable", encoding="utf-8")
    monkeypatch.setenv("DANGJIAN_DATA_DIR", str(tmp_path / "elsewhere"))
    assert paths.data_dir() == tmp_path / "elsewhere"


def test_from_source_a_marker_beside_python_changes_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "frozen", False, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    (tmp_path / paths.PORTABLE_MARKER).write_text("portable", encoding="utf-8")
    assert paths.executable_dir() is None
    assert paths.portable_dir() is None


def test_backups_go_beside_the_portable_database(frozen):
    from dangjian_desktop.services.context import Context
    from dangjian_desktop.services.maintenance import backup
    from dangjian_desktop.services.setup import setup_village

    (frozen / paths.PORTABLE_MARKER).write_text("portable", encoding="utf-8")
    db = paths.default_db_path()
    db.parent.mkdir(parents=True)
    with Context.open(db) as ctx:
        setup_village(ctx, code="USB", name="东庄村党支部", town="示范镇")
        copy = backup(ctx)
    assert Path(copy).parent == frozen / "data" / "backups"


def test_settings_follow_the_portable_folder(frozen, qapp):
    from PySide6.QtCore import QSettings

    from dangjian_desktop.gui.settings_file import use_settings_folder

    probe = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "org", "app").fileName()
    usual_folder = Path(probe).parent.parent
    usual_format = QSettings.defaultFormat()
    (frozen / paths.PORTABLE_MARKER).write_text("portable", encoding="utf-8")
    try:
        use_settings_folder(paths.settings_dir())
        settings = QSettings()
        settings.setValue("main_window/geometry", b"x")
        settings.sync()
        assert Path(settings.fileName()).is_relative_to(frozen / "data")
        assert Path(settings.fileName()).is_file()
    finally:
        QSettings.setDefaultFormat(usual_format)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(usual_folder))
