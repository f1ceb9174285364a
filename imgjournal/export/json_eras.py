"""The ``eras_experiences`` section of the export file: the ERAS composer's records.

A file may leave the section out (files written before the composer). Each record is checked
as the composer checks it (type, the 750 and 300 character limits by ``limits.eras_chars``,
a reflection only on a most meaningful one); the 10 and 3 limits and the references to
experiences are checked against the file and the journal together when importing
(``services.eras.check_import``). See docs/export-format.md.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from imgjournal.domain import ErasType
from imgjournal.export.json_checks import check_title, read_day, read_moment
from imgjournal.export.json_fields import (
    MAX_HOURS_PER_WEEK,
    MAX_INT,
    NOW,
    REQUIRED,
    check_body,
    check_texts,
    fail,
    field_values,
    kind_of,
    show,
)
from imgjournal.limits import (
    ERAS_DESCRIPTION_CHARS,
    ERAS_MOST_MEANINGFUL_EXTRA_CHARS,
    eras_chars,
    eras_text,
)
from imgjournal.services.eras import ErasExperienceDTO

SECTION = "eras_experiences"

ERAS_FIELDS: tuple[tuple[str, type, Any], ...] = (
    ("title", str, REQUIRED),
    ("eras_type", str, REQUIRED),
    ("organization", str, ""),
    ("position", str, ""),
    ("city", str, ""),
    ("state", str, ""),
    ("country", str, ""),
    ("start_date", str, None),
    ("end_date", str, None),
    ("hours_per_week", int, None),
    ("description", str, ""),
    ("meaningful", bool, False),
    ("reflection", str, ""),
    ("experience_ids", list, ()),
    ("sort_order", int, 0),
    ("created_at", str, NOW),
    ("updated_at", str, NOW),
)
ERAS_KEYS = frozenset({"id", *(key for key, _, _ in ERAS_FIELDS)})
_TEXTS = ("organization", "position", "city", "state", "country")
_TYPES = frozenset(ErasType.values())


def eras_record(x: ErasExperienceDTO) -> dict[str, Any]:
    def iso(value: Any) -> Any:
        return value.isoformat() if value is not None else None

    return {
        "id": x.id,
        "title": x.title,
        "eras_type": x.eras_type,
        "organization": x.organization,
        "position": x.position,
        "city": x.city,
        "state": x.state,
        "country": x.country,
        "start_date": iso(x.start_date),
        "end_date": iso(x.end_date),
        "hours_per_week": x.hours_per_week,
        "description": x.description,
        "meaningful": x.meaningful,
        "reflection": x.reflection,
        "experience_ids": list(x.experience_ids),
        "sort_order": x.sort_order,
        "created_at": iso(x.created_at),
        "updated_at": iso(x.updated_at),
    }


def read_eras(items: Any, now: datetime) -> tuple[ErasExperienceDTO, ...]:
    """The section's records, each checked; raises ImportFileError naming the first problem."""
    if type(items) is not list:
        fail(SECTION, f"must be a list, not {kind_of(items)}")
    out: list[ErasExperienceDTO] = []
    seen: dict[int, int] = {}
    for i, raw in enumerate(items):
        if type(raw) is not dict:
            fail(f"{SECTION}[{i}]", f"must be an object, not {kind_of(raw)} ({show(raw)})")
        record_id = raw.get("id")
        if type(record_id) is not int or not 0 < record_id <= MAX_INT:
            fail(f"{SECTION}[{i}]", f"id must be a whole number from 1, not {show(record_id)}")
        where = f"{SECTION}[{i}] (id {record_id})"
        if seen.setdefault(record_id, i) != i:
            fail(where, f"the id {record_id} is also used by {SECTION}[{seen[record_id]}]")
        out.append(_record(where, raw, now))
    return tuple(out)


def _record(where: str, raw: dict, now: datetime) -> ErasExperienceDTO:
    (title, kind, organization, position, city, state, country, start, end, hours,
     description, meaningful, reflection, experience_ids, order, created, updated) = (
        field_values(where, raw, ERAS_FIELDS, ERAS_KEYS)
    )  # fmt: skip
    if kind not in _TYPES:
        fail(where, f"eras_type must be one of {', '.join(sorted(_TYPES))}, not {show(kind)}")
    check_texts(where, "", _TEXTS, (organization, position, city, state, country))
    for key, text, limit in (
        ("description", description, ERAS_DESCRIPTION_CHARS),
        ("reflection", reflection, ERAS_MOST_MEANINGFUL_EXTRA_CHARS),
    ):
        check_body(where, key, text)
        if eras_chars(text) > limit:
            fail(where, f"{key} is {eras_chars(text)} characters; ERAS takes at most {limit}")
    if reflection and not meaningful:
        fail(where, "has a reflection but is not most meaningful (set meaningful to true)")
    start_date = read_day(where, "start_date", start)
    end_date = read_day(where, "end_date", end)
    if end_date is not None and (start_date is None or end_date < start_date):
        fail(where, f"end_date {end_date} is before start_date {start_date}")
    if hours is not None and not 0 < hours <= MAX_HOURS_PER_WEEK:
        fail(where, f"hours_per_week must be from 1 to {MAX_HOURS_PER_WEEK}, not {hours}")
    for x in experience_ids:
        if type(x) is not int or not 0 < x <= MAX_INT:
            fail(where, f"experience_ids must hold whole numbers from 1, not {show(x)}")
    if not -MAX_INT <= order <= MAX_INT:
        fail(where, f"sort_order {order} is too large")
    return ErasExperienceDTO(
        id=raw["id"],
        title=check_title(where, "title", title),
        eras_type=kind,
        organization=organization,
        position=position,
        city=city,
        state=state,
        country=country,
        start_date=start_date,
        end_date=end_date,
        hours_per_week=hours,
        description=eras_text(description),
        meaningful=meaningful,
        reflection=eras_text(reflection),
        experience_ids=tuple(dict.fromkeys(experience_ids)),
        sort_order=order,
        created_at=read_moment(where, "created_at", created, now),
        updated_at=read_moment(where, "updated_at", updated, now),
    )
