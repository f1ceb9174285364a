"""Locked when idle (issue 14 part 2): the lock screen hides every text, the journal's files
are closed and its key forgotten, the passphrase opens it again; Ctrl+Shift+L locks at once;
the idle minutes come from Settings ▸ Security (10 by default when encrypted, never when not).

Idle time is not waited for: a test shortens the watcher's timeout and waits on the lock."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTextEdit,
    QWidget,
)

from imgjournal import cipher, encryption, paths
from imgjournal.db import Journal
from imgjournal.services import entries
from imgjournal.ui.main_window import MainWindow
from imgjournal.ui.security_page import SecurityPage
from imgjournal.ui.settings import AppSettings

PASS = "correct horse battery"
SECRET = "Troponin rose overnight"
TYPED = "Quokka handover at noon"


def encrypted(home: Path) -> Iterator[Journal]:
    with Journal.open(home) as j:
        entries.create_entry(j, "case", "Chest pain in the ED", body=SECRET + "; cardiology.")
    encryption.encrypt_journal(home, PASS, "the horse")
    cipher.forget_all()
    cipher.unlock(home, PASS)  # what the passphrase dialog does before the window opens
    j = Journal.open(home)
    yield j
    j.close()


@pytest.fixture
def enc_journal(home) -> Iterator[Journal]:
    yield from encrypted(home)


def open_files(db: Path) -> list[str]:
    """The files of the journal this process holds open (Linux: /proc/self/fd)."""
    out = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(db)):
            out.append(target)
    return out


def texts_on_screen(w: MainWindow) -> str:
    """Every text a visible widget of the window (and of every other visible window) shows."""
    parts = [w.windowTitle()]
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        for widget in [top, *top.findChildren(QWidget)]:
            if not widget.isVisible():
                continue
            if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
                parts.append(widget.text())
            elif isinstance(widget, QPlainTextEdit | QTextEdit):
                parts.append(widget.toPlainText())
            elif hasattr(widget, "model") and callable(widget.model) and widget.model():
                m = widget.model()
                for r in range(min(m.rowCount(), 50)):
                    parts.append(str(m.data(m.index(r, 0))))
    return "\n".join(parts)


def press(qtbot, w: MainWindow, key: Qt.Key, mods: Qt.KeyboardModifier) -> None:
    """A key press as the user makes it: to the focused widget of the active window, so the
    window's shortcuts see it."""
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    qtbot.keyClick(QApplication.focusWidget() or w, key, mods)


CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def lock_with_shortcut(qtbot, w: MainWindow) -> None:
    press(qtbot, w, Qt.Key.Key_L, CTRL_SHIFT)
    qtbot.waitUntil(lambda: w.screen_lock.locked)


def unlock_with(qtbot, w: MainWindow, passphrase: str) -> str:
    screen = w.screen_lock.screen
    field = screen.findChild(QLineEdit, "lockPassphrase")
    field.setText(passphrase)
    qtbot.mouseClick(screen.findChild(QPushButton, "lockUnlock"), Qt.MouseButton.LeftButton)
    error = screen.findChild(QLabel, "lockError")
    return error.text() if error.isVisible() else ""


def open_entry_with_secret(qtbot, w: MainWindow) -> None:
    w.go("all")
    qtbot.waitUntil(lambda: w.list_panel.model.rowCount() == 1)
    w.open_entry(w.list_panel.model.ids()[0])
    qtbot.waitUntil(lambda: SECRET in w.editor.body.toPlainText())


# -- the lock ----------------------------------------------------------------------------
def test_idle_time_locks_hides_every_text_and_closes_the_file(
    qtbot, home, enc_journal, make_window
):
    w = make_window(enc_journal)
    open_entry_with_secret(qtbot, w)
    qtbot.keyClicks(w.editor.body, " " + TYPED)  # typed just before going idle: not saved yet
    assert SECRET in texts_on_screen(w)
    assert open_files(paths.db_path(home))

    w.screen_lock.watcher.set_timeout_ms(30)
    qtbot.waitUntil(lambda: w.screen_lock.locked, timeout=5000)

    shown = texts_on_screen(w)
    assert SECRET not in shown and TYPED not in shown and "Chest pain" not in shown
    assert "imgjournal is locked" in shown
    assert w.root.currentWidget() is w.screen_lock.screen
    assert w.journal.locked and cipher.key_for(home) is None
    assert open_files(paths.db_path(home)) == []  # the database is closed
    with pytest.raises(Exception, match="locked"):
        entries.list_entries(w.journal)
    # What was typed was saved before the file closed.
    key = cipher.open_keyfile(cipher.read_keyfile(home), PASS)
    with Journal(home, key=key) as other:
        assert TYPED in entries.list_entries(other)[0].body


def test_the_wrong_passphrase_keeps_it_locked_and_the_right_one_opens_it(
    qtbot, home, enc_journal, make_window
):
    w = make_window(enc_journal)
    open_entry_with_secret(qtbot, w)
    lock_with_shortcut(qtbot, w)
    screen = w.screen_lock.screen
    qtbot.mouseClick(screen.findChild(QPushButton, "lockShowHint"), Qt.MouseButton.LeftButton)
    assert screen.findChild(QLabel, "lockHint").text() == "Hint: the horse"

    assert unlock_with(qtbot, w, "") == "Type the passphrase."
    assert unlock_with(qtbot, w, "not the passphrase") == (
        "The passphrase does not open this journal."
    )
    assert w.screen_lock.locked and w.journal.locked and cipher.key_for(home) is None
    assert SECRET not in texts_on_screen(w)

    assert unlock_with(qtbot, w, PASS) == ""
    assert not w.screen_lock.locked and not w.journal.locked
    assert w.root.currentWidget() is w.main_split
    assert SECRET in w.editor.body.toPlainText()
    # The field is emptied: the passphrase is not left in a widget.
    assert screen.findChild(QLineEdit, "lockPassphrase").text() == ""
    # The window works again: a new entry is saved and found.
    w.actions.new_reflection.trigger()
    qtbot.waitUntil(lambda: w.editor.entry_id is not None and w.editor.entry is not None)
    qtbot.keyClicks(w.editor.body, "After the lock")
    assert w.autosave.flush_and_wait()
    assert {e.body for e in entries.list_entries(w.journal)} >= {"After the lock"}


def test_commands_do_nothing_while_locked(qtbot, home, enc_journal, make_window):
    w = make_window(enc_journal)
    w.go("all")
    qtbot.waitUntil(lambda: w.list_panel.model.rowCount() == 1)
    lock_with_shortcut(qtbot, w)
    assert not w.actions.new_case.isEnabled() and not w.actions.print.isEnabled()
    assert not w.menuBar().isEnabled()
    press(qtbot, w, Qt.Key.Key_N, CTRL)
    press(qtbot, w, Qt.Key.Key_2, CTRL_SHIFT)
    assert w.screen_lock.locked
    unlock_with(qtbot, w, PASS)
    assert w.actions.new_case.isEnabled() and w.menuBar().isEnabled()
    assert len(entries.list_entries(w.journal)) == 1  # nothing was made while locked


def test_other_windows_hide_while_locked_and_come_back(qtbot, home, enc_journal, make_window):
    w = make_window(enc_journal)
    ws = w.prep.open_workspace()
    qtbot.waitUntil(ws.isVisible)
    lock_with_shortcut(qtbot, w)
    assert not ws.isVisible()
    unlock_with(qtbot, w, PASS)
    assert ws.isVisible()


def test_a_change_made_elsewhere_while_locked_shows_after_unlock(
    qtbot, home, enc_journal, make_window
):
    w = make_window(enc_journal)
    w.go("all")
    qtbot.waitUntil(lambda: w.list_panel.model.rowCount() == 1)
    lock_with_shortcut(qtbot, w)
    key = cipher.open_keyfile(cipher.read_keyfile(home), PASS)
    with Journal(home, key=key) as cli:  # the command line, with the passphrase
        entries.create_entry(cli, "reflection", "Written while the window was locked")
    unlock_with(qtbot, w, PASS)
    qtbot.waitUntil(lambda: w.list_panel.model.rowCount() == 2)


def test_activity_anywhere_starts_the_idle_time_again(qtbot, home, enc_journal, make_window):
    w = make_window(enc_journal)
    watcher = w.screen_lock.watcher
    watcher.set_timeout_ms(60_000)
    qtbot.waitUntil(lambda: watcher.remaining_ms() < 59_000)
    qtbot.keyClick(w.editor.body, Qt.Key.Key_A)
    assert watcher.remaining_ms() > 59_500
    qtbot.waitUntil(lambda: watcher.remaining_ms() < 59_000)
    qtbot.mouseClick(w.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(20, 30))
    assert watcher.remaining_ms() > 59_500
    assert not w.screen_lock.locked


# -- a plain journal ---------------------------------------------------------------------
def test_a_plain_journal_has_no_idle_lock_but_ctrl_shift_l_hides_it(
    qtbot, home, journal, sample, make_window
):
    w = make_window(journal)
    assert w.screen_lock.watcher.timeout_ms == 0 and not w.screen_lock.watcher.running
    open_entry = sample["case"].id
    w.go("all")
    qtbot.waitUntil(lambda: w.list_panel.model.rowCount() >= 1)
    w.open_entry(open_entry)
    qtbot.waitUntil(lambda: w.editor.entry_id == open_entry)
    lock_with_shortcut(qtbot, w)
    screen = w.screen_lock.screen
    assert not screen.findChild(QLineEdit, "lockPassphrase").isVisible()
    shown = texts_on_screen(w)
    assert "Chest pain" not in shown and "not encrypted" in shown
    assert open_files(paths.db_path(home)) == [] and journal.locked
    button = screen.findChild(QPushButton, "lockUnlock")
    assert button.text() == "Show the Journal"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not w.screen_lock.locked and w.editor.entry_id == open_entry
    assert entries.get_entry(journal, open_entry).title == "Chest pain in the ED"


# -- the setting -------------------------------------------------------------------------
def test_the_default_minutes_follow_encryption_until_the_user_chooses(tmp_path):
    s = AppSettings.at(tmp_path / "s.ini")
    assert s.idle_lock_minutes(True) == 10 and s.idle_lock_minutes(False) == 0
    s.set_idle_lock_minutes(3)
    assert s.idle_lock_minutes(True) == 3 and s.idle_lock_minutes(False) == 3
    s.set_idle_lock_minutes(10_000)
    assert s.idle_lock_minutes(True) == 240
    s.store.setValue("security/idle_lock_minutes", "soon")
    assert s.idle_lock_minutes(True) == 10  # a damaged value: the default


def test_settings_security_sets_the_idle_minutes_at_once(
    qtbot, home, enc_journal, make_window, settings
):
    w = make_window(enc_journal)
    assert w.screen_lock.watcher.timeout_ms == 10 * 60_000
    page = SecurityPage(w)
    qtbot.addWidget(page)
    spin = page.findChild(QSpinBox, "securityIdleMinutes")
    assert spin.value() == 10
    spin.setValue(2)
    assert w.screen_lock.watcher.timeout_ms == 2 * 60_000 and w.screen_lock.watcher.running
    assert AppSettings.at(Path(settings.store.fileName())).idle_lock_minutes(True) == 2
    spin.setValue(0)
    assert spin.text() == "Never"
    assert w.screen_lock.watcher.timeout_ms == 0 and not w.screen_lock.watcher.running


def test_wrong_passphrases_in_a_row_make_the_next_try_wait(qtbot, home, enc_journal, make_window):
    """Three wrong passphrases are taken as they come; the fourth try waits 5 s, the next 10 s
    (doubling up to 5 minutes), with the field and button off and the seconds said; the right
    passphrase after the wait opens it."""
    from imgjournal.ui.idle_lock import wait_seconds

    assert [wait_seconds(n) for n in range(1, 7)] == [0, 0, 5, 10, 20, 40]
    assert wait_seconds(40) == 300
    w = make_window(enc_journal)
    lock_with_shortcut(qtbot, w)
    screen = w.screen_lock.screen
    field = screen.findChild(QLineEdit, "lockPassphrase")
    button = screen.findChild(QPushButton, "lockUnlock")
    for _ in range(2):
        assert unlock_with(qtbot, w, "wrong") == "The passphrase does not open this journal."
        assert button.isEnabled()
    said = unlock_with(qtbot, w, "wrong")
    assert "try again in 5 s" in said and not button.isEnabled() and not field.isEnabled()
    screen.count_down()  # the timer's seconds, without waiting for them
    assert "try again in 4 s" in screen.error.text()
    for _ in range(4):
        screen.count_down()
    assert button.isEnabled() and field.isEnabled() and "Try again." in screen.error.text()
    said = unlock_with(qtbot, w, "wrong again")
    assert "try again in 10 s" in said and w.screen_lock.locked
    for _ in range(10):
        screen.count_down()
    assert unlock_with(qtbot, w, PASS) == "" and not w.screen_lock.locked
    w.screen_lock.lock()
    assert screen.failures == 0 and button.isEnabled()  # a new lock starts afresh
