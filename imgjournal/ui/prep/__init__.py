"""Interview prep in the desktop app: the answer workspace, coverage, practice and progress.

``install(window)`` is called by the main window (``MainWindow.install_interview_prep``): it adds
the actions to the Interview Prep menu and keeps a :class:`PrepController` as ``window.prep``.
Each view is a window of its own, opened from the menu; all database work goes through the
main window's task runner.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QInputDialog, QWidget

from imgjournal.domain import PromptCategory
from imgjournal.opchanges import Changes
from imgjournal.ui.prep.coverage_view import CoverageView
from imgjournal.ui.prep.practice import PracticeWindow, RoundSpec
from imgjournal.ui.prep.progress_view import ProgressView
from imgjournal.ui.prep.workspace import AnswerWorkspace
from imgjournal.ui.window_changes import changes_prompts

if TYPE_CHECKING:
    from imgjournal.ui.main_window import MainWindow

__all__ = ["PrepController", "RoundSpec", "install"]

MOCK_DEFAULT = 5

# (name, menu text, shortcut, tip); the order of the menu.
ACTIONS = (
    ("workspace", "&Answer Workspace", "Ctrl+Shift+A", "Draft STAR-L answers for each prompt"),
    ("coverage", "Prompt &Coverage", "Ctrl+Shift+C", "Which prompts have a story, draft, practice"),
    (None, "", "", ""),
    ("practise_due", "&Practise Due Prompts", "Ctrl+Shift+P", "Timed practice of what is due"),
    ("practise_category", "Practise a Ca&tegory…", "", "Timed practice of one category"),
    ("mock", "&Mock Interview…", "Ctrl+Shift+M", "N questions in a row, mixing categories"),
    (None, "", "", ""),
    ("progress", "Practice Pro&gress", "Ctrl+Shift+G", "Attempts per day, due today, timing"),
)


class PrepController(QObject):
    """Opens the prep windows (one of each) and keeps them up to date."""

    changed = Signal()  # reload the open prep windows (their writes are heard on runner.changed)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.journal = window.journal
        self.runner = window.runner
        self.workspace: AnswerWorkspace | None = None
        self.coverage_view: CoverageView | None = None
        self.progress_view: ProgressView | None = None
        self.practice_window: PracticeWindow | None = None
        self.actions: dict[str, QAction] = {}
        self.changed.connect(self.reload_open_views)
        window.installEventFilter(self)

    # -- menu ----------------------------------------------------------------------------
    def install_menu(self, menu: QWidget) -> None:
        handlers = {
            "workspace": lambda: self.open_workspace(),
            "coverage": self.open_coverage,
            "practise_due": lambda: self.practise(RoundSpec("due")),
            "practise_category": self.ask_category,
            "mock": self.ask_mock,
            "progress": self.open_progress,
        }
        menu.addSeparator()
        for name, text, keys, tip in ACTIONS:
            if name is None:
                menu.addSeparator()
                continue
            act = QAction(text, self.window)
            act.setObjectName(f"prep_{name}")
            act.setStatusTip(tip)
            act.setToolTip(tip)
            if keys:
                act.setShortcut(QKeySequence(keys))
                act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(lambda _=False, h=handlers[name]: h())
            menu.addAction(act)
            self.window.addAction(act)
            self.actions[name] = act

    # -- windows -------------------------------------------------------------------------
    @staticmethod
    def _present(w: QWidget, *, maximized: bool = False) -> None:
        w.showMaximized() if maximized else w.show()
        if QGuiApplication.platformName() != "offscreen":  # nothing to raise there
            w.raise_()
            w.activateWindow()

    def open_workspace(self, prompt_id: int | None = None) -> AnswerWorkspace:
        if self.workspace is None:
            ws = AnswerWorkspace(self.journal, self.runner, self.window)
            ws.open_entry.connect(self._open_entry)
            ws.write_for_prompt.connect(self._write_for_prompt)
            self.workspace = ws
        self._present(self.workspace)
        self.workspace.reload(prompt_id)
        return self.workspace

    def open_coverage(self) -> CoverageView:
        if self.coverage_view is None:
            cv = CoverageView(self.journal, self.runner, self.window)
            cv.open_prompt.connect(lambda pid: self.open_workspace(pid))
            cv.open_entry.connect(self._open_entry)
            self.coverage_view = cv
        self._present(self.coverage_view)
        self.coverage_view.reload()
        return self.coverage_view

    def open_progress(self) -> ProgressView:
        if self.progress_view is None:
            self.progress_view = ProgressView(self.journal, self.runner, self.window)
        self._present(self.progress_view)
        self.progress_view.reload()
        return self.progress_view

    def practise(
        self, spec: RoundSpec, *, rng: random.Random | None = None, maximized: bool = True
    ) -> PracticeWindow:
        """Start a practice round in its own window (any round in progress is closed)."""
        self.finish_editing()
        if self.practice_window is not None:
            self.practice_window.close()
            self.practice_window.deleteLater()
        pw = PracticeWindow(self.journal, self.runner, spec, self.window, rng=rng)
        self.practice_window = pw
        self._present(pw, maximized=maximized)
        pw.setFocus()
        pw.start()
        return pw

    def ask_category(self) -> PracticeWindow | None:
        labels = [c.label for c in PromptCategory]
        label, ok = QInputDialog.getItem(
            self.window, "Practise a category", "Category:", labels, 1, False
        )
        if not ok:
            return None
        category = PromptCategory.parse(label, "category").value
        return self.practise(RoundSpec("category", category=category))

    def ask_mock(self) -> PracticeWindow | None:
        count, ok = QInputDialog.getInt(
            self.window, "Mock interview", "How many questions?", MOCK_DEFAULT, 1, 30
        )
        if not ok:
            return None
        return self.practise(RoundSpec("mock", count=count))

    # -- keeping views current -----------------------------------------------------------
    def show_changes(self, changes: Changes) -> None:
        """What a write committed (``runner.changed``): the open windows reload if they show
        it (prompts, their stories, drafts, practice)."""
        if changes_prompts(changes):
            self.reload_open_views()

    def reload_open_views(self) -> None:
        if self.workspace is not None and self.workspace.isVisible():
            self.workspace.reload()
        if self.coverage_view is not None and self.coverage_view.isVisible():
            self.coverage_view.reload()
        if self.progress_view is not None and self.progress_view.isVisible():
            self.progress_view.reload()

    def _open_entry(self, entry_id: int) -> None:
        self.window.show_entry(entry_id)
        self._present(self.window)

    def _write_for_prompt(self, prompt_id: int) -> None:
        self.window.write_for_prompt(prompt_id)
        self._present(self.window)

    def finish_editing(self) -> None:
        """Write a draft being typed (before practising it, and when the app closes)."""
        if self.workspace is not None:
            self.workspace.save()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if obj is self.window and event.type() == QEvent.Type.Close and self.workspace:
            self.workspace.finish()
        return False


def install(window: MainWindow) -> PrepController:
    """Add interview prep to the main window's Interview Prep menu."""
    controller = PrepController(window)
    menu = getattr(window, "interview_menu", None)
    if menu is not None:
        controller.install_menu(menu)
    window.runner.changed.connect(controller.show_changes)
    window.prep = controller  # type: ignore[attr-defined]
    return controller
