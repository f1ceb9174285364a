"""A realistic small journal for the PDF tests: two experiences and 30 entries.

The other ``test_pdf_*`` modules import :func:`make_sample` from here. It uses the services
only, like the app, and includes what printing must survive: Vietnamese and Scandinavian names,
``<`` and ``&`` in titles and bodies, an emoji, Markdown lists, tables and quotes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from imgjournal.db import Journal
from imgjournal.services.dto import CaseFields, EntryDTO, ExperienceDTO, FeedbackFields
from imgjournal.services.entries import create_entry
from imgjournal.services.experiences import create_experience
from imgjournal.services.prompts import list_prompts

ESCAPED_TITLE = "Chest pain <PE?> & a long flight"
RESIDENT = "Dr. Nguyễn Thị Hằng"
NURSE = "Zoë Ørsted"


@dataclass
class Sample:
    journal: Journal
    medicine: ExperienceDTO  # a US sub-internship, supervisor Dr. Sarah O'Neil
    cardiology: ExperienceDTO  # an observership
    entries: list[EntryDTO]
    prompt_ids: dict[str, int]  # built-in prompt key -> id


_CASES = [
    # title, setting, age band, sex, complaint, diagnoses, procedures, role, STAR-L, prompts
    (
        "Septic shock on the night shift",
        "icu",
        "65-89",
        "female",
        "Fever and confusion",
        ["Septic shock", "Urinary tract infection"],
        ["Central line"],
        "presented",
        (
            "Night float: a 70-year-old woman from a nursing home arrived hypotensive.",
            "I was the sub-intern admitting her with the night resident.",
            "I started the sepsis bundle and called the ICU fellow early.",
            "She was on pressors within the hour and left the ICU on day three.",
            "Escalate early; a calm, structured handover saves minutes.",
        ),
        ["challenging-clinical-experience", "working-under-pressure"],
    ),
    (
        "Missed potassium result",
        "inpatient",
        "40-64",
        "male",
        "Weakness",
        ["Hypokalaemia"],
        [],
        "performed",
        (
            "I forgot to follow up a morning potassium of 2.9.",
            "Own the mistake and keep the patient safe.",
            "I told my resident at once and we repleted it.",
            "No harm came to him.",
            "Checklists beat memory.",
        ),
        ["mistake-you-made", "disclosing-own-error"],
    ),
    (
        "DKA in a newly diagnosed teenager",
        "ed",
        "adolescent",
        "male",
        "Vomiting and abdominal pain",
        ["Diabetic ketoacidosis"],
        [],
        "assisted",
        ("", "", "", "", "Listen to the family: they noticed the weight loss first."),
        ["upset-patient"],
    ),
    (
        ESCAPED_TITLE,
        "ed",
        "18-39",
        "female",
        "Pleuritic chest pain",
        ["Pulmonary embolism"],
        ["CT angiography"],
        "presented",
        ("", "", "", "", "Wells score first, then the D-dimer."),
        ["interesting-case"],
    ),
    (
        "Heart failure readmission",
        "inpatient",
        "65-89",
        "male",
        "Shortness of breath",
        ["HFrEF exacerbation"],
        [],
        "presented",
        (
            "His third admission in two months.",
            "Find out why he kept coming back.",
            "I went through every pill with him and his daughter.",
            "He took furosemide once a day instead of twice; no readmission since.",
            "Ask patients to show you how they take their medicines.",
        ),
        ["teamwork-example", "patient-who-taught-you", "advocated-for-patient"],
    ),
]

BODY = """Pre-rounded on **all** my patients.

- vitals
- labs: K 2.9 < 3.5 & falling
    - repeat at 14:00

> Always check the trend."""


def make_sample(journal: Journal) -> Sample:
    """Fill ``journal`` (empty) with the sample; returns what the tests refer to."""
    ids = {p.key: p.id for p in list_prompts(journal) if p.key}
    medicine = create_experience(
        journal,
        "rotation",
        "Internal medicine sub-internship",
        date(2026, 3, 2),
        end_date=date(2026, 3, 27),
        institution="Mercy General Hospital",
        specialty="Internal medicine",
        city="Chicago",
        state="IL",
        hours_per_week=60,
        supervisor="Dr. Sarah O'Neil",
        notes="A team of **two residents** and one attending; night float every *fourth* week.",
    )
    cardiology = create_experience(
        journal,
        "observership",
        "Cardiology observership",
        date(2026, 1, 5),
        end_date=date(2026, 1, 30),
        institution="St. Luke's Medical Center",
        specialty="Cardiology",
        supervisor="Dr. Ahmed Karimi",
    )
    entries: list[EntryDTO] = []
    day = date(2026, 1, 6)
    for i in range(20):
        c = _CASES[i % len(_CASES)]
        exp = cardiology if day < date(2026, 3, 2) else medicine
        situation, task, action, result, lesson = c[8]
        entries.append(
            create_entry(
                journal,
                "case",
                c[0] if i < len(_CASES) else f"{c[0]}, again ({i // len(_CASES) + 1})",
                entry_date=day,
                experience_id=exp.id,
                prompt_ids=[ids[k] for k in c[9]] if i < 10 else [],
                tags=["sepsis"] if i == 0 else [],
                body=BODY if i % 4 == 0 else "",
                case=CaseFields(
                    setting=c[1],
                    age_band=c[2],
                    sex=c[3],
                    chief_complaint=c[4],
                    diagnoses=tuple(c[5]),
                    procedures=tuple(c[6]),
                    role=c[7],
                    situation=situation,
                    task=task,
                    action=action,
                    result=result,
                    lesson=lesson,
                ),
            )
        )
        day += timedelta(days=4)
    feedback = [
        (
            "Dr. Sarah O'Neil",
            "attending",
            "praise",
            "Your presentations are clear and well organised; you think like an intern.",
            "",
            ["greatest-strengths"],
        ),
        (
            RESIDENT,
            "resident",
            "constructive",
            "Commit to an assessment and plan instead of listing the differential.",
            "Practised one-line assessments every morning.",
            ["received-criticism"],
        ),
        (
            NURSE,
            "nurse",
            "praise",
            "Thank you for coming back to explain the plan to the family 🩺.",
            "",
            ["how-colleagues-describe-you"],
        ),
        (
            "Dr. Sarah O'Neil",
            "attending",
            "praise",
            "You followed up on every result before I asked.",
            "",
            [],
        ),
    ]
    for k, (name, role, kind, words, actions, prompts) in enumerate(feedback):
        entries.append(
            create_entry(
                journal,
                "feedback",
                f"Feedback from {name}",
                entry_date=date(2026, 3, 10) + timedelta(days=k * 4),
                experience_id=medicine.id,
                prompt_ids=[ids[p] for p in prompts],
                feedback=FeedbackFields(
                    giver_name=name,
                    giver_role=role,
                    feedback_kind=kind,
                    words=words,
                    action_items=actions,
                    followed_up=bool(actions),
                ),
            )
        )
    reflections = [
        (
            "Why I want internal medicine",
            "I like **long-term** relationships and the puzzle of *multi-system* disease."
            "\n\n1. Continuity\n2. Breadth\n3. Teaching",
            ["why-this-specialty", "tell-me-about-yourself"],
            cardiology,
            date(2026, 1, 12),
        ),
        (
            "What the observership taught me about US teams",
            "Nurses speak up, and the team listens.\n\n| Here | Home |\n|---|---|\n"
            "| Shared plans | Consultant decides |\n| Nurse-led rounds | Doctor-led rounds |",
            ["observership-lessons", "home-health-system-differences"],
            cardiology,
            date(2026, 1, 29),
        ),
        (
            "First week on nights",
            "Tired, but I finally *own* my patients. AT&T still has not fixed my phone <sigh>.",
            ["working-under-pressure"],
            medicine,
            date(2026, 3, 8),
        ),
        (
            "Teaching the students",
            "I ran a 10-minute acid–base session; see `pH < 7.35` and [the handout]"
            "(https://example.org/acid-base?x=1&y=2).",
            ["leadership-example"],
            medicine,
            date(2026, 3, 15),
        ),
        (
            "A family meeting I will remember",
            "## What happened\n\nThe daughter asked us to keep the diagnosis from her mother."
            "\n\n## What I learned\n\nAsk what the patient wants to know.",
            ["family-asks-to-withhold-diagnosis", "breaking-bad-news"],
            medicine,
            date(2026, 3, 19),
        ),
        (
            "Gap year, explained",
            "Research year in Hanoi with Dr. Trần; two posters and one paper under review.",
            ["gap-in-cv"],
            None,
            date(2026, 2, 10),
        ),
    ]
    for title, body, prompts, exp, when in reflections:
        entries.append(
            create_entry(
                journal,
                "reflection",
                title,
                entry_date=when,
                experience_id=exp.id if exp else None,
                prompt_ids=[ids[p] for p in prompts],
                body=body,
            )
        )
    return Sample(journal, medicine, cardiology, entries, ids)


def test_the_sample_is_a_realistic_month_of_journaling(journal: Journal) -> None:
    sample = make_sample(journal)
    assert len(sample.entries) == 30
    linked = {pid for e in sample.entries for pid in e.prompt_ids}
    assert len(linked) >= 15
