"""The privacy guard's use cases: the journal's allow-list, checking entries and what leaves.

The checker itself is :mod:`imgjournal.deid` (pure text in, findings out). This module knows
the journal: which fields of an entry hold free text (:func:`entry_fields`, which with
:func:`fold` lives in the light :mod:`imgjournal.services.privacy_text`), the words the
user marked "Not an identifier" (:func:`allowed`, :func:`allow`, :func:`disallow`,
:func:`set_allowed`), findings across the journal (:func:`scan_journal`), in what a sheet or
an export would carry out (:func:`scan_gathered`, :func:`scan_entries`), and the one-time scan
of the entries written before the guard (:func:`legacy_scan_pending`, :func:`run_legacy_scan`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select

from imgjournal.db import Journal
from imgjournal.errors import ValidationError
from imgjournal.fields import FIELD_LABELS as ENTRY_FIELDS
from imgjournal.models import PrivacyAllowed, PrivacyState
from imgjournal.services.privacy_state import LEGACY_KEY, LegacyScan
from imgjournal.services.privacy_text import entry_fields, fold

if TYPE_CHECKING:
    from imgjournal.services.dto import DraftDTO, EntryDTO

MAX_PHRASE = 200

# The fields a finding can be in: an entry's (imgjournal.fields), an answer draft, a letter's
# hopes.
FIELD_LABELS: dict[str, str] = {**ENTRY_FIELDS, "draft": "Answer draft", "hopes": "Hopes"}


@dataclass(frozen=True)
class FieldFinding:
    """A finding in one field of one entry (``entry`` is None for text that is not an entry,
    such as an answer draft; then ``source`` says what it is)."""

    entry: int | None
    field: str
    kind: str
    text: str
    start: int
    end: int
    suggestion: str
    label: str
    source: str = ""

    def record(self) -> dict[str, Any]:
        """The CLI's JSON object: exactly entry, field, kind, text, start, end, suggestion."""
        return {
            "entry": self.entry,
            "field": self.field,
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "suggestion": self.suggestion,
        }


def scan_text(text: str, allow: Iterable[str] = ()) -> list[Any]:
    """The checker's findings in ``text``, leaving out the allowed phrases."""
    from imgjournal.deid import scan

    allowed = {fold(a) for a in allow if a and a.strip()}
    return [f for f in scan(text, allowed) if fold(f.text) not in allowed]


def scan_entry(entry: EntryDTO, allow: Iterable[str] = ()) -> list[FieldFinding]:
    allow = tuple(allow)
    out: list[FieldFinding] = []
    for name, text in entry_fields(entry):
        out += [_field_finding(entry.id, name, f) for f in scan_text(text, allow)]
    return out


def scan_entries(entries: Iterable[EntryDTO], allow: Iterable[str] = ()) -> list[FieldFinding]:
    allow = tuple(allow)
    out: list[FieldFinding] = []
    for e in entries:
        out += scan_entry(e, allow)
    return out


def scan_drafts(
    drafts: Iterable[DraftDTO], allow: Iterable[str] = (), *, numbered: bool = False
) -> list[FieldFinding]:
    """Findings in answer drafts; their field is ``draft`` (``draft N`` when ``numbered``)."""
    allow = tuple(allow)
    out: list[FieldFinding] = []
    for d in drafts:
        field = f"draft {d.id}" if numbered else "draft"
        for f in scan_text(d.body, allow):
            out.append(_field_finding(None, field, f, source=f"the draft “{d.title}”"))
    return out


def _field_finding(entry: int | None, name: str, f: Any, source: str = "") -> FieldFinding:
    return FieldFinding(entry, name, f.kind, f.text, f.start, f.end, f.suggestion, f.label, source)


def scan_journal(journal: Journal, *, drafts: bool = False) -> list[FieldFinding]:
    """Findings in every entry that is not in the trash, oldest entry first; with ``drafts``,
    then in every answer draft (``entry`` None, ``field`` ``draft N``)."""
    from imgjournal.services.entries import list_entries

    allow = allowed(journal)
    found = scan_entries(list_entries(journal, newest_first=False), allow)
    if drafts:
        found += scan_drafts(_all_drafts(journal), allow, numbered=True)
    return found


def scan_gathered(journal: Journal, gathered: Any) -> list[FieldFinding]:
    """Findings in what a sheet (``export.pdf.data.Gathered``) would print."""
    from imgjournal.export.pdf.data import ExperienceData, JournalData, StudyData

    allow = allowed(journal)
    data = gathered.data
    out: list[FieldFinding] = []
    seen: set[int] = set()

    def add(items: Iterable[EntryDTO]) -> None:
        fresh = [e for e in items if e.id not in seen]
        seen.update(e.id for e in fresh)
        out.extend(scan_entries(fresh, allow))

    if isinstance(data, StudyData):
        for block in data.prompts:
            add(block.stories)
            if block.draft is not None:
                for _label, text in block.draft.sections:
                    out += [
                        _field_finding(None, "draft", f, source=block.draft.source)
                        for f in scan_text(text, allow)
                    ]
    elif isinstance(data, ExperienceData):
        if data.letter is not None:  # the letter's writer is no patient, however written
            from imgjournal.services.letters import same_person

            writer = data.letter.writer_name
            allow = [*allow, writer]
            allow += [
                e.feedback.giver_name
                for e in data.feedback
                if e.feedback and same_person(e.feedback.giver_name, writer)
            ]
        add((*data.cases, *data.feedback, *data.reflections))
        out += [
            _field_finding(None, "hopes", f, source="what you hope the letter covers")
            for f in scan_text(data.hopes, allow)
        ]
    elif isinstance(data, JournalData):
        add(data.entries)
    elif hasattr(data, "privacy_findings"):  # a sheet that says what it carries (ERAS)
        out += data.privacy_findings(journal)
    elif hasattr(data, "stories"):  # the interview-day sheet
        add(data.stories)
    else:
        out += _scan_readiness(data, allow)
    return out


def _scan_readiness(data: Any, allow: Sequence[str]) -> list[FieldFinding]:
    """Findings in the journal text the readiness summary quotes (its next steps quote
    feedback words). The people it names (letter writers, feedback givers, supervisors) are
    not patient text: never flagged, nor are the dates and figures the summary works out."""
    from imgjournal.services.readiness_dto import Readiness

    r = getattr(data, "readiness", None)  # export.pdf.sheets_readiness.ReadinessData
    if not isinstance(r, Readiness):
        return []
    names = [*allow, *r.people]
    out: list[FieldFinding] = []
    for entry_id, field, text in r.quoted:
        out += [_field_finding(entry_id, field, f) for f in scan_text(text, names)]
    return out


def scan_export(journal: Journal) -> list[FieldFinding]:
    """Findings in what a JSON export carries: every entry (the trash too) and every draft."""
    from imgjournal.services.dto import EntryFilter
    from imgjournal.services.entries import list_entries

    allow = allowed(journal)
    items = list_entries(journal, newest_first=False) + list_entries(
        journal, EntryFilter(trashed=True), newest_first=False
    )
    return scan_entries(items, allow) + scan_drafts(_all_drafts(journal), allow)


def _all_drafts(journal: Journal) -> list[DraftDTO]:
    from imgjournal.models import AnswerDraft
    from imgjournal.services.convert import draft_dto

    with journal.session() as s:
        return [draft_dto(d) for d in s.scalars(select(AnswerDraft).order_by(AnswerDraft.id))]


def refusal(count: int, what: str) -> str:
    """The CLI's sentence when ``what`` would carry ``count`` findings out."""
    many = "s" if count != 1 else ""
    return (
        f"{what} would carry {count} possible patient identifier{many}; see them with "
        "`imgjournal privacy scan`, fix them, or add --allow-identifiers to go on anyway."
    )


def entry_count(findings: Sequence[FieldFinding]) -> int:
    return len({f.entry for f in findings if f.entry is not None})


# ---- the allow-list -----------------------------------------------------------------------


def allowed(journal: Journal) -> list[str]:
    """The journal's allow-list, as the user wrote the phrases, sorted without case."""
    with journal.session() as s:
        rows = s.execute(select(PrivacyAllowed.phrase, PrivacyAllowed.key)).all()
    return [phrase for phrase, _key in sorted(rows, key=lambda r: r[1])]


def _clean(phrase: str) -> str:
    clean = " ".join((phrase or "").split())
    if not clean:
        raise ValidationError("An allowed word cannot be empty; type the word or phrase.")
    if len(clean) > MAX_PHRASE:
        raise ValidationError(f"An allowed phrase is at most {MAX_PHRASE} characters; shorten it.")
    return clean


def allow(journal: Journal, phrase: str) -> list[str]:
    """Add ``phrase`` to the allow-list (once; case is ignored); returns the new list."""
    clean = _clean(phrase)
    with journal.session() as s:
        if s.scalar(select(PrivacyAllowed.id).where(PrivacyAllowed.key == fold(clean))) is None:
            s.add(PrivacyAllowed(phrase=clean, key=fold(clean)))
    return allowed(journal)


def disallow(journal: Journal, phrase: str) -> list[str]:
    """Take ``phrase`` off the allow-list (no error when it is not on it)."""
    with journal.session() as s:
        s.execute(delete(PrivacyAllowed).where(PrivacyAllowed.key == fold(phrase)))
    return allowed(journal)


def set_allowed(journal: Journal, phrases: Iterable[str]) -> list[str]:
    """Make the allow-list exactly ``phrases`` (Settings' editor saves this way)."""
    wanted: dict[str, str] = {}
    for p in phrases:
        if p and p.strip():
            clean = _clean(p)
            wanted.setdefault(fold(clean), clean)
    with journal.session() as s:
        have = {row.key: row for row in s.scalars(select(PrivacyAllowed))}
        for key, row in have.items():
            if key not in wanted:
                s.delete(row)
            elif row.phrase != wanted[key]:
                row.phrase = wanted[key]
        for key, phrase in wanted.items():
            if key not in have:
                s.add(PrivacyAllowed(phrase=phrase, key=key))
    return allowed(journal)


# ---- the one-time scan of entries written before the guard --------------------------------


def legacy_scan_pending(journal: Journal) -> bool:
    """True while the entries written before the guard have not been scanned yet."""
    with journal.session() as s:
        row = s.get(PrivacyState, LEGACY_KEY)
        return row is not None and row.value == "pending"


def summarise(found: Sequence[FieldFinding]) -> LegacyScan:
    ids = sorted({f.entry for f in found if f.entry is not None})
    return LegacyScan(len(ids), len(found), ids[0] if ids else None)


def record_legacy_scan(journal: Journal, result: LegacyScan) -> LegacyScan:
    """Remember what the one-time scan found (Today shows it until dismissed)."""
    with journal.session() as s:
        row = s.get(PrivacyState, LEGACY_KEY)
        if row is None:
            s.add(PrivacyState(key=LEGACY_KEY, value=result.value()))
        else:
            row.value = result.value()
    return result


def run_legacy_scan(journal: Journal) -> LegacyScan:
    """Scan every entry once and record the result (the CLI-free, thread-free form)."""
    return record_legacy_scan(journal, summarise(scan_journal(journal)))


def dismiss_legacy_scan(journal: Journal) -> None:
    """The user has seen the count: Today stops showing it."""
    with journal.session() as s:
        row = s.get(PrivacyState, LEGACY_KEY)
        if row is not None and row.value.startswith("{"):
            row.value = json.dumps(json.loads(row.value) | {"dismissed": True})
