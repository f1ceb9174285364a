"""Full-text search: whole words and prefixes first (ranked), then substrings.

"trop" finds "troponin" through the prefix index; "ponin" finds it through the trigram index.
Entries in the trash are never returned.

Search runs on the journal's plain sqlite3 connection, so a command-line search never imports
SQLAlchemy (start-up time is most of a one-shot search).
"""

from __future__ import annotations

import re
from datetime import date

from imgjournal.db import Journal
from imgjournal.domain import EntryKind
from imgjournal.services.dto import EntryFilter, SearchHit

HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"
SNIPPET_TOKENS = 12

_TERM = re.compile(r"[^\s\"]+")
# Characters the unicode61 tokenizer treats as separators; a term made only of them finds nothing.
_WORDLIKE = re.compile(r"\w", re.UNICODE)


def query_terms(query: str) -> list[str]:
    """The terms of a user's query, FTS syntax stripped (quotes, operators are plain text)."""
    return [t for t in _TERM.findall(query or "") if _WORDLIKE.search(t)]


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _filter_sql(flt: EntryFilter, params: dict[str, object]) -> str:
    where = ["e.deleted_at IS NULL"]
    if flt.kind:
        params["kind"] = EntryKind.parse(flt.kind, "entry kind").value
        where.append("e.kind = :kind")
    if flt.experience_id is not None:
        params["experience_id"] = flt.experience_id
        where.append("e.experience_id = :experience_id")
    if flt.prompt_id is not None:
        params["prompt_id"] = flt.prompt_id
        where.append("e.id IN (SELECT entry_id FROM entry_prompts WHERE prompt_id = :prompt_id)")
    if flt.tag:
        params["tag"] = flt.tag.strip().lstrip("#")
        where.append(
            "e.id IN (SELECT et.entry_id FROM entry_tags et JOIN tags t ON t.id = et.tag_id "
            "WHERE t.name = :tag)"
        )
    if flt.date_from:
        params["date_from"] = flt.date_from.isoformat()
        where.append("e.entry_date >= :date_from")
    if flt.date_to:
        params["date_to"] = flt.date_to.isoformat()
        where.append("e.entry_date <= :date_to")
    return " AND ".join(where)


def _run(
    journal: Journal,
    table: str,
    match: str,
    flt: EntryFilter,
    limit: int,
    exclude: set[int],
    match_kind: str,
) -> list[SearchHit]:
    params: dict[str, object] = {"match": match, "limit": limit + len(exclude)}
    where = _filter_sql(flt, params)
    params["hs"], params["he"] = HIGHLIGHT_START, HIGHLIGHT_END
    # Title counts most, then the case/feedback fields, then the body.
    sql = (
        f"SELECT e.id, e.kind, e.entry_date, e.title, "
        f"snippet({table}, -1, :hs, :he, '…', {SNIPPET_TOKENS}), "
        f"bm25({table}, 10.0, 1.0, 3.0) AS score "
        f"FROM {table} JOIN entries e ON e.id = {table}.rowid "
        f"WHERE {table} MATCH :match AND {where} "
        f"ORDER BY score LIMIT :limit"
    )
    hits = []
    for entry_id, kind, entry_date, title, snip, score in journal.raw().execute(sql, params):
        if entry_id in exclude:
            continue
        snip = " ".join((snip or "").split())
        hits.append(
            SearchHit(
                entry_id, kind, date.fromisoformat(entry_date), title, snip, match_kind, score
            )
        )
        if len(hits) >= limit:
            break
    return hits


def search(
    journal: Journal, query: str, *, limit: int = 50, flt: EntryFilter | None = None
) -> list[SearchHit]:
    """Entries matching every term of ``query``, best first.

    Word and prefix matches come first, ranked by BM25; if they are fewer than ``limit``,
    entries where each term of three or more letters occurs inside a word follow.
    """
    flt = flt or EntryFilter()
    terms = query_terms(query)
    if not terms or limit <= 0:
        return []
    words = " ".join(_quote(t) + "*" for t in terms)
    hits = _run(journal, "entries_fts", words, flt, limit, set(), "word")
    if len(hits) < limit:
        long_terms = [t for t in terms if len(t) >= 3]
        # Every term must still match somewhere: short terms cannot use the trigram index.
        if long_terms and len(long_terms) == len(terms):
            sub = " AND ".join(_quote(t) for t in long_terms)
            seen = {h.entry_id for h in hits}
            hits += _run(journal, "entries_trigram", sub, flt, limit - len(hits), seen, "substring")
    return hits


def plain_snippet(snippet: str, start: str = "[", end: str = "]") -> str:
    """A snippet with its highlight markers replaced (for the command line)."""
    return " ".join(snippet.replace(HIGHLIGHT_START, start).replace(HIGHLIGHT_END, end).split())
