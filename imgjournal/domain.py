"""Vocabulary of the domain: the closed sets of values entries and experiences use.

Values are the strings stored in the database and in JSON exports; ``label`` is what a user reads.
"""

from __future__ import annotations

from enum import StrEnum


def _norm(text: str) -> str:
    return "".join(ch for ch in text.strip().lower() if ch.isalnum() or ch == "+")


class _Labelled(StrEnum):
    @property
    def label(self) -> str:
        return _LABELS.get(
            (type(self).__name__, self.value), self.value.replace("_", " ").capitalize()
        )

    @classmethod
    def values(cls) -> list[str]:
        return [m.value for m in cls]

    @classmethod
    def parse(cls, text: str, field: str) -> _Labelled:
        from imgjournal.errors import ValidationError

        norm = _norm(text)
        for m in cls:
            if norm in (_norm(m.value), _norm(m.label)):
                return m
        raise ValidationError(f"{field} must be one of {', '.join(cls.values())}, not {text!r}")


class EntryKind(_Labelled):
    CASE = "case"
    FEEDBACK = "feedback"
    REFLECTION = "reflection"


class ExperienceKind(_Labelled):
    ROTATION = "rotation"  # clinical rotation / sub-internship / elective / clerkship
    EXTERNSHIP = "externship"
    OBSERVERSHIP = "observership"
    RESEARCH = "research"
    VOLUNTEER = "volunteer"
    TEACHING = "teaching"
    WORK = "work"
    OTHER = "other"


class ErasType(_Labelled):
    EDUCATION = "education"
    MILITARY = "military"
    PROFESSIONAL_ORGANIZATION = "professional_organization"
    EXTRACURRICULAR = "extracurricular"
    RESEARCH = "research"
    TEACHING = "teaching"
    VOLUNTEER = "volunteer"
    WORK = "work"


# The ERAS experience type an experience kind usually maps to (a default the user can change).
DEFAULT_ERAS_TYPE: dict[ExperienceKind, ErasType] = {
    ExperienceKind.ROTATION: ErasType.EDUCATION,
    ExperienceKind.EXTERNSHIP: ErasType.EDUCATION,
    ExperienceKind.OBSERVERSHIP: ErasType.EDUCATION,
    ExperienceKind.RESEARCH: ErasType.RESEARCH,
    ExperienceKind.VOLUNTEER: ErasType.VOLUNTEER,
    ExperienceKind.TEACHING: ErasType.TEACHING,
    ExperienceKind.WORK: ErasType.WORK,
    ExperienceKind.OTHER: ErasType.EXTRACURRICULAR,
}

# Observerships are observational by definition; the others default to hands-on.
OBSERVATIONAL_KINDS = frozenset({ExperienceKind.OBSERVERSHIP})


# A letter of recommendation's steps, in order (issue 18); stored as these values.
LETTER_STATUSES = ("identified", "asked", "agreed", "written", "uploaded", "assigned")


class Setting(_Labelled):
    INPATIENT = "inpatient"
    OUTPATIENT = "outpatient"
    ED = "ed"
    ICU = "icu"
    CLINIC = "clinic"
    OTHER = "other"


class AgeBand(_Labelled):
    """Patient age bands. Ages over 89 are one band, as HIPAA Safe Harbor requires."""

    NEWBORN = "newborn"
    INFANT = "infant"
    CHILD = "child"
    ADOLESCENT = "adolescent"
    ADULT_18_39 = "18-39"
    ADULT_40_64 = "40-64"
    ADULT_65_89 = "65-89"
    ADULT_90_PLUS = "90+"


class Sex(_Labelled):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class CaseRole(_Labelled):
    OBSERVED = "observed"
    ASSISTED = "assisted"
    PERFORMED = "performed"
    PRESENTED = "presented"


class GiverRole(_Labelled):
    ATTENDING = "attending"
    RESIDENT = "resident"
    NURSE = "nurse"
    OTHER = "other"


class FeedbackKind(_Labelled):
    PRAISE = "praise"
    CONSTRUCTIVE = "constructive"


class PromptCategory(_Labelled):
    PERSONAL = "personal"
    BEHAVIOURAL = "behavioural"
    ETHICS = "ethics"
    IMG = "img"
    CLOSING = "closing"


# Keyed by (enum name, value): StrEnum members of different enums with one value hash alike.
_LABELS: dict[tuple[str, str], str] = {
    ("ExperienceKind", ExperienceKind.ROTATION.value): "Rotation / sub-internship / elective",
    ("ExperienceKind", ExperienceKind.RESEARCH.value): "Research / QI",
    ("ErasType", ErasType.EDUCATION.value): "Education/training",
    ("ErasType", ErasType.PROFESSIONAL_ORGANIZATION.value): "Professional organization",
    ("ErasType", ErasType.TEACHING.value): "Teaching/mentoring",
    ("Setting", Setting.ED.value): "ED",
    ("Setting", Setting.ICU.value): "ICU",
    ("AgeBand", AgeBand.NEWBORN.value): "Newborn (< 1 month)",
    ("AgeBand", AgeBand.INFANT.value): "Infant (1–11 months)",
    ("AgeBand", AgeBand.CHILD.value): "Child (1–12 years)",
    ("AgeBand", AgeBand.ADOLESCENT.value): "Adolescent (13–17)",
    ("AgeBand", AgeBand.ADULT_18_39.value): "Adult 18–39",
    ("AgeBand", AgeBand.ADULT_40_64.value): "Adult 40–64",
    ("AgeBand", AgeBand.ADULT_65_89.value): "Adult 65–89",
    ("AgeBand", AgeBand.ADULT_90_PLUS.value): "Adult 90 or older",
    ("PromptCategory", PromptCategory.ETHICS.value): "Ethics / situational",
    ("PromptCategory", PromptCategory.IMG.value): "IMG-specific",
}

# A residency program's application steps, in order (issue 19); stored as these values.
PROGRAM_STATUSES = ("considering", "applied", "interview_invited", "interviewed", "ranked")
PROGRAM_TYPES = ("university", "community", "community-based university")
# What a program sponsors, as the user found out ("unknown" until then).
VISA_SPONSORSHIPS = ("unknown", "none", "J-1", "H-1B", "J-1 and H-1B")
