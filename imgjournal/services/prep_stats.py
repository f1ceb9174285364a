"""Interview prep at a glance: coverage of the prompt library and progress.

Read-only summaries for the coverage and progress views (a round's summary is ``prep_rounds``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta, tzinfo

from sqlalchemy import func, select

from imgjournal.db import Journal
from imgjournal.errors import ValidationError
from imgjournal.models import (
    AnswerDraft,
    Entry,
    PracticeAttempt,
    Prompt,
    PromptSchedule,
    entry_prompts,
)
from imgjournal.services.dto import (
    Coverage,
    CoverageRow,
    DayCount,
    ProgressStats,
    SoleStory,
)
from imgjournal.services.prep import _aware, _prompt_key, due_prompts
from imgjournal.services.prep_rounds import summarize  # noqa: F401 - moved there; kept for callers
from imgjournal.services.prep_text import FINE, TOO_LONG, TOO_SHORT, duration_verdict, word_count

NO_STORY, NO_DRAFT, NEVER_PRACTISED = "no story", "no draft", "never practised"

# An entry that is the only story of this many prompts or more is pointed out in coverage.
SOLE_STORY_PROMPTS = 3


# ---- coverage and progress ----------------------------------------------------------------


def coverage(journal: Journal) -> Coverage:
    """Every visible prompt with its stories, drafts and practice, and the gaps that stand out."""
    with journal.session() as s:
        prompts = sorted(s.scalars(select(Prompt).where(Prompt.hidden.is_(False))), key=_prompt_key)
        links: dict[int, list[int]] = defaultdict(list)
        titles: dict[int, str] = {}
        for pid, eid, title in s.execute(
            select(entry_prompts.c.prompt_id, Entry.id, Entry.title)
            .join(Entry, Entry.id == entry_prompts.c.entry_id)
            .where(Entry.deleted_at.is_(None))
            .order_by(Entry.entry_date.desc(), Entry.id.desc())
        ):
            links[pid].append(eid)
            titles[eid] = title
        drafts: dict[int, list[AnswerDraft]] = defaultdict(list)
        for d in s.scalars(select(AnswerDraft).order_by(AnswerDraft.id)):
            drafts[d.prompt_id].append(d)
        attempts: Counter[int] = Counter()
        last: dict[int, tuple[datetime, int]] = {}
        for pid, started, rating in s.execute(
            select(
                PracticeAttempt.prompt_id, PracticeAttempt.started_at, PracticeAttempt.rating
            ).order_by(PracticeAttempt.started_at, PracticeAttempt.id)
        ):
            attempts[pid] += 1
            last[pid] = (started, rating)
        due = {
            pid: when
            for pid, when in s.execute(select(PromptSchedule.prompt_id, PromptSchedule.due))
        }
    rows = []
    for p in prompts:
        mine = drafts.get(p.id, [])
        chosen = next((d for d in mine if d.is_practice), None) or (
            max(mine, key=lambda d: (d.updated_at, d.id)) if mine else None
        )
        gaps = []
        if not links.get(p.id):
            gaps.append(NO_STORY)
        if not mine:
            gaps.append(NO_DRAFT)
        if not attempts[p.id]:
            gaps.append(NEVER_PRACTISED)
        when, rating = last.get(p.id, (None, None))
        rows.append(
            CoverageRow(
                prompt_id=p.id,
                key=p.key,
                category=p.category,
                text=p.text,
                min_seconds=p.min_seconds,
                max_seconds=p.max_seconds,
                entry_ids=tuple(links.get(p.id, ())),
                drafts=len(mine),
                draft_words=word_count(chosen.body) if chosen else 0,
                attempts=attempts[p.id],
                last_practised=when,
                last_rating=rating,
                due=due.get(p.id),
                gaps=tuple(gaps),
            )
        )
    sole: dict[int, list[int]] = defaultdict(list)
    for row in rows:
        if len(row.entry_ids) == 1:
            sole[row.entry_ids[0]].append(row.prompt_id)
    stories = tuple(
        SoleStory(eid, titles[eid], tuple(pids))
        for eid, pids in sorted(sole.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        if len(pids) >= SOLE_STORY_PROMPTS
    )
    return Coverage(tuple(rows), stories)


def _local_tz(now: datetime, tz: tzinfo | None) -> tzinfo:
    return tz if tz is not None else now.astimezone().tzinfo or UTC


def _end_of_day(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day + timedelta(days=1), datetime.min.time(), tz).astimezone(UTC)


def progress(
    journal: Journal, *, now: datetime | None = None, days: int = 14, tz: tzinfo | None = None
) -> ProgressStats:
    """Attempts per local day over the last ``days`` days, prompts due by the end of today, and
    how long answers ran against their targets. ``tz`` defaults to the computer's time zone."""
    if days < 1:
        raise ValidationError("Progress needs a period of at least 1 day.")
    now = _aware(now)
    zone = _local_tz(now, tz)
    today = now.astimezone(zone).date()
    first = today - timedelta(days=days - 1)
    start = datetime.combine(first, datetime.min.time(), zone).astimezone(UTC)
    with journal.session() as s:
        window = list(
            s.execute(
                select(
                    PracticeAttempt.started_at,
                    PracticeAttempt.duration_seconds,
                    Prompt.min_seconds,
                    Prompt.max_seconds,
                )
                .join(Prompt, Prompt.id == PracticeAttempt.prompt_id)
                .where(PracticeAttempt.started_at >= start)
            )
        )
        total = s.scalar(select(func.count()).select_from(PracticeAttempt)) or 0
        due_today = (
            s.scalar(
                select(func.count())
                .select_from(PromptSchedule)
                .join(Prompt, Prompt.id == PromptSchedule.prompt_id)
                .where(Prompt.hidden.is_(False), PromptSchedule.due < _end_of_day(today, zone))
            )
            or 0
        )
    new_ready = sum(item.is_new for item in due_prompts(journal, now))
    per_day = Counter(started.astimezone(zone).date() for started, *_ in window)
    verdicts = Counter(duration_verdict(d, lo, hi) for _, d, lo, hi in window)
    n = len(window)
    return ProgressStats(
        per_day=tuple(
            DayCount(first + timedelta(days=i), per_day.get(first + timedelta(days=i), 0))
            for i in range(days)
        ),
        total_attempts=total,
        due_today=due_today,
        new_ready=new_ready,
        average_seconds=sum(d for _, d, _, _ in window) / n if n else None,
        average_target_seconds=sum((lo + hi) / 2 for *_, lo, hi in window) / n if n else None,
        too_short=verdicts[TOO_SHORT],
        fine=verdicts[FINE],
        too_long=verdicts[TOO_LONG],
    )
