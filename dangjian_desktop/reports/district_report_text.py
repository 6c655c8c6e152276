"""The report's prose, written from its figures in the style of the district's own annual report
("全年共举办各类培训班42期，培训党员3600多人次"; "党员队伍年龄偏大、文化偏低").

Every number in these sentences is also in a table of the report; a sentence whose figures are
all zero (nothing recorded) says so instead of reporting "0 个".
"""

from __future__ import annotations

from dangjian_desktop.reports.district_report_data import CN_LEVEL, STAR_LEVELS, DistrictReport, share

#: Above these shares the report names the problem (the seed report's "年龄偏大、文化偏低").
OLD_SHARE = 0.30  # members over 60
LOW_EDUCATION_SHARE = 0.50  # 初中及以下


def about(n: int) -> str:
    """A count the way the report writes attendances: 3612 → "3600多", 245 → "240多", 36 → "36"."""
    step = 100 if n >= 1000 else 10 if n >= 100 else 1
    rounded = n - n % step
    return f"{rounded}多" if rounded != n else str(n)


def pct(part: int, whole: int) -> str:
    return f"{share(part, whole) * 100:.1f}%"


def _overview(r: DistrictReport) -> str:
    d = r.district
    return (f"{r.year}年，全区共有镇（街道）{len(r.towns)}个、村党组织{d.villages}个，"
            f"在册农村党员{d.members.total}名，其中正式党员{d.members.full}名、预备党员{d.members.probationary}名。"
            f"本报告根据各村报送的数据包汇总，数据统计至{r.counted_through.year}年{r.counted_through.month}月"
            f"{r.counted_through.day}日。")


def _training(r: DistrictReport) -> str:
    t = r.district.training
    if not t.sessions:
        return f"{r.year}年各村尚未报送培训记录。"
    text = (f"党员教育培训方面，全年共举办各类培训班{t.sessions}期，培训党员{about(t.attendances)}人次，"
            f"人均学时{t.hours_per_member:.1f}学时")
    if t.below_floor:
        text += f"，仍有{t.below_floor}名党员未达到年度学时要求（占{pct(t.below_floor, t.members)}）"
    return text + "。"


def _stars(r: DistrictReport) -> str:
    s = r.district.stars
    parts = []
    if s.starred:
        levels = "、".join(f"{CN_LEVEL[n]}级{s.levels[n]}个" for n in STAR_LEVELS if s.levels.get(n))
        parts.append(f"创建星级村党组织{s.starred}个，其中{levels}")
    else:
        parts.append("本年度尚无评定星级的村党组织")
    if s.red_flag:
        kinds = "、".join(f"{t}{s.red_flag_types[t]}个" for t in r.flag_types if s.red_flag_types.get(t))
        parts.append(f"评选红旗村{s.red_flag}个" + (f"（{kinds}）" if kinds else ""))
    if s.weak:
        parts.append(f"排查软弱涣散村党组织{s.weak}个，已整顿转化{s.weak_rectified}个")
    else:
        parts.append("未排查出软弱涣散村党组织")
    return "组织建设方面，" + "；".join(parts) + "。"


def _meetings(r: DistrictReport) -> str:
    m = r.district.meetings
    if not m.branches:
        return ""
    held_all = f"{m.compliant}个按规定频次开展了全部会议" if m.compliant else "没有一个按规定频次开展了全部会议"
    text = (f"“三会一课”方面，全区{m.branches}个党组织中，{held_all}，"
            f"达标率{m.rate * 100:.1f}%，考核周期完成率{m.completion * 100:.1f}%")
    weakest = min((t for t in r.meeting_types if t.rate is not None), key=lambda t: t.rate, default=None)
    if weakest is not None and weakest.rate < 1:
        text += f"；落实最差的是{weakest.name}，按时开展的党组织占{weakest.rate * 100:.1f}%"
    return text + "。"


def _members(r: DistrictReport) -> str:
    m = r.district.members
    if not m.total:
        return ""
    text = (f"党员队伍结构方面，35岁及以下党员{m.young}名，占{pct(m.young, m.total)}；"
            f"60岁以上党员{m.over_60}名，占{pct(m.over_60, m.total)}")
    text += (f"；大专及以上学历{m.college}名，占{pct(m.college, m.total)}，"
             f"初中及以下学历{m.junior_or_less}名，占{pct(m.junior_or_less, m.total)}；"
             f"女党员{m.female}名，占{pct(m.female, m.total)}；流动党员{m.flowing}名")
    problems = [word for word, hit in (("年龄偏大", share(m.over_60, m.total) >= OLD_SHARE),
                                       ("文化偏低", share(m.junior_or_less, m.total) >= LOW_EDUCATION_SHARE)) if hit]
    if problems:
        text += f"。党员队伍{'、'.join(problems)}的问题仍然突出，发展年轻党员、提高党员文化素质的任务较重"
    return text + "。"


def _indicators(r: DistrictReport) -> str:
    i, targets = r.district.indicators, r.targets
    if not i.income_reported and not (i.area_reached + i.area_below):
        return "村级指标方面，各村尚未填报集体经济收入和党群服务中心面积。"
    parts = []
    if i.income_reported:
        counts = "、".join(f"{t:g}万元以上的村{n}个" for t, n in zip(targets.income_thresholds, i.income_reached) if n)
        parts.append(f"{i.income_reported}个村填报了集体经济收入，合计{i.income_total:.1f}万元"
                     + (f"，其中{counts}" if counts else "")
                     + (f"，低于{targets.income_target:g}万元的薄弱村{i.income_below_target}个"
                        if i.income_below_target else ""))
    reported_area = i.area_reached + i.area_below
    if reported_area:
        parts.append(f"党群服务中心面积达到{targets.area_minimum:g}平方米的村{i.area_reached}个，"
                     f"未达到的{i.area_below}个")
    return "村级指标方面，" + "；".join(parts) + "。"


def _points(r: DistrictReport) -> str:
    p = r.district.points
    if not (p.vanguard or p.unqualified):
        return ""
    failing = f"评定不合格党员{p.unqualified}名" if p.unqualified else "没有评定为不合格的党员"
    return f"党员积分管理方面，全年评选先锋党员{p.vanguard}名，{failing}。"


def summary_paragraphs(report: DistrictReport) -> list[str]:
    """The report's opening text, one paragraph per theme (empty themes left out)."""
    return [p for p in (_overview(report), _training(report), _stars(report), _meetings(report), _members(report),
                        _points(report), _indicators(report)) if p]
