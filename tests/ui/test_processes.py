"""Two processes on one journal: a second copy of the app, and the command line next to it.

The first copy is a real app process (tests/ui/app_process.py); the second is a real
``python -m imgjournal``. Each gets the same temporary journal folder and settings folder.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from imgjournal.db import Journal

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and paths")


def _env(tmp_path: Path, home: Path) -> dict[str, str]:
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT),
        IMGJOURNAL_HOME=str(home),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )


class Lines:
    """The stdout lines of a process, read on a thread so a test can wait with a timeout."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc
        self._q: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._q.put(line.strip())
        self._q.put(None)

    def wait_for(self, word: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self._q.get(timeout=max(deadline - time.monotonic(), 0.01))
            except queue.Empty:
                raise AssertionError(f"the app did not print {word!r} in {timeout} s") from None
            if line is None:
                raise AssertionError(f"the app exited ({self.proc.poll()}) before {word!r}")
            if line == word:
                return


@pytest.fixture
def first_copy(tmp_path):
    """The first copy of the app, running on a fresh journal; stopped with SIGTERM after."""
    home = tmp_path / "journal"
    Journal.open(home).close()
    env = _env(tmp_path, home)
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.app_process", str(home)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    lines = Lines(proc)
    try:
        lines.wait_for("ready")
        yield home, env, proc, lines
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)


def test_two_processes_a_second_copy_brings_the_first_window_forward(first_copy):
    home, env, first, lines = first_copy
    started = time.monotonic()
    second = subprocess.run(
        [sys.executable, "-m", "imgjournal"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    took = time.monotonic() - started
    assert second.returncode == 0, second.stderr
    assert second.stderr.strip() == f"imgjournal is already open on {home}; switched to it."
    assert took < 15, f"the second copy took {took:.1f} s to leave"
    # The first window is back: no longer minimized, and the active window again.
    lines.wait_for("front", timeout=10)
    assert first.poll() is None, "the first copy must keep running"
    # The first copy still owns the lock: the second never became a writer.
    from imgjournal.ui.app import LOCK_FILENAME

    assert (home / LOCK_FILENAME).read_text().split()[0] == str(first.pid)
