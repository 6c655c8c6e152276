import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from dangjian_desktop.core.idcard import make_id
from dangjian_desktop.core.members import ROSTER_COLUMNS, clean_member
from dangjian_desktop.errors import ValidationError
from dangjian_desktop.reports import excel_roster
from dangjian_desktop.reports.excel_roster import read_roster, write_roster
from roster_fixtures import EXPECTED_GOOD, EXPECTED_REJECTED, TODAY, make_messy_roster

ID_A = make_id(date(1965, 3, 12), "男", seq=11)
ID_B = make_id(date(1980, 10, 1), "女", seq=2)
ID_X = make_id(date(1965, 3, 12), "男", seq=3)  # ends in X
ID_C = make_id(date(1965, 3, 12), "女", seq=12)


def write_sheet(path, rows, *, merges=()):
    """A workbook whose first sheet holds `rows` from A1 down; returns path."""
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    for merge in merges:
        sheet.merge_cells(merge)
    workbook.save(path)
    return path


def simple_row(name="张三", id_number=ID_A):
    return [name, id_number, "正式党员", "1990-07-01", "1991-07-01"]


SIMPLE_HEADER = ["姓名", "公民身份号码", "人员类别", "加入党组织日期", "转为正式党员日期"]


# ---- the messy roster ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def messy(tmp_path_factory):
    path = tmp_path_factory.mktemp("roster") / "花名册.xlsx"
    expected = make_messy_roster(path)
    return expected, read_roster(path, today=expected["today"])


def test_messy_header_is_found_below_the_title_rows(messy):
    expected, result = messy
    assert (result.sheet, result.header_row) == (expected["sheet"], expected["header_row"])


def test_messy_good_rows_are_exactly_the_expected_ones(messy):
    _, result = messy
    assert [row for row, _ in result.rows] == sorted(EXPECTED_GOOD)


def test_messy_rejected_rows_are_exactly_the_expected_ones(messy):
    _, result = messy
    assert result.rejected_rows == set(EXPECTED_REJECTED)


@pytest.mark.parametrize("row", sorted(EXPECTED_GOOD))
def test_messy_good_row_values(messy, row):
    _, result = messy
    cleaned = dict(result.rows)[row]
    assert {key: cleaned[key] for key in EXPECTED_GOOD[row]} == EXPECTED_GOOD[row]


@pytest.mark.parametrize("row", sorted(EXPECTED_REJECTED))
def test_messy_rejected_row_reason(messy, row):
    _, result = messy
    field, column, words = EXPECTED_REJECTED[row]
    found = [p for p in result.problems if p.row == row]
    assert any(p.field == field and p.column == column and words in p.reason for p in found), found


@pytest.mark.parametrize("row", sorted(EXPECTED_REJECTED))
def test_messy_rejected_row_has_only_its_own_problem(messy, row):
    _, result = messy
    assert len([p for p in result.problems if p.row == row]) == 1


def test_messy_problems_only_name_rejected_rows(messy):
    _, result = messy
    assert {p.row for p in result.problems} == result.rejected_rows


def test_messy_unknown_columns_are_listed(messy):
    expected, result = messy
    assert result.ignored_columns == expected["ignored_columns"]


# ---- header detection ------------------------------------------------------------------------

@pytest.mark.parametrize("header, key, cell, expected", [
    ("身份证号", "id_number", ID_B, ID_B),
    ("身份证号码", "id_number", ID_B, ID_B),
    ("公民身份号码（18位）", "id_number", ID_B, ID_B),
    ("出生年月", "birth_date", "1980.10.01", "1980-10-01"),
    ("出 生 日 期", "birth_date", "1980.10.01", "1980-10-01"),
    ("*出生日期", "birth_date", "1980.10.01", "1980-10-01"),
    ("手机", "phone", "13800138000", "13800138000"),
    ("手机号码", "phone", "13800138000", "13800138000"),
    ("联系电话", "phone", "13800138000", "13800138000"),
    ("学历", "education", "本科", "大学本科"),
    ("文化程度", "education", "本科", "大学本科"),
    ("民族", "ethnicity", "汉", "汉族"),
    ("党内职务", "party_post", "组织委员", "组织委员"),
    ("党费标准（元/月）", "dues_standard", "0.5", 0.5),
    ("党员分类", "member_class", "年老体弱", "年老体弱"),
])
def test_header_variants(tmp_path, header, key, cell, expected):
    header_row = ["姓名", "人员类别", "入党时间", "转正时间", header]
    if key != "id_number":
        header_row.append("公民身份号码")
    data = ["李芳", "正式党员", "2005-06-30", "2006-07-01", cell, ID_B]
    path = write_sheet(tmp_path / "r.xlsx", [header_row, data[:len(header_row)]])
    result = read_roster(path, today=TODAY)
    assert result.rows[0][1][key] == expected, result.problems


@pytest.mark.parametrize("header", ["人员类别", "党员类别(正式/预备)", "党员类别（正式/预备）", "党员类别"])
def test_category_header_variants(tmp_path, header):
    rows = [["姓名", "身份证号", header, "入党时间", "转正时间"], simple_row()]
    result = read_roster(write_sheet(tmp_path / "r.xlsx", rows), today=TODAY)
    assert result.rows[0][1]["category"] == "正式党员"


def test_党员类别_beside_人员类别_is_the_points_class(tmp_path):
    rows = [["姓名", "党员类别", "身份证号", "人员类别", "入党时间", "转正时间"],
            ["张三", "村组干部", ID_A, "正式党员", "1990-07-01", "1991-07-01"]]
    member = read_roster(write_sheet(tmp_path / "r.xlsx", rows), today=TODAY).rows[0][1]
    assert (member["category"], member["member_class"]) == ("正式党员", "村组干部")


def test_two_row_header_with_merged_cells(tmp_path):
    rows = [["花名册"], SIMPLE_HEADER + ["是否为流动党员", None],
            [None] * 5 + ["是否", "外出流向"], simple_row() + ["是", "浙江省杭州市"]]
    merges = ["A1:G1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3", "F2:G2"]
    result = read_roster(write_sheet(tmp_path / "r.xlsx", rows, merges=merges), today=TODAY)
    assert [row for row, _ in result.rows] == [4]


def test_header_is_searched_on_every_sheet(tmp_path):
    workbook = Workbook()
    workbook.active.append(["目录", "说明"])
    roster = workbook.create_sheet("党员")
    roster.append(SIMPLE_HEADER)
    roster.append(simple_row())
    workbook.save(tmp_path / "r.xlsx")
    assert read_roster(tmp_path / "r.xlsx", today=TODAY).sheet == "党员"


def test_missing_id_column_rejects_the_file(tmp_path):
    path = write_sheet(tmp_path / "r.xlsx", [["姓名", "性别", "民族"], ["张三", "男", "汉"]])
    with pytest.raises(ValidationError, match="找不到花名册表头"):
        read_roster(path, today=TODAY)


# ---- rows ------------------------------------------------------------------------------------

@pytest.mark.parametrize("cell", [110105196503120000, 1.10105196503e17, "1.10105E+17"])
def test_id_stored_as_a_number_is_rejected(tmp_path, cell):
    rows = [SIMPLE_HEADER, simple_row(id_number=cell)]
    result = read_roster(write_sheet(tmp_path / "r.xlsx", rows), today=TODAY)
    assert "Excel 当作数字" in result.problems[0].reason


def test_duplicate_id_rejects_the_later_row_only(tmp_path):
    rows = [SIMPLE_HEADER, simple_row("张三"), simple_row("李四"), simple_row("王五")]
    result = read_roster(write_sheet(tmp_path / "r.xlsx", rows), today=TODAY)
    assert ([row for row, _ in result.rows], result.rejected_rows) == ([2], {3, 4})


def test_duplicate_id_names_the_earlier_row(tmp_path):
    rows = [SIMPLE_HEADER, simple_row("张三"), simple_row("李四")]
    result = read_roster(write_sheet(tmp_path / "r.xlsx", rows), today=TODAY)
    assert "第 2 行" in result.problems[0].reason


def test_duplicate_id_spelt_differently_is_still_a_duplicate(tmp_path):
    rows = [SIMPLE_HEADER, simple_row(id_number=ID_X), simple_row(id_number=ID_X.lower())]
    result = read_roster(write_sheet(tmp_path / "r.xlsx", rows), today=TODAY)
    assert result.rejected_rows == {3}


def test_template_rows_with_only_a_serial_number_are_skipped(tmp_path):
    rows = [["序号", *SIMPLE_HEADER], [1, *simple_row()], [2], [3], [4]]
    result = read_roster(write_sheet(tmp_path / "r.xlsx", rows), today=TODAY)
    assert (len(result.rows), result.rejected_rows) == (1, set())


def test_vertically_merged_branch_fills_each_row(tmp_path):
    rows = [["所在党支部", *SIMPLE_HEADER], ["一支部", *simple_row()],
            [None, *simple_row("李芳", ID_C)]]
    path = write_sheet(tmp_path / "r.xlsx", rows, merges=["A2:A3"])
    result = read_roster(path, today=TODAY)
    assert [m["branch_name"] for _, m in result.rows] == ["一支部", "一支部"]


@pytest.mark.parametrize("marker", ["合计", "总计", "说明：身份证号请设为文本", "注：本表一式两份", "填表人：李四"])
def test_reading_stops_at_a_tail_row(tmp_path, marker):
    rows = [SIMPLE_HEADER, simple_row(), [marker], ["赵六", "not an id"]]
    result = read_roster(write_sheet(tmp_path / "r.xlsx", rows), today=TODAY)
    assert ([row for row, _ in result.rows], result.rejected_rows) == ([2], set())


def test_real_date_cells_are_read(tmp_path):
    row = ["张三", ID_A, "正式党员", datetime(1990, 7, 1), date(1991, 7, 1)]
    result = read_roster(write_sheet(tmp_path / "r.xlsx", [SIMPLE_HEADER, row]), today=TODAY)
    assert (result.rows[0][1]["joined_on"], result.rows[0][1]["full_on"]) == ("1990-07-01", "1991-07-01")


# ---- bounds and bad files --------------------------------------------------------------------

def test_file_over_20_mb_is_refused(tmp_path):
    path = tmp_path / "big.xlsx"
    with open(path, "wb") as handle:
        handle.truncate(20 * 1024 * 1024 + 1)
    with pytest.raises(ValidationError, match="不能超过 20 MB"):
        read_roster(path, today=TODAY)


def test_too_many_rows_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(excel_roster, "MAX_ROWS", 3)
    rows = [SIMPLE_HEADER] + [simple_row(f"党员{i}", make_id(date(1965, 3, 12), "男", seq=2 * i + 1))
                              for i in range(4)]
    with pytest.raises(ValidationError, match="超过 3 行"):
        read_roster(write_sheet(tmp_path / "r.xlsx", rows), today=TODAY)


@pytest.mark.parametrize("content", [b"", b"name,id\n", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600])
def test_not_an_xlsx_is_refused(tmp_path, content):
    path = tmp_path / "r.xlsx"
    path.write_bytes(content)
    with pytest.raises(ValidationError, match="不是有效的 Excel 文件（.xlsx）"):
        read_roster(path, today=TODAY)


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path):
    import zipfile

    path = tmp_path / "r.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(ValidationError, match="不是有效的 Excel 文件"):
        read_roster(path, today=TODAY)


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(ValidationError, match="无法读取文件"):
        read_roster(tmp_path / "nothing.xlsx", today=TODAY)


# ---- writing ---------------------------------------------------------------------------------

def sample_members() -> list[dict]:
    raws = [
        {"name": "张三", "branch_name": "红旗村党支部", "id_number": ID_X, "ethnicity": "汉族",
         "education": "高中", "category": "正式党员", "joined_on": "1990-07-01",
         "full_on": "1991-07-01", "job": "农民", "phone": "13800138000",
         "landline": "0755-88886666", "address": "红旗村3组", "party_post": "书记",
         "group_name": "第一党小组", "member_class": "村组干部", "dues_standard": 0.5,
         "dues_paid_until": "2024-05", "note": "=1+1"},
        {"name": "李芳", "id_number": ID_B, "category": "预备党员", "joined_on": "2023-07-01",
         "flowing": "是", "flow_to": "浙江省杭州市", "lost_contact": "是",
         "lost_contact_on": "2024-01-01", "standing": "停止党籍"},
    ]
    return [clean_member(raw, today=TODAY) for raw in raws]


@pytest.fixture
def written(tmp_path):
    path = write_roster(tmp_path / "out.xlsx", sample_members(), title="红旗村党支部党员花名册")
    return path, load_workbook(path).active


def test_round_trip_gives_back_the_same_members(written):
    path, _ = written
    result = read_roster(path, today=TODAY)
    assert ([m for _, m in result.rows], result.problems) == (sample_members(), [])


def test_written_title_is_merged_over_the_header(written):
    _, sheet = written
    last = sheet.cell(2, len(ROSTER_COLUMNS) + 1).column_letter
    assert (sheet["A1"].value, [str(r) for r in sheet.merged_cells.ranges]) == (
        "红旗村党支部党员花名册", [f"A1:{last}1"])


def test_written_header_starts_with_serial_then_national_order(written):
    _, sheet = written
    headers = [cell.value for cell in sheet[2]]
    assert headers == ["序号", *(header for _, header in ROSTER_COLUMNS)]


def test_written_header_is_bold_and_filled(written):
    _, sheet = written
    assert (sheet["B2"].font.b, sheet["B2"].fill.fill_type) == (True, "solid")


@pytest.mark.parametrize("header", ["公民身份号码", "手机号", "固定电话"])
def test_written_codes_are_text_cells(written, header):
    _, sheet = written
    col = [cell.value for cell in sheet[2]].index(header) + 1
    cell = sheet.cell(3, col)
    assert (cell.data_type, cell.number_format, type(cell.value)) == ("s", "@", str)


def test_written_dates_are_real_dates(written):
    _, sheet = written
    col = [cell.value for cell in sheet[2]].index("加入党组织日期") + 1
    cell = sheet.cell(3, col)
    assert (cell.value, cell.number_format) == (datetime(1990, 7, 1), "yyyy-mm-dd")


@pytest.mark.parametrize("header, row, expected", [
    ("是否为流动党员", 3, "否"), ("是否为流动党员", 4, "是"), ("是否为失联党员", 4, "是"),
])
def test_written_flags_are_是_or_否(written, header, row, expected):
    _, sheet = written
    col = [cell.value for cell in sheet[2]].index(header) + 1
    assert sheet.cell(row, col).value == expected


def test_written_formula_like_text_stays_text(written):
    _, sheet = written
    col = [cell.value for cell in sheet[2]].index("备注") + 1
    assert (sheet.cell(3, col).value, sheet.cell(3, col).data_type) == ("=1+1", "s")


def test_written_header_is_frozen(written):
    _, sheet = written
    assert sheet.freeze_panes == "C3"


def test_written_id_column_is_wide_enough(written):
    _, sheet = written
    assert sheet.column_dimensions["D"].width >= 20


def test_writing_replaces_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    write_roster(target, sample_members(), title="花名册")
    assert ([p.name for p in tmp_path.iterdir()], load_workbook(target).active["A1"].value) == (
        ["out.xlsx"], "花名册")


@st.composite
def roster_members(draw):
    """A valid on-roster member: born 1930–2000, joined at 18+, full a year later or probation."""
    born = draw(st.dates(min_value=date(1930, 1, 1), max_value=date(2000, 12, 31)))
    sex = draw(st.sampled_from(["男", "女"]))
    seq = draw(st.integers(0, 499)) * 2 + (1 if sex == "男" else 0)
    joined = born.replace(year=born.year + 18) if (born.month, born.day) != (2, 29) else \
        date(born.year + 18, 3, 1)
    joined += timedelta(days=draw(st.integers(0, min(3000, (TODAY - joined).days))))
    full = draw(st.booleans()) and joined + timedelta(days=365) < TODAY
    raw = {
        "name": draw(st.text(alphabet="张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗", min_size=2, max_size=4)),
        "id_number": make_id(born, sex, seq=seq),
        "category": "正式党员" if full else "预备党员",
        "joined_on": joined.isoformat(),
        "full_on": (joined + timedelta(days=365)).isoformat() if full else None,
        "phone": draw(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)),
        "flowing": draw(st.booleans()),
        "dues_standard": draw(st.sampled_from([None, 0.2, 0.5, 1.0, 12.35])),
        "note": draw(st.sampled_from([None, "=SUM(A1)", "老党员", "-1"])),
    }
    return clean_member(raw, today=TODAY)


@settings(max_examples=25, deadline=None)
@given(st.lists(roster_members(), min_size=1, max_size=5,
                unique_by=lambda m: m["id_number"]))
def test_any_valid_roster_round_trips(members):
    with tempfile.TemporaryDirectory() as folder:
        path = write_roster(Path(folder) / "r.xlsx", members, title="花名册")
        result = read_roster(path, today=TODAY)
    assert [m for _, m in result.rows] == members
