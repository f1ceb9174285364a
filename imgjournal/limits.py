"""Domain limits, in one place (ERAS, residency interviews, USCE targets)."""

import unicodedata

ERAS_MAX_EXPERIENCES = 10
ERAS_DESCRIPTION_CHARS = 750
ERAS_MOST_MEANINGFUL = 3
ERAS_MOST_MEANINGFUL_EXTRA_CHARS = 300
ERAS_MAX_LETTERS_PER_PROGRAM = 4
# ERAS counts within this much of a limit turn a counter amber (the UI); past it, red.
ERAS_NEAR_LIMIT_CHARS = 50


def eras_text(text: str | None) -> str:
    """Text as the ERAS composer stores and counts it: line breaks as LF (CRLF and a lone CR
    become one LF), Unicode in NFC (an "e" with a combining accent is one character)."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def eras_chars(text: str | None) -> int:
    """The one count of an ERAS description or reflection, used by the counters, the command
    line and every check (docs/eras.md): Unicode code points of :func:`eras_text`, so a line
    break is one character, an accented letter one, and an emoji as many code points as it
    has (a flag or a family emoji counts 2 or more, as a character-counting web form does)."""
    return len(eras_text(text))


USCE_TARGET_MONTHS = (2, 3)
USCE_RECENT_YEARS = 3
US_LETTERS_TARGET = (2, 3)

# Speaking pace for estimating how long an answer takes aloud.
WORDS_PER_MINUTE = (130, 150)
# A practice round: a longer due queue is practised as rounds of at most this many prompts.
PRACTICE_ROUND_MAX = 7

MAX_TITLE_CHARS = 200

# ---- size limits on what comes in (docs/data-safety.md, "Limits and saving errors") -------
# Generous on purpose: they stop a runaway file or paste, never a real note. Bodies are
# measured in bytes of UTF-8 (what the disk holds); every other field in characters.

MB = 1_000_000
MAX_BODY_BYTES = 1 * MB  # an entry's body, an answer draft, an experience's notes
MAX_FIELD_CHARS = 10_000  # every other text field: case and feedback fields, institution, ...
MAX_TAG_CHARS = 100
MAX_PROMPT_CHARS = 1_000  # the text of an interview prompt
MAX_QUERY_CHARS = 1_000  # a search
MAX_LIST_ITEMS = 200  # diagnoses, procedures or tags of one entry
MAX_IMPORT_BYTES = 200 * MB  # a JSON export file to import
MAX_NOTE_BYTES = MAX_BODY_BYTES  # one Markdown note to import
MAX_ID = 2**63 - 1  # SQLite's largest integer: no id can be larger
MAX_SEARCH_RESULTS = 10_000  # `search --limit`
MAX_ANSWER_SECONDS = 3_600  # a prompt's suggested answer length


def megabytes(size: int, limit: int | None = None) -> str:
    """``size`` bytes for a sentence: "10.2 MB", "1 MB", "0.4 MB"; with ``limit`` (which
    ``size`` is over), "more than 1 MB" where rounding would make them look the same."""
    value = round(size / MB, 1)
    if limit is not None and value <= round(limit / MB, 1):
        return f"more than {megabytes(limit)}"
    return f"{value:g} MB"
