"""Reading a file of one of the importers' formats, the same way for the CLI and the app."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from imgjournal.importers.incoming import Each, Incoming

FORMATS = ("jrnl", "dayone", "csv")


@dataclass
class Prepared:
    """A file read and checked: the entries to import, those skipped, notes for the summary,
    and for a CSV file its bad rows (line, reason)."""

    items: list[Incoming]
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    bad_rows: list[tuple[int, str]] = field(default_factory=list)


def read_file(
    kind: str,
    path: Path | str,
    *,
    mapping: dict[str, str] | None = None,
    each: Each = None,
) -> Prepared:
    """Read ``path`` as ``kind`` (one of :data:`FORMATS`); raises ImportFileError. ``each`` is
    called with every entry as it is read (the command line sends its texts to the privacy
    count's workers: importers/privacy_count.py)."""
    path = Path(path)
    if kind == "jrnl":
        from imgjournal.importers.jrnl import read_jrnl

        items, skipped = read_jrnl(path, each=each)
        return Prepared(items, list(skipped))
    if kind == "dayone":
        from imgjournal.importers.dayone import read_dayone

        items, skipped, notes = read_dayone(path, each=each)
        return Prepared(items, skipped, notes)
    if kind == "csv":
        from imgjournal.importers.csv_cases import read_csv

        read = read_csv(path, mapping or {}, each=each)
        return Prepared(read.items, [], read.notes, read.bad)
    raise ValueError(f"no importer for {kind!r}")


def bad_row_skips(prepared: Prepared) -> list[tuple[str, str]]:
    """The bad rows as skipped entries, for a user who accepted skipping them."""
    return [*prepared.skipped, *((f"line {line}", why) for line, why in prepared.bad_rows)]
