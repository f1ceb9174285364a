"""Files shipped with the app (prompt library, sample journal, fonts).

In a wheel they sit in ``imgjournal/resources``; in a source checkout in ``resources/`` at the
top of the repository.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resource_dir() -> Path:
    installed = _PACKAGE_DIR / "resources"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / "resources"


def resource_path(name: str) -> Path:
    path = resource_dir() / name
    if not path.exists():
        raise FileNotFoundError(f"imgjournal resource {name!r} is missing from {resource_dir()}")
    return path
