"""Backups in the app: made automatically on a thread of their own, listed and restored in
File ▸ Backups.

:class:`BackupScheduler` backs the journal up when the app opens it and it changed since the
newest backup, then every 30 minutes while it keeps changing, and when asked ("Back up now").
Backups read the journal through their own SQLite connection on their own thread, so typing
and saving never wait for one. :class:`BackupsDialog` lists the backups (time, reason,
entries) with Restore, Reveal in Folder and Back Up Now; a restore runs on the window's task
runner (no other database work runs meanwhile) and the window then shows the restored journal.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from imgjournal import backups, paths
from imgjournal.backups import BackupInfo, RestoreResult

if TYPE_CHECKING:
    from imgjournal.ui.main_window import MainWindow

log = logging.getLogger(__name__)

CHECK_EVERY_MS = 60_000  # how often the app asks whether a backup is due
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def when_text(created: datetime, now: datetime | None = None) -> str:
    """``today 14:02``, ``yesterday 09:10`` or ``6 Dec 2026 14:02``, in local time."""
    local = created.astimezone()
    today = (now or datetime.now().astimezone()).date()
    clock = local.strftime("%H:%M")
    days = (today - local.date()).days
    if days == 0:
        return f"today {clock}"
    if days == 1:
        return f"yesterday {clock}"
    return f"{local.day} {local:%b %Y} {clock}"


REASONS = {
    "open": "journal opened",
    "interval": "while writing",
    "manual": "Back Up Now",
    "before-restore": "before a restore",
    "before-import": "before an import",
    "before-empty-trash": "before emptying the trash",
}


def reason_text(reason: str) -> str:
    """What a backup's reason means to the user (``before-0007``: before an update)."""
    if reason in REASONS:
        return REASONS[reason]
    if reason.startswith("before-") and reason[7:11].isdigit():
        return "before an update"
    return reason.replace("-", " ")


def size_text(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{max(1, size // 1000)} kB"


class BackupScheduler(QObject):
    """Makes backups of one journal folder, one at a time, off the UI thread."""

    made = Signal(object)  # BackupInfo
    failed = Signal(str)  # one sentence
    finished = Signal()  # a backup job ended (made, failed or nothing to do)

    def __init__(self, home: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.home = home
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(lambda: self.run("interval"))
        self.last_error: str | None = None

    def start(self) -> None:
        """Back up now if the journal changed since the newest backup; then check each minute."""
        self.run("open")
        self._timer.start()

    def stop(self) -> None:
        """No new backups; wait for one under way to finish (the app is quitting)."""
        self._timer.stop()
        thread = self._thread
        if thread is not None:
            thread.join()

    @property
    def running(self) -> bool:
        """Started (checking each minute)."""
        return self._timer.isActive()

    @property
    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def newest(self) -> BackupInfo | None:
        return backups.newest_verified(self.home)

    def run(self, reason: str) -> bool:
        """Start a backup for ``reason`` (``open``, ``interval`` or ``manual``) on its thread.

        ``open`` and ``interval`` back up only when needed; ``manual`` always does. False when
        one is already under way.
        """
        with self._lock:
            if self.busy:
                return False
            self._thread = threading.Thread(
                target=self._work, args=(reason,), name="imgjournal-backup", daemon=True
            )
            self._thread.start()
        return True

    def _work(self, reason: str) -> None:
        from imgjournal.errors import JournalError

        try:
            due = {
                "open": lambda: backups.changed_since_backup(self.home),
                "interval": lambda: backups.backup_due(self.home),
            }.get(reason, lambda: True)
            if due():
                info = backups.create_backup(self.home, reason)
                backups.prune(self.home)
                if not info.verified:
                    raise JournalError(
                        "The newest backup failed its integrity check, so the journal may be "
                        "damaged; run `imgjournal check` and keep the app open meanwhile."
                    )
                self.last_error = None
                self.made.emit(info)
        except JournalError as exc:
            self.last_error = str(exc)
            self.failed.emit(str(exc))
        except Exception as exc:  # a backup must never take the app down
            log.exception("backup failed")
            self.last_error = f"A backup failed unexpectedly ({exc}); the journal is unchanged."
            self.failed.emit(self.last_error)
        finally:
            self.finished.emit()


class BackupsDialog(QDialog):
    """File ▸ Backups: the backups of this journal, newest first."""

    restored = Signal(object)  # RestoreResult

    def __init__(
        self,
        window: MainWindow,
        scheduler: BackupScheduler,
        *,
        ask: Callable[[QWidget, str, str, str], bool],
    ) -> None:
        super().__init__(window)
        self.setObjectName("backupsDialog")
        self.setWindowTitle("Backups")
        self.resize(720, 420)
        self._window = window
        self._scheduler = scheduler
        self._ask = ask
        self.backups: list[BackupInfo] = []

        intro = QLabel(
            "imgjournal backs your journal up when you open it, every 30 minutes while you "
            "write, and before imports, restores and emptying the trash. It keeps every backup "
            "of the last 48 hours, then one a day for 12 days, one a week for 10 weeks and one "
            "a month for 9 months."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("backupsTable")
        self.table.setHorizontalHeaderLabels(["Made", "Why", "Entries", "Size", "Checked"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for col in (0, 2, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        self.status = QLabel()
        self.status.setObjectName("backupsStatus")
        self.status.setWordWrap(True)

        self.back_up_now = QPushButton("Back Up Now")
        self.back_up_now.setObjectName("backUpNow")
        self.back_up_now.clicked.connect(self.make_backup)
        self.reveal = QPushButton("Reveal in Folder")
        self.reveal.setObjectName("revealBackup")
        self.reveal.clicked.connect(self.reveal_selected)
        self.restore = QPushButton("Restore…")
        self.restore.setObjectName("restoreBackup")
        self.restore.clicked.connect(self.restore_selected)
        row = QHBoxLayout()
        for b in (self.back_up_now, self.reveal):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.restore)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(row)
        layout.addWidget(close)

        scheduler.made.connect(self._made)
        scheduler.failed.connect(self._failed)
        scheduler.finished.connect(self._update_buttons)
        self.reload()

    # -- the list ------------------------------------------------------------------------
    def reload(self) -> None:
        self.backups = backups.list_backups(self._scheduler.home)
        self.table.setRowCount(len(self.backups))
        for row, b in enumerate(self.backups):
            cells = (
                when_text(b.created),
                reason_text(b.reason),
                str(b.entries),
                size_text(b.size),
                "ok" if b.verified else "failed",
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(b.path))
                if col in (2, 3):
                    item.setTextAlignment(RIGHT)
                self.table.setItem(row, col, item)
        if self.backups:
            self.table.selectRow(0)
        else:
            self.status.setText(
                f"No backups yet; they will be kept in {paths.backup_dir(self._scheduler.home)}."
            )
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.restore.setEnabled(chosen is not None and chosen.verified)
        self.reveal.setEnabled(chosen is not None)
        busy = self._scheduler.busy
        self.back_up_now.setEnabled(not busy)
        self.back_up_now.setText("Backing Up…" if busy else "Back Up Now")

    # -- actions -------------------------------------------------------------------------
    def make_backup(self) -> None:
        if self._scheduler.run("manual"):
            self.status.setText("Backing up…")
        self._update_buttons()

    def _made(self, info: BackupInfo) -> None:
        self.status.setText(f"Backed up {info.entries} entries ({when_text(info.created)}).")
        self.reload()

    def _failed(self, sentence: str) -> None:
        self.status.setText(sentence)
        self._update_buttons()

    def reveal_selected(self) -> None:
        chosen = self.selected()
        folder = chosen.path.parent if chosen else paths.backup_dir(self._scheduler.home)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def restore_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or not chosen.verified:
            return
        text = (
            f"Put the backup from {when_text(chosen.created)} ({chosen.entries} entries) in "
            "place of your journal? The journal as it is now is kept beside it as "
            "journal.sqlite3.replaced-<time> and backed up first, so this can be undone."
        )
        if not self._ask(self, "Restore backup", text, "Restore"):
            return
        self.restore.setEnabled(False)
        self.status.setText("Restoring…")
        self._window.backup_commands.restore_backup(chosen, self._restored, self._failed)

    def _restored(self, result: RestoreResult) -> None:
        self.status.setText(
            f"Restored the backup from {when_text(result.backup.created)}: "
            f"{result.entries} entries."
        )
        self.reload()
        self.restored.emit(result)


def restore_into(window: MainWindow, info: BackupInfo) -> RestoreResult:
    """Runs on the task runner: close the journal's connections, restore, check, reopen."""
    from imgjournal.services.journals import open_journal

    journal = window.journal
    journal.close()  # its connections reopen on first use, on the restored file
    result = backups.restore_backup(journal.home, info)
    open_journal(journal.home).close()  # brings an older backup's schema up to date
    return result


class BackupCommands:
    """The main window's backup commands (``window.backup_commands``, holding the window)."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window

    def install_backups(self) -> None:
        """The scheduler and the status bar's "Backed up …" label; started by the app."""
        self.w.backups = BackupScheduler(self.w.journal.home, self.w)
        self.w.backup_label = QLabel()
        self.w.backup_label.setObjectName("backupStatus")
        self.w.backup_label.setAccessibleName("Newest backup")
        self.w.backup_label.setContentsMargins(14, 0, 4, 0)
        self.w.statusBar().addPermanentWidget(self.w.backup_label)
        self.w.backups.made.connect(self._backup_made)
        self.w.backups.failed.connect(self._backup_failed)
        self.show_newest_backup()

    def show_newest_backup(self) -> None:
        newest = self.w.backups.newest()
        if newest is None:
            self.w.backup_label.setText("No backup yet")
            self.w.backup_label.setToolTip("A backup is made when the journal changes.")
        else:
            self.w.backup_label.setText(f"Backed up {when_text(newest.created)}")
            self.w.backup_label.setToolTip(f"{newest.entries} entries in {newest.path}")

    def _backup_made(self, _info: BackupInfo) -> None:
        self.show_newest_backup()

    def _backup_failed(self, sentence: str) -> None:
        self.w.backup_label.setText("Backup failed")
        self.w.backup_label.setToolTip(sentence)
        self.w.statusBar().showMessage(sentence, 15000)

    def open_backups(self) -> BackupsDialog:
        dialog = BackupsDialog(self.w, self.w.backups, ask=self.w.ask)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def restore_backup(
        self,
        info: BackupInfo,
        on_done: Callable[[RestoreResult], None],
        on_error: Callable[[str], None],
    ) -> None:
        """Save what is typed, then put ``info`` in place of the journal and show it."""
        from imgjournal.ui import errors as ui_errors

        if not self.w.autosave.flush_and_wait():
            on_error(
                "Your latest changes could not be saved, so nothing was restored: "
                + ui_errors.describe(
                    self.w.autosave.last_error or RuntimeError(), self.w.journal.home
                )
            )
            return

        def done(result: RestoreResult) -> None:
            self.w.autosave.forget()
            self.w.editor.clear()
            self.w.list_panel.reload()
            self.w.refresh()
            self.show_newest_backup()
            self.w.statusBar().showMessage(
                f"Restored the backup from {when_text(result.backup.created)}: "
                f"{result.entries} entries.",
                10000,
            )
            on_done(result)

        def failed(exc: BaseException) -> None:
            log.error("restore failed", exc_info=exc)
            on_error(ui_errors.describe(exc, self.w.journal.home, saving=False))

        self.w.runner.submit(partial(restore_into, self.w, info), done, failed)
