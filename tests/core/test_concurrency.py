"""Several connections on one journal: waiting for a busy writer, and noticing others' commits."""

from __future__ import annotations

import threading
import time

from imgjournal.services import changes, entries
from imgjournal.sqlite import dbapi as sqlite3


def _other_connection(journal) -> sqlite3.Connection:
    return sqlite3.connect(journal.db_path, timeout=5, check_same_thread=False)


def test_every_connection_waits_for_a_busy_writer(journal):
    for con in (journal.raw(), journal.engine.raw_connection()):
        assert con.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_save_waits_for_another_programs_write_instead_of_failing(journal):
    e = entries.create_entry(journal, "case", "Held up", body="before")
    other = _other_connection(journal)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock...
    other.execute("UPDATE entries SET title = 'Other' WHERE id = ?", (e.id,))
    release = threading.Timer(0.4, other.commit)  # ...for 0.4 s, well inside busy_timeout
    release.start()
    started = time.monotonic()
    try:
        entries.update_entry(journal, e.id, body="after")
    finally:
        release.join()
        other.close()
    assert time.monotonic() - started >= 0.3, "the save must have waited for the lock"
    got = entries.get_entry(journal, e.id)
    assert (got.title, got.body) == ("Other", "after")


def test_data_version_changes_for_other_programs_commits_only(journal):
    start = changes.data_version(journal)
    e = entries.create_entry(journal, "reflection", "Mine", body="one")
    entries.update_entry(journal, e.id, body="two")
    assert changes.data_version(journal) == start, "the app's own commits are not news"
    other = _other_connection(journal)
    with other:
        other.execute("UPDATE entries SET title = 'Theirs' WHERE id = ?", (e.id,))
    other.close()
    after = changes.data_version(journal)
    assert after != start
    assert changes.data_version(journal) == after, "unchanged until the next commit"
