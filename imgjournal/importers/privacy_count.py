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
  count runs after the write, on one core.
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
#: Each worker's share is cut into this many pieces, so progress moves and a slow core evens out.
PIECES_PER_WORKER = 4


def usable_cores() -> int:
    """The cores this process may run on (its affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def can_fork_workers() -> bool:
    """True where forked workers are safe: Linux, and no other thread in this process."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def count_texts(texts: Sequence[str], allow: Sequence[str]) -> list[int]:
    """How many findings the checker makes in each of ``texts`` (what a worker runs)."""
    from imgjournal.services.privacy import scan_text

    return [len(scan_text(text, allow)) for text in texts]


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
    ) -> None:
        self.groups = groups
        self.allow = tuple(allow)
        self.progress = progress
        self.distinct = list(dict.fromkeys(t for g in groups for t in g))
        self.workers = workers
        self.parallel = workers > 1  # counted by worker processes
        self._pool: ProcessPoolExecutor | None = None
        self._pieces: dict[Future[list[int]], list[str]] = {}
        if workers > 1:
            try:
                self._start_workers(workers)
            except OSError:  # no process to be had (a limit on processes, no memory)
                self.cancel()
                self._pieces.clear()
                self.parallel = False

    def _start_workers(self, workers: int) -> None:
        import multiprocessing

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
    for that many, still only where forking is safe; 0 or 1 counts in this process.
    """
    if not can_fork_workers():
        workers = 1
    elif workers is None:
        workers = usable_cores() if len(groups) >= PARALLEL_FROM else 1
    return Counting(groups, allow, progress, max(1, workers))
