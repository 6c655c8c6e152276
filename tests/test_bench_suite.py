"""The benchmark suite (bench/run.py, issue 9) cannot rot silently: its PASS/FAIL rules, its lines,
its exit status, its child processes, and every function it borrows from the owners' bench modules.

No timing is asserted here: the benches print figures, these tests check the machinery around them.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path[:0] = [str(BENCH)]

import run  # noqa: E402
import targets  # noqa: E402
from targets import Line, at_least, at_most, failed, growth_steps, growth_text, grows_linearly  # noqa: E402


def test_a_line_reads_name_measured_target_and_verdict():
    assert Line("pdf", "80 pages/s = 62% of minimal reportlab", "≥ 50%", True).text() == \
        "pdf: 80 pages/s = 62% of minimal reportlab (≥ 50%) PASS"
    assert Line("memory", "512 MB peak", "≤ 400 MB", False).text() == "memory: 512 MB peak (≤ 400 MB) FAIL"


def test_rates_and_times_against_their_baselines():
    assert at_least(33, 100, 0.33) and not at_least(32.9, 100, 0.33)
    assert at_most(1.5, 0.5, 3) and not at_most(1.51, 0.5, 3)


@pytest.mark.parametrize("costs, ok", [
    ({10: 1.0, 100: 10.0, 1000: 100.0}, True),       # linear
    ({10: 2.0, 100: 5.0, 1000: 30.0}, True),         # fixed costs first: per village falls
    ({10: 1.0, 100: 12.5, 1000: 156.25}, True),      # exactly 1.25 × linear at each step
    ({10: 1.0, 100: 10.0, 1000: 130.0}, False),      # the last step 13 × for 10 × more villages
    ({10: 1.0, 100: 100.0, 1000: 1000.0}, False),    # quadratic between 10 and 100
    ({10: 0.0, 100: 1.0}, False),                    # nothing to compare against
    ({}, False),
])
def test_growth_rule_per_step(costs, ok):
    assert grows_linearly(costs) is ok


def test_growth_is_judged_against_the_size_in_rows_when_given():
    rows = {10: 23_466, 100: 262_000}  # the first ten villages are smaller than the average
    assert not grows_linearly({10: 1.0, 100: 13.5})  # 13.5 × the time for 10 × the villages: too fast,
    assert grows_linearly({10: 1.0, 100: 13.5}, rows)  # but for 11.2 × the rows: 1.21 × linear
    assert not grows_linearly({10: 1.0, 100: 14.5}, rows)  # 1.30 × linear
    assert growth_text({10: 1.0, 100: 14.5}, "s", rows) == \
        "10/100 villages (23.5k/262k rows): 1 s → 14.5 s (×14.5 for ×11.2)"


def test_growth_text_shows_each_size_and_step():
    costs = {100: 10.0, 10: 1.0, 1000: 120.0}
    assert [(a, b) for a, b, _r, _s in growth_steps(costs)] == [(10, 100), (100, 1000)]
    assert growth_text(costs, "s") == "10/100/1000 villages: 1 s → 10 s → 120 s (×10.0 for ×10, ×12.0 for ×10)"


def test_a_broken_bench_is_a_failing_line_that_says_where():
    try:
        [][1]
    except IndexError as error:
        line = failed("export", "≤ 8 KB", error)
    assert not line.ok and line.text().startswith("export: error: IndexError: list index out of range at ")
    assert "test_bench_suite.py:" in line.measured


def test_markdown_table_has_a_row_per_line():
    table = targets.markdown([Line("a", "1 | 2", "≤ 3", True, "base"), Line("b", "9", "≤ 3", False)], "Run X")
    rows = table.splitlines()
    assert rows[0] == "Run X" and rows[2].startswith("| line | measured |")
    assert rows[4] == "| a | 1 \\| 2 | ≤ 3 | PASS | base |" and rows[5] == "| b | 9 | ≤ 3 | **FAIL** |  |"


def test_exit_status_and_output_follow_the_lines(monkeypatch, capsys, tmp_path):
    import suite

    def breaks(cfg):
        raise RuntimeError("boom")

    fake = {"good": (lambda cfg: [Line("good", "1 ms", "≤ 2 ms", True, "baseline 1 ms", quiet=True)], "≤ 2 ms"),
            "bad": (lambda cfg: [Line("bad", "3 ms", "≤ 2 ms", False)], "≤ 2 ms"),
            "broken": (breaks, "≤ 5 ms")}
    monkeypatch.setattr(suite, "BENCHES", fake)
    assert run.main(["--only", "good", "--cache", str(tmp_path), "--quick"]) == 0
    out = capsys.readouterr().out
    assert "good: 1 ms (≤ 2 ms) PASS\n    baseline 1 ms\n" in out and "needs a quiet machine" in out
    assert "load at start:" in out and "load at end:" in out and "1 of 1 targets met" in out
    report = tmp_path / "lines.json"
    assert run.main(["--cache", str(tmp_path), "--markdown", "--json", str(report)]) == 1
    out = capsys.readouterr().out
    assert "bad: 3 ms (≤ 2 ms) FAIL" in out and "broken: error: RuntimeError: boom" in out
    assert "| broken | error: RuntimeError: boom" in out and "1 of 3 targets met" in out
    assert [line["ok"] for line in json.loads(report.read_text())] == [True, False, False]
    with pytest.raises(SystemExit, match="unknown bench nosuch"):
        run.main(["--only", "nosuch", "--cache", str(tmp_path)])


def test_sizes_of_a_quick_and_a_full_run(monkeypatch, tmp_path):
    import suite

    seen = []
    monkeypatch.setattr(suite, "BENCHES", {"x": (lambda cfg: seen.append(cfg) or [], "")})
    run.main(["--quick", "--cache", str(tmp_path)])
    run.main(["--cache", str(tmp_path)])
    run.main(["--cache", str(tmp_path), "--villages", "300"])
    assert [(c.villages, c.growth, c.quick) for c in seen] == [
        (50, (10, 25, 50), True), (1000, (10, 100, 1000), False), (300, (10, 100, 300), False)]


def test_a_child_process_returns_its_result_and_peak_memory():
    result = targets.in_child("builtins:dict")
    assert set(result) == {"child_peak_mb"} and 5 < result["child_peak_mb"] < 500
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        targets.in_child("operator:truediv", 1, 0)


def test_a_child_failure_is_told_by_its_exception_not_by_qt_chatter():
    stderr = ("This plugin does not support propagateSizeHints()\nTraceback (most recent call last):\n"
              '  File "x.py", line 3, in <module>\nKeyError: \'worst_ms\'\nThis plugin does not support raise()\n')
    assert targets.why(stderr, 1) == "KeyError: 'worst_ms'"
    assert targets.why("Segmentation fault\n", -11) == "Segmentation fault"
    assert targets.why("", -9) == "exit status -9"


def test_the_command_line_runs():
    done = subprocess.run([sys.executable, str(BENCH / "run.py"), "--only", "nosuch", "--cache", "/nonexistent/x"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0


# What bench/suite.py and bench/district_cache.py borrow from the owners' modules; a rename breaks this.
BORROWED = {
    "sync_bench": ("PASSPHRASE", "SEED", "open_ctx", "time_import", "bundle_rows", "time_executemany"),
    "dashboard_bench": ("measure",),
    "pdf_bench": ("make_village", "baseline", "pages", "register_font", "print_forms", "printing"),
    "startup_bench": ("make_demo", "start_once", "BARE", "APP", "ROOT"),
}


@pytest.mark.parametrize("module", sorted(BORROWED))
def test_borrowed_bench_functions_exist(module):
    loaded = importlib.import_module(module)
    assert [name for name in BORROWED[module] if not hasattr(loaded, name)] == []


def test_the_docs_explain_every_line():
    import suite

    text = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    names = [*suite.BENCHES, "growth-import", "growth-dashboard"]
    assert [name for name in names if f"`{name}`" not in text] == []
    assert "bench/run.py --quick" in text and "bench/run.py --markdown" in text
