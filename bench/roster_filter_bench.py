"""Filter-as-you-type on a 10 000-member roster (issue 3): target ≤ 50 ms a keystroke.

    QT_QPA_PLATFORM=offscreen python bench/roster_filter_bench.py [--members 10000] [--rounds 3]

Loaded with made-up members, sorted by name, the default "on the roster" box set. For each query it
types one character at a time and prints the milliseconds of every keystroke, the worst and the
median (wall clock, and the main thread's CPU time, which the other work on a shared machine does
not inflate), twice:

- the model alone: the roster page's `RosterModel` (which filters itself), `set_text` with the text
  so far, then `rowCount()`;
- the 党员 page itself on screen (offscreen, 1100 × 700): the text set in its search box, which
  filters, recounts and re-selects as in the app, then Qt's events processed, so the table and the
  count line repaint. Deleting the text again one character at a time is reported apart.

`measure()` returns the figures for bench/run.py.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402

from dangjian_desktop.gui.app import application, apply_font  # noqa: E402

from dangjian_desktop.core.idcard import make_id  # noqa: E402
from dangjian_desktop.core.pinyin import name_pinyin  # noqa: E402
from dangjian_desktop.gui.members.roster_model import RosterFilter, RosterModel, search_needle  # noqa: E402

TODAY = date(2026, 11, 27)
TARGET_MS = 50
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国红梅玉兰志文斌波辉鹏宇浩凯帅鑫燕萍琳丹"
GROUPS = ("第一党小组", "第二党小组", "第三党小组", "第四党小组")
STATUSES = ("在册",) * 47 + ("转出", "死亡", "出党")


def make_members(count: int, seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for n in range(count):
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        full, initials = name_pinyin(name)
        sex = rng.choice("男女")
        born = date(1940, 1, 1) + timedelta(days=rng.randrange(365 * 65))
        rows.append({
            "uuid": f"m{n:05d}", "name": name, "name_pinyin": full, "name_initials": initials,
            "id_number": make_id(born, sex, county=f"{rng.randrange(110000, 660000):06d}", seq=rng.randrange(1000)),
            "sex": sex, "birth_date": born.isoformat(), "branch_uuid": f"b{n % 20}", "branch_name": f"第{n % 20 + 1}党支部",
            "group_name": rng.choice(GROUPS), "category": rng.choice(("正式党员",) * 9 + ("预备党员",)),
            "party_post": None, "phone": f"1{rng.randrange(3, 10)}{rng.randrange(10**9):09d}",
            "education": "初中", "flowing": int(rng.random() < 0.1), "lost_contact": int(rng.random() < 0.02),
            "status": rng.choice(STATUSES),
        })
    return rows


def queries_for(rows: list[dict]) -> list[str]:
    id_prefix = next(r["id_number"] for r in rows if r["status"] == "在册")[:10]
    return ["zhang", "zs", "wang fang", id_prefix]


def type_query(model, query: str, after_key=None) -> list[float]:
    """Milliseconds for each keystroke of `query` into `model` (anything with `set_text` and
    `rowCount`), then clears the text (not timed)."""
    times = []
    for end in range(1, len(query) + 1):
        start = time.perf_counter()
        model.set_text(search_needle(query[:end]))
        model.rowCount()
        if after_key:
            after_key()
        times.append((time.perf_counter() - start) * 1000)
    model.set_text("")
    return times


def _timed(action) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.thread_time()
    action()
    return (time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000


def type_into_page(app, page, query: str) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """(wall, CPU) ms of each keystroke of `query` into the page's search box, each followed by
    Qt's events (the repaint); then of each backspace deleting it again."""

    def key(text: str):
        return lambda: (page.search.setText(text), app.processEvents())

    typed = [_timed(key(query[:end])) for end in range(1, len(query) + 1)]
    deleted = [_timed(key(query[:end])) for end in range(len(query) - 1, -1, -1)]
    return typed, deleted


def report(label: str, queries: dict[str, list[float]], cpu: dict[str, list[float]] | None = None) -> float:
    print(label)
    every, every_cpu = [], []
    for query, times in queries.items():
        print(f"  {query!r:24} " + " ".join(f"{t:5.1f}" for t in times)
              + f"   worst {max(times):5.1f} ms, median {statistics.median(times):5.1f} ms")
        every += times
        every_cpu += (cpu or {}).get(query, [])
    worst = max(every)
    print(f"  every keystroke: median {statistics.median(every):.1f} ms, worst {worst:.1f} ms "
          f"(target ≤ {TARGET_MS} ms) → {'OK' if worst <= TARGET_MS else 'TOO SLOW'}")
    if every_cpu:
        print(f"  main thread CPU: median {statistics.median(every_cpu):.1f} ms, worst {max(every_cpu):.1f} ms")
    return worst


def loaded_model(rows: list[dict]) -> RosterModel:
    model = RosterModel(TODAY)
    model.set_rows(rows)
    model.set_predicate(RosterFilter().predicate())
    model.sort(RosterModel.COL_NAME, Qt.SortOrder.AscendingOrder)
    return model


def members_page(rows: list[dict], folder: Path):
    """The real 党员 page on an empty village whose services hand it `rows` (no 10 000 inserts)."""
    from dangjian_desktop.gui.jobs import JobRunner
    from dangjian_desktop.gui.pages import members as members_page_module
    from dangjian_desktop.services.context import Context
    from dangjian_desktop.services.setup import setup_village

    ctx = Context.open(folder / "village.db", actor="bench")
    ctx.today = TODAY
    setup_village(ctx, code="BENCH", name="测试村党支部", town="示范镇")
    branches = [{"uuid": uuid, "name": name}
                for uuid, name in sorted({(r["branch_uuid"], r["branch_name"]) for r in rows})]
    members_page_module.list_members = lambda _ctx: rows
    members_page_module.list_branches = lambda _ctx: branches
    page = members_page_module.MembersPage(ctx, JobRunner(ctx, inline=True))
    page.resize(1100, 700)
    return ctx, page


def run(members: int = 10_000, rounds: int = 1, verbose: bool = True) -> dict:
    app = application()
    apply_font(False)  # the bundled CJK font, as the app runs: without it Qt hunts fallbacks per glyph
    rows = make_members(members)
    queries = queries_for(rows)
    out = print if verbose else (lambda *a, **k: None)

    start = time.perf_counter()
    model = loaded_model(rows)
    load_ms = (time.perf_counter() - start) * 1000
    out(f"{members} members: loaded, filtered to the roster and sorted by name in {load_ms:.0f} ms; "
        f"{model.rowCount()} on the roster")
    model_times = {q: [] for q in queries}
    for _ in range(rounds):
        for q in queries:
            model_times[q] += type_query(model, q)

    with tempfile.TemporaryDirectory() as folder:
        ctx, page = members_page(rows, Path(folder))
        start = time.perf_counter()
        page.show()  # loads the rows, fills the boxes, sizes the columns
        app.processEvents()
        page_load_ms = (time.perf_counter() - start) * 1000
        typed = {q: [] for q in queries}
        deleted = {q: [] for q in queries}
        for _ in range(rounds):
            for q in queries:
                forward, back = type_into_page(app, page, q)
                typed[q] += forward
                deleted[q] += back
        page.close()
        page.deleteLater()
        app.processEvents()
        ctx.close()

    wall = {q: [t[0] for t in ts] for q, ts in typed.items()}
    cpu = {q: [t[1] for t in ts] for q, ts in typed.items()}
    back_wall = {q: [t[0] for t in ts] for q, ts in deleted.items()}
    back_cpu = {q: [t[1] for t in ts] for q, ts in deleted.items()}
    if verbose:
        report("model alone (set_text, rowCount), ms per keystroke:", model_times)
        print(f"the 党员 page on screen (offscreen): shown, loaded and sized in {page_load_ms:.0f} ms")
        report("typing into its search box, each keystroke followed by the repaint, ms:", wall, cpu)
        report("deleting it again, one backspace at a time, ms:", back_wall, back_cpu)
    every_model = [t for ts in model_times.values() for t in ts]
    every_view = [t for ts in wall.values() for t in ts]
    every_cpu = [t for ts in cpu.values() for t in ts]
    every_back = [t for ts in back_wall.values() for t in ts]
    return {
        "members": members, "load_ms": load_ms, "page_load_ms": page_load_ms,
        "model_median_ms": statistics.median(every_model), "model_worst_ms": max(every_model),
        "view_median_ms": statistics.median(every_view), "view_worst_ms": max(every_view),
        "view_cpu_median_ms": statistics.median(every_cpu), "view_cpu_worst_ms": max(every_cpu),
        "backspace_median_ms": statistics.median(every_back), "backspace_worst_ms": max(every_back),
        # what bench/suite.py reads: the keystroke as the user meets it, table repainting
        "median_ms": statistics.median(every_view), "worst_ms": max(every_view + every_back),
    }


def measure(members: int = 10_000) -> dict:
    """The figures as a dict (bench/run.py): model_* is the model alone, view_* the page repainting,
    backspace_* deleting the text; worst_ms is the worst keystroke of either kind on the page."""
    return run(members, rounds=1, verbose=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=1, help="type every query this many times")
    args = parser.parse_args()
    r = run(args.members, rounds=args.rounds)
    return 0 if r["worst_ms"] <= TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
