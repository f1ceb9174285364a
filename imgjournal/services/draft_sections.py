"""A drafted answer's STAR-L sections, as the answer editor shows them.

A draft is stored as one Markdown text (``answer_drafts.body``) with a ``## Situation`` …
``## Lesson`` heading per section, which is what ``prep_text.empty_outline`` and
``prefill_from_case`` write, what the practice reveal renders and what JSON export carries. The
editor shows one box per section, like a case's STAR-L fields (labels from
:data:`imgjournal.fields.STORY_FIELDS`): :func:`split_draft` reads the text into the boxes and
:func:`join_draft` writes them back. Nothing is lost: text before the first section (or a draft
with no sections at all) is kept as notes, hint comments of sections left empty are kept, and
headings the editor does not know stay inside the section they follow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from imgjournal.fields import STORY_FIELDS

# (attribute, label): the sections in order, named as a case's STAR-L fields are.
SECTIONS: tuple[tuple[str, str], ...] = tuple((f.attr, f.label) for f in STORY_FIELDS)
HINTS: dict[str, str] = {f.attr: f.hint for f in STORY_FIELDS}
_BY_LABEL = {label.lower(): attr for attr, label in SECTIONS}
_HEADING = re.compile(
    r"^\s{0,3}#{1,6}\s*(" + "|".join(label for _, label in SECTIONS) + r")\s*:?\s*#*\s*$",
    re.IGNORECASE,
)
_ONLY_COMMENTS = re.compile(r"^(\s*<!--.*?-->\s*)*$", re.DOTALL)


@dataclass(frozen=True)
class DraftParts:
    """A draft's text by section. ``texts`` are what the boxes show ("" for a section that is
    empty or holds only its hint comment); ``hints`` keep those comments."""

    lead: str  # comments before the first section (e.g. "From the case …"), kept, not shown
    notes: str  # text outside the sections (all of a draft that has none)
    texts: dict[str, str]
    hints: dict[str, str]
    structured: bool  # the draft has STAR-L sections (headings) or text in one

    def with_texts(self, notes: str, texts: dict[str, str]) -> DraftParts:
        structured = self.structured or any(t.strip() for t in texts.values())
        return replace(self, notes=notes, texts=dict(texts), structured=structured)


def _is_comment(text: str) -> bool:
    return bool(text.strip()) and bool(_ONLY_COMMENTS.match(text))


def split_draft(body: str) -> DraftParts:
    """The sections of ``body`` (a draft's Markdown)."""
    before: list[str] = []
    found: dict[str, list[str]] = {}
    current: list[str] = before
    for line in (body or "").splitlines():
        m = _HEADING.match(line)
        if m and _BY_LABEL[m.group(1).lower()] not in found:
            current = found.setdefault(_BY_LABEL[m.group(1).lower()], [])
            continue
        current.append(line)
    preamble = "\n".join(before).strip()
    lead, notes = (preamble, "") if _is_comment(preamble) else ("", preamble)
    texts: dict[str, str] = {}
    hints: dict[str, str] = {}
    for attr, _label in SECTIONS:
        text = "\n".join(found.get(attr, [])).strip()
        if _is_comment(text):
            hints[attr] = text
            text = ""
        texts[attr] = text
    return DraftParts(lead, notes, texts, hints, structured=bool(found))


def join_draft(parts: DraftParts) -> str:
    """The Markdown of ``parts``: a draft with no sections stays its notes, as it was typed;
    otherwise the notes, then each section under its heading (an empty one with its hint)."""
    if not parts.structured:
        return parts.notes
    out = [p for p in (parts.lead, parts.notes.strip()) if p]
    for attr, label in SECTIONS:
        text = parts.texts.get(attr, "").strip()
        body = text or parts.hints.get(attr) or f"<!-- {HINTS[attr]} -->"
        out.append(f"## {label}\n\n{body}")
    return "\n\n".join(out) + "\n"
