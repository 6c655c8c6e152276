"""`dangjian print FORM --out FILE.pdf` (issue 4): every form runs with `--out` alone."""

from __future__ import annotations

import pytest

from dangjian_desktop.cli import main
from dangjian_desktop.services.printing import FORMS
from test_pdf_forms import demo_village_path


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return demo_village_path(tmp_path_factory)


@pytest.mark.parametrize("form", list(FORMS))
def test_each_form_prints_with_out_alone(db, tmp_path, capsys, form):
    out = tmp_path / f"{form}.pdf"
    assert main(["--db", str(db), "print", form, "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert f"已生成{FORMS[form].title}" in capsys.readouterr().out


def test_the_options_reach_the_form(db, tmp_path):
    out = tmp_path / "签到.pdf"
    assert main(["--db", str(db), "print", "signin-sheet", "--blank", "--out", str(out)]) == 0
    assert main(["--db", str(db), "print", "publicity", "--period", "2026-Q1", "--days", "7",
                 "--contact", "村党群服务中心", "--out", str(out)]) == 0


@pytest.mark.parametrize("argv, message", [
    (["publicity", "--period", "2026-Q5"], "无法识别的期间"),
    (["member-form", "--member", "查无此人"], "找不到党员"),
    (["meeting-record", "--meeting", "no-such-meeting"], "找不到会议"),
    (["roster", "--blank"], "不使用选项 --blank"),
    (["star-form", "--year", "1999"], "年度应在"),
])
def test_bad_options_exit_non_zero_with_a_chinese_message(db, tmp_path, capsys, argv, message):
    out = tmp_path / "x.pdf"
    assert main(["--db", str(db), "print", *argv, "--out", str(out)]) != 0
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_out_is_required_and_the_help_names_every_form(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["print", "roster"])
    assert exit_info.value.code != 0
    assert "--out" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["print", "--help"])
    help_text = capsys.readouterr().out
    assert all(spec.title in help_text for spec in FORMS.values())


def test_a_meeting_is_named_by_part_of_its_number_and_a_shared_prefix_is_refused(db, tmp_path, capsys):
    """A village's meetings share the first group of their numbers (core/ids.py): that names none of
    them; eight characters from the second group on name one."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        (uuid,) = conn.execute("SELECT uuid FROM meetings WHERE deleted = 0 ORDER BY held_on LIMIT 1").fetchone()
    out = tmp_path / "会议记录.pdf"
    assert main(["--db", str(db), "print", "meeting-record", "--meeting", uuid[:8], "--out", str(out)]) != 0
    assert "不止一个" in capsys.readouterr().err and not out.exists()
    assert main(["--db", str(db), "print", "meeting-record", "--meeting", uuid[9:18], "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
