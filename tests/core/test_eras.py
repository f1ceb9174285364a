"""The ERAS composer's core: the one character count, the 10/3 rules and the journal draft."""

from __future__ import annotations

from datetime import date

import pytest

from imgjournal.errors import NotFoundError, ValidationError
from imgjournal.limits import (
    ERAS_DESCRIPTION_CHARS,
    ERAS_MAX_EXPERIENCES,
    ERAS_MOST_MEANINGFUL,
    ERAS_MOST_MEANINGFUL_EXTRA_CHARS,
    eras_chars,
)
from imgjournal.services import eras
from imgjournal.services.dto import CaseFields, FeedbackFields
from imgjournal.services.entries import create_entry
from imgjournal.services.experiences import create_experience

# ---- the counting rule -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("", 0),
        ("abc", 3),
        ("one\ntwo", 7),  # a line break is one character
        ("one\r\ntwo", 7),  # CRLF (pasted from Windows) is one line break
        ("one\rtwo", 7),  # so is a lone CR
        ("caf\u00e9", 4),  # precomposed é
        ("cafe\u0301", 4),  # e + combining acute: NFC makes it one
        ("S\u00e3o Paulo", 9),
        ("\u0928\u092e\u0938\u094d\u0924\u0947", 6),  # Devanagari: code points after NFC
        ("\U0001f600", 1),  # one emoji outside the BMP is one character, not two (UTF-16)
        ("\U0001f1fa\U0001f1f8", 2),  # a flag is two regional indicators
        ("\U0001f468\u200d\u2695\ufe0f", 4),  # man health worker: ZWJ sequence, 4 points
        ("  spaces  ", 10),  # spaces count, nothing is trimmed
    ],
)
def test_eras_chars_counts_code_points_after_nfc_with_one_per_line_break(text, count):
    assert eras_chars(text) == count


def test_stored_text_is_the_counted_text(journal):
    x = eras.create_eras_experience(
        journal, "Ward work", "work", description="line one\r\nline two cafe\u0301"
    )
    assert x.description == "line one\nline two caf\u00e9"
    assert x.chars == eras_chars("line one\r\nline two cafe\u0301") == 22


# ---- the limits --------------------------------------------------------------------------


def test_a_description_at_the_limit_is_kept_one_more_is_refused(journal):
    ok = eras.create_eras_experience(
        journal, "At the limit", "research", description="é" * ERAS_DESCRIPTION_CHARS
    )
    assert ok.chars == ERAS_DESCRIPTION_CHARS
    with pytest.raises(ValidationError, match=r"751 characters .* at most 750; cut 1\."):
        eras.create_eras_experience(
            journal, "Over", "research", description="x" * (ERAS_DESCRIPTION_CHARS + 1)
        )
    # CRLF pairs count once: 375 of them are 375 characters, well within
    eras.create_eras_experience(journal, "Lines", "work", description="a\r\n" * 250)
    assert [x.title for x in eras.list_eras_experiences(journal)] == ["At the limit", "Lines"]


def test_an_update_past_the_limit_stores_nothing(journal):
    x = eras.create_eras_experience(journal, "Teaching", "teaching", description="short")
    with pytest.raises(ValidationError, match="cut 1"):
        eras.update_eras_experience(
            journal, x.id, title="New", description="y" * (ERAS_DESCRIPTION_CHARS + 1)
        )
    assert eras.get_eras_experience(journal, x.id).title == "Teaching"
    assert eras.get_eras_experience(journal, x.id).description == "short"


def test_reflection_limit_and_only_with_most_meaningful(journal):
    with pytest.raises(ValidationError, match="mark it most meaningful"):
        eras.create_eras_experience(journal, "R", "research", reflection="Why it mattered")
    with pytest.raises(ValidationError, match=r"301 characters .* at most 300"):
        eras.create_eras_experience(
            journal,
            "R",
            "research",
            meaningful=True,
            reflection="z" * (ERAS_MOST_MEANINGFUL_EXTRA_CHARS + 1),
        )
    x = eras.create_eras_experience(journal, "R", "research", meaningful=True, reflection="z" * 300)
    assert x.reflection_chars == 300
    assert eras.list_eras_experiences(journal) == [x]


def test_at_most_ten_experiences(journal):
    for n in range(ERAS_MAX_EXPERIENCES):
        eras.create_eras_experience(journal, f"Experience {n}", "volunteer")
    with pytest.raises(ValidationError, match="at most 10 experiences and you have 10"):
        eras.create_eras_experience(journal, "Eleventh", "volunteer")
    assert len(eras.list_eras_experiences(journal)) == ERAS_MAX_EXPERIENCES


def test_at_most_three_most_meaningful(journal):
    for n in range(ERAS_MOST_MEANINGFUL):
        eras.create_eras_experience(journal, f"M{n}", "work", meaningful=True)
    plain = eras.create_eras_experience(journal, "Plain", "work")
    with pytest.raises(ValidationError, match="at most 3 experiences be most meaningful"):
        eras.create_eras_experience(journal, "Fourth", "work", meaningful=True)
    with pytest.raises(ValidationError, match=r"\(M0, M1, M2\); unmark one first"):
        eras.update_eras_experience(journal, plain.id, meaningful=True)
    assert not eras.get_eras_experience(journal, plain.id).meaningful
    assert [x.title for x in eras.list_eras_experiences(journal)] == ["M0", "M1", "M2", "Plain"]
    # one of the three may be saved again while marked
    m0 = eras.list_eras_experiences(journal)[0]
    eras.update_eras_experience(journal, m0.id, meaningful=True, description="still fine")


def test_unknown_experience_and_type_are_one_sentence(journal):
    with pytest.raises(NotFoundError, match="no experience with id 9"):
        eras.create_eras_experience(journal, "T", "work", experience_ids=[9])
    with pytest.raises(ValidationError, match="ERAS experience type must be one of"):
        eras.create_eras_experience(journal, "T", "hobby")
    with pytest.raises(ValidationError, match="Choose the ERAS experience type"):
        eras.create_eras_experience(journal, "T")
    assert eras.list_eras_experiences(journal) == []


# ---- from the journal --------------------------------------------------------------------


def _rotation_with_material(journal):
    x = create_experience(
        journal,
        "rotation",
        "Internal medicine sub-internship",
        date(2025, 3, 1),
        end_date=date(2025, 3, 28),
        institution="Mercy General Hospital",
        specialty="internal medicine",
        city="Springfield",
        state="IL",
        hours_per_week=60,
    )
    create_entry(
        journal,
        "case",
        "Chest pain on nights",
        entry_date=date(2025, 3, 4),
        experience_id=x.id,
        case=CaseFields(
            lesson="Repeat the ECG when the pain changes. Say out loud what you are worried about.",
            result="The team caught a posterior MI early.",
        ),
        prompt_ids=[1],
    )
    create_entry(
        journal,
        "feedback",
        "Attending feedback",
        entry_date=date(2025, 3, 20),
        experience_id=x.id,
        feedback=FeedbackFields(giver_name="Dr. Lee", words="Clear, organised presentations"),
    )
    return x


def test_create_takes_the_fields_from_the_linked_experience(journal):
    x = _rotation_with_material(journal)
    e = eras.create_eras_experience(journal, "Sub-I", experience_ids=[x.id])
    assert (e.eras_type, e.organization, e.city, e.state, e.country) == (
        "education",
        "Mercy General Hospital",
        "Springfield",
        "IL",
        "USA",
    )
    assert (e.start_date, e.end_date, e.hours_per_week) == (
        date(2025, 3, 1),
        date(2025, 3, 28),
        60,
    )
    assert e.experience_ids == (x.id,)


def test_material_holds_lessons_results_feedback_and_prompts(journal):
    x = _rotation_with_material(journal)
    m = eras.journal_material(journal, [x.id])
    assert [t for _w, t in m.lessons] == [
        "Repeat the ECG when the pain changes. Say out loud what you are worried about."
    ]
    assert [t for _w, t in m.results] == ["The team caught a posterior MI early."]
    assert m.feedback == (("Dr. Lee, 2025-03-20", "Clear, organised presentations"),)
    assert len(m.prompts) == 1 and m.prompts[0]


def test_draft_from_the_journal_holds_a_lesson_and_fits(journal):
    x = _rotation_with_material(journal)
    draft = eras.draft_from_journal(journal, [x.id])
    assert draft.startswith("I did a rotation in internal medicine at Mercy General Hospital.")
    assert "I learned: repeat the ECG when the pain changes." in draft
    assert "Dr. Lee told me: “Clear, organised presentations.”" in draft
    assert eras_chars(draft) <= ERAS_DESCRIPTION_CHARS
    # a tight limit keeps whole sentences only, the first ones
    short = eras.draft_from_journal(journal, [x.id], limit=120)
    assert eras_chars(short) <= 120
    assert short.endswith(".") and "repeat the ECG" in short
    assert "Say out loud" not in short
    e = eras.create_eras_experience(journal, "Sub-I", experience_ids=[x.id], from_journal=True)
    assert e.description == draft


def test_a_long_journal_is_trimmed_at_a_sentence_within_the_limit(journal):
    x = create_experience(journal, "research", "QI project", date(2024, 1, 1))
    for n in range(40):
        create_entry(
            journal,
            "case",
            f"Case {n}",
            entry_date=date(2024, 2, 1),
            experience_id=x.id,
            case=CaseFields(lesson=f"Lesson number {n} about handoffs is worth keeping."),
        )
    draft = eras.draft_from_journal(journal, [x.id])
    assert ERAS_DESCRIPTION_CHARS - 60 < eras_chars(draft) <= ERAS_DESCRIPTION_CHARS
    assert draft.endswith("worth keeping.")


def test_plain_text_has_no_markdown_and_markdown_has_all(journal):
    eras.create_eras_experience(
        journal,
        "Free clinic *volunteer*",
        "volunteer",
        organization="Community Clinic",
        description="I triaged walk-in patients.\nI ran the **intake** desk.",
        meaningful=True,
        reflection="It taught me patience.",
    )
    (x,) = eras.list_eras_experiences(journal)
    text = eras.plain_text(x)
    assert "Experience type: Volunteer" in text
    assert "I ran the **intake** desk." in text  # the user's own text, as written
    assert "#" not in text and "- " not in text
    assert "Most meaningful reflection:\nIt taught me patience." in text
    md = eras.markdown([x])
    assert md.startswith("# ERAS experiences\n")
    assert "1 of 10 experiences; 1 of 3 most meaningful." in md
    assert "## 1. Free clinic \\*volunteer\\*" in md
    assert f"### Description ({x.chars} of 750 characters)" in md


# ---- JSON export and import --------------------------------------------------------------


def test_json_round_trip_carries_the_eras_experiences(journal, tmp_path):
    from imgjournal.db import Journal
    from imgjournal.export.json_io import export_journal, import_journal
    from imgjournal.services.journals import open_journal

    x = _rotation_with_material(journal)
    a = eras.create_eras_experience(
        journal, "Sub-I", experience_ids=[x.id], from_journal=True, position="Sub-intern"
    )
    b = eras.create_eras_experience(
        journal, "Free clinic", "volunteer", meaningful=True, reflection="Línea\nuno 😀"
    )
    out = tmp_path / "export.json"
    export_journal(journal, out)
    other: Journal = open_journal(tmp_path / "other")
    try:
        summary = import_journal(other, out, backup=False)
        assert summary.eras == 2 and "2 ERAS experiences" in str(summary)
        got = eras.list_eras_experiences(other)
        assert got == [a, b]
        assert got[0].experience_ids == (x.id,)
        # a second import would pass the 10/3 limits? 2 + 2 = 4 experiences, 2 meaningful: ok
        import_journal(other, out, backup=False)
        again = eras.list_eras_experiences(other)
        assert len(again) == 4
        assert again[2].title == "Sub-I" and again[2].id != a.id
        assert len(again[2].experience_ids) == 1 and again[2].experience_ids != (x.id,)
        # a third would make 3 most meaningful... and a fourth 4: refused, nothing written
        import_journal(other, out, backup=False)
        with pytest.raises(ValidationError, match="at most 3, so unmark some first"):
            import_journal(other, out, backup=False)
        assert len(eras.list_eras_experiences(other)) == 6
    finally:
        other.close()


def test_import_refuses_an_unknown_experience_and_bad_records(journal, tmp_path):
    import json

    from imgjournal.export.json_io import export_journal, import_journal
    from imgjournal.services.entries import list_entries

    eras.create_eras_experience(journal, "Clinic", "volunteer", description="ok")
    out = tmp_path / "export.json"
    export_journal(journal, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert set(doc["eras_experiences"][0]) >= {"title", "eras_type", "description"}

    def attempt(change):
        bad = json.loads(json.dumps(doc))
        change(bad["eras_experiences"][0])
        bad["entries"] = [{"id": 99, "kind": "reflection", "title": "t", "date": "2025-01-01"}]
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(bad), encoding="utf-8")
        with pytest.raises(ValidationError) as err:
            import_journal(journal, path, backup=False)
        assert len(eras.list_eras_experiences(journal)) == 1
        assert list_entries(journal) == []
        return str(err.value)

    msg = attempt(lambda r: r.update(experience_ids=[42]))
    assert msg == (
        "eras_experiences[0] (id 1): experience id 42 in experience_ids is not in the file "
        "or the journal."
    )
    assert "751 characters; ERAS takes at most 750" in attempt(
        lambda r: r.update(description="x" * 751)
    )
    assert "not most meaningful" in attempt(lambda r: r.update(reflection="why"))
    assert "eras_type must be one of" in attempt(lambda r: r.update(eras_type="hobby"))
