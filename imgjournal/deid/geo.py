"""Detectors for geography smaller than a state: street addresses, ZIP codes, towns, cities and
counties (a gazetteer of US places) and facility names tied to a patient."""

from __future__ import annotations

import re
from collections.abc import Iterator

from imgjournal.deid import vocab
from imgjournal.deid.data import Lexicon
from imgjournal.deid.patterns import DIGIT, Gated, Led
from imgjournal.deid.vocab import _w

Candidate = tuple[int, int, str, str]

_SUFFIX_LONG = (
    r"Street|Avenue|Road|Boulevard|Lane|Drive|Court|Way|Terrace|Place|Circle|Highway|Parkway"
    r"|Square|Trail|Alley|Crescent|Close|Row|Pike|Turnpike|Expressway|Freeway|Plaza|Loop"
)
_SUFFIX_SHORT = r"St|Ave|Av|Rd|Blvd|Ln|Dr|Ct|Wy|Ter|Pl|Cir|Hwy|Pkwy|Sq|Trl|Crst|Tpke|Expy|Fwy|Plz"
_SUFFIX = (
    rf"(?:(?:{_SUFFIX_LONG})\b|(?i:{_SUFFIX_LONG.upper()})\b|(?:{_SUFFIX_SHORT})\b\.?"
    rf"|(?:{_SUFFIX_SHORT.upper()})\b\.?)"
)
_DIR = r"(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?\s+)"
_STREET_WORD = r"(?:[A-Z][A-Za-z'’-]+|\d{1,3}(?:st|nd|rd|th)|[a-z][a-z]+)"
_UNIT = r"(?:,?\s*(?:Apt|Apartment|Unit|Suite|Ste|Fl|Floor|Rm|Room|#)\.?\s*#?\s*[A-Za-z0-9-]{1,6})?"
_ADDRESS: tuple[re.Pattern[str] | Led, ...] = (
    Led(
        r"(?<![\w/.-])",
        rf"\d{{1,6}}[A-Z]?(?:-\d{{1,4}})?\s+{_DIR}?(?:{_STREET_WORD}\s+){{1,3}}"
        rf"{_SUFFIX}{_UNIT}",
    ),
    re.compile(
        rf"(?i:\b(?:on|off|at|near|along|lives\s+on|corner\s+of)\s+)(?P<s>{_DIR}?"
        rf"(?:[A-Z][a-z]+\s+){{1,2}}(?:{_SUFFIX_LONG})\b)"
    ),
    re.compile(r"(?i:\bP\.?\s?O\.?\s?Box\s+\d{1,6}\b)"),
    re.compile(r"\b(?:Apt|Apartment)\.?\s*#?\s*\d{1,5}[A-Z]?\b"),
    re.compile(r"(?i:\brural\s+route\s+\d+(?:\s+box\s+\d+)?\b)"),
)
_LOWER_STREET_OK = re.compile(r"^\d")


_ADDRESS_HINTS = (None, None, "box", "apt", "route")


# "on Elm Street" needs one of the long street words, in this case.
_STREET_LONG = re.compile(_SUFFIX_LONG)


def addresses(text: str, low: str) -> Iterator[Candidate]:
    digits = bool(DIGIT.search(text))
    for i, pattern in enumerate(_ADDRESS):
        if i != 1 and not digits:
            continue  # all but the "on Elm Street" pattern have a house, box or unit number
        if i == 1 and not _STREET_LONG.search(text):
            continue
        hint = _ADDRESS_HINTS[i]
        if hint and hint not in low and (hint != "apt" or "apartment" not in low):
            continue
        for m in pattern.finditer(text):
            start, end = (m.start("s"), m.end("s")) if i == 1 else (m.start(), m.end())
            span = text[start:end]
            if i == 0:
                words = span.split()
                # lower-case street words only in an all-lower address ("12 elm st")
                if any(w[0].islower() for w in words[1:-1]) and not span.islower():
                    continue
                if re.search(r"(?i)\b(?:mg|mcg|ml|units?|tabs?|days?|weeks?|times)\b", span):
                    continue
            yield start, end, "address", "[ADDRESS]"


_ZIP = Led(r"(?<![\w-])", r"(?P<z>\d{5})(?:-(?P<p>\d{4}))?(?![\w-])")
_ZIP_CUE = re.compile(r"(?i:zip(?:\s*code)?|postal(?:\s+code)?|postcode)\s*(?:is|:|#|-)?\s*$")
_STATE_BEFORE = re.compile(
    r"(?:\b(?P<ab>[A-Z]{2})\b|\b(?P<name>(?:[A-Z][a-z]+\s){0,2}[A-Z][a-z]+))\.?,?\s*$"
)


def zips(text: str, lex: Lexicon) -> Iterator[Candidate]:
    if not DIGIT.search(text):
        return
    for m in _ZIP.finditer(text):
        before = text[max(0, m.start() - 30) : m.start()]
        cued = bool(_ZIP_CUE.search(before))
        st = _STATE_BEFORE.search(before)
        state = bool(
            st
            and (
                (st.group("ab") and st.group("ab") in vocab.US_STATES)
                or (st.group("name") and st.group("name").lower() in lex.state_names)
            )
        )
        if not (cued or state or m.group("p")):
            continue
        if not lex.is_zip(m.group("z")) and not cued:
            continue
        yield m.start(), m.end(), "zip", "[ZIP]"


_STATE_AFTER = re.compile(
    r"^,?\s*(?:(?P<ab>[A-Z]{2})\b(?!\.\w)|(?P<name>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?))"
)
_CUE_BEFORE = re.compile(
    r"(?i:\b(?:from|in|to|near|outside(?:\s+of)?|around|of|lives\s+in|living\s+in|resident\s+of"
    r"|moved\s+to|moved\s+from|born\s+in|grew\s+up\s+in|town\s+of|city\s+of|village\s+of"
    r"|county\s+of|back\s+to|home\s+to|drove\s+from|visiting|returned\s+to|native\s+of"
    r"|between|via|through|outside|suburb\s+of|area\s+of)\s+"
    r"(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?)$"
)
_CUE_AFTER = re.compile(
    r"\s+(?:native|resident|area|suburbs?|local|man|woman|family|neighborhood|neighbourhood"
    r"|police|fire\s+department|public\s+schools|city\s+limits|metro)\b"
)
_PERSON_BEFORE = re.compile(
    r"(?i:\b(?:call|calls|called|text|texts|texted|message|messages|note|notes|email|emails"
    r"|letter|letters|visit|visits|gift|word|news|update|page|paged|voicemail|hug|thanks)"
    r"\s+(?:from|to|for|with)\s+)$"
)
_COUNTY = Led(r"\b", r"(?:[A-Z][a-z]+(?:[\s-][A-Z][a-z]+)?)\s+(?:County|Parish|Borough)\b")


_SMALL = ("of", "the", "de", "la")  # the words of a place name that may be lower case


# In ASCII text, the first letters a place's span may start with (the first-word test of
# places() below): a capital, or the first letter of a small word ("of", "the", "de", "la").
_PLACE_STARTS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ" + "".join(w[0] for w in _SMALL))


def places(text: str, lex: Lexicon) -> Iterator[Candidate]:
    lower = text.lower()
    n = len(text)
    # Most hits of the gazetteer are common words in lower case ("hope", "bath"), which the
    # first-word test below turns away; in ASCII text (where ``lower`` lines up with ``text``
    # and a hit starts on a letter) its first letter alone says so, before anything is cut.
    starts = _PLACE_STARTS if text.isascii() else None
    for end_idx, key in lex.automaton.iter(lower):
        end = end_idx + 1
        start = end - len(key)
        if starts is not None and text[start] not in starts:
            continue
        if (start > 0 and (lower[start - 1].isalnum() or lower[start - 1] in "'’-")) or (
            end < n and (lower[end].isalnum() or lower[end] in "'’-")
        ):
            continue
        span = text[start:end]
        if span and not span[0].isupper() and span.split(None, 1)[0].lower() not in _SMALL:
            continue  # the test below fails on the first word (most hits: "hope", "bath")
        parts = span.split()
        if not all(p[0].isupper() for p in parts if p.lower() not in _SMALL):
            continue
        if span.isupper() and len(span) <= 4:
            continue
        after = text[end : end + 30]
        nxt = re.match(r"\s+([A-Za-z]+)", after)
        if nxt and nxt.group(1).lower() in vocab.TERM_AFTER_SET:
            continue
        states = lex.places[key]
        st = _STATE_AFTER.match(after)
        st_code = None
        if st:
            if st.group("ab") and st.group("ab") in vocab.US_STATES:
                st_code = st.group("ab")
            elif st.group("name") and st.group("name").lower() in lex.state_names:
                st_code = lex.state_names[st.group("name").lower()]
        is_county = key.endswith((" county", " parish", " borough"))
        cued = bool(_CUE_BEFORE.search(text[max(0, start - 40) : start]))
        base = key
        ambiguous_word = (
            base in lex.words or base in lex.first or base in lex.last or base in lex.stop
        )
        multi = len(parts) > 1
        if not multi and not st_code and base in lex.first and re.match(r"\s[A-Z][a-z]", after):
            continue  # "from Sarah Brennan": a person, not a place
        if (
            not multi
            and not st_code
            and base in lex.first
            and _PERSON_BEFORE.search(text, max(0, start - 30), start)
        ):
            continue  # "a call from Jordan": a person, not a place
        if after[:2] in ("'s", "’s"):
            continue  # "in Kelly's room"
        cued = cued or bool(_CUE_AFTER.match(after))  # "a Toledo native"
        if not (st_code or is_county or cued or not ambiguous_word):
            continue
        if not (st_code or is_county or cued) and (
            span.isupper() or _CAP_BEFORE.search(text, max(0, start - 20), start)
        ):
            continue  # "APACHE II", "Haitian Creole": an unmarked place needs to stand alone
        if not (st_code or is_county) and len(parts) == 1 and ambiguous_word and not cued:
            continue
        if not (st_code or is_county or cued) and multi:
            first_word = parts[0].lower()
            if first_word in lex.words and all(p.lower() in lex.words for p in parts):
                continue
        if st_code and st_code in states:
            span_end = end + st.end()
            label = "[COUNTY]" if is_county else "[CITY]"
            yield start, span_end, "place", f"{label}, {st_code}"
            continue
        before = text[max(0, start - 3) : start].strip()
        # A sentence, a line or a list item starts here ("Young man with chest pain").
        after_stop = not before or before[-1] in ".!?:;-*•"
        if not st_code and len(parts) == 1 and base in lex.words and cued and after_stop:
            continue  # "from Hope": a common word is a place only when capitalised mid-sentence
        label = "[COUNTY]" if is_county else "[CITY]"
        sug = f"{label}, {states[0]}" if len(states) == 1 else "[PLACE]"
        yield start, end, "place", sug
    for m in _COUNTY.finditer(text):
        words = m.group(0).split()
        if words[0].lower() in ("the", "a", "this", "our", "my", "his", "her", "each"):
            continue
        yield m.start(), m.end(), "place", "[COUNTY]"


_FAC_TAIL = (
    r"(?:Hospital|Hospitals|Medical\s+Center|Medical\s+Centre|Med\s+Center|Clinic|Infirmary"
    r"|Hospice|Health\s+System|Health\s+Center|Health\s+Centre|Health|Healthcare|Nursing\s+Home"
    r"|Nursing\s+Center|Nursing\s+Facility|Rehabilitation\s+Center|Rehab(?:ilitation)?"
    r"|Care\s+Center|Urgent\s+Care|Memorial|Regional|Medical\s+Group|Surgery\s+Center"
    r"|Behavioral\s+Health|Assisted\s+Living|Manor|Home\s+Care|Dialysis(?:\s+Center)?"
    r"|Cancer\s+Center|Heart\s+Institute|Institute|Pavilion|Sanatorium|Shelter|Correctional"
    r"(?:\s+Facility)?|Jail|Prison|Senior\s+Living|Retirement\s+Home|Village|Gardens"
    r"|General|Mission|ER|ED|Emergency\s+Room|Family\s+Practice|Medical\s+Practice|Practice"
    r"|Associates|Physicians|Medical\s+Associates|Health\s+Partners|SNF|LTAC|LTACH)"
)
_FAC_WORD = r"(?:[A-Z][A-Za-z'’.-]+|of|the|and|&|de|del|la)"
_FAC_KNOWN = (
    r"(?:Johns\s+Hopkins|Cedars[\s-]Sinai|Kaiser(?:\s+Permanente)?|Mass(?:achusetts)?"
    r"\s+General|Sloan[\s-]Kettering|MD\s+Anderson|Bellevue|Parkland|Grady|Mayo"
    r"|Cleveland\s+Clinic|Presbyterian|Baptist|Methodist|Lutheran|Adventist|Banner"
    r"|Intermountain|Geisinger|Ochsner|Kindred|Encompass|Brookdale|Sutter|Dignity|Mercy"
    r"|Beaumont|Fresenius|DaVita|MetroHealth|OhioHealth|Ascension|Allina|Essentia|Novant"
    r"|Atrium|Advocate|Corewell|Aultman|Summa|Henry\s+Ford|Northwestern\s+Memorial)"
)
_FACILITIES = (
    Led(
        r"\b",
        r"(?:St\.?|Saint|Mount|Mt\.?|San|Santa|Our\s+Lady\s+of)\s+[A-Z][a-z]+(?:['’]s)?"
        rf"(?:\s+{_FAC_WORD}){{0,3}}?(?:\s+{_FAC_TAIL})?\b",
    ),
    Led(r"\b", rf"[A-Z][A-Za-z'’.-]+(?:\s+{_FAC_WORD}){{0,4}}\s+{_FAC_TAIL}\b"),
    # A known system's name: searched for alone first (the gate), as the pattern cannot match
    # without it.
    Gated(
        _FAC_KNOWN,
        Led(r"\b", rf"(?:[A-Z][a-z]+\s+){{0,2}}{_FAC_KNOWN}(?:\s+[A-Z][a-z]+){{0,2}}\b"),
    ),
)
_GENERIC = frozenset(
    _w(
        """
    the a an our my his her this that emergency internal medicine resident residents continuity
    outpatient inpatient family general department teaching university community academic
    county city state public private local primary free student faculty cardiology surgery
    surgical pediatric pediatrics medical med psychiatry psychiatric oncology neurology
    dermatology orthopedic ortho women's womens children's childrens va veterans hospital
    clinic health care center rehab nursing home urgent memorial regional ob gyn obgyn
    behavioral mental cancer heart institute dialysis sleep pain wound infusion diabetes
    endocrine renal transplant trauma burn stroke spine eye vision dental hearing allergy
    er ed icu ccu the sub specialty specialist subspecialty clerkship rotation elective
    new old main north south east west central downtown outpatient's level i ii iii iv
    observership externship hospitalist attending
    """
    )
)
_CAP_BEFORE = re.compile(r"[A-Z][a-z]+\s+$")
_ONLY_TAIL = frozenset({"general", "mission", "village", "gardens", "er", "ed", "regional"})


_KNOWN_HINTS = _w(
    "hopkins sinai kaiser general kettering anderson bellevue parkland grady mayo cleveland "
    "presbyterian baptist methodist lutheran adventist banner intermountain geisinger ochsner "
    "kindred encompass brookdale sutter dignity mercy beaumont fresenius davita metrohealth "
    "ohiohealth ascension allina essentia novant atrium advocate corewell aultman summa ford"
)


def facilities(text: str, low: str) -> Iterator[Candidate]:
    # The third pattern runs where its gate (a known system's name) is found and a hint too;
    # the gate, one regex, turns most texts away before the hints are looked for one by one.
    known = _FACILITIES[2].gate.search(text) is not None and any(h in low for h in _KNOWN_HINTS)
    patterns = _FACILITIES if known else _FACILITIES[:2]
    for m in (mm for p in patterns for mm in p.finditer(text)):
        span, start = m.group(0), m.start()
        cut = [
            c
            for c in re.finditer(r"\.\s+", span)
            if not re.search(r"\b(?:St|Mt)$", span[: c.start()])
        ]
        if cut:  # a sentence ended inside: the facility starts after it
            start += cut[-1].end()
            span = text[start : m.end()]
            if not re.match(r"[A-Z][A-Za-z'’.-]+\s+", span) or len(span.split()) < 2:
                continue
        words = re.findall(r"[A-Za-z'’.&-]+", span)
        low = [w.lower().rstrip(".") for w in words]
        if all(w in _GENERIC for w in low):
            continue
        if re.match(r"\s+(?i:wort|dance|fire|cross\s+sign)\b", text[m.end() : m.end() + 12]):
            continue  # St. John's wort, St. Vitus dance
        saint = any(w in ("st", "saint", "mount", "mt") for w in low)
        # "Mercy General" yes; "Surgeon General", "Attorney General" no
        if low[-1] in _ONLY_TAIL and not saint and (len(low) < 2 or low[-2] in _GENERIC):
            continue
        if low[0] in ("san", "santa") and len(low) == 2:
            continue
        short_saint = low[0] in ("st", "saint", "mount", "mt") and len(low) == 2
        if (
            short_saint
            and not span.endswith("s")
            and _CAP_BEFORE.search(text, max(0, start - 20), start)
        ):
            continue  # "Port St. Lucie": a place, not a facility
        yield start, m.end(), "facility", "[FACILITY]"
