"""The one SQLite driver imgjournal uses, and the one place connections are made.

The driver is ``sqlcipher3``: the standard ``sqlite3`` module's interface over an SQLite
(3.53) with SQLCipher 4 inside. A plain journal is opened by it without a key, exactly as by
the standard module; an encrypted one is keyed first thing on every connection. One driver for
every file matters: two copies of SQLite in one process do not see each other's locks, which
is one of the documented ways to damage a database. The standard module is the fallback when
the wheel is missing (then nothing can be encrypted, and :data:`HAS_CIPHER` says so).

Two traps of SQLCipher are handled here, not by callers: ``PRAGMA key`` always "succeeds" (a
wrong key shows only at the first read, as ``file is not a database``), so :func:`connect` reads
right after keying; and a driver without SQLCipher accepts ``PRAGMA key`` silently and encrypts
nothing, so a key is refused unless ``PRAGMA cipher_version`` answers.
"""

from __future__ import annotations

from pathlib import Path

try:
    from sqlcipher3 import dbapi2 as dbapi
except ImportError:  # pragma: no cover - the wheel is a dependency; this keeps plain journals
    import sqlite3 as dbapi  # type: ignore[no-redef]

from imgjournal.errors import JournalError

Connection = dbapi.Connection
Cursor = dbapi.Cursor
Error = dbapi.Error
DatabaseError = dbapi.DatabaseError
OperationalError = dbapi.OperationalError
IntegrityError = dbapi.IntegrityError
sqlite_version = dbapi.sqlite_version

# Seconds a connection waits for another program's lock before it gives up.
BUSY_TIMEOUT_S = 5.0


def _cipher_version() -> str:
    try:
        con = dbapi.connect(":memory:")
    except Error:  # pragma: no cover
        return ""
    try:
        row = con.execute("PRAGMA cipher_version").fetchone()
        return str(row[0]) if row and row[0] else ""
    finally:
        con.close()


CIPHER_VERSION = _cipher_version()
HAS_CIPHER = bool(CIPHER_VERSION)


def uri(db: Path, *, read_only: bool = False, immutable: bool = False) -> str:
    """An SQLite URI for ``db`` (``file:///...``, escaped, any platform)."""
    params = []
    if read_only:
        params.append("mode=ro")
    if immutable:
        params.append("immutable=1")
    query = f"?{'&'.join(params)}" if params else ""
    return f"{db.resolve().as_uri()}{query}"


def key_sql(key: bytes) -> str:
    """The ``PRAGMA key`` value for a raw 256-bit key (SQLCipher skips its own derivation)."""
    if len(key) != 32:
        raise ValueError("an SQLCipher raw key is 32 bytes")
    return f"\"x'{key.hex()}'\""


def apply_key(con: Connection, key: bytes) -> None:
    """Key a new connection and prove the key opens the file (raises ``DatabaseError``,
    ``file is not a database``, when it does not)."""
    if not HAS_CIPHER:
        raise JournalError(
            "This copy of imgjournal was installed without SQLCipher, so it cannot open an "
            "encrypted journal; reinstall it with its dependencies (sqlcipher3)."
        )
    # SQLCipher reports a failed page check on stderr as well as in the error; the error is
    # enough (and the command line must print one sentence).
    con.execute("PRAGMA cipher_log_level = NONE")
    con.execute(f"PRAGMA key = {key_sql(key)}")
    con.execute("SELECT count(*) FROM sqlite_master").fetchone()


def connect(
    db: Path | str,
    *,
    key: bytes | None = None,
    read_only: bool = False,
    immutable: bool = False,
    timeout: float = BUSY_TIMEOUT_S,
    isolation_level: str | None = "",
    check_same_thread: bool = True,
) -> Connection:
    """A connection to ``db``: read-only or immutable through a URI, keyed when ``key`` is
    given (and proved to open the file before it is returned)."""
    if isinstance(db, str) and db.startswith("file:"):
        target, as_uri = db, True
    elif read_only or immutable:
        target, as_uri = uri(Path(db), read_only=read_only, immutable=immutable), True
    else:
        target, as_uri = str(db), False
    con = dbapi.connect(
        target,
        uri=as_uri,
        timeout=timeout,
        isolation_level=isolation_level,
        check_same_thread=check_same_thread,
    )
    if key is not None:
        try:
            apply_key(con, key)
        except BaseException:
            con.close()
            raise
    return con


def table_names(con: Connection) -> list[str]:
    """The schema table, then every ordinary and shadow table (not views, not virtual tables)."""
    return [
        row[0]
        for row in con.execute(
            "SELECT name FROM pragma_table_list WHERE schema = 'main' "
            "AND type IN ('table', 'shadow') ORDER BY name = 'sqlite_schema' DESC, name"
        )
    ]


def check_structure(
    con: Connection, pragma: str = "quick_check", names: list[str] | None = None
) -> str:
    """``"ok"``, or the report of the first table whose b-trees are not sound.

    Runs ``PRAGMA quick_check(T)`` (or ``integrity_check(T)``) for each of ``names`` (default:
    :func:`table_names`, every table the file keeps), not the whole-file form: since SQLite
    3.44 the whole-file form also runs each virtual table's own check, and FTS5's re-reads the
    search index against every entry — four fifths of the time at 50,000 entries (about 275 of
    325 ms), for an index that can be rebuilt from the entries. What the per-table form leaves
    out: pages no table uses and a page two tables share; the whole-file ``integrity_check`` of
    ``imgjournal check`` still looks for those, and at the search index.
    """
    if pragma not in ("quick_check", "integrity_check"):
        raise ValueError(f"not a check: {pragma}")
    for name in table_names(con) if names is None else names:
        quoted = name.replace('"', '""')
        report = "\n".join(str(r[0]) for r in con.execute(f'PRAGMA {pragma}("{quoted}")'))
        if report != "ok":
            return report
    return "ok"
