"""The words of an answer: counting them, timing them aloud, and a STAR-L outline from a case.

Pure functions (no journal): the answer editor calls them on every keystroke.
Speaking time uses 130–150 words a minute (``limits.WORDS_PER_MINUTE``).
"""

from __future__ import annotations

import re
from typing import Any

from imgjournal.domain import AgeBand, CaseRole, EntryKind, Setting, Sex
from imgjournal.errors import ValidationError
from imgjournal.limits import WORDS_PER_MINUTE
from imgjournal.services.dto import AnswerTiming, EntryDTO

TOO_SHORT, FINE, TOO_LONG = "too short", "fine", "too long"

STAR_L = ("Situation", "Task", "Action", "Result", "Lesson")
_HINTS = {
    "Situation": "Where were you and what was going on? Two sentences are enough.",
    "Task": "What was your responsibility, or the problem to solve?",
    "Action": "What did you do, step by step? Say 'I', not 'we'.",
    "Result": "What happened because of it?",
    "Lesson": "What did you learn, and what do you do differently now?",
}


# ---- words and timing ---------------------------------------------------------------------

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HEADING = re.compile(r"^\s{0,3}#{1,6}(\s.*)?$", re.MULTILINE)
_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")


def word_count(markdown: str) -> int:
    """The words an answer says aloud: headings (the outline's structure) and comments (hints)
    are left out, and so is Markdown punctuation."""
    text = _COMMENT.sub(" ", markdown or "")
    text = _HEADING.sub(" ", text)
    return len(_WORD.findall(text))


def speaking_seconds(words: int) -> tuple[int, int]:
    """How long ``words`` take aloud: (at the brisk pace, at the slow pace), in seconds."""
    slow, fast = WORDS_PER_MINUTE
    return round(words * 60 / fast), round(words * 60 / slow)


def duration_verdict(seconds: float, min_seconds: int, max_seconds: int) -> str:
    """A spoken answer of ``seconds`` against the range: too short, fine or too long."""
    if seconds < min_seconds:
        return TOO_SHORT
    if seconds > max_seconds:
        return TOO_LONG
    return FINE


def answer_timing(markdown: str, min_seconds: int, max_seconds: int) -> AnswerTiming:
    """The estimated speaking time of a draft against its prompt's range.

    The verdict gives the speaker the benefit of the doubt: "too short" only when even the slow
    pace finishes before the minimum, "too long" only when even the brisk pace overruns.
    """
    words = word_count(markdown)
    slow_wpm, fast_wpm = WORDS_PER_MINUTE
    if words * 60 / slow_wpm < min_seconds:
        verdict = TOO_SHORT
    elif words * 60 / fast_wpm > max_seconds:
        verdict = TOO_LONG
    else:
        verdict = FINE
    return AnswerTiming(words, *speaking_seconds(words), min_seconds, max_seconds, verdict)


def format_seconds(seconds: float) -> str:
    """``75`` → ``1:15``."""
    total = max(0, int(round(seconds)))
    return f"{total // 60}:{total % 60:02d}"


# ---- prefill ------------------------------------------------------------------------------


def _label(enum: Any, value: str | None) -> str:
    return enum(value).label if value else ""


_WHERE = {
    Setting.INPATIENT: "on the inpatient service",
    Setting.OUTPATIENT: "in outpatient care",
    Setting.ED: "in the ED",
    Setting.ICU: "in the ICU",
    Setting.CLINIC: "in clinic",
}


def _situation_from_fields(entry: EntryDTO) -> str:
    """One or two sentences from a case's key fields, for a case with no Situation written."""
    case = entry.case
    assert case is not None
    who = ", ".join(
        part
        for part in (_label(AgeBand, case.age_band).lower(), case.sex or "")
        if part and part != Sex.UNKNOWN
    )
    sentence = f"A patient ({who})" if who else "A patient"
    if case.setting in _WHERE:
        sentence += " " + _WHERE[Setting(case.setting)]
    if case.chief_complaint.strip():
        sentence += f" with {case.chief_complaint.strip().rstrip('.')}"
    parts = [sentence + "."]
    if case.diagnoses:
        parts.append("Diagnosis: " + "; ".join(case.diagnoses) + ".")
    if case.role:
        parts.append(f"My role: {_label(CaseRole, case.role).lower()}.")
    return " ".join(parts)


def prefill_from_case(entry: EntryDTO) -> str:
    """A STAR-L outline in Markdown from a case's fields.

    Each section takes the case's STAR-L field; an empty Situation is written from the key
    fields (setting, age band, sex, chief complaint, diagnoses, role), and other empty sections
    get a hint as a Markdown comment, which is neither shown nor counted as spoken words.
    """
    if entry.kind != EntryKind.CASE or entry.case is None:
        raise ValidationError(
            f"“{entry.title}” is a {entry.kind}, not a case; only cases have STAR-L fields "
            "to fill a draft from."
        )
    case = entry.case
    texts = {
        "Situation": case.situation.strip() or _situation_from_fields(entry),
        "Task": case.task.strip(),
        "Action": case.action.strip(),
        "Result": case.result.strip(),
        "Lesson": case.lesson.strip(),
    }
    parts = [f"<!-- From the case “{entry.title}” ({entry.entry_date.isoformat()}). -->"]
    for name in STAR_L:
        body = texts[name] or f"<!-- {_HINTS[name]} -->"
        parts.append(f"## {name}\n\n{body}")
    return "\n\n".join(parts) + "\n"


def empty_outline() -> str:
    """A STAR-L outline with a hint under each heading."""
    return "\n\n".join(f"## {name}\n\n<!-- {_HINTS[name]} -->" for name in STAR_L) + "\n"
