"""A whole journal as plain values: the :class:`Snapshot` that export reads and import writes.

``read_snapshot`` reads every record (trashed entries, hidden and built-in prompts, unused tags)
as DTOs in one read transaction; ``read_export`` reads the same with entries as stored rows
(:class:`EntryTable`), which is what a whole-journal export needs. The writing side is
:func:`imgjournal.services.transfer.import_snapshot`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from imgjournal.db import Journal
from imgjournal.domain import EntryKind
from imgjournal.fields import CASE_FIELDS, FEEDBACK_FIELDS, LIST, Field
from imgjournal.models import (
    AnswerDraft,
    Entry,
    Experience,
    PracticeAttempt,
    Prompt,
    PromptSchedule,
    Tag,
    UTCDateTime,
)
from imgjournal.services.convert import (
    attempt_dto,
    draft_dto,
    entry_dto,
    experience_dto,
    prompt_dto,
    schedule_dto,
)
from imgjournal.services.dto import (
    AttemptDTO,
    CaseFields,
    DraftDTO,
    EntryDTO,
    ExperienceDTO,
    FeedbackFields,
    PromptDTO,
    ScheduleDTO,
)
from imgjournal.services.entries import plain_rows
from imgjournal.services.programs_dto import ContactDTO, ProgramDTO
from imgjournal.services.readiness_dto import LetterDTO, ProfileDTO


def _all_rows(conn: Connection, model: Any, key: str = "id") -> list[Any]:
    """Every row of ``model``'s table, sorted by ``key``."""
    table = model.__table__
    return conn.execute(select(table).order_by(table.c[key])).all()


@dataclass(frozen=True)
class Snapshot:
    """Every record of a journal (or of an import file), each kind sorted by id."""

    experiences: tuple[ExperienceDTO, ...] = ()
    prompts: tuple[PromptDTO, ...] = ()
    tags: tuple[str, ...] = ()  # every tag name, used or not
    entries: tuple[EntryDTO, ...] = ()
    drafts: tuple[DraftDTO, ...] = ()  # interview prep: answer drafts
    attempts: tuple[AttemptDTO, ...] = ()  # interview prep: practice attempts
    schedules: tuple[ScheduleDTO, ...] = ()  # interview prep: FSRS state, by prompt_id
    # The ERAS composer's application experiences (services.eras.ErasExperienceDTO).
    eras: tuple[Any, ...] = ()
    # Entries as stored rows (an import file's reader gives these instead of ``entries``).
    entry_table: EntryTable | None = None
    # Or as chunks of stored rows, each read and checked when it is taken (once): a large
    # import indexes one chunk while the next is checked.
    entry_chunks: Iterator[EntryTable] | None = None
    # Application readiness (issue 18): letters of recommendation, by id, and the profile
    # (None: not answered).
    letters: tuple[LetterDTO, ...] = ()
    profile: ProfileDTO | None = None
    # Programs and contacts (issue 19), by id.
    programs: tuple[ProgramDTO, ...] = ()
    contacts: tuple[ContactDTO, ...] = ()


def read_snapshot(journal: Journal) -> Snapshot:
    """Everything in the journal, in one consistent read, each kind sorted by id."""
    with journal.session() as s:
        conn = s.connection()
        _begin_read(conn)
        snap, tag_names = _read_other_kinds(conn)
        links_p, links_t = _read_links(conn, tag_names)
        none: list = []
        entries = tuple(
            entry_dto(r, links_p.get(r.id, none), links_t.get(r.id, none))
            for r in plain_rows(conn.execute(select(Entry.__table__).order_by(Entry.id)))
        )
    return replace(snap, entries=entries)


# The columns of an EntryTable row, in order: the columns every entry has, then the case's
# and the feedback's, in the order of imgjournal.fields.
HEAD_COLUMNS = (
    "id",
    "kind",
    "title",
    "entry_date",
    "body",
    "experience_id",
    "created_at",
    "updated_at",
    "deleted_at",
)
ENTRY_TABLE_COLUMNS = (
    *HEAD_COLUMNS,
    *(f.column for f in CASE_FIELDS),
    *(f.column for f in FEEDBACK_FIELDS),
)
# Where each kind's columns are in a row: row[CASE_SLICE] holds CASE_FIELDS' values.
CASE_SLICE = slice(len(HEAD_COLUMNS), len(HEAD_COLUMNS) + len(CASE_FIELDS))
FEEDBACK_SLICE = slice(CASE_SLICE.stop, CASE_SLICE.stop + len(FEEDBACK_FIELDS))


@dataclass(frozen=True)
class EntryTable:
    """Entries as SQLite stores them, for whole-journal export and import.

    ``rows`` holds one plain tuple per entry (``ENTRY_TABLE_COLUMNS``, sorted by id): dates and
    times are the stored ISO text, lists are newline-joined text, flags are 0/1 (or bools on
    the way in). Building 50,000 DTOs only to turn them back into text cost about a third of
    an export and a fifth of an import.
    """

    rows: list[tuple]
    prompt_ids: dict[int, list[int]]  # entry id -> its prompt ids, ascending
    tags: dict[int, list[str]]  # entry id -> its tag names, sorted


EXPERIENCE_INDEX = ENTRY_TABLE_COLUMNS.index("experience_id")
DELETED_INDEX = ENTRY_TABLE_COLUMNS.index("deleted_at")


def entry_table(snap: Snapshot) -> EntryTable:
    """The snapshot's entries as stored rows: its ``entry_table``, or its ``entries`` DTOs
    converted (each kind's fields as the journal stores them). Not both."""
    if snap.entry_chunks is not None:
        if snap.entries or snap.entry_table is not None:
            raise ValueError("a snapshot has its entries as DTOs, a table or chunks")
        whole = EntryTable([], {}, {})
        for chunk in snap.entry_chunks:
            whole.rows.extend(chunk.rows)
            whole.prompt_ids.update(chunk.prompt_ids)
            whole.tags.update(chunk.tags)
        return whole
    if snap.entry_table is not None:
        if snap.entries:
            raise ValueError("a snapshot has its entries either as DTOs or as a table")
        return snap.entry_table
    return EntryTable(
        [entry_values(e) for e in snap.entries],
        {e.id: list(e.prompt_ids) for e in snap.entries},
        {e.id: list(e.tags) for e in snap.entries},
    )


def read_export(journal: Journal) -> tuple[Snapshot, EntryTable]:
    """Every record, in one consistent read: entries as an :class:`EntryTable`, the rest as
    DTOs in a :class:`Snapshot` whose ``entries`` is empty."""
    with journal.session() as s:
        conn = s.connection()
        _begin_read(conn)
        snap, tag_names = _read_other_kinds(conn)
        links_p, links_t = _read_links(conn, tag_names)
        for ids in links_p.values():
            ids.sort()
        for names in links_t.values():
            names.sort()
        cursor = conn.connection.driver_connection.execute(
            f"SELECT {', '.join(ENTRY_TABLE_COLUMNS)} FROM entries ORDER BY id"
        )
        rows = cursor.fetchall()
    return snap, EntryTable(rows, links_p, links_t)


def _begin_read(conn: Connection) -> None:
    """Start a read transaction, so that every SELECT that follows sees the same journal.

    The sqlite3 module begins transactions only before writes; without this, a save in the
    desktop app between two SELECTs could give an export an entry whose tag it never read.
    """
    if not conn.connection.driver_connection.in_transaction:
        conn.exec_driver_sql("BEGIN")


def _read_other_kinds(conn: Connection) -> tuple[Snapshot, dict[int, str]]:
    """Every record but entries, and the tag names by id."""
    tags = Tag.__table__
    tag_names = dict(conn.execute(select(tags.c.id, tags.c.name)).all())
    experiences = tuple(map(experience_dto, _all_rows(conn, Experience)))
    prompts = tuple(map(prompt_dto, _all_rows(conn, Prompt)))
    drafts = tuple(map(draft_dto, _all_rows(conn, AnswerDraft)))
    attempts = tuple(map(attempt_dto, _all_rows(conn, PracticeAttempt)))
    schedules = tuple(map(schedule_dto, _all_rows(conn, PromptSchedule, "prompt_id")))
    from imgjournal.services.eras import read_rows as read_eras

    snap = Snapshot(
        experiences=experiences,
        prompts=prompts,
        tags=tuple(sorted(tag_names.values())),
        drafts=drafts,
        attempts=attempts,
        schedules=schedules,
        **_readiness(conn),
        eras=read_eras(conn),
        **_programs(conn),
    )
    return snap, tag_names


def _readiness(conn: Connection) -> dict[str, Any]:
    """The letters and the application profile (issue 18)."""
    from imgjournal.models import ApplicationProfile
    from imgjournal.services import letters
    from imgjournal.services.profile import profile_dto

    row = conn.execute(select(ApplicationProfile.__table__)).first()
    return {"letters": tuple(letters.read_all(conn)), "profile": profile_dto(row) if row else None}


def _programs(conn: Connection) -> dict[str, Any]:
    """The programs and contacts (issue 19)."""
    from imgjournal.services import contacts, programs

    return {
        "programs": tuple(programs.read_all(conn)),
        "contacts": tuple(contacts.read_all(conn)),
    }


def _read_links(
    conn: Connection, tag_names: dict[int, str]
) -> tuple[dict[int, list[int]], dict[int, list[str]]]:
    """Each entry's prompt ids and tag names (in no particular order)."""
    driver = conn.connection.driver_connection
    links_p: dict[int, list[int]] = {}
    for eid, pid in driver.execute("SELECT entry_id, prompt_id FROM entry_prompts"):
        links_p.setdefault(eid, []).append(pid)
    links_t: dict[int, list[str]] = {}
    for eid, tid in driver.execute("SELECT entry_id, tag_id FROM entry_tags"):
        links_t.setdefault(eid, []).append(tag_names[tid])
    return links_p, links_t


_STORE_TIME = UTCDateTime().process_bind_param


def _utc_text(moment: datetime | None) -> str | None:
    """A time as the UTCDateTime column stores it (a UTC time, the usual case, directly)."""
    if moment is not None and moment.tzinfo is UTC:
        return moment.isoformat(timespec="microseconds")
    return _STORE_TIME(moment, None)


def entry_values(e: EntryDTO) -> tuple:
    """An entry as a row of ``ENTRY_TABLE_COLUMNS``, each value as SQLite stores it."""
    head = (
        e.id,
        e.kind,
        e.title,
        e.entry_date.isoformat(),
        e.body,
        e.experience_id,
        _utc_text(e.created_at),
        _utc_text(e.updated_at),
        _utc_text(e.deleted_at),
    )
    if e.kind == EntryKind.CASE:
        return (*head, *_stored_values(e.case or CaseFields(), CASE_FIELDS), *_NO_FEEDBACK)
    if e.kind == EntryKind.FEEDBACK:
        f = e.feedback or FeedbackFields()
        return (*head, *_NO_CASE, *_stored_values(f, FEEDBACK_FIELDS))
    return (*head, *_NO_CASE, *_NO_FEEDBACK)


def _stored_values(values: Any, table: tuple[Field, ...]) -> tuple:
    """CaseFields' or FeedbackFields' values as the entries columns store them."""
    return tuple(
        "\n".join(getattr(values, f.attr)) if f.shape == LIST else getattr(values, f.attr)
        for f in table
    )


# The kind's columns of an entry of another kind.
_NO_CASE = (None,) * len(CASE_FIELDS)
_NO_FEEDBACK = (None,) * len(FEEDBACK_FIELDS)
