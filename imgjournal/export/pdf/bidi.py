"""Arabic (and Hebrew) text for the PDF: joined letters, right-to-left order.

reportlab draws characters left to right, one glyph each, and its own bidi support works only
for paragraphs of one font. So Arabic letters are first replaced by their contextual forms
(isolated, initial, medial, final: Unicode's "Arabic Presentation Forms", which every Arabic
font maps, DejaVu Sans and Noto Sans Arabic included; lam + alef become their ligature), then
each right-to-left stretch of text is written in visual order: its words reversed and the
letters of each reversed, numbers and Latin words inside it kept left to right, brackets
mirrored. A paragraph that starts with a right-to-left letter is reversed whole (its Latin
words keep their order); otherwise the paragraph stays left to right, which is right for a name
or a phrase in a Latin sentence. An entry's paragraph that starts with a right-to-left letter
is printed by :mod:`.rtl_para`: right-aligned, broken into lines in reading order, each line
reversed on its own.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["base_direction", "has_rtl", "shape_arabic", "visual"]

_RTL_CHARS = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
_HAS_RTL = re.compile(f"[{_RTL_CHARS}]")
_HAS_ARABIC = re.compile("[\u0600-\u06ff]")
_MIRROR = str.maketrans("()[]{}<>«»", ")(][}{><»«")
_TATWEEL = "\u0640"
_ZWJ = "\u200d"


def has_rtl(text: str) -> bool:
    return _HAS_RTL.search(text) is not None


@functools.lru_cache(maxsize=512)
def _forms(ch: str) -> tuple[str, str, str, str] | None:
    """(isolated, final, initial, medial) presentation forms of an Arabic letter ("" where
    it has none), or None for a character that does not join."""
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return None
    if not name.startswith("ARABIC LETTER "):
        return None
    out = []
    for form in ("ISOLATED", "FINAL", "INITIAL", "MEDIAL"):
        try:
            out.append(unicodedata.lookup(f"{name} {form} FORM"))
        except KeyError:
            out.append("")
    if not out[0] and not out[1]:
        return None
    return (out[0] or ch, out[1], out[2], out[3])


def _joins_next(ch: str) -> bool:
    """Whether ``ch`` connects to the letter after it (a dual-joining letter, tatweel)."""
    if ch in (_TATWEEL, _ZWJ):
        return True
    f = _forms(ch)
    return f is not None and bool(f[2])


def _joins_prev(ch: str) -> bool:
    if ch in (_TATWEEL, _ZWJ):
        return True
    f = _forms(ch)
    return f is not None and bool(f[1])


_LAM = "\u0644"
_LAM_ALEF = {  # lam + alef: (isolated, final)
    "\u0622": ("\ufef5", "\ufef6"),
    "\u0623": ("\ufef7", "\ufef8"),
    "\u0625": ("\ufef9", "\ufefa"),
    "\u0627": ("\ufefb", "\ufefc"),
}


def shape_arabic(text: str) -> str:
    """``text`` with each Arabic letter in its contextual form (logical order kept)."""
    if _HAS_ARABIC.search(text) is None:
        return text
    out: list[str] = []
    n = len(text)
    i = 0

    def neighbour(k: int, step: int) -> str:
        k += step
        while 0 <= k < n and unicodedata.category(text[k]) == "Mn":
            k += step  # harakat do not break the joining
        return text[k] if 0 <= k < n else ""

    while i < n:
        ch = text[i]
        forms = _forms(ch)
        if forms is None:
            out.append(ch)
            i += 1
            continue
        prev = neighbour(i, -1)
        joined_before = bool(prev) and _joins_next(prev)
        nxt_i = i + 1
        while nxt_i < n and unicodedata.category(text[nxt_i]) == "Mn":
            nxt_i += 1
        nxt = text[nxt_i] if nxt_i < n else ""
        if ch == _LAM and nxt in _LAM_ALEF:
            iso, fin = _LAM_ALEF[nxt]
            out.append(fin if joined_before else iso)
            out.extend(text[i + 1 : nxt_i])  # the marks on the lam
            i = nxt_i + 1
            continue
        joined_after = bool(forms[2]) and bool(nxt) and _joins_prev(nxt)
        if joined_before and joined_after and forms[3]:
            out.append(forms[3])
        elif joined_before and forms[1]:
            out.append(forms[1])
        elif joined_after and forms[2]:
            out.append(forms[2])
        else:
            out.append(forms[0])
        i += 1
    return "".join(out)


def _strong(ch: str) -> str:
    """'R', 'L' or '' (neutral, numbers) for ``ch``."""
    bidi = unicodedata.bidirectional(ch)
    if bidi in ("R", "AL"):
        return "R"
    if bidi == "L":
        return "L"
    return ""


_WORD = re.compile(r"\S+|\s+")


def base_direction(text: str) -> str:
    """'R' when the first strong character of ``text`` is right-to-left, 'L' when it is
    left-to-right, '' when it has none."""
    return next((d for d in map(_strong, text) if d), "")


def visual(text: str, *, rtl: bool = False) -> str:
    """``text`` with its right-to-left stretches in visual order; a paragraph whose first
    strong character is right-to-left (or any ``text`` when ``rtl``: a line of such a
    paragraph) is reversed whole, its left-to-right words kept in their order."""
    if not has_rtl(text):
        return text
    first = "R" if rtl else base_direction(text)
    if first == "R":  # a right-to-left paragraph: the whole of it, Latin words kept in order
        body = text.strip()
        if body:
            lead = text[: len(text) - len(text.lstrip())]
            tail = text[len(lead) + len(body) :]
            return lead + _reverse_stretch(body) + tail
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if _strong(text[i]) != "R":
            out.append(text[i])
            i += 1
            continue
        # A stretch runs from a right-to-left character to the last one before the next
        # left-to-right letter; the neutrals after it stay where they are.
        j = i
        last = i
        while j < n and _strong(text[j]) != "L":
            if _strong(text[j]) == "R":
                last = j
            j += 1
        out.append(_reverse_stretch(text[i : last + 1]))
        i = last + 1
    return "".join(out)


def _reverse_stretch(stretch: str) -> str:
    # Reverse character by character, keeping each number (and any left-to-right piece) and
    # each letter with its combining marks together and in its own order.
    units: list[str] = []
    k, n = 0, len(stretch)
    while k < n:
        ch = stretch[k]
        m = k + 1
        if _strong(ch) == "L":  # a left-to-right piece inside: its words keep their order
            while m < n and _strong(stretch[m]) != "R":
                m += 1
            while m > k + 1 and not _strong(stretch[m - 1]) and not stretch[m - 1].isdigit():
                m -= 1  # the spaces and punctuation after it belong to the stretch
        elif unicodedata.bidirectional(ch) in ("EN", "AN"):
            while m < n and (
                unicodedata.bidirectional(stretch[m]) in ("EN", "AN")
                or (stretch[m] in ".,:" and m + 1 < n and stretch[m + 1].isdigit())
            ):
                m += 1
        else:
            while m < n and unicodedata.category(stretch[m]) in ("Mn", "Me"):
                m += 1
        units.append(stretch[k:m])
        k = m
    return "".join(reversed(units)).translate(_MIRROR)
