"""The printed forms (issue 4): what the PDFs say, that their font travels with them, and that
large tables break over pages with their headings repeated and their pages numbered."""

from __future__ import annotations

import math
import re
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from dangjian_desktop.core.idcard import make_id
from dangjian_desktop.core.points import format_points
from dangjian_desktop.errors import DangjianError, ValidationError
from dangjian_desktop.progress import Cancelled, Progress
from dangjian_desktop.services import meetings, members, points, print_forms, printing, stars
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.demo import create_demo_village
from dangjian_desktop.services.setup import setup_village

ID_LIKE = re.compile(r"\d{17}[\dX]")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_DEMO: dict[str, Path] = {}


def demo_village_path(tmp_path_factory) -> Path:
    """A 60-member demo village, built once per test run (shared with test_print_cli)."""
    if "path" not in _DEMO:
        path = tmp_path_factory.mktemp("demo") / "demo.db"
        ctx = Context.open(path)
        create_demo_village(ctx, member_count=60)
        ctx.close()
        _DEMO["path"] = path
    return _DEMO["path"]


@pytest.fixture(scope="session")
def ctx(tmp_path_factory):
    context = Context.open(demo_village_path(tmp_path_factory))
    yield context
    context.close()


@pytest.fixture(scope="session")
def pdfs(ctx, tmp_path_factory) -> dict[str, Path]:
    """Every form with its defaults, plus the variants the tests read."""
    folder = tmp_path_factory.mktemp("pdfs")
    out = {key: printing.print_form(ctx, key, out=folder / f"{key}.pdf") for key in printing.FORMS}
    out["signin-blank"] = printing.print_form(ctx, "signin-sheet", blank=True, out=folder / "signin-blank.pdf")
    out["star-last-year"] = printing.print_form(ctx, "star-form", year=ctx.today.year - 1, out=folder / "star-ly.pdf")
    return out


def page_texts(path: Path, pages: slice = slice(None)) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages[pages]]


def text_of(path: Path) -> str:
    return "\n".join(page_texts(path))


def page_count(path: Path) -> int:
    return len(PdfReader(path).pages)


def fonts_of(path: Path) -> list[tuple[str, object]]:
    """(base font name, font dictionary) of every font a page or a form XObject uses."""
    found, seen = [], set()

    def walk(resources) -> None:
        if isinstance(resources, IndirectObject):
            if resources.idnum in seen:
                return
            seen.add(resources.idnum)
        resources = resources.get_object() if resources is not None else None
        if not resources:
            return
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            found.append((str(font.get("/BaseFont")), font))
        for xobject in (resources.get("/XObject") or {}).values():
            walk(xobject.get_object().get("/Resources"))

    for page in PdfReader(path).pages:
        walk(page.get("/Resources"))
    return found


def roster_members(ctx) -> list[dict]:
    return members.list_members(ctx, roster_only=True)


# -- every form ---------------------------------------------------------------------------------

@pytest.mark.parametrize("key", list(printing.FORMS) + ["signin-blank", "star-last-year"])
def test_every_font_in_every_form_is_embedded(pdfs, key):
    fonts = fonts_of(pdfs[key])
    assert fonts, "no font found"
    for name, font in fonts:
        assert "STSong" not in name and "Helvetica" not in name, name
        descendants = font.get("/DescendantFonts")
        target = descendants[0].get_object() if descendants else font
        descriptor = target["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{name} is not embedded"


@pytest.mark.parametrize("key", list(printing.FORMS))
def test_every_form_has_its_title_org_and_page_numbers(ctx, pdfs, key):
    first = page_texts(pdfs[key], slice(0, 1))[0]
    assert printing.FORMS[key].title.rstrip("表") in first.replace(" ", "")
    assert ctx.org["name"] in first
    assert re.search(r"第 1 页 共 \d+ 页", first)


def test_writing_is_atomic_and_leaves_no_temporary_file(ctx, tmp_path):
    target = tmp_path / "公示.pdf"
    target.write_bytes(b"old")
    with pytest.raises(ValidationError):
        printing.print_form(ctx, "publicity", period="2026-Q5", out=target)
    assert target.read_bytes() == b"old"
    printing.print_form(ctx, "roster", out=target)
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["公示.pdf"]


def test_a_form_refuses_options_it_does_not_take(ctx, tmp_path):
    with pytest.raises(ValidationError, match="--blank"):
        printing.print_form(ctx, "roster", blank=True, out=tmp_path / "x.pdf")
    with pytest.raises(ValidationError, match="没有名为"):
        printing.print_form(ctx, "no-such-form", out=tmp_path / "x.pdf")


# -- 党员积分考评表 ---------------------------------------------------------------------------------

def test_member_form_shows_the_members_total_grade_and_star(ctx, tmp_path):
    score = points.member_scores(ctx)[0]
    path = printing.build_member_form(ctx, member=score.name, out=tmp_path / "one.pdf")
    text = text_of(path)
    assert page_count(path) == 1
    for expected in (score.name, f"{format_points(score.total_x100)} 分", score.grade, "年度总分",
                     "党员本人", "党支部书记签字", "盖章", "第 1 页 共 1 页"):
        assert expected in text, expected
    assert (f"{score.stars} 星" if score.stars else "未达星级") in text


def test_member_form_categories_add_up_to_the_total_of_the_ranking(ctx):
    data = print_forms.member_form_data(ctx)
    ranking = {s.member_uuid: s.total_x100 for s in points.member_scores(ctx)}
    assert len(data.sheets) == len(ranking)
    for sheet in data.sheets:
        assert sheet.total_x100 == ranking[sheet.member_uuid]
        cap = data.bonus_cap_x100
        counted = sum(c.score_x100 for c in sheet.categories) - max(0, sheet.bonus_before_cap_x100 - cap)
        assert counted == sheet.total_x100
        for line in sheet.categories:  # quarters hold what the ledger recorded
            assert sum(line.quarters_x100) == sum(i.recorded_x100 for i in sheet.items if i.category == line.name)


def test_member_form_for_every_member_starts_each_on_a_new_page(ctx, tmp_path):
    progress = Progress()
    path = printing.build_member_form(ctx, all_members=True, out=tmp_path / "all.pdf", progress=progress)
    roster = [m["name"] for m in roster_members(ctx)]
    assert progress.snapshot()[:2] == (len(roster), len(roster))
    assert page_count(path) == len(roster)  # the demo's forms fit one page each
    first, second, last = page_texts(path, slice(0, 2)) + page_texts(path, slice(-1, None))
    assert roster[0] in first and roster[1] in second and roster[-1] in last
    for page in (first, second, last):  # numbered per member
        assert "第 1 页 共 1 页" in page


def test_cancelling_a_batch_leaves_no_file(ctx, tmp_path):
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        printing.build_member_form(ctx, out=tmp_path / "all.pdf", progress=progress)
    assert list(tmp_path.iterdir()) == []


def test_member_form_finds_a_member_by_id_number_and_refuses_a_shared_name(ctx, tmp_path):
    member = roster_members(ctx)[3]
    path = printing.build_member_form(ctx, member=member["id_number"].lower(), out=tmp_path / "id.pdf")
    assert member["name"] in text_of(path)
    with pytest.raises(DangjianError, match="找不到党员"):
        printing.build_member_form(ctx, member="查无此人", out=tmp_path / "none.pdf")


# -- 积分公示表 ------------------------------------------------------------------------------------

def test_publicity_lists_every_member_with_dates_and_where_to_object(ctx, pdfs):
    text = text_of(pdfs["publicity"])
    compact = text.replace(" ", "")
    for name in (m["name"] for m in roster_members(ctx)):
        assert name in text
    start, end = ctx.today, ctx.today + timedelta(days=4)
    assert f"{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日（共5天）" in compact
    assert "如有异议" in text and "书记" in text


def test_publicity_shows_no_id_numbers_phones_or_addresses(ctx, pdfs):
    for page in page_texts(pdfs["publicity"]):
        assert not ID_LIKE.search(page.replace(" ", ""))
        assert not MOBILE.search(page)
    text = text_of(pdfs["publicity"])
    for member in members.list_members(ctx):
        for private in (member["id_number"], member["phone"], member["address"]):
            assert not private or private not in text


def test_publicity_of_a_quarter_not_yet_begun_is_refused(ctx, tmp_path):
    with pytest.raises(ValidationError, match="还没有开始"):
        printing.build_publicity(ctx, period=f"{ctx.today.year + 1}-Q1", out=tmp_path / "p.pdf")


# -- 会议签到表 and 会议记录 --------------------------------------------------------------------------

def test_blank_signin_sheet_lists_everyone_expected_with_an_empty_signature_column(ctx, pdfs):
    text = text_of(pdfs["signin-blank"])
    assert "会前签到" in text and "本人签名" in text
    for name in (m["name"] for m in roster_members(ctx)):
        assert name in text
    assert "出席" not in text


def test_signin_sheet_after_the_meeting_shows_the_recorded_attendance(ctx, pdfs):
    latest = meetings.list_meetings(ctx)[0]
    summary = meetings.meeting_summary(ctx, latest["uuid"])
    text = text_of(pdfs["signin-sheet"])
    assert latest["title"] in text
    assert f"应到 {summary.expected} 人，实到 {summary.present} 人" in text
    assert text.count("出席") >= summary.present


def test_meeting_record_holds_the_meeting_and_its_attendance(ctx, pdfs):
    latest = meetings.list_meetings(ctx)[0]
    text = text_of(pdfs["meeting-record"])
    for expected in (latest["title"], latest["host"], latest["recorder"], latest["place"], "出席人员", "请假人员",
                     "缺席人员", "会议内容", "主持人签字", "记录人签字"):
        assert expected in text, expected


def test_long_meeting_content_flows_over_pages_without_losing_text(ctx, tmp_path):
    path = tmp_path / "long.db"
    with sqlite3.connect(_DEMO["path"]) as source, sqlite3.connect(path) as target:
        source.backup(target)  # this test writes: on a copy
    copy = Context.open(path)
    roster = roster_members(copy)
    paragraphs = [f"第{n}段：" + "认真学习贯彻上级精神，结合本村实际研究部署乡村振兴重点工作。" * 12 for n in range(1, 31)]
    record = {"type_code": "general_meeting", "title": "支部党员大会：" + "审议村级重大事项" * 10,
              "held_on": copy.today, "start_time": "09:00", "end_time": "11:30", "place": "党群服务中心",
              "host": roster[0]["name"], "recorder": roster[1]["name"], "content": "\n".join(paragraphs),
              "decisions": "同意。"}
    changes = meetings.save_meeting(copy, record=record,
                                    attendance=[{"member_uuid": m["uuid"], "status": "出席"} for m in roster])
    out = printing.build_meeting_record(copy, meeting=changes.uuids[0][9:17], out=tmp_path / "long.pdf")
    copy.close()
    texts = page_texts(out)
    assert len(texts) >= 3
    assert "第 1 页 共" in texts[0] and f"第 {len(texts)} 页 共 {len(texts)} 页" in texts[-1]
    flat = "".join(texts).replace("\n", "").replace(" ", "")
    assert "第30段：" in flat and flat.count("研究部署乡村振兴重点工作") == 30 * 12
    assert sum("会议内容" in t for t in texts) >= 2  # the box's heading repeats on the next page


# -- 星级评定表 ------------------------------------------------------------------------------------

def test_star_form_shows_criteria_scores_and_empty_review_columns(ctx, pdfs):
    assessment, _items = stars.get_self_assessment(ctx, year=ctx.today.year - 1)
    text = text_of(pdfs["star-last-year"])
    compact = text.replace(" ", "")
    for item in ctx.criteria.items.values():
        assert item.name.replace(" ", "") in compact
    for veto in ctx.criteria.veto_items:
        assert veto.name.replace(" ", "") in compact
    assert "镇级" in text and "区级" in text and "已提交" in text
    assert f"自评得分：{assessment['score']:g}分" in compact
    assert "★" * assessment["star_level"] in text


# -- 党员花名册 ------------------------------------------------------------------------------------

SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许"
GIVEN = "德明国华建军秀英志强桂兰海燕春梅玉兰"


@pytest.fixture(scope="module")
def roster_300(tmp_path_factory) -> tuple[Path, list[str], list[str]]:
    ctx = Context.open(tmp_path_factory.mktemp("big") / "big.db")
    setup_village(ctx, code="BIG-300", name="三百人村党委", town="示范镇", org_type="村党委")
    names, ids = [], []
    with ctx.store.atomic():
        for n in range(300):
            name = SURNAMES[n % 20] + GIVEN[n // 20 % 15] + GIVEN[n % 15]
            birth = date(1950 + n % 45, n % 12 + 1, n % 28 + 1)
            sex = "男" if n % 3 else "女"
            members.add_member(ctx, record={
                "name": name, "id_number": make_id(birth, sex, county="130184", seq=n % 400 + 1), "sex": sex,
                "birth_date": birth, "ethnicity": "汉族", "education": "高中", "category": "正式党员",
                "joined_on": date(birth.year + 25, 7, 1), "full_on": date(birth.year + 26, 7, 1),
                "phone": f"139{n:08d}", "address": f"示范镇三百人村{n % 9 + 1}组{n % 50 + 1}号"})
            names.append(name)
            ids.append(make_id(birth, sex, county="130184", seq=n % 400 + 1))
    path = printing.build_roster(ctx, out=tmp_path_factory.mktemp("big-pdf") / "roster.pdf")
    ctx.close()
    return path, names, ids


def test_roster_of_300_members_repeats_its_heading_on_every_page(roster_300):
    path, names, ids = roster_300
    texts = page_texts(path)
    n = len(texts)
    # Landscape A4: the title takes room on page 1 only; every one-line row is ROW_HEIGHT tall.
    per_page = [sum(name in t for name in names) for t in texts]
    assert sum(per_page) == 300 and len(set(names)) == 300
    full = per_page[1]
    assert per_page[0] < full and all(k == full for k in per_page[1:-1]) and per_page[-1] <= full
    assert n == 1 + math.ceil((300 - per_page[0]) / full) == 12
    for number, text in enumerate(texts, 1):
        assert "公民身份号码" in text and "家庭住址" in text and "手机号" in text  # one-line headings
        assert f"第 {number} 页 共 {n} 页" in text
    flat = "".join(texts).replace(" ", "")
    assert all(id_number in flat for id_number in ids)  # never broken over two lines


# -- 培训统计表 ------------------------------------------------------------------------------------

def test_training_stats_count_sessions_attendances_and_mark_members_below_the_floor(ctx, pdfs):
    stats = meetings.training_stats(ctx, year=ctx.today.year)
    text = text_of(pdfs["training-stats"]).replace(" ", "")
    assert f"{stats.sessions}期" in text and f"{stats.attendances}人次" in text
    assert text.count("未达标") == len(stats.below_floor) + 2  # each member, the summary and the heading
    assert "32学时" in text and "56学时" in text


def test_printing_imports_no_qt():
    import subprocess
    import sys

    modules = ["dangjian_desktop.services.printing"] + [
        f"dangjian_desktop.reports.pdf.{name}" for name in
        ("fonts", "layout", "tables", "flowables", "member_form", "publicity", "signin_sheet", "meeting_record", "star_form", "roster",
         "training_stats")]
    code = (f"import sys\nfor name in {modules!r}: __import__(name)\n"
            "print(','.join(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
