"""Practice in rounds: a long queue cut into rounds of at most 7, and the summary of each round.

Twenty-one prompts in a row is an hour of talking with no pause to take stock; five to seven
answers is a round a tired resident can finish. ``split_rounds`` keeps the queue's order (the
longest overdue first, then the new prompts with a story), so the first round holds what needs
practice most, and it balances the sizes (15 prompts are 5 + 5 + 5, not 7 + 7 + 1).

``summarize`` turns a round's answers into what the round's last page shows: each prompt with
its rating in words, the time spoken against its target and when it comes back ("again on
Thu 10 Dec"), and what to do next (another round, or done for today). No Qt here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, tzinfo
from math import ceil
from typing import TypeVar

from imgjournal.limits import PRACTICE_ROUND_MAX
from imgjournal.services.dto import (
    AttemptDTO,
    PracticeResult,
    PromptDTO,
    SessionRow,
    SessionSummary,
)
from imgjournal.services.prep import RATINGS
from imgjournal.services.prep_text import FINE, duration_verdict

T = TypeVar("T")

# English, like the rest of the app's words; independent of the C library's locale.
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def split_rounds(items: Sequence[T], most: int = PRACTICE_ROUND_MAX) -> list[list[T]]:
    """``items`` in order, cut into as few rounds of at most ``most`` as possible, the sizes
    differing by one at most (the earlier rounds the larger): 21 → 7 7 7, 8 → 4 4, 16 → 6 5 5."""
    if most < 1:
        raise ValueError("A round holds at least 1 prompt.")
    n = len(items)
    if n == 0:
        return []
    count = ceil(n / most)
    base, extra = divmod(n, count)
    rounds, start = [], 0
    for i in range(count):
        size = base + (1 if i < extra else 0)
        rounds.append(list(items[start : start + size]))
        start += size
    return rounds


def day_text(value: datetime, tz: tzinfo | None = None) -> str:
    """A day as people write it: "Thu 10 Dec" (in ``tz``, default the computer's zone)."""
    local = value.astimezone(tz)
    return f"{WEEKDAYS[local.weekday()]} {local.day} {MONTHS[local.month - 1]}"


def again_text(due: datetime | None, now: datetime, tz: tzinfo | None = None) -> str:
    """When a prompt comes back, in words: "again today", "again tomorrow", "again on Thu 10
    Dec" (a date more than 300 days ahead gets its year)."""
    if due is None:
        return ""
    day = due.astimezone(tz).date()
    today = now.astimezone(tz).date()
    days = (day - today).days
    if days <= 0:
        return "again today"
    if days == 1:
        return "again tomorrow"
    text = day_text(due, tz)
    if days > 300:
        text += f" {day.year}"
    return f"again on {text}"


def next_step_text(
    round_number: int, round_count: int, next_round_size: int, rows: Sequence[SessionRow]
) -> str:
    """What to do after a round, in one or two sentences."""
    if next_round_size:
        s = "s" if next_round_size != 1 else ""
        step = (
            f"Round {round_number + 1} of {round_count} is next: {next_round_size} more "
            f"prompt{s}. Take a breath and go on, or stop here: they stay due."
        )
    elif rows:
        step = "Done for today: nothing else is due. Come back when a prompt is due again."
    else:
        step = "Done for now: no answer was rated this time."
    weak = sum(r.rating <= 2 for r in rows)
    if weak and not next_round_size:
        them = "it" if weak == 1 else "them"
        step += (
            f" {weak} answer{'s' if weak != 1 else ''} came out blank or shaky: reread the "
            f"draft{'s' if weak != 1 else ''} tonight and tell {them} once more tomorrow."
        )
    return step


def summarize(
    results: Iterable[tuple[PromptDTO, PracticeResult | AttemptDTO]],
    *,
    round_number: int = 1,
    round_count: int = 1,
    next_round_size: int = 0,
    now: datetime | None = None,
    tz: tzinfo | None = None,
) -> SessionSummary:
    """A round's summary from its answers, in the order given. A ``PracticeResult`` brings the
    prompt's new due date; a bare ``AttemptDTO`` leaves it out."""
    now = now or datetime.now(UTC)
    rows = []
    for p, done in results:
        attempt = done.attempt if isinstance(done, PracticeResult) else done
        due = done.schedule.due if isinstance(done, PracticeResult) else None
        rows.append(
            SessionRow(
                p.id,
                p.text,
                attempt.duration_seconds,
                p.min_seconds,
                p.max_seconds,
                duration_verdict(attempt.duration_seconds, p.min_seconds, p.max_seconds),
                attempt.rating,
                RATINGS.get(attempt.rating, ""),
                due,
                again_text(due, now, tz),
            )
        )
    counts = Counter(r.rating for r in rows)
    return SessionSummary(
        rows=tuple(rows),
        total_seconds=sum(r.duration_seconds for r in rows),
        on_target=sum(r.verdict == FINE for r in rows),
        ratings=tuple((r, counts.get(r, 0)) for r in RATINGS),
        round_number=round_number,
        round_count=round_count,
        next_round_size=next_round_size,
        next_step=next_step_text(round_number, round_count, next_round_size, rows),
    )


def interval_words(due: datetime, now: datetime) -> str:
    """How far ahead a rating would bring a prompt back, for its button: "tomorrow",
    "2 days", "3 weeks", "4 months", "1.5 years". Intervals are whole days (``prep.scheduler``);
    anything under a day (a card of an older scheduler) reads "today"."""
    days = round(max(0.0, (due - now).total_seconds()) / 86400)
    if days < 1:
        return "today"
    if days == 1:
        return "tomorrow"
    if days < 28:
        return f"{days} days"
    if days < 60:
        return f"{round(days / 7)} weeks"
    if days < 365:
        return f"{round(days / 30.4)} months"
    years = round(days / 365, 1) if days < 3650 else round(days / 365)
    return f"{years:g} year{'s' if years != 1 else ''}"
