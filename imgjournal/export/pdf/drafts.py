"""Where the study sheet gets the drafted answer to a prompt.

The answer the user practises in interview prep mode comes first; a prompt without one falls
back to the STAR-L of the linked case that has the most of it written, so a sheet printed
before any drafting still shows an answer to rehearse. This is the one place to change when
drafts gain new sources.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from imgjournal.services.dto import DraftDTO, EntryDTO, PromptDTO

STAR_L = (
    ("situation", "Situation"),
    ("task", "Task"),
    ("action", "Action"),
    ("result", "Result"),
    ("lesson", "Lesson"),
)

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


@dataclass(frozen=True)
class DraftedAnswer:
    sections: tuple[tuple[str, str], ...]  # (label, Markdown text); label may be ""
    words: int  # spoken words
    source: str = ""  # where it comes from, in words ("From the case “…”")


def drafted_answer(
    drafts: Mapping[int, DraftDTO], prompt: PromptDTO, stories: Sequence[EntryDTO]
) -> DraftedAnswer | None:
    """The drafted answer to ``prompt``, or None when there is nothing to show; ``drafts``
    holds the practice drafts by prompt id (``services.prep.practice_drafts``)."""
    return _practice_draft(drafts.get(prompt.id)) or _from_linked_case(stories)


def _practice_draft(draft: DraftDTO | None) -> DraftedAnswer | None:
    if draft is None:
        return None
    sections = split_sections(draft.body)
    if not sections:
        return None
    return DraftedAnswer(sections, draft.words, f"Your practice draft “{draft.title}”")


def split_sections(markdown: str) -> tuple[tuple[str, str], ...]:
    """A draft's Markdown as (heading, text) pairs; comments (hints) left out."""
    text = _COMMENT.sub("", markdown or "")
    out: list[tuple[str, str]] = []
    label, start = "", 0
    for m in _HEADING.finditer(text):
        body = text[start : m.start()].strip()
        if body:
            out.append((label, body))
        label, start = m.group(1).strip(), m.end()
    body = text[start:].strip()
    if body:
        out.append((label, body))
    return tuple(out)


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
    texts = ((label, getattr(best.case, attr).strip()) for attr, label in STAR_L)
    sections = tuple((label, text) for label, text in texts if text)
    words = sum(len(text.split()) for _, text in sections)
    return DraftedAnswer(sections, words, f"From the case “{best.title}”")
