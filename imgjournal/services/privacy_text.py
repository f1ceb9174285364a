"""Which text of an entry the privacy checker reads, and how allow-list phrases compare.

Light on purpose (no database layer): the importers and their privacy count's worker
processes use it on entries read from a file before the journal is open.
:mod:`imgjournal.services.privacy` imports both from here.
"""

from __future__ import annotations

from typing import Any, Protocol

from imgjournal.fields import CASE_FIELDS, FEEDBACK_FIELDS, LIST


class HasText(Protocol):
    """An entry as the checker reads it: an EntryDTO, or an importer's Incoming."""

    title: str
    body: str
    tags: tuple[str, ...]
    case: Any
    feedback: Any


def fold(phrase: str) -> str:
    """How allow-list phrases compare: surrounding space and case ignored."""
    return " ".join(phrase.split()).casefold()


def entry_fields(entry: HasText) -> list[tuple[str, str]]:
    """(field, text) for each non-empty free-text field of ``entry``, as the editor shows it
    (diagnoses and procedures joined with "; ", tags with ", ")."""
    out: list[tuple[str, str]] = [("title", entry.title)]
    for values, kind_fields in ((entry.case, CASE_FIELDS), (entry.feedback, FEEDBACK_FIELDS)):
        if values is not None:
            for f in kind_fields:
                if f.free_text:
                    value = getattr(values, f.attr)
                    out.append((f.attr, "; ".join(value) if f.shape == LIST else value))
    out += [("body", entry.body), ("tags", ", ".join(entry.tags))]
    return [(name, text) for name, text in out if text and text.strip()]
