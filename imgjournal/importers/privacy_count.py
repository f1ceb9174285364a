"""The privacy count an import reports, made fast without changing what is counted.

Every importer's summary says how many possible patient identifiers the privacy checker finds
in what it brought in (:func:`imgjournal.services.privacy.scan_text` on each free-text field,
the journal's allow-list applied). The checker takes about a millisecond per entry, several
times the rest of an import, so the count is made fast in three ways that leave each text's
findings exactly as they are:

- each distinct text is scanned once: titles and tag lists repeat (about half the titles and
  four tag lists in five of the benchmark's jrnl entries);
- a large import (:data:`PARALLEL_FROM` entries or more) is scanned by worker processes, one
  per usable core, started before the entries are written, so the scan runs while the import
  writes. Only on Linux and only in a process with a single thread (the command line): the
  workers are forked, which is cheap (they share the loaded modules), and forking a process
  with other threads (the app, whose import runs on a worker thread) is not safe; there the
  count runs after the write, on one core;
- the command line starts the count before the journal is open: for a large file
  (:data:`EARLY_FROM_BYTES`) it forks the workers (:func:`start_early`) before it reads the
  file, and sends them each entry's texts as the file is parsed (:class:`Precount`), while
  it loads SQLAlchemy, opens the journal, checks the entries and writes them. The workers
  find the checker's findings without the allow-list (the journal's, not open yet); the
  count then takes, for the entries actually imported (after the checks and the duplicates),
  the findings of their texts and applies the allow-list (:class:`Allowed`). A text no
  worker saw (a check changed it) is sent then, or found in this process when the workers
  are gone; so the count is the one-core count, by construction.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool

from imgjournal.services.privacy_text import HasText, entry_fields, fold

Progress = Callable[[int, int], None]  # (done, total)
Found = tuple[str, ...]  # the text of each of the checker's findings in one text

#: Fewer entries than this are counted in the process itself: starting workers costs more.
PARALLEL_FROM = 1_000
#: Each worker's share is cut into this many pieces, so progress moves and a slow core evens out
#: (the last piece runs while the other cores may have nothing left: small pieces, a short wait).
PIECES_PER_WORKER = 16
#: A file this large is likely to hold PARALLEL_FROM entries: the command line starts the
#: workers before reading it (a jrnl entry takes a few hundred bytes; a smaller file that
#: holds enough entries still gets its workers, when its count starts).
EARLY_FROM_BYTES = 256 * 1024
#: The texts of a file being parsed go to the workers in pieces of this many (small enough
#: that the workers start soon and the last piece is short, large enough that sending costs
#: little).
EARLY_PIECE = 128


def usable_cores() -> int:
    """The cores this process may run on (its affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def can_fork_workers() -> bool:
    """True where forked workers are safe: Linux, and no other thread in this process."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def find_texts(texts: Sequence[str]) -> list[Found]:
    """The text of each finding the checker makes in each of ``texts``, no allow-list applied
    (what a worker runs: the allow-list is the journal's, which may not be open yet)."""
    from imgjournal.deid import scan

    return [tuple(f.text for f in scan(text)) for text in texts]


class Allowed:
    """The journal's allow-list as the count applies it to the findings of :func:`find_texts`:
    a finding counts unless its text, folded (:func:`fold`), is an allowed phrase, folded. That
    is :func:`imgjournal.services.privacy.scan_text`'s test; :func:`imgjournal.deid.scan`'s own
    (the text stripped and casefolded) adds nothing to it, since an allowed phrase folded has
    single spaces and no other blanks, and a text that strips and casefolds to one folds to it
    too. So this is scan_text's count as long as :func:`imgjournal.deid.scan` applies its
    allow-list as a filter of the findings it makes without one
    (``test_a_workers_count_is_the_privacy_services`` holds the two counts equal)."""

    def __init__(self, allow: Iterable[str]) -> None:
        self.folded = {fold(a) for a in allow if a and a.strip()}

    def count(self, found: Found) -> int:
        if not self.folded:
            return len(found)
        return sum(1 for t in found if fold(t) not in self.folded)


def count_texts(texts: Sequence[str], allow: Sequence[str]) -> list[int]:
    """How many findings the checker makes in each of ``texts``, ``allow`` applied: the number
    of :func:`imgjournal.services.privacy.scan_text`'s findings (a test holds them equal)."""
    allowed = Allowed(allow)
    return [allowed.count(found) for found in find_texts(texts)]


def load_checker() -> None:
    """Import the checker and load its data (a worker does this first, once)."""
    from imgjournal.deid.data import lexicon
    from imgjournal.deid.engine import find_all

    lexicon()
    find_all("Dr. Ada Lovelace, 12 Elm Street, (415) 555-0134, 3/14/2026")  # first-use costs


class Precount:
    """Forked worker processes finding the checker's findings in texts sent to them, ahead of
    the count that needs them: :meth:`add` sends texts (each once, :attr:`piece` at a time),
    :meth:`results` waits for those a count needs, :meth:`cancel` stops the workers.

    A worker that dies, or workers that cannot be had, leave their texts to this process:
    :meth:`results` finds there what the workers did not, so it is always complete.
    """

    def __init__(self, pool: ProcessPoolExecutor, workers: int, piece: int = EARLY_PIECE) -> None:
        self.workers = workers
        self.piece = max(1, piece)
        self._pool: ProcessPoolExecutor | None = pool
        self._sent: dict[str, Future[list[Found]] | None] = {}  # None: in the next piece
        self._buffer: list[str] = []
        self._pieces: dict[Future[list[Found]], list[str]] = {}

    @classmethod
    def fork(cls, workers: int, *, piece: int = EARLY_PIECE, load: bool = False) -> Precount | None:
        """``workers`` forked processes (started now and loading the checker when ``load``),
        or None when no process is to be had."""
        import multiprocessing

        pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=load_checker if load else None,
        )
        if load:
            try:
                pool.submit(int)  # with fork, the first task starts every worker
            except (OSError, RuntimeError):  # no process to be had (a limit on processes, no
                # memory); a broken pool is a RuntimeError
                pool.shutdown(wait=True, cancel_futures=True)
                return None
        return cls(pool, workers, piece)

    @property
    def alive(self) -> bool:
        """Whether the workers still take texts."""
        return self._pool is not None

    def add(self, texts: Iterable[str]) -> None:
        """Send ``texts`` to the workers, those not sent before, once a piece is full."""
        if self._pool is None:
            return
        sent, buffer = self._sent, self._buffer
        for text in texts:
            if text not in sent:
                sent[text] = None
                buffer.append(text)
        if len(buffer) >= self.piece:
            self.flush()

    def add_entry(self, entry: HasText) -> None:
        """Send the texts the count reads in ``entry`` (an Incoming as a file is parsed)."""
        self.add(text for _name, text in entry_fields(entry))

    def flush(self) -> None:
        """Send the texts of a piece not yet full."""
        piece, self._buffer = self._buffer, []
        if not piece:
            return
        if self._pool is not None:
            try:
                future = self._pool.submit(find_texts, piece)
            except (OSError, RuntimeError):  # no process to be had; workers that died
                self.cancel()
            else:
                self._pieces[future] = piece
                for text in piece:
                    self._sent[text] = future
                return
        for text in piece:  # never sent: results() finds them here
            del self._sent[text]

    def results(
        self, texts: Sequence[str], progress: Callable[[int, int], None] | None = None
    ) -> dict[str, Found]:
        """:func:`find_texts` of each of ``texts``, as {text: findings}: the texts sent are
        waited for, those not sent yet (a check changed an entry's text) are sent now, and
        what no worker found (one died, or there are none) is found here. ``progress`` is
        called with (texts done, texts) as pieces come back."""
        wanted = list(dict.fromkeys(texts))
        self.add(wanted)
        self.flush()
        out: dict[str, Found] = {}
        futures = {f for f in (self._sent.get(t) for t in wanted) if f is not None}
        need = set(wanted)
        for future in as_completed(futures):
            try:
                found = future.result()
            except (BrokenProcessPool, CancelledError):  # a worker died: found here below
                continue
            for text, findings in zip(self._pieces[future], found, strict=True):
                if text in need:
                    out[text] = findings
            if progress is not None:
                progress(len(out), len(wanted))
        missing = [t for t in wanted if t not in out]
        if missing:
            out.update(zip(missing, find_texts(missing), strict=True))
            if progress is not None:
                progress(len(wanted), len(wanted))
        return out

    def cancel(self) -> None:
        """Stop the workers (what they have not started is dropped)."""
        if self._pool is not None:
            pool, self._pool = self._pool, None
            pool.shutdown(wait=True, cancel_futures=True)


def start_early(size_hint: int) -> Precount | None:
    """Workers for a file of ``size_hint`` bytes about to be read, forked now where a count
    would use them (:func:`start`): each loads the checker while this process reads the file,
    then finds the findings in the texts :meth:`Precount.add_entry` sends as it is parsed.
    None for a small file, or where forked workers are not safe or not to be had."""
    if size_hint < EARLY_FROM_BYTES or not can_fork_workers():
        return None
    workers = usable_cores()
    if workers < 2:
        return None
    return Precount.fork(workers, piece=EARLY_PIECE, load=True)


class Counting:
    """A privacy count under way: :func:`start` begins it, :meth:`result` waits for it.

    ``groups`` holds, for each entry, the texts of its fields. The result is the number of
    findings in all of them and the number of entries with at least one. With a
    :class:`Precount` (given, or forked here for ``workers`` > 1) the workers find the
    findings and this process applies the allow-list; else this process does both.
    """

    def __init__(
        self,
        groups: Sequence[Sequence[str]],
        allow: Sequence[str],
        progress: Progress | None,
        workers: int,
        precount: Precount | None = None,
    ) -> None:
        self.groups = groups
        self.allow = tuple(allow)
        self.progress = progress
        self.distinct = list(dict.fromkeys(t for g in groups for t in g))
        self.workers = workers
        if precount is None and workers > 1:
            size = max(1, -(-len(self.distinct) // (workers * PIECES_PER_WORKER)))
            precount = Precount.fork(workers, piece=size)
            if precount is not None:
                precount.add(self.distinct)
                precount.flush()
                if not precount.alive:  # no process to be had: counted here
                    precount = None
        self._precount = precount
        self.parallel = precount is not None  # counted by worker processes

    def result(self) -> tuple[int, int]:
        total = len(self.groups)
        allowed = Allowed(self.allow)
        counts: dict[str, int] = {}
        if self._precount is None:
            for n, group in enumerate(self.groups, 1):
                fresh = [t for t in group if t not in counts]
                found = find_texts(fresh)
                counts.update((t, allowed.count(f)) for t, f in zip(fresh, found, strict=True))
                if self.progress is not None and (n % 100 == 0 or n == total):
                    self.progress(n, total)
        else:
            report = None
            if self.progress is not None:
                progress = self.progress

                def report(done: int, texts: int) -> None:
                    progress(total * done // texts, total)

            try:
                found = self._precount.results(self.distinct, report)
            finally:
                self.cancel()
            counts = {t: allowed.count(found[t]) for t in self.distinct}
        per_entry = [sum(counts[t] for t in group) for group in self.groups]
        return sum(per_entry), sum(1 for n in per_entry if n)

    def cancel(self) -> None:
        """Stop the workers (the import failed, or the count is done)."""
        if self._precount is not None:
            self._precount.cancel()


def start(
    groups: Sequence[Sequence[str]],
    allow: Sequence[str],
    progress: Progress | None = None,
    *,
    workers: int | None = None,
    precount: Precount | None = None,
) -> Counting:
    """Begin counting the findings in ``groups`` (one list of texts per entry).

    With ``precount`` (:func:`start_early`), its workers count, whatever the size: they have
    found most of it already. Else ``workers`` None chooses: one worker per usable core for
    :data:`PARALLEL_FROM` entries or more where forked workers are safe
    (:func:`can_fork_workers`), else none. A number asks for that many, still only where
    forking is safe; 0 or 1 counts in this process.
    """
    if precount is not None:
        return Counting(groups, allow, progress, precount.workers, precount)
    if not can_fork_workers():
        workers = 1
    elif workers is None:
        workers = usable_cores() if len(groups) >= PARALLEL_FROM else 1
    return Counting(groups, allow, progress, max(1, workers))
