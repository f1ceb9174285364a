"""A real copy of the app that types into a new entry until it is killed (test_kill.py).

Run as ``python -m tests.ui.typing_app HOME SETTINGS_DIR``. It starts through ``run_app`` (lock,
task runner, window), makes a new reflection, then types a numbered word into the body every
20 ms with QTest, printing ``typed <monotonic time> <words>`` after each word.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(home: Path, settings_dir: Path) -> int:
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from imgjournal.ui.app import make_application, run_app
    from imgjournal.ui.main_window import MainWindow

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings_dir))
    make_application(sys.argv[:1])
    state = {"n": 0, "window": None}
    typing = QTimer()
    typing.setInterval(20)

    def type_word() -> None:
        w = state["window"]
        state["n"] += 1
        QTest.keyClicks(w.editor.body, f"w{state['n']} ")
        print(f"typed {time.monotonic():.4f} {state['n']}", flush=True)
        stored = w.stored_id()  # a new entry is stored by its first save
        if stored is not None and not state.get("said"):
            state["said"] = True
            print(f"entry {stored}", flush=True)

    def wait_for_entry() -> None:
        w = state["window"]
        if w.editor.entry_id is None:
            QTimer.singleShot(10, wait_for_entry)
            return
        w.editor.body.setFocus()
        typing.timeout.connect(type_word)
        typing.start()

    def begin() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        if not windows:
            QTimer.singleShot(10, begin)
            return
        state["window"] = windows[0]
        windows[0].actions.new_reflection.trigger()
        wait_for_entry()

    QTimer.singleShot(0, begin)
    return run_app(home)


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
