"""A realistic demo village, built through the same use cases a secretary uses.

东庄村党总支 with three branches, ~120 members (old and little educated, as the district's report
says real villages are), valid ID numbers that agree with birth date and sex, two years of
meetings and trainings with attendance (and the points it posts), manual points with a few
reversals, star self-assessments and village indicators. The same seed gives the same village.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from faker import Faker

from dangjian_desktop.core.idcard import make_id
from dangjian_desktop.core.members import age_on
from dangjian_desktop.services import meetings, members, points, stars
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.indicators import set_village_indicators
from dangjian_desktop.services.setup import setup_village
from dangjian_desktop.store import queries

VILLAGE = {"code": "DEMO-DZC", "name": "东庄村党总支", "town": "新区示范镇", "area_code": "130184105201",
           "org_type": "村党总支"}
BRANCHES = ("东庄村第一党支部", "东庄村第二党支部", "东庄村第三党支部")
COMMITTEE = ("书记", "副书记", "组织委员", "宣传委员", "纪检委员")
FLOW_PLACES = ("江苏省苏州市昆山市", "浙江省宁波市慈溪市", "广东省东莞市", "北京市大兴区", "天津市滨海新区")
_EDUCATION_BY_AGE = (  # (max age, [(level, weight)…]): older members studied less
    (35, [("大学本科", 3), ("大学专科", 4), ("高中", 2), ("中等专科", 1)]),
    (45, [("大学专科", 2), ("高中", 3), ("中等专科", 2), ("初中", 3)]),
    (60, [("高中", 2), ("初中", 6), ("小学及以下", 2)]),
    (200, [("初中", 4), ("小学及以下", 6)]),
)


def _years_after(day: date, years: int) -> date:
    """The same day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def _birth(rng: random.Random, today: date) -> date:
    age = rng.choices([rng.randint(24, 35), rng.randint(36, 45), rng.randint(46, 55), rng.randint(56, 60),
                       rng.randint(61, 88)], weights=[12, 15, 22, 14, 37])[0]
    return today - timedelta(days=age * 365 + rng.randint(0, 364))


def member_record(rng: random.Random, names, today: date, n: int, county: str, *,
                  branches: tuple[str, ...] = BRANCHES, place: str = f"{VILLAGE['town']}东庄村") -> dict:
    """One member as a secretary would type it: age, sex, education and job mixed the way the
    district's report describes villages. `names` gives name_male()/name_female() (Faker, or
    demo_district's faster generator)."""
    sex = "男" if rng.random() < 0.76 else "女"
    birth = _birth(rng, today)
    age = age_on(birth, today)
    join_age = rng.randint(18, min(max(age - 1, 19), 45))
    joined = _years_after(birth, join_age) + timedelta(days=rng.randint(1, 300))
    if joined > today - timedelta(days=400):
        joined = today - timedelta(days=rng.randint(400, 800))
    education = _pick(rng, next(levels for top, levels in _EDUCATION_BY_AGE if age <= top))
    flowing = age < 55 and rng.random() < 0.18
    return {
        "name": names.name_male() if sex == "男" else names.name_female(),
        "branch_name": branches[n % len(branches)] if branches else None,
        "id_number": make_id(birth, sex, county=county, seq=rng.randint(1, 499) * 2 - (sex == "男")),
        "sex": sex,
        "ethnicity": _pick(rng, [("汉族", 94), ("回族", 4), ("满族", 2)]),
        "birth_date": birth,
        "education": education,
        "category": "正式党员",
        "joined_on": joined,
        "full_on": _years_after(joined, 1),
        "job": _pick(rng, [("务农", 50), ("个体经营", 10), ("外出务工", 12), ("村干部", 4), ("退休", 10), ("教师", 2)])
        if not flowing else "外出务工",
        "phone": "1" + rng.choice("3578") + "".join(rng.choice("0123456789") for _ in range(9)),
        "address": f"{place}{rng.randint(1, 8)}组{rng.randint(1, 99)}号",
        "standing": "正常",
        "flowing": int(flowing),
        "flow_to": rng.choice(FLOW_PLACES) if flowing else None,
        "group_name": f"第{'一二三四'[n // max(len(branches), 1) % 4]}党小组",
        "member_class": "流动党员" if flowing else ("年老体弱" if age >= 78 else "在村党员"),
        "dues_standard": rng.choice([0.2, 0.5, 1.0]),
        "dues_paid_until": f"{today.year}-{max(1, today.month - rng.randint(0, 2)):02d}",
    }


def _add_members(ctx: Context, rng: random.Random, fake: Faker, count: int) -> list[dict]:
    county = VILLAGE["area_code"][:6]
    added, used_ids = [], set()
    n = 0
    while len(added) < count:
        record = member_record(rng, fake, ctx.today, n, county)
        n += 1
        if record["id_number"] in used_ids:
            continue
        used_ids.add(record["id_number"])
        if len(added) < len(COMMITTEE):  # the 总支 committee: younger, better educated, cadres
            record.update(party_post=COMMITTEE[len(added)], member_class="村组干部", flowing=0, flow_to=None,
                          job="村干部", education=rng.choice(["大学专科", "高中", "大学本科"]))
            if record["birth_date"] < _years_after(ctx.today, -60):
                record["birth_date"] = _years_after(ctx.today, -rng.randint(32, 52)).replace(day=1)
                record["id_number"] = make_id(record["birth_date"], record["sex"], county=county, seq=rng.randint(1, 450))
                record["joined_on"] = _years_after(record["birth_date"], 24)
                record["full_on"] = _years_after(record["joined_on"], 1)
        elif len(added) < len(COMMITTEE) + 9 and n % 4 == 0:
            record["party_post"] = "党小组长"
        added.append(members.add_member(ctx, record=record))
    return added


def _add_newcomers(ctx: Context, rng: random.Random, fake: Faker) -> None:
    """Probationary members and people on their way in, so the lifecycle shows."""
    county = VILLAGE["area_code"][:6]
    for stage, months_ago in (("预备党员", 5), ("预备党员", 9), ("预备党员", 2), ("发展对象", None),
                              ("入党积极分子", None), ("入党申请人", None)):
        sex = rng.choice("男女")
        birth = _years_after(ctx.today, -rng.randint(23, 34)).replace(day=1)
        record = {"name": fake.name_male() if sex == "男" else fake.name_female(), "sex": sex,
                  "branch_name": rng.choice(BRANCHES), "birth_date": birth, "ethnicity": "汉族",
                  "id_number": make_id(birth, sex, county=county, seq=rng.randint(1, 450)),
                  "education": rng.choice(["大学专科", "大学本科", "高中"]), "category": stage,
                  "member_class": "在村党员", "group_name": "第一党小组"}
        if months_ago:
            record["joined_on"] = ctx.today - timedelta(days=30 * months_ago)
        members.add_member(ctx, record=record)


def _status_changes(ctx: Context, roster: list[dict], rng: random.Random) -> None:
    old = sorted((m for m in roster if not m.get("party_post")), key=lambda m: m["birth_date"])
    members.change_member_status(ctx, member_uuid=old[0]["uuid"], status="死亡",
                                 on=ctx.today - timedelta(days=rng.randint(30, 200)), note="病故")
    young = [m for m in roster if m["flowing"]]
    if young:
        members.change_member_status(ctx, member_uuid=young[0]["uuid"], status="转出",
                                     on=ctx.today - timedelta(days=rng.randint(30, 300)), note="组织关系转至务工地")
    lost = [m for m in roster if m["flowing"]][1:2]
    for m in lost:
        members.update_member(ctx, member_uuid=m["uuid"], changes={
            "lost_contact": 1, "lost_contact_on": (ctx.today - timedelta(days=240)).isoformat()})


SCHEDULE = (  # (type, months it is held in, title, hours)
    ("committee", range(1, 13), "支委会：研究部署本月党建工作", 0),
    ("group_meeting", range(1, 13), "党小组会：学习交流", 0),
    ("theme_day", range(1, 13), "主题党日：学习贯彻上级精神", 2),
    ("general_meeting", (3, 6, 9, 12), "支部党员大会：通报工作、讨论决定重要事项", 0),
    ("party_lesson", (2, 5, 8, 11), "党课：坚定理想信念 发挥先锋作用", 2),
    ("org_life", (12,), "组织生活会暨民主评议党员", 0),
    ("training", (4, 10), "农村党员冬春训培训班", 8),
    ("night_school", (1, 7), "党员夜校：乡村振兴政策解读", 4),
)


def _attendance_for(ctx, rng, type_code, roster, held_on) -> list[dict]:
    if type_code == "committee":
        people = [m for m in roster if m.get("party_post") in COMMITTEE]
    else:
        people = roster
    out = []
    for m in people:
        if m["joined_on"] and m["joined_on"] > held_on.isoformat():
            continue
        if m["flowing"]:
            out.append({"member_uuid": m["uuid"], "status": "不计入应到", "reason": "外出务工，持流动党员活动证"})
            continue
        weights = [70, 18, 12] if m["member_class"] == "年老体弱" else [86, 9, 5]
        status = rng.choices(["出席", "请假", "缺席"], weights=weights)[0]
        out.append({"member_uuid": m["uuid"], "status": status,
                    "reason": "身体原因" if status == "请假" else None})
    return out


def _add_meetings(ctx: Context, rng: random.Random, roster: list[dict]) -> int:
    count = 0
    for year in (ctx.today.year - 1, ctx.today.year):
        for type_code, months, title, hours in SCHEDULE:
            for month in months:
                held_on = date(year, month, rng.randint(5, 25))
                if held_on > ctx.today or (type_code in ("committee", "group_meeting") and rng.random() < 0.08):
                    continue  # a few months missed, so the compliance grid has something to show
                record = {"type_code": type_code, "title": title, "held_on": held_on, "hours": hours,
                          "start_time": "09:00", "end_time": "11:00" if hours <= 2 else "17:00",
                          "place": "东庄村党群服务中心", "host": roster[0]["name"], "recorder": roster[3]["name"],
                          "lecturer": roster[0]["name"] if type_code in ("party_lesson", "training", "night_school") else None,
                          "content": f"{title}。", "decisions": "与会党员一致同意。" if type_code == "general_meeting" else None}
                meetings.save_meeting(ctx, record=record, attendance=_attendance_for(ctx, rng, type_code, roster, held_on))
                count += 1
    return count


MANUAL_ITEMS = ("volunteer_service", "help_masses", "commendation", "skip_labour", "late_or_early")


def _add_manual_points(ctx: Context, rng: random.Random, roster: list[dict]) -> int:
    items = [code for code in MANUAL_ITEMS if code in ctx.rulebook.items]
    count = 0
    for _ in range(len(roster) * 2):
        member = rng.choice(roster)
        code = rng.choice(items)
        when = ctx.today - timedelta(days=rng.randint(1, 600))
        if points.exemption(ctx, member, code) or member["joined_on"] > when.isoformat():
            continue
        changes = points.record_points(ctx, member_uuids=[member["uuid"]], item_code=code, occurred_on=when,
                                       note="示范数据")
        count += 1
        if rng.random() < 0.03:
            points.reverse_entry(ctx, entry_uuid=changes.uuids[0], reason="录入错误，予以冲销")
    return count


def _add_self_assessments(ctx: Context, rng: random.Random) -> None:
    """Last year's assessment submitted, this year's a draft started from the data's suggestions."""
    for year, submit in ((ctx.today.year - 1, True), (ctx.today.year, False)):
        suggested = stars.suggestions(ctx, year=year)
        scores = {code: suggested[code][0] if code in suggested
                  else round(item.max * rng.choice([0.7, 0.8, 0.9, 1.0]) * 2) / 2
                  for code, item in ctx.criteria.items.items()}
        if not submit:
            scores = dict(list(scores.items())[: len(scores) * 2 // 3])
        evidence = {code: reason for code, (_score, reason) in suggested.items()}
        stars.save_self_assessment(ctx, year=year, scores=scores, evidence=evidence)
        if submit:
            secretary = next(m for m in queries.members(ctx.store, ctx.org_uuid) if m["party_post"] == "书记")
            stars.submit_self_assessment(ctx, year=year, signed_by=secretary["name"])


def create_demo_village(ctx: Context, *, member_count: int = 120, seed: int = 2026,
                        enrolment: Path | None = None) -> dict:
    """With `enrolment` (a district's enrolment file) the village can exchange bundles with it."""
    rng = random.Random(seed)
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    with ctx.store.atomic():
        if enrolment is None:
            org = setup_village(ctx, **VILLAGE)
        else:
            from dangjian_desktop.services.sync_village import setup_from_enrolment

            org = setup_from_enrolment(ctx, enrolment_path=enrolment).org
        for branch in BRANCHES:
            members.add_branch(ctx, name=branch)
        roster = _add_members(ctx, rng, fake, max(member_count - 6, len(COMMITTEE) + 1))
        _add_newcomers(ctx, rng, fake)
        n_meetings = _add_meetings(ctx, rng, roster)
        n_points = _add_manual_points(ctx, rng, roster)
        _status_changes(ctx, roster, rng)
        for year, income, area in ((ctx.today.year - 2, 8.6, 260), (ctx.today.year - 1, 14.2, 320),
                                   (ctx.today.year, 21.5, 320)):
            set_village_indicators(ctx, year=year, collective_income=income, service_centre_area=area)
        _add_self_assessments(ctx, rng)
    return {
        "name": org["name"],
        "counts": {
            "党员（含入党积极分子等）": len(queries.members(ctx.store, ctx.org_uuid)),
            "会议与培训": n_meetings,
            "手工记分": n_points,
            "积分台账条目": ctx.store.scalar("SELECT COUNT(*) FROM points_ledger"),
        },
    }
