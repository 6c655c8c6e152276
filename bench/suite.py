"""The benches of bench/run.py: each takes the run's Config and returns its Line(s).

The measuring itself lives in the owners' bench modules (sync_bench, dashboard_bench, pdf_bench,
startup_bench, roster_filter_bench); this module calls their functions on the suite's district and
turns the figures into target lines. Qt and anything whose memory or start-up is measured runs in a
child process (targets.in_child).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

import district_cache
from targets import GROWTH_SLACK, Config, Line, at_least, at_most, growth_text, grows_linearly, in_child

IMPORT_SHARE = 0.33
EXPORT_BYTES, EXPORT_SECONDS = 8 * 1024, 0.5
DASHBOARD_FACTOR, DASHBOARD_SECONDS = 3.0, 0.5
PDF_SHARE = 0.5
STARTUP_FACTOR = 2.5
ROSTER_MS = 50
MEMORY_MB = 400


def _district(cfg: Config, villages: int | None = None) -> district_cache.CachedDistrict:
    return district_cache.generate(cfg.cache, villages or cfg.villages, verbose=True)


def _imported(cached: district_cache.CachedDistrict) -> Path:
    """The imported district: the one this run imported, else the cached one (imported first if stale)."""
    return cached.imported if cached.folder in TIMED_IMPORTS else district_cache.imported(cached)


# ------------------------------------------------------------------------------------------- import

#: (district folder) → (wall s, CPU s, rows) of an import timed in this run: the growth line reuses the
#: import line's figure at the same size instead of importing the district again
TIMED_IMPORTS: dict[Path, tuple[float, float, int]] = {}
#: (district folder) → CPU s of plain executemany of the same rows, likewise reused by the growth line
TIMED_BASELINES: dict[Path, float] = {}


def timed_import(cached: district_cache.CachedDistrict) -> tuple[float, float, int]:
    """Import every bundle into a copy of the pre-import district (sync_bench.time_import), keep the
    result as the cache's imported district; (wall s, CPU s, rows applied)."""
    import sync_bench

    if cached.folder not in TIMED_IMPORTS:
        wall, cpu, rows, db = sync_bench.time_import(cached.pre_import, cached.bundles, cached.folder / "run")
        district_cache.keep_imported(cached, db)
        TIMED_IMPORTS[cached.folder] = wall, cpu, rows
    return TIMED_IMPORTS[cached.folder]


def timed_baseline(cached: district_cache.CachedDistrict) -> float:
    """CPU seconds of plain executemany of the rows of the district's bundles into the product's own
    tables and indexes (sync_bench.time_executemany), the import line's baseline."""
    import sync_bench

    if cached.folder not in TIMED_BASELINES:
        rows = sync_bench.bundle_rows(cached.pre_import, cached.bundles)
        schema = sync_bench.product_schema(cached.pre_import)
        TIMED_BASELINES[cached.folder] = sync_bench.time_executemany(rows, cached.folder / "executemany.db", schema)[1]
        (cached.folder / "executemany.db").unlink(missing_ok=True)
    return TIMED_BASELINES[cached.folder]


def import_bench(cfg: Config) -> list[Line]:
    import sync_bench

    cached = _district(cfg)
    r = sync_bench.import_ratio(cfg.cache, cfg.villages)
    rows, ours, base = r["rows"], r["import_cpu"], r["executemany_cpu"]
    wall, base_wall, bare = r["import_wall"], r["executemany_wall"], r["bare_cpu"]
    district_cache.keep_imported(cached, Path(r["imported"]))  # for the growth, dashboard and memory lines
    TIMED_IMPORTS[cached.folder] = wall, ours, rows
    TIMED_BASELINES[cached.folder] = base
    return [Line("import", f"{rows / ours:,.0f} rows/s = {base / ours:.0%} of executemany",
                 f"≥ {IMPORT_SHARE:.0%}", at_least(rows / ours, rows / base, IMPORT_SHARE),
                 f"{cfg.villages} villages, {rows:,} rows; executemany into the same tables and indexes"
                 f" {rows / base:,.0f} rows/s; CPU seconds (wall: import {wall:.1f} s, executemany {base_wall:.1f} s);"
                 f" beside it, into bare tables (uuid key, no other index) {rows / bare:,.0f} rows/s"
                 f" (import = {bare / ours:.0%} of it)")]


# ------------------------------------------------------------------------------------------- export

def export_bench(cfg: Config) -> list[Line]:
    import sync_bench

    r = sync_bench.export_after_one_change(cfg.cache)
    size, seconds = r["bytes"], r["seconds"]
    ok = size <= EXPORT_BYTES and seconds <= EXPORT_SECONDS
    return [Line("export", f"{size:,} B in {seconds * 1000:.0f} ms", "≤ 8 KB, ≤ 500 ms", ok,
                 "demo village (two years), its history acknowledged, one member edited", quiet=True)]


# ---------------------------------------------------------------------------------------- dashboard

def dashboard_figures(db: Path, rounds: int) -> dict:
    """In a child process: bench/dashboard_bench.measure on a district database."""
    return in_child("suite:child_dashboard", str(db), rounds)


def child_dashboard(db: str, rounds: int) -> dict:
    import dashboard_bench

    return dashboard_bench.measure(Path(db), rounds)


def dashboard_bench(cfg: Config) -> list[Line]:
    cached = _district(cfg)
    r = dashboard_figures(_imported(cached), max(cfg.rounds, 3))
    ms, plain = r["refresh_ms"], r["plain_ms"]
    ok = ms <= DASHBOARD_SECONDS * 1000 and at_most(ms, plain, DASHBOARD_FACTOR)
    return [Line("dashboard", f"{ms:.0f} ms = {ms / plain:.2f} × plain SQL", "≤ 500 ms, ≤ 3 ×", ok,
                 f"the same figures as {r['statements']} plain SQL statements over the base tables (no caches)"
                 f" {plain:.0f} ms; CPU {r['refresh_cpu_ms']:.0f} vs {r['plain_cpu_ms']:.0f} ms; the refresh's own"
                 f" {r['replay_statements']} statements (cache reads) replayed {r['replay_ms']:.0f} ms; first refresh"
                 f" after every village changed {r['cold_ms']:.0f} ms; {r['villages']} villages, {r['members']:,}"
                 f" members on the roster; median of {max(cfg.rounds, 3)}", quiet=True)]


# ---------------------------------------------------------------------------------------------- pdf

def pdf_bench(cfg: Config) -> list[Line]:
    r = in_child("suite:child_pdf", 200 if cfg.quick else 1000, 40, cfg.rounds)
    ratio = r["product_rate"] / r["base_rate"]
    return [Line("pdf", f"{r['product_rate']:.0f} pages/s = {ratio:.0%} of minimal reportlab", f"≥ {PDF_SHARE:.0%}",
                 at_least(r["product_rate"], r["base_rate"], PDF_SHARE),
                 f"{r['members']} member forms, {r['product_pages']} pages in {r['product_s']:.2f} s; minimal script"
                 f" {r['base_pages']} pages in {r['base_s']:.2f} s = {r['base_rate']:.0f} pages/s; best of"
                 f" {cfg.rounds}, alternating", quiet=True)]


def child_pdf(members: int, entries: int, rounds: int) -> dict:
    """bench/pdf_bench.py's comparison, as its main() runs it, returning the figures."""
    from datetime import date

    import pdf_bench

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ctx = pdf_bench.make_village(tmp / "bench.db", members, entries, date.today())
        pdf_bench.register_font()
        data = pdf_bench.print_forms.member_form_data(ctx)
        base, product = [], []
        for _ in range(rounds):
            t = time.perf_counter()
            pdf_bench.baseline(data, tmp / "baseline.pdf")
            base.append(time.perf_counter() - t)
            t = time.perf_counter()
            pdf_bench.printing.build_member_form(ctx, out=tmp / "product.pdf")
            product.append(time.perf_counter() - t)
        ctx.close()
        n_base, n_product = pdf_bench.pages(tmp / "baseline.pdf"), pdf_bench.pages(tmp / "product.pdf")
    return {"members": members, "base_pages": n_base, "product_pages": n_product, "base_s": min(base),
            "product_s": min(product), "base_rate": n_base / min(base), "product_rate": n_product / min(product)}


# ------------------------------------------------------------------------------------------ startup

def startup_bench(cfg: Config) -> list[Line]:
    import startup_bench as sb

    repeat = 3 if cfg.quick else 7
    with tempfile.TemporaryDirectory(prefix="dangjian-bench-") as tmp:
        tmp = Path(tmp)
        db = sb.make_demo(tmp)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp / "config"),
               "PYTHONPATH": str(sb.ROOT), "PYTHONPYCACHEPREFIX": str(tmp / "pycache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its bytecode (startup_bench's default)
        sb.start_once(sb.BARE, [], env)  # warm-ups, not measured
        sb.start_once(sb.APP, [str(db)], env)
        bare, app = [], []
        for _ in range(repeat):
            bare.append(sb.start_once(sb.BARE, [], env)[0])
            app.append(sb.start_once(sb.APP, [str(db)], env)[0])
    b, a = statistics.median(bare), statistics.median(app)
    return [Line("startup", f"{a * 1000:.0f} ms = {a / b:.2f} × bare PySide6", f"≤ {STARTUP_FACTOR:g} ×",
                 at_most(a, b, STARTUP_FACTOR),
                 f"bare PySide6 window {b * 1000:.0f} ms; demo village, median of {repeat} alternating starts,"
                 " bytecode cached", quiet=True)]


# ------------------------------------------------------------------------------------------- roster

def roster_bench(cfg: Config) -> list[Line]:
    """bench/roster_filter_bench.measure: the 党员 page typing and deleting, table repainting."""
    r = in_child("roster_filter_bench:measure", 10_000)
    return [Line("roster", f"worst keystroke {r['worst_ms']:.1f} ms", f"≤ {ROSTER_MS} ms", r["worst_ms"] <= ROSTER_MS,
                 f"{r['members']:,} members on the 党员 page, typing then deleting each query, table repainting:"
                 f" median {r['median_ms']:.1f} ms; the model alone: worst {r['model_worst_ms']:.1f} ms",
                 quiet=True)]


# ------------------------------------------------------------------------------------------- memory

def memory_bench(cfg: Config) -> list[Line]:
    cached = _district(cfg)
    r = in_child("suite_gui:district_app", str(_imported(cached)))
    peak = r["child_peak_mb"]
    return [Line("memory", f"{peak:.0f} MB peak", f"≤ {MEMORY_MB} MB", peak <= MEMORY_MB,
                 f"district app offscreen on the {cfg.villages}-village district: pages {', '.join(r['pages'])}"
                 f" opened, their jobs waited for, in {r['seconds']:.0f} s"
                 + (f"; problems: {'; '.join(r['problems'])[:200]}" if r["problems"] else ""))]


# ------------------------------------------------------------------------------------------- growth

def growth_bench(cfg: Config) -> list[Line]:
    """Import and dashboard at each growth size, against the district's size in rows (the villages
    differ in size: the first ten are smaller than the average). CPU seconds, robust on a shared
    machine; wall-clock figures under them."""
    imports, imports_wall, plain, dash, dash_wall, rows = {}, {}, {}, {}, {}, {}
    for villages in cfg.growth:
        cached = _district(cfg, villages)
        wall, cpu, rows[villages] = timed_import(cached)
        imports[villages], imports_wall[villages] = cpu, wall
        plain[villages] = timed_baseline(cached)
        r = dashboard_figures(_imported(cached), cfg.rounds)
        dash[villages], dash_wall[villages] = r["refresh_cpu_ms"] / 1000, r["refresh_ms"] / 1000
    rule = f"each step ≤ {GROWTH_SLACK:g} × the step in rows"
    return [Line("growth-import", growth_text(imports, "s CPU", rows), rule, grows_linearly(imports, rows),
                 "wall: " + growth_text(imports_wall, "s", rows) + "; plain executemany of the same rows"
                 " (the import line's baseline): " + growth_text(plain, "s CPU", rows)),
            Line("growth-dashboard", growth_text(dash, "s CPU", rows), rule, grows_linearly(dash, rows),
                 "wall: " + growth_text(dash_wall, "s", rows))]


#: name → (bench, target text for an error line), in the order a full run measures them
BENCHES = {
    "import": (import_bench, f"≥ {IMPORT_SHARE:.0%} of executemany"),
    "export": (export_bench, "≤ 8 KB, ≤ 500 ms"),
    "growth": (growth_bench, "no faster than linear"),
    "dashboard": (dashboard_bench, "≤ 500 ms, ≤ 3 × plain SQL"),
    "memory": (memory_bench, f"≤ {MEMORY_MB} MB"),
    "pdf": (pdf_bench, f"≥ {PDF_SHARE:.0%} of minimal reportlab"),
    "startup": (startup_bench, f"≤ {STARTUP_FACTOR:g} × bare PySide6"),
    "roster": (roster_bench, f"≤ {ROSTER_MS} ms a keystroke"),
}
