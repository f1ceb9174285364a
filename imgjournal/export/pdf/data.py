"""What each sheet shows, gathered through the services (plain DTOs; no layout here).

Gathering is the only part of a build that reads the journal; layout then works on these
frozen values alone, so it can run on any thread and be measured on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from imgjournal.db import Journal
from imgjournal.domain import CaseRole, EntryKind
from imgjournal.errors import NotFoundError, ValidationError
from imgjournal.export.pdf.drafts import DraftedAnswer, drafted_answer
from imgjournal.export.pdf.options import SheetOptions
from imgjournal.services.dto import EntryDTO, EntryFilter, ExperienceDTO, PromptDTO
from imgjournal.services.entries import list_entries
from imgjournal.services.experiences import get_experience, list_experiences
from imgjournal.services.prep import practice_drafts
from imgjournal.services.prompts import list_prompts
from imgjournal.services.readiness_dto import LetterDTO, ProfileDTO

Tick = Callable[[float], None]  # fraction of the gathering done


@dataclass(frozen=True)
class PromptStories:
    prompt: PromptDTO
    stories: tuple[EntryDTO, ...]
    draft: DraftedAnswer | None


@dataclass(frozen=True)
class StudyData:
    """The study sheet and the cheat sheet: prompts in category order with their stories."""

    prompts: tuple[PromptStories, ...]
    experiences: dict[int, ExperienceDTO]
    scope: str  # what was chosen, in words
    # Every prompt's text by id (the study sheet's "key points only" names the prompts a story
    # answers); empty unless that option is chosen.
    prompt_texts: dict[int, str] = field(default_factory=dict)

    @property
    def story_count(self) -> int:
        return len({e.id for p in self.prompts for e in p.stories})


@dataclass(frozen=True)
class ExperienceData:
    """The rotation summary and the brag sheet: one experience and its entries, oldest first."""

    experience: ExperienceDTO
    cases: tuple[EntryDTO, ...]
    feedback: tuple[EntryDTO, ...]
    reflections: tuple[EntryDTO, ...]
    hopes: str = ""
    # The brag sheet for one letter: its writer and the user's application profile.
    letter: LetterDTO | None = None
    profile: ProfileDTO | None = None

    @property
    def presented(self) -> tuple[EntryDTO, ...]:
        return tuple(e for e in self.cases if e.case and e.case.role == CaseRole.PRESENTED)


@dataclass(frozen=True)
class JournalData:
    entries: tuple[EntryDTO, ...]
    experiences: dict[int, ExperienceDTO]
    prompts: dict[int, PromptDTO]
    scope: str


SheetData = StudyData | ExperienceData | JournalData | Any  # Any: sheets_eras.ErasData


@dataclass(frozen=True)
class Gathered:
    sheet: str
    options: SheetOptions
    data: SheetData
    printed: date = field(default_factory=date.today)


class NothingToPrint(ValidationError):
    """The chosen sheet would hold nothing of the user's: one sentence saying what to do first."""


_FIRST_STEP = {
    # where the user is: the first step of a sheet that has nothing to show yet
    "app": {
        "link": "Ctrl+L in an entry",
        "entry": "Ctrl+N",
    },
    "cli": {
        "link": "`imgjournal add case --prompt ID ...`; prompt ids: `imgjournal prompts`",
        "entry": "`imgjournal add case --title ...`",
    },
}


def nothing_to_print(g: Gathered, where: str = "app") -> str | None:
    """Why the gathered sheet has nothing to print, as one sentence that names the first step
    (``where``: "app" or "cli", whose first steps are said differently); None when it has."""
    steps = _FIRST_STEP[where]
    data = g.data
    if isinstance(data, StudyData):
        if any(b.stories or b.draft is not None for b in data.prompts):
            return None
        o = g.options
        if not data.prompts and o.category:
            return "Nothing to print: no prompt matches what was chosen; choose another category."
        if any(b.prompt.entry_count for b in data.prompts) and (
            o.experience_id is not None or o.date_from or o.date_to
        ):
            return (
                "Nothing to print: no story linked to these prompts is from the chosen "
                "experience or dates; widen the choice."
            )
        return f"Nothing to print yet: link a story to a prompt first ({steps['link']})."
    if isinstance(data, JournalData) and not data.entries:
        o = g.options
        if o.experience_id is not None or o.date_from or o.date_to:
            return (
                "Nothing to print: no entry is from the chosen experience or dates; "
                "widen the choice."
            )
        return f"Nothing to print yet: write a first entry ({steps['entry']})."
    return None


def check_printable(g: Gathered, where: str = "app") -> Gathered:
    """``g`` itself; NothingToPrint (a ValidationError) when it would print nothing."""
    reason = nothing_to_print(g, where)
    if reason is not None:
        raise NothingToPrint(reason)
    return g


def gather(
    journal: Journal, sheet: str, options: SheetOptions, tick: Tick | None = None
) -> Gathered:
    """Read what ``sheet`` shows; ``options`` must have passed ``check_options``."""
    tick = tick or (lambda _f: None)
    if sheet in ("study", "cheatsheet"):
        data: SheetData = _study(journal, options, tick)
    elif sheet in ("rotation", "bragsheet"):
        data = _experience(journal, options)
    elif sheet == "readiness":
        from imgjournal.export.pdf.sheets_readiness import gather_readiness

        data = gather_readiness(journal)  # type: ignore[assignment]
    elif sheet == "eras":
        from imgjournal.export.pdf.sheets_eras import gather_eras

        data = gather_eras(journal)
    elif sheet == "interview":
        from imgjournal.export.pdf.sheets_interview import gather_interview

        assert options.program_id is not None
        data = gather_interview(journal, options.program_id)  # type: ignore[assignment]
    else:
        data = _journal(journal, options)
    tick(1.0)
    return Gathered(sheet, options, data)


def _date_scope(options: SheetOptions) -> str:
    from imgjournal.export.pdf.template import short_date

    if options.date_from and options.date_to:
        return f"from {short_date(options.date_from)} to {short_date(options.date_to)}"
    if options.date_from:
        return f"from {short_date(options.date_from)} on"
    if options.date_to:
        return f"up to {short_date(options.date_to)}"
    return ""


def _study(journal: Journal, options: SheetOptions, tick: Tick) -> StudyData:
    from imgjournal.domain import PromptCategory

    if options.prompt_ids:
        # Chosen one by one: hidden prompts too, in the order of the library.
        every = list_prompts(journal, include_hidden=True)
        by_id = {p.id: p for p in every}
        for pid in options.prompt_ids:
            if pid not in by_id:
                raise NotFoundError(
                    f"There is no prompt with id {pid}; see `imgjournal prompts` for the ids."
                )
        wanted = set(options.prompt_ids)
        prompts = [p for p in every if p.id in wanted]
    else:
        prompts = list_prompts(journal)
    if options.category:
        prompts = [p for p in prompts if p.category == options.category]
    experiences = {x.id: x for x in list_experiences(journal)}
    if options.experience_id is not None and options.experience_id not in experiences:
        raise NotFoundError(
            f"There is no experience with id {options.experience_id}; "
            "see `imgjournal experience list`."
        )
    stories = _stories_by_prompt(journal, options, [p for p in prompts if p.entry_count])
    drafts = practice_drafts(journal)
    blocks = []
    for p in prompts:
        linked = stories.get(p.id, [])
        blocks.append(PromptStories(p, tuple(linked), drafted_answer(drafts, p, linked)))
    tick(1.0)

    parts = []
    if options.prompt_ids:
        parts.append(f"{len(prompts)} chosen prompt{'s' if len(prompts) != 1 else ''}")
    elif options.category:
        parts.append(f"{PromptCategory(options.category).label} prompts")
    else:
        parts.append("All prompts")
    if options.experience_id is not None:
        parts.append(f"stories from {experiences[options.experience_id].title}")
    when = _date_scope(options)
    if when:
        parts.append(f"stories dated {when}")
    texts: dict[int, str] = {}
    if options.key_points:
        texts = {p.id: p.text for p in list_prompts(journal, include_hidden=True)}
    return StudyData(tuple(blocks), experiences, " · ".join(parts), texts)


def _stories_by_prompt(
    journal: Journal, options: SheetOptions, prompts: list[PromptDTO]
) -> dict[int, list[EntryDTO]]:
    """The entries linked to each prompt, newest first, within the chosen experience and dates."""
    wanted = {p.id for p in prompts}
    out: dict[int, list[EntryDTO]] = {pid: [] for pid in wanted}
    if not wanted:
        return out
    flt = EntryFilter(
        experience_id=options.experience_id,
        date_from=options.date_from,
        date_to=options.date_to,
    )
    linked = sum(p.entry_count for p in prompts)
    if len(wanted) <= 3 and linked < 2000:
        # A few prompts: ask for their entries only.
        for p in prompts:
            out[p.id] = list_entries(journal, replace(flt, prompt_id=p.id))
        return out
    # Many prompts: one pass over the entries in range beats one query per prompt.
    for e in list_entries(journal, replace(flt, any_prompt=tuple(sorted(wanted)))):
        for pid in e.prompt_ids:
            if pid in wanted:
                out[pid].append(e)
    return out


def _experience(journal: Journal, options: SheetOptions) -> ExperienceData:
    letter, profile = _letter(journal, options)
    experience_id = options.experience_id if letter is None else letter.experience_id
    assert experience_id is not None
    x = get_experience(journal, experience_id)
    entries = list_entries(journal, EntryFilter(experience_id=x.id), newest_first=False)
    return ExperienceData(
        experience=x,
        cases=tuple(e for e in entries if e.kind == EntryKind.CASE),
        feedback=tuple(e for e in entries if e.kind == EntryKind.FEEDBACK),
        reflections=tuple(e for e in entries if e.kind == EntryKind.REFLECTION),
        hopes=options.hopes,
        letter=letter,
        profile=profile,
    )


def _letter(journal: Journal, options: SheetOptions) -> tuple[LetterDTO | None, ProfileDTO | None]:
    """The letter a brag sheet is for (checked against the chosen experience) and the
    profile it quotes; (None, None) without a letter."""
    if options.letter_id is None:
        return None, None
    from imgjournal.services.letters import get_letter
    from imgjournal.services.profile import get_profile

    letter = get_letter(journal, options.letter_id)
    if letter.experience_id is None:
        raise ValidationError(
            f"Letter {letter.id} from {letter.writer_name} is not linked to an experience; "
            "link it first (on the command line: `imgjournal letter set "
            f"{letter.id} --experience ID`)."
        )
    if options.experience_id is not None and options.experience_id != letter.experience_id:
        raise ValidationError(
            f"Letter {letter.id} is from experience {letter.experience_id}, not "
            f"{options.experience_id}; leave out the experience to print it."
        )
    return letter, get_profile(journal)


def _journal(journal: Journal, options: SheetOptions) -> JournalData:
    experiences = {x.id: x for x in list_experiences(journal)}
    parts = []
    if options.experience_id is not None:
        if options.experience_id not in experiences:
            get_experience(journal, options.experience_id)  # raises the usual NotFoundError
        parts.append(f"entries of {experiences[options.experience_id].title}")
    else:
        parts.append("All entries")
    when = _date_scope(options)
    if when:
        parts.append(f"dated {when}")
    entries = list_entries(
        journal,
        EntryFilter(
            experience_id=options.experience_id,
            date_from=options.date_from,
            date_to=options.date_to,
        ),
        newest_first=False,
    )
    prompts = {p.id: p for p in list_prompts(journal, include_hidden=True)}
    return JournalData(tuple(entries), experiences, prompts, " · ".join(parts))
