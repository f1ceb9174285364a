"""What every command group shares: the program's name, the exit statuses, the one-line
messages on stderr and the ``--json`` output.

- A problem the user can act on is raised as a :class:`~imgjournal.errors.JournalError` whose
  text is one sentence; :func:`imgjournal.cli.run.main` prints it with :func:`error` and exits
  with :data:`EXIT_ERROR`. Nothing is written to the journal.
- Something said on the side, the command going on, is one :func:`warning` or :func:`note`
  line on stderr.
- ``--json`` (:func:`add_json_flag`) prints one JSON document with :func:`print_json` and
  nothing else on stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

PROG = "imgjournal"

EXIT_OK = 0
EXIT_ERROR = 1  # a JournalError, a usage error, an unexpected exception, or "found something"
EXIT_INTERRUPTED = 130  # Ctrl+C, as a shell reports SIGINT

JSON_HELP = "print JSON records instead of text"


def error(text: str) -> None:
    """``imgjournal: error: TEXT`` on stderr (the caller returns :data:`EXIT_ERROR`)."""
    print(f"{PROG}: error: {text}", file=sys.stderr)


def warning(text: str) -> None:
    """``imgjournal: warning: TEXT`` on stderr: the command goes on."""
    print(f"{PROG}: warning: {text}", file=sys.stderr)


def note(text: str) -> None:
    """``imgjournal: note: TEXT`` on stderr: something done on the way the user should know."""
    print(f"{PROG}: note: {text}", file=sys.stderr)


def add_json_flag(parser: argparse.ArgumentParser, help: str = JSON_HELP) -> None:
    """The ``--json`` flag: the handler reads ``args.json`` and prints with :func:`print_json`."""
    parser.add_argument("--json", action="store_true", help=help)


def print_json(data: Any, *, ensure_ascii: bool = False) -> None:
    """``data`` as indented JSON on stdout. Text stays readable (``ensure_ascii=False``);
    ``imgjournal check --json`` has always escaped non-ASCII and keeps doing so."""
    sys.stdout.write(json.dumps(data, ensure_ascii=ensure_ascii, indent=2) + "\n")


def short(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
