"""The application profile: target specialties, ERAS season, graduation year, visa need.

One row (id 1) once the user has answered; :func:`get_profile` says ``asked=False`` before, so
the app asks once (first run) and never again (Settings changes it).
"""

from __future__ import annotations

from typing import Any

from imgjournal.db import Journal
from imgjournal.errors import ValidationError
from imgjournal.models import ApplicationProfile, utcnow
from imgjournal.services import validate
from imgjournal.services.readiness_dto import ProfileDTO

UNSET: Any = object()
MAX_SPECIALTIES = 10
YEARS = (1950, 2100)


def profile_dto(row: ApplicationProfile | None) -> ProfileDTO:
    if row is None:
        return ProfileDTO()
    return ProfileDTO(
        specialties=tuple(s for s in (row.specialties or "").split("\n") if s),
        season=row.season,
        graduation_year=row.graduation_year,
        needs_visa=row.needs_visa,
        asked=True,
    )


def get_profile(journal: Journal) -> ProfileDTO:
    with journal.session() as s:
        return profile_dto(s.get(ApplicationProfile, 1))


def clean_specialties(values: tuple[str, ...] | list[str] | str) -> tuple[str, ...]:
    """Target specialties: a list or a comma/semicolon/newline-separated text; duplicates
    (ignoring case) dropped, order kept."""
    if isinstance(values, str):
        values = values.replace(";", ",").replace("\n", ",").split(",")
    out: list[str] = []
    for v in values:
        v = " ".join(v.split())
        if v and v.casefold() not in {o.casefold() for o in out}:
            validate.field(v, "specialty", 100)
            out.append(v)
    if len(out) > MAX_SPECIALTIES:
        raise ValidationError(
            f"You named {len(out)} target specialties; keep it to {MAX_SPECIALTIES} or fewer."
        )
    return tuple(out)


def _year(value: int | None, what: str) -> int | None:
    if value is None:
        return None
    if not YEARS[0] <= value <= YEARS[1]:
        raise ValidationError(f"The {what} {value} is not a year; write it as, e.g., 2027.")
    return value


def set_profile(
    journal: Journal,
    *,
    specialties: Any = UNSET,
    season: Any = UNSET,
    graduation_year: Any = UNSET,
    needs_visa: Any = UNSET,
) -> ProfileDTO:
    """Change the named parts of the profile (creating it, so it counts as answered)."""
    with journal.session() as s:
        row = s.get(ApplicationProfile, 1)
        if row is None:
            row = ApplicationProfile(id=1, specialties="")
            s.add(row)
        if specialties is not UNSET:
            row.specialties = "\n".join(clean_specialties(specialties))
        if season is not UNSET:
            row.season = _year(season, "ERAS season")
        if graduation_year is not UNSET:
            row.graduation_year = _year(graduation_year, "graduation year")
        if needs_visa is not UNSET:
            row.needs_visa = needs_visa
        if row.season and row.graduation_year and row.graduation_year > row.season:
            raise ValidationError(
                f"The graduation year {row.graduation_year} is after the ERAS season "
                f"{row.season}; check both years."
            )
        row.updated_at = utcnow()
        s.flush()
        return profile_dto(row)
