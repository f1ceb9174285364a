"""Noticing commits made by other processes (the command line while the app is open).

SQLite's ``PRAGMA data_version`` is a per-connection counter that changes when *another*
connection commits to the database, and never for the connection's own commits. The app writes
through the engine's pooled connection on its one worker thread, so the counter read on that
same connection changes when, and only when, another program (the CLI, a second tool) commits.
"""

from __future__ import annotations

from imgjournal.db import Journal


def data_version(journal: Journal) -> int:
    """The data version seen by the connection the app writes through (cheap: no disk read).

    Two calls return different numbers if another connection committed in between; the app's
    own saves (through the same pooled connection) leave it unchanged.
    """
    with journal.engine.connect() as conn:
        return int(conn.exec_driver_sql("PRAGMA data_version").scalar_one())
