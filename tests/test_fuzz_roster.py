"""The roster importer fuzzed: random bytes, valid .xlsx files with bytes flipped, cut and
inserted, valid zips whose XML parts are mutated, and sheets with arbitrary cell contents.
Each file is imported (good rows) or refused with a Chinese message, never hangs, and a refused
file changes no table; after any import `dangjian check` finds the database sound.

About 200 generated inputs here; bench/fuzz.py runs thousands.
"""

import io
import zipfile
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

import fuzz_inputs as fz
from dangjian_desktop.core.idcard import make_id
from dangjian_desktop.errors import ValidationError
from dangjian_desktop.reports.excel_roster import read_roster, write_roster
from dangjian_desktop.services import members
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.maintenance import check_database
from dangjian_desktop.services.setup import setup_village

TODAY = date(2026, 11, 27)
FAST = settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def village_db(tmp_path_factory):
    ctx = Context.open(tmp_path_factory.mktemp("fuzz_roster") / "village.db", actor="测试")
    ctx.today = TODAY
    setup_village(ctx, code="FUZZ", name="模糊测试村党支部")
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def valid_xlsx(tmp_path_factory):
    people = [{"name": f"党员{n}", "id_number": make_id(date(1970, 1, 1 + n), "男", seq=11 + 2 * n),
               "sex": "男", "category": "正式党员", "joined_on": "2000-07-01", "full_on": "2001-07-01"} for n in range(5)]
    return write_roster(tmp_path_factory.mktemp("valid") / "roster.xlsx", people, title="花名册").read_bytes()


def _counts(ctx) -> dict:
    conn = ctx.store.conn
    return {t: conn.execute(f"SELECT COUNT(*) FROM [{t}]").fetchone()[0]
            for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()}


def _import(ctx, data: bytes, tmp_path_factory) -> str:
    """Import the bytes as a roster file: 'refused' (nothing written) or 'imported'."""
    path = tmp_path_factory.mktemp("in") / "roster.xlsx"
    path.write_bytes(data)
    before = _counts(ctx)
    with fz.bounded():
        try:
            report = members.import_roster(ctx, path=path)
        except ValidationError as exc:
            assert fz.chinese(str(exc)), str(exc)
            assert _counts(ctx) == before
            return "refused"
    assert all(fz.chinese(problem.reason) for problem in report.rejected), report.rejected
    if not report.added and not report.updated:
        assert {k: v for k, v in _counts(ctx).items() if k != "audit_log"} == {
            k: v for k, v in before.items() if k != "audit_log"}
    assert check_database(ctx) == []
    return "imported"


def test_the_valid_file_imports(village_db, valid_xlsx, tmp_path_factory):
    assert _import(village_db, valid_xlsx, tmp_path_factory) == "imported"


@FAST
@given(data=st.binary(max_size=4096))
def test_random_bytes_are_refused(village_db, data, tmp_path_factory):
    assert _import(village_db, data, tmp_path_factory) == "refused"


@FAST
@given(steps=st.lists(fz.mutations, min_size=1, max_size=3))
def test_a_mutated_file_is_imported_or_refused(village_db, valid_xlsx, steps, tmp_path_factory):
    _import(village_db, fz.mutate_many(valid_xlsx, steps), tmp_path_factory)


@FAST
@given(part=st.sampled_from(["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml",
                             "[Content_Types].xml", "xl/styles.xml", "xl/_rels/workbook.xml.rels"]),
       steps=st.lists(fz.mutations, min_size=1, max_size=3))
def test_a_valid_zip_with_a_mutated_part_is_imported_or_refused(village_db, valid_xlsx, part, steps, tmp_path_factory):
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(valid_xlsx)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            out.writestr(info.filename, fz.mutate_many(data, steps) if info.filename == part else data)
    _import(village_db, buffer.getvalue(), tmp_path_factory)


@FAST
@given(header=st.lists(st.one_of(st.sampled_from(fz.HEADERS), fz.cell_values), min_size=2, max_size=12),
       rows=st.lists(st.lists(fz.cell_values, max_size=12), max_size=8), use_real_header=st.booleans())
def test_arbitrary_cells_are_imported_or_refused(village_db, header, rows, use_real_header, tmp_path_factory):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([fz.clean_cell(v) for v in (fz.HEADERS if use_real_header else header)])
    for row in rows:
        try:
            sheet.append([fz.clean_cell(v) for v in row])
        except ValueError:  # a value openpyxl itself cannot store: not a file anyone can send
            continue
    buffer = io.BytesIO()
    try:
        workbook.save(buffer)
    except (ValueError, TypeError, OverflowError):
        return
    _import(village_db, buffer.getvalue(), tmp_path_factory)


def test_an_xml_entity_bomb_is_refused_quickly(village_db, valid_xlsx, tmp_path_factory):
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lololololololololol">'
              + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
              + ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
              '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(valid_xlsx)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info.filename, laughs if info.filename == "xl/worksheets/sheet1.xml" else source.read(info))
    assert _import(village_db, buffer.getvalue(), tmp_path_factory) == "refused"


def test_a_zip_that_expands_enormously_is_refused(village_db, tmp_path_factory):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("[Content_Types].xml", b"<Types/>")
        with out.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b" " * (1 << 20)
            for _ in range(260):  # 260 MB of spaces, a few hundred KB compressed
                member.write(block)
    assert _import(village_db, buffer.getvalue(), tmp_path_factory) == "refused"


def test_read_roster_alone_never_raises_other_errors(valid_xlsx, tmp_path):
    path = tmp_path / "cut.xlsx"
    for cut in range(0, len(valid_xlsx), max(1, len(valid_xlsx) // 40)):
        path.write_bytes(valid_xlsx[:cut])
        with pytest.raises(ValidationError):
            read_roster(path, today=TODAY)
