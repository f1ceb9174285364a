"""Privacy guard: the journal's allow-list ("Not an identifier") and the one-time scan state.

``privacy_allowed`` holds the words and phrases the user marked as not identifying (``key`` is
the phrase folded for comparison, unique). ``privacy_state`` is a small key/value table; a
journal that already holds entries gets ``legacy_scan = pending`` here, so the app scans the
entries written before the privacy guard once, on a worker, and says on Today what it found.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "privacy_allowed",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("phrase", sa.String(200), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("added_at", sa.String(32), nullable=False),
        sa.CheckConstraint(
            "length(trim(phrase)) > 0", name=op.f("ck_privacy_allowed_phrase_not_empty")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_privacy_allowed")),
        sa.UniqueConstraint("key", name=op.f("uq_privacy_allowed_key")),
    )
    op.create_table(
        "privacy_state",
        sa.Column("key", sa.String(40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_privacy_state")),
    )
    op.execute(
        "INSERT INTO privacy_state (key, value) "
        "SELECT 'legacy_scan', 'pending' WHERE EXISTS (SELECT 1 FROM entries)"
    )


def downgrade() -> None:
    op.drop_table("privacy_state")
    op.drop_table("privacy_allowed")
