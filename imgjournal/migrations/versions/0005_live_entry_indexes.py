"""Indexes that suit queries for live entries: deleted_at inside the date and experience
indexes, and an index of the trash alone.

Every list, count and sheet asks for entries with ``deleted_at IS NULL``. With an index on
``deleted_at`` alone, SQLite's planner (which has no statistics here) took that index for
such queries, read every live entry through it and sorted them: the newest 200 entries of a
50,000-entry journal took 0.36 s, a date range 88 ms, the entry counts per experience 44 ms.
Now they take 1.3 ms, 33 ms and 4 ms.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from imgjournal.migrations.indexes import replace_indexes

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_NEW = (
    "CREATE INDEX ix_entries_entry_date ON entries (entry_date, deleted_at)",
    "CREATE INDEX ix_entries_experience_id ON entries (experience_id, deleted_at)",
    "CREATE INDEX ix_entries_deleted_at ON entries (deleted_at) WHERE deleted_at IS NOT NULL",
)
_OLD = (
    "CREATE INDEX ix_entries_entry_date ON entries (entry_date)",
    "CREATE INDEX ix_entries_experience_id ON entries (experience_id)",
    "CREATE INDEX ix_entries_deleted_at ON entries (deleted_at)",
)


def upgrade() -> None:
    replace_indexes(_NEW)


def downgrade() -> None:
    replace_indexes(_OLD)
