"""A case's memory hook: one line the user writes to bring the story back (the cheat sheet's cue).

Adds the ``hook`` column to ``entries`` (imgjournal.fields.CASE_FIELDS) and puts it into the
search index: the view ``entry_search_text`` and the ``entries_fts`` triggers read every
free-text field, so both are made again with the new column. No entry has a hook yet, so the
index needs no rebuild: each row's details only gain an empty line, which holds no word.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# The searched fields as 0001 made them; this revision adds ``hook`` after the lesson.
_BEFORE = (
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
_AFTER = (*_BEFORE[:8], "hook", *_BEFORE[8:])  # the case's fields, then the feedback's
_TABLE = "entries_fts"


def _details(row: str, columns: tuple[str, ...]) -> str:
    return " || char(10) || ".join(f"coalesce({row}.{col}, '')" for col in columns)


def _drop_index() -> None:
    for suffix in ("ai", "ad", "au"):
        op.execute(f"DROP TRIGGER IF EXISTS {_TABLE}_{suffix}")
    op.execute("DROP VIEW IF EXISTS entry_search_text")


def _index(columns: tuple[str, ...]) -> None:
    _drop_index()
    op.execute(
        "CREATE VIEW entry_search_text AS SELECT e.id AS id, e.title AS title, e.body AS body, "
        f"{_details('e', columns)} AS details FROM entries AS e"
    )
    insert = (
        f"INSERT INTO {_TABLE}(rowid, title, body, details) "
        f"VALUES (new.id, new.title, new.body, {_details('new', columns)});"
    )
    delete = (
        f"INSERT INTO {_TABLE}({_TABLE}, rowid, title, body, details) "
        f"VALUES ('delete', old.id, old.title, old.body, {_details('old', columns)});"
    )
    text_cols = ", ".join(("title", "body", *columns))
    op.execute(f"CREATE TRIGGER {_TABLE}_ai AFTER INSERT ON entries BEGIN {insert} END")
    op.execute(f"CREATE TRIGGER {_TABLE}_ad AFTER DELETE ON entries BEGIN {delete} END")
    op.execute(
        f"CREATE TRIGGER {_TABLE}_au AFTER UPDATE OF {text_cols} ON entries "
        f"BEGIN {delete} {insert} END"
    )


def upgrade() -> None:
    op.add_column("entries", sa.Column("hook", sa.String(120), nullable=True))
    _index(_AFTER)


def downgrade() -> None:
    # SQLite's own DROP COLUMN (3.35+), not batch mode: copying and dropping ``entries``
    # would let its foreign keys cascade (an entry's tags and prompt links went with it).
    _drop_index()
    op.execute("ALTER TABLE entries DROP COLUMN hook")
    _index(_BEFORE)
