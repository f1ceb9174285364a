"""What an importer reads a file into, without the database layer: :class:`Incoming`, the
reading of a file's bytes and text, the shaping of titles, tags and times, and the checks of
an entry against the journal's limits.

The parsers (jrnl.py, dayone.py, csv_cases.py) need only this, so the command line reads and
parses a file, and starts its privacy count (privacy_count.py), while SQLAlchemy loads and the
journal opens. :mod:`imgjournal.importers.common` imports everything here, for the write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from imgjournal.errors import JournalError
from imgjournal.export.json_fields import ImportFileError
from imgjournal.limits import MAX_IMPORT_BYTES, MAX_LIST_ITEMS, MAX_TAG_CHARS, MAX_TITLE_CHARS
from imgjournal.limits import megabytes as _megabytes
from imgjournal.services import validate
from imgjournal.services.dto import CaseFields, FeedbackFields

Progress = Callable[[int, int], None]  # (done, total)
#: Called with each entry as a parser reads it (the command line's privacy count starts then).
Each = Callable[["Incoming"], None] | None


@dataclass(frozen=True)
class Incoming:
    """One entry read from a file, before the checks."""

    where: str  # how the user finds it in the file: "entry 3", "line 12"
    kind: str
    entry_date: date
    title: str
    body: str = ""
    tags: tuple[str, ...] = ()
    created_at: datetime | None = None  # the time it was written (aware), if the file says
    updated_at: datetime | None = None
    case: CaseFields | None = None
    feedback: FeedbackFields | None = None
    experience: str | None = None  # an experience's title (Markdown notes exported by us)
    prompts: tuple[str, ...] = ()  # interview prompts, by their text


# ---- reading files ------------------------------------------------------------------------


def read_limited(path: Path, what: str, limit: int = MAX_IMPORT_BYTES) -> bytes:
    """The bytes of ``path``, never more than ``limit``; one sentence when it cannot be read."""
    try:
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise ImportFileError(f"There is no file {path}.") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path} is a folder; give the {what} file.") from None
    except OSError as exc:
        raise ImportFileError(f"Cannot read {path}: {exc.strerror}.") from None
    if len(data) > limit:
        raise ImportFileError(
            f"{path.name} is larger than {_megabytes(limit)}, the most imgjournal imports at "
            f"once; check that it is a {what} file."
        )
    return data


def decode_text(data: bytes, name: str, what: str) -> str:
    """UTF-8 text (a byte-order mark dropped); one sentence when it is not."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ImportFileError(
            f"{name} is not UTF-8 text (byte {exc.start} on line {line} is not valid UTF-8); "
            f"save the {what} as UTF-8 and try again."
        ) from None
    if "\x00" in text:
        raise ImportFileError(f"{name} is not a text file; give the {what} file.")
    return text


# ---- shaping ------------------------------------------------------------------------------


def short_title(text: str) -> tuple[str, bool]:
    """A one-line title within the limit, and whether it had to be cut."""
    title = " ".join("".join(ch if ch >= " " else " " for ch in text).split())
    if len(title) > MAX_TITLE_CHARS:
        return title[: MAX_TITLE_CHARS - 1].rstrip() + "…", True
    return title, False


def clean_tags(names: Iterable[str]) -> tuple[str, ...]:
    """Tags as the journal stores them: trimmed, without a leading # or @, once each."""
    out: dict[str, None] = {}
    for name in names:
        clean = str(name).strip().lstrip("#@").strip()
        if clean:
            out[clean[:MAX_TAG_CHARS]] = None
    return tuple(out)


def as_utc(moment: datetime) -> datetime:
    """An aware UTC time; a naive one (jrnl's) is read as this computer's local time."""
    return moment.astimezone(UTC)


# ---- checking ---------------------------------------------------------------------------------


def check_item(item: Incoming) -> Incoming:
    """``item`` within the journal's limits; raises JournalError saying what is wrong."""
    title = validate.title(item.title)
    body = validate.body(item.body)
    tags = clean_tags(item.tags)
    if len(tags) > MAX_LIST_ITEMS:
        raise JournalError(f"it has {len(tags)} tags; keep it to {MAX_LIST_ITEMS} or fewer")
    case = validate.clean_case(item.case) if item.case is not None else None
    feedback = validate.clean_feedback(item.feedback) if item.feedback is not None else None
    return replace(item, title=title, body=body, tags=tags, case=case, feedback=feedback)


def checked(item: Incoming) -> Incoming:
    """``item`` within the journal's limits; raises ImportFileError naming it otherwise."""
    try:
        return check_item(item)
    except JournalError as exc:
        reason = str(exc).rstrip(".")
        raise ImportFileError(
            f"{item.where} cannot be imported: {reason[0].lower() + reason[1:]}; fix it in the "
            "file and import again (nothing was imported)."
        ) from None


__all__ = [
    "Each",
    "ImportFileError",
    "Incoming",
    "Progress",
    "as_utc",
    "check_item",
    "checked",
    "clean_tags",
    "decode_text",
    "read_limited",
    "short_title",
]
