"""Residency programs, their application steps and the prompts they ask; contacts and mentors
with their links to programs, experiences and letters (issue 19, parts 2-4).

``programs`` keep the user's notes on a program (IMG-friendliness in their words, sources,
affiliated hospitals one per line, questions to ask) and its application status; the date each
status was reached is in ``program_steps``. ``program_prompts`` are the interview prompts the
user noted the program asks. ``contacts`` are people met on rotations and at events;
``contact_links`` ties one to a program, an experience or a letter (exactly one per row).

Revision ID: 0015
Revises: 0012
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

_STATUSES = "'considering', 'applied', 'interview_invited', 'interviewed', 'ranked'"
_TYPES = "'', 'university', 'community', 'community-based university'"
_VISAS = "'unknown', 'none', 'J-1', 'H-1B', 'J-1 and H-1B'"


def upgrade() -> None:
    op.create_table(
        "programs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_key", sa.String(200), nullable=False),
        sa.Column("specialty", sa.String(100), nullable=False),
        sa.Column("city", sa.String(100), nullable=False),
        sa.Column("state", sa.String(100), nullable=False),
        sa.Column("program_type", sa.String(30), nullable=False),
        sa.Column("visa", sa.String(20), nullable=False),
        sa.Column("img_notes", sa.Text(), nullable=False),
        sa.Column("sources", sa.Text(), nullable=False),
        sa.Column("affiliates", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("interview_date", sa.Date(), nullable=True),
        sa.Column("interview_format", sa.String(40), nullable=False),
        sa.Column("questions", sa.Text(), nullable=False),
        sa.Column("thank_you_sent", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_programs_name_not_empty")),
        sa.CheckConstraint(f"status IN ({_STATUSES})", name=op.f("ck_programs_status_known")),
        sa.CheckConstraint(f"program_type IN ({_TYPES})", name=op.f("ck_programs_type_known")),
        sa.CheckConstraint(f"visa IN ({_VISAS})", name=op.f("ck_programs_visa_known")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programs")),
    )
    op.create_index("ix_programs_name_key", "programs", ["name_key"])
    op.create_table(
        "program_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.CheckConstraint(f"status IN ({_STATUSES})", name=op.f("ck_program_steps_status_known")),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["programs.id"],
            name=op.f("fk_program_steps_program_id_programs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_program_steps")),
    )
    op.create_index(
        "ix_program_steps_program_id", "program_steps", ["program_id", "status"], unique=True
    )
    op.create_table(
        "program_prompts",
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("prompt_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["programs.id"],
            name=op.f("fk_program_prompts_program_id_programs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["prompt_id"],
            ["prompts.id"],
            name=op.f("fk_program_prompts_prompt_id_prompts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("program_id", "prompt_id", name=op.f("pk_program_prompts")),
    )
    op.create_index("ix_program_prompts_prompt_id", "program_prompts", ["prompt_id"])
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(200), nullable=False),
        sa.Column("institution", sa.String(200), nullable=False),
        sa.Column("met_where", sa.String(200), nullable=False),
        sa.Column("met_on", sa.Date(), nullable=True),
        sa.Column("last_contact", sa.Date(), nullable=True),
        sa.Column("follow_up", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_contacts_name_not_empty")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    op.create_index("ix_contacts_follow_up", "contacts", ["follow_up"])
    op.create_table(
        "contact_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=True),
        sa.Column("experience_id", sa.Integer(), nullable=True),
        sa.Column("letter_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "(program_id IS NOT NULL) + (experience_id IS NOT NULL) + (letter_id IS NOT NULL) = 1",
            name=op.f("ck_contact_links_one_target"),
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_contact_links_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["experience_id"],
            ["experiences.id"],
            name=op.f("fk_contact_links_experience_id_experiences"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letters.id"],
            name=op.f("fk_contact_links_letter_id_letters"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["programs.id"],
            name=op.f("fk_contact_links_program_id_programs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_links")),
    )
    op.create_index("ix_contact_links_contact_id", "contact_links", ["contact_id"])
    op.create_index("ix_contact_links_program_id", "contact_links", ["program_id"])


def downgrade() -> None:
    op.drop_table("contact_links")
    op.drop_table("contacts")
    op.drop_table("program_prompts")
    op.drop_table("program_steps")
    op.drop_table("programs")
