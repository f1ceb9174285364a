"""What a write changed: the tables, and the columns an UPDATE set (Anki's ``OpChanges`` idea).

Every statement a :class:`~imgjournal.db.Journal` runs through its engine is read for the table
it writes (``INSERT``, ``REPLACE``, ``UPDATE ... SET``, ``DELETE``) and, for an update, the
columns it sets. What a transaction wrote is kept when it commits and dropped when it rolls
back; :meth:`Journal.take_changes` hands the calling thread what it committed since the last
call. The app's views use it to reload only what shows the changed data (``ui/taskrunner.Ops``).

Nothing is missed: a write that did not go through the engine's cursor (a bulk import on the
driver connection) is noticed by SQLite's own count of changed rows and reported as
:data:`EVERYTHING`, which every view takes as "reload".
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

# The tables of each kind of record, for the views that ask "did my kind change?". New kinds
# (letters, programs, ...) add their tables here.
KIND_TABLES: dict[str, frozenset[str]] = {
    "entries": frozenset({"entries"}),
    "experiences": frozenset({"experiences"}),
    "prompts": frozenset({"prompts", "entry_prompts"}),
    "tags": frozenset({"tags", "entry_tags"}),
    "drafts": frozenset({"answer_drafts"}),
    "practice": frozenset({"practice_attempts", "prompt_schedules"}),
    "revisions": frozenset({"revisions"}),
    "privacy": frozenset({"privacy_allowed", "privacy_state"}),
    "letters": frozenset({"letters", "letter_steps", "letter_assignments"}),
    "profile": frozenset({"application_profile"}),
    "eras": frozenset({"eras_experiences", "eras_experience_links"}),
    "programs": frozenset({"programs", "program_steps", "program_prompts"}),
    "contacts": frozenset({"contacts", "contact_links"}),
}

ANY_COLUMN = "*"  # an UPDATE whose SET list could not be read: every column may have changed


@dataclass(frozen=True)
class Changes:
    """What one or more committed transactions wrote. Empty (falsy) when nothing was written.

    ``rows``: tables that gained or lost rows (INSERT, REPLACE, DELETE). ``columns``: for each
    table an UPDATE wrote, the columns it set. ``everything``: unknown writes (another program,
    a restore, a bulk import): everything may have changed.
    """

    rows: frozenset[str] = frozenset()
    columns: dict[str, frozenset[str]] = field(default_factory=dict)
    everything: bool = False

    def __bool__(self) -> bool:
        return self.everything or bool(self.rows) or bool(self.columns)

    def __or__(self, other: Changes) -> Changes:
        if self.everything or other.everything:
            return EVERYTHING
        columns = dict(self.columns)
        for table, cols in other.columns.items():
            columns[table] = columns.get(table, frozenset()) | cols
        return Changes(self.rows | other.rows, columns)

    @property
    def tables(self) -> frozenset[str]:
        """Every table written, by any statement."""
        return self.rows | frozenset(self.columns)

    def touches(self, *tables: str) -> bool:
        """Whether any of ``tables`` was written (always, for :data:`EVERYTHING`)."""
        return self.everything or not self.tables.isdisjoint(tables)

    def touches_kind(self, *kinds: str) -> bool:
        """Whether any record of ``kinds`` (keys of :data:`KIND_TABLES`) was written."""
        return self.everything or any(
            not self.tables.isdisjoint(KIND_TABLES[kind]) for kind in kinds
        )

    def touches_columns(self, table: str, columns: frozenset[str] | set[str]) -> bool:
        """Whether ``table`` gained or lost rows, or an update set one of ``columns``."""
        if self.everything or table in self.rows:
            return True
        cols = self.columns.get(table)
        return cols is not None and (ANY_COLUMN in cols or not cols.isdisjoint(columns))

    @property
    def kinds(self) -> frozenset[str]:
        """The kinds of record written (for logs and tests)."""
        if self.everything:
            return frozenset(KIND_TABLES)
        return frozenset(k for k, t in KIND_TABLES.items() if not t.isdisjoint(self.tables))


NOTHING = Changes()
EVERYTHING = Changes(everything=True)


_NAME = r'["`\[]?(\w+)["`\]]?'
_INSERT = re.compile(
    rf"^\s*(?:INSERT(?:\s+OR\s+\w+)?|REPLACE)\s+INTO\s+(?:\w+\.)?{_NAME}", re.IGNORECASE
)
_DELETE = re.compile(rf"^\s*DELETE\s+FROM\s+(?:\w+\.)?{_NAME}", re.IGNORECASE)
_UPDATE = re.compile(
    rf"^\s*UPDATE(?:\s+OR\s+\w+)?\s+(?:\w+\.)?{_NAME}\s+SET\s+(.*?)"
    r"(?:\s+(?:FROM|WHERE|RETURNING)\b.*)?$",
    re.IGNORECASE | re.DOTALL,
)
_SET_COLUMN = re.compile(rf"(?:^|,)\s*{_NAME}\s*=")
_WRITES = re.compile(r"^\s*(?:WITH\b|INSERT\b|REPLACE\b|UPDATE\b|DELETE\b)", re.IGNORECASE)


@lru_cache(maxsize=512)
def of_statement(sql: str) -> Changes:
    """What one SQL statement writes (:data:`NOTHING` for a read or a pragma).

    A write this does not understand (a ``WITH ... INSERT``) is reported as
    :data:`EVERYTHING`, so nothing is ever missed.
    """
    if not _WRITES.match(sql):
        return NOTHING
    if m := _INSERT.match(sql):
        return Changes(rows=frozenset({m.group(1).lower()}))
    if m := _DELETE.match(sql):
        return Changes(rows=frozenset({m.group(1).lower()}))
    if m := _UPDATE.match(sql):
        table, assignments = m.group(1).lower(), _without_parentheses(m.group(2))
        cols = frozenset(c.lower() for c in _SET_COLUMN.findall(assignments))
        return Changes(columns={table: cols or frozenset({ANY_COLUMN})})
    return EVERYTHING


def _without_parentheses(text: str) -> str:
    """``a = coalesce(b, c), d = ?`` -> ``a = coalesce, d = ?`` (commas inside calls are not
    column separators)."""
    out, depth = [], 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        elif depth == 0:
            out.append(ch)
    return "".join(out)


class Recorder:
    """Collects what a journal's engine writes, per thread, as transactions commit.

    Its methods are SQLAlchemy engine event listeners (``db.Journal.engine`` installs them).
    Each transaction counts the rows SQLite says its statements changed; rows changed beyond
    those (by a statement run on the driver connection, out of the engine's sight) make the
    transaction's changes :data:`EVERYTHING`.
    """

    def __init__(self) -> None:
        self._local = threading.local()

    # -- engine events (the connection's info dict travels with the pooled connection) -----
    @staticmethod
    def begin(conn: Any) -> None:
        info = conn.info
        info["oc_pending"] = NOTHING
        info["oc_seen"] = 0
        info["oc_begin"] = _total_changes(conn)

    @staticmethod
    def before_execute(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        info = conn.info
        changes = of_statement(statement)
        if changes:
            info["oc_pending"] = info.get("oc_pending", NOTHING) | changes
        info["oc_mark"] = cursor.connection.total_changes

    @staticmethod
    def after_execute(conn: Any, cursor: Any, *_: Any) -> None:
        info = conn.info
        mark = info.pop("oc_mark", None)
        if mark is not None:
            info["oc_seen"] = info.get("oc_seen", 0) + cursor.connection.total_changes - mark

    def commit(self, conn: Any) -> None:
        info = conn.info
        pending = info.pop("oc_pending", NOTHING)
        begin = info.pop("oc_begin", None)
        seen = info.pop("oc_seen", 0)
        total = _total_changes(conn)
        if begin is not None and total is not None and total - begin > seen:
            pending = EVERYTHING  # rows changed that no statement seen here accounts for
        if pending:
            self.note(pending)

    # -- the calling thread ------------------------------------------------------------------
    def note(self, changes: Changes) -> None:
        """Add ``changes`` to what this thread committed (called as a transaction commits)."""
        self._local.changes = getattr(self._local, "changes", NOTHING) | changes

    def take(self) -> Changes:
        """What this thread committed since the last call, then forget it."""
        changes = getattr(self._local, "changes", NOTHING)
        self._local.changes = NOTHING
        return changes


def dbapi_of(conn: Any) -> Any:
    """The driver connection under a SQLAlchemy Connection (None when it has none)."""
    return getattr(getattr(conn, "connection", None), "dbapi_connection", None)


def _total_changes(conn: Any) -> int | None:
    dbapi = dbapi_of(conn)
    return None if dbapi is None else dbapi.total_changes
