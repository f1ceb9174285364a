"""Showing what other programs wrote: the command line may add entries while the app is open.

:class:`ExternalChangeWatcher` asks :func:`imgjournal.services.changes.data_version` on the task
runner about once a second (one tiny pragma, no disk read) and emits ``changed`` when another
connection committed since the last look. The window then reloads its lists and counts, and
leaves the entry being edited alone.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from imgjournal.db import Journal
from imgjournal.ui.services import changes
from imgjournal.ui.taskrunner import Ops, Runner

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_MS = 1000


class ExternalChangeWatcher(QObject):
    changed = Signal()  # another process committed to the journal

    def __init__(
        self,
        journal: Journal,
        runner: Runner,
        *,
        interval_ms: int = DEFAULT_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops = Ops(journal, runner)
        self._last: int | None = None
        self._asking = False
        self.checks = 0  # answers received (for tests and diagnostics)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        """Look now, then once a second. The first answer is the baseline; it comes after the
        first view's loads (the runner keeps order), so a commit made after them is noticed."""
        self._timer.start()
        self.check()

    def stop(self) -> None:
        self._timer.stop()

    def restart(self) -> None:
        """Start again on new connections (after the window was locked): a new connection's
        counter is not comparable with the old one's, so the first answer is a new baseline."""
        self._last = None
        self.start()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def check(self) -> None:
        """Ask for the data version now (the timer calls this); one question at a time."""
        if self._asking:
            return
        self._asking = True
        try:
            self._ops.run(changes.data_version, on_done=self._got, on_error=self._failed)
        except RuntimeError:  # the runner is shut down: the app is closing
            self._asking = False
            self.stop()

    def _got(self, version: int) -> None:
        self._asking = False
        self.checks += 1
        last, self._last = self._last, version
        if last is not None and version != last and self._timer.isActive():
            log.info("another program changed the journal; reloading the lists")
            self.changed.emit()

    def _failed(self, exc: BaseException) -> None:
        # A journal that cannot be read shows its error where it is used; nothing to add here.
        self._asking = False
        log.debug("cannot read the data version: %s", exc)
