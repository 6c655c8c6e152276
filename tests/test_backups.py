"""Automatic backups: one a day, before imports and migrations, the last N kept; a copy on a USB
stick; and a damaged database replaced by a backup at start, the damaged file kept aside."""

import os
import sqlite3
from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

import crash_worker
from dangjian_desktop.errors import DatabaseDamagedError, ValidationError
from dangjian_desktop.gui import recovery
from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.settings.backup_box import BackupBox
from dangjian_desktop.services import backups, maintenance, sync
from dangjian_desktop.services.context import Context
from dangjian_desktop.store.backup import backup_files
from dangjian_desktop.store.tables import MIGRATIONS
from sync_fixtures import PASSPHRASE, small_world_files, world  # noqa: F401

TODAY = date(2026, 11, 27)


def _reasons(ctx):
    return [reason for _p, reason, _m in backup_files(maintenance.backups_folder(ctx), ctx.store.path.stem)]


def test_only_the_last_n_backups_are_kept_and_other_files_are_left_alone(village):
    folder = maintenance.backups_folder(village)
    folder.mkdir(parents=True)
    strangers = [folder / "village2-manual-20260101-000000-000000.db", folder / "my notes.db",
                 folder / "village-manual-copy.db"]
    for path in strangers:
        path.write_bytes(b"not ours")
    backups.set_keep_count(village, count=3)
    made = [maintenance.backup(village) for _ in range(5)]
    kept = [b.path for b in maintenance.list_backups(village)]
    assert kept == made[::-1][:3]
    assert all(path.exists() for path in strangers)


@pytest.mark.parametrize("count", [0, -1, 101, "5"])
def test_the_number_kept_must_be_sensible(village, count):
    with pytest.raises(ValidationError, match="1 到 100"):
        backups.set_keep_count(village, count=count)
    assert backups.keep_count(village) == backups.DEFAULT_KEEP


def test_lowering_the_number_deletes_nothing_until_the_next_backup(village):
    for _ in range(4):
        maintenance.backup(village)
    backups.set_keep_count(village, count=2)
    assert len(maintenance.list_backups(village)) == 4
    maintenance.backup(village)
    assert len(maintenance.list_backups(village)) == 2


def test_the_daily_backup_is_made_once_a_day(village):
    path = village.store.path
    first = backups.daily_backup(path, today=date.today())
    assert first is not None and first.exists()
    assert backups.daily_backup(path, today=date.today()) is None
    assert backups.daily_backup(path, today=date.today() + timedelta(days=1)) is not None
    assert _reasons(village) == ["daily", "daily"]
    conn = sqlite3.connect(first)
    assert conn.execute("SELECT value FROM settings WHERE key = 'org_uuid'").fetchone()[0] == village.org_uuid
    conn.close()


def _damage(path):
    """Overwrite pages in the middle of the file, as a failing disk would."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    size = os.path.getsize(path)
    with open(path, "r+b") as handle:
        for offset in range(4096 * 2, size, 4096 * 3):
            handle.seek(offset)
            handle.write(os.urandom(4096))


def test_a_damaged_database_is_not_backed_up_over_good_backups(demo):
    good = maintenance.backup(demo)
    backups.set_keep_count(demo, count=1)
    path = demo.store.path
    demo.close()
    _damage(path)
    with pytest.raises(DatabaseDamagedError, match="损坏"):
        backups.daily_backup(path)
    assert good.exists()  # the rotation did not push it out
    assert [c.path for c in backups.candidates(path)] == [good]


def test_an_import_backs_up_first(world):
    world.district.store.set_setting("backup_keep", "2")
    for _ in range(3):
        sync.import_bundles(world.district, paths=[world.export_village()], passphrase=PASSPHRASE)
    assert _reasons(world.district) == ["pre-import", "pre-import"]


def test_a_migration_backs_up_first(tmp_path):
    old = tmp_path / "old.db"
    crash_worker._m001_village(old)
    Context.open(old).close()
    [(path, reason, _made)] = backup_files(tmp_path / "backups", "old")
    assert reason == "pre-migration"
    conn = sqlite3.connect(path)
    assert [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")] == [MIGRATIONS[0]]
    conn.close()


def test_a_copy_to_a_usb_stick_is_whole_and_can_be_restored(demo, qtbot, tmp_path, monkeypatch):
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(stick / "党建通备份"), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    box = BackupBox(demo, JobRunner(demo, inline=True))
    qtbot.addWidget(box)
    box.copy_to()
    [copy] = list(stick.iterdir())
    assert copy.name == "党建通备份.db"
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file, nothing beside it
    conn.close()
    preview = maintenance.inspect_backup(demo, path=copy)
    assert preview.backup["members"] == preview.current["members"]


def test_the_backup_box_sets_how_many_are_kept(demo, qtbot):
    box = BackupBox(demo, JobRunner(demo, inline=True))
    qtbot.addWidget(box)
    box.load()
    assert box.keep.value() == backups.DEFAULT_KEEP
    box.keep.setValue(4)
    box.keep.editingFinished.emit()
    assert backups.keep_count(demo) == 4


def test_a_damaged_database_is_replaced_by_a_backup_and_kept_aside(demo, tmp_path):
    maintenance.backup(demo)
    members = demo.store.scalar("SELECT COUNT(*) FROM members")
    path = demo.store.path
    demo.close()
    with open(path, "r+b") as handle:
        handle.write(b"\0" * 100)  # the header: SQLite no longer knows the file
    with pytest.raises(DatabaseDamagedError, match="从备份恢复"):
        Context.open(path)
    [latest] = backups.candidates(path)
    assert latest.members == members
    kept = backups.replace_damaged(path, latest.path)
    assert kept.exists() and kept.read_bytes()[:100] == b"\0" * 100
    with Context.open(path) as ctx:
        assert ctx.store.scalar("SELECT COUNT(*) FROM members") == members
        assert maintenance.check_database(ctx) == []


def test_a_file_that_is_not_a_sound_backup_is_not_put_in_place(demo, tmp_path):
    path = demo.store.path
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"SQLite format 3\0" + os.urandom(5000))
    with pytest.raises(Exception, match="不是完好的党建通数据库备份"):
        backups.replace_damaged(path, junk)
    assert demo.store.scalar("SELECT COUNT(*) FROM members") > 0


def test_at_start_a_damaged_database_offers_the_latest_backup(demo, qtbot, monkeypatch):
    maintenance.backup(demo)
    path = demo.store.path
    demo.close()
    with open(path, "r+b") as handle:
        handle.write(b"\0" * 100)
    shown = []

    def pick_latest(dialog):
        shown.append(dialog)
        assert dialog.latest_button.isEnabled()
        dialog.take_latest()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(recovery.RecoveryDialog, "exec", pick_latest)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    ctx = recovery.open_or_recover(path, actor="测试")
    assert ctx is not None and len(shown) == 1
    assert ctx.store.scalar("SELECT COUNT(*) FROM members") > 0
    ctx.close()


def test_at_start_quitting_leaves_the_damaged_file_as_it_was(demo, qtbot, monkeypatch):
    path = demo.store.path
    demo.close()
    with open(path, "r+b") as handle:
        handle.write(b"\0" * 100)
    before = path.read_bytes()
    monkeypatch.setattr(recovery.RecoveryDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    assert recovery.open_or_recover(path, actor="测试") is None
    assert path.read_bytes() == before


def test_the_daily_backup_runs_off_the_gui_thread_after_start(village, qtbot):
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    qtbot.addWidget(window)
    job = recovery.start_daily_backup(window, village.store.path)
    qtbot.waitUntil(lambda: not job.timer.isActive(), timeout=30000)
    assert job.outcome["path"].exists() and _reasons(village) == ["daily"]


def test_a_damaged_database_found_by_the_daily_check_is_reported(demo, qtbot, monkeypatch):
    from PySide6.QtWidgets import QWidget

    path = demo.store.path
    demo.close()
    _damage(path)
    shown = []
    monkeypatch.setattr(recovery, "show_error", lambda parent, exc: shown.append(exc))
    window = QWidget()
    qtbot.addWidget(window)
    job = recovery.start_daily_backup(window, path)
    qtbot.waitUntil(lambda: not job.timer.isActive(), timeout=30000)
    assert len(shown) == 1 and isinstance(shown[0], DatabaseDamagedError)


def test_restoring_the_oldest_kept_backup_works_and_then_the_rotation_runs(demo):
    backups.set_keep_count(demo, count=2)
    oldest = maintenance.backup(demo)
    maintenance.backup(demo)
    result = maintenance.restore_backup(demo, path=oldest)  # its safety copy must not rotate it away
    assert result.safety_copy.exists()
    assert len(maintenance.list_backups(demo)) == 2
    assert maintenance.check_database(demo) == []
