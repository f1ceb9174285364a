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
journal.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from imgjournal.db import Journal
from imgjournal.domain import LETTER_STATUSES, EntryKind, ExperienceKind, FeedbackKind
from imgjournal.limits import US_LETTERS_TARGET, USCE_RECENT_YEARS, USCE_TARGET_MONTHS
from imgjournal.services.dto import CoverageRow, EntryDTO, ExperienceDTO
from imgjournal.services.letters import name_words, same_person
from imgjournal.services.readiness_dto import (
    Badges,
    Figure,
    Gap,
    LetterDTO,
    ProfileDTO,
    Readiness,
)

DAYS_PER_MONTH = 30.4
CLINICAL_KINDS = frozenset(
    {ExperienceKind.ROTATION, ExperienceKind.EXTERNSHIP, ExperienceKind.OBSERVERSHIP}
)
HANDS_ON_KINDS = frozenset({ExperienceKind.ROTATION, ExperienceKind.EXTERNSHIP})
GAP_MONTHS = 3  # a gap on the CV longer than this is listed
PRACTICE_DAYS = 14
PRACTICE_TARGET = 5  # answers said aloud in the last PRACTICE_DAYS days
COVERAGE_GOOD, COVERAGE_FAIR = 0.75, 0.4
LETTER_NUDGE_DAYS = 14  # a letter agreed or asked this long ago without progress is pointed out
GAP_PROMPT_KEY = "gap-in-cv"

GOOD, AMBER, RED = "good", "amber", "red"

Span = tuple[date, date]  # first and last day, both included


# ---- days and months --------------------------------------------------------------------


def merge(spans: Iterable[Span]) -> list[Span]:
    """The spans joined where they overlap or touch, in date order."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1] + timedelta(days=1):
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def days_in(spans: Iterable[Span]) -> int:
    """Calendar days covered by ``spans``, each day once however many spans cover it."""
    return sum((end - start).days + 1 for start, end in merge(spans))


def months(days: int) -> float:
    return days / DAYS_PER_MONTH


def span_until(x: ExperienceDTO, today: date) -> Span | None:
    """The days of ``x`` that have happened by ``today`` (None if it has not started)."""
    if x.start_date > today:
        return None
    end = x.end_date if x.end_date is not None and x.end_date < today else today
    return (x.start_date, end)


def is_clinical(x: ExperienceDTO) -> bool:
    return x.kind in CLINICAL_KINDS


def is_hands_on(x: ExperienceDTO) -> bool:
    return x.kind in HANDS_ON_KINDS and x.hands_on


def in_specialty(x: ExperienceDTO, specialties: Sequence[str]) -> bool:
    """The experience's specialty is one of ``specialties`` (words compared, case ignored:
    "Internal medicine" is "internal  Medicine"; "Cardiology (IM)" is not "Internal medicine")."""
    mine = _words(x.specialty)
    return bool(mine) and any((w := _words(s)) and (w <= mine or mine <= w) for s in specialties)


def _words(text: str) -> frozenset[str]:
    return frozenset("".join(c if c.isalnum() else " " for c in text.casefold()).split())


def us_clinical(experiences: Iterable[ExperienceDTO]) -> list[ExperienceDTO]:
    return [x for x in experiences if x.is_us and is_clinical(x)]


def usce_months(
    experiences: Iterable[ExperienceDTO], today: date, specialties: Sequence[str] = ()
) -> tuple[float, float, float, float]:
    """US months, hands-on months, observership months, months in the target specialty."""
    us = us_clinical(experiences)

    def total(items: Iterable[ExperienceDTO]) -> float:
        return months(days_in(s for x in items if (s := span_until(x, today)) is not None))

    return (
        total(us),
        total(x for x in us if is_hands_on(x)),
        total(x for x in us if not is_hands_on(x)),
        total(x for x in us if in_specialty(x, specialties)) if specialties else 0.0,
    )


def months_since_last_us(experiences: Iterable[ExperienceDTO], today: date) -> float | None:
    """Months since the newest US clinical experience ended (0 while one goes on; None
    when there has been none)."""
    ends = [span[1] for x in us_clinical(experiences) if (span := span_until(x, today)) is not None]
    if not ends:
        return None
    last = max(ends)
    return 0.0 if last >= today else (today - last).days / DAYS_PER_MONTH


def application_date(profile: ProfileDTO, today: date) -> date:
    """When the applications of the profile's season go out (1 September of the year before
    the season), or today when that has passed or no season is set."""
    if profile.season:
        opens = date(profile.season - 1, 9, 1)
        if opens > today:
            return opens
    return today


def cv_gaps(
    experiences: Iterable[ExperienceDTO], today: date, graduation_year: int | None = None
) -> list[Gap]:
    """Stretches of more than 3 months without any experience, up to today."""
    spans = merge(s for x in experiences if (s := span_until(x, today)) is not None)
    if graduation_year:
        cursor = date(graduation_year, 7, 1)
        if cursor > today:
            return []
    elif spans:
        cursor = spans[0][0]
    else:
        return []
    gaps = []
    for start, end in spans:
        if start > cursor:
            gaps.append(Gap(cursor, start - timedelta(days=1)))
        cursor = max(cursor, end + timedelta(days=1))
    if cursor <= today:
        gaps.append(Gap(cursor, today, ongoing=True))
    return [g for g in gaps if g.months > GAP_MONTHS]


# ---- sentences --------------------------------------------------------------------------


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


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def month_year(day: date) -> str:
    return f"{day:%B %Y}"


def _level(value: float, good: float, fair: float) -> str:
    return GOOD if value >= good else AMBER if value >= fair else RED


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
        text = _ask_sentence(letters, feedback, by_id, len(us_agreed), want)
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
            f"Link a story to “{_short(missing.text)}”: {ready} of {total} prompts have a "
            "story and a draft."
        )
    elif undrafted is not None:
        text = (
            f"Draft an answer to “{_short(undrafted.text)}”: {ready} of {total} prompts "
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
        quoted=_quoted(steps, feedback, by_id),
        people=_people(experiences, letters, feedback),
    )


def _quoted(
    steps: Sequence[str], feedback: Sequence[EntryDTO], experiences: dict[int, ExperienceDTO]
) -> tuple[tuple[int, str, str], ...]:
    """The feedback words the next steps quote: (entry id, field, the words as quoted)."""
    out = []
    for p in praise_by_giver(feedback, experiences):
        words = _short(p.words, 60)
        if any(f"“{words}”" in s for s in steps):
            out.append((p.source, p.field, words))
    return tuple(out)


def _people(
    experiences: Sequence[ExperienceDTO],
    letters: Sequence[LetterDTO],
    feedback: Sequence[EntryDTO],
) -> tuple[str, ...]:
    names = [x.writer_name for x in letters]
    names += [e.feedback.giver_name for e in feedback if e.feedback]
    names += [x.supervisor for x in experiences]
    return tuple(dict.fromkeys(n.strip() for n in names if n and n.strip()))


def _ask_sentence(
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
            f"you {times(p.count)} (“{_short(p.words, 60)}”)."
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
