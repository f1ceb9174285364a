"""Interview prep: drafts, timing, FSRS scheduling, coverage, practice rounds and progress."""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from fsrs import Card, Rating, Scheduler, State
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imgjournal.errors import NotFoundError, ValidationError
from imgjournal.services import entries, prep, prep_stats, prep_text, prompts
from imgjournal.services.dto import CaseFields

T0 = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)
IST = timezone(timedelta(hours=5, minutes=30))


def _prompt(journal, category="behavioural", text=None, lo=60, hi=90):
    return prompts.add_prompt(
        journal, category, text or f"A {category} question?", min_seconds=lo, max_seconds=hi
    )


def _case(journal, prompt_ids=(), **fields):
    return entries.create_entry(
        journal,
        "case",
        fields.pop("title", "Chest pain in the ED"),
        entry_date=date(2026, 10, 5),
        prompt_ids=prompt_ids,
        case=CaseFields(**fields),
    )


# ---- words and timing ---------------------------------------------------------------------


def test_word_count_leaves_out_headings_comments_and_markup():
    text = (
        "## Situation\n\n<!-- a hint\nover two lines -->\n**I** saw a 60-year-old man.\n- It's done"
    )
    assert prep_text.word_count(text) == 7  # I saw a 60-year-old man It's done
    assert prep_text.word_count(prep_text.empty_outline()) == 0
    assert prep_text.word_count("") == 0


@pytest.mark.parametrize(
    ("words", "verdict"),
    [(0, "too short"), (100, "too short"), (130, "fine"), (150, "fine"), (225, "fine"),
     (226, "too long"), (400, "too long")],
)  # fmt: skip
def test_answer_timing_against_the_prompt_range(words, verdict):
    timing = prep_text.answer_timing("word " * words, 60, 90)
    assert timing.verdict == verdict
    assert timing.words == words
    assert timing.seconds_fast == round(words * 60 / 150)
    assert timing.seconds_slow == round(words * 60 / 130)


def test_tell_me_about_yourself_range():
    # 1–2 minutes: 200 words is about 80–92 s, fine; 100 words is under a minute.
    assert prep_text.answer_timing("w " * 200, 60, 120).verdict == "fine"
    assert prep_text.answer_timing("w " * 100, 60, 120).verdict == "too short"


def test_duration_verdict_and_format():
    assert prep_text.duration_verdict(59, 60, 90) == "too short"
    assert prep_text.duration_verdict(60, 60, 90) == "fine"
    assert prep_text.duration_verdict(91, 60, 90) == "too long"
    assert prep_text.format_seconds(75) == "1:15"
    assert prep_text.format_seconds(5.4) == "0:05"


# ---- prefill ------------------------------------------------------------------------------


def test_prefill_uses_the_star_l_fields(journal):
    e = _case(
        journal,
        situation="Night float, a patient in DKA.",
        task="Start the insulin drip safely.",
        action="I checked potassium first.",
        result="",
        lesson="Check K before insulin.",
    )
    text = prep_text.prefill_from_case(e)
    for heading in ("## Situation", "## Task", "## Action", "## Result", "## Lesson"):
        assert heading in text
    assert "I checked potassium first." in text
    assert text.index("## Task") < text.index("Start the insulin") < text.index("## Action")
    # The empty Result gets a hint that is not counted as spoken words.
    result = text.split("## Result")[1].split("## Lesson")[0]
    assert "<!--" in result
    assert prep_text.word_count(result) == 0


def test_prefill_writes_a_situation_from_the_key_fields(journal):
    e = _case(
        journal,
        setting="ed",
        age_band="40-64",
        sex="female",
        chief_complaint="chest pain",
        diagnoses=("NSTEMI",),
        role="presented",
    )
    situation = prep_text.prefill_from_case(e).split("## Situation")[1].split("## Task")[0].strip()
    assert situation == (
        "A patient (adult 40–64, female) in the ED with chest pain. Diagnosis: NSTEMI. "
        "My role: presented."
    )


def test_prefill_refuses_a_reflection(journal):
    r = entries.create_entry(journal, "reflection", "A long day")
    with pytest.raises(ValidationError, match="not a case"):
        prep_text.prefill_from_case(r)


# ---- drafts -------------------------------------------------------------------------------


def test_drafts_first_is_practised_and_one_mark_per_prompt(journal):
    p = _prompt(journal)
    a = prep.create_draft(journal, p.id, body="## Situation\n\nOne two three.")
    assert a.is_practice and a.title == "Draft 1" and a.words == 3
    b = prep.create_draft(journal, p.id, "Shorter")
    assert not b.is_practice
    prep.set_practice_draft(journal, b.id)
    marks = {d.id: d.is_practice for d in prep.list_drafts(journal, p.id)}
    assert marks == {a.id: False, b.id: True}
    assert prep.practice_draft(journal, p.id).id == b.id
    other = prep.create_draft(journal, _prompt(journal, "ethics").id, "Elsewhere")
    assert prep.practice_drafts(journal) == {
        p.id: prep.get_draft(journal, b.id),
        other.prompt_id: other,
    }
    updated = prep.update_draft(journal, a.id, title="Longer", body="x y")
    assert (updated.title, updated.words, updated.is_practice) == ("Longer", 2, False)
    # Deleting the practice draft hands the mark to the remaining one.
    rest = prep.delete_draft(journal, b.id)
    assert [(d.id, d.is_practice) for d in rest] == [(a.id, True)]


def test_draft_errors(journal):
    p = _prompt(journal)
    with pytest.raises(NotFoundError, match="no prompt with id 9999"):
        prep.create_draft(journal, 9999)
    with pytest.raises(NotFoundError, match="no answer draft"):
        prep.update_draft(journal, 4242, body="x")
    d = prep.create_draft(journal, p.id)
    with pytest.raises(ValidationError, match="draft title is empty"):
        prep.update_draft(journal, d.id, title="  ")


def test_draft_from_case(journal):
    p = _prompt(journal)
    e = _case(journal, (p.id,), title="Missed hypokalaemia", action="I rechecked the labs.")
    d = prep.create_draft_from_case(journal, p.id, e.id)
    assert d.title == "Missed hypokalaemia"
    assert "I rechecked the labs." in d.body and d.is_practice


def test_deleting_a_draft_keeps_its_attempts(journal):
    p = _prompt(journal)
    d = prep.create_draft(journal, p.id, body="text")
    prep.record_attempt(journal, p.id, 3, 70, draft_id=d.id, at=T0)
    prep.delete_draft(journal, d.id)
    (a,) = prep.list_attempts(journal, p.id)
    assert (a.draft_id, a.rating, a.duration_seconds) == (None, 3, 70)


# ---- FSRS scheduling ----------------------------------------------------------------------


def _fsrs_due(prompt_id, ratings_at):
    """What the fsrs package itself says, reviewing a fresh card the same way."""
    s = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    card = Card(card_id=prompt_id, due=ratings_at[0][1])
    for rating, at in ratings_at:
        card, _ = s.review_card(card, Rating(rating), review_datetime=at)
    return card


@pytest.mark.parametrize("rating", [1, 2, 3, 4])
def test_first_rating_schedules_as_fsrs_says(journal, rating):
    p = _prompt(journal)
    at = T0.astimezone(IST)  # any aware time zone is accepted and stored as UTC
    result = prep.record_attempt(journal, p.id, rating, 75, "note", at=at)
    expected = _fsrs_due(p.id, [(rating, T0)])
    assert result.schedule.due == expected.due
    assert result.schedule.due.tzinfo is not None
    assert result.schedule.due.utcoffset() == timedelta(0)
    assert result.attempt.started_at == T0 - timedelta(seconds=75)
    assert result.attempt.note == "note"
    stored = prep.get_schedule(journal, p.id)
    assert stored == result.schedule
    assert Card.from_dict(json.loads(stored.card)).to_dict() == expected.to_dict()


def test_ratings_order_due_dates(journal):
    dues = []
    for rating in (1, 2, 3, 4):
        p = _prompt(journal, text=f"Q{rating}")
        dues.append(prep.record_attempt(journal, p.id, rating, 60, at=T0).schedule.due)
    assert dues == sorted(dues)
    assert dues[0] < dues[3]
    assert dues[0] - T0 == timedelta(days=1)  # whole days: even Blanked waits until tomorrow
    assert dues[3] - T0 >= timedelta(days=4)


def test_a_sequence_of_reviews_follows_fsrs(journal):
    p = _prompt(journal)
    history = [(3, T0), (3, T0 + timedelta(minutes=15)), (3, T0 + timedelta(days=3)),
               (1, T0 + timedelta(days=20)), (4, T0 + timedelta(days=21))]  # fmt: skip
    for rating, at in history:
        result = prep.record_attempt(journal, p.id, rating, 60, at=at)
    expected = _fsrs_due(p.id, history)
    assert result.schedule.due == expected.due
    assert result.schedule.state == expected.state.name.lower()
    assert result.schedule.stability == pytest.approx(expected.stability)
    assert len(prep.list_attempts(journal, p.id)) == 5


def test_record_attempt_refuses_bad_input(journal):
    p = _prompt(journal)
    other = _prompt(journal, text="Another?")
    d = prep.create_draft(journal, other.id)
    with pytest.raises(ValidationError, match="no time zone"):
        prep.record_attempt(journal, p.id, 3, 60, at=datetime(2026, 11, 2, 14, 0))
    with pytest.raises(ValidationError, match="not one of 1"):
        prep.record_attempt(journal, p.id, 5, 60, at=T0)
    with pytest.raises(ValidationError, match="negative"):
        prep.record_attempt(journal, p.id, 3, -1, at=T0)
    with pytest.raises(ValidationError, match="another prompt"):
        prep.record_attempt(journal, p.id, 3, 60, draft_id=d.id, at=T0)
    with pytest.raises(NotFoundError):
        prep.record_attempt(journal, 9999, 3, 60, at=T0)
    assert prep.list_attempts(journal) == []
    assert prep.get_schedule(journal, p.id) is None


def test_a_clock_set_back_never_reviews_before_the_last_review(journal):
    p = _prompt(journal)
    first = prep.record_attempt(journal, p.id, 3, 60, at=T0)
    second = prep.record_attempt(journal, p.id, 3, 60, at=T0 - timedelta(hours=5))
    assert second.schedule.last_review == first.schedule.last_review == T0
    assert second.schedule.due > T0


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    steps=st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=4),
            st.integers(min_value=0, max_value=60 * 24 * 200),  # minutes after the previous
            st.integers(min_value=0, max_value=600),  # seconds spoken
        ),
        min_size=1,
        max_size=12,
    )
)
def test_any_sequence_of_ratings_keeps_the_schedule_valid(journal, steps):
    p = _prompt(journal, text=f"Q {random.random()}")
    at = T0
    for rating, gap, seconds in steps:
        at += timedelta(minutes=gap)
        result = prep.record_attempt(journal, p.id, rating, seconds, at=at)
        sched = result.schedule
        card = Card.from_dict(json.loads(sched.card))
        assert sched.last_review == at == card.last_review
        assert sched.due == card.due > at  # due after the review, same in column and card
        assert sched.due.utcoffset() == timedelta(0)
        assert card.state == State.Review and card.step is None  # no minute steps
        assert sched.due - at >= timedelta(days=1)
        assert card.stability is not None and card.stability > 0
        assert card.difficulty is not None and 1 <= card.difficulty <= 10
        assert sched.due - at <= timedelta(days=prep.scheduler().maximum_interval + 1)
    assert len(prep.list_attempts(journal, p.id)) == len(steps)
    # The column copy of "due" answers the due query the same way the card does.
    due_ids = {i.prompt.id for i in prep.due_prompts(journal, sched.due, include_new=False)}
    assert p.id in due_ids
    # Due from the start of its day (in the zone asked), not before.
    due_day = datetime.combine(sched.due.astimezone(IST).date(), datetime.min.time(), IST)
    assert p.id in {i.prompt.id for i in prep.due_prompts(journal, due_day, tz=IST)}
    before = due_day - timedelta(microseconds=1)
    assert p.id not in {i.prompt.id for i in prep.due_prompts(journal, before, tz=IST)}


# ---- due prompts and practice rounds ------------------------------------------------------


def test_due_prompts_new_and_scheduled(journal):
    for p in prompts.list_prompts(journal):  # start from an empty library
        prompts.update_prompt(journal, p.id, hidden=True)
    bare = _prompt(journal, text="Nothing linked?")
    storied = _prompt(journal, text="With a story?")
    drafted = _prompt(journal, text="With a draft?")
    _case(journal, (storied.id,))
    prep.create_draft(journal, drafted.id, body="words")
    due = prep.due_prompts(journal, T0)
    assert [(i.prompt.id, i.is_new, i.due) for i in due] == [
        (storied.id, True, None),
        (drafted.id, True, None),
    ]
    r = prep.record_attempt(journal, storied.id, 3, 60, at=T0)
    later = r.schedule.due
    assert [i.prompt.id for i in prep.due_prompts(journal, T0 + timedelta(minutes=1))] == [
        drafted.id
    ]
    due = prep.due_prompts(journal, later.astimezone(IST))
    assert [(i.prompt.id, i.is_new) for i in due] == [(storied.id, False), (drafted.id, True)]
    assert due[0].due == later
    prompts.update_prompt(journal, storied.id, hidden=True)
    assert storied.id not in {i.prompt.id for i in prep.due_prompts(journal, later)}
    assert bare.id not in {i.prompt.id for i in prep.due_prompts(journal, later)}
    assert prep.next_prompt(journal, now=later).prompt.id == drafted.id
    with pytest.raises(ValidationError, match="no time zone"):
        prep.due_prompts(journal, datetime(2026, 1, 1))


def test_trashed_story_does_not_make_a_prompt_new(journal):
    p = _prompt(journal)
    e = _case(journal, (p.id,))
    assert p.id in {i.prompt.id for i in prep.due_prompts(journal, T0)}
    entries.trash_entry(journal, e.id)
    assert p.id not in {i.prompt.id for i in prep.due_prompts(journal, T0)}


def test_category_round(journal):
    ethics = [p for p in prompts.list_prompts(journal) if p.category == "ethics"]
    assert len(ethics) >= 3
    a, b, c = ethics[:3]
    prep.record_attempt(journal, a.id, 3, 60, at=T0)  # due in 2 days
    prep.record_attempt(journal, b.id, 4, 60, at=T0)  # due in 8 days
    queue = prep.practice_queue(journal, "category", category="Ethics", now=T0 + timedelta(days=3))
    ids = [i.prompt.id for i in queue]
    assert {i.prompt.category for i in queue} == {"ethics"}
    assert len(ids) == len(ethics)
    assert ids[0] == a.id and ids[-1] == b.id
    assert c.id in ids[1:-1]
    with pytest.raises(ValidationError, match="prompt category must be one of"):
        prep.practice_queue(journal, "category", category="nonsense")
    with pytest.raises(ValidationError, match="mode"):
        prep.practice_queue(journal, "shuffle")


def test_mock_interview_mixes_categories(journal):
    for seed in range(5):
        queue = prep.practice_queue(journal, "mock", count=6, now=T0, rng=random.Random(seed))
        cats = [i.prompt.category for i in queue]
        assert len(queue) == 6 and len({i.prompt.id for i in queue}) == 6
        assert cats[0] == "personal" and cats[-1] == "closing"
        assert len(set(cats)) >= 4
    everything = prep.practice_queue(journal, "mock", count=500, now=T0, rng=random.Random(1))
    assert len(everything) == len(prompts.list_prompts(journal))


# ---- coverage and progress ----------------------------------------------------------------


def test_coverage_rows_gaps_and_sole_stories(journal):
    library = prompts.list_prompts(journal)
    p1, p2, p3, p4 = library[:4]
    story = _case(journal, (p1.id, p2.id, p3.id), title="The one story")
    other = _case(journal, (p1.id,), title="Second story")
    trashed = _case(journal, (p4.id,), title="Binned")
    entries.trash_entry(journal, trashed.id)
    d = prep.create_draft(journal, p1.id, body="one two three four")
    prep.create_draft(journal, p1.id, body="x")
    prep.record_attempt(journal, p1.id, 2, 50, draft_id=d.id, at=T0)
    prep.record_attempt(journal, p1.id, 4, 70, draft_id=d.id, at=T0 + timedelta(minutes=20))

    cov = prep_stats.coverage(journal)
    rows = {r.prompt_id: r for r in cov.rows}
    assert len(rows) == len(library)
    assert [r.prompt_id for r in cov.rows] == [p.id for p in library]  # library order
    r1 = rows[p1.id]
    assert set(r1.entry_ids) == {story.id, other.id} and r1.entry_count == 2
    assert (r1.drafts, r1.draft_words, r1.attempts, r1.last_rating) == (2, 4, 2, 4)
    assert r1.last_practised == T0 + timedelta(minutes=20) - timedelta(seconds=70)
    assert r1.gaps == () and r1.due is not None
    assert rows[p2.id].gaps == ("no draft", "never practised")
    assert rows[p4.id].gaps == ("no story", "no draft", "never practised")
    assert rows[p4.id].entry_count == 0  # the trashed entry does not count
    # The one story is the only answer to p2 and p3: fewer than 3 prompts, not pointed out yet.
    assert cov.sole_stories == ()
    entries.link_prompt(journal, story.id, p4.id)
    (sole,) = prep_stats.coverage(journal).sole_stories
    assert (sole.entry_id, sole.title, set(sole.prompt_ids)) == (
        story.id,
        "The one story",
        {p2.id, p3.id, p4.id},
    )


def test_hidden_prompts_leave_coverage(journal):
    p = _prompt(journal)
    assert p.id in {r.prompt_id for r in prep_stats.coverage(journal).rows}
    prompts.update_prompt(journal, p.id, hidden=True)
    assert p.id not in {r.prompt_id for r in prep_stats.coverage(journal).rows}


def test_progress_counts_local_days_and_targets(journal):
    p = _prompt(journal, lo=60, hi=90)
    q = _prompt(journal, text="Short one?", lo=30, hi=45)
    now = datetime(2026, 11, 10, 20, 0, tzinfo=UTC)  # 01:30 on 11 Nov in India
    # 10 Nov 23:00 UTC is 11 Nov in India; 9 Nov 12:00 UTC is 9 Nov there.
    prep.record_attempt(journal, p.id, 3, 75, at=datetime(2026, 11, 9, 12, 0, tzinfo=UTC))
    prep.record_attempt(journal, q.id, 2, 60, at=datetime(2026, 11, 10, 19, 0, tzinfo=UTC))
    prep.record_attempt(journal, p.id, 1, 30, at=datetime(2026, 10, 1, 12, 0, tzinfo=UTC))
    stats = prep_stats.progress(journal, now=now, days=7, tz=IST)
    assert stats.per_day[-1].day == date(2026, 11, 11)
    assert len(stats.per_day) == 7
    per_day = {d.day: d.attempts for d in stats.per_day if d.attempts}
    assert per_day == {date(2026, 11, 9): 1, date(2026, 11, 11): 1}
    assert stats.total_attempts == 3
    assert (stats.too_short, stats.fine, stats.too_long) == (0, 1, 1)
    assert stats.average_seconds == pytest.approx(67.5)
    assert stats.average_target_seconds == pytest.approx((75 + 37.5) / 2)
    # p (its last answer blanked, 9 Nov) came due on 10 Nov; q (shaky at 19:00 UTC on 10 Nov)
    # comes back a whole day later, 00:30 on 12 Nov in India: not today.
    assert stats.due_today == 1
    empty = prep_stats.progress(journal, now=datetime(2027, 6, 1, tzinfo=UTC), days=1, tz=UTC)
    assert empty.average_seconds is None and empty.per_day[0].attempts == 0


def test_preview_ratings_matches_what_recording_stores(journal):
    p = _prompt(journal)
    prep.record_attempt(journal, p.id, 3, 60, at=T0)
    later = T0 + timedelta(days=2)
    preview = prep.preview_ratings(journal, p.id, at=later)
    assert sorted(preview) == [1, 2, 3, 4]
    assert preview[1] <= preview[2] <= preview[3] <= preview[4]
    assert prep.get_schedule(journal, p.id).last_review == T0  # nothing stored
    result = prep.record_attempt(journal, p.id, 4, 60, at=later)
    assert result.schedule.due == preview[4]


def test_a_journal_without_attempts_has_none(journal):
    _prompt(journal)
    stats = prep_stats.progress(journal, now=datetime(2026, 11, 10, tzinfo=UTC), days=3, tz=UTC)
    assert stats.total_attempts == 0 and stats.due_today == 0
    assert [d.attempts for d in stats.per_day] == [0, 0, 0]


def test_due_today_counts_until_midnight_and_not_tomorrow(journal):
    from imgjournal.models import PromptSchedule

    p = _prompt(journal, text="Due tonight?")
    q = _prompt(journal, text="Due at midnight?")
    r = _prompt(journal, text="Due tomorrow?")
    for x in (p, q, r):
        prep.record_attempt(journal, x.id, 3, 60, at=datetime(2026, 11, 1, 9, 0, tzinfo=UTC))
    due = {
        p.id: datetime(2026, 11, 10, 23, 59, tzinfo=UTC),
        q.id: datetime(2026, 11, 11, 0, 0, tzinfo=UTC),  # the first moment of tomorrow
        r.id: datetime(2026, 11, 11, 9, 0, tzinfo=UTC),
    }
    with journal.session() as s:
        for row in s.query(PromptSchedule):
            row.due = due[row.prompt_id]
    now = datetime(2026, 11, 10, 8, 0, tzinfo=UTC)
    assert prep_stats.progress(journal, now=now, days=1, tz=UTC).due_today == 1


@pytest.mark.parametrize("bad", ["abc", "", None, 0, 5, "2.5", -1])
def test_a_rating_that_is_not_1_to_4_is_refused_and_nothing_is_stored(journal, bad):
    p = _prompt(journal)
    with pytest.raises(ValidationError, match="is not one of 1 \\(Blanked\\)"):
        prep.record_attempt(journal, p.id, bad, 60)
    assert prep.list_attempts(journal, p.id) == []
    assert prep.get_schedule(journal, p.id) is None


@pytest.mark.parametrize("count", [0, -1])
def test_a_practice_round_of_no_prompts_is_refused(journal, count):
    _prompt(journal)
    with pytest.raises(ValidationError, match="at least 1 prompt"):
        prep.practice_queue(journal, "mock", count=count)
