"""Where the study sheet gets the drafted answer to a prompt.

Interview prep mode (issue 4) will keep the user's own drafted answers; until it lands, the
draft is the STAR-L of the linked case that has the most of it written. When prep mode exists,
:func:`drafted_answer` asks it first and keeps this as the fallback: nothing else changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from imgjournal.db import Journal
from imgjournal.services.dto import EntryDTO, PromptDTO

STAR_L = (
    ("situation", "Situation"),
    ("task", "Task"),
    ("action", "Action"),
    ("result", "Result"),
    ("lesson", "Lesson"),
)


@dataclass(frozen=True)
class DraftedAnswer:
    parts: tuple[tuple[str, str], ...]  # (label, text) in STAR-L order, empty parts left out
    source_entry_id: int | None = None  # the case it was taken from, if any
    source: str = ""  # where it comes from, for the reader ("the case ...")

    @property
    def words(self) -> int:
        return sum(len(text.split()) for _, text in self.parts)


def drafted_answer(
    journal: Journal, prompt: PromptDTO, stories: Sequence[EntryDTO]
) -> DraftedAnswer | None:
    """The drafted answer to ``prompt``, or None when there is nothing to show."""
    return _from_linked_case(stories)


def _from_linked_case(stories: Sequence[EntryDTO]) -> DraftedAnswer | None:
    best: EntryDTO | None = None
    best_key = (0, 0)
    for e in stories:
        if e.case is None:
            continue
        filled = sum(1 for attr, _ in STAR_L if getattr(e.case, attr).strip())
        key = (filled, e.entry_date.toordinal())
        if filled and key > best_key:
            best, best_key = e, key
    if best is None or best.case is None:
        return None
    case = best.case
    parts = tuple(
        (label, getattr(case, attr).strip())
        for attr, label in STAR_L
        if getattr(case, attr).strip()
    )
    return DraftedAnswer(parts, best.id, best.title)
