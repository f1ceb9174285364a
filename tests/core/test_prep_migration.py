"""Migration 0002 (interview prep) on a journal written at 0001: backed up first, data kept."""

from __future__ import annotations

from imgjournal import paths
from imgjournal.db import Journal, alembic_upgrade
from imgjournal.migrations import HEAD
from imgjournal.services import entries, prep, prompts
from imgjournal.sqlite import dbapi as sqlite3

PREP_TABLES = {"answer_drafts", "practice_attempts", "prompt_schedules"}


def _journal_at_0001(home):
    """A journal as imgjournal 0001 left it: schema 0001 through the same Alembic env, one
    experience, two entries (one linked to a prompt) written with plain SQL."""
    home.mkdir(parents=True)
    j = Journal(home)
    alembic_upgrade(j.engine, "0001")
    j.close()
    con = sqlite3.connect(paths.db_path(home))
    now = "2026-10-01T12:00:00.000000+00:00"
    con.execute(
        "INSERT INTO prompts (id, key, category, text, min_seconds, max_seconds, hidden, position)"
        " VALUES (1, NULL, 'behavioural', 'A conflict?', 60, 90, 0, 0)"
    )
    con.execute(
        "INSERT INTO experiences (id, kind, eras_type, title, institution, specialty, city, state,"
        " country, is_us, hands_on, start_date, supervisor, notes, created_at, updated_at)"
        " VALUES (1, 'rotation', 'education', 'IM sub-I', '', '', '', '', '', 1, 1,"
        " '2026-09-01', '', '', ?, ?)",
        (now, now),
    )
    for eid, title in ((1, "Old case"), (2, "Old reflection")):
        kind = "case" if eid == 1 else "reflection"
        con.execute(
            "INSERT INTO entries (id, kind, entry_date, title, body, experience_id, created_at,"
            " updated_at) VALUES (?, ?, '2026-09-15', ?, 'kept text', 1, ?, ?)",
            (eid, kind, title, now, now),
        )
    con.execute("INSERT INTO entry_prompts (entry_id, prompt_id) VALUES (1, 1)")
    con.commit()
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert (con.execute("SELECT version_num FROM alembic_version").fetchone()[0]) == "0001"
    con.close()
    assert not tables & PREP_TABLES


def test_a_0001_journal_is_backed_up_then_migrated_past_0002(home):
    # HEAD is 0002 or a later revision built on it; either way 0002 runs on this journal.
    _journal_at_0001(home)
    with Journal.open(home) as j:
        assert [e.title for e in entries.list_entries(j, newest_first=False)] == [
            "Old case",
            "Old reflection",
        ]
        assert entries.get_entry(j, 1).prompt_ids == (1,)
        # The new tables work at once, and the old prompt can be practised.
        assert [i.prompt.id for i in prep.due_prompts(j) if i.prompt.id == 1] == [1]
        d = prep.create_draft(j, 1, body="A short answer.")
        prep.record_attempt(j, 1, 3, 60, draft_id=d.id)
        assert prep.get_schedule(j, 1) is not None
        assert prompts.get_prompt(j, 1).text == "A conflict?"
    con = sqlite3.connect(paths.db_path(home))
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
    con.close()

    (backup,) = paths.backup_dir(home).glob(f"journal-*-before-{HEAD}.sqlite3")
    con = sqlite3.connect(backup)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    assert con.execute("SELECT title FROM entries ORDER BY id").fetchall() == [
        ("Old case",),
        ("Old reflection",),
    ]
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert not tables & PREP_TABLES
    con.close()


def test_search_still_works_after_the_migration(home):
    from imgjournal.services.search import search

    _journal_at_0001(home)
    with Journal.open(home) as j:
        assert {h.entry_id for h in search(j, "kept")} == {1, 2}


def test_prompt_delete_cascades_to_prep_rows(journal):
    p = prompts.add_prompt(journal, "ethics", "A dilemma?")
    d = prep.create_draft(journal, p.id, body="x")
    prep.record_attempt(journal, p.id, 3, 30, draft_id=d.id)
    con = journal.raw()
    con.execute("DELETE FROM prompts WHERE id = ?", (p.id,))
    con.commit()
    for table in PREP_TABLES:
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
