"""One simulated village's content, written in bulk through the village's own store.

The rows are the ones the village's use cases would write (members cleaned by the roster rules,
meetings validated, attendance keyed by (meeting, member), attendance points posted from the
rulebook in force, manual points, a submitted star self-assessment, village indicators), but
each table goes in with one `Store.insert_many`, so the change log and the audit trail are
written exactly as for a secretary's work, without the per-row service round trips. That keeps
a thousand-village demo district (50 000 members, a million ledger rows) within minutes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from dangjian_desktop.core import meetings as meeting_rules
from dangjian_desktop.core.members import clean_member, is_on_roster
from dangjian_desktop.core.pinyin import name_pinyin
from dangjian_desktop.services import members, stars
from dangjian_desktop.services.context import Context
from dangjian_desktop.services.demo import COMMITTEE, MANUAL_ITEMS, SCHEDULE, member_record
from dangjian_desktop.services.indicators import set_village_indicators
from dangjian_desktop.services.points import _ledger_row, exemption
from dangjian_desktop.store import derived_uuid

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
MALE = "伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘"
FEMALE = "秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽"


class QuickNames:
    """Chinese names from a seeded generator: what Faker gives, a hundred times faster."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def _given(self, pool: str) -> str:
        rng = self.rng
        return rng.choice(pool) + (rng.choice(pool) if rng.random() < 0.6 else "")

    def name_male(self) -> str:
        return self.rng.choice(SURNAMES) + self._given(MALE)

    def name_female(self) -> str:
        return self.rng.choice(SURNAMES) + self._given(FEMALE)


@dataclass(frozen=True)
class VillageSpec:
    code: str
    name: str
    town: str
    place: str  # the village's name as an address prefix, e.g. 新区示范镇东庄村
    area_code: str
    members: int
    branches: tuple[str, ...]
    income: tuple[float, float, float]  # collective-economy income (万元), last three years
    service_area: float


class _RulesRead:
    """The village's context with the rulebook's id read once: `_ledger_row` asks for it at every
    entry (a query and a JSON parse each), and the rules in force do not change while a village is filled."""

    def __init__(self, ctx: Context):
        self._ctx = ctx
        self.rulebook_uuid = ctx.rulebook_uuid

    def __getattr__(self, name: str):
        return getattr(self._ctx, name)


_NEWCOMER_STAGES = (("预备党员", 5), ("预备党员", 9), ("发展对象", None), ("入党积极分子", None), ("入党申请人", None))


def _member_rows(ctx: Context, rng: random.Random, names: QuickNames, spec: VillageSpec,
                 branch_uuids: dict[str, str]) -> list[dict]:
    county = spec.area_code[:6]
    rows, used, n = [], set(), 0
    regular = max(spec.members - 3, len(COMMITTEE) + 1)
    while len(rows) < regular + 3:
        record = member_record(rng, names, ctx.today, n, county, branches=spec.branches, place=spec.place)
        n += 1
        if record["id_number"] in used:
            continue
        if len(rows) < len(COMMITTEE):  # the committee: younger, better educated, cadres
            record.update(party_post=COMMITTEE[len(rows)], member_class="村组干部", flowing=0, flow_to=None,
                          job="村干部", education=rng.choice(["大学专科", "高中", "大学本科"]))
        elif len(rows) >= regular:  # a few people on their way in
            stage, months = _NEWCOMER_STAGES[rng.randrange(len(_NEWCOMER_STAGES))]
            record.update(category=stage, full_on=None, party_post=None, flowing=0, flow_to=None,
                          joined_on=ctx.today - timedelta(days=30 * months) if months else None)
        used.add(record["id_number"])
        cleaned = clean_member(record, today=ctx.today)
        row = {key: cleaned.get(key) for key in members._STORED_FIELDS}
        row["uuid"] = derived_uuid("demo-member", spec.code, str(len(rows)), org=ctx.org_uuid)
        row["branch_uuid"] = branch_uuids.get(cleaned.get("branch_name") or "", ctx.org_uuid)
        row["name_pinyin"], row["name_initials"] = name_pinyin(cleaned["name"])
        rows.append(row)
    if len(rows) > 20:  # one death in the year, as in every real roster
        old = min(rows[len(COMMITTEE):-3], key=lambda r: r["birth_date"] or "9999")
        old.update(status="死亡", status_changed_on=(ctx.today - timedelta(days=rng.randint(30, 200))).isoformat(),
                   status_note="病故")
    return rows


def _attendees(rng: random.Random, type_code: str, roster: list[dict], branch_uuid: str) -> list[dict]:
    """Who is on a meeting's checklist: the committee, one 党小组, or the members of one branch."""
    if type_code == "committee":
        return [m for m in roster if m["party_post"] in COMMITTEE]
    people = [m for m in roster if m["branch_uuid"] == branch_uuid] or roster
    if type_code == "group_meeting":
        groups = sorted({m["group_name"] for m in people})
        group = groups[rng.randrange(len(groups))]
        return [m for m in people if m["group_name"] == group]
    return people


def _meetings(ctx: Context, rng: random.Random, spec: VillageSpec, roster: list[dict],
              branch_uuids: list[str]) -> tuple[list[dict], list[dict], list[dict]]:
    rulebook, types = ctx.rulebook, ctx.meeting_types
    meetings, attendance, ledger = [], [], []
    on_roster = [m for m in roster if is_on_roster(m)]
    for year in (ctx.today.year - 1, ctx.today.year):
        for type_code, months, title, hours in SCHEDULE:
            for month in months:
                held_on = date(year, month, rng.randint(5, 25))
                if held_on > ctx.today or (type_code in ("committee", "group_meeting") and rng.random() < 0.08):
                    continue
                branch = branch_uuids[rng.randrange(len(branch_uuids))]
                record = {"type_code": type_code, "title": title, "held_on": held_on, "hours": hours,
                          "start_time": "09:00", "end_time": "11:00" if hours <= 2 else "17:00",
                          "place": f"{spec.place}党群服务中心", "host": roster[0]["name"], "recorder": roster[3]["name"],
                          "lecturer": roster[0]["name"] if type_code in ("party_lesson", "training", "night_school")
                          else None, "content": f"{title}。",
                          "decisions": "与会党员一致同意。" if type_code == "general_meeting" else None}
                meeting = meeting_rules.validate_meeting(record, types, today=ctx.today)
                meeting["uuid"] = derived_uuid("demo-meeting", spec.code, str(len(meetings)), org=ctx.org_uuid)
                meeting["branch_uuid"] = branch
                meetings.append(meeting)
                for member in _attendees(rng, type_code, on_roster, branch):
                    if member["joined_on"] and member["joined_on"] > meeting["held_on"]:
                        continue
                    if member["flowing"]:
                        status, reason = "不计入应到", "外出务工，持流动党员活动证"
                    else:
                        weights = (70, 18, 12) if member["member_class"] == "年老体弱" else (86, 9, 5)
                        status = rng.choices(("出席", "请假", "缺席"), weights=weights)[0]
                        reason = "身体原因" if status == "请假" else None
                    uuid = derived_uuid("attendance", meeting["uuid"], member["uuid"], org=ctx.org_uuid)
                    attendance.append({"uuid": uuid, "meeting_uuid": meeting["uuid"], "member_uuid": member["uuid"],
                                       "status": status, "reason": reason})
                    item = rulebook.attendance_item(type_code, status)
                    if item is not None and not exemption(ctx, member, item.code):
                        ledger.append(_ledger_row(ctx, member, item, held_on, item.points_x100, source="attendance",
                                                  source_uuid=uuid, reason=f"{meeting['held_on']} {title}（{status}）"))
    return meetings, attendance, ledger


def _manual_points(ctx: Context, rng: random.Random, roster: list[dict]) -> list[dict]:
    items = [ctx.rulebook.items[code] for code in MANUAL_ITEMS if code in ctx.rulebook.items]
    people = [m for m in roster if is_on_roster(m) and m["joined_on"]]
    out = []
    for _ in range(len(people) * 2):
        member, item = people[rng.randrange(len(people))], items[rng.randrange(len(items))]
        when = ctx.today - timedelta(days=rng.randint(1, 600))
        if exemption(ctx, member, item.code) or member["joined_on"] > when.isoformat():
            continue
        out.append(_ledger_row(ctx, member, item, when, item.points_x100, source="manual", source_uuid=None,
                               reason="示范数据"))
    return out


def _self_assessment(ctx: Context, rng: random.Random, roster: list[dict]) -> None:
    """Last year's self-assessment submitted (a spread of star levels), this year's a draft."""
    quality = rng.choice((0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.0))
    items = ctx.criteria.items
    scores = {code: round(item.max * min(1.0, quality + rng.uniform(-0.1, 0.1)) * 2) / 2 for code, item in items.items()}
    secretary = next(m["name"] for m in roster if m["party_post"] == "书记")
    stars.save_and_submit_self_assessment(ctx, year=ctx.today.year - 1, scores=scores, evidence={}, veto_hits=set(),
                                          signed_by=secretary)
    draft = dict(list(scores.items())[: len(scores) // 2])
    stars.save_self_assessment(ctx, year=ctx.today.year, scores=draft)


def fill_village(ctx: Context, spec: VillageSpec, seed: int) -> dict[str, int]:
    """Write a simulated village's two years of work into its (enrolled, empty) database."""
    rng = random.Random(seed)
    names = QuickNames(rng)
    store, org = ctx.store, ctx.org_uuid
    with store.atomic():
        branch_uuids = {name: members.add_branch(ctx, name=name)["uuid"] for name in spec.branches}
        roster = _member_rows(ctx, rng, names, spec, branch_uuids)
        store.insert_many("members", roster, org=org, actor=ctx.actor, summary="示范数据：党员")
        rules = _RulesRead(ctx)
        meeting_rows, attendance, ledger = _meetings(rules, rng, spec, roster, list(branch_uuids.values()) or [org])
        ledger += _manual_points(rules, rng, roster)
        ledger.sort(key=lambda r: r["occurred_on"])
        store.insert_many("meetings", meeting_rows, org=org, actor=ctx.actor, summary="示范数据：会议与培训")
        store.insert_many("attendance", attendance, org=org, actor=ctx.actor, summary="示范数据：出勤")
        store.insert_many("points_ledger", ledger, org=org, actor=ctx.actor, summary="示范数据：积分")
        for year, income in zip(range(ctx.today.year - 2, ctx.today.year + 1), spec.income):
            set_village_indicators(ctx, year=year, collective_income=income, service_centre_area=spec.service_area)
        _self_assessment(ctx, rng, roster)
    return {"members": len(roster), "meetings": len(meeting_rows), "attendance": len(attendance),
            "points_ledger": len(ledger)}
