"""SQLAlchemy 2 models: the one declaration of the schema (migrations must produce exactly this).

Entries of all three kinds share one table; the case and feedback columns are NULL for the
other kinds. This keeps full-text search, listing and export to one simple query each.
Nothing outside ``imgjournal.services`` and ``imgjournal.db`` touches these classes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from imgjournal import fields
from imgjournal.domain import LETTER_STATUSES, PROGRAM_STATUSES, PROGRAM_TYPES, VISA_SPONSORSHIPS

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime stored as ISO-8601 text (sorts correctly, reads back aware)."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value: str | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return datetime.fromisoformat(value)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


entry_prompts = Table(
    "entry_prompts",
    Base.metadata,
    Column("entry_id", ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True),
    Column("prompt_id", ForeignKey("prompts.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_entry_prompts_prompt_id", "prompt_id", "entry_id"),  # covering: counts (0006)
)

entry_tags = Table(
    "entry_tags",
    Base.metadata,
    Column("entry_id", ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_entry_tags_tag_id", "tag_id", "entry_id"),  # covering: counts (0006)
)


class Experience(Base):
    __tablename__ = "experiences"
    __table_args__ = (
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="end_after_start"),
        CheckConstraint("length(trim(title)) > 0", name="title_not_empty"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    eras_type: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(200))
    institution: Mapped[str] = mapped_column(String(200), default="")
    specialty: Mapped[str] = mapped_column(String(100), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    state: Mapped[str] = mapped_column(String(100), default="")
    country: Mapped[str] = mapped_column(String(100), default="")
    is_us: Mapped[bool] = mapped_column(Boolean, default=True)
    hands_on: Mapped[bool] = mapped_column(Boolean, default=True)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    hours_per_week: Mapped[int | None] = mapped_column(Integer)
    supervisor: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Prompt(Base):
    __tablename__ = "prompts"
    __table_args__ = (
        CheckConstraint("length(trim(text)) > 0", name="text_not_empty"),
        CheckConstraint("min_seconds > 0 AND max_seconds >= min_seconds", name="length_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Built-in prompts carry the stable key of resources/prompts.json; user prompts have none.
    key: Mapped[str | None] = mapped_column(String(80), unique=True)
    category: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    min_seconds: Mapped[int] = mapped_column(Integer)
    max_seconds: Mapped[int] = mapped_column(Integer)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)


class Entry(Base):
    __tablename__ = "entries"
    __table_args__ = (
        CheckConstraint("kind IN ('case', 'feedback', 'reflection')", name="kind_known"),
        CheckConstraint("length(trim(title)) > 0", name="title_not_empty"),
        # Almost every query asks for live entries (deleted_at IS NULL), so deleted_at rides
        # along in the date and experience indexes (counts and date ranges read the index
        # alone), and its own index holds only the trash: an index on a column that is NULL
        # in 99% of rows led SQLite's planner to scan and sort all of them (migration 0005).
        Index("ix_entries_entry_date", "entry_date", "deleted_at"),
        Index("ix_entries_experience_id", "experience_id", "deleted_at"),
        Index("ix_entries_deleted_at", "deleted_at", sqlite_where=text("deleted_at IS NOT NULL")),
        Index("ix_entries_kind", "kind", "deleted_at"),  # covering: the sidebar counts (0009)
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    entry_date: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    experience_id: Mapped[int | None] = mapped_column(
        ForeignKey("experiences.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set when the entry is moved to the trash; emptying the trash deletes the row.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # The case's and the feedback's own columns: added below, from imgjournal.fields.

    experience: Mapped[Experience | None] = relationship()
    prompts: Mapped[list[Prompt]] = relationship(secondary=entry_prompts, order_by=Prompt.id)
    tags: Mapped[list[Tag]] = relationship(secondary=entry_tags, order_by=Tag.name)


def _field_column(f: fields.Field) -> Any:
    """The column of one case or feedback field (all nullable: other kinds leave them NULL)."""
    if f.shape == fields.FLAG:
        sql_type: Any = Boolean
    elif f.shape == fields.CHOICE:
        sql_type = String(f.width or 12)
    else:  # a text, or a list stored one item per line
        sql_type = String(f.width) if f.width else Text
    return mapped_column(f.column, sql_type, nullable=True)


for _f in (*fields.CASE_FIELDS, *fields.FEEDBACK_FIELDS):
    setattr(Entry, _f.column, _field_column(_f))


class Revision(Base):
    """An earlier text of an entry (migration 0007): what a restore brings back.

    ``rev`` counts 1, 2, ... per entry. ``saved_at`` is when that text was saved in the entry;
    ``kept_at`` when the revision was made (the 10-minute spacing and the 30 days of
    retention count from it). ``details`` holds the case or feedback fields as a JSON object
    ("" for reflections); ``words`` counts the body's words. Emptying the trash deletes an
    entry's revisions with it (ON DELETE CASCADE).
    """

    __tablename__ = "revisions"
    __table_args__ = (
        CheckConstraint("rev >= 1", name="rev_positive"),
        CheckConstraint("reason IN ('edit', 'left', 'restore')", name="reason_known"),
        Index("ix_revisions_entry_id", "entry_id", "rev", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"))
    rev: Mapped[int] = mapped_column(Integer)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime)
    kept_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[str] = mapped_column(Text, default="")
    words: Mapped[int] = mapped_column(Integer, default=0)


class PrivacyAllowed(Base):
    """A word or phrase the user marked "Not an identifier" (migration 0008).

    ``key`` is the phrase folded for comparison (stripped, casefolded); the checker skips a
    finding whose text folds to a key here, everywhere in the journal.
    """

    __tablename__ = "privacy_allowed"
    __table_args__ = (
        CheckConstraint("length(trim(phrase)) > 0", name="phrase_not_empty"),
        UniqueConstraint("key", name="uq_privacy_allowed_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    phrase: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(200))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PrivacyState(Base):
    """Small facts of the privacy guard, by key (migration 0008): ``legacy_scan`` is
    ``pending`` until the entries written before the guard have been scanned once, then the
    number of entries in which that scan found something."""

    __tablename__ = "privacy_state"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# ---- interview prep (migration 0002) ------------------------------------------------------


class AnswerDraft(Base):
    """A drafted answer to a prompt (a STAR-L outline in Markdown); one per prompt is practised."""

    __tablename__ = "answer_drafts"
    __table_args__ = (
        CheckConstraint("length(trim(title)) > 0", name="title_not_empty"),
        Index("ix_answer_drafts_prompt_id", "prompt_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    prompt_id: Mapped[int] = mapped_column(ForeignKey("prompts.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    # The draft to practise for its prompt; services keep at most one per prompt.
    is_practice: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PracticeAttempt(Base):
    """One timed answer said aloud, rated Blanked (1), Shaky (2), Good (3) or Nailed it (4)."""

    __tablename__ = "practice_attempts"
    __table_args__ = (
        CheckConstraint("rating BETWEEN 1 AND 4", name="rating_known"),
        CheckConstraint("duration_seconds >= 0", name="duration_not_negative"),
        Index("ix_practice_attempts_prompt_id", "prompt_id"),
        Index("ix_practice_attempts_draft_id", "draft_id"),
        Index("ix_practice_attempts_started_at", "started_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    prompt_id: Mapped[int] = mapped_column(ForeignKey("prompts.id", ondelete="CASCADE"))
    draft_id: Mapped[int | None] = mapped_column(
        ForeignKey("answer_drafts.id", ondelete="SET NULL")
    )
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_seconds: Mapped[int] = mapped_column(Integer)
    rating: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    # The spoken answer's recording (services/recordings.py): its length, and the file's name in
    # the journal's recordings folder. Both null without one (or once it is deleted).
    recording_ms: Mapped[int | None] = mapped_column(Integer, nullable=True)
    recording_file: Mapped[str | None] = mapped_column(Text, nullable=True)


class PromptSchedule(Base):
    """The FSRS state of a prompt: ``card`` is ``fsrs.Card.to_dict()`` as JSON, ``due`` a copy
    of its due time kept as a column so "what is due" is one indexed query."""

    __tablename__ = "prompt_schedules"
    __table_args__ = (Index("ix_prompt_schedules_due", "due"),)

    prompt_id: Mapped[int] = mapped_column(
        ForeignKey("prompts.id", ondelete="CASCADE"), primary_key=True
    )
    card: Mapped[str] = mapped_column(Text)
    due: Mapped[datetime] = mapped_column(UTCDateTime)


# ---- application readiness (migration 0012) ----------------------------------------------

_STATUS_LIST = ", ".join(f"'{s}'" for s in LETTER_STATUSES)


class ApplicationProfile(Base):
    """What the readiness figures are measured against (one row, id 1; none until asked).

    ``specialties`` holds the target specialties one per line; ``season`` is the ERAS cycle
    year (ERAS 2027: applications in September 2026, residency from July 2027); ``needs_visa``
    is None until the user says.
    """

    __tablename__ = "application_profile"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    specialties: Mapped[str] = mapped_column(Text, default="")
    season: Mapped[int | None] = mapped_column(Integer)
    graduation_year: Mapped[int | None] = mapped_column(Integer)
    needs_visa: Mapped[bool | None] = mapped_column(Boolean)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Letter(Base):
    """A letter of recommendation: its writer, the experience it comes from, where it stands.

    ``status`` is the furthest step reached (``LETTER_STATUSES``); the date of each step is in
    ``letter_steps``. ``waived`` (the right to see the letter) is None until decided.
    """

    __tablename__ = "letters"
    __table_args__ = (
        CheckConstraint("length(trim(writer_name)) > 0", name="writer_not_empty"),
        CheckConstraint(f"status IN ({_STATUS_LIST})", name="status_known"),
        Index("ix_letters_experience_id", "experience_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    writer_name: Mapped[str] = mapped_column(String(200))
    writer_title: Mapped[str] = mapped_column(String(200), default="")
    writer_specialty: Mapped[str] = mapped_column(String(100), default="")
    writer_institution: Mapped[str] = mapped_column(String(200), default="")
    writer_is_us: Mapped[bool] = mapped_column(Boolean, default=True)
    experience_id: Mapped[int | None] = mapped_column(
        ForeignKey("experiences.id", ondelete="SET NULL")
    )
    status: Mapped[str] = mapped_column(String(12), default="identified")
    due_date: Mapped[date | None] = mapped_column(Date)
    eras_letter_id: Mapped[str] = mapped_column(String(40), default="")
    waived: Mapped[bool | None] = mapped_column(Boolean)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LetterStep(Base):
    """The date a letter reached one status (one row per letter and status)."""

    __tablename__ = "letter_steps"
    __table_args__ = (
        CheckConstraint(f"status IN ({_STATUS_LIST})", name="status_known"),
        Index("ix_letter_steps_letter_id", "letter_id", "status", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(12))
    on_date: Mapped[date] = mapped_column(Date)


class LetterAssignment(Base):
    """A letter assigned to a program in ERAS (at most 4 letters per program: the service
    checks). ``program_key`` is the program's name folded for comparison."""

    __tablename__ = "letter_assignments"
    __table_args__ = (
        CheckConstraint("length(trim(program)) > 0", name="program_not_empty"),
        Index("ix_letter_assignments_letter_id", "letter_id", "program_key", unique=True),
        Index("ix_letter_assignments_program_key", "program_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"))
    program: Mapped[str] = mapped_column(String(200))
    program_key: Mapped[str] = mapped_column(String(200))
    assigned_on: Mapped[date] = mapped_column(Date)


# ---- the ERAS composer (migration 0014) ---------------------------------------------------

eras_experience_links = Table(
    "eras_experience_links",
    Base.metadata,
    Column("eras_id", ForeignKey("eras_experiences.id", ondelete="CASCADE"), primary_key=True),
    Column("experience_id", ForeignKey("experiences.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_eras_experience_links_experience_id", "experience_id", "eras_id"),
)


class ErasExperience(Base):
    """One experience of the ERAS application (at most 10; services/eras.py keeps the limits).

    ``description`` and ``reflection`` are stored as counted (limits.eras_text: LF line
    breaks, NFC); ``reflection`` is kept only while ``meaningful`` is set. ``sort_order`` is
    the order the composer lists them in.
    """

    __tablename__ = "eras_experiences"
    __table_args__ = (
        CheckConstraint("length(trim(title)) > 0", name="title_not_empty"),
        CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
            name="end_after_start",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    eras_type: Mapped[str] = mapped_column(String(30))
    organization: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    state: Mapped[str] = mapped_column(String(100), default="")
    country: Mapped[str] = mapped_column(String(100), default="")
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    hours_per_week: Mapped[int | None] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text, default="")
    meaningful: Mapped[bool] = mapped_column(Boolean, default=False)
    reflection: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    experiences: Mapped[list[Experience]] = relationship(
        secondary=eras_experience_links, order_by=Experience.start_date
    )


# ---- programs and contacts (migration 0015) ----------------------------------------------

_PROGRAM_STATUS_LIST = ", ".join(f"'{s}'" for s in PROGRAM_STATUSES)
_PROGRAM_TYPE_LIST = ", ".join(f"'{s}'" for s in ("", *PROGRAM_TYPES))
_VISA_LIST = ", ".join(f"'{s}'" for s in VISA_SPONSORSHIPS)


class Program(Base):
    """A residency program the user considers: their notes, its status, the interview.

    ``status`` is the furthest step reached (``PROGRAM_STATUSES``), the date of each step in
    ``program_steps``; ``name_key`` is the name folded as letter assignments fold it, so a
    letter assigned to "Mercy IM" is this program's. ``affiliates`` holds the affiliated
    hospitals one per line.
    """

    __tablename__ = "programs"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="name_not_empty"),
        CheckConstraint(f"status IN ({_PROGRAM_STATUS_LIST})", name="status_known"),
        CheckConstraint(f"program_type IN ({_PROGRAM_TYPE_LIST})", name="type_known"),
        CheckConstraint(f"visa IN ({_VISA_LIST})", name="visa_known"),
        Index("ix_programs_name_key", "name_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))
    specialty: Mapped[str] = mapped_column(String(100), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    state: Mapped[str] = mapped_column(String(100), default="")
    program_type: Mapped[str] = mapped_column(String(30), default="")
    visa: Mapped[str] = mapped_column(String(20), default="unknown")
    img_notes: Mapped[str] = mapped_column(Text, default="")
    sources: Mapped[str] = mapped_column(Text, default="")
    affiliates: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="considering")
    interview_date: Mapped[date | None] = mapped_column(Date)
    interview_format: Mapped[str] = mapped_column(String(40), default="")
    questions: Mapped[str] = mapped_column(Text, default="")
    thank_you_sent: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ProgramStep(Base):
    """The date a program's application reached one status."""

    __tablename__ = "program_steps"
    __table_args__ = (
        CheckConstraint(f"status IN ({_PROGRAM_STATUS_LIST})", name="status_known"),
        Index("ix_program_steps_program_id", "program_id", "status", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(20))
    on_date: Mapped[date] = mapped_column(Date)


program_prompts = Table(
    "program_prompts",
    Base.metadata,
    Column("program_id", ForeignKey("programs.id", ondelete="CASCADE"), primary_key=True),
    Column("prompt_id", ForeignKey("prompts.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_program_prompts_prompt_id", "prompt_id"),
)


class Contact(Base):
    """A person met on a rotation or at an event; ``follow_up`` is when to write next."""

    __tablename__ = "contacts"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="name_not_empty"),
        Index("ix_contacts_follow_up", "follow_up"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    institution: Mapped[str] = mapped_column(String(200), default="")
    met_where: Mapped[str] = mapped_column(String(200), default="")
    met_on: Mapped[date | None] = mapped_column(Date)
    last_contact: Mapped[date | None] = mapped_column(Date)
    follow_up: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ContactLink(Base):
    """A contact tied to exactly one program, experience or letter."""

    __tablename__ = "contact_links"
    __table_args__ = (
        CheckConstraint(
            "(program_id IS NOT NULL) + (experience_id IS NOT NULL) + (letter_id IS NOT NULL) = 1",
            name="one_target",
        ),
        Index("ix_contact_links_contact_id", "contact_id"),
        Index("ix_contact_links_program_id", "program_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    program_id: Mapped[int | None] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"))
    experience_id: Mapped[int | None] = mapped_column(
        ForeignKey("experiences.id", ondelete="CASCADE")
    )
    letter_id: Mapped[int | None] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"))
