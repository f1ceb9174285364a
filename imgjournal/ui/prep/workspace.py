"""The answer workspace: pick a prompt, see the entries linked to it, draft STAR-L answers.

Three panes: the prompt library by category (each prompt with its story count and draft words;
gaps stand out) · the linked entries with their key fields · the drafts of the prompt, with a
Markdown editor, a live word count and the estimated speaking time against the prompt's target.
Drafts save themselves after a pause in typing, like entries.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from imgjournal.db import Journal
from imgjournal.fields import STORY_FIELDS
from imgjournal.services import prep, prep_stats
from imgjournal.services.dto import Coverage, DraftDTO
from imgjournal.services.prep_text import answer_timing, empty_outline, format_seconds
from imgjournal.ui import errors as ui_errors
from imgjournal.ui.prep.common import (
    PromptStories,
    category_label,
    entry_html,
    load_prompt_stories,
    muted,
    scaled_font,
    set_verdict_style,
    target_text,
)
from imgjournal.ui.prep.workspace_widgets import PROMPT_ID_ROLE, DraftEditor, PromptTree
from imgjournal.ui.privacy import PrivacyWatch
from imgjournal.ui.privacy_panel import FindingsPanel
from imgjournal.ui.taskrunner import Ops, Runner

log = logging.getLogger(__name__)

SAVE_DELAY_MS = 600


class AnswerWorkspace(QWidget):
    """A page of the main window: prompts · linked entries · drafts."""

    open_entry = Signal(int)  # show this entry in the main window
    write_for_prompt = Signal(int)  # start a new entry linked to this prompt
    loaded = Signal()  # a prompt's stories and drafts are showing

    def __init__(self, journal: Journal, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("answerWorkspace")
        self.host = parent  # the main window (the page's parent becomes its stack)
        self.journal = journal
        self.runner = runner
        self.ops = Ops(journal, runner)
        self.data: PromptStories | None = None
        self.current_draft: DraftDTO | None = None
        self._dirty = False
        self._pending_prompt: int | None = None
        self._build_widgets()
        stories_box = self._build_stories_box()
        drafts_box = self._build_drafts_box(parent)
        self._build_panes(stories_box, drafts_box)
        self._connect()
        self._show_prompt(None)

    def _build_widgets(self) -> None:
        """The prompt tree, the prompt's text and facts, its stories, the draft editor and
        the status line."""
        self.tree = PromptTree()
        self.prompt_text = QLabel()
        self.prompt_text.setObjectName("workspacePrompt")
        self.prompt_text.setWordWrap(True)
        self.prompt_text.setFont(scaled_font(self, 1.35, bold=True))
        self.prompt_meta = QLabel()
        self.prompt_meta.setObjectName("workspacePromptMeta")
        self.stories = QTextBrowser()
        self.stories.setObjectName("workspaceStories")
        self.stories.setAccessibleName("Entries linked to this prompt")
        self.stories.setOpenLinks(False)
        self.stories.anchorClicked.connect(self._story_link)
        self.write_button = QPushButton("Write an Entry for This Prompt")
        self.write_button.setObjectName("writeForPrompt")
        self.write_button.clicked.connect(self._write_for_prompt)
        self.editor = DraftEditor()
        self.status = QLabel()
        self.status.setObjectName("workspaceStatus")
        self.status.setWordWrap(True)

    def _build_stories_box(self) -> QWidget:
        """Linked entries: the heading, the stories and Write an Entry for This Prompt."""
        stories_box = QWidget()
        sl = QVBoxLayout(stories_box)
        sl.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("Linked entries")
        heading.setFont(scaled_font(self, 1.0, bold=True))
        sl.addWidget(heading)
        sl.addWidget(self.stories, 1)
        sl.addWidget(self.write_button)
        return stories_box

    def _build_drafts_box(self, parent: QWidget | None) -> QWidget:
        """Your answer: the heading, the draft editor and the privacy findings under it."""
        drafts_box = QWidget()
        dl = QVBoxLayout(drafts_box)
        dl.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("Your answer")
        heading.setFont(scaled_font(self, 1.0, bold=True))
        dl.addWidget(heading)
        dl.addWidget(self.editor, 1)
        # The privacy guard on the draft: underlines while typing, the findings list under it,
        # and Copy Answer asks before text with findings leaves.
        self.privacy = PrivacyWatch(
            self,
            self._privacy_fields,
            guard=getattr(parent, "privacy_guard", None),
        )
        self.findings_panel = FindingsPanel(
            self.privacy,
            {"title": "Draft title", "draft": "Notes", **{f.attr: f.label for f in STORY_FIELDS}},
        )
        self.findings_panel.setMaximumWidth(16777215)
        self.findings_panel.setMaximumHeight(260)
        dl.addWidget(self.findings_panel)
        self.clipboard = QApplication.clipboard  # tests replace it
        return drafts_box

    def _build_panes(self, stories_box: QWidget, drafts_box: QWidget) -> None:
        """The tree beside the prompt over ``stories_box`` and ``drafts_box``, the status
        line under them, and the sizes the window opens with."""
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(8, 0, 0, 0)
        rl.addWidget(self.prompt_text)
        rl.addWidget(self.prompt_meta)
        self.inner = QSplitter(Qt.Orientation.Horizontal)
        self.inner.setObjectName("workspaceInnerSplit")
        self.inner.addWidget(stories_box)
        self.inner.addWidget(drafts_box)
        self.inner.setStretchFactor(0, 2)
        self.inner.setStretchFactor(1, 3)
        self.inner.setChildrenCollapsible(False)
        rl.addWidget(self.inner, 1)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setObjectName("workspaceSplit")
        self.split.addWidget(self.tree)
        self.split.addWidget(right)
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 5)
        self.split.setChildrenCollapsible(False)
        self.tree.setMinimumWidth(250)
        stories_box.setMinimumWidth(200)
        drafts_box.setMinimumWidth(320)
        lay = QVBoxLayout(self)
        lay.addWidget(self.split, 1)
        lay.addWidget(self.status)
        self.split.setSizes([340, 860])
        self.inner.setSizes([380, 480])

    def _connect(self) -> None:
        """The save timer, the tree and the editor's signals, and the window's shortcuts."""
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save)

        self.tree.currentItemChanged.connect(self._tree_changed)
        e = self.editor
        e.picker.currentIndexChanged.connect(self._pick_draft)
        e.new_button.clicked.connect(lambda: self.new_draft())
        e.practice_button.clicked.connect(self._mark_practice)
        e.delete_button.clicked.connect(self.delete_draft)
        e.text_changed.connect(self._edited)
        e.title.textEdited.connect(lambda _t: self._edited())
        e.text_changed.connect(self.privacy.schedule)
        e.title.textEdited.connect(self.privacy.schedule)
        e.copy_button.clicked.connect(self.copy_answer)
        QShortcut(QKeySequence("Ctrl+Shift+N"), self, activated=lambda: self.new_draft())
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)

    # -- loading -------------------------------------------------------------------------
    def want_prompt(self, prompt_id: int) -> None:
        """Show ``prompt_id`` when the prompt list next loads (the page is about to show)."""
        self._pending_prompt = prompt_id

    def reload(self, prompt_id: int | None = None) -> None:
        """Reload the prompt list (and the current prompt, or ``prompt_id``)."""
        if prompt_id is not None:
            self._pending_prompt = prompt_id
        self.ops.run(
            prep_stats.coverage, on_done=self._show_coverage, on_error=self._failed, key="ws-cov"
        )

    def _show_coverage(self, cov: Coverage) -> None:
        self.tree.show_coverage(cov)
        wanted = self._pending_prompt
        self._pending_prompt = None
        if wanted is not None and self.tree.select_prompt(wanted):
            return
        current = self.data.prompt.id if self.data else None
        if current is not None and self.tree.select_prompt(current, emit=False):
            return
        ids = self.tree.prompt_ids()
        if ids and self.data is None:
            self.tree.select_prompt(ids[0])

    def _tree_changed(self, item: QTreeWidgetItem | None, _prev: object) -> None:
        pid = item.data(0, PROMPT_ID_ROLE) if item is not None else None
        if pid is None:
            return
        self.save()
        self._load_prompt(pid)

    def _load_prompt(self, prompt_id: int, draft_id: int | None = None) -> None:
        self.ops.run(
            load_prompt_stories,
            prompt_id,
            on_done=lambda data: self._show_stories(data, draft_id),
            on_error=self._failed,
            key="ws-prompt",
        )

    def _show_stories(self, data: PromptStories, draft_id: int | None = None) -> None:
        same_prompt = self.data is not None and self.data.prompt.id == data.prompt.id
        keep = self.current_draft.id if (same_prompt and self.current_draft) else None
        self.data = data
        self._show_prompt(data)
        self._fill_picker(draft_id or keep)
        self.loaded.emit()

    def _show_prompt(self, data: PromptStories | None) -> None:
        if data is None:
            self.prompt_text.setText("Choose a prompt")
            self.prompt_meta.setText("")
            self.stories.setHtml("")
            self.write_button.setEnabled(False)
            self._show_drafts_empty()
            return
        p = data.prompt
        self.prompt_text.setText(p.text)
        self.prompt_meta.setText(
            f"{category_label(p.category)} · aim for {target_text(p)} · "
            f"{len(data.entries)} linked {'entry' if len(data.entries) == 1 else 'entries'} · "
            f"{len(data.drafts)} draft{'s' if len(data.drafts) != 1 else ''}"
        )
        self.stories.setHtml(self._stories_html(data))
        self.write_button.setEnabled(True)
        menu = self.editor.prefill_button.menu()
        if menu is None:
            from PySide6.QtWidgets import QMenu

            menu = QMenu(self.editor.prefill_button)
            self.editor.prefill_button.setMenu(menu)
        menu.clear()
        for case in data.cases:
            act = menu.addAction(case.title)
            act.triggered.connect(lambda _=False, eid=case.id: self.new_draft_from_case(eid))
        self.editor.prefill_button.setEnabled(bool(data.cases))
        self.editor.prefill_button.setToolTip(
            "A new draft prefilled from a linked case's STAR-L fields"
            if data.cases
            else "Link a case to this prompt to prefill a draft from it"
        )

    def _stories_html(self, data: PromptStories) -> str:
        """The prompt's linked entries as rich text, in the palette's colours of the moment."""
        grey = muted(self)
        if data.entries:
            return "<hr>".join(entry_html(e, grey) for e in data.entries)
        return (
            f"<p><b>No story yet.</b></p><p style='color:{grey}'>Link an entry to this "
            "prompt (Ctrl+L in an entry) or write one for it: a case, a piece of feedback "
            "or a reflection that answers the question.</p>"
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.data is not None:
            # Light/dark switched: recolour the rich text, keeping the reader's place.
            scroll = self.stories.verticalScrollBar()
            at = scroll.value()
            self.stories.setHtml(self._stories_html(self.data))
            scroll.setValue(at)

    def _fill_picker(self, select_id: int | None) -> None:
        data = self.data
        picker = self.editor.picker
        with QSignalBlocker(picker):
            picker.clear()
            for d in data.drafts if data else ():
                mark = "★ " if d.is_practice else ""
                picker.addItem(f"{mark}{d.title} — {d.words} words", d.id)
        if not data or not data.drafts:
            self.current_draft = None
            self._show_drafts_empty()
            return
        ids = [d.id for d in data.drafts]
        if select_id not in ids:
            practice = data.practice
            select_id = practice.id if practice else ids[-1]
        with QSignalBlocker(picker):
            picker.setCurrentIndex(ids.index(select_id))
        self._show_draft(next(d for d in data.drafts if d.id == select_id))

    def _show_drafts_empty(self) -> None:
        self.editor.set_editing(False)
        self.editor.empty.setText(
            "No draft yet. Start one with New Draft (an empty STAR-L outline) or From Case "
            "(filled from a linked case)."
            if self.data
            else ""
        )
        self.editor.new_button.setEnabled(self.data is not None)
        self.privacy.check_now()  # no draft: the findings list empties

    def _show_draft(self, d: DraftDTO) -> None:
        if self.current_draft is not None and self.current_draft.id == d.id and self._dirty:
            return  # keep what is being typed
        self.current_draft = d
        self._dirty = False
        e = self.editor
        e.set_editing(True)
        e.new_button.setEnabled(True)
        with QSignalBlocker(e.title):
            e.title.setText(d.title)
            e.title.setCursorPosition(0)  # the title's start shows, not its end
        if e.text() != d.body:
            e.set_text(d.body)
        with QSignalBlocker(e.practice_button):
            e.practice_button.setChecked(d.is_practice)
        e.practice_button.setText("★ Practised" if d.is_practice else "☆ Practise this")
        e.save_state.setText("Saved")
        self.update_timing()
        self.privacy.check_now()

    def _privacy_fields(self) -> dict[str, Any]:
        if self.current_draft is None:
            return {}
        return {"title": self.editor.title, **self.editor.text_boxes()}

    def copy_answer(self) -> bool:
        """Copy the draft's text, after the privacy gate; True when it was copied."""
        from imgjournal.services.privacy import FieldFinding, scan_text
        from imgjournal.ui.window_privacy import FIX, GO_ON, ask_privacy

        if self.current_draft is None:
            return False
        text = self.editor.text()
        guard = self.privacy.guard
        found = [
            FieldFinding(
                None, "draft", f.kind, f.text, f.start, f.end, f.suggestion, f.label, "this answer"
            )
            for f in scan_text(text, guard.allowed())
        ]
        if found:
            ask = getattr(self.host, "ask_privacy", ask_privacy)
            choice = ask(self, found, "The copied answer")
            if choice == FIX:
                self.privacy.check_now()
                self.editor.first_box().setFocus()
                return False
            if choice != GO_ON:
                return False
        self.clipboard().setText(text)
        self.status.setText("Copied the answer.")
        return True

    def _pick_draft(self, index: int) -> None:
        if self.data is None or index < 0:
            return
        self.save()
        draft_id = self.editor.picker.itemData(index)
        d = next((x for x in self.data.drafts if x.id == draft_id), None)
        if d is not None:
            self._show_draft(d)

    # -- timing --------------------------------------------------------------------------
    def update_timing(self) -> None:
        if self.data is None:
            return
        p = self.data.prompt
        t = answer_timing(self.editor.text(), p.min_seconds, p.max_seconds)
        self.editor.words.setText(
            f"{t.words} words · about {format_seconds(t.seconds_fast)}–"
            f"{format_seconds(t.seconds_slow)} aloud · target {target_text(p)} ·"
        )
        self.editor.verdict.setText(t.verdict)
        set_verdict_style(self.editor.verdict, t.verdict)

    # -- editing -------------------------------------------------------------------------
    def _edited(self) -> None:
        if self.current_draft is None:
            return
        self._dirty = True
        self.editor.save_state.setText("Editing…")
        self.update_timing()
        self._save_timer.start()

    def save(self) -> None:
        """Write the draft being edited, if it changed (also called on a pause in typing)."""
        self._save_timer.stop()
        d = self.current_draft
        if d is None or not self._dirty:
            return
        title = self.editor.title.text().strip() or d.title
        body = self.editor.text()
        self._dirty = False
        self.ops.run(
            prep.update_draft,
            d.id,
            title=title,
            body=body,
            on_done=self._saved,
            on_error=self._save_failed,
        )

    def _saved(self, d: DraftDTO) -> None:
        if self.data is not None and d.prompt_id == self.data.prompt.id:
            drafts = tuple(d if x.id == d.id else x for x in self.data.drafts)
            self.data = PromptStories(self.data.prompt, self.data.entries, drafts)
            picker = self.editor.picker
            i = picker.findData(d.id)
            if i >= 0:
                picker.setItemText(i, f"{'★ ' if d.is_practice else ''}{d.title} — {d.words} words")
            if self.current_draft is not None and self.current_draft.id == d.id:
                self.current_draft = d
                if not self._dirty:
                    self.editor.save_state.setText("Saved")

    def _save_failed(self, exc: BaseException) -> None:
        self._dirty = True
        self.editor.save_state.setText("Not saved")
        self._failed(exc)

    def new_draft(self, body: str | None = None) -> None:
        if self.data is None:
            return
        self.save()
        pid = self.data.prompt.id
        text = empty_outline() if body is None else body
        self.ops.run(
            prep.create_draft, pid, body=text, on_done=self._created, on_error=self._failed
        )

    def new_draft_from_case(self, entry_id: int) -> None:
        if self.data is None:
            return
        self.save()
        self.ops.run(
            prep.create_draft_from_case,
            self.data.prompt.id,
            entry_id,
            on_done=self._created,
            on_error=self._failed,
        )

    def _created(self, d: DraftDTO) -> None:
        self.current_draft = None
        self._dirty = False
        self._load_prompt(d.prompt_id, d.id)  # the list reloads on runner.changed
        self.editor.first_box().setFocus()

    def _mark_practice(self) -> None:
        d = self.current_draft
        if d is None:
            return
        if d.is_practice:  # one draft is always the practised one; choose another to move it
            self.editor.practice_button.setChecked(True)
            return
        self.save()
        self.ops.run(prep.set_practice_draft, d.id, on_done=self._marked, on_error=self._failed)

    def _marked(self, d: DraftDTO) -> None:
        self._load_prompt(d.prompt_id, d.id)  # the list reloads on runner.changed

    def delete_draft(self) -> None:
        d = self.current_draft
        if d is None:
            return
        self._save_timer.stop()
        self._dirty = False
        pid = d.prompt_id
        self.current_draft = None
        self.ops.run(
            prep.delete_draft,
            d.id,
            on_done=lambda _rest: self._load_prompt(pid),  # the list: on runner.changed
            on_error=self._failed,
        )
        self.status.setText(f"Deleted the draft “{d.title}”.")

    # -- links and errors ----------------------------------------------------------------
    def _story_link(self, url: QUrl) -> None:
        scheme, _, rest = url.toString().partition(":")
        if not rest.isdigit():
            return
        if scheme == "entry":
            self.open_entry.emit(int(rest))
        elif scheme == "prefill":
            self.new_draft_from_case(int(rest))

    def _write_for_prompt(self) -> None:
        if self.data is not None:
            self.write_for_prompt.emit(self.data.prompt.id)

    def _failed(self, exc: BaseException) -> None:
        log.error("interview prep: %s", exc, exc_info=exc)
        self.status.setText(ui_errors.describe(exc, self.journal.home))

    def finish(self) -> None:
        """Write what is being typed and wait for it (closing, quitting)."""
        self.save()
        self.runner.wait_idle(10)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.finish()
        super().closeEvent(event)
