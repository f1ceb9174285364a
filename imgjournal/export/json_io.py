"""The JSON export file: a complete, versioned snapshot of a journal, and its import.

The format is documented in docs/export-format.md; the shape of each record comes from
:mod:`imgjournal.export.records` (the same records ``--json`` prints). Export writes the file
atomically. Import reads and checks the whole file before it writes anything, then adds it to
the journal in one transaction (:func:`imgjournal.services.transfer.import_snapshot`).
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from imgjournal.db import Journal
from imgjournal.durable import fsync_folder
from imgjournal.errors import JournalError
from imgjournal.export.entry_rows import entry_records
from imgjournal.export.json_eras import eras_record
from imgjournal.export.json_fields import FORMAT, VERSION, ImportFileError
from imgjournal.export.json_reader import DocumentReader
from imgjournal.export.records import (
    attempt_record,
    draft_record,
    entry_record,
    experience_record,
    prompt_record,
    schedule_record,
)
from imgjournal.limits import MAX_IMPORT_BYTES, megabytes
from imgjournal.services.snapshot import ENTRY_TABLE_COLUMNS, Snapshot, read_export
from imgjournal.services.transfer import ImportSummary, import_snapshot

__all__ = [
    "FORMAT",
    "VERSION",
    "ExportSummary",
    "ImportFileError",
    "ImportSummary",
    "dumps",
    "export_journal",
    "import_journal",
    "load_snapshot",
    "snapshot_document",
]


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote."""

    path: Path
    entries: int
    trashed: int  # of ``entries``, how many are in the trash
    experiences: int
    prompts: int
    tags: int
    size: int  # bytes
    letters: int = 0  # letters of recommendation (named only when there are some)

    def __str__(self) -> str:
        trash = f" ({self.trashed} in the trash)" if self.trashed else ""
        letters = f", {_count(self.letters, 'letter')}" if self.letters else ""
        return (
            f"Exported {_count(self.entries, 'entry', 'entries')}{trash}, "
            f"{_count(self.experiences, 'experience')}{letters}, "
            f"{_count(self.prompts, 'prompt')} and {_count(self.tags, 'tag')} to {self.path}."
        )


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cycle collector while a whole journal is built as objects.

    Hundreds of thousands of new dicts and DTOs set off many collections that find nothing
    (none of these objects form cycles); pausing it saved about a third of the time of
    parsing and checking a 50,000-entry file.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# ---- export -------------------------------------------------------------------------------


def snapshot_document(snap: Snapshot) -> dict[str, Any]:
    """The JSON document of a snapshot (records sorted by id, tags by name)."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "experiences": [experience_record(x) for x in sorted(snap.experiences, key=_id)],
        "prompts": [prompt_record(p) for p in sorted(snap.prompts, key=_id)],
        "tags": sorted(snap.tags),
        "entries": [entry_record(e) for e in sorted(snap.entries, key=_id)],
        "answer_drafts": [draft_record(d) for d in sorted(snap.drafts, key=_id)],
        "practice_attempts": [attempt_record(a) for a in sorted(snap.attempts, key=_id)],
        "prompt_schedules": [
            schedule_record(sc) for sc in sorted(snap.schedules, key=lambda sc: sc.prompt_id)
        ],
        **readiness_sections(snap),
    }
    if snap.eras:  # left out when empty, so a journal without them exports as before
        document["eras_experiences"] = [eras_record(x) for x in sorted(snap.eras, key=_id)]
    return document


def readiness_sections(snap: Snapshot) -> dict[str, Any]:
    """The letters and the profile (issue 18; export/json_letters.py), each written only when
    the journal has some, so a journal without them exports the same file as before."""
    from imgjournal.export.json_letters import letter_record, profile_record

    out: dict[str, Any] = {}
    if snap.letters:
        out["letters"] = [letter_record(x) for x in sorted(snap.letters, key=_id)]
    if snap.profile is not None and snap.profile.asked:
        out["profile"] = profile_record(snap.profile)
    from imgjournal.export.json_programs import contact_record, program_record

    if snap.programs:
        out["programs"] = [program_record(x) for x in sorted(snap.programs, key=_id)]
    if snap.contacts:
        out["contacts"] = [contact_record(x) for x in sorted(snap.contacts, key=_id)]
    return out


def _id(record: Any) -> int:
    return record.id


class PresortedRecords(list):
    """A section's records whose keys (nested ones too) are already in sorted order."""


def dumps(document: dict[str, Any]) -> bytes:
    """The export's UTF-8 bytes: sorted keys, one record per line, text as is, a final newline.

    Each record is written compactly by orjson (about four times quicker than the json
    module's C encoder on a large journal), and the pieces are joined once at the end. A
    section given as :class:`PresortedRecords` skips the key sorting.
    """
    out: list[bytes] = [b"{\n"]
    add = out.append
    for n, key in enumerate(sorted(document)):
        value = document[key]
        add((b",\n  " if n else b"  ") + orjson.dumps(key) + b": ")
        if isinstance(value, list) and value:
            option = 0 if isinstance(value, PresortedRecords) else orjson.OPT_SORT_KEYS
            add(b"[\n    ")
            add(b",\n    ".join([orjson.dumps(item, option=option) for item in value]))
            add(b"\n  ]")
        else:
            add(orjson.dumps(value, option=orjson.OPT_SORT_KEYS))
    add(b"\n}\n")
    return b"".join(out)


def export_journal(journal: Journal, path: Path | str) -> ExportSummary:
    """Write every record of the journal to ``path`` (replaced atomically); see the docs."""
    path = Path(path)
    with gc_paused():
        snap, table = read_export(journal)
        document = snapshot_document(snap)
        document["entries"] = PresortedRecords(entry_records(table))
        data = dumps(document)
    write_atomically(path, data)
    deleted_at = ENTRY_TABLE_COLUMNS.index("deleted_at")
    return ExportSummary(
        path=path,
        entries=len(table.rows),
        trashed=sum(1 for row in table.rows if row[deleted_at] is not None),
        experiences=len(snap.experiences),
        prompts=len(snap.prompts),
        tags=len(snap.tags),
        size=len(data),
        letters=len(snap.letters),
    )


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that ``path`` is either the old file or the whole new one.

    The bytes go to a temporary file beside ``path`` (readable by the owner only: a journal is
    private), are flushed to disk, then renamed over ``path``.
    """
    folder = path.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise JournalError(
            f"Cannot write in the folder {folder}: {exc.strerror}; choose another place."
        ) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise JournalError(
            f"Cannot write {path}: {exc.strerror}; nothing was written (free some space or "
            "choose another place)."
        ) from exc
    fsync_folder(folder)


# ---- import -------------------------------------------------------------------------------


# Entries checked at a time by a large import, which indexes one chunk while it checks the next.
IMPORT_CHUNK = 5_000


def import_journal(journal: Journal, path: Path | str, *, backup: bool = True) -> ImportSummary:
    """Check the whole file and add it to the journal in one transaction.

    Raises :class:`ImportFileError` (the journal unchanged) if anything in the file is wrong.
    Once the file is read and checked, a verified ``before-import`` backup is made first
    (``backup=False``: not, for a journal just created, such as the demo's).
    """
    with gc_paused():
        snap = load_snapshot(path, entry_chunk=IMPORT_CHUNK)
        if backup:
            from imgjournal.backups import backup_before

            backup_before(journal.home, "import")
        return import_snapshot(journal, snap)


def load_snapshot(path: Path | str, *, entry_chunk: int | None = None) -> Snapshot:
    """Read and check an export file; raises :class:`ImportFileError` naming what is wrong.

    With ``entry_chunk``, a file of more entries than that has them read and checked as the
    snapshot's ``entry_chunks`` are taken (see ``DocumentReader.read``).
    """
    path = Path(path)
    document, check_utf8 = _parse(path)
    return DocumentReader(path.name, check_utf8).read(document, entry_chunk=entry_chunk)


def _parse(path: Path) -> tuple[Any, bool]:
    """The file's JSON document, and whether it may hold a lone surrogate (an escape such as
    ``\\ud800`` with no partner), which SQLite cannot store and the checks then look for.

    A function of its own so that the file's bytes and text (three times the file's size in
    memory) are freed before the document is checked.
    """
    try:
        with path.open("rb") as fh:
            # Never more than the limit: a wrong path (a disk image, /dev/zero) must not
            # fill the memory before the checks say it is no export.
            raw = fh.read(MAX_IMPORT_BYTES + 1)
    except FileNotFoundError:
        raise ImportFileError(f"There is no file {path}.") from None
    except OSError as exc:
        raise ImportFileError(f"Cannot read {path}: {exc.strerror}.") from exc
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportFileError(
            f"{path.name} is larger than {megabytes(MAX_IMPORT_BYTES)}, the most imgjournal "
            "imports at once; check that it is an imgjournal export."
        )
    if raw.startswith(b"\xef\xbb\xbf"):  # a byte-order mark, as some Windows editors write
        raw = raw[3:]
    try:
        # orjson reads a large export in half the time of the json module. It refuses what
        # an export never holds (invalid UTF-8, a lone surrogate, NaN): for those the json
        # module below either says exactly what is wrong or reads it for the checks to name.
        return orjson.loads(raw), False
    except orjson.JSONDecodeError:
        pass
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ImportFileError(
            f"{path.name} is not UTF-8 text (byte {exc.start} on line {line} is not valid "
            "UTF-8); import an export file written by imgjournal."
        ) from None
    del raw
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            f"{path.name} is not valid JSON ({exc.msg} at line {exc.lineno}, column "
            f"{exc.colno}); import an export file written by imgjournal."
        ) from None
    except RecursionError:
        raise ImportFileError(f"{path.name} is nested too deeply to be an export.") from None
    # A lone surrogate (an escape like \ud800 with no partner) cannot be stored; checking every
    # string for one is only needed when the text has such an escape at all.
    return document, _SURROGATE_ESCAPE.search(text) is not None


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
