"""The one-time upgrade that rebuilds a journal's search index, behind a progress dialog.

A journal written by an older version is brought to this version's schema when it opens
(``db.migrate``). An upgrade across a revision that rebuilds the search index
(``imgjournal.migrations.REBUILDS_INDEX``) takes seconds at 50,000 entries, so the app runs it
on a worker thread behind a small modal dialog instead of freezing its start; the window opens
when it is done. The migration backs the journal up first and runs in one transaction, so a
failure leaves the journal as it was, and says so in one sentence.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QThread
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QProgressDialog, QWidget

from imgjournal import cipher, health
from imgjournal.errors import JournalError

log = logging.getLogger(__name__)

UPGRADE_TEXT = "Updating the search index of your journal… this happens once."


class UpgradeThread(QThread):
    """Opens (so upgrades) the journal at ``home`` and closes it again; what it raised is kept
    in ``error`` for the main thread. The window then opens the upgraded journal itself, so
    no connection made here is used by another thread."""

    def __init__(self, home: Path) -> None:
        super().__init__()
        self.home = home
        self.error: BaseException | None = None

    def run(self) -> None:
        from imgjournal.services.journals import open_journal

        try:
            open_journal(self.home, always_check=True).close()
        except BaseException as exc:  # noqa: BLE001 - raised again on the main thread
            self.error = exc


class UpgradeDialog(QProgressDialog):
    """A busy bar and one line, no Cancel: an upgrade half done cannot be stopped (it is one
    transaction, and ends by itself). Escape and the close button do nothing until it is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("indexUpgrade")
        self.setWindowTitle("imgjournal")
        self.setLabelText(UPGRADE_TEXT)
        self.setCancelButton(None)
        self.setRange(0, 0)  # indeterminate: SQLite's rebuild does not report how far it is
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumWidth(420)
        self.finished_work = False

    def finish(self) -> None:
        self.finished_work = True
        self.accept()

    def reject(self) -> None:
        if self.finished_work:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.finished_work:
            super().closeEvent(event)
        else:
            event.ignore()


def upgrade_with_progress(home: Path) -> None:
    """Upgrade the journal at ``home`` on a worker thread while :class:`UpgradeDialog` shows;
    return when it is done. A journal that does not open raises what opening it raises
    (``JournalProblem``, ``PassphraseNeeded``: the caller asks what to do, as for any open; a
    ``JournalError`` of one sentence as it is); an upgrade that failed raises
    :class:`JournalError`, one sentence saying the journal was left as it was."""
    dialog = UpgradeDialog()
    worker = UpgradeThread(home)
    worker.finished.connect(dialog.finish)  # queued: delivered inside exec() below
    log.info("upgrading %s: rebuilding its search index", home)
    worker.start()
    dialog.exec()
    worker.wait()
    dialog.deleteLater()
    exc = worker.error
    if exc is None:
        log.info("upgraded %s", home)
        return
    if isinstance(exc, health.JournalProblem | cipher.PassphraseNeeded):
        raise exc
    if isinstance(exc, JournalError) and exc.__cause__ is None:
        raise exc  # said on purpose, in one sentence (a read-only journal, a backup refused)
    log.error("upgrading %s failed", home, exc_info=exc)
    reason = str(exc).strip().rstrip(".") or type(exc).__name__
    if reason[:1].isupper() and reason[1:2].islower():  # "Cannot open ..." goes on the sentence
        reason = reason[0].lower() + reason[1:]
    raise JournalError(
        "The search index of your journal could not be updated, so the journal was left as "
        f"it was: {reason}."
    ) from exc
