"""The widgets of the answer workspace: the prompt tree and the draft editor (layout only)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTextBrowser,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from imgjournal.services.dto import Coverage, CoverageRow
from imgjournal.ui.prep.common import GAP, category_label

PROMPT_ID_ROLE = Qt.ItemDataRole.UserRole + 40


class PromptTree(QTreeWidget):
    """The prompt library by category: prompt, stories, draft words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("prepPromptTree")
        self.setAccessibleName("Interview prompts")
        self.setColumnCount(3)
        self.setHeaderLabels(["Prompt", "Stories", "Words"])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        for col in (1, 2):
            header.setSectionResizeMode(col, header.ResizeMode.ResizeToContents)
        self._items: dict[int, QTreeWidgetItem] = {}
        self._undrafted: list[QTreeWidgetItem] = []  # "no draft" in the palette's grey

    def show_coverage(self, cov: Coverage) -> None:
        current = self.current_prompt_id()
        with QSignalBlocker(self):
            self.clear()
            self._items.clear()
            self._undrafted.clear()
            heading: QTreeWidgetItem | None = None
            category = None
            bold = QFont(self.font())
            bold.setBold(True)
            for row in cov.rows:
                if row.category != category:
                    category = row.category
                    heading = QTreeWidgetItem(self, [category_label(category)])
                    heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    heading.setFont(0, bold)
                    heading.setFirstColumnSpanned(True)
                    heading.setExpanded(True)
                item = QTreeWidgetItem(heading, self._texts(row))
                item.setData(0, PROMPT_ID_ROLE, row.prompt_id)
                item.setToolTip(0, row.text + self._gap_tip(row))
                for col in (1, 2):
                    item.setTextAlignment(col, Qt.AlignmentFlag.AlignRight)
                if row.entry_count == 0:
                    item.setForeground(1, QBrush(GAP))
                if row.drafts == 0:
                    item.setForeground(2, self.palette().placeholderText())
                    self._undrafted.append(item)
                self._items[row.prompt_id] = item
            self.expandAll()
        if current is not None:
            self.select_prompt(current, emit=False)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """An item keeps the brush it was given: "no draft" takes the new palette's grey on a
        light/dark switch (the light grey is translucent black, unreadable on dark)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            grey = self.palette().placeholderText()
            for item in self._undrafted:
                item.setForeground(2, grey)

    @staticmethod
    def _texts(row: CoverageRow) -> list[str]:
        return [
            row.text,
            str(row.entry_count) if row.entry_count else "none",
            str(row.draft_words) if row.drafts else "no draft",
        ]

    @staticmethod
    def _gap_tip(row: CoverageRow) -> str:
        return f"\nGaps: {', '.join(row.gaps)}" if row.gaps else ""

    def current_prompt_id(self) -> int | None:
        item = self.currentItem()
        return item.data(0, PROMPT_ID_ROLE) if item is not None else None

    def select_prompt(self, prompt_id: int, *, emit: bool = True) -> bool:
        item = self._items.get(prompt_id)
        if item is None:
            return False
        if emit:
            self.setCurrentItem(item)
        else:
            with QSignalBlocker(self):
                self.setCurrentItem(item)
        self.scrollToItem(item)
        return True

    def prompt_ids(self) -> list[int]:
        return list(self._items)


class DraftEditor(QWidget):
    """The drafts of one prompt: a picker, a title, the Markdown body, timing and actions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picker = QComboBox()
        self.picker.setObjectName("draftPicker")
        self.picker.setAccessibleName("Drafts of this prompt")
        self.picker.setMinimumContentsLength(16)
        self.new_button = QPushButton("New Draft")
        self.new_button.setObjectName("newDraft")
        self.new_button.setToolTip("A new draft with an empty STAR-L outline (Ctrl+Shift+N)")
        self.prefill_button = QToolButton()
        self.prefill_button.setObjectName("prefillDraft")
        self.prefill_button.setText("From Case ▾")
        self.prefill_button.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        self.prefill_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.prefill_button.setToolTip("A new draft prefilled from a linked case's STAR-L fields")
        self.practice_button = QPushButton("Practise This One")
        self.practice_button.setObjectName("markPractice")
        self.practice_button.setCheckable(True)
        self.practice_button.setToolTip("The draft shown when you practise this prompt")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setObjectName("deleteDraft")
        self.copy_button = QPushButton("Copy Answer")
        self.copy_button.setObjectName("copyDraft")
        self.copy_button.setToolTip(
            "Copy the answer's text, e.g. into ERAS (asks first if it holds possible patient "
            "identifiers)"
        )
        self.preview_button = QPushButton("Preview")
        self.preview_button.setObjectName("draftPreviewToggle")
        self.preview_button.setCheckable(True)
        self.preview_button.toggled.connect(self._toggle_preview)
        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addWidget(self.prefill_button)
        actions.addStretch(1)
        actions.addWidget(self.copy_button)
        actions.addWidget(self.preview_button)
        actions.addWidget(self.delete_button)
        top = QHBoxLayout()
        top.addWidget(self.picker, 1)
        top.addWidget(self.practice_button)

        self.title = QLineEdit()
        self.title.setObjectName("draftTitle")
        self.title.setAccessibleName("Draft title")
        self.title.setPlaceholderText("Draft title")
        self.body = QPlainTextEdit()
        self.body.setObjectName("draftBody")
        self.body.setAccessibleName("Draft answer")
        self.body.setPlaceholderText(
            "Outline your answer: Situation, Task, Action, Result, Lesson. "
            "Headings and <!-- comments --> are not counted as spoken words."
        )
        self.body.setTabChangesFocus(True)
        self.preview = QTextBrowser()
        self.preview.setObjectName("draftPreview")
        self.preview.setOpenLinks(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.body)
        self.stack.addWidget(self.preview)

        self.words = QLabel()
        self.words.setObjectName("draftWords")
        self.words.setAccessibleName("Word count and speaking time")
        self.verdict = QLabel()
        self.verdict.setObjectName("draftVerdict")
        self.verdict.setAccessibleName("Length against the target")
        self.save_state = QLabel()
        self.save_state.setObjectName("draftSaveState")
        bottom = QHBoxLayout()
        bottom.addWidget(self.words)
        bottom.addWidget(self.verdict)
        bottom.addStretch(1)
        bottom.addWidget(self.save_state)

        self.empty = QLabel()
        self.empty.setObjectName("draftsEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(actions)
        lay.addLayout(top)
        lay.addWidget(self.title)
        lay.addWidget(self.stack, 1)
        lay.addWidget(self.empty, 1)
        lay.addLayout(bottom)

    def _toggle_preview(self, on: bool) -> None:
        if on:
            self.preview.setMarkdown(self.body.toPlainText())
        self.stack.setCurrentIndex(1 if on else 0)

    def set_editing(self, editing: bool) -> None:
        for w in (self.title, self.stack, self.words, self.verdict, self.preview_button):
            w.setVisible(editing)
        for w in (self.picker, self.practice_button):
            w.setVisible(editing)
        self.delete_button.setEnabled(editing)
        self.copy_button.setEnabled(editing)
        self.empty.setVisible(not editing)
