"""PDF benchmark (issue 4): 1 000 党员积分考评表 into one PDF against a minimal reportlab script.

    python bench/pdf_bench.py [--members 1000] [--entries 40] [--profile]

Builds a village of `--members` members with `--entries` ledger entries each, then in the same run:
- product: `services.printing.build_member_form` for every member, timed end to end (reading the
  ledger, scoring, laying out, page numbers, writing the file atomically);
- baseline: a minimal reportlab script drawing the same two tables of every form, cell for cell,
  with the same embedded font (SimpleDocTemplate, plain Table, one form a page, nothing else).
Prints pages/s for both and the ratio of pages/s (target >= 50 %).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import re
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.platypus import PageBreak, SimpleDocTemplate, Table  # noqa: E402

from dangjian_desktop.core.idcard import make_id  # noqa: E402
from dangjian_desktop.core.points import format_points  # noqa: E402
from dangjian_desktop.reports.pdf.fonts import FONT, register_font  # noqa: E402
from dangjian_desktop.services import print_forms, printing  # noqa: E402
from dangjian_desktop.services.context import Context  # noqa: E402
from dangjian_desktop.services.members import add_member  # noqa: E402
from dangjian_desktop.services.setup import setup_village  # noqa: E402

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰春梅海燕文斌德福"


def make_village(path: Path, members: int, entries: int, today: date, seed: int = 4) -> Context:
    """A village with `members` members and about `entries` ledger entries each this year."""
    rng = random.Random(seed)
    ctx = Context.open(path)
    ctx.today = today
    setup_village(ctx, code="BENCH", name="基准村党委", town="基准镇", org_type="村党委")
    with ctx.store.atomic():
        uuids = []
        for n in range(members):
            sex = rng.choice("男女")
            birth = date(rng.randint(1940, 1998), rng.randint(1, 12), rng.randint(1, 28))
            record = {"name": rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2)))),
                      "id_number": make_id(birth, sex, county="130184", seq=n % 998 + 1 if n < 998 else n % 997),
                      "sex": sex, "birth_date": birth, "ethnicity": "汉族", "education": "初中",
                      "category": "正式党员", "joined_on": date(birth.year + 25, 7, 1),
                      "full_on": date(birth.year + 26, 7, 1), "member_class": "在村党员",
                      "group_name": f"第{'一二三四五'[n % 5]}党小组"}
            uuids.append(add_member(ctx, record=record)["uuid"])
        # Mostly attendance, as in a real ledger; now and then any other item.
        items = list(ctx.rulebook.items.values())
        weights = [8 if item.code.startswith("attend_") else 1 for item in items]
        start = date(today.year, 1, 1)
        rows = [{"member_uuid": uuid, "rulebook_uuid": ctx.rulebook_uuid, "cycle_year": today.year,
                 "occurred_on": (start + timedelta(days=rng.randrange((today - start).days))).isoformat(),
                 "item_code": (item := rng.choices(items, weights)[0]).code, "points_x100": item.points_x100,
                 "source": "manual", "recorded_by": "bench"}
                for uuid in uuids for _ in range(entries)]
        ctx.store.insert_many("points_ledger", rows, org=ctx.org_uuid, actor="bench", summary="基准数据")
    return ctx


def baseline(data, out: Path) -> None:
    """The minimal script: the same two tables of each form, same font, one form a page."""
    register_font()
    style = [("FONT", (0, 0), (-1, -1), FONT, 9), ("GRID", (0, 0), (-1, -1), 0.5, "black")]
    story = []
    for sheet in data.sheets:
        summary = [["类别", "基础分", *data.quarter_labels, "加分", "扣分", "得分"]]
        summary += [[c.name, format_points(c.base_x100), *map(format_points, c.quarters_x100),
                     format_points(c.bonus_x100), format_points(c.deduction_x100), format_points(c.score_x100)]
                    for c in sheet.categories]
        items = [["积分项目", "类别", "次数", "记录分值", "计分"]]
        items += [[i.name, i.category, str(i.count), format_points(i.recorded_x100), format_points(i.counted_x100)]
                  for i in sheet.items]
        story += [Table(summary, style=style), Table(items, style=style), PageBreak()]
    SimpleDocTemplate(str(out), pagesize=A4).build(story)


def pages(path: Path) -> int:
    return len(re.findall(rb"/Type /Page\b", path.read_bytes()))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=40, help="ledger entries per member")
    parser.add_argument("--rounds", type=int, default=2, help="alternate the two runs this often; best of each")
    parser.add_argument("--profile", action="store_true", help="profile one more product run")
    args = parser.parse_args()
    today = date.today()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        ctx = make_village(tmp / "bench.db", args.members, args.entries, today)
        print(f"village: {args.members} members, {args.members * args.entries} ledger entries"
              f" (built in {time.perf_counter() - t0:.1f} s)")
        register_font()  # both runs start with the font loaded

        t0 = time.perf_counter()
        data = print_forms.member_form_data(ctx)
        gather = time.perf_counter() - t0
        base_times, product_times = [], []
        for _ in range(args.rounds):  # alternate, so a busy moment of the machine hits both
            t0 = time.perf_counter()
            baseline(data, tmp / "baseline.pdf")
            base_times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            printing.build_member_form(ctx, out=tmp / "product.pdf")
            product_times.append(time.perf_counter() - t0)
        t_base, t_product = min(base_times), min(product_times)
        n_base, n_product = pages(tmp / "baseline.pdf"), pages(tmp / "product.pdf")

        base_rate, product_rate = n_base / t_base, n_product / t_product
        print(f"baseline (minimal reportlab, same tables and font): {n_base} pages in {t_base:.2f} s"
              f" = {base_rate:.0f} pages/s")
        print(f"product (build_member_form, end to end):            {n_product} pages in {t_product:.2f} s"
              f" = {product_rate:.0f} pages/s  (of which reading and scoring {gather:.2f} s)")
        print(f"ratio: {product_rate / base_rate:.0%} of the baseline's pages/s (target >= 50 %);"
              f" per form: {args.members / t_product:.0f} vs {args.members / t_base:.0f} forms/s"
              f" = {t_base / t_product:.0%}")
        print(f"file sizes: product {(tmp / 'product.pdf').stat().st_size / 1e6:.1f} MB,"
              f" baseline {(tmp / 'baseline.pdf').stat().st_size / 1e6:.1f} MB"
              f"  (all times best of {args.rounds})")
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            printing.build_member_form(ctx, out=tmp / "product.pdf")
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        ctx.close()


if __name__ == "__main__":
    main()
