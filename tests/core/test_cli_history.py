"""``imgjournal history``: the list, --json, --restore, and its one-line errors."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from imgjournal.db import Journal
from imgjournal.services import entries, history

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def edited(home):
    """An entry with two revisions: its first text, and the text 10 minutes into editing."""
    with Journal.open(home) as j:
        e = entries.create_entry(j, "reflection", "Night float", body="Tired but fine.")
        entries.update_entry(j, e.id, title="Night float 1", body="Tired.", now=T0)
        entries.update_entry(j, e.id, body="Tired. Slept at noon.", now=T0 + timedelta(minutes=10))
        entries.update_entry(j, e.id, body="Rested.", now=T0 + timedelta(minutes=11))
        return e


def test_list_as_text_and_json(run, edited):
    code, out, err = run("history", str(edited.id))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["REV", "SAVED", "WORDS", "KEPT", "TITLE"]
    saved = T0.astimezone().strftime("%Y-%m-%d %H:%M")
    assert lines[1].split() == ["2", *saved.split(), "1", "while", "editing", "Night", "float", "1"]
    assert lines[2].split()[0] == "1" and lines[2].endswith("Night float")
    assert len(lines) == 3
    code, out, err = run("history", str(edited.id), "--json")
    assert (code, err) == (0, "")
    records = json.loads(out)
    assert records == [
        {"rev": 2, "saved": T0.isoformat(), "title": "Night float 1", "words": 1},
        {"rev": 1, "saved": edited.updated_at.isoformat(), "title": "Night float", "words": 3},
    ]
    assert datetime.fromisoformat(records[0]["saved"]) == T0


def test_restore_says_what_it_did_and_can_be_undone(run, edited, home):
    code, out, err = run("history", str(edited.id), "--restore", "1")
    assert (code, err) == (0, "")
    assert out == (
        f"Restored revision 1 of entry {edited.id} (“Night float”); the text it had before "
        "is revision 3.\n"
    )
    with Journal.open(home) as j:
        e = entries.get_entry(j, edited.id)
        assert (e.title, e.body) == ("Night float", "Tired but fine.")
        assert history.get_revision(j, edited.id, 3).body == "Rested."
    code, out, _ = run("history", str(edited.id), "--restore", "3")
    assert code == 0 and "revision 3" in out
    with Journal.open(home) as j:
        assert entries.get_entry(j, edited.id).body == "Rested."


def test_an_entry_without_revisions(run, home):
    with Journal.open(home) as j:
        e = entries.create_entry(j, "reflection", "New")
    assert run("history", str(e.id)) == (
        0,
        f"Entry {e.id} has no revisions yet; they are kept as you edit it in the app.\n",
        "",
    )
    assert run("history", str(e.id), "--json") == (0, "[]\n", "")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["history", "42"], "There is no entry with id 42."),
        (
            ["history", "{id}", "--restore", "9"],
            "Entry {id} has no revision 9; see `imgjournal history {id}`.",
        ),
        (["history", "0"], "argument id: '0' is not an id (ids are 1 or more)"),
        (["history", "x"], "argument id: 'x' is not an id (ids are numbers)"),
        (["history", "99999999999999999999"], "is not an id (ids go up to 9223372036854775807"),
        (["history", "{id}", "--restore", "0"], "argument --restore: 0 must be 1 or more"),
        (["history", "{id}", "--restore", "-3"], "argument --restore: -3 must be 1 or more"),
        (["history", "{id}", "--restore", str(2**63)], f"argument --restore: {2**63} is too large"),
    ],
)
def test_errors_are_one_line_and_change_nothing(run, edited, home, argv, message):
    code, out, err = run(*[a.format(id=edited.id) for a in argv])
    assert code == 1 and out == ""
    assert err.startswith("imgjournal: error: ") and err.count("\n") == 1
    assert message.format(id=edited.id) in err
    assert "Traceback" not in err and "unexpected" not in err
    with Journal.open(home) as j:
        assert entries.get_entry(j, edited.id).body == "Rested."
        assert len(history.list_revisions(j, edited.id)) == 2


def test_help_names_the_command():
    from imgjournal.cli import build_parser

    assert "history" in build_parser().format_help()
