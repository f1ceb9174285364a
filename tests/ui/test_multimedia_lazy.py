"""Qt Multimedia is imported only when the practice page is shown, never at start-up.

The app must start on a machine without Qt Multimedia (PySide6-Essentials ships none) or
without libpulse0; the record button then says why it is off. A child process records every
attempt to import ``PySide6.QtMultimedia`` (whether or not it succeeds).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import json, sys
from pathlib import Path

SEEN = []

class Watch:
    def find_spec(self, name, path=None, target=None):
        if name.startswith("PySide6.QtMultimedia"):
            SEEN.append(name)
        return None

sys.meta_path.insert(0, Watch())
from PySide6.QtWidgets import QApplication
from imgjournal.services.journals import open_journal
from imgjournal.ui import app as ui_app, main_window  # noqa: F401 - start-up's imports
from imgjournal.ui.main_window import create_main_window
from imgjournal.ui.settings import AppSettings

qt = QApplication([])
journal = open_journal(Path(sys.argv[1]))
win = create_main_window(journal, settings=AppSettings.at(Path(sys.argv[2])))
win.show()
qt.processEvents()
at_start = list(SEEN)
from imgjournal.ui.prep import RoundSpec
from imgjournal.ui.prep.practice import PracticeWindow
from imgjournal.ui.taskrunner import SyncRunner
pw = PracticeWindow(journal, SyncRunner(), RoundSpec("due"))
made = list(SEEN)
pw.show()
qt.processEvents()
print(json.dumps({"start": at_start, "made": made, "shown": list(SEEN),
                  "reason": pw.recorder.status.text()}))
pw.close()
win.close()
journal.close()
"""


def test_qt_multimedia_is_not_imported_at_start_up(tmp_path):
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "journal"), str(tmp_path / "app.ini")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen["start"] == [], "the main window imported Qt Multimedia at start-up"
    assert seen["made"] == [], "making the practice window imported Qt Multimedia"
    assert "PySide6.QtMultimedia" in seen["shown"], "the hook saw nothing: it is broken"
    assert seen["reason"]  # and the record button says why it is off
