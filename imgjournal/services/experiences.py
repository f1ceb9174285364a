"""Experiences: rotations, externships, observerships, research and the rest."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select

from imgjournal.db import Journal
from imgjournal.domain import (
    DEFAULT_ERAS_TYPE,
    OBSERVATIONAL_KINDS,
    ErasType,
    ExperienceKind,
)
from imgjournal.errors import NotFoundError
from imgjournal.models import Entry, Experience, utcnow
from imgjournal.services import validate
from imgjournal.services.convert import experience_dto
from imgjournal.services.dto import ExperienceDTO

_UNSET: Any = object()
_TEXT_FIELDS = ("institution", "specialty", "city", "state", "country", "supervisor", "notes")


def _hours(value: int | None) -> int | None:
    if value is None:
        return None
    if not 0 < value <= 168:
        from imgjournal.errors import ValidationError

        raise ValidationError(f"Hours per week must be between 1 and 168, not {value}.")
    return value


def create_experience(
    journal: Journal,
    kind: str,
    title: str,
    start_date: date,
    *,
    end_date: date | None = None,
    eras_type: str | None = None,
    institution: str = "",
    specialty: str = "",
    city: str = "",
    state: str = "",
    country: str = "",
    is_us: bool = True,
    hands_on: bool | None = None,
    hours_per_week: int | None = None,
    supervisor: str = "",
    notes: str = "",
) -> ExperienceDTO:
    kind_enum = ExperienceKind.parse(kind, "experience kind")
    title = validate.title(title, "experience title")
    validate.date_range(start_date, end_date)
    for name, value in (
        ("institution", institution),
        ("specialty", specialty),
        ("city", city),
        ("state", state),
        ("country", country),
        ("supervisor", supervisor),
    ):
        validate.field(value, name)
    notes = validate.body(notes, "notes field", "move some of it into entries")
    eras = (
        ErasType.parse(eras_type, "ERAS experience type").value
        if eras_type
        else DEFAULT_ERAS_TYPE[kind_enum].value
    )
    if hands_on is None:
        hands_on = kind_enum not in OBSERVATIONAL_KINDS
    now = utcnow()
    x = Experience(
        kind=kind_enum.value,
        eras_type=eras,
        title=title,
        institution=institution.strip(),
        specialty=specialty.strip(),
        city=city.strip(),
        state=state.strip(),
        country=country.strip(),
        is_us=is_us,
        hands_on=hands_on,
        start_date=start_date,
        end_date=end_date,
        hours_per_week=_hours(hours_per_week),
        supervisor=supervisor.strip(),
        notes=notes,
        created_at=now,
        updated_at=now,
    )
    with journal.session() as s:
        s.add(x)
        s.flush()
        return experience_dto(x)


def update_experience(journal: Journal, experience_id: int, **changes: Any) -> ExperienceDTO:
    """Change the named fields (the same names as :func:`create_experience`)."""
    with journal.session() as s:
        x = s.get(Experience, validate.record_id(experience_id, "experience"))
        if x is None:
            raise NotFoundError(f"There is no experience with id {experience_id}.")
        for name, value in changes.items():
            if name == "kind":
                value = ExperienceKind.parse(value, "experience kind").value
            elif name == "eras_type":
                value = ErasType.parse(value, "ERAS experience type").value
            elif name == "title":
                value = validate.title(value, "experience title")
            elif name == "hours_per_week":
                value = _hours(value)
            elif name == "notes":
                value = validate.body(value, "notes field", "move some of it into entries")
            elif name in _TEXT_FIELDS:
                value = validate.field((value or "").strip(), name)
            elif name not in ("start_date", "end_date", "is_us", "hands_on"):
                raise TypeError(f"unknown experience field {name!r}")
            setattr(x, name, value)
        validate.date_range(x.start_date, x.end_date)
        x.updated_at = utcnow()
        s.flush()
        return experience_dto(x, _count(s, x.id))


def _count(s: Any, experience_id: int) -> int:
    return s.scalar(
        select(func.count())
        .select_from(Entry)
        .where(Entry.experience_id == experience_id, Entry.deleted_at.is_(None))
    )


def get_experience(journal: Journal, experience_id: int) -> ExperienceDTO:
    with journal.session() as s:
        x = s.get(Experience, validate.record_id(experience_id, "experience"))
        if x is None:
            raise NotFoundError(f"There is no experience with id {experience_id}.")
        return experience_dto(x, _count(s, x.id))


def list_experiences(journal: Journal) -> list[ExperienceDTO]:
    """All experiences, the most recent first, each with its number of (untrashed) entries."""
    counts = (
        select(Entry.experience_id, func.count().label("n"))
        .where(Entry.deleted_at.is_(None))
        .group_by(Entry.experience_id)
        .subquery()
    )
    stmt = (
        select(Experience, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.experience_id == Experience.id)
        .order_by(Experience.start_date.desc(), Experience.id.desc())
    )
    with journal.session() as s:
        return [experience_dto(x, n) for x, n in s.execute(stmt)]


def current_experience(journal: Journal, today: date | None = None) -> ExperienceDTO | None:
    """The experience in progress today, else the one that ended most recently, else None."""
    today = today or date.today()
    items = list_experiences(journal)
    running = [x for x in items if x.in_progress(today)]
    if running:
        return max(running, key=lambda x: x.start_date)
    past = [x for x in items if x.start_date <= today]
    return past[0] if past else (items[0] if items else None)


def delete_experience(journal: Journal, experience_id: int) -> int:
    """Delete an experience; its entries stay, detached from it. Returns how many were detached."""
    with journal.session() as s:
        x = s.get(Experience, experience_id)
        if x is None:
            raise NotFoundError(f"There is no experience with id {experience_id}.")
        n = s.scalar(select(func.count()).select_from(Entry).where(Entry.experience_id == x.id))
        s.delete(x)
        return n
