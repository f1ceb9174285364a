"""The sheets, their options, and the checks on them (no reportlab here: cheap to import)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from imgjournal.domain import PromptCategory
from imgjournal.errors import ValidationError

PAPERS = ("a4", "letter")


@dataclass(frozen=True)
class SheetInfo:
    key: str
    label: str
    description: str
    options: frozenset[str]  # the SheetOptions fields this sheet uses (besides paper and name)
    needs_experience: bool = False
    needs_program: bool = False


_STORY_FILTERS = frozenset({"prompt_ids", "category", "experience_id", "date_from", "date_to"})

SHEETS: dict[str, SheetInfo] = {
    s.key: s
    for s in (
        SheetInfo(
            "study",
            "Interview study sheet",
            "For each prompt: the drafted answer, the key points of each linked story and the "
            "target length; grouped by category, with contents and bookmarks.",
            _STORY_FILTERS | {"key_points"},
        ),
        SheetInfo(
            "cheatsheet",
            "One-page cheat sheet",
            "Every prompt with a one-line cue per story, fitted to a single page.",
            _STORY_FILTERS,
        ),
        SheetInfo(
            "rotation",
            "Rotation summary",
            "One experience: dates, institution, role, the cases seen, procedures, feedback "
            "and reflections.",
            frozenset({"experience_id"}),
            needs_experience=True,
        ),
        SheetInfo(
            "bragsheet",
            "Letter-writer brag sheet",
            "For one experience and its supervisor, or for one letter's writer (their "
            "feedback first): what you did there, the cases you presented, the feedback you "
            "received and what you hope the letter covers.",
            frozenset({"experience_id", "hopes", "letter_id"}),
            needs_experience=True,
        ),
        SheetInfo(
            "journal",
            "Full journal",
            "Every entry, or those of a date range or one experience, in date order.",
            frozenset({"experience_id", "date_from", "date_to"}),
        ),
        SheetInfo(
            "readiness",
            "Readiness summary",
            "One page: US clinical experience, recency, letters and interview prep against "
            "the targets, the next steps, CV gaps and where each letter stands.",
            frozenset(),
        ),
        SheetInfo(
            "eras",
            "ERAS experiences",
            "The application's experiences as they go into ERAS: each one's fields, "
            "description and most meaningful reflection, with their character counts.",
            frozenset(),
        ),
        SheetInfo(
            "interview",
            "Interview-day sheet",
            "One page for one program's interview: why it fits, your notes, the questions to "
            "ask, your strongest stories for the prompts it asks, and the people there.",
            frozenset({"program_id"}),
            needs_program=True,
        ),
    )
}

# What each option is called where a user sees it (the same words in the app and the CLI help).
_OPTION_NAMES = {
    "prompt_ids": "Prompts",
    "category": "A prompt category",
    "experience_id": "An experience",
    "date_from": "A start date",
    "date_to": "An end date",
    "hopes": "What the letter should cover",
    "key_points": "Key points only",
    "letter_id": "A letter",
    "program_id": "A program",
}


@dataclass(frozen=True)
class SheetOptions:
    """What to print. Fields a sheet does not use must be left empty (see SheetInfo.options)."""

    prompt_ids: tuple[int, ...] = ()
    category: str | None = None
    experience_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    paper: str = "a4"
    name: str = ""  # the user's name, printed in the header
    hopes: str = ""  # brag sheet: what the applicant hopes the letter covers (Markdown)
    # study sheet: per story only its hook, lesson and result and the prompts it answers
    key_points: bool = False
    # brag sheet: addressed to this letter's writer (the experience is the letter's)
    letter_id: int | None = None
    program_id: int | None = None  # the interview-day sheet's program

    def is_set(self, field: str) -> bool:
        value = getattr(self, field)
        return value is not False and value not in (None, (), "")


def in_sentence(label: str) -> str:
    """A sheet's label inside a sentence: "the rotation summary", "the ERAS experiences"."""
    first, _, rest = label.partition(" ")
    head = first if first.isupper() else first.lower()
    return f"{head} {rest.lower()}".strip()


def sheet_info(sheet: str) -> SheetInfo:
    info = SHEETS.get(sheet)
    if info is None:
        raise ValidationError(
            f"There is no sheet called {sheet!r}; choose one of {', '.join(SHEETS)}."
        )
    return info


def check_options(sheet: str, options: SheetOptions) -> SheetOptions:
    """``options`` cleaned for ``sheet``; a ValidationError names the first problem."""
    info = sheet_info(sheet)
    for field in _OPTION_NAMES:
        if options.is_set(field) and field not in info.options:
            users = [s.label.lower() for s in SHEETS.values() if field in s.options]
            raise ValidationError(
                f"{_OPTION_NAMES[field]} can be chosen for the {_join(users)}, "
                f"not for the {info.label.lower()}."
            )
    if info.needs_experience and options.experience_id is None and options.letter_id is None:
        raise ValidationError(
            f"The {info.label.lower()} is about one experience; choose it "
            "(on the command line: --experience ID, see `imgjournal experience list`)."
        )
    if info.needs_program and options.program_id is None:
        raise ValidationError(
            f"The {info.label.lower()} is about one program; choose it "
            "(on the command line: --program ID, see `imgjournal program list`)."
        )
    paper = (options.paper or "a4").strip().lower().replace("us-", "").replace("us ", "")
    if paper not in PAPERS:
        raise ValidationError(f"The paper size must be a4 or letter, not {options.paper!r}.")
    if options.date_from and options.date_to and options.date_to < options.date_from:
        raise ValidationError(
            f"The end date {options.date_to} is before the start date {options.date_from}."
        )
    category = options.category
    if category:
        category = PromptCategory.parse(category, "The prompt category").value
    if len(options.name) > 120:
        raise ValidationError("The name is too long for the page header; keep it under 120.")
    return replace(
        options,
        paper=paper,
        category=category or None,
        prompt_ids=tuple(dict.fromkeys(options.prompt_ids)),
        name=" ".join(options.name.split()),
    )


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
