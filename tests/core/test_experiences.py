from __future__ import annotations

from datetime import date

import pytest

from imgjournal.errors import NotFoundError, ValidationError
from imgjournal.services import entries, experiences


def test_defaults_follow_the_kind(journal):
    obs = experiences.create_experience(journal, "observership", "Cardiology", date(2026, 6, 1))
    assert obs.hands_on is False
    assert obs.eras_type == "education"
    res = experiences.create_experience(journal, "research", "QI project", date(2026, 1, 1))
    assert res.eras_type == "research" and res.hands_on is True


def test_validation(journal):
    with pytest.raises(ValidationError, match="before the start date"):
        experiences.create_experience(
            journal, "rotation", "X", date(2026, 6, 1), end_date=date(2026, 5, 1)
        )
    with pytest.raises(ValidationError, match="title is empty"):
        experiences.create_experience(journal, "rotation", " ", date(2026, 6, 1))
    with pytest.raises(ValidationError, match="experience kind"):
        experiences.create_experience(journal, "holiday", "X", date(2026, 6, 1))
    with pytest.raises(ValidationError, match="Hours per week"):
        experiences.create_experience(journal, "rotation", "X", date(2026, 6, 1), hours_per_week=0)
    assert experiences.list_experiences(journal) == []


def test_update_end_and_delete_keeps_entries(journal):
    x = experiences.create_experience(journal, "externship", "Nephrology", date(2026, 7, 1))
    e = entries.create_entry(journal, "case", "AKI", experience_id=x.id)
    ended = experiences.update_experience(journal, x.id, end_date=date(2026, 7, 28))
    assert ended.end_date == date(2026, 7, 28) and ended.entry_count == 1
    with pytest.raises(ValidationError):
        experiences.update_experience(journal, x.id, end_date=date(2026, 6, 1))
    assert experiences.get_experience(journal, x.id).end_date == date(2026, 7, 28)
    assert experiences.delete_experience(journal, x.id) == 1
    with pytest.raises(NotFoundError):
        experiences.get_experience(journal, x.id)
    assert entries.get_entry(journal, e.id).experience_id is None


def test_current_experience(journal):
    assert experiences.current_experience(journal) is None
    old = experiences.create_experience(
        journal, "rotation", "Old", date(2026, 1, 1), end_date=date(2026, 2, 1)
    )
    assert experiences.current_experience(journal, date(2026, 3, 1)).id == old.id
    now = experiences.create_experience(journal, "rotation", "Now", date(2026, 2, 20))
    assert experiences.current_experience(journal, date(2026, 3, 1)).id == now.id
