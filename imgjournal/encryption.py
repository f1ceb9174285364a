"""Encrypting and decrypting a journal in place, and changing its passphrase.

Each conversion first makes a verified backup, then writes the converted database beside the
journal under a temporary name (``sqlcipher_export`` inside one read transaction, so it is a
consistent copy), checks it (``integrity_check``, the same schema and number of entries), and
only then puts it in place with one rename. The key file is written before that rename when
encrypting and removed after it when decrypting, so an interruption at any point leaves a
journal that opens: a key file beside a plain database means nothing (``cipher.is_encrypted``).

After the journal, its backups are converted the same way, one by one, each checked against
its manifest; a backup that cannot be (one that never passed its check) is removed, and so are
plain copies set aside by earlier restores, since they hold the text in the clear. What will be
removed is listed first (:func:`plain_copies`) so the user is told before. Once a journal is
encrypted no plain copy of its text is left in its folder.

The journal must not be open in the app or another command meanwhile (the app closes its own
connections first).
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from imgjournal import backups, cipher, health, paths, sqlite
from imgjournal.durable import fsync_file, fsync_folder
from imgjournal.errors import JournalError

log = logging.getLogger(__name__)

TEMP_SUFFIX = ".converting"


@dataclass
class ConversionResult:
    backup: Path | None  # the verified backup made first (None: a new, empty journal)
    entries: int
    converted_backups: int = 0
    removed: list[Path] = field(default_factory=list)  # plain copies removed (user was told)


def _attach_sql(key: bytes | None) -> str:
    return f"ATTACH DATABASE ? AS converted KEY {sqlite.key_sql(key) if key else repr('')}"


def _count(con: sqlite.Connection, schema: str = "main") -> tuple[str | None, int]:
    row = con.execute(f"SELECT version_num FROM {schema}.alembic_version").fetchone()
    entries = con.execute(f"SELECT count(*) FROM {schema}.entries").fetchone()[0]
    return (row[0] if row else None), int(entries)


def convert_file(src: Path, src_key: bytes | None, dest: Path, dest_key: bytes | None) -> int:
    """Write ``src`` (opened with ``src_key``) to the new file ``dest`` encrypted with
    ``dest_key`` (None: plain), in rollback-journal mode, checked and synced; the number of
    entries. ``dest`` is removed again when anything fails."""
    dest.unlink(missing_ok=True)
    try:
        con = sqlite.connect(src, key=src_key, isolation_level=None)
        try:
            con.execute(_attach_sql(dest_key), (str(dest),))
            try:
                con.execute("BEGIN IMMEDIATE")  # one consistent state, no writer meanwhile
                try:
                    schema, entries = _count(con)
                    con.execute("SELECT sqlcipher_export('converted')")
                    # Not copied by sqlcipher_export: the tags that tie a -wal to its file.
                    for pragma in ("user_version", "application_id"):
                        value = int(con.execute(f"PRAGMA main.{pragma}").fetchone()[0])
                        con.execute(f"PRAGMA converted.{pragma} = {value}")
                    con.execute("COMMIT")
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
            finally:
                con.execute("DETACH DATABASE converted")
        finally:
            con.close()
        ok, got_schema, _live = backups.inspect_copy(dest, dest_key)
        check = sqlite.connect(dest, key=dest_key, read_only=True)
        try:
            _, got_entries = _count(check)
        finally:
            check.close()
        if not ok or got_schema != schema or got_entries != entries:
            raise JournalError(
                f"The converted copy of {src.name} did not match it, so nothing was changed; "
                "run `imgjournal check`."
            )
        fsync_file(dest)
        return entries
    except BaseException:
        dest.unlink(missing_ok=True)
        raise


def _refuse_if_open(home: Path) -> None:
    pid = backups.app_holding(home)
    if pid is not None and pid != os.getpid():
        raise JournalError(
            f"The journal in {home} is open in the imgjournal app (process {pid}); close the "
            "app, or do this from its Settings, and try again."
        )


def _sound(home: Path) -> health.Diagnosis:
    diag = health.diagnose(home, use_stamp=False)
    if not diag.ok:
        raise JournalError(diag.problem or "The journal does not open.")
    if diag.read_only:
        raise JournalError(diag.problem or "The journal is read-only.")
    return diag


def _no_wal_left(db: Path) -> None:
    """The last connection closed, the -wal and -shm are gone (they would hold the old form
    of the text); one that stays means another program has the journal open."""
    wal = health.wal_path(db)
    if wal.exists() and wal.stat().st_size > 0:
        raise JournalError(
            f"The journal {db} is in use by another program; close it and try again "
            "(nothing was changed)."
        )
    for side in (wal, health.shm_path(db)):
        side.unlink(missing_ok=True)


def _swap_in(home: Path, converted: Path) -> None:
    db = paths.db_path(home)
    _no_wal_left(db)
    os.replace(converted, db)
    fsync_folder(home)
    health.forget_stamp(home)


def plain_copies(home: Path) -> list[Path]:
    """Copies of the journal's text in its folder that encrypting cannot convert and will
    remove: files set aside by restores (``journal.sqlite3.replaced-*``, ``.damaged-*``, stale
    -wal files, their -wal/-shm), a leftover conversion, and backups that never passed their
    check (or have no manifest)."""
    found: list[Path] = []
    db = paths.db_path(home)
    with contextlib.suppress(OSError):
        for p in sorted(home.iterdir()):
            name = p.name
            if not p.is_file() or name in (db.name, cipher.KEY_FILENAME):
                continue
            if name in (health.wal_path(db).name, health.shm_path(db).name):
                continue  # the live journal's own, checkpointed and removed on conversion
            if name.startswith(db.name + ".") or name.startswith(db.name + "-"):
                found.append(p)
    folder = paths.backup_dir(home)
    with contextlib.suppress(OSError):
        for p in sorted(folder.iterdir()):
            if not p.is_file() or p.name.endswith(backups.MANIFEST_SUFFIX):
                continue
            info = backups.read_manifest(p) if p.suffix == ".sqlite3" else None
            if info is None or not info.verified:
                found.append(p)
                if backups.manifest_path(p).exists():
                    found.append(backups.manifest_path(p))
    return found


def _remove(paths_: list[Path]) -> list[Path]:
    removed = []
    for p in paths_:
        try:
            p.unlink()
            removed.append(p)
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise JournalError(
                f"Could not remove the plain copy {p} ({exc.strerror}); remove it yourself, "
                "it holds your text unencrypted."
            ) from exc
    return removed


def _convert_backups(
    home: Path, old_key: bytes | None, new_key: bytes | None, old_id: str | None
) -> int:
    """Convert every verified backup made with ``old_id`` (None: plain) to ``new_key``."""
    done = 0
    for info in backups.list_backups(home):
        if info.key_id != old_id or not info.verified or not info.path.is_file():
            continue
        tmp = info.path.with_name(info.path.name + TEMP_SUFFIX)
        entries = convert_file(info.path, old_key, tmp, new_key)
        ok, schema, live = backups.inspect_copy(tmp, new_key)
        if not ok or schema != info.schema or live != info.entries:
            tmp.unlink(missing_ok=True)
            raise JournalError(
                f"The converted backup {info.path.name} did not match it; it was kept as it was."
            )
        converted = replace(
            info,
            sha256=backups._sha256(tmp),
            size=tmp.stat().st_size,
            key_id=cipher.key_id(new_key) if new_key is not None else None,
        )
        os.replace(tmp, info.path)
        backups.write_manifest(converted, backups.manifest_source(info))
        log.info("converted backup %s (%d entries)", info.path.name, entries)
        done += 1
    if done:
        fsync_folder(paths.backup_dir(home))
    return done


@contextlib.contextmanager
def _nothing_changed_on_failure(tmp: Path, home: Path):
    """Until the rename, a failure removes the temporary copy and says nothing changed."""
    try:
        yield
    except (OSError, sqlite.Error) as exc:
        if tmp.is_file():
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
            raise JournalError(
                f"The disk is full, so the converted copy of the journal could not be written "
                f"in {home}; free some space and try again (nothing was changed)."
            ) from exc
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise JournalError(
            f"Could not write the converted copy of the journal in {home} ({why}); nothing "
            "was changed."
        ) from exc
    except BaseException:
        if tmp.is_file():
            tmp.unlink(missing_ok=True)
        raise


def plain_left(home: Path) -> list[Path]:
    """What an encryption that was interrupted (or a plain backup restored by hand) left in
    the clear beside an encrypted journal: plain backups and plain copies."""
    if not cipher.is_encrypted(home):
        return []
    plain_backups = [
        b.path for b in backups.list_backups(home) if b.key_id is None and b.path.is_file()
    ]
    return plain_backups + [p for p in plain_copies(home) if _holds_plain_text(p)]


def _holds_plain_text(p: Path) -> bool:
    """A plain SQLite file, or the -wal/-shm of one (an encrypted file's are encrypted)."""
    for suffix in ("-wal", "-shm"):
        if p.name.endswith(suffix):
            return cipher.file_is_plain(p.with_name(p.name.removesuffix(suffix))) is not False
    return cipher.file_is_plain(p) is True and p.stat().st_size > 0


def finish_encryption(home: Path) -> ConversionResult:
    """Encrypt the plain backups and remove the plain copies an interrupted encryption left
    beside an encrypted journal (unlocked first)."""
    key = cipher.key_for(home)
    if key is None:
        raise cipher.PassphraseNeeded(home)
    _refuse_if_open(home)
    result = ConversionResult(backup=None, entries=0)
    result.converted_backups = _convert_backups(home, None, key, None)
    result.removed = _remove([p for p in plain_copies(home) if _holds_plain_text(p)])
    return result


def encrypt_journal(home: Path, passphrase: str, hint: str = "") -> ConversionResult:
    """Encrypt ``home``'s journal (or, for a folder with no journal yet, make the one it will
    create encrypted) with a new data key sealed by ``passphrase``."""
    problem = cipher.passphrase_problem(passphrase) or cipher.hint_problem(hint, passphrase)
    if problem:
        raise JournalError(problem)
    db = paths.db_path(home)
    if cipher.is_encrypted(home):
        if not db.exists():
            raise JournalError(f"The new journal in {home} is already set to be encrypted.")
        raise JournalError(f"The journal in {home} is already encrypted.")
    _refuse_if_open(home)
    diag = _sound(home)
    key = cipher.new_data_key()
    if diag.kind is health.Kind.NEW:
        home.mkdir(parents=True, exist_ok=True)
        cipher.write_keyfile(home, cipher.seal(key, passphrase, hint))
        cipher.remember(home, key)
        return ConversionResult(backup=None, entries=0)
    backup = backups.backup_before(home, "encrypt")
    tmp = db.with_name(db.name + TEMP_SUFFIX)
    try:
        with _nothing_changed_on_failure(tmp, home):
            entries = convert_file(db, None, tmp, key)
            # The key file first: interrupted before the rename, the plain journal still opens.
            cipher.write_keyfile(home, cipher.seal(key, passphrase, hint))
            _swap_in(home, tmp)
    except BaseException:
        if cipher.file_is_plain(db):
            cipher.key_path(home).unlink(missing_ok=True)
        raise
    cipher.remember(home, key)
    result = ConversionResult(backup=backup.path, entries=entries)
    result.converted_backups = _convert_backups(home, None, key, None)
    result.removed = _remove(plain_copies(home))
    log.info("encrypted the journal (%d entries, %d backups)", entries, result.converted_backups)
    return result


def decrypt_journal(home: Path) -> ConversionResult:
    """Decrypt ``home``'s journal (unlocked first) and its backups, and remove the key file."""
    db = paths.db_path(home)
    if not cipher.has_keyfile(home):
        raise JournalError(f"The journal in {home} is not encrypted.")
    key = cipher.key_for(home)
    if key is None:
        raise cipher.PassphraseNeeded(home)
    kid = cipher.key_id(key)
    _refuse_if_open(home)
    result = ConversionResult(backup=None, entries=0)
    if cipher.is_encrypted(home) and db.exists():
        _sound(home)
        result.backup = backups.backup_before(home, "decrypt").path
        tmp = db.with_name(db.name + TEMP_SUFFIX)
        with _nothing_changed_on_failure(tmp, home):
            result.entries = convert_file(db, key, tmp, None)
            _swap_in(home, tmp)
    # The backups next, the key file last: until then every backup still opens.
    result.converted_backups = _convert_backups(home, key, None, kid)
    cipher.key_path(home).unlink(missing_ok=True)
    fsync_folder(home)
    cipher.forget(home)
    log.info("decrypted the journal (%d backups)", result.converted_backups)
    return result


def change_passphrase(home: Path, old: str, new: str, hint: str | None = None) -> None:
    """Seal the same data key with ``new`` (and ``hint``; None keeps the old hint): one
    atomic rewrite of the key file, so every backup still opens."""
    if not cipher.is_encrypted(home):
        raise JournalError(f"The journal in {home} is not encrypted; encrypt it first.")
    kf = cipher.read_keyfile(home)
    key = cipher.open_keyfile(kf, old)
    new_hint = kf.hint if hint is None else hint
    problem = cipher.passphrase_problem(new) or cipher.hint_problem(new_hint, new)
    if problem:
        raise JournalError(problem)
    cipher.write_keyfile(home, cipher.seal(key, new, new_hint))
    cipher.remember(home, key)
    log.info("changed the passphrase")
