"""What is wrong with a journal folder, found before anything writes to it.

``diagnose(home)`` looks at the folder, the file's header, its size, a leftover ``-wal`` file
and (through a read-only SQLite connection) the schema and ``PRAGMA quick_check``. It never
writes to the journal file: it reads bytes, and opens SQLite with ``mode=ro`` (or
``immutable=1`` when the folder is read-only). The result is a :class:`Diagnosis`: a kind, one
sentence that names the problem and says what to do, and whether restoring a backup helps.

The quick check reads the whole file (about 70-100 ms at 50,000 entries), so a sound result is
remembered in a small sidecar file, ``.imgjournal-checked``, holding the size, modification
time and inode of the journal file and of its ``-wal``; while they are unchanged the next open
skips the check. ``Journal.close`` refreshes it after the journal's own writes.

A leftover ``-wal`` is tied to its journal file by two numbers SQLite keeps in the file's first
page: every commit stores a new random tag in ``user_version`` and the previous tag in
``application_id`` (see ``imgjournal.db``). Every commit writes the first page, so the ``-wal``
holds a copy of it for each commit it carries. The file on disk is the state at the last
checkpoint: its tag must be the previous tag of the first commit in the ``-wal``, or the tag of
one of its commits (when a checkpoint copied part of it back). A ``-wal`` of another database,
or of another copy of this journal that went its own way, carries other tags, and is not
merged: the journal is not opened until it is set aside (:func:`set_aside_wal`).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import struct
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from imgjournal import cipher, paths, sqlite
from imgjournal.errors import JournalError

SQLITE_HEADER = b"SQLite format 3\x00"
STAMP_FILENAME = ".imgjournal-checked"
WAL_MAGIC = (0x377F0682, 0x377F0683)
BUSY_TIMEOUT_S = sqlite.BUSY_TIMEOUT_S
RESTORE_COMMAND = "imgjournal backup restore latest --yes"
SET_ASIDE_COMMAND = "imgjournal check --set-aside-wal"


class Kind(StrEnum):
    SOUND = "sound"
    NEW = "new"  # no journal file yet: a new journal
    READ_ONLY = "read-only"  # sound, but nothing can be saved
    EMPTY = "empty"  # a 0-byte file
    DAMAGED = "damaged"
    ENCRYPTED = "encrypted-or-damaged"
    NOT_A_FILE = "not-a-file"  # a folder (or other non-file) where the file should be
    NO_ACCESS = "no-access"  # permission denied
    NOT_A_JOURNAL = "not-a-journal"  # an SQLite file of another program
    NEWER = "newer"  # written by a newer imgjournal
    LOCKED = "locked"  # another program holds a lock past the busy timeout
    STALE_WAL = "stale-wal"  # a -wal that does not belong to this file
    NEEDS_PASSPHRASE = "needs-passphrase"  # encrypted, and not unlocked in this process


GOOD = (Kind.SOUND, Kind.NEW, Kind.READ_ONLY)


@dataclass(frozen=True)
class Diagnosis:
    kind: Kind
    problem: str | None = None  # one sentence: the problem and what to do (None when good)
    restorable: bool = False  # restoring the newest verified backup would help
    read_only: bool = False
    immutable: bool = False  # open with immutable=1 (a read-only folder SQLite cannot lock)
    revision: str | None = None  # the schema revision, when it could be read
    checked: bool = False  # quick_check ran on this open (not skipped by the stamp)
    detail: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.kind in GOOD


class JournalProblem(JournalError):
    """A journal that cannot be opened; ``diagnosis`` says why, ``str()`` is the CLI's text."""

    def __init__(self, diagnosis: Diagnosis, text: str) -> None:
        super().__init__(text)
        self.diagnosis = diagnosis


# ---- small helpers ----------------------------------------------------------------------
def wal_path(db: Path) -> Path:
    return db.with_name(db.name + "-wal")


def shm_path(db: Path) -> Path:
    return db.with_name(db.name + "-shm")


def ro_uri(db: Path, *, immutable: bool = False) -> str:
    """An SQLite URI that opens ``db`` read-only (``file:///...``, escaped, any platform)."""
    return sqlite.uri(db, read_only=True, immutable=immutable)


def _looks_random(data: bytes) -> bool:
    """True for bytes with no structure (encrypted, or random noise): most values occur."""
    sample = data[:4096]
    return len(sample) >= 512 and len(set(sample)) > 0.75 * min(256, len(sample) // 2)


def _stat_key(p: Path) -> list[int] | None:
    try:
        st = p.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def _stamp_state(db: Path) -> dict:
    return {"db": _stat_key(db), "wal": _stat_key(wal_path(db))}


def stamp_matches(home: Path) -> bool:
    """True when the sidecar says the journal file (and -wal) passed a check as they are now."""
    try:
        saved = json.loads((home / STAMP_FILENAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    state = _stamp_state(paths.db_path(home))
    return state["db"] is not None and saved.get("state") == state


def write_stamp(home: Path) -> None:
    """Remember that the journal file, as it is now, is sound (best effort, never the db)."""
    target = home / STAMP_FILENAME
    data = {
        "state": _stamp_state(paths.db_path(home)),
        "checked": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    tmp = target.with_name(target.name + f".{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def forget_stamp(home: Path) -> None:
    with contextlib.suppress(OSError):
        (home / STAMP_FILENAME).unlink(missing_ok=True)


# ---- the -wal ---------------------------------------------------------------------------
@dataclass(frozen=True)
class WalInfo:
    page_size: int
    commits: int
    tags: frozenset[int]  # the tags the file on disk may hold for this -wal to fit
    has_page_one: bool


def read_wal(wal: Path) -> WalInfo | None:
    """The committed part of a -wal, or None when there is none (absent, empty, no header)."""
    try:
        fh = wal.open("rb")
    except FileNotFoundError:
        return None
    with fh:
        head = fh.read(32)
        if len(head) < 32:
            return None
        magic, _version, page_size, _seq, salt1, salt2 = struct.unpack(">6I", head[:24])
        if magic not in WAL_MAGIC or _wal_checksum(head[:24], magic) != head[24:32]:
            return None  # SQLite ignores a -wal whose header is not sound
        frame = 24 + page_size
        offset = 32
        commits = 0
        pending: list[tuple[int, int]] = []
        committed: list[tuple[int, int]] = []
        while True:
            fh.seek(offset)
            fhead = fh.read(24)
            if len(fhead) < 24:
                break
            pgno, size_after, s1, s2 = struct.unpack(">4I", fhead[:16])
            if (s1, s2) != (salt1, salt2):
                break
            if pgno == 1:
                page = fh.read(100)
                if len(page) < 100:
                    break
                cur, prev = struct.unpack(">I4xI", page[60:72])
                pending.append((prev, cur))
            if size_after:
                commits += 1
                committed += pending
                pending = []
            offset += frame
    tags: set[int] = set()
    if committed:
        tags.add(committed[0][0])
        tags.update(cur for _prev, cur in committed)
    return WalInfo(page_size, commits, frozenset(tags), bool(committed))


def _wal_checksum(data: bytes, magic: int) -> bytes:
    """SQLite's -wal checksum of ``data`` (words big-endian when the magic's low bit is 1)."""
    words = struct.unpack(f"{'>' if magic & 1 else '<'}{len(data) // 4}I", data)
    s0 = s1 = 0
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return struct.pack(">2I", s0, s1)


def wal_fits(db: Path, header: bytes) -> bool | None:
    """True when the -wal belongs to ``db`` (or has nothing committed), False when it does
    not, None when its tags cannot tell (no copy of the first page in it)."""
    for _attempt in range(3):  # a live writer may checkpoint between the two reads
        info = read_wal(wal_path(db))
        if info is None or info.commits == 0:
            return True
        if info.page_size != _page_size(header):
            return False
        if not info.has_page_one:
            return None
        (tag,) = struct.unpack(">I", header[60:64])
        if tag in info.tags:
            return True
        header = _read_header(db) or header
    return False


def _read_header(db: Path) -> bytes | None:
    try:
        with db.open("rb") as fh:
            return fh.read(100)
    except OSError:
        return None


def _page_size(header: bytes) -> int:
    (raw,) = struct.unpack(">H", header[16:18])
    return 65536 if raw == 1 else raw


def set_aside_wal(home: Path, now: datetime | None = None) -> Path | None:
    """Rename a leftover -wal (and its -shm) to ``journal.sqlite3-wal.stale-<time>``; never
    deletes. Returns the new name of the -wal, or None when there was none."""
    db = paths.db_path(home)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    moved = None
    for p in (wal_path(db), shm_path(db)):
        if not p.exists():
            continue
        target = p.with_name(f"{p.name}.stale-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = p.with_name(f"{p.name}.stale-{stamp}-{n}")
        try:
            p.rename(target)
        except OSError as exc:
            raise JournalError(
                f"Cannot move {p.name} aside in {home} ({exc.strerror}); "
                "make the folder writable and try again."
            ) from exc
        if p.name.endswith("-wal"):
            moved = target
    forget_stamp(home)
    return moved


# ---- the sentences ----------------------------------------------------------------------
def _other_folder() -> str:
    return "choose another journal folder"


def restore_hint(home: Path) -> str:
    """The sentence that says how to restore the newest verified backup, or how to recover."""
    from imgjournal.backups import newest_verified

    backup = newest_verified(home)
    if backup is None:
        return (
            " There is no verified backup to restore: see “A damaged journal” in "
            "docs/data-safety.md to recover what you can, or choose another journal folder."
        )
    when = backup.created.astimezone(UTC).strftime("%Y-%m-%d %H:%M")
    entries = "1 entry" if backup.entries == 1 else f"{backup.entries} entries"
    return f" A verified backup from {when} UTC holds {entries}; restore it with: {RESTORE_COMMAND}"


def cli_text(diag: Diagnosis, home: Path) -> str:
    """What the command line prints: the sentence, and the restore command when it helps."""
    text = diag.problem or ""
    if diag.restorable:
        text += restore_hint(home)
    return text


def _first_problem(report: str) -> str:
    """The first line of a check's report that names a problem, as one short line."""
    lines = [ln.strip() for ln in report.splitlines() if ln.strip()]
    named = [ln for ln in lines if not ln.startswith("***")] or lines or ["not ok"]
    return named[0][:200]


def _damaged(db: Path, why: str, kind: Kind = Kind.DAMAGED) -> Diagnosis:
    what = "encrypted or damaged" if kind is Kind.ENCRYPTED else "damaged"
    return Diagnosis(
        kind,
        f"The journal file {db} is {what} ({why}), so imgjournal did not open it and left it "
        "untouched.",
        restorable=True,
    )


def _no_access(where: Path, what: str) -> Diagnosis:
    return Diagnosis(
        Kind.NO_ACCESS,
        f"imgjournal is not allowed to read the journal {what} {where} (permission denied); "
        f"give your user access to it, or {_other_folder()}.",
    )


def _locked(db: Path) -> Diagnosis:
    return Diagnosis(
        Kind.LOCKED,
        f"The journal {db} is in use by another program; close it and try again.",
    )


# ---- the diagnosis ----------------------------------------------------------------------
def diagnose(home: Path, *, quick: bool = True, use_stamp: bool = True) -> Diagnosis:
    """What is wrong with the journal in ``home`` (see the module's docstring); never writes
    to the journal file. ``quick`` runs ``PRAGMA quick_check`` unless the stamp says the file
    is unchanged since the last sound check."""
    db = paths.db_path(home)
    try:
        st_home = home.stat()
    except FileNotFoundError:
        return Diagnosis(Kind.NEW)
    except NotADirectoryError:
        return Diagnosis(Kind.NEW)  # a file on the way: creating the folder says so
    except PermissionError:
        return _no_access(home, "folder")
    import stat as stat_mod

    if not stat_mod.S_ISDIR(st_home.st_mode):
        return Diagnosis(
            Kind.NOT_A_FILE,
            f"{home} is a file, not a journal folder; {_other_folder()} with --home.",
        )
    try:
        st = db.lstat()
    except FileNotFoundError:
        try:
            os.listdir(home)
        except PermissionError:
            return _no_access(home, "folder")
        except OSError:
            pass
        leftover = read_wal(wal_path(db))
        if leftover is not None and leftover.commits:
            # SQLite would read it as the content of the new journal.
            return _stale_wal(home)
        return Diagnosis(Kind.NEW)
    except PermissionError:
        return _no_access(home, "folder")
    if stat_mod.S_ISLNK(st.st_mode):
        try:
            st = db.stat()
        except OSError:
            return _damaged(db, "it is a link to a file that does not exist")
    if stat_mod.S_ISDIR(st.st_mode):
        return Diagnosis(
            Kind.NOT_A_FILE,
            f"There is a folder where the journal file {db} should be; move that folder "
            f"away, or {_other_folder()}.",
            restorable=True,
        )
    if not stat_mod.S_ISREG(st.st_mode):
        return Diagnosis(
            Kind.NOT_A_FILE,
            f"{db} is not a regular file; move it away, or {_other_folder()}.",
            restorable=True,
        )
    try:
        with db.open("rb") as fh:
            header = fh.read(4096)
    except PermissionError:
        return _no_access(db, "file")
    except OSError as exc:
        return _damaged(db, f"it cannot be read: {exc.strerror}")
    size = st.st_size
    if size == 0:
        return Diagnosis(
            Kind.EMPTY,
            f"The journal file {db} is empty (0 bytes), so it holds no journal; imgjournal "
            "left it untouched (move it away to start a new journal).",
            restorable=True,
        )
    read_only = not os.access(db, os.W_OK) or not os.access(home, os.W_OK)
    if header[:16] != SQLITE_HEADER and cipher.has_keyfile(home):
        return _diagnose_encrypted(home, db, size, read_only, quick, use_stamp)
    if header[:16] != SQLITE_HEADER:
        if _looks_random(header):
            return _damaged(db, "it does not start like an SQLite database", Kind.ENCRYPTED)
        return _damaged(db, "it is not an imgjournal database: its header is wrong")
    if size < 100:
        return _damaged(db, f"it is cut short at {size} bytes")
    page_size = _page_size(header)
    if page_size < 512 or page_size & (page_size - 1):
        return _damaged(db, "its header is wrong")
    wal_info = read_wal(wal_path(db))
    wal_pending = wal_info is not None and wal_info.commits > 0
    (change, count), (valid_for,) = (
        struct.unpack(">2I", header[24:32]),
        struct.unpack(">I", header[92:96]),
    )
    if not wal_pending and valid_for == change and count and size < count * page_size:
        return _damaged(db, f"it is cut short: {size:,} of {count * page_size:,} bytes")

    stamped = use_stamp and stamp_matches(home)
    fits: bool | None = True
    if wal_pending and not stamped:
        fits = wal_fits(db, header[:100])
        if fits is False:
            return _stale_wal(home)
    return _probe(home, db, read_only, quick and not stamped, fits, wal_pending)


def _diagnose_encrypted(
    home: Path, db: Path, size: int, read_only: bool, quick: bool, use_stamp: bool
) -> Diagnosis:
    """An encrypted journal: nothing past its salt can be read without the key, so the header
    checks and the -wal's tags are left to SQLCipher, which checks every page's HMAC."""
    key = cipher.key_for(home)
    if key is None:
        return Diagnosis(
            Kind.NEEDS_PASSPHRASE,
            f"The journal in {home} is encrypted; give its passphrase to open it.",
        )
    if size < 512:
        return _damaged(db, f"it is cut short at {size} bytes")
    wal_info = read_wal(wal_path(db))
    wal_pending = wal_info is not None and wal_info.commits > 0
    stamped = use_stamp and stamp_matches(home)
    return _probe(home, db, read_only, quick and not stamped, True, wal_pending, key)


def _stale_wal(home: Path) -> Diagnosis:
    db = paths.db_path(home)
    return Diagnosis(
        Kind.STALE_WAL,
        f"The journal folder {home} holds a leftover {wal_path(db).name} that belongs to "
        "another database or another copy of this journal, so imgjournal did not merge it; "
        f"set it aside (it is kept) and open the journal without it with: {SET_ASIDE_COMMAND}",
    )


def _connect_ro(db: Path, immutable: bool, key: bytes | None = None) -> sqlite.Connection:
    return sqlite.connect(db, read_only=True, immutable=immutable, key=key)


def _wrong_key(db: Path) -> Diagnosis:
    return Diagnosis(
        Kind.ENCRYPTED,
        f"The journal file {db} does not open with the key in {cipher.KEY_FILENAME}: the file "
        "is damaged, or the key file belongs to another journal; imgjournal left both "
        "untouched.",
        restorable=True,
    )


def _probe(
    home: Path,
    db: Path,
    read_only: bool,
    quick: bool,
    fits: bool | None,
    wal_pending: bool,
    key: bytes | None = None,
) -> Diagnosis:
    """Read the schema (and run quick_check) through a read-only connection."""

    immutable = False
    try:
        con = _connect_ro(db, immutable, key)
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite.Error as exc:
        if key is not None and _is_not_a_database(exc):
            return _wrong_key(db)
        diag = _sqlite_problem(db, exc)
        if diag is not None:
            return diag
        # A read-only folder: SQLite cannot make the -shm a WAL journal needs to be read.
        if not (read_only and not wal_pending):
            return _damaged(db, str(exc))
        immutable = True
        try:
            con = _connect_ro(db, immutable, key)
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite.Error as exc2:
            return _sqlite_problem(db, exc2) or _damaged(db, str(exc2))
    try:
        return _inspect(home, db, con, read_only, immutable, quick, fits, wal_pending, key)
    finally:
        con.close()


def _is_not_a_database(exc: BaseException) -> bool:
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith("SQLITE_NOTADB") or "not a database" in str(exc).lower()


def _inspect(
    home: Path,
    db: Path,
    con: sqlite.Connection,
    read_only: bool,
    immutable: bool,
    quick: bool,
    fits: bool | None,
    wal_pending: bool,
    key: bytes | None = None,
) -> Diagnosis:
    from imgjournal.migrations import HEAD

    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            if tables:
                return Diagnosis(
                    Kind.NOT_A_JOURNAL,
                    f"{db} is an SQLite database of another program, not an imgjournal journal; "
                    f"move it away, or {_other_folder()}.",
                )
            revision = None
        else:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        if revision is not None and revision != HEAD:
            from imgjournal.db import _known_revisions

            if revision not in _known_revisions():
                return Diagnosis(
                    Kind.NEWER,
                    f"This journal was written by a newer version of imgjournal (schema "
                    f"{revision}); update imgjournal to open it.",
                    revision=revision,
                )
        checked = False
        if quick or fits is None:
            result = sqlite.check_structure(con)
            checked = True
            if result != "ok":
                con.close()
                if wal_pending and _base_is_sound(db, key):
                    return _stale_wal(home)
                return _damaged(db, f"quick_check: {_first_problem(result)}")
    except sqlite.Error as exc:
        con.close()
        if wal_pending and _base_is_sound(db, key):
            return _stale_wal(home)
        return _sqlite_problem(db, exc) or _damaged(db, str(exc))
    con.close()
    if checked and not read_only:
        write_stamp(home)
    if read_only:
        return Diagnosis(
            Kind.READ_ONLY,
            f"This journal is read-only: {db} or its folder cannot be written; changes cannot "
            "be saved.",
            read_only=True,
            immutable=immutable,
            revision=revision,
            checked=checked,
        )
    return Diagnosis(Kind.SOUND, revision=revision, checked=checked)


def _base_is_sound(db: Path, key: bytes | None = None) -> bool:
    """The journal file without its -wal passes quick_check (read with immutable=1)."""
    try:
        con = _connect_ro(db, True, key)
        try:
            return sqlite.check_structure(con) == "ok"
        finally:
            con.close()
    except sqlite.Error:
        return False


def _sqlite_problem(db: Path, exc: sqlite.Error) -> Diagnosis | None:
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name.startswith("SQLITE_BUSY") or "locked" in text:
        return _locked(db)
    if name.startswith("SQLITE_NOTADB") or "not a database" in text:
        return _damaged(db, "SQLite says it is not a database")
    if name.startswith("SQLITE_CORRUPT") or "malformed" in text:
        return _damaged(db, "SQLite says the database disk image is malformed")
    if name.startswith("SQLITE_AUTH") or getattr(exc, "errno", None) == errno.EACCES:
        return _no_access(db, "file")
    return None


# ---- the full check (``imgjournal check``) -------------------------------------------------
@dataclass(frozen=True)
class CheckReport:
    diagnosis: Diagnosis
    integrity: str | None  # "ok" or the first problem integrity_check found
    revision: str | None
    entries: int | None
    trash: int | None
    last_backup: object | None  # backups.BackupInfo

    @property
    def ok(self) -> bool:
        return self.diagnosis.ok and self.integrity == "ok"


def full_check(home: Path) -> CheckReport:
    """The whole-file ``PRAGMA integrity_check``, schema, counts and newest verified backup."""
    from imgjournal.backups import newest_verified

    backup = newest_verified(home) if home.is_dir() else None
    diag = diagnose(home, quick=False, use_stamp=False)
    if not diag.ok or diag.kind is Kind.NEW:
        if diag.kind is Kind.NEW:
            diag = Diagnosis(
                Kind.NEW,
                f"There is no journal in {home} yet; add an entry or open the app to start one.",
            )
        return CheckReport(diag, None, None, None, None, backup)
    db = paths.db_path(home)
    try:
        con = _connect_ro(db, diag.immutable, cipher.current_key(home))
        try:
            rows = [r[0] for r in con.execute("PRAGMA integrity_check(20)")]
            integrity = "ok" if rows == ["ok"] else "; ".join(rows[:3])
            entries = trash = None
            if integrity == "ok" and diag.revision is None:
                entries, trash = 0, 0
            elif integrity == "ok":
                entries, trash = con.execute(
                    "SELECT count(*) - count(deleted_at), count(deleted_at) FROM entries"
                ).fetchone()
        finally:
            con.close()
    except sqlite.Error as exc:
        bad = _sqlite_problem(db, exc) or _damaged(db, str(exc))
        return CheckReport(bad, None, diag.revision, None, None, backup)
    if integrity != "ok":
        forget_stamp(home)
        bad = _damaged(db, f"integrity_check: {integrity}")
        return CheckReport(bad, integrity, diag.revision, None, None, backup)
    if not diag.read_only:
        write_stamp(home)
    return CheckReport(diag, integrity, diag.revision, entries, trash, backup)
