"""Runs every detector over a text and resolves overlapping candidates into findings.

Where two candidates overlap, the kind with the more certain shape wins (an e-mail address over
a name inside it, a street address over the name of its street), then the longer span.
"""

from __future__ import annotations

import bisect
import re

from imgjournal.deid import Finding, geo, names, patterns, vocab
from imgjournal.deid.data import lexicon

_PRIORITY = {
    k: i
    for i, k in enumerate(
        [
            "email",
            "url",
            "ip",
            "ssn",
            "vehicle",
            "device",
            "record",
            "plan",
            "account",
            "licence",
            "date",
            "phone",
            "fax",
            "age",
            "address",
            "zip",
            "facility",
            "place",
            "name",
        ]
    )
}
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z\"“(]|\s*$)|\n")
_FIRST_PERSON = re.compile(r"(?i)\b(?:I|I'm|I've|my|me|we|our|us)\b")
_PATIENT_WORDS = re.compile(
    r"(?i)\b(?:patient|patients|pt|he|she|him|her|his|hers|they|them|their|man|woman|boy|girl"
    r"|baby|infant|child|gentleman|lady|mother|father|daughter|son|wife|husband|mr|mrs|ms"
    r"|dob|born|birth|birthday|died|death|admitted|discharged|presented|transferred|brought"
    r"|referred|readmitted|deceased|expired)\b"
)
_TIES = frozenset(vocab.PATIENT_TIES)


class _Sentences:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]

    def around(self, pos: int) -> str:
        i = bisect.bisect_right(self.starts, pos) - 1
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[i] : end]


def _own_date(sentence: str) -> bool:
    """A date in a sentence about the writer alone ("my rotation began on 3 March")."""
    return bool(_FIRST_PERSON.search(sentence)) and not _PATIENT_WORDS.search(sentence)


def _tied(sentence: str) -> bool:
    return any(w in _TIES for w in re.findall(r"[a-z]+", sentence.lower()))


def _lower(text: str) -> str:
    """``text`` in lower case, position for position (a letter whose lower case is longer, like
    "İ", stays as it is)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def candidates(text: str) -> list[tuple[int, int, str, str]]:
    lex = lexicon()
    low = _lower(text)
    sents = _Sentences(text)
    out: list[tuple[int, int, str, str]] = []
    out += patterns.web(text, low)
    out += patterns.numbers(text, low)
    out += patterns.phones(text)
    out += (c for c in patterns.dates(text, low) if not _own_date(sents.around(c[0])))
    out += patterns.ages(text)
    out += geo.addresses(text, low)
    out += geo.zips(text, lex)
    out += (c for c in geo.facilities(text, low) if _tied(sents.around(c[0])))
    out += geo.places(text, lex)
    out += names.names(text, lex)
    return out


def find_all(text: str) -> list[Finding]:
    cands = sorted(candidates(text), key=lambda c: (_PRIORITY[c[2]], c[0] - c[1], c[0]))
    taken: list[tuple[int, int]] = []  # sorted, non-overlapping
    found: list[Finding] = []
    for start, end, kind, suggestion in cands:
        if end <= start:
            continue
        i = bisect.bisect_left(taken, (start, start))
        if i > 0 and taken[i - 1][1] > start:
            continue
        if i < len(taken) and taken[i][0] < end:
            continue
        taken.insert(i, (start, end))
        found.append(Finding(start, end, kind, text[start:end], suggestion))
    found.sort(key=lambda f: f.start)
    return found
