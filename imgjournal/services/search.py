"""Full-text search: whole words and prefixes first, then text inside words.

"trop" finds "troponin" through the word index's prefix search; "ponin" finds it because the
vocabulary (``search_terms``) knows the word "troponin" contains it. A term of one or two letters
matches whole words only ("MI" finds "MI", not "mild"; "Step 2" finds "Step 2", not "2024"):
as a prefix it would match most of the journal, and the index has no prefix index to make that
quick. Every term of a query must match. Entries in the trash are never returned.

Ranking is BM25 (title 10×, case/feedback fields 3×, body 1×) when a query matches up to
``RANK_LIMIT`` entries. Scoring is linear in the number of matches, so a query that matches
more ("the", "pa" in a 50,000-entry journal) lists title matches first, then the rest, newest
first: fast, and as useful as a relevance order over half the journal would be.

Search runs on the journal's plain sqlite3 connection, so a command-line search never imports
SQLAlchemy (start-up time is most of a one-shot search).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date

from imgjournal import sqlite
from imgjournal.db import Journal
from imgjournal.domain import EntryKind
from imgjournal.search_index import TERMS_TABLE, VIEW
from imgjournal.services import validate
from imgjournal.services.dto import EntryFilter, SearchHit

HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"
SNIPPET_TOKENS = 12  # words in a snippet
SNIPPET_WORD_CHARS = 40  # a longer "word" (a URL, a pasted blob) is cut around its match
SNIPPET_SCAN_CHARS = 200_000  # of each text, looked at for the first match (bodies go to 1 MB)
RANK_LIMIT = 3000  # matches; above this, title matches then newest first
MAX_EXPANSION = 300  # words that may stand for one fragment inside words
MIN_FRAGMENT = 3  # letters a term needs before it is looked for inside words
MIN_PREFIX = 3  # letters a term needs before it also matches the words it begins
BM25 = "bm25(entries_fts, 10.0, 1.0, 3.0)"
_LIVE_ONLY = "e.deleted_at IS NULL"

_TERM = re.compile(r"[^\s\"]+")
# Characters the tokenizer treats as separators; a term made only of them finds nothing.
_WORDLIKE = re.compile(r"\w", re.UNICODE)


def query_terms(query: str) -> list[str]:
    """The terms of a user's query, FTS syntax stripped (quotes, operators are plain text)."""
    return [t for t in _TERM.findall(query or "") if _WORDLIKE.search(t)]


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def is_prefix(term: str) -> bool:
    """Whether ``term`` also matches the words it begins (else only itself, a whole word)."""
    return len(term) >= MIN_PREFIX


def word_match(terms: Sequence[str]) -> str:
    """The MATCH expression for whole words and prefixes: every term, each one a prefix
    when it is long enough (:func:`is_prefix`)."""
    return " ".join(_quote(t) + ("*" if is_prefix(t) else "") for t in terms)


def _fold(term: str) -> str:
    """A term as the index stores words: lower case, diacritics removed."""
    if term.isascii():
        return term.lower()
    decomposed = unicodedata.normalize("NFKD", term.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _filter_sql(flt: EntryFilter, params: dict[str, object]) -> str:
    where = [_LIVE_ONLY]
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


def _ordered_ids(
    con: sqlite.Connection, match: str, order: str, flt: EntryFilter, want: int
) -> list[int]:
    """Ids of live entries matching ``match`` and ``flt`` in ``order``, at most ``want``."""
    params: dict[str, object] = {"m": match, "n": want}
    where = _filter_sql(flt, params)
    if where == _LIVE_ONLY:
        # Order inside the index alone (joining every match costs as much as ranking it),
        # then drop the entries in the trash.
        trashed = {i for (i,) in con.execute("SELECT id FROM entries WHERE deleted_at IS NOT NULL")}
        params["n"] = want + len(trashed)
        sql = f"SELECT rowid FROM entries_fts WHERE entries_fts MATCH :m ORDER BY {order} LIMIT :n"
        return [i for (i,) in con.execute(sql, params) if i not in trashed][:want]
    sql = (
        "SELECT e.id FROM entries_fts JOIN entries e ON e.id = entries_fts.rowid "
        f"WHERE entries_fts MATCH :m AND {where} ORDER BY {order} LIMIT :n"
    )
    return [i for (i,) in con.execute(sql, params)]


def _matching_ids(con: sqlite.Connection, match: str, flt: EntryFilter, want: int) -> list[int]:
    """Best first: BM25 for specific queries; title matches then newest for broad ones."""
    (count,) = con.execute(
        "SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ?", (match,)
    ).fetchone()
    if count == 0:
        return []
    if count <= RANK_LIMIT:
        return _ordered_ids(con, match, BM25, flt, want)
    ids = _ordered_ids(con, f"title : ({match})", "entries_fts.rowid DESC", flt, want)
    if len(ids) < want:
        seen = set(ids)
        rest = _ordered_ids(con, match, "entries_fts.rowid DESC", flt, want + len(seen))
        ids += [i for i in rest if i not in seen][: want - len(ids)]
    return ids


def _inside_words(con: sqlite.Connection, terms: list[str]) -> str | None:
    """A MATCH expression for words that contain each term, or None if some term is in none."""
    groups = []
    for term in terms:
        pattern = "%" + _fold(term).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        words = [
            w
            for (w,) in con.execute(
                f"SELECT term FROM {TERMS_TABLE} WHERE term LIKE ? ESCAPE '\\' LIMIT ?",
                (pattern + "%", MAX_EXPANSION),
            )
        ]
        if not words:
            return None
        groups.append("(" + " OR ".join(_quote(w) for w in words) + ")")
    return " AND ".join(groups)


def search_ids(
    journal: Journal,
    query: str,
    *,
    limit: int = 50,
    offset: int = 0,
    flt: EntryFilter | None = None,
) -> list[tuple[int, str, str]]:
    """``(entry id, "word" or "substring", match expression)`` best first, for one page.

    Word and prefix matches come first; entries where every term of three or more letters
    occurs inside a word follow.
    """
    flt = flt or EntryFilter()
    terms = query_terms(validate.query(query))
    if not terms or limit <= 0:
        return []
    con = journal.raw()
    want = offset + limit
    words = word_match(terms)
    found = [(i, "word", words) for i in _matching_ids(con, words, flt, want)]
    if len(found) < want and all(len(t) >= MIN_FRAGMENT for t in terms):
        inside = _inside_words(con, terms)
        if inside is not None:
            seen = {i for i, _, _ in found}
            more = _matching_ids(con, inside, flt, want + len(seen))
            found += [(i, "substring", inside) for i in more if i not in seen][: want - len(found)]
    return found[offset:want]


_MARKUP = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+\.[ \t]+)"  # heading, quote, list item
    r"|(?:(?<=^)|(?<=[\s(\[]))[*_`]{1,3}(?=\S)"  # opening emphasis or code
    r"|(?<=\S)[*_`]{1,3}(?=[\s.,;:!?)\]]|$)",  # closing emphasis or code
    re.MULTILINE,
)


def plain(text: str) -> str:
    """``text`` on one line without Markdown marks."""
    return " ".join(_MARKUP.sub("", text).split())


def make_snippet(
    texts: Sequence[str | None], terms: Sequence[str], *, whole_words: bool = True
) -> str:
    """About ``SNIPPET_TOKENS`` words around the first match in the first text that has one,
    matches between HIGHLIGHT_START and HIGHLIGHT_END; "" when no text matches.

    Made in Python from the entry's own text, Markdown marks removed: FTS5's snippet()
    re-reads every posting of each term, tens of milliseconds per entry for common words.
    ``whole_words``: terms match as :func:`word_match` has them (at the start of a word, or
    the whole word for short terms), else anywhere inside a word. Matching ignores case and
    accents, as the index does.
    """

    def alternatives(group: Sequence[str]) -> str:
        return "|".join(re.escape(_fold(t)) for t in sorted(group, key=len, reverse=True))

    if whole_words:
        parts = []
        prefixes = [t for t in terms if is_prefix(t)]
        words = [t for t in terms if not is_prefix(t)]
        if prefixes:
            parts.append(r"(?<!\w)(?:" + alternatives(prefixes) + r")\w*")
        if words:
            parts.append(r"(?<!\w)(?:" + alternatives(words) + r")(?!\w)")
        pattern = re.compile("|".join(parts))
    else:
        pattern = re.compile("(?:" + alternatives(terms) + ")")

    def mark(word: str) -> str:
        if len(word) > SNIPPET_WORD_CHARS:
            word = clip(word)
        folded = _fold(word)
        if len(folded) != len(word):  # accents changed the length: mark the whole word
            return f"{HIGHLIGHT_START}{word}{HIGHLIGHT_END}" if pattern.search(folded) else word
        out, pos = [], 0
        for m in pattern.finditer(folded):
            out += [
                word[pos : m.start()],
                HIGHLIGHT_START,
                word[m.start() : m.end()],
                HIGHLIGHT_END,
            ]
            pos = m.end()
        return "".join(out) + word[pos:]

    def clip(word: str) -> str:
        """A long word cut to about SNIPPET_WORD_CHARS characters around its first match."""
        folded = _fold(word)
        m = pattern.search(folded) if len(folded) == len(word) else None
        # (When accents changed the length, the match's place is not the word's: cut the head.)
        start = 0 if m is None else max(0, min(m.start() - 10, len(word) - SNIPPET_WORD_CHARS))
        end = start + SNIPPET_WORD_CHARS
        return ("…" if start else "") + word[start:end] + ("…" if end < len(word) else "")

    for text in texts:
        if not text:
            continue
        # A match is looked for in the first SNIPPET_SCAN_CHARS characters (bodies reach
        # 1 MB; an entry matched further on gets no snippet rather than a slow one).
        words = plain(text[:SNIPPET_SCAN_CHARS]).split()
        hit = next((i for i, w in enumerate(words) if pattern.search(_fold(w))), None)
        if hit is None:
            continue
        first = max(0, hit - 3)
        window = words[first : first + SNIPPET_TOKENS]
        head = "…" if first > 0 else ""
        tail = "…" if first + SNIPPET_TOKENS < len(words) else ""
        return head + " ".join(mark(w) for w in window) + tail
    return ""


def snippets(journal: Journal, query: str, matches: list[tuple[int, str, str]]) -> dict[int, str]:
    """The best passage of each matched entry, the matched words between the highlight marks."""
    if not matches:
        return {}
    terms = query_terms(query)
    ids = [i for i, _, _ in matches]
    texts = {
        i: (body, details, title)
        for i, title, body, details in journal.raw().execute(
            f"SELECT id, title, body, details FROM {VIEW} "
            f"WHERE id IN ({', '.join('?' * len(ids))})",
            ids,
        )
    }
    return {
        entry_id: make_snippet(texts.get(entry_id, ()), terms, whole_words=kind == "word")
        for entry_id, kind, _expr in matches
    }


def search(
    journal: Journal,
    query: str,
    *,
    limit: int = 50,
    offset: int = 0,
    flt: EntryFilter | None = None,
) -> list[SearchHit]:
    """Entries matching every term of ``query``, best first, with a highlighted snippet."""
    matches = search_ids(journal, query, limit=limit, offset=offset, flt=flt)
    if not matches:
        return []
    ids = [i for i, _, _ in matches]
    rows = {
        r[0]: r
        for r in journal.raw().execute(
            "SELECT id, kind, entry_date, title FROM entries "
            f"WHERE id IN ({', '.join('?' * len(ids))})",
            ids,
        )
    }
    snips = snippets(journal, query, matches)
    hits = []
    for rank, (entry_id, kind, _expr) in enumerate(matches):
        _, entry_kind, entry_date, title = rows[entry_id]
        hits.append(
            SearchHit(
                entry_id,
                entry_kind,
                date.fromisoformat(entry_date),
                title,
                snips.get(entry_id, ""),
                kind,
                float(offset + rank),
            )
        )
    return hits


def plain_snippet(snippet: str, start: str = "[", end: str = "]") -> str:
    """A snippet with its highlight markers replaced (for the command line)."""
    return " ".join(snippet.replace(HIGHLIGHT_START, start).replace(HIGHLIGHT_END, end).split())
