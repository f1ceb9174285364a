"""Running a command line: parse, find the journal, unlock and open it, call the handler, and
turn every failure into one line on stderr and an exit status (:mod:`imgjournal.cli.common`).

A handler is ``func(args, journal) -> int`` and gets the open journal, unless its command sets
``without_journal=True`` (it gets the folder and opens what it needs itself: ``backup
restore`` and ``check`` must work on a journal that does not open) or ``unlocks_itself=True``
(it asks for an encrypted journal's passphrase itself, or not at all). ``demo`` makes its own
journal and may open the app. A command may set ``before_journal``, a context manager factory
``before_journal(args)`` entered after the passphrase and before the journal opens, left when
the handler is done: the import commands read their file in it, so that its privacy count runs
while the journal opens (cli/imports.py).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from imgjournal.cli.common import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, PROG, error, note
from imgjournal.cli.parser import build_parser
from imgjournal.errors import JournalError

GuiLauncher = Callable[[Path], int]


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


LONG_UPGRADE_NOTE = (
    "updating the search index of this journal for this version of imgjournal "
    "(once; a few seconds for a large journal) ..."
)


def _say_index_rebuild() -> None:
    """Before an upgrade that rebuilds the search index: one line, so a wait is not a hang."""
    note(LONG_UPGRADE_NOTE)
    sys.stderr.flush()


def _before_journal(args: object) -> AbstractContextManager[object]:
    """The command's ``before_journal(args)``, or nothing to do."""
    before = getattr(args, "before_journal", None)
    return before(args) if before is not None else nullcontext()


def _main(argv: Sequence[str] | None, launch_gui: GuiLauncher | None) -> int:
    home: Path | None = None
    try:
        args = build_parser().parse_args(argv)
        if getattr(args, "demo", False):
            from imgjournal.cli.demo import run_demo

            return run_demo(args, launch_gui)
        from imgjournal.paths import resolve_home

        home = resolve_home(args.home)
        if args.command is None:
            if launch_gui is None:
                raise JournalError("The desktop app is not available here; try `--help`.")
            return launch_gui(home)
        if not getattr(args, "unlocks_itself", False):
            from imgjournal.cli.crypto import unlock_if_needed

            unlock_if_needed(args, home)  # an encrypted journal: its passphrase first
        with _before_journal(args):
            if getattr(args, "without_journal", False):
                # Commands that must work on a journal that does not open (backup restore,
                # check) take the folder and open what they need themselves.
                return int(args.func(args, home) or EXIT_OK)
            from imgjournal.services.journals import open_journal

            with open_journal(home, on_long_upgrade=_say_index_rebuild) as journal:
                if journal.made_private:
                    from imgjournal.private import widened_note

                    note(widened_note(home, journal.made_private))
                return int(args.func(args, journal) or EXIT_OK)
    except JournalError as exc:
        error(str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the last resort: one line for the user, details in the log
        where = _log_unexpected(home)
        error(f"unexpected {type(exc).__name__}: {exc}; details in {where}")
        return EXIT_ERROR
