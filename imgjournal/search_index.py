"""The full-text index's names, tokenizer and vocabulary helpers, as the current schema has it.

The index itself (view, FTS5 table, triggers, vocabulary table) is made by the migrations
(0001, 0003, 0004); the names and columns here are copies that
tests/core/test_search_index.py holds equal to what a freshly migrated journal's
``sqlite_master`` says.

- ``entries_fts`` (FTS5, unicode61 with diacritics folded) holds every word of
  an entry's title, body and case/feedback fields; external content over the view
  ``entry_search_text``, kept in step with ``entries`` by triggers, so the text is stored once.
- ``search_terms`` is the vocabulary of that index: every distinct word it has seen. A query
  for text inside words ("ponin") is answered by finding the words that contain it
  ("troponin", "troponins") here, then asking ``entries_fts`` for them. Words are added when
  entries are written (:func:`learn_terms`) or imported (:func:`learn_all_terms_sql`); words of
  deleted text may linger and simply match nothing.

This replaced a trigram index (revision 0003): that index was 2.5 times the size of the word
index and most of the cost of importing a journal, for matches inside single words only.
Revision 0004 dropped the 2- and 3-letter prefix indexes (60% of the cost of building the
index): search matches terms of one or two letters as whole words, and the plain index finds
the words that begin with a longer term as quickly (services/search.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from imgjournal.fields import CASE_FIELDS, FEEDBACK_FIELDS

# The case and feedback fields that search covers besides title and body: every free-text
# field of imgjournal.fields (a new one needs a migration that recreates the view and index).
DETAIL_COLUMNS = tuple(f.column for f in (*CASE_FIELDS, *FEEDBACK_FIELDS) if f.free_text)

FTS_TABLES = ("entries_fts",)
VIEW = "entry_search_text"
TERMS_TABLE = "search_terms"
TOKENIZE = "unicode61 remove_diacritics 2"


class _Run(Protocol):
    """Runs one SQL statement with ``?`` parameters (sqlite3's execute, or a wrapper)."""

    def __call__(self, sql: str, params: tuple[object, ...] = ..., /) -> object: ...


FTS5_DEFAULT_AUTOMERGE = 4  # FTS5's own default


def set_automerge_sql(table: str, value: int | None) -> str:
    """The statement that sets how eagerly ``table`` merges its segments as it grows.

    A bulk import builds the index with ``0`` (no merging while it writes, about a third
    quicker; the result has a dozen segments, which queries do not notice) and then puts
    back FTS5's default with ``None``.
    """
    merge = FTS5_DEFAULT_AUTOMERGE if value is None else int(value)
    return f"INSERT INTO {table}({table}, rank) VALUES ('automerge', {merge})"


def learn_all_terms_sql() -> list[str]:
    """Fill the vocabulary from the whole word index (after a bulk import or a rebuild)."""
    return [
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.entries_fts_vocab "
        "USING fts5vocab(main, entries_fts, 'row')",
        f"INSERT OR IGNORE INTO {TERMS_TABLE}(term) SELECT term FROM temp.entries_fts_vocab",
    ]


def learn_terms(run: _Run, texts: Iterable[str]) -> None:
    """Add the words of ``texts`` to the vocabulary, split exactly as the index splits them.

    The text goes through a scratch FTS5 table with the same tokenizer, so the words are the
    index's own, whatever the language or punctuation.
    """
    text = "\n".join(t for t in texts if t)
    if not text.strip():
        return
    run(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.scratch_words "
        f"USING fts5(t, tokenize='{TOKENIZE}')"
    )
    run(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.scratch_words_vocab "
        "USING fts5vocab(temp, scratch_words, 'row')"
    )
    run("INSERT INTO temp.scratch_words(t) VALUES (?)", (text,))
    run(f"INSERT OR IGNORE INTO main.{TERMS_TABLE}(term) SELECT term FROM temp.scratch_words_vocab")
    run("DELETE FROM temp.scratch_words")


def include_object(obj: object, name: str | None, type_: str, *_: object) -> bool:
    """For Alembic: the index tables are made by raw SQL here, not declared by the models."""
    return not (
        type_ == "table"
        and (str(name).startswith(("entries_fts", "entries_trigram")) or name == TERMS_TABLE)
    )
