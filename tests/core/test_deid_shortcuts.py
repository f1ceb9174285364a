"""The checker's shortcuts find exactly what the plain patterns find: a pattern split into its
leading assertion and the rest (``patterns.Led``), and the detectors skipped in a text without a
digit. Invented text only; the recall itself is test_deid_corpus.py's."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from imgjournal.deid import engine, geo, patterns

CORPUS = Path(__file__).parents[1] / "deid_corpus" / "corpus.jsonl"


def _shortcuts() -> dict[str, patterns.Led | patterns.Gated]:
    """Every Led and Gated pattern of the checker's modules, by name."""
    found: dict[str, patterns.Led | patterns.Gated] = {}
    for module in (engine, geo, patterns):
        for attr, value in vars(module).items():
            items = value if isinstance(value, tuple) else (value,)
            for i, item in enumerate(items):
                if isinstance(item, (patterns.Led, patterns.Gated)):
                    found[f"{module.__name__.rsplit('.', 1)[1]}.{attr}[{i}]"] = item
    return found


LED = _shortcuts()


PIECES = [
    "Ohio",
    "New York",
    "West Virginia",
    "XOhio",
    "St. Mary's Hospital",
    "Mercy General",
    "Cook County",
    "12 Elm Street",
    "x12 Elm St",
    "2026-03-14",
    "3/14/2026",
    "1/2/26",
    "44101",
    "44101-1234",
    "a-44101",
    "Johns Hopkins",
    "Mount Sinai",
    "San Diego",
    "Lyme disease",
    "Kansas",
    "Arkansas",
    "é",
    "_",
    "-",
    ".",
    "/",
    " ",
    " ",
    "\n",
    ", ",
    "Dr.",
    "the",
    "9",
]


def _texts() -> list[str]:
    notes = [json.loads(line)["text"] for line in CORPUS.read_text("utf-8").splitlines() if line]
    rnd = random.Random(20261207)
    made = ["".join(rnd.choice(PIECES) for _ in range(rnd.randint(1, 30))) for _ in range(3000)]
    return notes + made


def test_the_shortcuts_are_all_tested():
    assert len(LED) >= 17  # 9 Led at the top, 8 Gated (one holding a Led)


@pytest.mark.parametrize("name", sorted(LED))
def test_a_shortcut_finds_what_the_whole_pattern_finds(name):
    led = LED[name]
    whole = re.compile(led.pattern)
    for text in _texts():
        got = [(m.span(), m.groups()) for m in led.finditer(text)]
        want = [(m.span(), m.groups()) for m in whole.finditer(text)]
        assert got == want, text
    if isinstance(led, patterns.Gated):  # the gate is inside every match
        for text in _texts():
            for m in re.compile(led.pattern).finditer(text):
                assert led.gate.search(m.group(0)), (m.group(0), text)


def _digit_free(text: str) -> str:
    return re.sub(r"\d", lambda m: "abcdefghij"[int(m.group(0))], text)


def test_without_a_digit_the_skipped_patterns_cannot_match():
    skipped = [
        re.compile(p.pattern)
        for p in (
            patterns._SSN, patterns._UDI, patterns._VIN, patterns._DEA, patterns._IPV4,
            patterns._PHONE, patterns._MONTH_YEAR, patterns._SHORT_DATE, patterns._ID_RE,
            geo._ZIP, geo._ADDRESS[0], *geo._ADDRESS[2:], *patterns._DATE_PATTERNS,
        )
    ]  # fmt: skip
    for text in map(_digit_free, _texts()):
        assert not patterns.DIGIT.search(text)
        low = engine._lower(text)
        for p in skipped:
            assert p.search(text) is None and p.search(low) is None, (p.pattern, text)


def test_a_digit_anywhere_still_runs_every_detector():
    # The same note with and without a digit far from the identifiers: findings only grow.
    text = "Her MRN is 88123456 and she was seen on 3/14/2026 at 12 Elm Street, call 415-555-0134."
    with_digit = engine.find_all(text)
    assert {f.kind for f in with_digit} >= {"record", "date", "address", "phone"}
    assert engine.find_all(_digit_free(text)) != with_digit
