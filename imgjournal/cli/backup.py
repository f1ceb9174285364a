"""``imgjournal backup``: make, list and restore verified backups from the command line.

``backup create [--json]`` makes one now; ``backup list [--json]`` shows them newest first;
``backup restore (PATH | latest) --yes`` puts one in place of the journal, after setting the
current file aside as ``journal.sqlite3.replaced-<time>`` (or ``.damaged-<time>`` when it fails
its check). These commands open the journal themselves, so ``restore`` works on a journal that
does not open. Registered through ``imgjournal.cli.parser.command_groups``; the work is done by
``imgjournal.backups``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from imgjournal.cli.common import EXIT_ERROR, EXIT_OK, add_json_flag, print_json

_EPILOG = """\
examples:
  imgjournal backup create
  imgjournal backup list --json
  imgjournal backup restore latest --yes
  imgjournal backup restore ~/journal/backups/journal-20261206-140210-open.sqlite3 --yes

Backups live in the journal folder's backups/ subfolder; docs/data-safety.md says how they are
kept and how to restore one by hand."""


def register(sub: Any) -> None:
    """Add ``backup`` and its subcommands to the command line's subparsers."""
    p = sub.add_parser(
        "backup",
        help="make, list or restore verified backups of the journal",
        description=(
            "Backups are consistent copies of the journal, checked with SQLite's "
            "integrity_check, kept in the journal folder's backups/ subfolder: every backup of "
            "the last 48 hours, then one a day for 12 days, one a week for 10 weeks and one a "
            "month for 9 months."
        ),
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = p.add_subparsers(dest="backup_command", metavar="ACTION", required=True)
    create = actions.add_parser("create", help="make a verified backup now and print its path")
    add_json_flag(create, help="print the backup as a JSON object")
    create.set_defaults(func=cmd_backup_create, without_journal=True)
    lst = actions.add_parser("list", help="list the backups, newest first")
    add_json_flag(lst, help="print a JSON list of the backups")
    lst.set_defaults(func=cmd_backup_list, without_journal=True)
    restore = actions.add_parser(
        "restore",
        help="put a backup in place of the journal (the current file is kept aside)",
        description=(
            "Put a backup in place of the journal. The current file is first renamed "
            "journal.sqlite3.replaced-<time> (journal.sqlite3.damaged-<time> when it fails its "
            "check) and is never deleted; a sound one is also backed up first. Close the app "
            "before restoring."
        ),
    )
    restore.add_argument("backup", metavar="PATH|latest", help="a backup file, or `latest`")
    restore.add_argument("--yes", action="store_true", help="do it (without: say what it would do)")
    restore.set_defaults(func=cmd_backup_restore, without_journal=True)


def _describe(info: Any) -> str:
    when = info.created.astimezone().strftime("%Y-%m-%d %H:%M")
    entries = f"{info.entries} {'entry' if info.entries == 1 else 'entries'}"
    return f"{info.path.name} from {when} ({info.reason}, {entries})"


def cmd_backup_create(args: argparse.Namespace, home: Path) -> int:
    from imgjournal import backups
    from imgjournal.db import Journal
    from imgjournal.errors import JournalError

    Journal.open(home).close()  # a journal that does not open is not backed up as if sound
    info = backups.create_backup(home, "manual")
    backups.prune(home)
    if not info.verified:
        raise JournalError(
            f"The backup {info.path} failed its integrity check, so the journal itself may be "
            "damaged; run `imgjournal check`."
        )
    if args.json:
        print_json(info.to_json())
    else:
        print(info.path)
    return EXIT_OK


def cmd_backup_list(args: argparse.Namespace, home: Path) -> int:
    from imgjournal import backups

    found = backups.list_backups(home)
    if args.json:
        print_json([b.to_json() for b in found])
        return EXIT_OK
    if not found:
        print(f"No backups yet in {backups.paths.backup_dir(home)}.")
        return EXIT_OK
    for b in found:
        when = b.created.astimezone().strftime("%Y-%m-%d %H:%M")
        mark = "" if b.verified else "  NOT VERIFIED"
        print(f"{when}  {b.reason:<16} {b.entries:>6} entries  {b.path}{mark}")
    return EXIT_OK


def cmd_backup_restore(args: argparse.Namespace, home: Path) -> int:
    from imgjournal import backups
    from imgjournal.errors import JournalError

    info = backups.resolve(home, args.backup)
    pid = backups.app_holding(home)
    if pid is not None:
        raise JournalError(
            f"The imgjournal app (process {pid}) has this journal open; quit it and run the "
            "restore again, or use File ▸ Backups in the app."
        )
    if not args.yes:
        print(
            f"Would restore {_describe(info)}, setting the current journal aside; "
            "run again with --yes to do it."
        )
        return EXIT_ERROR
    result = backups.restore_backup(home, info)
    aside = f"; the previous file is kept as {result.set_aside.name}" if result.set_aside else ""
    when = info.created.astimezone().strftime("%Y-%m-%d %H:%M")
    print(
        f"Restored the backup {info.path.name} from {when}: {result.entries} "
        f"{'entry' if result.entries == 1 else 'entries'}{aside}."
    )
    return EXIT_OK
