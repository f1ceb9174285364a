"""Export records straight from stored entry rows: the fast path of a whole-journal export.

:func:`entry_records` gives exactly what :func:`imgjournal.export.records.entry_record` gives
for each entry's DTO (tests/core/test_export_fast.py holds them equal), from the plain rows of
:func:`imgjournal.services.snapshot.read_export`, without building 50,000 DTOs first.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from imgjournal.fields import CASE_FIELDS, CHOICE, FEEDBACK_FIELDS, FLAG, LIST, TEXT, Field
from imgjournal.services.snapshot import (
    CASE_SLICE,
    FEEDBACK_SLICE,
    HEAD_COLUMNS,
    EntryTable,
)


def stored_moment(text: str | None) -> str | None:
    """A stored UTC time (``...T12:00:00.000000+00:00``) as :func:`entry_record` writes it.

    That is ``datetime.isoformat()``: the same text, without a zero fraction of a second.
    """
    if text is None:
        return None
    if len(text) == 32 and text.endswith("+00:00"):
        return text[:19] + "+00:00" if text[19:26] == ".000000" else text
    return datetime.fromisoformat(text).isoformat()  # written some other way: normalise


# How a stored value (at ``{0}`` in the row) becomes the record's, by the field's shape.
_FROM_STORED = {
    TEXT: '{0} or ""',
    LIST: '{0}.split("\\n") if {0} else []',
    CHOICE: "{0}",
    FLAG: "bool({0})",
}


def _record_maker(name: str, table: tuple[Field, ...], where: slice) -> Any:
    """A function of a stored row that gives the record of one kind's fields (at ``where`` in
    the row), with its keys in sorted order.

    It is written out from the field table once, at import, as a dict display (the way
    dataclasses writes ``__init__``): built field by field in a loop, a case's record took
    three times as long, a tenth of a 50,000-entry export.
    """
    items = ", ".join(
        f"{f.json_key!r}: " + _FROM_STORED[f.shape].format(f"row[{where.start + i}]")
        for i, f in sorted(enumerate(table), key=lambda item: item[1].json_key)
    )
    namespace: dict[str, Any] = {}
    exec(f"def {name}(row):\n    return {{{items}}}\n", namespace)  # the table's text only
    return namespace[name]


_case_record = _record_maker("_case_record", CASE_FIELDS, CASE_SLICE)
_feedback_record = _record_maker("_feedback_record", FEEDBACK_FIELDS, FEEDBACK_SLICE)
if len(HEAD_COLUMNS) != 9:  # pragma: no cover - a developer's mistake
    raise ImportError("entry_rows.entry_records no longer matches snapshot.HEAD_COLUMNS")


def entry_records(table: EntryTable) -> Iterator[dict[str, Any]]:
    """Each entry's export record, in id order, with its keys (and its case's and feedback's)
    inserted in sorted order, so that the encoder needs no ``sort_keys``."""
    none: list = []
    links_p, links_t = table.prompt_ids, table.tags
    moment = stored_moment
    case_record, feedback_record = _case_record, _feedback_record
    for row in table.rows:
        entry_id, kind, title, day, body, experience_id, created, updated, deleted = row[:9]
        rec: dict[str, Any] = {"body": body or ""}
        if kind == "case":
            rec["case"] = case_record(row)
        rec["created_at"] = moment(created)
        rec["date"] = day
        rec["deleted_at"] = moment(deleted)
        rec["experience_id"] = experience_id
        if kind == "feedback":
            rec["feedback"] = feedback_record(row)
        rec["id"] = entry_id
        rec["kind"] = kind
        rec["prompt_ids"] = links_p.get(entry_id, none)
        rec["tags"] = links_t.get(entry_id, none)
        rec["title"] = title
        rec["updated_at"] = moment(updated)
        yield rec
