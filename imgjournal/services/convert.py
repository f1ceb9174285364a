"""Stored rows as DTOs: the one place a row of the journal becomes what services hand out.

Each converter takes an ORM object or a plain row with the table's columns (a namedtuple of
``entries.plain_rows``, a Core row): the services, the whole-journal snapshot and the export
reader share them. An entry's case and feedback fields follow :mod:`imgjournal.fields`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from operator import attrgetter, call
from typing import Any

from imgjournal.domain import EntryKind
from imgjournal.fields import CASE_FIELDS, FEEDBACK_FIELDS, FLAG, LIST, TEXT, Field
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
from imgjournal.services.prep_text import word_count


def split_lines(text: str | None) -> tuple[str, ...]:
    """A list field as stored (one item per line) as the DTO's tuple."""
    return tuple(text.split("\n")) if text else ()


def _text(value: str | None) -> str:
    return value or ""


def _same(value: Any) -> Any:
    return value


# How a stored value becomes the DTO's, by the field's shape.
FROM_STORED = {TEXT: _text, LIST: split_lines, FLAG: bool}


def _reader(table: tuple[Field, ...]) -> Any:
    """A function of a stored row that gives the DTO's values of ``table``'s fields."""
    columns = [f.column for f in table]
    get = attrgetter(*columns) if len(columns) > 1 else lambda row: (getattr(row, columns[0]),)
    convert = tuple(FROM_STORED.get(f.shape, _same) for f in table)
    return lambda row: map(call, convert, get(row))


_case_values = _reader(CASE_FIELDS)
_feedback_values = _reader(FEEDBACK_FIELDS)


def case_fields(row: Any) -> CaseFields:
    """The case fields of a stored entry row."""
    return CaseFields(*_case_values(row))


def feedback_fields(row: Any) -> FeedbackFields:
    """The feedback fields of a stored entry row."""
    return FeedbackFields(*_feedback_values(row))


def entry_dto(row: Any, prompt_ids: Sequence[int], tags: Sequence[str]) -> EntryDTO:
    """``row`` is an Entry object or a plain row with the entries columns."""
    kind = row.kind
    return EntryDTO(
        id=row.id,
        kind=kind,
        entry_date=row.entry_date,
        title=row.title,
        body=row.body or "",
        experience_id=row.experience_id,
        prompt_ids=tuple(sorted(prompt_ids)),
        tags=tuple(sorted(tags)),
        created_at=row.created_at,
        updated_at=row.updated_at,
        deleted_at=row.deleted_at,
        case=case_fields(row) if kind == EntryKind.CASE else None,
        feedback=feedback_fields(row) if kind == EntryKind.FEEDBACK else None,
    )


def experience_dto(x: Any, entry_count: int = 0) -> ExperienceDTO:
    return ExperienceDTO(
        id=x.id,
        kind=x.kind,
        eras_type=x.eras_type,
        title=x.title,
        institution=x.institution,
        specialty=x.specialty,
        city=x.city,
        state=x.state,
        country=x.country,
        is_us=x.is_us,
        hands_on=x.hands_on,
        start_date=x.start_date,
        end_date=x.end_date,
        hours_per_week=x.hours_per_week,
        supervisor=x.supervisor,
        notes=x.notes,
        created_at=x.created_at,
        updated_at=x.updated_at,
        entry_count=entry_count,
    )


def prompt_dto(p: Any, entry_count: int = 0) -> PromptDTO:
    return PromptDTO(
        id=p.id,
        key=p.key,
        category=p.category,
        text=p.text,
        min_seconds=p.min_seconds,
        max_seconds=p.max_seconds,
        hidden=p.hidden,
        position=p.position,
        entry_count=entry_count,
    )


def draft_dto(d: Any) -> DraftDTO:
    return DraftDTO(
        id=d.id,
        prompt_id=d.prompt_id,
        title=d.title,
        body=d.body,
        is_practice=d.is_practice,
        created_at=d.created_at,
        updated_at=d.updated_at,
        words=word_count(d.body),
    )


def attempt_dto(a: Any) -> AttemptDTO:
    return AttemptDTO(
        id=a.id,
        prompt_id=a.prompt_id,
        draft_id=a.draft_id,
        started_at=a.started_at,
        duration_seconds=a.duration_seconds,
        rating=a.rating,
        note=a.note,
        recording_ms=a.recording_ms,
        recording_file=a.recording_file,
    )


def schedule_dto(row: Any) -> ScheduleDTO:
    """A prompt's FSRS state from its stored ``card`` JSON (and the ``due`` column)."""
    data = json.loads(row.card)
    last = data.get("last_review")
    state = {1: "learning", 2: "review", 3: "relearning"}.get(int(data["state"]), "learning")
    return ScheduleDTO(
        prompt_id=row.prompt_id,
        due=row.due,
        state=state,
        stability=data.get("stability"),
        difficulty=data.get("difficulty"),
        last_review=datetime.fromisoformat(last).astimezone(UTC) if last else None,
        card=row.card,
    )
