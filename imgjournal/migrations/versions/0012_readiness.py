"""Application readiness: the application profile, letters of recommendation, the date of each
letter's steps and the letters' program assignments (issue 18).

``application_profile`` has one row (id 1) once the user has answered the profile questions
(target specialties, ERAS season, graduation year, visa); none before, so first-run asks once.
``letters`` keep their writer and the experience they come from (SET NULL when it is deleted);
``letter_steps`` the date each status was reached; ``letter_assignments`` the programs a letter
is assigned to (ERAS allows 4 letters per program: the service checks).

Revision ID: 0012
Revises: 0009
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_STATUSES = "'identified', 'asked', 'agreed', 'written', 'uploaded', 'assigned'"


def upgrade() -> None:
    op.create_table(
        "application_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("specialties", sa.Text(), nullable=False),
        sa.Column("season", sa.Integer(), nullable=True),
        sa.Column("graduation_year", sa.Integer(), nullable=True),
        sa.Column("needs_visa", sa.Boolean(), nullable=True),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_application_profile_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_profile")),
    )
    op.create_table(
        "letters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("writer_name", sa.String(200), nullable=False),
        sa.Column("writer_title", sa.String(200), nullable=False),
        sa.Column("writer_specialty", sa.String(100), nullable=False),
        sa.Column("writer_institution", sa.String(200), nullable=False),
        sa.Column("writer_is_us", sa.Boolean(), nullable=False),
        sa.Column("experience_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("eras_letter_id", sa.String(40), nullable=False),
        sa.Column("waived", sa.Boolean(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.CheckConstraint(
            "length(trim(writer_name)) > 0", name=op.f("ck_letters_writer_not_empty")
        ),
        sa.CheckConstraint(f"status IN ({_STATUSES})", name=op.f("ck_letters_status_known")),
        sa.ForeignKeyConstraint(
            ["experience_id"],
            ["experiences.id"],
            name=op.f("fk_letters_experience_id_experiences"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letters")),
    )
    op.create_index("ix_letters_experience_id", "letters", ["experience_id"])
    op.create_table(
        "letter_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.CheckConstraint(f"status IN ({_STATUSES})", name=op.f("ck_letter_steps_status_known")),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letters.id"],
            name=op.f("fk_letter_steps_letter_id_letters"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_steps")),
    )
    op.create_index(
        "ix_letter_steps_letter_id", "letter_steps", ["letter_id", "status"], unique=True
    )
    op.create_table(
        "letter_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("program", sa.String(200), nullable=False),
        sa.Column("program_key", sa.String(200), nullable=False),
        sa.Column("assigned_on", sa.Date(), nullable=False),
        sa.CheckConstraint(
            "length(trim(program)) > 0", name=op.f("ck_letter_assignments_program_not_empty")
        ),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letters.id"],
            name=op.f("fk_letter_assignments_letter_id_letters"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_assignments")),
    )
    op.create_index(
        "ix_letter_assignments_letter_id",
        "letter_assignments",
        ["letter_id", "program_key"],
        unique=True,
    )
    op.create_index("ix_letter_assignments_program_key", "letter_assignments", ["program_key"])


def downgrade() -> None:
    op.drop_table("letter_assignments")
    op.drop_table("letter_steps")
    op.drop_table("letters")
    op.drop_table("application_profile")
