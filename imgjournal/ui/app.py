"""Starting the desktop app: the QApplication, the look, the one-copy lock, the window.

``run_app(home)`` is what the command line calls. Only one copy of the app writes to a journal
folder at a time: a ``QLockFile`` in the folder holds the process id of the copy that owns it.
A second copy on the same folder shows a message and stops. A lock left behind by a copy that
crashed or was killed names a process that no longer exists, so the next start removes it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
from collections.abc import Callable
from datetime import UTC
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QElapsedTimer,
    QEventLoop,
    QFileSystemWatcher,
    QLockFile,
    QObject,
    Qt,
    QThread,
    QTimer,
)
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from imgjournal import __version__, health, paths
from imgjournal.errors import JournalError
from imgjournal.services.journals import holds_journal, home_was_given
from imgjournal.ui.theme import apply_appearance

if TYPE_CHECKING:
    from imgjournal.backups import BackupInfo
    from imgjournal.db import Journal
    from imgjournal.ui.settings import AppSettings

log = logging.getLogger(__name__)

LOCK_FILENAME = "imgjournal.lock"
APP_NAME = "imgjournal"


# -- single instance ----------------------------------------------------------------------
class AlreadyRunning(JournalError):
    """Another copy of the app has this journal open."""


def acquire_lock(home: Path) -> QLockFile | None:
    """Lock ``home`` for this process, or raise :class:`AlreadyRunning`.

    ``QLockFile`` writes our pid, host and app name into the lock; a lock whose process is gone
    (a crash, kill -9, power loss) is stale and taken over at once. A read-only folder cannot
    hold a lock, and needs none (no copy can write there): None, and the journal opens to read.
    """
    home.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(home / LOCK_FILENAME))
    lock.setStaleLockTime(0)  # only a dead owner makes a lock stale, not its age
    if lock.tryLock(100):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        info = lock.getLockInfo()  # (pid, host, app) in PySide6; (ok, pid, ...) elsewhere
        pid, host = (info[1], info[2]) if len(info) == 4 else (info[0], info[1])
        if pid and host == _hostname() and not _pid_alive(pid):
            lock.removeStaleLockFile()
            if lock.tryLock(100):
                return lock
        who = f" (process {pid})" if pid else ""
        raise AlreadyRunning(
            f"imgjournal is already open on the journal {home}{who}. Switch to that window, "
            "or close it and start again."
        )
    if not os.access(home, os.W_OK):
        log.warning("the journal folder %s is read-only; opening it without a lock", home)
        return None
    raise JournalError(
        f"Cannot lock the journal folder {home}; check that it is writable, or choose another "
        "folder with --home."
    )


RAISE_FILENAME = ".imgjournal-raise"  # a second copy's request to the first: come forward


class SecondCopyListener(QObject):
    """Watches the journal folder for a second copy's request to come to the front.

    The request is a small file, ``.imgjournal-raise``, that the second copy writes into the
    folder; the first copy (the one holding the lock) removes it and comes forward, and the
    second sees it gone. No socket of any kind: imgjournal never uses Qt's network modules.
    A ``QFileSystemWatcher`` notices the file at once; a poll every half second covers
    folders a watcher cannot follow (network shares).
    """

    def __init__(self, home: Path, bring_to_front: Callable[[], None]) -> None:
        super().__init__()
        self._request = home / RAISE_FILENAME
        self._bring_to_front = bring_to_front
        self._request.unlink(missing_ok=True)  # left by a copy that was killed while asking
        self._watcher = QFileSystemWatcher([str(home)], self)
        self._watcher.directoryChanged.connect(lambda _path: self._check())
        self._poll = QTimer(self)
        self._poll.setInterval(500)
        self._poll.timeout.connect(self._check)
        self._poll.start()

    def _check(self) -> None:
        try:
            self._request.unlink()
        except OSError:
            return  # no request (or not ours to take)
        self._bring_to_front()

    def close(self) -> None:
        self._poll.stop()
        self._watcher.removePaths(self._watcher.directories())


def listen_for_second_copies(home: Path, bring_to_front: Callable[[], None]) -> SecondCopyListener:
    """Bring this copy forward when a second copy asks (only the lock holder listens)."""
    return SecondCopyListener(home, bring_to_front)


def ask_first_copy_to_come_forward(home: Path, timeout_ms: int = 2000) -> bool:
    """True if the copy that has ``home`` open took the request to come to the front."""
    request = home / RAISE_FILENAME
    try:
        request.write_text(f"{os.getpid()}\n", encoding="utf-8")
    except OSError:
        return False
    timer = QElapsedTimer()
    timer.start()
    while timer.elapsed() < timeout_ms:
        # The first copy may be this process (tests): let its watcher run meanwhile.
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if not request.exists():
            return True
        QThread.msleep(10)
    request.unlink(missing_ok=True)
    return False


def bring_window_to_front(window: QWidget) -> None:
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _hostname() -> str:
    from PySide6.QtCore import QSysInfo

    return QSysInfo.machineHostName()


# -- logging ------------------------------------------------------------------------------
def _setup_logging(home: Path) -> None:
    root = logging.getLogger()
    if any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        return
    try:
        handler = RotatingFileHandler(
            paths.log_path(home), maxBytes=1_000_000, backupCount=2, encoding="utf-8"
        )
    except OSError:
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)


# -- signals ------------------------------------------------------------------------------
def quit_on_signals(app: QApplication) -> Callable[[], None]:
    """SIGTERM and SIGINT (Ctrl+C in a terminal, a logout) quit through Qt, which saves first.

    Python runs signal handlers only between bytecodes; a timer gives it a moment to do so
    while Qt's event loop waits. Returns what undoes this (after the event loop).
    """
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    for sig in previous:
        signal.signal(sig, lambda *_: app.quit())
    tick = QTimer(app)
    tick.setInterval(250)
    tick.timeout.connect(lambda: None)
    tick.start()

    def undo() -> None:
        tick.stop()
        tick.deleteLater()
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    return undo


# -- a start-up probe --------------------------------------------------------------------
QUIT_WHEN_SHOWN = "IMGJOURNAL_QUIT_WHEN_SHOWN"


def quit_when_shown(window: QMainWindow) -> None:
    """With ``IMGJOURNAL_QUIT_WHEN_SHOWN`` set, the window closes (saving, unlocking, as when
    the user closes it) as soon as the event loop has shown it: how ``make package-test``
    proves that a bundle's window comes up, without waiting a guessed time."""
    shown = "shown" if window.isVisible() else "NOT shown"
    print(f"imgjournal: window {shown}: {window.windowTitle()}", file=sys.stderr, flush=True)
    window.close()


# -- entry points -------------------------------------------------------------------------
def make_application(argv: list[str] | None = None, appearance: str = "system") -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName("imgjournal")
    app.setApplicationVersion(__version__)
    from imgjournal.ui.icon import APP_ID, app_icon

    app.setDesktopFileName(APP_ID)  # the launcher packaging/linux installs
    app.setWindowIcon(app_icon())
    apply_appearance(app, appearance)
    return app


def _error_dialog(text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, "imgjournal", text)
    box.setObjectName("startupError")
    box.exec()


def choose_home(home: Path) -> Path:
    """``home``, unless it is the default and the user picked another folder in Settings."""
    from imgjournal.ui.settings import AppSettings

    if os.environ.get(paths.ENV_HOME) or home != paths.default_home():
        return home
    chosen = AppSettings().journal_location
    return chosen if chosen else home


# -- a journal that does not open ---------------------------------------------------------
RESTORE, SET_ASIDE_WAL, RETRY, OTHER_FOLDER, QUIT = (
    "restore",
    "set-aside-wal",
    "retry",
    "other-folder",
    "quit",
)


def problem_box(diag: health.Diagnosis, home: Path, backup: BackupInfo | None) -> QMessageBox:
    """The start-up dialog for a journal that does not open: what is wrong, and the ways on
    (restore the newest verified backup, open without a stale -wal, try again, choose another
    journal folder, quit). Each button's objectName is its action."""
    box = QMessageBox(QMessageBox.Icon.Critical, "imgjournal", diag.problem or "")
    box.setObjectName("journalProblem")
    details = []
    if diag.restorable and backup is not None:
        when = backup.created.astimezone(UTC).strftime("%Y-%m-%d %H:%M")
        n = backup.entries
        entries = "1 entry" if n == 1 else f"{n} entries"
        details.append(
            f"The newest verified backup, from {when} UTC, holds {entries}. Restoring it keeps "
            "the current file, renamed journal.sqlite3.damaged-<time>; nothing is deleted."
        )
        b = box.addButton(
            f"Restore the backup of {when} ({entries})", QMessageBox.ButtonRole.AcceptRole
        )
        b.setObjectName(RESTORE)
        box.setDefaultButton(b)
    elif diag.restorable:
        details.append(
            "There is no verified backup of this journal; docs/data-safety.md (“A damaged "
            "journal”) says how to recover what you can with the sqlite3 tool."
        )
    if diag.kind is health.Kind.STALE_WAL:
        b = box.addButton("Open without the leftover file", QMessageBox.ButtonRole.AcceptRole)
        b.setObjectName(SET_ASIDE_WAL)
        details.append(
            "The leftover file is kept, renamed journal.sqlite3-wal.stale-<time>; the journal "
            "opens as it was before it."
        )
    if diag.kind is health.Kind.LOCKED:
        b = box.addButton("Try again", QMessageBox.ButtonRole.AcceptRole)
        b.setObjectName(RETRY)
    b = box.addButton("Choose another journal folder…", QMessageBox.ButtonRole.ActionRole)
    b.setObjectName(OTHER_FOLDER)
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    quit_button.setObjectName(QUIT)
    box.setEscapeButton(quit_button)
    if details:
        box.setInformativeText(" ".join(details))
    return box


def ask_about_problem(diag: health.Diagnosis, home: Path) -> tuple[str, BackupInfo | None]:
    """Show :func:`problem_box` and wait; the action chosen and the backup it offered."""
    from imgjournal.backups import newest_verified

    try:
        backup = newest_verified(home) if diag.restorable else None
    except OSError:
        backup = None
    box = problem_box(diag, home, backup)
    box.exec()
    clicked = box.clickedButton()
    action = clicked.objectName() if clicked is not None else QUIT
    box.deleteLater()
    return (action or QUIT), backup


def choose_folder(current: Path) -> Path | None:
    """Ask for another journal folder; None when the user cancels."""
    from PySide6.QtWidgets import QFileDialog

    chosen = QFileDialog.getExistingDirectory(None, "Choose a journal folder", str(current.parent))
    return Path(chosen) if chosen else None


def unlock(home: Path, settings: AppSettings) -> bool:
    """Ask for the passphrase of the encrypted journal at ``home`` (the keychain first)."""
    from imgjournal.ui.passphrase_dialog import ask_passphrase

    return ask_passphrase(home, settings)


def open_or_ask(home: Path, settings: AppSettings) -> tuple[Journal, Path, QLockFile | None] | None:
    """Lock and open the journal at ``home``; when it does not open, ask what to do until it
    does or the user quits (None). Returns (journal, home, lock)."""
    from imgjournal import cipher
    from imgjournal.services.journals import open_journal, upgrade_rebuilds_index

    while True:
        lock = acquire_lock(home)  # AlreadyRunning / JournalError go to the caller
        try:
            if cipher.needs_key(home) and not unlock(home, settings):
                # Quit, or three wrong passphrases: the journal file was never opened.
                if lock is not None:
                    lock.unlock()
                return None
            if upgrade_rebuilds_index(home):
                # A journal of an older version: its search index is rebuilt once (about 4 s
                # at 50,000 entries) on a worker thread behind a progress dialog.
                from imgjournal.ui.upgrade_dialog import upgrade_with_progress

                upgrade_with_progress(home)
            # The window opens once a day or so: it always runs the quick check (87 ms at
            # 50,000 entries), commands trust the stamp while the file is unchanged.
            return open_journal(home, always_check=True), home, lock
        except cipher.PassphraseNeeded:  # encrypted meanwhile (the key file appeared): ask
            if lock is not None:
                lock.unlock()
            continue
        except health.JournalProblem as exc:
            if lock is not None:
                lock.unlock()
            diag = exc.diagnosis
            log.error("cannot open the journal %s: %s (%s)", home, diag.problem, diag.kind)
            action, backup = ask_about_problem(diag, home)
        except BaseException:
            if lock is not None:
                lock.unlock()
            raise
        if action == RESTORE and backup is not None:
            from imgjournal.backups import restore_backup

            result = restore_backup(home, backup, aside="damaged")
            log.info("restored %s; the damaged file is %s", backup, result.set_aside)
        elif action == SET_ASIDE_WAL:
            health.set_aside_wal(home)
        elif action == OTHER_FOLDER:
            chosen = choose_folder(home)
            if chosen is not None:
                home = chosen
                settings.journal_location = chosen
        elif action != RETRY:
            return None


def read_only_banner(window: QMainWindow, journal: Journal) -> QWidget:
    """A bar across the top of the window: the journal is read-only."""
    from PySide6.QtWidgets import QLabel, QToolBar

    bar = QToolBar("Read-only", window)
    bar.setObjectName("readOnlyBanner")
    bar.setMovable(False)
    label = QLabel(
        f"This journal is read-only: {journal.db_path} or its folder cannot be written; "
        "changes cannot be saved."
    )
    label.setObjectName("readOnlyText")
    label.setWordWrap(True)
    label.setContentsMargins(8, 4, 8, 4)
    bar.addWidget(label)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar


def run_app(home: Path, argv: list[str] | None = None, *, first_run: bool | None = None) -> int:
    """Open the journal at ``home`` in the window and run until it closes; the exit code.

    ``first_run``: show the first-run screen (where the journal lives, encryption, the sample
    journal, import) before the window. None: only when no folder was given (--home,
    IMGJOURNAL_HOME) and the folder holds no journal yet."""
    from imgjournal.private import restrict_umask
    from imgjournal.ui.main_window import MainWindow
    from imgjournal.ui.settings import AppSettings
    from imgjournal.ui.taskrunner import TaskRunner

    restrict_umask()  # the log, settings, backups and PDFs are the user's alone
    app = make_application(argv)
    settings = AppSettings()
    apply_appearance(app, settings.appearance)
    given = home_was_given(Path(home))
    home = choose_home(Path(home))
    if first_run is None:
        first_run = not given and not holds_journal(home)
    start = None
    if first_run and not holds_journal(home):
        from imgjournal.ui.first_run import ask_first_run

        start = ask_first_run(home, settings)
        if start is None:
            return 0  # closed: nothing was made, the screen comes again next time
        home = start.home
    with contextlib.suppress(OSError):
        if home.is_dir():
            _setup_logging(home)
    try:
        opened = open_or_ask(home, settings)
    except AlreadyRunning as exc:
        if ask_first_copy_to_come_forward(home):
            log.info("imgjournal is already open on %s; brought it to the front", home)
            print(f"imgjournal is already open on {home}; switched to it.", file=sys.stderr)
            return 0
        _error_dialog(str(exc))
        return 1
    except JournalError as exc:
        log.error("cannot open the journal: %s", exc)
        _error_dialog(str(exc))
        return 1
    if opened is None:
        return 1
    journal, home, lock = opened
    try:
        with contextlib.suppress(OSError):
            _setup_logging(home)
        runner = TaskRunner()
        try:
            window = MainWindow(journal, runner, settings, install_extras=False)
            if journal.read_only:
                read_only_banner(window, journal)
            window.show()
            if lock is None and not journal.read_only:
                window.statusBar().showMessage(
                    f"The journal folder {home} is read-only: you can read and search, but "
                    "changes cannot be saved there."
                )
            if journal.made_private:
                from imgjournal.private import widened_note

                window.statusBar().showMessage(widened_note(home, journal.made_private), 20000)
            if start is not None and (start.import_path is not None or start.profile):
                from imgjournal.ui.first_run import import_into

                QTimer.singleShot(0, lambda: import_into(window, start))
            server = listen_for_second_copies(home, lambda: bring_window_to_front(window))
            # Features that are not needed for the first look load right after it.
            QTimer.singleShot(0, window.install_interview_prep)
            # The first backup check waits until the window and its lists are up (a read-only
            # journal cannot hold backups).
            if not journal.read_only:
                QTimer.singleShot(2000, window.backups.start)
            app.aboutToQuit.connect(window.finish)
            undo_signals = quit_on_signals(app)
            if os.environ.get(QUIT_WHEN_SHOWN):
                QTimer.singleShot(0, lambda: quit_when_shown(window))
            code = app.exec()
            window.external.stop()
            window.finish()
            window.autosave.close()
            window.backups.stop()
            server.close()
            undo_signals()
            window.deleteLater()
            return code
        finally:
            runner.shutdown()
            journal.close()
    finally:
        if lock is not None:
            lock.unlock()
