"""Checking a parsed export document and turning it into a :class:`Snapshot`.

Every rule of docs/export-format.md is checked here, before anything is written; the first
broken rule raises :class:`ImportFileError` with one sentence that names the record, as
``entries[12] (id 57): experience_id must be a whole number or null, not text ("9").``
References to records that are neither in the file nor in the journal are checked by
:func:`imgjournal.services.transfer.import_snapshot`, which knows the journal.

The checks are written as straight-line code over the field tables of
:mod:`imgjournal.export.json_fields` rather than one call per field: a 50,000-entry file is
checked in about a second.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from operator import itemgetter
from typing import Any

from imgjournal import fields
from imgjournal.domain import (
    DEFAULT_ERAS_TYPE,
    OBSERVATIONAL_KINDS,
    EntryKind,
    ExperienceKind,
)
from imgjournal.export.json_fields import (
    ALLOWED,
    ATTEMPT_FIELDS,
    CASE_CHOICES,
    CASE_FIELDS,
    CATEGORIES,
    DRAFT_FIELDS,
    ENTRY_FIELDS,
    ENTRY_KINDS,
    ERAS_TYPES,
    EXPERIENCE_FIELDS,
    EXPERIENCE_KINDS,
    FEEDBACK_CHOICES,
    FEEDBACK_FIELDS,
    FORMAT,
    MAX_HOURS_PER_WEEK,
    MAX_INT,
    MAX_KEY_CHARS,
    MISSING,
    NOW,
    PREP_SECTIONS,
    PROMPT_FIELDS,
    SCHEDULE_FIELDS,
    SECTIONS,
    TOP_ALLOWED,
    VERSION,
    ImportFileError,
    check_body,
    check_items,
    check_texts,
    choices,
    fail,
    field_values,
    kind_of,
    show,
    tag_name,
)
from imgjournal.limits import MAX_LIST_ITEMS, MAX_PROMPT_CHARS, MAX_TAG_CHARS, MAX_TITLE_CHARS
from imgjournal.models import utcnow
from imgjournal.services.dto import (
    AttemptDTO,
    DraftDTO,
    ExperienceDTO,
    PromptDTO,
    ScheduleDTO,
)
from imgjournal.services.snapshot import EntryTable, Snapshot


@dataclass(frozen=True)
class _StoredSchedule:
    """The columns services.prep reads a schedule from."""

    prompt_id: int
    card: str
    due: datetime


# A time exactly as the journal stores one (and as it exports one with a fraction of a second).
_STORED_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00\Z", re.ASCII)

_EXPERIENCE_TEXTS = ("institution", "specialty", "city", "state", "country", "supervisor")


@dataclass(frozen=True)
class _KindPart:
    """How the file's case or feedback object is checked: from imgjournal.fields, once."""

    prefix: str  # "case." or "feedback."
    json_fields: tuple  # the export format's table (json_fields.CASE_FIELDS, ...)
    choices: tuple[tuple[int, str, frozenset[str]], ...]  # (position, "case.sex", allowed)
    lists: tuple[tuple[int, str], ...]  # (position, "case.diagnoses") of each list
    text_keys: tuple[str, ...]
    texts: Callable[[list], tuple]  # the texts' values, in the order of text_keys


def _kind_part(prefix: str, kind_fields: tuple, json_table: tuple, choices: tuple) -> _KindPart:
    texts = [i for i, f in enumerate(kind_fields) if f.shape == fields.TEXT]
    return _KindPart(
        prefix=prefix,
        json_fields=json_table,
        choices=tuple((i, prefix + key, allowed) for i, key, allowed in choices),
        lists=tuple(
            (i, prefix + f.json_key) for i, f in enumerate(kind_fields) if f.shape == fields.LIST
        ),
        text_keys=tuple(kind_fields[i].json_key for i in texts),
        texts=_tuple_getter(texts),
    )


def _tuple_getter(positions: list[int]) -> Callable[[list], tuple]:
    """``itemgetter`` that always gives a tuple (it gives the item itself for one position)."""
    get = itemgetter(*positions)
    return get if len(positions) > 1 else lambda values: (get(values),)


_CASE_PART = _kind_part("case.", fields.CASE_FIELDS, CASE_FIELDS, CASE_CHOICES)
_FEEDBACK_PART = _kind_part("feedback.", fields.FEEDBACK_FIELDS, FEEDBACK_FIELDS, FEEDBACK_CHOICES)


def _stored_default(f: fields.Field) -> Any:
    return "" if f.shape == fields.LIST else f.default


# The stored case and feedback columns of an entry of another kind, and of a case or feedback
# entry whose fields the file leaves out (CaseFields() and FeedbackFields() as stored).
_NO_CASE = (None,) * len(fields.CASE_FIELDS)
_NO_FEEDBACK = (None,) * len(fields.FEEDBACK_FIELDS)
_NO_CASE_FIELDS = tuple(map(_stored_default, fields.CASE_FIELDS))
_NO_FEEDBACK_FIELDS = tuple(map(_stored_default, fields.FEEDBACK_FIELDS))


class DocumentReader:
    """Checks one parsed document; ``name`` (the file's name) starts file-level messages."""

    def __init__(self, name: str, check_utf8: bool = False) -> None:
        self.name = name
        # Only a file with a \\uD800-style escape can hold a lone surrogate (which SQLite
        # cannot store), so only then is every string checked for one.
        self.check_utf8 = check_utf8
        self.now = utcnow()

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

        experiences = self._all("experiences", doc["experiences"], self.experience)
        prompts = self._all("prompts", doc["prompts"], self.prompt)
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
        drafts = self._all("answer_drafts", doc.get("answer_drafts", []), self.draft)
        practice: dict[int, int] = {}
        for i, d in enumerate(drafts):
            if d.is_practice and practice.setdefault(d.prompt_id, i) != i:
                fail(
                    f"answer_drafts[{i}] (id {d.id})",
                    f"prompt {d.prompt_id} already has its practice draft, "
                    f"answer_drafts[{practice[d.prompt_id]}]",
                )
        attempts = self._all("practice_attempts", doc.get("practice_attempts", []), self.attempt)
        schedules = self.schedules(doc.get("prompt_schedules", []))
        return Snapshot(
            experiences=tuple(experiences),
            prompts=tuple(prompts),
            tags=tags,
            drafts=tuple(drafts),
            attempts=tuple(attempts),
            schedules=schedules,
            entry_table=table,
            entry_chunks=chunks if lazy else None,
        )

    def _entry_chunks(self, items: list, size: int) -> Iterator[EntryTable]:
        """The file's entries, read and checked ``size`` at a time."""
        seen: dict[int, int] = {}
        for start in range(0, len(items), size):
            table = EntryTable([], {}, {})
            records = self._all("entries", items[start : start + size], self.entry, start, seen)
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
                self._strings(where, raw, "")
            out.append(read(where, raw))
        return out

    def tags(self, items: list) -> tuple[str, ...]:
        names = set()
        for i, raw in enumerate(items):
            if type(raw) is not str:
                fail(f"tags[{i}]", f"must be text, not {kind_of(raw)} ({show(raw)})")
            if self.check_utf8:
                self._strings(f"tags[{i}]", raw, "tag")
            name = tag_name(raw)
            if not name or len(name) > MAX_TAG_CHARS:
                fail(
                    f"tags[{i}]", f"a tag must be 1 to {MAX_TAG_CHARS} characters, not {show(raw)}"
                )
            names.add(name)
        return tuple(sorted(names))

    def _strings(self, where: str, value: Any, field: str) -> None:
        if type(value) is str:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                fail(where, f"{field or 'a field'} holds a broken character (a lone surrogate)")
        elif type(value) is dict:
            for key, item in value.items():
                self._strings(where, item, f"{field}.{key}" if field else key)
        elif type(value) is list:
            for item in value:
                self._strings(where, item, field)

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
            out.append(self.schedule(where, prompt_id, self._moment(where, "due", due), card))
        return tuple(out)

    @staticmethod
    def schedule(where: str, prompt_id: int, due: datetime, card: dict) -> ScheduleDTO:
        from fsrs import Card

        from imgjournal.services.convert import schedule_dto

        card_json = json.dumps(card, sort_keys=True)  # as services.prep stores it
        try:
            card_due = Card.from_dict(card).due
            schedule = schedule_dto(_StoredSchedule(prompt_id, card_json, due))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            fail(where, f"card is not an FSRS card ({type(exc).__name__}: {exc})")
        if card_due.tzinfo is None:  # no offset: read as UTC, as every time of the file
            card_due = card_due.replace(tzinfo=UTC)
        if card_due != due:
            fail(
                where,
                f"due {due.isoformat()} is not the card's due time {card_due.isoformat()}; "
                "due is a copy of it, so make them the same",
            )
        return schedule

    # -- field checks ---------------------------------------------------------------------

    @staticmethod
    def _title(where: str, key: str, value: str) -> str:
        value = value.strip()
        if not value:
            fail(where, f"{key} is empty")
        if "\x00" in value:  # SQLite's length() would stop there: the title would be empty
            fail(where, f"{key} holds a NUL character")
        if len(value) > MAX_TITLE_CHARS:
            fail(where, f"{key} is {len(value)} characters long; the limit is {MAX_TITLE_CHARS}")
        return value

    @staticmethod
    def _day(where: str, key: str, value: str | None) -> date | None:
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            fail(where, f"{key} {show(value)} is not a date; write it as YYYY-MM-DD")

    @classmethod
    def _stored_day(cls, where: str, key: str, value: str) -> str:
        """A date as the journal stores it (YYYY-MM-DD)."""
        day = cls._day(where, key, value)
        if len(value) == 10 and value[4] == value[7] == "-":
            return value  # the stored form already (fromisoformat read it: a real date)
        return day.isoformat()

    def _moment(self, where: str, key: str, value: Any) -> datetime | None:
        if value is None:
            return None
        if value is NOW:
            return self.now
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            fail(
                where,
                f"{key} {show(value)} is not a date and time; write it as "
                "2024-05-01T14:30:00+00:00",
            )
        if moment.tzinfo is None:  # no offset: read as UTC
            return moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)

    @staticmethod
    def _choice(where: str, key: str, value: str | None, allowed: frozenset[str]) -> None:
        if value is not None and value not in allowed:
            fail(where, f"{key} must be one of {choices(allowed)}, not {show(value)}")

    @staticmethod
    def _text_list(where: str, key: str, items: list | tuple) -> None:
        for item in items:
            if type(item) is not str:
                fail(where, f"{key} must hold only text, not {show(item)}")

    # -- records --------------------------------------------------------------------------

    def experience(self, where: str, raw: dict) -> ExperienceDTO:
        (kind, eras_type, title, institution, specialty, city, state, country, is_us,
         hands_on, start, end, hours, supervisor, notes, created, updated) = field_values(
            where, raw, EXPERIENCE_FIELDS, ALLOWED["experiences"]
        )  # fmt: skip
        self._choice(where, "kind", kind, EXPERIENCE_KINDS)
        check_texts(
            where, "", _EXPERIENCE_TEXTS, (institution, specialty, city, state, country, supervisor)
        )
        check_body(where, "notes", notes)
        if eras_type == "":
            eras_type = DEFAULT_ERAS_TYPE[ExperienceKind(kind)].value
        self._choice(where, "eras_type", eras_type, ERAS_TYPES)
        if hands_on is MISSING:
            hands_on = ExperienceKind(kind) not in OBSERVATIONAL_KINDS
        start_date = self._day(where, "start_date", start)
        end_date = self._day(where, "end_date", end)
        if end_date is not None and end_date < start_date:
            fail(where, f"end_date {end_date} is before start_date {start_date}")
        if hours is not None and not 0 < hours <= MAX_HOURS_PER_WEEK:
            fail(where, f"hours_per_week must be from 1 to {MAX_HOURS_PER_WEEK}, not {hours}")
        return ExperienceDTO(
            id=raw["id"],
            kind=kind,
            eras_type=eras_type,
            title=self._title(where, "title", title),
            institution=institution,
            specialty=specialty,
            city=city,
            state=state,
            country=country,
            is_us=is_us,
            hands_on=hands_on,
            start_date=start_date,
            end_date=end_date,
            hours_per_week=hours,
            supervisor=supervisor,
            notes=notes,
            created_at=self._moment(where, "created_at", created),
            updated_at=self._moment(where, "updated_at", updated),
        )

    def prompt(self, where: str, raw: dict) -> PromptDTO:
        key, category, text, lo, hi, hidden, position = field_values(
            where, raw, PROMPT_FIELDS, ALLOWED["prompts"]
        )
        if key is not None:
            key = key.strip()
            if not key or len(key) > MAX_KEY_CHARS:
                fail(where, f"key must be 1 to {MAX_KEY_CHARS} characters, or null")
        self._choice(where, "category", category, CATEGORIES)
        text = text.strip()
        if not text:
            fail(where, "text is empty")
        if "\x00" in text:
            fail(where, "text holds a NUL character")
        if len(text) > MAX_PROMPT_CHARS:
            fail(where, f"text is {len(text):,} characters long; the limit is {MAX_PROMPT_CHARS:,}")
        if not 0 < lo <= MAX_INT:
            fail(where, f"min_seconds must be at least 1, not {lo}")
        if not lo <= hi <= MAX_INT:
            fail(where, f"max_seconds {hi} is less than min_seconds {lo}")
        if not -MAX_INT <= position <= MAX_INT:
            fail(where, f"position {position} is too large")
        return PromptDTO(
            id=raw["id"],
            key=key,
            category=category,
            text=text,
            min_seconds=lo,
            max_seconds=hi,
            hidden=hidden,
            position=position,
        )

    def entry(self, where: str, raw: dict) -> tuple[tuple, list[int], list[str]]:
        """An entry as the journal stores it: its row (``ENTRY_TABLE_COLUMNS``), its prompt
        ids and its tag names. No DTO: a 50,000-entry import spent a second building them."""
        (kind, title, day, body, experience_id, prompt_ids, tags, created, updated, deleted,
         case, feedback) = field_values(where, raw, ENTRY_FIELDS, ALLOWED["entries"])  # fmt: skip
        if kind not in ENTRY_KINDS:
            fail(where, f"kind must be one of {choices(ENTRY_KINDS)}, not {show(kind)}")
        if experience_id is not None and not 0 < experience_id <= MAX_INT:
            fail(where, f"experience_id must be a whole number from 1, not {experience_id}")
        for p in prompt_ids:
            if type(p) is not int or not 0 < p <= MAX_INT:
                fail(where, f"prompt_ids must hold only ids (whole numbers from 1), not {show(p)}")
        self._text_list(where, "tags", tags)
        check_body(where, "body", body)
        if len(tags) > MAX_LIST_ITEMS:
            fail(where, f"tags has {len(tags):,} items; the limit is {MAX_LIST_ITEMS}")
        names = {tag_name(t) for t in tags}
        for name in names:
            if not name or len(name) > MAX_TAG_CHARS:
                fail(where, f"tags must be 1 to {MAX_TAG_CHARS} characters, not {show(name)}")
        if kind == EntryKind.CASE:
            case_values = self.case(where, case) if case is not None else _NO_CASE_FIELDS
        elif case is not None:
            fail(where, f'it has case fields but its kind is "{kind}"')
        else:
            case_values = _NO_CASE
        if kind == EntryKind.FEEDBACK:
            feedback_values = (
                self.feedback(where, feedback) if feedback is not None else _NO_FEEDBACK_FIELDS
            )
        elif feedback is not None:
            fail(where, f'it has feedback fields but its kind is "{kind}"')
        else:
            feedback_values = _NO_FEEDBACK
        row = (
            raw["id"],
            kind,
            self._title(where, "title", title),
            self._stored_day(where, "date", day),
            body,
            experience_id,
            self._stored_moment(where, "created_at", created),
            self._stored_moment(where, "updated_at", updated),
            self._stored_moment(where, "deleted_at", deleted),
            *case_values,
            *feedback_values,
        )
        return row, sorted(set(prompt_ids)), sorted(names)

    def _stored_moment(self, where: str, key: str, value: Any) -> str | None:
        """A time as the journal stores it: UTC, ISO 8601 with microseconds."""
        if value is None:
            return None
        if type(value) is str and _STORED_TIME.match(value):
            # Already exactly the stored form (the usual case): it only has to be a real time.
            try:
                datetime.fromisoformat(value)
                return value
            except ValueError:
                pass  # _moment says what is wrong
        return self._moment(where, key, value).isoformat(timespec="microseconds")

    def case(self, where: str, raw: dict) -> tuple:
        """A case's stored columns, in ``ENTRY_TABLE_COLUMNS`` order."""
        return self._kind_values(where, raw, _CASE_PART)

    def feedback(self, where: str, raw: dict) -> tuple:
        """A feedback entry's stored columns, in ``ENTRY_TABLE_COLUMNS`` order."""
        return self._kind_values(where, raw, _FEEDBACK_PART)

    def _kind_values(self, where: str, raw: dict, part: _KindPart) -> tuple:
        """The stored columns of a case's or a feedback's fields (``raw``, the file's object):
        the choices, the lists and the texts checked; list items kept one per line, exactly as
        the file has them (trimming them here would change them on the next export)."""
        prefix = part.prefix
        values = field_values(where, raw, part.json_fields, ALLOWED[prefix], prefix)
        for index, key, allowed in part.choices:
            self._choice(where, key, values[index], allowed)
        for index, key in part.lists:
            self._text_list(where, key, values[index])
        check_texts(where, prefix, part.text_keys, part.texts(values))
        for index, key in part.lists:
            check_items(where, key, values[index])
            values[index] = "\n".join(values[index])
        return tuple(values)

    def draft(self, where: str, raw: dict) -> DraftDTO:
        prompt_id, title, body, is_practice, created, updated = field_values(
            where, raw, DRAFT_FIELDS, ALLOWED["answer_drafts"]
        )
        if not 0 < prompt_id <= MAX_INT:
            fail(where, f"prompt_id must be a whole number from 1, not {prompt_id}")
        check_body(where, "body", body)
        return DraftDTO(
            id=raw["id"],
            prompt_id=prompt_id,
            title=self._title(where, "title", title),
            body=body,
            is_practice=is_practice,
            created_at=self._moment(where, "created_at", created),
            updated_at=self._moment(where, "updated_at", updated),
        )

    def attempt(self, where: str, raw: dict) -> AttemptDTO:
        prompt_id, draft_id, started, duration, rating, note = field_values(
            where, raw, ATTEMPT_FIELDS, ALLOWED["practice_attempts"]
        )
        if not 0 < prompt_id <= MAX_INT:
            fail(where, f"prompt_id must be a whole number from 1, not {prompt_id}")
        if draft_id is not None and not 0 < draft_id <= MAX_INT:
            fail(where, f"draft_id must be a whole number from 1 or null, not {draft_id}")
        if not 0 <= duration <= MAX_INT:
            fail(where, f"duration_seconds must be 0 or more, not {duration}")
        check_texts(where, "", ("note",), (note,))
        if not 1 <= rating <= 4:
            fail(where, f"rating must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy), not {rating}")
        return AttemptDTO(
            id=raw["id"],
            prompt_id=prompt_id,
            draft_id=draft_id,
            started_at=self._moment(where, "started_at", started),
            duration_seconds=duration,
            rating=rating,
            note=note,
        )
