"""Opening a journal for use: the one place the command line, the app and the demo open one.

``db.Journal.open`` checks, migrates and connects (the storage layer); :func:`open_journal`
adds what a journal needs before anyone uses it — the built-in interview prompts, seeded once
(and again after an upgrade brings new ones) — so the storage layer never calls a use case.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from imgjournal import cipher, paths
from imgjournal.db import Journal, stored_revision
from imgjournal.errors import JournalError
from imgjournal.migrations import rebuilds_index
from imgjournal.services.prompt_library import missing_builtin_keys

log = logging.getLogger(__name__)


def open_journal(
    home: Path | str | None = None,
    *,
    always_check: bool = False,
    on_long_upgrade: Callable[[], None] | None = None,
) -> Journal:
    """Open (or create) the journal in ``home`` ready for use: ``Journal.open`` (its errors as
    they are: one sentence each), then the built-in prompts when some are missing. A read-only
    journal is opened as it is. ``on_long_upgrade`` is called before an upgrade that rebuilds
    the search index (seconds for a large journal: the command line says so first)."""
    journal = Journal.open(home, always_check=always_check, on_long_upgrade=on_long_upgrade)
    if journal.read_only:
        return journal
    try:
        if missing_builtin_keys(journal.raw()):  # one query; the ORM is loaded only to seed
            from imgjournal.services.prompts import ensure_builtin_prompts

            ensure_builtin_prompts(journal)
    except BaseException:
        journal.close()
        raise
    if (journal.home / "recordings").is_dir():  # only journals that ever recorded pay for this
        from imgjournal.services.recordings import remove_orphans

        try:
            remove_orphans(journal)  # recordings of deleted attempts, or never rated
        except (OSError, JournalError) as exc:
            log.warning("could not clean up the recordings folder: %s", exc)
    return journal


def home_was_given(home: Path) -> bool:
    """The journal folder came from --home or IMGJOURNAL_HOME (not the default)."""
    return bool(os.environ.get(paths.ENV_HOME)) or home != paths.default_home()


def holds_journal(home: Path) -> bool:
    """A journal (plain or encrypted) is in ``home`` already."""
    return paths.db_path(home).exists() or cipher.has_keyfile(home)


def upgrade_rebuilds_index(home: Path) -> bool:
    """Opening the journal in ``home`` will first rebuild its search index (a journal of an
    older version: about 4 s at 50,000 entries), so the app opens it behind a progress dialog.
    Reads the file without writing (an encrypted journal must be unlocked first); a journal
    that cannot be read says False, and opening it then names the problem."""
    try:
        return rebuilds_index(stored_revision(home))
    except (JournalError, OSError):
        return False
