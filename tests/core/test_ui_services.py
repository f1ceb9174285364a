"""The browsing queries the desktop window uses (imgjournal.services.browse)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from imgjournal.services import browse, entries, experiences, prompts
from imgjournal.services.dto import EntryFilter
from imgjournal.services.search import HIGHLIGHT_START


@pytest.fixture
def filled(journal):
    rot = experiences.create_experience(journal, "rotation", "IM sub-I", date(2025, 6, 1))
    p = prompts.list_prompts(journal)[0]
    a = entries.create_entry(
        journal,
        "case",
        "Chest pain in the ED",
        entry_date=date(2025, 6, 3),
        body="Troponin rose.\n\nWe called cardiology.",
        experience_id=rot.id,
        prompt_ids=[p.id],
    )
    b = entries.create_entry(journal, "feedback", "attending praise", entry_date=date(2025, 6, 4))
    c = entries.create_entry(journal, "reflection", "Bad day", entry_date=date(2024, 6, 4))
    return rot, p, a, b, c


def test_rows_are_light_and_ordered(journal, filled):
    rot, p, a, b, c = filled
    rows = browse.list_entry_rows(journal)
    assert [r.id for r in rows] == [b.id, a.id, c.id]
    row = rows[1]
    assert row.preview == "Troponin rose. We called cardiology."
    assert row.experience_title == "IM sub-I"
    assert row.prompt_count == 1
    by_title = browse.list_entry_rows(journal, sort="title", descending=False)
    assert [r.title for r in by_title] == ["attending praise", "Bad day", "Chest pain in the ED"]


def test_rows_page_and_filter(journal, filled):
    rot, p, a, b, c = filled
    assert [r.id for r in browse.list_entry_rows(journal, offset=1, limit=1)] == [a.id]
    assert [r.id for r in browse.list_entry_rows(journal, EntryFilter(kind="case"))] == [a.id]
    assert [r.id for r in browse.list_entry_rows(journal, EntryFilter(prompt_id=p.id))] == [a.id]
    linked = browse.list_entry_rows(journal, EntryFilter(any_prompt=(p.id, p.id + 1)))
    assert [r.id for r in linked] == [a.id]
    entries.trash_entry(journal, c.id)
    trash = browse.list_entry_rows(journal, EntryFilter(trashed=True))
    assert [(r.id, r.in_trash) for r in trash] == [(c.id, True)]
    with pytest.raises(ValueError):
        browse.list_entry_rows(journal, sort="kind")


def test_search_rows_carry_highlighted_snippet(journal, filled):
    rot, p, a, b, c = filled
    rows = browse.search_rows(journal, "tropo")
    assert [r.id for r in rows] == [a.id]
    assert HIGHLIGHT_START in rows[0].preview
    assert rows[0].experience_title == "IM sub-I"
    assert browse.search_rows(journal, "tropo", EntryFilter(kind="feedback")) == []


def test_counts(journal, filled):
    rot, p, a, b, c = filled
    entries.trash_entry(journal, b.id)
    counts = browse.journal_counts(journal, today=date(2025, 6, 3))
    assert counts.all == 2
    assert counts.by_kind == {"case": 1, "feedback": 0, "reflection": 1}
    assert counts.today == 1
    assert counts.trash == 1


def test_on_this_day_lists_earlier_years_only(journal, filled):
    rot, p, a, b, c = filled
    assert [r.id for r in browse.on_this_day(journal, date(2026, 6, 4))] == [b.id, c.id]
    assert [r.id for r in browse.on_this_day(journal, date(2025, 6, 4))] == [c.id]
    entries.trash_entry(journal, c.id)
    assert browse.on_this_day(journal, date(2025, 6, 4)) == []


def test_on_this_day_includes_leap_day_on_28_february(journal):
    leap = entries.create_entry(journal, "reflection", "Leap", entry_date=date(2024, 2, 29))
    assert [r.id for r in browse.on_this_day(journal, date(2025, 2, 28))] == [leap.id]
    assert browse.on_this_day(journal, date(2028, 2, 28)) == []


def test_entries_written_on(journal, filled):
    rot, p, a, b, c = filled
    day = date(2025, 6, 3)
    assert [r.id for r in browse.entries_written_on(journal, day)] == [a.id]
    assert browse.entries_written_on(journal, day + timedelta(days=10)) == []


def test_rows_by_id_keep_order(journal, filled):
    rot, p, a, b, c = filled
    rows = browse.entry_rows_by_id(journal, [c.id, 9999, a.id])
    assert [r.id for r in rows] == [c.id, a.id]


def test_search_terms_wait_for_a_second_letter():
    assert browse.search_terms("t") == []
    assert browse.search_terms("chest p") == ["chest"]
    assert browse.search_terms('"tr') == ["tr"]


def test_search_rows_pages_and_skips_the_trash(journal):
    made = [
        entries.create_entry(journal, "case", f"Sepsis {i}", body="lactate and fluids")
        for i in range(7)
    ]
    entries.trash_entry(journal, made[0].id)
    first = browse.search_rows(journal, "seps", limit=4)
    rest = browse.search_rows(journal, "seps", limit=4, offset=4)
    ids = [r.id for r in first + rest]
    assert len(ids) == 6 and len(set(ids)) == 6
    assert made[0].id not in ids
    assert all(HIGHLIGHT_START in r.preview for r in first + rest)
    # With a filter the same rules hold.
    assert len(browse.search_rows(journal, "seps", EntryFilter(kind="case"))) == 6


def _broad_everything(monkeypatch):
    """Make every query count as broad (the limit lives in browse or in the search service)."""
    from imgjournal.services import search

    monkeypatch.setattr(search, "RANK_LIMIT", 0)


def test_broad_searches_list_newest_first(journal, monkeypatch):
    made = [entries.create_entry(journal, "reflection", f"Rounds {i}") for i in range(3)]
    _broad_everything(monkeypatch)
    assert [r.id for r in browse.search_rows(journal, "rou")] == [m.id for m in reversed(made)]


def test_substrings_follow_word_matches(journal):
    word = entries.create_entry(journal, "case", "Cardiology consult")
    inside = entries.create_entry(journal, "case", "Echocardiography")
    rows = browse.search_rows(journal, "cardio")
    assert [r.id for r in rows] == [word.id, inside.id]
    assert HIGHLIGHT_START in rows[1].preview


def test_broad_searches_put_title_matches_first(journal, monkeypatch):
    in_title = entries.create_entry(journal, "case", "Handoff gone wrong")
    in_body = entries.create_entry(journal, "case", "Night shift", body="a rushed handoff")
    _broad_everything(monkeypatch)
    assert [r.id for r in browse.search_rows(journal, "hand")] == [in_title.id, in_body.id]


def test_make_snippet_marks_matches_around_the_first_hit():
    from imgjournal.services.search import HIGHLIGHT_END

    body = "one two three four five six troponin rose seven eight nine ten eleven twelve"
    snip = browse.make_snippet([body, None, "Title"], ["trop"])
    assert snip == "…four five six \x02troponin\x03 rose seven eight nine ten eleven twelve"
    longer = browse.make_snippet([body + " thirteen fourteen"], ["trop"])
    assert longer.endswith("thirteen…")
    assert browse.make_snippet(["no match here"], ["trop"]) == ""
    assert browse.make_snippet(["echocardiography"], ["cardio"]) == ""
    inside = browse.make_snippet(["echocardiography"], ["cardio"], whole_words=False)
    assert inside == f"echo\x02cardio{HIGHLIGHT_END}graphy"
    assert browse.make_snippet([None, "", "Chest pain"], ["chest"]) == "\x02Chest\x03 pain"


def test_previews_drop_markdown_marks():
    assert browse.plain("## Screening\n- PHQ-9: **17** (severe)") == "Screening PHQ-9: 17 (severe)"
    assert browse.plain("a snake_case name and 3 * 4") == "a snake_case name and 3 * 4"
    assert browse.make_snippet(["**Troponin** rose"], ["trop"]) == "\x02Troponin\x03 rose"
