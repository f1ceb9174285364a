"""Verified backups: making, listing, pruning and restoring them, from the core and the CLI."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from imgjournal import backups, health, paths
from imgjournal.backups import BackupInfo
from imgjournal.cli import main
from imgjournal.db import Journal
from imgjournal.errors import JournalError
from imgjournal.services import entries
from imgjournal.sqlite import dbapi as sqlite3


def _add(journal: Journal, title: str, prompt_ids=(), tags=()) -> int:
    return entries.create_entry(
        journal, "reflection", title, body=f"{title} body", prompt_ids=prompt_ids, tags=tags
    ).id


def _dump(db: Path) -> dict:
    """What a user would miss: the entries, their prompt links and tags."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {
            table: sorted(con.execute(f"SELECT * FROM {table}").fetchall())
            for table in ("entries", "entry_prompts", "entry_tags", "tags")
        }
    finally:
        con.close()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cli(home: Path, capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["--home", str(home), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _aside(home: Path, label: str) -> Path:
    """The one journal file set aside as ``label`` (not its -wal or -shm)."""
    (found,) = [
        p for p in home.glob(f"journal.sqlite3.{label}-*") if not p.name.endswith(("-wal", "-shm"))
    ]
    return found


@pytest.fixture
def filled(journal: Journal) -> Journal:
    _add(journal, "Night float handoff", prompt_ids=(3, 11), tags=("handoff",))
    _add(journal, "Feedback on my presentation", tags=("feedback", "handoff"))
    gone = _add(journal, "A draft I trashed")
    entries.trash_entry(journal, gone)
    return journal


def test_a_backup_is_a_verified_copy_with_a_manifest(filled: Journal):
    when = datetime(2026, 12, 6, 14, 2, 10, tzinfo=UTC)
    info = backups.create_backup(filled.home, "manual", now=when)
    assert info.path == paths.backup_dir(filled.home) / "journal-20261206-140210-manual.sqlite3"
    assert info.verified and info.entries == 2 and info.reason == "manual"
    assert info.sha256 == _sha(info.path) and info.size == info.path.stat().st_size
    manifest = json.loads(info.manifest.read_text())
    assert manifest["created"] == "2026-12-06T14:02:10+00:00"
    assert manifest["schema"] == info.schema is not None
    assert backups.read_manifest(info.path) == info
    # the copy stands alone: rollback-journal mode, no -wal needed, same rows
    con = sqlite3.connect(f"file:{info.path}?mode=ro", uri=True)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    con.close()
    assert _dump(info.path) == _dump(filled.db_path)
    assert not list(paths.backup_dir(filled.home).glob("*.partial"))


def test_a_backup_holds_commits_still_in_the_wal_and_other_readers_do_not_block_it(
    filled: Journal,
):
    reader = sqlite3.connect(filled.db_path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM entries").fetchone()  # pins a snapshot: no TRUNCATE
    _add(filled, "Written while a reader holds the WAL")
    try:
        info = backups.create_backup(filled.home, "manual")
    finally:
        reader.execute("COMMIT")
        reader.close()
    assert info.verified and info.entries == 3
    assert _dump(info.path) == _dump(filled.db_path)


def test_a_damaged_journal_gives_no_backup_and_the_good_one_stays_latest(filled: Journal, capsys):
    good = backups.create_backup(filled.home, "manual", now=datetime(2026, 1, 1, tzinfo=UTC))
    filled.close()
    db = filled.db_path
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = con.execute("PRAGMA page_size").fetchone()[0]
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    with db.open("r+b") as fh:  # zero every page but the first: the tables' roots are gone
        fh.seek(page)
        fh.write(bytes(page * (pages - 1)))
    with pytest.raises(JournalError, match="^Could not back up the journal .*imgjournal check"):
        backups.create_backup(filled.home, "manual")
    assert len(backups.list_backups(filled.home)) == 1
    assert backups.newest_verified(filled.home) == good
    assert backups.resolve(filled.home, "latest") == good


def test_a_table_that_disagrees_with_its_index_gives_an_unverified_backup(filled: Journal):
    """Damage only the full integrity check sees: an entry's kind changed in the table's own
    page, so the ``kind`` index still holds the old value; every page is well formed and the
    quick check says ok. The backup copies it, but must not call it verified."""
    filled.close()
    db = filled.db_path
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    raw = bytearray(db.read_bytes())
    changed = 0
    for start in range(page, len(raw), page):  # page 1 holds the schema
        if raw[start] == 0x0D:  # a table's leaf page
            chunk = raw[start : start + page]
            if b"reflection" in chunk:
                raw[start : start + page] = chunk.replace(b"reflection", b"reflectiom")
                changed += 1
    assert changed
    db.write_bytes(bytes(raw))
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    con.close()
    info = backups.create_backup(filled.home, "manual")
    assert not info.verified and backups.newest_verified(filled.home) is None
    with pytest.raises(JournalError, match="failed its integrity check"):
        backups.backup_before(filled.home, "import")


def test_backup_create_and_list_on_the_command_line(filled: Journal, capsys):
    home = filled.home
    code, out, err = _cli(home, capsys, "backup", "list")
    assert (code, err) == (0, "") and out.startswith("No backups yet in ")
    code, out, err = _cli(home, capsys, "backup", "create")
    assert (code, err) == (0, "")
    first = Path(out.strip())
    assert first.is_file() and first.parent == paths.backup_dir(home)
    code, out, _ = _cli(home, capsys, "backup", "create", "--json")
    made = json.loads(out)
    assert made["verified"] is True and made["entries"] == 2 and made["reason"] == "manual"
    code, out, _ = _cli(home, capsys, "backup", "list", "--json")
    listed = json.loads(out)
    assert [b["path"] for b in listed] == [made["path"], str(first)]  # newest first
    for b in listed:
        assert {"path", "created", "reason", "entries", "verified"} <= set(b)
        assert isinstance(b["entries"], int) and isinstance(b["verified"], bool)
        assert datetime.fromisoformat(b["created"]).tzinfo is not None
    code, out, _ = _cli(home, capsys, "backup", "list")
    assert code == 0 and len(out.splitlines()) == 2 and "2 entries" in out


def test_restore_round_trip_keeps_entries_and_links(filled: Journal, capsys):
    home = filled.home
    before = _dump(filled.db_path)
    backups.create_backup(home, "manual")
    _add(filled, "Written after the backup", prompt_ids=(5,), tags=("later",))
    entries.empty_trash(filled)  # itself backs up first
    after = _dump(filled.db_path)
    filled.close()

    code, out, err = _cli(home, capsys, "backup", "restore", "latest")
    assert code == 1 and "run again with --yes" in out
    assert _dump(paths.db_path(home)) == after  # nothing changed without --yes

    # latest is the before-empty-trash backup; restore the manual one by path
    manual = next(b for b in backups.list_backups(home) if b.reason == "manual")
    code, out, err = _cli(home, capsys, "backup", "restore", str(manual.path), "--yes")
    assert (code, err) == (0, "")
    assert out.startswith(f"Restored the backup {manual.path.name} from ")
    assert ": 2 entries; the previous file is kept as journal.sqlite3.replaced-" in out
    assert _dump(paths.db_path(home)) == before
    aside = _aside(home, "replaced")
    assert _dump(aside) == after  # the replaced journal, whole
    assert any(b.reason == "before-restore" for b in backups.list_backups(home))
    with Journal.open(home) as again:
        assert {e.title for e in entries.list_entries(again)} == {
            "Night float handoff",
            "Feedback on my presentation",
        }


def test_restoring_over_a_damaged_file_sets_it_aside_untouched(filled: Journal, capsys):
    home = filled.home
    backups.create_backup(home, "manual")
    filled.close()
    db = paths.db_path(home)
    size = db.stat().st_size
    with db.open("r+b") as fh:  # a file cut in half
        fh.truncate(size // 2)
    damaged_sha = _sha(db)
    code, out, err = _cli(home, capsys, "backup", "restore", "latest", "--yes")
    assert (code, err) == (0, "")
    aside = _aside(home, "damaged")
    assert _sha(aside) == damaged_sha
    assert not list(home.glob("journal.sqlite3.replaced-*"))
    assert not any(b.reason == "before-restore" for b in backups.list_backups(home))
    assert health.diagnose(home, use_stamp=False).kind is health.Kind.SOUND


def test_restore_refuses_a_backup_that_changed_or_while_the_app_is_open(filled, capsys):
    home = filled.home
    info = backups.create_backup(home, "manual")
    filled.close()
    (home / "imgjournal.lock").write_text(f"{os.getpid()}\nimgjournal\nhost\n")
    code, _, err = _cli(home, capsys, "backup", "restore", "latest", "--yes")
    assert code == 1 and f"(process {os.getpid()}) has this journal open" in err
    (home / "imgjournal.lock").unlink()
    with info.path.open("r+b") as fh:
        fh.seek(200)
        fh.write(b"\x01")
    original = _sha(paths.db_path(home))
    code, _, err = _cli(home, capsys, "backup", "restore", str(info.path), "--yes")
    assert code == 1 and "has changed since it was made" in err
    assert _sha(paths.db_path(home)) == original and not list(home.glob("*.replaced-*"))


@pytest.mark.parametrize(
    ("which", "message"),
    [
        ("latest", "There is no verified backup in "),
        ("no-such.sqlite3", "There is no backup file no-such.sqlite3"),
    ],
)
def test_restore_of_nothing_says_so(journal: Journal, capsys, which, message):
    code, out, err = _cli(journal.home, capsys, "backup", "restore", which, "--yes")
    assert code == 1 and out == "" and message in err


def test_risky_actions_back_up_first_and_a_rejected_import_does_not(filled: Journal, tmp_path):
    from imgjournal.export.json_io import export_journal, import_journal
    from imgjournal.export.markdown_import import import_markdown

    export = tmp_path / "export.json"
    export_journal(filled, export)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(JournalError):
        import_journal(filled, bad)
    assert backups.list_backups(filled.home) == []
    import_journal(filled, export)
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text("# A note\n\nText.\n")
    import_markdown(filled, notes)
    entries.empty_trash(filled)
    reasons = [b.reason for b in backups.list_backups(filled.home)]
    assert sorted(reasons) == ["before-empty-trash", "before-import", "before-import"]
    assert all(b.verified for b in backups.list_backups(filled.home))
    assert entries.empty_trash(filled) == 0  # nothing in the trash: no backup
    assert len(backups.list_backups(filled.home)) == 3


def test_a_backup_that_cannot_be_written_stops_the_risky_action(filled: Journal):
    folder = paths.backup_dir(filled.home)
    folder.write_text("a file where the backups folder should be")
    with pytest.raises(JournalError, match="Could not write a backup in .*nothing|unchanged"):
        entries.empty_trash(filled)
    assert entries.count_entries(filled) == 2
    trash = sqlite3.connect(filled.db_path).execute(
        "SELECT count(*) FROM entries WHERE deleted_at IS NOT NULL"
    )
    assert trash.fetchone()[0] == 1  # still in the trash


def test_a_new_empty_journal_is_not_backed_up_by_the_app(journal: Journal):
    assert not backups.changed_since_backup(journal.home)
    assert not backups.backup_due(journal.home)
    _add(journal, "The first entry")
    assert backups.changed_since_backup(journal.home)


def test_changed_since_backup_and_due(filled: Journal):
    home = filled.home
    assert backups.changed_since_backup(home)
    made = backups.create_backup(home, "open")
    assert not backups.changed_since_backup(home)
    assert not backups.backup_due(home, now=made.created + timedelta(hours=5))
    _add(filled, "A change")
    assert backups.changed_since_backup(home)
    assert not backups.backup_due(home, now=made.created + timedelta(minutes=29))
    assert backups.backup_due(home, now=made.created + timedelta(minutes=30))


# ---- retention ----------------------------------------------------------------------------


def _fake(created: datetime, verified: bool = True) -> BackupInfo:
    return BackupInfo(
        path=Path(f"/b/journal-{created:%Y%m%d-%H%M%S}.sqlite3"),
        created=created,
        reason="interval",
        schema="0006",
        entries=1,
        sha256="0" * 64,
        verified=verified,
        size=1,
    )


@pytest.fixture
def utc_clock(monkeypatch):
    """Local time is UTC for the test (days, weeks and months are the local calendar's)."""
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_retention_keeps_48_hours_then_12_daily_10_weekly_9_monthly(utc_clock):
    now = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
    every_6h = [_fake(now - timedelta(hours=6 * i)) for i in range(4 * 500)]
    kept = backups.to_keep(every_6h, now)
    recent = {b.path for b in every_6h if now - b.created <= timedelta(hours=48)}
    assert recent <= kept and len(recent) == 9
    older = sorted((b for b in every_6h if b.path in kept - recent), key=lambda b: b.created)
    older.reverse()
    # the 12 days after the 48 hours: the newest backup of each day, 18:00
    days = older[:12]
    assert [b.created.date() for b in days] == [
        (now - timedelta(days=2 + i)).date() for i in range(12)
    ]
    assert all(b.created.hour == 18 for b in days[1:])
    # then the newest of each of 10 weeks (Sundays) and 9 months not already kept; a week or
    # month whose newest backup another rule kept does not count
    rest = sorted(b.created.date().isoformat() for b in older[12:])
    sundays = [(date(2026, 11, 22) - timedelta(weeks=i)).isoformat() for i in range(10)]
    month_ends = ["2026-10-31", "2026-09-30", "2026-08-31", "2026-07-31", "2026-06-30"]
    month_ends += ["2026-05-31", "2026-04-30", "2026-03-31", "2026-02-28"]
    assert rest == sorted(sundays + month_ends)
    assert len(kept) == 9 + 12 + 10 + 9
    assert max(every_6h, key=lambda b: b.created).path in kept


def test_retention_never_drops_the_newest_verified_and_drops_old_unverified():
    now = datetime(2026, 12, 6, tzinfo=UTC)
    old_good = _fake(now - timedelta(days=400))
    recent_bad = _fake(now - timedelta(hours=1), verified=False)
    old_bad = _fake(now - timedelta(days=3), verified=False)
    kept = backups.to_keep([old_good, recent_bad, old_bad], now)
    assert kept == {old_good.path, recent_bad.path}


def test_prune_deletes_files_and_manifests_by_the_rule(journal: Journal):
    home = journal.home
    now = datetime(2026, 12, 6, 12, tzinfo=UTC)
    made = [
        backups.create_backup(home, "interval", now=now - timedelta(days=d, hours=h))
        for d in range(4)
        for h in (0, 6)
    ]
    (paths.backup_dir(home) / "journal-x.sqlite3.partial").write_bytes(b"left by a crash")
    removed = backups.prune(home, now=now)
    # older than 48 h: day 3 keeps its newest (h=0) only
    assert removed == [made[7].path]
    assert not made[7].path.exists() and not made[7].manifest.exists()
    assert made[6].path.exists()
    assert not list(paths.backup_dir(home).glob("*.partial"))


def test_restoring_over_an_empty_file_keeps_it_as_damaged_and_backs_nothing_up(filled, capsys):
    """A 0-byte journal.sqlite3 opens in SQLite as an empty, sound database: it is not one."""
    home = filled.home
    good = backups.create_backup(home, "manual")
    filled.close()
    paths.db_path(home).write_bytes(b"")
    code, out, err = _cli(home, capsys, "backup", "restore", "latest", "--yes")
    assert (code, err) == (0, "")
    assert _aside(home, "damaged").stat().st_size == 0
    assert [b.reason for b in backups.list_backups(home)] == ["manual"]
    assert backups.newest_verified(home) == good


def test_a_backup_of_an_sqlite_file_that_is_no_journal_is_not_verified(tmp_path):
    home = tmp_path / "other"
    home.mkdir()
    con = sqlite3.connect(paths.db_path(home))
    con.execute("CREATE TABLE notes (text)")
    con.commit()
    con.close()
    info = backups.create_backup(home, "manual")
    assert not info.verified and backups.newest_verified(home) is None


def test_a_backup_that_failed_its_check_is_not_restored_even_by_path(filled, capsys):
    home = filled.home
    info = backups.create_backup(home, "manual")
    manifest = json.loads(info.manifest.read_text())
    manifest["verified"] = False  # as a copy of a damaged journal would be recorded
    info.manifest.write_text(json.dumps(manifest))
    filled.close()
    before = _sha(paths.db_path(home))
    code, _, err = _cli(home, capsys, "backup", "restore", str(info.path), "--yes")
    assert code == 1 and "did not pass its integrity check; choose another" in err
    assert _sha(paths.db_path(home)) == before
    code, _, err = _cli(home, capsys, "backup", "restore", "latest", "--yes")
    assert code == 1 and "There is no verified backup in " in err
