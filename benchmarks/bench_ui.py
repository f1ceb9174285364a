"""The desktop window's speed targets (issue 3), over the 50,000-entry journal.

- start-up to a usable window: from launching a new process to the window showing the first
  page of entries, ≤ 1 s (median of a few starts, each a fresh process);
- search as you type: from a keystroke in the search field to the list showing the new
  results, p95 ≤ 50 ms, typing the queries below one letter at a time (the real window, the
  real task runner, offscreen).

The window runs in a child process (``python -m benchmarks.bench_ui --child HOME``) so the
start-up includes Python, Qt and the journal opening, as a user sees it.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.harness import Context, Row, percentile

# What a user types to find a story again, one letter at a time.
TYPED_QUERIES = (
    "troponin",
    "sepsis",
    "handoff",
    "delirium",
    "chest pain",
    "interpreter",
    "goals of care",
    "insulin",
    "presentation",
    "visa",
)
START_LIMIT_S = 1.0
KEYSTROKE_LIMIT_MS = 50.0
ROOT = Path(__file__).resolve().parent.parent


# ---- the child: a real window ---------------------------------------------------------------


def _child(home: Path, settings_dir: Path, search: bool) -> int:
    t_start = time.perf_counter()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QSettings, QTimer

    from imgjournal.services.journals import open_journal
    from imgjournal.ui.app import acquire_lock, make_application
    from imgjournal.ui.main_window import MainWindow
    from imgjournal.ui.settings import AppSettings
    from imgjournal.ui.taskrunner import TaskRunner

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings_dir))
    app = make_application(sys.argv[:1])
    settings = AppSettings()
    settings.last_view = "all"
    lock = acquire_lock(home)
    journal = open_journal(home, always_check=True)  # as run_app: the quick check runs
    runner = TaskRunner()
    window = MainWindow(journal, runner, settings, install_extras=False)
    window.show()  # as run_app does; the interview prep menu follows after the first paint
    panel = window.list_panel

    def wait_for(condition, timeout_s: float = 10.0) -> bool:  # noqa: ANN001
        deadline = time.perf_counter() + timeout_s
        loop = QEventLoop()
        timer = QTimer()
        timer.setInterval(1)
        timer.timeout.connect(
            lambda: (condition() or time.perf_counter() > deadline) and loop.quit()
        )
        timer.start()
        if not condition():
            loop.exec()
        timer.stop()
        return condition()

    wait_for(lambda: panel.model.rowCount() > 0)
    app.processEvents()  # paint
    print(json.dumps({"ready": time.perf_counter() - t_start}), flush=True)
    wait_for(lambda: window.overview is not None)
    print(json.dumps({"overview": time.perf_counter() - t_start}), flush=True)

    if search:
        samples: list[float] = []
        for query in TYPED_QUERIES:
            for i in range(1, len(query) + 1):
                done = {"at": None}

                def on_loaded(done=done) -> None:  # noqa: ANN001
                    done["at"] = time.perf_counter()

                panel.model.loaded.connect(on_loaded)
                generation = panel.model.generation
                t0 = time.perf_counter()
                panel.search.setText(query[:i])  # as a keystroke does: textChanged
                if panel.model.generation != generation:  # else nothing to fetch (a space)
                    wait_for(lambda done=done: done["at"] is not None)
                app.processEvents()  # the view repaints with the new rows
                t1 = time.perf_counter()
                panel.model.loaded.disconnect(on_loaded)
                samples.append((t1 - t0) * 1000)
            panel.search.clear()
            wait_for(lambda: not runner.is_busy())
        print(json.dumps({"keystrokes_ms": samples}), flush=True)

    window.close()
    runner.shutdown()
    journal.close()
    lock.unlock()
    return 0


# ---- the parent: run(ctx) -----------------------------------------------------------------


def _start(home: Path, settings_dir: Path, search: bool) -> tuple[float | None, dict]:
    """Wall-clock seconds from launching the child to its window being usable, and its report."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "benchmarks.bench_ui", "--child", str(home), str(settings_dir)]
    if search:
        cmd.append("--search")
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    ready_at = None
    report: dict = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        data = json.loads(line)
        if "ready" in data and ready_at is None:
            ready_at = time.perf_counter() - t0
        report.update(data)
    proc.wait(300)
    if proc.returncode != 0:
        err = proc.stderr.read() if proc.stderr else ""
        raise RuntimeError(f"the window process failed ({proc.returncode}): {err[-400:]}")
    return ready_at, report


def run(ctx: Context) -> list[Row]:
    n = f"{ctx.entries:,}"
    try:
        import PySide6  # noqa: F401
    except ImportError:
        why = "PySide6 is not installed"
        return [
            Row.missing(f"UI start-up to a usable window ({n} entries)", "≤ 1 s", why),
            Row.missing("UI search-as-you-type update p95", "≤ 50 ms", why),
        ]
    home = ctx.copy_home("ui-journal")
    settings_dir = ctx.fresh_dir("ui-settings")
    starts = 1 if ctx.quick else 3
    times: list[float] = []
    inside: list[float] = []
    report: dict = {}
    for i in range(starts):
        last = i == starts - 1
        seconds, rep = _start(home, settings_dir, search=last)
        if seconds is not None:
            times.append(seconds)
        if rep.get("ready"):
            inside.append(rep["ready"])
        if last:
            report = rep
    rows: list[Row] = []
    start = statistics.median(times) if times else None
    in_process = statistics.median(inside) if inside else None
    rows.append(
        Row.at_most(
            f"UI start-up to a usable window ({n} entries)",
            START_LIMIT_S,
            None if start is None else round(start, 3),
            "s",
            (
                f"median of {len(times)} fresh processes, {in_process:.2f} s of it after the "
                f"interpreter started; load average {os.getloadavg()[0]:.1f} on "
                f"{os.cpu_count()} cores"
            )
            if in_process
            else "",
        )
    )
    if report.get("overview"):
        rows.append(
            Row.info("UI sidebar counts loaded (after start)", round(report["overview"], 3), "s")
        )
    samples = report.get("keystrokes_ms") or []
    if samples:
        p95 = percentile(samples, 95)
        rows.append(
            Row.at_most(
                "UI search-as-you-type update p95",
                KEYSTROKE_LIMIT_MS,
                round(p95, 1),
                "ms",
                f"{len(samples)} keystrokes over {len(TYPED_QUERIES)} queries; median "
                f"{statistics.median(samples):.1f} ms, max {max(samples):.0f} ms",
            )
        )
    else:
        rows.append(
            Row.missing("UI search-as-you-type update p95", "≤ 50 ms", "no keystroke measured")
        )
    return rows


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "--child":
        sys.exit(_child(Path(sys.argv[2]), Path(sys.argv[3]), "--search" in sys.argv[4:]))
    print("usage: python -m benchmarks.run --only ui", file=sys.stderr)
    sys.exit(2)
