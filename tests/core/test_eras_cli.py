"""``imgjournal eras``: add, set, list, show, draft, delete, export-markdown and ``print eras``."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader


def _ids(run) -> list[int]:
    code, out, _ = run("eras", "list", "--json")
    assert code == 0
    return [r["id"] for r in json.loads(out)]


@pytest.fixture
def rotation(run) -> int:
    code, out, err = run(
        "experience",
        "add",
        "--kind",
        "rotation",
        "--title",
        "IM sub-internship",
        "--start",
        "2025-03-01",
        "--end",
        "2025-03-28",
        "--institution",
        "Mercy General Hospital",
        "--state",
        "IL",
    )
    assert code == 0, err
    xid = int(out)
    code, _, err = run(
        "add",
        "case",
        "--title",
        "Chest pain on nights",
        "--experience",
        str(xid),
        "--lesson",
        "Repeat the ECG when the pain changes.",
        "--result",
        "The team caught a posterior MI early.",
    )
    assert code == 0, err
    return xid


def test_add_prints_the_id_and_list_json_has_exactly_the_keys(run, rotation):
    code, out, err = run(
        "eras", "add", "--title", "IM sub-I", "--type", "education", "--experience",
        str(rotation), "--description", "Line one\nLine two é",
    )  # fmt: skip
    assert (code, err) == (0, "")
    first = int(out)
    code, out, _ = run(
        "eras", "add", "--title", "Free clinic", "--type", "Volunteer", "--meaningful",
        "--reflection", "It taught me patience.",
    )  # fmt: skip
    assert code == 0
    second = int(out)
    code, out, _ = run("eras", "list", "--json")
    records = json.loads(out)
    assert [set(r) for r in records] == [
        {"id", "title", "type", "chars", "limit", "meaningful", "reflection_chars"}
    ] * 2
    assert records == [
        {
            "id": first,
            "title": "IM sub-I",
            "type": "education",
            "chars": 19,
            "limit": 750,
            "meaningful": False,
            "reflection_chars": 0,
        },
        {
            "id": second,
            "title": "Free clinic",
            "type": "volunteer",
            "chars": 0,
            "limit": 750,
            "meaningful": True,
            "reflection_chars": 22,
        },
    ]
    code, out, _ = run("eras", "list")
    assert "2 of 10 experiences; 1 of 3 most meaningful" in out


def test_past_a_limit_one_sentence_exit_1_nothing_stored(run):
    code, out, err = run("eras", "add", "--title", "Long", "--type", "work",
                         "--description", "x" * 751)  # fmt: skip
    assert code == 1 and out == ""
    assert err == (
        "imgjournal: error: The description is 751 characters and ERAS takes at most 750; cut 1.\n"
    )
    code, _, err = run("eras", "add", "--title", "R", "--type", "work", "--meaningful",
                       "--reflection", "r" * 301)  # fmt: skip
    assert code == 1 and err.count("\n") == 1 and "at most 300; cut 1." in err
    assert _ids(run) == []

    for n in range(3):
        assert run("eras", "add", "--title", f"M{n}", "--type", "work", "--meaningful")[0] == 0
    code, _, err = run("eras", "add", "--title", "M4", "--type", "work", "--meaningful")
    assert code == 1 and "at most 3 experiences be most meaningful" in err
    for n in range(7):
        assert run("eras", "add", "--title", f"P{n}", "--type", "research")[0] == 0
    assert len(_ids(run)) == 10
    code, out, err = run("eras", "add", "--title", "Eleventh", "--type", "research")
    assert code == 1 and out == ""
    assert "ERAS takes at most 10 experiences and you have 10" in err
    assert len(_ids(run)) == 10


def test_set_show_plain_draft_and_delete(run, rotation):
    _, out, _ = run("eras", "add", "--title", "Sub-I", "--type", "education",
                    "--experience", str(rotation))  # fmt: skip
    xid = out.strip()
    code, out, _ = run("eras", "draft", xid)
    assert code == 0
    assert "I learned: repeat the ECG when the pain changes." in out
    code, out, err = run("eras", "set", xid, "--description", "I *presented* daily.\r\nTwice.",
                         "--position", "Sub-intern")  # fmt: skip
    assert code == 0, err
    assert "(27 of 750 characters)" in out
    code, out, _ = run("eras", "show", xid, "--plain")
    assert code == 0
    assert out == (
        "Sub-I\n"
        "Experience type: Education/training\n"
        "Organization: Mercy General Hospital\n"
        "Position/role: Sub-intern\n"
        "Location: IL, USA\n"
        "Dates: 03/2025 – 03/2025\n"
        "\n"
        "Description:\n"
        "I *presented* daily.\n"
        "Twice.\n"
    )
    assert "#" not in out and "**" not in out
    code, out, _ = run("eras", "show", xid)
    assert "Description (27 of 750 characters):" in out
    code, _, err = run("eras", "set", xid, "--description", "d" * 751)
    assert code == 1
    assert "I *presented* daily." in run("eras", "show", xid, "--plain")[1]
    code, out, _ = run("eras", "delete", xid)
    assert code == 0 and "Deleted" in out
    assert _ids(run) == []
    code, _, err = run("eras", "show", xid)
    assert code == 1 and "no ERAS experience with id" in err


def test_print_eras_reads_back(run, rotation, tmp_path):
    run("eras", "add", "--title", "IM sub-internship", "--type", "education",
        "--experience", str(rotation), "--from-journal")  # fmt: skip
    run("eras", "add", "--title", "Free clinic", "--type", "volunteer", "--meaningful",
        "--reflection", "It taught me patience.",
        "--description", "I ran the intake desk.")  # fmt: skip
    pdf = tmp_path / "eras.pdf"
    code, out, err = run("print", "eras", "-o", str(pdf))
    assert code == 0, err
    assert out == f"Wrote the ERAS experiences (1 page) to {pdf}.\n"
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    flat = " ".join(text.split())
    assert "2 of 10 experiences · 1 of 3 most meaningful" in flat
    assert "1. IM sub-internship" in flat and "2. Free clinic" in flat
    assert "repeat the ECG when the pain changes." in flat
    assert "I ran the intake desk." in flat and "It taught me patience." in flat
    assert "22 of 300 characters" in flat


def test_print_and_markdown_refuse_identifiers(run, tmp_path):
    run("eras", "add", "--title", "Clinic", "--type", "volunteer",
        "--description", "Call me at 555-867-5309 about patient MRN 12345678.")  # fmt: skip
    pdf = tmp_path / "eras.pdf"
    code, _, err = run("print", "eras", "-o", str(pdf))
    assert code == 1 and "identifier" in err and not pdf.exists()
    md = tmp_path / "eras.md"
    code, _, err = run("eras", "export-markdown", str(md))
    assert code == 1 and "identifier" in err and not md.exists()
    code, out, err = run("eras", "export-markdown", str(md), "--allow-identifiers")
    assert code == 0 and "warning" in err
    assert md.read_text(encoding="utf-8").startswith("# ERAS experiences\n")
    code, out, err = run("eras", "show", "1", "--plain")
    assert code == 0 and "possible patient identifier" in err and "555-867-5309" in out


def test_eras_help_lists_its_commands(run, capsys):
    from imgjournal.cli import main

    with pytest.raises(SystemExit):
        main(["eras", "--help"])
    out = capsys.readouterr().out
    assert "{add,set,list,show,draft,delete,export-markdown}" in out
    assert "Unicode characters after NFC normalisation" in " ".join(out.split())
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "the ERAS application's experiences, from the journal" in capsys.readouterr().out


def _helps(parser, prefix=()) -> dict[tuple[str, ...], str]:
    import argparse

    out = {prefix: parser.format_help()}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                out |= _helps(child, (*prefix, name))
    return out


def test_registering_eras_leaves_every_other_help_text_byte_identical(monkeypatch):
    """Only `imgjournal --help` changes, by the one line of eras (the eras sheet of `print`
    is in export/pdf/options.py, so `print --help` lists it either way)."""
    from imgjournal.cli import eras as eras_group
    from imgjournal.cli import parser as cli_parser

    with_eras = _helps(cli_parser.build_parser())
    groups = cli_parser.command_groups()
    monkeypatch.setattr(
        cli_parser, "command_groups", lambda: tuple(g for g in groups if g is not eras_group)
    )
    without = _helps(cli_parser.build_parser())
    assert {k for k in with_eras if k[:1] != ("eras",)} == set(without)
    changed = [k for k in without if without[k] != with_eras[k]]
    assert changed == [()]
    extra = [line for line in with_eras[()].splitlines() if line not in without[()].splitlines()]
    assert len(extra) == 1 and extra[0].split()[0] == "eras"
