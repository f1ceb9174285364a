"""Letters of recommendation: the writer, the experience, the steps, the ERAS programs.

A letter moves through ``identified → asked → agreed → written → uploaded → assigned``; the
date of each step is kept (:class:`~imgjournal.models.LetterStep`). Setting an earlier status
again (a mistake undone) forgets the dates of the steps after it. ERAS lets a program receive
at most 4 letters (``limits.ERAS_MAX_LETTERS_PER_PROGRAM``): :func:`assign_letter` refuses a
fifth with one sentence and writes nothing.

The writer's name is not patient text: the privacy guard reads entries, drafts and experiences
only, never these fields.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from imgjournal.db import Journal
from imgjournal.domain import EntryKind
from imgjournal.errors import NotFoundError, ValidationError
from imgjournal.limits import ERAS_MAX_LETTERS_PER_PROGRAM
from imgjournal.models import (
    LETTER_STATUSES,
    Entry,
    Experience,
    Letter,
    LetterAssignment,
    LetterStep,
    utcnow,
)
from imgjournal.services import validate
from imgjournal.services.readiness_dto import STATUS_LABELS, LetterDTO

_TEXTS = {
    "writer_title": ("writer's title", 200),
    "writer_specialty": ("writer's specialty", 100),
    "writer_institution": ("writer's institution", 200),
    "eras_letter_id": ("ERAS Letter ID", 40),
}
_UNSET: Any = object()


def parse_status(text: str) -> str:
    value = (text or "").strip().lower()
    if value not in LETTER_STATUSES:
        raise ValidationError(
            f"A letter's status must be one of {', '.join(LETTER_STATUSES)}, not {text!r}."
        )
    return value


def program_key(name: str) -> str:
    """A program's name folded for comparison: case, spaces and punctuation do not count."""
    return " ".join(re.sub(r"[^\w]+", " ", name.casefold()).split())


_TITLES = {"dr", "doctor", "prof", "professor", "mr", "mrs", "ms", "md", "do", "phd", "facp"}


def name_words(name: str) -> frozenset[str]:
    """The words of a person's name without titles ("Dr. Priya Patel, MD" -> priya, patel)."""
    words = re.sub(r"[^\w]+", " ", name.casefold()).split()
    return frozenset(w for w in words if w not in _TITLES and len(w) > 1)


def same_person(a: str, b: str) -> bool:
    """Two ways of writing one name: "Dr. Patel" and "Priya Patel" (the shorter one's words
    are all in the longer one's)."""
    wa, wb = name_words(a), name_words(b)
    if not wa or not wb:
        return False
    return wa <= wb or wb <= wa


def _writer(name: str) -> str:
    return validate.title(name, "writer's name")


def _dto(s: Session, x: Letter) -> LetterDTO:
    steps = s.execute(
        select(LetterStep.status, LetterStep.on_date).where(LetterStep.letter_id == x.id)
    ).all()
    assigned = s.execute(
        select(LetterAssignment.program, LetterAssignment.assigned_on).where(
            LetterAssignment.letter_id == x.id
        )
    ).all()
    return letter_dto(x, steps, assigned)


def letter_dto(x: Any, steps: Any, assigned: Any) -> LetterDTO:
    """A letter's row (ORM object or Core row), its (status, date) steps and its (program,
    date) assignments as a LetterDTO."""
    by_status = dict(steps)
    return LetterDTO(
        id=x.id,
        writer_name=x.writer_name,
        writer_title=x.writer_title,
        writer_specialty=x.writer_specialty,
        writer_institution=x.writer_institution,
        writer_is_us=bool(x.writer_is_us),
        experience_id=x.experience_id,
        status=x.status,
        due_date=x.due_date,
        eras_letter_id=x.eras_letter_id,
        waived=x.waived,
        notes=x.notes,
        created_at=x.created_at,
        updated_at=x.updated_at,
        steps=tuple((st, by_status[st]) for st in LETTER_STATUSES if st in by_status),
        assignments=tuple(sorted(((p, d) for p, d in assigned), key=lambda a: a[0].casefold())),
    )


def read_all(conn: Any) -> list[LetterDTO]:
    """Every letter by id, read on a Core connection (the whole-journal snapshot)."""
    steps: dict[int, list] = {}
    for lid, status, on in conn.execute(
        select(LetterStep.letter_id, LetterStep.status, LetterStep.on_date)
    ):
        steps.setdefault(lid, []).append((status, on))
    assigned: dict[int, list] = {}
    for lid, program, on in conn.execute(
        select(LetterAssignment.letter_id, LetterAssignment.program, LetterAssignment.assigned_on)
    ):
        assigned.setdefault(lid, []).append((program, on))
    rows = conn.execute(select(Letter.__table__).order_by(Letter.id)).all()
    return [letter_dto(r, steps.get(r.id, ()), assigned.get(r.id, ())) for r in rows]


def _letter(s: Session, letter_id: int) -> Letter:
    x = s.get(Letter, validate.record_id(letter_id, "letter"))
    if x is None:
        raise NotFoundError(
            f"There is no letter with id {letter_id}; `imgjournal letter list` shows them."
        )
    return x


def _experience(s: Session, experience_id: int | None) -> Experience | None:
    if experience_id is None:
        return None
    x = s.get(Experience, validate.record_id(experience_id, "experience"))
    if x is None:
        raise NotFoundError(
            f"There is no experience with id {experience_id}; "
            "`imgjournal experience list` shows them."
        )
    return x


def _record_step(s: Session, letter: Letter, status: str, on: date) -> None:
    """``letter`` is at ``status`` from ``on``: its date kept, the later steps' forgotten."""
    later = LETTER_STATUSES[LETTER_STATUSES.index(status) + 1 :]
    if later:
        s.execute(
            delete(LetterStep).where(
                LetterStep.letter_id == letter.id, LetterStep.status.in_(later)
            )
        )
    step = s.scalar(
        select(LetterStep).where(LetterStep.letter_id == letter.id, LetterStep.status == status)
    )
    if step is None:
        s.add(LetterStep(letter_id=letter.id, status=status, on_date=on))
    else:
        step.on_date = on
    letter.status = status


def create_letter(
    journal: Journal,
    writer_name: str,
    *,
    experience_id: int | None = None,
    status: str = "identified",
    on_date: date | None = None,
    writer_title: str = "",
    writer_specialty: str = "",
    writer_institution: str = "",
    writer_is_us: bool | None = None,
    due_date: date | None = None,
    eras_letter_id: str = "",
    waived: bool | None = None,
    notes: str = "",
) -> LetterDTO:
    """A new letter. Left out, the writer's specialty, institution and US-or-not come from
    the experience; ``on_date`` (default today) is when ``status`` was reached."""
    name = _writer(writer_name)
    status = parse_status(status)
    values = {
        "writer_title": writer_title,
        "writer_specialty": writer_specialty,
        "writer_institution": writer_institution,
        "eras_letter_id": eras_letter_id,
    }
    for key, (what, limit) in _TEXTS.items():
        values[key] = validate.field(" ".join((values[key] or "").split()), what, limit)
    notes = validate.body(notes, "letter's notes", "keep the notes shorter")
    now = utcnow()
    with journal.session() as s:
        x = _experience(s, experience_id)
        if x is not None:
            values["writer_specialty"] = values["writer_specialty"] or x.specialty
            values["writer_institution"] = values["writer_institution"] or x.institution
            if writer_is_us is None:
                writer_is_us = x.is_us
        letter = Letter(
            writer_name=name,
            writer_is_us=True if writer_is_us is None else writer_is_us,
            experience_id=experience_id,
            status=status,
            due_date=due_date,
            waived=waived,
            notes=notes,
            created_at=now,
            updated_at=now,
            **values,
        )
        s.add(letter)
        s.flush()
        _record_step(s, letter, status, on_date or date.today())
        s.flush()
        return _dto(s, letter)


def update_letter(
    journal: Journal,
    letter_id: int,
    *,
    status: str | None = None,
    on_date: date | None = None,
    **changes: Any,
) -> LetterDTO:
    """Change the named fields (the names of :func:`create_letter`) and, given ``status``,
    the status from ``on_date`` (default today), all in one transaction: a bad value stores
    nothing."""
    if status is not None:
        status = parse_status(status)
    with journal.session() as s:
        x = _letter(s, letter_id)
        if status is not None:
            _record_step(s, x, status, on_date or date.today())
        for name, value in changes.items():
            if name == "writer_name":
                value = _writer(value)
            elif name in _TEXTS:
                what, limit = _TEXTS[name]
                value = validate.field(" ".join((value or "").split()), what, limit)
            elif name == "notes":
                value = validate.body(value, "letter's notes", "keep the notes shorter")
            elif name == "experience_id":
                _experience(s, value)
            elif name not in ("writer_is_us", "due_date", "waived"):
                raise TypeError(f"unknown letter field {name!r}")
            setattr(x, name, value)
        x.updated_at = utcnow()
        s.flush()
        return _dto(s, x)


def set_letter_status(
    journal: Journal, letter_id: int, status: str, on_date: date | None = None
) -> LetterDTO:
    """The letter is at ``status`` from ``on_date`` (default today)."""
    status = parse_status(status)
    with journal.session() as s:
        x = _letter(s, letter_id)
        _record_step(s, x, status, on_date or date.today())
        x.updated_at = utcnow()
        s.flush()
        return _dto(s, x)


def assign_letter(
    journal: Journal, letter_id: int, program: str, on_date: date | None = None
) -> LetterDTO:
    """Assign the letter to ``program`` (its status becomes "assigned" once it is uploaded).

    Refuses a fifth letter for one program (ERAS's limit) with one sentence, writing nothing.
    Assigning it again to a program it is assigned to changes nothing.
    """
    name = validate.title(program, "program's name")
    key = program_key(name)
    if not key:
        raise ValidationError(f"The program's name {program!r} has no letters or digits.")
    with journal.session() as s:
        x = _letter(s, letter_id)
        others = s.execute(
            select(LetterAssignment.letter_id, Letter.writer_name, LetterAssignment.program)
            .join(Letter, Letter.id == LetterAssignment.letter_id)
            .where(LetterAssignment.program_key == key)
            .order_by(LetterAssignment.id)
        ).all()
        if any(other == x.id for other, _w, _p in others):
            return _dto(s, x)
        if len(others) >= ERAS_MAX_LETTERS_PER_PROGRAM:
            writers = ", ".join(w for _i, w, _p in others)
            raise ValidationError(
                f"{others[0][2]} already has {len(others)} letters assigned ({writers}); ERAS "
                f"allows at most {ERAS_MAX_LETTERS_PER_PROGRAM} per program, so unassign one "
                "before assigning this one."
            )
        on = on_date or date.today()
        s.add(LetterAssignment(letter_id=x.id, program=name, program_key=key, assigned_on=on))
        if x.status == "uploaded":
            _record_step(s, x, "assigned", on)
        x.updated_at = utcnow()
        s.flush()
        return _dto(s, x)


def unassign_letter(journal: Journal, letter_id: int, program: str) -> LetterDTO:
    key = program_key(program or "")
    with journal.session() as s:
        x = _letter(s, letter_id)
        gone = s.execute(
            delete(LetterAssignment).where(
                LetterAssignment.letter_id == x.id, LetterAssignment.program_key == key
            )
        ).rowcount
        if not gone:
            raise NotFoundError(f"Letter {letter_id} is not assigned to {program!r}.")
        left = s.scalar(
            select(func.count())
            .select_from(LetterAssignment)
            .where(LetterAssignment.letter_id == x.id)
        )
        if not left and x.status == "assigned":
            step = s.scalar(
                select(LetterStep.on_date).where(
                    LetterStep.letter_id == x.id, LetterStep.status == "uploaded"
                )
            )
            _record_step(s, x, "uploaded", step or date.today())
        x.updated_at = utcnow()
        s.flush()
        return _dto(s, x)


def get_letter(journal: Journal, letter_id: int) -> LetterDTO:
    with journal.session() as s:
        return _dto(s, _letter(s, letter_id))


def list_letters(journal: Journal) -> list[LetterDTO]:
    """Every letter, furthest along first, then by writer."""
    with journal.session() as s:
        items = [_dto(s, x) for x in s.scalars(select(Letter).order_by(Letter.id))]
    order = {st: i for i, st in enumerate(LETTER_STATUSES)}
    return sorted(items, key=lambda x: (-order[x.status], x.writer_name.casefold(), x.id))


def delete_letter(journal: Journal, letter_id: int) -> None:
    with journal.session() as s:
        s.delete(_letter(s, letter_id))


def writer_feedback(journal: Journal, letter: LetterDTO) -> list[int]:
    """The ids of the feedback entries from the letter's writer (by the giver's name), on the
    letter's experience when it has one; newest first."""
    stmt = select(Entry.id, Entry.giver_name).where(
        Entry.kind == EntryKind.FEEDBACK.value, Entry.deleted_at.is_(None)
    )
    if letter.experience_id is not None:
        stmt = stmt.where(Entry.experience_id == letter.experience_id)
    stmt = stmt.order_by(Entry.entry_date.desc(), Entry.id.desc())
    with journal.session() as s:
        return [
            eid for eid, giver in s.execute(stmt) if same_person(giver or "", letter.writer_name)
        ]


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)
