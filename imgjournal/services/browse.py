"""Light queries for browsing a journal in a window: list rows, pages, counts, "on this day".

The desktop list shows tens of thousands of entries a page at a time, so it asks for
:class:`EntryRow` (no case fields, a short body preview) instead of full entries.

Everything here runs on the journal's plain sqlite3 connection (``Journal.raw()``), like the
search service: the window can show its first page before SQLAlchemy is imported.
"""

from __future__ import annotations

import calendar
import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from imgjournal.db import Journal
from imgjournal.domain import EntryKind
from imgjournal.services import search as search_service
from imgjournal.services.dto import EntryFilter
from imgjournal.services.search import make_snippet, plain, query_terms  # noqa: F401

PREVIEW_CHARS = 160
SORT_KEYS = ("date", "title")
SEARCH_PAGE = 30
MIN_TERM_CHARS = 2
_LIVE_ONLY = "e.deleted_at IS NULL"


@dataclass(frozen=True)
class EntryRow:
    """One line of the entry list: enough to show, not to edit."""

    id: int
    kind: str
    entry_date: date
    title: str
    preview: str  # the start of the body on one line, or a search snippet with highlights
    experience_id: int | None
    experience_title: str
    prompt_count: int
    in_trash: bool = False


@dataclass(frozen=True)
class JournalCounts:
    """How many live entries each sidebar view holds."""

    all: int
    by_kind: dict[str, int]
    today: int
    trash: int


# Markdown marks that would show as noise in a one-line preview (headings, emphasis, quotes).
def _one_line(text: str | None) -> str:
    return plain((text or "")[: PREVIEW_CHARS * 2])[:PREVIEW_CHARS]


_ROWS = (
    "SELECT e.id, e.kind, e.entry_date, e.title, substr(e.body, 1, ?) AS preview, "
    "e.experience_id, coalesce(x.title, '') AS experience_title, "
    "(SELECT count(*) FROM entry_prompts ep WHERE ep.entry_id = e.id) AS prompt_count, "
    "e.deleted_at IS NOT NULL AS in_trash "
    "FROM entries e LEFT JOIN experiences x ON x.id = e.experience_id"
)


def _row(r: Sequence[Any], preview: str | None = None) -> EntryRow:
    return EntryRow(
        id=r[0],
        kind=r[1],
        entry_date=date.fromisoformat(r[2]),
        title=r[3],
        preview=_one_line(r[4]) if preview is None else preview,
        experience_id=r[5],
        experience_title=r[6],
        prompt_count=r[7],
        in_trash=bool(r[8]),
    )


def _where(flt: EntryFilter, params: list[object]) -> str:
    """SQL conditions on ``e`` (entries) for ``flt``, its values appended to ``params``.

    The deleted_at index holds only the trash (migration 0005), so for live entries SQLite
    reads the entry_date index in order and stops after one page.
    """
    where = ["e.deleted_at IS NOT NULL" if flt.trashed else "e.deleted_at IS NULL"]
    if flt.kind:
        where.append("e.kind = ?")
        params.append(EntryKind.parse(flt.kind, "entry kind").value)
    if flt.experience_id is not None:
        where.append("e.experience_id = ?")
        params.append(flt.experience_id)
    if flt.prompt_id is not None:
        where.append("e.id IN (SELECT entry_id FROM entry_prompts WHERE prompt_id = ?)")
        params.append(flt.prompt_id)
    if flt.any_prompt:
        marks = ", ".join("?" * len(flt.any_prompt))
        where.append(
            # As in entries._filtered: "+" so the entry's few links are read, not probed
            # once per listed prompt.
            "EXISTS (SELECT 1 FROM entry_prompts ep WHERE ep.entry_id = e.id "
            f"AND +ep.prompt_id IN ({marks}))"
        )
        params.extend(flt.any_prompt)
    if flt.tag:
        where.append(
            "e.id IN (SELECT et.entry_id FROM entry_tags et JOIN tags t ON t.id = et.tag_id "
            "WHERE t.name = ?)"
        )
        params.append(flt.tag.strip().lstrip("#"))
    if flt.date_from:
        where.append("e.entry_date >= ?")
        params.append(flt.date_from.isoformat())
    if flt.date_to:
        where.append("e.entry_date <= ?")
        params.append(flt.date_to.isoformat())
    return " AND ".join(where)


def list_entry_rows(
    journal: Journal,
    flt: EntryFilter | None = None,
    *,
    offset: int = 0,
    limit: int = 200,
    sort: str = "date",
    descending: bool = True,
) -> list[EntryRow]:
    """One page of list rows, newest first by default; ``sort`` is "date" or "title"."""
    if sort not in SORT_KEYS:
        raise ValueError(f"sort must be one of {SORT_KEYS}, not {sort!r}")
    params: list[object] = [PREVIEW_CHARS * 2]
    where = _where(flt or EntryFilter(), params)
    keys = ("e.entry_date", "e.id") if sort == "date" else ("lower(e.title)", "e.id")
    order = ", ".join(f"{k} DESC" if descending else k for k in keys)
    sql = f"{_ROWS} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?"
    return [_row(r) for r in journal.raw().execute(sql, (*params, limit, offset))]


def entry_rows_by_id(journal: Journal, ids: Sequence[int]) -> list[EntryRow]:
    """List rows for ``ids`` in that order (ids that do not exist are left out)."""
    found: dict[int, EntryRow] = {}
    con = journal.raw()
    for start in range(0, len(ids), 500):
        chunk = [int(i) for i in ids[start : start + 500]]
        marks = ", ".join("?" * len(chunk))
        for r in con.execute(f"{_ROWS} WHERE e.id IN ({marks})", (PREVIEW_CHARS * 2, *chunk)):
            found[r[0]] = _row(r)
    return [found[i] for i in ids if i in found]


def search_terms(query: str) -> list[str]:
    """The terms of ``query`` that search uses while typing: one-letter words wait for more."""
    return [t for t in query_terms(query) if len(t) >= MIN_TERM_CHARS]


def search_rows(
    journal: Journal,
    query: str,
    flt: EntryFilter | None = None,
    *,
    limit: int = SEARCH_PAGE,
    offset: int = 0,
) -> list[EntryRow]:
    """Search-as-you-type results as list rows; ``preview`` is the highlighted snippet.

    The order is the search service's (whole words and prefixes first, ranked when specific,
    title matches then newest first when broad; then text inside words). Snippets are made
    here, for the page asked for only, from the entries' text: FTS5's snippet() costs tens of
    milliseconds per page in a large journal, more than a keystroke may take.
    """
    flt = flt or EntryFilter()
    terms = search_terms(query)
    if not terms or limit <= 0:
        return []
    found = search_service.search_ids(journal, " ".join(terms), limit=limit, offset=offset, flt=flt)
    page = [i for i, _kind, _expr in found]
    snippets = search_service.snippets(journal, " ".join(terms), found)
    rows = entry_rows_by_id(journal, page)
    return [replace(r, preview=snippets.get(r.id) or r.preview) for r in rows]


# Answered from the (kind, deleted_at) index alone (schema 0009), not the entries' rows.
KIND_COUNTS_SQL = "SELECT kind, count(*) FROM entries WHERE deleted_at IS NULL GROUP BY kind"


def journal_counts(journal: Journal, today: date | None = None) -> JournalCounts:
    today = today or date.today()
    con = journal.raw()
    by_kind = {k.value: 0 for k in EntryKind}
    for kind, n in con.execute(KIND_COUNTS_SQL):
        by_kind[kind] = n
    (n_today,) = con.execute(
        "SELECT count(*) FROM entries WHERE deleted_at IS NULL AND entry_date = ?",
        (today.isoformat(),),
    ).fetchone()
    (trash,) = con.execute("SELECT count(*) FROM entries WHERE deleted_at IS NOT NULL").fetchone()
    return JournalCounts(all=sum(by_kind.values()), by_kind=by_kind, today=n_today, trash=trash)


def on_this_day(journal: Journal, today: date | None = None, *, limit: int = 20) -> list[EntryRow]:
    """Live entries written on this month and day in earlier years, the most recent first.

    On 28 February of a common year, entries of 29 February of earlier leap years come too.
    """
    today = today or date.today()
    con = journal.raw()
    (first,) = con.execute("SELECT min(entry_date) FROM entries").fetchone()
    if first is None:
        return []
    # One equality per earlier year: the entry_date index answers each at once.
    days: list[str] = []
    leap_eve = (today.month, today.day) == (2, 28) and not calendar.isleap(today.year)
    for year in range(today.year - 1, date.fromisoformat(first).year - 1, -1):
        with contextlib.suppress(ValueError):  # 29 February in a year without it
            days.append(today.replace(year=year).isoformat())
        if leap_eve and calendar.isleap(year):
            days.append(date(year, 2, 29).isoformat())
    if not days:
        return []
    marks = ", ".join("?" * len(days))
    sql = (
        f"{_ROWS} WHERE e.deleted_at IS NULL AND e.entry_date IN ({marks}) "
        "ORDER BY e.entry_date DESC, e.id DESC LIMIT ?"
    )
    return [_row(r) for r in con.execute(sql, (PREVIEW_CHARS * 2, *days, limit))]


def entries_written_on(journal: Journal, day: date, *, limit: int = 50) -> list[EntryRow]:
    """Live entries dated ``day``, the latest created first."""
    return list_entry_rows(journal, EntryFilter(date_from=day, date_to=day), limit=limit)
