"""The ERAS composer: the application's experiences and the journal experiences behind them.

``eras_experiences`` holds up to 10 application experiences (the limits are the services',
imgjournal/limits.py): the ERAS fields, the description and, for a "most meaningful" one, its
reflection. ``eras_experience_links`` ties each to the journal experiences it draws on
(deleting either side deletes the link only).

Revision ID: 0014
Revises: 0009
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "eras_experiences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("eras_type", sa.String(30), nullable=False),
        sa.Column("organization", sa.String(200), nullable=False),
        sa.Column("position", sa.String(200), nullable=False),
        sa.Column("city", sa.String(100), nullable=False),
        sa.Column("state", sa.String(100), nullable=False),
        sa.Column("country", sa.String(100), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("hours_per_week", sa.Integer(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("meaningful", sa.Boolean(), nullable=False),
        sa.Column("reflection", sa.Text(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.CheckConstraint(
            "length(trim(title)) > 0", name=op.f("ck_eras_experiences_title_not_empty")
        ),
        sa.CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name=op.f("ck_eras_experiences_end_after_start"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eras_experiences")),
    )
    op.create_table(
        "eras_experience_links",
        sa.Column("eras_id", sa.Integer(), nullable=False),
        sa.Column("experience_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["eras_id"],
            ["eras_experiences.id"],
            name=op.f("fk_eras_experience_links_eras_id_eras_experiences"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["experience_id"],
            ["experiences.id"],
            name=op.f("fk_eras_experience_links_experience_id_experiences"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("eras_id", "experience_id", name=op.f("pk_eras_experience_links")),
    )
    op.create_index(
        "ix_eras_experience_links_experience_id",
        "eras_experience_links",
        ["experience_id", "eras_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_eras_experience_links_experience_id", "eras_experience_links")
    op.drop_table("eras_experience_links")
    op.drop_table("eras_experiences")
