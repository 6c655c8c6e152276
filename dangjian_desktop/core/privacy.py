"""Masking of personal numbers (ID numbers, phone numbers) for screens, exports and forms.

`mask_id_number` keeps the first 6 and the last 4 characters (330102********1234), `mask_phone`
the first 3 and the last 4 (138****5678). Both are total: None, empty, short or odd text never
raises, and masking a masked value gives the same value (so masking twice is harmless).
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

MASK = "*"

#: The member fields that hold personal numbers, and how each is masked.
PERSONAL_FIELDS = ("id_number", "phone", "landline")


def _mask(value: str | None, head: int, tail: int) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return text
    if len(text) < head + tail + 4:  # too short to keep that much and still hide something: keep a quarter each side
        head = tail = len(text) // 4
    hidden = len(text) - head - tail
    return text[:head] + MASK * hidden + (text[len(text) - tail:] if tail else "")


def mask_id_number(value: str | None) -> str | None:
    """330102199001011234 → 330102********1234."""
    return _mask(value, 6, 4)


def mask_phone(value: str | None) -> str | None:
    """13812345678 → 138****5678 (a landline the same way: first 3, last 4)."""
    return _mask(value, 3, 4)


_MASKERS = {"id_number": mask_id_number, "phone": mask_phone, "landline": mask_phone}


def is_masked(value: str | None) -> bool:
    return bool(value) and MASK in str(value)


def mask_member(row: dict) -> dict:
    """A copy of a member row with its personal numbers masked."""
    out = dict(row)
    for key, masker in _MASKERS.items():
        if key in out:
            out[key] = masker(out[key])
    return out


def mask_fields(record: dict | None) -> dict | None:
    """The same as `mask_member` for any record that may hold member fields (an audit entry's before/after)."""
    return None if record is None else mask_member(record)


def unmasked_or_current(changes: dict, current: dict) -> dict:
    """`changes` without the personal fields that are still the mask of what is stored: a form
    filled from a masked record sends the mask back, and it must never replace the real number."""
    out = dict(changes)
    for key, masker in _MASKERS.items():
        value = out.get(key)
        if is_masked(value) and str(value).strip() == masker(current.get(key)):
            del out[key]
    return out


# -- finding personal numbers in a table about to be exported -----------------------------------------
# Full or masked: a masked roster still lists whose numbers they are.
_ID = r"\d{6}(?:\d{8}|\*{8})\d{3}[\dXx]|\d{6}(?:\d{5}|\*{5})\d{4}"
_MASKED_ID = r"\d{6}\*+\d{3}[\dXx]"
_MOBILE = r"(?:\+?86)?1[3-9](?:\d{9}|\d\*{4}\d{4})"
_PERSONAL_TEXT = re.compile(rf"(?<![\dA-Za-z*])(?:(?P<id>{_ID}|{_MASKED_ID})|(?P<mobile>{_MOBILE}))(?![\dA-Za-z*])")
#: Column headers that name a personal number (Chinese and English, as the tables show them).
_PERSONAL_HEADERS = ("身份证", "身份号码", "手机", "电话", "联系方式", "id number", "phone", "landline", "mobile")


def personal_columns(headers: Sequence[str], rows: Iterable[Sequence], *, sample: int = 2000) -> list[int]:
    """The columns of a table that hold ID or phone numbers: by their header, or by what their
    cells hold (the first `sample` rows are looked at)."""
    found = {i for i, h in enumerate(headers) if any(word in str(h).lower() for word in _PERSONAL_HEADERS)}
    for n, row in enumerate(rows):
        if n >= sample:
            break
        for i, value in enumerate(row):
            if i not in found and isinstance(value, str) and _PERSONAL_TEXT.search(value):
                found.add(i)
    return sorted(found)


def contains_personal_number(text: str) -> bool:
    """Whether `text` holds something that looks like an ID or mobile number (full or masked)."""
    return bool(_PERSONAL_TEXT.search(text or ""))


def mask_text(text: str) -> str:
    """`text` with every ID or mobile number in it masked (for cells that mention one in passing)."""
    def one(match: re.Match) -> str:
        return mask_id_number(match.group("id")) if match.group("id") else mask_phone(match.group("mobile"))

    return _PERSONAL_TEXT.sub(one, text or "")
