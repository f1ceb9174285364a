"""The USCE calendar maths: US clinical experience in days and months, recency, CV gaps.

- **Months** are calendar days / 30.4; experiences that overlap are counted once (the days
  are merged before they are counted). A day counts once it has happened: an ongoing
  experience counts up to today, a planned one not yet.
- **Clinical** experiences are rotations (electives, clerkships, sub-internships),
  externships and observerships. Hands-on: a rotation or externship marked hands-on;
  the rest (observerships, anything marked observational) is observership time.
- **Recency**: months since the newest US clinical experience ended (0 while one goes on),
  judged at the ERAS season's application date (1 September of the year before the season).
- **CV gaps**: stretches of more than 3 months with no experience of any kind, from the
  graduation (1 July of the graduation year) or else the first experience, up to today.

Pure functions over DTOs; :mod:`imgjournal.services.readiness` turns them into figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from imgjournal.domain import ExperienceKind
from imgjournal.services.dto import ExperienceDTO
from imgjournal.services.readiness_dto import Gap, ProfileDTO

DAYS_PER_MONTH = 30.4
CLINICAL_KINDS = frozenset(
    {ExperienceKind.ROTATION, ExperienceKind.EXTERNSHIP, ExperienceKind.OBSERVERSHIP}
)
HANDS_ON_KINDS = frozenset({ExperienceKind.ROTATION, ExperienceKind.EXTERNSHIP})
GAP_MONTHS = 3  # a gap on the CV longer than this is listed

Span = tuple[date, date]  # first and last day, both included


def merge(spans: Iterable[Span]) -> list[Span]:
    """The spans joined where they overlap or touch, in date order."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1] + timedelta(days=1):
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def days_in(spans: Iterable[Span]) -> int:
    """Calendar days covered by ``spans``, each day once however many spans cover it."""
    return sum((end - start).days + 1 for start, end in merge(spans))


def months(days: int) -> float:
    return days / DAYS_PER_MONTH


def span_until(x: ExperienceDTO, today: date) -> Span | None:
    """The days of ``x`` that have happened by ``today`` (None if it has not started)."""
    if x.start_date > today:
        return None
    end = x.end_date if x.end_date is not None and x.end_date < today else today
    return (x.start_date, end)


def is_clinical(x: ExperienceDTO) -> bool:
    return x.kind in CLINICAL_KINDS


def is_hands_on(x: ExperienceDTO) -> bool:
    return x.kind in HANDS_ON_KINDS and x.hands_on


def in_specialty(x: ExperienceDTO, specialties: Sequence[str]) -> bool:
    """The experience's specialty is one of ``specialties`` (words compared, case ignored:
    "Internal medicine" is "internal  Medicine"; "Cardiology (IM)" is not "Internal medicine")."""
    mine = _words(x.specialty)
    return bool(mine) and any((w := _words(s)) and (w <= mine or mine <= w) for s in specialties)


def _words(text: str) -> frozenset[str]:
    return frozenset("".join(c if c.isalnum() else " " for c in text.casefold()).split())


def us_clinical(experiences: Iterable[ExperienceDTO]) -> list[ExperienceDTO]:
    return [x for x in experiences if x.is_us and is_clinical(x)]


def usce_months(
    experiences: Iterable[ExperienceDTO], today: date, specialties: Sequence[str] = ()
) -> tuple[float, float, float, float]:
    """US months, hands-on months, observership months, months in the target specialty."""
    us = us_clinical(experiences)

    def total(items: Iterable[ExperienceDTO]) -> float:
        return months(days_in(s for x in items if (s := span_until(x, today)) is not None))

    return (
        total(us),
        total(x for x in us if is_hands_on(x)),
        total(x for x in us if not is_hands_on(x)),
        total(x for x in us if in_specialty(x, specialties)) if specialties else 0.0,
    )


def months_since_last_us(experiences: Iterable[ExperienceDTO], today: date) -> float | None:
    """Months since the newest US clinical experience ended (0 while one goes on; None
    when there has been none)."""
    ends = [span[1] for x in us_clinical(experiences) if (span := span_until(x, today)) is not None]
    if not ends:
        return None
    last = max(ends)
    return 0.0 if last >= today else (today - last).days / DAYS_PER_MONTH


def application_date(profile: ProfileDTO, today: date) -> date:
    """When the applications of the profile's season go out (1 September of the year before
    the season), or today when that has passed or no season is set."""
    if profile.season:
        opens = date(profile.season - 1, 9, 1)
        if opens > today:
            return opens
    return today


def cv_gaps(
    experiences: Iterable[ExperienceDTO], today: date, graduation_year: int | None = None
) -> list[Gap]:
    """Stretches of more than 3 months without any experience, up to today."""
    spans = merge(s for x in experiences if (s := span_until(x, today)) is not None)
    if graduation_year:
        cursor = date(graduation_year, 7, 1)
        if cursor > today:
            return []
    elif spans:
        cursor = spans[0][0]
    else:
        return []
    gaps = []
    for start, end in spans:
        if start > cursor:
            gaps.append(Gap(cursor, start - timedelta(days=1)))
        cursor = max(cursor, end + timedelta(days=1))
    if cursor <= today:
        gaps.append(Gap(cursor, today, ongoing=True))
    return [g for g in gaps if g.months > GAP_MONTHS]
