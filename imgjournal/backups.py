"""Verified backups of a journal: what they are and where they live.

A backup is a copy of ``journal.sqlite3`` in the journal's ``backups/`` folder, named
``journal-<UTC time>-<reason>.sqlite3``, with a manifest beside it (the same name plus
``.json``) that records when and why it was made, the schema revision, the number of live
entries, the copy's sha256 and whether ``PRAGMA integrity_check`` on the copy said ok. Only a
verified backup is offered for restoring.

This module is the core's single place for backups (creating, listing, pruning, restoring);
the CLI and the app call it.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from imgjournal import cipher, paths, sqlite
from imgjournal.durable import fsync_file, fsync_folder
from imgjournal.errors import JournalError

log = logging.getLogger(__name__)

MANIFEST_SUFFIX = ".json"


@dataclass(frozen=True)
class BackupInfo:
    path: Path  # the backup's database file
    created: datetime  # timezone-aware, UTC
    reason: str  # "open", "interval", "manual", "before-0006", "before-import", ...
    schema: str | None  # the Alembic revision of the copy
    entries: int  # live entries (not in the trash)
    sha256: str
    verified: bool  # integrity_check on the copy said ok
    size: int  # bytes
    key_id: str | None = None  # the data key that opens it (cipher.key_id); None: plain

    @property
    def manifest(self) -> Path:
        return manifest_path(self.path)

    def to_json(self) -> dict:
        """The record `imgjournal backup list --json` prints (and the manifest holds)."""
        return {
            "path": str(self.path),
            "created": self.created.isoformat(),
            "reason": self.reason,
            "schema": self.schema,
            "entries": self.entries,
            "sha256": self.sha256,
            "verified": self.verified,
            "size": self.size,
            "key_id": self.key_id,
        }


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + MANIFEST_SUFFIX)


def read_manifest(backup: Path) -> BackupInfo | None:
    """The backup described by ``backup``'s manifest, or None without a readable manifest."""
    try:
        data = json.loads(manifest_path(backup).read_text(encoding="utf-8"))
        created = datetime.fromisoformat(data["created"])
        if created.tzinfo is None:
            created = created.replace(tzinfo=UTC)
        return BackupInfo(
            path=backup,
            created=created,
            reason=str(data["reason"]),
            schema=data.get("schema"),
            entries=int(data["entries"]),
            sha256=str(data["sha256"]),
            verified=bool(data["verified"]),
            size=int(data.get("size", 0)),
            key_id=data.get("key_id") or None,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def list_backups(home: Path) -> list[BackupInfo]:
    """Every backup with a manifest in ``home``'s backups folder, newest first."""
    folder = paths.backup_dir(home)
    try:
        files = [p for p in folder.glob("journal-*.sqlite3") if p.is_file()]
    except OSError:
        return []
    found = [info for info in map(read_manifest, files) if info is not None]
    found.sort(key=lambda b: (b.created, b.path.name), reverse=True)
    return found


def newest_verified(home: Path) -> BackupInfo | None:
    """The newest backup whose copy passed ``integrity_check`` (and still exists), or None."""
    for info in list_backups(home):
        if info.verified and info.path.is_file():
            return info
    return None


# ---- making a backup ----------------------------------------------------------------------

BACKUP_INTERVAL = timedelta(minutes=30)  # while a journal keeps changing
KEEP_ALL_WITHIN = timedelta(hours=48)
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 12, 10, 9
STAMP_FORMAT = "%Y%m%d-%H%M%S"
CHECK_MMAP_BYTES = 1 << 30
_REASON_RE = re.compile(r"[^a-z0-9-]+")


@dataclass(frozen=True)
class RestoreResult:
    backup: BackupInfo
    set_aside: Path | None  # where the file that was replaced went (None: there was none)
    entries: int  # live entries in the restored journal


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _unique_name(folder: Path, created: datetime, reason: str) -> Path:
    stamp = created.strftime(STAMP_FORMAT)
    dest = folder / f"journal-{stamp}-{reason}.sqlite3"
    n = 1
    while dest.exists() or manifest_path(dest).exists():
        n += 1
        dest = folder / f"journal-{stamp}-{reason}-{n}.sqlite3"
    return dest


def copy_consistent(db: Path, dest: Path, key: bytes | None = None) -> dict:
    """A consistent copy of ``db`` (its WAL included) at ``dest``, in rollback-journal mode.

    The fast way: fold the WAL into the file (``wal_checkpoint(TRUNCATE)``), hold a read
    transaction begun while the WAL is empty — no checkpoint can write to the file while it
    lasts — and copy the file's bytes. Writers may go on meanwhile; their commits go to the
    WAL and are in the next backup. When the WAL cannot be emptied (another reader), SQLite's
    online backup API makes the copy instead. Returns the :func:`source_stamp` of the state
    copied (taken before the copy when that is not exact, so a change is never missed). An
    encrypted journal's copy is encrypted with the same key (its bytes, or SQLite's backup
    into a target keyed alike).
    """
    stamp = source_stamp(db)
    src = sqlite.connect(db, key=key, timeout=5, isolation_level=None)
    try:
        # TRUNCATE waits for writers and readers; do not hold a writer up for long.
        src.execute("PRAGMA busy_timeout = 200")
        busy, log_frames, _ = src.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        src.execute("PRAGMA busy_timeout = 5000")
        copied = False
        if busy == 0 and log_frames in (0, -1):
            src.execute("BEGIN")
            try:
                src.execute("SELECT count(*) FROM sqlite_master").fetchone()
                wal = db.with_name(db.name + "-wal")
                if not wal.exists() or wal.stat().st_size == 0:
                    stamp = source_stamp(db)  # no checkpoint can change the file meanwhile
                    _copy_file(db, dest, marked=key is None)
                    copied = True
            finally:
                src.execute("COMMIT")
        if not copied:
            out = sqlite.connect(dest, key=key)
            try:
                src.backup(out)
            finally:
                out.close()
    finally:
        src.close()
    if not copied or key is not None:
        # (An encrypted header cannot be marked byte by byte: SQLite rewrites it.)
        rollback_mode(dest, key)
    return stamp


def rollback_mode(path: Path, key: bytes | None) -> None:
    """Switch the database at ``path`` to a rollback journal (no -wal beside it) and sync."""
    out = sqlite.connect(path, key=key, isolation_level=None)
    try:
        out.execute("PRAGMA journal_mode = DELETE")
    finally:
        out.close()
    fsync_file(path)


def _copy_file(db: Path, dest: Path, *, marked: bool = True) -> None:
    """Copy ``db``'s bytes to ``dest`` and sync them, marked as a rollback-journal database.

    Bytes 18 and 19 of the header (the file format's write and read versions) become 1, as
    ``PRAGMA journal_mode=DELETE`` would set them, so the backup opens on its own without a
    ``-wal`` or ``-shm`` beside it.
    """
    shutil.copyfile(db, dest)
    fd = os.open(dest, os.O_RDWR)
    try:
        if marked and os.pread(fd, 2, 18) == b"\x02\x02":
            os.pwrite(fd, b"\x01\x01", 18)
        os.fsync(fd)
    finally:
        os.close(fd)


def inspect_copy(copy: Path, key: bytes | None = None) -> tuple[bool, str | None, int]:
    """(integrity_check said ok, schema revision, live entries) of a backup copy."""
    try:
        con = sqlite.connect(copy, read_only=True, key=key)
    except sqlite.DatabaseError:  # a wrong key, or not a database
        return False, None, 0
    try:
        try:
            # Reading the copy through a memory map instead of read() calls: about 30% faster
            # (SQLCipher reads an encrypted file without one).
            con.execute(f"PRAGMA mmap_size = {CHECK_MMAP_BYTES}")
            ok = sqlite.check_structure(con, "integrity_check") == "ok"
        except sqlite.DatabaseError:
            return False, None, 0
        schema = entries = None
        try:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            schema = row[0] if row else None
        except sqlite.DatabaseError:
            pass
        for sql in (
            "SELECT count(*) FROM entries WHERE deleted_at IS NULL",
            "SELECT count(*) FROM entries",
        ):
            try:
                entries = con.execute(sql).fetchone()[0]
                break
            except sqlite.DatabaseError:
                continue
        return ok, schema, int(entries or 0)
    finally:
        con.close()


def manifest_source(info: BackupInfo) -> dict:
    """The journal state a backup was copied from, as its manifest records it."""
    try:
        data = json.loads(info.manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    source = data.get("source")
    return source if isinstance(source, dict) else {}


def write_manifest(info: BackupInfo, source: dict) -> None:
    """Write ``info``'s manifest atomically (the copy's state ``source`` recorded too)."""
    data = info.to_json()
    data["source"] = source
    target = info.manifest
    tmp = target.with_name(target.name + ".partial")
    tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    fsync_file(tmp)
    os.replace(tmp, target)


def source_stamp(db: Path) -> dict:
    """What the journal file and its WAL look like on disk (size, mtime), to notice changes."""
    stamp = {}
    for suffix in ("", "-wal"):
        try:
            st = os.stat(db.with_name(db.name + suffix))
        except OSError:
            stamp[suffix or "db"] = None
            continue
        stamp[suffix or "db"] = [st.st_size, st.st_mtime_ns]
    return stamp


def _clean_reason(reason: str) -> str:
    return _REASON_RE.sub("-", reason.lower()).strip("-") or "manual"


def create_backup(home: Path, reason: str, *, now: datetime | None = None) -> BackupInfo:
    """Back up ``home``'s journal now; returns the record (``verified`` False if it failed).

    The copy is made under a temporary name, checked with ``PRAGMA integrity_check``, hashed,
    and only then given its name and manifest, so a crash leaves no half backup that looks
    whole. Raises JournalError when there is no journal or the copy cannot be written.
    """
    db = paths.db_path(home)
    if not db.is_file():
        raise JournalError(f"There is no journal in {home} to back up.")
    key = cipher.key_or_raise(home)
    folder = paths.backup_dir(home)
    created = (now or datetime.now(UTC)).astimezone(UTC)
    reason = _clean_reason(reason)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        dest = _unique_name(folder, created, reason)
        tmp = dest.with_name(dest.name + ".partial")
        try:
            source = copy_consistent(db, tmp, key)
            # Hash the copy while SQLite checks it: both let go of the GIL while they work.
            with ThreadPoolExecutor(max_workers=1) as pool:
                digest = pool.submit(_sha256, tmp)
                ok, schema, entries = inspect_copy(tmp, key)
                sha = digest.result()
            ok = ok and schema is not None  # a sound SQLite file, but no journal in it
            info = BackupInfo(
                path=dest,
                created=created,
                reason=reason,
                schema=schema,
                entries=entries,
                sha256=sha,
                verified=ok,
                size=tmp.stat().st_size,
                key_id=cipher.key_id(key) if key is not None else None,
            )
            os.replace(tmp, dest)
            write_manifest(info, source)
            fsync_folder(folder)
        finally:
            tmp.unlink(missing_ok=True)
    except sqlite.Error as exc:
        raise JournalError(
            f"Could not back up the journal ({exc}); run `imgjournal check` to see why."
        ) from exc
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise JournalError(
                f"The disk is full, so no backup could be made in {folder}; free some space "
                "and try again (the journal itself is unchanged)."
            ) from exc
        raise JournalError(
            f"Could not write a backup in {folder}: {exc.strerror or exc}; "
            "check that the folder is writable (the journal itself is unchanged)."
        ) from exc
    log.info("backup %s (%s): %d entries, verified=%s", dest.name, reason, entries, ok)
    return info


def backup_before(home: Path, action: str, *, now: datetime | None = None) -> BackupInfo:
    """The verified backup taken before a risky ``action`` (``import``, ``empty-trash``, ...).

    Raises JournalError, so the action does not run, when the backup cannot be made or fails
    its check. Old backups are pruned afterwards.
    """
    info = create_backup(home, f"before-{action}", now=now)
    if not info.verified:
        raise JournalError(
            f"The backup made before this {action.replace('-', ' ')} failed its integrity "
            "check, so the journal may be damaged; nothing was changed — run `imgjournal check`."
        )
    try:
        prune(home, now=now)
    except OSError as exc:  # pruning is housekeeping; the backup is made
        log.warning("pruning backups failed: %s", exc)
    return info


def changed_since_backup(home: Path) -> bool:
    """True when the journal differs on disk from when its newest verified backup was made."""
    newest = newest_verified(home)
    if newest is None:
        return _holds_entries(paths.db_path(home))  # a new, empty journal has nothing to keep
    try:
        recorded = json.loads(newest.manifest.read_text(encoding="utf-8")).get("source")
    except (OSError, ValueError):
        return True
    return recorded != source_stamp(paths.db_path(home))


def _holds_entries(db: Path) -> bool:
    """Whether ``db`` holds any entry, in the trash or not (read-only; False if unreadable)."""
    if not db.is_file():
        return False
    try:
        con = sqlite.connect(db, read_only=True, key=cipher.current_key(db.parent), timeout=5)
    except sqlite.Error:
        return False
    try:
        return con.execute("SELECT EXISTS (SELECT 1 FROM entries)").fetchone()[0] == 1
    except sqlite.Error:
        return False
    finally:
        con.close()


def backup_due(home: Path, *, now: datetime | None = None) -> bool:
    """Whether the app's timer should back up: changed, and the newest is 30 minutes old."""
    newest = newest_verified(home)
    if newest is not None:
        now = (now or datetime.now(UTC)).astimezone(UTC)
        if now - newest.created < BACKUP_INTERVAL:
            return False
    return changed_since_backup(home)


# ---- retention ----------------------------------------------------------------------------


def to_keep(backups: list[BackupInfo], now: datetime) -> set[Path]:
    """The backups the retention rule keeps, from ``backups`` (any order).

    Everything from the last 48 hours; then the newest verified backup of each of the 12 most
    recent days, 10 most recent weeks and 9 most recent months that have one (a backup kept
    by an earlier rule does not count for a later one); and always the newest verified backup.
    Days, weeks and months are those of the local calendar.
    """
    keep: set[Path] = set()
    ordered = sorted(backups, key=lambda b: b.created, reverse=True)
    verified = [b for b in ordered if b.verified]
    if verified:
        keep.add(verified[0].path)  # the daily rule keeps it too; this says it outright
    keep.update(b.path for b in ordered if now - b.created <= KEEP_ALL_WITHIN)
    older = [b for b in verified if now - b.created > KEEP_ALL_WITHIN]

    def local(b: BackupInfo) -> datetime:
        return b.created.astimezone()

    rules = (
        (KEEP_DAILY, lambda b: local(b).date()),
        (KEEP_WEEKLY, lambda b: local(b).isocalendar()[:2]),
        (KEEP_MONTHLY, lambda b: (local(b).year, local(b).month)),
    )
    for count, bucket in rules:
        taken, last = 0, None
        for b in older:  # newest first, so a period's backups come together
            if taken == count:
                break
            period = bucket(b)
            if period == last:
                continue
            last = period
            if b.path not in keep:
                keep.add(b.path)
                taken += 1
    return keep


def prune(home: Path, *, now: datetime | None = None) -> list[Path]:
    """Delete the backups the retention rule does not keep; returns the paths removed."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    backups = list_backups(home)
    keep = to_keep(backups, now)
    removed = []
    for b in backups:
        if b.path in keep:
            continue
        try:
            b.path.unlink(missing_ok=True)
            b.manifest.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("could not prune %s: %s", b.path, exc)
            continue
        removed.append(b.path)
    for stray in paths.backup_dir(home).glob("*.partial"):  # left by a crash mid-backup
        stray.unlink(missing_ok=True)
    return removed


# ---- restoring ----------------------------------------------------------------------------


def resolve(home: Path, which: str | Path) -> BackupInfo:
    """``latest`` (the newest verified backup) or a backup file's path, as a record."""
    if str(which) == "latest":
        info = newest_verified(home)
        if info is None:
            raise JournalError(
                f"There is no verified backup in {paths.backup_dir(home)} to restore."
            )
        return info
    path = Path(which).expanduser()
    if not path.is_file():
        raise JournalError(f"There is no backup file {path}; see `imgjournal backup list`.")
    info = read_manifest(path)
    if info is None:
        raise JournalError(
            f"{path} has no readable manifest ({manifest_path(path).name}); restore it by hand "
            "as docs/data-safety.md describes, or choose another backup."
        )
    return info


def _set_aside(db: Path, label: str, created: datetime) -> Path | None:
    """Rename the journal file (and its -wal and -shm) to ``journal.sqlite3.<label>-<time>``."""
    if not db.exists():
        return None
    stamp = created.astimezone(UTC).strftime(STAMP_FORMAT)
    target = db.with_name(f"{db.name}.{label}-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = db.with_name(f"{db.name}.{label}-{stamp}-{n}")
    for suffix in ("-wal", "-shm"):
        side = db.with_name(db.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    os.replace(db, target)
    return target


def restore_key(home: Path, backup: BackupInfo) -> bytes | None:
    """The key that opens ``backup`` in ``home`` (None: plain); one sentence when the backup
    and the journal do not go together (a plain backup never silently replaces an encrypted
    journal, nor one made with another key)."""
    encrypted = cipher.is_encrypted(home)
    if backup.key_id is None:
        if encrypted:
            raise JournalError(
                f"The backup {backup.path.name} is not encrypted and this journal is; restoring "
                "it would leave your journal unencrypted: choose an encrypted backup, or "
                "decrypt the journal first (imgjournal decrypt)."
            )
        return None
    if not cipher.has_keyfile(home):
        raise JournalError(
            f"The backup {backup.path.name} is encrypted, but this journal has no key file "
            f"({cipher.KEY_FILENAME}); put the key file of the journal it came from back first."
        )
    key = cipher.key_for(home)
    if key is None:
        raise cipher.PassphraseNeeded(home)
    if cipher.key_id(key) != backup.key_id:
        raise JournalError(
            f"The backup {backup.path.name} was encrypted with another key than this journal's "
            f"{cipher.KEY_FILENAME}; it cannot be restored here."
        )
    return key


def restore_backup(
    home: Path, backup: BackupInfo, *, aside: str = "replaced", now: datetime | None = None
) -> RestoreResult:
    """Put ``backup`` in place of ``home``'s journal.

    The current file is first renamed ``journal.sqlite3.<aside>-<time>`` (``replaced`` or
    ``damaged``; its bytes are not touched and pruning never removes it). When it is sound
    (``aside="replaced"``) a ``before-restore`` backup is made of it first. The backup is
    checked against its manifest's sha256, copied under a temporary name, synced, renamed into
    place and opened to count its entries. The journal must not be open meanwhile.
    """
    db = paths.db_path(home)
    when = (now or datetime.now(UTC)).astimezone(UTC)
    if not backup.verified:
        raise JournalError(
            f"The backup {backup.path.name} did not pass its integrity check; choose another."
        )
    key = restore_key(home, backup)
    try:
        if _sha256(backup.path) != backup.sha256:
            raise JournalError(
                f"The backup {backup.path.name} has changed since it was made (its sha256 "
                "differs from the manifest); choose another backup."
            )
        if aside == "replaced" and db.exists():
            from imgjournal import health

            diag = health.diagnose(home, use_stamp=False)
            if diag.kind is health.Kind.LOCKED:
                raise JournalError(diag.problem or "The journal is in use by another program.")
            if diag.kind is health.Kind.SOUND:
                create_backup(home, "before-restore", now=when)
            else:  # never write to (checkpoint, back up) a file that is not sound
                aside = "damaged"
        tmp = db.with_name(db.name + ".restoring")
        shutil.copyfile(backup.path, tmp)
        fsync_file(tmp)
        set_aside = _set_aside(db, aside, when)
        os.replace(tmp, db)
        fsync_folder(db.parent)
    except OSError as exc:
        db.with_name(db.name + ".restoring").unlink(missing_ok=True)
        raise JournalError(
            f"Could not restore {backup.path.name}: {exc.strerror or exc}; the journal folder "
            f"{home} must be writable (nothing was replaced)."
        ) from exc
    ok, _, entries = inspect_copy(db, key)
    if not ok:
        raise JournalError(
            f"The restored journal failed its integrity check; the previous file is kept as "
            f"{set_aside.name if set_aside else 'nothing'} — choose another backup."
        )
    log.info("restored %s (set aside %s)", backup.path.name, set_aside)
    return RestoreResult(backup=backup, set_aside=set_aside, entries=entries)


def app_holding(home: Path) -> int | None:
    """The process id of a running imgjournal app that holds this journal, or None.

    The app keeps a ``QLockFile`` in the folder (``imgjournal.lock``: pid, app, host); the core
    reads it without Qt so a restore from the command line can refuse while the app is open.
    """
    try:
        first = (home / "imgjournal.lock").read_text(encoding="utf-8").split("\n", 1)[0]
        pid = int(first.strip())
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    return pid
