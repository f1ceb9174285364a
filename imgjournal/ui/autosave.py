"""Autosave: commit edits about a second after typing pauses and at least every 1.5 seconds.

The controller knows nothing about widgets: it is told that something changed
(:meth:`note_change`), asks a ``snapshot`` callable for the current values when it is time to
save, and hands them to ``save`` on the task runner. The guarantee it gives: once typing
pauses for ``delay_ms``, or ``max_interval_ms`` after the first unsaved change while typing
goes on, the text is committed (SQLite ``synchronous=FULL``), so a crash or power cut loses
at most the last ``max_interval_ms`` plus the time one commit takes.

A failed save (full disk, read-only folder, locked database) keeps the change pending and is
retried every ``retry_ms``; the text stays in the editor meanwhile. Each save is one
transaction, so a failed one leaves the journal as the last good save left it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from imgjournal.ui.taskrunner import Runner, TakeChanges

log = logging.getLogger(__name__)

DEFAULT_DELAY_MS = 1000
DEFAULT_MAX_INTERVAL_MS = 1500  # + one commit and a busy event loop stays under 2 s lost
DEFAULT_RETRY_MS = 5000

SAVED, SAVING, EDITED, NOT_SAVED = "Saved", "Saving…", "Edited", "Not saved"


class AutosaveController(QObject):
    state_changed = Signal(str)  # one of SAVED, SAVING, EDITED, NOT_SAVED
    saved = Signal(object)  # what ``save`` returned
    failed = Signal(object)  # the exception; once per streak of failures
    error = Signal(object)  # the exception; every failure (the cause may change meanwhile)
    recovered = Signal()  # a save succeeded after failures

    def __init__(
        self,
        runner: Runner,
        save: Callable[[Any], Any],
        snapshot: Callable[[], Any | None],
        *,
        key: Callable[[Any], Any] = lambda snap: getattr(snap, "entry_id", None),
        delay_ms: int = DEFAULT_DELAY_MS,
        max_interval_ms: int = DEFAULT_MAX_INTERVAL_MS,
        retry_ms: int = DEFAULT_RETRY_MS,
        take_changes: TakeChanges | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._take_changes = take_changes  # a save's changes go out on runner.changed
        self._save = save
        self._snapshot = snapshot
        self._key = key
        # Snapshots whose save failed, by key: retried until they reach the disk, even after
        # the editor moved on to another entry.
        self.unsaved: dict[Any, Any] = {}
        self.last_error: BaseException | None = None
        self._revision = 0  # bumped by every change
        self._saved_revision = 0  # the newest revision known to be on disk
        self._failing = False
        self._state = SAVED
        self._idle = self._timer(delay_ms)
        self._max = self._timer(max_interval_ms)  # the ceiling holds whatever the delay
        self._retry = self._timer(retry_ms)
        self.saves = 0  # successful saves, for tests and diagnostics
        self._closed = False
        self._paused = False  # the window is locked: the journal is closed, nothing is saved

    def _timer(self, ms: int) -> QTimer:
        t = QTimer(self)
        t.setSingleShot(True)
        t.setInterval(ms)
        t.timeout.connect(self.flush)
        return t

    # -- settings ------------------------------------------------------------------------
    def set_delay(self, delay_ms: int) -> None:
        """The pause after which a save follows (the ceiling while typing stays as it is)."""
        self._idle.setInterval(delay_ms)

    @property
    def delay_ms(self) -> int:
        return self._idle.interval()

    @property
    def max_interval_ms(self) -> int:
        return self._max.interval()

    # -- state ---------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self._revision != self._saved_revision or bool(self.unsaved)

    @property
    def failing(self) -> bool:
        return self._failing

    @property
    def state(self) -> str:
        return self._state

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)

    # -- input ---------------------------------------------------------------------------
    def note_change(self) -> None:
        """Something the user typed or chose; a save follows soon."""
        self._revision += 1
        self._idle.start()
        if not self._max.isActive():
            self._max.start()
        if not self._failing:
            self._set_state(EDITED)

    def forget(self, key: Any = None) -> None:
        """Drop pending changes without saving (the entry was deleted for good)."""
        self._stop_timers()
        self._saved_revision = self._revision
        if key is None:
            self.unsaved.clear()
        else:
            self.unsaved.pop(key, None)
        if not self.unsaved:
            self._failing = False
            self._set_state(SAVED)

    # -- saving --------------------------------------------------------------------------
    def _stop_timers(self) -> None:
        self._idle.stop()
        self._max.stop()
        self._retry.stop()

    def close(self) -> None:
        """No more saves (the window is gone); what was not saved is dropped."""
        self._stop_timers()
        self._closed = True

    def pause(self) -> None:
        """Save nothing until :meth:`resume` (the window is locked and its journal closed);
        what could not be saved before stays in memory and is saved on resume."""
        self._stop_timers()
        self._paused = True

    def resume(self) -> None:
        self._paused = False
        if self.dirty:
            self.flush()

    def flush(self) -> None:
        """Save now what changed (the saves run on the task runner)."""
        self._stop_timers()
        if self._closed or self._paused:
            return
        current = None
        if self._revision != self._saved_revision:
            current = self._snapshot()
            if current is None:
                self._saved_revision = self._revision
        rev = self._revision
        todo = [s for k, s in self.unsaved.items() if current is None or k != self._key(current)]
        if current is not None:
            todo.append(current)
        if not todo:
            return
        if not self._failing:
            self._set_state(SAVING)
        for snap in todo:
            self._submit(snap, rev if snap is current else None)

    def _submit(self, snap: Any, rev: int | None) -> None:
        save = self._save
        self._runner.submit(
            lambda: save(snap),
            lambda result: self._done(snap, rev, result),
            lambda exc: self._error(snap, rev, exc),
            take_changes=self._take_changes,
        )

    def flush_and_wait(self, timeout: float = 30.0) -> bool:
        """Save now and wait until it is on disk (closing, quitting); True when nothing is lost."""
        self.flush()
        self._runner.wait_idle(timeout)
        return not self.dirty

    def _done(self, snap: Any, rev: int | None, result: Any) -> None:
        self.saves += 1
        k = self._key(snap)
        if rev is not None or self.unsaved.get(k) is snap:
            # The editor's latest values (or the very snapshot that failed) are on disk.
            self.unsaved.pop(k, None)
        if rev is not None:
            self._saved_revision = max(self._saved_revision, rev)
        if self._failing and not self.unsaved:
            self._failing = False
            self.last_error = None
            self.recovered.emit()
        self.saved.emit(result)
        if not self.dirty:
            self._set_state(SAVED)
        elif not self._idle.isActive() and not self._max.isActive() and not self._failing:
            self._max.start()

    def _error(self, snap: Any, rev: int | None, exc: BaseException) -> None:
        log.warning("autosave failed: %s", exc, exc_info=exc)
        self.unsaved[self._key(snap)] = snap
        if rev is not None:
            # The snapshot is kept in ``unsaved``; the editor's revision counts as handed over.
            self._saved_revision = max(self._saved_revision, rev)
        self.last_error = exc
        first = not self._failing
        self._failing = True
        self._set_state(NOT_SAVED)
        if not self._retry.isActive() and not self._paused:
            self._retry.start()
        if first:
            self.failed.emit(exc)
        self.error.emit(exc)
