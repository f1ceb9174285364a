"""Importing a folder of Markdown notes (as Obsidian or Joplin export them) as reflections.

Every ``.md`` file under the folder (sub-folders too; hidden folders such as ``.obsidian`` and
``.trash`` are left out) becomes one reflection:

- title: the front matter's ``title``, else the first ``# heading``, else the file name;
- date: the front matter's ``date`` or ``created``, else the day the file was last changed;
- tags: the front matter's ``tags`` (a list, or one string split at commas and spaces) plus
  the ``#tags`` of the text (not inside code, and not ``# headings``);
- body: the text after the front matter, as it is.

A file that cannot be read as a note (not UTF-8, empty, broken front matter, ...) is skipped
and reported with the reason; every other file is written in one transaction.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from imgjournal.db import Journal
from imgjournal.errors import JournalError
from imgjournal.export.json_fields import tag_name
from imgjournal.limits import MAX_NOTE_BYTES, MAX_TAG_CHARS, MAX_TITLE_CHARS, megabytes
from imgjournal.models import utcnow
from imgjournal.services.dto import EntryDTO, ImportReport
from imgjournal.services.snapshot import Snapshot
from imgjournal.services.transfer import import_snapshot

_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S | re.M)
_FENCE = re.compile(r"[ ]{0,3}(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_HEADING = re.compile(r"#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*")
# A #tag starts after white space or at the start of a line: not a URL's #anchor, not "C#".
# (The pattern starts with "#" so that the regex engine can skip ahead to each "#".)
_INLINE_TAG = re.compile(r"#(?<!\S#)([\w/-]+)")
_TAG_SPLIT = re.compile(r"[,\s]+")
_DATE_KEYS = ("date", "created")


class SkipFile(Exception):  # noqa: N818 - a reason, not a failure
    """Why a file is not imported; ``str()`` is the reason shown to the user."""


@dataclass(frozen=True)
class Note:
    title: str
    day: date
    tags: tuple[str, ...]
    body: str


def import_markdown(journal: Journal, folder: Path | str) -> ImportReport:
    """Import every Markdown note under ``folder`` as a reflection; see the module docs."""
    folder = Path(folder)
    if not folder.is_dir():
        raise JournalError(f"{folder} is not a folder; give the folder that holds the .md files.")
    notes: list[Note] = []
    skipped: list[tuple[str, str]] = []
    for path in markdown_files(folder):
        try:
            notes.append(read_note(path))
        except SkipFile as why:
            skipped.append((path.relative_to(folder).as_posix(), str(why)))
    if notes:
        now = utcnow()
        entries = tuple(
            EntryDTO(
                id=number,  # only a placeholder: keep_ids=False gives each a new id
                kind="reflection",
                entry_date=note.day,
                title=note.title,
                body=note.body,
                experience_id=None,
                prompt_ids=(),
                tags=note.tags,
                created_at=now,
                updated_at=now,
            )
            for number, note in enumerate(notes, 1)
        )
        from imgjournal.backups import backup_before

        backup_before(journal.home, "import")
        import_snapshot(journal, Snapshot(entries=entries), keep_ids=False)
    return ImportReport(imported=len(notes), skipped=tuple(skipped))


def markdown_files(folder: Path) -> list[Path]:
    """The ``.md`` files under ``folder``, sorted, without hidden files and folders."""
    found = []
    for top, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [
            Path(top, f)
            for f in sorted(files)
            if f.lower().endswith(".md") and not f.startswith(".")
        ]
    return found


def read_note(path: Path) -> Note:
    """The note in ``path``; raises :class:`SkipFile` saying why it cannot be imported."""
    try:
        data, modified = _read_file(path)
    except OSError as exc:
        raise SkipFile(f"cannot be read ({exc.strerror})") from None
    if len(data) > MAX_NOTE_BYTES:
        raise _too_large()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SkipFile(
            f"not UTF-8 text (byte {exc.start} is not valid UTF-8); save it as UTF-8"
        ) from None
    if "\x00" in text:
        raise SkipFile("not a text file")
    return parse_note(text, path.stem, date.fromtimestamp(modified))


def _too_large() -> SkipFile:
    return SkipFile(
        f"larger than {megabytes(MAX_NOTE_BYTES)}, the most an entry holds; "
        "split it into several notes"
    )


def _read_file(path: Path) -> tuple[bytes, float]:
    """The bytes of ``path`` and the time it was last changed.

    Plain ``os`` calls on one descriptor: half the time of ``read_bytes()`` plus ``stat()``,
    which counts when a folder holds thousands of notes.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        status = os.fstat(fd)
        if status.st_size > MAX_NOTE_BYTES:
            raise _too_large()
        data = os.read(fd, status.st_size + 1)
        if len(data) > status.st_size:  # it grew since fstat (or is a device): read on
            chunks = [data]
            size = len(data)
            while size <= MAX_NOTE_BYTES and (chunk := os.read(fd, 1 << 16)):
                chunks.append(chunk)
                size += len(chunk)
            data = b"".join(chunks)
    finally:
        os.close(fd)
    return data, status.st_mtime


def parse_note(text: str, file_title: str, file_day: date) -> Note:
    """A note from its text; ``file_title`` and ``file_day`` are the fallbacks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SkipFile("empty")
    meta: dict[str, Any] = {}
    body = text
    if text.startswith("---") and text.split("\n", 1)[0].rstrip() == "---":
        match = _FRONT_MATTER.match(text)
        if match is None:
            raise SkipFile("bad front matter: it has no closing --- line")
        meta = _front_matter(match.group(1))
        body = text[match.end() :]
    body = body.strip("\n").rstrip()
    if not body.strip():
        raise SkipFile("empty (no text after the front matter)")
    prose = _prose(body)
    title = _title(meta, prose, file_title)
    day = _day(meta, file_day)
    tags = _front_matter_tags(meta)
    for found in _INLINE_TAG.findall("\n".join(prose)):
        name = found.strip("/-")
        if name and not name.isdigit() and len(name) <= MAX_TAG_CHARS:
            tags.setdefault(name, None)
    return Note(title, day, tuple(sorted(tags)), body)


def _front_matter(source: str) -> dict[str, Any]:
    try:
        data = yaml.load(source, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).split("\n", 1)[0]
        where = f" on line {mark.line + 2}" if mark is not None else ""
        raise SkipFile(f"bad front matter: {problem}{where}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SkipFile("bad front matter: it is not a list of key: value lines")
    return {str(key).strip().lower(): value for key, value in data.items()}


def _prose(body: str) -> list[str]:
    """The lines of ``body`` outside fenced code blocks, with inline code removed."""
    if "```" not in body and "~~~" not in body:  # no fences: most notes
        return (_INLINE_CODE.sub(" ", body) if "`" in body else body).split("\n")
    lines = []
    fence = ""
    for line in body.split("\n"):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        lines.append(line)
    return _INLINE_CODE.sub(" ", "\n".join(lines)).split("\n")


def _title(meta: dict[str, Any], prose: list[str], file_title: str) -> str:
    value = meta.get("title")
    if isinstance(value, list | dict):
        raise SkipFile("bad front matter: the title is not text")
    title = str(value).strip() if value is not None else ""
    if not title:
        for line in prose:
            heading = _HEADING.fullmatch(line)
            if heading:
                title = heading.group(1).strip()
                break
    title = title or file_title.strip() or "Untitled"
    title = " ".join(title.split())  # a title is one line
    if len(title) > MAX_TITLE_CHARS:
        title = title[: MAX_TITLE_CHARS - 1].rstrip() + "…"
    return title


def _day(meta: dict[str, Any], file_day: date) -> date:
    for key in _DATE_KEYS:
        value = meta.get(key)
        if value is None or value == "":
            continue
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            text = value.strip()
            try:
                return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
            except ValueError:
                pass
        raise SkipFile(f"bad front matter: {key} {str(value)[:30]!r} is not a date (YYYY-MM-DD)")
    return file_day


def _front_matter_tags(meta: dict[str, Any]) -> dict[str, None]:
    value = meta.get("tags", meta.get("tag"))
    if value is None:
        items: list[Any] = []
    elif isinstance(value, str):
        items = _TAG_SPLIT.split(value)
    elif isinstance(value, list):
        items = [item for item in value if item is not None]
    else:
        raise SkipFile("bad front matter: tags must be a list or text")
    tags: dict[str, None] = {}
    for item in items:
        if isinstance(item, list | dict):
            raise SkipFile("bad front matter: a tag is not text")
        name = tag_name(str(item))
        if len(name) > MAX_TAG_CHARS:
            raise SkipFile(f"bad front matter: the tag {name[:20]!r}… is too long")
        if name:
            tags[name] = None
    return tags
