"""The export file's ``programs`` and ``contacts`` lists (issue 19): records and checks.

Both are optional in a file (files written before them have neither). A program record has
its fields, ``steps`` (status -> YYYY-MM-DD), ``affiliates`` (a list of names) and
``prompt_ids`` (prompts in the file or the journal); a contact record its fields and
``program_ids``, ``experience_ids``, ``letter_ids``. A problem is one sentence naming the
record (``programs[2] (id 7)``); the import then writes nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from imgjournal.domain import PROGRAM_STATUSES, PROGRAM_TYPES, VISA_SPONSORSHIPS
from imgjournal.export.json_checks import read_day, read_moment
from imgjournal.export.json_fields import (
    MAX_INT,
    NOW,
    REQUIRED,
    Field,
    check_body,
    fail,
    field_values,
    show,
)
from imgjournal.services.letters import program_key
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


# ---- reading -----------------------------------------------------------------------------

PROGRAM_FIELDS: tuple[Field, ...] = (
    ("name", str, REQUIRED),
    ("specialty", str, ""),
    ("city", str, ""),
    ("state", str, ""),
    ("program_type", str, ""),
    ("visa", str, "unknown"),
    ("img_notes", str, ""),
    ("sources", str, ""),
    ("affiliates", list, ()),
    ("status", str, REQUIRED),
    ("steps", dict, {}),
    ("interview_date", str, None),
    ("interview_format", str, ""),
    ("questions", str, ""),
    ("thank_you_sent", bool, False),
    ("prompt_ids", list, ()),
    ("created_at", str, NOW),
    ("updated_at", str, NOW),
)
PROGRAM_KEYS = frozenset(("id", *(key for key, _t, _d in PROGRAM_FIELDS)))
CONTACT_FIELDS: tuple[Field, ...] = (
    ("name", str, REQUIRED),
    ("role", str, ""),
    ("institution", str, ""),
    ("met_where", str, ""),
    ("met_on", str, None),
    ("last_contact", str, None),
    ("follow_up", str, None),
    ("notes", str, ""),
    ("program_ids", list, ()),
    ("experience_ids", list, ()),
    ("letter_ids", list, ()),
    ("created_at", str, NOW),
    ("updated_at", str, NOW),
)
CONTACT_KEYS = frozenset(("id", *(key for key, _t, _d in CONTACT_FIELDS)))
_PROGRAM_LIMITS = {"name": 200, "specialty": 100, "city": 100, "state": 100,
                   "interview_format": 40}  # fmt: skip
_CONTACT_LIMITS = {"name": 200, "role": 200, "institution": 200, "met_where": 200}


def _limits(where: str, values: dict[str, str], limits: dict[str, int]) -> None:
    for key, limit in limits.items():
        value = values[key]
        if "\x00" in value:
            fail(where, f"{key} holds a NUL character")
        if len(value) > limit:
            fail(where, f"{key} is {len(value)} characters long; the limit is {limit}")


def _ids(where: str, key: str, items: list) -> tuple[int, ...]:
    for i in items:
        if type(i) is not int or not 0 < i <= MAX_INT:
            fail(where, f"{key} must hold whole numbers from 1, not {show(i)}")
    if len(set(items)) != len(items):
        fail(where, f"{key} names one record twice")
    return tuple(sorted(items))


def read_program(where: str, raw: dict, now: datetime) -> ProgramDTO:
    (name, specialty, city, state, ptype, visa, img_notes, sources, affiliates, status, steps,
     interview, fmt, questions, thanked, prompt_ids, created, updated) = field_values(
        where, raw, PROGRAM_FIELDS, PROGRAM_KEYS
    )  # fmt: skip
    name = name.strip()
    if not program_key(name):
        fail(where, f"name must be a program's name, not {show(name)}")
    _limits(
        where,
        {"name": name, "specialty": specialty, "city": city, "state": state,
         "interview_format": fmt},
        _PROGRAM_LIMITS,
    )  # fmt: skip
    for key, text in (("img_notes", img_notes), ("sources", sources), ("questions", questions)):
        check_body(where, key, text)
    if ptype not in ("", *PROGRAM_TYPES):
        fail(where, f"program_type must be one of {', '.join(PROGRAM_TYPES)} or empty, "
                    f"not {show(ptype)}")  # fmt: skip
    if visa not in VISA_SPONSORSHIPS:
        fail(where, f"visa must be one of {', '.join(VISA_SPONSORSHIPS)}, not {show(visa)}")
    if status not in PROGRAM_STATUSES:
        fail(where, f"status must be one of {', '.join(PROGRAM_STATUSES)}, not {show(status)}")
    for a in affiliates:
        if type(a) is not str or not a.strip() or "\n" in a or len(a) > 200:
            fail(where, f"affiliates must hold hospital names of 1 to 200 characters, "
                        f"not {show(a)}")  # fmt: skip
    read_steps = []
    for st, day in steps.items():
        if st not in PROGRAM_STATUSES:
            fail(where, f"steps has the status {show(st)}, which is not one of "
                        f"{', '.join(PROGRAM_STATUSES)}")  # fmt: skip
        if PROGRAM_STATUSES.index(st) > PROGRAM_STATUSES.index(status):
            fail(where, f"steps has a date for {st}, a step after the program's status {status}")
        if type(day) is not str:
            fail(where, f"steps.{st} must be a date, not {show(day)}")
        read_steps.append((st, read_day(where, f"steps.{st}", day)))
    return ProgramDTO(
        id=raw["id"],
        name=name,
        specialty=specialty,
        city=city,
        state=state,
        program_type=ptype,
        visa=visa,
        img_notes=img_notes,
        sources=sources,
        affiliates=tuple(a.strip() for a in affiliates),
        status=status,
        interview_date=read_day(where, "interview_date", interview),
        interview_format=fmt,
        questions=questions,
        thank_you_sent=thanked,
        created_at=read_moment(where, "created_at", created, now),
        updated_at=read_moment(where, "updated_at", updated, now),
        steps=tuple(sorted(read_steps, key=lambda s: PROGRAM_STATUSES.index(s[0]))),
        prompt_ids=_ids(where, "prompt_ids", prompt_ids),
    )


def read_contact(where: str, raw: dict, now: datetime) -> ContactDTO:
    (name, role, institution, met_where, met_on, last, follow, notes, program_ids,
     experience_ids, letter_ids, created, updated) = field_values(
        where, raw, CONTACT_FIELDS, CONTACT_KEYS
    )  # fmt: skip
    name = name.strip()
    if not name:
        fail(where, "name is empty")
    _limits(
        where,
        {"name": name, "role": role, "institution": institution, "met_where": met_where},
        _CONTACT_LIMITS,
    )
    check_body(where, "notes", notes)
    return ContactDTO(
        id=raw["id"],
        name=name,
        role=role,
        institution=institution,
        met_where=met_where,
        met_on=read_day(where, "met_on", met_on),
        last_contact=read_day(where, "last_contact", last),
        follow_up=read_day(where, "follow_up", follow),
        notes=notes,
        created_at=read_moment(where, "created_at", created, now),
        updated_at=read_moment(where, "updated_at", updated, now),
        program_ids=_ids(where, "program_ids", program_ids),
        experience_ids=_ids(where, "experience_ids", experience_ids),
        letter_ids=_ids(where, "letter_ids", letter_ids),
    )
