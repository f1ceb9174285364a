"""The export file carries programs and contacts, with checks (issue 19)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from imgjournal.errors import ValidationError
from imgjournal.export.json_io import ImportFileError, export_journal, import_journal
from imgjournal.services import contacts, experiences, letters, programs
from imgjournal.services.journals import open_journal
from imgjournal.services.prompts import list_prompts


def _fill(journal):
    x = experiences.create_experience(
        journal, "rotation", "IM sub-I", date(2026, 3, 2), end_date=date(2026, 3, 29),
        institution="Mercy Hospital",
    )  # fmt: skip
    lt = letters.create_letter(journal, "Dr. Priya Patel", experience_id=x.id)
    ask = list_prompts(journal)[2]
    p = programs.create_program(
        journal, "Mercy Hospital IM", "Internal Medicine", city="Springfield", state="IL",
        program_type="community-based university", visa="J-1 and H-1B",
        img_notes="Many **IMG** residents.", sources="Their website", affiliates=["Riverside"],
        on_date=date(2026, 9, 1), interview_format="virtual", questions="- Night float?",
        prompt_ids=[ask.id], thank_you_sent=True, interview_date=date(2026, 11, 14),
    )  # fmt: skip
    programs.set_program_status(journal, p.id, "interviewed", date(2026, 11, 14))
    programs.create_program(journal, "Lakeside FM", "Family Medicine")
    contacts.create_contact(
        journal, "Dr. Omar Haddad", role="PGY-3", institution="Mercy Hospital",
        met_where="sub-internship", met_on=date(2026, 3, 9), follow_up=date(2026, 12, 20),
        program_ids=[p.id], experience_ids=[x.id], letter_ids=[lt.id], notes="Likes QI.",
    )  # fmt: skip
    contacts.create_contact(journal, "Sam Rivera")
    return p


def _doc(journal, tmp_path):
    path = tmp_path / "export.json"
    export_journal(journal, path)
    return path, json.loads(path.read_text())


def test_round_trip_keeps_programs_and_contacts(journal, tmp_path):
    _fill(journal)
    path, doc = _doc(journal, tmp_path)
    assert [p["name"] for p in doc["programs"]] == ["Mercy Hospital IM", "Lakeside FM"]
    assert doc["programs"][0]["steps"] == {"considering": "2026-09-01", "interviewed": "2026-11-14"}
    assert doc["contacts"][0]["letter_ids"] == [1]
    with open_journal(tmp_path / "other") as other:
        summary = import_journal(other, path, backup=False)
        assert "2 programs, 2 contacts" in str(summary)
        assert programs.list_programs(other) == programs.list_programs(journal)
        assert contacts.list_contacts(other) == contacts.list_contacts(journal)
        again = tmp_path / "again.json"
        export_journal(other, again)
        assert json.loads(again.read_text()) == doc


def test_links_follow_renumbered_records(journal, tmp_path):
    _fill(journal)
    path, _doc_ = _doc(journal, tmp_path)
    with open_journal(tmp_path / "other") as other:
        x = experiences.create_experience(other, "research", "QI", date(2025, 1, 1))
        lt = letters.create_letter(other, "Dr. Mine")
        mine = programs.create_program(other, "Mine", "IM")
        import_journal(other, path, backup=False)
        omar = next(c for c in contacts.list_contacts(other) if c.name == "Dr. Omar Haddad")
        assert x.id not in omar.experience_ids and lt.id not in omar.letter_ids
        assert mine.id not in omar.program_ids
        assert programs.get_program(other, omar.program_ids[0]).name == "Mercy Hospital IM"
        assert letters.get_letter(other, omar.letter_ids[0]).writer_name == "Dr. Priya Patel"
        assert experiences.get_experience(other, omar.experience_ids[0]).title == "IM sub-I"


def test_a_file_without_the_sections_still_imports(journal, tmp_path):
    experiences.create_experience(journal, "research", "QI", date(2025, 1, 1))
    _path, doc = _doc(journal, tmp_path)
    assert "programs" not in doc and "contacts" not in doc


def _import_fails(tmp_path, doc, match, error=ValidationError):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    with open_journal(tmp_path / "target") as target:
        with pytest.raises(error, match=match):
            import_journal(target, path, backup=False)
        assert programs.list_programs(target) == [] and contacts.list_contacts(target) == []
        assert letters.list_letters(target) == [] and experiences.list_experiences(target) == []


def test_unknown_ids_are_one_sentence_and_nothing_is_written(journal, tmp_path):
    _fill(journal)
    _path, doc = _doc(journal, tmp_path)
    bad = json.loads(json.dumps(doc))
    bad["contacts"][0]["letter_ids"] = [42]
    _import_fails(
        tmp_path,
        bad,
        r"^contacts\[0\] \(id 1\): letter_ids names letter 42, which is not in the file or "
        r"the journal\.$",
    )
    bad = json.loads(json.dumps(doc))
    bad["programs"][1]["prompt_ids"] = [99999]
    _import_fails(tmp_path, bad, r"^programs\[1\] \(id 2\): prompt_ids names prompt 99999")


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"status": "matched"}, r"status must be one of considering, applied"),
        ({"visa": "F-1"}, r"visa must be one of unknown, none, J-1"),
        ({"name": "  "}, r"name must be a program's name"),
        ({"steps": {"ranked": "2027-02-01"}, "status": "applied"}, r"a step after"),
        ({"interview_date": "soon"}, r'interview_date "soon" is not a date'),
        ({"affiliates": ["ok", 3]}, r"affiliates must hold hospital names"),
        ({"colour": "red"}, r'the field "colour" is not part of the format'),
    ],
)
def test_bad_program_fields_are_named(journal, tmp_path, change, match):
    _fill(journal)
    _path, doc = _doc(journal, tmp_path)
    doc["programs"][0].update(change)
    _import_fails(tmp_path, doc, match, ImportFileError)
