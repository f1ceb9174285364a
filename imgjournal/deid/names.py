"""Names of patients, relatives and staff: after cues, initials with surnames, and capitalised
words found in the first-name and surname lists that are not common English or clinical words."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

from imgjournal.deid import vocab
from imgjournal.deid.data import Lexicon
from imgjournal.deid.vocab import _w

Candidate = tuple[int, int, str, str]

# A word: letters, with an apostrophe or a hyphen inside ("O'Neil", "co-worker"), and its dot.
# The same tokens as r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*\.?" (a test holds the two
# equal), written so that the regex engine runs through the letters of a word in one loop.
_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*\.?")
_TITLES = frozenset(vocab.TITLES)
_ROLES = frozenset(vocab.ROLES)
# Words a cue may be followed by before the name ("her daughter, Maria", "nurse was Kelly").
_GLUE = frozenset({"is", "was", "named", "called", "by", "name", "'s", "the", "of"})
_NOT_NAME = frozenset(
    _w(
        """
    i i'm i've me my we our us you your he she him her his hers they them their it its this that
    these those the a an and or but nor so yet for of in on at to from by with without into
    onto over under about after before during while when where who whom whose which what why
    how all any both each either neither every no not none some such than then there here
    also very much more most less least few many other another same own just only even
    has have had was were is are be been being do does did can could will would shall should
    may might must ok okay yes hi hello dear thanks thank per via vs etc re mr mrs ms dr
    said says told asked came went got took gave made saw felt seemed looked noted found
    plan status post s/p pt pts patient patients family mom dad
    """
    )
)


_KEEP_LOWER = _TITLES | _ROLES | _GLUE | {"goes", "and", "mrs", "mr"}
_KEEP_FORMS = _KEEP_LOWER | {w + "." for w in _KEEP_LOWER}  # as a token holds them
# The bases a cue of rule 1 has: a title, a short title in lower case, a role, "by".
_CUE_BASES = _TITLES | _ROLES | {"mr", "mrs", "ms", "dr", "by"}
_ABBREV_CUES = frozenset({"pt", "dr", "mr", "mrs", "ms", "rn", "np", "pa", "md", "pts"})


def _endings(alternatives: str) -> tuple[str, ...]:
    """The words of ``a|b|c``: ``word.endswith(_endings("a|b|c"))`` is the search of
    ``(?:a|b|c)$`` in a word (a word holds no newline), without the regex engine trying the
    pattern at every position (a test holds the two equal)."""
    return tuple(alternatives.split("|"))


_CLINICAL_SUFFIX = _endings(
    "ular|ic|itis|osis|emia|aemia|ous|tion|sion|ology|ectomy|otomy|ism|ive|ary|ory|ment"
    "|ness|ity|scopy|gram|pathy|plasty|algia|uria|trophy|oma|ase|ide|ene|ine|ate|ing|ed"
)
_TERM_SUFFIX = _endings("pathy|itis|oma|osis|emia|ectomy|plasty|scopy|otomy|algia")
_TERM_AFTER = re.compile(r"['’]?s?\s+([A-Za-z]+)")


def _term_after(text: str, end: int) -> bool:
    """The word after ``end`` makes an eponymous term ("Austin Flint murmur", "Wells score")."""
    w = _TERM_AFTER.match(text, end)
    if not w:
        return False
    word = w.group(1).lower()
    return word in vocab.TERM_AFTER_SET or word.endswith(_TERM_SUFFIX)


_PLACE_BEFORE = re.compile(
    r"(?i:\b(?:born|raised|grew\s+up|lives|lived|living|moved|relocated|emigrated|immigrated"
    r"|came|flew|resides|resident)\s+(?:in|to|from|of)\s+)$"
)


_LETTERS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})


def _fold(word: str) -> str:
    if word.isascii():  # no "’" to turn into "'"
        w = word.lower().rstrip(".")
        return w[:-2] if w.endswith("'s") else w
    else:
        w = unicodedata.normalize("NFKD", word)
        w = "".join(c for c in w if not unicodedata.combining(c)).lower().rstrip(".")
        w = w.translate(_LETTERS)
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    return w.replace("’", "'")


_BEFORE_WORD = frozenset(" \t\"'“‘(*_#>|-•")  # what may stand between a sentence's end and its word


class _Tok:
    __slots__ = ("start", "end", "raw", "base", "cap", "upper", "initial", "sent_start")

    def __init__(self, m: re.Match[str], text: str) -> None:
        raw = m.group(0)
        start = m.start()
        self.raw = raw
        self.start = start
        self.base, self.cap, self.upper, self.initial, cut = _shape(raw)
        self.end = m.end() - cut
        j = start - 1
        while j >= 0 and text[j] in _BEFORE_WORD:
            j -= 1
        self.sent_start = j < 0 or text[j] in ".!?:;\n—–"


_Shape = tuple[str, bool, bool, bool, int]
# What a token's text says about it, kept for the words seen (most repeat: "the", "Patient").
_SHAPES: dict[str, _Shape] = {}
_MOST_SHAPES = 100_000  # then the store starts again (a long-running app sees many words)


def _shape(raw: str) -> _Shape:
    """A token's folded base, whether it is capitalised, upper case or an initial, and how
    many characters its span leaves out at the end (its dot, unless it is an initial's)."""
    shape = _SHAPES.get(raw)
    if shape is None:
        has_dot = raw[-1] == "."
        word = raw[:-1] if has_dot else raw  # a token holds at most one dot, at its end
        cap = raw[0].isupper()
        cut = 0 if (has_dot and len(raw) == 2) else int(has_dot)
        shape = (_fold(raw), cap, len(word) > 1 and word.isupper(), cap and len(word) == 1, cut)
        if len(_SHAPES) >= _MOST_SHAPES:
            _SHAPES.clear()
        _SHAPES[raw] = shape
    return shape


def _namelike(t: _Tok, lex: Lexicon) -> bool:
    """A capitalised token that could be part of a name once a cue says a name is coming."""
    if not t.cap or t.base in _NOT_NAME or t.base in lex.stop and t.base not in lex.eponyms:
        return False
    # ICU, CHF, ED are not names
    return not (t.upper and len(t.base) <= 4 and not _listed(t, lex))


def _listed(t: _Tok, lex: Lexicon) -> bool:
    return t.base in lex.first or t.base in lex.last


_DRUG_SUFFIX = _endings(
    "mab|nib|pril|sartan|olol|statin|azole|cillin|mycin|floxacin|dipine|prazole|tidine"
    "|triptan|gliptin|gliflozin|glutide|parin|xaban|vir|zepam|zolam|oxetine|pramine|triptyline"
    "|peridol|apine|idone|terol|sone|olone|caine|profen|fenac|dronate|cept|cycline|conazole"
    "|tropium|lukast|setron|thiazide|semide|lamide|afil|tadine|gatran|plase|formin|glinide"
)


def _plain(t: _Tok, lex: Lexicon) -> bool:
    """A capitalised listed name that is not also a common or clinical word."""
    return (
        t.cap
        and not t.upper
        and len(t.base) > 1
        and _listed(t, lex)
        and t.base not in lex.words
        and t.base not in lex.stop
        and t.base not in _NOT_NAME
        and not t.base.endswith(_DRUG_SUFFIX)
    )


def _word_name(i: int, toks: list[_Tok], lex: Lexicon, text: str) -> bool:
    """A first name that is also a less common word ("Maria", "Grace"), capitalised alone in
    the middle of a lower-case sentence: "a call from Maria about the meds"."""
    t = toks[i]
    if not t.cap or t.upper or t.sent_start or len(t.base) < 3 or t.base not in lex.first:
        return False  # first names only: "Labor", "Billing" are surnames and departments
    if t.base not in lex.words or t.base in lex.top or t.base in lex.stop or t.base in _NOT_NAME:
        return False
    if t.base.endswith(_DRUG_SUFFIX):
        return False
    before = text[max(0, t.start - 2) : t.start]
    after = text[t.end : t.end + 2]
    prev = toks[i - 1] if i > 0 else None
    prev_cap = prev is not None and prev.end >= t.start - 1 and prev.cap and not prev.sent_start
    next_cap = i + 1 < len(toks) and toks[i + 1].start <= t.end + 1 and toks[i + 1].cap
    return not (prev_cap or next_cap) and not before.endswith(("*", "_", "#")) and after[:1] != "-"


def _surnamish(t: _Tok, lex: Lexicon) -> bool:
    """After a first name or an initial: a capitalised word that is a surname or unknown."""
    if not t.cap or t.upper and len(t.base) <= 3 or t.base in _NOT_NAME or t.base in lex.stop:
        return False
    return t.base in lex.last or (t.base not in lex.words and len(t.base) > 2)


# The glue words ("the", "of", "is", "was", "and", "by") are kept only where a rule can look at
# one: within three kept tokens after a cue, a title or "goes" (the farthest a rule looks from
# one: a title, "and", "Mrs.", then the name), or right after a kept token with one space
# between when the glue word is also a listed name ("the" is a surname: "pt name - maria Lopez
# Garcia Perez the" reads on over single spaces). Anywhere else every test of a next or previous
# token needs it capitalised, listed and not in _NOT_NAME, or a gap of at most two characters
# (three right after a cue), and the word left out widens the gap to at least three: the names
# found are the same, and most glue words (a sixth of all words) make no token.
_ANCHORS = _CUE_BASES | {"goes"}
_GLUE_WORDS = frozenset(w for w in _KEEP_LOWER - _ANCHORS if w[:1].isalpha()) | {"by"}
_NEAR = 3


def _kept_tokens(
    text: str,
    listed_glue: frozenset[str] | set[str],
    tok: type[_Tok] = _Tok,
    titles: frozenset[str] = _TITLES,
    forms: frozenset[str] = _KEEP_FORMS,
    keep_lower: frozenset[str] = _KEEP_LOWER,
    anchors: frozenset[str] = _ANCHORS,
    glue: frozenset[str] = _GLUE_WORDS,
    words: Callable[[str], Iterator[re.Match[str]]] = _TOKEN.finditer,
) -> list[_Tok]:
    """The tokens a rule of names() can look at: capitalised words, cue words, the one or two
    words after a title or "name" whatever their case, and glue words near a cue (above).
    ``listed_glue``: the glue words that are also in the name lists. (Every word of a text
    passes through this loop: it binds what it uses as arguments, the fastest names in Python.)
    """
    toks: list[_Tok] = []
    append = toks.append
    keep = 0  # how many tokens after a title or "name" are kept whatever their case
    since = _NEAR  # kept tokens since the last anchor
    for m in words(text):
        raw = m.group()
        if keep or raw[0].isupper():
            t = tok(m, text)
            append(t)
            base = t.base
            keep = 2 if base == "name" else (1 if base in titles else (keep - 1 if keep else 0))
            since = 0 if base in anchors else since + 1
        # most words are in lower case already and no keep word: then nothing more is asked
        elif raw in forms or not raw.islower():
            low = raw.lower().rstrip(".")
            if low not in keep_lower:
                continue
            if (
                low in glue
                and since >= _NEAR
                and not (low in listed_glue and toks and text[toks[-1].end : m.start()] == " ")
            ):
                continue  # no rule can look at this glue word
            t = tok(m, text)
            append(t)
            keep = 2 if low == "name" else (1 if low in titles else 0)
            since = 0 if t.base in anchors else since + 1
    return toks


def names(text: str, lex: Lexicon) -> Iterator[Candidate]:
    # Only the tokens a rule can look at (_kept_tokens). A dropped word between two kept ones
    # leaves a gap that breaks adjacency, which is what it should do.
    listed_glue = {w for w in _GLUE_WORDS if w in lex.first or w in lex.last}
    return _find(text, _kept_tokens(text, listed_glue), lex)


def _find(text: str, toks: list[_Tok], lex: Lexicon) -> Iterator[Candidate]:
    """The names the rules find among ``toks``, the tokens of ``text`` they look at."""
    n = len(toks)
    taken = [False] * n

    def gap(i: int) -> str:
        return text[toks[i - 1].end : toks[i].start]

    def extend(i: int) -> int:
        """The last token index of a name starting at ``i`` (more names or initials after it)."""
        j = i
        while j + 1 < n and len(gap(j + 1)) <= 2 and gap(j + 1) in (" ", ". ", "-", "."):
            nxt = toks[j + 1]
            if nxt.initial or (nxt.cap and (_listed(nxt, lex) or _surnamish(nxt, lex))):
                if nxt.base in lex.stop and nxt.base not in lex.eponyms:
                    break
                if nxt.sent_start and not nxt.initial and gap(j + 1).strip() == ".":
                    break
                j += 1
            else:
                break
        while j > i and toks[j].initial:
            j -= 1
        return j

    def emit(i: int, j: int) -> Candidate:
        for k in range(i, j + 1):
            taken[k] = True
        end = toks[j].end
        if text[end - 2 : end] in ("'s", "’s"):
            end -= 2  # "Kelly's room" -> "[NAME]'s room"
        return toks[i].start, end, "name", "[NAME]"

    # 1. cues: titles, roles and relations, "named", "called", "goes by"
    for i, t in enumerate(toks):
        if t.base not in _CUE_BASES:
            continue  # neither test below can hold
        if t.base in _TITLES and t.cap or t.base in ("mr", "mrs", "ms", "dr") and not t.cap:
            k = i + 1
            while k < n and toks[k].base in ("and", "mrs", "mr") and k < i + 3:
                k += 1
            if k < n and len(gap(k)) <= 3:
                nt = toks[k]
                # after a title any capitalised word is a name ("Dr. Foley", "Dr. Brady")
                ok = (nt.cap and nt.base not in _NOT_NAME) or (
                    not nt.cap and _listed(nt, lex) and len(nt.base) > 2
                )
                if ok and not (nt.upper and len(nt.base) <= 3 and not _listed(nt, lex)):
                    yield emit(i, extend(k))  # the title goes too: "Mr. Alvarez" -> "[NAME]"
            continue
        cue = t.base in _ROLES or (t.base == "by" and i > 0 and toks[i - 1].base == "goes")
        if not cue or (t.upper and t.base not in ("pt", "patient", "name")):
            continue
        k = i + 1
        if k >= n or len(gap(k)) > 3:
            continue
        while k < n and toks[k].base in _GLUE and not toks[k].cap and k <= i + 2:
            k += 1
            if k < n and len(gap(k)) > 3:
                break
        if k >= n or len(gap(k)) > 3 or "\n" in gap(k):
            continue
        g = gap(k)
        if any(c in g for c in ";—–(") or ("." in g and not toks[k - 1].raw.endswith(".")):
            continue  # a new sentence or clause: "interpreter. Takes estradiol"
        if "." in g and toks[k - 1].base not in _ABBREV_CUES:
            continue
        nt = toks[k]
        if nt.base in _TITLES:
            continue  # "attending Dr. X": the title cue takes it
        if t.base == "name" and not nt.cap and _listed(nt, lex) and nt.base not in _NOT_NAME:
            j = k  # "pt name - maria lopez"
            while j + 1 < n and gap(j + 1) == " " and _listed(toks[j + 1], lex):
                j += 1
            yield emit(k, j)
            continue
        if nt.initial and k + 1 < n and _surnamish(toks[k + 1], lex):
            yield emit(k, extend(k))
            continue
        if nt.cap and not nt.sent_start and _listed(nt, lex) and nt.base not in lex.stop:
            j = extend(k)
            if not _term_after(text, toks[j].end):
                yield emit(k, j)  # "her husband Will", "daughter Hope"
            continue
        if not _namelike(nt, lex) or nt.base in lex.eponyms:
            continue
        if nt.base in lex.words and not _listed(nt, lex):
            continue
        if not _listed(nt, lex) and nt.base.endswith(_CLINICAL_SUFFIX):
            continue  # "patient - Ventricular fibrillation"
        j = extend(k)
        if j == k and k + 1 < n and gap(k + 1) == ", " and toks[k + 1].base in lex.first:
            j = extend(k + 1)  # "Pt: Ramirez, Luis"
        if not _term_after(text, toks[j].end):  # "Sister Mary Joseph nodule"
            yield emit(k, j)

    # 2. initials with a surname: "J. Smith", "J Smith", "J.S. Smith"
    for i, t in enumerate(toks):
        if taken[i] or not t.initial or i + 1 >= n:
            continue
        j = i + 1
        while j < n and toks[j].initial and len(gap(j)) <= 2 and "\n" not in gap(j):
            j += 1
        sur = toks[j] if j < n and len(gap(j)) <= 2 and "\n" not in gap(j) else None
        if not sur:
            continue
        if _term_after(text, sur.end):
            continue
        if sur.cap and sur.base in lex.last and not sur.upper and sur.base not in _NOT_NAME:
            if toks[i].sent_start and not toks[i].raw.endswith("."):
                continue  # "A Smith" at a sentence start is an article, not an initial
            yield emit(i, extend(j))

    # 3. pairs and single listed names
    for i, t in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < n else None
        if (
            not taken[i]
            and t.upper
            and nxt is not None
            and nxt.upper
            and gap(i + 1) == " "
            and t.base in lex.first
            and nxt.base in lex.last
            and min(len(t.base), len(nxt.base)) > 2
            and not any(b in lex.stop or b in _NOT_NAME for b in (t.base, nxt.base))
            and not (t.base in lex.words and nxt.base in lex.words)
        ):
            yield emit(i, i + 1)  # "PT JOHN SMITH"
            continue
        if taken[i] or not t.cap or t.upper:
            continue
        listed = t.base in lex.first or t.base in lex.last
        if not listed and (nxt is None or gap(i + 1) != ", "):
            continue  # each rule below needs a listed name or "Surname, First" (a shortcut)
        last_first = (
            nxt is not None
            and not taken[i + 1]
            and gap(i + 1) == ", "
            and (_listed(t, lex) or t.base not in lex.words)
            and nxt.cap
            and not nxt.upper
            and (nxt.base in lex.first or t.base in lex.last and nxt.base not in lex.words)
            and (t.base not in lex.words or nxt.base not in lex.words)
            and not any(b in lex.stop or b in _NOT_NAME for b in (t.base, nxt.base))
        )
        if last_first:  # "Okafor, Chidi"
            yield emit(i, extend(i + 1))
            continue
        pair = (
            nxt is not None
            and not taken[i + 1]
            and gap(i + 1) == " "
            and t.base in lex.first
            and t.base not in lex.clinical
            and t.base not in _NOT_NAME
            and nxt.cap
            and not nxt.upper
            and nxt.base in lex.last
            and nxt.base not in lex.clinical
            and nxt.base not in _NOT_NAME
            and not (t.base in lex.eponyms and nxt.base in lex.eponyms)
            and not (t.base in lex.words and nxt.base in lex.words and t.sent_start)
        )
        if pair:
            j = extend(i + 1)
            if not _term_after(text, toks[j].end):
                yield emit(i, j)
            continue
        if _word_name(i, toks, lex, text):
            j = extend(i)
            if not _term_after(text, toks[j].end):
                yield emit(i, j)
            continue
        if _plain(t, lex) and t.base not in lex.eponyms:
            if _PLACE_BEFORE.search(text, max(0, t.start - 30), t.start):
                continue  # "born in Lagos": a place the gazetteer does not know
            j = extend(i)
            if not _term_after(text, toks[j].end):
                yield emit(i, j)
