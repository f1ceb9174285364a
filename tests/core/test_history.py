"""Revision history: what is kept while editing and on leaving, restore, retention, the diff."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from imgjournal.errors import NotFoundError, ValidationError
from imgjournal.services import entries, history
from imgjournal.services.dto import CaseFields

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def minutes(n: float) -> datetime:
    return T0 + timedelta(minutes=n)


def revs(journal, entry_id):
    return [(r.rev, r.title, r.reason) for r in history.list_revisions(journal, entry_id)]


def bodies(journal, entry_id):
    return {
        r.rev: history.get_revision(journal, entry_id, r.rev).body
        for r in history.list_revisions(journal, entry_id)
    }


def stored(journal, sql, *args):
    return journal.raw().execute(sql, args).fetchall()


@pytest.fixture
def entry(journal):
    return entries.create_entry(journal, "reflection", "Night float", body="First draft.")


def test_editing_keeps_the_text_before_it_at_most_every_10_minutes(journal, entry):
    entries.update_entry(journal, entry.id, body="Second.", now=minutes(0))
    # The text the entry had before editing began is kept, with the time it was saved.
    (first,) = history.list_revisions(journal, entry.id)
    assert (first.rev, first.reason, first.saved) == (1, "edit", entry.updated_at)
    assert history.get_revision(journal, entry.id, 1).body == "First draft."
    for i, text in enumerate(("Third.", "Fourth.", "Fifth."), start=1):
        entries.update_entry(journal, entry.id, body=text, now=minutes(3 * i))  # 3, 6, 9 min
    assert bodies(journal, entry.id) == {1: "First draft."}
    entries.update_entry(journal, entry.id, body="Sixth.", now=minutes(10))
    assert bodies(journal, entry.id) == {1: "First draft.", 2: "Fifth."}
    assert history.list_revisions(journal, entry.id)[0].saved == minutes(9)
    # Only 9 minutes after revision 2: nothing.
    entries.update_entry(journal, entry.id, body="Seventh.", now=minutes(19))
    assert len(history.list_revisions(journal, entry.id)) == 2


def test_saves_that_do_not_change_the_text_keep_nothing(journal, entry):
    entries.update_entry(journal, entry.id, tags=["nights"], now=minutes(0))
    entries.update_entry(journal, entry.id, body="First draft.", now=minutes(20))
    assert history.list_revisions(journal, entry.id) == []
    entries.update_entry(journal, entry.id, title="Night float, week 1", now=minutes(40))
    assert revs(journal, entry.id) == [(1, "Night float", "edit")]


def test_case_fields_count_as_text_and_come_back_on_restore(journal):
    case = entries.create_entry(
        journal, "case", "DKA", case=CaseFields(situation="Teen in the ED", diagnoses=("DKA",))
    )
    entries.update_entry(
        journal, case.id, case=CaseFields(situation="Changed", diagnoses=("DKA", "AKI"))
    )
    diff = history.compare(journal, case.id, 1)
    assert diff.fields_changed == ("Diagnoses", "Situation")
    assert diff.body == []  # both bodies empty
    done = history.restore_revision(journal, case.id, 1)
    assert done.entry.case.situation == "Teen in the ED"
    assert done.entry.case.diagnoses == ("DKA",)
    assert entries.get_entry(journal, case.id).case.situation == "Teen in the ED"
    assert dict(history.get_revision(journal, case.id, done.kept.rev).fields)["star_situation"] == (
        "Changed"
    )


def test_leaving_keeps_the_current_text_once(journal, entry):
    kept = history.record_revision(journal, entry.id, now=minutes(0), reason="left")
    assert kept is not None and (kept.rev, kept.reason, kept.words) == (1, "left", 2)
    assert kept.size == len("First draft.")
    assert history.record_revision(journal, entry.id, now=minutes(1)) is None  # unchanged
    # Editing again an hour later: the text before it is revision 1 already, so nothing is
    # kept now, and the next revision comes 10 minutes into this editing, not at once.
    entries.update_entry(journal, entry.id, body="A", now=minutes(60))
    entries.update_entry(journal, entry.id, body="AB", now=minutes(61))
    assert len(history.list_revisions(journal, entry.id)) == 1
    entries.update_entry(journal, entry.id, body="ABC", now=minutes(71))
    assert bodies(journal, entry.id) == {1: "First draft.", 2: "AB"}
    assert history.record_revision(journal, entry.id, now=minutes(72)).rev == 3
    assert bodies(journal, entry.id)[3] == "ABC"


def test_record_with_reason_edit_waits_10_minutes(journal, entry):
    assert history.record_revision(journal, entry.id, now=minutes(0), reason="edit").rev == 1
    entries.update_entry(journal, entry.id, body="Changed", now=minutes(1))
    assert history.record_revision(journal, entry.id, now=minutes(5), reason="edit") is None
    assert history.record_revision(journal, entry.id, now=minutes(11), reason="edit").rev == 2
    with pytest.raises(ValueError):
        history.record_revision(journal, entry.id, reason="restore")


def test_restore_keeps_the_current_text_so_it_can_be_undone(journal, entry):
    entries.update_entry(journal, entry.id, title="Renamed", body="Second.", now=minutes(0))
    done = history.restore_revision(journal, entry.id, 1, now=minutes(2))
    assert (done.entry.title, done.entry.body) == ("Night float", "First draft.")
    assert (done.restored.rev, done.kept.rev, done.kept.reason) == (1, 2, "restore")
    assert stored(journal, "SELECT title, body FROM entries WHERE id = ?", entry.id) == [
        ("Night float", "First draft.")
    ]
    assert bodies(journal, entry.id) == {1: "First draft.", 2: "Second."}
    # Undo the restore: restore the revision it kept.
    again = history.restore_revision(journal, entry.id, 2, now=minutes(3))
    assert (again.entry.title, again.entry.body) == ("Renamed", "Second.")
    # The text the undo replaced is kept too, as the newest revision.
    assert again.kept.rev == 3
    assert bodies(journal, entry.id)[3] == "First draft."
    # Search finds the restored words.
    from imgjournal.services import search

    assert [h.entry_id for h in search.search(journal, "econ")] == [entry.id]


def test_restoring_twice_in_a_row_keeps_no_duplicate(journal, entry):
    entries.update_entry(journal, entry.id, body="Second.", now=minutes(0))
    history.restore_revision(journal, entry.id, 1, now=minutes(1))
    done = history.restore_revision(journal, entry.id, 1, now=minutes(2))
    # The text before the second restore ("First draft.") is not the newest revision (2,
    # "Second."), so it is kept, as revision 3.
    assert done.kept.rev == 3
    done = history.restore_revision(journal, entry.id, 1, now=minutes(3))
    assert done.kept.rev == 3  # unchanged since: the newest revision already holds it
    assert len(history.list_revisions(journal, entry.id)) == 3


def test_unknown_ids_and_the_trash(journal, entry):
    with pytest.raises(NotFoundError) as exc:
        history.list_revisions(journal, 999)
    assert str(exc.value) == "There is no entry with id 999."
    with pytest.raises(NotFoundError) as exc:
        history.restore_revision(journal, entry.id, 4)
    assert str(exc.value) == (
        f"Entry {entry.id} has no revision 4; see `imgjournal history {entry.id}`."
    )
    with pytest.raises(NotFoundError):
        history.get_revision(journal, 999, 1)
    entries.update_entry(journal, entry.id, body="Second.", now=minutes(0))
    entries.trash_entry(journal, entry.id)
    assert len(history.list_revisions(journal, entry.id)) == 1  # trashing keeps them
    with pytest.raises(ValidationError) as exc:
        history.restore_revision(journal, entry.id, 1)
    assert str(exc.value) == (f"Entry {entry.id} is in the trash; restore it from the trash first.")
    assert entries.get_entry(journal, entry.id).body == "Second."


def _edit_many(journal, entry_id, start: datetime, n: int, tag: str) -> None:
    for i in range(n):
        entries.update_entry(
            journal, entry_id, body=f"{tag} {i}", now=start + timedelta(minutes=11 * i)
        )


def test_retention_30_days_and_always_the_newest_20(journal, entry):
    now = datetime(2026, 6, 1, tzinfo=UTC)
    _edit_many(journal, entry.id, now - timedelta(days=40), 5, "old")  # revisions 1-5
    _edit_many(journal, entry.id, now - timedelta(days=5), 25, "young")  # 6-30
    # Recording prunes: 1-5 are over 30 days old and not among the newest 20; 6-10 are
    # older than the newest 20 but young, so they stay.
    assert [r.rev for r in history.list_revisions(journal, entry.id)] == list(range(30, 5, -1))
    assert history.prune(journal, now) == 0
    # 40 days on, only the newest 20 are left.
    assert history.prune(journal, now + timedelta(days=40)) == 5
    assert [r.rev for r in history.list_revisions(journal, entry.id)] == list(range(30, 10, -1))


def test_entries_in_the_trash_keep_their_revisions_until_it_is_emptied(journal):
    now = datetime(2026, 6, 1, tzinfo=UTC)
    live = entries.create_entry(journal, "reflection", "Live")
    gone = entries.create_entry(journal, "reflection", "Trashed")
    for e in (live, gone):
        _edit_many(journal, e.id, now - timedelta(days=60), 25, "v")
    entries.trash_entry(journal, gone.id)
    assert history.prune(journal, now) == 5
    assert len(history.list_revisions(journal, live.id)) == 20
    assert len(history.list_revisions(journal, gone.id)) == 25
    entries.empty_trash(journal)
    count = "SELECT count(*) FROM revisions WHERE entry_id = ?"
    assert stored(journal, count, gone.id) == [(0,)]
    assert stored(journal, count, live.id) == [(20,)]


def test_inline_diff_marks_the_changed_words():
    assert history.inline_diff("the patient was stable", "the patient was very stable") == [
        ("equal", "the patient was "),
        ("insert", "very "),
        ("equal", "stable"),
    ]
    assert history.inline_diff("Troponin rose.\nWe called.\n", "Troponin fell.\nWe called.\n") == [
        ("equal", "Troponin "),
        ("delete", "rose"),
        ("insert", "fell"),
        ("equal", ".\nWe called.\n"),
    ]
    assert history.inline_diff("Chest pain in the ED", "Chest pain, troponin rising") == [
        ("equal", "Chest pain"),
        ("delete", " in the ED"),
        ("insert", ", troponin rising"),
    ]
    assert history.inline_diff("", "") == []
    assert history.inline_diff("", "new") == [("insert", "new")]


@given(st.text(max_size=60), st.text(max_size=60))
def test_inline_diff_gives_back_both_texts(old, new):
    segs = history.inline_diff(old, new)
    assert "".join(t for op, t in segs if op != "insert") == old
    assert "".join(t for op, t in segs if op != "delete") == new
    assert all(t for _, t in segs)


def test_migration_0007_goes_down_and_up(journal, entry):
    from alembic import command
    from alembic.config import Config

    from imgjournal import db as dbmod
    from imgjournal.migrations import SCRIPT_LOCATION

    entries.update_entry(journal, entry.id, body="Second.", now=minutes(0))
    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    with journal.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0006")
    tables = "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'revisions'"
    assert stored(journal, tables) == []
    dbmod.alembic_upgrade(journal.engine, "head")
    assert stored(journal, tables) == [("revisions",)]
    assert entries.get_entry(journal, entry.id).body == "Second."
