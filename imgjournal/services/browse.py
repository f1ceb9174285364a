"""Light queries for browsing a journal in a window: list rows, pages, counts, "on this day".

The desktop list shows tens of thousands of entries a page at a time, so it asks for
:class:`EntryRow` (no case fields, a short body preview) instead of full entries.
"""

from __future__ import annotations

import calendar
import contextlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import func, literal_column, select, text

from imgjournal.db import Journal
from imgjournal.domain import EntryKind
from imgjournal.models import Entry, Experience, Tag, entry_prompts, entry_tags
from imgjournal.services import search as search_service
from imgjournal.services.dto import EntryFilter
from imgjournal.services.entries import _filtered
from imgjournal.services.search import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    SNIPPET_TOKENS,
    _filter_sql,
    _quote,
    query_terms,
)

PREVIEW_CHARS = 160
SORT_KEYS = ("date", "title")
SEARCH_PAGE = 30
MIN_TERM_CHARS = 2
# Above this many matches, BM25 ranking costs more than a keystroke may take (it scores every
# match); such broad terms list title matches first, then the rest, each newest first.
BROAD_MATCHES = 2000
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
_MARKUP = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+\.[ \t]+)"  # heading, quote, list item
    r"|(?:(?<=^)|(?<=[\s(\[]))[*_`]{1,3}(?=\S)"  # opening emphasis or code
    r"|(?<=\S)[*_`]{1,3}(?=[\s.,;:!?)\]]|$)",  # closing emphasis or code
    re.MULTILINE,
)


def plain(text: str) -> str:
    """``text`` on one line without Markdown marks."""
    return " ".join(_MARKUP.sub("", text).split())


def _one_line(text: str | None) -> str:
    return plain((text or "")[: PREVIEW_CHARS * 2])[:PREVIEW_CHARS]


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


def _listed(stmt: Any, flt: EntryFilter) -> Any:
    """``stmt`` filtered like ``entries.list_entries``, in a way SQLite lists fast.

    For live entries the condition is written ``+deleted_at IS NULL``: the unary plus keeps
    SQLite from walking the deleted_at index (which matches nearly every row) and then sorting
    them all; it reads the entry_date index in order and stops after one page instead.
    """
    if flt.trashed:
        return _filtered(stmt, flt)
    t = Entry.__table__
    stmt = stmt.where(literal_column("+entries.deleted_at").is_(None))
    if flt.kind:
        stmt = stmt.where(t.c.kind == EntryKind.parse(flt.kind, "entry kind").value)
    if flt.experience_id is not None:
        stmt = stmt.where(t.c.experience_id == flt.experience_id)
    if flt.prompt_id is not None:
        stmt = stmt.where(
            t.c.id.in_(
                select(entry_prompts.c.entry_id).where(entry_prompts.c.prompt_id == flt.prompt_id)
            )
        )
    if flt.tag:
        stmt = stmt.where(
            t.c.id.in_(
                select(entry_tags.c.entry_id)
                .join(Tag.__table__, Tag.id == entry_tags.c.tag_id)
                .where(Tag.name == flt.tag.strip().lstrip("#"))
            )
        )
    if flt.date_from:
        stmt = stmt.where(t.c.entry_date >= flt.date_from)
    if flt.date_to:
        stmt = stmt.where(t.c.entry_date <= flt.date_to)
    return stmt


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
    stmt = _listed(_rows_stmt(), flt or EntryFilter()).order_by(*order)
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


def _live_top(conn: Any, words: str, order: str, want: int, matches: int) -> list[int]:
    """The first ``want`` matches in ``order`` that are not in the trash.

    Ranked inside the index alone (much cheaper than joining every match to ``entries``);
    the few candidates are then checked against the trash, asking for more if some were.
    """
    sql = text(
        f"SELECT rowid FROM entries_fts WHERE entries_fts MATCH :m ORDER BY {order} LIMIT :n"
    )
    n = want + 8
    while True:
        found = list(conn.execute(sql, {"m": words, "n": n}).scalars())
        if not found:
            return []
        marks = ", ".join(str(int(i)) for i in found)
        trashed = set(
            conn.execute(
                text(f"SELECT id FROM entries WHERE id IN ({marks}) AND deleted_at IS NOT NULL")
            ).scalars()
        )
        live = [i for i in found if i not in trashed]
        if len(live) >= want or len(found) < n or n >= matches:
            return live[:want]
        n *= 2


def _matching(
    conn: Any,
    match: str,
    order: str,
    where: str,
    params: dict[str, object],
    want: int,
    matches: int,
) -> list[int]:
    """Ids of entries matching ``match`` and the filter, in ``order``, at most ``want``."""
    if where == _LIVE_ONLY:
        return _live_top(conn, match, order, want, matches)
    sql = (
        "SELECT e.id FROM entries_fts JOIN entries e ON e.id = entries_fts.rowid "
        f"WHERE entries_fts MATCH :m AND {where} ORDER BY {order} LIMIT :n"
    )
    return list(conn.execute(text(sql), {**params, "m": match, "n": want}).scalars())


def _mark(m: re.Match[str]) -> str:
    return f"{HIGHLIGHT_START}{m.group(0)}{HIGHLIGHT_END}"


def make_snippet(
    texts: Sequence[str | None], terms: Sequence[str], *, whole_words: bool = True
) -> str:
    """About ``SNIPPET_TOKENS`` words around the first match in the first text that has one,
    matches wrapped in HIGHLIGHT_START/END; "" when no text matches.

    Made here rather than by FTS5's snippet(), which costs tens of milliseconds per page on a
    large journal. ``whole_words``: terms match at the start of a word (prefixes), else
    anywhere inside one (substring search).
    """
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    pattern = re.compile(
        (r"(?<!\w)(?:" + alternatives + r")\w*" if whole_words else "(?:" + alternatives + ")"),
        re.IGNORECASE,
    )
    for text_ in texts:
        if not text_:
            continue
        words = plain(text_).split()
        hit = next((i for i, w in enumerate(words) if pattern.search(w)), None)
        if hit is None:
            continue
        first = max(0, hit - 3)
        window = words[first : first + SNIPPET_TOKENS]
        marked = " ".join(
            pattern.sub(lambda m: f"{HIGHLIGHT_START}{m.group(0)}{HIGHLIGHT_END}", w)
            for w in window
        )
        head = "…" if first > 0 else ""
        tail = "…" if first + SNIPPET_TOKENS < len(words) else ""
        return f"{head}{marked}{tail}"
    return ""


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
    search_ids = getattr(search_service, "search_ids", None)
    if search_ids is not None:
        found = search_ids(journal, " ".join(terms), limit=limit, offset=offset, flt=flt)
        page = [i for i, _kind, _expr in found]
        word_ids = {i for i, kind, _expr in found if kind == "word"}
    else:  # a search service that still has its trigram index
        page, word_ids = _trigram_era_ids(journal, terms, flt, limit, offset)
    texts: dict[int, tuple[str | None, ...]] = {}
    if page:
        marks = ", ".join(str(int(i)) for i in page)
        with journal.engine.connect() as conn:
            sql = f"SELECT id, body, details, title FROM entry_search_text WHERE id IN ({marks})"
            texts = {r[0]: tuple(r[1:]) for r in conn.execute(text(sql))}
    snippets = {
        i: make_snippet(texts[i], terms, whole_words=i in word_ids) for i in page if i in texts
    }
    rows = entry_rows_by_id(journal, page)
    return [replace(r, preview=snippets.get(r.id) or r.preview) for r in rows]


def _trigram_era_ids(
    journal: Journal, terms: list[str], flt: EntryFilter, limit: int, offset: int
) -> tuple[list[int], set[int]]:
    """Ordered ids for one page, and which matched as words, over the trigram-era index."""
    words = " ".join(_quote(t) + "*" for t in terms)
    params: dict[str, object] = {}
    where = _filter_sql(flt, params)
    want = offset + limit
    with journal.engine.connect() as conn:
        # How many match, counted only up to the point where the answer no longer matters.
        matches = conn.execute(
            text(
                "SELECT count(*) FROM (SELECT rowid FROM entries_fts "
                "WHERE entries_fts MATCH :m LIMIT :cap)"
            ),
            {"m": words, "cap": BROAD_MATCHES + 1},
        ).scalar_one()
        broad = matches > BROAD_MATCHES
        order = "entries_fts.rowid DESC" if broad else "bm25(entries_fts, 10.0, 1.0, 3.0)"
        if broad:
            titles = "{title} : (" + words + ")"
            ids = _matching(conn, titles, order, where, params, want, matches)
            if len(ids) < want:
                seen = set(ids)
                rest = _matching(conn, words, order, where, params, want + len(seen), matches)
                ids += [i for i in rest if i not in seen][: want - len(ids)]
        else:
            ids = _matching(conn, words, order, where, params, want, matches)
        word_ids = set(ids)
        if len(ids) < want and all(len(t) >= 3 for t in terms):
            sub = " AND ".join(_quote(t) for t in terms)
            sql = (
                "SELECT e.id FROM entries_trigram JOIN entries e ON e.id = entries_trigram.rowid "
                f"WHERE entries_trigram MATCH :s AND {where} "
                "ORDER BY entries_trigram.rowid DESC LIMIT :n"
            )
            seen = set(ids)
            extra = conn.execute(text(sql), {**params, "s": sub, "n": want + len(seen)}).scalars()
            ids += [i for i in extra if i not in seen][: want - len(ids)]
    return ids[offset:want], word_ids


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
    with journal.session() as s:
        first = s.scalar(select(func.min(t.c.entry_date)))
        if first is None:
            return []
        # One equality per earlier year: the entry_date index answers each at once.
        days: list[date] = []
        # On 28 February of a common year, 29 February of earlier leap years is remembered too.
        leap_eve = (today.month, today.day) == (2, 28) and not calendar.isleap(today.year)
        for year in range(today.year - 1, first.year - 1, -1):
            with contextlib.suppress(ValueError):  # 29 February in a year without it
                days.append(today.replace(year=year))
            if leap_eve and calendar.isleap(year):
                days.append(date(year, 2, 29))
        if not days:
            return []
        stmt = (
            _rows_stmt()
            .where(t.c.deleted_at.is_(None), t.c.entry_date.in_(days))
            .order_by(t.c.entry_date.desc(), t.c.id.desc())
            .limit(limit)
        )
        return [_row(r) for r in s.execute(stmt)]


def entries_written_on(journal: Journal, day: date, *, limit: int = 50) -> list[EntryRow]:
    """Live entries dated ``day``, the latest created first."""
    return list_entry_rows(journal, EntryFilter(date_from=day, date_to=day), limit=limit)
