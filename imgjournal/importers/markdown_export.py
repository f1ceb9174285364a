"""The Markdown export: a folder of notes that Obsidian opens as a vault.

One file per entry (not the trash), ``YYYY-MM-DD title.md``, in a folder per experience (entries
of no experience at the top). Each file is YAML front matter — title, kind, date, experience,
tags, prompts (their text), created, updated, and the case or feedback fields that are set —
then the body. ``import-markdown`` reads the front matter back
(:mod:`imgjournal.export.markdown_import`), so an export imported into an empty journal gives
the same entries, fields, tags and prompt links.

The folder is written beside the target under a temporary name and renamed into place once
every file is written and flushed to disk, so the target is either the old export or the whole
new one. A target that exists must be empty or an earlier Markdown export (it holds the marker
file :data:`MARKER`); its ``.obsidian`` settings folder is kept.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from imgjournal.db import Journal
from imgjournal.durable import fsync_folder
from imgjournal.errors import JournalError
from imgjournal.fields import CASE_FIELDS, FEEDBACK_FIELDS, FLAG, LIST, Field
from imgjournal.services.dto import EntryDTO

MARKER = ".imgjournal-markdown-export.json"
FORMAT = "imgjournal-markdown"
VERSION = 1
KEPT = (".obsidian",)  # the vault's own settings, carried over to a new export
_NAME_CHARS = 80  # of a title in a file name
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*#^\[\]]+')
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10))} | {
    f"lpt{i}" for i in range(10)
}

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class MarkdownExport:
    folder: Path
    entries: int
    folders: int  # experience folders

    def __str__(self) -> str:
        many = "entry" if self.entries == 1 else "entries"
        where = f" in {self.folders} experience folder{'s' if self.folders != 1 else ''}"
        if not self.folders:
            where = ""
        return f"Exported {self.entries} {many} as Markdown notes to {self.folder}{where}."


def safe_name(text: str, limit: int = _NAME_CHARS) -> str:
    """``text`` as a file or folder name every system (and Obsidian's links) accepts."""
    name = " ".join(_UNSAFE.sub(" ", text).split())
    name = name[:limit].rstrip(" .")
    name = name.lstrip(".")  # not hidden
    if name.split(".")[0].lower() in _RESERVED:
        name = "_" + name
    return name or "Untitled"


def _unique(name: str, taken: set[str], suffix: str = "") -> str:
    candidate, n = name, 1
    while (candidate + suffix).casefold() in taken:
        n += 1
        candidate = f"{name} ({n})"
    taken.add((candidate + suffix).casefold())
    return candidate + suffix


def front_matter(e: EntryDTO, experience: str | None, prompts: dict[int, str]) -> dict[str, Any]:
    """The note's front matter: what the entry holds besides its body (empty fields left out)."""
    meta: dict[str, Any] = {"title": e.title, "kind": e.kind, "date": e.entry_date}
    if experience:
        meta["experience"] = experience
    if e.tags:
        meta["tags"] = list(e.tags)
    if e.prompt_ids:
        meta["prompts"] = [prompts[p] for p in e.prompt_ids if p in prompts]
    if e.case is not None:
        meta.update(_kind_front_matter(e.case, CASE_FIELDS))
    if e.feedback is not None:
        meta.update(_kind_front_matter(e.feedback, FEEDBACK_FIELDS))
    meta["created"] = e.created_at.isoformat(timespec="seconds")
    meta["updated"] = e.updated_at.isoformat(timespec="seconds")
    return meta


def _kind_front_matter(values: Any, kind_fields: tuple[Field, ...]) -> dict[str, Any]:
    """A case's or a feedback's fields by their front-matter keys: empty ones left out, a flag
    (true or false) always there."""
    meta: dict[str, Any] = {}
    for f in kind_fields:
        value = getattr(values, f.attr)
        if f.shape == FLAG or value:
            meta[f.md_key] = list(value) if f.shape == LIST else value
    return meta


def note_text(e: EntryDTO, experience: str | None, prompts: dict[int, str]) -> str:
    meta = yaml.safe_dump(
        front_matter(e, experience, prompts),
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1_000_000,
    )
    body = e.body.rstrip()
    return f"---\n{meta}---\n\n{body}\n" if body else f"---\n{meta}---\n"


def is_previous_export(folder: Path) -> bool:
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("format") == FORMAT


def check_target(folder: Path) -> None:
    """Refuse a target that is a file, or a folder with things in it that is no export."""
    if folder.exists() and not folder.is_dir():
        raise JournalError(f"{folder} is a file; give the name of a folder to export into.")
    if folder.is_dir() and any(folder.iterdir()) and not is_previous_export(folder):
        raise JournalError(
            f"{folder} is not empty and is not an earlier Markdown export of imgjournal; give "
            "an empty or a new folder."
        )


def export_markdown(
    journal: Journal, folder: Path | str, *, progress: Progress | None = None
) -> MarkdownExport:
    """Write every entry not in the trash as a Markdown note under ``folder``; see above."""
    from imgjournal.services.entries import list_entries
    from imgjournal.services.experiences import list_experiences
    from imgjournal.services.prompts import list_prompts

    folder = Path(folder).absolute()
    check_target(folder)
    parent = folder.parent
    if not parent.is_dir():
        raise JournalError(f"There is no folder {parent}; create it first or choose another.")
    items = list_entries(journal, newest_first=False)
    experiences = {x.id: x.title for x in list_experiences(journal)}
    prompts = {p.id: p.text for p in list_prompts(journal, include_hidden=True)}
    top: set[str] = {MARKER.casefold(), *(k.casefold() for k in KEPT)}
    folder_names: dict[int, str] = {}
    for xid in sorted({e.experience_id for e in items if e.experience_id is not None}):
        folder_names[xid] = _unique(safe_name(experiences.get(xid, f"Experience {xid}")), top)
    try:
        work = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".part", dir=parent))
    except OSError as exc:
        raise JournalError(
            f"Cannot write in the folder {parent}: {exc.strerror}; choose another place."
        ) from None
    try:
        taken: dict[str, set[str]] = {"": set(top)}
        for name in folder_names.values():
            (work / name).mkdir()
            taken[name] = set()
        for n, e in enumerate(items, 1):
            sub = folder_names.get(e.experience_id) if e.experience_id is not None else None
            where = sub or ""
            stem = f"{e.entry_date.isoformat()} {safe_name(e.title)}"
            name = _unique(stem, taken[where], ".md")
            path = work / where / name if where else work / name
            experience = experiences.get(e.experience_id) if e.experience_id else None
            _write(path, note_text(e, experience, prompts).encode("utf-8", "surrogatepass"))
            if progress is not None and (n % 200 == 0 or n == len(items)):
                progress(n, len(items))
        marker = {"format": FORMAT, "version": VERSION, "entries": len(items)}
        _write(work / MARKER, (json.dumps(marker, indent=2) + "\n").encode())
        for sub in folder_names.values():
            fsync_folder(work / sub)
        fsync_folder(work)
        _swap(work, folder)
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise JournalError(
            f"Cannot write the export in {parent}: {exc.strerror}; nothing was changed (free "
            "some space or choose another place)."
        ) from None
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return MarkdownExport(folder, len(items), len(folder_names))


def _write(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _swap(work: Path, folder: Path) -> None:
    """Put the written folder ``work`` where ``folder`` is (an earlier export, or empty)."""
    if not folder.exists():
        os.replace(work, folder)
        fsync_folder(folder.parent)
        return
    for kept in KEPT:
        if (folder / kept).is_dir():
            shutil.copytree(folder / kept, work / kept)
    old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".old", dir=folder.parent))
    old.rmdir()
    os.replace(folder, old)
    try:
        os.replace(work, folder)
    except OSError:
        os.replace(old, folder)  # put the earlier export back
        raise
    fsync_folder(folder.parent)
    with contextlib.suppress(OSError):
        shutil.rmtree(old)
