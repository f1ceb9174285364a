"""The checker's word lists and gazetteer, loaded once on first use (not on import)."""

from __future__ import annotations

import gzip
import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from imgjournal.deid import vocab

DATA_DIR = Path(__file__).with_name("data")
_lock = threading.Lock()
_loaded: Lexicon | None = None


def _lines(name: str) -> list[str]:
    with gzip.open(DATA_DIR / name, "rt", encoding="utf-8") as f:
        return f.read().split("\n")


def _set(name: str) -> frozenset[str]:
    """The lines of a data file, the empty one (after the last newline) left out."""
    return frozenset(_lines(name)).difference(("",))


@dataclass
class Lexicon:
    first: frozenset[str]
    last: frozenset[str]
    words: frozenset[str]
    top: frozenset[str]  # the thousand most common English words
    stop: frozenset[str]  # clinical vocabulary, eponyms and drugs: never a name or a place
    clinical: frozenset[str]  # the clinical vocabulary and drugs only
    eponyms: frozenset[str]
    places: dict[str, tuple[str, ...]]  # lower-case place name -> the states that have one
    zips: bytes  # a bit per five-digit number: set when it is a US ZIP code
    automaton: Any  # ahocorasick.Automaton over the multi-word and single-word place names

    def is_zip(self, five: str) -> bool:
        n = int(five)
        return bool(self.zips[n >> 3] & (1 << (n & 7)))

    @cached_property
    def state_names(self) -> dict[str, str]:
        return {v.lower(): k for k, v in vocab.US_STATES.items()}


_SHORTENED = (("saint ", ("st. ", "st ")), ("mount ", ("mt. ", "mt ")), ("fort ", ("ft. ",)))


def _variants(key: str) -> list[str]:
    """A place name as people write it: "Saint Louis" is also "St. Louis" and "St Louis"."""
    if "t " not in key:  # each long form ends in "t ": most names have none (the fast way)
        return [key]
    out = [key]
    for long, shorts in _SHORTENED:
        if long in f" {key}":
            out += [f" {key}".replace(f" {long}", f" {s}").strip() for s in shorts]
    return out


def _build() -> Lexicon:
    import ahocorasick

    clinical = frozenset(vocab.MEDICAL) | frozenset(vocab.DRUGS)
    eponyms = frozenset(vocab.EPONYMS) - frozenset(vocab.PERSONAL_EPONYMS)
    stop = clinical | eponyms
    words = _set("words.txt.gz")
    first = _set("first.txt.gz") - clinical
    last = _set("last.txt.gz") - clinical
    left_out = clinical | {v.lower() for v in vocab.US_STATES.values()}
    places: dict[str, set[str]] = {}
    for line in _lines("places.txt.gz"):
        name, _, state = line.rpartition("|")
        key = name.lower()
        if len(key) < 3 or key in left_out or not key[0].isalpha():
            continue  # (an empty line has no key)
        for variant in _variants(key):
            if variant in places:
                places[variant].add(state)
            else:
                places[variant] = {state}
    automaton = ahocorasick.Automaton()
    for key in places:
        automaton.add_word(key, key)
    automaton.make_automaton()
    bits = bytearray(100_000 // 8 + 1)
    for z in _lines("zips.txt.gz"):
        if z:
            n = int(z)
            bits[n >> 3] |= 1 << (n & 7)
    return Lexicon(
        first=first,
        last=last,
        words=words,
        top=_set("top-words.txt.gz"),
        stop=stop,
        clinical=clinical,
        eponyms=eponyms,
        places={k: tuple(sorted(v)) for k, v in places.items()},
        automaton=automaton,
        zips=bytes(bits),
    )


def lexicon() -> Lexicon:
    global _loaded
    if _loaded is None:
        with _lock:
            if _loaded is None:
                _loaded = _build()
    return _loaded
