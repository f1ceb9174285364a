"""Checking a parsed export document and turning it into a :class:`Snapshot`: the file-level
reading.

Every rule of docs/export-format.md is checked before anything is written; the first broken
rule raises :class:`ImportFileError` with one sentence that names the record, as
``entries[12] (id 57): experience_id must be a whole number or null, not text ("9").``
References to records that are neither in the file nor in the journal are checked by
:func:`imgjournal.services.transfer.import_snapshot`, which knows the journal.

This module checks the document as a whole: its format and version, its sections, each record
being an object with an id of its own, what must be unique across records (prompt keys, one
practice draft per prompt, one schedule per prompt), the tags list, and the entries a chunk at a
time. Each record is read by :class:`imgjournal.export.json_records.RecordReader`, each field's
value checked by :mod:`imgjournal.export.json_checks`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from imgjournal.export.json_checks import check_strings, read_moment
from imgjournal.export.json_fields import (
    ALLOWED,
    FORMAT,
    MAX_INT,
    MISSING,
    PREP_SECTIONS,
    SCHEDULE_FIELDS,
    SECTIONS,
    TOP_ALLOWED,
    VERSION,
    ImportFileError,
    fail,
    field_values,
    kind_of,
    show,
    tag_name,
)
from imgjournal.export.json_records import RecordReader
from imgjournal.limits import MAX_TAG_CHARS
from imgjournal.models import utcnow
from imgjournal.services.dto import ScheduleDTO
from imgjournal.services.snapshot import EntryTable, Snapshot

__all__ = ["DocumentReader", "ImportFileError"]


class DocumentReader:
    """Checks one parsed document; ``name`` (the file's name) starts file-level messages."""

    def __init__(self, name: str, check_utf8: bool = False) -> None:
        self.name = name
        # Only a file with a \\uD800-style escape can hold a lone surrogate (which SQLite
        # cannot store), so only then is every string checked for one.
        self.check_utf8 = check_utf8
        self.now = utcnow()
        self.records = RecordReader(self.now)

    def fail(self, problem: str) -> None:
        raise ImportFileError(f"{self.name} {problem}.")

    # -- the document ---------------------------------------------------------------------

    def read(self, doc: Any, *, entry_chunk: int | None = None) -> Snapshot:
        """The checked snapshot of ``doc``; raises :class:`ImportFileError` naming the problem.

        With ``entry_chunk`` and more entries than that, the entries are not read here: the
        snapshot's ``entry_chunks`` reads and checks them ``entry_chunk`` at a time as they are
        taken, so that an import can index one chunk while this checks the next. A problem in
        them is then raised by the iteration (the import, in one transaction, writes nothing).
        """
        if type(doc) is not dict:
            self.fail(f"is not an imgjournal export (it holds {kind_of(doc)}, not an object)")
        if "format" not in doc:
            self.fail('is not an imgjournal export (it has no "format" field)')
        if doc["format"] != FORMAT:
            self.fail(
                f'is not an imgjournal export (its "format" is {show(doc["format"])}, '
                f'not "{FORMAT}")'
            )
        version = doc.get("version", MISSING)
        if version is MISSING:
            self.fail('has no "version" field')
        if type(version) is not int or version < 1:
            self.fail(f'has an impossible "version", {show(version)}')
        if version > VERSION:
            self.fail(
                f"was written by a newer imgjournal (format version {version}; this one reads "
                f"version {VERSION}); update imgjournal to import it"
            )
        extra = doc.keys() - TOP_ALLOWED
        if extra:
            self.fail(f'has a field "{min(extra)}" that format version {VERSION} does not have')
        for section in SECTIONS + PREP_SECTIONS:
            if section not in doc:
                if section in PREP_SECTIONS:
                    continue
                self.fail(f'has no "{section}" list')
            if type(doc[section]) is not list:
                self.fail(f'has "{section}" as {kind_of(doc[section])}, not a list')

        experiences = self._all("experiences", doc["experiences"], self.records.experience)
        prompts = self._all("prompts", doc["prompts"], self.records.prompt)
        keys: dict[str, int] = {}
        for i, p in enumerate(prompts):
            if p.key is not None and keys.setdefault(p.key, i) != i:
                fail(
                    f"prompts[{i}] (id {p.id})",
                    f'the key "{p.key}" is also used by prompts[{keys[p.key]}]',
                )
        tags = self.tags(doc["tags"])
        count = len(doc["entries"])
        lazy = entry_chunk is not None and count > entry_chunk
        chunks = self._entry_chunks(doc["entries"], entry_chunk if lazy else max(count, 1))
        table = None if lazy else next(chunks, EntryTable([], {}, {}))
        drafts = self._all("answer_drafts", doc.get("answer_drafts", []), self.records.draft)
        practice: dict[int, int] = {}
        for i, d in enumerate(drafts):
            if d.is_practice and practice.setdefault(d.prompt_id, i) != i:
                fail(
                    f"answer_drafts[{i}] (id {d.id})",
                    f"prompt {d.prompt_id} already has its practice draft, "
                    f"answer_drafts[{practice[d.prompt_id]}]",
                )
        attempts = self._all(
            "practice_attempts", doc.get("practice_attempts", []), self.records.attempt
        )
        schedules = self.schedules(doc.get("prompt_schedules", []))
        letters, profile = self.readiness(doc)
        from imgjournal.export.json_eras import read_eras

        eras = read_eras(doc.get("eras_experiences", []), self.now)
        programs, contacts = self.programs(doc)
        return Snapshot(
            experiences=tuple(experiences),
            prompts=tuple(prompts),
            tags=tags,
            drafts=tuple(drafts),
            attempts=tuple(attempts),
            schedules=schedules,
            eras=eras,
            entry_table=table,
            entry_chunks=chunks if lazy else None,
            letters=letters,
            profile=profile,
            programs=programs,
            contacts=contacts,
        )

    def readiness(self, doc: dict) -> tuple[tuple, Any]:
        """The letters and the application profile (both optional)."""
        from imgjournal.export.json_letters import read_letter, read_profile

        items = doc.get("letters", [])
        if type(items) is not list:
            self.fail(f'has "letters" as {kind_of(items)}, not a list')
        letters = self._all("letters", items, lambda w, raw: read_letter(w, raw, self.now))
        return tuple(letters), read_profile(doc.get("profile"))

    def programs(self, doc: dict) -> tuple[tuple, tuple]:
        """The programs and the contacts (both optional)."""
        from imgjournal.export.json_programs import read_contact, read_program

        out = []
        for section, read in (("programs", read_program), ("contacts", read_contact)):
            items = doc.get(section, [])
            if type(items) is not list:
                self.fail(f'has "{section}" as {kind_of(items)}, not a list')
            out.append(tuple(self._all(section, items, lambda w, r, f=read: f(w, r, self.now))))
        return out[0], out[1]

    def _entry_chunks(self, items: list, size: int) -> Iterator[EntryTable]:
        """The file's entries, read and checked ``size`` at a time."""
        seen: dict[int, int] = {}
        for start in range(0, len(items), size):
            table = EntryTable([], {}, {})
            records = self._all(
                "entries", items[start : start + size], self.records.entry, start, seen
            )
            for row, prompt_ids, tag_names in records:
                table.rows.append(row)
                if prompt_ids:
                    table.prompt_ids[row[0]] = prompt_ids
                if tag_names:
                    table.tags[row[0]] = tag_names
            yield table

    def _all(
        self,
        section: str,
        items: list,
        read: Callable[[str, dict], Any],
        start: int = 0,
        seen: dict[int, int] | None = None,
    ) -> list[Any]:
        """``read`` of every record of ``items`` (the section's records from ``start`` on);
        ``seen`` (id -> position) carries the duplicate check across calls."""
        out = []
        seen = {} if seen is None else seen
        for i, raw in enumerate(items, start):
            if type(raw) is not dict:
                fail(f"{section}[{i}]", f"must be an object, not {kind_of(raw)} ({show(raw)})")
            if "id" not in raw:
                fail(f"{section}[{i}]", 'the field "id" is missing')
            record_id = raw["id"]
            if type(record_id) is not int or not 0 < record_id <= MAX_INT:
                fail(f"{section}[{i}]", f"id must be a whole number from 1, not {show(record_id)}")
            where = f"{section}[{i}] (id {record_id})"
            if seen.setdefault(record_id, i) != i:
                fail(where, f"the id {record_id} is also used by {section}[{seen[record_id]}]")
            if self.check_utf8:
                check_strings(where, raw, "")
            out.append(read(where, raw))
        return out

    def tags(self, items: list) -> tuple[str, ...]:
        names = set()
        for i, raw in enumerate(items):
            if type(raw) is not str:
                fail(f"tags[{i}]", f"must be text, not {kind_of(raw)} ({show(raw)})")
            if self.check_utf8:
                check_strings(f"tags[{i}]", raw, "tag")
            name = tag_name(raw)
            if not name or len(name) > MAX_TAG_CHARS:
                fail(
                    f"tags[{i}]", f"a tag must be 1 to {MAX_TAG_CHARS} characters, not {show(raw)}"
                )
            names.add(name)
        return tuple(sorted(names))

    def schedules(self, items: list) -> tuple[ScheduleDTO, ...]:
        out = []
        seen: dict[int, int] = {}
        for i, raw in enumerate(items):
            where = f"prompt_schedules[{i}]"
            if type(raw) is not dict:
                fail(where, f"must be an object, not {kind_of(raw)} ({show(raw)})")
            prompt_id, due, card = field_values(
                where, raw, SCHEDULE_FIELDS, ALLOWED["prompt_schedules"]
            )
            if not 0 < prompt_id <= MAX_INT:
                fail(where, f"prompt_id must be a whole number from 1, not {prompt_id}")
            where = f"prompt_schedules[{i}] (prompt_id {prompt_id})"
            if seen.setdefault(prompt_id, i) != i:
                fail(where, f"the prompt is also scheduled by prompt_schedules[{seen[prompt_id]}]")
            due_at = read_moment(where, "due", due, self.now)
            out.append(self.records.schedule(where, prompt_id, due_at, card))
        return tuple(out)
