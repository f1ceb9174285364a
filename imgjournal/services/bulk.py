"""Bulk writes for imports: rows straight through the driver, the search index in one go.

Used by :func:`imgjournal.services.transfer.import_snapshot` inside its write transaction;
nothing here commits. Measured on a 50,000-entry import (``make bench``), each trick below
says what it saves.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from sqlalchemy import bindparam, insert, text
from sqlalchemy.engine import Connection

from imgjournal import search_index
from imgjournal.models import Entry
from imgjournal.services.snapshot import ENTRY_TABLE_COLUMNS

_T = TypeVar("_T")
BULK_INDEX_MIN = 200  # entries; below this the search index triggers are as quick
CHUNK = 5000  # rows per executemany: bounds memory, keeps the statement cache warm

_PLAIN_INSERT = (
    f"INSERT INTO entries ({', '.join(ENTRY_TABLE_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(ENTRY_TABLE_COLUMNS))})"
)


def _chunks(rows: list[dict], size: int = CHUNK) -> Iterator[list[dict]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def insert_rows(conn: Connection, table: Any, rows: list[dict]) -> None:
    """Insert ``rows`` in bulk, straight through the driver.

    SQLAlchemy's executemany builds parameters row by row (about a fifth of a 50,000-entry
    import); here each column's own bind processor (dates, UTC times) is applied once per
    value and the driver does the rest. Rows must share their keys; otherwise, and for
    columns with Python-side defaults that the rows leave out, SQLAlchemy inserts as usual.
    """
    if not rows:
        return
    cols = list(rows[0])
    missing_defaults = [c for c in table.c if c.name not in rows[0] and c.default is not None]
    if missing_defaults or any(len(r) != len(cols) or r.keys() != rows[0].keys() for r in rows):
        for chunk in _chunks(rows):
            conn.execute(insert(table), chunk)
        return
    procs = [table.c[c].type.bind_processor(conn.dialect) for c in cols]
    sql = f'INSERT INTO "{table.name}" ({", ".join(cols)}) VALUES ({", ".join("?" * len(cols))})'
    # Most columns need no conversion; convert only those that do (dates, times, booleans).
    convert = [(i, p) for i, p in enumerate(procs) if p is not None]
    data = []
    for r in rows:
        values = [r[c] for c in cols]
        for i, p in convert:
            if values[i] is not None:
                values[i] = p(values[i])
        data.append(tuple(values))
    for start in range(0, len(data), CHUNK):
        conn.exec_driver_sql(sql, data[start : start + CHUNK])


def insert_links(conn: Connection, table: Any, pairs: list[tuple[int, int]]) -> None:
    """Insert ``(entry id, other id)`` rows into a link table, straight through the driver."""
    entry_col, other_col = (c.name for c in table.c)
    sql = f'INSERT INTO "{table.name}" ({entry_col}, {other_col}) VALUES (?, ?)'
    for start in range(0, len(pairs), CHUNK):
        conn.exec_driver_sql(sql, pairs[start : start + CHUNK])


def insert_entries(
    conn: Connection,
    rows: list[tuple] | Iterator[list[tuple]],
    meanwhile: Callable[[], _T],
    *,
    into_empty: bool,
) -> _T:
    """Insert entries (``ENTRY_TABLE_COLUMNS`` tuples, or an iterator of chunks of them), add
    them to the search index, and return what ``meanwhile()`` (pure Python, no database)
    returns.

    The index's insert triggers index one row at a time, which measured about 2.5 times
    slower than one ``INSERT … SELECT`` per index for a large import. So for a large import
    the insert triggers are dropped, the rows inserted and indexed in bulk, and the triggers
    recreated from their stored SQL, all in the import's transaction (DDL is transactional
    in SQLite: if anything fails, the triggers come back with the rollback). While the bulk
    index is built, FTS5 merges no segments (``automerge`` 0, about a third quicker); the
    usual setting comes back before the import commits. Into an empty journal, the entries'
    own indexes are dropped too and built once at the end (quicker than row by row).

    The index is built by statements during which SQLite does not need Python: they run on a
    second thread while this one works. Given chunks, each chunk is indexed while the next
    one is taken from the iterator (an import file's reader checks it then); after the last
    chunk, and given a whole list, while ``meanwhile`` runs (the import's link rows).
    """
    if isinstance(rows, list):
        if len(rows) < BULK_INDEX_MIN:
            if rows:
                conn.exec_driver_sql(_PLAIN_INSERT, rows)
            return meanwhile()
        chunks: Iterator[list[tuple]] = iter([rows])
    else:
        chunks = rows
    triggers = conn.execute(
        text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN :names"
        ).bindparams(bindparam("names", expanding=True)),
        {"names": [f"{table}_ai" for table in search_index.FTS_TABLES]},
    ).all()
    indexes = []
    if into_empty:
        indexes = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'entries' "
            "AND sql IS NOT NULL"
        ).all()
    for name, _sql in triggers:
        conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    for name, _sql in indexes:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    tables = [name.removesuffix("_ai") for name, _sql in triggers]
    for table in tables:
        conn.exec_driver_sql(search_index.set_automerge_sql(table, 0))
    conn.exec_driver_sql("CREATE TEMP TABLE imported_entry_ids (id INTEGER PRIMARY KEY)")
    # The same columns the triggers write (their SQL is in the migrations; test_search_index).
    build = [
        f"INSERT INTO {table} (rowid, title, body, details) "
        f"SELECT id, title, body, details FROM {search_index.VIEW} "
        "WHERE id IN (SELECT id FROM temp.imported_entry_ids)"
        for table in tables
    ]
    indexing: _Background | None = None
    try:
        for chunk in chunks:  # taking the next chunk checks it while the last is indexed
            if indexing is not None:
                indexing.join()
                conn.exec_driver_sql("DELETE FROM temp.imported_entry_ids")
            _insert_entry_rows(conn, chunk)
            for start in range(0, len(chunk), CHUNK):
                conn.exec_driver_sql(
                    "INSERT INTO temp.imported_entry_ids (id) VALUES (?)",
                    [(row[0],) for row in chunk[start : start + CHUNK]],
                )
            indexing = _Background(conn, build)
        result = meanwhile()
    except BaseException:
        if indexing is not None:
            indexing.join(quiet=True)  # the connection is free again; this error goes on
        raise
    if indexing is not None:
        indexing.join()
    for _name, sql in indexes:
        conn.exec_driver_sql(sql)
    for table in tables:
        conn.exec_driver_sql(search_index.set_automerge_sql(table, None))
    conn.exec_driver_sql("DROP TABLE temp.imported_entry_ids")
    for _name, sql in triggers:
        conn.exec_driver_sql(sql)
    return result


class _Background:
    """SQL statements run on a second thread, on the import's connection.

    sqlite3 lets go of the GIL while a statement runs, so Python work on the calling thread
    and SQLite work here use both cores. Nothing else may touch the connection until
    :meth:`join` returns; it raises an error of the statements on the calling thread.
    """

    def __init__(self, conn: Connection, statements: list[str]) -> None:
        driver = conn.connection.driver_connection
        self._failed: list[BaseException] = []

        def run() -> None:
            try:
                for sql in statements:
                    driver.execute(sql)
            except BaseException as exc:  # noqa: BLE001 - handed to the calling thread
                self._failed.append(exc)

        self._thread = threading.Thread(target=run, name="imgjournal-index", daemon=True)
        self._thread.start()

    def join(self, *, quiet: bool = False) -> None:
        """Wait for the statements; raise their error unless ``quiet`` (another is on its way)."""
        self._thread.join()
        if self._failed and not quiet:
            raise self._failed[0]


# -- the entries' own rows, in bulk ---------------------------------------------------------
#
# Two costs of sqlite3's executemany that a 50,000-entry import paid (about 0.6 s of 1.4 s):
#
# - A parameter that is not exactly str, int, float or bytes (None, True, False) goes through
#   sqlite3's adapter lookup, about half a microsecond each; an entry has a dozen NULLs. In
#   bulk, a NULL is sent as _NULL, a float no entry column can hold, and NULLIF() turns it back
#   into NULL; flags are sent as 0 and 1. The stored values and types are the same.
# - The CHECK constraint "kind IN (...)" makes SQLite build a small temporary table for every
#   row. The rows are checked here against both of the table's CHECK constraints (the same
#   conditions: ENTRY_CHECKS, which a test holds equal to the models), and when every row
#   passes, SQLite is told not to check them again during this one insert. A row that fails
#   is left to SQLite, which refuses it as before.

_NULL = -0.5  # entries has no REAL column: no stored value can be equal to it
_AS_BOUND = {None: _NULL, True: 1, False: 0}  # (1 and 0 map to themselves: True == 1)
_BULK_INSERT = (
    f"INSERT INTO entries ({', '.join(ENTRY_TABLE_COLUMNS)}) VALUES ("
    + ", ".join(
        f"NULLIF(?, {_NULL})" if Entry.__table__.c[name].nullable else "?"
        for name in ENTRY_TABLE_COLUMNS
    )
    + ")"
)
ENTRY_CHECKS = (
    "kind IN ('case', 'feedback', 'reflection')",
    "length(trim(title)) > 0",
)
_KINDS = frozenset(("case", "feedback", "reflection"))
_KIND = ENTRY_TABLE_COLUMNS.index("kind")
_TITLE = ENTRY_TABLE_COLUMNS.index("title")


def entry_checks_hold(rows: list[tuple]) -> bool:
    """Whether every row meets the entries table's CHECK constraints (``ENTRY_CHECKS``).

    SQLite's one-argument ``trim()`` removes spaces only, hence ``strip(" ")``.
    """
    kind, title = _KIND, _TITLE
    return all(
        row[kind] in _KINDS and type(row[title]) is str and row[title].strip(" ") for row in rows
    )


def _insert_entry_rows(conn: Connection, rows: list[tuple]) -> None:
    get = _AS_BOUND.get
    checked = entry_checks_hold(rows)
    if checked:
        conn.exec_driver_sql("PRAGMA ignore_check_constraints = ON")
    try:
        for start in range(0, len(rows), CHUNK):
            chunk = [tuple(map(get, row, row)) for row in rows[start : start + CHUNK]]
            conn.exec_driver_sql(_BULK_INSERT, chunk)
    finally:
        if checked:
            conn.exec_driver_sql("PRAGMA ignore_check_constraints = OFF")
