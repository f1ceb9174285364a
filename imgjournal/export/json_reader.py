"""Checking a parsed export document and turning it into a :class:`Snapshot`.

Every rule of docs/export-format.md is checked here, before anything is written; the first
broken rule raises :class:`ImportFileError` with one sentence that names the record, as
``entries[12] (id 57): experience_id must be a whole number or null, not text ("9").``
References to records that are neither in the file nor in the journal are checked by
:func:`imgjournal.services.transfer.import_snapshot`, which knows the journal.

The checks are written as straight-line code over field tables rather than one call per
field: a 50,000-entry file is checked in well under a second.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from imgjournal.domain import (
    DEFAULT_ERAS_TYPE,
    OBSERVATIONAL_KINDS,
    AgeBand,
    CaseRole,
    EntryKind,
    ErasType,
    ExperienceKind,
    FeedbackKind,
    GiverRole,
    PromptCategory,
    Setting,
    Sex,
)
from imgjournal.errors import ValidationError
from imgjournal.export.records import (
    ATTEMPT_KEYS,
    CASE_KEYS,
    DRAFT_KEYS,
    ENTRY_KEYS,
    EXPERIENCE_KEYS,
    FEEDBACK_KEYS,
    PROMPT_KEYS,
    SCHEDULE_KEYS,
)
from imgjournal.limits import MAX_TITLE_CHARS
from imgjournal.models import utcnow
from imgjournal.services.dto import (
    AttemptDTO,
    DraftDTO,
    ExperienceDTO,
    PromptDTO,
    ScheduleDTO,
)
from imgjournal.services.transfer import EntryTable, Snapshot

FORMAT = "imgjournal"
VERSION = 1
SECTIONS = ("experiences", "prompts", "tags", "entries")
# Interview prep; a file may leave these out (files written before prep existed, generators).
PREP_SECTIONS = ("answer_drafts", "practice_attempts", "prompt_schedules")

MAX_TAG_CHARS = 100
MAX_KEY_CHARS = 80
MAX_HOURS_PER_WEEK = 168
MAX_INT = 2**63 - 1  # SQLite's largest integer


class ImportFileError(ValidationError):
    """A file that cannot be imported; ``str(err)`` names the file or the record and the fix."""


_MISSING: Any = object()
REQUIRED: Any = object()  # a field default: the field must be present
NOW: Any = object()  # a field default: the time of the import

# (key, JSON type, default). A default of None means the field may also be null.
Field = tuple[str, type, Any]

EXPERIENCE_FIELDS: tuple[Field, ...] = (
    ("kind", str, REQUIRED),
    ("eras_type", str, ""),  # "" -> the usual ERAS type of the kind
    ("title", str, REQUIRED),
    ("institution", str, ""),
    ("specialty", str, ""),
    ("city", str, ""),
    ("state", str, ""),
    ("country", str, ""),
    ("is_us", bool, True),
    ("hands_on", bool, _MISSING),  # missing -> false for observerships, else true
    ("start_date", str, REQUIRED),
    ("end_date", str, None),
    ("hours_per_week", int, None),
    ("supervisor", str, ""),
    ("notes", str, ""),
    ("created_at", str, NOW),
    ("updated_at", str, NOW),
)
PROMPT_FIELDS: tuple[Field, ...] = (
    ("key", str, None),
    ("category", str, REQUIRED),
    ("text", str, REQUIRED),
    ("min_seconds", int, REQUIRED),
    ("max_seconds", int, REQUIRED),
    ("hidden", bool, False),
    ("position", int, 0),
)
ENTRY_FIELDS: tuple[Field, ...] = (
    ("kind", str, REQUIRED),
    ("title", str, REQUIRED),
    ("date", str, REQUIRED),
    ("body", str, ""),
    ("experience_id", int, None),
    ("prompt_ids", list, ()),
    ("tags", list, ()),
    ("created_at", str, NOW),
    ("updated_at", str, NOW),
    ("deleted_at", str, None),
    ("case", dict, None),
    ("feedback", dict, None),
)
# In the order of the CaseFields / FeedbackFields dataclasses (the shape of the file's record).
CASE_FIELDS: tuple[Field, ...] = (
    ("setting", str, None),
    ("age_band", str, None),
    ("sex", str, None),
    ("chief_complaint", str, ""),
    ("diagnoses", list, ()),
    ("procedures", list, ()),
    ("role", str, None),
    ("situation", str, ""),
    ("task", str, ""),
    ("action", str, ""),
    ("result", str, ""),
    ("lesson", str, ""),
)
FEEDBACK_FIELDS: tuple[Field, ...] = (
    ("giver_name", str, ""),
    ("giver_role", str, None),
    ("feedback_kind", str, None),
    ("words", str, ""),
    ("action_items", str, ""),
    ("followed_up", bool, False),
)

DRAFT_FIELDS: tuple[Field, ...] = (
    ("prompt_id", int, REQUIRED),
    ("title", str, REQUIRED),
    ("body", str, ""),
    ("is_practice", bool, False),
    ("created_at", str, NOW),
    ("updated_at", str, NOW),
)
ATTEMPT_FIELDS: tuple[Field, ...] = (
    ("prompt_id", int, REQUIRED),
    ("draft_id", int, None),
    ("started_at", str, REQUIRED),
    ("duration_seconds", int, REQUIRED),
    ("rating", int, REQUIRED),
    ("note", str, ""),
)
SCHEDULE_FIELDS: tuple[Field, ...] = (
    ("prompt_id", int, REQUIRED),
    ("due", str, REQUIRED),
    ("card", dict, REQUIRED),
)

_ALLOWED = {
    "answer_drafts": frozenset(DRAFT_KEYS),
    "practice_attempts": frozenset(ATTEMPT_KEYS),
    "prompt_schedules": frozenset(SCHEDULE_KEYS),
    "experiences": frozenset(EXPERIENCE_KEYS),
    "prompts": frozenset(PROMPT_KEYS),
    "entries": frozenset(ENTRY_KEYS),
    "case.": frozenset(CASE_KEYS),
    "feedback.": frozenset(FEEDBACK_KEYS),
}
_TOP_ALLOWED = frozenset(("format", "version", *SECTIONS, *PREP_SECTIONS))

_ENTRY_KINDS = frozenset(EntryKind.values())
_EXPERIENCE_KINDS = frozenset(ExperienceKind.values())
_ERAS_TYPES = frozenset(ErasType.values())
_CATEGORIES = frozenset(PromptCategory.values())
_CASE_CHOICES = (
    (0, "setting", frozenset(Setting.values())),
    (1, "age_band", frozenset(AgeBand.values())),
    (2, "sex", frozenset(Sex.values())),
    (6, "role", frozenset(CaseRole.values())),
)
_FEEDBACK_CHOICES = (
    (1, "giver_role", frozenset(GiverRole.values())),
    (2, "feedback_kind", frozenset(FeedbackKind.values())),
)

_TYPE_NAMES = {
    dict: "an object",
    list: "a list",
    str: "text",
    int: "a number",
    float: "a number",
    bool: "true or false",
    type(None): "null",
}
_WANTED = {
    str: "text",
    int: "a whole number",
    bool: "true or false",
    list: "a list",
    dict: "an object",
}


def show(value: Any) -> str:
    """A value as the file spells it, cut short."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _kind_of(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _choices(values: frozenset[str]) -> str:
    return ", ".join(f'"{v}"' for v in sorted(values))


def _fail(where: str, problem: str) -> None:
    raise ImportFileError(f"{where}: {problem}.")


def tag_name(raw: str) -> str:
    """A tag as the journal stores it: trimmed, without a leading '#' (as services.entries)."""
    return raw.strip().lstrip("#").strip()


def _values(
    where: str, raw: dict, fields: tuple[Field, ...], allowed: frozenset[str], prefix: str = ""
) -> list[Any]:
    """The fields' values in table order, type-checked, defaults filled in."""
    if not raw.keys() <= allowed:
        _fail(where, f'the field "{prefix}{min(raw.keys() - allowed)}" is not part of the format')
    fast = _FAST.get(id(fields))  # the tables are module constants: their ids are stable
    if fast is None:
        keys = tuple(key for key, _, _ in fields)
        # Fields whose default is null may be left out: a missing one reads as null, as here.
        needed = frozenset(key for key, _, default in fields if default is not None)
        fast = _FAST[id(fields)] = (keys, needed, set())
    keys, needed, good = fast
    # A record whose combination of value types was already found good needs no field-by-field
    # check: whether the types are right depends on the types alone. Files that imgjournal
    # wrote come in a handful of such combinations. Only records with every field that has a
    # default other than null teach a combination, so a null in a good one is always allowed.
    values = tuple(map(raw.get, keys))
    types = tuple(map(type, values))
    if types in good:
        return list(values)
    out = _checked_values(where, raw, fields, prefix)
    if needed <= raw.keys():
        good.add(types)
    return out


_FAST: dict[int, tuple[tuple[str, ...], frozenset[str], set[tuple[type, ...]]]] = {}


def _checked_values(where: str, raw: dict, fields: tuple[Field, ...], prefix: str) -> list[Any]:
    out = []
    get = raw.get
    for key, kind, default in fields:
        value = get(key, _MISSING)
        if value is _MISSING:
            if default is REQUIRED:
                _fail(where, f'the field "{prefix}{key}" is missing')
            value = default
        elif type(value) is not kind and (value is not None or default is not None):
            wanted = _WANTED[kind] + (" or null" if default is None else "")
            _fail(where, f"{prefix}{key} must be {wanted}, not {_kind_of(value)} ({show(value)})")
        out.append(value)
    return out


@dataclass(frozen=True)
class _StoredSchedule:
    """The columns services.prep reads a schedule from."""

    prompt_id: int
    card: str
    due: datetime


# A time exactly as the journal stores one (and as it exports one with a fraction of a second).
_STORED_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00\Z", re.ASCII)

# The stored case and feedback columns of an entry of another kind, and of a case or feedback
# entry whose fields the file leaves out (CaseFields() and FeedbackFields() as stored).
_NO_CASE = (None,) * 12
_NO_FEEDBACK = (None,) * 6
_NO_CASE_FIELDS = (None, None, None, "", None, "", "", "", "", "", "", "")
_NO_FEEDBACK_FIELDS = ("", None, None, "", "", False)


class DocumentReader:
    """Checks one parsed document; ``name`` (the file's name) starts file-level messages."""

    def __init__(self, name: str, check_utf8: bool = False) -> None:
        self.name = name
        # Only a file with a \\uD800-style escape can hold a lone surrogate (which SQLite
        # cannot store), so only then is every string checked for one.
        self.check_utf8 = check_utf8
        self.now = utcnow()
        self.now_text = self.now.isoformat(timespec="microseconds")  # as the journal stores it

    def fail(self, problem: str) -> None:
        raise ImportFileError(f"{self.name} {problem}.")

    # -- the document ---------------------------------------------------------------------

    def read(self, doc: Any) -> Snapshot:
        if type(doc) is not dict:
            self.fail(f"is not an imgjournal export (it holds {_kind_of(doc)}, not an object)")
        if "format" not in doc:
            self.fail('is not an imgjournal export (it has no "format" field)')
        if doc["format"] != FORMAT:
            self.fail(
                f'is not an imgjournal export (its "format" is {show(doc["format"])}, '
                f'not "{FORMAT}")'
            )
        version = doc.get("version", _MISSING)
        if version is _MISSING:
            self.fail('has no "version" field')
        if type(version) is not int or version < 1:
            self.fail(f'has an impossible "version", {show(version)}')
        if version > VERSION:
            self.fail(
                f"was written by a newer imgjournal (format version {version}; this one reads "
                f"version {VERSION}); update imgjournal to import it"
            )
        extra = doc.keys() - _TOP_ALLOWED
        if extra:
            self.fail(f'has a field "{min(extra)}" that format version {VERSION} does not have')
        for section in SECTIONS + PREP_SECTIONS:
            if section not in doc:
                if section in PREP_SECTIONS:
                    continue
                self.fail(f'has no "{section}" list')
            if type(doc[section]) is not list:
                self.fail(f'has "{section}" as {_kind_of(doc[section])}, not a list')

        experiences = self._all("experiences", doc["experiences"], self.experience)
        prompts = self._all("prompts", doc["prompts"], self.prompt)
        keys: dict[str, int] = {}
        for i, p in enumerate(prompts):
            if p.key is not None and keys.setdefault(p.key, i) != i:
                _fail(
                    f"prompts[{i}] (id {p.id})",
                    f'the key "{p.key}" is also used by prompts[{keys[p.key]}]',
                )
        tags = self.tags(doc["tags"])
        table = EntryTable([], {}, {})
        for row, prompt_ids, tag_names in self._all("entries", doc["entries"], self.entry):
            table.rows.append(row)
            if prompt_ids:
                table.prompt_ids[row[0]] = prompt_ids
            if tag_names:
                table.tags[row[0]] = tag_names
        drafts = self._all("answer_drafts", doc.get("answer_drafts", []), self.draft)
        practice: dict[int, int] = {}
        for i, d in enumerate(drafts):
            if d.is_practice and practice.setdefault(d.prompt_id, i) != i:
                _fail(
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
        )

    def _all(self, section: str, items: list, read: Callable[[str, dict], Any]) -> list[Any]:
        out = []
        seen: dict[int, int] = {}
        for i, raw in enumerate(items):
            if type(raw) is not dict:
                _fail(f"{section}[{i}]", f"must be an object, not {_kind_of(raw)} ({show(raw)})")
            if "id" not in raw:
                _fail(f"{section}[{i}]", 'the field "id" is missing')
            record_id = raw["id"]
            if type(record_id) is not int or not 0 < record_id <= MAX_INT:
                _fail(f"{section}[{i}]", f"id must be a whole number from 1, not {show(record_id)}")
            where = f"{section}[{i}] (id {record_id})"
            if seen.setdefault(record_id, i) != i:
                _fail(where, f"the id {record_id} is also used by {section}[{seen[record_id]}]")
            if self.check_utf8:
                self._strings(where, raw, "")
            out.append(read(where, raw))
        return out

    def tags(self, items: list) -> tuple[str, ...]:
        names = set()
        for i, raw in enumerate(items):
            if type(raw) is not str:
                _fail(f"tags[{i}]", f"must be text, not {_kind_of(raw)} ({show(raw)})")
            if self.check_utf8:
                self._strings(f"tags[{i}]", raw, "tag")
            name = tag_name(raw)
            if not name or len(name) > MAX_TAG_CHARS:
                _fail(
                    f"tags[{i}]", f"a tag must be 1 to {MAX_TAG_CHARS} characters, not {show(raw)}"
                )
            names.add(name)
        return tuple(sorted(names))

    def _strings(self, where: str, value: Any, field: str) -> None:
        if type(value) is str:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                _fail(where, f"{field or 'a field'} holds a broken character (a lone surrogate)")
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
                _fail(where, f"must be an object, not {_kind_of(raw)} ({show(raw)})")
            prompt_id, due, card = _values(
                where, raw, SCHEDULE_FIELDS, _ALLOWED["prompt_schedules"]
            )
            if not 0 < prompt_id <= MAX_INT:
                _fail(where, f"prompt_id must be a whole number from 1, not {prompt_id}")
            where = f"prompt_schedules[{i}] (prompt_id {prompt_id})"
            if seen.setdefault(prompt_id, i) != i:
                _fail(where, f"the prompt is also scheduled by prompt_schedules[{seen[prompt_id]}]")
            out.append(self.schedule(where, prompt_id, self._moment(where, "due", due), card))
        return tuple(out)

    @staticmethod
    def schedule(where: str, prompt_id: int, due: datetime, card: dict) -> ScheduleDTO:
        from fsrs import Card

        from imgjournal.services.prep import _schedule_dto

        card_json = json.dumps(card, sort_keys=True)  # as services.prep stores it
        try:
            card_due = Card.from_dict(card).due
            schedule = _schedule_dto(_StoredSchedule(prompt_id, card_json, due))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            _fail(where, f"card is not an FSRS card ({type(exc).__name__}: {exc})")
        if card_due.tzinfo is None:  # no offset: read as UTC, as every time of the file
            card_due = card_due.replace(tzinfo=UTC)
        if card_due != due:
            _fail(
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
            _fail(where, f"{key} is empty")
        if "\x00" in value:  # SQLite's length() would stop there: the title would be empty
            _fail(where, f"{key} holds a NUL character")
        if len(value) > MAX_TITLE_CHARS:
            _fail(where, f"{key} is {len(value)} characters long; the limit is {MAX_TITLE_CHARS}")
        return value

    @staticmethod
    def _day(where: str, key: str, value: str | None) -> date | None:
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            _fail(where, f"{key} {show(value)} is not a date; write it as YYYY-MM-DD")

    def _moment(self, where: str, key: str, value: Any) -> datetime | None:
        if value is None:
            return None
        if value is NOW:
            return self.now
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            _fail(
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
            _fail(where, f"{key} must be one of {_choices(allowed)}, not {show(value)}")

    @staticmethod
    def _text_list(where: str, key: str, items: list | tuple) -> None:
        for item in items:
            if type(item) is not str:
                _fail(where, f"{key} must hold only text, not {show(item)}")

    # -- records --------------------------------------------------------------------------

    def experience(self, where: str, raw: dict) -> ExperienceDTO:
        (kind, eras_type, title, institution, specialty, city, state, country, is_us,
         hands_on, start, end, hours, supervisor, notes, created, updated) = _values(
            where, raw, EXPERIENCE_FIELDS, _ALLOWED["experiences"]
        )  # fmt: skip
        self._choice(where, "kind", kind, _EXPERIENCE_KINDS)
        if eras_type == "":
            eras_type = DEFAULT_ERAS_TYPE[ExperienceKind(kind)].value
        self._choice(where, "eras_type", eras_type, _ERAS_TYPES)
        if hands_on is _MISSING:
            hands_on = ExperienceKind(kind) not in OBSERVATIONAL_KINDS
        start_date = self._day(where, "start_date", start)
        end_date = self._day(where, "end_date", end)
        if end_date is not None and end_date < start_date:
            _fail(where, f"end_date {end_date} is before start_date {start_date}")
        if hours is not None and not 0 < hours <= MAX_HOURS_PER_WEEK:
            _fail(where, f"hours_per_week must be from 1 to {MAX_HOURS_PER_WEEK}, not {hours}")
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
        key, category, text, lo, hi, hidden, position = _values(
            where, raw, PROMPT_FIELDS, _ALLOWED["prompts"]
        )
        if key is not None:
            key = key.strip()
            if not key or len(key) > MAX_KEY_CHARS:
                _fail(where, f"key must be 1 to {MAX_KEY_CHARS} characters, or null")
        self._choice(where, "category", category, _CATEGORIES)
        text = text.strip()
        if not text:
            _fail(where, "text is empty")
        if "\x00" in text:
            _fail(where, "text holds a NUL character")
        if not 0 < lo <= MAX_INT:
            _fail(where, f"min_seconds must be at least 1, not {lo}")
        if not lo <= hi <= MAX_INT:
            _fail(where, f"max_seconds {hi} is less than min_seconds {lo}")
        if not -MAX_INT <= position <= MAX_INT:
            _fail(where, f"position {position} is too large")
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
         case, feedback) = _values(where, raw, ENTRY_FIELDS, _ALLOWED["entries"])  # fmt: skip
        if kind not in _ENTRY_KINDS:
            _fail(where, f"kind must be one of {_choices(_ENTRY_KINDS)}, not {show(kind)}")
        if experience_id is not None and not 0 < experience_id <= MAX_INT:
            _fail(where, f"experience_id must be a whole number from 1, not {experience_id}")
        for p in prompt_ids:
            if type(p) is not int or not 0 < p <= MAX_INT:
                _fail(where, f"prompt_ids must hold only ids (whole numbers from 1), not {show(p)}")
        self._text_list(where, "tags", tags)
        names = {tag_name(t) for t in tags}
        for name in names:
            if not name or len(name) > MAX_TAG_CHARS:
                _fail(where, f"tags must be 1 to {MAX_TAG_CHARS} characters, not {show(name)}")
        if kind == EntryKind.CASE:
            case_values = self.case(where, case) if case is not None else _NO_CASE_FIELDS
        elif case is not None:
            _fail(where, f'it has case fields but its kind is "{kind}"')
        else:
            case_values = _NO_CASE
        if kind == EntryKind.FEEDBACK:
            feedback_values = (
                self.feedback(where, feedback) if feedback is not None else _NO_FEEDBACK_FIELDS
            )
        elif feedback is not None:
            _fail(where, f'it has feedback fields but its kind is "{kind}"')
        else:
            feedback_values = _NO_FEEDBACK
        row = (
            raw["id"],
            kind,
            self._title(where, "title", title),
            self._day(where, "date", day).isoformat(),
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
        moment = self._moment(where, key, value)  # a real time, or a clear error
        if type(value) is str and _STORED_TIME.match(value):
            return value  # already exactly the stored form (the usual case)
        return moment.isoformat(timespec="microseconds")

    def case(self, where: str, raw: dict) -> tuple:
        """A case's stored columns, in ``ENTRY_TABLE_COLUMNS`` order."""
        (setting, age_band, sex, complaint, diagnoses, procedures, role, situation, task,
         action, result, lesson) = values = _values(
            where, raw, CASE_FIELDS, _ALLOWED["case."], "case."
        )  # fmt: skip
        for index, key, allowed in _CASE_CHOICES:
            self._choice(where, f"case.{key}", values[index], allowed)
        self._text_list(where, "case.diagnoses", diagnoses)
        self._text_list(where, "case.procedures", procedures)
        # The journal keeps list items one per line, exactly as the file has them: trimming
        # them here would change the file's items on the next export.
        return (
            setting, age_band, sex, complaint, role, situation, task, action, result, lesson,
            "\n".join(diagnoses), "\n".join(procedures),
        )  # fmt: skip

    def draft(self, where: str, raw: dict) -> DraftDTO:
        prompt_id, title, body, is_practice, created, updated = _values(
            where, raw, DRAFT_FIELDS, _ALLOWED["answer_drafts"]
        )
        if not 0 < prompt_id <= MAX_INT:
            _fail(where, f"prompt_id must be a whole number from 1, not {prompt_id}")
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
        prompt_id, draft_id, started, duration, rating, note = _values(
            where, raw, ATTEMPT_FIELDS, _ALLOWED["practice_attempts"]
        )
        if not 0 < prompt_id <= MAX_INT:
            _fail(where, f"prompt_id must be a whole number from 1, not {prompt_id}")
        if draft_id is not None and not 0 < draft_id <= MAX_INT:
            _fail(where, f"draft_id must be a whole number from 1 or null, not {draft_id}")
        if not 0 <= duration <= MAX_INT:
            _fail(where, f"duration_seconds must be 0 or more, not {duration}")
        if not 1 <= rating <= 4:
            _fail(where, f"rating must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy), not {rating}")
        return AttemptDTO(
            id=raw["id"],
            prompt_id=prompt_id,
            draft_id=draft_id,
            started_at=self._moment(where, "started_at", started),
            duration_seconds=duration,
            rating=rating,
            note=note,
        )

    def feedback(self, where: str, raw: dict) -> tuple:
        """A feedback entry's stored columns, in ``ENTRY_TABLE_COLUMNS`` order."""
        values = _values(where, raw, FEEDBACK_FIELDS, _ALLOWED["feedback."], "feedback.")
        for index, key, allowed in _FEEDBACK_CHOICES:
            self._choice(where, f"feedback.{key}", values[index], allowed)
        return tuple(values)
