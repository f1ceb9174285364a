"""The command line: a thin layer over the services.

Every command opens the journal (``--home DIR``, ``$IMGJOURNAL_HOME`` or the default folder),
calls services, and prints plain text or, with ``--json``, the records of
``imgjournal.export.records``. Problems print one line, ``imgjournal: error: ...``, on stderr and
exit with status 1; nothing is written.

Imports are lazy: a one-shot command such as ``imgjournal search`` loads only what it uses.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from imgjournal.cli import entries as commands
from imgjournal.errors import JournalError, ValidationError
from imgjournal.limits import MAX_ANSWER_SECONDS, MAX_ID, MAX_SEARCH_RESULTS

if TYPE_CHECKING:
    pass

PROG = "imgjournal"
# Modules that add their own subcommands: each has register(subparsers).
COMMAND_MODULES: tuple[str, ...] = (
    "imgjournal.cli.prep",
    "imgjournal.cli.printing",
    "imgjournal.cli.privacy",
    "imgjournal.cli.backup",
    "imgjournal.cli.check",
    "imgjournal.cli.history",
    "imgjournal.cli.crypto",
    "imgjournal.cli.imports",
)

GuiLauncher = Callable[[Path], int]


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


# ---- argument types -----------------------------------------------------------------------


def date_arg(text: str) -> date:
    from imgjournal.services.validate import parse_date

    try:
        return parse_date(text)
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _whole_number(text: str, what: str) -> int:
    # A number of more digits than any id could have is refused before int() reads it
    # (int() of a 5,000-digit string raises a ValueError of its own).
    text = text.strip()
    digits = text.lstrip("+-")
    if not digits.isdecimal() or len(digits) > 30:
        if digits.isdecimal():
            raise argparse.ArgumentTypeError(f"{text[:20]}… is far too large for {what}")
        raise argparse.ArgumentTypeError(f"{text!r} is not {what}")
    return int(text)


def bounded_arg(most: int, what: str = "a whole number") -> Callable[[str], int]:
    """An argument type for whole numbers from 1 to ``most``."""

    def parse(text: str) -> int:
        value = _whole_number(text, what)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"{text} must be 1 or more")
        if value > most:
            raise argparse.ArgumentTypeError(f"{text} is too large; give at most {most}")
        return value

    return parse


positive_arg = bounded_arg(MAX_ID)


def id_arg(text: str) -> int:
    try:
        value = _whole_number(text, "an id (ids are numbers)")
    except argparse.ArgumentTypeError as exc:
        if "too large" in str(exc):
            raise argparse.ArgumentTypeError(
                f"{text[:20]}… is not an id (no id is that large)"
            ) from None
        raise
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not an id (ids are 1 or more)")
    if value > MAX_ID:
        raise argparse.ArgumentTypeError(
            f"{text} is not an id (ids go up to {MAX_ID}, the largest number the journal holds)"
        )
    return value


# ---- the parser ---------------------------------------------------------------------------


def _json_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON records instead of text")


def _filter_flags(p: argparse.ArgumentParser, *, kind: bool = True) -> None:
    if kind:
        p.add_argument("--kind", choices=["case", "feedback", "reflection"])
    p.add_argument(
        "--experience", type=id_arg, metavar="ID", help="only entries of this experience"
    )
    p.add_argument("--prompt", type=id_arg, metavar="ID", help="only entries linked to this prompt")
    p.add_argument("--tag", metavar="NAME", help="only entries with this tag")
    p.add_argument("--from", dest="date_from", type=date_arg, metavar="DATE", help="on or after")
    p.add_argument("--to", dest="date_to", type=date_arg, metavar="DATE", help="on or before")


def _add_entry_parser(sub: Any) -> None:
    add = sub.add_parser(
        "add",
        help="add a case, feedback or reflection; prints the new id",
        description="Add an entry to the journal and print its id.",
    )
    kinds = add.add_subparsers(dest="kind", required=True, metavar="{case,feedback,reflection}")
    for kind, text in (
        ("case", "a de-identified patient case (no names, dates of birth or record numbers)"),
        ("feedback", "feedback you received from an attending, resident or nurse"),
        ("reflection", "a reflection on your day, a lesson, an experience"),
    ):
        p = kinds.add_parser(kind, help=text, description=f"Add {text}.")
        p.add_argument("--title", required=True, help="a few words that name the entry")
        p.add_argument("--date", type=date_arg, help="YYYY-MM-DD (default: today)")
        p.add_argument("--experience", type=id_arg, metavar="ID", help="the rotation it belongs to")
        p.add_argument(
            "--prompt",
            type=id_arg,
            action="append",
            metavar="ID",
            help="link to an interview prompt (repeatable; see `imgjournal prompts`)",
        )
        p.add_argument("--tag", action="append", metavar="NAME", help="a tag (repeatable)")
        body = p.add_mutually_exclusive_group()
        body.add_argument("--body", help="the text, in Markdown")
        body.add_argument("--body-file", metavar="PATH|-", help="read the text from a file or -")
        if kind == "case":
            p.add_argument("--setting", help="inpatient, outpatient, ed, icu, clinic or other")
            p.add_argument(
                "--age-band",
                help="newborn, infant, child, adolescent, 18-39, 40-64, 65-89 or 90+",
            )
            p.add_argument("--sex", help="female, male, other or unknown")
            p.add_argument("--complaint", help="the chief complaint")
            p.add_argument("--diagnosis", action="append", help="a diagnosis (repeatable)")
            p.add_argument("--procedure", action="append", help="a procedure (repeatable)")
            p.add_argument("--role", help="observed, assisted, performed or presented")
            for star in ("situation", "task", "action", "result", "lesson"):
                p.add_argument(f"--{star}", help=f"STAR-L: the {star}")
        if kind == "feedback":
            p.add_argument("--giver", help="who gave it")
            p.add_argument("--giver-role", help="attending, resident, nurse or other")
            p.add_argument("--feedback-kind", help="praise or constructive")
            p.add_argument("--words", help="the words as said")
            p.add_argument("--action-items", help="what you will do about it")
            p.add_argument("--followed-up", action="store_true", help="you have followed up")
        p.set_defaults(func=commands.cmd_add)


def _add_experience_parser(sub: Any) -> None:
    exp = sub.add_parser(
        "experience",
        help="add or list experiences (rotations, externships, observerships, ...)",
        description="Experiences are the rotations and other activities entries belong to.",
    )
    esub = exp.add_subparsers(dest="experience_command", required=True, metavar="{add,list}")
    add = esub.add_parser("add", help="add an experience; prints its id")
    add.add_argument(
        "--kind",
        required=True,
        help="rotation, externship, observership, research, volunteer, teaching, work or other",
    )
    add.add_argument("--title", required=True)
    add.add_argument("--start", required=True, type=date_arg, metavar="DATE")
    add.add_argument("--end", type=date_arg, metavar="DATE", help="leave out while it goes on")
    add.add_argument(
        "--eras-type",
        help="ERAS type: education, military, professional_organization, extracurricular, "
        "research, teaching, volunteer or work (default: from the kind)",
    )
    add.add_argument("--institution")
    add.add_argument("--specialty")
    add.add_argument("--city")
    add.add_argument("--state")
    add.add_argument("--country")
    add.add_argument("--abroad", action="store_true", help="outside the US (default: in the US)")
    hands = add.add_mutually_exclusive_group()
    hands.add_argument("--hands-on", dest="hands_on", action="store_true", default=None)
    hands.add_argument(
        "--observational",
        dest="hands_on",
        action="store_false",
        help="no hands-on care (the default for observerships)",
    )
    add.add_argument("--hours", type=bounded_arg(168), metavar="N", help="hours per week")
    add.add_argument("--supervisor")
    add.add_argument("--notes", help="notes, in Markdown")
    add.set_defaults(func=commands.cmd_experience_add)
    lst = esub.add_parser("list", help="list experiences, most recent first")
    _json_flag(lst)
    lst.set_defaults(func=commands.cmd_experience_list)


def build_parser() -> Parser:
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
    from imgjournal.cli.crypto import add_passphrase_file_flag

    add_passphrase_file_flag(parser)
    parser.add_argument("--version", action=VersionAction)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    _add_entry_parser(sub)

    p = sub.add_parser("list", help="list entries, newest first")
    _filter_flags(p)
    p.add_argument("--trash", action="store_true", help="list the entries in the trash")
    _json_flag(p)
    p.set_defaults(func=commands.cmd_list)

    p = sub.add_parser("show", help="show one entry")
    p.add_argument("id", type=id_arg)
    _json_flag(p)
    p.set_defaults(func=commands.cmd_show)

    p = sub.add_parser(
        "search",
        help="full-text search: words, prefixes (trop → troponin) and substrings",
        description="Search titles, bodies and case/feedback fields. Every word must match, "
        "as a whole word, the start of a word, or (3+ letters) anywhere inside one; a word of "
        "1 or 2 letters (MI, ED) matches only as a whole word.",
    )
    p.add_argument("query")
    p.add_argument(
        "--limit",
        type=bounded_arg(MAX_SEARCH_RESULTS),
        default=20,
        metavar="N",
        help=f"how many results, 1 to {MAX_SEARCH_RESULTS} (default 20)",
    )
    _filter_flags(p)
    _json_flag(p)
    p.set_defaults(func=commands.cmd_search)

    p = sub.add_parser("delete", help="move an entry to the trash")
    p.add_argument("id", type=id_arg)
    p.set_defaults(func=commands.cmd_delete)
    p = sub.add_parser("restore", help="restore an entry from the trash")
    p.add_argument("id", type=id_arg)
    p.set_defaults(func=commands.cmd_restore)
    p = sub.add_parser("empty-trash", help="delete the entries in the trash for good")
    p.add_argument("--yes", action="store_true", help="confirm")
    p.set_defaults(func=commands.cmd_empty_trash)

    _add_experience_parser(sub)

    p = sub.add_parser(
        "prompts",
        help="the interview prompt library, with how many entries link to each",
        description="List the interview prompts (ids, categories, text, linked entries); "
        "`prompts add` and `prompts hide` change the library.",
    )
    p.add_argument("--all", action="store_true", help="include hidden prompts")
    _json_flag(p)
    p.set_defaults(func=commands.cmd_prompts)
    psub = p.add_subparsers(dest="prompts_command", metavar="{add,hide}")
    pa = psub.add_parser("add", help="add your own prompt; prints its id")
    pa.add_argument("text")
    pa.add_argument(
        "--category", required=True, help="personal, behavioural, ethics, img or closing"
    )
    seconds = bounded_arg(MAX_ANSWER_SECONDS)
    pa.add_argument("--min-seconds", type=seconds, default=60, help="default 60")
    pa.add_argument("--max-seconds", type=seconds, default=90, help="default 90")
    pa.set_defaults(func=commands.cmd_prompts_add)
    ph = psub.add_parser("hide", help="hide a prompt (or --show it again)")
    ph.add_argument("id", type=id_arg)
    ph.add_argument("--show", action="store_true", help="show a hidden prompt again")
    ph.set_defaults(func=commands.cmd_prompts_hide)

    p = sub.add_parser(
        "export",
        help="write the whole journal to a JSON file",
        description="Write the whole journal (the trash and answer drafts too) to a JSON file. "
        "It refuses while the text holds possible patient identifiers (see `imgjournal "
        "privacy scan`) unless --allow-identifiers is given.",
    )
    p.add_argument("file", metavar="FILE.json")
    from imgjournal.cli.privacy import add_allow_flag

    add_allow_flag(p)
    p.set_defaults(func=commands.cmd_export)
    p = sub.add_parser(
        "import", help="add a JSON export to this journal (all of it, or nothing if a check fails)"
    )
    p.add_argument("file", metavar="FILE.json")
    p.set_defaults(func=commands.cmd_import)
    p = sub.add_parser(
        "import-markdown",
        help="import a folder of Markdown notes (Obsidian, Joplin) as reflections",
    )
    p.add_argument("folder", metavar="DIR")
    p.set_defaults(func=commands.cmd_import_markdown)

    p = sub.add_parser(
        "demo",
        help="open a throwaway journal filled with an invented sample",
        description="Create a journal filled with an invented sample (in a new temporary "
        "folder, or --home DIR if it is empty) and open the app on it.",
    )
    p.add_argument("--no-gui", action="store_true", help="only create it and print where it is")
    p.set_defaults(func=None, demo=True)

    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
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


def _demo(args: argparse.Namespace, launch_gui: GuiLauncher | None) -> int:
    import tempfile

    from imgjournal.demo import load_sample
    from imgjournal.services.journals import open_journal

    if args.home:
        home = Path(args.home).expanduser()
    else:
        home = Path(tempfile.mkdtemp(prefix="imgjournal-demo-"))
    with open_journal(home) as journal:
        summary = load_sample(journal)
    print(f"{summary}\nSample journal in {home}")
    if args.no_gui:
        return 0
    if launch_gui is None:
        raise JournalError("The desktop app is not available here; use --no-gui.")
    return launch_gui(home)


def _log_unexpected(home: Path | None) -> str:
    """Write the traceback to the journal's log file (or, failing that, a temporary one);
    return where it went."""
    import tempfile

    from imgjournal import paths

    targets = [Path(tempfile.gettempdir()) / "imgjournal-error.log"]
    try:
        if home and home.is_dir():
            targets.insert(0, paths.log_path(home))
    except OSError:
        pass
    for target in targets:
        try:
            handler = logging.FileHandler(target, encoding="utf-8")
        except OSError:
            continue
        logger = logging.getLogger("imgjournal.crash")
        logger.addHandler(handler)
        logger.exception("unexpected error")
        handler.close()
        logger.removeHandler(handler)
        return str(target)
    return "(could not write the log)"


def main(argv: Sequence[str] | None = None, launch_gui: GuiLauncher | None = None) -> int:
    """Run the command line; returns the exit status. ``launch_gui(home)`` opens the app."""
    from imgjournal.private import restrict_umask

    restrict_umask()  # every file a command makes (journal, backups, PDFs) is the user's alone
    try:
        return _main(argv, launch_gui)
    finally:
        from imgjournal import cipher

        cipher.forget_all()  # a command's keys end with it (as the process would)


def _main(argv: Sequence[str] | None, launch_gui: GuiLauncher | None) -> int:
    home: Path | None = None
    try:
        args = build_parser().parse_args(argv)
        if getattr(args, "demo", False):
            return _demo(args, launch_gui)
        from imgjournal.paths import resolve_home

        home = resolve_home(args.home)
        if args.command is None:
            if launch_gui is None:
                raise JournalError("The desktop app is not available here; try `--help`.")
            return launch_gui(home)
        if not getattr(args, "unlocks_itself", False):
            from imgjournal.cli.crypto import unlock_if_needed

            unlock_if_needed(args, home)  # an encrypted journal: its passphrase first
        if getattr(args, "without_journal", False):
            # Commands that must work on a journal that does not open (backup restore, check)
            # take the folder and open what they need themselves.
            return int(args.func(args, home) or 0)
        from imgjournal.services.journals import open_journal

        with open_journal(home) as journal:
            if journal.made_private:
                from imgjournal.private import widened_note

                print(f"{PROG}: note: {widened_note(home, journal.made_private)}", file=sys.stderr)
            return int(args.func(args, journal) or 0)
    except JournalError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last resort: one line for the user, details in the log
        where = _log_unexpected(home)
        print(
            f"{PROG}: error: unexpected {type(exc).__name__}: {exc}; details in {where}",
            file=sys.stderr,
        )
        return 1
