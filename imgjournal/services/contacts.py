"""Contacts and mentors: people met on rotations and at events, when to write to them next,
and the programs, experiences and letters they belong with.

``follow_up`` is the date the user means to write next; :func:`follow_up_reminders` turns the
ones due within a week (or overdue) into Today's reminders, as letters' reminders are.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from imgjournal.db import Journal
from imgjournal.errors import NotFoundError
from imgjournal.models import Contact, ContactLink, Experience, Letter, Program, utcnow
from imgjournal.services import validate
from imgjournal.services.programs_dto import ContactDTO

_TEXTS = {
    "role": ("contact's role", 200),
    "institution": ("contact's institution", 200),
    "met_where": ("where you met", 200),
}
_DATES = ("met_on", "last_contact", "follow_up")
_LINKS = {
    "program_ids": ("program_id", Program, "program", "program list"),
    "experience_ids": ("experience_id", Experience, "experience", "experience list"),
    "letter_ids": ("letter_id", Letter, "letter", "letter list"),
}
FOLLOW_UP_DAYS = 7  # a follow-up this close (or past) is a reminder on Today


def _clean(name: str, value: Any) -> Any:
    if name == "name":
        return validate.title(value, "contact's name")
    if name in _TEXTS:
        what, limit = _TEXTS[name]
        return validate.field(" ".join((value or "").split()), what, limit)
    if name == "notes":
        return validate.body(value, "contact's notes", "keep the notes shorter")
    if name in _DATES:
        if value is not None and not isinstance(value, date):
            raise TypeError(f"{name} must be a date")
        return value
    raise TypeError(f"unknown contact field {name!r}")


def contact_dto(x: Any, links: Any) -> ContactDTO:
    """A contact's row and its (program_id, experience_id, letter_id) link rows."""
    links = list(links)
    return ContactDTO(
        id=x.id,
        name=x.name,
        role=x.role,
        institution=x.institution,
        met_where=x.met_where,
        met_on=x.met_on,
        last_contact=x.last_contact,
        follow_up=x.follow_up,
        notes=x.notes,
        created_at=x.created_at,
        updated_at=x.updated_at,
        program_ids=tuple(sorted(p for p, _e, _l in links if p is not None)),
        experience_ids=tuple(sorted(e for _p, e, _l in links if e is not None)),
        letter_ids=tuple(sorted(lt for _p, _e, lt in links if lt is not None)),
    )


_LINK_COLUMNS = (ContactLink.program_id, ContactLink.experience_id, ContactLink.letter_id)


def _dto(s: Session, x: Contact) -> ContactDTO:
    links = s.execute(select(*_LINK_COLUMNS).where(ContactLink.contact_id == x.id)).all()
    return contact_dto(x, links)


def read_all(conn: Any) -> list[ContactDTO]:
    """Every contact by id, read on a Core connection."""
    links: dict[int, list] = {}
    for cid, *rest in conn.execute(select(ContactLink.contact_id, *_LINK_COLUMNS)):
        links.setdefault(cid, []).append(tuple(rest))
    rows = conn.execute(select(Contact.__table__).order_by(Contact.id)).all()
    return [contact_dto(r, links.get(r.id, ())) for r in rows]


def _contact(s: Session, contact_id: int) -> Contact:
    x = s.get(Contact, validate.record_id(contact_id, "contact"))
    if x is None:
        raise NotFoundError(
            f"There is no contact with id {contact_id}; `imgjournal contact list` shows them."
        )
    return x


def _set_links(s: Session, x: Contact, kind: str, ids: Any) -> None:
    column, model, what, command = _LINKS[kind]
    wanted = sorted({validate.record_id(int(i), what) for i in ids})
    for i in wanted:
        if s.get(model, i) is None:
            raise NotFoundError(
                f"There is no {what} with id {i}; `imgjournal {command}` shows them."
            )
    s.execute(
        delete(ContactLink).where(
            ContactLink.contact_id == x.id, getattr(ContactLink, column).is_not(None)
        )
    )
    for i in wanted:
        s.add(ContactLink(contact_id=x.id, **{column: i}))


def create_contact(journal: Journal, name: str, **values: Any) -> ContactDTO:
    """A new contact; ``program_ids``, ``experience_ids``, ``letter_ids`` link it."""
    links = {k: values.pop(k) for k in list(values) if k in _LINKS}
    clean = {k: _clean(k, v) for k, v in ({"name": name} | values).items()}
    now = utcnow()
    with journal.session() as s:
        x = Contact(created_at=now, updated_at=now, **clean)
        s.add(x)
        s.flush()
        for kind, ids in links.items():
            _set_links(s, x, kind, ids or ())
        s.flush()
        return _dto(s, x)


def update_contact(journal: Journal, contact_id: int, **changes: Any) -> ContactDTO:
    """Change the named fields; a link list given replaces that kind of link."""
    links = {k: changes.pop(k) for k in list(changes) if k in _LINKS}
    clean = {k: _clean(k, v) for k, v in changes.items()}
    with journal.session() as s:
        x = _contact(s, contact_id)
        for k, v in clean.items():
            setattr(x, k, v)
        for kind, ids in links.items():
            if ids is not None:
                _set_links(s, x, kind, ids)
        x.updated_at = utcnow()
        s.flush()
        return _dto(s, x)


def get_contact(journal: Journal, contact_id: int) -> ContactDTO:
    with journal.session() as s:
        return _dto(s, _contact(s, contact_id))


def list_contacts(journal: Journal) -> list[ContactDTO]:
    """Every contact: the next follow-up first, then the ones without one, by name."""
    with journal.engine.connect() as conn:
        items = read_all(conn)
    return sorted(
        items,
        key=lambda c: (c.follow_up is None, c.follow_up or date.max, c.name.casefold(), c.id),
    )


def delete_contact(journal: Journal, contact_id: int) -> None:
    with journal.session() as s:
        s.delete(_contact(s, contact_id))


def follow_up_reminders(contacts: Any, today: date) -> list[str]:
    """The follow-ups due within FOLLOW_UP_DAYS or overdue, soonest first, in words."""
    soon = today + timedelta(days=FOLLOW_UP_DAYS)
    out = []
    for c in sorted(
        (c for c in contacts if c.follow_up is not None and c.follow_up <= soon),
        key=lambda c: c.follow_up,
    ):
        who = c.name + (f" ({c.institution})" if c.institution else "")
        days = (c.follow_up - today).days
        if days < 0:
            when = f"was due {-days} day{'s' if days != -1 else ''} ago"
        elif days == 0:
            when = "is due today"
        else:
            when = f"is due in {days} day{'s' if days != 1 else ''}"
        out.append(f"Follow up with {who}: {when} ({c.follow_up.isoformat()}).")
    return out


def reminders(journal: Journal, today: date | None = None) -> list[str]:
    return follow_up_reminders(list_contacts(journal), today or date.today())
