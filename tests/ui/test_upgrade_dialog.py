"""Opening a journal of an older version through the app's start-up: the search index is
rebuilt on a worker thread behind a progress dialog, then the window opens on it."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QProgressBar

from imgjournal import db as dbmod
from imgjournal import paths
from imgjournal.db import stored_revision
from imgjournal.migrations import HEAD
from imgjournal.sqlite import dbapi as sqlite3
from imgjournal.ui import app as app_module
from imgjournal.ui.app import run_app
from imgjournal.ui.main_window import MainWindow
from imgjournal.ui.upgrade_dialog import UPGRADE_TEXT
from tests.core.test_index_upgrade import old_journal


@pytest.fixture
def gate(monkeypatch):
    """The migration waits until the test opens the gate (seconds at 50,000 entries, here as
    long as the test needs to look at the dialog); it notes the thread it ran on."""
    opened = threading.Event()
    ran_on: list[threading.Thread] = []
    real = dbmod.alembic_upgrade

    def slow_upgrade(engine, revision):  # noqa: ANN001, ANN202
        ran_on.append(threading.current_thread())
        assert opened.wait(15), "the test never opened the gate (a frozen start?)"
        return real(engine, revision)

    monkeypatch.setattr(dbmod, "alembic_upgrade", slow_upgrade)
    yield opened, ran_on
    opened.set()


def _visible(name: str):  # noqa: ANN202
    return [w for w in QApplication.topLevelWidgets() if w.objectName() == name and w.isVisible()]


def _main_window() -> MainWindow | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    return found[0] if found and found[0].isVisible() else None


def test_an_old_journal_opens_behind_a_progress_dialog(
    qtbot, home, gate, isolated_settings, monkeypatch
):
    old_journal(home, "0003")
    errors: list[str] = []
    monkeypatch.setattr(app_module, "_error_dialog", errors.append)
    opened, ran_on = gate
    seen: dict[str, object] = {}
    polls = [0]

    def watch_dialog() -> None:
        # This timer keeps firing while the migration runs: the start is not frozen.
        polls[0] += 1
        dialogs = _visible("indexUpgrade")
        if not dialogs or not ran_on:
            QTimer.singleShot(5, watch_dialog)
            return
        dialog = dialogs[0]
        seen["text"] = dialog.findChild(QLabel).text()
        bar = dialog.findChild(QProgressBar)
        seen["range"] = (bar.minimum(), bar.maximum())
        seen["modal"] = dialog.isModal()
        seen["window while upgrading"] = _main_window()
        seen["revision while upgrading"] = stored_revision(home)
        dialog.close()  # the close button does nothing while the upgrade runs
        qtbot.keyClick(dialog, "\x1b")  # nor does Escape
        seen["still shown"] = dialog.isVisible()
        opened.set()
        QTimer.singleShot(0, watch_window)

    def watch_window() -> None:
        w = _main_window()
        if w is None:
            QTimer.singleShot(10, watch_window)
            return
        try:
            seen["dialog after"] = _visible("indexUpgrade")
            w.go("all")
            qtbot.waitUntil(lambda: len(w.list_panel.model.ids()) == 2)
            w.actions.find.trigger()
            qtbot.keyClicks(w.list_panel.search, "tropon")
            qtbot.waitUntil(lambda: w.list_panel.model.ids() == [1])
            seen["found"] = w.list_panel.model.ids()
        finally:
            w.close()

    QTimer.singleShot(0, watch_dialog)
    assert run_app(home, []) == 0, errors
    assert seen["text"] == UPGRADE_TEXT
    assert seen["range"] == (0, 0)  # a busy bar
    assert seen["modal"] is True
    assert seen["window while upgrading"] is None  # the window waits for the upgrade
    assert seen["revision while upgrading"] == "0003"
    assert seen["still shown"] is True
    assert polls[0] >= 1
    assert ran_on[0] is not threading.main_thread()  # off the UI thread
    assert seen["dialog after"] == []
    assert seen["found"] == [1]
    assert stored_revision(home) == HEAD
    # The migration backed the journal up first.
    assert any(f"before-{HEAD}" in p.name for p in (home / "backups").iterdir())


def test_an_up_to_date_journal_opens_without_the_dialog(
    qtbot, home, isolated_settings, monkeypatch
):
    from imgjournal.services.journals import open_journal

    open_journal(home).close()
    shown = []
    monkeypatch.setattr(
        "imgjournal.ui.upgrade_dialog.upgrade_with_progress", lambda h: shown.append(h)
    )

    def close_it() -> None:
        w = _main_window()
        if w is None:
            QTimer.singleShot(10, close_it)
            return
        w.close()

    QTimer.singleShot(0, close_it)
    assert run_app(home, []) == 0
    assert shown == []


def test_a_failed_upgrade_is_one_sentence_and_leaves_the_journal(
    qtbot, home, isolated_settings, monkeypatch
):
    # A table an upgrade (0007, entry history) creates is there already: the upgrade fails
    # after it has rebuilt the index, and its one transaction is rolled back.
    old_journal(home, "0003", extra_sql="CREATE TABLE revisions (x INTEGER)")
    con = sqlite3.connect(paths.db_path(home))
    (fts_before,) = con.execute("SELECT sql FROM sqlite_master WHERE name='entries_fts'").fetchone()
    con.close()
    shown: list[str] = []
    monkeypatch.setattr(app_module, "_error_dialog", shown.append)
    assert run_app(home, []) == 1
    assert _main_window() is None
    assert _visible("indexUpgrade") == []
    (text,) = shown
    assert text.startswith(
        "The search index of your journal could not be updated, so the journal was left as it "
        "was: cannot open the journal at "
    )
    assert text.endswith(": table revisions already exists.")
    assert text.endswith(".") and text.count(". ") == 0  # one sentence
    assert stored_revision(home) == "0003"
    con = sqlite3.connect(paths.db_path(home))
    (fts_after,) = con.execute("SELECT sql FROM sqlite_master WHERE name='entries_fts'").fetchone()
    count = con.execute("SELECT count(*) FROM entries").fetchone()[0]
    con.close()
    assert fts_after == fts_before and "prefix" in fts_before  # the old index, untouched
    assert count == 2


def test_a_sentence_said_on_purpose_is_shown_as_it_is(qtbot, home, isolated_settings, monkeypatch):
    from imgjournal.errors import JournalError
    from imgjournal.services import journals

    old_journal(home, "0003")
    said = "The journal needs an upgrade, but it is read-only; make it writable and open it again."

    def refuse(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise JournalError(said)

    monkeypatch.setattr(journals, "open_journal", refuse)
    shown: list[str] = []
    monkeypatch.setattr(app_module, "_error_dialog", shown.append)
    assert run_app(home, []) == 1
    assert shown == [said]
    assert stored_revision(home) == "0003"
