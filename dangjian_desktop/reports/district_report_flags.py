"""红旗村 in the district report: per town the villages holding a flag and the count of each flag
type, then the list of 红旗村 with their flags. Only when the year has flags recorded (else the
report says they are not recorded rather than printing zeros)."""

from __future__ import annotations

from dangjian_desktop.reports.district_report_data import Column, DistrictReport, StatTable


def red_flag_tables(report: DistrictReport) -> list[StatTable]:
    if not report.has_red_flags:
        return []
    types = report.flag_types
    name = Column("镇（街道）", "text", 2.2)

    def row_of(area):
        return (area.villages, area.stars.red_flag or 0, *(area.stars.red_flag_types.get(t, 0) for t in types))

    counts = StatTable(
        "红旗村", "各镇（街道）红旗村（按红旗类型）",
        (name, Column("村数"), Column("红旗村"), *(Column(t) for t in types)),
        tuple((t.name, *row_of(t)) for t in report.towns), ("全区合计", *row_of(report.district)),
        "红旗村为本年度上半年或下半年获得至少一面红旗（未撤销）的村；各类型为获得该类红旗的村数，"
        "一个村可获得多类红旗。")
    villages = StatTable(
        "红旗村名单", "红旗村名单",
        (Column("镇（街道）", "text", 1.6), Column("村党组织", "text", 2.2), Column("红旗", "text", 4.2)),
        tuple((v.town, v.name, "；".join(v.flags)) for v in report.red_flags))
    return [counts, villages]
