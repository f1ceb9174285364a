"""Detectors for the identifiers that have a shape: e-mail, URL, IP, SSN, numbers behind a cue,
phone and fax numbers, dates, ages over 89. Each yields ``(start, end, kind, suggestion)``."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

Candidate = tuple[int, int, str, str]

# Any decimal digit (``\d`` of a str pattern: Unicode digits too). Every pattern of the ID,
# phone, date, ZIP and numbered-address detectors and the IPv4 pattern needs one, so a text
# without a digit skips them: a proof that they cannot match, not a guess.
DIGIT = re.compile(r"\d")


class Gated:
    """A pattern searched only in a text where ``gate`` is found. Every match of ``pattern``
    contains a match of ``gate`` (a test checks it), so a text without one has none: the gate,
    a short pattern the regex engine scans for quickly, proves the long one cannot match."""

    def __init__(self, gate: str, pattern: re.Pattern[str] | Led) -> None:
        self.gate = re.compile(gate)
        self.inner = pattern
        self.pattern = pattern.pattern

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self.gate.search(text) is None:
            return iter(())
        return self.inner.finditer(text)


class Led:
    """A pattern that starts with a zero-width assertion on what comes before it (``\b``, a
    lookbehind), found as the regex engine finds ``lead + rest`` but faster.

    A leading assertion stops the engine from skipping ahead to where the first character of
    the rest could match (for a list of state names, the capitals), so it tries the whole
    pattern at every position. Here the engine searches for ``rest`` alone and each match is
    kept only where ``lead`` holds at its start; where it does not, the search goes on from
    the next position, so every match of ``lead + rest`` is found, with the same span and
    groups (``lead`` holds none). Only for patterns that cannot match empty text.
    """

    def __init__(self, lead: str, rest: str) -> None:
        self.lead = re.compile(lead)
        self.rest = re.compile(rest)
        self.pattern = lead + rest

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        search, lead = self.rest.search, self.lead.match
        pos = 0
        while (m := search(text, pos)) is not None:
            start = m.start()
            if lead(text, start) is None:
                pos = start + 1
                continue
            yield m
            pos = max(m.end(), start + 1)


# --- e-mail, web, IP -------------------------------------------------------------------------
_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
_TLD = r"(?:com|org|net|edu|gov|mil|io|us|info|health|biz|me|app|co|uk|ca|in|de|fr|ng|ph|pk)"
_URL = re.compile(
    r"\b(?:(?:https?|ftp)://|www\.)[^\s<>\"'()\[\]]+"
    rf"|\b(?:[a-z0-9-]+\.)+{_TLD}(?:/[^\s<>\"'()\[\]]*)?(?![\w@])"
)
_IPV4 = Gated(
    r"\d\.\d",
    re.compile(
        r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
        r"(?!\.?\d)"
    ),
)
_IPV6 = Gated(
    r":[0-9A-Fa-f]{0,4}:",  # two colons with at most four hex digits between: in every match
    re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])"),
)


_URL_HINT = re.compile(rf"://|www\.|\.{_TLD}\b")


_LOCAL_PART = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-")
_DOMAIN_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-")


def _may_hold_email(text: str) -> bool:
    """Whether an "@" stands between a character of an address's local part and one of its
    domain: every match of _EMAIL has one, and a text with none skips the pattern (most "@"s
    start a tag, "@match", after a space)."""
    at = text.find("@")
    while at != -1:
        if at and text[at - 1] in _LOCAL_PART and text[at + 1 : at + 2] in _DOMAIN_START:
            return True
        at = text.find("@", at + 1)
    return False


def web(text: str, low: str) -> Iterator[Candidate]:
    if _may_hold_email(text):
        for m in _EMAIL.finditer(text):
            yield m.start(), m.end(), "email", "[EMAIL]"
    for m in _URL.finditer(low) if _URL_HINT.search(low) else ():
        s = text[m.start() : m.end()].rstrip(".,;:!?")
        if "@" in s:
            continue
        yield m.start(), m.start() + len(s), "url", "[URL]"
    for m in _IPV4.finditer(text):
        yield m.start(), m.end(), "ip", "[IP]"
    for m in _IPV6.finditer(text) if "::" in text or text.count(":") > 4 else ():
        s = m.group(0)
        if s.count(":") < 2 or not re.search(r"[0-9A-Fa-f]", s):
            continue
        try:
            ipaddress.IPv6Address(s)
        except ValueError:
            continue
        yield m.start(), m.end(), "ip", "[IP]"


# --- numbers behind a cue ----------------------------------------------------------------------
_NUM = r"(?:number|num|no\.?|nr\.?|#|id|code)"
_LEAD = (
    r"(?i:\.?(?:[ \t]*(?:\(|\[)?[ \t]*" + _NUM + r")?[ \t]*(?:is|was|of|=)?[ \t]*[:#=\-]?[ \t]*"
    r"(?P<tail>(?:ending|ends)(?:[ \t]+(?:in|with))?[ \t]+|last[ \t]+(?:4|four)(?:[ \t]+digits)?"
    r"(?:[ \t]+(?:of|are|is))?[ \t]*:?[ \t]*)?)"
)
_ID = (
    r"(?P<id>(?:[A-Z]{0,4}[- ]?)?(?=[A-Za-z0-9]*\d)[A-Za-z0-9]{2,}"
    r"(?:[-/. ](?=[A-Z]*\d)[A-Z0-9]+){0,4})"
)


def _cue(kind: str, suggestion: str, cues: str) -> tuple[str, str, str]:
    return kind, suggestion, cues


_CUES: tuple[tuple[str, str, str], ...] = (
    _cue(
        "ssn",
        "[SSN]",
        r"ssn|ss\s?#|ss\s?no|social\s+security(?:\s+card)?|soc\.?\s*sec\.?",
    ),
    _cue(
        "vehicle",
        "[VEHICLE]",
        r"vin|vehicle\s+identification|vehicle|licen[cs]e\s+plates?|number\s+plate|plates?"
        r"|tags?|registration\s+plate|car\s+reg(?:istration)?",
    ),
    _cue(
        "device",
        "[DEVICE]",
        r"serial|s/n|sn|udi|device(?:\s+identifier)?|model|lot|imei|implant|pacemaker"
        r"|icd\s+serial|generator|pump\s+serial|hearing\s+aid|unit\s+serial",
    ),
    _cue(
        "record",
        "[MRN]",
        r"mrn|mr\s*#|mr\s+no|med(?:ical)?\.?\s+rec(?:ord)?s?|fin|accession|har|csn|empi|mpi|urn"
        r"|(?:records?|chart|hospital|patient|pt|encounter|visit|case|admission|specimen|lab"
        r"|unit|ur)\s*(?:id|number|no\.?|#)",
    ),
    _cue(
        "plan",
        "[PLAN ID]",
        r"member(?:ship)?|subscriber|policy(?:\s*holder)?|insurance|insurer|group|medicaid"
        r"|medicare|mbi|hicn|health\s+plan|plan|beneficiary|bcbs|aetna|cigna|humana"
        r"|united\s*healthcare|tricare|payer",
    ),
    _cue(
        "account",
        "[ACCOUNT]",
        r"acc(?:oun)?t|acct|billing|claim|invoice|bank(?:\s+account)?|routing|iban"
        r"|credit\s+card|debit\s+card|card|hsa|fsa",
    ),
    _cue(
        "licence",
        "[LICENCE]",
        r"(?:driver'?s?\s+|driving\s+|state\s+|medical\s+|nursing\s+|professional\s+)?licen[cs]e"
        r"|lic|dl|npi|dea|certificate|cert\.?|passport|board\s+cert(?:ification)?|registration"
        r"|green\s+card|permit|ecfmg|badge|employee",
    ),
)
# One pass for every cue: the first alternative that matches names the kind.
# It runs on the lower-cased text (case-insensitive matching is slow); the ID is then read
# from the original text, where its case matters. Every cue starts with a letter, so the
# leading \b adds nothing to the lookbehind but lets the engine pass over the inside of words
# quickly (a third faster; a test checks that every cue starts with a letter).
_CUE_RE = re.compile(
    r"\b(?<![\w])(?:"
    + "|".join(f"(?P<k{i}>{cues})" for i, (_, _, cues) in enumerate(_CUES))
    + rf"){_LEAD.replace('(?i:', '(?:')}"
)
_ID_RE = re.compile(rf"{_ID}(?![\w])")
_UDI = Gated(
    "01",
    re.compile(r"\(01\)\s?\d{14}(?:\s?\(\d{2,4}\)\s?[A-Za-z0-9-]+)*|\b01\d{14}(?:1[017]\w{6,})?\b"),
)
_VIN = Gated(
    "[A-HJ-NPR-Z0-9]{17}",
    re.compile(r"\b(?=[A-HJ-NPR-Z0-9]*\d)(?=[A-HJ-NPR-Z0-9]*[A-HJ-NPR-Z])[A-HJ-NPR-Z0-9]{17}\b"),
)
_DEA = Gated(r"\d{7}", re.compile(r"\b[ABCDEFGHJKLMPRSTUX][A-Z]\d{7}\b"))
_SSN = Gated(
    r"\d{3}[- ]\d\d[- ]\d{4}",
    re.compile(r"(?<![\d-])(?!000|666)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\d-])"),
)


def numbers(text: str, low: str) -> Iterator[Candidate]:
    if not DIGIT.search(text):
        return  # every ID needs a digit (the lookahead in _ID), as do the SSN, UDI, VIN, DEA
    for c in _CUE_RE.finditer(low):
        m = _ID_RE.match(text, c.end())
        if m:
            i = next(int(k[1:]) for k, v in c.groupdict().items() if v and k[0] == "k")
            kind, suggestion, _ = _CUES[i]
            ident = m.group("id").rstrip(".-/ ")
            digits = sum(c.isdigit() for c in ident)
            if digits < 2 or len(re.sub(r"\W", "", ident)) < 4:
                continue
            if _looks_clinical(ident) and not c.group("tail"):
                continue
            start = m.start("id")
            yield start, start + len(ident), kind, suggestion
    for m in _SSN.finditer(text):
        yield m.start(), m.end(), "ssn", "[SSN]"
    for m in _UDI.finditer(text):
        yield m.start(), m.end(), "device", "[DEVICE]"
    for m in _VIN.finditer(text):
        yield m.start(), m.end(), "vehicle", "[VEHICLE]"
    for m in _DEA.finditer(text):
        yield m.start(), m.end(), "licence", "[LICENCE]"


_CLINICAL_ID = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3})?|[A-Z]\d{2}(?:\.\w{1,4})?|\d{1,4}(?:\.\d+)?(?:mg|ml|mcg|g|kg|h|hr|hrs|d|x)"
    r"|q\d+h?|\d+/\d+|\d{4}|\d{1,3}\s?-\s?\d{1,3})$",
    re.I,
)


def _looks_clinical(ident: str) -> bool:
    """ICD-10 codes, doses, small numbers, years and ratios are not identifiers."""
    return bool(_CLINICAL_ID.match(ident))


# --- phone and fax -----------------------------------------------------------------------------
_PHONE = re.compile(
    r"(?<![\w+/.-])(?:(?:\+|00)\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?"
    r"(?:\d{10,12}|\d{1,5}(?:(?:[\s.-]|(?<=\d{3})/)\d{2,8}){0,4})"
    r"(?:\s?(?:[xX]|[eE]xt\.?|[eE]xtension)\s?\d{1,5})?(?![\w/]|[.,-]\d)"
)
_PHONE_CUE = re.compile(
    r"(?i:phone|ph|tel|telephone|cell|mobile|mob|pager|page|beeper|call|called|calls|reach"
    r"|reached|contact|number|landline|whatsapp|text|line|hotline|extension|ext|fax|f)\W{0,4}"
    r"(?:\w+\W{1,3}){0,3}$"
)
_FAX_CUE = re.compile(r"(?i:\bfax(?:ed|ing)?\b|\bf\s*[:#]|\bfacsimile\b)[^\n]{0,30}$")


def _digits(text: str) -> int:
    """How many characters of ``text`` ``\\d`` matches."""
    if text.isascii():  # ten counts in C, no list of matches
        return sum(map(text.count, "0123456789"))
    return len(DIGIT.findall(text))


# Seven digits, each at most two characters (a space, a dot, a bracket, a slash, a dash) from
# the next: every match of _PHONE with seven digits before its extension, the fewest a phone
# number has, holds them (a test checks it), so a text without them skips the pattern.
_PHONE_GATE = re.compile(r"\d(?:[\s.()/-]{0,2}\d){6}")


def phones(text: str) -> Iterator[Candidate]:
    if _digits(text) < 7 or not _PHONE_GATE.search(text):
        return  # a phone number has at least 7 digits, close together
    for m in _PHONE.finditer(text):
        s = m.group(0)
        s_main = re.split(r"(?i)\s?(?:x|ext\.?|extension)\s?\d", s)[0]
        digits = re.sub(r"\D", "", s_main)
        n = len(digits)
        if n < 7 or n > 15:
            continue
        before = text[max(0, m.start() - 40) : m.start()]
        cued = bool(_PHONE_CUE.search(before))
        intl = s.startswith(("+", "00"))
        ok = False
        if intl:
            import phonenumbers  # only here: importing it costs more than most scans

            try:
                num = phonenumbers.parse("+" + s.lstrip("+0 ") if s.startswith("00") else s, None)
                ok = phonenumbers.is_possible_number(num)
            except phonenumbers.NumberParseException:
                ok = False
        elif n == 10 or (n == 11 and digits[0] == "1"):
            grouped = re.fullmatch(
                r"(?:1[\s.-]?)?(?:\(\d{3}\)[\s.-]?|\d{3}[\s./-]?)\d{3}[\s.-]?\d{4}", s_main
            )
            ok = bool(grouped and (cued or not s_main.isdigit()) and digits[-10] not in "01")
            if not ok and cued and digits[-10] not in "01":
                ok = bool(re.fullmatch(r"[\d\s().-]+", s_main))
        elif n == 7:
            ok = cued and bool(re.fullmatch(r"\d{3}[\s.-]\d{4}", s_main))
        elif cued and 8 <= n <= 13 and not re.fullmatch(r"\d+", s_main):
            ok = len(re.findall(r"\d+", s_main)) in (2, 3, 4)  # "07700 900123" after "number"
        if not ok:
            continue
        kind = "fax" if _FAX_CUE.search(text[max(0, m.start() - 40) : m.start()]) else "phone"
        yield m.start(), m.end(), kind, "[FAX]" if kind == "fax" else "[PHONE]"


# --- dates -------------------------------------------------------------------------------------
# The date patterns run on the lower-cased text; "may" is a month only when written "May".
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_MONTH = rf"(?P<mo>{_MONTHS})"
_WEEKDAY = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?)"
)
_ORD = r"(?:st|nd|rd|th)"
_YEAR = r"(?P<y>(?:19|20)\d{2}|'\d{2})"
_UNIT_AFTER = re.compile(
    r"^\s*(?:%|mg|mcg|g\b|kg|ml|l\b|units?|tabs?|tablets?|caps?|pills?|doses?|days?|d\b|weeks?"
    r"|wks?|months?|mos?|years?|yrs?|hours?|hrs?|h\b|minutes?|mins?|times|x\b|strength|power"
    r"|murmur|pain|scale|score|of\s+\d|beats|bpm|breaths|cm|mm|inches|lbs?|pounds|people"
    r"|patients|pts|cases|points?|(?:[a-z]+\s+)?(?:nodes?|cores?|biopsies|samples?|cultures?"
    r"|bottles?|sets?|criteria|items?|questions?|joints?|sites?|lesions?|episodes?|vessels?"
    r"|segments?|ribs?|teeth|digits?|fingers?|toes?|leads?|views?|drops?|puffs?|sprays?"
    r"|servings?|drinks?)\b)",
    re.I,
)
_DATE_PATTERNS: tuple[re.Pattern[str] | Led | Gated, ...] = (
    # Numeric dates, each behind its gate: a digit, a separator, a digit, the same separator
    # and two digits (2026-03-14, 3/14/2026, 14.03.26), which every match holds.
    Gated(
        r"\d([-/.])\d\d?\1\d",
        Led(r"\b", r"(?P<y>(?:19|20)\d{2})([-/.])(?:0?[1-9]|1[0-2])\2(?:0?[1-9]|[12]\d|3[01])\b"),
    ),
    Gated(
        r"\d([-/.])\d\d?\1\d\d",
        Led(
            r"(?<![\d./-])",
            r"(?P<a>\d{1,2})([/.-])(?P<b>\d{1,2})\2(?P<y>\d{4}|\d{2})(?![\d]|[./-]\d)",
        ),
    ),
    re.compile(
        rf"\b(?:{_WEEKDAY}\.?,?\s+)?(?:the\s+)?(?P<d>[0-3]?\d){_ORD}?(?:\s+of)?[\s-]+{_MONTH}\b\.?"
        rf"(?:,?[\s-]+{_YEAR}\b)?"
    ),
    re.compile(
        rf"\b(?:{_WEEKDAY}\.?,?\s+)?{_MONTH}\.?[\s-]+(?:the\s+)?(?P<d>[0-3]?\d){_ORD}?(?![\d:])"
        rf"(?:,?\s+{_YEAR}\b)?"
    ),
    re.compile(rf"\b{_MONTH}\.?,?\s+(?:of\s+)?{_YEAR}\b"),
    Gated(
        rf"\d{_ORD}",
        re.compile(
            rf"\b(?:{_WEEKDAY}\s+)?the\s+(?P<d>[0-3]?\d){_ORD}\b(?!\s+(?:of\s+)?(?:{_MONTHS}))"
        ),
    ),
)
_MONTH_YEAR = Gated(
    r"[/-](?:19|20)\d\d",
    re.compile(r"(?<![\d/.-])(?:0?[1-9]|1[0-2])[/-](?P<y>(?:19|20)\d{2})(?![\d/-]|\.\d)"),
)
_PUBLICATION = re.compile(
    r"\s+(?:[A-Z]{2,}\b|(?i:guidelines?|update|edition|version|issue|statement|consensus"
    r"|recommendations?|criteria|meeting|conference|exam|match|cycle|cohort|journal|release))"
)
_SHORT_DATE = Gated(
    r"\d/\d", re.compile(r"(?<![\d/.:-])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\d/]|\.\d|:\d)")
)
_DATE_CUE = re.compile(
    r"(?i:\b(?:on|since|from|until|till|til|by|dated?|dob|d\.o\.b\.?|born|admitted|admission"
    r"|discharged?|seen|visit|last|next|started|stopped|died|surgery|scheduled|appt"
    r"|appointment|f/u|follow[- ]?up|returned|presented|between|through|and|to|thru|before"
    r"|after|ed|er|arrived|transferred|sent|called|onset|s/p|pod|dos|doa|expired|deceased"
    r"|clinic|rounds|ward|or|surgery|seen\s+in\s+clinic|visited|week\s+of|night\s+of)"
    r"\b|[-–])\W{0,3}$"
)
_SCORE_BEFORE = re.compile(
    r"(?i:strength|power|motor|gcs|apgar|phq|gad|pain|murmur|grade|score|scale|ratio|rated"
    r"|reflexes|dtr|dtrs|vision|acuity|va|bp|mmhg|ef|x|of)\W{0,3}$"
)
_SCHEDULE = re.compile(r"^(?i:\s*(?:q\d|bid|tid|qid|prn|daily|weekly|x\s*\d))")
_TIME_OF_DAY = re.compile(r"^\s*(?i:am|pm|a\.m\.|p\.m\.|o'?clock|hrs?\b|h\b)")


_ORDINAL_CUE = re.compile(
    r"(?i:\b(?:on|since|from|until|till|by|before|after|through|thru|between|and|to|of)\s+"
    r"|\d{4},?\s+)$"
)
_AFTER_ORDINAL = re.compile(
    r"\s*(?:[.,;:!?)\n]|$|(?i:he|she|they|we|i|the|at|and|when|in|for|pt)\b)"
)


def _ORDINAL_DAY_OK(text: str, m: re.Match[str]) -> bool:  # noqa: N802
    """ "the 14th" alone is a date after "on", "since", "by" ... and before no noun."""
    if not _AFTER_ORDINAL.match(text, m.end()):
        return False
    weekday = text[m.start() : m.start() + 3].lower() != "the"  # "Tuesday the 4th"
    return weekday or bool(_ORDINAL_CUE.search(text, max(0, m.start() - 12), m.start()))


def _year(y: str | None) -> str:
    if not y:
        return "[DATE]"
    if y.startswith("'") or len(y) == 2:
        yy = int(y.lstrip("'"))
        return f"{2000 + yy if yy <= 40 else 1900 + yy}"
    return y


_MONTH_ANCHOR = re.compile(rf"\b(?:{_MONTHS})\b")


def _windowed(
    pattern: re.Pattern[str], text: str, anchors: list[int], before: int = 32, after: int = 40
) -> list[re.Match[str]]:
    """The matches of a pattern that needs an anchor (a month name, a number from 90 to 119),
    looked for only around the anchors: one pass over the text finds them, and the pattern then
    runs on short windows."""
    found: dict[tuple[int, int], re.Match[str]] = {}
    for a in anchors:
        for m in pattern.finditer(text, max(0, a - before), min(len(text), a + after)):
            found.setdefault(m.span(), m)
    return [found[k] for k in sorted(found)]


def dates(text: str, low: str) -> Iterator[Candidate]:
    if not DIGIT.search(low):
        return  # every date pattern has a day, a month or a year in digits
    anchors = [m.start() for m in _MONTH_ANCHOR.finditer(low)]
    for i, pattern in enumerate(_DATE_PATTERNS):
        matches = _windowed(pattern, low, anchors) if i in (2, 3, 4) else pattern.finditer(low)
        for m in matches:
            gd = m.groupdict()
            if gd.get("mo") == "may" and text[m.start("mo")] != "M":
                continue  # "may", the verb
            if i == 1:
                a, b = int(gd["a"]), int(gd["b"])
                if not ((1 <= a <= 12 and 1 <= b <= 31) or (1 <= b <= 12 and 1 <= a <= 31)):
                    continue
                if m.group(2) == "." and len(gd["y"]) == 2:
                    continue
            if gd.get("d") is not None and not 1 <= int(gd["d"]) <= 31:
                continue
            after = text[m.end() : m.end() + 14]
            if i in (2, 3) and gd.get("y") is None and (_UNIT_AFTER.match(after)):
                continue
            if i in (2, 3) and gd.get("y") is None and _TIME_OF_DAY.match(after):
                continue
            if i == 3 and gd.get("y") is None and re.match(r"\s*(?:am|pm)\b", after, re.I):
                continue
            if i == 4 and _PUBLICATION.match(text, m.end()):
                continue  # "the May 2024 ACC update"
            if i == 5 and not _ORDINAL_DAY_OK(text, m):
                continue  # "the 2nd time", "the 3rd trimester", "the 4th ventricle"
            end = m.end() - 1 if low[m.end() - 1] == "." else m.end()
            yield m.start(), end, "date", _year(gd.get("y"))
    for m in _MONTH_YEAR.finditer(low):
        yield m.start(), m.end(), "date", m.group("y")
    for m in _SHORT_DATE.finditer(low):
        a, b = int(m.group("a")), int(m.group("b"))
        if not (1 <= a <= 12 and 1 <= b <= 31):
            continue
        before = text[max(0, m.start() - 30) : m.start()]
        after = text[m.end() : m.end() + 14]
        if _UNIT_AFTER.match(after) or _SCHEDULE.match(after) or _SCORE_BEFORE.search(before):
            continue
        if _DATE_CUE.search(before) or (b > 12 and b not in (20, 24, 30)):
            yield m.start(), m.end(), "date", "[DATE]"


# --- ages over 89 ------------------------------------------------------------------------------
_AGE_NUM = r"(?P<n>9\d|1[01]\d)"
_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_AGE_WORD = (
    r"(?P<w>(?i:ninety|one\s+hundred(?:\s+and)?|a\s+hundred(?:\s+and)?|hundred(?:\s+and)?)"
    r"(?:[\s-](?i:one|two|three|four|five|six|seven|eight|nine))?)"
)
_AGE_TAIL = (
    r"(?i:\s*-?\s*(?:y/?o\b|y\.\s?o\.?|yo\b|yrs?\b\.?|years?[\s-]+old|year[\s-]+old|yr[\s-]+old"
    r"|years?\s+of\s+age|y\b(?=\s*[/,]?\s*[MFmf]\b)|-?years?-?old|yr?s?\s*/?\s*[MF]\b|yoM|yoF"
    r"|[MF](?=\b)))"
)
_AGES = (
    re.compile(rf"(?<![\d.,/+°-]){_AGE_NUM}(?![\d.+%]){_AGE_TAIL}"),
    re.compile(
        rf"(?i:\bage[ds]?\b|\baged\b)\s*(?:is|was|of|:|=|-)?\s*{_AGE_NUM}(?!\d|\.\d|[%+])"
        r"(?!\s*(?i:days?|d\b|weeks?|wks?|months?|mos?|hours?|hrs?|minutes?|mins?))"
    ),
    re.compile(rf"(?i:\bturn(?:ed|ing|s)\b|\bnow\b)\s+{_AGE_NUM}(?!\d|\.\d|[%+])"),
    re.compile(
        rf"(?i:\b(?:he|she|patient|pt|mother|father|mom|dad|grandmother|grandfather|they|wife"
        rf"|husband|who)\s+(?:is|was|'s|turned|will\s+be))\s+{_AGE_NUM}(?!\d|\.\d|[%+/])"
        rf"(?!\s*(?i:%|percent|mg|kg|lbs?|mmhg|bpm|beats|cm|over|on|/|f\b|°|degrees|mm|min))"
    ),
    re.compile(
        rf"(?i:\b(?:died|dies|passed\s+away|passed|deceased|death|expired)\s+(?:at|aged?)\s+"
        rf"(?:the\s+)?(?:age\s+(?:of\s+)?)?){_AGE_NUM}(?!\d|\.\d|[%+])"
    ),
    re.compile(
        rf"(?i:\b(?:wife|husband|mother|father|mom|dad|grandmother|grandfather|aunt|uncle|sister"
        rf"|brother|patient|pt|spouse|partner)\s*\(\s*){_AGE_NUM}\s*(?:y(?:rs?|o)?)?\s*\)"
    ),
    re.compile(rf"(?<![\w/])[MF]\s?/\s?{_AGE_NUM}(?!\d|\.\d|[%+/])"),
    re.compile(rf"\b{_AGE_WORD}(?:[\s-]+(?i:year|years|yr))[\s-]+(?i:old)\b"),
    re.compile(rf"\b{_AGE_WORD}\s+(?i:years\s+of\s+age|y/o|yo)\b"),
    re.compile(
        rf"(?i:\b(?:is|was|turned|turns|aged|age|now)\s+){_AGE_WORD}\b(?![\s-]+(?i:percent|%))"
    ),
    re.compile(r"(?i:\bin\s+(?:his|her|their)\s+(?:early\s+|mid-?\s*|late\s+)?nineties\b)"),
    re.compile(r"(?i:\bin\s+(?:his|her|their)\s+(?:early\s+|mid-?\s*|late\s+)?)(?P<n>9\ds)\b"),
    re.compile(r"(?i:\b(?:nonagenarian|centenarian|supercentenarian)s?\b)"),
)
_TEMP_AFTER = re.compile(r"\s*(?i:oral|orally|axillary|rectal|temporal|tympanic|po\b|ax\b)")
_TEMP_BEFORE = re.compile(
    r"(?i:temp|t\b|tmax|febrile|fever|°|degrees|hr|pulse|sat|spo2|o2)\W{0,4}$"
)


# A number from 90 to 119 (not inside a longer one). Found without a leading (?<!\d), which
# makes the engine try every position; a match right after a digit is then left out (it cannot
# hide one that is not: that one would have to start on one of its digits).
_AGE_HINT_NUM = re.compile(r"(?:9\d|1[01]\d)(?!\d)")
_AGE_HINT_WORDS = ("ninet", "hundred", "genarian", "centenarian")
_AGE_HINT_WORD = re.compile("(?i)" + "|".join(_AGE_HINT_WORDS))


def _age_anchors(text: str) -> list[int]:
    """Where a number from 90 to 119 starts (the search of ``(?<!\\d)`` + _AGE_HINT_NUM)."""
    return [
        a
        for a in (m.start() for m in _AGE_HINT_NUM.finditer(text))
        if not (a and text[a - 1].isdecimal())  # isdecimal() is what \d matches
    ]


def ages(text: str) -> Iterator[Candidate]:
    anchors = _age_anchors(text)
    if text.isascii():  # (?i) on ASCII text is the lower case's plain search
        low = text.lower()
        words = any(w in low for w in _AGE_HINT_WORDS)
    else:
        words = bool(_AGE_HINT_WORD.search(text))
    for i, pattern in enumerate(_AGES):
        numeric = "(?P<n>" in pattern.pattern
        if not (anchors if numeric else words):
            continue
        for m in _windowed(pattern, text, anchors, 40, 30) if numeric else pattern.finditer(text):
            if "n" in m.re.groupindex and m.group("n") is not None:
                if i == 0:
                    tail = text[m.end("n") : m.end()].strip()
                    before = text[max(0, m.start() - 12) : m.start()]
                    if tail in ("F", "M", "f", "m") and _TEMP_BEFORE.search(before):
                        continue
                    if tail.upper() == "F" and text[m.end() : m.end() + 1] == "°":
                        continue
                    if tail.upper() == "F" and _TEMP_AFTER.match(text, m.end()):
                        continue  # "98 F oral": a temperature
                start, end = m.start("n"), m.end("n")
            elif "w" in m.re.groupindex and m.group("w") is not None:
                start, end = m.start("w"), m.end("w")
            else:
                start, end = m.start(), m.end()
            yield start, end, "age", "90+"
