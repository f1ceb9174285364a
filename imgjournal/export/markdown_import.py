"""Importing a folder of Markdown notes (as Obsidian or Joplin export them) as reflections.

Every ``.md`` file under the folder (sub-folders too; hidden folders such as ``.obsidian`` and
``.trash`` are left out) becomes one reflection:

- title: the front matter's ``title``, else the first ``# heading``, else the file name;
- date: the front matter's ``date`` or ``created``, else the day the file was last changed;
- tags: the front matter's ``tags`` (a list, or one string split at commas and spaces) plus
  the ``#tags`` of the text (not inside code, and not ``# headings``);
- body: the text after the front matter, as it is.

A note written by ``imgjournal export-markdown`` (its front matter has ``kind``) is read back
whole: its kind, its case or feedback fields, its experience (found by title, or added), its
prompts (found by text, or added as your own), its creation and change times; its tags are the
front matter's only, and its body may be empty.

A file that cannot be read as a note (not UTF-8, empty, broken front matter, ...) is skipped
and reported with the reason; every other file is written in one transaction.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import yaml

from imgjournal.db import Journal
from imgjournal.errors import JournalError
from imgjournal.export.json_fields import tag_name
from imgjournal.fields import CASE_FIELDS, CHOICE, FEEDBACK_FIELDS, FLAG, LIST, TEXT, Field
from imgjournal.importers.common import Incoming
from imgjournal.limits import MAX_NOTE_BYTES, MAX_TAG_CHARS, MAX_TITLE_CHARS, megabytes
from imgjournal.services.dto import CaseFields, FeedbackFields, ImportReport

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
    kind: str = "reflection"
    experience: str | None = None
    prompts: tuple[str, ...] = ()
    case: CaseFields | None = None
    feedback: FeedbackFields | None = None
    created: datetime | None = None
    updated: datetime | None = None


def import_markdown(journal: Journal, folder: Path | str) -> ImportReport:
    """Import every Markdown note under ``folder`` as a reflection; see the module docs."""
    folder = Path(folder)
    if not folder.is_dir():
        raise JournalError(f"{folder} is not a folder; give the folder that holds the .md files.")
    notes: list[Incoming] = []
    skipped: list[tuple[str, str]] = []
    inside = folder.resolve()
    for path in markdown_files(folder):
        if path.is_symlink() and not path.resolve().is_relative_to(inside):
            skipped.append(
                (
                    path.relative_to(folder).as_posix(),
                    "a link to a file outside the folder; not imported",
                )
            )
            continue
        where = path.relative_to(folder).as_posix()
        try:
            notes.append(_incoming(read_note(path), where))
        except SkipFile as why:
            skipped.append((path.relative_to(folder).as_posix(), str(why)))
    if notes:
        from imgjournal.importers.common import store

        store(journal, notes, backup="always")
    return ImportReport(imported=len(notes), skipped=tuple(skipped))


def _incoming(note: Note, where: str) -> Incoming:
    """The note as an entry to import, within the journal's limits (else SkipFile)."""
    from imgjournal.importers.common import check_item

    item = Incoming(
        where=where,
        kind=note.kind,
        entry_date=note.day,
        title=note.title,
        body=note.body,
        tags=note.tags,
        created_at=note.created,
        updated_at=note.updated,
        case=note.case,
        feedback=note.feedback,
        experience=note.experience,
        prompts=note.prompts,
    )
    try:
        return check_item(item)
    except JournalError as exc:
        reason = str(exc).rstrip(".")
        raise SkipFile(reason[0].lower() + reason[1:]) from None


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
    ours = "kind" in meta  # written by export-markdown: read back whole
    if not body.strip() and not ours:
        raise SkipFile("empty (no text after the front matter)")
    prose = _prose(body)
    title = _title(meta, prose, file_title)
    day = _day(meta, file_day)
    tags = _front_matter_tags(meta)
    if not ours:
        for found in _INLINE_TAG.findall("\n".join(prose)):
            name = found.strip("/-")
            if name and not name.isdigit() and len(name) <= MAX_TAG_CHARS:
                tags.setdefault(name, None)
    note = Note(title, day, tuple(sorted(tags)), body)
    return _exported_fields(note, meta) if ours else note


def _text(meta: dict[str, Any], key: str) -> str:
    value = meta.get(key)
    if value is None:
        return ""
    if isinstance(value, list | dict):
        raise SkipFile(f"bad front matter: {key} is not text")
    return str(value)


def _text_list(meta: dict[str, Any], key: str) -> tuple[str, ...]:
    value = meta.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or any(isinstance(v, list | dict) for v in value):
        raise SkipFile(f"bad front matter: {key} must be a list of text")
    return tuple(str(v) for v in value if v is not None and str(v).strip())


def _moment(meta: dict[str, Any], key: str) -> datetime | None:
    value = meta.get(key)
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    else:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _kind_fields(meta: dict[str, Any], kind_fields: tuple[Field, ...]) -> dict[str, Any]:
    """A case's or a feedback's fields from the front matter, by attribute: texts and choices
    (an empty choice is none), then lists, then flags, so the first bad one is reported."""
    out: dict[str, Any] = {}
    for f in kind_fields:
        if f.shape in (TEXT, CHOICE):
            value = _text(meta, f.md_key)
            out[f.attr] = (value or None) if f.shape == CHOICE else value
    for f in kind_fields:
        if f.shape == LIST:
            out[f.attr] = _text_list(meta, f.md_key)
    for f in kind_fields:
        if f.shape == FLAG:
            value = meta.get(f.md_key, False)
            if not isinstance(value, bool):
                raise SkipFile(f"bad front matter: {f.md_key} must be true or false")
            out[f.attr] = value
    return out


def _exported_fields(note: Note, meta: dict[str, Any]) -> Note:
    """The fields a note written by export-markdown carries besides title, date and tags."""
    from dataclasses import replace

    kind = _text(meta, "kind").strip().lower()
    if kind not in ("case", "feedback", "reflection"):
        raise SkipFile(f"bad front matter: kind {kind[:20]!r} is not case, feedback or reflection")
    case = feedback = None
    if kind == "case":
        case = CaseFields(**_kind_fields(meta, CASE_FIELDS))
    elif kind == "feedback":
        feedback = FeedbackFields(**_kind_fields(meta, FEEDBACK_FIELDS))
    experience = _text(meta, "experience").strip() or None
    created = _moment(meta, "created")
    return replace(
        note,
        kind=kind,
        experience=experience,
        prompts=_text_list(meta, "prompts"),
        case=case,
        feedback=feedback,
        created=created,
        updated=_moment(meta, "updated") or created,
    )


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
