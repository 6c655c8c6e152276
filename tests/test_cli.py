"""The command line: Chinese messages, exit codes, and the database untouched on bad input."""

import subprocess
import sys

import pytest

from dangjian_desktop.cli import main
from roster_fixtures import make_messy_roster


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.db"
    assert main(["--db", str(path), "setup", "village", "--code", "HQ", "--name", "红旗村党支部"]) == 0
    return path


def test_help_is_in_chinese():
    result = subprocess.run([sys.executable, "-m", "dangjian_desktop", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "用法" in result.stdout and "子命令" in result.stdout and "显示帮助" in result.stdout


def test_a_missing_argument_is_reported_in_chinese(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["setup", "village", "--code", "X"])
    assert exit_info.value.code == 2
    assert "缺少必需的参数" in capsys.readouterr().err


def test_setup_refuses_an_existing_village(db, capsys):
    assert main(["--db", str(db), "setup", "village", "--code", "X", "--name", "西庄村"]) == 2
    assert "已经是" in capsys.readouterr().err


def test_setup_rejects_a_bad_code(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "x.db"), "setup", "village", "--code", "东:庄", "--name", "东庄村"]) == 2
    assert "村代码" in capsys.readouterr().err


def test_commands_need_a_database(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "none.db"), "members", "list"]) == 2
    assert "数据库不存在" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()


def test_import_with_rejected_rows_exits_3_and_names_each_row(db, tmp_path, capsys):
    make_messy_roster(tmp_path / "messy.xlsx")
    assert main(["--db", str(db), "members", "import", str(tmp_path / "messy.xlsx")]) == 3
    out = capsys.readouterr().out
    assert "拒绝 第 7 行" in out and "Excel 当作数字" in out


def test_a_clean_import_exits_0_and_export_round_trips(db, tmp_path, capsys):
    make_messy_roster(tmp_path / "messy.xlsx")
    main(["--db", str(db), "members", "import", str(tmp_path / "messy.xlsx")])
    assert main(["--db", str(db), "members", "export", str(tmp_path / "out.xlsx")]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "members", "import", str(tmp_path / "out.xlsx")]) == 0
    assert "拒绝 0 行" in capsys.readouterr().out


def test_points_record_and_totals(db, tmp_path, capsys):
    make_messy_roster(tmp_path / "messy.xlsx")
    main(["--db", str(db), "members", "import", str(tmp_path / "messy.xlsx")])
    assert main(["--db", str(db), "points", "record", "volunteer_service", "--member", "张三",
                 "--date", "2024-05-01"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "points", "totals", "--period", "2024"]) == 0
    assert "张三" in capsys.readouterr().out
    assert main(["--db", str(db), "points", "totals", "--period", "2024-Q5"]) == 2


def test_check_passes_and_backup_writes_a_copy(db, tmp_path, capsys):
    assert main(["--db", str(db), "check"]) == 0
    assert main(["--db", str(db), "backup", "--out", str(tmp_path / "copy.db")]) == 0
    assert (tmp_path / "copy.db").stat().st_size > 0
    assert main(["--db", str(tmp_path / "copy.db"), "check"]) == 0


def test_check_fails_on_a_damaged_file(db, tmp_path, capsys):
    damaged = tmp_path / "damaged.db"
    data = bytearray(db.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    damaged.write_bytes(bytes(data))
    assert main(["--db", str(damaged), "check"]) != 0
    assert "错误" in capsys.readouterr().err
