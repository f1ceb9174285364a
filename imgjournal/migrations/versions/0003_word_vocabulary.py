"""Search inside words through a vocabulary instead of a trigram index.

The trigram index was 2.5 times the size of the word index and most of the cost of importing;
words containing a fragment are now found in ``search_terms`` and looked up in ``entries_fts``.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_TRIGRAM_TRIGGERS = ("entries_trigram_ai", "entries_trigram_ad", "entries_trigram_au")


def upgrade() -> None:
    for name in _TRIGRAM_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS entries_trigram")
    op.execute("CREATE TABLE search_terms (term TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID")
    op.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.entries_fts_vocab "
        "USING fts5vocab(main, entries_fts, 'row')"
    )
    op.execute("INSERT OR IGNORE INTO search_terms(term) SELECT term FROM temp.entries_fts_vocab")
    op.execute("DROP TABLE temp.entries_fts_vocab")


def downgrade() -> None:
    details = " || char(10) || ".join(
        f"coalesce({{row}}.{col}, '')"
        for col in (
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
    )
    op.execute("DROP TABLE IF EXISTS search_terms")
    op.execute(
        "CREATE VIRTUAL TABLE entries_trigram USING fts5(title, body, details, "
        "content='entry_search_text', content_rowid='id', tokenize='trigram')"
    )
    new, old = details.format(row="new"), details.format(row="old")
    insert = (
        "INSERT INTO entries_trigram(rowid, title, body, details) "
        f"VALUES (new.id, new.title, new.body, {new});"
    )
    delete = (
        "INSERT INTO entries_trigram(entries_trigram, rowid, title, body, details) "
        f"VALUES ('delete', old.id, old.title, old.body, {old});"
    )
    cols = (
        "title, body, chief_complaint, diagnoses, procedures, star_situation, star_task, "
        "star_action, star_result, star_lesson, giver_name, words, action_items"
    )
    op.execute(f"CREATE TRIGGER entries_trigram_ai AFTER INSERT ON entries BEGIN {insert} END")
    op.execute(f"CREATE TRIGGER entries_trigram_ad AFTER DELETE ON entries BEGIN {delete} END")
    op.execute(
        f"CREATE TRIGGER entries_trigram_au AFTER UPDATE OF {cols} ON entries "
        f"BEGIN {delete} {insert} END"
    )
    op.execute("INSERT INTO entries_trigram(entries_trigram) VALUES ('rebuild')")
