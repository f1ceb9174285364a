"""The app's identity: its icon on the window and taskbar, the desktop id its launcher uses,
the version in Help ▸ About, and the start-up probe `make package-test` relies on."""

from __future__ import annotations

import tomllib
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from imgjournal.ui import app as app_module
from imgjournal.ui.icon import APP_ID

ROOT = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]


def test_the_application_carries_the_icon_and_the_launcher_id(qapp):
    app = app_module.make_application([])
    assert app.desktopFileName() == APP_ID
    sizes = {(s.width(), s.height()) for s in app.windowIcon().availableSizes()}
    assert {(16, 16), (48, 48), (256, 256), (512, 512)} <= sizes


def test_about_names_the_version_from_pyproject(qtbot, window):
    seen: list[str] = []
    done = False

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.accept()
        elif not done:
            QTimer.singleShot(10, read_and_close)

    QTimer.singleShot(0, read_and_close)
    window.actions.about.trigger()  # modal: returns once the box is closed
    done = True
    assert seen and f"imgjournal {VERSION}" in seen[0]
    assert window.windowIcon().availableSizes()  # the window shows the app's icon


def test_quit_when_shown_quits_once_the_window_is_up(
    qtbot, home, monkeypatch, capfd, isolated_settings
):
    monkeypatch.setenv(app_module.QUIT_WHEN_SHOWN, "1")
    # Without the probe the window would stay open: end the run after 30 s so the test fails.
    give_up = QTimer()
    give_up.setSingleShot(True)
    give_up.timeout.connect(lambda: [w.close() for w in QApplication.topLevelWidgets()])
    give_up.start(30_000)
    try:
        assert app_module.run_app(home, []) == 0
    finally:
        give_up.stop()
    assert f"imgjournal: window shown: imgjournal — {home}" in capfd.readouterr().err
    assert not (home / app_module.LOCK_FILENAME).exists()
    # Closed as a user closes it: no window of this run is left on screen for later tests.
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible()]
