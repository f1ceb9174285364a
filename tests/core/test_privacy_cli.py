"""The privacy guard at the command line: `privacy scan`, and `print`/`export` refusing while
findings remain unless --allow-identifiers is given (no file written when they refuse)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from imgjournal.cli import main
from imgjournal.db import Journal
from imgjournal.services import entries, privacy
from imgjournal.services.dto import CaseFields

PHONE = "555-867-5309"


def run(home: Path, *args: str) -> int:
    return main(["--home", str(home), *args])


@pytest.fixture
def leaky(journal: Journal) -> int:
    entries.create_entry(journal, "reflection", "Clean day", body="Rounded on the floor; BNP 400.")
    e = entries.create_entry(
        journal,
        "case",
        "Chest pain",
        body=f"The daughter called back on {PHONE} after rounds.",
        case=CaseFields(chief_complaint="chest pain", situation="Email was jdoe@example.com"),
    )
    return e.id


def test_scan_json_has_exactly_the_keys_and_exit_1(
    leaky: int, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(home, "privacy", "scan", "--json") == 1
    records = json.loads(capsys.readouterr().out)
    assert records, "the phone number and e-mail address are found"
    for r in records:
        assert set(r) == {"entry", "field", "kind", "text", "start", "end", "suggestion"}
        assert r["entry"] == leaky
    by_field = {r["field"]: r for r in records}
    phone = by_field["body"]
    assert phone["text"] == PHONE and phone["kind"] in ("phone", "fax")
    text = f"The daughter called back on {PHONE} after rounds."
    assert text[phone["start"] : phone["end"]] == PHONE
    assert by_field["situation"]["kind"] == "email"


def test_scan_text_and_exit_0_when_clean(
    journal: Journal, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entries.create_entry(journal, "reflection", "Clean day", body="Rounded on the floor.")
    assert run(home, "privacy", "scan") == 0
    assert capsys.readouterr().out == "No possible patient identifiers found.\n"
    assert run(home, "privacy", "scan", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_scan_text_lists_each_finding_and_a_total(
    leaky: int, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(home, "privacy", "scan") == 1
    out = capsys.readouterr().out
    assert f"“{PHONE}” → “" in out
    assert "2 possible identifiers in 1 entry;" in out


def test_allow_list_from_the_cli_silences_a_finding(
    leaky: int, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(home, "privacy", "allow", "JDOE@example.com") == 0
    assert run(home, "privacy", "allowed") == 0
    assert capsys.readouterr().out.splitlines()[-1] == "JDOE@example.com"
    assert run(home, "privacy", "scan", "--json") == 1
    kinds = [r["kind"] for r in json.loads(capsys.readouterr().out)]
    assert "email" not in kinds and kinds
    assert run(home, "privacy", "allow", "--remove", "jdoe@example.com") == 0
    capsys.readouterr()
    assert run(home, "privacy", "scan", "--json") == 1
    assert "email" in [r["kind"] for r in json.loads(capsys.readouterr().out)]


def test_export_refuses_without_the_flag_and_writes_nothing(
    leaky: int, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.json"
    assert run(home, "export", str(out)) == 1
    err = capsys.readouterr().err
    assert err == (
        "imgjournal: error: The export would carry 2 possible patient identifiers; see them "
        "with `imgjournal privacy scan`, fix them, or add --allow-identifiers to go on "
        "anyway.\n"
    )
    assert not out.exists() and list(tmp_path.glob("*.json*")) == []

    assert run(home, "export", str(out), "--allow-identifiers") == 0
    assert out.exists() and PHONE in out.read_text(encoding="utf-8")
    assert "2 possible patient identifiers (--allow-identifiers)" in capsys.readouterr().err


def test_export_of_a_clean_journal_needs_no_flag(
    journal: Journal, home: Path, tmp_path: Path
) -> None:
    entries.create_entry(journal, "reflection", "Clean day", body="Rounded on the floor.")
    out = tmp_path / "out.json"
    assert run(home, "export", str(out)) == 0
    assert out.exists()


def test_export_checks_answer_drafts_and_the_trash(
    journal: Journal, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from imgjournal.services import prep, prompts

    e = entries.create_entry(journal, "reflection", "Old", body=f"call {PHONE}")
    entries.trash_entry(journal, e.id)
    pid = prompts.list_prompts(journal)[0].id
    prep.create_draft(journal, pid, "Mine", body="Write to me at someone@example.org")
    out = tmp_path / "out.json"
    assert run(home, "export", str(out)) == 1
    assert "2 possible patient identifiers" in capsys.readouterr().err
    assert not out.exists()


def test_print_refuses_without_the_flag_and_writes_nothing(
    leaky: int, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "journal.pdf"
    assert run(home, "print", "journal", "-o", str(out)) == 1
    err = capsys.readouterr().err
    assert err.startswith("imgjournal: error: The full journal would carry 2 possible patient ")
    assert "`imgjournal privacy scan`" in err and err.count("\n") == 1
    assert not out.exists() and list(tmp_path.iterdir()) == [tmp_path / "journal"]

    assert run(home, "print", "journal", "-o", str(out), "--allow-identifiers") == 0
    assert out.stat().st_size > 0


def test_print_looks_only_at_what_the_sheet_shows(
    leaky: int, journal: Journal, home: Path, tmp_path: Path
) -> None:
    # The leaky case is dated today; a journal sheet of last century holds nothing of it
    # (only a clean entry of then: a sheet with nothing at all is refused for that reason).
    from datetime import date

    entries.create_entry(journal, "reflection", "Back then", entry_date=date(1999, 6, 1))
    out = tmp_path / "old.pdf"
    assert run(home, "print", "journal", "-o", str(out), "--to", "1999-12-31") == 0
    assert out.exists()


def test_allow_list_service_folds_case_and_space(journal: Journal) -> None:
    assert privacy.allow(journal, "  St.   Mary ") == ["St. Mary"]
    assert privacy.allow(journal, "st. mary") == ["St. Mary"]
    assert privacy.set_allowed(journal, ["Bell", "", "bell", "Apgar"]) == ["Apgar", "Bell"]
    assert privacy.disallow(journal, "APGAR") == ["Bell"]
    with pytest.raises(Exception, match="cannot be empty"):
        privacy.allow(journal, "   ")


def test_add_warns_about_an_identifier_unless_it_is_allowed(
    journal: Journal, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(home, "add", "reflection", "--title", "Call", "--body", f"ring {PHONE}") == 0
    err = capsys.readouterr().err
    assert f"warning: entry 1: “{PHONE}” looks like" in err and "privacy scan" in err
    privacy.allow(journal, PHONE)
    assert run(home, "add", "reflection", "--title", "Call", "--body", f"ring {PHONE}") == 0
    assert capsys.readouterr().err == ""


def test_the_sample_journal_opens_calm_with_its_invented_staff_allowed(tmp_path, capsys):
    from imgjournal.demo import load_sample

    home = tmp_path / "demo"
    with Journal.open(home) as journal:
        load_sample(journal)
        allowed = privacy.allowed(journal)
    assert "Dr. Beaulieu" in allowed and len(allowed) >= 5
    assert main(["--home", str(home), "privacy", "scan"]) == 0
    assert capsys.readouterr().out.startswith("No possible patient identifiers")
    main(["--home", str(home), "add", "case", "--title", "Call back 617-555-0142"])
    assert main(["--home", str(home), "privacy", "scan"]) == 1  # the guard still stands


def test_scan_covers_answer_drafts_too(
    journal: Journal, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from imgjournal.services import prep

    draft = prep.create_draft(journal, 3, "My failure story", body=f"I called {PHONE} at 2 am.")
    assert run(home, "privacy", "scan", "--json") == 1
    (record,) = json.loads(capsys.readouterr().out)
    assert record["entry"] is None and record["field"] == f"draft {draft.id}"
    assert record["text"] == PHONE
    assert run(home, "privacy", "scan") == 1
    out = capsys.readouterr().out
    assert f"draft {draft.id}" in out and "1 possible identifier in 1 answer draft;" in out
