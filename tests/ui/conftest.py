"""Fixtures for the window tests: a window on a fresh journal, with temporary settings."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from imgjournal.db import Journal  # noqa: E402
from imgjournal.services import entries, experiences  # noqa: E402


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform warns that it cannot pass size hints to a window manager.
    for item in items:
        if "tests/ui" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore("propagateSizeHints"))


def saved_id(qtbot, window, timeout: int = 5000) -> int:
    """The journal's id of the entry in the editor, once it is stored (a new entry is created
    by its first save, after the first edit)."""
    qtbot.waitUntil(lambda: window.stored_id() is not None, timeout=timeout)
    return window.stored_id()


@pytest.fixture
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The app's settings (what ``run_app`` reads through ``AppSettings()``) in an INI file of
    this test only: QSettings' default path is moved too, and ``AppSettings()`` is given that
    file directly, since ``QSettings.setPath`` does not reach a QSettings already made."""
    from PySide6.QtCore import QSettings

    from imgjournal.ui.settings import AppSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    ini = tmp_path / "cfg" / "imgjournal.ini"
    made = AppSettings.__init__

    def init(self, store=None):  # noqa: ANN001
        made(self, store if store is not None else QSettings(str(ini), QSettings.Format.IniFormat))

    monkeypatch.setattr(AppSettings, "__init__", init)
    yield
    QSettings.setDefaultFormat(QSettings.Format.NativeFormat)


@pytest.fixture
def settings(tmp_path: Path):
    from imgjournal.ui.settings import AppSettings

    s = AppSettings.at(tmp_path / "settings.ini")
    s.autosave_delay_ms = 300
    return s


@pytest.fixture
def make_window(qtbot, settings):
    """Open windows on a journal; each is closed (saving what it holds) after the test."""
    from imgjournal.ui.main_window import create_main_window
    from imgjournal.ui.taskrunner import SyncRunner

    made = []

    def make(journal: Journal, runner=None):
        w = create_main_window(journal, runner or SyncRunner(), settings)
        w.ask = lambda *args: True
        # The privacy gates' question (Fix Them / Go On Anyway / Cancel) is modal: windows in
        # tests go on; tests of the gates set their own answer.
        w.ask_privacy = lambda *args: "go"
        qtbot.addWidget(w)
        w.resize(1280, 800)
        w.show()
        made.append((w, runner))
        return w

    yield make
    for w, runner in made:
        w.close()
        if runner is not None:
            runner.shutdown()


@pytest.fixture
def window(make_window, journal):
    return make_window(journal)


@pytest.fixture
def sample(journal: Journal) -> Iterator[dict]:
    """A few entries and a rotation, made through the services."""
    rot = experiences.create_experience(
        journal, "rotation", "IM sub-internship", date(2025, 6, 1), institution="Mercy"
    )
    a = entries.create_entry(
        journal,
        "case",
        "Chest pain in the ED",
        entry_date=date(2025, 6, 3),
        body="Troponin rose overnight; we called cardiology.",
        experience_id=rot.id,
    )
    b = entries.create_entry(
        journal,
        "feedback",
        "Attending praise on presentations",
        entry_date=date(2025, 6, 4),
        body="Clear and concise.",
        experience_id=rot.id,
    )
    c = entries.create_entry(
        journal, "reflection", "First night float", entry_date=date(2025, 6, 5), body="Tired."
    )
    yield {"rotation": rot, "case": a, "feedback": b, "reflection": c}
