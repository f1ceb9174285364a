"""The export format's field tables and the checks of one record's fields.

:mod:`imgjournal.export.json_reader` reads a whole document with these (each record in
:mod:`imgjournal.export.json_records`). Each table lists a
record's fields as ``(key, JSON type, default)``; :func:`field_values` checks a record against
one, in a single step for the type combinations it has already found good.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from imgjournal import fields as table
from imgjournal.domain import (
    EntryKind,
    ErasType,
    ExperienceKind,
    PromptCategory,
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
from imgjournal.limits import (
    MAX_BODY_BYTES,
    MAX_FIELD_CHARS,
    MAX_ID,
    MAX_LIST_ITEMS,
    megabytes,
)

FORMAT = "imgjournal"
VERSION = 1
SECTIONS = ("experiences", "prompts", "tags", "entries")
# Interview prep; a file may leave these out (files written before prep existed, generators).
PREP_SECTIONS = ("answer_drafts", "practice_attempts", "prompt_schedules")

MAX_KEY_CHARS = 80
MAX_HOURS_PER_WEEK = 168
MAX_INT = MAX_ID  # SQLite's largest integer


class ImportFileError(ValidationError):
    """A file that cannot be imported; ``str(err)`` names the file or the record and the fix."""


MISSING: Any = object()
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
    ("hands_on", bool, MISSING),  # missing -> false for observerships, else true
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
# The case's and the feedback's fields, from imgjournal.fields (in the order of the CaseFields
# and FeedbackFields dataclasses): a text or a choice is JSON text, a list a list of text, a
# flag true or false; a field left out is the DTO's default (a choice may also be null).
_JSON_TYPES = {table.TEXT: str, table.LIST: list, table.CHOICE: str, table.FLAG: bool}


def _json_fields(kind_fields: tuple[table.Field, ...]) -> tuple[Field, ...]:
    return tuple((f.json_key, _JSON_TYPES[f.shape], f.default) for f in kind_fields)


CASE_FIELDS: tuple[Field, ...] = _json_fields(table.CASE_FIELDS)
FEEDBACK_FIELDS: tuple[Field, ...] = _json_fields(table.FEEDBACK_FIELDS)

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
    ("recording_ms", int, None),
)
SCHEDULE_FIELDS: tuple[Field, ...] = (
    ("prompt_id", int, REQUIRED),
    ("due", str, REQUIRED),
    ("card", dict, REQUIRED),
)

ALLOWED = {
    "answer_drafts": frozenset(DRAFT_KEYS),
    "practice_attempts": frozenset(ATTEMPT_KEYS),
    "prompt_schedules": frozenset(SCHEDULE_KEYS),
    "experiences": frozenset(EXPERIENCE_KEYS),
    "prompts": frozenset(PROMPT_KEYS),
    "entries": frozenset(ENTRY_KEYS),
    "case.": frozenset(CASE_KEYS),
    "feedback.": frozenset(FEEDBACK_KEYS),
}
# Application readiness (issue 18): optional too; read by export/json_letters.py.
READINESS_SECTIONS = ("letters", "profile")
# The ERAS composer's section (export/json_eras.py); a file may leave it out.
ERAS_SECTION = "eras_experiences"
PROGRAM_SECTIONS = ("programs", "contacts")  # issue 19: optional
TOP_ALLOWED = frozenset(
    (
        "format",
        "version",
        *SECTIONS,
        *PREP_SECTIONS,
        *READINESS_SECTIONS,
        ERAS_SECTION,
        *PROGRAM_SECTIONS,
    )
)

ENTRY_KINDS = frozenset(EntryKind.values())
EXPERIENCE_KINDS = frozenset(ExperienceKind.values())
ERAS_TYPES = frozenset(ErasType.values())
CATEGORIES = frozenset(PromptCategory.values())


def _choices(kind_fields: tuple[table.Field, ...]) -> tuple[tuple[int, str, frozenset[str]], ...]:
    """(position in the table, JSON key, the values allowed) of each choice field."""
    return tuple(
        (i, f.json_key, frozenset(f.choices.values()))
        for i, f in enumerate(kind_fields)
        if f.choices is not None
    )


CASE_CHOICES = _choices(table.CASE_FIELDS)
FEEDBACK_CHOICES = _choices(table.FEEDBACK_FIELDS)

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


def kind_of(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def choices(values: frozenset[str]) -> str:
    return ", ".join(f'"{v}"' for v in sorted(values))


def fail(where: str, problem: str) -> None:
    raise ImportFileError(f"{where}: {problem}.")


def check_body(where: str, key: str, value: str) -> None:
    """A body-sized text (entry body, draft, notes): at most MAX_BODY_BYTES of UTF-8."""
    if len(value) * 4 > MAX_BODY_BYTES:
        size = len(value.encode("utf-8", "surrogatepass"))
        if size > MAX_BODY_BYTES:
            fail(
                where,
                f"{key} is {megabytes(size, MAX_BODY_BYTES)}; an entry holds at most "
                f"{megabytes(MAX_BODY_BYTES)}, so split it before importing",
            )


def _own_limits() -> dict[str, int]:
    """Text fields whose limit is their own, not MAX_FIELD_CHARS (the memory hook: 120), by
    JSON key."""
    return {f.json_key: f.limit for f in (*table.CASE_FIELDS, *table.FEEDBACK_FIELDS) if f.limit}


OWN_LIMITS = _own_limits()


@functools.lru_cache(maxsize=16)
def _limited(keys: tuple[str, ...]) -> tuple[tuple[int, str, int], ...]:
    """(index, key, limit) of the keys among ``keys`` that have a limit of their own."""
    return tuple((i, k, OWN_LIMITS[k]) for i, k in enumerate(keys) if k in OWN_LIMITS)


def check_texts(where: str, prefix: str, keys: tuple[str, ...], values: Any) -> None:
    """Short text fields (``values``, all text, in the order of ``keys``): MAX_FIELD_CHARS
    each, or the field's own limit where it has one (fields.py)."""
    for index, key, limit in _limited(keys):
        value = values[index]
        if type(value) is str and len(value) > limit:
            fail(where, f"{prefix}{key} is {len(value):,} characters long; the limit is {limit:,}")
    if max(map(len, values)) <= MAX_FIELD_CHARS:  # the usual case, in one step
        return
    for key, value in zip(keys, values, strict=True):
        if type(value) is str and len(value) > MAX_FIELD_CHARS:
            fail(
                where,
                f"{prefix}{key} is {len(value):,} characters long; the limit is "
                f"{MAX_FIELD_CHARS:,}",
            )


def check_items(where: str, key: str, items: Any) -> None:
    """A list field: at most MAX_LIST_ITEMS items of at most MAX_FIELD_CHARS characters."""
    if len(items) > MAX_LIST_ITEMS:
        fail(where, f"{key} has {len(items):,} items; the limit is {MAX_LIST_ITEMS}")
    if not items or max(map(len, items)) <= MAX_FIELD_CHARS:  # (all text: checked before)
        return
    for item in items:
        if type(item) is str and len(item) > MAX_FIELD_CHARS:
            fail(
                where,
                f"an item of {key} is {len(item):,} characters long; the limit is "
                f"{MAX_FIELD_CHARS:,}",
            )


def tag_name(raw: str) -> str:
    """A tag as the journal stores it: trimmed, without a leading '#' (as services.entries)."""
    return raw.strip().lstrip("#").strip()


def field_values(
    where: str, raw: dict, fields: tuple[Field, ...], allowed: frozenset[str], prefix: str = ""
) -> list[Any]:
    """The fields' values in table order, type-checked, defaults filled in."""
    if not raw.keys() <= allowed:
        fail(where, f'the field "{prefix}{min(raw.keys() - allowed)}" is not part of the format')
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
        value = get(key, MISSING)
        if value is MISSING:
            if default is REQUIRED:
                fail(where, f'the field "{prefix}{key}" is missing')
            value = default
        elif type(value) is not kind and (value is not None or default is not None):
            wanted = _WANTED[kind] + (" or null" if default is None else "")
            fail(where, f"{prefix}{key} must be {wanted}, not {kind_of(value)} ({show(value)})")
        out.append(value)
    return out
