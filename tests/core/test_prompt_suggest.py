"""Suggestions of interview prompts from an entry's words and tags (services/prompt_suggest).

All entries are invented.
"""

from __future__ import annotations

import pytest

from imgjournal.services import entries, prompts
from imgjournal.services import prompt_suggest as ps
from imgjournal.services.dto import CaseFields, FeedbackFields, PromptDTO
from imgjournal.services.prompt_library import builtin_library
from imgjournal.services.prompt_suggest import EntryText, suggest


@pytest.fixture(scope="module")
def library() -> list[PromptDTO]:
    """The built-in library as the service hands it out (ids in library order)."""
    return [
        PromptDTO(
            id=i,
            key=item["key"],
            category=item["category"],
            text=item["text"],
            min_seconds=item["min_seconds"],
            max_seconds=item["max_seconds"],
            hidden=False,
            position=i,
        )
        for i, item in enumerate(builtin_library(), start=1)
    ]


def key_of(library: list[PromptDTO], prompt_id: int) -> str:
    return next(p.key for p in library if p.id == prompt_id)


def keys(library: list[PromptDTO], found: list[ps.Suggestion]) -> list[str]:
    return [key_of(library, s.prompt_id) for s in found]


CONFLICT = EntryText(
    title="Disagreement with the night nurse about a PRN dose",
    text="The nurse would not give the second dose I had ordered. We had a tense conflict at "
    "the bedside before we talked it through.",
)


def test_a_conflict_with_a_nurse_suggests_the_conflict_prompt_and_says_why(library):
    found = suggest(CONFLICT, library)
    assert keys(library, found)[0] == "conflict-with-colleague"
    why = found[0].why
    assert why.startswith("matches: ")
    assert "conflict" in found[0].matches and "nurse" in found[0].matches
    assert "disagreement" in found[0].matches
    assert 1 <= len(found) <= ps.MAX_SUGGESTIONS
    assert all(s.score >= ps.THRESHOLD for s in found)
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)


def test_an_entry_with_no_matching_words_gets_no_suggestion(library):
    entry = EntryText(
        title="Vancomycin troughs",
        text="Renal dosing by creatinine clearance; trough before the fourth dose.",
        tags=("pharmacology",),
    )
    assert suggest(entry, library) == []
    assert suggest(EntryText(), library) == []


def test_one_weak_match_is_below_the_threshold(library):
    # "conflict" once in the body and "nurse" (a context word): 1 + 0.5, under 2.
    entry = EntryText(title="Night shift", text="A small conflict; the nurse was kind.")
    assert suggest(entry, library) == []
    loose = suggest(entry, library, threshold=1.0)
    assert keys(library, loose)[:1] == ["conflict-with-colleague"]


def test_a_tag_weighs_more_than_the_same_word_in_the_body(library):
    in_body = EntryText(title="Charge nurse", text="We had a conflict.")
    as_tag = EntryText(title="Charge nurse", text="We talked it through.", tags=("conflict",))
    assert suggest(in_body, library) == []  # nurse (title, context) + conflict: 0.75 + 1
    found = suggest(as_tag, library)
    assert keys(library, found)[:1] == ["conflict-with-colleague"]
    assert found[0].matches[0] == "conflict"  # the weightiest first
    assert found[0].score == pytest.approx(ps.TAG_WEIGHT + ps.TITLE_WEIGHT * ps.CONTEXT_WEIGHT)


def test_hyphenated_tags_match_phrases(library):
    entry = EntryText(title="Day one on the ward", text="", tags=("us-system", "culture-shock"))
    assert keys(library, suggest(entry, library))[0] == "adapting-to-new-system"


def test_context_words_alone_never_suggest(library):
    # nurse, resident, coworker and co-worker are context words of the conflict prompt.
    entry = EntryText(title="Nurse", text="The resident, a coworker and a co-worker.")
    assert "conflict-with-colleague" not in keys(library, suggest(entry, library))


def test_words_compare_without_case_accents_or_plural(library):
    entry = EntryText(title="CONFLÍCTS", text="Two NURSES, one disagreement.")
    found = suggest(entry, library)
    assert keys(library, found)[0] == "conflict-with-colleague"
    assert "nurses" in found[0].matches  # shown as the entry says it


def test_common_prompt_words_count_less_than_specific_ones(library):
    # "patient" is in a dozen prompts; "interpreter" in one.
    common = EntryText(title="Patient and family", text="The patient's family visited.")
    assert suggest(common, library) == []
    specific = EntryText(title="Interpreter", text="A language barrier with the patient.")
    assert keys(library, suggest(specific, library))[0] == "language-communication-barrier"


def test_hidden_and_already_linked_prompts_are_not_suggested(library):
    conflict = next(p for p in library if p.key == "conflict-with-colleague")
    assert conflict.id not in [
        s.prompt_id for s in suggest(CONFLICT, library, exclude=[conflict.id])
    ]
    hidden = [p if p.id != conflict.id else _hidden(p) for p in library]
    assert conflict.id not in [s.prompt_id for s in suggest(CONFLICT, hidden)]


def _hidden(p: PromptDTO) -> PromptDTO:
    from dataclasses import replace

    return replace(p, hidden=True)


def test_at_most_max_suggestions(library):
    wide = EntryText(
        title="Conflict, mistake, interpreter, bad news, visa, observership",
        text="A disagreement; my error; a language barrier; breaking bad news; the cancer; "
        "the J-1 visa sponsorship; observer on the consult service; shadowing; USMLE step 2 "
        "score; culture shock in the EMR; goals of care and code status.",
    )
    found = suggest(wide, library)
    assert len(found) == ps.MAX_SUGGESTIONS
    assert len(suggest(wide, library, limit=2)) == 2


def test_a_users_own_prompt_is_suggested_from_its_text(library):
    mine = PromptDTO(
        id=999,
        key=None,
        category="img",
        text="How did you fund your observerships abroad?",
        min_seconds=60,
        max_seconds=90,
        hidden=False,
        position=999,
    )
    entry = EntryText(title="Funding my observerships", text="Savings and a small grant.")
    assert 999 in [s.prompt_id for s in suggest(entry, [*library, mine])]


def test_every_built_in_prompt_has_keywords_and_none_are_stray():
    kw = ps.builtin_keywords()
    assert set(kw) == {p["key"] for p in builtin_library()}
    assert all(kw.values())
    # Each keyword can match: a phrase of at most MAX_PHRASE words, or a word that is no stop
    # word (a stop word is never one of an entry's terms).
    for items in kw.values():
        for k in items:
            seq = ps.words(k.lstrip("~"))
            assert 1 <= len(seq) <= ps.MAX_PHRASE, k
            assert len(seq) > 1 or seq[0][0] not in ps._STOP_STEMS, k


def test_stemming_keeps_word_families_together():
    for a, b in (
        ("nurses", "nurse"),
        ("nursing", "nurse"),
        ("handled", "handle"),
        ("disagreed", "disagree"),
        ("families", "family"),
        ("conflicts", "conflict"),
    ):
        assert ps.stem(a) == ps.stem(b), (a, b)
    assert ps.stem("news") == "news"
    assert ps.stem("notes") == ps.stem("note") != ps.stem("not")
    assert ps.stem("diagnosis") == "diagnosis"


def test_a_case_lesson_and_feedback_words_are_read(journal):
    library = prompts.list_prompts(journal)
    case = entries.create_entry(
        journal,
        "case",
        "Potassium on a Saturday",
        body="Routine labs.",
        case=CaseFields(lesson="My mistake: I missed the recheck. I own the error now."),
    )
    found = ps.suggest_for_entry(entries.get_entry(journal, case.id), library)
    assert "mistake-you-made" in [
        next(p.key for p in library if p.id == s.prompt_id) for s in found
    ]
    without_lesson = entries.create_entry(journal, "case", "Potassium on a Saturday", body="Labs.")
    assert ps.suggest_for_entry(entries.get_entry(journal, without_lesson.id), library) == []
    feedback = entries.create_entry(
        journal,
        "feedback",
        "After rounds",
        body="",
        feedback=FeedbackFields(
            words="Your presentations are too long.", feedback_kind="constructive"
        ),
    )
    found = ps.suggest_for_entry(entries.get_entry(journal, feedback.id), library)
    assert [next(p.key for p in library if p.id == s.prompt_id) for s in found][:1] == [
        "received-criticism"
    ]


def test_a_very_long_entry_is_read_from_its_start(library):
    words = "conflict disagreement tension"
    early = EntryText(text=words + " filler" * ps.MAX_WORDS)
    late = EntryText(text="filler " * ps.MAX_WORDS + words)
    assert keys(library, suggest(early, library))[:1] == ["conflict-with-colleague"]
    assert suggest(late, library) == []
