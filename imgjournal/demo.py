"""The invented sample journal behind ``imgjournal demo``.

``resources/sample_journal.json`` is an export file. Its dates are moved so that the newest
entry falls on today, so the Today view and the rotation in progress look alive.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from imgjournal.db import Journal
from imgjournal.errors import JournalError
from imgjournal.resources import resource_path

_DATE_KEYS = ("date", "start_date", "end_date", "interview_date", "met_on", "last_contact",
              "follow_up")  # fmt: skip
_TIME_KEYS = ("created_at", "updated_at")


def _shift(record: dict[str, Any], days: timedelta) -> None:
    for key in _DATE_KEYS:
        if record.get(key):
            record[key] = (date.fromisoformat(record[key]) + days).isoformat()
    steps = record.get("steps")
    if isinstance(steps, dict):
        record["steps"] = {k: (date.fromisoformat(v) + days).isoformat() for k, v in steps.items()}
    for key in _TIME_KEYS:
        if record.get(key):
            record[key] = (datetime.fromisoformat(record[key]) + days).isoformat(
                timespec="microseconds"
            )


def sample_data(today: date | None = None) -> dict[str, Any]:
    """The sample export, its dates moved so the newest entry is dated ``today``."""
    data = json.loads(resource_path("sample_journal.json").read_text(encoding="utf-8"))
    newest = max(date.fromisoformat(e["date"]) for e in data["entries"])
    days = (today or date.today()) - newest
    for record in (
        *data["experiences"],
        *data["entries"],
        *data.get("answer_drafts", ()),
        *data.get("programs", ()),
        *data.get("contacts", ()),
    ):
        _shift(record, days)
    return data


def load_sample(journal: Journal, today: date | None = None) -> Any:
    """Import the sample into ``journal``, which must be empty; returns the import summary."""
    from imgjournal.export.json_io import import_journal
    from imgjournal.services.entries import count_entries
    from imgjournal.services.experiences import list_experiences

    if count_entries(journal) or list_experiences(journal):
        raise JournalError(
            f"The journal at {journal.home} already has entries; "
            "the sample goes into an empty folder (leave out --home to use a new one)."
        )
    fd, tmp = tempfile.mkstemp(suffix=".json", prefix="sample-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(sample_data(today), fh, ensure_ascii=False)
        summary = import_journal(journal, Path(tmp), backup=False)
    finally:
        os.unlink(tmp)
    _allow_sample_staff(journal)
    _practise_sample_answers(journal, today or date.today())
    return summary


# (days before today, rating 1-4, seconds): each practised answer's invented history. The
# last "Blanked" leaves its prompt due now; the others come due over the next days and weeks.
_SAMPLE_PRACTICE = (
    ((12, 2, 104), (8, 3, 86), (2, 1, 131)),
    ((10, 3, 92), (4, 3, 78)),
    ((9, 2, 118), (3, 4, 71)),
    ((6, 3, 95),),
)


def _practise_sample_answers(journal: Journal, today: date) -> None:
    """Practice attempts on the sample's answer drafts, through the real scheduler, so prep
    progress, the ratings and the prompts due are not empty in the demo."""
    from datetime import UTC, time

    from imgjournal.services import prep

    drafts = sorted(prep.practice_drafts(journal).values(), key=lambda d: d.prompt_id)
    evening = time(20, 15, tzinfo=UTC)
    for draft, history in zip(drafts, _SAMPLE_PRACTICE, strict=False):
        for days_ago, rating, seconds in history:
            at = datetime.combine(today - timedelta(days=days_ago), evening)
            prep.record_attempt(journal, draft.prompt_id, rating, seconds, draft_id=draft.id, at=at)


def _allow_sample_staff(journal: Journal) -> None:
    """The sample's attendings and residents are invented: mark their names "Not an
    identifier", so the sample opens calm and Settings shows what the allow-list holds."""
    from imgjournal.services import privacy

    names = {f.text for f in privacy.scan_journal(journal) if f.kind == "name"}
    if names:
        privacy.set_allowed(journal, [*privacy.allowed(journal), *sorted(names)])
