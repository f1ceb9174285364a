"""Turning exceptions into one sentence a user can act on (the traceback goes to the log)."""

from __future__ import annotations

import errno
from pathlib import Path

from imgjournal import paths, sqlite
from imgjournal.errors import JournalError

# The end of every sentence about a save that failed and is being retried.
KEEP = "imgjournal keeps trying and your text is safe in the editor"


def _root_cause(exc: BaseException) -> BaseException:
    seen = set()
    while id(exc) not in seen:
        seen.add(id(exc))
        inner = getattr(exc, "orig", None) or exc.__cause__
        if inner is None:
            break
        exc = inner
    return exc


def _storage(root: BaseException, home: Path | None) -> tuple[str, str] | None:
    """(what happened and what to do, the same for a one-off action) for a storage failure
    (full disk, read-only folder or file, locked database, I/O error), else None."""
    text = str(root).lower()
    code = getattr(root, "errno", None)
    where = f" ({home})" if home else ""
    if code == errno.ENOSPC or "disk is full" in text or "database or disk is full" in text:
        return (
            "The disk is full; free some space",
            "The disk is full; free some space and try again",
        )
    if (
        code in (errno.EROFS, errno.EACCES, errno.EPERM)
        or "readonly" in text
        or "read-only" in text
        or "permission denied" in text
    ):
        do = f"The journal folder{where} is read-only; make it writable or choose another one"
        return do + " in Settings", do + " in Settings, then try again"
    if "locked" in text or "busy" in text:
        do = "The journal is busy in another program; close the other program"
        return do, do + " and try again"
    if isinstance(root, sqlite.DatabaseError) and ("malformed" in text or "not a database" in text):
        do = (
            "The journal database is damaged; quit imgjournal and start it again, and it "
            f"offers to restore the newest verified backup{where} (the damaged file is kept)"
        )
        return do, do
    if isinstance(root, OSError) or "disk i/o error" in text:
        why = getattr(root, "strerror", None) or str(root) or "an input/output error"
        return (
            f"The journal could not be written ({why}); check the disk and its connection",
            f"Writing to the disk failed ({why}); check the disk and its connection, then try "
            "again",
        )
    return None


def describe(exc: BaseException, home: Path | None = None, *, saving: bool = True) -> str:
    """One sentence for ``exc``; ``saving``: a save that the autosave retries (the sentence
    says so), else a one-off action."""
    root = _root_cause(exc)
    if isinstance(exc, JournalError) and not isinstance(root, sqlite.Error):
        return str(exc)  # the core's own sentence (a file it names, a rule of the domain)
    # The journal's storage failures (the core's sentence is for the command line) and
    # errors the core did not translate.
    storage = _storage(root, home)
    if storage is not None:
        retrying, once = storage
        return f"{retrying} — {KEEP}." if saving else f"{once}."
    if isinstance(exc, JournalError):
        return str(exc)
    log = f"; details are in {paths.log_path(home)}" if home else ""
    keep = f" — {KEEP}" if saving else ""
    return f"Something went wrong ({root.__class__.__name__}: {root}){log}{keep}."
