"""Export records straight from stored entry rows: the fast path of a whole-journal export.

:func:`entry_records` gives exactly what :func:`imgjournal.export.records.entry_record` gives
for each entry's DTO (tests/core/test_export_fast.py holds them equal), from the plain rows of
:func:`imgjournal.services.snapshot.read_export`, without building 50,000 DTOs first.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from imgjournal.services.snapshot import ENTRY_TABLE_COLUMNS, EntryTable


def stored_moment(text: str | None) -> str | None:
    """A stored UTC time (``...T12:00:00.000000+00:00``) as :func:`entry_record` writes it.

    That is ``datetime.isoformat()``: the same text, without a zero fraction of a second.
    """
    if text is None:
        return None
    if len(text) == 32 and text.endswith("+00:00"):
        return text[:19] + "+00:00" if text[19:26] == ".000000" else text
    return datetime.fromisoformat(text).isoformat()  # written some other way: normalise


# The order in which entry_records unpacks a stored row (checked against the table at import).
_ROW_ORDER = (
    "id", "kind", "title", "entry_date", "body", "experience_id", "created_at", "updated_at",
    "deleted_at", "setting", "age_band", "sex", "chief_complaint", "role", "star_situation",
    "star_task", "star_action", "star_result", "star_lesson", "diagnoses", "procedures",
    "giver_name", "giver_role", "feedback_kind", "words", "action_items", "followed_up",
)  # fmt: skip
if _ROW_ORDER != ENTRY_TABLE_COLUMNS:  # pragma: no cover - a developer's mistake
    raise ImportError("entry_rows.entry_records no longer matches snapshot.ENTRY_TABLE_COLUMNS")


def entry_records(table: EntryTable) -> Iterator[dict[str, Any]]:
    """Each entry's export record, in id order, with its keys (and its case's and feedback's)
    inserted in sorted order, so that the encoder needs no ``sort_keys``."""
    none: list = []
    links_p, links_t = table.prompt_ids, table.tags
    moment = stored_moment
    for (entry_id, kind, title, day, body, experience_id, created, updated, deleted,
         setting, age_band, sex, complaint, role, situation, task, action, result, lesson,
         diagnoses, procedures, giver_name, giver_role, feedback_kind, words, action_items,
         followed_up) in table.rows:  # fmt: skip
        rec: dict[str, Any] = {"body": body or ""}
        if kind == "case":
            rec["case"] = {
                "action": action or "",
                "age_band": age_band,
                "chief_complaint": complaint or "",
                "diagnoses": diagnoses.split("\n") if diagnoses else [],
                "lesson": lesson or "",
                "procedures": procedures.split("\n") if procedures else [],
                "result": result or "",
                "role": role,
                "setting": setting,
                "sex": sex,
                "situation": situation or "",
                "task": task or "",
            }
        rec["created_at"] = moment(created)
        rec["date"] = day
        rec["deleted_at"] = moment(deleted)
        rec["experience_id"] = experience_id
        if kind == "feedback":
            rec["feedback"] = {
                "action_items": action_items or "",
                "feedback_kind": feedback_kind,
                "followed_up": bool(followed_up),
                "giver_name": giver_name or "",
                "giver_role": giver_role,
                "words": words or "",
            }
        rec["id"] = entry_id
        rec["kind"] = kind
        rec["prompt_ids"] = links_p.get(entry_id, none)
        rec["tags"] = links_t.get(entry_id, none)
        rec["title"] = title
        rec["updated_at"] = moment(updated)
        yield rec
