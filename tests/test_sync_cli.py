"""The sync commands from a terminal: setup, enrolment, bundles, snapshots, devices; exit codes
and Chinese messages."""

import pytest

import sync_fixtures  # noqa: F401  (lowers the key-derivation cost for tests)
from dangjian_desktop.cli import main


@pytest.fixture
def sites(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DANGJIAN_PASSPHRASE", sync_fixtures.PASSPHRASE)
    d, v = tmp_path / "district.db", tmp_path / "village.db"
    assert main(["--db", str(d), "setup", "district", "--code", "XQ", "--name", "新区党工委组织部"]) == 0
    out = capsys.readouterr().out
    fingerprint = out.split("区级密钥指纹：")[1].split()[0:5]
    assert main(["--db", str(d), "enrol", "DZC", "--name", "东庄村党支部", "--out", str(tmp_path / "dzc.dje")]) == 0
    assert main(["--db", str(v), "setup", "village", "--enrolment", str(tmp_path / "dzc.dje")]) == 0
    village_out = capsys.readouterr().out
    assert " ".join(fingerprint) in village_out  # both sides show the same district fingerprint
    return d, v, tmp_path


def _export(db, out, *extra):
    assert main(["--db", str(db), "bundle", "export", "--out", str(out), *extra]) == 0


def test_setup_district_writes_a_recovery_sheet_with_the_fingerprint(sites, capsys):
    d, _v, tmp = sites
    sheet = (tmp / "dangjian-recovery-XQ.txt").read_text(encoding="utf-8")
    assert "密钥指纹" in sheet and "恢复单" in sheet
    assert main(["--db", str(d), "bundle", "status"]) == 0
    assert capsys.readouterr().out.split("本机密钥指纹：")[1][:24] in sheet


def test_export_prints_the_path_and_import_prints_a_receipt(sites, capsys):
    d, v, tmp = sites
    _export(v, tmp / "stick")
    path = capsys.readouterr().out.strip().splitlines()[-1]
    assert path.endswith(".djb")
    assert main(["--db", str(d), "bundle", "import", path]) == 0
    assert "已导入：已应用 1" in capsys.readouterr().out
    assert main(["--db", str(d), "bundle", "import", path]) == 0
    assert "重复" in capsys.readouterr().out
    _export(d, tmp / "back", "--village", "DZC")
    back = capsys.readouterr().out.strip().splitlines()[-1]
    assert main(["--db", str(v), "bundle", "import", back]) == 0
    assert "区里已确认本机第 1 号" in capsys.readouterr().out
    assert main(["--db", str(v), "bundle", "status"]) == 0
    assert "等待确认的修改：0 条" in capsys.readouterr().out


def test_a_damaged_file_exits_non_zero_with_a_chinese_reason(sites, capsys):
    d, v, tmp = sites
    _export(v, tmp / "stick")
    good = capsys.readouterr().out.strip().splitlines()[-1]
    bad = tmp / "bad.djb"
    bad.write_bytes(open(good, "rb").read()[:-10])
    assert main(["--db", str(d), "bundle", "import", good, str(bad)]) == 6
    out = capsys.readouterr().out
    assert "已导入" in out and "原因：文件不完整或已损坏" in out and "有 1 个文件未能导入" in out


def test_a_wrong_passphrase_is_refused_in_chinese(sites, monkeypatch, capsys):
    d, _v, tmp = sites
    monkeypatch.setenv("DANGJIAN_PASSPHRASE", "不是这个口令")
    assert main(["--db", str(d), "enrol", "XZC", "--name", "西庄村", "--out", str(tmp / "x.dje")]) != 0
    assert "口令不正确" in capsys.readouterr().err
    assert not (tmp / "x.dje").exists()


def test_revoke_re_enrol_snapshot_and_restore(sites, capsys):
    d, v, tmp = sites
    _export(v, tmp / "stick")
    assert main(["--db", str(d), "bundle", "import", capsys.readouterr().out.strip().splitlines()[-1]]) == 0
    capsys.readouterr()
    assert main(["--db", str(d), "devices", "list"]) == 0
    device = capsys.readouterr().out.split("\t")[2]
    assert main(["--db", str(d), "bundle", "snapshot", "DZC", "--out", str(tmp / "snap")]) != 0
    assert "尚未使用" in capsys.readouterr().err
    assert main(["--db", str(d), "devices", "revoke", device[:8], "--reason", "丢失"]) == 0
    assert main(["--db", str(d), "enrol", "DZC", "--name", "东庄村党支部", "--out", str(tmp / "new.dje")]) == 0
    assert main(["--db", str(d), "bundle", "snapshot", "DZC", "--out", str(tmp / "snap")]) == 0
    snapshot = capsys.readouterr().out.strip().splitlines()[-1]
    with pytest.raises(SystemExit):
        main(["--db", str(tmp / "new.db"), "setup", "village", "--snapshot", snapshot])
    assert "--enrolment" in capsys.readouterr().err
    assert main(["--db", str(tmp / "new.db"), "setup", "village", "--enrolment", str(tmp / "new.dje"),
                 "--snapshot", snapshot]) == 0
    assert "已从快照恢复" in capsys.readouterr().out
    _export(v, tmp / "old")
    old = capsys.readouterr().out.strip().splitlines()[-1]
    assert main(["--db", str(d), "bundle", "import", old]) == 6
    assert "吊销" in capsys.readouterr().out


def test_members_export_at_the_district(sites, capsys):
    d, v, tmp = sites
    assert main(["--db", str(d), "members", "export", str(tmp / "r.xlsx"), "--village", "DZC"]) == 0
    assert (tmp / "r.xlsx").exists()
    assert main(["--db", str(d), "members", "export", str(tmp / "r.xlsx"), "--village", "NONE"]) == 2
    assert "找不到" in capsys.readouterr().err


def test_setup_village_still_needs_code_and_name_without_an_enrolment(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(tmp_path / "v.db"), "setup", "village", "--code", "X"])
    assert exit_info.value.code == 2
    assert "缺少必需的参数" in capsys.readouterr().err


def test_a_village_not_enrolled_cannot_export(tmp_path, capsys):
    db = tmp_path / "v.db"
    assert main(["--db", str(db), "setup", "village", "--code", "HQ", "--name", "红旗村党支部"]) == 0
    assert main(["--db", str(db), "bundle", "export", "--out", str(tmp_path)]) != 0
    assert "登记文件" in capsys.readouterr().err
