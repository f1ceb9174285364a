"""``imgjournal demo``: a throwaway journal filled with an invented sample, opened in the app.

It runs before any journal is found or opened (``run.main`` calls :func:`run_demo` for it):
it makes its own, in a new temporary folder or in ``--home DIR`` if that is empty.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from imgjournal.cli.common import EXIT_OK
from imgjournal.errors import JournalError


def register(sub: Any) -> None:
    """Add ``demo`` to the command line's subparsers."""
    p = sub.add_parser(
        "demo",
        help="open a throwaway journal filled with an invented sample",
        description="Create a journal filled with an invented sample (in a new temporary "
        "folder, or --home DIR if it is empty) and open the app on it.",
    )
    p.add_argument("--no-gui", action="store_true", help="only create it and print where it is")
    p.set_defaults(func=None, demo=True)


def run_demo(args: argparse.Namespace, launch_gui: Callable[[Path], int] | None) -> int:
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
        return EXIT_OK
    if launch_gui is None:
        raise JournalError("The desktop app is not available here; use --no-gui.")
    return launch_gui(home)
