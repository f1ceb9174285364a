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

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from imgjournal import paths

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
