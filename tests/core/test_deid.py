from __future__ import annotations

import pytest

from imgjournal.cli import main
from imgjournal.deid import scan


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Call her at (555) 123-4567 tomorrow", "phone"),
        ("email jdoe@example.org", "email"),
        ("MRN: 00123456", "record"),
        ("SSN 123-45-6789", "ssn"),
        ("admitted 03/14/2026", "date"),
        ("admitted March 14, 2026", "date"),
        ("a 94-year-old woman", "age"),
        ("see https://hospital.example/chart", "url"),
        ("Mr. Alvarez was upset", "name"),
        ("ZIP 60614", "zip"),
    ],
)
def test_identifiers_are_found(text, kind):
    findings = scan(text)
    assert findings and findings[0].kind == kind
    assert findings[0].text in text


@pytest.mark.parametrize(
    "text",
    [
        "A 45-year-old with chest pain; troponin 0.04 at 2 h, BP 120/80.",
        "In 2026 I rotated in internal medicine; 3 L diuresed, K 5.9.",
        "Presented on rounds to the attending; the patient's daughter asked questions.",
        "Age band 90+, ICU bed, 12-lead ECG, I-PASS handoff.",
    ],
)
def test_clinical_text_is_not_flagged(text):
    assert scan(text) == []


def test_cli_warns_but_saves(tmp_path, capsys):
    home = str(tmp_path / "j")
    code = main(
        [
            "--home",
            home,
            "add",
            "case",
            "--title",
            "Chest pain",
            "--body",
            "Mr. Jones, MRN 4455667, seen 01/02/2026",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0 and out.strip() == "1"
    assert err.count("imgjournal: warning: entry 1:") == 3
    assert "“Mr. Jones”" in err and "“4455667”" in err and "“01/02/2026”" in err


def test_finding_carries_kind_label_and_suggestion():
    from imgjournal.deid import KINDS, Finding

    (f,) = scan("call (555) 123-4567")
    assert isinstance(f, Finding)
    assert (f.start, f.end, f.kind, f.text) == (5, 19, "phone", "(555) 123-4567")
    assert f.suggestion == "[PHONE]" and f.label == KINDS["phone"] == "a phone number"
    assert "(555) 123-4567" in f.sentence() and "[PHONE]" in f.sentence()


def test_allowed_words_are_not_reported():
    text = "Mr. Alvarez, MRN 00123456"
    assert [f.kind for f in scan(text)] == ["name", "record"]
    assert [f.kind for f in scan(text, allow=["  mr. ALVAREZ "])] == ["record"]
