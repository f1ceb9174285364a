"""The checker's word lists and gazetteer, loaded once on first use (not on import).

They are built from the gzipped lists in data/ and from vocab.py (:func:`_build`, about 0.15 s
and more on a busy machine). A copy of what that builds ships beside them, data/lexicon.pickle,
made by ``python -m imgjournal.deid.build_data --cache``; it loads in a third of the time (each
worker process of a large import's privacy count loads the lists once). It carries a fingerprint
of the sources it was built from and is used only when the sources still have it; a copy that
is missing, unreadable or made from other sources is passed over and the lists are built. A
test holds the shipped copy to what the sources build.
"""

from __future__ import annotations

import gzip
import hashlib
import pickle
import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from imgjournal.deid import vocab

DATA_DIR = Path(__file__).with_name("data")
CACHE = DATA_DIR / "lexicon.pickle"
CACHE_FORMAT = 1  # raise it when _build() changes what it makes of the same sources
_SOURCES = (
    "first.txt.gz",
    "last.txt.gz",
    "words.txt.gz",
    "top-words.txt.gz",
    "places.txt.gz",
    "zips.txt.gz",
)
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


def _automaton(places: dict[str, Any]) -> Any:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for key in places:
        automaton.add_word(key, key)
    automaton.make_automaton()
    return automaton


def _build() -> Lexicon:
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
        automaton=_automaton(places),
        zips=bytes(bits),
    )


_SETS = ("first", "last", "words", "top", "stop", "clinical", "eponyms")


def fingerprint() -> str:
    """What the lists are built from: the data files and the vocabulary they are sifted with."""
    digest = hashlib.sha256(f"imgjournal lexicon {CACHE_FORMAT}".encode())
    for name in _SOURCES:
        digest.update((DATA_DIR / name).read_bytes())
    used = (vocab.MEDICAL, vocab.DRUGS, vocab.EPONYMS, vocab.PERSONAL_EPONYMS)
    digest.update(repr([sorted(words) for words in used]).encode())
    digest.update(repr(sorted(vocab.US_STATES.items())).encode())
    return digest.hexdigest()


def cached_form(lex: Lexicon) -> dict[str, Any]:
    """What data/lexicon.pickle holds for ``lex``: the sets sorted (the same bytes each time
    it is made), the places in their order, the ZIP bits, and the sources' fingerprint."""
    fields: dict[str, Any] = {name: tuple(sorted(getattr(lex, name))) for name in _SETS}
    fields["places"] = lex.places
    fields["zips"] = lex.zips
    return {"fingerprint": fingerprint(), "fields": fields}


def _from_cache() -> Lexicon | None:
    """The lists from data/lexicon.pickle, or None when it is missing, unreadable or made from
    other sources than those beside it."""
    try:
        with CACHE.open("rb") as f:
            saved = pickle.load(f)
        if not isinstance(saved, dict) or saved.get("fingerprint") != fingerprint():
            return None
        fields = saved["fields"]
        sets = {name: frozenset(fields[name]) for name in _SETS}
        return Lexicon(
            **sets,
            places=fields["places"],
            zips=fields["zips"],
            automaton=_automaton(fields["places"]),
        )
    except Exception:  # noqa: BLE001 - any damage to the copy: build from the sources
        return None


def load() -> Lexicon:
    """The lists: from the shipped copy where it fits the sources, else built."""
    return _from_cache() or _build()


def lexicon() -> Lexicon:
    global _loaded
    if _loaded is None:
        with _lock:
            if _loaded is None:
                _loaded = load()
    return _loaded
