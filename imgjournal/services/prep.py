"""Interview prep: drafted answers and practice scheduled by FSRS.

- **Drafts** are STAR-L outlines (Situation, Task, Action, Result, Lesson) in Markdown, several
  per prompt; one per prompt is the one to practise (the first draft of a prompt becomes it).
  Word counts, timing and prefilling from a case are in ``prep_text``.
- **Scheduling** is the ``fsrs`` package's: each prompt is one FSRS card, stored as
  ``Card.to_dict()`` JSON with its due time copied to a column. Nothing here computes an
  interval; ``record_attempt`` hands the rating to ``fsrs.Scheduler.review_card``. Ratings are
  in words a person says of an interview answer (``RATINGS``), and intervals are whole days.
- **Practice rounds**: what is due, a category, or a mock interview (``practice_queue``);
  ``prep_rounds`` cuts a long queue into rounds of at most 7 and sums each round up.
  Coverage and progress are in ``prep_stats``.

Times are aware UTC datetimes everywhere; a naive datetime is refused.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from datetime import UTC, datetime, time, timedelta, tzinfo
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from imgjournal.db import Journal
from imgjournal.domain import PromptCategory
from imgjournal.errors import NotFoundError, ValidationError
from imgjournal.limits import MAX_ID
from imgjournal.models import (
    AnswerDraft,
    Entry,
    PracticeAttempt,
    Prompt,
    PromptSchedule,
    entry_prompts,
    utcnow,
)
from imgjournal.services import validate
from imgjournal.services.convert import attempt_dto, draft_dto, prompt_dto, schedule_dto
from imgjournal.services.dto import (
    AttemptDTO,
    DraftDTO,
    DueItem,
    PracticeResult,
    PromptDTO,
    ScheduleDTO,
)
from imgjournal.services.prep_text import prefill_from_case

if TYPE_CHECKING:
    from fsrs import Card, Scheduler
    from sqlalchemy.orm import Session

_UNSET: Any = object()

# The ratings 1–4 (FSRS's Again / Hard / Good / Easy) in the words a person says of an answer.
RATINGS = {1: "Blanked", 2: "Shaky", 3: "Good", 4: "Nailed it"}
RATING_HINTS = {
    1: "no story came, or it fell apart",
    2: "got there, with pauses or gaps",
    3: "told it clearly, near the target length",
    4: "smooth and confident",
}

MODES = ("due", "category", "mock")
MOCK_DEFAULT = 5

# ---- the scheduler ------------------------------------------------------------------------


@cache
def scheduler() -> Scheduler:
    """The FSRS scheduler: the package's model and retention, in whole days, without fuzz.

    - **No learning or relearning steps.** Flashcard steps (1 and 10 minutes) suit a word drilled
      again within the same sitting; an interview answer is rehearsed once a day at most, so
      every rating schedules the prompt a whole number of days ahead (at least 1). A card stored
      in a learning step by the earlier scheduler goes to review on its next rating, which
      ``fsrs`` handles itself (a step beyond the scheduler's steps).
    - **No fuzz.** Fuzzing spreads a large deck's reviews by randomising intervals a little; a
      prompt library is a few dozen cards, and without it the same ratings always give the same
      due dates, so a schedule can be explained and tested.
    """
    from fsrs import Scheduler

    return Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def _aware(value: datetime | None, what: str = "time") -> datetime:
    if value is None:
        return utcnow()
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(f"The {what} {value} has no time zone; give an aware datetime.")
    return value.astimezone(UTC)


def _card_from_json(text: str) -> Card:
    """The stored card; its times made aware UTC (a hand-edited import may hold others)."""
    from fsrs import Card

    card = Card.from_dict(json.loads(text))
    card.due = _utc(card.due)
    if card.last_review is not None:
        card.last_review = _utc(card.last_review)
    return card


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# ---- drafts -------------------------------------------------------------------------------


def _prompt(s: Session, prompt_id: int) -> Prompt:
    p = s.get(Prompt, prompt_id) if 0 < prompt_id <= MAX_ID else None
    if p is None:
        raise NotFoundError(f"There is no prompt with id {prompt_id}; see `imgjournal prompts`.")
    return p


def _draft(s: Session, draft_id: int) -> AnswerDraft:
    d = s.get(AnswerDraft, draft_id) if 0 < draft_id <= MAX_ID else None
    if d is None:
        raise NotFoundError(f"There is no answer draft with id {draft_id}; it may be deleted.")
    return d


def _make_practice(s: Session, draft: AnswerDraft) -> None:
    for other in s.scalars(
        select(AnswerDraft).where(
            AnswerDraft.prompt_id == draft.prompt_id,
            AnswerDraft.is_practice.is_(True),
            AnswerDraft.id != draft.id,
        )
    ):
        other.is_practice = False
    s.flush()  # the old mark goes first
    draft.is_practice = True


def list_drafts(journal: Journal, prompt_id: int) -> list[DraftDTO]:
    """The drafts of a prompt, oldest first."""
    with journal.session() as s:
        _prompt(s, prompt_id)
        rows = s.scalars(
            select(AnswerDraft).where(AnswerDraft.prompt_id == prompt_id).order_by(AnswerDraft.id)
        )
        return [draft_dto(d) for d in rows]


def get_draft(journal: Journal, draft_id: int) -> DraftDTO:
    with journal.session() as s:
        return draft_dto(_draft(s, draft_id))


def practice_draft(journal: Journal, prompt_id: int) -> DraftDTO | None:
    """The draft marked to practise for a prompt, if it has one."""
    with journal.session() as s:
        d = s.scalar(
            select(AnswerDraft).where(
                AnswerDraft.prompt_id == prompt_id, AnswerDraft.is_practice.is_(True)
            )
        )
        return draft_dto(d) if d else None


def practice_drafts(journal: Journal) -> dict[int, DraftDTO]:
    """Every prompt's draft to practise, by prompt id (one query, for whole-journal sheets)."""
    with journal.session() as s:
        rows = s.scalars(select(AnswerDraft).where(AnswerDraft.is_practice.is_(True)))
        return {d.prompt_id: draft_dto(d) for d in rows}


def create_draft(
    journal: Journal,
    prompt_id: int,
    title: str = "",
    body: str = "",
    *,
    practice: bool | None = None,
) -> DraftDTO:
    """Add a draft; an empty title becomes "Draft N". The prompt's first draft is the one to
    practise unless ``practice`` is False; ``practice=True`` makes this one the practice draft.
    """
    with journal.session() as s:
        _prompt(s, prompt_id)
        count = s.scalar(
            select(func.count()).select_from(AnswerDraft).where(AnswerDraft.prompt_id == prompt_id)
        )
        now = utcnow()
        d = AnswerDraft(
            prompt_id=prompt_id,
            title=validate.title(title.strip() or f"Draft {count + 1}", "draft title"),
            body=validate.body(body, "draft", "shorten it"),
            is_practice=False,
            created_at=now,
            updated_at=now,
        )
        s.add(d)
        s.flush()
        if practice or (practice is None and count == 0):
            _make_practice(s, d)
            s.flush()
        return draft_dto(d)


def create_draft_from_case(journal: Journal, prompt_id: int, entry_id: int) -> DraftDTO:
    """A new draft for a prompt, prefilled from a case, titled after it."""
    from imgjournal.services.entries import get_entry

    entry = get_entry(journal, entry_id)
    return create_draft(journal, prompt_id, entry.title, prefill_from_case(entry))


def update_draft(
    journal: Journal, draft_id: int, *, title: str = _UNSET, body: str = _UNSET
) -> DraftDTO:
    with journal.session() as s:
        d = _draft(s, draft_id)
        if title is not _UNSET:
            d.title = validate.title(title, "draft title")
        if body is not _UNSET:
            d.body = validate.body(body, "draft", "shorten it")
        d.updated_at = utcnow()
        s.flush()
        return draft_dto(d)


def set_practice_draft(journal: Journal, draft_id: int) -> DraftDTO:
    """Mark a draft as the one to practise for its prompt (and unmark the others)."""
    with journal.session() as s:
        d = _draft(s, draft_id)
        _make_practice(s, d)
        s.flush()
        return draft_dto(d)


def delete_draft(journal: Journal, draft_id: int) -> list[DraftDTO]:
    """Delete a draft; returns the prompt's remaining drafts. Attempts that used it keep their
    rating and time. If it was the practice draft, the newest remaining one takes its place."""
    with journal.session() as s:
        d = _draft(s, draft_id)
        prompt_id, was_practice = d.prompt_id, d.is_practice
        s.delete(d)
        s.flush()
        rest = list(
            s.scalars(
                select(AnswerDraft)
                .where(AnswerDraft.prompt_id == prompt_id)
                .order_by(AnswerDraft.id)
            )
        )
        if was_practice and rest:
            newest = max(rest, key=lambda r: (r.updated_at, r.id))
            newest.is_practice = True
            s.flush()
        return [draft_dto(r) for r in rest]


# ---- practice and scheduling --------------------------------------------------------------


def _rating(value: int) -> int:
    try:
        rating = int(value)
    except (TypeError, ValueError):
        rating = 0
    if rating not in RATINGS:
        raise ValidationError(
            f"The rating {value!r} is not one of 1 (Blanked), 2 (Shaky), 3 (Good) or 4 (Nailed it)."
        )
    return rating


def record_attempt(
    journal: Journal,
    prompt_id: int,
    rating: int,
    duration_seconds: float,
    note: str = "",
    draft_id: int | None = None,
    *,
    at: datetime | None = None,
) -> PracticeResult:
    """Store a practice attempt and the prompt's new FSRS state.

    ``at`` is when the answer ended (default now); the attempt started ``duration_seconds``
    earlier. The card is reviewed by ``fsrs.Scheduler.review_card`` with that rating.
    """
    from fsrs import Card, Rating

    rating = _rating(rating)
    if duration_seconds is None or duration_seconds < 0:
        raise ValidationError("The answer's duration is negative; time it again.")
    seconds = int(round(duration_seconds))
    ended = _aware(at, "practice time")
    with journal.session() as s:
        _prompt(s, prompt_id)
        if draft_id is not None and _draft(s, draft_id).prompt_id != prompt_id:
            raise ValidationError(
                f"Draft {draft_id} answers another prompt; pick a draft of prompt {prompt_id}."
            )
        row = s.get(PromptSchedule, prompt_id)
        card = _card_from_json(row.card) if row else Card(card_id=prompt_id, due=ended)
        # A clock set back must not make a review older than the last one.
        when = max(ended, card.last_review) if card.last_review else ended
        card, _log = scheduler().review_card(
            card, Rating(rating), review_datetime=when, review_duration=seconds * 1000
        )
        card_json = json.dumps(card.to_dict(), sort_keys=True)
        if row is None:
            row = PromptSchedule(prompt_id=prompt_id, card=card_json, due=card.due)
            s.add(row)
        else:
            row.card, row.due = card_json, card.due
        attempt = PracticeAttempt(
            prompt_id=prompt_id,
            draft_id=draft_id,
            started_at=ended - timedelta(seconds=seconds),
            duration_seconds=seconds,
            rating=rating,
            note=validate.field((note or "").strip(), "practice note"),
        )
        s.add(attempt)
        s.flush()
        return PracticeResult(attempt_dto(attempt), schedule_dto(row))


def preview_ratings(
    journal: Journal, prompt_id: int, *, at: datetime | None = None
) -> dict[int, datetime]:
    """When the prompt would come due after each rating 1–4 given ``at`` (default now), as
    ``fsrs`` would schedule it; nothing is stored. The practice screen shows these."""
    from fsrs import Card, Rating

    when = _aware(at, "practice time")
    with journal.session() as s:
        _prompt(s, prompt_id)
        row = s.get(PromptSchedule, prompt_id)
        card = _card_from_json(row.card) if row else Card(card_id=prompt_id, due=when)
    if card.last_review:
        when = max(when, card.last_review)
    return {
        r: scheduler().review_card(card, Rating(r), review_datetime=when)[0].due for r in RATINGS
    }


def get_schedule(journal: Journal, prompt_id: int) -> ScheduleDTO | None:
    """A prompt's FSRS state, or None if it was never practised."""
    with journal.session() as s:
        row = s.get(PromptSchedule, prompt_id)
        return schedule_dto(row) if row else None


def list_attempts(
    journal: Journal, prompt_id: int | None = None, *, limit: int | None = None
) -> list[AttemptDTO]:
    """Attempts, newest first (of one prompt, or all)."""
    stmt = select(PracticeAttempt).order_by(
        PracticeAttempt.started_at.desc(), PracticeAttempt.id.desc()
    )
    if prompt_id is not None:
        stmt = stmt.where(PracticeAttempt.prompt_id == prompt_id)
    if limit is not None:
        stmt = stmt.limit(limit)
    with journal.session() as s:
        return [attempt_dto(a) for a in s.scalars(stmt)]


def _category_order() -> dict[str, int]:
    return {c.value: i for i, c in enumerate(PromptCategory)}


def _prompt_key(p: Prompt | PromptDTO) -> tuple[int, int, int]:
    return (_category_order().get(p.category, 99), p.position, p.id)


def _prepared_ids(s: Session) -> set[int]:
    """Prompts with a live linked entry or a draft."""
    linked = select(entry_prompts.c.prompt_id).join(Entry, Entry.id == entry_prompts.c.entry_id)
    linked = linked.where(Entry.deleted_at.is_(None))
    ids = set(s.scalars(linked))
    ids.update(s.scalars(select(AnswerDraft.prompt_id)))
    return ids


def day_end(now: datetime, tz: tzinfo | None = None) -> datetime:
    """The end of ``now``'s day in ``tz`` (default the computer's zone), as aware UTC.

    Intervals are whole days, so a prompt is due on the day its schedule names, from the start
    of that day: one that comes back "on Thu 10 Dec" (at the hour it was last practised) is
    there to practise on Thursday morning.
    """
    local = now.astimezone(tz)
    midnight = datetime.combine(local.date() + timedelta(days=1), time.min, local.tzinfo)
    return midnight.astimezone(UTC)


def due_prompts(
    journal: Journal,
    now: datetime | None = None,
    *,
    include_new: bool = True,
    tz: tzinfo | None = None,
) -> list[DueItem]:
    """Prompts to practise now: those FSRS says are due by the end of today in ``tz`` (oldest
    due first), then the prompts never practised that have a story or a draft (in library
    order). Hidden prompts are left out."""
    now = _aware(now)
    cutoff = day_end(now, tz)
    with journal.session() as s:
        due = [
            DueItem(prompt_dto(p), when, False)
            for p, when in s.execute(
                select(Prompt, PromptSchedule.due)
                .join(PromptSchedule, PromptSchedule.prompt_id == Prompt.id)
                .where(Prompt.hidden.is_(False), PromptSchedule.due < cutoff)
                .order_by(PromptSchedule.due, Prompt.id)
            )
        ]
        if not include_new:
            return due
        prepared = _prepared_ids(s)
        fresh = s.scalars(
            select(Prompt)
            .outerjoin(PromptSchedule, PromptSchedule.prompt_id == Prompt.id)
            .where(Prompt.hidden.is_(False), PromptSchedule.prompt_id.is_(None))
        )
        new = sorted((p for p in fresh if p.id in prepared), key=_prompt_key)
        return due + [DueItem(prompt_dto(p), None, True) for p in new]


def _visible_with_due(s: Session) -> list[tuple[Prompt, datetime | None]]:
    rows = s.execute(
        select(Prompt, PromptSchedule.due)
        .outerjoin(PromptSchedule, PromptSchedule.prompt_id == Prompt.id)
        .where(Prompt.hidden.is_(False))
    )
    return sorted(rows, key=lambda r: _prompt_key(r[0]))


def practice_queue(
    journal: Journal,
    mode: str = "due",
    *,
    category: str | None = None,
    count: int | None = None,
    now: datetime | None = None,
    rng: random.Random | None = None,
    tz: tzinfo | None = None,
) -> list[DueItem]:
    """The prompts of a practice round, in order.

    - ``due``: ``due_prompts`` (due first, then new prompts with a story or draft);
    - ``category``: every prompt of ``category``: due ones, then never practised, then the rest
      by how soon they come due;
    - ``mock``: ``count`` prompts (default 5) mixing categories like an interview: a personal
      question first, a closing one last, the others taken from the categories in turn.
    """
    if mode not in MODES:
        raise ValidationError(f"The practice mode {mode!r} is not one of {', '.join(MODES)}.")
    if count is not None and count < 1:
        raise ValidationError("A practice round needs at least 1 prompt.")
    now = _aware(now)
    if mode == "due":
        items = due_prompts(journal, now, tz=tz)
        return items[:count] if count else items
    with journal.session() as s:
        rows = _visible_with_due(s)
    if mode == "category":
        if not category:
            raise ValidationError("Choose a category to practise.")
        cat = PromptCategory.parse(category, "prompt category").value
        mine = [(p, d) for p, d in rows if p.category == cat]
        cutoff = day_end(now, tz)
        due = sorted((r for r in mine if r[1] is not None and r[1] < cutoff), key=lambda r: r[1])
        new = [r for r in mine if r[1] is None]
        later = sorted((r for r in mine if r[1] is not None and r[1] >= cutoff), key=lambda r: r[1])
        items = [DueItem(prompt_dto(p), d, d is None) for p, d in (*due, *new, *later)]
        return items[:count] if count else items
    return _mock(rows, count or MOCK_DEFAULT, rng or random.Random())


def _mock(
    rows: list[tuple[Prompt, datetime | None]], count: int, rng: random.Random
) -> list[DueItem]:
    pools: dict[str, list[tuple[Prompt, datetime | None]]] = defaultdict(list)
    for row in rows:
        pools[row[0].category].append(row)
    for pool in pools.values():
        rng.shuffle(pool)
    count = min(count, len(rows))
    first = pools[PromptCategory.PERSONAL].pop() if pools.get(PromptCategory.PERSONAL) else None
    last = (
        pools[PromptCategory.CLOSING].pop()
        if count >= 3 and pools.get(PromptCategory.CLOSING)
        else None
    )
    middle_n = count - (first is not None) - (last is not None)
    middle: list[tuple[Prompt, datetime | None]] = []
    # Closing questions belong at the end; the middle takes them only if nothing else is left.
    order = [c.value for c in PromptCategory if c != PromptCategory.CLOSING]
    rng.shuffle(order)
    order.append(PromptCategory.CLOSING.value)
    order += [cat for cat in pools if cat not in order]
    while len(middle) < middle_n and any(pools.values()):
        for cat in order:
            if len(middle) < middle_n and pools.get(cat):
                middle.append(pools[cat].pop())
    chosen = [r for r in (first, *middle, last) if r is not None]
    return [DueItem(prompt_dto(p), d, d is None) for p, d in chosen]


def next_prompt(
    journal: Journal,
    mode: str = "due",
    *,
    category: str | None = None,
    now: datetime | None = None,
) -> DueItem | None:
    """The prompt to practise next, or None when nothing is due."""
    queue = practice_queue(journal, mode, category=category, count=1, now=now)
    return queue[0] if queue else None


def rating_label(rating: int | None) -> str:
    return RATINGS.get(rating or 0, "")
