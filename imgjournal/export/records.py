"""DTOs as plain JSON-ready records: one shape for `--json` output and for the export file.

The shape is documented in docs/export-format.md; change both together.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from imgjournal.services.dto import EntryDTO, ExperienceDTO, PromptDTO, SearchHit


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


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
        case = asdict(e.case)
        case["diagnoses"] = list(e.case.diagnoses)
        case["procedures"] = list(e.case.procedures)
        rec["case"] = case
    if e.feedback is not None:
        rec["feedback"] = asdict(e.feedback)
    return rec


def experience_record(x: ExperienceDTO) -> dict[str, Any]:
    rec = asdict(x)
    rec.pop("entry_count")
    for key in ("start_date", "end_date", "created_at", "updated_at"):
        rec[key] = _iso(rec[key])
    return rec


def prompt_record(p: PromptDTO) -> dict[str, Any]:
    rec = asdict(p)
    rec.pop("entry_count")
    return rec


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
