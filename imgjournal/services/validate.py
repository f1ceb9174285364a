"""Checks shared by the services: each failure is a ValidationError with one clear sentence."""

from __future__ import annotations

from datetime import date

from imgjournal.domain import _Labelled
from imgjournal.errors import ValidationError
from imgjournal.limits import MAX_TITLE_CHARS


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
