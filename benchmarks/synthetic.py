"""A deterministic, invented journal for benchmarks and tests.

``generate(n, seed)`` returns an imgjournal JSON export document (docs/export-format.md;
``{"format": "imgjournal", "version": 1, "experiences": [...], "prompts": [...],
"tags": [...], "entries": [...]}``, records shaped by ``imgjournal.export.records``) with
``n`` entries over a few dozen experiences (home-country clerkships, US observerships,
externships and electives, research, volunteering) from mid-2019 to the end of 2025.
The same ``(n, seed)`` always gives the same document, byte for byte once written: the
generator uses one ``random.Random(seed)`` and fixed data only (no clock, no hash ordering).

The same entries can also be written as a jrnl journal file (``write_jrnl``) and as a folder of
Markdown notes with YAML front matter, as Obsidian or Joplin export them (``write_markdown``).

Nothing here is real: no patients (cases carry an age band and sex, never a name or a date of
birth), invented staff names and invented institutions. Entries link to prompt ids 1..51, the
built-in library (resources/prompts.json) that every journal has; the document lists those
prompts as a new journal exports them, so that importing it into an empty journal and
exporting again gives the same file, byte for byte (``write_json`` writes it the way
``imgjournal export`` does).

Run ``python -m benchmarks.synthetic --help`` to write the files by hand.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks import vocab

# Bump when the output for a given (n, seed) changes: cached benchmark journals are keyed by it.
GENERATOR_VERSION = 5  # 5: the export writes records compactly (orjson)
DEFAULT_ENTRIES = 50_000
DEFAULT_SEED = 20_261_125
DEFAULT_MARKDOWN_FILES = 5_000
BUILTIN_PROMPT_IDS = range(1, 52)

FORMAT = "imgjournal"
FORMAT_VERSION = 1

FIRST_DAY = date(2019, 7, 1)
LAST_DAY = date(2025, 12, 31)

KIND_WEIGHTS = (("case", 55), ("feedback", 20), ("reflection", 25))
TRASHED_FRACTION = 0.003
UNATTACHED_FRACTION = 0.05


# ---- experiences ---------------------------------------------------------------------------


def _experience_plan(rng: random.Random) -> list[dict[str, Any]]:
    """The applicant's path: clerkships at home, work, research, then US clinical experience."""
    plan: list[dict[str, Any]] = []
    day = FIRST_DAY
    home = vocab.HOME_HOSPITALS[rng.randrange(len(vocab.HOME_HOSPITALS))]
    clerkships = (
        "internal medicine",
        "general surgery",
        "pediatrics",
        "obstetrics and gynecology",
        "psychiatry",
        "family medicine",
        "emergency medicine",
        "neurology",
        "cardiology",
        "critical care",
    )
    for spec in clerkships:
        weeks = rng.choice((4, 6, 8))
        plan.append(
            dict(
                kind="rotation",
                title=f"{spec.capitalize()} clerkship",
                site=home,
                is_us=False,
                specialty=spec,
                start=day,
                weeks=weeks,
                hours=rng.choice((50, 60, 70)),
            )
        )
        day += timedelta(weeks=weeks)
    plan.append(
        dict(
            kind="work",
            title="House officer, internal medicine",
            site=home,
            is_us=False,
            specialty="internal medicine",
            start=day,
            weeks=48,
            hours=72,
        )
    )
    day += timedelta(weeks=50)
    us_sites = list(vocab.US_SITES)
    rng.shuffle(us_sites)

    def us(i: int) -> tuple[str, str, str, str]:
        name, city, state = us_sites[i % len(us_sites)]
        return (name, city, state, "United States")

    plan.append(
        dict(
            kind="research",
            title="Research assistant, heart failure readmissions QI project",
            site=us(0),
            is_us=True,
            specialty="cardiology",
            start=day,
            weeks=26,
            hours=30,
        )
    )
    day += timedelta(weeks=26)
    stages = (
        ("observership", "Observership", 6, (4,)),
        ("externship", "Externship", 7, (4, 6, 8)),
        ("rotation", "Elective", 5, (4,)),
        ("rotation", "Sub-internship", 3, (4,)),
    )
    specs = (
        "internal medicine",
        "family medicine",
        "cardiology",
        "pediatrics",
        "geriatrics",
        "nephrology",
        "gastroenterology",
        "pulmonology",
        "critical care",
        "emergency medicine",
        "psychiatry",
        "endocrinology",
        "oncology",
        "palliative care",
        "neurology",
    )
    site_i = 1
    for kind, label, count, weeks_pool in stages:
        for _ in range(count):
            spec = rng.choice(specs)
            weeks = rng.choice(weeks_pool)
            plan.append(
                dict(
                    kind=kind,
                    title=f"{label} in {spec}",
                    site=us(site_i),
                    is_us=True,
                    specialty=spec,
                    start=day,
                    weeks=weeks,
                    hours=rng.choice((40, 50, 60)),
                )
            )
            site_i += 1
            day += timedelta(weeks=weeks + rng.choice((0, 1, 2)))
    # Alongside: a long volunteer role, tutoring, a conference; the last one is still going.
    plan.append(
        dict(
            kind="volunteer",
            title="Volunteer at a student-run free clinic",
            site=us(2),
            is_us=True,
            specialty="family medicine",
            start=date(2022, 9, 10),
            weeks=140,
            hours=6,
        )
    )
    plan.append(
        dict(
            kind="teaching",
            title="USMLE Step 1 peer tutor",
            site=us(3),
            is_us=True,
            specialty="internal medicine",
            start=date(2022, 1, 15),
            weeks=40,
            hours=5,
        )
    )
    plan.append(
        dict(
            kind="other",
            title="Poster at a regional ACP chapter meeting",
            site=us(0),
            is_us=True,
            specialty="internal medicine",
            start=date(2023, 10, 20),
            weeks=1,
            hours=None,
        )
    )
    plan.append(
        dict(
            kind="work",
            title="Clinical research coordinator",
            site=us(4),
            is_us=True,
            specialty="internal medicine",
            start=max(day, date(2025, 3, 1)),
            weeks=None,
            hours=40,
        )
    )
    return plan


def _person(rng: random.Random) -> str:
    return f"{rng.choice(vocab.FIRST_NAMES)} {rng.choice(vocab.LAST_NAMES)}"


def _stamp(day: date, rng: random.Random, hour_range: tuple[int, int] = (17, 23)) -> str:
    at = datetime(
        day.year,
        day.month,
        day.day,
        rng.randint(*hour_range),
        rng.randrange(60),
        rng.randrange(60),
        rng.randrange(1, 1_000_000),
        tzinfo=UTC,
    )
    return at.isoformat()


def _experiences(rng: random.Random) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The experience records, and per experience its staff roster and sampling info."""
    records, info = [], []
    for i, p in enumerate(_experience_plan(rng), start=1):
        name, city, state, country = p["site"]
        start: date = p["start"]
        end = start + timedelta(weeks=p["weeks"], days=-1) if p["weeks"] else None
        roster = {
            "attending": [f"Dr. {_person(rng)}" for _ in range(3)],
            "resident": [f"Dr. {_person(rng)}" for _ in range(4)],
            "nurse": [f"{_person(rng)}, RN" for _ in range(3)],
            "other": [
                f"{_person(rng)}, PharmD",
                f"{_person(rng)}, case manager",
                f"{_person(rng)}, program coordinator",
            ],
        }
        supervisor = roster["attending"][0]
        hands_on = p["kind"] != "observership"
        notes = (
            f"{p['title']} at {name}. Supervisor: {supervisor}.\n\n"
            f"- Team: {len(roster['attending'])} attendings, residents rotating weekly\n"
            f"- Ask {supervisor} for a letter at the end\n"
        )
        created = _stamp(start - timedelta(days=rng.randint(1, 20)), rng, (8, 22))
        records.append(
            {
                "id": i,
                "kind": p["kind"],
                "eras_type": _ERAS.get(p["kind"], "education"),
                "title": p["title"],
                "institution": name,
                "specialty": p["specialty"],
                "city": city,
                "state": state,
                "country": country,
                "is_us": p["is_us"],
                "hands_on": hands_on,
                "start_date": start.isoformat(),
                "end_date": end.isoformat() if end else None,
                "hours_per_week": p["hours"],
                "supervisor": supervisor,
                "notes": notes,
                "created_at": created,
                "updated_at": created,
            }
        )
        last = end or LAST_DAY
        info.append(
            {
                "id": i,
                "start": start,
                "days": (last - start).days + 1,
                # How much a user writes there: more on full-time clinical work.
                "weight": ((last - start).days + 1) * (p["hours"] or 10) * (0.3 if not end else 1),
                "specialty": p["specialty"],
                "setting_hint": "clinic" if p["kind"] in ("volunteer",) else None,
                "hands_on": hands_on,
                "roster": roster,
                "kind": p["kind"],
            }
        )
    return records, info


_ERAS = {
    "rotation": "education",
    "externship": "education",
    "observership": "education",
    "research": "research",
    "volunteer": "volunteer",
    "teaching": "teaching",
    "work": "work",
    "other": "extracurricular",
}

# ---- entries -------------------------------------------------------------------------------


def _fill(template: str, **slots: str) -> str:
    return template.format(**slots) if "{" in template else template


def _sample(rng: random.Random, pool: tuple[str, ...], lo: int, hi: int) -> list[str]:
    k = min(len(pool), rng.randint(lo, hi))
    return rng.sample(pool, k)


def _lower_first(text: str) -> str:
    """ "Chest pain" -> "chest pain", but "NSTEMI", "ED" and "CT head" stay as they are."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _scenarios_for(specialty: str) -> list[vocab.Scenario]:
    return [s for s in vocab.SCENARIOS if specialty in s.specialties] or list(vocab.SCENARIOS)


_SCENARIOS_BY_SPECIALTY: dict[str, list[vocab.Scenario]] = {}


def _case(rng: random.Random, xp: dict[str, Any] | None) -> dict[str, Any]:
    spec = xp["specialty"] if xp else rng.choice(vocab.SPECIALTIES)
    pool = _SCENARIOS_BY_SPECIALTY.get(spec)
    if pool is None:
        pool = _SCENARIOS_BY_SPECIALTY[spec] = _scenarios_for(spec)
    # Mostly the rotation's own cases; now and then anything (cross-cover, consults).
    sc = rng.choice(pool) if rng.random() < 0.85 else rng.choice(vocab.SCENARIOS)
    setting = xp["setting_hint"] if xp and xp["setting_hint"] else rng.choice(sc.settings)
    age_band = rng.choice(sc.ages)
    sex = rng.choice(sc.sexes) if rng.random() < 0.97 else "unknown"
    if xp and not xp["hands_on"]:
        role = "observed" if rng.random() < 0.85 else "presented"
    else:
        role = rng.choices(("observed", "assisted", "performed", "presented"), (2, 4, 3, 4))[0]
    cc = rng.choice(sc.complaint)
    dx = _sample(rng, sc.diagnoses, 1, 3)
    procs = _sample(rng, sc.procedures, 0, 2)
    staff = xp["roster"] if xp else None
    name = (rng.choice(staff["attending"]) if staff else f"Dr. {_person(rng)}").removeprefix("Dr. ")
    procedure = procs[0] if procs else rng.choice(sc.procedures)
    age = rng.choice(vocab.AGE_PHRASE[age_band])
    place = rng.choice(vocab.SETTING_PLACE[setting])

    body: list[str] = [
        f"{age} came to {place} with {cc} {rng.choice(vocab.DURATION)}. "
        + rng.choice(
            vocab.PEDIATRIC_HISTORY if age_band in vocab.PEDIATRIC_BANDS else vocab.HISTORY
        )
    ]
    if age_band not in vocab.PEDIATRIC_BANDS and rng.random() < 0.35:
        meds = _sample(rng, vocab.HOME_MEDICATIONS, 2, 5)
        body[0] += " " + rng.choice(vocab.HOME_MEDICATION_LINES).format(
            meds=", ".join(meds[:-1]) + " and " + meds[-1]
        )
    body.append(" ".join(_sample(rng, sc.findings, 1, 3)))
    body.append(" ".join(_sample(rng, sc.management, 1, 2)))
    body.append(
        _fill(
            rng.choice(vocab.ROLE_SENTENCE[role]),
            name=name,
            procedure=_lower_first(procedure),
            dx=dx[0],
        )
    )
    if rng.random() < 0.6:
        body.append(" ".join(_sample(rng, vocab.CASE_EXTRA, 1, 2)))
    if rng.random() < 0.5:
        body.append(f"**Pearl:** {rng.choice(sc.pearls)}")
    if rng.random() < 0.25:
        body.append(
            "To read:\n\n"
            + "\n".join(f"- {d}" for d in dx)
            + ("\n- " + procedure if rng.random() < 0.5 else "")
        )

    case: dict[str, Any] = {
        "setting": setting,
        "age_band": age_band,
        "sex": sex,
        "chief_complaint": cc,
        "diagnoses": dx,
        "procedures": procs,
        "role": role,
        "situation": "",
        "task": "",
        "action": "",
        "result": "",
        "lesson": "",
    }
    if rng.random() < 0.5:
        slots = dict(
            place=_lower_first(place.removeprefix("the ")),
            age=_lower_first(age),
            age_l=_lower_first(age),
            cc=cc,
            ordinal=rng.choice(vocab.ORDINALS),
            procedure=_lower_first(procedure),
            finding_l=_lower_first(rng.choice(sc.findings)),
            dx=dx[0],
            day=str(rng.randint(2, 9)),
        )
        case["situation"] = _fill(rng.choice(vocab.STAR_SITUATION), **slots)
        case["task"] = _fill(rng.choice(vocab.STAR_TASK), **slots)
        case["action"] = _fill(rng.choice(vocab.STAR_ACTION), **slots)
        case["result"] = _fill(rng.choice(vocab.STAR_RESULT), **slots)
        case["lesson"] = rng.choice(vocab.STAR_LESSON + sc.pearls)

    title = rng.choice(
        (
            f"{cc.capitalize()} — {dx[0]}",
            f"{dx[0]} in {_lower_first(age)}",
            f"{cc.capitalize()} in {place}",
            f"{dx[0]}: {role} case",
            f"{procedure} for {_lower_first(dx[0])}" if procs else f"{dx[0]} on {place}",
        )
    )
    tags = list(sc.tags[: rng.randint(0, len(sc.tags))])
    if rng.random() < 0.4:
        tags.append(rng.choice(vocab.EXTRA_TAGS))
    if procs and rng.random() < 0.3:
        tags.append("procedure")
    prompt_ids = _prompts(rng, vocab.CASE_PROMPTS, 0.45)
    return dict(
        kind="case",
        title=title,
        body="\n\n".join(body),
        tags=tags,
        prompt_ids=prompt_ids,
        case=case,
    )


def _feedback(rng: random.Random, xp: dict[str, Any] | None) -> dict[str, Any]:
    role = rng.choices(("attending", "resident", "nurse", "other"), (5, 4, 2, 1))[0]
    giver = rng.choice(xp["roster"][role]) if xp else f"Dr. {_person(rng)}"
    kind = "praise" if rng.random() < 0.6 else "constructive"
    topic = rng.choice(vocab.FEEDBACK_TOPICS)
    said = vocab.PRAISE_WORDS[topic] if kind == "praise" else vocab.CONSTRUCTIVE_WORDS[topic]
    words = " ".join(_sample(rng, said, 1, 2))
    if rng.random() < 0.3:
        other = rng.choice(vocab.FEEDBACK_TOPICS)
        pool = vocab.PRAISE_WORDS if kind == "praise" else vocab.CONSTRUCTIVE_WORDS
        words += " " + rng.choice(pool[other])
    items = ""
    if kind == "constructive" or rng.random() < 0.3:
        items = "\n".join(_sample(rng, vocab.ACTION_ITEMS[topic], 1, 3))
    followed = bool(items) and rng.random() < 0.55
    body = [rng.choice(vocab.FEEDBACK_CONTEXT), rng.choice(vocab.FEEDBACK_REACTION)]
    if followed:
        body.append(
            rng.choice(
                (
                    "Followed up a week later: better, according to the same person.",
                    "Checked in at the end of the rotation and the comment was not repeated.",
                    "Asked again on Friday; still working on it.",
                )
            )
        )
    short = giver.removeprefix("Dr. ").split(",")[0]
    last = short.split(" ")[-1]
    who = f"Dr. {last}" if giver.startswith("Dr.") else short
    title = rng.choice(
        (
            f"Feedback from {who} on my {topic}",
            f"{role.capitalize()} feedback: {topic}",
            f"{who}: {words.split('.')[0][:80]}",
            f"{'Praise' if kind == 'praise' else 'Constructive feedback'} — {topic}",
        )
    )
    tags = ["feedback-" + kind]
    if topic in ("handoff", "presentation", "teamwork", "communication"):
        tags.append(topic)
    if rng.random() < 0.25:
        tags.append(rng.choice(("lor-worthy", "to-review", "interview-story")))
    return dict(
        kind="feedback",
        title=title,
        body="\n\n".join(body),
        tags=tags,
        prompt_ids=_prompts(rng, vocab.FEEDBACK_PROMPTS, 0.35),
        feedback={
            "giver_name": giver,
            "giver_role": role,
            "feedback_kind": kind,
            "words": words,
            "action_items": items,
            "followed_up": followed,
        },
    )


_THEMES = tuple(vocab.REFLECTION_THEMES.items())


def _reflection(rng: random.Random, xp: dict[str, Any] | None) -> dict[str, Any]:
    theme = rng.choice(_THEMES)[1]
    sentences = theme["sentences"]
    paragraphs: list[str] = []
    n_par = rng.randint(2, 5)
    use_headings = rng.random() < 0.35
    headings = rng.sample(vocab.MD_HEADINGS, min(n_par, len(vocab.MD_HEADINGS)))
    for i in range(n_par):
        chosen = _sample(rng, sentences, 2, 4)
        if rng.random() < 0.3:
            # A borrowed thought from another theme: real reflections wander.
            other = rng.choice(_THEMES)[1]["sentences"]
            chosen.append(rng.choice(other))
        text = " ".join(chosen)
        if rng.random() < 0.15:
            words = text.split(" ")
            long = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
            if long:
                j = rng.choice(long)
                words[j] = f"*{words[j]}*"
                text = " ".join(words)
        if use_headings:
            paragraphs.append(f"## {headings[i]}\n\n{text}")
        else:
            paragraphs.append(text)
    if rng.random() < 0.3:
        name = rng.choice(xp["roster"]["attending"]).removeprefix("Dr. ") if xp else _person(rng)
        items = _sample(rng, vocab.MD_LIST_ITEMS, 2, 4)
        paragraphs.append("**Next:**\n\n" + "\n".join(f"- {_fill(it, name=name)}" for it in items))
    if rng.random() < 0.1:
        paragraphs.insert(1, "> " + rng.choice(sentences))
    title = rng.choice(theme["titles"])
    if rng.random() < 0.3:
        title += f" ({rng.choice(('again', 'part 2', 'follow-up', 'notes', 'draft'))})"
    tags = ["reflection"] if rng.random() < 0.3 else []
    if rng.random() < 0.6:
        tags += theme["tags"][: rng.randint(1, len(theme["tags"]))]
    if rng.random() < 0.3:
        tags.append(rng.choice(vocab.EXTRA_TAGS))
    return dict(
        kind="reflection",
        title=title,
        body="\n\n".join(paragraphs),
        tags=tags,
        prompt_ids=_prompts(rng, theme["prompts"], 0.5),
    )


def _prompts(rng: random.Random, likely: tuple[int, ...], p: float) -> list[int]:
    if rng.random() >= p:
        return []
    ids = {rng.choice(likely)}
    if rng.random() < 0.25:
        ids.add(rng.choice(BUILTIN_PROMPT_IDS))
    return sorted(ids)


TYPO_ONE = 0.5  # of entries have a typo in the body (written after a shift)
TYPO_TWO = 0.15  # of entries have a second one
_WORD = re.compile(r"\b[a-z]{5,}\b")


def _typos(rng: random.Random, text: str) -> str:
    """``text`` with the slips of fast typing: a swapped, dropped or doubled letter.

    Realistic, and it gives the index the long tail of rare words a real journal has (a
    vocabulary of tens of thousands of words, not the two thousand of the word lists).
    """
    n = (rng.random() < TYPO_ONE) + (rng.random() < TYPO_TWO)
    for _ in range(n):
        words = list(_WORD.finditer(text))
        if not words:
            break
        m = rng.choice(words)
        w = m.group(0)
        i = rng.randrange(1, len(w) - 2)
        op = rng.randrange(3)
        if op == 0:
            w = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
        elif op == 1:
            w = w[:i] + w[i + 1 :]
        else:
            w = w[:i] + w[i] + w[i:]
        text = text[: m.start()] + w + text[m.end() :]
    return text


_MAKERS = {"case": _case, "feedback": _feedback, "reflection": _reflection}


def _every_field(kind: str, record: dict[str, Any]) -> dict[str, Any]:
    """``record`` with a field the generator does not write (one added to imgjournal.fields
    since) at its empty value, as an export of the journal writes it."""
    from imgjournal.fields import KIND_FIELDS

    for f in KIND_FIELDS[kind]:
        empty = list(f.default) if isinstance(f.default, tuple) else f.default
        record.setdefault(f.json_key, empty)
    return record


def generate(n_entries: int = DEFAULT_ENTRIES, seed: int = DEFAULT_SEED) -> dict[str, Any]:
    """An export document with ``n_entries`` invented entries (deterministic in ``seed``)."""
    rng = random.Random(seed)
    experiences, info = _experiences(rng)
    cum_weights = list(itertools.accumulate(x["weight"] for x in info))
    span = (LAST_DAY - FIRST_DAY).days + 1

    # Dates first, so ids follow the order a user would have written in.
    slots: list[tuple[date, int, int | None]] = []
    for i in range(n_entries):
        if rng.random() < UNATTACHED_FRACTION:
            slots.append((FIRST_DAY + timedelta(days=rng.randrange(span)), i, None))
        else:
            x = rng.choices(info, cum_weights=cum_weights)[0]
            slots.append((x["start"] + timedelta(days=rng.randrange(x["days"])), i, x["id"] - 1))
    slots.sort()

    kinds = [k for k, _ in KIND_WEIGHTS]
    kind_w = list(itertools.accumulate(w for _, w in KIND_WEIGHTS))
    entries: list[dict[str, Any]] = []
    tag_names: set[str] = set()
    for entry_id, (day, _, xi) in enumerate(slots, start=1):
        xp = info[xi] if xi is not None else None
        kind = rng.choices(kinds, cum_weights=kind_w)[0]
        made = _MAKERS[kind](rng, xp)
        made["body"] = _typos(rng, made["body"])
        created = _stamp(day, rng)
        updated = created
        if rng.random() < 0.2:
            updated = _stamp(day + timedelta(days=rng.randint(0, 30)), rng, (6, 23))
            updated = max(updated, created)
        deleted = None
        if rng.random() < TRASHED_FRACTION:
            deleted = _stamp(day + timedelta(days=rng.randint(1, 60)), rng, (6, 23))
        tags = sorted(set(made["tags"]))
        tag_names.update(tags)
        rec: dict[str, Any] = {
            "id": entry_id,
            "kind": kind,
            "title": made["title"],
            "date": day.isoformat(),
            "body": made["body"],
            "experience_id": xi + 1 if xi is not None else None,
            "prompt_ids": made["prompt_ids"],
            "tags": tags,
            "created_at": created,
            "updated_at": updated,
            "deleted_at": deleted,
        }
        if kind in ("case", "feedback"):
            rec[kind] = _every_field(kind, made[kind])
        entries.append(rec)

    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "experiences": experiences,
        "prompts": builtin_prompts(),
        "tags": sorted(tag_names),
        "entries": entries,
        "answer_drafts": _answer_drafts(rng, entries),
        # Practice happens in the app, where FSRS writes attempts and schedules together.
        "practice_attempts": [],
        "prompt_schedules": [],
    }


DRAFTED_FRACTION = 0.6
STAR_L = ("Situation", "Task", "Action", "Result", "Lesson")


def _answer_drafts(rng: random.Random, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """STAR-L answer drafts for most prompts, written from a linked case when there is one.

    One draft per drafted prompt (a second one for some), the first marked for practice,
    written in the last months of the journal, as an applicant does before interviews.
    """
    linked: dict[int, list[dict[str, Any]]] = {}
    for e in entries:
        if not e["deleted_at"]:
            for pid in e["prompt_ids"]:
                linked.setdefault(pid, []).append(e)
    drafts: list[dict[str, Any]] = []
    last = max((date.fromisoformat(e["date"]) for e in entries), default=LAST_DAY)
    for pid in BUILTIN_PROMPT_IDS:
        if rng.random() >= DRAFTED_FRACTION:
            continue
        for n in range(1 if rng.random() < 0.8 else 2):
            stories = linked.get(pid, [])
            cases = [e for e in stories if e["kind"] == "case" and e["case"]["situation"]]
            story = rng.choice(cases) if cases else None
            sections = _star_sections(rng, story, stories)
            body = "\n\n".join(
                f"## {name}\n\n{text}" for name, text in zip(STAR_L, sections, strict=True)
            )
            created = _stamp(last - timedelta(days=rng.randint(5, 120)), rng, (6, 23))
            updated = max(created, _stamp(last - timedelta(days=rng.randint(0, 4)), rng, (6, 23)))
            drafts.append(
                {
                    "id": len(drafts) + 1,
                    "prompt_id": pid,
                    "title": story["title"] if story else f"Draft {n + 1}",
                    "body": body + "\n",
                    "is_practice": n == 0,
                    "created_at": created,
                    "updated_at": updated,
                }
            )
    return drafts


def _star_sections(
    rng: random.Random, story: dict[str, Any] | None, stories: list[dict[str, Any]]
) -> list[str]:
    if story is not None:
        case = story["case"]
        return [case["situation"], case["task"], case["action"], case["result"], case["lesson"]]
    # No case to lean on: the applicant writes from reflections, in their own words.
    sentences = [
        sent
        for e in stories[:20]
        if e["kind"] == "reflection"
        for sent in re.split(r"(?<=\.) ", e["body"].split("\n\n")[0])
    ] or list(vocab.STAR_LESSON)
    return [
        rng.choice(vocab.STAR_SITUATION).format(
            place="clinic",
            age="a patient",
            age_l="a patient",
            cc="a problem I will never forget",
            ordinal=rng.choice(vocab.ORDINALS),
        ),
        rng.choice(vocab.STAR_TASK).replace("{procedure}", "plan"),
        " ".join(rng.sample(sentences, min(2, len(sentences)))),
        rng.choice(vocab.STAR_RESULT).format(dx="clear in the end", day=rng.randint(2, 9)),
        rng.choice(vocab.STAR_LESSON),
    ]


def builtin_prompts() -> list[dict[str, Any]]:
    """The built-in prompt library as a new journal exports it (ids 1.., positions 0..)."""
    from imgjournal.services.prompt_library import builtin_library

    return [
        {
            "id": i,
            "key": p["key"],
            "category": p["category"],
            "text": p["text"],
            "min_seconds": p["min_seconds"],
            "max_seconds": p["max_seconds"],
            "hidden": False,
            "position": i - 1,
        }
        for i, p in enumerate(builtin_library(), start=1)
    ]


# ---- writers -------------------------------------------------------------------------------


def dumps(doc: dict[str, Any]) -> bytes:
    """The document exactly as ``imgjournal export`` writes it."""
    from imgjournal.export.json_io import dumps as export_dumps

    return export_dumps(doc)


def write_json(doc: dict[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(dumps(doc))
    return path


def entry_markdown(rec: dict[str, Any]) -> str:
    """The whole entry as Markdown text: the body, then the kind's fields as sections."""
    parts = [rec["body"]] if rec["body"] else []
    case = rec.get("case")
    if case:
        facts = [
            f"- Setting: {case['setting']}",
            f"- Patient: {case['age_band']}, {case['sex']}",
            f"- Chief complaint: {case['chief_complaint']}",
            f"- Diagnoses: {'; '.join(case['diagnoses'])}",
        ]
        if case["procedures"]:
            facts.append(f"- Procedures: {'; '.join(case['procedures'])}")
        facts.append(f"- My role: {case['role']}")
        parts.append("\n".join(facts))
        for key in ("situation", "task", "action", "result", "lesson"):
            if case[key]:
                parts.append(f"**{key.capitalize()}:** {case[key]}")
    fb = rec.get("feedback")
    if fb:
        parts.append(f"From {fb['giver_name']} ({fb['giver_role']}, {fb['feedback_kind']}):")
        parts.append(f"> {fb['words']}")
        if fb["action_items"]:
            parts.append("\n".join(f"- [ ] {item}" for item in fb["action_items"].split("\n")))
    return "\n\n".join(parts)


def write_jrnl(doc: dict[str, Any], path: Path) -> Path:
    """The live entries as a jrnl plain-text journal (timeformat ``JRNL_TIMEFORMAT``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    out: list[str] = []
    for rec in doc["entries"]:
        if rec["deleted_at"]:
            continue
        stamp = datetime.fromisoformat(rec["created_at"])
        when = f"{rec['date']} {stamp.hour:02d}:{stamp.minute:02d}"
        text = entry_markdown(rec)
        if rec["tags"]:
            text += "\n\n" + " ".join("@" + t for t in rec["tags"])
        out.append(f"[{when}] {rec['title']}\n{text}\n")
    path.write_text("\n".join(out), encoding="utf-8")
    return path


JRNL_TIMEFORMAT = "%Y-%m-%d %H:%M"


def jrnl_config(journal_file: Path) -> str:
    """A jrnl 4 config (YAML) for ``journal_file``: no colours, no editor, no encryption."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        jrnl_version = "v" + version("jrnl")
    except PackageNotFoundError:
        jrnl_version = "v4.0"
    return (
        f"version: {jrnl_version}\n"
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\n"
        "default_minute: 0\n"
        "editor: ''\n"
        "encrypt: false\n"
        "highlight: false\n"
        "indent_character: '|'\n"
        "journals:\n"
        f"  default: {json.dumps(str(journal_file))}\n"
        "linewrap: 79\n"
        "tagsymbols: '@'\n"
        "template: false\n"
        f"timeformat: '{JRNL_TIMEFORMAT}'\n"
    )


_UNSAFE = re.compile(r'[\\/:*?"<>|#^\[\]]+')


def write_markdown(
    doc: dict[str, Any], folder: Path, limit: int = DEFAULT_MARKDOWN_FILES
) -> list[Path]:
    """The first ``limit`` live entries as ``.md`` notes, as note apps export them.

    Most notes (70%) carry Joplin-style front matter (title, date, tags); some (20%) are
    Obsidian-style (tags in front matter and ``#tags`` in the text, the title in the file
    name); the rest (10%) have no front matter at all. Every file's modification time is the
    entry's ``updated_at``, the date an importer falls back to.
    """
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"markdown-{limit}")
    written: list[Path] = []
    used: set[str] = set()
    for rec in _live(doc["entries"]):
        if len(written) >= limit:
            break
        style = rng.random()
        name = _UNSAFE.sub("-", rec["title"]).strip(" .-") or "Untitled"
        stem = name if style >= 0.7 else f"{rec['date']} {name}"
        n = 1
        while stem.lower() in used:
            n += 1
            stem = f"{name} {n}" if style >= 0.7 else f"{rec['date']} {name} {n}"
        used.add(stem.lower())
        text = entry_markdown(rec)
        tags = rec["tags"]
        if style < 0.7:
            head = [
                "---",
                f"title: {json.dumps(rec['title'], ensure_ascii=False)}",
                f"date: {rec['date']}",
            ]
            if tags:
                head.append("tags:")
                head += [f"  - {t}" for t in tags]
            content = "\n".join(head) + "\n---\n\n" + text + "\n"
        elif style < 0.9:
            head = ["---", f"tags: [{', '.join(tags)}]", "---", ""] if tags else []
            inline = " ".join("#" + t for t in tags)
            content = (
                "\n".join(head)
                + f"# {rec['title']}\n\n{text}\n"
                + (f"\n{inline}\n" if inline else "")
            )
        else:
            content = f"# {rec['title']}\n\n{text}\n"
        path = folder / f"{stem}.md"
        path.write_text(content, encoding="utf-8")
        # Exports keep the note's time: the only date a note without front matter has.
        at = datetime.fromisoformat(rec["updated_at"]).timestamp()
        os.utime(path, (at, at))
        written.append(path)
    return written


def _live(entries: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    return (e for e in entries if not e["deleted_at"])


# ---- command line --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m benchmarks.synthetic",
        description="Write an invented imgjournal journal (JSON export, jrnl file, Markdown).",
    )
    ap.add_argument("--entries", type=int, default=DEFAULT_ENTRIES)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--json", type=Path, help="write the imgjournal export file here")
    ap.add_argument("--jrnl", type=Path, help="write a jrnl journal file here")
    ap.add_argument("--markdown", type=Path, help="write Markdown notes into this folder")
    ap.add_argument("--markdown-files", type=int, default=DEFAULT_MARKDOWN_FILES)
    args = ap.parse_args(argv)
    doc = generate(args.entries, args.seed)
    if args.json:
        write_json(doc, args.json)
    if args.jrnl:
        write_jrnl(doc, args.jrnl)
    if args.markdown:
        write_markdown(doc, args.markdown, args.markdown_files)
    counts = {k: 0 for k, _ in KIND_WEIGHTS}
    for e in doc["entries"]:
        counts[e["kind"]] += 1
    print(
        f"{len(doc['entries'])} entries ({', '.join(f'{v} {k}' for k, v in counts.items())}), "
        f"{len(doc['experiences'])} experiences, {len(doc['tags'])} tags"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
