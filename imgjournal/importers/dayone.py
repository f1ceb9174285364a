"""Day One's JSON export: the ``.json`` journal inside the export zip, or the zip itself.

A journal file is ``{"metadata": {...}, "entries": [{"uuid", "creationDate":
"2026-03-02T13:15:00Z", "modifiedDate", "timeZone": "America/New_York", "text": "Markdown",
"tags": [...], "starred": bool, "location": {...}, ...}]}``. Each entry becomes a reflection:
the title is the text's first line (without its ``#`` heading marks and Day One's backslash
escapes), the body the rest of the text; the date is the creation date in the entry's time
zone; a starred entry gets the tag ``starred``. Locations are dropped (a place may identify a
patient's town) and the summary says how many; entries without text (photos only) are
skipped. A zip may hold several journals: all are imported.
"""

from __future__ import annotations

import re
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import orjson

from imgjournal.importers.incoming import (
    Each,
    ImportFileError,
    Incoming,
    clean_tags,
    read_limited,
    short_title,
)
from imgjournal.limits import MAX_IMPORT_BYTES, megabytes

STARRED_TAG = "starred"
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")

Skips = list[tuple[str, str]]


def read_dayone(path: Path | str, *, each: Each = None) -> tuple[list[Incoming], Skips, list[str]]:
    """The entries of a Day One export (zip or json), the skipped ones, and notes. ``each``
    is called with every entry as it is read."""
    path = Path(path)
    if zipfile.is_zipfile(path):
        journals = _zip_journals(path)
    else:
        data = read_limited(path, "Day One export")
        journals = [(path.name, _document(data, path.name))]
    items: list[Incoming] = []
    skips: Skips = []
    located = 0
    several = len(journals) > 1
    for name, document in journals:
        for n, raw in enumerate(document["entries"], 1):
            where = f"{name} entry {n}" if several else f"entry {n}"
            item, had_location = _entry(raw, where)
            located += had_location
            if item is None:
                skips.append((where, "no text (an entry of only photos or audio)"))
            else:
                items.append(item)
                if each is not None:
                    each(item)
    notes = []
    if located:
        notes.append(
            f"Location dropped from {located} {'entry' if located == 1 else 'entries'} "
            "(a place may identify a patient's town)."
        )
    return items, skips, notes


def _zip_journals(path: Path) -> list[tuple[str, dict]]:
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise ImportFileError(f"Cannot read {path.name} as a zip file ({exc}).") from None
    found = []
    with archive:
        names = [
            info
            for info in archive.infolist()
            if info.filename.lower().endswith(".json")
            and not info.is_dir()
            and not Path(info.filename).name.startswith((".", "_"))
        ]
        total = 0
        for info in sorted(names, key=lambda i: i.filename):
            total += info.file_size
            if info.file_size > MAX_IMPORT_BYTES or total > MAX_IMPORT_BYTES:
                raise ImportFileError(
                    f"{path.name} holds more than {megabytes(MAX_IMPORT_BYTES)} of journals, "
                    "the most imgjournal imports at once; export fewer journals from Day One."
                )
            try:
                with archive.open(info) as fh:
                    data = fh.read(MAX_IMPORT_BYTES + 1)
            except (OSError, zipfile.BadZipFile, RuntimeError) as exc:
                raise ImportFileError(
                    f"Cannot read {info.filename} in {path.name} ({exc}); export it again."
                ) from None
            if len(data) > MAX_IMPORT_BYTES:
                raise ImportFileError(f"{info.filename} in {path.name} is too large to import.")
            name = Path(info.filename).name
            try:
                document = orjson.loads(data)
            except orjson.JSONDecodeError:
                continue  # some other JSON file: not a journal
            if isinstance(document, dict) and isinstance(document.get("entries"), list):
                found.append((name, document))
    if not found:
        raise ImportFileError(
            f"{path.name} holds no Day One journal (a .json file with entries); export the "
            "journal from Day One as JSON and import that zip."
        )
    return found


def _document(data: bytes, name: str) -> dict:
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise ImportFileError(
            f"{name} is not valid JSON ({str(exc).split(':', 1)[0]}); export it again from Day "
            "One as JSON."
        ) from None
    if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
        raise ImportFileError(
            f'{name} is not a Day One JSON export (it has no "entries" list); export the '
            "journal from Day One as JSON."
        )
    return document


def _entry(raw: Any, where: str) -> tuple[Incoming | None, bool]:
    def fail(problem: str) -> ImportFileError:
        return ImportFileError(f"{where} of the Day One export {problem}; export it again.")

    if not isinstance(raw, dict):
        raise fail("is not an object")
    had_location = bool(raw.get("location"))
    text = raw.get("text", "")
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise fail("has a text that is not text")
    stamp = raw.get("creationDate")
    if not isinstance(stamp, str):
        raise fail("has no creationDate")
    try:
        created = datetime.fromisoformat(stamp.strip().replace("Z", "+00:00"))
    except ValueError:
        raise fail(f"has the creationDate {stamp[:40]!r}, not an ISO date and time") from None
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    created = created.astimezone(UTC)
    modified = created
    if isinstance(raw.get("modifiedDate"), str):
        try:
            modified = datetime.fromisoformat(raw["modifiedDate"].replace("Z", "+00:00"))
            modified = (modified if modified.tzinfo else modified.replace(tzinfo=UTC)).astimezone(
                UTC
            )
        except ValueError:
            modified = created
    local = created.astimezone(_zone(raw.get("timeZone")))
    tags = raw.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise fail("has tags that are not a list of text")
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return None, had_location
    first, _, rest = text.partition("\n")
    title, cut = short_title(_ESCAPE.sub(r"\1", _HEADING.sub("", first)))
    body = text if cut else rest.strip("\n").rstrip()
    names = clean_tags([*tags, *([STARRED_TAG] if raw.get("starred") is True else [])])
    item = Incoming(
        where=where,
        kind="reflection",
        entry_date=local.date(),
        title=title or "Untitled",
        body=body,
        tags=names,
        created_at=created,
        updated_at=max(modified, created),
    )
    return item, had_location


def _zone(name: Any) -> Any:
    if isinstance(name, str) and name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return UTC
