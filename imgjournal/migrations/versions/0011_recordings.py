"""A practice attempt can keep the recording of the spoken answer (issue 16, "Say it out loud").

``recording_file`` is the audio file's name in the journal's ``recordings`` folder (a name, never
a path) and ``recording_ms`` its length in milliseconds; both are null for an attempt with no
recording, or whose recording was deleted (the attempt itself stays).

Revision ID: 0011
Revises: 0009
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable columns: SQLite adds them in place (no table rebuild, however many attempts).
    op.add_column("practice_attempts", sa.Column("recording_ms", sa.Integer(), nullable=True))
    op.add_column("practice_attempts", sa.Column("recording_file", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("practice_attempts") as batch:
        batch.drop_column("recording_file")
        batch.drop_column("recording_ms")
