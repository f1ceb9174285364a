"""Start-up on a journal that does not open: the dialog, its buttons, and what each does.

The dialog is driven for real: a timer finds it once it is shown (modal, in its own event
loop), records what it says and clicks a button, as a user would.
"""

from __future__ import annotations

import errno
import hashlib
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from imgjournal import backups, health, paths
from imgjournal.db import Journal
from imgjournal.services import entries
from imgjournal.ui import app as app_module
from imgjournal.ui.app import run_app
from imgjournal.ui.main_window import MainWindow


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _fill(home: Path, n: int, title: str = "Entry") -> None:
    with Journal.open(home) as j:
        for i in range(n):
            entries.create_entry(j, "reflection", f"{title} {i}", body="text " * 100)


def _damage(home: Path) -> str:
    db = paths.db_path(home)
    raw = bytearray(db.read_bytes())
    raw[:16] = bytes(16)
    db.write_bytes(bytes(raw))
    return _sha(db)


def answer(choices: list[str], seen: list[dict]) -> None:
    """Click ``choices`` in order, one per time the problem dialog shows."""

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if box is not None and box.objectName() != "journalProblem":
            seen.append({"text": f"(another dialog: {box.objectName()})", "buttons": {}})
            box.close()  # e.g. an error from the window: the journal opened without asking
        if not isinstance(box, QMessageBox) or box.objectName() != "journalProblem":
            windows = [
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, MainWindow) and w.isVisible()
            ]
            if windows:  # the journal opened without asking: end the run, the test fails
                seen.append({"text": "(no dialog: the window opened)", "buttons": {}})
                windows[0].close()
                return
            QTimer.singleShot(10, poll)
            return
        buttons = {b.objectName(): b.text() for b in box.buttons()}
        seen.append({"text": box.text(), "info": box.informativeText(), "buttons": buttons})
        choice = choices.pop(0)
        next(b for b in box.buttons() if b.objectName() == choice).click()
        if choices:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)


def close_window_when_shown(found: list[MainWindow]) -> None:
    def poll() -> None:
        windows = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        if not windows:
            QTimer.singleShot(10, poll)
            return
        found.append(windows[0])
        banner = windows[0].findChild(QWidget_type(), "readOnlyBanner")
        windows[0].setProperty("banner", banner.isVisible() if banner else None)
        text = windows[0].findChild(QWidget_type(), "readOnlyText")
        windows[0].setProperty("bannerText", text.text() if text else None)
        windows[0].close()

    QTimer.singleShot(0, poll)


def QWidget_type():  # noqa: N802 - a type, named like one
    from PySide6.QtWidgets import QWidget

    return QWidget


def test_restore_from_the_dialog_sets_the_damaged_file_aside(
    qtbot, home, isolated_settings, monkeypatch
):
    _fill(home, 3)
    backups.create_backup(home, "manual", now=datetime(2026, 12, 6, 14, 2, tzinfo=UTC))
    with Journal.open(home) as j:
        entries.create_entry(j, "reflection", "After the backup")
    damaged = _damage(home)
    seen: list[dict] = []
    found: list[MainWindow] = []
    answer(["restore"], seen)
    close_window_when_shown(found)
    assert run_app(home, []) == 0
    assert found, "the window opened after the restore"
    (dialog,) = seen
    assert "is damaged" in dialog["text"] and str(paths.db_path(home)) in dialog["text"]
    assert dialog["buttons"] == {
        "restore": "Restore the backup of 2026-12-06 14:02 (3 entries)",
        "other-folder": "Choose another journal folder…",
        "quit": "Quit",
    }
    assert "2026-12-06 14:02 UTC, holds 3 entries" in dialog["info"]
    (aside,) = home.glob("journal.sqlite3.damaged-*")
    assert _sha(aside) == damaged  # set aside, byte for byte
    with Journal.open(home) as j:
        titles = sorted(e.title for e in entries.list_entries(j))
    assert titles == ["Entry 0", "Entry 1", "Entry 2"]


def test_quit_leaves_the_damaged_file_as_it_was(qtbot, home, isolated_settings):
    _fill(home, 2)
    damaged = _damage(home)
    seen: list[dict] = []
    answer(["quit"], seen)
    assert run_app(home, []) == 1
    assert set(seen[0]["buttons"]) == {"other-folder", "quit"}  # no backup to offer
    assert "no verified backup" in seen[0]["info"]
    assert _sha(paths.db_path(home)) == damaged
    assert not list(home.glob("journal.sqlite3.damaged-*"))


def test_an_unreadable_folder_gives_a_dialog_and_another_folder_opens(
    qtbot, tmp_path, home, isolated_settings, monkeypatch
):
    """Permission denied on the folder (injected: root reads everything): a dialog, not an
    exit without one; choosing another folder opens the journal there."""
    _fill(home, 1)
    real_lstat = Path.lstat

    def denied(self, *a, **kw):
        if self.parent == home:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_lstat(self, *a, **kw)

    monkeypatch.setattr(Path, "lstat", denied)
    other = tmp_path / "other"
    monkeypatch.setattr(app_module, "choose_folder", lambda current: other)
    seen: list[dict] = []
    found: list[MainWindow] = []
    answer(["other-folder"], seen)
    close_window_when_shown(found)
    assert run_app(home, []) == 0
    assert "not allowed to read the journal folder" in seen[0]["text"]
    assert found and found[0].journal.home == other
    assert paths.db_path(other).exists()
    from imgjournal.ui.settings import AppSettings

    assert AppSettings().journal_location == other


def test_a_stale_wal_is_set_aside_when_the_user_says_so(qtbot, tmp_path, home, isolated_settings):
    _fill(home, 2, "Mine")
    other = tmp_path / "other"
    _fill(other, 1, "Theirs")
    j = Journal.open(other)
    entries.create_entry(j, "reflection", "Theirs, in the -wal")
    wal = health.wal_path(paths.db_path(other)).read_bytes()
    j.close()
    health.wal_path(paths.db_path(home)).write_bytes(wal)
    seen: list[dict] = []
    found: list[MainWindow] = []
    answer(["set-aside-wal"], seen)
    close_window_when_shown(found)
    assert run_app(home, []) == 0
    assert "leftover journal.sqlite3-wal" in seen[0]["text"]
    assert "set-aside-wal" in seen[0]["buttons"]
    (kept,) = home.glob("journal.sqlite3-wal.stale-*")
    assert kept.read_bytes() == wal
    with Journal.open(home) as j:
        assert sorted(e.title for e in entries.list_entries(j)) == ["Mine 0", "Mine 1"]


def test_a_locked_journal_offers_to_try_again(qtbot, home, isolated_settings, monkeypatch):
    import sys

    _fill(home, 1)
    monkeypatch.setattr(health, "BUSY_TIMEOUT_S", 0.2)
    code = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
        "c.execute('PRAGMA locking_mode = EXCLUSIVE'); "
        "c.execute('SELECT count(*) FROM entries').fetchone(); print('holding', flush=True); "
        "sys.stdin.read()"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(paths.db_path(home))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        seen: list[dict] = []
        found: list[MainWindow] = []

        def release_then_retry() -> None:
            holder.stdin.close()
            holder.wait(10)

        answer(["retry", "quit"], seen)
        # After the first answer (retry) the lock is still held: the dialog shows again.
        assert run_app(home, []) == 1
        assert len(seen) == 2
        assert seen[0]["text"].endswith("is in use by another program; close it and try again.")
        assert set(seen[0]["buttons"]) == {"retry", "other-folder", "quit"}
        release_then_retry()
        close_window_when_shown(found)
        assert run_app(home, []) == 0 and found
    finally:
        if holder.poll() is None:
            holder.kill()


def _chattr(flag: str, p: Path) -> bool:
    try:
        return subprocess.run(["chattr", flag, str(p)], capture_output=True).returncode == 0
    except OSError:
        return False


@pytest.mark.parametrize("what", ["folder", "file"])
def test_a_read_only_folder_or_file_opens_with_a_banner(qtbot, home, isolated_settings, what):
    """Read-only for root too: ext4's immutable flag (chattr +i)."""
    _fill(home, 2)
    target = home if what == "folder" else paths.db_path(home)
    if not _chattr("+i", target):
        pytest.skip("chattr +i is not available here")
    try:
        before = _sha(paths.db_path(home))
        found: list[MainWindow] = []
        close_window_when_shown(found)
        assert run_app(home, []) == 0
        assert found[0].property("banner") is True
        assert found[0].property("bannerText").startswith("This journal is read-only: ")
        assert found[0].property("bannerText").endswith("changes cannot be saved.")
        assert _sha(paths.db_path(home)) == before
    finally:
        _chattr("-i", target)


def test_the_app_runs_the_quick_check_even_when_the_stamp_matches(qtbot, home, isolated_settings):
    """Damage that keeps the size, time and inode (the stamp still matches): the commands
    trust the stamp, the app checks anyway."""
    _fill(home, 40)
    db = paths.db_path(home)
    assert health.stamp_matches(home)
    st = db.stat()
    with db.open("r+b") as fh:  # zero two pages in place: same inode, same size
        fh.seek(4096 * 4)
        fh.write(bytes(4096 * 2))
    os.utime(db, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert health.stamp_matches(home)
    damaged = _sha(db)
    seen: list[dict] = []
    answer(["quit"], seen)
    assert run_app(home, []) == 1
    assert "is damaged" in seen[0]["text"]
    assert _sha(db) == damaged
