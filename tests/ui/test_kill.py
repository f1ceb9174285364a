"""Kill -9 the app while it types: everything but the last ~2 s is in the journal, which opens
cleanly, and the lock the killed copy left behind does not block the next start."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from imgjournal.db import Journal
from imgjournal.services import entries
from imgjournal.sqlite import dbapi as sqlite3

ROOT = Path(__file__).resolve().parents[2]
MARGIN_S = 2.0  # the promise: at most the last 2 s (saves every 1.5 s, plus one commit)


def _start_typing_app(tmp_path):
    """A fresh journal and the app typing into it in a child process (tests/ui/typing_app.py)."""
    home = tmp_path / "journal"
    Journal.open(home).close()
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT),
        XDG_CONFIG_HOME=str(tmp_path / "config"),  # never the user's own settings
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.typing_app", str(home), str(tmp_path / "settings")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    return home, proc


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_while_typing_loses_at_most_the_last_two_seconds(tmp_path):
    home, proc = _start_typing_app(tmp_path)
    typed: list[tuple[float, int]] = []
    entry_id = None
    deadline = time.monotonic() + 60
    try:
        for line in proc.stdout:
            if line.startswith("entry "):
                entry_id = int(line.split()[1])
            elif line.startswith("typed "):
                _, t, n = line.split()
                typed.append((float(t), int(n)))
                # Kill after 3.5 s of typing: at least one save happened while typing went on.
                if typed[-1][0] - typed[0][0] > 3.5:
                    break
            assert time.monotonic() < deadline, "the app did not start typing in time"
        killed_at = time.monotonic()
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(10)
    assert entry_id is not None and typed, "the app never typed"

    # The journal is whole: no corruption, opens with the real start-up code.
    con = sqlite3.connect(home / "journal.sqlite3")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    must_have = max((n for t, n in typed if t <= killed_at - MARGIN_S), default=0)
    assert must_have > 0, "typing too slow to test (machine overloaded?)"
    with Journal.open(home) as journal:
        body = entries.get_entry(journal, entry_id).body
    words = body.split()
    assert words == [f"w{i}" for i in range(1, len(words) + 1)], "saved text is not a prefix"
    assert len(words) >= must_have, (
        f"only {len(words)} words saved, {must_have} were typed more than {MARGIN_S} s before "
        f"the kill (last typed: {typed[-1][1]})"
    )

    # The lock left by the killed copy does not block the next start.
    from imgjournal.ui.app import LOCK_FILENAME, acquire_lock

    assert (home / LOCK_FILENAME).exists()
    lock = acquire_lock(home)
    assert lock.isLocked()
    lock.unlock()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is POSIX")
def test_sigterm_quits_cleanly_and_saves_what_was_typed(tmp_path):
    home, proc = _start_typing_app(tmp_path)
    last = 0
    entry_id = None
    try:
        for line in proc.stdout:
            if line.startswith("entry "):
                entry_id = int(line.split()[1])
            elif line.startswith("typed "):
                last = int(line.split()[2])
                if last >= 20:
                    proc.send_signal(signal.SIGTERM)
                    break
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    with Journal.open(home) as journal:
        # The signal may come before the first autosave: quitting then saves, and so creates,
        # the new entry (the only one in this journal).
        (entry,) = entries.list_entries(journal)
        assert entry_id in (None, entry.id)
        words = entry.body.split()
    # Everything typed before the signal is saved (a word or two may follow before it lands).
    assert len(words) >= last
    from imgjournal.ui.app import LOCK_FILENAME

    assert not (home / LOCK_FILENAME).exists(), "a clean quit releases the lock"
