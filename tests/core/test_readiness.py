"""Readiness: USCE months with tricky calendars, recency, CV gaps, letters and next steps."""

from __future__ import annotations

from datetime import date

import pytest

from imgjournal.errors import NotFoundError, ValidationError
from imgjournal.services import entries, experiences, letters, profile, readiness
from imgjournal.services.dto import FeedbackFields
from imgjournal.services.readiness import (
    cv_gaps,
    days_in,
    merge,
    months_since_last_us,
    usce_months,
)

TODAY = date(2026, 12, 8)


def _x(journal, kind, start, end=None, *, us=True, specialty="Internal Medicine", **kw):
    return experiences.create_experience(
        journal, kind, f"{kind} {start}", start, end_date=end, is_us=us, specialty=specialty, **kw
    )


def _all(journal):
    return experiences.list_experiences(journal)


def test_overlapping_experiences_are_counted_once(journal):
    # March (31 days) and a rotation overlapping its last 11 days and going on to 10 April.
    _x(journal, "rotation", date(2026, 3, 1), date(2026, 3, 31))
    _x(journal, "externship", date(2026, 3, 21), date(2026, 4, 10))
    # One inside the first: adds nothing.
    _x(journal, "rotation", date(2026, 3, 5), date(2026, 3, 9))
    us, hands, observer, _ = usce_months(_all(journal), TODAY)
    assert round(us * 30.4) == 41  # 1 March .. 10 April, each day once
    assert us == pytest.approx(41 / 30.4)
    assert hands == us and observer == 0


def test_touching_spans_merge_and_separate_ones_do_not():
    a = (date(2026, 1, 1), date(2026, 1, 31))
    b = (date(2026, 2, 1), date(2026, 2, 10))
    c = (date(2026, 3, 1), date(2026, 3, 1))
    assert merge([c, b, a]) == [(date(2026, 1, 1), date(2026, 2, 10)), c]
    assert days_in([a, b, c, a]) == 31 + 10 + 1


def test_leap_year_february_counts_29_days(journal):
    _x(journal, "rotation", date(2024, 2, 1), date(2024, 2, 29))
    _x(journal, "rotation", date(2025, 2, 1), date(2025, 2, 28))
    us, *_ = usce_months(_all(journal), TODAY)
    assert us == pytest.approx((29 + 28) / 30.4)


def test_ongoing_counts_to_today_and_planned_not_at_all(journal):
    _x(journal, "rotation", date(2026, 11, 9))  # no end date: 9 Nov .. 8 Dec = 30 days
    _x(journal, "rotation", date(2027, 1, 4), date(2027, 1, 31))  # not yet
    us, *_ = usce_months(_all(journal), TODAY)
    assert us == pytest.approx(30 / 30.4)
    assert months_since_last_us(_all(journal), TODAY) == 0.0


def test_hands_on_and_observership_and_abroad(journal):
    _x(journal, "observership", date(2026, 5, 1), date(2026, 5, 30))  # 30 days observing
    _x(journal, "rotation", date(2026, 6, 1), date(2026, 6, 30), hands_on=False)  # observational
    _x(journal, "externship", date(2026, 7, 1), date(2026, 7, 30))  # 30 hands-on
    _x(journal, "rotation", date(2025, 1, 1), date(2025, 3, 31), us=False)  # abroad: not USCE
    _x(journal, "research", date(2026, 8, 1), date(2026, 10, 31))  # not clinical
    us, hands, observer, _ = usce_months(_all(journal), TODAY)
    assert us == pytest.approx(90 / 30.4)
    assert hands == pytest.approx(30 / 30.4)
    assert observer == pytest.approx(60 / 30.4)


def test_abroad_only_has_no_us_months_and_no_recency(journal):
    _x(journal, "rotation", date(2025, 1, 1), date(2025, 6, 30), us=False)
    assert usce_months(_all(journal), TODAY)[0] == 0
    assert months_since_last_us(_all(journal), TODAY) is None
    r = readiness.readiness(journal, TODAY)
    assert {f.key: f.level for f in r.figures}["recency"] == "red"
    assert r.next_steps[0].startswith("Plan your first US clinical experience")


def test_specialty_months_compare_words_not_case(journal):
    _x(journal, "rotation", date(2026, 1, 1), date(2026, 1, 30), specialty="internal  medicine")
    _x(journal, "rotation", date(2026, 2, 1), date(2026, 3, 2), specialty="Cardiology")
    *_, in_spec = usce_months(_all(journal), TODAY, ("Internal Medicine",))
    assert in_spec == pytest.approx(30 / 30.4)
    assert usce_months(_all(journal), TODAY, ())[3] == 0


def test_recency_is_months_since_the_newest_us_end(journal):
    _x(journal, "rotation", date(2025, 1, 1), date(2025, 12, 7))
    _x(journal, "rotation", date(2024, 1, 1), date(2024, 6, 1))
    _x(journal, "rotation", date(2026, 6, 1), date(2026, 9, 1), us=False)  # abroad: ignored
    assert months_since_last_us(_all(journal), TODAY) == pytest.approx(366 / 30.4)
    levels = {f.key: f.level for f in readiness.readiness(journal, TODAY).figures}
    assert levels["recency"] == "amber"  # a year ago: within 3 years, not within one


def test_gaps_longer_than_three_months_are_listed(journal):
    _x(journal, "rotation", date(2024, 1, 1), date(2024, 3, 31), us=False)
    _x(journal, "research", date(2024, 5, 1), date(2024, 8, 31))  # a 1-month gap: not listed
    _x(journal, "rotation", date(2025, 1, 1), date(2025, 6, 30))  # Sep–Dec 2024: 4 months
    _x(journal, "rotation", date(2026, 9, 1))  # ongoing; Jul 2025 – Aug 2026
    gaps = cv_gaps(_all(journal), TODAY)
    assert [(g.start, g.end, g.ongoing) for g in gaps] == [
        (date(2024, 9, 1), date(2024, 12, 31), False),
        (date(2025, 7, 1), date(2026, 8, 31), False),
    ]
    # From graduation on (1 July of the year), and one that goes on to today.
    experiences.update_experience(journal, _all(journal)[0].id, end_date=date(2026, 9, 1))
    gaps = cv_gaps(_all(journal), TODAY, graduation_year=2023)
    assert gaps[0].start == date(2023, 7, 1) and gaps[0].end == date(2023, 12, 31)
    assert gaps[-1].ongoing and gaps[-1].start == date(2026, 9, 2) and gaps[-1].end == TODAY
    r = readiness.readiness(journal, TODAY)
    assert any("gap on your CV" in s and "explain the gap" in s for s in r.next_steps)


def test_exactly_three_months_is_not_a_gap(journal):
    _x(journal, "rotation", date(2026, 1, 1), date(2026, 1, 31))
    _x(journal, "rotation", date(2026, 5, 3), date(2026, 12, 8))  # Feb 1 .. May 2: 91 days
    assert cv_gaps(_all(journal), TODAY) == []


def test_profile_is_asked_once_and_checked(journal):
    assert profile.get_profile(journal).asked is False
    p = profile.set_profile(journal, specialties="Internal Medicine; pediatrics, internal medicine")
    assert p.asked and p.specialties == ("Internal Medicine", "pediatrics")
    p = profile.set_profile(journal, season=2027, graduation_year=2023, needs_visa=True)
    assert p.specialties == ("Internal Medicine", "pediatrics") and p.season == 2027
    with pytest.raises(ValidationError, match="after the ERAS season"):
        profile.set_profile(journal, graduation_year=2028)
    with pytest.raises(ValidationError, match="not a year"):
        profile.set_profile(journal, season=27)
    assert profile.get_profile(journal).graduation_year == 2023  # nothing half-written


def test_letter_steps_keep_a_date_each_and_going_back_forgets_later_ones(journal):
    x = _x(journal, "rotation", date(2026, 3, 1), date(2026, 3, 28), institution="Mercy")
    lt = letters.create_letter(
        journal, "Dr. Priya Patel", experience_id=x.id, status="asked", on_date=date(2026, 3, 20)
    )
    assert lt.writer_institution == "Mercy" and lt.writer_is_us
    letters.set_letter_status(journal, lt.id, "agreed", date(2026, 3, 25))
    lt = letters.set_letter_status(journal, lt.id, "written", date(2026, 4, 10))
    assert lt.steps == (
        ("asked", date(2026, 3, 20)),
        ("agreed", date(2026, 3, 25)),
        ("written", date(2026, 4, 10)),
    )
    lt = letters.set_letter_status(journal, lt.id, "agreed", date(2026, 3, 26))
    assert lt.status == "agreed" and dict(lt.steps) == {
        "asked": date(2026, 3, 20),
        "agreed": date(2026, 3, 26),
    }
    with pytest.raises(ValidationError, match="status must be one of"):
        letters.set_letter_status(journal, lt.id, "sent")
    with pytest.raises(NotFoundError, match="no experience with id 99"):
        letters.create_letter(journal, "Dr. X", experience_id=99)
    with pytest.raises(ValidationError, match="writer's name is empty"):
        letters.create_letter(journal, "  ", experience_id=x.id)
    assert len(letters.list_letters(journal)) == 1


def test_a_fifth_letter_for_one_program_is_refused_and_nothing_stored(journal):
    x = _x(journal, "rotation", date(2026, 3, 1), date(2026, 3, 28))
    ids = [
        letters.create_letter(journal, f"Dr. {n}", experience_id=x.id, status="uploaded").id
        for n in ("Ames", "Bose", "Cruz", "Diaz", "Egan")
    ]
    for i in ids[:4]:
        assert letters.assign_letter(journal, i, "Mercy Internal Medicine").status == "assigned"
    # Names compare without case, spaces or punctuation.
    with pytest.raises(ValidationError, match="already has 4 letters assigned.*at most 4"):
        letters.assign_letter(journal, ids[4], "mercy  internal-medicine")
    fifth = letters.get_letter(journal, ids[4])
    assert fifth.programs == () and fifth.status == "uploaded"
    # Assigning again to the same program changes nothing; another program is fine.
    assert letters.assign_letter(journal, ids[0], "MERCY internal medicine").programs == (
        "Mercy Internal Medicine",
    )
    assert letters.assign_letter(journal, ids[4], "City Hospital IM").programs == (
        "City Hospital IM",
    )
    letters.unassign_letter(journal, ids[0], "Mercy Internal Medicine")
    assert letters.assign_letter(journal, ids[4], "Mercy Internal Medicine").programs == (
        "City Hospital IM",
        "Mercy Internal Medicine",
    )
    assert letters.get_letter(journal, ids[0]).status == "uploaded"  # no program left


def _praise(journal, x, giver, words, day):
    return entries.create_entry(
        journal,
        "feedback",
        f"Feedback from {giver}",
        entry_date=day,
        experience_id=x.id,
        feedback=FeedbackFields(giver_name=giver, feedback_kind="praise", words=words),
    )


def test_next_step_names_the_writer_who_praised_you(journal):
    x = _x(journal, "rotation", date(2026, 3, 2), date(2026, 3, 29), institution="Mercy")
    _praise(journal, x, "Dr. Patel", "Clear, organised presentations", date(2026, 3, 10))
    _praise(
        journal, x, "Dr. Priya Patel", "Your presentations keep getting better", date(2026, 3, 20)
    )
    _praise(journal, x, "Dr. Lee", "Good notes", date(2026, 3, 12))
    r = readiness.readiness(journal, TODAY)
    ask = next(s for s in r.next_steps if s.startswith("Ask "))
    assert ask == (
        "Ask Dr. Priya Patel for a letter: you rotated together in March 2026 "
        f"({x.title}) and they praised you twice (“Your presentations keep getting better”)."
    )
    # With a letter from Dr. Patel, the next suggestion is Dr. Lee.
    letters.create_letter(journal, "Priya Patel", experience_id=x.id, status="asked")
    r = readiness.readiness(journal, TODAY)
    assert any(s.startswith("Ask Dr. Lee for a letter") for s in r.next_steps)
    # The writer's feedback entries are found by name on the letter's experience.
    lt = letters.list_letters(journal)[0]
    assert len(letters.writer_feedback(journal, lt)) == 2


def test_reminders_about_letters_that_wait(journal):
    x = _x(journal, "rotation", date(2026, 3, 2), date(2026, 3, 29))
    letters.create_letter(
        journal, "Dr. Lee", experience_id=x.id, status="agreed", on_date=date(2026, 11, 17)
    )
    letters.create_letter(
        journal,
        "Dr. Ode",
        experience_id=x.id,
        status="written",
        on_date=date(2026, 12, 1),
        due_date=date(2026, 12, 15),
    )
    letters.create_letter(
        journal, "Dr. New", experience_id=x.id, status="agreed", on_date=date(2026, 12, 1)
    )
    r = readiness.readiness(journal, TODAY)
    assert "Dr. Lee agreed 3 weeks ago; the letter is not uploaded." in r.reminders
    assert any(s.startswith("Dr. Ode's letter is due in 7 days") for s in r.reminders)
    assert not any("Dr. New" in s for s in r.reminders)  # agreed a week ago: not yet
    assert r.letters == {
        "identified": 0,
        "asked": 0,
        "agreed": 2,
        "written": 1,
        "uploaded": 0,
        "assigned": 0,
    }
    assert r.us_letters_agreed == 3


def test_deleting_the_experience_keeps_the_letter(journal):
    x = _x(journal, "rotation", date(2026, 3, 2), date(2026, 3, 29))
    lt = letters.create_letter(journal, "Dr. Lee", experience_id=x.id)
    experiences.delete_experience(journal, x.id)
    assert letters.get_letter(journal, lt.id).experience_id is None


def test_recency_is_judged_at_the_seasons_application_date(journal):
    # Ended 6 months ago; ERAS 2029 applications go out on 1 September 2028.
    _x(journal, "rotation", date(2026, 5, 1), date(2026, 6, 8))
    levels = {f.key: f for f in readiness.readiness(journal, TODAY).figures}
    assert levels["recency"].level == "good"  # no season: judged today, 6 months
    profile.set_profile(journal, season=2029)
    rec = {f.key: f for f in readiness.readiness(journal, TODAY).figures}["recency"]
    assert rec.level == "amber"  # about 27 months old by then
    assert "by the ERAS 2029 applications" in rec.sentence
    profile.set_profile(journal, season=2031)
    rec = {f.key: f for f in readiness.readiness(journal, TODAY).figures}["recency"]
    assert rec.level == "red"  # over 3 years by September 2030
