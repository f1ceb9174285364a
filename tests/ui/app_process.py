"""A real copy of the app, the first of two processes on one journal (test_processes.py).

Run as ``python -m tests.ui.app_process HOME``, with ``XDG_CONFIG_HOME`` (where Qt keeps the
settings on Linux) pointing at a temporary folder. It starts through ``run_app`` (lock, local
server, window). Once the window is up it is minimized and another window takes the focus;
then it prints ``ready``. It prints ``front`` once the main window is back: not minimized and
the active window. The test stops it with SIGTERM.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(home: Path) -> int:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    from imgjournal.ui.app import make_application, run_app
    from imgjournal.ui.main_window import MainWindow

    make_application(sys.argv[:1])
    state: dict[str, object] = {}
    other = QLabel("another program")

    def begin() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        if not windows or not windows[0].isActiveWindow():
            QTimer.singleShot(10, begin)
            return
        window = windows[0]
        window.showMinimized()
        other.show()
        other.activateWindow()
        state["window"] = window
        QTimer.singleShot(10, settled)

    def settled() -> None:
        window = state["window"]
        assert isinstance(window, MainWindow)
        if window.isActiveWindow() or not window.windowState() & Qt.WindowState.WindowMinimized:
            QTimer.singleShot(10, settled)
            return
        print("ready", flush=True)
        QTimer.singleShot(10, watch)

    def watch() -> None:
        window = state["window"]
        assert isinstance(window, MainWindow)
        minimized = bool(window.windowState() & Qt.WindowState.WindowMinimized)
        if window.isActiveWindow() and window.isVisible() and not minimized:
            print("front", flush=True)
            return
        QTimer.singleShot(10, watch)

    QTimer.singleShot(0, begin)
    return run_app(home)


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
