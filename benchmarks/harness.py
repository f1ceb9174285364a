"""What benchmark modules share: the result row, the context they run in, timing helpers.

A benchmark module is ``benchmarks/bench_<name>.py`` with ``run(ctx: Context) -> list[Row]``;
``python -m benchmarks.run`` finds it, runs it and puts its rows in the one table.
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from imgjournal import sqlite


class Row(NamedTuple):
    """One line of the results table.

    ``target`` is what is required, as shown ("≤ 20 ms", "≥ 150 pages/s"; "" for a reference
    figure); ``measured`` is None when the metric could not be measured (``note`` says why);
    ``passed`` is None for reference figures that have no target.
    """

    name: str
    target: str
    measured: float | None
    unit: str
    passed: bool | None
    note: str = ""

    @classmethod
    def at_most(
        cls, name: str, limit: float, measured: float | None, unit: str, note: str = ""
    ) -> Row:
        passed = None if measured is None else measured <= limit
        return cls(name, f"≤ {_num(limit)} {unit}", measured, unit, passed, note)

    @classmethod
    def at_least(
        cls, name: str, limit: float, measured: float | None, unit: str, note: str = ""
    ) -> Row:
        passed = None if measured is None else measured >= limit
        return cls(name, f"≥ {_num(limit)} {unit}", measured, unit, passed, note)

    @classmethod
    def info(cls, name: str, measured: float | None, unit: str, note: str = "") -> Row:
        return cls(name, "", measured, unit, None, note)

    @classmethod
    def missing(cls, name: str, target: str, why: str) -> Row:
        """A metric that could not be measured in this run (not a pass, not hidden)."""
        return cls(name, target, None, "", None, why)


@dataclass
class Context:
    """Everything a benchmark module gets.

    ``home`` is the cached journal with ``entries`` entries: treat it as read-only (take
    ``copy_home()`` to change anything). ``export_file`` is that journal as an imgjournal JSON
    export; ``markdown_dir`` holds the first 5,000 of its entries as Markdown notes and
    ``jrnl_file`` all of them as a jrnl journal. ``tmp`` is a scratch folder removed after the
    run. ``quick`` asks for fewer repetitions (development runs).
    """

    home: Path
    export_file: Path
    jrnl_file: Path
    markdown_dir: Path
    tmp: Path
    data_dir: Path
    entries: int
    seed: int
    quick: bool = False

    def fresh_dir(self, name: str) -> Path:
        """A new, empty folder under ``tmp`` (a new journal home, an output folder)."""
        path = self.tmp / name
        n = 1
        while path.exists():
            n += 1
            path = self.tmp / f"{name}-{n}"
        path.mkdir(parents=True)
        return path

    def copy_home(self, name: str = "journal-copy") -> Path:
        """A private copy of the cached journal that a benchmark may change.

        Copied the way a backup copies a journal (``backups.copy_consistent``), not by a copy
        of that code here.
        """
        from imgjournal import backups, paths

        dest = self.fresh_dir(name)
        backups.copy_consistent(paths.db_path(self.home), paths.db_path(dest))
        return dest

    def imgjournal_command(self, *args: str, home: Path | None = None) -> list[str]:
        """The installed ``imgjournal`` command (falls back to ``python -m imgjournal``)."""
        script = Path(sys.executable).with_name("imgjournal")
        cmd = [str(script)] if script.exists() else [sys.executable, "-m", "imgjournal"]
        return [*cmd, "--home", str(home or self.home), *args]


# ---- timing --------------------------------------------------------------------------------


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds ``fn()`` took, and what it returned."""
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def percentile(samples: Sequence[float], p: float) -> float:
    """The ``p``-th percentile (0–100) with linear interpolation, like numpy's default."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    k = (len(ordered) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def run_process(
    cmd: Sequence[str], *, env: dict[str, str] | None = None, cwd: Path | None = None
) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    """Wall-clock seconds for a whole process (start-up included), and its result."""
    t0 = time.perf_counter()
    proc = subprocess.run(
        list(cmd), env=env, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True, check=False
    )
    return time.perf_counter() - t0, proc


def median_ms(fn: Callable[[], Any], n: int) -> tuple[float, list[float]]:
    """The median of ``n`` timed calls of ``fn`` in milliseconds, and every time."""
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), times


def median_process_time(
    cmds: Sequence[Sequence[str]], *, env: dict[str, str] | None = None, warmup: int = 1
) -> tuple[float, list[subprocess.CompletedProcess[bytes]]]:
    """Median wall-clock seconds over ``cmds`` (each run once, after ``warmup`` untimed runs)."""
    for cmd in list(cmds)[:warmup]:
        run_process(cmd, env=env)
    times, procs = [], []
    for cmd in cmds:
        seconds, proc = run_process(cmd, env=env)
        times.append(seconds)
        procs.append(proc)
    return statistics.median(times), procs


# ---- the machine ---------------------------------------------------------------------------


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def speed_probe() -> float:
    """Seconds a fixed pure-Python loop takes (best of 3): how fast this machine is right now.

    A shared virtual machine's speed drifts by a third from one minute to the next; the probe,
    taken before and after the benchmarks, says which kind of minute a table was measured in.
    """
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        total = 0
        for i in range(2_000_000):
            total += i
        best = min(best, time.perf_counter() - t0)
    return best


def machine() -> dict[str, str]:
    """What the numbers were measured on."""
    cpu = platform.processor() or platform.machine()
    for line in _read("/proc/cpuinfo").splitlines():
        if line.lower().startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    logical = os.cpu_count() or 0
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = logical
    cores = f"{usable} usable" + (f" of {logical}" if logical != usable else "")
    ram = ""
    for line in _read("/proc/meminfo").splitlines():
        if line.startswith("MemTotal:"):
            ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
            break
    os_name = platform.platform()
    for line in _read("/etc/os-release").splitlines():
        if line.startswith("PRETTY_NAME="):
            os_name = f"{line.split('=', 1)[1].strip(chr(34))} ({platform.system()} "
            os_name += f"{platform.release()})"
            break
    info = {
        "CPU": cpu,
        "Cores": cores,
        "RAM": ram or "unknown",
        "OS": os_name,
        "Python": f"{platform.python_version()} ({platform.python_implementation()})",
        "SQLite": sqlite.sqlite_version,
    }
    try:
        from importlib.metadata import version

        info["SQLAlchemy"] = version("SQLAlchemy")
        info["jrnl"] = version("jrnl")
    except Exception:  # noqa: BLE001 - jrnl is optional (the bench extra)
        info.setdefault("jrnl", "not installed")
    commit = _git_commit()
    if commit:
        info["imgjournal commit"] = commit
    return info


def _git_commit() -> str:
    if not shutil.which("git"):
        return ""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
            cwd=Path(__file__).resolve().parent.parent,
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=False,
            cwd=Path(__file__).resolve().parent.parent,
        )
    except OSError:
        return ""
    commit = out.stdout.strip()
    return f"{commit} (with local changes)" if commit and dirty.stdout.strip() else commit


# ---- the table -----------------------------------------------------------------------------


def _num(value: float) -> str:
    if value == int(value) and abs(value) >= 1:
        return f"{int(value):,}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}" if abs(value) >= 0.1 else f"{value:.3f}"


def format_measured(row: Row) -> str:
    if row.measured is None:
        return "not measured"
    return f"{_num(row.measured)} {row.unit}".strip()


def _result(row: Row) -> str:
    if row.passed is None:
        return "—" if row.measured is not None or not row.target else "**not run**"
    return "pass" if row.passed else "**FAIL**"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table(rows: Sequence[Row]) -> str:
    lines = [
        "| Metric | Target | Measured | Result | Notes |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        cells = (r.name, r.target or "—", format_measured(r), _result(r), r.note)
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines)


def machine_lines(info: dict[str, str]) -> str:
    return "\n".join(f"- **{k}:** {v}" for k, v in info.items())
