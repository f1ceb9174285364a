"""What a write changed (imgjournal.opchanges): read from each statement the journal runs."""

from __future__ import annotations

import threading

import pytest

from imgjournal.opchanges import ANY_COLUMN, EVERYTHING, NOTHING, Changes, of_statement
from imgjournal.services import entries, experiences, tags

# One line per form of write statement the services, SQLAlchemy and the importers send.
STATEMENTS = [
    ("INSERT INTO entries (kind, title) VALUES (?, ?) RETURNING id", {"entries"}, {}),
    ("insert or ignore into search_terms(term) values (?)", {"search_terms"}, {}),
    ('INSERT OR REPLACE INTO "privacy_state" (key, value) VALUES (?, ?)', {"privacy_state"}, {}),
    ("REPLACE INTO prompt_schedules (prompt_id) VALUES (?)", {"prompt_schedules"}, {}),
    ("\n  DELETE FROM entry_tags WHERE entry_tags.entry_id = ?", {"entry_tags"}, {}),
    (
        "UPDATE entries SET body=?, updated_at=? WHERE entries.id = ?",
        set(),
        {"entries": {"body", "updated_at"}},
    ),
    (
        "UPDATE OR ABORT `experiences` SET title = coalesce(?, title), end_date = ? "
        "WHERE id IN (SELECT id FROM x WHERE a = 1)",
        set(),
        {"experiences": {"title", "end_date"}},
    ),
    ("update prompts set hidden = 1", set(), {"prompts": {"hidden"}}),
    ("UPDATE main.entries SET [deleted_at]=? RETURNING id", set(), {"entries": {"deleted_at"}}),
]


@pytest.mark.parametrize(("sql", "rows", "columns"), STATEMENTS)
def test_each_form_of_write_names_its_table_and_columns(sql, rows, columns):
    ch = of_statement(sql)
    assert ch.rows == rows
    assert ch.columns == {t: frozenset(c) for t, c in columns.items()}
    assert not ch.everything and ch


@pytest.mark.parametrize(
    "sql",
    ["SELECT * FROM entries WHERE title = 'UPDATE x SET y = 1'", "PRAGMA user_version = 3", ""],
)
def test_reads_and_pragmas_change_nothing(sql):
    assert of_statement(sql) is NOTHING and not NOTHING


def test_a_write_it_cannot_read_is_everything():
    assert of_statement("WITH t AS (SELECT 1) INSERT INTO entries SELECT * FROM t").everything
    ch = of_statement("UPDATE entries SET (title, body) = (?, ?)")  # a row-value SET
    assert ch.columns == {"entries": frozenset({ANY_COLUMN})}
    assert ch.touches_columns("entries", {"kind"})


def test_merging_and_asking():
    body = Changes(columns={"entries": frozenset({"body"})})
    tagged = Changes(rows=frozenset({"entry_tags"}))
    both = body | tagged
    assert both.tables == {"entries", "entry_tags"}
    assert both.touches_kind("tags") and not body.touches_kind("tags")
    assert both.kinds == {"entries", "tags"}
    assert not body.touches_columns("entries", {"kind", "deleted_at"})
    assert body.touches_columns("entries", {"body"})
    assert Changes(rows=frozenset({"entries"})).touches_columns("entries", {"kind"})
    assert (body | EVERYTHING).everything and EVERYTHING.touches("anything")
    assert not body.touches("experiences")


def test_a_journal_reports_what_each_commit_wrote(journal):
    journal.take_changes()
    e = entries.create_entry(journal, "case", "Chest pain", body="Troponin")
    assert "entries" in journal.take_changes().rows
    entries.update_entry(journal, e.id, body="Troponin rose")
    ch = journal.take_changes()
    assert ch.columns["entries"] >= {"body"}
    assert not ch.touches_columns("entries", {"kind", "experience_id", "entry_date"})
    assert not ch.touches_kind("tags", "prompts", "experiences")
    assert journal.take_changes() is NOTHING  # taken once

    entries.update_entry(journal, e.id, tags=["cardiology"])
    assert journal.take_changes().touches_kind("tags")
    x = experiences.create_experience(journal, "rotation", "IM", e.entry_date)
    entries.update_entry(journal, e.id, experience_id=x.id)
    ch = journal.take_changes()
    assert ch.touches_kind("experiences") and ch.touches_columns("entries", {"experience_id"})


def test_a_rolled_back_write_is_not_reported(journal):
    from imgjournal.models import Tag

    journal.take_changes()
    with pytest.raises(RuntimeError), journal.session() as s:
        s.add(Tag(name="never"))
        s.flush()
        raise RuntimeError("rolled back")
    assert journal.take_changes() is NOTHING
    assert tags.list_tags(journal) == []


def test_a_write_out_of_the_engines_sight_is_everything(journal):
    journal.take_changes()
    with journal.session() as s:
        s.connection().connection.driver_connection.execute(
            "INSERT INTO tags (name) VALUES ('driver')"
        )
    assert journal.take_changes().everything


def test_each_thread_takes_only_its_own_changes(journal):
    journal.take_changes()
    got: list[Changes] = []

    def other() -> None:
        entries.create_entry(journal, "reflection", "On another thread")
        got.append(journal.take_changes())

    t = threading.Thread(target=other)
    t.start()
    t.join()
    assert "entries" in got[0].rows
    assert journal.take_changes() is NOTHING
