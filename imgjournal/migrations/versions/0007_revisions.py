"""Revision history: earlier texts of each entry, kept while editing and on leaving it.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("saved_at", sa.String(32), nullable=False),
        sa.Column("kept_at", sa.String(32), nullable=False),
        sa.Column("reason", sa.String(8), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("words", sa.Integer(), nullable=False),
        sa.CheckConstraint("rev >= 1", name=op.f("ck_revisions_rev_positive")),
        sa.CheckConstraint(
            "reason IN ('edit', 'left', 'restore')", name=op.f("ck_revisions_reason_known")
        ),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entries.id"],
            name=op.f("fk_revisions_entry_id_entries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revisions")),
    )
    op.create_index("ix_revisions_entry_id", "revisions", ["entry_id", "rev"], unique=True)


def downgrade() -> None:
    op.drop_table("revisions")
