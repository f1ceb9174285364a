"""Encryption at rest: encrypt, decrypt and change the passphrase, from the core and the CLI.

Every check reads the real files: a word typed before encrypting must be in no file under the
journal folder afterwards, a wrong passphrase must leave the file byte-for-byte as it was, and
backups must open with the same key.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from imgjournal import backups, cipher, encryption, health, paths
from imgjournal.db import Journal
from imgjournal.errors import JournalError
from imgjournal.migrations import HEAD
from imgjournal.services import entries, search
from imgjournal.services.journals import open_journal
from imgjournal.sqlite import dbapi

SECRET_WORD = "quetzalcoatlus"  # typed before encrypting; must not be left in the clear
PASS = "correct horse battery"
OTHER = "another staple 42"
SQLITE_HEADER = b"SQLite format 3\x00"


def _files_with(home: Path, word: str) -> list[Path]:
    needle = word.encode()
    return [p for p in home.rglob("*") if p.is_file() and needle in p.read_bytes()]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def filled(home: Path) -> Path:
    """A plain journal with an entry, a backup, and a copy set aside by an earlier restore."""
    with open_journal(home) as journal:
        entries.create_entry(journal, "case", "Night admission", body=f"the {SECRET_WORD} case")
        entries.create_entry(journal, "reflection", "Handoffs", body="learned to hand off")
    backups.create_backup(home, "manual")
    (home / "journal.sqlite3.replaced-20261101-101010").write_bytes(
        paths.db_path(home).read_bytes()
    )
    return home


@pytest.fixture
def run_env(run, monkeypatch):
    """``run`` with the passphrase in IMGJOURNAL_PASSPHRASE (None: unset)."""

    def _run(passphrase: str | None, *argv: str):
        if passphrase is None:
            monkeypatch.delenv("IMGJOURNAL_PASSPHRASE", raising=False)
        else:
            monkeypatch.setenv("IMGJOURNAL_PASSPHRASE", passphrase)
        return run(*argv)

    return _run


def test_encrypting_leaves_no_plain_copy_and_everything_still_works(filled: Path, run_env):
    home = filled
    assert _files_with(home, SECRET_WORD), "the fixture must hold the word in the clear"
    code, out, err = run_env(PASS, "encrypt", "--hint", "the stable")
    assert code == 0, err
    assert "Encrypted the journal" in out and "2 entries" in out
    assert "journal.sqlite3.replaced-20261101-101010" in out  # told what was removed
    assert _files_with(home, SECRET_WORD) == []
    assert paths.db_path(home).read_bytes()[:16] != SQLITE_HEADER
    assert not (home / "journal.sqlite3.replaced-20261101-101010").exists()
    if os.name == "posix":
        assert (home / "journal.key").stat().st_mode & 0o777 == 0o600
    key_file = json.loads((home / "journal.key").read_text())
    assert key_file["hint"] == "the stable" and PASS not in json.dumps(key_file)
    # The plain backups were encrypted too, each still verified, with the same key.
    infos = backups.list_backups(home)
    assert {b.reason for b in infos} == {"manual", "before-encrypt"}
    assert all(b.verified and b.key_id == key_file["key_id"] for b in infos)
    for b in infos:
        assert b.path.read_bytes()[:16] != SQLITE_HEADER
        assert backups._sha256(b.path) == b.sha256
    # Search, adding, export and printing work on the encrypted journal.
    code, out, _ = run_env(PASS, "search", SECRET_WORD)
    assert code == 0 and "Night admission" in out
    assert run_env(PASS, "add", "reflection", "--title", "After", "--body", "kept safe")[0] == 0
    assert _files_with(home, "kept safe") == []
    export = home.parent / "out.json"
    assert run_env(PASS, "export", str(export), "--allow-identifiers")[0] == 0
    assert SECRET_WORD in export.read_text()
    code, out, err = run_env(PASS, "import", str(export))  # adds the three again
    assert code == 0, err
    assert _files_with(home, SECRET_WORD) == []  # its backup-before is encrypted too
    pdf = home.parent / "sheet.pdf"
    assert run_env(PASS, "print", "journal", "-o", str(pdf), "--allow-identifiers")[0] == 0
    from pypdf import PdfReader

    assert "Night admission" in "".join(p.extract_text() for p in PdfReader(pdf).pages)
    code, out, _ = run_env(PASS, "check", "--json")
    assert code == 0 and json.loads(out)["entries"] == 6


def test_the_connection_really_is_sqlcipher(home: Path):
    encryption.encrypt_journal(home, PASS)
    with open_journal(home) as journal:
        assert journal.raw().execute("PRAGMA cipher_version").fetchone()[0]
        assert journal.encrypted
    plain = dbapi.connect(paths.db_path(home))
    with pytest.raises(dbapi.DatabaseError, match="not a database"):
        plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
    plain.close()


def test_a_wrong_or_missing_passphrase_is_one_sentence_and_touches_nothing(filled, run_env):
    assert run_env(PASS, "encrypt")[0] == 0
    db = paths.db_path(filled)
    before = {p.name: _sha(p) for p in filled.iterdir() if p.is_file()}
    code, out, err = run_env("not the passphrase", "list")
    assert (code, out) == (1, "")
    assert err.strip() == "imgjournal: error: The passphrase does not open this journal."
    code, _, err = run_env(None, "list")  # no terminal in tests: cannot ask
    assert code == 1 and "--passphrase-file" in err and "IMGJOURNAL_PASSPHRASE" in err
    assert {p.name: _sha(p) for p in filled.iterdir() if p.is_file()} == before
    assert db.exists()


def test_passphrase_file_gives_the_first_line(filled, run, tmp_path):
    pf = tmp_path / "pass.txt"
    pf.write_text(PASS + "\n")
    assert run("encrypt", "--passphrase-file", str(pf))[0] == 0
    code, out, _ = run("list", "--passphrase-file", str(pf))
    assert code == 0 and "Night admission" in out
    empty = tmp_path / "empty.txt"
    empty.write_text("\n")
    code, _, err = run("list", "--passphrase-file", str(empty))
    assert code == 1 and "is empty" in err
    code, _, err = run("--passphrase-file", str(tmp_path / "nope"), "list")
    assert code == 1 and "does not exist" in err


def test_changing_the_passphrase_keeps_every_backup_openable(filled, run_env, monkeypatch):
    home = filled
    assert run_env(PASS, "encrypt", "--hint", "old hint")[0] == 0
    db_before = _sha(paths.db_path(home))
    monkeypatch.setenv("IMGJOURNAL_NEW_PASSPHRASE", OTHER)
    code, _, err = run_env("a wrong current one", "passphrase")
    assert code == 1 and "does not open this journal" in err
    code, out, err = run_env(PASS, "passphrase", "--hint", "new hint")
    assert code == 0, err
    assert _sha(paths.db_path(home)) == db_before  # only the key file changed
    assert cipher.hint(home) == "new hint"
    assert run_env(PASS, "list")[0] == 1
    assert run_env(OTHER, "list")[0] == 0
    # A backup made under the old passphrase restores with the new one.
    code, out, err = run_env(OTHER, "backup", "restore", "latest", "--yes")
    assert code == 0, err
    code, out, _ = run_env(OTHER, "search", SECRET_WORD)
    assert "Night admission" in out


def test_a_new_passphrase_must_be_usable(filled, run_env):
    code, _, err = run_env("short", "encrypt")
    assert code == 1 and "at least 8 characters" in err
    assert paths.db_path(filled).read_bytes()[:16] == SQLITE_HEADER
    assert not (filled / "journal.key").exists()
    code, _, err = run_env(PASS, "encrypt", "--hint", f"it is {PASS}")
    assert code == 1 and "must not contain the passphrase" in err
    assert not (filled / "journal.key").exists()


def test_decrypting_makes_the_journal_and_its_backups_plain_again(filled, run_env):
    home = filled
    assert run_env(PASS, "encrypt")[0] == 0
    assert run_env(PASS, "backup", "create")[0] == 0
    code, out, err = run_env(PASS, "decrypt")
    assert code == 0, err
    assert "Decrypted the journal" in out
    assert not (home / "journal.key").exists()
    assert paths.db_path(home).read_bytes()[:16] == SQLITE_HEADER
    infos = backups.list_backups(home)
    assert {b.reason for b in infos} >= {"before-encrypt", "before-decrypt"}
    for b in infos:
        assert b.key_id is None and b.verified
        assert b.path.read_bytes()[:16] == SQLITE_HEADER
    code, out, _ = run_env(None, "search", SECRET_WORD)
    assert code == 0 and "Night admission" in out
    assert run_env(None, "backup", "restore", "latest", "--yes")[0] == 0


def test_a_new_journal_is_encrypted_from_its_first_byte(home: Path, run_env):
    code, out, err = run_env(PASS, "encrypt")
    assert code == 0, err
    assert "will be encrypted" in out
    assert run_env(PASS, "add", "case", "--title", "First", "--body", SECRET_WORD)[0] == 0
    assert paths.db_path(home).read_bytes()[:16] != SQLITE_HEADER
    assert _files_with(home, SECRET_WORD) == []


def test_an_interrupted_encryption_leaves_a_journal_that_opens(filled: Path):
    """The key file is written before the encrypted copy is renamed into place: stopped in
    between, the folder holds a plain journal beside a key file, which opens as plain."""
    home = filled
    cipher.write_keyfile(home, cipher.seal(cipher.new_data_key(), PASS))
    assert not cipher.is_encrypted(home)
    with open_journal(home) as journal:
        assert not journal.encrypted
        assert [h.title for h in search.search(journal, SECRET_WORD)] == ["Night admission"]
    # ... and encrypting again finishes the job.
    (home / "journal.key").unlink()
    encryption.encrypt_journal(home, PASS)
    assert cipher.is_encrypted(home)


def test_a_conversion_that_cannot_write_its_copy_changes_nothing(filled: Path):
    home = filled
    before = _sha(paths.db_path(home))
    (home / "journal.sqlite3.converting").mkdir()  # the temporary name is taken by a folder
    with pytest.raises(JournalError) as err:
        encryption.encrypt_journal(home, PASS)
    assert "nothing was changed" in str(err.value)
    assert _sha(paths.db_path(home)) == before
    assert not (home / "journal.key").exists()
    with open_journal(home) as journal:
        assert len(search.search(journal, SECRET_WORD)) == 1


def test_restore_refuses_a_backup_that_does_not_go_with_the_journal(filled, run_env):
    home = filled
    plain_backup = backups.list_backups(home)[0].path
    keep = home.parent / "plain-backup.sqlite3"
    keep.write_bytes(plain_backup.read_bytes())
    keep.with_name(keep.name + ".json").write_text(
        backups.manifest_path(plain_backup).read_text().replace(str(plain_backup), str(keep))
    )
    assert run_env(PASS, "encrypt")[0] == 0
    code, _, err = run_env(PASS, "backup", "restore", str(keep), "--yes")
    assert code == 1 and "not encrypted and this journal is" in err
    assert cipher.is_encrypted(home)


def test_a_damaged_encrypted_file_is_not_called_a_wrong_passphrase(filled, run_env):
    home = filled
    assert run_env(PASS, "encrypt")[0] == 0
    db = paths.db_path(home)
    data = bytearray(db.read_bytes())
    data[5000:5100] = bytes(100)  # a page in the middle: its HMAC no longer matches
    db.write_bytes(bytes(data))
    code, _, err = run_env(PASS, "check")
    assert code == 1
    assert "does not open this journal" not in err
    assert "damaged" in err or "malformed" in err


def test_a_key_file_of_another_journal_is_named(filled, run_env, tmp_path):
    home = filled
    assert run_env(PASS, "encrypt")[0] == 0
    other = tmp_path / "other"
    encryption.encrypt_journal(other, PASS)
    (home / "journal.key").write_bytes((other / "journal.key").read_bytes())
    cipher.forget_all()
    code, _, err = run_env(PASS, "list")
    assert code == 1
    assert "does not open with the key in journal.key" in err
    assert "another journal" in err


def test_a_damaged_key_file_is_one_sentence(filled, run_env):
    assert run_env(PASS, "encrypt")[0] == 0
    key_file = filled / "journal.key"
    key_file.write_text(key_file.read_text()[:40])
    code, _, err = run_env(PASS, "list")
    assert code == 1 and "key file" in err and "damaged" in err
    key_file.unlink()
    code, _, err = run_env(PASS, "list")
    assert code == 1
    # Without its key file the journal cannot be told apart from random bytes.
    assert "encrypted or damaged" in err


def test_a_migration_of_an_encrypted_journal_backs_up_encrypted(home: Path):
    from imgjournal.db import alembic_upgrade

    encryption.encrypt_journal(home, PASS)
    key = cipher.key_for(home)
    old = Journal(home, key=key)
    alembic_upgrade(old.engine, "0007")
    old.close()
    with open_journal(home) as journal:
        assert journal.raw().execute("SELECT version_num FROM alembic_version").fetchone() == (
            HEAD,
        )
    (made,) = backups.list_backups(home)
    assert made.reason == f"before-{HEAD}" and made.key_id == cipher.key_id(key) and made.verified


def test_health_asks_for_the_passphrase_instead_of_calling_it_damaged(filled):
    encryption.encrypt_journal(filled, PASS)
    cipher.forget_all()
    diag = health.diagnose(filled)
    assert diag.kind is health.Kind.NEEDS_PASSPHRASE
    with pytest.raises(cipher.PassphraseNeeded):
        open_journal(filled)
    cipher.unlock(filled, PASS)
    assert health.diagnose(filled, use_stamp=False).kind is health.Kind.SOUND


def test_a_converted_copy_that_fails_its_check_is_never_put_in_place(filled, monkeypatch):
    """The guard behind every conversion (a copy that does not match is thrown away): the
    check is made to fail, since a real export does not produce a bad copy on demand."""
    home = filled
    before = _sha(paths.db_path(home))
    monkeypatch.setattr(backups, "inspect_copy", lambda path, key=None: (False, None, 0))
    with pytest.raises(JournalError, match="did not match"):
        encryption.convert_file(paths.db_path(home), None, home / "copy.sqlite3", b"k" * 32)
    assert not (home / "copy.sqlite3").exists()
    monkeypatch.undo()
    monkeypatch.setattr(encryption.backups, "backup_before", lambda home, action: None)
    monkeypatch.setattr(
        encryption.backups, "inspect_copy", lambda path, key=None: (True, "0007", 2)
    )
    with pytest.raises(JournalError, match="did not match"):
        encryption.encrypt_journal(home, PASS)
    assert _sha(paths.db_path(home)) == before
    assert not (home / "journal.key").exists()
    assert not (home / "journal.sqlite3.converting").exists()


def test_conversion_keeps_the_tags_that_tie_a_wal_to_its_file(filled):
    def tags() -> tuple[int, int]:
        con = dbapi.connect(paths.db_path(filled))
        if cipher.is_encrypted(filled):
            from imgjournal.sqlite import apply_key

            apply_key(con, cipher.key_for(filled))
        try:
            return tuple(
                con.execute(f"PRAGMA {p}").fetchone()[0] for p in ("user_version", "application_id")
            )
        finally:
            con.close()

    before = tags()
    assert before[0] != 0
    encryption.encrypt_journal(filled, PASS)
    assert tags() == before
    encryption.decrypt_journal(filled)
    assert tags() == before


def test_an_encryption_stopped_before_the_backups_is_finished_and_check_says_so(filled, run_env):
    home = filled
    plain_backup = backups.list_backups(home)[0]
    saved = plain_backup.path.read_bytes(), plain_backup.manifest.read_text()
    assert run_env(PASS, "encrypt")[0] == 0
    # As if it had stopped before converting this backup: the plain one is back.
    plain_backup.path.write_bytes(saved[0])
    plain_backup.manifest.write_text(saved[1])
    code, out, _ = run_env(PASS, "check", "--json")
    report = json.loads(out)
    assert report["encrypted"] is True
    assert report["plain_copies"] == [str(plain_backup.path)]
    code, out, err = run_env(PASS, "encrypt")
    assert code == 0, err
    assert "encrypted 1 plain backup" in out
    assert _files_with(home, SECRET_WORD) == []
    assert json.loads(run_env(PASS, "check", "--json")[1])["plain_copies"] == []
    code, _, err = run_env(PASS, "encrypt")
    assert code == 1 and "already encrypted" in err


def test_a_copy_set_aside_from_an_encrypted_journal_is_not_called_plain(filled, run_env):
    home = filled
    assert run_env(PASS, "encrypt")[0] == 0
    assert run_env(PASS, "backup", "create")[0] == 0
    assert run_env(PASS, "backup", "restore", "latest", "--yes")[0] == 0
    (aside,) = home.glob("journal.sqlite3.replaced-2026*")  # the encrypted file it replaced
    report = json.loads(run_env(PASS, "check", "--json")[1])
    assert report["plain_copies"] == []
    assert run_env(PASS, "encrypt")[0] == 1  # nothing to finish: already encrypted
    assert aside.exists()


def _read_until(fd: int, marker: bytes, limit: float = 30.0) -> bytes:
    """Read the terminal's output until ``marker`` appears (or the program ends)."""
    import select

    seen = b""
    while marker not in seen:
        ready, _, _ = select.select([fd], [], [], limit)
        if not ready:
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the program ended: the terminal closed
            break
        if not chunk:
            break
        seen += chunk
    return seen


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a pseudo-terminal needs POSIX")
def test_on_a_terminal_the_passphrase_is_asked_for_without_echo(filled):
    import pty
    import sys

    encryption.encrypt_journal(filled, PASS)
    cipher.forget_all()
    pid, fd = pty.fork()
    if pid == 0:  # the child: imgjournal on a real terminal
        env = {k: v for k, v in os.environ.items() if not k.startswith("IMGJOURNAL_PASS")}
        os.execve(
            sys.executable,
            [sys.executable, "-m", "imgjournal", "--home", str(filled), "search", SECRET_WORD],
            env,
        )
    try:
        prompt = _read_until(fd, b"Passphrase for")
        assert b"Passphrase for" in prompt
        os.write(fd, PASS.encode() + b"\n")
        rest = _read_until(fd, b"\x00")  # to the end
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0, rest
    assert b"Night admission" in rest
    assert PASS.encode() not in prompt + rest  # not echoed


def test_both_ways_of_backing_up_an_encrypted_journal_give_encrypted_verified_copies(filled):
    """A quiet journal is copied byte for byte; while another reader pins the -wal, SQLite's
    backup API writes into a target keyed alike. Both open with the key, neither in the clear."""
    from imgjournal.sqlite import connect

    home = filled
    encryption.encrypt_journal(home, PASS)
    key = cipher.key_for(home)
    quiet = backups.create_backup(home, "manual")
    with open_journal(home) as journal:
        reader = connect(paths.db_path(home), key=key, isolation_level=None)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM entries").fetchone()  # no TRUNCATE possible now
        entries.create_entry(journal, "reflection", "While pinned", body=f"{SECRET_WORD} again")
        try:
            busy = backups.create_backup(home, "manual")
        finally:
            reader.execute("COMMIT")
            reader.close()
    for info, expected in ((quiet, 2), (busy, 3)):
        assert info.verified and info.entries == expected
        assert info.key_id == cipher.key_id(key)
        assert info.path.read_bytes()[:16] != SQLITE_HEADER
        assert SECRET_WORD.encode() not in info.path.read_bytes()
        assert not health.wal_path(info.path).exists()  # opens on its own, no -wal
        assert backups.inspect_copy(info.path, key)[0]
        assert backups.inspect_copy(info.path, None) == (False, None, 0)


def _pdf_text(pdf: Path) -> str:
    from pypdf import PdfReader

    return "".join(p.extract_text() for p in PdfReader(pdf).pages)


def test_the_recovery_sheet_holds_the_hint_never_the_passphrase_unless_asked(filled, run_env):
    home = filled
    sheet = home.parent / "recovery.pdf"
    code, _out, err = run_env(None, "print", "recovery", "-o", str(sheet))
    assert code == 1 and "is not encrypted" in err and not sheet.exists()
    assert run_env(PASS, "encrypt", "--hint", "the stable door")[0] == 0
    key_id = json.loads((home / "journal.key").read_text())["key_id"]
    db_before = _sha(paths.db_path(home))

    # No passphrase needed (none is set in the environment, no terminal): only the key file.
    code, out, err = run_env(None, "print", "recovery", "-o", str(sheet))
    assert code == 0, err
    assert "Wrote the recovery sheet" in out
    text = _pdf_text(sheet)
    assert "the stable door" in text and key_id in text and "nobody can open" in text
    assert str(home) in " ".join(text.split()) or home.name in text
    assert PASS not in text and "Passphrase:" not in text
    assert _sha(paths.db_path(home)) == db_before

    wrong = home.parent / "wrong.pdf"
    code, _out, err = run_env(
        "not the passphrase", "print", "recovery", "-o", str(wrong), "--include-passphrase"
    )
    assert code == 1 and "The passphrase does not open this journal." in err
    assert not wrong.exists()

    code, out, err = run_env(PASS, "print", "recovery", "-o", str(sheet), "--include-passphrase")
    assert code == 0, err
    assert PASS in _pdf_text(sheet) and "(with the passphrase)" in out

    code, _out, err = run_env(
        PASS, "print", "journal", "-o", str(home.parent / "j.pdf"), "--include-passphrase"
    )
    assert code == 1 and "recovery sheet only" in err
