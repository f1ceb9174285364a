"""The export file carries the application profile and the letters, with checks."""

from __future__ import annotations

import json
from datetime import date

import pytest

from imgjournal.errors import ValidationError
from imgjournal.export.json_io import ImportFileError, export_journal, import_journal
from imgjournal.services import experiences, letters, profile
from imgjournal.services.journals import open_journal


def _fill(journal):
    x = experiences.create_experience(
        journal, "rotation", "IM sub-I", date(2026, 3, 2), end_date=date(2026, 3, 29)
    )
    profile.set_profile(
        journal, specialties=["Internal Medicine", "Pediatrics"], season=2027,
        graduation_year=2023, needs_visa=True,
    )  # fmt: skip
    a = letters.create_letter(
        journal, "Dr. Priya Patel", experience_id=x.id, status="asked", on_date=date(2026, 3, 20),
        writer_title="Clerkship director", due_date=date(2026, 9, 1), eras_letter_id="L1",
        waived=True, notes="Send the **brag sheet**.",
    )  # fmt: skip
    letters.set_letter_status(journal, a.id, "uploaded", date(2026, 8, 1))
    letters.assign_letter(journal, a.id, "Mercy IM", date(2026, 9, 3))
    letters.create_letter(journal, "Prof. Hany", status="identified", writer_is_us=False)
    return x


def test_round_trip_keeps_letters_and_profile(journal, tmp_path):
    _fill(journal)
    path = tmp_path / "export.json"
    assert "1 experience, 2 letters, " in str(export_journal(journal, path))
    doc = json.loads(path.read_text())
    assert doc["profile"] == {
        "specialties": ["Internal Medicine", "Pediatrics"],
        "season": 2027,
        "graduation_year": 2023,
        "needs_visa": True,
    }
    assert [x["writer_name"] for x in doc["letters"]] == ["Dr. Priya Patel", "Prof. Hany"]
    assert doc["letters"][0]["steps"] == {
        "asked": "2026-03-20",
        "uploaded": "2026-08-01",
        "assigned": "2026-09-03",
    }
    with open_journal(tmp_path / "other") as other:
        summary = import_journal(other, path, backup=False)
        assert "2 letters" in str(summary)
        assert letters.list_letters(other) == letters.list_letters(journal)
        assert profile.get_profile(other) == profile.get_profile(journal)
        # Exported again, the file is the same.
        again = tmp_path / "again.json"
        export_journal(other, again)
        assert json.loads(again.read_text()) == doc


def test_a_profile_already_answered_stays_and_experience_ids_follow(journal, tmp_path):
    _fill(journal)
    path = tmp_path / "export.json"
    export_journal(journal, path)
    with open_journal(tmp_path / "other") as other:
        profile.set_profile(other, specialties=["Surgery"])
        mine = experiences.create_experience(other, "research", "QI", date(2025, 1, 1))
        import_journal(other, path, backup=False)
        assert profile.get_profile(other).specialties == ("Surgery",)
        patel = next(x for x in letters.list_letters(other) if "Patel" in x.writer_name)
        assert patel.experience_id != mine.id
        assert experiences.get_experience(other, patel.experience_id).title == "IM sub-I"


def _doc(journal, tmp_path):
    path = tmp_path / "export.json"
    export_journal(journal, path)
    return json.loads(path.read_text())


def _import_fails(tmp_path, doc, match):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    with open_journal(tmp_path / "target") as target:
        before = letters.list_letters(target), experiences.list_experiences(target)
        with pytest.raises(ValidationError, match=match):
            import_journal(target, path, backup=False)
        assert (letters.list_letters(target), experiences.list_experiences(target)) == before
        assert not profile.get_profile(target).asked


def test_an_unknown_experience_is_one_sentence_and_nothing_is_written(journal, tmp_path):
    _fill(journal)
    doc = _doc(journal, tmp_path)
    doc["letters"][0]["experience_id"] = 99
    _import_fails(
        tmp_path,
        doc,
        r"^letters\[0\] \(id 1\): experience_id 99 is not in the file or the journal\.$",
    )


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"status": "sent"}, r"status must be one of identified, asked"),
        ({"writer_name": " "}, r"writer_name is empty"),
        ({"steps": {"written": "2026-01-01"}, "status": "asked"}, r"a step after"),
        ({"due_date": "next week"}, r"due_date \"next week\" is not a date"),
        ({"assignments": [{"program": "A"}]}, r"each assignment must be"),
        ({"waived": "yes"}, r"waived must be"),
    ],
)
def test_bad_letter_fields_are_named(journal, tmp_path, change, match):
    _fill(journal)
    doc = _doc(journal, tmp_path)
    doc["letters"][0].update(change)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    with open_journal(tmp_path / "target") as target:
        with pytest.raises(ImportFileError, match=match):
            import_journal(target, path, backup=False)
        assert letters.list_letters(target) == []


def test_a_fifth_letter_for_a_program_is_refused_on_import(journal, tmp_path):
    x = _fill(journal)
    for n in ("B", "C", "D"):
        lt = letters.create_letter(journal, f"Dr. {n}", experience_id=x.id, status="uploaded")
        letters.assign_letter(journal, lt.id, "Mercy IM")
    path = tmp_path / "export.json"
    export_journal(journal, path)
    # Into the same journal: Mercy IM would get 8 letters.
    with pytest.raises(ValidationError, match="Mercy IM would have 5 letters assigned"):
        import_journal(journal, path, backup=False)
    assert len(letters.list_letters(journal)) == 5


def test_profile_must_be_an_object(journal, tmp_path):
    doc = _doc(journal, tmp_path)
    doc["profile"] = ["Surgery"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    with (
        open_journal(tmp_path / "target") as target,
        pytest.raises(ImportFileError, match=r"profile: must be an object or null"),
    ):
        import_journal(target, path, backup=False)
