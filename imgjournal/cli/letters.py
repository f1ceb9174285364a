"""``imgjournal letter``: letters of recommendation, from "identified" to "assigned".

``letter add --writer NAME --experience ID [...]`` prints the new letter's id; ``letter list
[--json]``; ``letter show ID [--json]``; ``letter set ID [--status S [--date D]] [--writer
NAME] [--title T] [...]`` (only what is given; at least one option); ``letter assign ID
--program NAME`` (ERAS allows 4 letters per program: a fifth is refused, exit
status 1, nothing stored); ``letter unassign ID --program NAME``; ``letter delete ID``.
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

STATUSES = "identified, asked, agreed, written, uploaded or assigned"


def register(sub: Any) -> None:
    """Add ``letter`` and its subcommands to the command line's subparsers."""
    lt = sub.add_parser(
        "letter",
        help="letters of recommendation: add, list, set the status, assign to programs",
        description="Letters of recommendation and where each stands: identified, asked, "
        "agreed, written, uploaded, assigned (each with its date). ERAS allows 4 letters per "
        "program.",
    )
    lsub = lt.add_subparsers(
        dest="letter_command",
        required=True,
        metavar="{add,list,show,set,assign,unassign,delete}",
    )
    add = command(lsub, "add", cmd_letter_add, help="add a letter; prints its id")
    add.add_argument("--writer", required=True, metavar="NAME", help="the writer's name")
    add.add_argument(
        "--experience", required=True, type=id_arg, metavar="ID", help="the experience it is from"
    )
    status_options(add, STATUSES, default="identified")
    _detail_flags(add, adding=True)

    list_command(lsub, cmd_letter_list, "list letters, furthest along first")
    command(
        lsub, "show", cmd_letter_show, with_id=True, json="print the letter as one JSON object",
        help="show one letter, its steps and the writer's feedback",
    )  # fmt: skip
    st = command(
        lsub, "set", cmd_letter_set, with_id=True,
        help="set a letter's status (and the date it was reached) or change its details",
        description="Change only what is given: the status (and the date it was reached), "
        "the writer's details, the due date, the ERAS Letter ID, the waiver or the notes.",
    )  # fmt: skip
    status_options(st, STATUSES, date_help="when it reached --status (default today)")
    _detail_flags(st, adding=False)

    asg = command(
        lsub, "assign", cmd_letter_assign, with_id=True,
        help="assign a letter to a program (at most 4 per program)",
    )  # fmt: skip
    asg.add_argument("--program", required=True, metavar="NAME")
    asg.add_argument("--date", type=date_arg, metavar="DATE", help="default: today")
    un = command(
        lsub, "unassign", cmd_letter_unassign, with_id=True, help="take a letter off a program"
    )
    un.add_argument("--program", required=True, metavar="NAME")
    command(lsub, "delete", cmd_letter_delete, with_id=True, help="delete a letter")


def _detail_flags(p: Any, *, adding: bool) -> None:
    """The writer's details and the letter's facts, for ``add`` and ``set``."""
    default = " (default: the experience's)" if adding else ""
    if not adding:
        p.add_argument("--writer", metavar="NAME", help="the writer's name")
        p.add_argument("--experience", type=id_arg, metavar="ID", help="the experience it is from")
    p.add_argument("--title", metavar="TEXT", help="the writer's title, e.g. Program Director")
    p.add_argument("--specialty", metavar="S", help=f"the writer's specialty{default}")
    p.add_argument("--institution", metavar="TEXT", help=f"the writer's institution{default}")
    yes_no(p, "--us", "--abroad", "us",
           "a US writer" + (" (default: as the experience)" if adding else ""),
           "a writer outside the US")  # fmt: skip
    p.add_argument("--due", type=date_arg, metavar="DATE", help="when the letter is due")
    p.add_argument("--letter-id", metavar="ID", help="the ERAS Letter ID")
    yes_no(p, "--waived", "--not-waived", "waived",
           "you waived your right to see the letter", "you did not waive it")  # fmt: skip
    p.add_argument("--notes", metavar="TEXT", help="notes, in Markdown")


# ``letter set``'s options and the letter fields they change, with what each is called.
_SET_FIELDS = (
    ("writer", "writer_name", "the writer's name"),
    ("experience", "experience_id", "the experience"),
    ("title", "writer_title", "the title"),
    ("specialty", "writer_specialty", "the specialty"),
    ("institution", "writer_institution", "the institution"),
    ("us", "writer_is_us", "US or abroad"),
    ("due", "due_date", "the due date"),
    ("letter_id", "eras_letter_id", "the ERAS Letter ID"),
    ("waived", "waived", "the waiver"),
    ("notes", "notes", "the notes"),
)


def letter_record(x: Any) -> dict:
    """A letter as ``letter list --json`` shows it: the export file's record."""
    from imgjournal.export.json_letters import letter_record as record

    return record(x)


def cmd_letter_add(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.letters import create_letter

    x = create_letter(
        journal,
        args.writer,
        experience_id=args.experience,
        status=args.status,
        on_date=args.date,
        writer_title=args.title or "",
        writer_specialty=args.specialty or "",
        writer_institution=args.institution or "",
        writer_is_us=args.us,
        due_date=args.due,
        eras_letter_id=args.letter_id or "",
        waived=args.waived,
        notes=args.notes or "",
    )
    print(x.id)
    return EXIT_OK


def _line(x: Any) -> str:
    when = x.step_date(x.status)
    where = "US" if x.writer_is_us else "abroad"
    programs = (
        f"  → {len(x.programs)} program{'s' if len(x.programs) != 1 else ''}"
        if (x.programs)
        else ""
    )
    return (
        f"{x.id:>4}  {x.status:<10} {when.isoformat() if when else '':<10}  "
        f"{short(x.writer_name, 32):<32}  {where:<6}"
        + (f"  due {x.due_date.isoformat()}" if x.due_date else "")
        + programs
    )


def cmd_letter_list(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.letters import list_letters

    return print_list(
        list_letters(journal), args.json, letter_record, _line,
        "No letters yet; add one with `imgjournal letter add --writer NAME --experience ID`.",
    )  # fmt: skip


def cmd_letter_show(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.entries import get_entry
    from imgjournal.services.letters import get_letter, writer_feedback

    x = get_letter(journal, args.id)
    feedback = [get_entry(journal, i) for i in writer_feedback(journal, x)]
    if args.json:
        print_json(letter_record(x) | {"feedback_entry_ids": [e.id for e in feedback]})
        return EXIT_OK
    print(_line(x))
    print_steps(x.steps, 10)
    for p in x.programs:
        print(f"      program: {p}")
    for e in feedback:
        print(f"      feedback {e.id}: {e.entry_date.isoformat()}  {short(e.title, 50)}")
    return EXIT_OK


def cmd_letter_set(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.errors import JournalError
    from imgjournal.services.letters import update_letter

    changes = {
        field: getattr(args, option)
        for option, field, _what in _SET_FIELDS
        if getattr(args, option) is not None
    }
    if args.status is None and args.date is not None:
        raise JournalError("--date is when the letter reached a status; give --status too.")
    if args.status is None and not changes:
        raise JournalError(
            "Say what to change: --status, or one of --writer, --experience, --title, "
            "--specialty, --institution, --us/--abroad, --due, --letter-id, "
            "--waived/--not-waived or --notes."
        )
    x = update_letter(journal, args.id, status=args.status, on_date=args.date, **changes)
    if args.status is not None:
        print(f"Letter {x.id} from {x.writer_name} is {x.status}.")
    else:
        what = [w for option, _f, w in _SET_FIELDS if getattr(args, option) is not None]
        print(f"Changed {_join(what)} of letter {x.id} from {x.writer_name}.")
    return EXIT_OK


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def cmd_letter_assign(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.letters import assign_letter

    x = assign_letter(journal, args.id, args.program, args.date)
    print(
        f"Letter {x.id} from {x.writer_name} is assigned to {len(x.programs)} "
        f"program{'s' if len(x.programs) != 1 else ''}."
    )
    return EXIT_OK


def cmd_letter_unassign(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.letters import unassign_letter

    x = unassign_letter(journal, args.id, args.program)
    print(f"Letter {x.id} from {x.writer_name} is no longer assigned to {args.program}.")
    return EXIT_OK


def cmd_letter_delete(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.letters import delete_letter

    return deleted(delete_letter, journal, args.id, "letter")
