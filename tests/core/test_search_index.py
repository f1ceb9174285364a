"""search_index.py's names and columns are copies of what the migrations made: held equal here.

The view, the FTS5 table, its triggers and the vocabulary table are created by migrations
0001, 0003 and 0004 alone; the services name them through ``search_index`` (the columns a
saved entry's words are learnt from, the tokenizer of the scratch table that splits them, the
view and triggers a bulk import uses). Each test reads a freshly migrated journal's
``sqlite_master``, so a migration that changes the index without the copy fails here.
"""

from __future__ import annotations

import re

from imgjournal import search_index
from imgjournal.models import Base
from imgjournal.search_index import DETAIL_COLUMNS, FTS_TABLES, TERMS_TABLE, TOKENIZE, VIEW


def _sql(journal, name: str) -> str:
    row = journal.raw().execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()
    assert row is not None, f"{name} is not in sqlite_master"
    return " ".join(row[0].split())


def _coalesced(sql: str, row: str) -> list[str]:
    """The columns of ``row`` joined into the details text, in order."""
    return re.findall(rf"coalesce\({row}\.(\w+), ''\)", sql)


def test_the_view_has_the_detail_columns(journal):
    sql = _sql(journal, VIEW)
    assert sql.startswith(
        f"CREATE VIEW {VIEW} AS SELECT e.id AS id, e.title AS title, e.body AS body, "
    )
    assert sql.endswith(" AS details FROM entries AS e")
    assert _coalesced(sql, "e") == list(DETAIL_COLUMNS)
    cols = [r[1] for r in journal.raw().execute(f"PRAGMA table_info({VIEW})")]
    assert cols == ["id", "title", "body", "details"]  # what the bulk import selects


def test_the_fts_tables_and_their_tokenizer(journal):
    rows = journal.raw().execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING fts5(%'"
    )
    found = {name: " ".join(sql.split()) for name, sql in rows}
    assert set(found) == set(FTS_TABLES)
    for table, sql in found.items():
        args = sql[sql.index("fts5(") + 5 : sql.rindex(")")]
        options = dict(re.findall(r"(\w+)='([^']*)'", args))
        columns = [a.strip() for a in args.split(",") if "=" not in a]
        assert columns == ["title", "body", "details"], table
        assert options == {"content": VIEW, "content_rowid": "id", "tokenize": TOKENIZE}, table


def test_the_triggers_write_the_detail_columns(journal):
    names = {
        r[0]
        for r in journal.raw().execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'entries'"
        )
    }
    assert names == {f"{t}_{s}" for t in FTS_TABLES for s in ("ai", "ad", "au")}
    details = list(DETAIL_COLUMNS)
    for table in FTS_TABLES:
        insert = _sql(journal, f"{table}_ai")
        assert insert.startswith(f"CREATE TRIGGER {table}_ai AFTER INSERT ON entries BEGIN ")
        assert f"INSERT INTO {table}(rowid, title, body, details) VALUES (new.id," in insert
        assert _coalesced(insert, "new") == details
        assert _coalesced(insert, "old") == []
        delete = _sql(journal, f"{table}_ad")
        assert delete.startswith(f"CREATE TRIGGER {table}_ad AFTER DELETE ON entries BEGIN ")
        assert (
            f"INSERT INTO {table}({table}, rowid, title, body, details) VALUES ('delete', old.id,"
            in delete
        )
        assert _coalesced(delete, "old") == details
        assert _coalesced(delete, "new") == []
        update = _sql(journal, f"{table}_au")
        watched = re.search(r"AFTER UPDATE OF (.*?) ON entries BEGIN", update)
        assert watched is not None
        assert [c.strip() for c in watched.group(1).split(",")] == ["title", "body", *details]
        assert _coalesced(update, "old") == details
        assert _coalesced(update, "new") == details


def test_the_vocabulary_table(journal):
    sql = _sql(journal, TERMS_TABLE)
    assert sql == f"CREATE TABLE {TERMS_TABLE} (term TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID"


def test_alembic_is_told_to_skip_exactly_the_index_tables(journal):
    tables = {
        r[0]
        for r in journal.raw().execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    } - {"alembic_version"}
    skipped = {t for t in tables if not search_index.include_object(None, t, "table")}
    assert skipped == tables - set(Base.metadata.tables)
    assert TERMS_TABLE in skipped and set(FTS_TABLES) <= skipped
