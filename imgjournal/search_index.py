"""The full-text index: two FTS5 tables kept in step with ``entries`` by triggers.

- ``entries_fts`` (unicode61, prefix indexes) answers whole-word and prefix queries, ranked.
- ``entries_trigram`` (trigram tokenizer) answers substring queries of three or more letters.

Both are external-content tables over the view ``entry_search_text``, so the text is stored
once (in ``entries``). The SQL lives here, once, and is executed by the migration that creates
the index; the search service only queries it.
"""

from __future__ import annotations

# The case and feedback fields that search covers besides title and body.
DETAIL_COLUMNS = (
    "chief_complaint",
    "diagnoses",
    "procedures",
    "star_situation",
    "star_task",
    "star_action",
    "star_result",
    "star_lesson",
    "giver_name",
    "words",
    "action_items",
)

FTS_TABLES = ("entries_fts", "entries_trigram")
VIEW = "entry_search_text"


def _details(row: str) -> str:
    parts = [f"coalesce({row}.{col}, '')" for col in DETAIL_COLUMNS]
    return " || char(10) || ".join(parts)


def create_statements() -> list[str]:
    stmts = [
        f"CREATE VIEW {VIEW} AS SELECT e.id AS id, e.title AS title, e.body AS body, "
        f"{_details('e')} AS details FROM entries AS e",
        "CREATE VIRTUAL TABLE entries_fts USING fts5(title, body, details, "
        f"content='{VIEW}', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2', prefix='2 3')",
        "CREATE VIRTUAL TABLE entries_trigram USING fts5(title, body, details, "
        f"content='{VIEW}', content_rowid='id', tokenize='trigram')",
    ]
    text_cols = ", ".join(("title", "body", *DETAIL_COLUMNS))
    for table in FTS_TABLES:
        insert = (
            f"INSERT INTO {table}(rowid, title, body, details) "
            f"VALUES (new.id, new.title, new.body, {_details('new')});"
        )
        delete = (
            f"INSERT INTO {table}({table}, rowid, title, body, details) "
            f"VALUES ('delete', old.id, old.title, old.body, {_details('old')});"
        )
        stmts += [
            f"CREATE TRIGGER {table}_ai AFTER INSERT ON entries BEGIN {insert} END",
            f"CREATE TRIGGER {table}_ad AFTER DELETE ON entries BEGIN {delete} END",
            f"CREATE TRIGGER {table}_au AFTER UPDATE OF {text_cols} ON entries "
            f"BEGIN {delete} {insert} END",
        ]
    return stmts


def drop_statements() -> list[str]:
    stmts = []
    for table in FTS_TABLES:
        for suffix in ("ai", "ad", "au"):
            stmts.append(f"DROP TRIGGER IF EXISTS {table}_{suffix}")
        stmts.append(f"DROP TABLE IF EXISTS {table}")
    stmts.append(f"DROP VIEW IF EXISTS {VIEW}")
    return stmts


def rebuild_statements() -> list[str]:
    return [f"INSERT INTO {t}({t}) VALUES ('rebuild')" for t in FTS_TABLES]


def include_object(obj: object, name: str | None, type_: str, *_: object) -> bool:
    """For Alembic: the FTS5 tables and their shadow tables are not declared by the models."""
    return not (type_ == "table" and str(name).startswith(FTS_TABLES))
