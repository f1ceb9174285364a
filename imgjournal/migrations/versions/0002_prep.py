"""Interview prep: answer drafts, practice attempts and the FSRS schedule of each prompt.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "answer_drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("prompt_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("is_practice", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.CheckConstraint(
            "length(trim(title)) > 0", name=op.f("ck_answer_drafts_title_not_empty")
        ),
        sa.ForeignKeyConstraint(
            ["prompt_id"],
            ["prompts.id"],
            name=op.f("fk_answer_drafts_prompt_id_prompts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_answer_drafts")),
    )
    op.create_index("ix_answer_drafts_prompt_id", "answer_drafts", ["prompt_id"])
    op.create_table(
        "practice_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("prompt_id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=True),
        sa.Column("started_at", sa.String(32), nullable=False),
        sa.Column("duration_seconds", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "rating BETWEEN 1 AND 4", name=op.f("ck_practice_attempts_rating_known")
        ),
        sa.CheckConstraint(
            "duration_seconds >= 0", name=op.f("ck_practice_attempts_duration_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["prompt_id"],
            ["prompts.id"],
            name=op.f("fk_practice_attempts_prompt_id_prompts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["draft_id"],
            ["answer_drafts.id"],
            name=op.f("fk_practice_attempts_draft_id_answer_drafts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_attempts")),
    )
    op.create_index("ix_practice_attempts_prompt_id", "practice_attempts", ["prompt_id"])
    op.create_index("ix_practice_attempts_draft_id", "practice_attempts", ["draft_id"])
    op.create_index("ix_practice_attempts_started_at", "practice_attempts", ["started_at"])
    op.create_table(
        "prompt_schedules",
        sa.Column("prompt_id", sa.Integer(), nullable=False),
        sa.Column("card", sa.Text(), nullable=False),
        sa.Column("due", sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(
            ["prompt_id"],
            ["prompts.id"],
            name=op.f("fk_prompt_schedules_prompt_id_prompts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("prompt_id", name=op.f("pk_prompt_schedules")),
    )
    op.create_index("ix_prompt_schedules_due", "prompt_schedules", ["due"])


def downgrade() -> None:
    op.drop_table("prompt_schedules")
    op.drop_table("practice_attempts")
    op.drop_table("answer_drafts")
