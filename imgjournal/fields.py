"""The case and feedback fields of an entry, declared once.

Each :class:`Field` says what one field of :class:`~imgjournal.services.dto.CaseFields` or
:class:`~imgjournal.services.dto.FeedbackFields` is called everywhere: its DTO attribute, its
column of ``entries``, what the editor and the privacy check call it, its key in a JSON export
and in a Markdown note's front matter, its option of ``imgjournal add``, whether it holds text,
a list, a choice or a flag, and the words a sentence about its value uses ("The chief complaint
is 2,100 characters long").

Everything that maps these fields is built from here: the DTOs (``services/dto.py``) and the
model's columns (``models.py``), the services' conversions and checks (``services/convert.py``,
``services/entries.py``), the stored rows of export and import (``services/snapshot.py``,
``export/entry_rows.py``, ``export/json_records.py``), the export format's tables
(``export/json_fields.py``), Markdown notes, the history's list of changed fields, the privacy
check's fields, search's indexed columns, ``imgjournal add``'s options and the editor's forms.
Adding a field is one line here and a migration; ``tests/core/test_fields.py`` fails until
every place follows.

The tuples are in the order of the DTO dataclasses' fields (the order of a record in the
export file). This module imports only :mod:`imgjournal.domain`: every layer may use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from imgjournal.domain import (
    AgeBand,
    CaseRole,
    EntryKind,
    FeedbackKind,
    GiverRole,
    Setting,
    Sex,
    _Labelled,
)

TEXT = "text"  # a short text (MAX_FIELD_CHARS); stored as text, "" when empty
LIST = "list"  # a list of short texts; stored one per line
CHOICE = "choice"  # one value of ``choices`` (an enum of imgjournal.domain), or None
FLAG = "flag"  # true or false

_DEFAULTS: dict[str, Any] = {TEXT: "", LIST: (), CHOICE: None, FLAG: False}


@dataclass(frozen=True)
class Field:
    attr: str  # the attribute of CaseFields / FeedbackFields
    shape: str  # TEXT, LIST, CHOICE or FLAG
    label: str  # what the editor and the privacy check call it ("Who gave it")
    what: str  # the field in a sentence about its value ("The giver's name is ... long")
    column: str = ""  # its column of ``entries`` (default: attr)
    choices: type[_Labelled] | None = None  # the values a CHOICE may take
    hint: str = ""  # the editor's placeholder text
    name: str = ""  # its plain name in a list of fields (history); default: from the column
    json_key: str = ""  # its key in a JSON export's record (default: attr)
    md_key: str = ""  # its key in a Markdown note's front matter (default: attr)
    option: str = ""  # its option of `imgjournal add` (default: --attr-with-dashes)
    help: str = ""  # that option's help
    width: int = 0  # its column's declared width (VARCHAR(n)); 0: TEXT, or 12 for a choice
    limit: int = 0  # the most characters a TEXT may hold (0: limits.MAX_FIELD_CHARS)

    def __post_init__(self) -> None:
        if self.shape not in _DEFAULTS:
            raise ValueError(f"unknown field shape {self.shape!r}")
        if (self.shape == CHOICE) != (self.choices is not None):
            raise ValueError(f"{self.attr}: a choice field, and only one, names its choices")
        fill = object.__setattr__
        if not self.column:
            fill(self, "column", self.attr)
        if not self.name:
            fill(self, "name", self.column.removeprefix("star_").replace("_", " ").capitalize())
        if not self.json_key:
            fill(self, "json_key", self.attr)
        if not self.md_key:
            fill(self, "md_key", self.attr)
        if not self.option:
            fill(self, "option", "--" + self.attr.replace("_", "-"))

    @property
    def default(self) -> Any:
        """Its value in an empty CaseFields / FeedbackFields (and in a file that leaves it out)."""
        return _DEFAULTS[self.shape]

    @property
    def free_text(self) -> bool:
        """Whether the user types it: searched, checked for identifiers, limited in length."""
        return self.shape in (TEXT, LIST)


CASE_FIELDS: tuple[Field, ...] = (
    Field("setting", CHOICE, "Setting", "setting", choices=Setting, help="inpatient, outpatient, ed, icu, clinic or other"),
    Field("age_band", CHOICE, "Age band", "age band", choices=AgeBand, help="newborn, infant, child, adolescent, 18-39, 40-64, 65-89 or 90+"),
    Field("sex", CHOICE, "Sex", "sex", choices=Sex, help="female, male, other or unknown", width=8),
    Field("chief_complaint", TEXT, "Chief complaint", "chief complaint", hint="Chief complaint, e.g. chest pain for 2 hours", option="--complaint", help="the chief complaint"),
    Field("diagnoses", LIST, "Diagnoses", "diagnoses", hint="Diagnoses, separated by ;", option="--diagnosis", help="a diagnosis (repeatable)"),
    Field("procedures", LIST, "Procedures", "procedures", hint="Procedures, separated by ;", option="--procedure", help="a procedure (repeatable)"),
    Field("role", CHOICE, "My role", "role", choices=CaseRole, help="observed, assisted, performed or presented"),
    Field("situation", TEXT, "Situation", "situation", "star_situation", hint="Where were you, what was going on? No names, dates or places.", help="STAR-L: the situation"),
    Field("task", TEXT, "Task", "task", "star_task", hint="What was your job or the problem to solve?", help="STAR-L: the task"),
    Field("action", TEXT, "Action", "action", "star_action", hint="What did you do, step by step?", help="STAR-L: the action"),
    Field("result", TEXT, "Result", "result", "star_result", hint="What happened? Numbers, outcome, feedback.", help="STAR-L: the result"),
    Field("lesson", TEXT, "Lesson", "lesson", "star_lesson", hint="What did you learn, and what do you do differently now?", help="STAR-L: the lesson"),
    Field("hook", TEXT, "Memory hook", "memory hook", hint="One line that brings the story back (the cheat sheet's cue)", help="one line that brings the story back, printed as its cue on the cheat sheet", width=120, limit=120),
)  # fmt: skip
FEEDBACK_FIELDS: tuple[Field, ...] = (
    Field("giver_name", TEXT, "Who gave it", "giver's name", hint="Who gave it (e.g. Dr. Lee, the attending)", option="--giver", help="who gave it", width=200),
    Field("giver_role", CHOICE, "Role", "giver role", choices=GiverRole, help="attending, resident, nurse or other"),
    Field("feedback_kind", CHOICE, "Kind", "feedback kind", choices=FeedbackKind, help="praise or constructive"),
    Field("words", TEXT, "Their words", "feedback", hint="Their words, as close as you remember them", help="the words as said"),
    Field("action_items", TEXT, "Actions", "action items", hint="What you will do about it", help="what you will do about it"),
    Field("followed_up", FLAG, "Followed up", "followed up", help="you have followed up"),
)  # fmt: skip

# The kind's own fields, by entry kind (a reflection has none).
KIND_FIELDS: dict[str, tuple[Field, ...]] = {
    EntryKind.CASE.value: CASE_FIELDS,
    EntryKind.FEEDBACK.value: FEEDBACK_FIELDS,
}
# The STAR-L story of a case (the editor folds it; interview answers are drafted from it).
STORY_FIELDS: tuple[Field, ...] = tuple(f for f in CASE_FIELDS if f.column.startswith("star_"))

# An entry's free-text fields, in the order the editor shows them, with what the user sees
# them called. The keys are stable: the privacy check's findings (the CLI's JSON `field`) and
# the editor's widgets use them.
FIELD_LABELS: dict[str, str] = {
    "title": "Title",
    **{f.attr: f.label for f in (*CASE_FIELDS, *FEEDBACK_FIELDS) if f.free_text},
    "body": "Body",
    "tags": "Tags",
}
