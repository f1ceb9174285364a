"""Checks shared by the services: each failure is a ValidationError with one clear sentence."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from imgjournal.domain import _Labelled
from imgjournal.errors import ValidationError
from imgjournal.fields import CASE_FIELDS, CHOICE, FEEDBACK_FIELDS, LIST, TEXT, Field
from imgjournal.limits import (
    MAX_BODY_BYTES,
    MAX_FIELD_CHARS,
    MAX_ID,
    MAX_LIST_ITEMS,
    MAX_QUERY_CHARS,
    MAX_TITLE_CHARS,
    megabytes,
)


def title(text: str | None, what: str = "title") -> str:
    cleaned = (text or "").strip()
    if any(ch < " " for ch in cleaned):
        # Control characters (NUL above all: SQLite's length() stops at it) have no place here.
        cleaned = " ".join("".join(ch if ch >= " " else " " for ch in cleaned).split())
    if not cleaned:
        raise ValidationError(f"The {what} is empty; give it a few words.")
    if len(cleaned) > MAX_TITLE_CHARS:
        raise ValidationError(
            f"The {what} is {len(cleaned)} characters long; keep it under {MAX_TITLE_CHARS}."
        )
    return cleaned


def parse_date(text: str, what: str = "date") -> date:
    try:
        return date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise ValidationError(
            f"The {what} {text!r} is not a date; write it as YYYY-MM-DD."
        ) from None


def choice(value: str | None, enum: type[_Labelled], what: str) -> str | None:
    if value is None or value == "":
        return None
    return enum.parse(value, what).value


def date_range(start: date, end: date | None) -> None:
    if end is not None and end < start:
        raise ValidationError(f"The end date {end} is before the start date {start}.")


def lines(values: tuple[str, ...] | list[str] | str | None) -> tuple[str, ...]:
    """A list field: strips blanks; accepts a newline- or semicolon-separated string."""
    if values is None:
        return ()
    if isinstance(values, str):
        values = values.replace(";", "\n").splitlines()
    return tuple(v.strip() for v in values if v and v.strip())


def utf8_size(text: str) -> int:
    """How many bytes ``text`` takes as UTF-8 (a lone surrogate counts as 3, as it would)."""
    return len(text.encode("utf-8", "surrogatepass"))


def body(text: str | None, what: str = "body", fix: str = "split it into several entries") -> str:
    """A Markdown body: at most ``MAX_BODY_BYTES`` of UTF-8."""
    text = text or ""
    # Cheap first: a text of fewer characters than a quarter of the limit always fits.
    if len(text) * 4 > MAX_BODY_BYTES and (size := utf8_size(text)) > MAX_BODY_BYTES:
        raise ValidationError(
            f"The {what} is {megabytes(size, MAX_BODY_BYTES)}; it can hold at most "
            f"{megabytes(MAX_BODY_BYTES)} — {fix}."
        )
    return text


def field(text: str | None, what: str, limit: int = MAX_FIELD_CHARS) -> str:
    """Any other text field: at most ``limit`` characters."""
    text = text or ""
    if len(text) > limit:
        raise ValidationError(
            f"The {what} is {len(text):,} characters long; shorten it to {limit:,} or fewer."
        )
    return text


def items(values: tuple[str, ...], what: str) -> tuple[str, ...]:
    """A list field (diagnoses, procedures, tags): at most ``MAX_LIST_ITEMS`` short items."""
    if len(values) > MAX_LIST_ITEMS:
        raise ValidationError(
            f"The entry has {len(values):,} {what}; keep it to {MAX_LIST_ITEMS} or fewer."
        )
    for value in values:
        field(value, what.rstrip("s") if what != "diagnoses" else "diagnosis")
    return values


def query(text: str | None) -> str:
    text = text or ""
    if len(text) > MAX_QUERY_CHARS:
        raise ValidationError(
            f"The search is {len(text):,} characters long; search for at most "
            f"{MAX_QUERY_CHARS:,} (a few distinctive words are enough)."
        )
    return text


def record_id(value: int, what: str) -> int:
    """An id to look up: one beyond SQLite's integers names no record (not an overflow)."""
    if not 0 < value <= MAX_ID:
        from imgjournal.errors import NotFoundError

        raise NotFoundError(f"There is no {what} with id {value}.")
    return value


def clean_case(case: Any) -> Any:
    """The case fields (CaseFields) as a case entry stores them; ValidationError says what is
    wrong. Here, not in services/entries, so that an importer checks a file's cases without
    loading the database layer."""
    return _kind_fields(case, CASE_FIELDS)


def clean_feedback(fb: Any) -> Any:
    """The feedback fields (FeedbackFields) as a feedback entry stores them; ValidationError
    says what is wrong."""
    return _kind_fields(fb, FEEDBACK_FIELDS)


def _kind_fields(values: Any, table: tuple[Field, ...]) -> Any:
    """``values`` (CaseFields or FeedbackFields) checked against their fields' limits: texts
    as they are, choices as their stored values, list items trimmed (blank ones dropped).
    Checked in that order, so the first problem is the one reported."""
    for f in table:
        if f.shape == TEXT:
            field(getattr(values, f.attr), f.what, f.limit or MAX_FIELD_CHARS)
    changes = {}
    for f in table:
        if f.shape == CHOICE:
            changes[f.attr] = choice(getattr(values, f.attr), f.choices, f.what)
    for f in table:
        if f.shape == LIST:
            changes[f.attr] = items(lines(getattr(values, f.attr)), f.what)
    return replace(values, **changes)
