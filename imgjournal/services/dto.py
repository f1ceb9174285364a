"""Frozen data transfer objects: what services hand out (never ORM objects)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime

from imgjournal import fields as _fields

_PY_TYPE = {
    _fields.TEXT: "str",
    _fields.LIST: "tuple[str, ...]",
    _fields.CHOICE: "str | None",
    _fields.FLAG: "bool",
}


def _kind_fields(name: str, table: tuple[_fields.Field, ...], doc: str) -> type:
    """A frozen dataclass with one attribute per field of ``table`` (imgjournal.fields), in
    its order, each defaulting to the field's empty value."""
    made = dataclasses.make_dataclass(
        name,
        [(f.attr, _PY_TYPE[f.shape], field(default=f.default)) for f in table],
        frozen=True,
    )
    made.__module__ = __name__  # (make_dataclass's module= is Python 3.12's)
    made.__doc__ = doc
    return made


# The case's and the feedback's own fields: one attribute per line of imgjournal.fields.
CaseFields = _kind_fields(
    "CaseFields", _fields.CASE_FIELDS, "A case's own fields (imgjournal.fields.CASE_FIELDS)."
)
FeedbackFields = _kind_fields(
    "FeedbackFields",
    _fields.FEEDBACK_FIELDS,
    "A feedback entry's own fields (imgjournal.fields.FEEDBACK_FIELDS).",
)


@dataclass(frozen=True)
class EntryDTO:
    id: int
    kind: str
    entry_date: date
    title: str
    body: str
    experience_id: int | None
    prompt_ids: tuple[int, ...]
    tags: tuple[str, ...]
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None = None
    case: CaseFields | None = None
    feedback: FeedbackFields | None = None

    @property
    def in_trash(self) -> bool:
        return self.deleted_at is not None


@dataclass(frozen=True)
class ExperienceDTO:
    id: int
    kind: str
    eras_type: str
    title: str
    institution: str
    specialty: str
    city: str
    state: str
    country: str
    is_us: bool
    hands_on: bool
    start_date: date
    end_date: date | None
    hours_per_week: int | None
    supervisor: str
    notes: str
    created_at: datetime
    updated_at: datetime
    entry_count: int = 0

    def in_progress(self, today: date) -> bool:
        return self.start_date <= today and (self.end_date is None or self.end_date >= today)


@dataclass(frozen=True)
class PromptDTO:
    id: int
    key: str | None
    category: str
    text: str
    min_seconds: int
    max_seconds: int
    hidden: bool
    position: int
    entry_count: int = 0

    @property
    def builtin(self) -> bool:
        return self.key is not None


@dataclass(frozen=True)
class TagDTO:
    id: int
    name: str
    entry_count: int = 0


@dataclass(frozen=True)
class EntryFilter:
    """Which entries to list or search; fields left as None do not filter."""

    kind: str | None = None
    experience_id: int | None = None
    prompt_id: int | None = None
    tag: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    trashed: bool = False
    any_prompt: tuple[int, ...] = ()  # linked to at least one of these prompts (empty: any)


@dataclass(frozen=True)
class SearchHit:
    entry_id: int
    kind: str
    entry_date: date
    title: str
    snippet: str  # the matched words are wrapped in HIGHLIGHT_START / HIGHLIGHT_END
    match: str  # "word" (whole word or prefix) or "substring"
    score: float


@dataclass(frozen=True)
class ImportReport:
    imported: int
    skipped: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (file, reason)


# ---- interview prep (services/prep.py) ----------------------------------------------------


@dataclass(frozen=True)
class DraftDTO:
    """A drafted answer: a STAR-L outline in Markdown."""

    id: int
    prompt_id: int
    title: str
    body: str
    is_practice: bool
    created_at: datetime
    updated_at: datetime
    words: int = 0  # spoken words (headings and comments left out), see prep.word_count


@dataclass(frozen=True)
class AttemptDTO:
    """One practice attempt; ``rating`` 1–4 is Blanked / Shaky / Good / Nailed it."""

    id: int
    prompt_id: int
    draft_id: int | None
    started_at: datetime
    duration_seconds: int
    rating: int
    note: str
    recording_ms: int | None = None  # the recording's length, None without one
    recording_file: str | None = None  # its name in the recordings folder (never exported)


@dataclass(frozen=True)
class ScheduleDTO:
    """A prompt's FSRS state. ``card`` is the ``fsrs.Card.to_dict()`` JSON it is stored as."""

    prompt_id: int
    due: datetime
    state: str  # "learning", "review" or "relearning"
    stability: float | None
    difficulty: float | None
    last_review: datetime | None
    card: str


@dataclass(frozen=True)
class PracticeResult:
    """What recording an attempt changed: the attempt and the prompt's new schedule."""

    attempt: AttemptDTO
    schedule: ScheduleDTO


@dataclass(frozen=True)
class AnswerTiming:
    """How long an answer takes aloud at 130–150 words a minute, against the prompt's range."""

    words: int
    seconds_fast: int  # at the brisk pace
    seconds_slow: int  # at the slow pace
    min_seconds: int
    max_seconds: int
    verdict: str  # "too short", "fine" or "too long"


@dataclass(frozen=True)
class DueItem:
    """A prompt to practise; ``due`` is None for a prompt never practised (``is_new``)."""

    prompt: PromptDTO
    due: datetime | None
    is_new: bool


@dataclass(frozen=True)
class CoverageRow:
    prompt_id: int
    key: str | None
    category: str
    text: str
    min_seconds: int
    max_seconds: int
    entry_ids: tuple[int, ...]  # live entries linked to the prompt
    drafts: int
    draft_words: int  # of the practice draft (0 with no draft)
    attempts: int
    last_practised: datetime | None
    last_rating: int | None
    due: datetime | None
    gaps: tuple[str, ...]  # "no story", "no draft", "never practised"

    @property
    def entry_count(self) -> int:
        return len(self.entry_ids)


@dataclass(frozen=True)
class SoleStory:
    """An entry that is the only story linked to several prompts: one story stretched thin."""

    entry_id: int
    title: str
    prompt_ids: tuple[int, ...]


@dataclass(frozen=True)
class Coverage:
    rows: tuple[CoverageRow, ...]
    sole_stories: tuple[SoleStory, ...]


@dataclass(frozen=True)
class DayCount:
    day: date
    attempts: int


@dataclass(frozen=True)
class ProgressStats:
    """Practice at a glance: ``per_day`` covers the last ``days`` local days, oldest first."""

    per_day: tuple[DayCount, ...]
    total_attempts: int
    due_today: int  # scheduled prompts due by the end of today
    new_ready: int  # never practised, with a story or a draft
    average_seconds: float | None  # of the attempts in the window
    average_target_seconds: float | None  # the middle of their prompts' ranges
    too_short: int
    fine: int
    too_long: int


@dataclass(frozen=True)
class SessionRow:
    """One answer of a practice round, for the summary at its end."""

    prompt_id: int
    text: str
    duration_seconds: int
    min_seconds: int
    max_seconds: int
    verdict: str  # of the time spoken against the range
    rating: int
    rating_text: str = ""  # the rating in words ("Shaky")
    due: datetime | None = None  # when the prompt comes back
    again: str = ""  # the same for people: "again tomorrow", "again on Thu 10 Dec"


@dataclass(frozen=True)
class SessionSummary:
    """The end of a practice round (``prep_rounds.summarize``)."""

    rows: tuple[SessionRow, ...]
    total_seconds: int
    on_target: int  # answers within their range
    ratings: tuple[tuple[int, int], ...]  # (rating, how many), 1–4
    round_number: int = 1  # this round, from 1
    round_count: int = 1  # rounds in the session
    next_round_size: int = 0  # prompts in the next round; 0 when this was the last
    next_step: str = ""  # what to do now, in a sentence
