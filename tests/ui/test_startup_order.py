"""What the window's first page of entries waits for, in the real app (a child process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from imgjournal.services import entries
from imgjournal.services.journals import open_journal

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("view", ["all", "today"])
def test_the_first_view_does_not_wait_for_sqlalchemy(tmp_path, view):
    """The first view is read with plain SQLite (services.browse, today_view); SQLAlchemy,
    which the writing services and the allow-list need, is imported only after its query
    started — a task queued before it on the one database thread would make the user wait
    about half a second for it."""
    home = tmp_path / "journal"
    with open_journal(home) as journal:
        entries.create_entry(journal, "reflection", "Night float handoff", body="SBAR helped")
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    proc = subprocess.run(
        [sys.executable, "-m", "tests.ui.startup_order", str(home), view],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    moments = json.loads(proc.stdout.strip().splitlines()[-1])
    assert moments["view"] == view
    assert "sqlalchemy" in moments, "the window never needed SQLAlchemy: the hook is broken"
    assert moments["sqlalchemy"] > moments["first_view"], moments
    # ... and on the database thread: the UI thread never stops for it (a service function
    # named for an op is imported where it is called, ui/services.LazyName).
    assert moments["sqlalchemy_thread"] == "imgjournal-db", moments
