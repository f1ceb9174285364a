"""Prep in plain words: progress per category, the next three things, what is due."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from imgjournal.services import entries, prep, prep_next, prep_stats, prompts

T0 = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)


def _library(journal):
    return prompts.list_prompts(journal)


def _in(journal, category):
    return [p for p in _library(journal) if p.category == category]


def test_an_empty_journal_has_no_progress_and_asks_for_a_first_link(journal):
    ov = prep_next.prep_overview(journal, T0, tz=UTC)
    assert not ov.started and ov.due_count == 0 and ov.next_due is None
    total = {c.category: c.total for c in ov.categories}
    for c in ov.categories:
        assert c.ready == c.storied == c.practised == 0
        assert c.text == f"0 of {c.total} prompts have a story and a draft"
    assert sum(total.values()) == len(_library(journal))
    assert [s.action for s in ov.steps] == ["link"] * 3
    assert ov.steps[0].text.startswith("Link a story to a prompt in Personal")
    assert ov.steps[0].text.endswith("none has one yet")


def test_counts_per_category_and_the_next_three_things(journal):
    behavioural = _in(journal, "behavioural")
    conflict, mistake, lead = behavioural[0], behavioural[1], behavioural[2]
    # Two stories for the conflict prompt, no draft yet.
    for title in ("Night-shift handover dispute", "Disagreeing with a resident"):
        entries.create_entry(journal, "reflection", title, prompt_ids=[conflict.id])
    # A story and a draft for the mistake prompt: ready; practised once, due again later.
    entries.create_entry(journal, "case", "Missed potassium result", prompt_ids=[mistake.id])
    d = prep.create_draft(journal, mistake.id, body="## Situation\n\nA ward night.\n")
    prep.record_attempt(journal, mistake.id, 3, 70, draft_id=d.id, at=T0)
    # A draft alone does not make a prompt ready.
    prep.create_draft(journal, lead.id, body="A leadership answer.")

    now = T0 + timedelta(days=400)  # long after the attempt: the mistake prompt is due
    cov = prep_stats.coverage(journal)
    by = {c.category: c for c in prep_next.category_progress(cov)}
    b = by["behavioural"]
    assert (b.total, b.storied, b.ready, b.practised) == (len(behavioural), 2, 1, 1)
    assert b.text == f"1 of {len(behavioural)} prompts have a story and a draft · 1 practised"
    assert by["personal"].storied == 0

    steps = prep_next.next_steps(cov, now, tz=UTC)
    assert len(steps) == 3
    practise, draft, link = steps
    assert practise.action == "practise" and practise.prompt_id == mistake.id
    assert practise.text == (
        f"Practise “{prep_next.short_prompt(mistake.text)}”: due for "
        f"{(now.date() - prep.get_schedule(journal, mistake.id).due.date()).days} days"
    )
    assert draft.action == "draft" and draft.prompt_id == conflict.id
    assert draft.text.endswith("— you have 2 stories for it")
    assert link.action == "link" and link.category == "personal"
    assert link.text == "Link a story to a prompt in Personal: none has one yet"

    ov = prep_next.prep_overview(journal, now, tz=UTC)
    # Due now: the mistake prompt; new with a story or draft: the conflict and lead prompts.
    assert ov.due_count == 3 and ov.next_due is None and ov.started


def test_nothing_due_says_when_next(journal):
    p = _in(journal, "img")[0]
    entries.create_entry(journal, "reflection", "Why the US", prompt_ids=[p.id])
    d = prep.create_draft(journal, p.id, body="Because of training.")
    result = prep.record_attempt(journal, p.id, 4, 80, draft_id=d.id, at=T0)
    ov = prep_next.prep_overview(journal, T0 + timedelta(minutes=1), tz=UTC)
    assert ov.due_count == 0
    assert ov.next_due == result.schedule.due.astimezone(UTC).date()
    assert ov.next_due > date(2026, 11, 2)


def test_short_prompt_cuts_at_a_word():
    text = "Tell me about a time you had a conflict with a colleague and how you solved it."
    short = prep_next.short_prompt(text)
    assert short.endswith("…") and len(short) <= prep_next.SHORT_PROMPT
    assert text.startswith(short[:-1])
    assert prep_next.short_prompt("Why this specialty?") == "Why this specialty?"
