"""The export file's ``programs`` and ``contacts`` lists (issue 19): records and checks.

Both are optional in a file (files written before them have neither). A program record has
its fields, ``steps`` (status -> YYYY-MM-DD), ``affiliates`` (a list of names) and
``prompt_ids`` (prompts in the file or the journal); a contact record its fields and
``program_ids``, ``experience_ids``, ``letter_ids``. A problem is one sentence naming the
record (``programs[2] (id 7)``); the import then writes nothing.
"""

from __future__ import annotations

from typing import Any

from imgjournal.services.programs_dto import ContactDTO, ProgramDTO


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def program_record(x: ProgramDTO) -> dict[str, Any]:
    """A program as the export file (and ``program show --json``) holds it."""
    return {
        "id": x.id,
        "name": x.name,
        "specialty": x.specialty,
        "city": x.city,
        "state": x.state,
        "program_type": x.program_type,
        "visa": x.visa,
        "img_notes": x.img_notes,
        "sources": x.sources,
        "affiliates": list(x.affiliates),
        "status": x.status,
        "steps": {st: d.isoformat() for st, d in x.steps},
        "interview_date": _iso(x.interview_date),
        "interview_format": x.interview_format,
        "questions": x.questions,
        "thank_you_sent": x.thank_you_sent,
        "prompt_ids": list(x.prompt_ids),
        "created_at": _iso(x.created_at),
        "updated_at": _iso(x.updated_at),
    }


def contact_record(x: ContactDTO) -> dict[str, Any]:
    """A contact as the export file (and ``contact list --json``) holds it."""
    return {
        "id": x.id,
        "name": x.name,
        "role": x.role,
        "institution": x.institution,
        "met_where": x.met_where,
        "met_on": _iso(x.met_on),
        "last_contact": _iso(x.last_contact),
        "follow_up": _iso(x.follow_up),
        "notes": x.notes,
        "program_ids": list(x.program_ids),
        "experience_ids": list(x.experience_ids),
        "letter_ids": list(x.letter_ids),
        "created_at": _iso(x.created_at),
        "updated_at": _iso(x.updated_at),
    }
