"""A de-identification check: flags text that looks like a HIPAA Safe Harbor identifier.

It cannot prove text is safe (names, for one, cannot be told from words reliably); it catches
the mechanical identifiers a tired writer lets slip: phone numbers, e-mail addresses, record
numbers, Social Security numbers, full dates, ages over 89, URLs, IP addresses, ZIP codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    kind: str  # what it looks like, e.g. "phone number"
    text: str  # the matching text
    start: int
    end: int

    def sentence(self) -> str:
        return f"“{self.text}” looks like {self.kind}; remove it or make it vaguer."


_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("an e-mail address", re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")),
    ("a web address", re.compile(r"\b(?:https?://|www\.)\S+", re.I)),
    ("an IP address", re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")),
    ("a Social Security number", re.compile(r"\b\d{3}-\d{2}-\d{4}\b")),
    (
        "a phone or fax number",
        re.compile(r"(?<!\w)(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b"),
    ),
    (
        "a medical record or account number",
        re.compile(
            r"\b(?:MRN|medical record|acct|account|member id|policy)\s*(?:#|no\.?|number|:)?"
            r"\s*[:#]?\s*[A-Z0-9-]{4,}\b",
            re.I,
        ),
    ),
    (
        "a full date (keep only the year)",
        re.compile(
            r"\b(?:\d{1,2}[/-]\d{1,2}[/-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}|"
            rf"{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"
            rf"\d{{1,2}}\s+{_MONTHS}\.?\s+\d{{4}})\b",
            re.I,
        ),
    ),
    (
        "an age over 89 (write 90+ instead)",
        re.compile(r"\b(?:9\d|1[0-2]\d)[\s-]*(?:y/?o|yo|years?[\s-]old|year-old)\b", re.I),
    ),
    ("a ZIP code", re.compile(r"\b(?:ZIP|zip code)\s*:?\s*\d{5}(?:-\d{4})?\b", re.I)),
    (
        "a name (use a role instead: 'the patient', 'his daughter')",
        re.compile(r"\b(?:Mr|Mrs|Ms|Miss)\.?\s+[A-Z][a-z]+"),
    ),
)


def scan(text: str) -> list[Finding]:
    """Everything in ``text`` that looks like an identifier, in order of position."""
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text or ""):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(Finding(kind, m.group(0), m.start(), m.end()))
    return sorted(found, key=lambda f: f.start)
