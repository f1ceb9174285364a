"""jrnl's journals: its JSON export (``jrnl --export json``) and its plain text journal file.

The JSON export is ``{"tags": {...}, "entries": [{"title", "body", "date": "YYYY-MM-DD",
"time": "HH:MM", "tags": ["@tag", ...], "starred": bool}, ...]}``. The text file is a run of
entries, each starting on a line ``[DATE TIME] Title. Body...`` (jrnl's ``timeformat``: its
default ``%F %r``, ``2026-03-02 08:15:00 AM``, or ``%Y-%m-%d %H:%M``, with or without seconds),
starred when the first line ends with ``*``; the title is the first line when the entry has
more than one, else its first sentence (as jrnl splits it). Tags are the words starting with
``@`` or ``#`` (jrnl's default tag symbols), lower-cased as jrnl does.

Every entry becomes a reflection; its time becomes the entry's creation time (jrnl's times are
local, read as this computer's time zone); a starred entry gets the tag ``starred``.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from imgjournal.errors import JournalError
from imgjournal.importers.incoming import (
    Each,
    ImportFileError,
    Incoming,
    as_utc,
    clean_tags,
    decode_text,
    read_limited,
    short_title,
)

STARRED_TAG = "starred"

# jrnl's own patterns (jrnl/journals/Entry.py): a tag, and the end of the first sentence.
_TAG = re.compile(r"(?<!\S)[@#]([-+*#/\w]+)")
_SENTENCE_END = re.compile(
    r"([.!?\u2026\u203C\u203D\u2047\u2048\u2049\u22EF\uFE52\uFE57]['\u2019\"\u201D]?[\])]*\s+)"
    r"|[\uFF01\uFF0E\uFF1F\uFF61\u3002]"
)
_DATE_BLOB = re.compile(r"(?:^|\n)\[([^\]\n]+)\] ?")
_TIME_FORMATS = (
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %I:%M:%S %p",
    "%Y-%m-%d %I:%M %p",
    "%Y-%m-%d",
)


def read_jrnl(
    path: Path | str, *, each: Each = None
) -> tuple[list[Incoming], list[tuple[str, str]]]:
    """The entries of a jrnl JSON export or text journal; raises ImportFileError. ``each`` is
    called with every entry as it is read (the command line's privacy count starts then)."""
    path = Path(path)
    data = read_limited(path, "jrnl journal")
    if data.lstrip()[:1] == b"{":  # the export is an object; a text journal starts with [
        return read_json(data, path.name, each=each), []
    if data.startswith(b"gAAAAA"):  # jrnl's encryption (Fernet tokens)
        raise ImportFileError(
            f"{path.name} does not look like a jrnl journal (an encrypted one must be exported "
            "first: `jrnl --export json > journal.json`)."
        )
    return read_text(decode_text(data, path.name, "jrnl journal"), path.name, each=each), []


# ---- the JSON export -------------------------------------------------------------------------


def read_json(data: bytes, name: str, *, each: Each = None) -> list[Incoming]:
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise ImportFileError(
            f"{name} is not valid JSON ({str(exc).split(':', 1)[0]}); export it again with "
            "`jrnl --export json`."
        ) from None
    if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
        raise ImportFileError(
            f'{name} is not a jrnl JSON export (it has no "entries" list); export it with '
            "`jrnl --export json`."
        )
    items = []
    for n, raw in enumerate(document["entries"], 1):
        items.append(item := _json_entry(raw, n))
        if each is not None:
            each(item)
    return items


def _json_entry(raw: Any, n: int) -> Incoming:
    where = f"entry {n}"

    def fail(problem: str) -> JournalError:
        return ImportFileError(
            f"{where} of the jrnl export {problem}; export it again with `jrnl --export json`."
        )

    if not isinstance(raw, dict):
        raise fail("is not an object")
    title, body = raw.get("title", ""), raw.get("body", "")
    if not isinstance(title, str) or not isinstance(body, str):
        raise fail("has a title or body that is not text")
    day_text, time_text = raw.get("date"), raw.get("time") or "00:00"
    if not isinstance(day_text, str) or not isinstance(time_text, str):
        raise fail("has no date")
    try:
        moment = datetime.fromisoformat(f"{day_text.strip()} {time_text.strip()}")
    except ValueError:
        raise fail(f"has the date {day_text!r} {time_text!r}, not YYYY-MM-DD HH:MM") from None
    tags = raw.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise fail("has tags that are not a list of text")
    starred = raw.get("starred") is True
    return _incoming(where, moment, title, body, [t.lower() for t in tags], starred)


def _incoming(
    where: str, moment: datetime, title: str, body: str, tags: list[str], starred: bool
) -> Incoming:
    title = title.strip()
    body = body.strip("\n").rstrip()
    short, cut = short_title(title)
    if cut:  # keep every word: the whole first sentence opens the body
        body = title + ("\n\n" + body if body else "")
    if not short:
        short = "Untitled"
    names = clean_tags([*tags, *([STARRED_TAG] if starred else [])])
    created = as_utc(moment)
    return Incoming(
        where=where,
        kind="reflection",
        entry_date=moment.date(),
        title=short,
        body=body,
        tags=names,
        created_at=created,
        updated_at=created,
    )


# ---- the text journal ----------------------------------------------------------------------


# The form jrnl writes with ``timeformat: "%Y-%m-%d %H:%M"`` (the benchmark's), read without
# strptime (a tenth of a text journal's parse): what it matches, the first of _TIME_FORMATS
# reads the same way when the numbers make a date and time; when they do not, the formats
# are tried as before.
_PLAIN_STAMP = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2})")


def parse_stamp(text: str) -> datetime | None:
    text = " ".join(text.split())
    plain = _PLAIN_STAMP.fullmatch(text)
    if plain is not None:
        try:
            return datetime(*map(int, plain.groups()))
        except ValueError:  # not a date and time: the formats say what it is
            pass
    for fmt in _TIME_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def read_text(text: str, name: str, *, each: Each = None) -> list[Incoming]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    items: list[Incoming] = []
    line, counted = 1, 0  # the line number at offset ``counted``, counted on as we go
    entry: tuple[int, int, datetime] | None = None  # the entry read up to the next one

    def finish(stop: int) -> None:
        nonlocal line, counted
        assert entry is not None
        start, end, moment = entry
        if text[start : start + 1] == "\n":  # the match begins with the newline before it
            start += 1
        line += text.count("\n", counted, start)
        counted = start
        items.append(_text_entry(text[end:stop], moment, f"line {line}"))
        if each is not None:
            each(items[-1])

    # One pass, each entry made as soon as the next one's date is found.
    for match in _DATE_BLOB.finditer(text):
        moment = parse_stamp(match.group(1))
        if moment is None:
            continue
        if entry is not None:
            finish(match.start())
        elif text[: match.start()].strip():
            raise ImportFileError(
                f"{name} does not start with a jrnl entry (line 1 is not “[DATE TIME] "
                "Title.”); check that it is a jrnl journal file."
            )
        entry = (match.start(), match.end(), moment)
    if entry is None:
        raise ImportFileError(
            f"{name} has no jrnl entries (each starts with a line like "
            "“[2026-03-02 08:15] Title.”); check that it is a jrnl journal file."
        )
    finish(len(text))
    return items


def _text_entry(raw: str, moment: datetime, where: str) -> Incoming:
    lines = raw.split("\n")
    starred = False
    if lines and lines[0].strip().endswith("*"):
        starred = True
        lines[0] = lines[0].strip().rstrip("*").rstrip()
    raw = "\n".join(lines)
    title, body = split_title(raw)
    tags = [
        t.lower() for t in _TAG.findall(raw) if not t.strip("-+*#/").isdigit() and t.strip("-+*#/")
    ]
    return _incoming(where, moment, title, body, tags, starred)


def split_title(text: str) -> tuple[str, str]:
    """jrnl's split: the first line when there are more, else the first sentence."""
    text = text.strip()
    if "\n" in text:
        head, rest = text.split("\n", 1)
        return head.strip(), rest.strip()
    sep = _SENTENCE_END.search(text)
    if not sep:
        return text, ""
    return text[: sep.end()].strip(), text[sep.end() :].strip()
