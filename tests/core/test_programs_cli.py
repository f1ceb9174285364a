"""The program and contact commands: output contracts, exit statuses, messages (issue 19)."""

from __future__ import annotations

import json

LIST_KEYS = ["id", "name", "specialty", "status", "reasons"]


def _rotation(run):
    code, out, _ = run(
        "experience", "add", "--kind", "rotation", "--title", "IM sub-internship",
        "--institution", "Mercy Hospital", "--start", "2026-03-02", "--end", "2026-03-29",
        "--specialty", "Internal Medicine",
    )  # fmt: skip
    assert code == 0
    return out.strip()


def test_program_add_prints_the_id_and_list_json_has_exactly_the_keys(run):
    _rotation(run)
    assert run("profile", "set", "--specialty", "Internal Medicine", "--visa")[0] == 0
    code, out, err = run(
        "program", "add", "--name", "Mercy Hospital IM", "--specialty", "Internal Medicine",
        "--state", "IL", "--visa", "J-1", "--status", "applied",
    )  # fmt: skip
    assert (code, out, err) == (0, "1\n", "")
    code, out, _ = run("program", "add", "--name", "Lakeside", "--specialty", "Family Medicine")
    assert (code, out) == (0, "2\n")
    code, out, err = run("program", "list", "--json")
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert [list(d) for d in doc] == [LIST_KEYS, LIST_KEYS]
    by_name = {d["name"]: d for d in doc}
    mercy = by_name["Mercy Hospital IM"]
    assert (mercy["id"], mercy["specialty"], mercy["status"]) == (1, "Internal Medicine", "applied")
    assert mercy["reasons"] == [
        "You did a 4-week IM sub-internship at Mercy Hospital",
        "You have 0.9 months of US clinical experience in Internal Medicine",
        "They sponsor J-1, which you need",
    ]
    assert by_name["Lakeside"]["reasons"] == []
    code, out, _ = run("program", "list")
    assert code == 0 and "fit 3" in out and "· They sponsor J-1, which you need" in out


def test_program_set_records_the_step_and_show_tells_it(run):
    run("program", "add", "--name", "Mercy IM", "--specialty", "IM", "--date", "2026-09-01")
    code, out, _ = run(
        "program", "set", "1", "--status", "interview-invited", "--date", "2026-10-20",
        "--interview-date", "2026-11-14", "--interview-format", "virtual",
        "--questions", "How are IMGs supported?", "--affiliate", "Riverside Clinic",
    )  # fmt: skip
    assert (code, out) == (0, "Program 1, Mercy IM, is interview invited.\n")
    code, out, _ = run("program", "show", "1", "--json")
    doc = json.loads(out)
    assert doc["steps"] == {"considering": "2026-09-01", "interview_invited": "2026-10-20"}
    assert doc["interview_date"] == "2026-11-14" and doc["affiliates"] == ["Riverside Clinic"]
    assert doc["reasons"] == [] and doc["concerns"] == []
    code, out, _ = run("program", "show", "1")
    assert code == 0 and "interview: 2026-11-14 virtual" in out and "How are IMGs" in out


def test_bad_input_is_one_sentence_and_exit_1(run):
    code, out, err = run("program", "add", "--name", "X", "--specialty", "IM", "--visa", "F-1")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "visa sponsorship must be J-1, H-1B" in err
    code, _, err = run("program", "set", "7", "--status", "applied")
    assert code == 1 and "no program with id 7" in err
    code, _, err = run("program", "add", "--name", "X")
    assert code == 1 and "--specialty" in err
    assert json.loads(run("program", "list", "--json")[1]) == []


def test_contacts_add_list_set(run):
    x = _rotation(run)
    run("program", "add", "--name", "Mercy Hospital IM", "--specialty", "IM")
    code, out, _ = run(
        "contact", "add", "--name", "Dr. Priya Patel", "--role", "Program Director",
        "--institution", "Mercy Hospital", "--met-where", "sub-internship",
        "--met-on", "2026-03-10", "--follow-up", "2026-12-20", "--program", "1",
        "--experience", x,
    )  # fmt: skip
    assert (code, out) == (0, "1\n")
    code, out, _ = run("contact", "list", "--json")
    (c,) = json.loads(out)
    assert c["name"] == "Dr. Priya Patel" and c["program_ids"] == [1]
    assert c["experience_ids"] == [int(x)] and c["follow_up"] == "2026-12-20"
    code, out, _ = run("contact", "set", "1", "--follow-up", "2027-01-05", "--no-links")
    assert (code, out) == (0, "Contact 1, Dr. Priya Patel, is saved.\n")
    c = json.loads(run("contact", "show", "1", "--json")[1])
    assert c["program_ids"] == [] and c["follow_up"] == "2027-01-05"
    # Still there by institution: she works at the program.
    (p,) = json.loads(run("program", "list", "--json")[1])
    assert "Dr. Priya Patel, Program Director (contact) works here" in p["reasons"]
    code, _, err = run("contact", "add", "--name", "Sam", "--letter", "4")
    assert code == 1 and "no letter with id 4" in err
    assert len(json.loads(run("contact", "list", "--json")[1])) == 1


def test_print_interview_is_one_page_with_the_program_the_stories_and_the_people(
    run, home, tmp_path
):
    import pypdf

    from imgjournal.demo import load_sample
    from imgjournal.services.journals import open_journal

    with open_journal(home) as journal:
        load_sample(journal)
    out = tmp_path / "willow.pdf"
    code, text, err = run("print", "interview", "-o", str(out), "--program", "1")
    assert (code, err) == (0, "")
    assert text == f"Wrote the interview-day sheet (1 page) to {out}.\n"
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 1
    page = " ".join(reader.pages[0].extract_text().split())
    for words in (
        "Interview day: Willow Creek Community Teaching Hospital Internal Medicine",
        "sponsors J-1",
        "Why it fits (5)",
        "You did an 8-week Internal Medicine externship",
        "What support do IMGs get in the first months",  # the questions to ask
        "About a third of the current residents are IMGs",  # the notes
        "Tell me about a challenging clinical experience.",  # a prompt they ask
        "Depression screening that changed the visit",  # its story
        "best practice: Good",
        "People there (1)",
        "Dr. Rachel Ortiz",
    ):
        assert words in page, words
    # No program: one sentence, exit 1, no file.
    gone = tmp_path / "none.pdf"
    code, _, err = run("print", "interview", "-o", str(gone))
    assert code == 1 and "about one program" in err and not gone.exists()
    code, _, err = run("print", "interview", "-o", str(gone), "--program", "9")
    assert code == 1 and "no program with id 9" in err and not gone.exists()
    code, _, err = run("print", "study", "-o", str(gone), "--program", "1")
    assert code == 1 and "A program can be chosen for the interview-day sheet" in err


def test_print_interview_refuses_while_a_story_it_prints_holds_an_identifier(
    run, journal, tmp_path
):
    from imgjournal.services import entries, programs
    from imgjournal.services.prompts import list_prompts

    ask = list_prompts(journal)[0]
    entries.create_entry(
        journal, "reflection", "The call back", body="She called back on 555-867-5309.",
        prompt_ids=[ask.id],
    )  # fmt: skip
    # A story for a prompt the program does not ask is not printed: nothing to refuse.
    other = programs.create_program(journal, "Lakeside FM", "Family Medicine")
    out = tmp_path / "sheet.pdf"
    assert run("print", "interview", "-o", str(out), "--program", str(other.id))[0] == 0
    p = programs.create_program(journal, "Mercy IM", "Internal Medicine", prompt_ids=[ask.id])
    out.unlink()
    code, _, err = run("print", "interview", "-o", str(out), "--program", str(p.id))
    assert code == 1 and "possible patient identifier" in err and not out.exists()
    code, _, _ = run(
        "print", "interview", "-o", str(out), "--program", str(p.id), "--allow-identifiers"
    )
    assert code == 0 and out.exists()
