"""Opening a journal: the SQLite engine, its pragmas, migrations and the unit of work."""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from imgjournal import cipher, health, opchanges, paths, sqlite
from imgjournal.errors import JournalError
from imgjournal.health import JournalProblem
from imgjournal.migrations import HEAD, SCRIPT_LOCATION, rebuilds_index

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

SQLITE_HEADER = health.SQLITE_HEADER


def _set_pragmas(dbapi_conn: sqlite.Connection, _record: object, read_only: bool = False) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute(f"PRAGMA busy_timeout = {int(health.BUSY_TIMEOUT_S * 1000)}")
    if read_only:
        cur.execute("PRAGMA query_only = ON")
    else:
        cur.execute("PRAGMA journal_mode = WAL")
    # FULL: a commit is on disk when it returns, so a power cut never loses a saved entry.
    cur.execute("PRAGMA synchronous = FULL")
    cur.close()


def _dbapi(conn: object) -> sqlite.Connection | None:
    return opchanges.dbapi_of(conn)


def _note_begin(conn: object) -> None:
    dbapi = _dbapi(conn)
    if dbapi is not None:
        conn.info["changes_at_begin"] = dbapi.total_changes  # type: ignore[attr-defined]


def _tag_commit(conn: object) -> None:
    """Before a commit that changed rows: a new random tag in ``user_version``, the last one
    in ``application_id``. The -wal then carries the tags, which tie it to its file (see
    ``imgjournal.health``: a leftover -wal of another copy is not merged). A transaction that
    only read stays a reader (it may hold an old snapshot that could not write)."""
    dbapi = _dbapi(conn)
    if dbapi is None or not dbapi.in_transaction:
        return
    if dbapi.total_changes == conn.info.get("changes_at_begin"):  # type: ignore[attr-defined]
        return
    previous = dbapi.execute("PRAGMA user_version").fetchone()[0]
    dbapi.execute(f"PRAGMA application_id = {int(previous)}")
    dbapi.execute(f"PRAGMA user_version = {secrets.randbelow(2**31 - 2) + 1}")


def _check_is_sqlite(db: Path) -> None:
    """Raise :class:`JournalProblem` unless ``db`` looks like a sound journal (never writes)."""
    diag = health.diagnose(db.parent, quick=False, use_stamp=False)
    if not diag.ok:
        raise JournalProblem(diag, health.cli_text(diag, db.parent))


def _current_revision(db: Path, key: bytes | None = None) -> str | None:
    """The Alembic revision stored in ``db``, or None for a new, empty database."""
    if not db.exists():
        return None
    try:
        con = sqlite.connect(db, read_only=True, key=key)
    except sqlite.Error:
        return None
    try:
        has_table = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if not has_table:
            tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables:
                raise JournalError(
                    f"{db} is an SQLite database of another program, not an imgjournal "
                    "journal; move it away, or choose another journal folder."
                )
            return None
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except sqlite.DatabaseError as exc:
        _check_is_sqlite(db)  # names the problem (damaged, locked, ...) in one sentence
        raise JournalError(
            f"The journal file {db} is damaged ({exc}); imgjournal left it untouched: "
            "restore a backup, or choose another journal folder."
        ) from exc
    finally:
        con.close()


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory(SCRIPT_LOCATION).walk_revisions()}


def stored_revision(home: Path) -> str | None:
    """The schema revision of the journal in ``home`` (None: no journal yet), read without
    writing; an encrypted journal must be unlocked first."""
    return _current_revision(paths.db_path(home), cipher.key_for(home))


def migrate(
    engine: Engine, db: Path, home: Path, on_long_upgrade: Callable[[], None] | None = None
) -> str | None:
    """Bring the database to HEAD; back it up first if it held data. Returns the backup path.
    ``on_long_upgrade`` is called first when the upgrade rebuilds the search index (seconds)."""
    current = _current_revision(db, cipher.key_for(home))
    if current == HEAD:
        return None
    if current is not None and current not in _known_revisions():
        raise JournalError(
            f"This journal was written by a newer version of imgjournal (schema {current}); "
            "update imgjournal to open it."
        )
    if on_long_upgrade is not None and rebuilds_index(current):
        on_long_upgrade()
    backup = None
    if current is not None:
        from imgjournal.backups import create_backup

        backup = create_backup(home, f"before-{HEAD}").path
        log.info("backed up %s to %s before migrating from %s", db, backup, current)

    alembic_upgrade(engine, "head")
    return str(backup) if backup else None


def alembic_upgrade(engine: Engine, revision: str) -> None:
    """Run the shipped migrations up to ``revision`` ("head", or an older one in tests)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    with engine.begin() as conn:
        # One transaction for the whole upgrade, DDL included: the driver begins one only
        # before an INSERT/UPDATE/DELETE, so a DROP or CREATE before the first of those (0004
        # drops and rebuilds the word index) would be committed on its own, and an upgrade
        # failing later would leave the journal half upgraded. SQLite's DDL is transactional.
        dbapi = _dbapi(conn)
        if dbapi is not None and not dbapi.in_transaction:
            conn.exec_driver_sql("BEGIN")
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


class Journal:
    """An open journal folder.

    ``session()`` is the unit of work (SQLAlchemy). ``raw()`` is a DB-API connection for
    read-only hot paths (command-line search) that should not pay SQLAlchemy's import time;
    the engine is created on first use. A journal whose file or folder cannot be written opens
    ``read_only``: reading works, and every write fails with one sentence.
    """

    def __init__(
        self,
        home: Path,
        *,
        read_only: bool = False,
        immutable: bool = False,
        key: bytes | None = None,
    ) -> None:
        self.home = home
        self.db_path = paths.db_path(home)
        self.read_only = read_only
        self._immutable = immutable
        self._key = key  # the data key of an encrypted journal (None: plain)
        self._locked = False
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._raw: sqlite.Connection | None = None
        self._sound = False  # the file passed the checks on open: refresh the stamp on close
        self.made_private: list[Path] = []  # what opening made private (it was wider)
        self._changes = opchanges.Recorder()

    @property
    def encrypted(self) -> bool:
        return self._key is not None or cipher.is_encrypted(self.home)

    @property
    def locked(self) -> bool:
        return self._locked

    def lock(self) -> None:
        """Close every connection and drop the key: nothing can be read until :meth:`unlock`
        (the app's idle lock). ``cipher.forget`` is the caller's, with the passphrase."""
        self.close()
        self._locked = True
        self._key = None

    def unlock(self, key: bytes | None) -> None:
        """Open again after :meth:`lock`, or after the file was converted in place
        (``imgjournal.encryption``): connections are made with ``key`` from now on."""
        self.close()
        self._key = key
        self._locked = False

    def _connect(self) -> sqlite.Connection:
        """Every connection of this journal: keyed first when it is encrypted."""
        if self._locked:
            raise JournalError("The journal is locked; unlock it with its passphrase first.")
        return sqlite.connect(
            self.db_path,
            key=self._key,
            read_only=self.read_only,
            immutable=self._immutable,
            check_same_thread=False,
        )

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from sqlalchemy import create_engine, event
            from sqlalchemy.pool import QueuePool

            engine = create_engine(
                "sqlite://",
                creator=self._connect,
                module=sqlite.dbapi,  # SQLAlchemy wraps this driver's errors
                poolclass=QueuePool,  # as for a file URL: connections are reused, per thread
                # A failed statement's error names the SQL but not its values (titles,
                # bodies, queries), so the log and error messages never hold what the
                # user wrote.
                hide_parameters=True,
            )
            if not self.read_only:
                event.listen(engine, "begin", _note_begin)
                event.listen(engine, "commit", _tag_commit)
                rec = self._changes
                event.listen(engine, "begin", rec.begin)
                event.listen(engine, "before_cursor_execute", rec.before_execute)
                event.listen(engine, "after_cursor_execute", rec.after_execute)
                event.listen(engine, "commit", rec.commit)
            read_only = self.read_only
            event.listen(engine, "connect", lambda c, r: _set_pragmas(c, r, read_only))
            self._engine = engine
        return self._engine

    def take_changes(self) -> opchanges.Changes:
        """What this thread's transactions committed since the last call (see
        :mod:`imgjournal.opchanges`); the app's views reload only what that touches."""
        return self._changes.take()

    @classmethod
    def open(
        cls,
        home: Path | str | None = None,
        *,
        always_check: bool = False,
        on_long_upgrade: Callable[[], None] | None = None,
    ) -> Journal:
        """Open (or create) the journal in ``home``; raise :class:`JournalProblem` (one
        sentence) for a damaged, locked, foreign or newer journal file, which is left exactly
        as it was. ``PRAGMA quick_check`` runs unless the stamp says the file is unchanged
        since the last sound check; ``always_check`` (the app) runs it anyway.
        ``on_long_upgrade`` is called before an upgrade that rebuilds the search index."""
        home = paths.resolve_home(home)
        key = cipher.key_or_raise(home)  # PassphraseNeeded: unlock first, then open again
        # Every page of an encrypted file carries an HMAC that is checked on each read, so a
        # damaged page cannot pass unseen; its quick check (which decrypts the whole file,
        # 0.4-0.7 s at 50,000 entries) is trusted to the stamp like a command's.
        diag = health.diagnose(home, use_stamp=not always_check or key is not None)
        if not diag.ok:
            raise JournalProblem(diag, health.cli_text(diag, home))
        if diag.kind is health.Kind.NEW:
            try:
                home.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise JournalError(
                    f"Cannot create the journal folder {home}: {exc.strerror}; "
                    "choose another folder with --home."
                ) from exc
            if not os.access(home, os.W_OK):
                raise JournalError(
                    f"The journal folder {home} is read-only, so a new journal cannot be "
                    "made there; choose another folder."
                )
        db = paths.db_path(home)
        journal = cls(home, read_only=diag.read_only, immutable=diag.immutable, key=key)
        if not diag.read_only:
            from imgjournal.private import make_private

            journal.made_private = make_private(home)
        try:
            if diag.read_only:
                if diag.revision != HEAD:
                    raise JournalError(
                        f"The journal {db} needs an upgrade to this version of imgjournal, but "
                        "it is read-only; make it writable (or copy it to a writable folder) "
                        "and open it again."
                    )
                return journal
            if diag.revision != HEAD:  # read by the diagnosis (None: a new journal)
                migrate(journal.engine, db, home, on_long_upgrade)
        except JournalError:
            journal.close()
            raise
        except Exception as exc:
            journal.close()
            from sqlalchemy.exc import DBAPIError  # what SQLAlchemy wraps a driver error in

            if isinstance(exc, sqlite.Error | DBAPIError):
                translated = _storage_error(exc, db)
                if translated is not None:
                    raise translated from exc
                # The driver's own words: SQLAlchemy's wrapper adds the whole statement.
                detail = str(getattr(exc, "orig", None) or exc).rstrip(".")
                raise JournalError(f"Cannot open the journal at {db}: {detail}.") from exc
            raise
        journal._sound = True
        return journal

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException as exc:
            session.rollback()
            translated = _storage_error(exc, self.db_path)
            if translated is not None:
                raise translated from exc
            raise
        finally:
            session.close()

    def raw(self) -> sqlite.Connection:
        """A DB-API connection (same key and pragmas) for read-only queries on hot paths."""
        if self._raw is None:
            con = self._connect()
            _set_pragmas(con, None, self.read_only)
            self._raw = con
        return self._raw

    def close(self) -> None:
        if self._raw is not None:
            self._raw.close()
            self._raw = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        # The session factory holds the engine it was made with: a disposed engine would make
        # new connections (to a file that may have been replaced since) behind our back.
        self._sessions = None
        if self._sound:
            # Sound on open, and changed since only by SQLite itself: the next open need not
            # read the whole file again.
            self._sound = False
            health.write_stamp(self.home)

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _storage_error(exc: BaseException, db: Path) -> JournalError | None:
    """A user-ready error for a storage failure (full disk, read-only, locked), else None."""
    orig = getattr(exc, "orig", exc)
    if not isinstance(orig, sqlite.Error):
        return None
    text = str(orig).lower()
    if "disk is full" in text or "database or disk is full" in text:
        return JournalError("The disk is full; free some space and try again (nothing was lost).")
    if "readonly" in text or "read-only" in text:
        return JournalError(
            f"The change was not saved: the journal {db} is read-only; make the folder "
            "writable and try again."
        )
    if "locked" in text or "busy" in text:
        return JournalError(
            f"The journal {db} is in use by another program; close it and try again."
        )
    if "malformed" in text or "not a database" in text:
        return JournalError(
            f"The journal file {db} is damaged; quit, run `imgjournal check`, and restore a "
            "backup if it says so."
        )
    return None
