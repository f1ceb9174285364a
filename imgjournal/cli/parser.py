"""The top-level parser: the global options, then every command group in the order of
``imgjournal --help``.

Each group is a module of this package with ``register(subparsers)``, which adds its commands
and sets each one's handler (``set_defaults(func=...)``). Registering imports no more than the
group needs to describe itself: services, SQLAlchemy and Qt are imported by the handlers.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from types import ModuleType
from typing import Any, NoReturn

from imgjournal.cli.common import PROG
from imgjournal.errors import JournalError


class UsageError(JournalError):
    """A command line that does not parse."""


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit status 1, like every other error."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


class VersionAction(argparse.Action):
    """``--version``: the version in pyproject.toml, read from the package metadata only when
    asked (reading it costs every other command about 40 ms)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS) -> None:
        super().__init__(
            option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="print the version"
        )

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any) -> None:
        from imgjournal import __version__

        print(f"{parser.prog} {__version__}")
        parser.exit()


def command_groups() -> tuple[ModuleType, ...]:
    """The command groups, in the order ``imgjournal --help`` lists their commands."""
    from imgjournal.cli import (
        backup,
        check,
        crypto,
        demo,
        entries,
        eras,
        exchange,
        experiences,
        history,
        imports,
        letters,
        prep,
        printing,
        privacy,
        programs,
        prompts,
        readiness,
    )

    return (
        entries,  # add, list, show, search, delete, restore, empty-trash
        experiences,  # experience add|list
        eras,  # eras add|set|list|show|draft|delete|export-markdown
        prompts,  # prompts [add|hide]
        exchange,  # export, import, import-markdown
        demo,  # demo
        prep,  # prep due|coverage
        readiness,  # readiness, profile show|set
        letters,  # letter add|list|show|set|assign|unassign|delete
        programs,  # program add|list|show|set|delete, contact add|list|show|set|delete
        printing,  # print
        privacy,  # privacy scan|allow|allowed
        backup,  # backup create|list|restore
        check,  # check
        history,  # history
        crypto,  # encrypt, decrypt, passphrase
        imports,  # import-jrnl, import-dayone, import-csv, export-markdown
    )


def build_parser() -> Parser:
    from imgjournal.cli.crypto import add_passphrase_file_flag

    parser = Parser(
        prog=PROG,
        description="An offline journal for international medical graduates: cases, feedback "
        "and reflections from your rotations, tagged to residency interview prompts. "
        "With no command, opens the desktop app.",
    )
    parser.add_argument(
        "--home",
        metavar="DIR",
        help="the journal folder (default: $IMGJOURNAL_HOME or your user data folder)",
    )
    add_passphrase_file_flag(parser)
    parser.add_argument("--version", action=VersionAction)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for group in command_groups():
        group.register(sub)
    _accept_home_everywhere(parser)
    return parser


# The global options a command also accepts after its name: flag, metavar, what it is.
_EVERYWHERE = (
    ("--home", "DIR", "the journal folder"),
    ("--passphrase-file", "FILE", "an encrypted journal's passphrase"),
)


def _accept_home_everywhere(parser: argparse.ArgumentParser) -> None:
    """Let --home and --passphrase-file come after the command too (`imgjournal demo --home
    DIR`)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in set(action.choices.values()):
                for flag, metavar, what in _EVERYWHERE:
                    if flag not in child._option_string_actions:
                        child.add_argument(
                            flag,
                            metavar=metavar,
                            default=argparse.SUPPRESS,
                            help=f"{what} (see imgjournal --help)",
                        )
                _accept_home_everywhere(child)
