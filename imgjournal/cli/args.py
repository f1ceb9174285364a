"""Argument types the command groups share: dates, ids and bounded whole numbers.

Each raises :class:`argparse.ArgumentTypeError` with the text argparse shows after
``argument --flag:`` (one line, exit status 1; see :class:`imgjournal.cli.parser.Parser`).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date

from imgjournal.errors import ValidationError
from imgjournal.limits import MAX_ID


def date_arg(text: str) -> date:
    from imgjournal.services.validate import parse_date

    try:
        return parse_date(text)
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _whole_number(text: str, what: str) -> int:
    # A number of more digits than any id could have is refused before int() reads it
    # (int() of a 5,000-digit string raises a ValueError of its own).
    text = text.strip()
    digits = text.lstrip("+-")
    if not digits.isdecimal() or len(digits) > 30:
        if digits.isdecimal():
            raise argparse.ArgumentTypeError(f"{text[:20]}… is far too large for {what}")
        raise argparse.ArgumentTypeError(f"{text!r} is not {what}")
    return int(text)


def bounded_arg(most: int, what: str = "a whole number") -> Callable[[str], int]:
    """An argument type for whole numbers from 1 to ``most``."""

    def parse(text: str) -> int:
        value = _whole_number(text, what)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"{text} must be 1 or more")
        if value > most:
            raise argparse.ArgumentTypeError(f"{text} is too large; give at most {most}")
        return value

    return parse


positive_arg = bounded_arg(MAX_ID)


def id_arg(text: str) -> int:
    try:
        value = _whole_number(text, "an id (ids are numbers)")
    except argparse.ArgumentTypeError as exc:
        if "too large" in str(exc):
            raise argparse.ArgumentTypeError(
                f"{text[:20]}… is not an id (no id is that large)"
            ) from None
        raise
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not an id (ids are 1 or more)")
    if value > MAX_ID:
        raise argparse.ArgumentTypeError(
            f"{text} is not an id (ids go up to {MAX_ID}, the largest number the journal holds)"
        )
    return value
