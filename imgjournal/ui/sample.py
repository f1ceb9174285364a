"""The sample journal, opened from the Today page or the first-run screen: ``imgjournal demo``
in a process of its own, so nothing done there touches the user's journal."""

from __future__ import annotations

import shutil
import subprocess
import sys


def open_sample_journal() -> bool:
    """Start ``imgjournal demo`` (the sample journal) as its own process; False if it cannot."""
    exe = shutil.which("imgjournal")
    cmd = [exe, "demo"] if exe else [sys.executable, "-m", "imgjournal", "demo"]
    if getattr(sys, "frozen", False):  # the desktop bundle: its executable is the command line
        cmd = [sys.executable, "demo"]
    try:
        subprocess.Popen(cmd, start_new_session=True)  # noqa: S603 - our own entry point
    except OSError:
        return False
    return True
