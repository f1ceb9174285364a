"""Runs every detector over a text and resolves overlapping candidates into findings."""

from __future__ import annotations

import re

from imgjournal.deid import Finding

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)

_PATTERNS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("email", "[EMAIL]", re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")),
    ("url", "[URL]", re.compile(r"\b(?:https?://|www\.)\S+", re.I)),
    ("ip", "[IP]", re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")),
    ("ssn", "[SSN]", re.compile(r"\b\d{3}-\d{2}-\d{4}\b")),
    ("phone", "[PHONE]", re.compile(r"(?<!\w)(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b")),
    (
        "record",
        "[MRN]",
        re.compile(
            r"\b(?:MRN|medical record|acct|account|member id|policy)\s*(?:#|no\.?|number|:)?"
            r"\s*[:#]?\s*[A-Z0-9-]{4,}\b",
            re.I,
        ),
    ),
    (
        "date",
        "[DATE]",
        re.compile(
            r"\b(?:\d{1,2}[/-]\d{1,2}[/-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}|"
            rf"{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"
            rf"\d{{1,2}}\s+{_MONTHS}\.?\s+\d{{4}})\b",
            re.I,
        ),
    ),
    (
        "age",
        "90+",
        re.compile(r"\b(?:9\d|1[0-2]\d)[\s-]*(?:y/?o|yo|years?[\s-]old|year-old)\b", re.I),
    ),
    ("zip", "[ZIP]", re.compile(r"\b(?:ZIP|zip code)\s*:?\s*\d{5}(?:-\d{4})?\b", re.I)),
    ("name", "[NAME]", re.compile(r"\b(?:Mr|Mrs|Ms|Miss)\.?\s+[A-Z][a-z]+")),
)


def find_all(text: str) -> list[Finding]:
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for kind, suggestion, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(Finding(m.start(), m.end(), kind, m.group(0), suggestion))
    return sorted(found, key=lambda f: f.start)
