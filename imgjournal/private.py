"""Files only the user can read: the journal folder 0700, everything in it 0600 (POSIX).

``restrict_umask()`` runs first thing in the command line and the app, so every file they
create (the database and its ``-wal``/``-shm``, backups, manifests, the log, settings, PDFs and
exports) is private from its first byte. ``make_private(home)`` tightens what an older
version, a copy or an unzip left wider, and returns what it changed so the caller can say so
once. Windows keeps a user's profile private already; there these do nothing.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger(__name__)

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
UMASK = 0o077
POSIX = os.name == "posix"


def restrict_umask() -> None:
    """New files and folders of this process: the user's alone."""
    if POSIX:
        os.umask(UMASK)


def _tighten(path: Path, mode: int) -> bool:
    """chmod ``path`` to ``mode`` if others or the group may use it; True if it changed."""
    try:
        st = path.lstat()
    except OSError:
        return False
    if stat.S_ISLNK(st.st_mode) or not st.st_mode & 0o077:
        return False
    try:
        path.chmod(mode)
    except OSError as exc:  # a read-only folder, another owner: say it, change nothing
        log.warning("could not make %s private: %s", path, exc)
        return False
    return True


def make_private(home: Path) -> list[Path]:
    """Make the journal folder, its files and its backups private; the paths that were not."""
    if not POSIX or not home.is_dir():
        return []
    changed = [home] if _tighten(home, PRIVATE_DIR) else []
    folders = [home]
    while folders:
        folder = folders.pop()
        try:
            children = list(folder.iterdir())
        except OSError:
            continue
        for child in children:
            if child.is_symlink():
                continue
            if child.is_dir():
                if _tighten(child, PRIVATE_DIR):
                    changed.append(child)
                folders.append(child)
            elif child.is_file() and _tighten(child, PRIVATE_FILE):
                changed.append(child)
    return changed


def widened_note(home: Path, changed: list[Path]) -> str:
    """One sentence for the user about what :func:`make_private` changed."""
    n = len(changed)
    what = "the journal folder" if changed == [home] else f"{n} file{'s' if n != 1 else ''}"
    return (
        f"Other users of this computer could read {what} in {home}; imgjournal made the folder "
        "and its files private (readable by you alone)."
    )
