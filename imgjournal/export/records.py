"""DTOs as plain JSON-ready records: one shape for `--json` output and for the export file.

The shape is documented in docs/export-format.md; change both together.
"""

from __future__ import annotations

import json
from dataclasses import fields
from functools import cache
from typing import Any

from imgjournal.fields import CASE_FIELDS, FEEDBACK_FIELDS, LIST, Field
from imgjournal.services.dto import (
    AttemptDTO,
    DraftDTO,
    EntryDTO,
    ExperienceDTO,
    PromptDTO,
    ScheduleDTO,
    SearchHit,
)


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


@cache
def field_names(cls: type) -> tuple[str, ...]:
    """The fields of a DTO class, in declaration order (the keys its record uses)."""
    return tuple(f.name for f in fields(cls))


def _flat(obj: Any) -> dict[str, Any]:
    # dataclasses.asdict deep-copies every value; a full export calls this 50,000 times.
    return {name: getattr(obj, name) for name in field_names(type(obj))}


# The keys of each record, for readers that check a file (export/json_io.py).
ENTRY_KEYS = (
    "id",
    "kind",
    "title",
    "date",
    "body",
    "experience_id",
    "prompt_ids",
    "tags",
    "created_at",
    "updated_at",
    "deleted_at",
    "case",
    "feedback",
)


def entry_record(e: EntryDTO) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "id": e.id,
        "kind": e.kind,
        "title": e.title,
        "date": e.entry_date.isoformat(),
        "body": e.body,
        "experience_id": e.experience_id,
        "prompt_ids": list(e.prompt_ids),
        "tags": list(e.tags),
        "created_at": _iso(e.created_at),
        "updated_at": _iso(e.updated_at),
        "deleted_at": _iso(e.deleted_at),
    }
    if e.case is not None:
        rec["case"] = _kind_record(e.case, CASE_FIELDS)
    if e.feedback is not None:
        rec["feedback"] = _kind_record(e.feedback, FEEDBACK_FIELDS)
    return rec


def _kind_record(values: Any, kind_fields: tuple[Field, ...]) -> dict[str, Any]:
    """CaseFields' or FeedbackFields' record: each field by its JSON key, lists as lists."""
    return {
        f.json_key: list(getattr(values, f.attr)) if f.shape == LIST else getattr(values, f.attr)
        for f in kind_fields
    }


def experience_record(x: ExperienceDTO) -> dict[str, Any]:
    rec = _flat(x)
    rec.pop("entry_count")
    for key in ("start_date", "end_date", "created_at", "updated_at"):
        rec[key] = _iso(rec[key])
    return rec


def prompt_record(p: PromptDTO) -> dict[str, Any]:
    rec = _flat(p)
    rec.pop("entry_count")
    return rec


def draft_record(d: DraftDTO) -> dict[str, Any]:
    rec = _flat(d)
    rec.pop("words")  # derived from the body
    rec["created_at"] = _iso(d.created_at)
    rec["updated_at"] = _iso(d.updated_at)
    return rec


def attempt_record(a: AttemptDTO) -> dict[str, Any]:
    """An attempt; ``recording_ms`` travels, the recording's file does not (it is a file in
    the journal folder, not data of the journal: docs/export-format.md)."""
    rec = _flat(a)
    rec.pop("recording_file")
    rec["started_at"] = _iso(a.started_at)
    return rec


def schedule_record(sc: ScheduleDTO) -> dict[str, Any]:
    """A prompt's FSRS state: ``card`` is the ``fsrs.Card.to_dict()`` object, as stored."""
    return {"prompt_id": sc.prompt_id, "due": _iso(sc.due), "card": json.loads(sc.card)}


EXPERIENCE_KEYS = tuple(n for n in field_names(ExperienceDTO) if n != "entry_count")
PROMPT_KEYS = tuple(n for n in field_names(PromptDTO) if n != "entry_count")
CASE_KEYS = tuple(f.json_key for f in CASE_FIELDS)
FEEDBACK_KEYS = tuple(f.json_key for f in FEEDBACK_FIELDS)
DRAFT_KEYS = tuple(n for n in field_names(DraftDTO) if n != "words")
ATTEMPT_KEYS = tuple(n for n in field_names(AttemptDTO) if n != "recording_file")
SCHEDULE_KEYS = ("prompt_id", "due", "card")


def hit_record(h: SearchHit, snippet: str) -> dict[str, Any]:
    return {
        "id": h.entry_id,
        "kind": h.kind,
        "date": h.entry_date.isoformat(),
        "title": h.title,
        "snippet": snippet,
        "match": h.match,
        "score": h.score,
    }
