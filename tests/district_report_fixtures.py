"""A hand-made DistrictReport (three towns, eight villages) for the layout tests of the PDF and
the workbook; every village figure is typed in, towns and the district are their sums.

Village k = 1 … 8 (东城镇 1–3, 西河镇 4–6, 南山街道 7–8), the district's figures by hand:
160 members (20 each), 4 probationary, 32 women; ages (16, 24, 32, 24, 56) + 8 unknown, so 56 over
60 = 35.0 %; education (88, 40, 24, 8): 55.0 % junior middle school or less, 20.0 % college.
Training: k sessions and 30·k attendances each → 36 期, 1 080 人次, 30.0 hours a member, 16 below.
Meetings: 8 branches, all but village 5 compliant (87.5 %), 228 of 232 periods met.
Stars: ★5 village 1, ★4 villages 2–3, ★3 villages 4–7, village 8 none and 软弱涣散; village 6 rectified.
Income 5·k 万元: 180.0 in all, 7 villages ≥ 10, 3 ≥ 30, village 1 below the target.
"""

from __future__ import annotations

from datetime import date

from dangjian_desktop.reports.district_report_data import (AreaFigures, DistrictReport, Indicators, Meetings,
                                                          MemberStructure, Points, Stars, Training, TypeCompliance,
                                                          combine)

TOWNS = (("东城镇", (1, 2, 3)), ("西河镇", (4, 5, 6)), ("南山街道", (7, 8)))


def village(k: int, town: str) -> AreaFigures:
    level = 5 if k == 1 else 4 if k in (2, 3) else 3 if k < 8 else None
    income = 5.0 * k
    return AreaFigures(
        name=f"{town[:2]}{k}村党支部", villages=1, town=town,
        members=MemberStructure(total=20, probationary=k % 2, female=4, minority=int(k % 3 == 0), flowing=1,
                                age_bands=(2, 3, 4, 3, 7), age_unknown=1, education=(11, 5, 3, 1)),
        training=Training(sessions=k, attendances=30 * k, member_hours=600.0, members=20, below_floor=2),
        meetings=Meetings(branches=1, compliant=int(k != 5), judged=29, met=25 if k == 5 else 29),
        stars=Stars(levels={level: 1} if level else {}, not_rated=int(level is None), weak=int(k == 8),
                    weak_rectified=int(k == 6)),
        points=Points(vanguard=2, unqualified=int(k == 8)),
        indicators=Indicators(income_reached=tuple(int(income >= t) for t in (10, 30, 50, 100)),
                              income_below_target=int(income < 10), income_reported=1, income_total=income,
                              area_reached=int(k not in (3, 4)), area_below=int(k == 4), area_missing=int(k == 3)),
    )


def sample_report() -> DistrictReport:
    villages = tuple(village(k, town) for town, ks in TOWNS for k in ks)
    towns = tuple(combine(town, [v for v in villages if v.town == town]) for town, _ks in TOWNS)
    types = (TypeCompliance("支部党员大会", "每季度1次", 3, 8, 8, 24, 24),
             TypeCompliance("支委会", "每月1次", 10, 8, 7, 76, 80),
             TypeCompliance("党小组会", "每月1次", 10, 8, 8, 80, 80),
             TypeCompliance("党课", "每季度1次", 3, 8, 8, 24, 24))
    return DistrictReport(district_name="新区党工委组织部", year=2026, printed_on=date(2026, 11, 27),
                          counted_through=date(2026, 11, 27), district=combine("全区", list(villages)), towns=towns,
                          villages=villages, meeting_types=types, notes=("西河镇1个村本年度尚未报送数据。",))
