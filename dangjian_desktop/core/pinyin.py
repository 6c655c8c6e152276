"""Pinyin keys for names, so typing "zs" or "zhangs" finds 张三 (filter-as-you-type)."""

from __future__ import annotations

# Surnames whose everyday reading is not the character's default one; without this
# 单雄信 would be stored as "danxiongxin" and nobody would find him by typing "shan".
_SURNAME_READINGS = {
    "单": "shan", "曾": "zeng", "解": "xie", "查": "zha", "仇": "qiu", "区": "ou",
    "朴": "piao", "乐": "yue", "覃": "qin", "盖": "ge", "缪": "miao", "翟": "zhai",
}

# Separators inside transliterated minority names (阿不都·热合曼) that nobody types.
_DROPPED = set("·•・.")


def _syllables(name: str, style: str) -> list[str]:
    # pypinyin loads its dictionaries (about a second) on import: only when a name is converted,
    # not at every start of the app.
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(name, style=getattr(Style, style), errors="default")


def name_pinyin(name: str) -> tuple[str, str]:
    """(full pinyin, initials) of a name, lower-case, no tones, no spaces: ("zhangsan", "zs").

    Characters that are not Chinese are kept as they are, lower-cased.
    """
    text = "".join(ch for ch in (name or "") if not ch.isspace() and ch not in _DROPPED)
    if not text:
        return "", ""
    full = _syllables(text, "NORMAL")
    initials = _syllables(text, "FIRST_LETTER")
    surname = _SURNAME_READINGS.get(text[0])
    if surname and full and full[0] != surname:
        full[0], initials[0] = surname, surname[0]
    return "".join(full).lower(), "".join(initials).lower()


def matches(query: str, *, name: str, pinyin: str, initials: str) -> bool:
    """True when `query` (case-insensitive, spaces ignored) is a substring of any key.

    An empty query matches everything, as an empty filter box shows every row.
    """
    needle = "".join((query or "").split()).lower()
    if not needle:
        return True
    return any(needle in (key or "").lower() for key in (name, pinyin, initials))
