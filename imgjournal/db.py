"""Opening a journal: the SQLite engine, its pragmas, migrations and the unit of work."""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from imgjournal import paths
from imgjournal.errors import JournalError
from imgjournal.migrations import HEAD, SCRIPT_LOCATION

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"


def _set_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA busy_timeout = 5000")
    cur.execute("PRAGMA journal_mode = WAL")
    # FULL: a commit is on disk when it returns, so a power cut never loses a saved entry.
    cur.execute("PRAGMA synchronous = FULL")
    cur.close()


def _check_is_sqlite(db: Path) -> None:
    try:
        with db.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise JournalError(f"Cannot read the journal file {db}: {exc.strerror}.") from exc
    if header and header != SQLITE_HEADER:
        raise JournalError(
            f"{db} is not an imgjournal database (it may be damaged); "
            "restore a copy from its backups folder or choose another journal folder."
        )


def _current_revision(db: Path) -> str | None:
    """The Alembic revision stored in ``db``, or None for a new, empty database."""
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        has_table = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if not has_table:
            tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables:
                raise JournalError(
                    f"{db} is a SQLite file but not an imgjournal journal; "
                    "choose another journal folder."
                )
            return None
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise JournalError(
            f"The journal database {db} is damaged ({exc}); restore a copy from its backups folder."
        ) from exc
    finally:
        con.close()


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory(SCRIPT_LOCATION).walk_revisions()}


def migrate(engine: Engine, db: Path, home: Path) -> str | None:
    """Bring the database to HEAD; back it up first if it held data. Returns the backup path."""
    current = _current_revision(db)
    if current == HEAD:
        return None
    if current is not None and current not in _known_revisions():
        raise JournalError(
            f"This journal was written by a newer version of imgjournal (schema {current}); "
            "update imgjournal to open it."
        )
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
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


class Journal:
    """An open journal folder.

    ``session()`` is the unit of work (SQLAlchemy). ``raw()`` is a plain sqlite3 connection for
    read-only hot paths (command-line search) that should not pay SQLAlchemy's import time;
    the engine is created on first use.
    """

    def __init__(self, home: Path) -> None:
        self.home = home
        self.db_path = paths.db_path(home)
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._raw: sqlite3.Connection | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from sqlalchemy import create_engine, event

            engine = create_engine(
                f"sqlite:///{self.db_path}",
                connect_args={"check_same_thread": False, "timeout": 5},
                # A failed statement's error names the SQL but not its values (titles, bodies,
                # queries), so the log and error messages never hold what the user wrote.
                hide_parameters=True,
            )
            event.listen(engine, "connect", _set_pragmas)
            self._engine = engine
        return self._engine

    @classmethod
    def open(cls, home: Path | str | None = None) -> Journal:
        home = paths.resolve_home(home)
        try:
            home.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise JournalError(
                f"Cannot create the journal folder {home}: {exc.strerror}; "
                "choose another folder with --home."
            ) from exc
        db = paths.db_path(home)
        if db.exists():
            _check_is_sqlite(db)
        elif not os.access(home, os.W_OK):
            raise JournalError(f"The journal folder {home} is read-only; choose another folder.")

        journal = cls(home)
        try:
            if _current_revision(db) != HEAD:
                migrate(journal.engine, db, home)
            from imgjournal.services.prompt_library import missing_builtin_keys

            if missing_builtin_keys(journal.raw()):
                from imgjournal.services.prompts import ensure_builtin_prompts

                ensure_builtin_prompts(journal)
        except JournalError:
            journal.close()
            raise
        except Exception as exc:
            journal.close()
            if isinstance(exc, sqlite3.Error) or type(exc).__name__ == "OperationalError":
                raise JournalError(f"Cannot open the journal at {db}: {exc}.") from exc
            raise
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

    def raw(self) -> sqlite3.Connection:
        """A plain sqlite3 connection (same pragmas) for read-only queries on hot paths."""
        if self._raw is None:
            con = sqlite3.connect(self.db_path, check_same_thread=False, timeout=5)
            _set_pragmas(con, None)
            self._raw = con
        return self._raw

    def close(self) -> None:
        if self._raw is not None:
            self._raw.close()
            self._raw = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _storage_error(exc: BaseException, db: Path) -> JournalError | None:
    """A user-ready error for a storage failure (full disk, read-only, locked), else None."""
    orig = getattr(exc, "orig", exc)
    if not isinstance(orig, sqlite3.Error):
        return None
    text = str(orig).lower()
    if "disk is full" in text or "database or disk is full" in text:
        return JournalError("The disk is full; free some space and try again (nothing was lost).")
    if "readonly" in text or "read-only" in text:
        return JournalError(
            f"The journal at {db.parent} is read-only; make the folder writable and try again."
        )
    if "locked" in text or "busy" in text:
        return JournalError("The journal is busy in another program; try again in a moment.")
    if "malformed" in text or "not a database" in text:
        return JournalError(
            f"The journal database {db} is damaged; restore a copy from its backups folder."
        )
    return None
