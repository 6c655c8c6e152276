"""What bench/run.py prints and decides: target lines, the PASS/FAIL rules, child processes.

Kept apart from the measuring (bench/suite.py) so the rules can be tested without running a bench
(tests/test_bench_suite.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
GROWTH_SLACK = 1.25  # a size ten times larger may cost at most 10 × 1.25 times as much


@dataclass
class Line:
    """One target's outcome."""
    name: str
    measured: str
    target: str
    ok: bool
    baseline: str = ""  # the baseline and other figures of the same run, printed under the line
    quiet: bool = False  # a wall-clock comparison: needs a quiet machine

    def text(self) -> str:
        return f"{self.name}: {self.measured} ({self.target}) {'PASS' if self.ok else 'FAIL'}"


@dataclass
class Config:
    cache: Path
    villages: int
    growth: tuple[int, ...]
    quick: bool
    rounds: int = 3


# ---------------------------------------------------------------------------------------------- rules

def at_least(measured: float, baseline: float, share: float) -> bool:
    """measured ≥ share × baseline (rates: higher is better)."""
    return measured >= share * baseline


def at_most(measured: float, baseline: float, factor: float) -> bool:
    """measured ≤ factor × baseline (times: lower is better)."""
    return measured <= factor * baseline


def growth_steps(costs: dict[int, float], sizes: dict[int, float] | None = None) -> list[tuple[int, int, float, float]]:
    """For each pair of consecutive villages counts (a, b): (a, b, cost ratio b/a, size ratio b/a), the
    size being `sizes[n]` (e.g. the rows of the district) or the count itself."""
    sizes = sizes or {n: n for n in costs}
    keys = sorted(costs)
    return [(a, b, costs[b] / costs[a] if costs[a] else float("inf"), sizes[b] / sizes[a])
            for a, b in zip(keys, keys[1:])]


def grows_linearly(costs: dict[int, float], sizes: dict[int, float] | None = None,
                   slack: float = GROWTH_SLACK) -> bool:
    """No faster than linear: at each step to a larger district, the cost grows at most `slack` times
    the growth of the size (the cost per row does not rise by more than a quarter)."""
    return bool(costs) and all(ratio <= size * slack for _a, _b, ratio, size in growth_steps(costs, sizes))


def growth_text(costs: dict[int, float], unit: str, sizes: dict[int, float] | None = None) -> str:
    keys = sorted(costs)
    figures = " → ".join(f"{costs[n]:.3g} {unit}" for n in keys)
    steps = ", ".join(f"×{ratio:.1f} for ×{size:.3g}" for _a, _b, ratio, size in growth_steps(costs, sizes))
    rows = f" ({'/'.join(_short(sizes[n]) for n in keys)} rows)" if sizes else ""
    return f"{'/'.join(map(str, keys))} villages{rows}: {figures} ({steps})"


def _short(n: float) -> str:
    return f"{n / 1e6:.2g}M" if n >= 1e6 else f"{n / 1e3:.3g}k" if n >= 1e3 else f"{n:g}"


def failed(name: str, target: str, error: BaseException) -> Line:
    """A bench that broke: a FAIL line saying what and where (the innermost frame)."""
    detail = "".join(traceback.format_exception_only(type(error), error)).strip().splitlines()[-1]
    frames = traceback.extract_tb(error.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return Line(name, f"error: {detail[:200]}{where}", target, False)


# ------------------------------------------------------------------------------------- child processes

def in_child(target: str, *args, timeout: float = 3600) -> dict:
    """`module:function(*args)` in a fresh interpreter (bench/ on the path, Qt offscreen); returns its
    JSON result with `child_peak_mb`, the child's own peak resident memory (VmHWM, else ru_maxrss)."""
    import tempfile

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(BENCH.parent)}
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen([sys.executable, str(BENCH / "run.py"), "--child", target, json.dumps(args)],
                                stdout=out, stderr=err, env=env, text=True)
        started = time.monotonic()
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > timeout:
                proc.kill()
                os.waitpid(proc.pid, 0)
                raise TimeoutError(f"{target} ran longer than {timeout:.0f} s")
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode != 0 or not stdout.strip():
        raise RuntimeError(f"{target} failed in its process: {why(stderr, proc.returncode)}")
    result = json.loads(stdout.strip().splitlines()[-1])
    hwm = result.pop("_vmhwm_kb", None)  # Linux: ru_maxrss of a child also counts its parent's RSS at fork
    result["child_peak_mb"] = (hwm if hwm is not None else usage.ru_maxrss) / 1024
    return result


def own_peak_kb() -> int | None:
    """This process's own peak resident memory (VmHWM: the memory map's high-water mark, new at exec),
    or None where /proc is missing."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def why(stderr: str, returncode: int) -> str:
    """The line of a child's stderr that says why it failed: the exception, not Qt's chatter."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    raised = [line for line in lines if not line.startswith(("File ", "^", "~")) and
              ("Error" in line.split(":")[0] or "Exception" in line.split(":")[0] or line.startswith("SystemExit"))]
    return (raised or lines or [f"exit status {returncode}"])[-1]


def child_main(target: str, args_json: str) -> int:
    import importlib

    module, function = target.split(":")
    result = getattr(importlib.import_module(module), function)(*json.loads(args_json))
    if isinstance(result, dict):
        result["_vmhwm_kb"] = own_peak_kb()
    print(json.dumps(result, default=str))
    return 0


def markdown(lines: list[Line], header: str) -> str:
    """The run as a markdown table (docs/performance.md keeps the last one)."""
    out = [header, "", "| line | measured | target | result | baseline and notes (same run) |",
           "| --- | --- | --- | --- | --- |"]
    for line in lines:
        cells = [line.name, line.measured, line.target, "PASS" if line.ok else "**FAIL**", line.baseline]
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(out)
