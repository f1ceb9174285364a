"""The offline identifier checker: finds text that looks like a HIPAA Safe Harbor identifier.

``scan(text)`` returns :class:`Finding` objects, sorted by position and never overlapping, each
with the kind of identifier (a short stable key from :data:`KINDS`) and a suggested
replacement for its span ("[NAME]", a date cut to its year, an age as "90+", a place cut to
its state). It cannot prove a text safe; it is built to catch what a tired writer lets slip.

The data (name lists, the place gazetteer, the stop lists) load on the first call, not on
import. See docs/privacy.md for what is checked, how, and how well.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

#: kind key -> the human phrase for it ("a phone number"); the keys are stable.
KINDS: dict[str, str] = {
    "name": "a name",
    "date": "a date",
    "age": "an age over 89",
    "phone": "a phone number",
    "fax": "a fax number",
    "email": "an e-mail address",
    "ssn": "a Social Security number",
    "record": "a medical record number",
    "plan": "a health plan number",
    "account": "an account number",
    "licence": "a licence or certificate number",
    "vehicle": "a vehicle identifier",
    "device": "a device identifier",
    "url": "a web address",
    "ip": "an IP address",
    "address": "a street address",
    "zip": "a ZIP code",
    "place": "a town, city or county",
    "facility": "a facility name",
}


@dataclass(frozen=True)
class Finding:
    """One span of ``text`` that looks like an identifier."""

    start: int
    end: int
    kind: str  # a key of KINDS
    text: str  # the matching text (text[start:end] of the scanned string)
    suggestion: str  # what to write instead, e.g. "[NAME]", "2026", "90+", "[CITY], OH"

    @property
    def label(self) -> str:
        """The human phrase for the kind, e.g. "a phone number"."""
        return KINDS.get(self.kind, "an identifier")

    def sentence(self) -> str:
        return (
            f"“{self.text}” looks like {self.label}; "
            f"replace it with “{self.suggestion}” or remove it."
        )


def scan(text: str, allow: Iterable[str] = ()) -> list[Finding]:
    """Everything in ``text`` that looks like an identifier, sorted by start, non-overlapping.

    ``allow`` holds words or phrases the user marked "Not an identifier": a finding whose text
    equals one of them (ignoring case and surrounding space) is not reported.
    """
    if not text:
        return []
    from imgjournal.deid.engine import find_all

    allowed = {a.strip().casefold() for a in allow if a and a.strip()}
    found = find_all(text)
    if allowed:
        found = [f for f in found if f.text.strip().casefold() not in allowed]
    return found


__all__ = ["KINDS", "Finding", "scan"]
