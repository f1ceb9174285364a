"""`imgjournal prep due` and `imgjournal prep coverage`: exit codes, text and JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from imgjournal.cli import main
from imgjournal.services import entries, prep, prompts
from imgjournal.services.journals import open_journal


@pytest.fixture
def prepared(home):
    """A journal with one prompt due, one new (it has a story) and one practised later."""
    with open_journal(home) as j:
        library = prompts.list_prompts(j)
        due, new, later = library[0], library[1], library[2]
        story = entries.create_entry(j, "reflection", "A hard night", prompt_ids=[new.id])
        long_ago = datetime.now(UTC) - timedelta(days=400)
        prep.record_attempt(j, due.id, 1, 40, at=long_ago)
        d = prep.create_draft(j, later.id, body="one two three")
        prep.record_attempt(j, later.id, 4, 80, draft_id=d.id)
    return {"due": due, "new": new, "later": later, "story": story}


def test_prep_due_text(run, prepared):
    code, out, err = run("prep", "due")
    assert (code, err) == (0, "")
    table = out.split("\n\n")[0].splitlines()
    assert table[0].split()[:3] == ["ID", "CATEGORY", "DUE"]
    ids = [int(line.split()[0]) for line in table[1:]]
    assert ids == [prepared["due"].id, prepared["new"].id]
    assert "1 due, 1 new." in out


def test_prep_due_json(run, prepared):
    code, out, err = run("prep", "due", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert [(r["prompt_id"], r["new"]) for r in data] == [
        (prepared["due"].id, False),
        (prepared["new"].id, True),
    ]
    first = data[0]
    assert set(first) == {
        "prompt_id",
        "key",
        "category",
        "text",
        "min_seconds",
        "max_seconds",
        "due",
        "new",
    }
    assert datetime.fromisoformat(first["due"]).tzinfo is not None
    assert data[1]["due"] is None


def test_prep_due_on_an_empty_journal(run):
    code, out, err = run("prep", "due")
    assert (code, err) == (0, "")
    assert out.startswith("Nothing is due.")
    code, out, _ = run("prep", "due", "--json")
    assert (code, json.loads(out)) == (0, [])


def test_prep_coverage_text(run, prepared):
    code, out, err = run("prep", "coverage")
    assert (code, err) == (0, "")
    header, *rows = out.split("\n\n")[0].splitlines()
    for column in ("ID", "CATEGORY", "ENTRIES", "WORDS", "LAST PRACTISED", "RATING", "GAPS"):
        assert column in header
    by_id = {int(r.split()[0]): r for r in rows}
    assert "Nailed it" in by_id[prepared["later"].id]
    assert "no story" in by_id[prepared["later"].id]
    assert "no draft, never practised" in by_id[prepared["new"].id]
    assert "Blanked" in by_id[prepared["due"].id]
    assert "1 of " in out and "have a story" in out


def test_prep_coverage_json(run, prepared, home):
    code, out, err = run("prep", "coverage", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    rows = {r["prompt_id"]: r for r in data["prompts"]}
    later = rows[prepared["later"].id]
    assert later["draft_words"] == 3
    assert later["last_rating"] == 4 and later["attempts"] == 1
    assert later["gaps"] == ["no story"]
    new = rows[prepared["new"].id]
    assert new["entry_ids"] == [prepared["story"].id] and new["linked_entries"] == 1
    assert new["last_practised"] is None and new["last_rating"] is None
    assert data["sole_stories"] == []


def test_prep_coverage_points_out_a_sole_story(run, home):
    with open_journal(home) as j:
        ids = [p.id for p in prompts.list_prompts(j)[:3]]
        e = entries.create_entry(j, "reflection", "My only story", prompt_ids=ids)
    code, out, _ = run("prep", "coverage")
    assert code == 0
    assert f"Entry {e.id} “My only story” is the only story for 3 prompts" in out
    code, out, _ = run("prep", "coverage", "--json")
    assert json.loads(out)["sole_stories"] == [
        {"entry_id": e.id, "title": "My only story", "prompt_ids": ids}
    ]


def test_prep_needs_a_subcommand(run):
    code, out, err = run("prep")
    assert code == 1
    assert err.startswith("imgjournal: error:") and len(err.strip().splitlines()) == 1


def test_prep_unknown_subcommand(run):
    code, _, err = run("prep", "later")
    assert code == 1 and "invalid choice" in err


def test_prep_errors_are_one_line(run, home):
    home.mkdir()
    (home / "journal.sqlite3").write_bytes(b"not a database" * 10)
    code, out, err = run("prep", "due")
    assert code == 1 and out == ""
    assert err.startswith("imgjournal: error:") and len(err.strip().splitlines()) == 1


def test_prep_help_mentions_both_commands(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["prep", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "due" in out and "coverage" in out
