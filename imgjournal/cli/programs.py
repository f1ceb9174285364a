"""``imgjournal program`` and ``imgjournal contact``: residency programs and the people met.

``program add --name N --specialty S [--state ST] [--visa V] [--status S] [...]`` prints the
new program's id; ``program set ID [...]`` changes what is given (``--status`` records the
date of the step, default today); ``program list [--json]`` lists programs with the reasons
they fit (``--json``: ``id``, ``name``, ``specialty``, ``status``, ``reasons``, exactly);
``program show ID [--json]``; ``program delete ID``.

``contact add --name N [...]`` prints the new contact's id; ``contact set ID [...]``;
``contact list [--json]`` (next follow-up first); ``contact show ID [--json]``; ``contact
delete ID``. ``--program``, ``--experience`` and ``--letter`` link a contact (repeat them; on
``set`` they replace that kind of link, and ``--no-links`` drops every link).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from imgjournal.cli.args import date_arg, id_arg
from imgjournal.cli.common import EXIT_OK, print_json, short
from imgjournal.cli.records_common import (
    command,
    deleted,
    list_command,
    print_list,
    print_steps,
    status_options,
    yes_no,
)

if TYPE_CHECKING:
    from imgjournal.db import Journal

STATUSES = "considering, applied, interview-invited, interviewed or ranked"
VISAS = "J-1, H-1B, both, none or unknown"
TYPES = "university, community or community-based university"


def _program_fields(p: argparse.ArgumentParser, *, adding: bool) -> None:
    p.add_argument("--name", required=adding, metavar="N", help="the program's name")
    p.add_argument("--specialty", required=adding, metavar="S", help="e.g. Internal Medicine")
    p.add_argument("--city", metavar="CITY")
    p.add_argument("--state", metavar="ST", help="the state, e.g. NY")
    p.add_argument("--type", dest="program_type", metavar="TYPE", help=TYPES)
    p.add_argument("--visa", metavar="V", help=f"the visas it sponsors: {VISAS}")
    status_options(
        p,
        STATUSES,
        default="considering" if adding else None,
        status_help=f"{STATUSES} (default: considering)" if adding else None,
    )
    p.add_argument("--img-notes", metavar="TEXT", help="how IMG-friendly it is, in your own words")
    p.add_argument("--sources", metavar="TEXT", help="where you read or heard it")
    p.add_argument(
        "--affiliate",
        action="append",
        metavar="HOSPITAL",
        help="an affiliated hospital (repeat it; on set, the list replaces the old one)",
    )
    p.add_argument("--interview-date", type=date_arg, metavar="DATE")
    p.add_argument("--interview-format", metavar="F", help="e.g. virtual, in person")
    p.add_argument("--questions", metavar="TEXT", help="questions to ask them, in Markdown")
    p.add_argument(
        "--prompt",
        action="append",
        type=id_arg,
        metavar="ID",
        help="an interview prompt they ask (repeat it; on set, replaces the old list)",
    )
    yes_no(p, "--thank-you-sent", "--no-thank-you-sent", "thank_you_sent",
           "you sent a thank-you after the interview")  # fmt: skip


def _contact_fields(p: argparse.ArgumentParser, *, adding: bool) -> None:
    p.add_argument("--name", required=adding, metavar="N", help="the person's name")
    p.add_argument("--role", metavar="TEXT", help="e.g. Program Director, PGY-2")
    p.add_argument("--institution", metavar="TEXT", help="where they work")
    p.add_argument("--met-where", metavar="TEXT", help="where you met, e.g. a rotation")
    p.add_argument("--met-on", type=date_arg, metavar="DATE", help="when you met")
    p.add_argument("--last-contact", type=date_arg, metavar="DATE")
    p.add_argument(
        "--follow-up", type=date_arg, metavar="DATE", help="when to write next (Today reminds you)"
    )
    p.add_argument("--notes", metavar="TEXT", help="notes, in Markdown")
    for name, what in (("program", "program"), ("experience", "experience"), ("letter", "letter")):
        p.add_argument(
            f"--{name}",
            dest=f"{name}_ids",
            action="append",
            type=id_arg,
            metavar="ID",
            help=f"a {what} this contact belongs with (repeat it)",
        )
    if not adding:
        p.add_argument("--no-links", action="store_true", help="drop every link first")


def register(sub: Any) -> None:
    """Add ``program`` and ``contact`` and their subcommands to the command line."""
    pg = sub.add_parser(
        "program",
        help="residency programs: add, list with the reasons they fit, set the status",
        description="Residency programs you consider: your notes, the application steps "
        "(considering, applied, interview invited, interviewed, ranked, each with its date), "
        "the interview, and the reasons each fits, read from your journal.",
    )
    psub = pg.add_subparsers(
        dest="program_command", required=True, metavar="{add,list,show,set,delete}"
    )
    add = command(psub, "add", cmd_program_add, help="add a program; prints its id")
    _program_fields(add, adding=True)
    list_command(
        psub,
        cmd_program_list,
        "list programs with the reasons they fit",
        "print id, name, specialty, status and reasons of each, as JSON",
    )
    command(
        psub, "show", cmd_program_show, with_id=True, json="print the program as one JSON object",
        help="show one program, its steps and reasons",
    )  # fmt: skip
    st = command(
        psub, "set", cmd_program_set, with_id=True, help="change a program's fields or status"
    )
    _program_fields(st, adding=False)
    command(psub, "delete", cmd_program_delete, with_id=True, help="delete a program")

    ct = sub.add_parser(
        "contact",
        help="contacts and mentors: add, list (next follow-up first), set",
        description="People met on rotations and at events: role, institution, where and "
        "when you met, the last contact and the next follow-up (Today reminds you), and the "
        "programs, experiences and letters they belong with.",
    )
    csub = ct.add_subparsers(
        dest="contact_command", required=True, metavar="{add,list,show,set,delete}"
    )
    cadd = command(csub, "add", cmd_contact_add, help="add a contact; prints its id")
    _contact_fields(cadd, adding=True)
    list_command(csub, cmd_contact_list, "list contacts, next follow-up first")
    command(
        csub, "show", cmd_contact_show, with_id=True, json="print the contact as one JSON object",
        help="show one contact",
    )  # fmt: skip
    cset = command(
        csub, "set", cmd_contact_set, with_id=True, help="change a contact's fields or links"
    )
    _contact_fields(cset, adding=False)
    command(csub, "delete", cmd_contact_delete, with_id=True, help="delete a contact")


# ---- programs ----------------------------------------------------------------------------

_PROGRAM_OPTIONS = (
    "specialty", "city", "state", "program_type", "visa", "img_notes", "sources",
    "interview_date", "interview_format", "questions", "thank_you_sent",
)  # fmt: skip


def _program_values(args: argparse.Namespace) -> dict:
    values = {k: getattr(args, k) for k in _PROGRAM_OPTIONS if getattr(args, k) is not None}
    if args.affiliate is not None:
        values["affiliates"] = tuple(args.affiliate)
    return values


def program_record(x: Any) -> dict:
    """A program as the export file and ``program show --json`` have it."""
    from imgjournal.export.json_programs import program_record as record

    return record(x)


def cmd_program_add(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.programs import create_program

    values = _program_values(args)
    x = create_program(
        journal,
        args.name,
        values.pop("specialty"),
        status=args.status,
        on_date=args.date,
        prompt_ids=args.prompt or (),
        **values,
    )
    print(x.id)
    return EXIT_OK


def cmd_program_set(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.programs import update_program

    values = _program_values(args)
    if args.name is not None:
        values["name"] = args.name
    x = update_program(
        journal,
        args.id,
        status=args.status,
        on_date=args.date,
        prompt_ids=args.prompt,
        **values,
    )
    print(f"Program {x.id}, {x.name}, is {x.status_label.lower()}.")
    return EXIT_OK


def _line(x: Any, reasons: list[str]) -> str:
    when = x.step_date(x.status)
    fit = f"  fit {len(reasons)}" if reasons else ""
    return (
        f"{x.id:>4}  {x.status:<17} {when.isoformat() if when else '':<10}  "
        f"{short(x.name, 36):<36}  {short(x.specialty, 22):<22}{fit}"
    ).rstrip()


def cmd_program_list(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.fit import program_fits

    return print_list(
        program_fits(journal), args.json, _fit_record, _fit_lines,
        "No programs yet; add one with `imgjournal program add --name N --specialty S`.",
    )  # fmt: skip


def _fit_record(item: tuple[Any, list[str]]) -> dict:
    """A program and its reasons as ``program list --json`` has them (these keys, exactly)."""
    x, reasons = item
    return {"id": x.id, "name": x.name, "specialty": x.specialty, "status": x.status,
            "reasons": reasons}  # fmt: skip


def _fit_lines(item: tuple[Any, list[str]]) -> str:
    x, reasons = item
    return "\n".join([_line(x, reasons), *(f"        · {r}" for r in reasons)])


def cmd_program_show(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.fit import concerns, gather, reasons
    from imgjournal.services.programs import get_program

    x = get_program(journal, args.id)
    ctx = gather(journal, [x])
    why, against = reasons(x, ctx), concerns(x, ctx)
    contacts = [c for c in ctx.contacts if x.id in c.program_ids]
    if args.json:
        print_json(
            program_record(x)
            | {"reasons": why, "concerns": against, "contact_ids": [c.id for c in contacts]}
        )
        return EXIT_OK
    print(_line(x, why))
    facts = [
        ("specialty", x.specialty),
        ("place", x.place),
        ("type", x.program_type),
        ("visa", x.visa),
        ("interview", " ".join(filter(None, [
            x.interview_date.isoformat() if x.interview_date else "", x.interview_format
        ]))),
        ("thank-you", "sent" if x.thank_you_sent else ""),
    ]  # fmt: skip
    for label, value in facts:
        if value:
            print(f"      {label}: {value}")
    print_steps(x.steps, 17)
    for a in x.affiliates:
        print(f"      affiliated: {a}")
    for r in why:
        print(f"      fits: {r}")
    for r in against:
        print(f"      but: {r}")
    for c in contacts:
        print(f"      contact {c.id}: {c.name}")
    for label, text in (
        ("IMG notes", x.img_notes),
        ("sources", x.sources),
        ("questions", x.questions),
    ):
        if text.strip():
            print(f"      {label}:")
            for line in text.strip().splitlines():
                print(f"        {line}")
    return EXIT_OK


def cmd_program_delete(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.programs import delete_program

    return deleted(delete_program, journal, args.id, "program")


# ---- contacts ----------------------------------------------------------------------------

_CONTACT_OPTIONS = (
    "role", "institution", "met_where", "met_on", "last_contact", "follow_up", "notes",
)  # fmt: skip
_LINK_OPTIONS = ("program_ids", "experience_ids", "letter_ids")


def contact_record(x: Any) -> dict:
    from imgjournal.export.json_programs import contact_record as record

    return record(x)


def cmd_contact_add(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.contacts import create_contact

    values = {k: getattr(args, k) for k in _CONTACT_OPTIONS if getattr(args, k) is not None}
    links = {k: getattr(args, k) for k in _LINK_OPTIONS if getattr(args, k)}
    x = create_contact(journal, args.name, **values, **links)
    print(x.id)
    return EXIT_OK


def cmd_contact_set(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.contacts import update_contact

    values = {k: getattr(args, k) for k in _CONTACT_OPTIONS if getattr(args, k) is not None}
    if args.name is not None:
        values["name"] = args.name
    links = {k: () for k in _LINK_OPTIONS} if args.no_links else {}
    links |= {k: getattr(args, k) for k in _LINK_OPTIONS if getattr(args, k)}
    x = update_contact(journal, args.id, **values, **links)
    print(f"Contact {x.id}, {x.name}, is saved.")
    return EXIT_OK


def _contact_line(c: Any) -> str:
    follow = f"follow up {c.follow_up.isoformat()}" if c.follow_up else ""
    return (
        f"{c.id:>4}  {short(c.name, 28):<28}  {short(c.role, 20):<20}  "
        f"{short(c.institution, 28):<28}  {follow}"
    ).rstrip()


def cmd_contact_list(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.contacts import list_contacts

    return print_list(
        list_contacts(journal), args.json, contact_record, _contact_line,
        "No contacts yet; add one with `imgjournal contact add --name N`.",
    )  # fmt: skip


def cmd_contact_show(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.contacts import get_contact

    c = get_contact(journal, args.id)
    if args.json:
        print_json(contact_record(c))
        return EXIT_OK
    print(_contact_line(c))
    for label, value in (
        ("met", " ".join(filter(None, [c.met_where, c.met_on.isoformat() if c.met_on else ""]))),
        ("last contact", c.last_contact.isoformat() if c.last_contact else ""),
        ("programs", ", ".join(map(str, c.program_ids))),
        ("experiences", ", ".join(map(str, c.experience_ids))),
        ("letters", ", ".join(map(str, c.letter_ids))),
    ):
        if value:
            print(f"      {label}: {value}")
    for line in c.notes.strip().splitlines():
        print(f"      {line}")
    return EXIT_OK


def cmd_contact_delete(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.contacts import delete_contact

    return deleted(delete_contact, journal, args.id, "contact")
