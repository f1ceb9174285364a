"""Light queries for browsing a journal in a window: list rows, pages, counts, "on this day".

The desktop list shows tens of thousands of entries a page at a time, so it asks for
:class:`EntryRow` (no case fields, a short body preview) instead of full entries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from imgjournal.db import Journal
from imgjournal.domain import EntryKind
from imgjournal.models import Entry, Experience, entry_prompts
from imgjournal.services.dto import EntryFilter
from imgjournal.services.entries import _filtered
from imgjournal.services.search import search

PREVIEW_CHARS = 160
SORT_KEYS = ("date", "title")


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


def _one_line(text: str | None) -> str:
    return " ".join((text or "")[: PREVIEW_CHARS * 2].split())[:PREVIEW_CHARS]


def _rows_stmt() -> Any:
    t = Entry.__table__
    x = Experience.__table__
    n_prompts = (
        select(func.count())
        .select_from(entry_prompts)
        .where(entry_prompts.c.entry_id == t.c.id)
        .scalar_subquery()
    )
    return select(
        t.c.id,
        t.c.kind,
        t.c.entry_date,
        t.c.title,
        func.substr(t.c.body, 1, PREVIEW_CHARS * 2).label("preview"),
        t.c.experience_id,
        func.coalesce(x.c.title, "").label("experience_title"),
        n_prompts.label("prompt_count"),
        t.c.deleted_at,
    ).select_from(t.outerjoin(x, x.c.id == t.c.experience_id))


def _row(r: Any, preview: str | None = None) -> EntryRow:
    return EntryRow(
        id=r.id,
        kind=r.kind,
        entry_date=r.entry_date,
        title=r.title,
        preview=_one_line(r.preview) if preview is None else preview,
        experience_id=r.experience_id,
        experience_title=r.experience_title,
        prompt_count=r.prompt_count,
        in_trash=r.deleted_at is not None,
    )


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
    t = Entry.__table__
    if sort == "date":
        keys = [t.c.entry_date, t.c.id]
    else:
        keys = [func.lower(t.c.title), t.c.id]
    order = [k.desc() for k in keys] if descending else keys
    stmt = _filtered(_rows_stmt(), flt or EntryFilter()).order_by(*order)
    stmt = stmt.offset(offset).limit(limit)
    with journal.session() as s:
        return [_row(r) for r in s.execute(stmt)]


def entry_rows_by_id(journal: Journal, ids: Sequence[int]) -> list[EntryRow]:
    """List rows for ``ids`` in that order (ids that do not exist are left out)."""
    t = Entry.__table__
    found: dict[int, EntryRow] = {}
    with journal.session() as s:
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            for r in s.execute(_rows_stmt().where(t.c.id.in_(chunk))):
                found[r.id] = _row(r)
    return [found[i] for i in ids if i in found]


def search_rows(
    journal: Journal, query: str, flt: EntryFilter | None = None, *, limit: int = 200
) -> list[EntryRow]:
    """Search results as list rows, best first; ``preview`` is the highlighted snippet."""
    hits = search(journal, query, limit=limit, flt=flt)
    rows = {r.id: r for r in entry_rows_by_id(journal, [h.entry_id for h in hits])}
    out = []
    for h in hits:
        row = rows.get(h.entry_id)
        if row is not None:
            out.append(
                EntryRow(
                    id=row.id,
                    kind=row.kind,
                    entry_date=row.entry_date,
                    title=row.title,
                    preview=h.snippet,
                    experience_id=row.experience_id,
                    experience_title=row.experience_title,
                    prompt_count=row.prompt_count,
                )
            )
    return out


def journal_counts(journal: Journal, today: date | None = None) -> JournalCounts:
    today = today or date.today()
    t = Entry.__table__
    with journal.session() as s:
        by_kind = {k.value: 0 for k in EntryKind}
        for kind, n in s.execute(
            select(t.c.kind, func.count()).where(t.c.deleted_at.is_(None)).group_by(t.c.kind)
        ):
            by_kind[kind] = n
        n_today = s.scalar(
            select(func.count())
            .select_from(t)
            .where(t.c.deleted_at.is_(None), t.c.entry_date == today)
        )
        trash = s.scalar(select(func.count()).select_from(t).where(t.c.deleted_at.is_not(None)))
    return JournalCounts(all=sum(by_kind.values()), by_kind=by_kind, today=n_today, trash=trash)


def on_this_day(journal: Journal, today: date | None = None, *, limit: int = 20) -> list[EntryRow]:
    """Live entries written on this month and day in earlier years, the most recent first.

    On 28 February of a non-leap year, entries of 29 February are included too.
    """
    today = today or date.today()
    t = Entry.__table__
    days = [today.strftime("%m-%d")]
    if today.month == 2 and today.day == 28 and (today + timedelta(days=1)).month == 3:
        days.append("02-29")
    stmt = (
        _rows_stmt()
        .where(
            t.c.deleted_at.is_(None),
            t.c.entry_date < date(today.year, 1, 1),
            func.strftime("%m-%d", t.c.entry_date).in_(days),
        )
        .order_by(t.c.entry_date.desc(), t.c.id.desc())
        .limit(limit)
    )
    with journal.session() as s:
        return [_row(r) for r in s.execute(stmt)]


def entries_written_on(journal: Journal, day: date, *, limit: int = 50) -> list[EntryRow]:
    """Live entries dated ``day``, the latest created first."""
    return list_entry_rows(journal, EntryFilter(date_from=day, date_to=day), limit=limit)
