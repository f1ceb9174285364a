"""The readiness sentences: times and months in words, whom to ask for a letter (from the
praise noted in the journal), and the letters that wait on something (Today's reminders).

Pure functions over DTOs; :func:`imgjournal.services.readiness.compute` puts them in order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from imgjournal.domain import FeedbackKind
from imgjournal.services.dto import EntryDTO, ExperienceDTO
from imgjournal.services.letters import name_words, same_person
from imgjournal.services.readiness_dto import LetterDTO
from imgjournal.services.usce import DAYS_PER_MONTH, is_clinical, us_clinical

LETTER_NUDGE_DAYS = 14  # a letter agreed or asked this long ago without progress is pointed out


def ago(days: int) -> str:
    """A time in the past as one says it: "today", "5 days ago", "3 weeks ago"."""
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 61:
        return f"{days // 7} weeks ago"
    n = round(days / DAYS_PER_MONTH)
    return f"{n} months ago" if n < 24 else f"{days / 365.25:.0f} years ago"


def times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def month_text(n: float) -> str:
    value = f"{n:.1f}"
    return f"{value} month" + ("" if value == "1.0" else "s")


def short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def month_year(day: date) -> str:
    return f"{day:%B %Y}"


@dataclass(frozen=True)
class _Praise:
    giver: str
    experience: ExperienceDTO
    count: int
    words: str
    last: date
    source: int = 0  # the entry the words are from
    field: str = "words"  # and its field (the title when the words are empty)


def praise_by_giver(
    feedback: Iterable[EntryDTO], experiences: dict[int, ExperienceDTO]
) -> list[_Praise]:
    """Praise noted from each person on US clinical experiences, the most praise first."""
    groups: dict[frozenset[str], list[EntryDTO]] = defaultdict(list)
    names: dict[frozenset[str], str] = {}
    for e in feedback:
        f = e.feedback
        x = experiences.get(e.experience_id) if e.experience_id else None
        if f is None or x is None or not x.is_us or not is_clinical(x):
            continue
        if f.feedback_kind != FeedbackKind.PRAISE or not name_words(f.giver_name):
            continue
        key = next((k for k in groups if same_person(names[k], f.giver_name)), None)
        if key is None:
            key = name_words(f.giver_name)
            names[key] = f.giver_name.strip()
        elif len(name_words(f.giver_name)) > len(name_words(names[key])):
            names[key] = f.giver_name.strip()  # the fullest way the name was written
        groups[key].append(e)
    out = []
    for key, items in groups.items():
        items.sort(key=lambda e: (e.entry_date, e.id), reverse=True)
        newest = items[0]
        per_exp: dict[int, int] = defaultdict(int)
        for e in items:
            per_exp[e.experience_id or 0] += 1
        exp_id = max(per_exp, key=lambda i: (per_exp[i], experiences[i].start_date))
        words = newest.feedback.words if newest.feedback else ""
        field = "words" if words else "title"
        out.append(
            _Praise(
                names[key],
                experiences[exp_id],
                len(items),
                words or newest.title,
                newest.entry_date,
                newest.id,
                field,
            )
        )
    out.sort(key=lambda p: (-p.count, -p.last.toordinal(), p.giver))
    return out


def letter_reminders(letters: Iterable[LetterDTO], today: date) -> list[str]:
    """Letters that wait on something, in words (shown on Today and in next steps)."""
    out = []
    for x in letters:
        name = x.writer_name
        since = x.step_date(x.status)
        waited = (today - since).days if since else 0
        if x.status == "asked" and waited >= LETTER_NUDGE_DAYS:
            out.append(
                f"You asked {name} for a letter {ago(waited)} and have no answer yet; "
                "follow up politely."
            )
        elif x.status == "agreed" and waited >= LETTER_NUDGE_DAYS:
            out.append(f"{name} agreed {ago(waited)}; the letter is not uploaded.")
        elif x.status == "written" and waited >= 7:
            out.append(
                f"{name} wrote the letter {ago(waited)}; it is not uploaded yet, so "
                "check that they have the ERAS Letter Request Form."
            )
        if x.due_date and not x.reached("uploaded"):
            left = (x.due_date - today).days
            if left < 0:
                out.append(f"{name}'s letter was due {ago(-left)} and is not uploaded.")
            elif left <= LETTER_NUDGE_DAYS:
                when = "today" if left == 0 else f"in {left} day{'s' if left != 1 else ''}"
                out.append(
                    f"{name}'s letter is due {when} ({x.due_date:%d %B}); it is not uploaded yet."
                )
        if x.status == "uploaded" and not x.programs:
            out.append(f"{name}'s letter is uploaded; assign it to your programs.")
    return out


def ask_sentence(
    letters: Sequence[LetterDTO],
    feedback: Sequence[EntryDTO],
    experiences: dict[int, ExperienceDTO],
    have: int,
    want: int,
) -> str:
    """Whom to ask for the next US letter, from the praise noted in the journal."""
    for p in praise_by_giver(feedback, experiences):
        if any(same_person(p.giver, x.writer_name) for x in letters):
            continue
        return (
            f"Ask {p.giver} for a letter: you rotated together in "
            f"{month_year(p.experience.start_date)} ({p.experience.title}) and they praised "
            f"you {times(p.count)} (“{short(p.words, 60)}”)."
        )
    for x in sorted(us_clinical(experiences.values()), key=lambda x: x.start_date, reverse=True):
        if x.supervisor and not any(same_person(x.supervisor, y.writer_name) for y in letters):
            return (
                f"Ask {x.supervisor}, your supervisor on {x.title}, for a letter: you have "
                f"{have} of the {want} US letters programs look for."
            )
    pending = [x for x in letters if x.writer_is_us and not x.reached("agreed")]
    if pending:
        return (
            f"Follow up with {pending[0].writer_name} about the letter: you have {have} of "
            f"the {want} US letters programs look for."
        )
    return (
        f"You have {have} of the {want} US letters programs look for: on your next US "
        "rotation, tell your attending early that you hope to earn a letter."
    )


def quoted_feedback(
    steps: Sequence[str], feedback: Sequence[EntryDTO], experiences: dict[int, ExperienceDTO]
) -> tuple[tuple[int, str, str], ...]:
    """The feedback words the next steps quote: (entry id, field, the words as quoted)."""
    out = []
    for p in praise_by_giver(feedback, experiences):
        words = short(p.words, 60)
        if any(f"“{words}”" in s for s in steps):
            out.append((p.source, p.field, words))
    return tuple(out)


def people_named(
    experiences: Sequence[ExperienceDTO],
    letters: Sequence[LetterDTO],
    feedback: Sequence[EntryDTO],
) -> tuple[str, ...]:
    names = [x.writer_name for x in letters]
    names += [e.feedback.giver_name for e in feedback if e.feedback]
    names += [x.supervisor for x in experiences]
    return tuple(dict.fromkeys(n.strip() for n in names if n and n.strip()))
