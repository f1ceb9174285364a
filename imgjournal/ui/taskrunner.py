"""Database work off the UI thread: one worker thread, results delivered on the main thread.

Anki's ``taskman`` idea: every query or save is a plain function of the journal that runs on a
single worker thread (so writes never race each other and run in the order they were asked),
and its result or error comes back to a callback on the main thread through a queued signal.

Tests swap in :class:`SyncRunner`, which runs the task at once on the calling thread (Picard's
``FakeThreadPool`` idea), so a test needs no waiting to see the result of a click.

Changes, not reloads (Anki's ``OpChanges``): :class:`Ops` runs a service call of the journal on
the runner and, after its callback, emits :attr:`TaskRunner.changed` with what the call
committed (:class:`imgjournal.opchanges.Changes`). Views subscribe to that signal and reload
only when it touches what they show.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from imgjournal.opchanges import Changes

if TYPE_CHECKING:
    from imgjournal.db import Journal

log = logging.getLogger(__name__)

Task = Callable[[], Any]
OnDone = Callable[[Any], None]
OnError = Callable[[BaseException], None]
TakeChanges = Callable[[], Changes]


@dataclass
class _Job:
    fn: Task
    on_done: OnDone | None
    on_error: OnError | None
    key: str | None = None
    generation: int = 0
    take_changes: TakeChanges | None = None  # asked on the worker once the task has run


class TaskRunner(QObject):
    """Runs tasks one at a time on one worker thread, in submission order.

    ``key``: a task submitted with a key supersedes the earlier tasks with that key that have
    not started yet (search-as-you-type only runs the latest query), and a superseded task's
    result is dropped even if it already ran.
    """

    _finished = Signal(object, object, object, object)  # job, result, error, changes
    busy_changed = Signal(bool)
    # What a task committed, after its callback; emitted even when the callback was dropped
    # (a superseded task) or the task failed part-way, so no view misses a change.
    changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: queue.Queue[_Job | None] = queue.Queue()
        self._latest: dict[str, int] = {}
        self._lock = threading.Lock()
        self._pending = 0  # submitted, callback not yet delivered (drives busy_changed)
        self._unfinished = 0  # submitted, not yet run by the worker
        self._idle = threading.Condition(self._lock)
        self._finished.connect(self._deliver)
        self._thread = threading.Thread(target=self._work, name="imgjournal-db", daemon=True)
        self._thread.start()
        self._closed = False
        self._watched: TakeChanges | None = None

    def watch(self, take_changes: TakeChanges) -> None:
        """Ask ``take_changes`` after every task (the window's journal): any task that writes,
        an op or not, is heard on :attr:`changed`."""
        self._watched = take_changes

    # -- main thread ----------------------------------------------------------------------
    def submit(
        self,
        fn: Task,
        on_done: OnDone | None = None,
        on_error: OnError | None = None,
        *,
        key: str | None = None,
        take_changes: TakeChanges | None = None,
    ) -> None:
        if self._closed:
            raise RuntimeError("the task runner is shut down")
        job = _Job(fn, on_done, on_error, key, take_changes=take_changes or self._watched)
        with self._lock:
            if key is not None:
                job.generation = self._latest.get(key, 0) + 1
                self._latest[key] = job.generation
            self._pending += 1
            self._unfinished += 1
            first = self._pending == 1
        if first:
            self.busy_changed.emit(True)
        self._queue.put(job)

    def run_now(self, fn: Task) -> Any:
        """Run ``fn`` on the worker after everything queued, wait for it and return its result.

        For the few moments that must not return before data is on disk (closing, quitting).
        Callbacks of earlier tasks are delivered before this returns.
        """
        box: dict[str, Any] = {}
        done = threading.Event()

        def job() -> None:
            try:
                box["result"] = fn()
            except BaseException as exc:  # noqa: BLE001 - re-raised on the main thread
                box["error"] = exc
            finally:
                done.set()

        self.submit(job)
        done.wait()
        self.deliver_pending()
        if "error" in box:
            raise box["error"]
        return box.get("result")

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until every submitted task has run; callbacks are then delivered."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._idle:
            while self._unfinished:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._idle.wait(remaining)
        self.deliver_pending()
        return True

    def deliver_pending(self) -> None:
        from PySide6.QtCore import QCoreApplication

        QCoreApplication.sendPostedEvents(self)

    def is_busy(self) -> bool:
        with self._lock:
            return self._pending > 0

    def shutdown(self) -> None:
        """Finish queued tasks, then stop the worker thread."""
        if self._closed:
            return
        self._closed = True
        self._queue.put(None)
        self._thread.join()
        self.deliver_pending()

    def _deliver(
        self, job: _Job, result: Any, error: BaseException | None, changes: Changes | None
    ) -> None:
        with self._lock:
            self._pending -= 1
            idle = self._pending == 0
            stale = job.key is not None and self._latest.get(job.key) != job.generation
        try:
            if stale:
                return
            if error is not None:
                if job.on_error is not None:
                    job.on_error(error)
                else:
                    log.error("background task failed", exc_info=error)
            elif job.on_done is not None:
                job.on_done(result)
        finally:
            if changes:
                self.changed.emit(changes)
            if idle:
                self.busy_changed.emit(False)

    # -- worker thread --------------------------------------------------------------------
    def _is_superseded(self, job: _Job) -> bool:
        with self._lock:
            return job.key is not None and self._latest.get(job.key) != job.generation

    def _work(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            result: Any = None
            error: BaseException | None = None
            changes: Changes | None = None
            if not self._is_superseded(job):
                try:
                    result = job.fn()
                except BaseException as exc:  # noqa: BLE001 - handed to on_error
                    error = exc
                if job.take_changes is not None:
                    changes = job.take_changes()
            # Post the result first, so a waiter woken below finds it to deliver.
            self._finished.emit(job, result, error, changes)
            with self._idle:
                self._unfinished -= 1
                self._idle.notify_all()


class SyncRunner(QObject):
    """A runner for tests: each task runs at once and its callback is called before returning.

    ``changed`` is emitted once the outermost task's callback has returned (a task submitted
    from a callback runs inside it), like the real runner's, which never interrupts a callback.
    """

    busy_changed = Signal(bool)
    changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.calls = 0
        self._watched: TakeChanges | None = None
        self._depth = 0
        self._unsent: Changes | None = None

    def watch(self, take_changes: TakeChanges) -> None:
        self._watched = take_changes

    def submit(
        self,
        fn: Task,
        on_done: OnDone | None = None,
        on_error: OnError | None = None,
        *,
        key: str | None = None,
        take_changes: TakeChanges | None = None,
    ) -> None:
        self.calls += 1
        take_changes = take_changes or self._watched
        self._depth += 1
        try:
            try:
                result = fn()
            except Exception as exc:
                if on_error is None:
                    raise
                on_error(exc)
                return
            if on_done is not None:
                on_done(result)
        finally:
            changes = take_changes() if take_changes is not None else None
            if changes:
                self._unsent = changes if self._unsent is None else self._unsent | changes
            self._depth -= 1
            if self._depth == 0 and self._unsent is not None:
                unsent, self._unsent = self._unsent, None
                self.changed.emit(unsent)

    def run_now(self, fn: Task) -> Any:
        return fn()

    def wait_idle(self, timeout: float | None = None) -> bool:
        return True

    def deliver_pending(self) -> None:
        pass

    def is_busy(self) -> bool:
        return False

    def shutdown(self) -> None:
        pass


Runner = TaskRunner | SyncRunner


class Ops:
    """Service calls of one journal on a runner: ``ops.run(entries.trash_entry, entry_id,
    on_done=...)`` runs ``entries.trash_entry(journal, entry_id)`` on the worker, delivers the
    result (or the error) on the main thread, then emits ``runner.changed`` with what the call
    committed. Reads go through it too (``key`` drops superseded ones); they change nothing.
    """

    def __init__(self, journal: Journal, runner: Runner) -> None:
        self.journal = journal
        self.runner = runner

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: OnDone | None = None,
        on_error: OnError | None = None,
        key: str | None = None,
        **kwargs: Any,
    ) -> None:
        journal = self.journal
        self.runner.submit(
            partial(fn, journal, *args, **kwargs),
            on_done,
            on_error,
            key=key,
            take_changes=journal.take_changes,
        )

    def announce(self, changes: Changes) -> None:
        """Tell every view about changes made elsewhere (another program, a restore)."""
        if changes:
            self.runner.changed.emit(changes)
