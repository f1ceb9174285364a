"""Application readiness: the article's checklist measured on the journal.

The article the product grew from (docs/readiness.md sums it up) asks an IMG for 2–3 months
or more of US clinical experience (USCE), hands-on rather than observation only, recent
(within 1–3 years of applying), in the specialty applied to, and 2–3 strong US letters.
This module computes those figures from the experiences, letters, prompts and practice,
and says in plain, specific sentences what to do next.

- **Months** are calendar days / 30.4; experiences that overlap are counted once (the days
  are merged before they are counted). A day counts once it has happened: an ongoing
  experience counts up to today, a planned one not yet.
- **Clinical** experiences are rotations (electives, clerkships, sub-internships),
  externships and observerships. Hands-on: a rotation or externship marked hands-on;
  the rest (observerships, anything marked observational) is observership time.
- **Recency**: months since the newest US clinical experience ended (0 while one goes on),
  judged at the ERAS season's application date (1 September of the year before the season).
- **CV gaps**: stretches of more than 3 months with no experience of any kind, from the
  graduation (1 July of the graduation year) or else the first experience, up to today.

:func:`compute` is pure (DTOs in, :class:`Readiness` out); :func:`readiness` gathers from the
journal. The calendar maths are in :mod:`imgjournal.services.usce`, the sentences (whom to ask
for a letter, the letter reminders) in :mod:`imgjournal.services.readiness_words`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from imgjournal.db import Journal
from imgjournal.domain import LETTER_STATUSES, EntryKind
from imgjournal.limits import US_LETTERS_TARGET, USCE_RECENT_YEARS, USCE_TARGET_MONTHS
from imgjournal.services.dto import CoverageRow, EntryDTO, ExperienceDTO
from imgjournal.services.readiness_dto import (
    Badges,
    Figure,
    LetterDTO,
    ProfileDTO,
    Readiness,
)
from imgjournal.services.readiness_words import (
    ask_sentence,
    letter_reminders,
    month_text,
    month_year,
    people_named,
    quoted_feedback,
    short,
)

# The calendar maths, as this module has always offered them.
from imgjournal.services.usce import (  # noqa: F401
    CLINICAL_KINDS,
    DAYS_PER_MONTH,
    GAP_MONTHS,
    HANDS_ON_KINDS,
    Span,
    application_date,
    cv_gaps,
    days_in,
    in_specialty,
    is_clinical,
    is_hands_on,
    merge,
    months,
    months_since_last_us,
    span_until,
    us_clinical,
    usce_months,
)

PRACTICE_DAYS = 14
PRACTICE_TARGET = 5  # answers said aloud in the last PRACTICE_DAYS days
COVERAGE_GOOD, COVERAGE_FAIR = 0.75, 0.4
GAP_PROMPT_KEY = "gap-in-cv"

GOOD, AMBER, RED = "good", "amber", "red"


def _level(value: float, good: float, fair: float) -> str:
    return GOOD if value >= good else AMBER if value >= fair else RED


# ---- the figures ------------------------------------------------------------------------


def compute(
    experiences: Sequence[ExperienceDTO],
    profile: ProfileDTO,
    letters: Sequence[LetterDTO],
    coverage: Sequence[CoverageRow],
    practice_recent: int,
    feedback: Sequence[EntryDTO],
    today: date,
) -> Readiness:
    """Every readiness figure, each with its sentence, and the next steps in order."""
    low, high = USCE_TARGET_MONTHS
    specialties = profile.specialties
    us, hands, observer, in_spec = usce_months(experiences, today, specialties)
    since = months_since_last_us(experiences, today)
    by_id = {x.id: x for x in experiences}
    figures: list[Figure] = []
    steps: list[str] = []

    def add(fig: Figure, step: bool = True) -> None:
        figures.append(fig)
        if step and fig.level != GOOD:
            steps.append(fig.sentence)

    # US months
    level = _level(us, high, low)
    if us == 0:
        text = (
            f"Plan your first US clinical experience: programs look for at least "
            f"{low}–{high} months, hands-on if you can."
        )
    elif level != GOOD:
        text = (
            f"You have {month_text(us)} of US clinical experience; add "
            f"{month_text(high - us)} more to reach the {high} months programs look for."
        )
    else:
        text = f"You have {month_text(us)} of US clinical experience: enough; keep it recent."
    add(Figure("us_months", "US clinical experience", us, high, month_text(us), level, text))

    # hands-on
    level = _level(hands, high, low)
    if level == GOOD:
        text = f"{month_text(hands)} of it is hands-on: what program directors weigh most."
    elif us > 0 and hands == 0:
        text = (
            "All your US months are observerships: look for a hands-on externship or "
            "sub-internship, which programs weigh more."
        )
    else:
        text = (
            f"Only {month_text(hands)} of your US experience is hands-on; a rotation, "
            "externship or sub-internship would add the hands-on months programs weigh most."
        )
    add(Figure("hands_on_months", "Hands-on", hands, high, month_text(hands), level, text))

    # specialty
    if not specialties:
        level = AMBER
        text = (
            "Set your target specialty (Settings, or `imgjournal profile set --specialty`) "
            "to count your months in it."
        )
    else:
        named = " / ".join(specialties)
        level = _level(in_spec, low, 0.5)
        if level == GOOD:
            text = f"{month_text(in_spec)} of your US experience is in {named}."
        elif in_spec == 0:
            text = (
                f"None of your US months is in {named}: look for a rotation in it, where "
                "a letter from the specialty can come from."
            )
        else:
            text = (
                f"Only {month_text(in_spec)} of your US experience is in {named}; aim for "
                f"{low} months in it."
            )
    add(
        Figure(
            "specialty_months", "In your specialty", in_spec, low, month_text(in_spec), level, text
        )
    )

    # recency, judged at the season's application date
    applying = application_date(profile, today)
    if since is None:
        level, value = RED, 0.0
        text = (
            "You have no US clinical experience yet; programs prefer USCE within "
            f"{USCE_RECENT_YEARS} years of applying."
        )
        shown = "none yet"
    else:
        if since == 0:  # going on: judged from when the running ones end
            ends = [x.end_date for x in us_clinical(experiences) if x.in_progress(today)]
            last_end = None if None in ends or not ends else max(e for e in ends if e)
            at_apply = (
                (applying - last_end).days / DAYS_PER_MONTH
                if last_end is not None and last_end < applying
                else 0.0
            )
        else:
            at_apply = since + (applying - today).days / DAYS_PER_MONTH
        level = GOOD if at_apply <= 12 else AMBER if at_apply <= 12 * USCE_RECENT_YEARS else RED
        value = max(0.0, 12 * USCE_RECENT_YEARS - at_apply)
        shown = "going on now" if since == 0 else f"{month_text(since)} ago"
        season = f" by the ERAS {profile.season} applications" if applying > today else ""
        if since == 0 and level == GOOD:
            text = "A US clinical experience is going on now: recent experience counts most."
        elif since == 0:
            text = (
                f"A US clinical experience is going on now, but it will be about "
                f"{month_text(at_apply)} old{season}; plan another one closer to applying."
            )
        elif level == GOOD:
            text = (
                f"Your newest US experience ended {month_text(since)} ago: recent "
                "enough for every program."
            )
        elif level == AMBER:
            text = (
                f"Your newest US experience ended {month_text(since)} ago (about "
                f"{month_text(at_apply)}{season}); many programs prefer USCE within a year: "
                "plan a rotation before you apply."
            )
        else:
            text = (
                f"Your newest US experience ended {month_text(since)} ago; programs "
                f"want USCE within {USCE_RECENT_YEARS} years of applying: plan a new one."
            )
    add(Figure("recency", "Recent", value, 12 * USCE_RECENT_YEARS, shown, level, text))

    # letters
    counts = {st: 0 for st in LETTER_STATUSES}
    for x in letters:
        counts[x.status] += 1
    us_agreed = [x for x in letters if x.writer_is_us and x.reached("agreed")]
    want = US_LETTERS_TARGET[1]
    level = _level(len(us_agreed), want, US_LETTERS_TARGET[0])
    if level == GOOD:
        text = f"{len(us_agreed)} US letters are agreed or further: enough for most programs."
    else:
        text = ask_sentence(letters, feedback, by_id, len(us_agreed), want)
    add(
        Figure(
            "us_letters",
            "US letters",
            len(us_agreed),
            want,
            f"{len(us_agreed)} of {want}",
            level,
            text,
        )
    )
    reminders = letter_reminders(letters, today)
    steps.extend(reminders)

    # gaps
    gaps = cv_gaps(experiences, today, profile.graduation_year)
    for g in gaps:
        until = "now" if g.ongoing else month_year(g.end)
        steps.append(
            f"Prepare to explain the {g.months:.1f}-month gap on your CV from "
            f"{month_year(g.start)} to {until}: draft an answer to “Can you explain the gap in "
            "your CV?”."
        )

    # prompt coverage
    total = len(coverage)
    with_story = sum(1 for r in coverage if r.entry_ids)
    ready = sum(1 for r in coverage if r.entry_ids and r.drafts)
    share = ready / total if total else 0.0
    level = _level(share, COVERAGE_GOOD, COVERAGE_FAIR)
    # The prompts a story answers best come first (as on Today): behavioural, IMG, ethics.
    first = {"behavioural": 0, "img": 1, "ethics": 2}
    ranked = sorted(coverage, key=lambda r: first.get(r.category, 9))
    missing = next((r for r in ranked if not r.entry_ids), None)
    undrafted = next((r for r in ranked if r.entry_ids and not r.drafts), None)
    if level == GOOD:
        text = f"{ready} of {total} interview prompts have a story and a drafted answer."
    elif missing is not None:
        text = (
            f"Link a story to “{short(missing.text)}”: {ready} of {total} prompts have a "
            "story and a draft."
        )
    elif undrafted is not None:
        text = (
            f"Draft an answer to “{short(undrafted.text)}”: {ready} of {total} prompts "
            "have a story and a draft."
        )
    else:
        text = "Add interview prompts to prepare for (Prompts)."
    add(
        Figure(
            "prompt_coverage",
            "Prompt coverage",
            ready,
            total or 1,
            f"{ready} of {total}",
            level,
            text,
        )
    )

    # practice
    level = _level(practice_recent, PRACTICE_TARGET, 1)
    if level == GOOD:
        text = (
            f"You practised {practice_recent} answers aloud in the last {PRACTICE_DAYS} "
            "days: keep it up."
        )
    elif practice_recent == 0:
        text = (
            f"You have not practised an answer aloud in {PRACTICE_DAYS} days: practise "
            "three of the answers due today."
        )
    else:
        text = (
            f"You practised {practice_recent} answer{'s' if practice_recent != 1 else ''} "
            f"aloud in the last {PRACTICE_DAYS} days; aim for {PRACTICE_TARGET}."
        )
    add(
        Figure(
            "practice",
            "Practice (14 days)",
            practice_recent,
            PRACTICE_TARGET,
            f"{practice_recent} answers",
            level,
            text,
        )
    )

    return Readiness(
        us_months=us,
        hands_on_months=hands,
        observer_months=observer,
        specialty_months=in_spec,
        months_since_last_us=since,
        letters=counts,
        us_letters_agreed=len(us_agreed),
        prompt_total=total,
        prompt_with_story=with_story,
        prompt_ready=ready,
        practice_14_days=practice_recent,
        gaps=tuple(gaps),
        figures=tuple(figures),
        next_steps=tuple(steps),
        reminders=tuple(reminders),
        profile=profile,
        today=today,
        quoted=quoted_feedback(steps, feedback, by_id),
        people=people_named(experiences, letters, feedback),
    )


# ---- from the journal -------------------------------------------------------------------


def readiness(journal: Journal, today: date | None = None) -> Readiness:
    """The readiness of the journal's applicant, today (or ``today``)."""
    from sqlalchemy import func, select

    from imgjournal.models import PracticeAttempt
    from imgjournal.services.dto import EntryFilter
    from imgjournal.services.entries import list_entries
    from imgjournal.services.experiences import list_experiences
    from imgjournal.services.letters import list_letters
    from imgjournal.services.prep_stats import coverage
    from imgjournal.services.profile import get_profile

    today = today or date.today()
    since = datetime.combine(today - timedelta(days=PRACTICE_DAYS), datetime.min.time(), UTC)
    with journal.session() as s:
        practised = s.scalar(
            select(func.count())
            .select_from(PracticeAttempt)
            .where(PracticeAttempt.started_at >= since)
        )
    return compute(
        list_experiences(journal),
        get_profile(journal),
        list_letters(journal),
        coverage(journal).rows,
        practised or 0,
        list_entries(journal, EntryFilter(kind=EntryKind.FEEDBACK.value)),
        today,
    )


def readiness_record(r: Readiness) -> dict:
    """The ``imgjournal readiness --json`` document (its keys are a contract)."""
    return {
        "us_months": round(r.us_months, 1),
        "hands_on_months": round(r.hands_on_months, 1),
        "specialty_months": round(r.specialty_months, 1),
        "months_since_last_us": (
            None if r.months_since_last_us is None else round(r.months_since_last_us, 1)
        ),
        "letters": dict(r.letters),
        "prompt_coverage": {
            "prompts": r.prompt_total,
            "with_story": r.prompt_with_story,
            "with_story_and_draft": r.prompt_ready,
        },
        "next_steps": list(r.next_steps),
    }


def badges(journal: Journal, today: date | None = None) -> Badges:
    """The sidebar's counts: the figures at red and amber, the letters not yet uploaded."""
    r = readiness(journal, today)
    uploaded = LETTER_STATUSES.index("uploaded")
    return Badges(
        red=sum(f.level == RED for f in r.figures),
        amber=sum(f.level == AMBER for f in r.figures),
        letters_open=sum(n for st, n in r.letters.items() if LETTER_STATUSES.index(st) < uploaded),
        letters_total=sum(r.letters.values()),
    )


def reminders(journal: Journal, today: date | None = None) -> list[str]:
    """The letters that wait on something, in words (Today's reminders)."""
    from imgjournal.services.letters import list_letters

    return letter_reminders(list_letters(journal), today or date.today())
