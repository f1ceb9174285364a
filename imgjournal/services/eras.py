"""The ERAS composer: the application's experiences, written from the journal.

ERAS takes at most 10 experiences (each description at most 750 characters) and lets at most 3
be "most meaningful", each with a reflection of at most 300 more characters (the numbers are
``imgjournal.limits``). Every count here, in the command line and in the app is
:func:`imgjournal.limits.eras_chars`; the text is stored as counted (``eras_text``). Each
application experience draws on one or more journal experiences: :func:`journal_material`
gathers their lessons, results, feedback and prompts, and :func:`draft_from_journal` turns
them into a first draft by a fixed template (no AI), trimmed at a sentence to fit.

A rule broken is a ValidationError of one sentence, and nothing is stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from imgjournal.db import Journal
from imgjournal.domain import ErasType, ExperienceKind
from imgjournal.errors import NotFoundError, ValidationError
from imgjournal.limits import (
    ERAS_DESCRIPTION_CHARS,
    ERAS_MAX_EXPERIENCES,
    ERAS_MOST_MEANINGFUL,
    ERAS_MOST_MEANINGFUL_EXTRA_CHARS,
    eras_chars,
    eras_text,
)
from imgjournal.models import ErasExperience, Experience, utcnow
from imgjournal.services import validate

_TEXT_FIELDS = ("organization", "position", "city", "state", "country")
FIELDS = (
    "title",
    "eras_type",
    *_TEXT_FIELDS,
    "start_date",
    "end_date",
    "hours_per_week",
    "description",
    "meaningful",
    "reflection",
    "experience_ids",
)


@dataclass(frozen=True)
class ErasExperienceDTO:
    id: int
    title: str
    eras_type: str
    organization: str
    position: str
    city: str
    state: str
    country: str
    start_date: date | None
    end_date: date | None
    hours_per_week: int | None
    description: str
    meaningful: bool
    reflection: str
    experience_ids: tuple[int, ...]
    sort_order: int
    created_at: datetime
    updated_at: datetime

    @property
    def chars(self) -> int:
        return eras_chars(self.description)

    @property
    def reflection_chars(self) -> int:
        return eras_chars(self.reflection)

    @property
    def type_label(self) -> str:
        return ErasType(self.eras_type).label

    @property
    def place(self) -> str:
        return ", ".join(v for v in (self.city, self.state, self.country) if v)


def _dto(x: ErasExperience) -> ErasExperienceDTO:
    return ErasExperienceDTO(
        id=x.id,
        title=x.title,
        eras_type=x.eras_type,
        organization=x.organization,
        position=x.position,
        city=x.city,
        state=x.state,
        country=x.country,
        start_date=x.start_date,
        end_date=x.end_date,
        hours_per_week=x.hours_per_week,
        description=x.description,
        meaningful=x.meaningful,
        reflection=x.reflection,
        experience_ids=tuple(sorted(e.id for e in x.experiences)),
        sort_order=x.sort_order,
        created_at=x.created_at,
        updated_at=x.updated_at,
    )


# ---- the rules ----------------------------------------------------------------------------


def check_description(text: str | None) -> str:
    """``text`` as stored (eras_text); a ValidationError past the 750 characters."""
    text = eras_text(text)
    n = eras_chars(text)
    if n > ERAS_DESCRIPTION_CHARS:
        raise ValidationError(
            f"The description is {n} characters and ERAS takes at most "
            f"{ERAS_DESCRIPTION_CHARS}; cut {n - ERAS_DESCRIPTION_CHARS}."
        )
    return text


def check_reflection(text: str | None) -> str:
    text = eras_text(text)
    n = eras_chars(text)
    if n > ERAS_MOST_MEANINGFUL_EXTRA_CHARS:
        raise ValidationError(
            f"The most meaningful reflection is {n} characters and ERAS takes at most "
            f"{ERAS_MOST_MEANINGFUL_EXTRA_CHARS}; cut {n - ERAS_MOST_MEANINGFUL_EXTRA_CHARS}."
        )
    return text


def _hours(value: int | None) -> int | None:
    if value is None:
        return None
    if not 0 < value <= 168:
        raise ValidationError(f"Hours per week must be between 1 and 168, not {value}.")
    return value


def _room_for_one_more(s: Session) -> None:
    n = s.scalar(select(func.count()).select_from(ErasExperience)) or 0
    if n >= ERAS_MAX_EXPERIENCES:
        raise ValidationError(
            f"ERAS takes at most {ERAS_MAX_EXPERIENCES} experiences and you have {n}; "
            "delete one or fold two together before adding another."
        )


def _room_for_meaningful(s: Session, except_id: int | None) -> None:
    stmt = select(ErasExperience.title).where(ErasExperience.meaningful.is_(True))
    if except_id is not None:
        stmt = stmt.where(ErasExperience.id != except_id)
    marked = list(s.scalars(stmt.order_by(ErasExperience.sort_order, ErasExperience.id)))
    if len(marked) >= ERAS_MOST_MEANINGFUL:
        raise ValidationError(
            f"ERAS lets at most {ERAS_MOST_MEANINGFUL} experiences be most meaningful and "
            f"{len(marked)} already are ({', '.join(marked)}); unmark one first."
        )


def _experiences(s: Session, ids: Iterable[int]) -> list[Experience]:
    out = []
    for i in dict.fromkeys(ids):
        x = s.get(Experience, validate.record_id(i, "experience"))
        if x is None:
            raise NotFoundError(
                f"There is no experience with id {i}; see `imgjournal experience list`."
            )
        out.append(x)
    return out


def _load(s: Session, eras_id: int) -> ErasExperience:
    x = s.get(ErasExperience, validate.record_id(eras_id, "ERAS experience"))
    if x is None:
        raise NotFoundError(
            f"There is no ERAS experience with id {eras_id}; see `imgjournal eras list`."
        )
    return x


# ---- the use cases ------------------------------------------------------------------------


def create_eras_experience(
    journal: Journal,
    title: str,
    eras_type: str | None = None,
    *,
    experience_ids: Sequence[int] = (),
    organization: str | None = None,
    position: str = "",
    city: str | None = None,
    state: str | None = None,
    country: str | None = None,
    start_date: date | None = None,
    end_date: date | None = None,
    hours_per_week: int | None = None,
    description: str = "",
    meaningful: bool = False,
    reflection: str = "",
    from_journal: bool = False,
) -> ErasExperienceDTO:
    """Add an application experience. Fields left as None are taken from the linked journal
    experiences (type, organization, place, dates, hours); ``from_journal`` fills an empty
    description with :func:`draft_from_journal`."""
    title = validate.title(title, "ERAS experience title")
    description = check_description(description)
    reflection = check_reflection(reflection)
    if reflection and not meaningful:
        raise ValidationError(
            "A reflection belongs to a most meaningful experience; mark it most meaningful "
            "(--meaningful) or leave the reflection out."
        )
    with journal.session() as s:
        _room_for_one_more(s)
        if meaningful:
            _room_for_meaningful(s, None)
        linked = _experiences(s, experience_ids)
        first = linked[0] if linked else None
        if eras_type:
            kind = ErasType.parse(eras_type, "The ERAS experience type").value
        elif first is not None:
            kind = first.eras_type
        else:
            raise ValidationError(
                "Choose the ERAS experience type: " + ", ".join(ErasType.values()) + "."
            )
        if first is not None:
            organization = first.institution if organization is None else organization
            city = first.city if city is None else city
            state = first.state if state is None else state
            country = (
                (first.country or ("USA" if first.is_us else "")) if country is None else country
            )
            if start_date is None and end_date is None:
                start_date = min(x.start_date for x in linked)
                ends = [x.end_date for x in linked]
                end_date = None if None in ends else max(e for e in ends if e is not None)
            if hours_per_week is None:
                hours_per_week = first.hours_per_week
        values = {
            "organization": organization or "",
            "position": position or "",
            "city": city or "",
            "state": state or "",
            "country": country or "",
        }
        for name, value in values.items():
            values[name] = validate.field(value.strip(), name)
        if start_date is not None:
            validate.date_range(start_date, end_date)
        elif end_date is not None:
            raise ValidationError("Give the start date too, or leave the end date out.")
        if from_journal and not description and linked:
            description = draft_in_session(s, [x.id for x in linked])
        now = utcnow()
        order = s.scalar(select(func.max(ErasExperience.sort_order))) or 0
        x = ErasExperience(
            title=title,
            eras_type=kind,
            **values,
            start_date=start_date,
            end_date=end_date,
            hours_per_week=_hours(hours_per_week),
            description=description,
            meaningful=meaningful,
            reflection=reflection,
            sort_order=order + 1,
            created_at=now,
            updated_at=now,
        )
        x.experiences = linked
        s.add(x)
        s.flush()
        return _dto(x)


def update_eras_experience(journal: Journal, eras_id: int, **changes: Any) -> ErasExperienceDTO:
    """Change the named fields (see :data:`FIELDS`; ``experience_ids`` replaces the links).

    A reflection stays stored when the experience is unmarked, so marking it again brings it
    back; it is neither printed nor copied meanwhile."""
    with journal.session() as s:
        x = _load(s, eras_id)
        for name, value in changes.items():
            if name == "title":
                value = validate.title(value, "ERAS experience title")
            elif name == "eras_type":
                value = ErasType.parse(value, "The ERAS experience type").value
            elif name in _TEXT_FIELDS:
                value = validate.field((value or "").strip(), name)
            elif name == "hours_per_week":
                value = _hours(value)
            elif name == "description":
                value = check_description(value)
            elif name == "reflection":
                value = check_reflection(value)
            elif name == "meaningful":
                value = bool(value)
                if value and not x.meaningful:
                    _room_for_meaningful(s, x.id)
            elif name == "experience_ids":
                x.experiences = _experiences(s, value)
                continue
            elif name not in ("start_date", "end_date"):
                raise TypeError(f"unknown ERAS experience field {name!r}")
            setattr(x, name, value)
        if x.start_date is not None:
            validate.date_range(x.start_date, x.end_date)
        elif x.end_date is not None:
            raise ValidationError("Give the start date too, or leave the end date out.")
        x.updated_at = utcnow()
        s.flush()
        return _dto(x)


def get_eras_experience(journal: Journal, eras_id: int) -> ErasExperienceDTO:
    with journal.session() as s:
        return _dto(_load(s, eras_id))


def list_eras_experiences(journal: Journal) -> list[ErasExperienceDTO]:
    """The application experiences in the composer's order (the order they were added)."""
    with journal.session() as s:
        rows = s.scalars(
            select(ErasExperience).order_by(ErasExperience.sort_order, ErasExperience.id)
        )
        return [_dto(x) for x in rows]


def delete_eras_experience(journal: Journal, eras_id: int) -> None:
    """Delete an application experience (its journal experiences stay as they are)."""
    with journal.session() as s:
        s.delete(_load(s, eras_id))


# ---- the journal's material ---------------------------------------------------------------


@dataclass(frozen=True)
class Material:
    """What the linked journal experiences hold to write from; each item is (where, text),
    ``where`` naming the entry ("Chest pain on nights, 2025-03-04")."""

    experiences: tuple[str, ...] = ()  # their titles
    lessons: tuple[tuple[str, str], ...] = ()
    results: tuple[tuple[str, str], ...] = ()
    feedback: tuple[tuple[str, str], ...] = ()  # the words, where names the giver
    prompts: tuple[str, ...] = ()  # the interview prompts their entries are linked to
    summary: tuple[str, ...] = field(default=())  # one line per experience: kind, place, dates

    @property
    def empty(self) -> bool:
        return not (self.lessons or self.results or self.feedback or self.prompts)


def journal_material(journal: Journal, experience_ids: Sequence[int]) -> Material:
    with journal.session() as s:
        return material_in_session(s, experience_ids)


def material_in_session(s: Session, experience_ids: Sequence[int]) -> Material:
    from imgjournal.models import Entry, Prompt, entry_prompts
    from imgjournal.services.entries import dto_of

    linked = _experiences(s, experience_ids)
    if not linked:
        return Material()
    ids = [x.id for x in linked]
    entries = list(
        s.scalars(
            select(Entry)
            .where(Entry.experience_id.in_(ids), Entry.deleted_at.is_(None))
            .order_by(Entry.entry_date, Entry.id)
        )
    )
    lessons, results, feedback = [], [], []
    for e in map(dto_of, entries):
        where = f"{e.title}, {e.entry_date.isoformat()}"
        if e.case is not None:
            if e.case.lesson.strip():
                lessons.append((where, e.case.lesson.strip()))
            if e.case.result.strip():
                results.append((where, e.case.result.strip()))
        if e.feedback is not None and e.feedback.words.strip():
            who = e.feedback.giver_name.strip() or "Feedback"
            feedback.append((f"{who}, {e.entry_date.isoformat()}", e.feedback.words.strip()))
    prompt_texts: list[str] = []
    if entries:
        stmt = (
            select(Prompt.text)
            .join(entry_prompts, entry_prompts.c.prompt_id == Prompt.id)
            .where(entry_prompts.c.entry_id.in_([e.id for e in entries]))
            .group_by(Prompt.id)
            .order_by(func.count().desc(), Prompt.id)
        )
        prompt_texts = list(s.scalars(stmt))
    summary = []
    for x in linked:
        end = x.end_date.isoformat() if x.end_date else "ongoing"
        where = ", ".join(v for v in (x.institution, x.city, x.state) if v)
        summary.append(
            f"{x.title}: {ExperienceKind(x.kind).label.split(' /')[0].lower()}"
            + (f" at {where}" if where else "")
            + f", {x.start_date.isoformat()} – {end}"
        )
    return Material(
        experiences=tuple(x.title for x in linked),
        lessons=tuple(lessons),
        results=tuple(results),
        feedback=tuple(feedback),
        prompts=tuple(prompt_texts),
        summary=tuple(summary),
    )


def draft_from_journal(
    journal: Journal, experience_ids: Sequence[int], limit: int = ERAS_DESCRIPTION_CHARS
) -> str:
    """A first draft of a description from the linked experiences' journal, by template."""
    with journal.session() as s:
        return draft_in_session(s, experience_ids, limit)


def draft_in_session(
    s: Session, experience_ids: Sequence[int], limit: int = ERAS_DESCRIPTION_CHARS
) -> str:
    linked = _experiences(s, experience_ids)
    return compose_draft(linked_facts(linked), material_in_session(s, experience_ids), limit)


# How each kind of experience opens a draft ("{what}" is "in SPECIALTY", or nothing).
_OPENINGS = {
    ExperienceKind.ROTATION: "I did a rotation{what}",
    ExperienceKind.EXTERNSHIP: "I did an externship{what}",
    ExperienceKind.OBSERVERSHIP: "I did an observership{what}",
    ExperienceKind.RESEARCH: "I did research{what}",
    ExperienceKind.VOLUNTEER: "I volunteered{what}",
    ExperienceKind.TEACHING: "I taught{what}",
    ExperienceKind.WORK: "I worked{what}",
    ExperienceKind.OTHER: "I took part{what}",
}


def linked_facts(linked: Sequence[Any]) -> str:
    """The opening sentence of a draft: what the experiences were, where, in plain words."""
    if not linked:
        return ""
    x = linked[0]
    kind = ExperienceKind(x.kind)
    opening = _OPENINGS[kind].format(what=f" in {x.specialty}" if x.specialty else "")
    at = f" at {x.institution}" if x.institution else ""
    care = ""
    if not x.hands_on and kind in (ExperienceKind.ROTATION, ExperienceKind.EXTERNSHIP):
        care = " (observational)"
    more = ""
    if len(linked) > 1:
        others = len(linked) - 1
        more = f", with {others} related experience{'s' if others != 1 else ''}"
    return f"{opening}{at}{care}{more}."


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def _sentences(text: str) -> list[str]:
    text = " ".join(text.split())
    parts = [p.strip() for p in _SENTENCE_END.split(text) if p.strip()]
    return [p if p[-1] in ".!?…”\"'" else p + "." for p in parts]


def _lower_first(text: str) -> str:
    """ "Repeat the ECG" -> "repeat the ECG"; "ECG first" stays (an acronym)."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def compose_draft(opening: str, material: Material, limit: int = ERAS_DESCRIPTION_CHARS) -> str:
    """The template: the opening sentence, then what I learned (the cases' lessons), what came
    of it (their results), and what supervisors said (feedback, quoted), sentence by sentence
    in that order, while the draft stays within ``limit`` ERAS characters. A sentence that does
    not fit is left out whole (never cut in the middle), so the draft ends at a sentence."""
    candidates: list[str] = []
    if opening:
        candidates.append(opening)
    for n, (_where, text) in enumerate(material.lessons):
        for i, sentence in enumerate(_sentences(text)):
            if n == 0 and i == 0:
                sentence = "I learned: " + _lower_first(sentence)
            candidates.append(sentence)
    for _where, text in material.results:
        candidates += _sentences(text)
    for where, text in material.feedback:
        who = where.rsplit(",", 1)[0]
        words = " ".join(text.split()).rstrip(".")
        candidates.append(f"{who} told me: “{words}.”")
    out = ""
    for sentence in candidates:
        joined = f"{out} {sentence}" if out else sentence
        if eras_chars(joined) <= limit:
            out = joined
    return out


# ---- plain text and Markdown --------------------------------------------------------------


def _dates(x: ErasExperienceDTO) -> str:
    if x.start_date is None:
        return ""
    start = x.start_date.strftime("%m/%Y")
    end = x.end_date.strftime("%m/%Y") if x.end_date else "present"
    return f"{start} – {end}"


def fact_lines(x: ErasExperienceDTO) -> list[tuple[str, str]]:
    """The ERAS fields of ``x`` as (label, value), the empty ones left out."""
    facts = [
        ("Experience type", x.type_label),
        ("Organization", x.organization),
        ("Position/role", x.position),
        ("Location", x.place),
        ("Dates", _dates(x)),
        ("Hours per week", str(x.hours_per_week) if x.hours_per_week else ""),
        ("Most meaningful", "Yes" if x.meaningful else ""),
    ]
    return [(k, v) for k, v in facts if v]


def plain_text(x: ErasExperienceDTO) -> str:
    """What the user pastes into ERAS: the fields as "Label: value" lines, then the description
    and (for a most meaningful one) the reflection, as written. No Markdown."""
    lines = [x.title, *(f"{k}: {v}" for k, v in fact_lines(x)), "", "Description:", x.description]
    if x.meaningful:
        lines += ["", "Most meaningful reflection:", x.reflection]
    return "\n".join(lines).rstrip() + "\n"


def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_#\[\]<>|])", r"\\\1", text)


def markdown(items: Sequence[ErasExperienceDTO]) -> str:
    """Every application experience as one Markdown document (counts included)."""
    meaningful = sum(1 for x in items if x.meaningful)
    out = [
        "# ERAS experiences",
        "",
        f"{len(items)} of {ERAS_MAX_EXPERIENCES} experiences; {meaningful} of "
        f"{ERAS_MOST_MEANINGFUL} most meaningful.",
    ]
    for n, x in enumerate(items, 1):
        out += ["", f"## {n}. {_md_escape(x.title)}", ""]
        out += [f"- **{k}:** {_md_escape(v)}" for k, v in fact_lines(x)]
        out += [
            "",
            f"### Description ({x.chars} of {ERAS_DESCRIPTION_CHARS} characters)",
            "",
            _md_escape(x.description) if x.description else "_Not written yet._",
        ]
        if x.meaningful:
            out += [
                "",
                f"### Most meaningful reflection ({x.reflection_chars} of "
                f"{ERAS_MOST_MEANINGFUL_EXTRA_CHARS} characters)",
                "",
                _md_escape(x.reflection) if x.reflection else "_Not written yet._",
            ]
    return "\n".join(out) + "\n"


def texts_to_check(x: ErasExperienceDTO) -> list[tuple[str, str]]:
    """(field, text) of what leaves the journal with ``x`` (copy, print, Markdown), for the
    privacy checker."""
    out = [("title", x.title), ("description", x.description)]
    if x.meaningful:
        out.append(("reflection", x.reflection))
    return [(k, v) for k, v in out if v.strip()]


def scan_eras(journal: Journal, items: Sequence[ErasExperienceDTO]) -> list[Any]:
    """The privacy checker's findings (services.privacy.FieldFinding) in what ``items`` carry
    out of the journal."""
    from imgjournal.services.privacy import _field_finding, allowed, scan_text

    allow = allowed(journal)
    out = []
    for x in items:
        for name, text in texts_to_check(x):
            out += [
                _field_finding(None, name, f, source=f"the ERAS experience “{x.title}”")
                for f in scan_text(text, allow)
            ]
    return out


# ---- export and import (export/json_eras.py reads and writes the records) ----------------


def read_rows(conn: Any) -> tuple[ErasExperienceDTO, ...]:
    """Every application experience, by id, on an open connection (the export's snapshot)."""
    from imgjournal.models import eras_experience_links as links

    linked: dict[int, list[int]] = {}
    for eid, xid in conn.execute(select(links.c.eras_id, links.c.experience_id)):
        linked.setdefault(eid, []).append(xid)
    table = ErasExperience.__table__
    out = []
    for r in conn.execute(select(table).order_by(table.c.id)).mappings():
        values = dict(r)
        values["meaningful"] = bool(values["meaningful"])
        out.append(
            ErasExperienceDTO(**values, experience_ids=tuple(sorted(linked.get(r["id"], ()))))
        )
    return tuple(out)


def check_import(
    conn: Any, items: Sequence[ErasExperienceDTO], file_exp: set[int], have_exp: set[int]
) -> None:
    """Before an import writes anything: each linked experience is in the file or the
    journal, and the journal's and the file's application experiences together keep the 10
    and 3 limits. One sentence, naming the record."""
    for i, x in enumerate(items):
        for xid in x.experience_ids:
            if xid not in file_exp and xid not in have_exp:
                raise ValidationError(
                    f"eras_experiences[{i}] (id {x.id}): experience id {xid} in "
                    "experience_ids is not in the file or the journal."
                )
    if not items:
        return
    table = ErasExperience.__table__
    have = conn.scalar(select(func.count()).select_from(table)) or 0
    marked = (
        conn.scalar(select(func.count()).select_from(table).where(table.c.meaningful.is_(True)))
        or 0
    )
    if have + len(items) > ERAS_MAX_EXPERIENCES:
        raise ValidationError(
            f"The file has {len(items)} ERAS experiences and the journal {have}; ERAS takes at "
            f"most {ERAS_MAX_EXPERIENCES}, so delete some first (`imgjournal eras delete`)."
        )
    file_marked = sum(1 for x in items if x.meaningful)
    if marked + file_marked > ERAS_MOST_MEANINGFUL:
        raise ValidationError(
            f"The file marks {file_marked} ERAS experiences most meaningful and the journal "
            f"{marked}; ERAS allows at most {ERAS_MOST_MEANINGFUL}, so unmark some first."
        )


def insert_imported(
    conn: Any,
    items: Sequence[ErasExperienceDTO],
    ids: dict[int, int],
    experience_ids: dict[int, int],
) -> int:
    """Write checked records (``ids``: the file's id -> the new one; ``experience_ids`` the
    file's experience ids -> the journal's; an id of the journal maps to itself)."""
    from sqlalchemy import insert

    from imgjournal.models import eras_experience_links as links

    if not items:
        return 0
    table = ErasExperience.__table__
    order = conn.scalar(select(func.max(table.c.sort_order))) or 0
    rows, link_rows = [], []
    for x in sorted(items, key=lambda x: (x.sort_order, x.id)):
        order += 1
        rows.append(
            {
                "id": ids[x.id],
                "title": x.title,
                "eras_type": x.eras_type,
                "organization": x.organization,
                "position": x.position,
                "city": x.city,
                "state": x.state,
                "country": x.country,
                "start_date": x.start_date,
                "end_date": x.end_date,
                "hours_per_week": x.hours_per_week,
                "description": x.description,
                "meaningful": x.meaningful,
                "reflection": x.reflection,
                "sort_order": order,
                "created_at": x.created_at,
                "updated_at": x.updated_at,
            }
        )
        link_rows += [
            {"eras_id": ids[x.id], "experience_id": experience_ids.get(e, e)}
            for e in x.experience_ids
        ]
    conn.execute(insert(table), rows)
    if link_rows:
        conn.execute(insert(links), link_rows)
    return len(rows)
