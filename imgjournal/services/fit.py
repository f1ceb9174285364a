"""Why a program fits, in words: the user's connections to it, read from the journal.

Never a score: :func:`reasons` returns short sentences ("You did a 4-week sub-internship at
Mercy Hospital; Dr. Lee (letter, uploaded) works there; they sponsor J-1, which you need"), and
the Programs page's "fit" column is only how many there are. Each reason names what it rests
on, so the user can see when a match is wrong:

- **rotated there**: an experience whose institution names the program or one of its
  affiliated hospitals (:func:`same_place`: the distinctive words of one are all in the other,
  so "Mercy Hospital" is "Mercy Hospital Internal Medicine" but "University Hospital" alone
  matches nothing); an experience only in the program's city is said as such;
- **letters**: a letter whose writer works there, or assigned to the program in ERAS (by the
  folded name :func:`imgjournal.services.letters.program_key`);
- **contacts**: a contact linked to the program or working there;
- **specialty months**: US clinical months in the program's specialty (readiness's counting:
  overlaps once, only days that have happened);
- **visa**: the profile needs a visa and the program sponsors one;
- **prompts**: the prompts the user noted this program asks, for which a story is linked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from imgjournal.db import Journal
from imgjournal.services.dto import ExperienceDTO
from imgjournal.services.letters import program_key
from imgjournal.services.programs import sponsors
from imgjournal.services.programs_dto import ContactDTO, ProgramDTO
from imgjournal.services.readiness import (
    days_in,
    in_specialty,
    is_clinical,
    month_text,
    months,
    span_until,
)
from imgjournal.services.readiness_dto import STATUS_LABELS, LetterDTO, ProfileDTO

# Words that say what kind of place it is, not which one: never enough to match on alone.
_GENERIC_WORDS = (
    "the of and at for in a an hospital hospitals medical medicine center centre centers health "
    "healthcare system systems university college school clinic clinics institute general "
    "regional community memorial program programs residency internal family im fm department "
    "dept campus affiliated affiliate st saint mount mt north south east west new city county"
)
_GENERIC = frozenset(_GENERIC_WORDS.split())


def place_words(text: str) -> frozenset[str]:
    """The distinctive words of a place's name, folded ("St. Mary's Hospital" -> mary, s)."""
    words = re.sub(r"[^\w]+", " ", text.casefold()).split()
    return frozenset(w for w in words if w not in _GENERIC and len(w) > 1)


def same_place(a: str, b: str) -> bool:
    """Whether two names of places name one place: the distinctive words of one are all in
    the other's ("Mercy Hospital" and "Mercy Hospital IM program": yes; "Mercy" and "Mercy
    General": yes; "University Hospital" and anything: no, it has no distinctive word)."""
    wa, wb = place_words(a), place_words(b)
    if not wa or not wb:
        return False
    return wa <= wb or wb <= wa


@dataclass(frozen=True)
class PromptStories:
    """A prompt the user noted a program asks, and what the journal has for it."""

    id: int
    text: str
    stories: tuple[tuple[int, str], ...] = ()  # (entry id, title), best first
    best_rating: int | None = None  # the best practice rating (1-4), None if never practised
    draft_title: str = ""


@dataclass(frozen=True)
class FitContext:
    experiences: tuple[ExperienceDTO, ...] = ()
    letters: tuple[LetterDTO, ...] = ()
    contacts: tuple[ContactDTO, ...] = ()
    profile: ProfileDTO = field(default_factory=ProfileDTO)
    prompts: dict[int, PromptStories] = field(default_factory=dict)
    today: date = field(default_factory=date.today)


def _places(program: ProgramDTO) -> list[tuple[str, bool]]:
    """The program's name and its affiliated hospitals: (name, is_affiliate)."""
    return [(program.name, False)] + [(a, True) for a in program.affiliates]


def _where(text: str, program: ProgramDTO) -> tuple[str, bool] | None:
    for place, affiliate in _places(program):
        if same_place(text, place):
            return place, affiliate
    return None


def _length(x: ExperienceDTO, today: date) -> str:
    span = span_until(x, today)
    if span is None:
        return "are to do"
    days = days_in([span])
    weeks = max(1, round(days / 7))
    if weeks < 9:
        return f"did {'an' if weeks == 8 else 'a'} {weeks}-week"
    return f"did {month_text(months(days))} of"


def _kind_words(x: ExperienceDTO) -> str:
    return _short(x.title or x.kind, 50)


def experience_reasons(program: ProgramDTO, ctx: FitContext) -> list[str]:
    out = []
    in_city = []
    for x in ctx.experiences:
        hit = _where(x.institution, program) if x.institution else None
        if hit is not None:
            place, affiliate = hit
            length = _length(x, ctx.today)
            what = _kind_words(x)
            if not is_clinical(x):
                sentence = f"Your {x.kind} \u201c{what}\u201d was at {x.institution}"
            elif length == "are to do":
                sentence = f"Your {what} at {x.institution} is still to come"
            else:
                sentence = f"You {length} {what} at {x.institution}"
            if affiliate:
                sentence += ", an affiliated hospital"
                if place.casefold() != x.institution.casefold():
                    sentence += f" ({place})"
            out.append(sentence)
        elif (
            program.city
            and x.city
            and x.city.casefold() == program.city.casefold()
            and (not program.state or not x.state or x.state.casefold() == program.state.casefold())
        ):
            in_city.append(x)
    for x in in_city[:1]:
        out.append(f"Your {_kind_words(x)} was in {x.city}, the program's city")
    return out


def letter_reasons(program: ProgramDTO, ctx: FitContext) -> list[str]:
    key = program_key(program.name)
    out = []
    for x in ctx.letters:
        status = STATUS_LABELS[x.status].lower()
        if any(program_key(p) == key for p in x.programs):
            out.append(f"{x.writer_name}'s letter is assigned to this program")
        elif x.writer_institution and (hit := _where(x.writer_institution, program)):
            there = "here" if not hit[1] else f"at {hit[0]}, an affiliated hospital"
            out.append(f"{x.writer_name} (letter, {status}) works {there}")
    return out


def contact_reasons(program: ProgramDTO, ctx: FitContext) -> list[str]:
    out = []
    for c in ctx.contacts:
        role = f", {c.role}" if c.role else ""
        if program.id in c.program_ids:
            out.append(f"You know {c.name}{role} (contact) at this program")
        elif c.institution and (hit := _where(c.institution, program)):
            there = "here" if not hit[1] else f"at {hit[0]}, an affiliated hospital"
            out.append(f"{c.name}{role} (contact) works {there}")
    return out


def specialty_reason(program: ProgramDTO, ctx: FitContext) -> list[str]:
    if not program.specialty:
        return []
    spans = [
        s
        for x in ctx.experiences
        if x.is_us and is_clinical(x) and in_specialty(x, [program.specialty])
        if (s := span_until(x, ctx.today)) is not None
    ]
    n = months(days_in(spans))
    if n < 0.05:
        return []
    return [f"You have {month_text(n)} of US clinical experience in {program.specialty}"]


def visa_reason(program: ProgramDTO, ctx: FitContext) -> list[str]:
    visas = sponsors(program.visa)
    if ctx.profile.needs_visa and visas:
        return [f"They sponsor {' and '.join(visas)}, which you need"]
    return []


def prompt_reasons(program: ProgramDTO, ctx: FitContext) -> list[str]:
    out = []
    for pid in program.prompt_ids:
        p = ctx.prompts.get(pid)
        if p is None or not p.stories:
            continue
        n = len(p.stories)
        out.append(
            f"They ask \u201c{_short(p.text)}\u201d and you have {n} "
            f"stor{'ies' if n != 1 else 'y'} for it"
        )
    return out


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"


def reasons(program: ProgramDTO, ctx: FitContext) -> list[str]:
    """The reasons ``program`` fits, from the journal in ``ctx`` (no score, no weights)."""
    return [
        *experience_reasons(program, ctx),
        *letter_reasons(program, ctx),
        *contact_reasons(program, ctx),
        *specialty_reason(program, ctx),
        *visa_reason(program, ctx),
        *prompt_reasons(program, ctx),
    ]


def concerns(program: ProgramDTO, ctx: FitContext) -> list[str]:
    """What speaks against it, said apart from the reasons (not counted in the fit column)."""
    if ctx.profile.needs_visa and program.visa == "none":
        return ["They do not sponsor visas, and you need one"]
    return []


def prompt_stories(journal: Journal, prompt_ids: Iterable[int]) -> dict[int, PromptStories]:
    """For each prompt: its text, the stories linked to it (newest first), its best practice
    rating and its practice draft's title."""
    from sqlalchemy import func, select

    from imgjournal.models import AnswerDraft, Entry, PracticeAttempt, Prompt, entry_prompts

    ids = sorted(set(prompt_ids))
    if not ids:
        return {}
    with journal.session() as s:
        texts = dict(s.execute(select(Prompt.id, Prompt.text).where(Prompt.id.in_(ids))).all())
        stories: dict[int, list[tuple[int, str]]] = {}
        for pid, eid, title in s.execute(
            select(entry_prompts.c.prompt_id, Entry.id, Entry.title)
            .join(Entry, Entry.id == entry_prompts.c.entry_id)
            .where(entry_prompts.c.prompt_id.in_(ids), Entry.deleted_at.is_(None))
            .order_by(Entry.entry_date.desc(), Entry.id.desc())
        ):
            stories.setdefault(pid, []).append((eid, title))
        best = dict(
            s.execute(
                select(PracticeAttempt.prompt_id, func.max(PracticeAttempt.rating))
                .where(PracticeAttempt.prompt_id.in_(ids))
                .group_by(PracticeAttempt.prompt_id)
            ).all()
        )
        drafts = dict(
            s.execute(
                select(AnswerDraft.prompt_id, AnswerDraft.title).where(
                    AnswerDraft.prompt_id.in_(ids), AnswerDraft.is_practice.is_(True)
                )
            ).all()
        )
    return {
        pid: PromptStories(
            pid, texts[pid], tuple(stories.get(pid, ())), best.get(pid), drafts.get(pid, "")
        )
        for pid in ids
        if pid in texts
    }


def gather(
    journal: Journal, programs: Sequence[ProgramDTO], today: date | None = None
) -> FitContext:
    """What :func:`reasons` reads, for ``programs``, in one pass over the journal."""
    from imgjournal.services.contacts import list_contacts
    from imgjournal.services.experiences import list_experiences
    from imgjournal.services.letters import list_letters
    from imgjournal.services.profile import get_profile

    return FitContext(
        experiences=tuple(list_experiences(journal)),
        letters=tuple(list_letters(journal)),
        contacts=tuple(list_contacts(journal)),
        profile=get_profile(journal),
        prompts=prompt_stories(journal, (i for p in programs for i in p.prompt_ids)),
        today=today or date.today(),
    )


def program_fits(journal: Journal, today: date | None = None) -> list[tuple[ProgramDTO, list[str]]]:
    """Every program (by name) with its reasons."""
    from imgjournal.services.programs import list_programs

    programs = list_programs(journal)
    ctx = gather(journal, programs, today)
    return [(p, reasons(p, ctx)) for p in programs]
