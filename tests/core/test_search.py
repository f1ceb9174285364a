"""Full-text search: words, prefixes, substrings, ranking, filters, odd input."""

from __future__ import annotations

from datetime import date

import pytest

from imgjournal.services import entries, search
from imgjournal.services.dto import CaseFields, EntryFilter, FeedbackFields
from imgjournal.services.search import HIGHLIGHT_END, HIGHLIGHT_START


@pytest.fixture
def filled(journal):
    ids = {}
    ids["nstemi"] = entries.create_entry(
        journal,
        "case",
        "Chest pain in the ED",
        entry_date=date(2026, 9, 1),
        body="Serial troponin rose; cardiology took him to the cath lab.",
        case=CaseFields(chief_complaint="chest pain", diagnoses=("NSTEMI",)),
    ).id
    ids["sepsis"] = entries.create_entry(
        journal,
        "case",
        "Septic shock from pneumonia",
        entry_date=date(2026, 9, 2),
        body="Early antibiotics and fluids.",
        case=CaseFields(lesson="Lactate guides resuscitation"),
    ).id
    ids["feedback"] = entries.create_entry(
        journal,
        "feedback",
        "Presentation feedback",
        entry_date=date(2026, 9, 3),
        feedback=FeedbackFields(giver_name="Dr. Nguyễn", words="Your handoff was crisp."),
    ).id
    ids["reflection"] = entries.create_entry(
        journal,
        "reflection",
        "Café conversations",
        entry_date=date(2026, 9, 4),
        body="Talked about troponin kinetics with the résident.",
    ).id
    return ids


def _ids(hits):
    return [h.entry_id for h in hits]


def test_whole_word(journal, filled):
    hits = search.search(journal, "pneumonia")
    assert _ids(hits) == [filled["sepsis"]]
    assert hits[0].match == "word"
    assert f"{HIGHLIGHT_START}pneumonia{HIGHLIGHT_END}" in hits[0].snippet


def test_prefix_finds_troponin(journal, filled):
    hits = search.search(journal, "trop")
    assert set(_ids(hits)) == {filled["nstemi"], filled["reflection"]}
    assert all(h.match == "word" for h in hits)


def test_short_terms_match_whole_words_only(journal):
    mi = entries.create_entry(journal, "case", "Inferior MI on nights", body="ST elevation.")
    mild = entries.create_entry(journal, "reflection", "Mild day", body="Quiet ward.")
    step = entries.create_entry(journal, "reflection", "Step 2 CK plan", body="Dedicated weeks.")
    year = entries.create_entry(journal, "reflection", "Plan for 2024", body="Step up.")
    assert _ids(search.search(journal, "MI")) == [mi.id]  # not "Mild"
    assert _ids(search.search(journal, "mil")) == [mild.id]  # three letters: a prefix
    assert _ids(search.search(journal, "Step 2")) == [step.id]  # not "2024"
    assert _ids(search.search(journal, "st")) == [mi.id]  # "ST elevation", not "Step"
    assert year.id in _ids(search.search(journal, "2024"))
    # The snippet marks the short term as a whole word, and long terms as prefixes.
    (hit,) = search.search(journal, "MI")
    assert f"{HIGHLIGHT_START}MI{HIGHLIGHT_END}" in hit.snippet
    snippet = search.make_snippet(["MI in a mild case of misery"], ["mi", "cas"])
    assert snippet == (
        f"{HIGHLIGHT_START}MI{HIGHLIGHT_END} in a mild {HIGHLIGHT_START}case{HIGHLIGHT_END} of "
        "misery"
    )


def test_substring_inside_a_word(journal, filled):
    hits = search.search(journal, "ponin")
    assert set(_ids(hits)) == {filled["nstemi"], filled["reflection"]}
    assert all(h.match == "substring" for h in hits)
    assert HIGHLIGHT_START in hits[0].snippet


def test_case_and_feedback_fields_are_searched(journal, filled):
    assert _ids(search.search(journal, "lactate")) == [filled["sepsis"]]
    assert _ids(search.search(journal, "handoff")) == [filled["feedback"]]
    assert _ids(search.search(journal, "nguyen")) == [filled["feedback"]]  # diacritics folded


def test_all_terms_must_match(journal, filled):
    assert _ids(search.search(journal, "troponin cath")) == [filled["nstemi"]]
    assert search.search(journal, "troponin pneumonia") == []


def test_title_match_ranks_first(journal, filled):
    titled = entries.create_entry(journal, "reflection", "Troponin pitfalls", body="Notes.")
    assert _ids(search.search(journal, "troponin"))[0] == titled.id


def test_words_come_before_substrings(journal, filled):
    sub = entries.create_entry(journal, "reflection", "Hypercalcaemia", body="Stones, groans.")
    word = entries.create_entry(journal, "reflection", "Calcaemia basics", body="Ca.")
    hits = search.search(journal, "calcaemia")
    assert _ids(hits) == [word.id, sub.id]
    assert [h.match for h in hits] == ["word", "substring"]


def test_trash_is_not_searched(journal, filled):
    entries.trash_entry(journal, filled["sepsis"])
    assert search.search(journal, "pneumonia") == []
    entries.restore_entry(journal, filled["sepsis"])
    assert _ids(search.search(journal, "pneumonia")) == [filled["sepsis"]]


def test_updates_reach_the_index(journal, filled):
    entries.update_entry(journal, filled["sepsis"], body="Vasopressors started.")
    assert search.search(journal, "antibiotics") == []
    assert _ids(search.search(journal, "vasopress")) == [filled["sepsis"]]
    entries.update_entry(journal, filled["sepsis"], case=CaseFields(lesson="Norepinephrine"))
    assert search.search(journal, "lactate") == []
    entries.trash_entry(journal, filled["sepsis"])
    entries.empty_trash(journal)
    assert search.search(journal, "vasopress") == []


def test_filters_combine_with_text(journal, filled):
    assert _ids(search.search(journal, "trop", flt=EntryFilter(kind="case"))) == [filled["nstemi"]]
    flt = EntryFilter(date_from=date(2026, 9, 3))
    assert _ids(search.search(journal, "trop", flt=flt)) == [filled["reflection"]]


def test_limit(journal, filled):
    assert len(search.search(journal, "trop", limit=1)) == 1


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "AND",
        "OR NOT",
        "(",
        "*",
        "trop*",
        "NEAR(a b)",
        "a:b",
        "col:troponin",
        "' OR 1=1 --",
        "''",
        "^",
        "-",
        "   ",
        "é",
        "😀",
        "x" * 300,
    ],
)
def test_odd_queries_never_raise(journal, filled, query):
    search.search(journal, query)


def test_query_syntax_is_plain_text(journal, filled):
    # FTS operators are searched as words, not obeyed.
    assert search.search(journal, "troponin OR pneumonia") == []
    assert _ids(search.search(journal, 'troponin"')) != []


def _old_journal(home, revision: str) -> str:
    """A journal at ``revision`` holding entry 1 ("Night shift"); the SQL of its word index."""
    from imgjournal import paths
    from imgjournal.db import Journal, alembic_upgrade
    from imgjournal.sqlite import dbapi as sqlite3

    home.mkdir(parents=True)
    old = Journal(home)
    alembic_upgrade(old.engine, revision)
    old.close()
    con = sqlite3.connect(paths.db_path(home))
    now = "2026-10-01T12:00:00.000000+00:00"
    con.execute(
        "INSERT INTO entries (id, kind, entry_date, title, body, created_at, updated_at) "
        "VALUES (1, 'reflection', '2026-09-15', 'Night shift', 'Troponin doubled.', ?, ?)",
        (now, now),
    )
    con.commit()
    (sql,) = con.execute("SELECT sql FROM sqlite_master WHERE name = 'entries_fts'").fetchone()
    con.close()
    return sql


def test_a_journal_from_before_the_vocabulary_finds_text_inside_words(home):
    """Revision 0003 fills the vocabulary from the existing word index."""
    from imgjournal.db import Journal

    _old_journal(home, "0002")
    with Journal.open(home) as j:
        hits = search.search(j, "ponin")
        assert [(h.entry_id, h.match) for h in hits] == [(1, "substring")]
        tables = {r[0] for r in j.raw().execute("SELECT name FROM sqlite_master")}
        assert "entries_trigram" not in tables


def test_a_journal_with_prefix_indexes_is_rebuilt_without_them(home):
    """Revision 0004 recreates the word index without its 2- and 3-letter prefix indexes."""
    from imgjournal.db import Journal

    assert "prefix='2 3'" in _old_journal(home, "0003")
    with Journal.open(home) as j:
        con = j.raw()
        (sql,) = con.execute("SELECT sql FROM sqlite_master WHERE name = 'entries_fts'").fetchone()
        assert "prefix" not in sql
        con.execute("INSERT INTO entries_fts(entries_fts) VALUES ('integrity-check')")
        con.commit()
        assert [h.entry_id for h in search.search(j, "trop")] == [1]
        assert [h.entry_id for h in search.search(j, "night")] == [1]
        # The triggers still keep the index in step.
        e = entries.create_entry(j, "reflection", "Tamponade", body="Beck's triad.")
        assert [h.entry_id for h in search.search(j, "tampo")] == [e.id]
        entries.update_entry(j, 1, body="Lactate cleared.")
        assert search.search(j, "troponin") == []
        con.execute("INSERT INTO entries_fts(entries_fts) VALUES ('integrity-check')")
        con.commit()


def test_new_words_are_learnt_on_every_write(journal):
    e = entries.create_entry(journal, "reflection", "Plain", body="nothing")
    assert search.search(journal, "cardiomyo") == []
    entries.update_entry(journal, e.id, body="Takotsubo cardiomyopathy after bad news.")
    assert [h.entry_id for h in search.search(journal, "myopath")] == [e.id]
    assert [h.entry_id for h in search.search(journal, "tsubo")] == [e.id]


def test_broad_queries_list_title_matches_first(journal, monkeypatch):
    monkeypatch.setattr(search, "RANK_LIMIT", 2)
    body_only = entries.create_entry(journal, "reflection", "Day", body="ward round notes")
    titled = entries.create_entry(journal, "reflection", "Ward round", body="x")
    newest = entries.create_entry(journal, "reflection", "Evening", body="ward again")
    assert [h.entry_id for h in search.search(journal, "ward")] == [
        titled.id,
        newest.id,
        body_only.id,
    ]
    page = search.search(journal, "ward", limit=1, offset=1)
    assert [h.entry_id for h in page] == [newest.id]


def test_three_letters_find_text_inside_words(journal, filled):
    """Three letters are the shortest a search looks for inside words: "pon" finds Troponin."""
    hits = search.search(journal, "pon")
    assert set(_ids(hits)) == {filled["nstemi"], filled["reflection"]}
    assert search.search(journal, "po") == []  # two letters: whole words only


@pytest.mark.parametrize(
    "body",
    [
        "Pulmonary \ufb01brosis on the CT (a ligature).",  # "ﬁbrosis"
        "Re\u0301sume\u0301 of the night: cafe\u0301 au lait spots.",  # decomposed accents
        "Ä\u0308\u0308 stacked marks, then fibrosis.",
    ],
)
def test_snippets_of_ligatures_and_decomposed_accents(journal, body):
    made = entries.create_entry(journal, "reflection", "Odd text", body=body)
    found = set()
    for query in ("fibrosis", "\ufb01brosis", "fibro", "cafe\u0301", "brosis", "sume", "spots"):
        for hit in search.search(journal, query):  # never raises, whatever the text holds
            assert hit.entry_id == made.id
            assert isinstance(hit.snippet, str) and hit.snippet
            found.add(query)
    assert found & {"brosis", "spots"}  # the entry is found, with a snippet


def test_pages_are_whole_when_more_than_the_rank_limit_match(journal, monkeypatch):
    """Past RANK_LIMIT matches the order changes (titles, then newest); pages stay full."""
    monkeypatch.setattr(search, "RANK_LIMIT", 5)
    made = [
        entries.create_entry(journal, "reflection", f"Note {i}", body="ward round again").id
        for i in range(15)
    ]
    for gone in made[-3:]:  # the newest three are in the trash: they must not shorten a page
        entries.trash_entry(journal, gone)
    made = made[:-3]
    seen: list[int] = []
    for offset in range(0, 12, 5):
        page = search.search(journal, "ward", limit=5, offset=offset)
        assert len(page) == min(5, 12 - offset), offset
        seen += _ids(page)
    assert sorted(seen) == sorted(made) and len(set(seen)) == 12
