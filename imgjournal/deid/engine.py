"""Runs every detector over a text and resolves overlapping candidates into findings.

Where two candidates overlap, the kind with the more certain shape wins (an e-mail address over
a name inside it, a street address over the name of its street), then the longer span.
"""

from __future__ import annotations

import bisect
import re

from imgjournal.deid import Finding, geo, names, patterns, vocab
from imgjournal.deid.data import lexicon
from imgjournal.deid.patterns import Led

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
            "_protected",  # a state, an untied facility, a known term: no name or place inside
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
_OWN_WORDS = re.compile(
    r"(?i)\b(?:rotations?|electives?|observerships?|externships?|clerkships?|residency|internship"
    r"|fellowship|program|interviews?|exams?|step\s*[123]|usmle|ecfmg|eras|nrmp|match|shifts?"
    r"|call|vacation|orientation|block|course|conference|workshop|lecture|presentation|rounds"
    r"|first\s+day|last\s+day|first\s+week|last\s+week|started|began|begins|ended|ends"
    r"|finished|arrived|visa|application|deadline|letter|evaluation|feedback|mentor|attending)\b"
)
_TIES = frozenset(vocab.PATIENT_TIES)
# State names (a state is no identifier) and terms named after places or people.
_PROTECTED = Led(
    r"\b",
    r"(?:"
    + "|".join(sorted((re.escape(v) for v in vocab.US_STATES.values()), key=len, reverse=True))
    + r"|Rocky\s+Mountain\s+spotted\s+fever|West\s+Nile|Boston\s+Scientific|Lyme\s+disease"
    r"|Philadelphia\s+chromosome|Denver\s+shunt|St\.?\s+Louis\s+encephalitis"
    r"|San\s+Francisco\s+syncope|New\s+York\s+Heart\s+Association|Mayo\s+Clinic\s+Proceedings"
    r"|Johns\s+Hopkins\s+(?:Medicine|University|Guide)|Mass\s+General\s+Brigham)\b",
)


class _Sentences:
    """The sentence around a position; the text is split only when one is first asked for
    (most texts have no date or facility whose sentence matters)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in _SENTENCE_END.finditer(self.text)]
        return self._starts

    def around(self, pos: int) -> str:
        starts = self.starts
        i = bisect.bisect_right(starts, pos) - 1
        end = starts[i + 1] if i + 1 < len(starts) else len(self.text)
        return self.text[starts[i] : end]


def _own_date(sentence: str) -> bool:
    """A date in a sentence about the writer's own training ("my rotation began on 3 March"):
    written in the first person, about a rotation, an exam, an interview or the like, and
    with no patient in it."""
    return (
        bool(_FIRST_PERSON.search(sentence))
        and bool(_OWN_WORDS.search(sentence))
        and not _PATIENT_WORDS.search(sentence)
    )


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
    for c in geo.facilities(text, low):
        out.append(c if _tied(sents.around(c[0])) else (c[0], c[1], "_protected", ""))
    out += ((m.start(), m.end(), "_protected", "") for m in _PROTECTED.finditer(text))
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
        if kind != "_protected":
            found.append(Finding(start, end, kind, text[start:end], suggestion))
    found.sort(key=lambda f: f.start)
    return found
