"""The real app, started to see what the first page of entries waits for (test_startup_order).

Run as ``python -m tests.ui.startup_order HOME VIEW`` (``all`` or ``today``, the view the
window opens on) with ``XDG_CONFIG_HOME`` pointing at a temporary folder. It starts through
``run_app`` and records two moments: when the first view's query starts on the task runner
(``browse.list_entry_rows`` for All Entries, ``load_today`` for Today) and when anything first
imports SQLAlchemy (half a second on a cold start, which the first view must not wait for).
Once the view shows its data it prints the moments as JSON and quits.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

MOMENTS: dict[str, object] = {}


class _SeesSQLAlchemy:
    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "sqlalchemy" and "sqlalchemy" not in MOMENTS:
            MOMENTS["sqlalchemy"] = time.perf_counter()
            MOMENTS["sqlalchemy_thread"] = threading.current_thread().name
        return None


def main(home: Path, view: str) -> int:
    sys.meta_path.insert(0, _SeesSQLAlchemy())
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from imgjournal.services import browse
    from imgjournal.ui import main_window
    from imgjournal.ui.app import make_application, run_app
    from imgjournal.ui.main_window import MainWindow
    from imgjournal.ui.settings import AppSettings

    def first(real):  # noqa: ANN001, ANN202
        def timed(*args: object, **kwargs: object) -> object:
            MOMENTS.setdefault("first_view", time.perf_counter())
            return real(*args, **kwargs)

        return timed

    browse.list_entry_rows = first(browse.list_entry_rows)
    main_window.load_today = first(main_window.load_today)
    app = make_application(sys.argv[:1])
    AppSettings().last_view = view

    def shown(window: MainWindow) -> bool:
        if view == "today":
            return window.today.data is not None
        return window.list_panel.model.rowCount() > 0

    def wait() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        if not windows or not shown(windows[0]):
            QTimer.singleShot(5, wait)
            return
        MOMENTS["view"] = windows[0].destination.key
        print(json.dumps(MOMENTS), flush=True)
        windows[0].close()

    QTimer.singleShot(0, wait)
    code = run_app(home, [sys.argv[0]], first_run=False)
    app.quit()
    return code


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2]))
