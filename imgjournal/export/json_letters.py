"""The export file's ``profile`` object and ``letters`` list (issue 18): records and checks.

Both are optional in a file (files written before them have neither). ``profile`` is null or
``{"specialties": [...], "season": 2027, "graduation_year": 2023, "needs_visa": true}``; each
letter record names its experience by id (in the file or the journal), its status, the date
of each step (``steps``: status -> YYYY-MM-DD) and its program assignments. A problem is one
sentence naming the record (``letters[2] (id 7)``); the import then writes nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from imgjournal.domain import LETTER_STATUSES
from imgjournal.export.json_checks import read_day, read_moment
from imgjournal.export.json_fields import (
    MAX_INT,
    NOW,
    REQUIRED,
    Field,
    check_body,
    check_texts,
    fail,
    field_values,
    kind_of,
    show,
)
from imgjournal.services.readiness_dto import LetterDTO, ProfileDTO

LETTER_FIELDS: tuple[Field, ...] = (
    ("writer_name", str, REQUIRED),
    ("writer_title", str, ""),
    ("writer_specialty", str, ""),
    ("writer_institution", str, ""),
    ("writer_is_us", bool, True),
    ("experience_id", int, None),
    ("status", str, REQUIRED),
    ("steps", dict, {}),
    ("due_date", str, None),
    ("eras_letter_id", str, ""),
    ("waived", bool, None),
    ("assignments", list, ()),
    ("notes", str, ""),
    ("created_at", str, NOW),
    ("updated_at", str, NOW),
)
LETTER_KEYS = frozenset(("id", *(key for key, _t, _d in LETTER_FIELDS)))
PROFILE_FIELDS: tuple[Field, ...] = (
    ("specialties", list, ()),
    ("season", int, None),
    ("graduation_year", int, None),
    ("needs_visa", bool, None),
)
PROFILE_KEYS = frozenset(key for key, _t, _d in PROFILE_FIELDS)
_TEXTS = ("writer_title", "writer_specialty", "writer_institution", "eras_letter_id")
_SHORT = {"writer_name": 200, "writer_title": 200, "writer_specialty": 100,
          "writer_institution": 200, "eras_letter_id": 40}  # fmt: skip


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def letter_record(x: LetterDTO) -> dict[str, Any]:
    """A letter as the export file (and ``letter list --json``) holds it."""
    return {
        "id": x.id,
        "writer_name": x.writer_name,
        "writer_title": x.writer_title,
        "writer_specialty": x.writer_specialty,
        "writer_institution": x.writer_institution,
        "writer_is_us": x.writer_is_us,
        "experience_id": x.experience_id,
        "status": x.status,
        "steps": {st: d.isoformat() for st, d in x.steps},
        "due_date": _iso(x.due_date),
        "eras_letter_id": x.eras_letter_id,
        "waived": x.waived,
        "assignments": [{"program": p, "assigned_on": d.isoformat()} for p, d in x.assignments],
        "notes": x.notes,
        "created_at": _iso(x.created_at),
        "updated_at": _iso(x.updated_at),
    }


def profile_record(p: ProfileDTO | None) -> dict[str, Any] | None:
    if p is None or not p.asked:
        return None
    return {
        "specialties": list(p.specialties),
        "season": p.season,
        "graduation_year": p.graduation_year,
        "needs_visa": p.needs_visa,
    }


def read_profile(raw: Any) -> ProfileDTO | None:
    where = "profile"
    if raw is None:
        return None
    if type(raw) is not dict:
        fail(where, f"must be an object or null, not {kind_of(raw)} ({show(raw)})")
    specialties, season, graduated, visa = field_values(where, raw, PROFILE_FIELDS, PROFILE_KEYS)
    for s in specialties:
        if type(s) is not str or not s.strip() or len(s) > 100:
            fail(where, f"specialties must hold names of 1 to 100 characters, not {show(s)}")
    for key, year in (("season", season), ("graduation_year", graduated)):
        if year is not None and not 1950 <= year <= 2100:
            fail(where, f"{key} must be a year, not {year}")
    return ProfileDTO(tuple(s.strip() for s in specialties), season, graduated, visa, True)


def read_letter(where: str, raw: dict, now: datetime) -> LetterDTO:
    (name, title, specialty, institution, is_us, experience_id, status, steps, due, letter_id,
     waived, assignments, notes, created, updated) = field_values(
        where, raw, LETTER_FIELDS, LETTER_KEYS
    )  # fmt: skip
    name = name.strip()
    if not name:
        fail(where, "writer_name is empty")
    for key, value in (
        ("writer_name", name),
        *zip(_TEXTS, (title, specialty, institution, letter_id), strict=True),
    ):
        if len(value) > _SHORT[key]:
            fail(where, f"{key} is {len(value)} characters long; the limit is {_SHORT[key]}")
    check_texts(where, "", _TEXTS, (title, specialty, institution, letter_id))
    check_body(where, "notes", notes)
    if experience_id is not None and not 0 < experience_id <= MAX_INT:
        fail(where, f"experience_id must be a whole number from 1 or null, not {experience_id}")
    if status not in LETTER_STATUSES:
        fail(where, f"status must be one of {', '.join(LETTER_STATUSES)}, not {show(status)}")
    read_steps = []
    for st, day in steps.items():
        if st not in LETTER_STATUSES:
            fail(where, f"steps has the status {show(st)}, which is not one of "
                        f"{', '.join(LETTER_STATUSES)}")  # fmt: skip
        if LETTER_STATUSES.index(st) > LETTER_STATUSES.index(status):
            fail(where, f"steps has a date for {st}, a step after the letter's status {status}")
        if type(day) is not str:
            fail(where, f"steps.{st} must be a date, not {show(day)}")
        read_steps.append((st, read_day(where, f"steps.{st}", day)))
    programs = []
    seen = set()
    from imgjournal.services.letters import program_key

    for a in assignments:
        if type(a) is not dict or set(a) != {"program", "assigned_on"}:
            fail(where, f'each assignment must be {{"program": ..., "assigned_on": ...}}, '
                        f"not {show(a)}")  # fmt: skip
        program, on = a["program"], a["assigned_on"]
        if type(program) is not str or not program_key(program) or len(program) > 200:
            fail(where, f"an assignment's program must be a name, not {show(program)}")
        if program_key(program) in seen:
            fail(where, f"the letter is assigned to {show(program)} twice")
        seen.add(program_key(program))
        if type(on) is not str:
            fail(where, f"assigned_on must be a date, not {show(on)}")
        programs.append((program.strip(), read_day(where, "assigned_on", on)))
    return LetterDTO(
        id=raw["id"],
        writer_name=name,
        writer_title=title,
        writer_specialty=specialty,
        writer_institution=institution,
        writer_is_us=is_us,
        experience_id=experience_id,
        status=status,
        due_date=read_day(where, "due_date", due),
        eras_letter_id=letter_id,
        waived=waived,
        notes=notes,
        created_at=read_moment(where, "created_at", created, now),
        updated_at=read_moment(where, "updated_at", updated, now),
        steps=tuple(sorted(read_steps, key=lambda s: LETTER_STATUSES.index(s[0]))),
        assignments=tuple(programs),
    )
