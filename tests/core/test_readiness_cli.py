"""The readiness, profile and letter commands: output contracts, exit statuses, messages."""

from __future__ import annotations

import json
import subprocess
import sys

from imgjournal.db import Journal
from imgjournal.services import letters

READINESS_KEYS = [
    "us_months",
    "hands_on_months",
    "specialty_months",
    "months_since_last_us",
    "letters",
    "prompt_coverage",
    "next_steps",
]


def _experience(run, *extra):
    code, out, _ = run(
        "experience", "add", "--kind", "rotation", "--title", "IM sub-internship",
        "--start", "2026-03-02", "--end", "2026-03-29", "--specialty", "Internal Medicine",
        *extra,
    )  # fmt: skip
    assert code == 0
    return out.strip()


def test_readiness_json_has_exactly_the_issue_keys(run):
    _experience(run)
    assert run("profile", "set", "--specialty", "Internal Medicine", "--season", "2027")[0] == 0
    code, out, err = run("readiness", "--json")
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert list(doc) == READINESS_KEYS
    assert doc["us_months"] == round(28 / 30.4, 1)
    assert doc["hands_on_months"] == doc["specialty_months"] == doc["us_months"]
    assert doc["letters"] == dict.fromkeys(
        ["identified", "asked", "agreed", "written", "uploaded", "assigned"], 0
    )
    assert set(doc["prompt_coverage"]) == {"prompts", "with_story", "with_story_and_draft"}
    assert all(isinstance(s, str) and s.endswith(".") for s in doc["next_steps"])
    assert doc["next_steps"][0].startswith("You have 0.9 months of US clinical experience")


def test_readiness_text_says_what_is_missing(run):
    code, out, _ = run("readiness")
    assert code == 0
    assert "No application profile yet" in out and "Next steps:" in out
    assert "Plan your first US clinical experience" in out


def test_profile_set_and_show(run):
    code, out, _ = run("profile", "show", "--json")
    assert json.loads(out) == {
        "specialties": [], "season": None, "graduation_year": None, "needs_visa": None
    }  # fmt: skip
    code, _, _ = run(
        "profile",
        "set",
        "--specialty",
        "Pediatrics",
        "--specialty",
        "Family Medicine",
        "--season",
        "2027",
        "--graduated",
        "2022",
        "--no-visa",
    )
    assert code == 0
    assert json.loads(run("profile", "show", "--json")[1]) == {
        "specialties": ["Pediatrics", "Family Medicine"],
        "season": 2027,
        "graduation_year": 2022,
        "needs_visa": False,
    }
    code, _, err = run("profile", "set", "--season", "twenty")
    assert (
        code == 1 and err == "imgjournal: error: 'twenty' is not a year; write it as, e.g., 2027.\n"
    )


def test_letter_add_list_set(run, home):
    x = _experience(run)
    code, out, _ = run(
        "letter",
        "add",
        "--writer",
        "Dr. Priya Patel",
        "--experience",
        x,
        "--status",
        "asked",
        "--date",
        "2026-03-25",
        "--due",
        "2026-09-01",
        "--letter-id",
        "L123456",
        "--waived",
        "--title",
        "Clerkship director",
    )
    assert code == 0 and out.strip().isdigit()
    lid = out.strip()
    code, out, _ = run("letter", "set", lid, "--status", "agreed", "--date", "2026-03-27")
    assert code == 0 and out == f"Letter {lid} from Dr. Priya Patel is agreed.\n"
    code, out, _ = run("letter", "list", "--json")
    [rec] = json.loads(out)
    assert rec["writer_name"] == "Dr. Priya Patel" and rec["status"] == "agreed"
    assert rec["steps"] == {"asked": "2026-03-25", "agreed": "2026-03-27"}
    assert rec["writer_is_us"] is True and rec["waived"] is True
    assert rec["eras_letter_id"] == "L123456" and rec["experience_id"] == int(x)
    assert rec["writer_specialty"] == "Internal Medicine"  # from the experience
    code, out, _ = run("letter", "list")
    assert "agreed" in out and "Dr. Priya Patel" in out and "due 2026-09-01" in out
    code, _, err = run("letter", "set", lid, "--status", "sent")
    assert code == 1 and "status must be one of identified, asked" in err
    code, _, err = run("letter", "add", "--writer", "Dr. X", "--experience", "99")
    assert code == 1 and err == (
        "imgjournal: error: There is no experience with id 99; `imgjournal experience list` "
        "shows them.\n"
    )


def test_fifth_letter_for_a_program_exits_1_and_stores_nothing(run, home):
    x = _experience(run)
    ids = []
    for name in ("Dr. Ames", "Dr. Bose", "Dr. Cruz", "Dr. Diaz", "Dr. Egan"):
        code, out, _ = run("letter", "add", "--writer", name, "--experience", x,
                           "--status", "uploaded")  # fmt: skip
        ids.append(out.strip())
    for i in ids[:4]:
        code, out, _ = run("letter", "assign", i, "--program", "Mercy IM")
        assert code == 0
    code, out, err = run("letter", "assign", ids[4], "--program", "Mercy IM")
    assert code == 1 and out == ""
    assert err == (
        "imgjournal: error: Mercy IM already has 4 letters assigned (Dr. Ames, Dr. Bose, "
        "Dr. Cruz, Dr. Diaz); ERAS allows at most 4 per program, so unassign one before "
        "assigning this one.\n"
    )
    with Journal.open(home) as j:
        fifth = letters.get_letter(j, int(ids[4]))
        assert fifth.programs == () and fifth.status == "uploaded"
        raw = j.raw()
        assert raw.execute("SELECT count(*) FROM letter_assignments").fetchone()[0] == 4


def test_help_of_the_new_commands():
    for argv in (
        ["readiness", "--help"],
        ["profile", "set", "--help"],
        ["letter", "--help"],
        ["letter", "add", "--help"],
        ["letter", "assign", "--help"],
    ):
        p = subprocess.run(
            [sys.executable, "-m", "imgjournal", *argv], capture_output=True, text=True, timeout=60
        )
        assert p.returncode == 0 and "usage: imgjournal" in p.stdout, p.stderr
    p = subprocess.run(
        [sys.executable, "-m", "imgjournal", "letter", "add", "--help"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    for flag in ("--writer", "--experience", "--status", "--specialty", "--us", "--abroad",
                 "--due", "--letter-id"):  # fmt: skip
        assert flag in p.stdout


def test_print_readiness_is_one_page_with_the_figures_and_next_steps(run, tmp_path):
    import pypdf

    x = _experience(run)
    run("profile", "set", "--specialty", "Internal Medicine", "--season", "2027")
    code, out, _ = run(
        "add",
        "feedback",
        "--title",
        "Rounds feedback",
        "--experience",
        x,
        "--giver",
        "Dr. Priya Patel",
        "--feedback-kind",
        "praise",
        "--words",
        "Your presentations were crisp",
        "--date",
        "2026-03-20",
    )
    assert code == 0, out
    run("letter", "add", "--writer", "Dr. Lee", "--experience", x, "--status", "agreed",
        "--date", "2026-03-28", "--title", "Program director")  # fmt: skip
    pdf = tmp_path / "ready.pdf"
    code, out, err = run("print", "readiness", "-o", str(pdf))
    assert code == 0, err
    assert out == f"Wrote the readiness summary (1 page) to {pdf}.\n"
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    for words in (
        "Application readiness",
        "Target: Internal Medicine · ERAS 2027",
        "US clinical experience",
        "0.9 months",
        "needs work",
        "Ask Dr. Priya Patel for a letter",
        "Dr. Lee",
        "Program director",
        "IM sub-internship",
    ):
        assert words in text, words
    code, _, err = run("print", "readiness", "-o", str(pdf), "--experience", x)
    assert code == 1 and "not for the readiness summary" in err


def test_letter_writers_are_not_patient_identifiers(run, tmp_path):
    """The privacy guard reads entries and drafts: a letter's writer and notes are never
    flagged, so export and print go on without --allow-identifiers."""
    x = _experience(run)
    code, _, _ = run(
        "letter", "add", "--writer", "Dr. Priya Patel", "--experience", x,
        "--institution", "Mercy Hospital, Springfield",
        "--notes", "Call Dr. Patel's office at 555-123-4567 on 3/14/2026.",
    )  # fmt: skip
    assert code == 0
    code, out, err = run("privacy", "scan", "--json")
    assert code == 0 and json.loads(out) == [], err
    code, _, err = run("export", str(tmp_path / "out.json"))
    assert code == 0, err
    code, _, err = run("print", "readiness", "-o", str(tmp_path / "r.pdf"))
    assert code == 0, err
    # The same text in an entry is flagged: the guard is on, letters are simply not read.
    run("add", "reflection", "--title", "Note", "--body", "Call 555-123-4567 on 3/14/2026.")
    code, out, _ = run("privacy", "scan", "--json")
    assert code == 1 and json.loads(out)


def _praise(run, x, giver, words, when="2026-03-20"):
    code, out, _ = run(
        "add", "feedback", "--title", "Rounds feedback", "--experience", x, "--giver", giver,
        "--feedback-kind", "praise", "--words", words, "--date", when,
    )  # fmt: skip
    assert code == 0, out
    return int(out.strip())


def test_print_readiness_goes_through_the_privacy_gate(run, tmp_path):
    """The next steps quote feedback words: an identifier there stops `print readiness`
    (as for every sheet) unless --allow-identifiers; the people named are never flagged."""
    import pypdf

    x = _experience(run)
    _praise(run, x, "Dr. Priya Patel", "Call 555-123-4567 about bed 4, well presented")
    run("letter", "add", "--writer", "Dr. Omar Lee", "--experience", x, "--status", "agreed")
    pdf = tmp_path / "ready.pdf"
    code, out, err = run("print", "readiness", "-o", str(pdf))
    assert code == 1 and out == "" and not pdf.exists()
    assert err == (
        "imgjournal: error: The readiness summary would carry 1 possible patient identifier; "
        "see them with `imgjournal privacy scan`, fix them, or add --allow-identifiers to go "
        "on anyway.\n"
    )
    code, _, err = run("print", "readiness", "-o", str(pdf), "--allow-identifiers")
    assert code == 0, err
    text = " ".join(pypdf.PdfReader(pdf).pages[0].extract_text().split())
    assert "Ask Dr. Priya Patel for a letter" in text and "555-123-4567" in text


def test_readiness_names_people_without_tripping_the_gate(run, home, tmp_path):
    from imgjournal.export.pdf.data import gather
    from imgjournal.export.pdf.options import SheetOptions
    from imgjournal.services.privacy import scan_gathered

    x = _experience(run, "--supervisor", "Dr. Maria Gonzalez", "--institution", "Mercy Hospital")
    _praise(run, x, "Dr. Priya Patel", "Crisp presentations on rounds")
    run("letter", "add", "--writer", "Dr. Omar Lee", "--experience", x, "--status", "asked",
        "--date", "2026-01-02")  # fmt: skip
    code, _, err = run("print", "readiness", "-o", str(tmp_path / "r.pdf"))
    assert code == 0, err
    with Journal.open(home) as j:
        g = gather(j, "readiness", SheetOptions())
        steps = " ".join(g.data.readiness.next_steps)
        assert "Dr. Priya Patel" in steps and "Dr. Omar Lee" in steps
        assert scan_gathered(j, g) == []


def test_print_bragsheet_for_a_letter_is_addressed_to_its_writer(run, tmp_path):
    import pypdf

    x = _experience(run, "--supervisor", "Dr. Maria Gonzalez")
    other = _experience(run)
    run("profile", "set", "--specialty", "Internal Medicine", "--season", "2027")
    # The supervisor's praise is older: without the letter it would come first.
    _praise(run, x, "Dr. Maria Gonzalez", "Thorough notes every morning", "2026-03-05")
    _praise(run, x, "Dr. Priya Patel", "Your presentations were crisp", "2026-03-20")
    code, out, _ = run(
        "add", "case", "--title", "Chest pain at night", "--experience", x, "--role",
        "presented", "--lesson", "Repeat the troponin before calling it", "--date", "2026-03-10",
    )  # fmt: skip
    assert code == 0, out
    code, out, _ = run(
        "add", "case", "--title", "Falls clinic", "--experience", x, "--role", "observed",
        "--lesson", "Check orthostatic vitals", "--date", "2026-03-12",
    )  # fmt: skip
    assert code == 0, out
    code, lid, _ = run("letter", "add", "--writer", "Dr. Patel", "--experience", x,
                       "--title", "Clerkship director", "--institution", "Mercy")  # fmt: skip
    lid = lid.strip()
    pdf = tmp_path / "patel.pdf"
    # The privacy gate flags a giver's name as anywhere else, but not the letter's writer's.
    code, out, err = run("print", "bragsheet", "-o", str(pdf), "--letter", lid)
    assert code == 1 and "would carry 1 possible patient identifier" in err
    code, out, _ = run("privacy", "scan", "--json")
    assert sorted(f["text"] for f in json.loads(out)) == ["Dr. Maria Gonzalez", "Dr. Priya Patel"]
    code, out, err = run(
        "print", "bragsheet", "-o", str(pdf), "--letter", lid, "--allow-identifiers"
    )
    assert code == 0, err
    assert out.startswith("Wrote the letter-writer brag sheet (")
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages).split())
    assert text.index("Brag sheet") < text.index("Prepared for Dr. Patel")
    assert "Clerkship director · Mercy" in text
    assert text.index("Prepared for Dr. Patel") < text.index("What I did")
    assert "What I am applying for" in text and "Internal Medicine" in text
    assert "ERAS 2027" in text
    # The cases' lessons: the presented case's with it, the others' in a section of their own.
    assert text.count("Repeat the troponin before calling it") == 1
    assert "What I learnt from these cases (1)" in text and "Check orthostatic vitals" in text
    assert pypdf.PdfReader(pdf).metadata.title == "Brag sheet for Dr. Patel: IM sub-internship"
    # The writer's words come before another giver's (the supervisor's).
    assert "What Dr. Patel told me (1)" in text and "Feedback from others (1)" in text
    assert text.index("Your presentations were crisp") < text.index("Thorough notes")
    assert "For Dr. Maria Gonzalez" not in text

    for argv, message in (
        (["bragsheet", "--letter", "99"], "There is no letter with id 99"),
        (["bragsheet", "--letter", lid, "--experience", other],
         f"Letter {lid} is from experience {x}, not {other}"),
        (["rotation", "--letter", lid, "--experience", x],
         "A letter can be chosen for the letter-writer brag sheet, not for the rotation"),
    ):  # fmt: skip
        code, out, err = run("print", *argv, "-o", str(tmp_path / "no.pdf"))
        assert code == 1 and message in err, err
        assert not (tmp_path / "no.pdf").exists()


def test_print_help_documents_the_letter_flag():
    p = subprocess.run(
        [sys.executable, "-m", "imgjournal", "print", "--help"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert p.returncode == 0 and "--letter ID" in p.stdout
    assert "print bragsheet -o patel.pdf --letter 2" in p.stdout


def test_letter_set_changes_only_what_it_is_given(run, home):
    x = _experience(run)
    other = _experience(run)
    code, lid, _ = run("letter", "add", "--writer", "Dr. Lee", "--experience", x,
                       "--status", "asked", "--date", "2026-03-25", "--waived")  # fmt: skip
    lid = lid.strip()
    code, out, err = run(
        "letter", "set", lid, "--writer", "Dr. Omar Lee", "--title", "Program director",
        "--abroad", "--due", "2026-09-15", "--letter-id", "L77", "--not-waived",
    )  # fmt: skip
    assert code == 0, err
    assert out == (
        f"Changed the writer's name, the title, US or abroad, the due date, the ERAS Letter ID "
        f"and the waiver of letter {lid} from Dr. Omar Lee.\n"
    )
    [rec] = json.loads(run("letter", "list", "--json")[1])
    assert rec["writer_name"] == "Dr. Omar Lee" and rec["writer_title"] == "Program director"
    assert rec["writer_is_us"] is False and rec["due_date"] == "2026-09-15"
    assert rec["eras_letter_id"] == "L77" and rec["waived"] is False
    # What was not given stays as it was: the status and its date, the specialty, the notes.
    assert rec["status"] == "asked" and rec["steps"] == {"asked": "2026-03-25"}
    assert rec["writer_specialty"] == "Internal Medicine" and rec["notes"] == ""

    code, out, _ = run("letter", "set", lid, "--status", "agreed", "--notes", "Met *Friday*",
                       "--experience", other, "--date", "2026-04-01")  # fmt: skip
    assert code == 0 and out == f"Letter {lid} from Dr. Omar Lee is agreed.\n"
    [rec] = json.loads(run("letter", "list", "--json")[1])
    assert rec["status"] == "agreed" and rec["steps"]["agreed"] == "2026-04-01"
    assert rec["notes"] == "Met *Friday*" and rec["experience_id"] == int(other)

    before = rec
    for argv, message in (
        ([], "Say what to change: --status, or one of --writer,"),
        (["--date", "2026-04-02"], "--date is when the letter reached a status; give --status"),
        # A bad value stores nothing, not even the good ones given with it.
        (["--title", "Chair", "--status", "sent"], "status must be one of identified, asked"),
        (["--title", "Chair", "--experience", "99"], "There is no experience with id 99"),
        (["--writer", "  "], "writer's name"),
    ):
        code, out, err = run("letter", "set", lid, *argv)
        assert code == 1 and out == "" and message in err, (argv, err)
        assert err.startswith("imgjournal: error: ") and err.count("\n") == 1
    assert json.loads(run("letter", "list", "--json")[1]) == [before]
    code, _, err = run("letter", "set", "99", "--title", "Chair")
    assert code == 1 and "There is no letter with id 99" in err


def test_letter_set_help_lists_the_detail_flags():
    p = subprocess.run(
        [sys.executable, "-m", "imgjournal", "letter", "set", "--help"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert p.returncode == 0
    for flag in ("--status", "--date", "--writer", "--title", "--specialty", "--institution",
                 "--us", "--abroad", "--due", "--letter-id", "--waived", "--not-waived",
                 "--notes", "--experience"):  # fmt: skip
        assert flag in p.stdout, flag


def test_print_bragsheet_for_a_letter_without_an_experience_says_what_to_do(run, home, tmp_path):
    run("profile", "set", "--season", "2027")  # creates the journal
    with Journal.open(home) as j:
        lid = letters.create_letter(j, "Prof. Hany Abdelrahman").id
    code, out, err = run("print", "bragsheet", "-o", str(tmp_path / "b.pdf"), "--letter", str(lid))
    assert code == 1 and out == "" and not (tmp_path / "b.pdf").exists()
    assert err == (
        f"imgjournal: error: Letter {lid} from Prof. Hany Abdelrahman is not linked to an "
        f"experience; link it first (on the command line: `imgjournal letter set {lid} "
        "--experience ID`).\n"
    )
