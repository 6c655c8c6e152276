"""The 数据交换 page (village and district): drives, export, import with receipts, the passphrase,
the bundle history; and the services/exchange helpers behind it."""

from __future__ import annotations

import errno
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLineEdit

from dangjian_desktop.gui.jobs import JobRunner
from dangjian_desktop.gui.pages import exchange as exchange_page
from dangjian_desktop.gui.pages import exchange_drives, exchange_receipts
from dangjian_desktop.gui.pages.exchange import ExchangePage
from dangjian_desktop.gui.pages.exchange_drives import Drive, LocationBox, list_drives
from dangjian_desktop.gui.pages.exchange_receipts import PassphraseDialog
from dangjian_desktop.progress import Progress
from dangjian_desktop.services import exchange, sync
from sync_fixtures import PASSPHRASE, add_member, small_world_files, world  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def private_settings(tmp_path, monkeypatch):
    """Remembered folders go to a private QSettings file; no real drive is ever offered."""
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    QSettings().clear()
    monkeypatch.setattr(exchange_drives, "list_drives", lambda: [])


@pytest.fixture
def errors(monkeypatch):
    shown: list[BaseException] = []
    monkeypatch.setattr(exchange_page, "show_error", lambda parent, exc: shown.append(exc))
    return shown


@pytest.fixture
def asked(monkeypatch):
    """The passphrase answers to give, in order (None: the user pressed Cancel); records each ask."""
    answers: list[str | None] = []
    calls: list[bool] = []

    def ask(parent, *, retry=False):
        calls.append(retry)
        return answers.pop(0) if answers else None

    monkeypatch.setattr(exchange_receipts, "ask_passphrase", ask)
    return answers, calls


def make_page(ctx, qtbot) -> ExchangePage:
    page = ExchangePage(ctx, JobRunner(ctx, inline=True))
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    return page


def stick(tmp_path: Path, name: str = "stick") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    return folder


# -- village ---------------------------------------------------------------------------------------

def test_a_village_export_writes_a_bundle_and_the_return_brings_the_pending_count_to_zero(world, qtbot, tmp_path,
                                                                                          errors):
    page = make_page(world.village, qtbot)
    waiting = sync.pending_changes(world.village)
    assert waiting > 0 and page.pending_count == waiting and str(waiting) in page.pending.text()
    folder = stick(tmp_path)
    page.location.set_folder(folder)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    written = sorted(folder.glob("*.djb"))
    assert len(written) == 1 and written[0].name.startswith("DJ-DZC-")
    assert str(written[0]) in page.written.text() and not errors
    assert page.history.model.rowCount() == 1 and page.history.model.record(0)["acknowledged"] == "等待区里确认"

    assert [r.status for r in world.import_district(written[0])] == ["applied"]
    sync.export_bundles(world.district, out_dir=folder, passphrase=PASSPHRASE)  # what the page's button does
    page.location.reload()
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert not errors
    cards = page.receipts.cards
    assert [c.status for c in cards].count("已导入") == 1 and not page.receipts.refused
    skipped = [c.text() for c in cards if c.status != "已导入"]
    assert len(skipped) == 1 and "本村导出的数据包" in skipped[0]  # left on the stick for the district
    assert page.pending_count == 0 and sync.pending_changes(world.village) == 0
    rows = exchange.history(world.village)
    assert [(r["direction"], r["kind"], r["acknowledged"]) for r in rows] == [
        ("导入", "回执包", f"区里确认到第 {waiting} 号"), ("导出", "村里数据包", "区里已确认")]


def test_a_full_stick_says_so_in_chinese_and_nothing_is_written(world, qtbot, tmp_path, errors, monkeypatch):
    page = make_page(world.village, qtbot)
    folder = stick(tmp_path)
    page.location.set_folder(folder)

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("dangjian_desktop.sync.container.os.fsync", full)
    before = sync.pending_changes(world.village)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert len(errors) == 1 and "空间不够" in errors[0].message
    assert list(folder.iterdir()) == [] and sync.bundle_history(world.village) == []
    assert sync.pending_changes(world.village) == before


def test_a_village_not_enrolled_cannot_export(village, qtbot):
    page = make_page(village, qtbot)
    assert not page.export_button.isEnabled() and not page.import_button.isEnabled()
    assert "enrolment" in page.state.text() or "登记" in page.state.text()


# -- district --------------------------------------------------------------------------------------

def test_the_district_imports_a_folder_with_a_good_and_a_corrupt_bundle(world, qtbot, tmp_path, errors, asked):
    answers, calls = asked
    answers.append(PASSPHRASE)
    folder = stick(tmp_path)
    good = world.export_village()
    (folder / good.name).write_bytes(good.read_bytes())
    (folder / "DJ-DZC-000099-0badf00d.djb").write_bytes(good.read_bytes()[:-300])  # cut short on the way
    page = make_page(world.district, qtbot)
    page.location.set_folder(folder)
    assert "2" in page.found.text()
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert not errors and calls == [False]
    cards = page.receipts.cards
    assert len(cards) == 2 and len(page.receipts.refused) == 1
    refused = page.receipts.refused[0]
    assert refused.title == "DJ-DZC-000099-0badf00d.djb" and refused.status == "拒绝导入"
    assert any("不完整" in line or "损坏" in line for line in refused.lines)
    ok = next(c for c in cards if not c.refused)
    assert ok.title == good.name and ok.status == "已导入"
    assert {r["status"] for r in exchange.history(world.district)} == {"已导入", "拒绝导入"}

    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)  # returns for every village, no new ask
    assert calls == [False] and not errors
    returns = sorted(p.name for p in folder.glob("DJ-*-R*.djb"))
    assert len(returns) == 1 and returns[0].startswith("DJ-DZC-R")  # XZC has sent nothing yet: no return
    assert any("XZC" in c.text() for c in page.receipts.cards)  # … and the page says so


def test_a_wrong_passphrase_is_asked_again_and_nothing_is_imported_until_it_is_right(world, qtbot, tmp_path,
                                                                                      errors, asked):
    answers, calls = asked
    answers += ["wrong passphrase", PASSPHRASE]
    folder = stick(tmp_path)
    bundle = world.export_village()
    (folder / bundle.name).write_bytes(bundle.read_bytes())
    page = make_page(world.district, qtbot)
    page.location.set_folder(folder)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert calls == [False, True] and not errors
    assert [c.status for c in page.receipts.cards] == ["已导入"]
    assert len(sync.bundle_history(world.district)) == 1  # the wrong try left no trace


def test_cancelling_the_passphrase_does_nothing(world, qtbot, tmp_path, errors, asked):
    _answers, calls = asked
    folder = stick(tmp_path)
    bundle = world.export_village()
    (folder / bundle.name).write_bytes(bundle.read_bytes())
    page = make_page(world.district, qtbot)
    page.location.set_folder(folder)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert calls == [False] and not errors and page.receipts.cards == []
    assert sync.bundle_history(world.district) == []


def test_the_passphrase_dialog_hides_what_is_typed(qtbot):
    dialog = PassphraseDialog(retry=True)
    qtbot.addWidget(dialog)
    assert dialog.edit.echoMode() == QLineEdit.EchoMode.Password and not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.edit, "secret")
    assert dialog.ok_button.isEnabled() and dialog.passphrase() == "secret"


# -- history ---------------------------------------------------------------------------------------

def test_the_history_shows_every_bundle_and_exports_to_excel(world, qtbot, tmp_path, monkeypatch):
    world.round_trip()
    page = make_page(world.district, qtbot)
    model = page.history.model
    rows = exchange.history(world.district)
    assert model.rowCount() == len(rows) == 2
    shown = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert shown[0][1:6] == ["导出", "回执包", "东庄村党总支（DZC）", "第 1 号回执", "已写出，等待对方导入"]
    assert shown[1][1:4] == ["导入", "村里数据包", "东庄村党总支（DZC）"] and shown[1][4].startswith("第 1–")
    assert shown[1][6].endswith("已写入回执包")
    assert shown[0][0] == exchange.local_time(rows[0]["at"]) and len(shown[0][0]) == 16
    monkeypatch.setattr("dangjian_desktop.gui.table_export.QMessageBox.information", lambda *a, **k: None)
    path = page.history.export(path=tmp_path / "history.xlsx")
    sheet = openpyxl.load_workbook(path).active
    values = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert any("回执包" in [str(v) for v in row] for row in values)


# -- drives ----------------------------------------------------------------------------------------

class FakeVolume:
    def __init__(self, root, name="", *, valid=True, ready=True, read_only=False, free=8 * 1024 ** 3):
        self.root, self.name, self.valid, self.ready, self.read_only, self.free = root, name, valid, ready, read_only, free

    def rootPath(self):
        return self.root

    def displayName(self):
        return self.name

    def isValid(self):
        return self.valid

    def isReady(self):
        return self.ready

    def isReadOnly(self):
        return self.read_only

    def bytesAvailable(self):
        return self.free


def test_drives_on_linux_are_the_writable_ready_volumes_under_media_and_mnt():
    volumes = [FakeVolume("/"), FakeVolume("/home"), FakeVolume("/media/zs/KINGSTON", "KINGSTON"),
               FakeVolume("/run/media/zs/SANDISK", "SANDISK"), FakeVolume("/mnt/cdrom", "CD", read_only=True),
               FakeVolume("/media/zs/OLD", "OLD", ready=False), FakeVolume("/mnt/usb", "", valid=False),
               FakeVolume("/boot/efi")]
    drives = list_drives(volumes, platform="linux")
    assert [(str(d.path), d.name) for d in drives] == [("/media/zs/KINGSTON", "KINGSTON"),
                                                      ("/run/media/zs/SANDISK", "SANDISK")]
    assert all(d.removable and d.free == 8 * 1024 ** 3 for d in drives)


def test_drives_on_windows_leave_out_the_system_network_and_cd_drives_and_list_removable_first():
    types = {"C:/": 3, "D:/": 3, "E:/": 2, "F:/": 5, "Z:/": 4}
    volumes = [FakeVolume(root, f"盘{root[0]}") for root in types]
    drives = list_drives(volumes, platform="win32", system_drive="C:", drive_type=types.get)
    assert [(str(d.path)[0], d.removable) for d in drives] == [("E", True), ("D", False)]


def test_the_location_box_offers_drives_first_then_the_chosen_folder(qtbot, tmp_path):
    usb = Drive(tmp_path / "usb", "KINGSTON", 3 * 1024 ** 3, True)
    box = LocationBox("U 盘", tmp_path / "bundles", drives=lambda: [usb])
    qtbot.addWidget(box)
    assert box.folder() == usb.path and box.combo.count() == 2 and "KINGSTON" in box.combo.itemText(0)
    box.set_folder(tmp_path / "chosen")
    assert box.folder() == tmp_path / "chosen" and QSettings().value("last_folder/exchange") == str(tmp_path / "chosen")
    box.reload()
    assert box.folder() == tmp_path / "chosen" and box.combo.count() == 3


# -- services/exchange -----------------------------------------------------------------------------

def test_a_folder_is_sorted_into_what_this_side_imports_and_what_it_leaves(world, tmp_path):
    folder = stick(tmp_path)
    delta = world.export_village()
    (folder / delta.name).write_bytes(delta.read_bytes())
    (folder / "notes.txt").write_text("x")
    (folder / ".DJ-DZC-000001-aaaaaaaa.djb.partial").write_bytes(b"half")
    world.import_district(delta)
    sync.export_bundles(world.district, out_dir=folder, passphrase=PASSPHRASE)
    at_district = exchange.scan_folder(world.district, folder)
    assert [f.kind for f in at_district.to_import] == ["delta"] and [f.kind for f in at_district.carried] == ["return"]
    at_village = exchange.scan_folder(world.village, folder)
    assert [f.kind for f in at_village.to_import] == ["return"] and at_village.carried[0].note.startswith("本村")
    world.import_village(*[f.path for f in at_village.to_import])
    assert exchange.scan_folder(world.village, folder).to_import == []  # that return is done with


def test_a_cancelled_import_still_reports_every_file_it_finished(world, tmp_path):
    paths = []
    for n in range(3):
        add_member(world.village, 20 + n)
        paths.append(world.export_village())

    class CancelAfterFirst(Progress):
        def step(self, n=1, message=None):
            super().step(n, message)
            self.cancel()

    outcome = exchange.import_files(world.district, paths=paths, passphrase=PASSPHRASE, progress=CancelAfterFirst(),
                                    backup=False)
    assert outcome.cancelled and [r.file for r in outcome.receipts] == [p.name for p in paths[:2]]
    assert all(r.ok for r in outcome.receipts)
