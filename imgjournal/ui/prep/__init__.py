"""Interview prep in the desktop app: coverage, the answer workspace, practice and progress.

``install(window)`` is called by the main window (``MainWindow.install_interview_prep``): it adds
the actions to the Interview Prep menu, wires the Today card and keeps a
:class:`PrepController` as ``window.prep``. Each view is a page of the main window's central
stack (``window.pages``), reached from the sidebar's Interview prep section or the menu; a
practice round takes the page area while it runs and gives it back when it ends (Esc or
Close), to the page it was started from. All database work goes through the main window's task
runner.
"""

from __future__ import annotations

import logging
import random
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QInputDialog, QWidget

from imgjournal.domain import PromptCategory
from imgjournal.opchanges import Changes
from imgjournal.services import prep, prep_next
from imgjournal.ui.prep.coverage_view import CoverageView
from imgjournal.ui.prep.practice import PracticeWindow, RoundSpec
from imgjournal.ui.prep.progress_view import ProgressView
from imgjournal.ui.prep.workspace import AnswerWorkspace
from imgjournal.ui.sidebar import PREP_DESTS
from imgjournal.ui.taskrunner import Ops
from imgjournal.ui.window_changes import changes_prep_due, changes_prompts

if TYPE_CHECKING:
    from imgjournal.ui.main_window import MainWindow

__all__ = ["PrepController", "RoundSpec", "install"]

log = logging.getLogger(__name__)

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
    """Builds the prep pages (one of each, on first use), shows them and keeps them current."""

    changed = Signal()  # reload the prep pages (their writes are heard on runner.changed)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.journal = window.journal
        self.runner = window.runner
        self.ops = Ops(window.journal, window.runner)
        self.workspace: AnswerWorkspace | None = None
        self.coverage_view: CoverageView | None = None
        self.progress_view: ProgressView | None = None
        self.practice_window: PracticeWindow | None = None
        self._return_to: QWidget | None = None  # the page a practice round goes back to
        self._round_open = False  # the practice page has not been closed yet
        self.actions: dict[str, QAction] = {}
        self.changed.connect(self.reload_open_views)
        window.installEventFilter(self)
        window.pages.currentChanged.connect(self._page_changed)

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

    # -- pages ---------------------------------------------------------------------------
    def _add_page(self, page: QWidget) -> None:
        self.window.pages.addWidget(page)

    def _workspace_page(self) -> AnswerWorkspace:
        if self.workspace is None:
            ws = AnswerWorkspace(self.journal, self.runner, self.window)
            ws.open_entry.connect(self._open_entry)
            ws.write_for_prompt.connect(self._write_for_prompt)
            self._add_page(ws)
            self.workspace = ws
        return self.workspace

    def _coverage_page(self) -> CoverageView:
        if self.coverage_view is None:
            cv = CoverageView(self.journal, self.runner, self.window)
            cv.open_prompt.connect(lambda pid: self.open_workspace(pid))
            cv.open_entry.connect(self._open_entry)
            cv.practise_due.connect(lambda: self.practise(RoundSpec("due")))
            self._add_page(cv)
            self.coverage_view = cv
        return self.coverage_view

    def _progress_page(self) -> ProgressView:
        if self.progress_view is None:
            pv = ProgressView(self.journal, self.runner, self.window)
            pv.practise_due.connect(lambda: self.practise(RoundSpec("due")))
            pv.practise_category.connect(self.ask_category)
            pv.mock.connect(self.ask_mock)
            self._add_page(pv)
            self.progress_view = pv
        return self.progress_view

    def show_page(self, name: str) -> QWidget:
        """Show the prep page ``name`` ("coverage", "workspace", "practice") and reload it
        (the main window calls this when its sidebar item is chosen)."""
        page: CoverageView | AnswerWorkspace | ProgressView
        if name == "workspace":
            page = self._workspace_page()
        elif name == "practice":
            page = self._progress_page()
        else:
            page = self._coverage_page()
        self.window.pages.setCurrentWidget(page)
        page.reload()
        return page

    def _go(self, name: str) -> None:
        """Choose the page's sidebar item (which shows the page through the window)."""
        key = PREP_DESTS[name].key
        if not self.window.sidebar.select(key):
            self.show_page(name)

    def open_workspace(self, prompt_id: int | None = None) -> AnswerWorkspace:
        ws = self._workspace_page()
        if prompt_id is not None:
            ws.want_prompt(prompt_id)
        self._go("workspace")
        return ws

    def open_coverage(self) -> CoverageView:
        cv = self._coverage_page()
        self._go("coverage")
        return cv

    def open_progress(self) -> ProgressView:
        pv = self._progress_page()
        self._go("practice")
        return pv

    # -- practice ------------------------------------------------------------------------
    def practise(
        self, spec: RoundSpec, *, rng: random.Random | None = None, maximized: bool = True
    ) -> PracticeWindow:
        """Start a practice round as a page of the main window (a round in progress ends);
        when it closes, the page it was started from comes back. ``maximized`` is kept for
        callers of the separate window; the round now fills the window's page area."""
        del maximized
        self.finish_editing()
        pages = self.window.pages
        current = pages.currentWidget()
        old = self.practice_window
        if old is not None:
            self.practice_window = None  # closing it now gives nothing back
            old.close()
            pages.removeWidget(old)
            old.deleteLater()
        if current is not None and current is not old:
            self._return_to = current
        pw = PracticeWindow(self.journal, self.runner, spec, self.window, rng=rng, embedded=True)
        pw.finished.connect(self._practice_closed)  # Esc, "Done for today"
        pw.installEventFilter(self)  # F11, and the close sent when another page is chosen
        self.practice_window = pw
        self._round_open = True
        pages.addWidget(pw)
        pages.setCurrentWidget(pw)
        pw.setFocus()
        pw.start()
        return pw

    def _practice_closed(self) -> None:
        """The round's page closed (Esc, Close): back to where it was started."""
        pw = self.practice_window
        pages = self.window.pages
        self._round_open = False
        if pw is None or pages.currentWidget() is not pw:
            return
        back = self._return_to
        if back is None or pages.indexOf(back) < 0 or back is pw:
            back = self.window.today
        pages.setCurrentWidget(back)
        self._reload_page(back)

    def _reload_page(self, page: QWidget) -> None:
        if page is self.window.today:
            self.window._load_today()  # the due card changed with the round
        elif page in (self.workspace, self.coverage_view, self.progress_view):
            page.reload()  # type: ignore[union-attr]

    def _page_changed(self, _index: int) -> None:
        """Another page was chosen: a draft being typed is written now, and a round that runs
        ends (its timer stops)."""
        current = self.window.pages.currentWidget()
        if self.workspace is not None and current is not self.workspace:
            self.workspace.save()
        pw = self.practice_window
        if pw is not None and self._round_open and self.window.pages.currentWidget() is not pw:
            # Hidden by the stack already, where close() sends no close event: send it.
            QCoreApplication.sendEvent(pw, QCloseEvent())

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
        """What a write committed (``runner.changed``): the page on screen reloads if it shows
        it (prompts, their stories, drafts, practice); the sidebar's due count follows."""
        if self.window._closing or self.journal.locked:
            return
        if changes_prompts(changes):
            self.reload_open_views()
        if changes_prep_due(changes):
            self.refresh_due()

    def refresh_due(self) -> None:
        if self.window._closing or self.journal.locked:
            return
        self.ops.run(
            lambda j: len(prep.due_prompts(j)),
            on_done=self.window.sidebar.set_prep_due,
            on_error=lambda exc: log.warning("could not count due prompts: %s", exc),
            key="prep-due",
        )

    def load_today_card(self) -> None:
        """Today's practice card, read once the page shows (``TodayView.data_shown``)."""
        if self.window._closing or self.journal.locked:
            return
        self.ops.run(
            prep_next.prep_overview,
            on_done=self.window.today.show_prep,
            on_error=lambda exc: log.warning("could not read what is due: %s", exc),
            key="today-prep",
        )

    def reload_open_views(self) -> None:
        page = self.window.pages.currentWidget()
        for view in (self.workspace, self.coverage_view, self.progress_view):
            if view is not None and view is page:
                view.reload()

    def _open_entry(self, entry_id: int) -> None:
        self.window.show_entry(entry_id)

    def _write_for_prompt(self, prompt_id: int) -> None:
        self.window.write_for_prompt(prompt_id)

    def finish_editing(self) -> None:
        """Write a draft being typed (before practising it, and when the app closes)."""
        if self.workspace is not None:
            self.workspace.save()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if obj is self.window and event.type() == QEvent.Type.Close and self.workspace:
            self.workspace.finish()
        elif obj is self.practice_window and obj is not None:
            if event.type() == QEvent.Type.Close:
                self._practice_closed()
            elif (
                event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_F11
                and not event.modifiers()
            ):
                w = self.window
                w.showNormal() if w.isFullScreen() else w.showFullScreen()
                return True  # the round fills the screen with the window around it
        return False


def install(window: MainWindow) -> PrepController:
    """Add interview prep to the main window: its menu, its pages and the Today card."""
    controller = PrepController(window)
    menu = getattr(window, "interview_menu", None)
    if menu is not None:
        controller.install_menu(menu)
    window.runner.changed.connect(controller.show_changes)
    window.today.start_practice.connect(lambda: controller.practise(RoundSpec("due")))
    window.today.open_prep.connect(controller.open_coverage)
    window.today.open_workspace.connect(lambda pid: controller.open_workspace(pid or None))
    window.today.data_shown.connect(controller.load_today_card)

    def first_count() -> None:  # once the sidebar has its counts (not before the first page)
        window.refreshed.disconnect(first_count)
        controller.refresh_due()

    if window.overview is not None:  # already there (a synchronous runner)
        controller.refresh_due()
    else:
        window.refreshed.connect(first_count)
    window.prep = controller  # type: ignore[attr-defined]
    return controller
