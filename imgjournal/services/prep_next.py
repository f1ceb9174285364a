"""Interview prep in plain words: progress per category, the next three things to do, and
what is due (for the Today card).

Read-only, built on :func:`imgjournal.services.prep_stats.coverage`; the UI shows the sentences
as they are and uses each step's ``action`` and ids to go where the step is done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from imgjournal.db import Journal
from imgjournal.domain import PromptCategory
from imgjournal.services import prep, prep_stats
from imgjournal.services.dto import Coverage, CoverageRow

# What a step asks for; the UI maps each to the place where it is done.
DRAFT, LINK, PRACTISE = "draft", "link", "practise"
STEPS = 3
SHORT_PROMPT = 48  # characters of a prompt quoted in a step (the rest is in the tooltip)


@dataclass(frozen=True)
class CategoryProgress:
    """One category of the prompt library: how many prompts are ready to practise."""

    category: str
    label: str
    total: int
    storied: int  # prompts with at least one linked entry
    ready: int  # prompts with a story and a draft
    practised: int  # prompts practised at least once

    @property
    def short(self) -> str:
        """The same in a few words, beside the category's bar: "3 of 13 ready"."""
        words = f"{self.ready} of {self.total} ready"
        return words + (f" · {self.practised} practised" if self.practised else "")

    @property
    def text(self) -> str:
        words = f"{self.ready} of {self.total} prompts have a story and a draft"
        if self.practised:
            words += f" · {self.practised} practised"
        return words


@dataclass(frozen=True)
class NextStep:
    """One thing to do next, said in a sentence; ``prompt_id`` or ``category`` says where."""

    action: str  # DRAFT, LINK or PRACTISE
    text: str
    prompt_id: int | None = None
    category: str | None = None
    detail: str = ""  # the prompt's full text, for a tooltip


@dataclass(frozen=True)
class PrepOverview:
    categories: tuple[CategoryProgress, ...]
    steps: tuple[NextStep, ...]
    due_count: int  # prompts a due round would practise now (due, then new with a story)
    next_due: date | None  # the next local day something comes due, when nothing is now
    storied: int  # prompts with a linked story

    @property
    def started(self) -> bool:
        """Has the user begun preparing (a story linked, a draft or a schedule)?"""
        return bool(self.storied or self.due_count or self.next_due)


def short_prompt(text: str, limit: int = SHORT_PROMPT) -> str:
    """A prompt quoted in a sentence: whole if short, else cut at a word with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:—-")
    return cut + "…"


def category_progress(cov: Coverage) -> tuple[CategoryProgress, ...]:
    """Each category that has visible prompts, in the library's order."""
    out = []
    for c in PromptCategory:
        rows = [r for r in cov.rows if r.category == c.value]
        if not rows:
            continue
        out.append(
            CategoryProgress(
                category=c.value,
                label=c.label,
                total=len(rows),
                storied=sum(r.entry_count > 0 for r in rows),
                ready=sum(r.entry_count > 0 and r.drafts > 0 for r in rows),
                practised=sum(r.attempts > 0 for r in rows),
            )
        )
    return tuple(out)


def _due_phrase(due: datetime, now: datetime, zone: tzinfo) -> str:
    days = (now.astimezone(zone).date() - due.astimezone(zone).date()).days
    if days <= 0:
        return "due today"
    return "due since yesterday" if days == 1 else f"due for {days} days"


def next_steps(
    cov: Coverage, now: datetime, *, limit: int = STEPS, tz: tzinfo | None = None
) -> tuple[NextStep, ...]:
    """The next things to do, most useful first, one of each kind in turn so the list is
    varied: practise what is due, draft an answer for a prompt that has stories, link a story
    in a category that has none, practise a prepared prompt for the first time."""
    zone = tz or now.astimezone().tzinfo
    assert zone is not None
    due = sorted((r for r in cov.rows if r.due is not None and r.due <= now), key=lambda r: r.due)
    due_steps = [
        NextStep(
            PRACTISE,
            f"Practise “{short_prompt(r.text)}”: {_due_phrase(r.due, now, zone)}",
            prompt_id=r.prompt_id,
            detail=r.text,
        )
        for r in due
        if r.due is not None
    ]
    undrafted = sorted(
        (r for r in cov.rows if r.entry_count and not r.drafts), key=lambda r: -r.entry_count
    )
    draft_steps = [
        NextStep(
            DRAFT,
            f"Write a draft for “{short_prompt(r.text)}” — you have "
            f"{r.entry_count} stor{'ies' if r.entry_count != 1 else 'y'} for it",
            prompt_id=r.prompt_id,
            detail=r.text,
        )
        for r in undrafted
    ]
    link_steps = []
    for c in category_progress(cov):
        if c.storied == 0:
            first = next(r for r in cov.rows if r.category == c.category)
            link_steps.append(
                NextStep(
                    LINK,
                    f"Link a story to a prompt in {c.label}: none has one yet",
                    prompt_id=first.prompt_id,
                    category=c.category,
                    detail=first.text,
                )
            )
    fresh_steps = [
        NextStep(
            PRACTISE,
            f"Practise “{short_prompt(r.text)}” for the first time: it has a story and a draft",
            prompt_id=r.prompt_id,
            detail=r.text,
        )
        for r in cov.rows
        if r.entry_count and r.drafts and not r.attempts and r.due is None
    ]
    queues = [due_steps, draft_steps, link_steps, fresh_steps]
    steps: list[NextStep] = []
    while len(steps) < limit and any(queues):
        for q in queues:
            if q and len(steps) < limit:
                steps.append(q.pop(0))
    return tuple(steps)


def _next_due_day(rows: tuple[CoverageRow, ...], now: datetime, zone: tzinfo) -> date | None:
    later = [r.due for r in rows if r.due is not None and r.due > now]
    return min(later).astimezone(zone).date() if later else None


def prep_overview(
    journal: Journal, now: datetime | None = None, *, tz: tzinfo | None = None
) -> PrepOverview:
    """Progress per category, the next three things, and what a due round would practise."""
    now = prep._aware(now)
    zone = tz or now.astimezone().tzinfo
    assert zone is not None
    cov = prep_stats.coverage(journal)
    due_count = len(prep.due_prompts(journal, now))
    next_due = None if due_count else _next_due_day(cov.rows, now, zone)
    return PrepOverview(
        categories=category_progress(cov),
        steps=next_steps(cov, now, tz=zone),
        due_count=due_count,
        next_due=next_due,
        storied=sum(r.entry_count > 0 for r in cov.rows),
    )
