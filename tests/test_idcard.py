from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangjian_desktop.core.idcard import (
    EXCEL_NUMBER_MESSAGE,
    WEIGHTS,
    IdInfo,
    check_character,
    make_id,
    normalize_id,
    parse_id,
)
from dangjian_desktop.errors import ValidationError

STANDARD_VECTORS = [
    ("11010519491231002X", date(1949, 12, 31), "女"),
    ("440524188001010014", date(1880, 1, 1), "男"),
]


@pytest.mark.parametrize("first17, expected", [
    ("11010519491231002", "X"),
    ("44052418800101001", "4"),
    ("11010519491231000", "3"),
])
def test_check_character(first17, expected):
    assert check_character(first17) == expected


@pytest.mark.parametrize("bad", ["1101051949123100", "1101051949123100X", "１１０１０５１９４９１２３１００２"])
def test_check_character_needs_17_ascii_digits(bad):
    with pytest.raises(ValueError):
        check_character(bad)


@pytest.mark.parametrize("number, born, sex", STANDARD_VECTORS)
def test_standard_vectors_are_valid(number, born, sex):
    assert normalize_id(number) == number


@pytest.mark.parametrize("number, born, sex", STANDARD_VECTORS)
def test_standard_vectors_parse(number, born, sex):
    assert parse_id(number) == IdInfo(birth_date=born, sex=sex, county_code=number[:6])


@pytest.mark.parametrize("raw, expected", [
    ("11010519491231002x", "11010519491231002X"),
    ("  11010519491231002X ", "11010519491231002X"),
    ("110105 19491231 002X", "11010519491231002X"),
    ("\u300011010519491231002X\u3000", "11010519491231002X"),
    ("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X"),
    ("'11010519491231002X", "11010519491231002X"),
    ("110105491231002", "11010519491231002X"),
    ("440524800101001", "440524198001010013"),
])
def test_normalize_accepts(raw, expected):
    assert normalize_id(raw) == expected


@pytest.mark.parametrize("raw, reason", [
    (None, "不能为空"),
    ("", "不能为空"),
    ("   ", "不能为空"),
    ("1101051949123100", "应为 18 位"),
    ("1101051949123100211", "应为 18 位"),
    ("11010519491231002A", "只能由数字组成"),
    ("1101051949X231002X", "只能由数字组成"),
    ("-11010519491231002", "只能由数字组成"),
    ("11010549123100X", "15 位旧身份证号"),
    ("110105194902300020", "不是有效日期"),
    ("110105194913010020", "不是有效日期"),
    ("110105170001010010", "不是有效日期"),
    ("110105491331002", "不是有效日期"),
    ("110105194912310021", "应为 X，实际是 1"),
    (True, "格式不对"),
    (["11010519491231002X"], "格式不对"),
])
def test_normalize_rejects(raw, reason):
    with pytest.raises(ValidationError) as caught:
        normalize_id(raw)
    assert reason in str(caught.value)


@pytest.mark.parametrize("raw", [
    110105194912310000,
    11010519491231002,
    110105491231002,  # even a complete legacy number can only have come from a number cell
    1.10105194912310e17,
    1.10105e17,
    "1.10105E+17",
    "1.10105e+17",
    "110105194912310000",
    "110105194912310000.0",
])
def test_normalize_rejects_excel_numbers(raw):
    with pytest.raises(ValidationError) as caught:
        normalize_id(raw)
    assert str(caught.value) == EXCEL_NUMBER_MESSAGE


def test_problems_name_the_id_field():
    with pytest.raises(ValidationError) as caught:
        normalize_id("123")
    assert [p.field for p in caught.value.problems] == ["id_number"]


def test_unknown_county_code_is_accepted():
    number = make_id(date(1990, 5, 6), "男", county="999999")
    assert parse_id(number).county_code == "999999"


def test_parse_id_accepts_legacy_number():
    assert parse_id("110105491231002") == IdInfo(date(1949, 12, 31), "女", "110105")


@pytest.mark.parametrize("sex, seq", [("男", None), ("女", None), ("男", 123), ("女", 998)])
def test_make_id_round_trips(sex, seq):
    number = make_id(date(1975, 2, 28), sex, county="440524", seq=seq)
    assert parse_id(number) == IdInfo(date(1975, 2, 28), sex, "440524")


@pytest.mark.parametrize("sex, seq, expected", [
    ("男", 2, "003"), ("女", 3, "004"), ("女", 999, "998"), ("男", 0, "001"), ("男", 7, "007"),
])
def test_make_id_moves_seq_to_the_parity_of_sex(sex, seq, expected):
    assert make_id(date(1975, 2, 28), sex, seq=seq)[14:17] == expected


@pytest.mark.parametrize("sex, seq, county", [
    ("男", 1000, "110105"), ("男", -1, "110105"), ("M", 1, "110105"), ("男", 1, "11010"),
])
def test_make_id_rejects_bad_arguments(sex, seq, county):
    with pytest.raises(ValueError):
        make_id(date(1975, 2, 28), sex, county=county, seq=seq)


# ---- properties ------------------------------------------------------------------------------

seventeen_digits = st.text(alphabet="0123456789", min_size=17, max_size=17)


@given(seventeen_digits)
def test_check_character_satisfies_mod_11_2(first17):
    # The standard's own statement: the weighted sum including the check value (X = 10,
    # weight 1) is 1 modulo 11.
    check = check_character(first17)
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS)) + (10 if check == "X" else int(check))
    assert total % 11 == 1


@given(seventeen_digits, st.integers(0, 16), st.integers(1, 9))
def test_any_single_digit_change_changes_the_check_character(first17, position, shift):
    changed = first17[:position] + str((int(first17[position]) + shift) % 10) + first17[position + 1:]
    assert check_character(changed) != check_character(first17)


valid_ids = st.builds(
    lambda county, born, seq: f"{county}{born:%Y%m%d}{seq:03d}",
    st.text(alphabet="0123456789", min_size=6, max_size=6),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2020, 12, 31)),
    st.integers(0, 999),
).map(lambda first17: first17 + check_character(first17))


@given(valid_ids)
def test_any_valid_id_normalises_to_itself(number):
    assert normalize_id(number) == number


@given(valid_ids, st.integers(0, 17), st.integers(1, 9))
def test_changing_any_one_digit_is_rejected(number, position, shift):
    old = number[position]
    if old == "X":
        new = str(shift)
    else:
        new = str((int(old) + shift) % 10)
    with pytest.raises(ValidationError):
        normalize_id(number[:position] + new + number[position + 1:])
