"""A damaged journal on open: each kind of damage made for real, the sentence the command line
prints (exit 1), and the file byte-for-byte the same afterwards."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from imgjournal import health, paths
from imgjournal.cli import main
from imgjournal.services import entries
from imgjournal.services.journals import open_journal
from imgjournal.sqlite import dbapi as sqlite3

RESTORE = "restore it with: imgjournal backup restore latest --yes"
ROOT = getattr(os, "geteuid", lambda: -1)() == 0  # root ignores chmod


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _fill(home: Path, n: int = 40, title: str = "Entry") -> None:
    with open_journal(home) as j:
        for i in range(n):
            entries.create_entry(j, "reflection", f"{title} {i}", body="troponin " * 150)


@pytest.fixture
def db(home) -> Path:
    return paths.db_path(home)


def _refused(run, db: Path, needle: str, *, restore: bool = False) -> str:
    """Every command (reading and writing) and `check` exit 1 with one sentence; the file is
    untouched."""
    before = _sha(db) if db.is_file() else None
    for argv in (["list"], ["search", "troponin"], ["show", "1"], ["add", "case", "--title", "x"]):
        code, out, err = run(*argv)
        assert code == 1, (argv, out, err)
        assert err.startswith("imgjournal: error: ") and err.count("\n") == 1, err
        assert needle in err, err
        assert (RESTORE in err) == restore, err
        assert "from its backups folder" not in err
        if before is not None:
            assert _sha(db) == before, argv
    code, out, err = run("check")
    assert code == 1 and needle in err, err
    code, out, _ = run("check", "--json")
    rec = json.loads(out)
    assert code == 1 and rec["ok"] is False and needle in rec["problem"]
    if before is not None:
        assert _sha(db) == before
    return err


def _no_new_files(home: Path, before: set[str]) -> None:
    assert {p.name for p in home.iterdir()} - before <= {"imgjournal.log"}


def test_a_zero_byte_file_is_not_a_new_journal(run, home, db):
    home.mkdir()
    db.write_bytes(b"")
    _refused(run, db, "is empty (0 bytes)")
    assert db.stat().st_size == 0
    _no_new_files(home, {db.name})


def test_a_file_cut_in_half(run, home, db):
    _fill(home)
    raw = db.read_bytes()
    db.write_bytes(raw[: len(raw) // 2])
    _refused(run, db, "is cut short")


def test_random_bytes(run, home, db):
    home.mkdir()
    db.write_bytes(os.urandom(40_000))
    _refused(run, db, "is encrypted or damaged")


def test_an_encrypted_file_with_an_unknown_key(run, home, db):
    """SQLCipher and the like: whole pages of noise, header included."""
    home.mkdir()
    db.write_bytes(os.urandom(4096 * 16))
    err = _refused(run, db, "is encrypted or damaged")
    assert "does not start like an SQLite database" in err


@pytest.mark.parametrize("pages", [1, 2])
def test_zeroed_pages_in_the_middle(run, home, db, pages):
    _fill(home, 60)
    raw = bytearray(db.read_bytes())
    page = 4096
    middle = len(raw) // page // 2
    raw[middle * page : (middle + pages) * page] = bytes(pages * page)
    db.write_bytes(bytes(raw))
    con = sqlite3.connect(health.ro_uri(db, immutable=True), uri=True)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
    except sqlite3.DatabaseError as exc:
        assert "malformed" in str(exc)
    finally:
        con.close()
    _refused(run, db, "is damaged (")


def _root_page(db: Path, kind: str) -> int:
    """The root page of a table of the given kind: an entries index, the entries table or the
    search index's data (an FTS5 shadow table)."""
    sql = {
        "index": "SELECT rootpage FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'entries'",
        "table": "SELECT rootpage FROM sqlite_schema WHERE name = 'entries'",
        "shadow": "SELECT rootpage FROM sqlite_schema WHERE name = 'entries_fts_data'",
    }[kind]
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


@pytest.mark.parametrize("kind", ["table", "index", "shadow"])
def test_a_damaged_page_in_any_table_or_index_fails_the_check_on_open(run, home, db, kind):
    """The quick check on open runs table by table (health: sqlite.check_structure); it must
    still reach the entries' indexes and the search index's own tables."""
    _fill(home, 60)
    page = 4096
    root = _root_page(db, kind)
    raw = bytearray(db.read_bytes())
    raw[(root - 1) * page : root * page] = b"\x55" * page
    db.write_bytes(bytes(raw))
    _refused(run, db, "is damaged (")


def test_a_wrong_header(run, home, db):
    _fill(home, 5)
    raw = bytearray(db.read_bytes())
    raw[:16] = b"Not SQLite fmt\x00\x00"
    db.write_bytes(bytes(raw))
    _refused(run, db, "its header is wrong")


def test_a_folder_where_the_file_should_be(run, home, db):
    db.mkdir(parents=True)
    _refused(run, db, "There is a folder where the journal file")
    assert db.is_dir() and list(db.iterdir()) == []


def test_an_sqlite_file_that_is_not_a_journal(run, home, db):
    home.mkdir()
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE photos (id INTEGER)")
    con.commit()
    con.close()
    _refused(run, db, "an SQLite database of another program")


def test_a_journal_from_a_newer_version(run, home, db):
    _fill(home, 2)
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    err = _refused(run, db, "newer version of imgjournal")
    assert "update imgjournal" in err


@pytest.mark.skipif(ROOT, reason="root reads any file; the next test injects it")
def test_permission_denied_on_the_folder_chmod(run, home, db):
    _fill(home, 2)
    home.chmod(0)
    try:
        _refused(run, db, "not allowed to read the journal folder")
    finally:
        home.chmod(0o755)


def test_permission_denied_on_the_folder(run, home, db, monkeypatch):
    """As root chmod does not bite: the operating system's answer for a folder without the
    x bit (EACCES from stat) is injected into the real calls on paths inside it."""
    _fill(home, 2)
    real_lstat, real_stat = Path.lstat, Path.stat

    def denied(real):
        def call(self, *a, **kw):
            if self.parent == home:
                raise PermissionError(errno.EACCES, "Permission denied", str(self))
            return real(self, *a, **kw)

        return call

    monkeypatch.setattr(Path, "lstat", denied(real_lstat))
    monkeypatch.setattr(Path, "stat", denied(real_stat))
    code, _, err = run("list")
    assert code == 1 and "not allowed to read the journal folder" in err
    assert "unexpected" not in err and err.count("\n") == 1


def test_permission_denied_on_the_file(run, home, db, monkeypatch):
    _fill(home, 2)
    real_open = Path.open

    def deny(self, *a, **kw):
        if self == db:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, *a, **kw)

    monkeypatch.setattr(Path, "open", deny)
    code, _, err = run("list")
    assert code == 1 and "not allowed to read the journal file" in err


@pytest.mark.skipif(ROOT, reason="root reads any file")
def test_permission_denied_on_the_file_chmod(run, home, db):
    _fill(home, 2)
    db.chmod(0)
    try:
        _refused(run, db, "not allowed to read the journal file")
    finally:
        db.chmod(0o644)


# ---- locks ------------------------------------------------------------------------------
def _holder(db: Path, exclusive: bool) -> subprocess.Popen:
    code = f"""
import sqlite3, sys, time
c = sqlite3.connect({str(db)!r}, isolation_level=None)
if {exclusive!r}:
    c.execute("PRAGMA locking_mode = EXCLUSIVE")
    c.execute("SELECT count(*) FROM entries").fetchone()
    c.execute("BEGIN IMMEDIATE"); c.execute("UPDATE entries SET title = title"); c.execute("COMMIT")
else:
    c.execute("BEGIN IMMEDIATE"); c.execute("UPDATE entries SET title = title")
print("holding", flush=True)
sys.stdin.read()
"""
    p = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert p.stdout.readline().strip() == "holding"
    return p


def _release(p: subprocess.Popen) -> None:
    p.stdin.close()
    p.wait(10)


@pytest.fixture
def short_busy(monkeypatch):
    monkeypatch.setattr(health, "BUSY_TIMEOUT_S", 0.2)


def test_locked_in_exclusive_mode_is_in_use_not_damaged(run, home, db, short_busy):
    _fill(home, 3)
    holder = _holder(db, exclusive=True)
    try:
        before = _sha(db)
        for argv in (["list"], ["add", "case", "--title", "x"], ["check"]):
            code, _, err = run(*argv)
            assert code == 1, err
            assert err == (
                f"imgjournal: error: The journal {db} is in use by another program; "
                "close it and try again.\n"
            )
        assert _sha(db) == before
    finally:
        _release(holder)
    assert run("list")[0] == 0


def test_locked_by_a_long_transaction(run, home, db, short_busy):
    """WAL lets readers in; a change waits for the busy timeout and then says so."""
    _fill(home, 3)
    holder = _holder(db, exclusive=False)
    try:
        code, out, _ = run("list")
        assert code == 0 and "Entry 0" in out
        code, _, err = run("add", "reflection", "--title", "Blocked")
        assert code == 1
        assert "is in use by another program; close it and try again." in err
        assert "damaged" not in err
    finally:
        _release(holder)
    assert run("add", "reflection", "--title", "Later")[0] == 0


# ---- read-only ----------------------------------------------------------------------------
def _chattr(flag: str, p: Path) -> bool:
    try:
        return subprocess.run(["chattr", flag, str(p)], capture_output=True).returncode == 0
    except OSError:
        return False


@pytest.fixture
def immutable(home):
    """Make a path read-only for root too (ext4's immutable flag); undone after the test."""
    made: list[Path] = []

    def make(p: Path) -> None:
        if not _chattr("+i", p):
            pytest.skip("chattr +i is not available here")
        made.append(p)

    yield make
    for p in made:
        _chattr("-i", p)


def _read_only_works(run, home, db):
    before = _sha(db)
    code, out, err = run("list")
    assert (code, err) == (0, "") and "Entry 0" in out
    code, out, _ = run("search", "troponin", "--json")
    assert code == 0 and len(json.loads(out)) == 3
    code, _, err = run("add", "reflection", "--title", "Not saved")
    assert code == 1 and "The change was not saved: the journal " in err
    assert "damaged" not in err
    assert err.count("\n") == 1
    code, out, _ = run("check")
    assert code == 0 and "read-only" in out
    assert _sha(db) == before


def test_a_read_only_folder_opens_to_read(run, home, db, immutable):
    _fill(home, 3)
    immutable(home)
    _read_only_works(run, home, db)


def test_a_read_only_file_opens_to_read(run, home, db, immutable):
    _fill(home, 3)
    immutable(db)
    _read_only_works(run, home, db)


@pytest.mark.skipif(ROOT, reason="root writes anywhere; chattr variants above")
def test_a_read_only_folder_chmod(run, home, db):
    _fill(home, 3)
    home.chmod(0o555)
    try:
        _read_only_works(run, home, db)
    finally:
        home.chmod(0o755)


# ---- a leftover -wal ----------------------------------------------------------------------
def _wal_of(home: Path, title: str) -> tuple[bytes, bytes]:
    """Add an entry and take the file and its -wal as a crash would leave them."""
    j = open_journal(home)
    try:
        entries.create_entry(j, "reflection", title)
        db = paths.db_path(home)
        return db.read_bytes(), health.wal_path(db).read_bytes()
    finally:
        j.close()


def test_a_wal_left_by_a_crash_is_kept(run, tmp_path, home):
    _fill(home, 3)
    base, wal = _wal_of(home, "Saved just before the crash")
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    paths.db_path(crashed).write_bytes(base)
    health.wal_path(paths.db_path(crashed)).write_bytes(wal)
    code = main(["--home", str(crashed), "list"])
    assert code == 0
    with open_journal(crashed) as j:
        titles = [e.title for e in entries.list_entries(j)]
    assert "Saved just before the crash" in titles


def test_a_wal_of_another_database_is_not_merged(run, tmp_path, home, db):
    _fill(home, 3, "Mine")
    other = tmp_path / "other"
    _fill(other, 2, "Theirs")
    _, wal = _wal_of(other, "Theirs, unsaved")
    health.wal_path(db).write_bytes(wal)
    before_db, before_wal = _sha(db), _sha(health.wal_path(db))
    err = _refused(run, db, "holds a leftover journal.sqlite3-wal")
    assert "imgjournal check --set-aside-wal" in err
    assert (_sha(db), _sha(health.wal_path(db))) == (before_db, before_wal)
    code, out, _ = run("check", "--set-aside-wal")
    assert code == 0, out
    kept = list(home.glob("journal.sqlite3-wal.stale-*"))
    assert len(kept) == 1 and _sha(kept[0]) == before_wal
    code, out, _ = run("list")
    assert code == 0 and "Mine 0" in out and "Theirs" not in out


def test_a_wal_of_another_copy_of_this_journal_is_not_merged(run, tmp_path, home, db):
    _fill(home, 3, "Shared")
    copy = tmp_path / "copy"
    shutil.copytree(home, copy)
    _, wal = _wal_of(copy, "Only in the copy")
    with open_journal(home) as j:
        entries.create_entry(j, "reflection", "Only in this one")
    health.wal_path(db).write_bytes(wal)
    _refused(run, db, "another copy of this journal")
    assert run("check", "--set-aside-wal")[0] == 0
    code, out, _ = run("list")
    assert "Only in this one" in out and "Only in the copy" not in out


def test_a_wal_of_a_journal_open_elsewhere_is_read(home):
    """The app has the journal open (its -wal is live) while a command reads it."""
    _fill(home, 2)
    with open_journal(home) as app:
        entries.create_entry(app, "reflection", "In the app's -wal")
        assert health.read_wal(health.wal_path(paths.db_path(home))).commits >= 1
        with open_journal(home) as cli:
            assert "In the app's -wal" in [e.title for e in entries.list_entries(cli)]


# ---- the restore hint, the stamp ------------------------------------------------------
def _fake_verified_backup(home: Path, entries_count: int, when: datetime) -> Path:
    """A backup as backups.py lists it: a copy of a journal plus its manifest."""
    folder = paths.backup_dir(home)
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / f"journal-{when:%Y%m%d-%H%M%S}-manual.sqlite3"
    shutil.copyfile(paths.db_path(home), copy)
    manifest = {
        "created": when.isoformat(),
        "reason": "manual",
        "schema": None,
        "entries": entries_count,
        "sha256": _sha(copy),
        "verified": True,
        "size": copy.stat().st_size,
    }
    copy.with_name(copy.name + ".json").write_text(json.dumps(manifest), encoding="utf-8")
    return copy


def test_the_sentence_ends_with_the_restore_command_when_a_verified_backup_exists(run, home, db):
    _fill(home, 3)
    _fake_verified_backup(home, 412, datetime(2026, 12, 6, 14, 2, tzinfo=UTC))
    raw = bytearray(db.read_bytes())
    raw[:16] = bytes(16)
    db.write_bytes(bytes(raw))
    err = _refused(run, db, "is damaged", restore=True)
    assert err.rstrip("\n").endswith(
        "A verified backup from 2026-12-06 14:02 UTC holds 412 entries; "
        "restore it with: imgjournal backup restore latest --yes"
    )
    code, out, _ = run("check", "--json")
    assert json.loads(out)["last_backup"] == "2026-12-06T14:02:00+00:00"


def test_check_on_a_sound_journal(run, home):
    _fill(home, 4)
    with open_journal(home) as j:
        entries.trash_entry(j, 1)
    code, out, err = run("check")
    assert (code, err) == (0, "")
    assert "Integrity: ok" in out and "Entries:   3 (1 in the trash)" in out
    assert "Newest verified backup: none" in out and out.endswith("The journal is sound.\n")
    code, out, _ = run("check", "--json")
    rec = json.loads(out)
    assert code == 0
    assert {k: rec[k] for k in ("ok", "problem", "entries", "last_backup")} == {
        "ok": True,
        "problem": None,
        "entries": 3,
        "last_backup": None,
    }


def test_check_without_a_journal_creates_nothing(run, home):
    code, _, err = run("check")
    assert code == 1 and "There is no journal" in err
    assert not home.exists()


def test_the_quick_check_is_skipped_while_the_file_is_unchanged(home, db):
    _fill(home, 3)
    assert health.diagnose(home).checked is False  # the close after the writes stamped it
    health.forget_stamp(home)
    assert health.diagnose(home).checked is True
    assert health.diagnose(home).checked is False
    # Damage that keeps the size: the modification time changes, so the check runs again.
    raw = bytearray(db.read_bytes())
    raw[2 * 4096 : 3 * 4096] = bytes(4096)
    db.write_bytes(bytes(raw))
    diag = health.diagnose(home)
    assert diag.kind is health.Kind.DAMAGED and "quick_check" in diag.problem


def test_a_commit_ties_the_wal_to_the_file(journal):
    """Each commit that writes stores a new tag in user_version and the last in
    application_id; one that only reads does not."""
    con = journal.raw()
    tag = con.execute("PRAGMA user_version").fetchone()[0]
    entries.create_entry(journal, "reflection", "One")
    new = con.execute("PRAGMA user_version").fetchone()[0]
    assert new != tag and con.execute("PRAGMA application_id").fetchone()[0] == tag
    entries.list_entries(journal)
    assert con.execute("PRAGMA user_version").fetchone()[0] == new


def test_the_restore_command_it_names_restores_and_keeps_the_damaged_file(run, home, db):
    from imgjournal import backups

    _fill(home, 5)
    backups.create_backup(home, "manual")
    _fill(home, 2, "Lost with the damage")
    raw = bytearray(db.read_bytes())
    raw[4096 * 3 : 4096 * 5] = bytes(4096 * 2)
    db.write_bytes(bytes(raw))
    damaged = _sha(db)
    code, _, err = run("list")
    assert code == 1 and "holds 5 entries; restore it with: " in err
    command = err.rsplit("restore it with: ", 1)[1].split()
    assert command[0] == "imgjournal"
    code, out, err = run(*command[1:])
    assert code == 0, err
    (aside,) = [
        p for p in home.glob("journal.sqlite3.damaged-*") if p.name[-4:] not in ("-wal", "-shm")
    ]
    assert _sha(aside) == damaged
    code, out, _ = run("list", "--json")
    assert code == 0 and len(json.loads(out)) == 5
    assert run("check")[0] == 0


def test_the_wal_reader_follows_sqlite(home, db):
    """The -wal's header checksum is SQLite's: a sound -wal is read, one with a damaged
    header is ignored (as SQLite ignores it), and commits are counted."""
    _fill(home, 1)
    _, wal = _wal_of(home, "One more")
    info_path = home / "copy-wal"
    info_path.write_bytes(wal)
    info = health.read_wal(info_path)
    assert info is not None and info.commits >= 1 and info.has_page_one
    broken = bytearray(wal)
    broken[20] ^= 0xFF  # a salt: the header checksum no longer matches
    info_path.write_bytes(bytes(broken))
    assert health.read_wal(info_path) is None


def test_a_zero_byte_journal_in_a_real_process(tmp_path):
    home = tmp_path / "j"
    home.mkdir()
    paths.db_path(home).write_bytes(b"")
    p = subprocess.run(
        [sys.executable, "-m", "imgjournal", "--home", str(home), "list"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (p.returncode, p.stdout) == (1, "")
    assert p.stderr.startswith(
        f"imgjournal: error: The journal file {paths.db_path(home)} is empty (0 bytes)"
    )
    assert paths.db_path(home).stat().st_size == 0


def test_an_unexpected_error_is_logged_even_when_the_journal_folder_cannot_hold_the_log(
    run, home, monkeypatch
):
    """The log falls back to the temporary folder instead of "(could not write the log)"."""
    import tempfile

    from imgjournal.cli import entries

    _fill(home, 1)
    paths.log_path(home).mkdir()  # a folder where the log file should be: it cannot be opened

    def boom(args, journal):
        raise RuntimeError("something nobody expected")

    monkeypatch.setattr(entries, "cmd_list", boom)
    code, _, err = run("list")
    fallback = Path(tempfile.gettempdir()) / "imgjournal-error.log"
    assert code == 1
    assert err == (
        "imgjournal: error: unexpected RuntimeError: something nobody expected; "
        f"details in {fallback}\n"
    )
    assert "something nobody expected" in fallback.read_text(encoding="utf-8")


def test_a_wal_left_without_its_file_is_not_read_as_a_new_journal(run, home, db):
    """Deleting journal.sqlite3 to start again but leaving its -wal: SQLite would read the
    -wal as the new journal's content."""
    _fill(home, 2)
    _, wal = _wal_of(home, "In the -wal")
    db.unlink()
    health.wal_path(db).write_bytes(wal)
    code, _, err = run("list")
    assert code == 1 and "holds a leftover journal.sqlite3-wal" in err
    assert not db.exists()
    assert run("check", "--set-aside-wal")[0] == 1  # no journal yet, but the -wal is set aside
    assert list(home.glob("journal.sqlite3-wal.stale-*"))
    code, out, _ = run("list")
    assert code == 0 and "In the -wal" not in out


def test_one_zeroed_page_anywhere_is_one_line_and_leaves_the_file_alone(run, home, db):
    """Whatever page is lost, the command says so in one line (quick_check reports span lines)."""
    from imgjournal.demo import load_sample

    with open_journal(home) as journal:
        load_sample(journal)
    raw = db.read_bytes()
    page = 4096
    multi_line = 0
    for number in range(1, len(raw) // page):
        broken = bytearray(raw)
        broken[number * page : (number + 1) * page] = bytes(page)
        db.write_bytes(bytes(broken))
        health.forget_stamp(home)
        con = sqlite3.connect(health.ro_uri(db, immutable=True), uri=True)
        try:
            report = con.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError:
            report = "malformed"
        finally:
            con.close()
        if report == "ok":
            continue  # a free page: nothing lost
        multi_line += "\n" in report
        code, out, err = run("list")
        assert code == 1 and err.count("\n") == 1, (number, err)
        assert db.read_bytes() == bytes(broken)
    assert multi_line > 0  # the test did meet a report of several lines
