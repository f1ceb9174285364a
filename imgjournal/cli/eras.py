"""``imgjournal eras``: the ERAS application's experiences, written from the journal.

``eras add`` (prints the id), ``eras set ID``, ``eras list [--json]``, ``eras show ID
[--plain]``, ``eras draft ID``, ``eras delete ID`` and ``eras export-markdown FILE``. A rule
broken (more than 10 experiences, more than 3 most meaningful, a description over 750 or a
reflection over 300 characters, counted by ``imgjournal.limits.eras_chars``) is one sentence
and exit status 1, and nothing is stored. The PDF sheet is ``imgjournal print eras``.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from imgjournal.cli.common import EXIT_OK, add_json_flag, print_json, short, warning

if TYPE_CHECKING:
    from imgjournal.db import Journal

TYPES = (
    "education, military, professional_organization, extracurricular, research, teaching, "
    "volunteer or work"
)

_DESCRIPTION = """\
The Experiences section of the ERAS application: at most 10 experiences, each with a
description of at most 750 characters; at most 3 marked most meaningful, each with a
reflection of at most 300 more. Characters are counted as ERAS counts them: Unicode
characters after NFC normalisation, a line break (CRLF too) is one character."""

_EPILOG = """\
examples:
  imgjournal eras add --title "IM sub-internship" --type education --experience 3 --from-journal
  imgjournal eras add --title "Free clinic" --type volunteer --description "I triaged..." \\
      --meaningful --reflection "It taught me..."
  imgjournal eras set 2 --description "$(cat description.txt)"
  imgjournal eras show 2 --plain
  imgjournal eras export-markdown eras.md
  imgjournal print eras -o eras.pdf

Experience ids: `imgjournal experience list`."""


def _fields(p: argparse.ArgumentParser, *, adding: bool) -> None:
    from imgjournal.cli.args import bounded_arg, date_arg, id_arg

    p.add_argument("--title", required=adding, help="the experience's title in ERAS")
    p.add_argument(
        "--type",
        dest="eras_type",
        required=adding,
        metavar="TYPE",
        help=f"the ERAS experience type: {TYPES}",
    )
    p.add_argument(
        "--experience",
        dest="experience_ids",
        type=id_arg,
        action="append",
        metavar="ID",
        help="a journal experience it draws on (repeatable"
        + ("; empty fields are taken from the first)" if adding else "; replaces the links)"),
    )
    p.add_argument("--organization")
    p.add_argument("--position", help="your position or role")
    p.add_argument("--city")
    p.add_argument("--state")
    p.add_argument("--country")
    p.add_argument("--start", dest="start_date", type=date_arg, metavar="DATE")
    p.add_argument("--end", dest="end_date", type=date_arg, metavar="DATE")
    p.add_argument("--hours", dest="hours_per_week", type=bounded_arg(168), metavar="N")
    p.add_argument("--description", metavar="TEXT", help="at most 750 characters")
    marked = p.add_mutually_exclusive_group()
    marked.add_argument(
        "--meaningful",
        dest="meaningful",
        action="store_true",
        default=None,
        help="mark it most meaningful (at most 3)",
    )
    if not adding:
        marked.add_argument(
            "--not-meaningful", dest="meaningful", action="store_false", help="unmark it"
        )
    p.add_argument(
        "--reflection",
        metavar="TEXT",
        help="most meaningful: why it mattered, at most 300 characters",
    )


def register(sub: Any) -> None:
    """Add ``eras`` and its subcommands to the command line's subparsers."""
    eras = sub.add_parser(
        "eras",
        help="the ERAS application's experiences, from the journal",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    esub = eras.add_subparsers(
        dest="eras_command",
        required=True,
        metavar="{add,set,list,show,draft,delete,export-markdown}",
    )
    add = esub.add_parser("add", help="add an application experience; prints its id")
    _fields(add, adding=True)
    add.add_argument(
        "--from-journal",
        action="store_true",
        help="without --description: draft it from the linked experiences' journal",
    )
    add.set_defaults(func=cmd_eras_add)

    st = esub.add_parser("set", help="change an application experience")
    st.add_argument("id", type=_id(), metavar="ID")
    _fields(st, adding=False)
    st.set_defaults(func=cmd_eras_set)

    lst = esub.add_parser("list", help="list the application experiences and their counts")
    add_json_flag(lst)
    lst.set_defaults(func=cmd_eras_list)

    show = esub.add_parser("show", help="show one application experience")
    show.add_argument("id", type=_id(), metavar="ID")
    show.add_argument(
        "--plain",
        action="store_true",
        help="exactly the text to paste into ERAS (no Markdown, no counts)",
    )
    show.set_defaults(func=cmd_eras_show)

    draft = esub.add_parser(
        "draft", help="print a first draft of its description from the journal (stores nothing)"
    )
    draft.add_argument("id", type=_id(), metavar="ID")
    draft.set_defaults(func=cmd_eras_draft)

    delete = esub.add_parser("delete", help="delete an application experience")
    delete.add_argument("id", type=_id(), metavar="ID")
    delete.set_defaults(func=cmd_eras_delete)

    md = esub.add_parser("export-markdown", help="write every application experience to Markdown")
    md.add_argument("file", metavar="FILE.md")
    from imgjournal.cli.privacy import add_allow_flag

    add_allow_flag(md)
    md.set_defaults(func=cmd_eras_markdown)


def _id() -> Any:
    from imgjournal.cli.args import id_arg

    return id_arg


def _changes(args: argparse.Namespace) -> dict[str, Any]:
    names = (
        "title",
        "eras_type",
        "organization",
        "position",
        "city",
        "state",
        "country",
        "start_date",
        "end_date",
        "hours_per_week",
        "description",
        "meaningful",
        "reflection",
        "experience_ids",
    )
    return {n: getattr(args, n) for n in names if getattr(args, n, None) is not None}


def cmd_eras_add(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.eras import create_eras_experience

    values = _changes(args)
    values["meaningful"] = bool(values.get("meaningful"))
    title = values.pop("title")
    kind = values.pop("eras_type")
    x = create_eras_experience(journal, title, kind, from_journal=args.from_journal, **values)
    print(x.id)
    return EXIT_OK


def cmd_eras_set(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.errors import JournalError
    from imgjournal.services.eras import update_eras_experience

    changes = _changes(args)
    if not changes:
        raise JournalError("Nothing to change; give at least one option (see `eras set --help`).")
    x = update_eras_experience(journal, args.id, **changes)
    print(f"Saved ERAS experience {x.id} ({x.chars} of 750 characters).")
    return EXIT_OK


def _record(x: Any) -> dict[str, Any]:
    from imgjournal.limits import ERAS_DESCRIPTION_CHARS

    return {
        "id": x.id,
        "title": x.title,
        "type": x.eras_type,
        "chars": x.chars,
        "limit": ERAS_DESCRIPTION_CHARS,
        "meaningful": x.meaningful,
        "reflection_chars": x.reflection_chars if x.meaningful else 0,
    }


def cmd_eras_list(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.limits import ERAS_MAX_EXPERIENCES, ERAS_MOST_MEANINGFUL
    from imgjournal.services.eras import list_eras_experiences

    items = list_eras_experiences(journal)
    if args.json:
        print_json([_record(x) for x in items])
        return EXIT_OK
    if not items:
        print("No ERAS experiences yet; add one with `imgjournal eras add`.")
        return EXIT_OK
    for x in items:
        mark = "★" if x.meaningful else " "
        reflection = f"  reflection {x.reflection_chars}/300" if x.meaningful else ""
        print(
            f"{x.id:>4} {mark} {x.type_label:<25} {short(x.title, 40):<40} "
            f"{x.chars:>3}/750{reflection}"
        )
    meaningful = sum(1 for x in items if x.meaningful)
    print(
        f"{len(items)} of {ERAS_MAX_EXPERIENCES} experiences; {meaningful} of "
        f"{ERAS_MOST_MEANINGFUL} most meaningful (★)."
    )
    return EXIT_OK


def cmd_eras_show(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.eras import fact_lines, get_eras_experience, plain_text, scan_eras

    x = get_eras_experience(journal, args.id)
    if args.plain:
        found = scan_eras(journal, [x])
        if found:
            warning(
                f"this text carries {len(found)} possible patient identifier"
                f"{'s' if len(found) != 1 else ''}; see `imgjournal privacy scan` before "
                "pasting it anywhere."
            )
        sys.stdout.write(plain_text(x))
        return EXIT_OK
    print(f"{x.title}  (ERAS experience {x.id})")
    for k, v in fact_lines(x):
        print(f"  {k}: {v}")
    if x.experience_ids:
        print(f"  Journal experiences: {', '.join(map(str, x.experience_ids))}")
    print(f"\nDescription ({x.chars} of 750 characters):")
    print(x.description or "(not written yet; `imgjournal eras draft` suggests one)")
    if x.meaningful:
        print(f"\nMost meaningful reflection ({x.reflection_chars} of 300 characters):")
        print(x.reflection or "(not written yet)")
    return EXIT_OK


def cmd_eras_draft(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.errors import JournalError
    from imgjournal.services.eras import draft_from_journal, get_eras_experience

    x = get_eras_experience(journal, args.id)
    if not x.experience_ids:
        raise JournalError(
            f"ERAS experience {x.id} draws on no journal experience yet; link one with "
            f"`imgjournal eras set {x.id} --experience ID`."
        )
    print(draft_from_journal(journal, x.experience_ids))
    return EXIT_OK


def cmd_eras_delete(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.eras import delete_eras_experience, get_eras_experience

    x = get_eras_experience(journal, args.id)
    delete_eras_experience(journal, x.id)
    print(f"Deleted the ERAS experience “{x.title}” (its journal experiences stay).")
    return EXIT_OK


def cmd_eras_markdown(args: argparse.Namespace, journal: Journal) -> int:
    from pathlib import Path

    from imgjournal.cli.privacy import refuse_if_findings
    from imgjournal.errors import JournalError
    from imgjournal.export.json_io import write_atomically
    from imgjournal.services.eras import list_eras_experiences, markdown, scan_eras

    dest = Path(args.file).expanduser()
    if dest.is_dir():
        raise JournalError(f"{dest} is a folder; give a file name such as {dest / 'eras.md'}.")
    if not dest.parent.is_dir():
        raise JournalError(f"The folder {dest.parent} does not exist; create it first.")
    items = list_eras_experiences(journal)
    refuse_if_findings(scan_eras(journal, items), "The ERAS experiences", args.allow_identifiers)
    write_atomically(dest, markdown(items).encode("utf-8"))
    print(f"Wrote {len(items)} ERAS experience{'s' if len(items) != 1 else ''} to {dest}.")
    return EXIT_OK
