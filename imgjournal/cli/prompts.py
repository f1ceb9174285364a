"""``imgjournal prompts``, ``prompts add`` and ``prompts hide``: the interview prompt library."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from imgjournal.cli.args import bounded_arg, id_arg
from imgjournal.cli.common import EXIT_OK, add_json_flag, print_json
from imgjournal.limits import MAX_ANSWER_SECONDS

if TYPE_CHECKING:
    from imgjournal.db import Journal


def register(sub: Any) -> None:
    """Add ``prompts`` and its subcommands to the command line's subparsers."""
    p = sub.add_parser(
        "prompts",
        help="the interview prompt library, with how many entries link to each",
        description="List the interview prompts (ids, categories, text, linked entries); "
        "`prompts add` and `prompts hide` change the library.",
    )
    p.add_argument("--all", action="store_true", help="include hidden prompts")
    add_json_flag(p)
    p.set_defaults(func=cmd_prompts)
    psub = p.add_subparsers(dest="prompts_command", metavar="{add,hide}")
    pa = psub.add_parser("add", help="add your own prompt; prints its id")
    pa.add_argument("text")
    pa.add_argument(
        "--category", required=True, help="personal, behavioural, ethics, img or closing"
    )
    seconds = bounded_arg(MAX_ANSWER_SECONDS)
    pa.add_argument("--min-seconds", type=seconds, default=60, help="default 60")
    pa.add_argument("--max-seconds", type=seconds, default=90, help="default 90")
    pa.set_defaults(func=cmd_prompts_add)
    ph = psub.add_parser("hide", help="hide a prompt (or --show it again)")
    ph.add_argument("id", type=id_arg)
    ph.add_argument("--show", action="store_true", help="show a hidden prompt again")
    ph.set_defaults(func=cmd_prompts_hide)


def cmd_prompts(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.domain import PromptCategory
    from imgjournal.export.records import prompt_record
    from imgjournal.services.prompts import list_prompts

    items = list_prompts(journal, include_hidden=args.all)
    if args.json:
        print_json([prompt_record(p) | {"entry_count": p.entry_count} for p in items])
        return EXIT_OK
    category = None
    for p in items:
        if p.category != category:
            category = p.category
            print(("" if p is items[0] else "\n") + PromptCategory(category).label)
        mark = " (hidden)" if p.hidden else ""
        stories = f"{p.entry_count} entr{'y' if p.entry_count == 1 else 'ies'}"
        print(f"{p.id:>4}  {stories:>10}  {p.text}{mark}")
    return EXIT_OK


def cmd_prompts_add(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.prompts import add_prompt

    p = add_prompt(
        journal,
        args.category,
        args.text,
        min_seconds=args.min_seconds,
        max_seconds=args.max_seconds,
    )
    print(p.id)
    return EXIT_OK


def cmd_prompts_hide(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.prompts import update_prompt

    p = update_prompt(journal, args.id, hidden=not args.show)
    print(f"Prompt {p.id} is now {'hidden' if p.hidden else 'shown'}.")
    return EXIT_OK
