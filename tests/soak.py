"""The kill -9 soak: SIGKILL the real app at random moments while it types (``make soak``).

Not part of ``make test`` (pytest collects only ``test_*.py``). Run as::

    QT_QPA_PLATFORM=offscreen python -m tests.soak [--runs 200] [--seed N] [--max-delay 4]

Each run starts the real app (``tests/ui/typing_app.py``: ``run_app`` with its lock, local
server, task runner and autosave) on ONE journal folder kept for the whole soak, like a user's.
The app makes a new reflection and types a numbered word into the real editor every 20 ms
with QTest, printing ``typed <monotonic time> <words>`` after each word. The soak kills it with
SIGKILL at a random moment: mostly while it types (0 to ``--max-delay`` s after the first
word), some while it is still starting. What the app printed before it died stays in the pipe,
so the soak knows what was typed, and when. Then, before anything else touches the journal:

* ``PRAGMA quick_check`` answers ``ok``;
* the journal opens with the real start-up code (``Journal.open``);
* the entry's saved body is ``w1 w2 ... wk``, a prefix of what was typed, and the first word
  missing was typed at most ``--max-loss`` seconds (default 2) before the kill;
* the next run starts at all: the lock (and any request file) the killed copy left are taken over.

Prints one line per run and a summary (runs, failures, worst loss in seconds); exits 1 if any
run failed.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from imgjournal.sqlite import dbapi as sqlite3

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT_S = 60.0
STARTUP_KILL_SHARE = 0.1  # this share of the runs is killed while the app is still starting


@dataclass
class Run:
    n: int
    killed_at: float = 0.0
    typing_started: bool = False
    entry_id: int | None = None
    typed: list[tuple[float, int]] = field(default_factory=list)  # (monotonic time, words)
    saved_words: int = 0
    loss_s: float = 0.0  # how long before the kill the first missing word was typed
    problems: list[str] = field(default_factory=list)


class Output:
    """The app's stdout, read on a thread: lines are kept, and the first word is signalled."""

    def __init__(self, proc: subprocess.Popen[str], run: Run) -> None:
        self.proc = proc
        self.run = run
        self.started = threading.Event()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            parts = line.split()
            if len(parts) == 2 and parts[0] == "entry":
                self.run.entry_id = int(parts[1])
            elif len(parts) == 3 and parts[0] == "typed":
                self.run.typed.append((float(parts[1]), int(parts[2])))
                self.started.set()
        self.started.set()  # the app is gone (killed, or it failed to start)

    def join(self) -> None:
        self._thread.join(10)


def start_app(home: Path, settings_dir: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    env.pop("IMGJOURNAL_HOME", None)
    return subprocess.Popen(
        [sys.executable, "-m", "tests.ui.typing_app", str(home), str(settings_dir)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def one_run(n: int, home: Path, settings_dir: Path, rng: random.Random, args) -> Run:
    run = Run(n)
    proc = start_app(home, settings_dir)
    out = Output(proc, run)
    try:
        if rng.random() < STARTUP_KILL_SHARE:
            time.sleep(rng.uniform(0.0, 1.5))  # the kill moment: during start-up
        else:
            if not out.started.wait(START_TIMEOUT_S) or not run.typed:
                run.problems.append(
                    f"the app did not start typing within {START_TIMEOUT_S:.0f} s "
                    f"(exit code {proc.poll()}; a lock left by the last run?)"
                )
            else:
                time.sleep(rng.uniform(0.0, args.max_delay))  # the kill moment: while typing
        run.killed_at = time.monotonic()
        if proc.poll() is not None and not run.problems:
            run.problems.append(f"the app exited by itself with {proc.returncode}")
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(30)
        out.join()
    run.typing_started = bool(run.typed)
    check_journal(run, home, args.max_loss)
    return run


def check_journal(run: Run, home: Path, max_loss: float) -> None:
    """What a killed copy left: a whole database, and all but the last seconds of typing."""
    db = home / "journal.sqlite3"
    if not db.exists():
        if run.entry_id is not None:
            run.problems.append("the journal file is gone")
        return
    con = sqlite3.connect(db)
    try:
        result = con.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        result = [(f"error: {exc}",)]
    finally:
        con.close()
    if result != [("ok",)]:
        run.problems.append(f"quick_check: {result[:3]}")
        return

    from imgjournal.db import Journal
    from imgjournal.errors import JournalError
    from imgjournal.services import entries

    try:
        journal = Journal.open(home)
    except JournalError as exc:
        run.problems.append(f"the journal does not open: {exc}")
        return
    try:
        if run.entry_id is None:
            return  # killed before the entry was made: a whole database is all there is to ask
        body = entries.get_entry(journal, run.entry_id).body
    except Exception as exc:  # noqa: BLE001 - reported as a failed run
        run.problems.append(f"cannot read entry {run.entry_id}: {exc}")
        return
    finally:
        journal.close()

    words = body.split()
    k = len(words)
    run.saved_words = k
    if words != [f"w{i}" for i in range(1, k + 1)]:
        run.problems.append(f"the saved text is not a prefix of what was typed: {body[:80]!r}")
        return
    last = run.typed[-1][1] if run.typed else 0
    if k > last + 1:  # one word may be typed after its report was printed, not more
        run.problems.append(f"{k} words saved but only {last} typed")
        return
    missing = [t for t, words_so_far in run.typed if words_so_far == k + 1]
    run.loss_s = max(run.killed_at - missing[0], 0.0) if missing else 0.0
    if run.loss_s > max_loss:
        run.problems.append(
            f"lost {run.loss_s:.2f} s of typing (saved {k} of {last} words), more than "
            f"{max_loss:.1f} s"
        )


def summary(runs: list[Run], elapsed: float) -> str:
    typing = [r for r in runs if r.typing_started]
    losses = [r.loss_s for r in typing]
    failed = [r for r in runs if r.problems]
    lines = [
        f"soak: {len(runs)} runs in {elapsed:.0f} s, {len(failed)} failed; "
        f"{len(typing)} killed while typing, {len(runs) - len(typing)} while starting",
    ]
    if losses:
        lines.append(
            f"loss of typing at the kill: worst {max(losses):.2f} s, median "
            f"{statistics.median(losses):.2f} s, 95th percentile "
            f"{sorted(losses)[int(0.95 * (len(losses) - 1))]:.2f} s; "
            f"words saved per run up to {max(r.saved_words for r in typing)}"
        )
    for r in failed[:20]:
        lines.append(f"run {r.n}: " + "; ".join(r.problems))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.soak", description=__doc__.split("\n")[0])
    p.add_argument("--runs", type=int, default=200, help="how many kills (default 200)")
    p.add_argument("--seed", type=int, help="random seed (default: a new one, printed)")
    p.add_argument(
        "--max-delay", type=float, default=4.0, help="latest kill after typing starts, s"
    )
    p.add_argument("--max-loss", type=float, default=2.0, help="typing that may be lost, s")
    p.add_argument("--dir", type=Path, help="keep the journal here (default: a temporary one)")
    args = p.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1 << 31)
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="imgjournal-soak-") as tmp:
        base = args.dir or Path(tmp)
        home, settings_dir = base / "journal", base / "settings"
        from imgjournal.db import Journal

        Journal.open(home).close()
        print(f"soak: {args.runs} runs on {home}, seed {seed}", flush=True)
        runs: list[Run] = []
        began = time.monotonic()
        for n in range(1, args.runs + 1):
            run = one_run(n, home, settings_dir, rng, args)
            runs.append(run)
            state = "FAIL " + "; ".join(run.problems) if run.problems else "ok"
            when = f"typing, lost {run.loss_s:.2f} s" if run.typing_started else "starting"
            print(
                f"run {n}: killed while {when}; {run.saved_words} words saved; {state}", flush=True
            )
        print(summary(runs, time.monotonic() - began), flush=True)
    return 1 if any(r.problems for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
