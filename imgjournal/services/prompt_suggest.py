"""Which interview prompts could this entry answer? Suggestions from the entry's own words.

Each prompt is described by a set of *terms*: the words of its text, its category's name and the
keywords of resources/prompt_keywords.json (a phrase there is several words in a row). An
entry's terms are the words of its title, body, STAR-L fields (a feedback entry's words and
actions) and tags. A prompt scores the sum of the weights of the terms it shares with the
entry:

- a term found in the entry's tags weighs :data:`TAG_WEIGHT`, in its title :data:`TITLE_WEIGHT`,
  anywhere else 1;
- a context keyword (marked ``~``: "nurse" for the conflict prompt) weighs
  :data:`CONTEXT_WEIGHT` of that, and a prompt needs one other term to be suggested;
- a term many prompts share says little about any one of them: its weight is multiplied by
  ``min(1, SPECIFIC_DF / df)``, df being how many of the prompts have the term ("patient" is
  in a dozen prompts, "conflict" in one or two).

Prompts sharing at least :data:`MIN_MATCHES` terms and scoring at least :data:`THRESHOLD` (two
specific words, or a specific tag and one more word) are suggested,
best first, at most :data:`MAX_SUGGESTIONS`; each names the entry's words that matched, so the
user sees why ("matches: conflict, nurse"). An entry that shares nothing specific with any
prompt gets no suggestion. Words are compared case- and accent-insensitively after a light
stemming (nurses ~ nurse, handled ~ handling).

Pure functions of plain data: no database, no Qt.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import islice
from typing import Any

from imgjournal.domain import PromptCategory
from imgjournal.resources import resource_path
from imgjournal.services.dto import PromptDTO

THRESHOLD = 2.0
MAX_SUGGESTIONS = 5
TAG_WEIGHT = 2.0
TITLE_WEIGHT = 1.5
SPECIFIC_DF = 2.0
CONTEXT_WEIGHT = 0.5
MIN_MATCHES = 2
MAX_PHRASE = 3
SHOWN_MATCHES = 4
MAX_WORDS = 20_000  # an entry longer than this is read from its start

# Function words, and the words every interview question is made of ("Tell me about a time
# you ..."): they say nothing about which story fits.
_STOP_TEXT = """
a about above after again against all also am an and any are as at be been before being both
but by can could did do does doing done down during each else ever few for from get got had has
have having he her here hers him his how i if in into is it its just me more most much my no
nor not now of off on once one only or other our ours out over own same she should so some such
than that the their theirs them then there these they this those through to too under until up
us very was we were what when where which while who whom why will with would you your yours
yourself tell time describe example handle handled approach respond someone something thing
things way like think say said go went see saw make made want know well many still part show
receive learn experience ask
"""
STOPWORDS = frozenset(_STOP_TEXT.split())
_KEEP = frozenset({"news"})  # words whose last letter is not a plural's

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def fold(text: str) -> str:
    """``text`` case-folded with its accents dropped (Ramírez ~ ramirez)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def stem(word: str) -> str:
    """A light English stemmer: enough for nurses ~ nurse, handled ~ handling, families ~
    family; never shorter than three letters."""
    w = word.replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w in _KEEP:
        return w
    plural_only = True
    for suffix, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ):
        if not w.endswith(suffix) or len(w) - len(suffix) < 3:
            continue
        if suffix == "s" and w[-2] in "siu":  # stress, diagnosis, status
            break
        if suffix == "es" and w[-3] not in "sxz" and not w.endswith(("ches", "shes")):
            w = w[:-1]  # nurses -> nurse (-> nurs below); boxes -> box
            break
        w = w[: -len(suffix)] + repl
        plural_only = suffix in ("es", "s")
        break
    if plural_only and w.endswith("e") and len(w) > 3 and w[:-1] not in STOPWORDS:
        w = w[:-1]  # nurse ~ nursing, handle ~ handled: -ing and -ed took the e already
    return w


_STOP_STEMS = frozenset(stem(w) for w in STOPWORDS)


def words(text: str, limit: int | None = None) -> list[tuple[str, str]]:
    """(stem, surface word) for each word of ``text`` (its first ``limit``), in order; the
    surface is case-folded."""
    out = []
    for m in islice(_WORD.finditer(text), limit):
        surface = m.group(0).casefold()
        out.append((stem(fold(surface)), surface))
    return out


def terms_of(text: str, starts: frozenset[str] | None = None) -> dict[str, str]:
    """The terms ``text`` holds, each with how it reads in the text: every word that is not a
    stop word, and every run of 2 to :data:`MAX_PHRASE` words (stop words included, so that
    "end of life" is one term); with ``starts``, only the runs whose first stem is in it. Only
    the first :data:`MAX_WORDS` words are read."""
    seq = words(text, MAX_WORDS)
    found: dict[str, str] = {}
    for i, (st, surface) in enumerate(seq):
        if st not in _STOP_STEMS:
            found.setdefault(st, surface)
        if starts is not None and st not in starts:
            continue
        for n in range(2, MAX_PHRASE + 1):
            run = seq[i : i + n]
            if len(run) < n:
                break
            found.setdefault(" ".join(s for s, _ in run), " ".join(w for _, w in run))
    return found


def keyword_terms(phrases: Iterable[str]) -> set[str]:
    """The terms of keywords: a single word by its stem (unless it is a stop word), a phrase
    by the stems of its words in a row."""
    out: set[str] = set()
    for phrase in phrases:
        seq = words(phrase)
        if len(seq) == 1:
            if seq[0][0] not in _STOP_STEMS:
                out.add(seq[0][0])
        elif 1 < len(seq) <= MAX_PHRASE:
            out.add(" ".join(s for s, _ in seq))
    return out


@cache
def builtin_keywords() -> dict[str, tuple[str, ...]]:
    """The keywords of each built-in prompt, by its key (resources/prompt_keywords.json); a
    context word starts with ``~``."""
    data = json.loads(resource_path("prompt_keywords.json").read_text(encoding="utf-8"))
    return {key: tuple(items) for key, items in data["keywords"].items()}


def _category_words(category: str) -> str:
    if category in PromptCategory.values():
        return PromptCategory(category).label
    return category


@dataclass(frozen=True)
class PromptTerms:
    """What a prompt is about: ``core`` terms (its text's words, its category's name, its
    keywords) and ``context`` terms (keywords marked ``~``: they count
    :data:`CONTEXT_WEIGHT`, and never make a suggestion on their own)."""

    core: frozenset[str]
    context: frozenset[str]

    @property
    def all(self) -> frozenset[str]:
        return self.core | self.context


def prompt_terms(
    prompt: PromptDTO, keywords: dict[str, tuple[str, ...]] | None = None
) -> PromptTerms:
    kw = builtin_keywords() if keywords is None else keywords
    own = kw.get(prompt.key or "", ())
    text_terms = {t for t in terms_of(prompt.text) if " " not in t}
    cat_terms = {t for t in terms_of(_category_words(prompt.category)) if " " not in t}
    core = text_terms | cat_terms | keyword_terms(k for k in own if not k.startswith("~"))
    context = keyword_terms(k[1:] for k in own if k.startswith("~")) - core
    return PromptTerms(frozenset(core), frozenset(context))


@dataclass(frozen=True)
class EntryText:
    """The parts of an entry suggestions read: its title, its other text and its tags."""

    title: str = ""
    text: str = ""
    tags: tuple[str, ...] = ()


def entry_text(entry: Any) -> EntryText:
    """The words of an entry (an EntryDTO, or the editor's state of one): title; body, the
    case's complaint and STAR-L story or the feedback's words, actions and giver; tags."""
    parts = [getattr(entry, "body", "") or ""]
    case = getattr(entry, "case", None)
    if case is not None:
        parts += [
            case.chief_complaint,
            case.situation,
            case.task,
            case.action,
            case.result,
            case.lesson,
        ]
    feedback = getattr(entry, "feedback", None)
    if feedback is not None:
        parts += [feedback.words, feedback.action_items]
        parts += [v for v in (feedback.giver_role, feedback.feedback_kind) if v]
    return EntryText(
        title=getattr(entry, "title", "") or "",
        text="\n".join(p for p in parts if p),
        tags=tuple(getattr(entry, "tags", ()) or ()),
    )


@dataclass(frozen=True)
class Suggestion:
    prompt_id: int
    score: float
    matches: tuple[str, ...]  # the entry's words that matched, the weightiest first

    @property
    def why(self) -> str:
        """``matches: conflict, nurse`` — what the picker shows under a suggested prompt."""
        return "matches: " + ", ".join(self.matches[:SHOWN_MATCHES])


def suggest(
    entry: EntryText,
    prompts: Sequence[PromptDTO],
    *,
    exclude: Iterable[int] = (),
    keywords: dict[str, tuple[str, ...]] | None = None,
    limit: int = MAX_SUGGESTIONS,
    threshold: float = THRESHOLD,
) -> list[Suggestion]:
    """The prompts ``entry`` could answer, best first (see the module's docstring).

    Hidden prompts and those in ``exclude`` (already linked) are never suggested, but all of
    ``prompts`` count for how specific a term is. Ties keep the library's order.
    """
    described = [(p, prompt_terms(p, keywords)) for p in prompts]
    df: dict[str, int] = {}
    for _, terms in described:
        for t in terms.all:
            df[t] = df.get(t, 0) + 1
    # Each of the entry's terms that some prompt has, with its weight by where it was found
    # (the weightiest place wins) and how it reads there.
    found: dict[str, tuple[float, str]] = {}
    places = [(tag.replace("-", " ").replace("_", " "), TAG_WEIGHT) for tag in entry.tags]
    places += [(entry.title, TITLE_WEIGHT), (entry.text, 1.0)]
    starts = frozenset(t.split(" ", 1)[0] for t in df if " " in t)
    for text, weight in places:
        for term, surface in terms_of(text, starts).items():
            if term in df and (term not in found or found[term][0] < weight):
                found[term] = (weight, surface)
    skip = set(exclude)
    scored: list[tuple[float, int, Suggestion]] = []
    for order, (p, terms) in enumerate(described):
        if p.hidden or p.id in skip or not terms.core & found.keys():
            continue
        hits = []
        for term in terms.all & found.keys():
            weight, surface = found[term]
            weight *= min(1.0, SPECIFIC_DF / df[term])
            if term in terms.context:
                weight *= CONTEXT_WEIGHT
            hits.append((weight, surface))
        score = round(sum(w for w, _ in hits), 6)
        if score < threshold or len(hits) < MIN_MATCHES:
            continue
        hits.sort(key=lambda h: (-h[0], h[1]))
        matches = _distinct(surface for _, surface in hits)
        scored.append((-score, order, Suggestion(p.id, score, matches)))
    scored.sort(key=lambda s: (s[0], s[1]))
    return [s for _, _, s in scored[:limit]]


def _distinct(items: Iterable[str]) -> tuple[str, ...]:
    """Matched words once each, and a word already inside a matched phrase left out."""
    out: list[str] = []
    for item in items:
        if item in out or any(f" {item} " in f" {o} " for o in out):
            continue
        out = [o for o in out if f" {o} " not in f" {item} "]
        out.append(item)
    return tuple(out)


def suggest_for_entry(
    entry: Any, prompts: Sequence[PromptDTO], *, exclude: Iterable[int] = ()
) -> list[Suggestion]:
    """:func:`suggest` for an EntryDTO (or the editor's state of one)."""
    return suggest(entry_text(entry), prompts, exclude=exclude)
