"""The bulk entry insert of large imports stores exactly what the plain insert stores."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import CheckConstraint
from sqlalchemy.exc import IntegrityError

from imgjournal.db import Journal
from imgjournal.models import Entry
from imgjournal.services import bulk, entries
from imgjournal.services.experiences import create_experience
from imgjournal.services.snapshot import ENTRY_TABLE_COLUMNS
from imgjournal.services.transfer import _begin_immediate
from imgjournal.sqlite import dbapi as sqlite3

N = bulk.BULK_INDEX_MIN + 7
STAMP = "2025-03-01T09:30:00.000000+00:00"


def _row(i: int) -> tuple:
    """Entry rows of every kind, with NULLs, empty text and flags in varying places."""
    values: dict[str, object] = dict.fromkeys(ENTRY_TABLE_COLUMNS)
    values |= {"id": i, "kind": "reflection", "title": f"Entry {i}", "entry_date": "2025-03-01"}
    values |= {"body": f"body {i}", "created_at": STAMP, "updated_at": STAMP}
    match i % 4:
        case 0:
            values |= {"kind": "case", "setting": "ED", "age_band": "adult", "sex": "F"}
            values |= {"chief_complaint": "chest pain", "role": "presented", "star_task": ""}
            values |= {"star_lesson": "learn", "diagnoses": "NSTEMI\nCKD", "procedures": ""}
        case 1:
            values |= {"kind": "feedback", "giver_name": "Dr. Ortiz", "giver_role": "attending"}
            values |= {"feedback_kind": "praise", "words": "Clear plan.", "action_items": ""}
            values["followed_up"] = (None, True, False)[i % 3]
        case 2:
            values["deleted_at"] = STAMP
        case _:
            values["experience_id"] = 1
    return tuple(values.values())


def _stored(journal: Journal) -> list[tuple]:
    con = sqlite3.connect(journal.db_path)
    try:
        columns = ", ".join(f"{c}, typeof({c})" for c in ENTRY_TABLE_COLUMNS)
        return con.execute(f"SELECT {columns} FROM entries ORDER BY id").fetchall()
    finally:
        con.close()


def _write(journal: Journal, action: Callable) -> None:
    with journal.session() as s:
        conn = s.connection()
        _begin_immediate(conn)
        action(conn)


def _with_experience(journal: Journal) -> None:
    create_experience(journal, "rotation", "Cardiology elective", date(2025, 1, 6))


def test_the_bulk_insert_stores_what_the_plain_insert_stores(tmp_path) -> None:
    rows = [_row(i) for i in range(1, N + 1)]
    with Journal.open(tmp_path / "plain") as plain, Journal.open(tmp_path / "bulk") as fast:
        _with_experience(plain)
        _with_experience(fast)
        _write(plain, lambda conn: conn.exec_driver_sql(bulk._PLAIN_INSERT, rows))
        _write(fast, lambda conn: bulk.insert_entries(conn, rows, lambda: None, into_empty=True))
        stored = _stored(fast)
        assert stored == _stored(plain)
    assert len(stored) == N
    types = {t for row in stored for t in row[1::2]}
    assert types == {"integer", "text", "null"}  # NULLs stayed NULL, flags are 0/1, no reals


@pytest.mark.parametrize(
    ("column", "bad", "constraint"),
    [("kind", "diary", "kind_known"), ("title", "   ", "title_not_empty")],
)
def test_a_row_that_breaks_a_check_is_refused_by_sqlite(
    journal: Journal, column: str, bad: str, constraint: str
) -> None:
    rows = [_row(i) for i in range(1, N + 1)]
    index = ENTRY_TABLE_COLUMNS.index(column)
    rows[-3] = (*rows[-3][:index], bad, *rows[-3][index + 1 :])
    assert not bulk.entry_checks_hold(rows)
    _with_experience(journal)
    with pytest.raises(IntegrityError, match=f"CHECK constraint failed: ck_entries_{constraint}"):
        _write(journal, lambda conn: bulk.insert_entries(conn, rows, lambda: None, into_empty=True))
    assert entries.count_entries(journal) == 0


def test_checks_are_back_on_after_a_bulk_insert(journal: Journal) -> None:
    rows = [_row(i) for i in range(1, N + 1)]
    _with_experience(journal)
    _write(journal, lambda conn: bulk.insert_entries(conn, rows, lambda: None, into_empty=True))
    bad = (*rows[0][:2], " ", *rows[0][3:])
    with pytest.raises(IntegrityError, match="CHECK constraint failed"):
        _write(journal, lambda conn: conn.exec_driver_sql(bulk._PLAIN_INSERT, [(N + 1, *bad[1:])]))


def test_the_python_checks_are_the_tables_checks(journal: Journal) -> None:
    """``bulk.ENTRY_CHECKS`` must follow the models and the migrated schema: a CHECK added to
    entries without adding it there would be skipped by large imports."""
    declared = sorted(
        str(c.sqltext) for c in Entry.__table__.constraints if isinstance(c, CheckConstraint)
    )
    assert declared == sorted(bulk.ENTRY_CHECKS)
    (sql,) = (
        journal.raw().execute("SELECT sql FROM sqlite_master WHERE name = 'entries'").fetchone()
    )
    assert sql.count("CHECK (") == len(bulk.ENTRY_CHECKS)
    for check in bulk.ENTRY_CHECKS:
        assert f"CHECK ({check})" in sql
