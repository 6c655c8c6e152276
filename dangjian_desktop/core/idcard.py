"""Citizen ID numbers (公民身份号码, GB 11643-1999): check, normalise, read, and make test ones.

An 18-character number is: 6-digit county code at the time of issue, birth date YYYYMMDD,
3-digit sequence (odd = male), check character (ISO 7064 MOD 11-2). County codes are not
checked against a list: counties get renamed and old numbers stay valid.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from dangjian_desktop.errors import ValidationError

FIELD = "id_number"
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARACTERS = "10X98765432"

EXCEL_NUMBER_MESSAGE = "身份证号被 Excel 当作数字保存，末几位已丢失，请把该列设为文本后重新输入"

# "1.10105E+17", "110105194912310000.0": what a number cell turns into once it is text.
_NUMBER_TEXT = re.compile(r"^[0-9]+(\.[0-9]*)?(E[+-]?[0-9]+)?\Z")
_DIGITS_THEN_CHECK = re.compile(r"^[0-9]*[0-9X]\Z")


@dataclass(frozen=True)
class IdInfo:
    birth_date: date
    sex: str  # '男' | '女'
    county_code: str


def check_character(first17: str) -> str:
    """The check character for the first 17 digits."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError(f"check_character needs 17 digits, got {first17!r}")
    total = sum(int(digit) * weight for digit, weight in zip(first17, WEIGHTS))
    return CHECK_CHARACTERS[total % 11]


def _fail(reason: str) -> ValidationError:
    return ValidationError(reason, FIELD)


def _birth_date(yyyymmdd: str) -> date:
    try:
        born = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:]))
    except ValueError:
        raise _fail(f"身份证号中的出生日期 {yyyymmdd} 不是有效日期") from None
    # Numbers were first issued in 1984 to living people; anything before 1800 is a typo.
    if born.year < 1800:
        raise _fail(f"身份证号中的出生日期 {yyyymmdd} 不是有效日期")
    return born


def normalize_id(raw: object) -> str:
    """Return the 18-character upper-case ID for `raw`, or raise ValidationError (field id_number).

    Accepts spaces anywhere (also full-width), full-width digits, a lower-case x and legacy
    15-digit numbers. Rejects numbers (int/float) and number-looking text outright: Excel keeps
    only 15 significant digits, so such a value has lost its tail and must not be guessed.
    """
    if isinstance(raw, bool):
        raise _fail("身份证号格式不对")
    if isinstance(raw, (int, float)):
        # Even a complete 15-digit legacy number only gets here from a number cell; the user
        # has to fix the column anyway, so all numbers get the same message.
        raise _fail(EXCEL_NUMBER_MESSAGE)
    if raw is None:
        raise _fail("身份证号不能为空")
    if not isinstance(raw, str):
        raise _fail("身份证号格式不对")
    text = "".join(unicodedata.normalize("NFKC", raw).split()).upper()
    if text.startswith("'"):  # Excel's "store as text" prefix pasted along with the number
        text = text[1:]
    if not text:
        raise _fail("身份证号不能为空")
    if _NUMBER_TEXT.match(text) and not text.isdigit():
        raise _fail(EXCEL_NUMBER_MESSAGE)
    body, last = text[:-1], text[-1]
    if not _DIGITS_THEN_CHECK.match(text):
        raise _fail(f"身份证号只能由数字组成，最后一位可以是 X：{text}")
    if len(text) == 15:
        if last == "X":
            raise _fail(f"15 位旧身份证号只能由数字组成：{text}")
        _birth_date("19" + text[6:12])
        first17 = text[:6] + "19" + text[6:]
        return first17 + check_character(first17)
    if len(text) != 18:
        raise _fail(f"身份证号应为 18 位（旧证 15 位），现在是 {len(text)} 位：{text}")
    _birth_date(text[6:14])
    expected = check_character(body)
    if last != expected:
        if text.endswith("000"):
            # The tail Excel leaves after rounding to 15 significant digits. A real number can
            # end in 000 too (about 1 in 1100), so only a failing check is blamed on Excel.
            raise _fail(EXCEL_NUMBER_MESSAGE)
        raise _fail(f"身份证号校验位不对：按前 17 位应为 {expected}，实际是 {last}，请核对号码")
    return text


def parse_id(id18: object) -> IdInfo:
    """Birth date, sex and county code of an ID (normalised first, so it may raise)."""
    number = normalize_id(id18)
    return IdInfo(
        birth_date=_birth_date(number[6:14]),
        sex="男" if int(number[16]) % 2 else "女",
        county_code=number[:6],
    )


def make_id(birth: date, sex: str, county: str = "110105", seq: int | None = None) -> str:
    """A valid 18-character ID for test and demo data.

    `seq` is the 3-digit sequence code (0–999). Its parity carries the sex (odd = 男), so a
    `seq` of the other parity is moved to its neighbour (up by one, or 999 → 998): any seq
    gives an ID whose sex is `sex`. Left out, it is 1 for a man and 2 for a woman.
    """
    if sex not in ("男", "女"):
        raise ValueError(f"sex must be '男' or '女', got {sex!r}")
    if len(county) != 6 or not county.isdigit():
        raise ValueError(f"county must be 6 digits, got {county!r}")
    if seq is None:
        seq = 1 if sex == "男" else 2
    if not 0 <= seq <= 999:
        raise ValueError(f"seq must be 0–999, got {seq}")
    if (seq % 2 == 1) != (sex == "男"):
        seq = seq + 1 if seq < 999 else seq - 1
    first17 = f"{county}{birth:%Y%m%d}{seq:03d}"
    return first17 + check_character(first17)
