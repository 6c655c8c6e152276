"""Caps on star levels (名额控制): e.g. 五星 at most 10 % of the district's village organisations a
year. A criteria file may carry them as an optional list

    "caps": [{"stars": 5, "max_share": 0.10}]

(an empty list: no cap); a file without the field gets the district's default, `DEFAULT_CAPS`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from dangjian_desktop.core.meetings import is_number

#: The district's cap when the criteria carry none: five stars for at most 10 % of organisations.
DEFAULT_CAPS: dict[int, float] = {5: 0.10}
LEVEL_NAMES = {1: "一星", 2: "二星", 3: "三星", 4: "四星", 5: "五星"}


def parse_caps(raw, max_stars: int, problems: list[str]) -> dict[int, float] | None:
    """The caps of a criteria file by star level, None when the file has no `caps` field."""
    if raw is None:
        return None
    if not isinstance(raw, list):
        problems.append("caps 应为列表，例如 [{\"stars\": 5, \"max_share\": 0.1}]")
        return None
    caps: dict[int, float] = {}
    for entry in raw:
        stars = entry.get("stars") if isinstance(entry, Mapping) else None
        share = entry.get("max_share") if isinstance(entry, Mapping) else None
        if not (isinstance(stars, int) and not isinstance(stars, bool) and 1 <= stars <= max_stars
                and is_number(share) and 0 <= share <= 1):
            problems.append(f"星级名额控制无效：{entry}（stars 应为 1–{max_stars}，max_share 应在 0–1 之间）")
            continue
        if stars in caps:
            problems.append(f"星级名额控制重复：{stars} 星")
        caps[stars] = float(share)
    return caps


def caps_in_force(caps: Mapping[int, float] | None) -> dict[int, float]:
    return dict(DEFAULT_CAPS if caps is None else caps)


def allowed(share: float, organisations: int) -> int:
    """How many organisations a level may have: the share of `organisations`, rounded down."""
    return math.floor(share * organisations + 1e-9)


def cap_text(stars: int, share: float, organisations: int) -> str:
    return (f"{LEVEL_NAMES.get(stars, f'{stars} 星')}级党组织不超过全区村级党组织的 {share * 100:g}%"
            f"（全区 {organisations} 个，最多 {allowed(share, organisations)} 个）")


def caps_summary(caps: Mapping[int, float] | None) -> str:
    """“五星 ≤ 10%（区里默认）” — for the diff of two criteria versions."""
    shown = caps_in_force(caps)
    text = "、".join(f"{LEVEL_NAMES.get(s, s)} ≤ {p * 100:g}%" for s, p in sorted(shown.items(), reverse=True))
    return (text or "不限") + ("（区里默认）" if caps is None else "")
