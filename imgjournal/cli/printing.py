"""``imgjournal print``: the PDF sheets from the command line.

``imgjournal print {study,cheatsheet,rotation,bragsheet,journal,readiness,eras,interview,
recovery} -o FILE.pdf [options]`` (``bragsheet --letter ID``: for that letter's writer;
``interview`` needs ``--program ID``); ``recovery`` reads only the key file of an encrypted
journal.
Options a sheet does not use, an unknown prompt or experience, a sheet with nothing to print
yet (the sentence names the first step) or a folder that cannot be written are one-line
errors (exit status 1) and leave no file behind. Registered through
``imgjournal.cli.parser.command_groups``; the sheets themselves live in ``imgjournal.export.pdf``.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from typing import TYPE_CHECKING, Any

from imgjournal.cli.common import EXIT_OK, warning

if TYPE_CHECKING:
    from imgjournal.db import Journal

_EPILOG = """\
examples:
  imgjournal print study -o study.pdf --category behavioural --name "Dr. Ana Souza"
  imgjournal print cheatsheet -o cheat.pdf --paper letter
  imgjournal print study -o two.pdf --prompt 11 --prompt 14
  imgjournal print study -o short.pdf --key-points
  imgjournal print rotation -o im.pdf --experience 3
  imgjournal print bragsheet -o letter.pdf --experience 3 --hopes "My work on the night team"
  imgjournal print bragsheet -o patel.pdf --letter 2
  imgjournal print journal -o 2025.pdf --from 2025-01-01 --to 2025-12-31
  imgjournal print readiness -o readiness.pdf
  imgjournal print eras -o eras.pdf
  imgjournal print interview -o mercy.pdf --program 2
  imgjournal print recovery -o recovery.pdf

Prompt, experience, letter and program ids: `imgjournal prompts`, `imgjournal experience list`,
`imgjournal letter list`, `imgjournal program list`."""


def register(sub: Any) -> None:
    """Add ``print`` to the command line's subparsers."""
    from imgjournal.cli.args import date_arg, id_arg
    from imgjournal.export.pdf.options import PAPERS, SHEETS

    sheets = "\n".join(
        textwrap.fill(
            info.description, 78, initial_indent=f"  {key:<12}", subsequent_indent=" " * 14
        )
        for key, info in SHEETS.items()
    )
    p = sub.add_parser(
        "print",
        help=(
            "print a PDF sheet: study, cheat sheet, rotation, brag sheet, journal, readiness, "
            "ERAS or interview day"
        ),
        description=f"Write one of the printable sheets as a PDF file.\n\nsheets:\n{sheets}",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "sheet",
        choices=[*SHEETS, RECOVERY],
        action=_SheetAction,
        help="which sheet to print (recovery: an encrypted journal's recovery sheet)",
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="the PDF to write")
    p.add_argument(
        "--prompt",
        type=id_arg,
        action="append",
        metavar="ID",
        help="study and cheat sheet: only this prompt (repeatable)",
    )
    p.add_argument(
        "--category",
        metavar="C",
        help="study and cheat sheet: only prompts of this category "
        "(personal, behavioural, ethics, img or closing)",
    )
    p.add_argument(
        "--experience",
        type=id_arg,
        metavar="ID",
        help="the experience of a rotation summary or brag sheet; for the other sheets, "
        "only its entries",
    )
    p.add_argument(
        "--program",
        type=id_arg,
        metavar="ID",
        help="the program of an interview-day sheet",
    )
    p.add_argument(
        "--from", dest="date_from", type=date_arg, metavar="DATE", help="entries on or after"
    )
    p.add_argument(
        "--to", dest="date_to", type=date_arg, metavar="DATE", help="entries on or before"
    )
    p.add_argument(
        "--paper",
        type=str.lower,
        choices=PAPERS,
        default="a4",
        help="paper size: a4 (the default) or letter",
    )
    p.add_argument("--name", default="", help="your name, printed in the page header")
    p.add_argument(
        "--hopes",
        default="",
        metavar="TEXT",
        help="brag sheet: what you hope the letter covers (Markdown; default: suggestions "
        "drawn from your journal)",
    )
    p.add_argument(
        "--letter",
        type=id_arg,
        metavar="ID",
        help="brag sheet: prepared for this letter's writer (their feedback first, your "
        "application profile); the experience is the letter's",
    )
    p.add_argument(
        "--key-points",
        action="store_true",
        help="study sheet: per story only its memory hook, lesson and result and the prompts "
        "it answers (no drafted answers, no entry text)",
    )
    from imgjournal.cli.privacy import add_allow_flag

    add_allow_flag(p)
    p.add_argument(
        "--include-passphrase",
        action="store_true",
        help="recovery sheet: print the passphrase on it too (checked first; by default only "
        "the hint)",
    )
    p.set_defaults(func=cmd_print)


RECOVERY = "recovery"


class _SheetAction(argparse.Action):
    """The recovery sheet needs only the key file: the journal is neither unlocked nor opened
    (with --include-passphrase the passphrase is asked for and checked by the sheet itself)."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:  # noqa: ANN001
        setattr(namespace, self.dest, values)
        if values == RECOVERY:
            namespace.func = cmd_print_recovery
            namespace.without_journal = True
            namespace.unlocks_itself = True


def cmd_print_recovery(args: argparse.Namespace, home: Any) -> int:
    from pathlib import Path

    from imgjournal import cipher
    from imgjournal.cli.crypto import passphrase
    from imgjournal.errors import JournalError
    from imgjournal.export.pdf.recovery import write_recovery_sheet

    if not cipher.is_encrypted(home):
        raise JournalError(
            f"The journal in {home} is not encrypted, so there is nothing to recover; "
            "`imgjournal encrypt` encrypts it."
        )
    kf = cipher.read_keyfile(home)
    secret = None
    if args.include_passphrase:
        secret = passphrase(args, home)
        cipher.open_keyfile(kf, secret)  # WrongPassphrase: one sentence, nothing written
    dest = write_recovery_sheet(Path(args.output).expanduser(), home, kf, secret)
    print(f"Wrote the recovery sheet to {dest}" + (" (with the passphrase)." if secret else "."))
    return EXIT_OK


def cmd_print(args: argparse.Namespace, journal: Journal) -> int:
    from pathlib import Path

    if args.include_passphrase:
        from imgjournal.errors import JournalError

        raise JournalError("--include-passphrase is for the recovery sheet only.")

    from imgjournal.cli.privacy import refuse_if_findings
    from imgjournal.export.pdf import SheetOptions, check_options
    from imgjournal.export.pdf.build import check_destination, gather, render
    from imgjournal.export.pdf.data import check_printable
    from imgjournal.export.pdf.options import SHEETS, in_sentence
    from imgjournal.services.privacy import scan_gathered

    options = SheetOptions(
        prompt_ids=tuple(args.prompt or ()),
        category=args.category,
        experience_id=args.experience,
        date_from=args.date_from,
        date_to=args.date_to,
        paper=args.paper,
        name=args.name,
        hopes=args.hopes,
        key_points=args.key_points,
        letter_id=args.letter,
        program_id=args.program,
    )
    options = check_options(args.sheet, options)
    dest = Path(args.output).expanduser()
    check_destination(dest)
    # What the sheet shows is read first, so the privacy guard sees exactly what would print.
    gathered = check_printable(gather(journal, args.sheet, options), "cli")
    refuse_if_findings(
        scan_gathered(journal, gathered),
        f"The {in_sentence(SHEETS[args.sheet].label)}",
        args.allow_identifiers,
    )
    progress = _TerminalProgress() if sys.stderr.isatty() else None
    try:
        result = render(gathered, dest, progress=progress)
    finally:
        if progress is not None:
            progress.clear()
    for text in result.warnings:
        warning(text)
    pages = f"{result.pages} page{'s' if result.pages != 1 else ''}"
    print(f"Wrote the {in_sentence(SHEETS[args.sheet].label)} ({pages}) to {result.path}.")
    return EXIT_OK


class _TerminalProgress:
    """One self-overwriting status line on stderr while a long sheet is laid out."""

    def __init__(self) -> None:
        self._shown = ""

    def __call__(self, fraction: float, message: str) -> None:
        line = f"{message} {fraction:4.0%}"
        if line != self._shown:
            sys.stderr.write("\r" + line.ljust(len(self._shown)))
            sys.stderr.flush()
            self._shown = line

    def clear(self) -> None:
        if self._shown:
            sys.stderr.write("\r" + " " * len(self._shown) + "\r")
            sys.stderr.flush()
