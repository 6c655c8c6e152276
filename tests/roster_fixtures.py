"""A roster as villages really send it: title rows, merged cells, dates typed every which way,
IDs Excel has mangled. `make_messy_roster` writes it and says what reading it must give."""

from __future__ import annotations

from datetime import date, datetime

from openpyxl import Workbook

from dangjian_desktop.core.idcard import make_id

TODAY = date(2024, 6, 1)
BRANCH = "红旗村党支部"

HEADERS = ["序号", "姓名", "所在党支部", "身份证号码", "性别", "民族", "出生年月", "文化程度",
           "党员类别(正式/预备)", "入党时间", "转正时间", "工作岗位", "联系电话", "家庭住址",
           "党籍状态", "是否为流动党员", "外出流向", "党内职务", "备注", "照片"]

ZHANG = make_id(date(1965, 3, 12), "男", seq=11)
LI = make_id(date(1965, 3, 12), "女", seq=22)
WANG = make_id(date(1965, 3, 12), "男", seq=3)  # ends in X: written lower-case below
ZHAO = make_id(date(1970, 1, 5), "男", seq=31)
QIAN = make_id(date(1971, 2, 6), "女", seq=42)
SUN = make_id(date(1965, 3, 12), "男", seq=51)
ZHOU = make_id(date(1972, 4, 8), "男", seq=61)
WU = make_id(date(1950, 8, 1), "男", seq=15)
FENG = make_id(date(1965, 3, 12), "女", seq=72)
CHEN = make_id(date(1980, 10, 1), "女", seq=82)
NO_NAME = make_id(date(1965, 6, 6), "男", seq=91)


def _wrong_check(id18: str) -> str:
    last = "0" if id18[-1] != "0" else "1"
    return id18[:-1] + last


def _row(name, id_number, sex, birth, joined=datetime(1990, 7, 1), full="1991.07.01", **extra):
    values = {"姓名": name, "身份证号码": id_number, "性别": sex, "民族": "汉",
              "出生年月": birth, "文化程度": "高中", "党员类别(正式/预备)": "正式党员",
              "入党时间": joined, "转正时间": full, "工作岗位": "农民", "党籍状态": "正常",
              "是否为流动党员": "否"}
    values.update(extra)
    return values


# row number → cells (by header); None is a fully blank row.
ROWS = {
    4: _row("张三", ZHANG, "男", datetime(1965, 3, 12), 联系电话="138 0013 8000",
            所在党支部=BRANCH, 党内职务="书记"),
    5: _row("李芳", LI, "女", "1965.03.12"),
    6: _row("王  强", WANG.lower(), "男", "1965年3月12日"),
    7: _row("赵六", int(ZHAO[:15] + "000"), "男", "1970-01-05"),
    8: _row("钱七", _wrong_check(QIAN), "女", "1971-02-06"),
    9: _row("孙八", SUN, "男", "1966-03-12"),
    10: _row("周九", ZHOU, "女", "1972-04-08"),
    11: None,
    12: _row("吴十", WU[:6] + WU[8:17], "男", "1950/8/1", joined="1975-07-01", full="19760701"),
    13: _row("郑十一", ZHANG, "男", "1965-03-12"),
    14: _row("冯十二", FENG, "女", "1965-03-12", joined="1960-01-01", full="1961-01-01"),
    15: _row("", NO_NAME, "男", "1965-06-06"),
    16: _row("陈十三", CHEN, "", None, joined="2005-06-30", full="2006-07-01",
             是否为流动党员="是", 外出流向="广东省深圳市"),
}

EXPECTED_GOOD = {
    4: {"name": "张三", "id_number": ZHANG, "birth_date": "1965-03-12", "sex": "男",
        "branch_name": BRANCH, "phone": "13800138000", "party_post": "书记",
        "joined_on": "1990-07-01", "full_on": "1991-07-01", "ethnicity": "汉族"},
    5: {"name": "李芳", "id_number": LI, "birth_date": "1965-03-12", "branch_name": BRANCH},
    6: {"name": "王强", "id_number": WANG, "birth_date": "1965-03-12", "branch_name": BRANCH},
    12: {"name": "吴十", "id_number": WU, "birth_date": "1950-08-01", "full_on": "1976-07-01"},
    16: {"name": "陈十三", "id_number": CHEN, "birth_date": "1980-10-01", "sex": "女",
         "flowing": 1, "flow_to": "广东省深圳市"},
}

# row → (field, column header in the file, words the reason must contain)
EXPECTED_REJECTED = {
    7: ("id_number", "身份证号码", "Excel 当作数字"),
    8: ("id_number", "身份证号码", f"应为 {QIAN[-1]}"),
    9: ("birth_date", "出生年月", "1965-03-12"),
    10: ("sex", "性别", "男"),
    13: ("id_number", "身份证号码", "第 4 行"),
    14: ("joined_on", "入党时间", "出生日期"),
    15: ("name", "姓名", "姓名不能为空"),
}


def make_messy_roster(path) -> dict:
    """Write the messy roster to `path`; return what `read_roster(path, today=TODAY)` must give."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "花名册"
    last_col = len(HEADERS)
    sheet.cell(1, 1, f"{BRANCH}党员花名册")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last_col)
    sheet.cell(2, 1, f"填报单位（盖章）：{BRANCH}")
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=10)
    sheet.cell(2, 11, "填报日期：2024年5月")
    sheet.merge_cells(start_row=2, start_column=11, end_row=2, end_column=last_col)
    for col, header in enumerate(HEADERS, start=1):
        sheet.cell(3, col, header)
    serial = 0
    for row, values in ROWS.items():
        if values is None:
            continue
        serial += 1
        sheet.cell(row, 1, serial)
        for header, value in values.items():
            sheet.cell(row, HEADERS.index(header) + 1, value)
    # One 所在党支部 cell for the first three members, as people merge it by hand.
    branch_col = HEADERS.index("所在党支部") + 1
    sheet.merge_cells(start_row=4, start_column=branch_col, end_row=6, end_column=branch_col)
    sheet.cell(17, 1, "合计")
    sheet.cell(17, 2, f"共 {serial} 人")
    sheet.cell(18, 1, "说明：本表由支部组织委员填写，身份证号请设为文本格式。")
    sheet.cell(19, 2, "不该被读到")  # below the tail marker, so never read
    workbook.save(path)
    return {
        "today": TODAY,
        "sheet": "花名册",
        "header_row": 3,
        "good": EXPECTED_GOOD,
        "rejected": EXPECTED_REJECTED,
        "ignored_columns": ["照片"],
    }
