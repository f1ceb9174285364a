"""The privacy count an import reports, made fast without changing what is counted.

Every importer's summary says how many possible patient identifiers the privacy checker finds
in what it brought in (:func:`imgjournal.services.privacy.scan_text` on each free-text field,
the journal's allow-list applied). The checker takes about a millisecond per entry, several
times the rest of an import, so the count is made fast in two ways that leave each text's
findings exactly as they are:

- each distinct text is scanned once: titles and tag lists repeat (about half the titles and
  four tag lists in five of the benchmark's jrnl entries);
- a large import (:data:`PARALLEL_FROM` entries or more) is scanned by worker processes, one
  per usable core, started before the entries are written, so the scan runs while the import
  writes. Only on Linux and only in a process with a single thread (the command line): the
  workers are forked, which is cheap (they share the loaded modules), and forking a process
  with other threads (the app, whose import runs on a worker thread) is not safe; there the
  count runs after the write, on one core. The command line forks them even earlier, before
  it reads a large file (:func:`start_workers_early`), so that each loads the checker's data
  while the file is read and checked.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool

Progress = Callable[[int, int], None]  # (done, total)

#: Fewer entries than this are counted in the process itself: starting workers costs more.
PARALLEL_FROM = 1_000
#: Each worker's share is cut into this many pieces, so progress moves and a slow core evens out
#: (the last piece runs while the other cores may have nothing left: small pieces, a short wait).
PIECES_PER_WORKER = 16
#: A file this large is likely to hold PARALLEL_FROM entries: the command line starts the
#: workers before reading it (a jrnl entry takes a few hundred bytes; a smaller file that
#: holds enough entries still gets its workers, when its count starts).
EARLY_FROM_BYTES = 256 * 1024

_early: tuple[ProcessPoolExecutor, int] | None = None  # workers started before their count


def usable_cores() -> int:
    """The cores this process may run on (its affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def can_fork_workers() -> bool:
    """True where forked workers are safe: Linux, and no other thread in this process."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def _fold(phrase: str) -> str:
    # imgjournal.services.privacy.fold, which a worker does not import (it would load the
    # database layer just for this); a test holds the two to the same counts.
    return " ".join(phrase.split()).casefold()


def count_texts(texts: Sequence[str], allow: Sequence[str]) -> list[int]:
    """How many findings the checker makes in each of ``texts`` (what a worker runs): the
    number of :func:`imgjournal.services.privacy.scan_text`'s findings."""
    from imgjournal.deid import scan

    allowed = {_fold(a) for a in allow if a and a.strip()}
    if not allowed:
        return [len(scan(text)) for text in texts]
    return [sum(_fold(f.text) not in allowed for f in scan(text, allowed)) for text in texts]


def load_checker() -> None:
    """Import the checker and load its data (a worker does this first, once)."""
    from imgjournal.deid.data import lexicon
    from imgjournal.deid.engine import find_all

    lexicon()
    find_all("Dr. Ada Lovelace, 12 Elm Street, (415) 555-0134, 3/14/2026")  # first-use costs


def start_workers_early(size_hint: int) -> None:
    """Fork the count's workers now, before a file of ``size_hint`` bytes is read, where a
    count would use them (:func:`start`): each loads the checker while this process reads and
    checks the file. :func:`start` takes them over; :func:`release_early_workers` stops them
    when no count came (the file was smaller than it looked, or it could not be imported)."""
    global _early
    if _early is not None or size_hint < EARLY_FROM_BYTES or not can_fork_workers():
        return
    workers = usable_cores()
    if workers < 2:
        return
    import multiprocessing

    try:
        pool = ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("fork"), initializer=load_checker
        )
        pool.submit(int)  # with fork, the first task starts every worker
    except (OSError, RuntimeError):  # no process to be had; a broken pool is a RuntimeError
        return
    _early = (pool, workers)


def release_early_workers() -> None:
    """Stop the workers :func:`start_workers_early` started if no count took them."""
    global _early
    if _early is not None:
        pool, _workers = _early
        _early = None
        pool.shutdown(wait=True, cancel_futures=True)


def _take_early() -> tuple[ProcessPoolExecutor, int] | None:
    global _early
    early, _early = _early, None
    return early


class Counting:
    """A privacy count under way: :func:`start` begins it, :meth:`result` waits for it.

    ``groups`` holds, for each entry, the texts of its fields. The result is the number of
    findings in all of them and the number of entries with at least one.
    """

    def __init__(
        self,
        groups: Sequence[Sequence[str]],
        allow: Sequence[str],
        progress: Progress | None,
        workers: int,
        pool: ProcessPoolExecutor | None = None,
    ) -> None:
        self.groups = groups
        self.allow = tuple(allow)
        self.progress = progress
        self.distinct = list(dict.fromkeys(t for g in groups for t in g))
        self.workers = workers
        self.parallel = workers > 1  # counted by worker processes
        self._pool: ProcessPoolExecutor | None = pool
        self._pieces: dict[Future[list[int]], list[str]] = {}
        if workers > 1:
            try:
                self._start_workers(workers)
            except (OSError, BrokenProcessPool):  # no process to be had (a limit on
                # processes, no memory), or early workers that died
                self.cancel()
                self._pieces.clear()
                self.parallel = False

    def _start_workers(self, workers: int) -> None:
        import multiprocessing

        if self._pool is None:
            fork = multiprocessing.get_context("fork")
            self._pool = ProcessPoolExecutor(workers, mp_context=fork)
        size = max(1, -(-len(self.distinct) // (workers * PIECES_PER_WORKER)))
        for i in range(0, len(self.distinct), size):
            piece = self.distinct[i : i + size]
            self._pieces[self._pool.submit(count_texts, piece, self.allow)] = piece

    def result(self) -> tuple[int, int]:
        counts: dict[str, int] = {}
        total = len(self.groups)
        if not self.parallel:
            for n, group in enumerate(self.groups, 1):
                fresh = [t for t in group if t not in counts]
                counts.update(zip(fresh, count_texts(fresh, self.allow), strict=True))
                if self.progress is not None and (n % 100 == 0 or n == total):
                    self.progress(n, total)
        else:
            try:
                done = 0
                for future in as_completed(self._pieces):
                    piece = self._pieces[future]
                    try:
                        found = future.result()
                    except BrokenProcessPool:  # a worker died: count its piece here
                        found = count_texts(piece, self.allow)
                    counts.update(zip(piece, found, strict=True))
                    done += len(piece)
                    if self.progress is not None:
                        self.progress(total * done // len(self.distinct), total)
            finally:
                self.cancel()
        per_entry = [sum(counts[t] for t in group) for group in self.groups]
        return sum(per_entry), sum(1 for n in per_entry if n)

    def cancel(self) -> None:
        """Stop the workers (the import failed, or the count is done)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def start(
    groups: Sequence[Sequence[str]],
    allow: Sequence[str],
    progress: Progress | None = None,
    *,
    workers: int | None = None,
) -> Counting:
    """Begin counting the findings in ``groups`` (one list of texts per entry).

    ``workers`` None chooses: one worker per usable core for :data:`PARALLEL_FROM` entries or
    more where forked workers are safe (:func:`can_fork_workers`), else none. A number asks
    for that many, still only where forking is safe; 0 or 1 counts in this process. Workers
    started early (:func:`start_workers_early`) are taken when the count would use as many.
    """
    early = _take_early()
    if early is not None:
        pool, started = early
        if (workers is None and len(groups) >= PARALLEL_FROM) or workers == started:
            return Counting(groups, allow, progress, started, pool)
        pool.shutdown(wait=True, cancel_futures=True)
    if not can_fork_workers():
        workers = 1
    elif workers is None:
        workers = usable_cores() if len(groups) >= PARALLEL_FROM else 1
    return Counting(groups, allow, progress, max(1, workers))
