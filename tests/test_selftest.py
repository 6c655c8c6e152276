"""`dangjian --self-test`: passes on a sound installation, and a failing step makes it exit non-zero."""

import io
import os
import subprocess
import sys

import nacl.pwhash
import pytest

import dangjian_desktop.sync.keys as keys_module
from dangjian_desktop import selftest
from dangjian_desktop.services import printing


@pytest.fixture
def cheap_keys(monkeypatch):
    """The district key's passphrase hashing at its minimum cost (the self-test seals one key)."""
    monkeypatch.setattr(keys_module, "KDF_OPS", nacl.pwhash.argon2id.OPSLIMIT_MIN)
    monkeypatch.setattr(keys_module, "KDF_MEM", nacl.pwhash.argon2id.MEMLIMIT_MIN)


def test_self_test_from_source_passes_every_check(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "DANGJIAN_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, "-m", "dangjian_desktop", "--self-test"], capture_output=True,
                            text=True, encoding="utf-8", env=env, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert not [line for line in lines if line.startswith("✗")]
    checked = [line for line in lines if line.startswith("✓")]
    for needed in ("建立示范村", "记积分", "村里导出数据包", "区里导入数据包", "村级页面 home", "区级主窗口"):
        assert any(needed in line for line in checked), needed
    for spec in printing.FORMS.values():
        assert any(spec.title in line for line in checked), spec.title
    assert "自检通过" in lines[-1]
    assert not (tmp_path / "data").exists()  # nothing written outside its temporary folder


def test_a_failing_form_makes_the_self_test_fail(monkeypatch, cheap_keys):
    def broken(ctx, *, out, progress=None):
        raise OSError("打印机驱动坏了")

    forms = dict(printing.FORMS)
    forms["broken-form"] = printing.FormSpec("broken-form", "坏表格", "", (), broken)
    monkeypatch.setattr(printing, "FORMS", forms)
    out = io.StringIO()
    assert selftest.run(out, gui=False) == 1
    text = out.getvalue()
    assert "✗ 打印 坏表格（broken-form） — OSError: 打印机驱动坏了" in text
    assert "✓ 打印 党员花名册（roster）" in text  # the other checks still ran
    assert "自检未通过" in text.splitlines()[-1]


def test_a_failed_step_fails_the_steps_that_need_it(monkeypatch, cheap_keys):
    from dangjian_desktop.services import district

    def refuse(*args, **kwargs):
        raise RuntimeError("磁盘已满")

    monkeypatch.setattr(district, "setup_district", refuse)
    out = io.StringIO()
    assert selftest.run(out, gui=False) == 1
    text = out.getvalue()
    assert "✗ 建立区级数据库、为村办理登记 — RuntimeError: 磁盘已满" in text
    assert "✗ 建立示范村（用登记文件） — 未运行" in text
    assert "✓ 资源文件" in text


def test_the_flag_is_in_the_chinese_help(capsys):
    from dangjian_desktop.cli import main

    with pytest.raises(SystemExit):
        main(["--help"])
    assert "--self-test" in capsys.readouterr().out


def test_console_attach_is_windows_only(monkeypatch):
    from dangjian_desktop.console import attach_parent_console

    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(sys, "stdout", None)
    assert attach_parent_console() is False
