"""Entry point of ``imgjournal`` and ``python -m imgjournal``: the composition root.

The command line (core) does not know Qt; this module hands it a launcher that opens the
desktop app, importing Qt only when the app is really opened.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _display_problem() -> str | None:
    """Why Qt cannot open a window here, or None if it can (or we cannot tell)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "no display was found, so the desktop app cannot open; run it in a desktop session, "
        "or set QT_QPA_PLATFORM=offscreen to run it without a screen "
        "(the command line works anywhere: imgjournal --help)"
    )


def launch_gui(home: Path) -> int:
    problem = _display_problem()
    if not problem:
        # Qt would abort naming the wrong package when an X11 library is missing.
        from imgjournal.system_libs import startup_problem

        problem = startup_problem()
    if problem:
        from imgjournal.errors import JournalError

        raise JournalError(problem)
    from imgjournal.ui.app import run_app

    return run_app(home)


def main(argv: list[str] | None = None) -> int:
    from imgjournal.cli import main as cli_main

    return cli_main(argv, launch_gui=launch_gui)


if __name__ == "__main__":
    sys.exit(main())
