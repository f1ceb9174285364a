"""A case log kept in a spreadsheet: a CSV file with a header row, one case per row.

The usual columns are recognised by their header (case and spacing ignored; see
:data:`HEADERS`); ``--map COLUMN=FIELD`` names the field of any other column (or ``ignore``).
Columns that map to nothing are left out and named in the summary.

Dates (:func:`parse_day`): ``2026-03-04``, ``2026/03/04``, ``4 Mar 2026``, ``March 4, 2026``,
``04.03.2026`` (day first), and numeric dates with slashes, ``03/04/2026`` or ``3/4/26``. Those
are ambiguous: a file's slashed dates are all read the same way — day first when one of them
can only be day first (``25/03/2026``), else month first (US style, ``03/04/2026`` is March 4),
and the summary says which. A row that does not fit the order chosen is a bad row.

Ages become the app's age bands (:func:`age_band`): a number is years; ``3 months``, ``2 wk``,
``10 days`` are read as such; ages of 90 and over are the one band ``90+`` (HIPAA Safe
Harbor); a band's own name (``infant``, ``40-64``) is taken as it is.

A row that cannot be imported (no date, a date that is not one, an unknown setting, ...) is a
bad row, named by its line number: nothing is imported unless the caller accepts skipping the
bad rows.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from imgjournal.domain import AgeBand, CaseRole, Setting, Sex
from imgjournal.errors import JournalError
from imgjournal.importers.csv_fields import FIELDS, HEADERS
from imgjournal.importers.incoming import (
    Each,
    ImportFileError,
    Incoming,
    check_item,
    decode_text,
    read_limited,
    short_title,
)
from imgjournal.services import validate
from imgjournal.services.dto import CaseFields

_SYNONYMS: dict[str, dict[str, str]] = {
    "setting": {
        "emergency": "ed",
        "emergencydepartment": "ed",
        "er": "ed",
        "ae": "ed",
        "ward": "inpatient",
        "intensivecare": "icu",
        "intensivecareunit": "icu",
        "office": "clinic",
    },
    "sex": {"f": "female", "m": "male", "woman": "female", "man": "male", "u": "unknown"},
    "role": {
        "observer": "observed",
        "observe": "observed",
        "assist": "assisted",
        "perform": "performed",
        "present": "presented",
    },
}

_MONTHS = {
    name: n
    for n, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        1,
    )
    for name in names
}
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?")
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})")
_DOTTED = re.compile(r"(\d{1,2})[.-](\d{1,2})[.-](\d{4})")
_DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[ -]([a-z]+)\.?,?[ -](\d{4})")
_MONTH_DAY = re.compile(r"([a-z]+)\.?[ -](\d{1,2})(?:st|nd|rd|th)?,?[ -](\d{4})")
_AGE = re.compile(r"(\d{1,3})(?:\.\d+)?\s*([a-z]*)\.?")
_AGE_UNITS = {
    "": "year",
    "y": "year",
    "yr": "year",
    "yrs": "year",
    "yo": "year",
    "year": "year",
    "years": "year",
    "yearold": "year",
    "yearsold": "year",
    "m": "month",
    "mo": "month",
    "mos": "month",
    "month": "month",
    "months": "month",
    "w": "week",
    "wk": "week",
    "wks": "week",
    "week": "week",
    "weeks": "week",
    "d": "day",
    "day": "day",
    "days": "day",
}


def _norm(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


class BadRows(ImportFileError):
    """Rows that cannot be imported; ``rows`` holds (line, reason)."""

    def __init__(self, name: str, rows: Sequence[tuple[int, str]]) -> None:
        self.rows = tuple(rows)
        n = len(rows)
        listed = "\n".join(f"  line {line}: {reason}" for line, reason in rows[:50])
        more = f"\n  … and {n - 50} more" if n > 50 else ""
        super().__init__(
            f"{n} {'row' if n == 1 else 'rows'} of {name} cannot be imported, so nothing was "
            "imported; fix them, or add --skip-bad-rows to import the other rows:\n" + listed + more
        )


@dataclass
class CsvRead:
    """What a CSV file holds: the cases, its bad rows, and notes for the summary."""

    items: list[Incoming]
    bad: list[tuple[int, str]]
    notes: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # header -> field


def parse_map(pairs: Iterable[str]) -> dict[str, str]:
    """``COLUMN=FIELD`` pairs as {normalised column: field}; one sentence when one is wrong."""
    out: dict[str, str] = {}
    for pair in pairs:
        column, sep, target = pair.rpartition("=")
        target = target.strip().lower()
        if not sep or not column.strip():
            raise JournalError(f"--map {pair!r} is not COLUMN=FIELD (for example Dx=diagnosis).")
        if target not in FIELDS:
            raise JournalError(
                f"--map {pair!r}: {target!r} is not a field; use one of {', '.join(FIELDS)}."
            )
        out[_norm(column)] = target
    return out


def header_fields(header: Sequence[str], mapping: dict[str, str]) -> dict[int, str]:
    """Column index -> field, from the map first, then the recognised headers."""
    out: dict[int, str] = {}
    for i, name in enumerate(header):
        key = _norm(name)
        target = mapping.get(key, HEADERS.get(key))
        if target is not None and target != "ignore":
            out[i] = target
    return out


def read_rows(path: Path | str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the rows (with the line each starts on); raises ImportFileError."""
    path = Path(path)
    text = decode_text(read_limited(path, "CSV"), path.name, "spreadsheet")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            text[:20_000], delimiters=",;\t"
        )
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows: list[tuple[int, list[str]]] = []
    try:
        header = next(reader, None)
        if header is None or not any(h.strip() for h in header):
            raise ImportFileError(
                f"{path.name} has no header row; the first line must name the columns "
                "(date, setting, age, sex, complaint, diagnosis, procedure, role, notes)."
            )
        line = reader.line_num + 1
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((line, row))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFileError(
            f"{path.name} is not a CSV file that can be read (line {reader.line_num}: {exc}); "
            "save it from the spreadsheet as CSV and try again."
        ) from None
    return [h.strip() for h in header], rows


def read_csv(
    path: Path | str,
    mapping: dict[str, str] | None = None,
    *,
    each: Each = None,
) -> CsvRead:
    """The cases of a CSV case log; see the module docs. ``each`` is called with every good
    row's case as it is read."""
    path = Path(path)
    header, rows = read_rows(path)
    columns = header_fields(header, mapping or {})
    unknown = [m for m in (mapping or {}) if m not in {_norm(h) for h in header}]
    if unknown:
        raise ImportFileError(
            f"{path.name} has no column {unknown[0]!r} to map; its columns are {', '.join(header)}."
        )
    if "date" not in columns.values():
        raise ImportFileError(
            f"{path.name} has no date column; name one with --map COLUMN=date (its columns "
            f"are {', '.join(header)})."
        )
    result = CsvRead([], [], columns={header[i]: f for i, f in columns.items()})
    left_out = [h for i, h in enumerate(header) if i not in columns and h]
    day_first = _day_first(
        [row for _line, row in rows], [i for i, f in columns.items() if f == "date"]
    )
    for line, row in rows:
        values: dict[str, str] = {}
        for i, target in columns.items():
            cell = row[i].strip() if i < len(row) else ""
            if cell:
                values[target] = values[target] + "\n" + cell if target in values else cell
        try:
            result.items.append(check_item(_case(values, line, day_first)))
        except JournalError as exc:
            reason = str(exc).rstrip(".")
            result.bad.append((line, reason[0].lower() + reason[1:]))
        else:
            if each is not None:
                each(result.items[-1])
    if left_out:
        result.notes.append(
            f"Columns not imported: {', '.join(left_out)} (name their field with "
            "--map COLUMN=FIELD)."
        )
    if day_first is not None:
        order = (
            "day first (25/03/2026 is 25 March)"
            if day_first
            else ("month first (03/04/2026 is March 4)")
        )
        result.notes.append(f"Dates with slashes were read {order}.")
    return result


def _day_first(rows: list[list[str]], date_columns: list[int]) -> bool | None:
    """How the file's slashed dates read: day first, month first, or None (it has none)."""
    first_big = second_big = seen = 0
    for row in rows:
        for i in date_columns:
            match = _SLASHED.fullmatch(row[i].strip()) if i < len(row) else None
            if match:
                seen += 1
                a, b = int(match.group(1)), int(match.group(2))
                first_big += a > 12
                second_big += b > 12
    if not seen:
        return None
    return first_big > second_big


def parse_day(text: str, day_first: bool = False) -> date:
    """A date in one of the common forms (see the module docs); ValidationError if not."""
    raw = " ".join(text.strip().lower().split())
    try:
        if m := _ISO.fullmatch(raw):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _SLASHED.fullmatch(raw):
            a, b, year = int(m[1]), int(m[2]), int(m[3])
            if len(m[3]) == 2:
                year += 2000
            day, month = (a, b) if day_first else (b, a)
            return date(year, month, day)
        if m := _DOTTED.fullmatch(raw):
            return date(int(m[3]), int(m[2]), int(m[1]))
        if (m := _DAY_MONTH.fullmatch(raw)) and m[2] in _MONTHS:
            return date(int(m[3]), _MONTHS[m[2]], int(m[1]))
        if (m := _MONTH_DAY.fullmatch(raw)) and m[1] in _MONTHS:
            return date(int(m[3]), _MONTHS[m[1]], int(m[2]))
    except ValueError:
        pass
    from imgjournal.errors import ValidationError

    raise ValidationError(
        f"the date {text.strip()[:40]!r} is not a date (write it as YYYY-MM-DD, MM/DD/YYYY or "
        "4 Mar 2026)"
    )


def age_band(text: str) -> str:
    """The app's age band for an age as a spreadsheet holds it (see the module docs)."""
    from imgjournal.errors import ValidationError

    raw = text.strip().lower()
    norm = _norm(raw)
    if norm in ("newborn", "neonate"):
        return AgeBand.NEWBORN.value
    if raw.replace(" ", "") in ("90+", ">89", "89+", "over89") or norm == "90orolder":
        return AgeBand.ADULT_90_PLUS.value
    for band in AgeBand:
        if norm in (_norm(band.value), _norm(band.label)) or raw == band.value:
            return band.value
    m = _AGE.fullmatch(raw)
    unit = _AGE_UNITS.get(_norm(m[2])) if m else None
    if m is None or unit is None:
        raise ValidationError(
            f"the age {text.strip()[:30]!r} is not an age (write years, 3 months, 2 weeks, or "
            "a band such as 40-64)"
        )
    n = int(m[1])
    if unit == "year" and n > 130:
        raise ValidationError(f"the age {text.strip()!r} is not a possible age")
    days = {"day": n, "week": n * 7, "month": n * 30.44, "year": n * 365.25}[unit]
    years = n if unit == "year" else days / 365.25
    if days < 28:
        return AgeBand.NEWBORN.value
    if years < 1:
        return AgeBand.INFANT.value
    if years < 13:
        return AgeBand.CHILD.value
    if years < 18:
        return AgeBand.ADOLESCENT.value
    if years < 40:
        return AgeBand.ADULT_18_39.value
    if years < 65:
        return AgeBand.ADULT_40_64.value
    if years < 90:
        return AgeBand.ADULT_65_89.value
    return AgeBand.ADULT_90_PLUS.value


def _choice(values: dict[str, str], key: str, enum: type, what: str) -> str | None:
    text = values.get(key)
    if not text:
        return None
    text = _SYNONYMS.get(key, {}).get(_norm(text), text)
    return validate.choice(text, enum, what)


def _case(values: dict[str, str], line: int, day_first: bool | None) -> Incoming:
    if not values.get("date"):
        from imgjournal.errors import ValidationError

        raise ValidationError("it has no date")
    day = parse_day(values["date"], bool(day_first))
    diagnoses = validate.lines(values.get("diagnosis", ""))
    procedures = validate.lines(values.get("procedure", ""))
    complaint = values.get("complaint", "")
    case = CaseFields(
        setting=_choice(values, "setting", Setting, "the setting"),
        age_band=age_band(values["age"]) if values.get("age") else None,
        sex=_choice(values, "sex", Sex, "the sex"),
        chief_complaint=complaint,
        diagnoses=diagnoses,
        procedures=procedures,
        role=_choice(values, "role", CaseRole, "the role"),
        situation=values.get("situation", ""),
        task=values.get("task", ""),
        action=values.get("action", ""),
        result=values.get("result", ""),
        lesson=values.get("lesson", ""),
    )
    title = values.get("title") or complaint or (diagnoses[0] if diagnoses else "") or "Case"
    title, _cut = short_title(title)
    tags = [t for t in re.split(r"[,;]", values.get("tags", "")) if t.strip()]
    return Incoming(
        where=f"line {line}",
        kind="case",
        entry_date=day,
        title=title,
        body=values.get("notes", ""),
        tags=tuple(tags),
        case=case,
    )
