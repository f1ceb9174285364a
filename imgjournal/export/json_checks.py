"""The JSON reader's checks of one field's value: titles, dates, times, choices, text lists,
and the lone-surrogate check of a file with ``\\uD800``-style escapes.

Each takes ``where`` (the record, as ``entries[12] (id 57)``) and the field's key, and raises
:class:`~imgjournal.export.json_fields.ImportFileError` through ``fail`` with one sentence
naming both. The record readers (:mod:`imgjournal.export.json_records`) and the file-level
reader (:mod:`imgjournal.export.json_reader`) call them.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

from imgjournal.export.json_fields import NOW, choices, fail, show
from imgjournal.limits import MAX_TITLE_CHARS

# A time exactly as the journal stores one (and as it exports one with a fraction of a second).
STORED_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00\Z", re.ASCII)


def check_strings(where: str, value: Any, field: str) -> None:
    """Every string in ``value`` (nested objects and lists too) encodes as UTF-8: none holds
    a lone surrogate, which SQLite cannot store."""
    if type(value) is str:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            fail(where, f"{field or 'a field'} holds a broken character (a lone surrogate)")
    elif type(value) is dict:
        for key, item in value.items():
            check_strings(where, item, f"{field}.{key}" if field else key)
    elif type(value) is list:
        for item in value:
            check_strings(where, item, field)


def check_title(where: str, key: str, value: str) -> str:
    value = value.strip()
    if not value:
        fail(where, f"{key} is empty")
    if "\x00" in value:  # SQLite's length() would stop there: the title would be empty
        fail(where, f"{key} holds a NUL character")
    if len(value) > MAX_TITLE_CHARS:
        fail(where, f"{key} is {len(value)} characters long; the limit is {MAX_TITLE_CHARS}")
    return value


def read_day(where: str, key: str, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(where, f"{key} {show(value)} is not a date; write it as YYYY-MM-DD")


def read_stored_day(where: str, key: str, value: str) -> str:
    """A date as the journal stores it (YYYY-MM-DD)."""
    day = read_day(where, key, value)
    if len(value) == 10 and value[4] == value[7] == "-":
        return value  # the stored form already (fromisoformat read it: a real date)
    return day.isoformat()


def read_moment(where: str, key: str, value: Any, now: datetime) -> datetime | None:
    """A time of the file in UTC (one without an offset is read as UTC); ``NOW`` is ``now``."""
    if value is None:
        return None
    if value is NOW:
        return now
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        fail(
            where,
            f"{key} {show(value)} is not a date and time; write it as 2024-05-01T14:30:00+00:00",
        )
    if moment.tzinfo is None:  # no offset: read as UTC
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def read_stored_moment(where: str, key: str, value: Any, now: datetime) -> str | None:
    """A time as the journal stores it: UTC, ISO 8601 with microseconds."""
    if value is None:
        return None
    if type(value) is str and STORED_TIME.match(value):
        # Already exactly the stored form (the usual case): it only has to be a real time.
        try:
            datetime.fromisoformat(value)
            return value
        except ValueError:
            pass  # read_moment says what is wrong
    return read_moment(where, key, value, now).isoformat(timespec="microseconds")


def check_choice(where: str, key: str, value: str | None, allowed: frozenset[str]) -> None:
    if value is not None and value not in allowed:
        fail(where, f"{key} must be one of {choices(allowed)}, not {show(value)}")


def check_text_list(where: str, key: str, items: list | tuple) -> None:
    for item in items:
        if type(item) is not str:
            fail(where, f"{key} must hold only text, not {show(item)}")
