"""The first schema: experiences, entries, prompts, tags, their links and the search index.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "experiences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("eras_type", sa.String(30), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("institution", sa.String(200), nullable=False),
        sa.Column("specialty", sa.String(100), nullable=False),
        sa.Column("city", sa.String(100), nullable=False),
        sa.Column("state", sa.String(100), nullable=False),
        sa.Column("country", sa.String(100), nullable=False),
        sa.Column("is_us", sa.Boolean(), nullable=False),
        sa.Column("hands_on", sa.Boolean(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("hours_per_week", sa.Integer(), nullable=True),
        sa.Column("supervisor", sa.String(200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.CheckConstraint(
            "end_date IS NULL OR end_date >= start_date",
            name=op.f("ck_experiences_end_after_start"),
        ),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_experiences_title_not_empty")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_experiences")),
    )
    op.create_table(
        "prompts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(80), nullable=True),
        sa.Column("category", sa.String(20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("min_seconds", sa.Integer(), nullable=False),
        sa.Column("max_seconds", sa.Integer(), nullable=False),
        sa.Column("hidden", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("length(trim(text)) > 0", name=op.f("ck_prompts_text_not_empty")),
        sa.CheckConstraint(
            "min_seconds > 0 AND max_seconds >= min_seconds", name=op.f("ck_prompts_length_range")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prompts")),
        sa.UniqueConstraint("key", name=op.f("uq_prompts_key")),
    )
    op.create_table(
        "tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tags")),
        sa.UniqueConstraint("name", name=op.f("uq_tags_name")),
    )
    op.create_table(
        "entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("entry_date", sa.Date(), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("experience_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.Column("deleted_at", sa.String(32), nullable=True),
        sa.Column("setting", sa.String(12), nullable=True),
        sa.Column("age_band", sa.String(12), nullable=True),
        sa.Column("sex", sa.String(8), nullable=True),
        sa.Column("chief_complaint", sa.Text(), nullable=True),
        sa.Column("diagnoses", sa.Text(), nullable=True),
        sa.Column("procedures", sa.Text(), nullable=True),
        sa.Column("role", sa.String(12), nullable=True),
        sa.Column("star_situation", sa.Text(), nullable=True),
        sa.Column("star_task", sa.Text(), nullable=True),
        sa.Column("star_action", sa.Text(), nullable=True),
        sa.Column("star_result", sa.Text(), nullable=True),
        sa.Column("star_lesson", sa.Text(), nullable=True),
        sa.Column("giver_name", sa.String(200), nullable=True),
        sa.Column("giver_role", sa.String(12), nullable=True),
        sa.Column("feedback_kind", sa.String(12), nullable=True),
        sa.Column("words", sa.Text(), nullable=True),
        sa.Column("action_items", sa.Text(), nullable=True),
        sa.Column("followed_up", sa.Boolean(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('case', 'feedback', 'reflection')", name=op.f("ck_entries_kind_known")
        ),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_entries_title_not_empty")),
        sa.ForeignKeyConstraint(
            ["experience_id"],
            ["experiences.id"],
            name=op.f("fk_entries_experience_id_experiences"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entries")),
    )
    op.create_index("ix_entries_entry_date", "entries", ["entry_date"])
    op.create_index("ix_entries_experience_id", "entries", ["experience_id"])
    op.create_index("ix_entries_deleted_at", "entries", ["deleted_at"])
    op.create_table(
        "entry_prompts",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("prompt_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entries.id"],
            name=op.f("fk_entry_prompts_entry_id_entries"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["prompt_id"],
            ["prompts.id"],
            name=op.f("fk_entry_prompts_prompt_id_prompts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("entry_id", "prompt_id", name=op.f("pk_entry_prompts")),
    )
    op.create_index("ix_entry_prompts_prompt_id", "entry_prompts", ["prompt_id"])
    op.create_table(
        "entry_tags",
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entries.id"],
            name=op.f("fk_entry_tags_entry_id_entries"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tags.id"], name=op.f("fk_entry_tags_tag_id_tags"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("entry_id", "tag_id", name=op.f("pk_entry_tags")),
    )
    op.create_index("ix_entry_tags_tag_id", "entry_tags", ["tag_id"])
    for stmt in _index_v1():
        op.execute(stmt)


def downgrade() -> None:
    for stmt in _drop_index_v1():
        op.execute(stmt)
    op.drop_table("entry_tags")
    op.drop_table("entry_prompts")
    op.drop_table("entries")
    op.drop_table("tags")
    op.drop_table("prompts")
    op.drop_table("experiences")


# The search index as this revision made it, frozen here (search_index.py describes the current
# one; revision 0003 replaced the trigram table by a table of indexed words).
_DETAILS = (
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
_TABLES = ("entries_fts", "entries_trigram")


def _details(row: str) -> str:
    return " || char(10) || ".join(f"coalesce({row}.{col}, '')" for col in _DETAILS)


def _index_v1() -> list[str]:
    stmts = [
        "CREATE VIEW entry_search_text AS SELECT e.id AS id, e.title AS title, e.body AS body, "
        f"{_details('e')} AS details FROM entries AS e",
        "CREATE VIRTUAL TABLE entries_fts USING fts5(title, body, details, "
        "content='entry_search_text', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2', prefix='2 3')",
        "CREATE VIRTUAL TABLE entries_trigram USING fts5(title, body, details, "
        "content='entry_search_text', content_rowid='id', tokenize='trigram')",
    ]
    text_cols = ", ".join(("title", "body", *_DETAILS))
    for table in _TABLES:
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


def _drop_index_v1() -> list[str]:
    stmts = []
    for table in _TABLES:
        stmts += [f"DROP TRIGGER IF EXISTS {table}_{s}" for s in ("ai", "ad", "au")]
        stmts.append(f"DROP TABLE IF EXISTS {table}")
    return [*stmts, "DROP VIEW IF EXISTS entry_search_text"]
