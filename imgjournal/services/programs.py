"""Residency programs the user considers: notes, application steps, interview, prompts.

A program moves through ``considering → applied → interview_invited → interviewed → ranked``;
the date of each step is kept (:class:`~imgjournal.models.ProgramStep`), and setting an earlier
status again forgets the later dates, as letters do. A program's name is folded with
:func:`imgjournal.services.letters.program_key`, the very function letter assignments use, so
``letter assign 3 --program "Mercy IM"`` is program "Mercy  IM"'s letter.

Why a program fits is in :mod:`imgjournal.services.fit` (reasons in words, never a score).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from imgjournal.db import Journal
from imgjournal.domain import PROGRAM_STATUSES, PROGRAM_TYPES, VISA_SPONSORSHIPS
from imgjournal.errors import NotFoundError, ValidationError
from imgjournal.models import Program, ProgramStep, Prompt, program_prompts, utcnow
from imgjournal.services import validate
from imgjournal.services.letters import program_key
from imgjournal.services.programs_dto import ProgramDTO

_TEXTS = {
    "specialty": ("program's specialty", 100),
    "city": ("program's city", 100),
    "state": ("program's state", 100),
    "interview_format": ("interview format", 40),
}
_BODIES = {
    "img_notes": "notes on IMG-friendliness",
    "sources": "program's sources",
    "questions": "questions to ask",
}
_STATUS_WORDS = {
    "considering": "considering",
    "applied": "applied",
    "interview_invited": "interview_invited",
    "interview invited": "interview_invited",
    "interview-invited": "interview_invited",
    "invited": "interview_invited",
    "interviewed": "interviewed",
    "ranked": "ranked",
}
_VISA_WORDS = {
    "unknown": "unknown",
    "none": "none",
    "no": "none",
    "j-1": "J-1",
    "j1": "J-1",
    "h-1b": "H-1B",
    "h1b": "H-1B",
    "both": "J-1 and H-1B",
    "j-1 and h-1b": "J-1 and H-1B",
    "j-1,h-1b": "J-1 and H-1B",
    "j1,h1b": "J-1 and H-1B",
    "j-1/h-1b": "J-1 and H-1B",
}
STATUS_HELP = "considering, applied, interview-invited, interviewed or ranked"
VISA_HELP = "J-1, H-1B, both, none or unknown"
TYPE_HELP = "university, community or community-based university"


def parse_status(text: str) -> str:
    value = " ".join((text or "").strip().lower().replace("_", " ").split())
    status = _STATUS_WORDS.get(value) or _STATUS_WORDS.get(value.replace(" ", "-"))
    if status is None:
        raise ValidationError(f"A program's status must be one of {STATUS_HELP}, not {text!r}.")
    return status


def parse_visa(text: str) -> str:
    value = "".join((text or "unknown").lower().split())
    value = value.replace("and", ",").replace("+", ",").replace(",,", ",")
    visa = _VISA_WORDS.get(value) or _VISA_WORDS.get(value.replace(",", " and "))
    if visa is None:
        raise ValidationError(f"A program's visa sponsorship must be {VISA_HELP}, not {text!r}.")
    return visa


def parse_type(text: str) -> str:
    value = " ".join((text or "").strip().lower().replace("_", " ").replace("-", " ").split())
    if not value:
        return ""
    for known in PROGRAM_TYPES:
        if value == known.replace("-", " "):
            return known
    raise ValidationError(f"A program's type must be {TYPE_HELP}, not {text!r}.")


def sponsors(visa: str) -> tuple[str, ...]:
    """The visas a program sponsors ("J-1 and H-1B" -> J-1, H-1B; none/unknown -> ())."""
    return tuple(v for v in ("J-1", "H-1B") if v in visa)


assert all(parse_visa(v) == v for v in VISA_SPONSORSHIPS)


def _name(text: str) -> tuple[str, str]:
    name = validate.title(text, "program's name")
    key = program_key(name)
    if not key:
        raise ValidationError(f"The program's name {text!r} has no letters or digits.")
    return name, key


def _affiliates(values: Any) -> str:
    items = validate.lines(values)
    for item in items:
        validate.field(item, "affiliated hospital", 200)
    return "\n".join(items)


def _clean(name: str, value: Any) -> Any:
    if name in _TEXTS:
        what, limit = _TEXTS[name]
        return validate.field(" ".join((value or "").split()), what, limit)
    if name in _BODIES:
        return validate.body(value, _BODIES[name], "keep it shorter")
    if name == "program_type":
        return parse_type(value)
    if name == "visa":
        return parse_visa(value)
    if name == "affiliates":
        return _affiliates(value)
    if name == "thank_you_sent":
        return bool(value)
    if name == "interview_date":
        if value is not None and not isinstance(value, date):
            raise TypeError("interview_date must be a date")
        return value
    raise TypeError(f"unknown program field {name!r}")


def program_dto(x: Any, steps: Any, prompt_ids: Any) -> ProgramDTO:
    """A program's row (ORM object or Core row), its (status, date) steps and prompt ids."""
    by_status = dict(steps)
    return ProgramDTO(
        id=x.id,
        name=x.name,
        specialty=x.specialty,
        city=x.city,
        state=x.state,
        program_type=x.program_type,
        visa=x.visa,
        img_notes=x.img_notes,
        sources=x.sources,
        affiliates=tuple(a for a in x.affiliates.split("\n") if a),
        status=x.status,
        interview_date=x.interview_date,
        interview_format=x.interview_format,
        questions=x.questions,
        thank_you_sent=bool(x.thank_you_sent),
        created_at=x.created_at,
        updated_at=x.updated_at,
        steps=tuple((st, by_status[st]) for st in PROGRAM_STATUSES if st in by_status),
        prompt_ids=tuple(sorted(prompt_ids)),
    )


def _dto(s: Session, x: Program) -> ProgramDTO:
    steps = s.execute(
        select(ProgramStep.status, ProgramStep.on_date).where(ProgramStep.program_id == x.id)
    ).all()
    prompts = s.scalars(
        select(program_prompts.c.prompt_id).where(program_prompts.c.program_id == x.id)
    ).all()
    return program_dto(x, steps, prompts)


def read_all(conn: Any) -> list[ProgramDTO]:
    """Every program by id, read on a Core connection (the whole-journal snapshot)."""
    steps: dict[int, list] = {}
    for pid, status, on in conn.execute(
        select(ProgramStep.program_id, ProgramStep.status, ProgramStep.on_date)
    ):
        steps.setdefault(pid, []).append((status, on))
    prompts: dict[int, list] = {}
    for pid, prompt_id in conn.execute(
        select(program_prompts.c.program_id, program_prompts.c.prompt_id)
    ):
        prompts.setdefault(pid, []).append(prompt_id)
    rows = conn.execute(select(Program.__table__).order_by(Program.id)).all()
    return [program_dto(r, steps.get(r.id, ()), prompts.get(r.id, ())) for r in rows]


def _program(s: Session, program_id: int) -> Program:
    x = s.get(Program, validate.record_id(program_id, "program"))
    if x is None:
        raise NotFoundError(
            f"There is no program with id {program_id}; `imgjournal program list` shows them."
        )
    return x


def _record_step(s: Session, x: Program, status: str, on: date) -> None:
    later = PROGRAM_STATUSES[PROGRAM_STATUSES.index(status) + 1 :]
    if later:
        s.execute(
            delete(ProgramStep).where(ProgramStep.program_id == x.id, ProgramStep.status.in_(later))
        )
    step = s.scalar(
        select(ProgramStep).where(ProgramStep.program_id == x.id, ProgramStep.status == status)
    )
    if step is None:
        s.add(ProgramStep(program_id=x.id, status=status, on_date=on))
    else:
        step.on_date = on
    x.status = status


def _set_prompts(s: Session, x: Program, prompt_ids: Any) -> None:
    ids = sorted({validate.record_id(int(i), "prompt") for i in prompt_ids})
    if ids:
        known = set(s.scalars(select(Prompt.id).where(Prompt.id.in_(ids))))
        missing = [i for i in ids if i not in known]
        if missing:
            raise NotFoundError(
                f"There is no prompt with id {missing[0]}; `imgjournal prompts --all` shows them."
            )
    s.execute(delete(program_prompts).where(program_prompts.c.program_id == x.id))
    if ids:
        s.execute(insert(program_prompts), [{"program_id": x.id, "prompt_id": i} for i in ids])


def create_program(
    journal: Journal,
    name: str,
    specialty: str = "",
    *,
    status: str = "considering",
    on_date: date | None = None,
    prompt_ids: Any = (),
    **fields_: Any,
) -> ProgramDTO:
    """A new program; ``on_date`` (default today) is when ``status`` was reached."""
    name, key = _name(name)
    status = parse_status(status)
    values = {k: _clean(k, v) for k, v in ({"specialty": specialty} | fields_).items()}
    now = utcnow()
    with journal.session() as s:
        x = Program(
            name=name, name_key=key, status=status, created_at=now, updated_at=now, **values
        )
        s.add(x)
        s.flush()
        _record_step(s, x, status, on_date or date.today())
        if prompt_ids:
            _set_prompts(s, x, prompt_ids)
        s.flush()
        return _dto(s, x)


def update_program(
    journal: Journal,
    program_id: int,
    *,
    status: str | None = None,
    on_date: date | None = None,
    prompt_ids: Any = None,
    **changes: Any,
) -> ProgramDTO:
    """Change the named fields; ``status`` (with ``on_date``, default today) records a step;
    ``prompt_ids`` (when given) replaces the prompts the program asks."""
    values = {}
    for name, value in changes.items():
        if name == "name":
            values["name"], values["name_key"] = _name(value)
        else:
            values[name] = _clean(name, value)
    status = parse_status(status) if status is not None else None
    with journal.session() as s:
        x = _program(s, program_id)
        for name, value in values.items():
            setattr(x, name, value)
        if status is not None:
            _record_step(s, x, status, on_date or date.today())
        if prompt_ids is not None:
            _set_prompts(s, x, prompt_ids)
        x.updated_at = utcnow()
        s.flush()
        return _dto(s, x)


def set_program_status(
    journal: Journal, program_id: int, status: str, on_date: date | None = None
) -> ProgramDTO:
    return update_program(journal, program_id, status=status, on_date=on_date)


def get_program(journal: Journal, program_id: int) -> ProgramDTO:
    with journal.session() as s:
        return _dto(s, _program(s, program_id))


def list_programs(journal: Journal) -> list[ProgramDTO]:
    """Every program by name."""
    with journal.engine.connect() as conn:
        items = read_all(conn)
    return sorted(items, key=lambda x: (x.name.casefold(), x.id))


def delete_program(journal: Journal, program_id: int) -> None:
    with journal.session() as s:
        s.delete(_program(s, program_id))


def programs_named(programs: Any, name: str) -> list[ProgramDTO]:
    """The programs whose name folds to ``name``'s (a letter assignment's program)."""
    key = program_key(name)
    return [p for p in programs if program_key(p.name) == key]
