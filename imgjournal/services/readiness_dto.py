"""What the readiness services hand out: the application profile, letters of recommendation
and the readiness figures (frozen dataclasses, never ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from imgjournal.domain import LETTER_STATUSES

STATUS_LABELS = {
    "identified": "Identified",
    "asked": "Asked",
    "agreed": "Agreed",
    "written": "Written",
    "uploaded": "Uploaded",
    "assigned": "Assigned",
}
assert tuple(STATUS_LABELS) == LETTER_STATUSES


@dataclass(frozen=True)
class ProfileDTO:
    """The application profile; ``asked`` is False when the user has never answered it."""

    specialties: tuple[str, ...] = ()
    season: int | None = None
    graduation_year: int | None = None
    needs_visa: bool | None = None
    asked: bool = False


@dataclass(frozen=True)
class LetterDTO:
    id: int
    writer_name: str
    writer_title: str
    writer_specialty: str
    writer_institution: str
    writer_is_us: bool
    experience_id: int | None
    status: str
    due_date: date | None
    eras_letter_id: str
    waived: bool | None
    notes: str
    created_at: datetime
    updated_at: datetime
    # The date each status was reached, in LETTER_STATUSES order: ((status, date), ...).
    steps: tuple[tuple[str, date], ...] = ()
    # The programs it is assigned to and when, sorted by name: ((program, date), ...).
    assignments: tuple[tuple[str, date], ...] = ()

    @property
    def programs(self) -> tuple[str, ...]:
        return tuple(p for p, _d in self.assignments)

    def step_date(self, status: str) -> date | None:
        return dict(self.steps).get(status)

    def reached(self, status: str) -> bool:
        """The letter has got at least as far as ``status``."""
        return LETTER_STATUSES.index(self.status) >= LETTER_STATUSES.index(status)


@dataclass(frozen=True)
class Gap:
    """A stretch of the CV with no experience, longer than 3 months."""

    start: date  # the first day without an experience
    end: date  # the last day without one (today for a gap that goes on)
    ongoing: bool = False

    @property
    def months(self) -> float:
        return ((self.end - self.start).days + 1) / 30.4


@dataclass(frozen=True)
class Figure:
    """One bar of the readiness dashboard: a value against the article's target.

    ``level`` is "good", "amber" or "red"; ``sentence`` says what to do next (or that it is
    done); ``value``/``target`` give the bar's fill.
    """

    key: str
    label: str
    value: float
    target: float
    shown: str  # the value in words, e.g. "2.8 months"
    level: str
    sentence: str
    prompt_key: str | None = None  # a prompt the sentence points to (explain the gap)


@dataclass(frozen=True)
class Readiness:
    us_months: float
    hands_on_months: float
    observer_months: float
    specialty_months: float
    months_since_last_us: float | None
    letters: dict[str, int]  # status -> how many letters are at it
    us_letters_agreed: int  # US letters agreed or further
    prompt_total: int
    prompt_with_story: int
    prompt_ready: int  # prompts with at least one story and a draft
    practice_14_days: int
    gaps: tuple[Gap, ...]
    figures: tuple[Figure, ...]
    next_steps: tuple[str, ...]
    reminders: tuple[str, ...] = ()  # about letters, for Today
    profile: ProfileDTO = field(default_factory=ProfileDTO)
    today: date = field(default_factory=date.today)
    # The journal's free text the sentences quote (feedback words), which the privacy guard
    # reads before the summary is printed; and the people they name (feedback givers,
    # supervisors, letter writers), which it never flags.
    quoted: tuple[tuple[int, str, str], ...] = ()  # (entry id, field, the words as quoted)
    people: tuple[str, ...] = ()


@dataclass(frozen=True)
class Badges:
    """What the sidebar shows beside Readiness and Letters."""

    red: int  # readiness figures at "needs work"
    amber: int  # and at "nearly"
    letters_open: int  # letters not yet uploaded
    letters_total: int
