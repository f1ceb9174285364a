"""Locked when idle (issue 14): after N idle minutes, or at once with Ctrl+Shift+L, the window
hides all its text behind a lock screen and the journal is closed.

Locking saves what is typed (the answer workspace's draft too), waits for the task runner,
stops the external-change watcher and the backup scheduler, closes every connection of the
journal (``Journal.lock``) and forgets its key, so nothing can be read until the passphrase
is typed again. The other windows of the app (interview prep, entry history) are hidden and
come back on unlock; a modal dialog that was open is cancelled. The menus and the toolbar do
nothing while locked.

A plain (not encrypted) journal has no passphrase: its lock screen hides the text and closes
the database, and "Show the Journal" opens it again — a screen against passers-by, not
protection of the files. The idle lock is off for a plain journal until the user sets it.

The keychain, when the user chose it, only spares the passphrase when the app starts: the lock
screen always asks, or the lock would open for anyone who touches the keyboard.

Activity is any key press, mouse click, mouse move, wheel or touch in any window of the app
(an event filter on the application); the timer restarts on each.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from imgjournal import cipher
from imgjournal.errors import JournalError
from imgjournal.ui.dialog_parts import ErrorLabel
from imgjournal.ui.passphrase_dialog import BusyCursor, password_field

if TYPE_CHECKING:
    from imgjournal.ui.main_window import MainWindow

log = logging.getLogger(__name__)

MINUTE_MS = 60_000

_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class IdleWatcher(QObject):
    """``timed_out`` after ``timeout_ms`` without a key press, click, move or wheel in the app;
    0 never times out."""

    timed_out = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.timed_out)
        self._timeout_ms = 0
        self._paused = False
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def timeout_ms(self) -> int:
        return self._timeout_ms

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def remaining_ms(self) -> int:
        """Milliseconds until the lock (-1 when it is not counting)."""
        return self._timer.remainingTime() if self._timer.isActive() else -1

    def set_timeout_ms(self, ms: int) -> None:
        self._timeout_ms = max(0, int(ms))
        self._restart()

    def pause(self) -> None:
        self._paused = True
        self._timer.stop()

    def resume(self) -> None:
        self._paused = False
        self._restart()

    def close(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def _restart(self) -> None:
        if self._timeout_ms and not self._paused:
            self._timer.start(self._timeout_ms)
        else:
            self._timer.stop()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start(self._timeout_ms)
        return False


WAIT_AFTER = 3  # wrong passphrases the lock screen takes before it makes you wait
MAX_WAIT_S = 300


def wait_seconds(failures: int) -> int:
    """How long the lock screen waits after ``failures`` wrong passphrases in a row: nothing
    for the first three, then 5 s, doubling up to 5 minutes (someone at an unattended computer
    cannot try passphrase after passphrase)."""
    if failures < WAIT_AFTER:
        return 0
    return min(5 * 2 ** (failures - WAIT_AFTER), MAX_WAIT_S)


class LockScreen(QWidget):
    """What the window shows while locked: no text of the journal, a passphrase field."""

    unlock_requested = Signal(str)

    def __init__(self, home: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.home = home
        self.title = QLabel("imgjournal is locked")
        self.title.setObjectName("lockTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explain = QLabel("")
        self.explain.setObjectName("lockExplain")
        self.explain.setWordWrap(True)
        self.explain.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.passphrase = password_field("lockPassphrase", "Passphrase")
        self.passphrase.returnPressed.connect(self._submit)
        self.unlock_button = QPushButton("Unlock")
        self.unlock_button.setObjectName("lockUnlock")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._submit)
        self.hint_button = QPushButton("Show Hint")
        self.hint_button.setObjectName("lockShowHint")
        self.hint_button.setFlat(True)
        self.hint_button.clicked.connect(self._show_hint)
        self.hint = QLabel("")
        self.hint.setObjectName("lockHint")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.hide()
        self.error = ErrorLabel("lockError")
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.failures = 0  # wrong passphrases in a row
        self.wait_left = 0  # seconds before the next try is taken
        self._sentence = ""
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self.count_down)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.passphrase)
        row.addWidget(self.unlock_button)
        row.addStretch(1)
        box = QVBoxLayout()
        box.setSpacing(12)
        box.addWidget(self.title)
        box.addWidget(self.explain)
        box.addLayout(row)
        box.addWidget(self.error)
        box.addWidget(self.hint_button, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addWidget(self.hint)
        inner = QWidget()
        inner.setFixedWidth(520)  # a wrapped label needs a width to measure its height
        inner.setLayout(box)
        lay = QVBoxLayout(self)
        lay.addStretch(2)
        lay.addWidget(inner, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addStretch(3)

    def prepare(self, encrypted: bool) -> None:
        """Empty fields, and the words for an encrypted or a plain journal."""
        self.encrypted = encrypted
        self.passphrase.clear()
        self.passphrase.setVisible(encrypted)
        self.hint_button.setVisible(encrypted)
        self.hint.hide()
        self.error.clear()
        self.failures = self.wait_left = 0
        self._countdown.stop()
        self._hold(False)
        if encrypted:
            self.explain.setText(
                "The journal is closed and its key is forgotten. Type the passphrase to open "
                "it again."
            )
            self.unlock_button.setText("Unlock")
        else:
            self.explain.setText(
                "The journal is hidden and closed. It is not encrypted, so anyone who can read "
                "its folder can read it; Settings ▸ Security encrypts it."
            )
            self.unlock_button.setText("Show the Journal")

    def focus(self) -> None:
        (self.passphrase if self.encrypted else self.unlock_button).setFocus()

    def _submit(self) -> None:
        if self.wait_left > 0:
            return
        if self.encrypted and not self.passphrase.text():
            self.error.setText("Type the passphrase.")
            return
        self.unlock_requested.emit(self.passphrase.text())

    def _show_hint(self) -> None:
        text = cipher.hint(self.home)
        self.hint.setText(f"Hint: {text}" if text else "No hint was set.")
        self.hint.show()

    def refused(self, sentence: str) -> None:
        self.failures += 1
        self.wait_left = wait_seconds(self.failures)
        if self.wait_left:
            self._sentence = sentence
            self._hold(True)
            self._say_wait()
            self._countdown.start()
            return
        self.error.setText(sentence)
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def _say_wait(self) -> None:
        self.error.setText(
            f"{self._sentence} After {self.failures} wrong tries, the next one waits: try again "
            f"in {self.wait_left} s."
        )

    def _hold(self, on: bool) -> None:
        self.passphrase.setEnabled(not on)
        self.unlock_button.setEnabled(not on)

    def count_down(self) -> None:
        """One second of the wait after wrong passphrases has passed."""
        self.wait_left = max(0, self.wait_left - 1)
        if self.wait_left:
            self._say_wait()
            return
        self._countdown.stop()
        self._hold(False)
        self.error.setText(f"{self._sentence} Try again.")
        self.passphrase.selectAll()
        self.passphrase.setFocus()


class WindowLock(QObject):
    """The main window's lock: ``window.screen_lock.lock()`` / ``.unlock(passphrase)``."""

    locked_changed = Signal(bool)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.home = window.journal.home
        self.watcher = IdleWatcher(self)
        self.watcher.timed_out.connect(self._idle)
        self.screen = LockScreen(self.home)
        self.screen.unlock_requested.connect(self.unlock)
        self.locked = False
        self._hidden: list[QWidget] = []
        self._disabled: list[QAction] = []
        self._bars: list[QToolBar] = []
        self._title = ""
        self._watching = self._backing_up = False
        self.apply_settings()

    def minutes(self) -> int:
        return self.window.settings.idle_lock_minutes(cipher.is_encrypted(self.home))

    def apply_settings(self) -> None:
        """Take the idle minutes from the settings (they were changed, or the journal was
        encrypted or decrypted)."""
        self.watcher.set_timeout_ms(self.minutes() * MINUTE_MS)

    def close(self) -> None:
        self.watcher.close()

    def _idle(self) -> None:
        log.info("locking after %d idle minutes", self.minutes())
        self.lock()

    # -- locking -------------------------------------------------------------------------
    def lock(self) -> None:
        w = self.window
        if self.locked or getattr(w, "_closing", False):
            return
        prep = getattr(w, "prep", None)
        if prep is not None:
            prep.finish_editing()
            pw = prep.practice_window
            if pw is not None and pw.phase == "running":
                pw.toggle_timer()  # the answer's clock stops while nobody can answer
        if not w.autosave.flush_and_wait():
            # Kept in memory and saved on unlock; the lock goes on (it protects the text).
            log.warning("locking with changes not saved yet; they are saved on unlock")
        w.runner.wait_idle(30)
        w.autosave.pause()
        self._watching = w.external.active
        self._backing_up = w.backups.running
        w.external.stop()
        w.backups.stop()
        self._hide_other_windows()
        self._disable_commands()
        encrypted = cipher.is_encrypted(self.home)
        w.journal.lock()
        if encrypted:
            cipher.forget(self.home)
        self.screen.prepare(encrypted)
        w.root.setCurrentWidget(self.screen)
        self._title = w.windowTitle()
        w.setWindowTitle("imgjournal — locked")
        self.locked = True
        self.watcher.pause()
        self.screen.focus()
        self.locked_changed.emit(True)

    def _hide_other_windows(self) -> None:
        self._hidden = []
        app = QApplication.instance()
        for top in app.topLevelWidgets() if app is not None else []:
            if top is self.window or not top.isVisible():
                continue
            if isinstance(top, QMenu):
                top.close()
            elif isinstance(top, QDialog) and top.isModal():
                top.reject()  # a question or a small form: asked again after unlocking
            else:
                top.hide()
                self._hidden.append(top)

    def _disable_commands(self) -> None:
        w = self.window
        self._disabled = [a for a in w.findChildren(QAction) if a.isEnabled()]
        for a in self._disabled:
            a.setEnabled(False)
        self._bars = [b for b in w.findChildren(QToolBar) if b.isVisible()]
        for b in self._bars:
            b.hide()
        w.menuBar().setEnabled(False)

    # -- unlocking -----------------------------------------------------------------------
    def unlock(self, passphrase: str = "") -> bool:
        """Open the journal again; False (the lock screen says why) when the passphrase does
        not open it."""
        if not self.locked:
            return True
        w = self.window
        key = None
        if cipher.is_encrypted(self.home):
            try:
                with BusyCursor():
                    key = cipher.unlock(self.home, passphrase)
            except JournalError as exc:  # the wrong passphrase, or a damaged key file
                self.screen.refused(str(exc))
                return False
        w.journal.unlock(key)
        self.locked = False
        self.screen.prepare(bool(key))
        w.root.setCurrentWidget(w.main_split)
        w.setWindowTitle(self._title or w.windowTitle())
        w.menuBar().setEnabled(True)
        for a in self._disabled:
            a.setEnabled(True)
        for b in self._bars:
            b.show()
        for top in self._hidden:
            top.show()
        self._disabled, self._bars, self._hidden = [], [], []
        w.autosave.resume()
        if self._backing_up:
            w.backups.start()
        if self._watching:
            w.external.restart()
        w.reload_external_changes()  # the command line may have written meanwhile
        self.watcher.resume()
        self.locked_changed.emit(False)
        return True
