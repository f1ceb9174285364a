"""The one-time rebuild of the search index when a journal of an older version opens: which
upgrades rebuild it, and the command line's one line before it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from imgjournal import paths
from imgjournal.cli import main
from imgjournal.cli.run import LONG_UPGRADE_NOTE
from imgjournal.db import Journal, alembic_upgrade, stored_revision
from imgjournal.migrations import HEAD, REBUILDS_INDEX, SCRIPT_LOCATION, rebuilds_index
from imgjournal.services import search
from imgjournal.services.journals import upgrade_rebuilds_index
from imgjournal.sqlite import dbapi as sqlite3

NOW = "2026-10-01T12:00:00.000000+00:00"


def old_journal(home: Path, revision: str = "0003", *, extra_sql: str = "") -> None:
    """A journal at ``revision`` holding two invented entries, as an older imgjournal left it."""
    home.mkdir(parents=True)
    old = Journal(home)
    alembic_upgrade(old.engine, revision)
    old.close()
    con = sqlite3.connect(paths.db_path(home))
    for i, (title, body) in enumerate(
        [("Night shift", "Troponin doubled overnight."), ("Clinic", "A calm morning.")], 1
    ):
        con.execute(
            "INSERT INTO entries (id, kind, entry_date, title, body, created_at, updated_at) "
            "VALUES (?, 'reflection', '2026-09-15', ?, ?, ?, ?)",
            (i, title, body, NOW, NOW),
        )
    if extra_sql:
        con.execute(extra_sql)
    con.commit()
    con.close()


def test_the_list_of_index_rebuilds_is_every_migration_that_rebuilds():
    """A new migration that rebuilds an FTS index must be listed, or it freezes the start."""
    rebuilding = set()
    for path in sorted(Path(SCRIPT_LOCATION, "versions").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        upgrade = text.split("def upgrade", 1)[1].split("def downgrade", 1)[0]
        calls = re.findall(r"def (_\w+)\(", text)
        # What upgrade() runs, directly or through a helper of the same file.
        body = upgrade + "".join(
            text.split(f"def {c}(", 1)[1].split("\ndef ", 1)[0] for c in calls if c in upgrade
        )
        if "('rebuild')" in body or "_vocab" in body:
            (rev,) = re.findall(r'^revision = "(\w+)"', text, re.M)
            rebuilding.add(rev)
    assert rebuilding == set(REBUILDS_INDEX) == {"0003", "0004"}


@pytest.mark.parametrize(
    ("current", "rebuilds"),
    [(None, False), ("0001", True), ("0002", True), ("0003", True), ("0004", False), (HEAD, False)],
)
def test_which_upgrades_rebuild_the_index(current, rebuilds):
    assert rebuilds_index(current) is rebuilds


def test_an_old_journal_is_found_before_it_opens_and_not_after(home):
    assert upgrade_rebuilds_index(home) is False  # nothing there yet
    old_journal(home, "0003")
    assert stored_revision(home) == "0003"
    assert upgrade_rebuilds_index(home) is True
    called = []
    with Journal.open(home, on_long_upgrade=lambda: called.append(stored_revision(home))) as j:
        assert [h.entry_id for h in search.search(j, "tropon")] == [1]
    assert called == ["0003"]  # said before the upgrade ran
    assert stored_revision(home) == HEAD
    assert upgrade_rebuilds_index(home) is False


def test_a_file_that_is_not_a_journal_is_left_to_the_open(home):
    home.mkdir()
    paths.db_path(home).write_bytes(b"not a database at all, just some bytes" * 40)
    assert upgrade_rebuilds_index(home) is False


def test_the_command_line_says_one_line_before_the_rebuild(home, capsys):
    old_journal(home, "0003")
    assert main(["--home", str(home), "search", "tropon"]) == 0
    out, err = capsys.readouterr()
    assert "Night shift" in out
    assert err.splitlines() == [f"imgjournal: note: {LONG_UPGRADE_NOTE}"]
    assert main(["--home", str(home), "search", "tropon"]) == 0  # once only
    assert capsys.readouterr().err == ""


def test_an_upgrade_that_rebuilds_nothing_says_nothing(home, capsys):
    old_journal(home, "0006")
    assert main(["--home", str(home), "list"]) == 0
    assert capsys.readouterr().err == ""
    assert stored_revision(home) == HEAD
