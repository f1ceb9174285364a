"""The JSON reader's records: each record of an export document checked and turned into
what the journal stores (a DTO, or for an entry its stored row).

:class:`RecordReader` has one method per kind of record (experience, prompt, entry with its case
or feedback fields, answer draft, practice attempt, schedule). Each takes ``where`` (the
record, as ``entries[12] (id 57)``) and the parsed object; the file-level checks (the sections,
ids, duplicates across records) are :class:`imgjournal.export.json_reader.DocumentReader`'s,
the checks of one field's value :mod:`imgjournal.export.json_checks`'.

The checks are written as straight-line code over the field tables of
:mod:`imgjournal.export.json_fields` rather than one call per field: a 50,000-entry file is
checked in about a second.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any

from imgjournal import fields
from imgjournal.domain import (
    DEFAULT_ERAS_TYPE,
    OBSERVATIONAL_KINDS,
    EntryKind,
    ExperienceKind,
)
from imgjournal.export.json_checks import (
    check_choice,
    check_text_list,
    check_title,
    read_day,
    read_moment,
    read_stored_day,
    read_stored_moment,
)
from imgjournal.export.json_fields import (
    ALLOWED,
    ATTEMPT_FIELDS,
    CASE_CHOICES,
    CASE_FIELDS,
    CATEGORIES,
    DRAFT_FIELDS,
    ENTRY_FIELDS,
    ENTRY_KINDS,
    ERAS_TYPES,
    EXPERIENCE_FIELDS,
    EXPERIENCE_KINDS,
    FEEDBACK_CHOICES,
    FEEDBACK_FIELDS,
    MAX_HOURS_PER_WEEK,
    MAX_INT,
    MAX_KEY_CHARS,
    MISSING,
    PROMPT_FIELDS,
    check_body,
    check_items,
    check_texts,
    choices,
    fail,
    field_values,
    show,
    tag_name,
)
from imgjournal.limits import MAX_LIST_ITEMS, MAX_PROMPT_CHARS, MAX_TAG_CHARS
from imgjournal.services.dto import (
    AttemptDTO,
    DraftDTO,
    ExperienceDTO,
    PromptDTO,
    ScheduleDTO,
)


@dataclass(frozen=True)
class _StoredSchedule:
    """The columns services.prep reads a schedule from."""

    prompt_id: int
    card: str
    due: datetime


_EXPERIENCE_TEXTS = ("institution", "specialty", "city", "state", "country", "supervisor")


@dataclass(frozen=True)
class _KindPart:
    """How the file's case or feedback object is checked: from imgjournal.fields, once."""

    prefix: str  # "case." or "feedback."
    json_fields: tuple  # the export format's table (json_fields.CASE_FIELDS, ...)
    choices: tuple[tuple[int, str, frozenset[str]], ...]  # (position, "case.sex", allowed)
    lists: tuple[tuple[int, str], ...]  # (position, "case.diagnoses") of each list
    text_keys: tuple[str, ...]
    texts: Callable[[list], tuple]  # the texts' values, in the order of text_keys


def _kind_part(prefix: str, kind_fields: tuple, json_table: tuple, choices: tuple) -> _KindPart:
    texts = [i for i, f in enumerate(kind_fields) if f.shape == fields.TEXT]
    return _KindPart(
        prefix=prefix,
        json_fields=json_table,
        choices=tuple((i, prefix + key, allowed) for i, key, allowed in choices),
        lists=tuple(
            (i, prefix + f.json_key) for i, f in enumerate(kind_fields) if f.shape == fields.LIST
        ),
        text_keys=tuple(kind_fields[i].json_key for i in texts),
        texts=_tuple_getter(texts),
    )


def _tuple_getter(positions: list[int]) -> Callable[[list], tuple]:
    """``itemgetter`` that always gives a tuple (it gives the item itself for one position)."""
    get = itemgetter(*positions)
    return get if len(positions) > 1 else lambda values: (get(values),)


_CASE_PART = _kind_part("case.", fields.CASE_FIELDS, CASE_FIELDS, CASE_CHOICES)
_FEEDBACK_PART = _kind_part("feedback.", fields.FEEDBACK_FIELDS, FEEDBACK_FIELDS, FEEDBACK_CHOICES)


def _stored_default(f: fields.Field) -> Any:
    return "" if f.shape == fields.LIST else f.default


# The stored case and feedback columns of an entry of another kind, and of a case or feedback
# entry whose fields the file leaves out (CaseFields() and FeedbackFields() as stored).
_NO_CASE = (None,) * len(fields.CASE_FIELDS)
_NO_FEEDBACK = (None,) * len(fields.FEEDBACK_FIELDS)
_NO_CASE_FIELDS = tuple(map(_stored_default, fields.CASE_FIELDS))
_NO_FEEDBACK_FIELDS = tuple(map(_stored_default, fields.FEEDBACK_FIELDS))


class RecordReader:
    """Checks one record at a time; ``now`` stands for the file's ``NOW`` times."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    @staticmethod
    def schedule(where: str, prompt_id: int, due: datetime, card: dict) -> ScheduleDTO:
        from fsrs import Card

        from imgjournal.services.convert import schedule_dto

        card_json = json.dumps(card, sort_keys=True)  # as services.prep stores it
        try:
            card_due = Card.from_dict(card).due
            schedule = schedule_dto(_StoredSchedule(prompt_id, card_json, due))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            fail(where, f"card is not an FSRS card ({type(exc).__name__}: {exc})")
        if card_due.tzinfo is None:  # no offset: read as UTC, as every time of the file
            card_due = card_due.replace(tzinfo=UTC)
        if card_due != due:
            fail(
                where,
                f"due {due.isoformat()} is not the card's due time {card_due.isoformat()}; "
                "due is a copy of it, so make them the same",
            )
        return schedule

    def experience(self, where: str, raw: dict) -> ExperienceDTO:
        (kind, eras_type, title, institution, specialty, city, state, country, is_us,
         hands_on, start, end, hours, supervisor, notes, created, updated) = field_values(
            where, raw, EXPERIENCE_FIELDS, ALLOWED["experiences"]
        )  # fmt: skip
        check_choice(where, "kind", kind, EXPERIENCE_KINDS)
        check_texts(
            where, "", _EXPERIENCE_TEXTS, (institution, specialty, city, state, country, supervisor)
        )
        check_body(where, "notes", notes)
        if eras_type == "":
            eras_type = DEFAULT_ERAS_TYPE[ExperienceKind(kind)].value
        check_choice(where, "eras_type", eras_type, ERAS_TYPES)
        if hands_on is MISSING:
            hands_on = ExperienceKind(kind) not in OBSERVATIONAL_KINDS
        start_date = read_day(where, "start_date", start)
        end_date = read_day(where, "end_date", end)
        if end_date is not None and end_date < start_date:
            fail(where, f"end_date {end_date} is before start_date {start_date}")
        if hours is not None and not 0 < hours <= MAX_HOURS_PER_WEEK:
            fail(where, f"hours_per_week must be from 1 to {MAX_HOURS_PER_WEEK}, not {hours}")
        return ExperienceDTO(
            id=raw["id"],
            kind=kind,
            eras_type=eras_type,
            title=check_title(where, "title", title),
            institution=institution,
            specialty=specialty,
            city=city,
            state=state,
            country=country,
            is_us=is_us,
            hands_on=hands_on,
            start_date=start_date,
            end_date=end_date,
            hours_per_week=hours,
            supervisor=supervisor,
            notes=notes,
            created_at=read_moment(where, "created_at", created, self.now),
            updated_at=read_moment(where, "updated_at", updated, self.now),
        )

    def prompt(self, where: str, raw: dict) -> PromptDTO:
        key, category, text, lo, hi, hidden, position = field_values(
            where, raw, PROMPT_FIELDS, ALLOWED["prompts"]
        )
        if key is not None:
            key = key.strip()
            if not key or len(key) > MAX_KEY_CHARS:
                fail(where, f"key must be 1 to {MAX_KEY_CHARS} characters, or null")
        check_choice(where, "category", category, CATEGORIES)
        text = text.strip()
        if not text:
            fail(where, "text is empty")
        if "\x00" in text:
            fail(where, "text holds a NUL character")
        if len(text) > MAX_PROMPT_CHARS:
            fail(where, f"text is {len(text):,} characters long; the limit is {MAX_PROMPT_CHARS:,}")
        if not 0 < lo <= MAX_INT:
            fail(where, f"min_seconds must be at least 1, not {lo}")
        if not lo <= hi <= MAX_INT:
            fail(where, f"max_seconds {hi} is less than min_seconds {lo}")
        if not -MAX_INT <= position <= MAX_INT:
            fail(where, f"position {position} is too large")
        return PromptDTO(
            id=raw["id"],
            key=key,
            category=category,
            text=text,
            min_seconds=lo,
            max_seconds=hi,
            hidden=hidden,
            position=position,
        )

    def entry(self, where: str, raw: dict) -> tuple[tuple, list[int], list[str]]:
        """An entry as the journal stores it: its row (``ENTRY_TABLE_COLUMNS``), its prompt
        ids and its tag names. No DTO: a 50,000-entry import spent a second building them."""
        (kind, title, day, body, experience_id, prompt_ids, tags, created, updated, deleted,
         case, feedback) = field_values(where, raw, ENTRY_FIELDS, ALLOWED["entries"])  # fmt: skip
        if kind not in ENTRY_KINDS:
            fail(where, f"kind must be one of {choices(ENTRY_KINDS)}, not {show(kind)}")
        if experience_id is not None and not 0 < experience_id <= MAX_INT:
            fail(where, f"experience_id must be a whole number from 1, not {experience_id}")
        for p in prompt_ids:
            if type(p) is not int or not 0 < p <= MAX_INT:
                fail(where, f"prompt_ids must hold only ids (whole numbers from 1), not {show(p)}")
        check_text_list(where, "tags", tags)
        check_body(where, "body", body)
        if len(tags) > MAX_LIST_ITEMS:
            fail(where, f"tags has {len(tags):,} items; the limit is {MAX_LIST_ITEMS}")
        names = {tag_name(t) for t in tags}
        for name in names:
            if not name or len(name) > MAX_TAG_CHARS:
                fail(where, f"tags must be 1 to {MAX_TAG_CHARS} characters, not {show(name)}")
        if kind == EntryKind.CASE:
            case_values = self.case(where, case) if case is not None else _NO_CASE_FIELDS
        elif case is not None:
            fail(where, f'it has case fields but its kind is "{kind}"')
        else:
            case_values = _NO_CASE
        if kind == EntryKind.FEEDBACK:
            feedback_values = (
                self.feedback(where, feedback) if feedback is not None else _NO_FEEDBACK_FIELDS
            )
        elif feedback is not None:
            fail(where, f'it has feedback fields but its kind is "{kind}"')
        else:
            feedback_values = _NO_FEEDBACK
        row = (
            raw["id"],
            kind,
            check_title(where, "title", title),
            read_stored_day(where, "date", day),
            body,
            experience_id,
            read_stored_moment(where, "created_at", created, self.now),
            read_stored_moment(where, "updated_at", updated, self.now),
            read_stored_moment(where, "deleted_at", deleted, self.now),
            *case_values,
            *feedback_values,
        )
        return row, sorted(set(prompt_ids)), sorted(names)

    def case(self, where: str, raw: dict) -> tuple:
        """A case's stored columns, in ``ENTRY_TABLE_COLUMNS`` order."""
        return self._kind_values(where, raw, _CASE_PART)

    def feedback(self, where: str, raw: dict) -> tuple:
        """A feedback entry's stored columns, in ``ENTRY_TABLE_COLUMNS`` order."""
        return self._kind_values(where, raw, _FEEDBACK_PART)

    def _kind_values(self, where: str, raw: dict, part: _KindPart) -> tuple:
        """The stored columns of a case's or a feedback's fields (``raw``, the file's object):
        the choices, the lists and the texts checked; list items kept one per line, exactly as
        the file has them (trimming them here would change them on the next export)."""
        prefix = part.prefix
        values = field_values(where, raw, part.json_fields, ALLOWED[prefix], prefix)
        for index, key, allowed in part.choices:
            check_choice(where, key, values[index], allowed)
        for index, key in part.lists:
            check_text_list(where, key, values[index])
        check_texts(where, prefix, part.text_keys, part.texts(values))
        for index, key in part.lists:
            check_items(where, key, values[index])
            values[index] = "\n".join(values[index])
        return tuple(values)

    def draft(self, where: str, raw: dict) -> DraftDTO:
        prompt_id, title, body, is_practice, created, updated = field_values(
            where, raw, DRAFT_FIELDS, ALLOWED["answer_drafts"]
        )
        if not 0 < prompt_id <= MAX_INT:
            fail(where, f"prompt_id must be a whole number from 1, not {prompt_id}")
        check_body(where, "body", body)
        return DraftDTO(
            id=raw["id"],
            prompt_id=prompt_id,
            title=check_title(where, "title", title),
            body=body,
            is_practice=is_practice,
            created_at=read_moment(where, "created_at", created, self.now),
            updated_at=read_moment(where, "updated_at", updated, self.now),
        )

    def attempt(self, where: str, raw: dict) -> AttemptDTO:
        prompt_id, draft_id, started, duration, rating, note, recording_ms = field_values(
            where, raw, ATTEMPT_FIELDS, ALLOWED["practice_attempts"]
        )
        if not 0 < prompt_id <= MAX_INT:
            fail(where, f"prompt_id must be a whole number from 1, not {prompt_id}")
        if draft_id is not None and not 0 < draft_id <= MAX_INT:
            fail(where, f"draft_id must be a whole number from 1 or null, not {draft_id}")
        if not 0 <= duration <= MAX_INT:
            fail(where, f"duration_seconds must be 0 or more, not {duration}")
        if recording_ms is not None and not 0 <= recording_ms <= MAX_INT:
            fail(where, f"recording_ms must be 0 or more milliseconds or null, not {recording_ms}")
        check_texts(where, "", ("note",), (note,))
        if not 1 <= rating <= 4:
            fail(
                where,
                f"rating must be 1 (Blanked), 2 (Shaky), 3 (Good) or 4 (Nailed it), not {rating}",
            )
        return AttemptDTO(
            id=raw["id"],
            prompt_id=prompt_id,
            draft_id=draft_id,
            started_at=read_moment(where, "started_at", started, self.now),
            duration_seconds=duration,
            rating=rating,
            note=note,
            recording_ms=recording_ms,
        )
