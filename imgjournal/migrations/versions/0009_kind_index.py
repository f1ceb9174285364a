"""An index on the entries' kind (with the trash column), for the sidebar counts.

Counting live entries per kind (the sidebar's All, Cases, Feedback, Reflections) had no index
to use, so SQLite read every entry's row, bodies and all: about 50 ms at 50,000 entries, and
far more from a cold disk. With ``(kind, deleted_at)`` the count reads that small index
alone: 2 ms.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE INDEX IF NOT EXISTS ix_entries_kind ON entries (kind, deleted_at)")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_entries_kind")
