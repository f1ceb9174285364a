"""What the programs and contacts services hand out (frozen dataclasses, never ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from imgjournal.domain import PROGRAM_STATUSES

PROGRAM_STATUS_LABELS = {
    "considering": "Considering",
    "applied": "Applied",
    "interview_invited": "Interview invited",
    "interviewed": "Interviewed",
    "ranked": "Ranked",
}
assert tuple(PROGRAM_STATUS_LABELS) == PROGRAM_STATUSES


@dataclass(frozen=True)
class ProgramDTO:
    id: int
    name: str
    specialty: str
    city: str
    state: str
    program_type: str
    visa: str
    img_notes: str
    sources: str
    affiliates: tuple[str, ...]
    status: str
    interview_date: date | None
    interview_format: str
    questions: str
    thank_you_sent: bool
    created_at: datetime
    updated_at: datetime
    # The date each status was reached, in PROGRAM_STATUSES order: ((status, date), ...).
    steps: tuple[tuple[str, date], ...] = ()
    # The ids of the prompts the user noted this program's interviews ask.
    prompt_ids: tuple[int, ...] = ()

    def step_date(self, status: str) -> date | None:
        return dict(self.steps).get(status)

    @property
    def place(self) -> str:
        return ", ".join(p for p in (self.city, self.state) if p)

    @property
    def status_label(self) -> str:
        return PROGRAM_STATUS_LABELS[self.status]


@dataclass(frozen=True)
class ContactDTO:
    id: int
    name: str
    role: str
    institution: str
    met_where: str
    met_on: date | None
    last_contact: date | None
    follow_up: date | None
    notes: str
    created_at: datetime
    updated_at: datetime
    program_ids: tuple[int, ...] = ()
    experience_ids: tuple[int, ...] = ()
    letter_ids: tuple[int, ...] = ()
