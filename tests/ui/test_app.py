"""Start-up: run_app, the one-copy lock, errors as dialogs, appearance."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from imgjournal.ui import app as app_module
from imgjournal.ui.app import AlreadyRunning, acquire_lock, run_app
from imgjournal.ui.main_window import MainWindow
from imgjournal.ui.theme import apply_appearance


@pytest.fixture
def dialogs(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(app_module, "_error_dialog", shown.append)
    return shown


def test_run_app_opens_the_window_and_returns_when_it_closes(qtbot, home, isolated_settings):
    seen = []

    def close_it() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        if not windows or not windows[0].isVisible():
            QTimer.singleShot(10, close_it)
            return
        seen.append(windows[0])
        windows[0].actions.new_case.trigger()
        windows[0].close()

    QTimer.singleShot(0, close_it)
    assert run_app(home, []) == 0
    assert seen and (home / "journal.sqlite3").exists()
    assert QApplication.style().name().lower() == "fusion"
    # The lock is released: the next start is not refused.
    acquire_lock(home).unlock()


def test_second_copy_is_refused_with_a_message(qtbot, home, dialogs, isolated_settings):
    lock = acquire_lock(home)
    try:
        with pytest.raises(AlreadyRunning):
            acquire_lock(home)
        assert run_app(home, []) == 1
        assert "already open" in dialogs[0]
    finally:
        lock.unlock()


def test_a_lock_left_by_a_killed_copy_is_taken_over(qtbot, home):
    code = (
        "import sys,time; from pathlib import Path; from imgjournal.ui.app import acquire_lock;"
        f"l=acquire_lock(Path({str(home)!r})); print('locked', flush=True); time.sleep(60)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        with pytest.raises(AlreadyRunning):
            acquire_lock(home)
        proc.kill()  # SIGKILL: no chance to unlock
        proc.wait(10)
        lock = acquire_lock(home)
        assert lock.isLocked()
        lock.unlock()
    finally:
        if proc.poll() is None:
            proc.kill()


def test_a_journal_that_does_not_open_becomes_a_dialog(
    qtbot, tmp_path, monkeypatch, isolated_settings
):
    """A damaged file asks what to do (tests/ui/test_damaged_app.py drives the real dialog)."""
    home = tmp_path / "broken"
    home.mkdir()
    (home / "journal.sqlite3").write_bytes(b"this is not a database at all")
    asked = []
    monkeypatch.setattr(
        app_module,
        "ask_about_problem",
        lambda diag, h: asked.append(diag.problem) or ("quit", None),
    )
    assert run_app(home, []) == 1
    assert "not an imgjournal database" in asked[0]


def test_appearance_follows_the_setting(qapp):
    apply_appearance(qapp, "dark")
    assert qapp.palette().color(qapp.palette().ColorRole.Base).lightness() < 80
    apply_appearance(qapp, "light")
    assert qapp.palette().color(qapp.palette().ColorRole.Base).lightness() > 200
    apply_appearance(qapp, "system")


@pytest.mark.skipif(os.name != "posix", reason="permissions")
def test_open_sample_journal_runs_the_demo_command(monkeypatch):
    calls = []
    from imgjournal.ui import sample

    monkeypatch.setattr(sample.subprocess, "Popen", lambda cmd, **kw: calls.append(cmd))
    assert sample.open_sample_journal()
    assert calls[0][-1] == "demo"


def test_qt_binding_cannot_crash_the_interpreter(qapp):
    """PySide6 6.12.0 on Python 3.11 loses a reference to None per call (see ui/qtguard.py)."""
    from imgjournal.ui import qtguard

    assert sys.getrefcount(None) > 1 << 39 or not qtguard.leaks_references()


def test_a_second_copy_brings_the_first_to_the_front(qtbot, home, dialogs, isolated_settings):
    from imgjournal.ui.app import ask_first_copy_to_come_forward, listen_for_second_copies

    assert not ask_first_copy_to_come_forward(home, 100)
    raised = []
    lock = acquire_lock(home)
    server = listen_for_second_copies(home, lambda: raised.append(True))
    try:
        assert run_app(home, []) == 0  # the second copy: asks, then leaves quietly
        qtbot.waitUntil(lambda: raised == [True])
        assert dialogs == []
    finally:
        server.close()
        lock.unlock()


def test_a_read_only_folder_opens_without_a_lock(tmp_path, monkeypatch):
    from imgjournal.ui import app as app_module

    class NoLock:
        LockError = app_module.QLockFile.LockError

        def __init__(self, path):
            pass

        def setStaleLockTime(self, ms):  # noqa: N802 - Qt's name
            pass

        def tryLock(self, ms):  # noqa: N802 - Qt's name
            return False

        def error(self):
            return self.LockError.PermissionError

    monkeypatch.setattr(app_module, "QLockFile", NoLock)
    monkeypatch.setattr(app_module.os, "access", lambda path, mode: False)
    assert app_module.acquire_lock(tmp_path / "journal") is None
