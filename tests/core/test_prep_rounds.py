"""Practice in plain words and whole days, in rounds of at most 7, each ending in a summary."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from fsrs import Card, Rating, Scheduler, State

from imgjournal.models import PromptSchedule
from imgjournal.services import entries, prep, prep_rounds, prompts
from imgjournal.services.prep_rounds import again_text, interval_words, split_rounds

T0 = datetime(2026, 12, 8, 20, 0, tzinfo=UTC)  # a Tuesday evening
OLD_SCHEDULER = Scheduler(enable_fuzzing=False)  # the earlier one: 1 and 10 minute steps


def _prompt(journal, text="A behavioural question?", lo=60, hi=90):
    return prompts.add_prompt(journal, "behavioural", text, min_seconds=lo, max_seconds=hi)


def _hide_library(journal):
    for p in prompts.list_prompts(journal):
        prompts.update_prompt(journal, p.id, hidden=True)


# ---- words --------------------------------------------------------------------------------


def test_ratings_are_plain_words():
    assert prep.RATINGS == {1: "Blanked", 2: "Shaky", 3: "Good", 4: "Nailed it"}
    assert prep.rating_label(4) == "Nailed it"
    assert set(prep.RATING_HINTS) == set(prep.RATINGS)


def test_interval_words():
    assert interval_words(T0 + timedelta(days=1), T0) == "tomorrow"
    assert interval_words(T0 + timedelta(days=2), T0) == "2 days"
    assert interval_words(T0 + timedelta(days=27), T0) == "27 days"
    assert interval_words(T0 + timedelta(days=35), T0) == "5 weeks"
    assert interval_words(T0 + timedelta(days=120), T0) == "4 months"
    assert interval_words(T0 + timedelta(days=365), T0) == "1 year"
    assert interval_words(T0 + timedelta(days=550), T0) == "1.5 years"
    assert interval_words(T0 + timedelta(minutes=10), T0) == "today"


def test_again_text_names_the_day():
    assert again_text(T0 + timedelta(days=1), T0, UTC) == "again tomorrow"
    assert again_text(T0 + timedelta(days=2), T0, UTC) == "again on Thu 10 Dec"
    assert again_text(T0 + timedelta(days=400), T0, UTC) == "again on Wed 12 Jan 2028"
    assert again_text(T0 + timedelta(hours=1), T0, UTC) == "again today"
    assert again_text(None, T0, UTC) == ""


# ---- whole days ---------------------------------------------------------------------------


def test_every_rating_schedules_whole_days_ahead(journal):
    p = _prompt(journal)
    preview = prep.preview_ratings(journal, p.id, at=T0)
    assert {r: (due - T0) for r, due in preview.items()} == {
        1: timedelta(days=1),
        2: timedelta(days=1),
        3: timedelta(days=2),
        4: timedelta(days=8),
    }
    result = prep.record_attempt(journal, p.id, 2, 70, at=T0)
    assert result.schedule.due == T0 + timedelta(days=1)
    assert result.schedule.state == "review"
    # As the fsrs package schedules it with no learning steps.
    expected, _ = Scheduler(
        learning_steps=(), relearning_steps=(), enable_fuzzing=False
    ).review_card(Card(card_id=p.id, due=T0), Rating.Hard, review_datetime=T0)
    assert result.schedule.due == expected.due


def _store_old_card(journal, prompt_id, ratings_at):
    card = Card(card_id=prompt_id, due=ratings_at[0][1])
    for rating, at in ratings_at:
        card, _ = OLD_SCHEDULER.review_card(card, Rating(rating), review_datetime=at)
    with journal.session() as s:
        s.add(
            PromptSchedule(
                prompt_id=prompt_id, card=json.dumps(card.to_dict(), sort_keys=True), due=card.due
            )
        )
    return card


@pytest.mark.parametrize("rating", [1, 2, 3, 4])
def test_a_card_stored_in_a_learning_step_moves_to_days(journal, rating):
    """A card the earlier scheduler left in its 10-minute learning step (Good on a new card)."""
    p = _prompt(journal)
    old = _store_old_card(journal, p.id, [(3, T0)])
    assert (old.state, old.step, old.due - T0) == (State.Learning, 1, timedelta(minutes=10))
    assert p.id in {i.prompt.id for i in prep.due_prompts(journal, T0 + timedelta(minutes=15))}
    at = T0 + timedelta(minutes=15)
    preview = prep.preview_ratings(journal, p.id, at=at)
    assert all(due - at >= timedelta(days=1) for due in preview.values())
    result = prep.record_attempt(journal, p.id, rating, 60, at=at)
    assert result.schedule.state == "review"
    assert result.schedule.due == preview[rating]
    assert timedelta(days=1) <= result.schedule.due - at <= timedelta(days=30)
    assert result.schedule.due - at == timedelta(days=(result.schedule.due - at).days)


def test_a_card_stored_relearning_moves_to_days(journal):
    """Nailed it, then blanked 8 days later: the earlier scheduler's 10-minute relearning step."""
    p = _prompt(journal)
    old = _store_old_card(journal, p.id, [(4, T0), (1, T0 + timedelta(days=8))])
    assert old.state == State.Relearning
    at = T0 + timedelta(days=8, minutes=20)
    result = prep.record_attempt(journal, p.id, 3, 60, at=at)
    assert result.schedule.state == "review"
    assert result.schedule.due - at >= timedelta(days=1)
    again = prep.record_attempt(journal, p.id, 1, 60, at=result.schedule.due)
    assert again.schedule.state == "review"  # no relearning step any more
    assert again.schedule.due - result.schedule.due >= timedelta(days=1)


def test_a_prompt_is_due_from_the_start_of_its_day(journal):
    """Back "on Thu 10 Dec" at 20:00 UTC: due from midnight that day, in the zone asked."""
    p = _prompt(journal)
    prep.create_draft(journal, p.id, body="words")
    due = prep.record_attempt(journal, p.id, 3, 60, at=T0).schedule.due
    assert due == datetime(2026, 12, 10, 20, 0, tzinfo=UTC)

    def due_at(when, tz):
        return p.id in {i.prompt.id for i in prep.due_prompts(journal, when, tz=tz)}

    assert due_at(datetime(2026, 12, 10, 0, 0, tzinfo=UTC), UTC)
    assert not due_at(datetime(2026, 12, 9, 23, 59, tzinfo=UTC), UTC)
    # In New York (UTC-5) it is back at 15:00 on Thu 10 Dec: due from 05:00 UTC that day.
    ny = timezone(timedelta(hours=-5))
    assert not due_at(datetime(2026, 12, 10, 4, 59, tzinfo=UTC), ny)
    assert due_at(datetime(2026, 12, 10, 5, 0, tzinfo=UTC), ny)
    # In India (UTC+5:30) it is back at 01:30 on Fri 11 Dec: not due on the 10th there.
    ist = timezone(timedelta(hours=5, minutes=30))
    assert not due_at(datetime(2026, 12, 10, 12, 0, tzinfo=UTC), ist)
    assert due_at(datetime(2026, 12, 10, 12, 0, tzinfo=UTC), UTC)
    assert prep.day_end(datetime(2026, 12, 9, 23, 0, tzinfo=UTC), ist) == datetime(
        2026, 12, 10, 18, 30, tzinfo=UTC
    )
    # The category round and the count of prompts due today agree with it.
    queue = prep.practice_queue(
        journal,
        "category",
        category="behavioural",
        now=datetime(2026, 12, 10, 8, tzinfo=UTC),
        tz=UTC,
    )
    assert queue[0].prompt.id == p.id


# ---- rounds -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "sizes"),
    [(0, []), (1, [1]), (7, [7]), (8, [4, 4]), (15, [5, 5, 5]), (16, [6, 5, 5]),
     (21, [7, 7, 7]), (22, [6, 6, 5, 5])],
)  # fmt: skip
def test_split_rounds(n, sizes):
    rounds = split_rounds(list(range(n)))
    assert [len(r) for r in rounds] == sizes
    assert [x for r in rounds for x in r] == list(range(n))  # the order is kept
    assert all(len(r) <= 7 for r in rounds)


def test_split_rounds_refuses_an_empty_round():
    with pytest.raises(ValueError, match="at least 1"):
        split_rounds([1, 2], 0)


def test_a_due_queue_of_21_is_three_rounds_most_overdue_first(journal):
    _hide_library(journal)
    ids = []
    for i in range(21):
        p = _prompt(journal, f"Question {i:02d}?")
        ids.append(p.id)
    # 9 practised, due on different days (the lowest id the longest overdue); 12 new ones with
    # a story.
    for i, pid in enumerate(ids[:9]):
        prep.record_attempt(journal, pid, 3, 60, at=T0 - timedelta(days=30 - i))
    entries.create_entry(journal, "case", "Sepsis on nights", prompt_ids=ids[9:])
    queue = prep.practice_queue(journal, "due", now=T0)
    assert len(queue) == 21
    rounds = split_rounds(queue)
    assert [len(r) for r in rounds] == [7, 7, 7]
    first = [i.prompt.id for i in rounds[0]]
    assert first == ids[:7]  # the most overdue first
    assert all(not i.is_new for i in rounds[0])
    assert [i.prompt.id for i in rounds[1]] == ids[7:14]
    assert all(i.is_new for i in rounds[2])


# ---- the summary --------------------------------------------------------------------------


def test_summary_of_a_round_with_another_to_come(journal):
    p = _prompt(journal, "Tell me about a conflict?", lo=60, hi=90)
    q = _prompt(journal, "Why this specialty?", lo=30, hi=45)
    a = prep.record_attempt(journal, p.id, 3, 75, at=T0)
    b = prep.record_attempt(journal, q.id, 2, 80, at=T0)
    summary = prep_rounds.summarize(
        [(p, a), (q, b)], round_number=1, round_count=3, next_round_size=7, now=T0, tz=UTC
    )
    assert [(r.prompt_id, r.rating_text, r.duration_seconds, r.verdict, r.again) for r in
            summary.rows] == [
        (p.id, "Good", 75, "fine", "again on Thu 10 Dec"),
        (q.id, "Shaky", 80, "too long", "again tomorrow"),
    ]  # fmt: skip
    assert summary.rows[0].due == a.schedule.due
    assert summary.total_seconds == 155 and summary.on_target == 1
    assert summary.ratings == ((1, 0), (2, 1), (3, 1), (4, 0))
    assert (summary.round_number, summary.round_count, summary.next_round_size) == (1, 3, 7)
    assert summary.next_step.startswith("Round 2 of 3 is next: 7 more prompts.")


def test_summary_of_the_last_round_says_done_for_today(journal):
    p = _prompt(journal)
    a = prep.record_attempt(journal, p.id, 1, 20, at=T0)
    summary = prep_rounds.summarize([(p, a)], round_number=3, round_count=3, now=T0, tz=UTC)
    assert summary.next_round_size == 0
    assert summary.next_step.startswith("Done for today")
    assert "1 answer came out blank or shaky" in summary.next_step
    assert summary.rows[0].rating_text == "Blanked"
    empty = prep_rounds.summarize([], now=T0)
    assert empty.rows == () and "no answer was rated" in empty.next_step


def test_summary_of_bare_attempts_has_no_due_date(journal):
    p = _prompt(journal)
    a = prep.record_attempt(journal, p.id, 4, 70, at=T0).attempt
    (row,) = prep_rounds.summarize([(p, a)], now=T0).rows
    assert (row.rating_text, row.due, row.again) == ("Nailed it", None, "")
