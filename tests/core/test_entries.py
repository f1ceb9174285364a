"""Entries through the services: the three kinds, links, validation, the trash."""

from __future__ import annotations

from datetime import date

import pytest

from imgjournal.errors import NotFoundError, ValidationError
from imgjournal.services import entries, experiences, prompts, tags
from imgjournal.services.dto import CaseFields, EntryFilter, FeedbackFields


def _rotation(journal, **kw):
    return experiences.create_experience(
        journal, "rotation", kw.pop("title", "IM sub-internship"), date(2026, 9, 1), **kw
    )


def test_case_round_trips_every_field(journal):
    x = _rotation(journal)
    p = prompts.list_prompts(journal)[0]
    case = CaseFields(
        setting="ED",
        age_band="65-89",
        sex="female",
        chief_complaint="shortness of breath",
        diagnoses=("CHF exacerbation", "AKI"),
        procedures=("bedside echo",),
        role="presented",
        situation="Night float admission",
        task="Present to the attending",
        action="Organised the plan by problem",
        result="Diuresed 3 L",
        lesson="Weigh daily",
    )
    made = entries.create_entry(
        journal,
        "case",
        "  Breathless at night  ",
        entry_date=date(2026, 9, 3),
        body="*Diuresis* worked.",
        experience_id=x.id,
        prompt_ids=[p.id],
        tags=["cardiology", "#night-float", "cardiology"],
        case=case,
    )
    got = entries.get_entry(journal, made.id)
    assert got == made
    assert got.title == "Breathless at night"
    assert got.case.setting == "ed" and got.case.age_band == "65-89"
    assert got.case.diagnoses == ("CHF exacerbation", "AKI")
    assert got.case.lesson == "Weigh daily"
    assert got.prompt_ids == (p.id,)
    assert got.tags == ("cardiology", "night-float")
    assert got.feedback is None


def test_feedback_fields(journal):
    fb = FeedbackFields(
        giver_name="Dr. Sofía Ramírez",
        giver_role="Attending",
        feedback_kind="constructive",
        words="Commit to a single most likely diagnosis.",
        action_items="Lead with the assessment",
        followed_up=True,
    )
    e = entries.create_entry(journal, "feedback", "On my presentations", feedback=fb)
    got = entries.get_entry(journal, e.id)
    assert got.feedback.giver_role == "attending"
    assert got.feedback.giver_name == "Dr. Sofía Ramírez"
    assert got.feedback.followed_up is True
    assert got.case is None


def test_reflection_has_body_only_and_dates_default_to_today(journal):
    e = entries.create_entry(journal, "reflection", "First week", body="Long days.")
    assert e.case is None and e.feedback is None
    assert e.entry_date == date.today()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "note", "title": "x"}, "entry kind must be one of"),
        ({"kind": "case", "title": "   "}, "title is empty"),
        ({"kind": "case", "title": "x" * 201}, "keep it under 200"),
        ({"kind": "case", "title": "x", "experience_id": 99}, "no experience with id 99"),
        ({"kind": "case", "title": "x", "prompt_ids": [9999]}, "no prompt with id 9999"),
        ({"kind": "case", "title": "x", "case": CaseFields(setting="moon")}, "setting"),
        ({"kind": "case", "title": "x", "case": CaseFields(age_band="93")}, "age band"),
        ({"kind": "reflection", "title": "x", "case": CaseFields()}, "belong to case entries"),
        (
            {"kind": "case", "title": "x", "feedback": FeedbackFields()},
            "belong to feedback entries",
        ),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(journal, kwargs, message):
    kind = kwargs.pop("kind")
    title = kwargs.pop("title")
    with pytest.raises((ValidationError, NotFoundError), match=message):
        entries.create_entry(journal, kind, title, **kwargs)
    assert entries.count_entries(journal) == 0
    assert tags.list_tags(journal) == []


def test_update_changes_only_what_is_given(journal):
    x = _rotation(journal)
    e = entries.create_entry(journal, "case", "Sepsis", experience_id=x.id, tags=["id"])
    updated = entries.update_entry(journal, e.id, body="Lactate 4.1", tags=["id", "icu"])
    assert updated.title == "Sepsis"
    assert updated.experience_id == x.id
    assert updated.body == "Lactate 4.1"
    assert updated.tags == ("icu", "id")
    assert updated.updated_at >= e.updated_at
    with pytest.raises(ValidationError):
        entries.update_entry(journal, e.id, title="")
    assert entries.get_entry(journal, e.id).title == "Sepsis"


def test_unknown_id(journal):
    with pytest.raises(NotFoundError, match="no entry with id 42"):
        entries.get_entry(journal, 42)
    with pytest.raises(NotFoundError):
        entries.trash_entry(journal, 42)


def test_trash_restore_and_empty(journal):
    keep = entries.create_entry(journal, "reflection", "Keep me")
    gone = entries.create_entry(journal, "reflection", "Throw me", tags=["temp"])
    entries.trash_entry(journal, gone.id)
    assert [e.id for e in entries.list_entries(journal)] == [keep.id]
    assert [e.id for e in entries.list_entries(journal, EntryFilter(trashed=True))] == [gone.id]
    assert tags.list_tags(journal) == []  # a trashed entry's tags are not counted

    restored = entries.restore_entry(journal, gone.id)
    assert restored.deleted_at is None
    assert entries.count_entries(journal) == 2

    entries.trash_entry(journal, gone.id)
    assert entries.empty_trash(journal) == 1
    with pytest.raises(NotFoundError):
        entries.get_entry(journal, gone.id)
    assert entries.get_entry(journal, keep.id).title == "Keep me"


def test_list_filters_combine(journal):
    a = _rotation(journal, title="Medicine")
    b = _rotation(journal, title="Surgery")
    p1, p2 = [p.id for p in prompts.list_prompts(journal)[:2]]
    e1 = entries.create_entry(
        journal, "case", "One", entry_date=date(2026, 9, 2), experience_id=a.id, prompt_ids=[p1]
    )
    e2 = entries.create_entry(
        journal, "feedback", "Two", entry_date=date(2026, 9, 5), experience_id=a.id, tags=["lor"]
    )
    e3 = entries.create_entry(
        journal, "case", "Three", entry_date=date(2026, 9, 9), experience_id=b.id, prompt_ids=[p2]
    )

    def ids(**kw):
        return [e.id for e in entries.list_entries(journal, EntryFilter(**kw))]

    assert ids() == [e3.id, e2.id, e1.id]
    assert ids(kind="case") == [e3.id, e1.id]
    assert ids(experience_id=a.id) == [e2.id, e1.id]
    assert ids(prompt_id=p2) == [e3.id]
    assert ids(any_prompt=(p1, p2)) == [e3.id, e1.id]
    assert ids(any_prompt=(p2,), kind="case") == [e3.id]
    assert ids(tag="lor") == [e2.id]
    assert ids(date_from=date(2026, 9, 3), date_to=date(2026, 9, 8)) == [e2.id]
    assert ids(kind="case", experience_id=a.id) == [e1.id]
    assert [e.id for e in entries.list_entries(journal, limit=1, offset=1)] == [e2.id]
    assert entries.count_entries(journal, EntryFilter(kind="case")) == 2


def test_link_prompt_and_counts(journal):
    p = prompts.list_prompts(journal)[5]
    e = entries.create_entry(journal, "reflection", "A story")
    entries.link_prompt(journal, e.id, p.id)
    counts = {q.id: q.entry_count for q in prompts.list_prompts(journal)}
    assert counts[p.id] == 1
    entries.link_prompt(journal, e.id, p.id, linked=False)
    assert entries.get_entry(journal, e.id).prompt_ids == ()


def test_entries_by_id_keeps_order(journal):
    made = [entries.create_entry(journal, "reflection", f"R{i}") for i in range(5)]
    wanted = [made[3].id, made[0].id, 999, made[4].id]
    assert [e.id for e in entries.entries_by_id(journal, wanted)] == [
        made[3].id,
        made[0].id,
        made[4].id,
    ]


def test_many_entries_come_with_their_prompts_and_tags(journal):
    """Links are read for any number of entries at once (one JSON array of ids)."""
    p = prompts.list_prompts(journal)[0]
    made = [
        entries.create_entry(
            journal,
            "reflection",
            f"R{i}",
            tags=[f"t{i % 3}"],
            prompt_ids=[p.id] if i % 50 == 0 else [],
        )
        for i in range(520)
    ]
    got = entries.entries_by_id(journal, [e.id for e in reversed(made)] + [10**9])
    assert [e.id for e in got] == [e.id for e in reversed(made)]
    assert {e.id for e in got if e.prompt_ids == (p.id,)} == {e.id for e in made[::50]}
    assert all(e.tags == (f"t{int(e.title[1:]) % 3}",) for e in got)
    assert entries.entries_by_id(journal, []) == []
    listed = entries.list_entries(journal)
    assert len(listed) == 520 and sum(1 for e in listed if e.prompt_ids) == 11


def test_control_characters_in_a_title_are_cleaned(journal):
    e = entries.create_entry(journal, "reflection", "\x00Night\tshift\n")
    assert e.title == "Night shift"
    with pytest.raises(ValidationError, match="empty"):
        entries.create_entry(journal, "reflection", "\x00\x01")
