"""The checker's shortcuts find exactly what the plain patterns find: a pattern split into its
leading assertion and the rest (``patterns.Led``), and the detectors skipped in a text without a
digit. Invented text only; the recall itself is test_deid_corpus.py's."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from imgjournal.deid import engine, geo, names, patterns
from imgjournal.deid.data import lexicon

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
    "fe80::1",
    "2001:db8:0:0:8:800:200c:417a",
    ":",
    "::",
    "a:b:c",
    "MRN",
    "mrn: 88123456",
    "acct #",
    "soc. sec.",
    "s/n",
    "94",
    "119",
    "1190",
    "٩٤",
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


def test_the_suffix_tests_are_the_patterns_they_replace():
    # word.endswith(tuple) is the search of (?:a|b|...)$ in a word (no newline in a word)
    words = set(lexicon().first) | set(lexicon().last) | set(lexicon().words)
    for text in _texts():
        words.update(names._fold(m.group(0)) for m in names._TOKEN.finditer(text))
    for ends in (names._DRUG_SUFFIX, names._CLINICAL_SUFFIX, names._TERM_SUFFIX):
        pattern = re.compile("(?:" + "|".join(map(re.escape, ends)) + ")$")
        for word in words:
            assert word.endswith(ends) == bool(pattern.search(word)), word


def test_the_cue_pattern_finds_what_it_finds_without_its_leading_boundary():
    assert patterns._CUE_RE.pattern.startswith(r"\b(?<![\w])")
    plain = re.compile(patterns._CUE_RE.pattern.removeprefix(r"\b"))
    for text in _texts():
        for low in (engine._lower(text), text):
            got = [(m.span(), m.groups()) for m in patterns._CUE_RE.finditer(low)]
            assert got == [(m.span(), m.groups()) for m in plain.finditer(low)], low


def test_the_age_anchors_are_the_numbers_the_lookbehind_finds():
    whole = re.compile(r"(?<!\d)(?:9\d|1[01]\d)(?!\d)")
    seen = 0
    for text in _texts():
        want = [m.start() for m in whole.finditer(text)]
        assert patterns._age_anchors(text) == want, text
        seen += bool(want)
    assert seen > 100


def test_the_digit_count_is_the_patterns():
    for text in [*_texts(), "٣٤٥ and 12", "²³ no", "x" * 50]:
        assert patterns._digits(text) == len(patterns.DIGIT.findall(text)), text


EMAIL_PIECES = [
    *"aZ09._%+-@ \n,;()",
    "@match",
    "x@y",
    "a.b@c",
    "@@",
    "é@x",
    "_@x",
    "%@x",
    "a@-b",
    "a@é",
]


def test_a_text_with_an_address_is_never_skipped_by_the_email_gate():
    rnd = random.Random(20261208)
    made = [
        "".join(rnd.choice(EMAIL_PIECES) for _ in range(rnd.randint(1, 12))) + ".com"
        for _ in range(20000)
    ]
    found = 0
    for text in [*_texts(), *made]:
        if patterns._EMAIL.search(text):
            found += 1
            assert patterns._may_hold_email(text), text
    assert found > 3000
    # and the gate turns tags away: what it is for
    assert not patterns._may_hold_email("Seen on the ward. @match @cardiology")


PHONE_PIECES = [
    *"0123456789 .-/()+\nx",
    "555",
    "0134",
    "415",
    "ext. ",
    " (",
    ") ",
    "+44 ",
    "00",
    "٣",
    "call ",
]


def test_every_phone_number_holds_the_phone_gate():
    rnd = random.Random(20261208)
    made = [
        "".join(rnd.choice(PHONE_PIECES) for _ in range(rnd.randint(5, 30))) for _ in range(20000)
    ]
    checked = 0
    for text in [*_texts(), *made]:
        for m in patterns._PHONE.finditer(text):
            main = re.split(r"(?i)\s?(?:x|ext\.?|extension)\s?\d", m.group(0))[0]
            if len(re.sub(r"\D", "", main)) >= 7:
                checked += 1
                assert patterns._PHONE_GATE.search(text), text
    assert checked > 2000
    assert not patterns._PHONE_GATE.search("BP 120/80, HR 88, T 98.6, RR 16")


# Letters and marks that trip a tokenizer: capitals outside ASCII, a title case, the Kelvin
# sign, combining marks, curly apostrophes, hyphens, dots, digits outside ASCII, CJK.
TOKEN_PIECES = [
    *"aAzZ'’-._ 0\n,;:()", "é", "İ", "ß", "𝐀", "ǅ", "\u212a", "\u0301", "—", "٣", "中文", "²",
    "O'Neil", "co-worker", "Dr.", "d’Ávila", "''", "--", "a-", "-a", "’s",
]  # fmt: skip


def test_the_word_pattern_is_the_one_it_replaced():
    # The tokens of names() as first written: a letter, then letters or an apostrophe or
    # hyphen before a letter, then a dot.
    first = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*\.?")
    rnd = random.Random(20261208)
    made = [
        "".join(rnd.choice(TOKEN_PIECES) for _ in range(rnd.randint(1, 30))) for _ in range(20000)
    ]
    for text in [*_texts(), *made]:
        got = [m.span() for m in names._TOKEN.finditer(text)]
        assert got == [m.span() for m in first.finditer(text)], text


def _every_keep_token(text: str) -> list[names._Tok]:
    """The tokens names() first looked at: every capitalised word, every cue and glue word
    wherever it stands, and the one or two words after a title or "name"."""
    toks = []
    keep = 0
    for m in names._TOKEN.finditer(text):
        raw = m.group(0)
        if keep or raw[0].isupper():
            toks.append(names._Tok(m, text))
            base = toks[-1].base
            keep = 2 if base == "name" else (1 if base in names._TITLES else max(0, keep - 1))
            continue
        if raw.islower() and raw not in names._KEEP_FORMS:
            continue
        low = raw.lower().rstrip(".")
        if low in names._KEEP_LOWER:
            toks.append(names._Tok(m, text))
            keep = 2 if low == "name" else (1 if low in names._TITLES else 0)
    return toks


NAME_PIECES = [
    "Dr.", "dr", "DR.", "Mr.", "mr", "Mrs.", "mrs", "Ms", "and", "And", "the", "The", "of",
    "is", "was", "by", "By", "goes", "name", "Name", "named", "called", "nurse", "daughter",
    "patient", "pt", "Pt.", "PT", "Sister", "J.", "K", "A", "I", "Smith", "Maria", "maria",
    "lopez", "Lopez", "Garcia", "Perez", "Okafor", "Chidi", "JOHN", "SMITH", "Kelly's", "Hope",
    "Grace", "Austin", "Flint", "murmur", "nodule", "Ramirez", "Luis", "born", "in", "Lagos",
    "ICU", "with", "from", "a", "call", "about", "meds", "Emily", "O'Neil", "co-worker",
]  # fmt: skip
NAME_SEPARATORS = [" ", " ", " ", "", ", ", ". ", "\n", " - ", ": ", "  ", "; ", " (", "—"]


@pytest.mark.parametrize(
    "text",
    [
        "pt name - maria Lopez Garcia Perez the end",  # "the" is a surname: the name reads on
        "Dr. and the Smith",  # three tokens after a title
        "her daughter is the Maria Lopez",
        "the nurse was named by the Kelly",
        "Seen with the attending, of the team, the Maria and the Garcia",
        "he goes by the Will",
    ],
)
def test_names_found_leaving_out_far_glue_words_are_those_found_with_all(text):
    lex = lexicon()
    want = list(names._find(text, _every_keep_token(text), lex))
    assert list(names.names(text, lex)) == want


def test_leaving_out_far_glue_words_finds_the_same_names_in_any_mix():
    lex = lexicon()
    rnd = random.Random(20261208)
    made = [
        "".join(
            rnd.choice(NAME_PIECES) + rnd.choice(NAME_SEPARATORS) for _ in range(rnd.randint(1, 14))
        )
        for _ in range(30000)
    ]
    listed_glue = {w for w in names._GLUE_WORDS if w in lex.first or w in lex.last}
    assert "the" in listed_glue  # a surname: the case the single-space rule is for
    with_names = 0
    fewer = 0
    for text in [*_texts(), *made]:
        every = _every_keep_token(text)
        want = list(names._find(text, every, lex))
        assert list(names.names(text, lex)) == want, text
        with_names += bool(want)
        fewer += len(names._kept_tokens(text, listed_glue)) < len(every)
    assert with_names > 15000 and fewer > 5000  # names were found, and tokens left out
