"""Where a journal lives on disk.

A journal is a folder. By default it is the platform's user data directory (platformdirs);
``--home DIR`` on the command line or the ``IMGJOURNAL_HOME`` environment variable override it.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_HOME = "IMGJOURNAL_HOME"
DB_FILENAME = "journal.sqlite3"
BACKUP_DIRNAME = "backups"
LOG_FILENAME = "imgjournal.log"


def default_home() -> Path:
    from platformdirs import user_data_path

    return user_data_path("imgjournal", appauthor=False)


def resolve_home(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The journal folder: ``explicit`` if given, else ``$IMGJOURNAL_HOME``, else the default."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser()
    return default_home()


def db_path(home: Path) -> Path:
    return home / DB_FILENAME


def backup_dir(home: Path) -> Path:
    return home / BACKUP_DIRNAME


def log_path(home: Path) -> Path:
    return home / LOG_FILENAME
