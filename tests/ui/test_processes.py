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


# -- the command line writes while the window is open --------------------------------------
def _cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), IMGJOURNAL_HOME=str(home))
    return subprocess.run(
        [sys.executable, "-m", "imgjournal", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _added_id(p: subprocess.CompletedProcess[str]) -> int:
    assert p.returncode == 0, p.stderr
    return int(p.stdout.split()[0])


@pytest.fixture
def live_window(make_window, journal, qtbot):
    """The window on the real worker-thread runner, as the app runs it, with its first load in."""
    from imgjournal.ui.taskrunner import TaskRunner

    w = make_window(journal, TaskRunner())
    qtbot.waitUntil(lambda: w.overview is not None and w.external.checks > 0, timeout=10000)
    return w


def test_two_processes_an_entry_added_by_the_cli_shows_in_the_open_window(live_window, qtbot):
    from imgjournal.ui.sidebar import ALL_DEST, COUNT_ROLE, TODAY

    w = live_window
    assert w.external.active
    w.go(ALL_DEST.key)
    qtbot.waitUntil(lambda: w.pages.currentWidget() is w.browse_split)
    before = w.overview.counts.all
    new_id = _added_id(_cli(w.journal.home, "add", "case", "--title", "Added from the CLI"))
    # Within a few seconds, without a restart: the list, the counts and the sidebar show it.
    qtbot.waitUntil(lambda: w.list_panel.model.row_of(new_id) >= 0, timeout=5000)
    row = w.list_panel.model.row_data(w.list_panel.model.row_of(new_id))
    assert row.title == "Added from the CLI"
    qtbot.waitUntil(lambda: w.overview.counts.all == before + 1, timeout=5000)
    assert w.sidebar._items[ALL_DEST.key].data(COUNT_ROLE) == before + 1

    # The Today page, when it is the one showing, is reloaded too.
    w.go(TODAY)
    qtbot.waitUntil(lambda: w.today.data is not None and w.today.data.counts.all == before + 1)
    _added_id(_cli(w.journal.home, "add", "reflection", "--title", "Second from the CLI"))
    qtbot.waitUntil(lambda: w.today.data.counts.all == before + 2, timeout=5000)


def test_the_apps_own_saves_do_not_count_as_changes_by_another_program(live_window, qtbot):
    w = live_window
    reloads = []
    w.external.changed.connect(lambda: reloads.append(True))
    w.new_entry("reflection")
    qtbot.waitUntil(lambda: w.editor.entry_id is not None)
    saves = w.autosave.saves
    qtbot.keyClicks(w.editor.body, "my own words")
    qtbot.waitUntil(lambda: w.autosave.saves > saves and not w.autosave.dirty, timeout=10000)
    checks = w.external.checks
    w.external.check()
    qtbot.waitUntil(lambda: w.external.checks > checks)
    assert reloads == []


def test_two_processes_cli_adds_while_the_app_autosaves_never_meet_a_locked_database(
    live_window, qtbot
):
    """Two command-line writers add 50 entries while the window types and autosaves."""
    from PySide6.QtCore import QTimer

    from imgjournal.services import entries

    w = live_window
    w.new_entry("reflection")
    qtbot.waitUntil(lambda: w.editor.entry_id is not None)
    failures: list[BaseException] = []
    w.autosave.failed.connect(failures.append)
    reloads: list[bool] = []
    w.external.changed.connect(lambda: reloads.append(True))
    w.editor.body.setFocus()
    typed: list[str] = []

    def type_word() -> None:
        typed.append(f"w{len(typed) + 1}")
        qtbot.keyClicks(w.editor.body, f"{typed[-1]} ")
        # Bursts of ten words, then a pause long enough for the autosave (300 ms) to write.
        typing.setInterval(400 if len(typed) % 10 == 0 else 15)

    typing = QTimer()
    typing.setInterval(15)
    typing.timeout.connect(type_word)
    typing.start()
    saves = w.autosave.saves
    env = dict(os.environ, PYTHONPATH=str(ROOT), IMGJOURNAL_HOME=str(w.journal.home))
    writers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.ui.cli_adds", name, "25"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("first", "second")
    ]
    try:
        qtbot.waitUntil(
            lambda: all(p.poll() is not None for p in writers) and w.autosave.saves > saves + 2,
            timeout=60000,
        )
    finally:
        typing.stop()
        for p in writers:
            if p.poll() is None:
                p.kill()
    outputs = [p.communicate(timeout=10) for p in writers]
    for p, (out, err) in zip(writers, outputs, strict=True):
        assert err == "", err  # no "database is locked", no warning of any kind
        assert p.returncode == 0
        exits = [line for line in out.splitlines() if line.startswith("exit ")]
        assert exits == [f"exit {i} 0" for i in range(1, 26)]
    assert w.autosave.saves > saves + 2, "the app must have saved while the writers ran"
    qtbot.waitUntil(lambda: not w.autosave.dirty, timeout=10000)
    assert failures == []

    # All 50 are in the journal, and so is every word typed meanwhile.
    titles = {r.title for r in entries.list_entries(w.journal)}
    for name in ("first", "second"):
        assert {f"{name} {i}" for i in range(1, 26)} <= titles
    assert entries.get_entry(w.journal, w.stored_id()).body.split() == typed
    # The window reloaded its list meanwhile, and the editor was not disturbed by it.
    assert reloads, "the window must have noticed the other programs' commits"
    assert w.editor.body.toPlainText().split() == typed
    assert w.editor.body.textCursor().atEnd()


def test_a_commit_right_after_the_window_opened_is_not_missed(make_window, journal, qtbot):
    """The first look at the data version is the baseline; a commit made after the first list
    load, before the first tick of the timer, must still show."""
    from imgjournal.services import entries
    from imgjournal.ui.sidebar import ALL_DEST
    from imgjournal.ui.taskrunner import TaskRunner

    w = make_window(journal, TaskRunner())
    w.go(ALL_DEST.key)
    qtbot.waitUntil(lambda: w.pages.currentWidget() is w.browse_split)
    qtbot.waitUntil(lambda: w.list_panel.model.generation > 0 and not w.runner.is_busy())
    with Journal.open(journal.home) as other:  # its own connections: another program to SQLite
        new = entries.create_entry(other, "case", "Written within the first second")
    qtbot.waitUntil(lambda: w.list_panel.model.row_of(new.id) >= 0, timeout=5000)
