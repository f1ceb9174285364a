"""What the one-time privacy scan found, read with plain sqlite3 (the Today view's first load
does not wait for SQLAlchemy). The scan itself and its recording: :mod:`.privacy`."""

from __future__ import annotations

import json
from dataclasses import dataclass

from imgjournal import sqlite
from imgjournal.db import Journal

LEGACY_KEY = "legacy_scan"


@dataclass(frozen=True)
class LegacyScan:
    """What the one-time scan of the entries written before the privacy guard found."""

    entries: int  # entries with at least one finding
    findings: int
    first_entry: int | None  # the oldest of them (Review opens it)

    def value(self) -> str:
        return json.dumps(
            {"entries": self.entries, "findings": self.findings, "first": self.first_entry}
        )


def legacy_scan_result(journal: Journal) -> LegacyScan | None:
    """The one-time scan's result while it is to be shown on Today, else None (no scan was
    needed, it has not run yet, it found nothing, or the user has dismissed it)."""
    try:
        row = (
            journal.raw()
            .execute("SELECT value FROM privacy_state WHERE key = ?", (LEGACY_KEY,))
            .fetchone()
        )
    except sqlite.OperationalError:  # a journal older than schema 0008 has no table
        return None
    if row is None or not row[0].startswith("{"):
        return None
    data = json.loads(row[0])
    if data.get("dismissed") or not data.get("entries"):
        return None
    return LegacyScan(int(data["entries"]), int(data["findings"]), data.get("first"))
