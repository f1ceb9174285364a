"""Frozen data transfer objects: what services hand out (never ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class CaseFields:
    setting: str | None = None
    age_band: str | None = None
    sex: str | None = None
    chief_complaint: str = ""
    diagnoses: tuple[str, ...] = ()
    procedures: tuple[str, ...] = ()
    role: str | None = None
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    lesson: str = ""


@dataclass(frozen=True)
class FeedbackFields:
    giver_name: str = ""
    giver_role: str | None = None
    feedback_kind: str | None = None
    words: str = ""
    action_items: str = ""
    followed_up: bool = False


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
