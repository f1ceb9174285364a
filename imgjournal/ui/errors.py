"""Turning exceptions into one sentence a user can act on (the traceback goes to the log)."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from imgjournal import paths
from imgjournal.errors import JournalError

KEEP = "Your text stays on screen and imgjournal keeps trying to save it."


def _root_cause(exc: BaseException) -> BaseException:
    seen = set()
    while id(exc) not in seen:
        seen.add(id(exc))
        inner = getattr(exc, "orig", None) or exc.__cause__
        if inner is None:
            break
        exc = inner
    return exc


def describe(exc: BaseException, home: Path | None = None, *, saving: bool = True) -> str:
    """One sentence for ``exc``; ``saving`` adds what happens to unsaved text."""
    if isinstance(exc, JournalError):
        return str(exc)
    root = _root_cause(exc)
    text = str(root).lower()
    where = f" ({home})" if home else ""
    keep = f" {KEEP}" if saving else ""
    code = getattr(root, "errno", None)
    if code == errno.ENOSPC or "disk is full" in text or "database or disk is full" in text:
        return f"The disk is full, so the journal cannot be written. Free some space.{keep}"
    if (
        code in (errno.EROFS, errno.EACCES, errno.EPERM)
        or "readonly" in text
        or "read-only" in text
        or "permission denied" in text
    ):
        return (
            f"The journal folder{where} is read-only, so changes cannot be written. Make it "
            f"writable or choose another journal folder in Settings.{keep}"
        )
    if "locked" in text or "busy" in text:
        return f"The journal is in use by another program; close it and try again.{keep}"
    if isinstance(root, sqlite3.DatabaseError) and (
        "malformed" in text or "not a database" in text
    ):
        return (
            f"The journal file{where} is damaged; quit imgjournal and start it again: it will "
            f"offer to restore the newest verified backup and keep the damaged file.{keep}"
        )
    log = f" Details are in {paths.log_path(home)}." if home else ""
    return f"Something went wrong: {root.__class__.__name__}: {root}.{log}{keep}"
