"""What the record commands share (``letter``, ``program``, ``contact``): their subcommands'
parsers, the ``--status``/``--date`` pair of a record that moves through steps, ``--x``/``--not-x``
flags, and the
printing of a list, of the steps and of a delete.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from imgjournal.cli.args import date_arg, id_arg
from imgjournal.cli.common import EXIT_OK, JSON_HELP, add_json_flag, print_json

if TYPE_CHECKING:
    from imgjournal.db import Journal

REACHED_HELP = "when it reached the status (default today)"


def command(
    sub: Any,
    name: str,
    func: Callable[[argparse.Namespace, Journal], int],
    *,
    with_id: bool = False,
    json: str | None = None,
    **kwargs: Any,
) -> argparse.ArgumentParser:
    """The subcommand ``name`` (``kwargs``: its ``help`` and ``description``) running
    ``func``; with ``with_id`` its first argument is the record's ``ID``, with ``json`` it has
    ``--json`` (``json`` is that flag's help)."""
    p = sub.add_parser(name, **kwargs)
    if with_id:
        p.add_argument("id", type=id_arg, metavar="ID")
    if json is not None:
        add_json_flag(p, json)
    p.set_defaults(func=func)
    return p


def list_command(
    sub: Any, func: Callable[..., int], help: str, json: str = JSON_HELP
) -> argparse.ArgumentParser:
    """``list [--json]``."""
    return command(sub, "list", func, json=json, help=help)


def status_options(
    p: argparse.ArgumentParser,
    statuses: str,
    *,
    default: str | None = None,
    status_help: str | None = None,
    date_help: str = REACHED_HELP,
) -> None:
    """``--status S`` (``statuses``: the names it takes, as help unless ``status_help``) and
    ``--date DATE``, the day the record reached it."""
    p.add_argument(
        "--status",
        metavar="S",
        default=default,
        help=statuses if status_help is None else status_help,
    )
    p.add_argument("--date", type=date_arg, metavar="DATE", help=date_help)


def yes_no(
    p: argparse.ArgumentParser,
    yes: str,
    no: str,
    dest: str,
    yes_help: str,
    no_help: str | None = None,
) -> None:
    """``--yes`` or ``--no`` (one of them at most): ``args.dest`` is True, False, or None when
    neither is given (nothing to change)."""
    group = p.add_mutually_exclusive_group()
    group.add_argument(yes, dest=dest, action="store_true", default=None, help=yes_help)
    group.add_argument(no, dest=dest, action="store_false", help=no_help)


def print_list(
    items: Sequence[Any],
    as_json: bool,
    record: Callable[[Any], Any],
    lines: Callable[[Any], str],
    empty: str,
) -> int:
    """Each item as a JSON ``record``, or as its ``lines`` of text, or the ``empty`` sentence."""
    if as_json:
        print_json([record(x) for x in items])
        return EXIT_OK
    if not items:
        print(empty)
        return EXIT_OK
    for x in items:
        print(lines(x))
    return EXIT_OK


def print_steps(steps: Iterable[tuple[str, date]], width: int) -> None:
    """A record's steps under its line, one a line: the status and the day it was reached."""
    for st, d in steps:
        print(f"      {st:<{width}} {d.isoformat()}")


def deleted(delete: Callable[[Journal, int], Any], journal: Journal, rid: int, kind: str) -> int:
    """``delete(journal, rid)``, then "Deleted <kind> <rid>."."""
    delete(journal, rid)
    print(f"Deleted {kind} {rid}.")
    return EXIT_OK
