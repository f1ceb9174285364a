"""The widgets of the answer workspace: the prompt tree and the draft editor (layout only)."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSignalBlocker,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from imgjournal.fields import STORY_FIELDS
from imgjournal.services.draft_sections import join_draft, split_draft
from imgjournal.services.dto import Coverage, CoverageRow
from imgjournal.ui.prep.common import category_label

PROMPT_ID_ROLE = Qt.ItemDataRole.UserRole + 40


class WrapDelegate(QStyledItemDelegate):
    """Row heights of the prompt column measured at the column's width, so whole prompts wrap
    (Qt measures a tree's rows with no width, on one line)."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:  # noqa: N802, E501
        size = super().sizeHint(option, index)
        if index.column() != 0 or not index.parent().isValid():
            return size
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        width = self.tree.header().sectionSize(0) - self.tree.indentation() - 12
        if width <= 40:
            return size
        flags = int(Qt.TextFlag.TextWordWrap)
        rect = opt.fontMetrics.boundingRect(QRect(0, 0, width, 100000), flags, opt.text)
        return QSize(size.width(), max(size.height(), rect.height() + 6))


class PromptTree(QTreeWidget):
    """The prompt library by category: prompt (its whole text, wrapped: eight prompts begin
    "Tell me about a time you"), stories, draft words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("prepPromptTree")
        self.setAccessibleName("Interview prompts")
        self.setColumnCount(3)
        self.setHeaderLabels(["Prompt", "Stories", "Words"])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setItemDelegate(WrapDelegate(self))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        for col in (1, 2):
            header.setSectionResizeMode(col, header.ResizeMode.ResizeToContents)
        # A new width wraps the prompts anew: the rows' heights are measured again.
        header.sectionResized.connect(lambda col, _old, _new: col == 0 and self.doItemsLayout())
        self._items: dict[int, QTreeWidgetItem] = {}
        self._undrafted: list[QTreeWidgetItem] = []  # "no draft" in the palette's grey
        self._storyless: list[QTreeWidgetItem] = []  # "none" (no story) in the same grey

    def show_coverage(self, cov: Coverage) -> None:
        current = self.current_prompt_id()
        with QSignalBlocker(self):
            self.clear()
            self._items.clear()
            self._undrafted.clear()
            self._storyless.clear()
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
                if row.entry_count == 0:  # missing, said in grey: a new journal misses all
                    item.setForeground(1, self.palette().placeholderText())
                    self._storyless.append(item)
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
            for item in self._storyless:
                item.setForeground(1, grey)

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


class GrowingText(QPlainTextEdit):
    """A plain-text box as tall as its text (at least ``min_lines``), never scrolling itself:
    the boxes of a draft sit in one scrolling page."""

    def __init__(self, name: str, min_lines: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.min_lines = min_lines
        self.setTabChangesFocus(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(lambda _s: self._fit())
        self._fit()

    def _fit(self) -> None:
        lines = max(self.min_lines, int(self.document().size().height()))
        m = self.contentsMargins()
        doc_margin = 2 * self.document().documentMargin()
        h = lines * self.fontMetrics().lineSpacing() + doc_margin + m.top() + m.bottom() + 4
        if self.height() != h:
            self.setFixedHeight(int(h))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()  # a new width wraps the lines anew


class DraftEditor(QWidget):
    """The drafts of one prompt: a picker, a title, the answer in STAR-L boxes (like a case's
    story; labels from :data:`imgjournal.fields.STORY_FIELDS`), timing and actions.

    The boxes are one text underneath (:func:`~imgjournal.services.draft_sections.join_draft`):
    ``text()`` is what is stored, ``set_text()`` spreads a stored draft over the boxes.
    """

    text_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picker = QComboBox()
        self.picker.setObjectName("draftPicker")
        self.picker.setAccessibleName("Drafts of this prompt")
        self.picker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.picker.setMinimumContentsLength(12)
        self.new_button = QPushButton("New Draft")
        self.new_button.setObjectName("newDraft")
        self.new_button.setToolTip("A new draft with an empty STAR-L outline (Ctrl+Shift+N)")
        self.prefill_button = QToolButton()
        self.prefill_button.setObjectName("prefillDraft")
        self.prefill_button.setText("From Case ▾")
        self.prefill_button.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        self.prefill_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.prefill_button.setToolTip("A new draft prefilled from a linked case's STAR-L fields")
        self.practice_button = QPushButton("☆ Practise this")
        self.practice_button.setObjectName("markPractice")
        self.practice_button.setCheckable(True)
        self.practice_button.setToolTip("The draft shown when you practise this prompt")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setObjectName("deleteDraft")
        self.copy_button = QPushButton("Copy")
        self.copy_button.setObjectName("copyDraft")
        self.copy_button.setToolTip(
            "Copy the answer's text, e.g. into ERAS (asks first if it holds possible patient "
            "identifiers)"
        )
        # The picker has a row of its own (a draft's title is not clipped); under it the
        # title and whether this is the draft practised; the ways to start another at the foot.
        top = QHBoxLayout()
        top.addWidget(self.picker, 1)

        self.title = QLineEdit()
        self.title.setObjectName("draftTitle")
        self.title.setAccessibleName("Draft title")
        self.title.setPlaceholderText("Draft title")

        # The boxes, in one scrolling page: notes (text outside the sections), then STAR-L.
        self.parts = split_draft("")
        self.body = GrowingText("draftBody", 2)
        self.body.setAccessibleName("Notes of the answer")
        self.body.setPlaceholderText("Text outside the STAR-L sections (an opening line, notes)")
        self.notes_label = self._label("Notes")
        self.sections: dict[str, GrowingText] = {}
        self.section_labels: dict[str, QLabel] = {}
        page = QWidget()
        page.setObjectName("draftSections")
        form = QVBoxLayout(page)
        form.setContentsMargins(0, 0, 4, 0)
        form.setSpacing(3)
        form.addWidget(self.notes_label)
        form.addWidget(self.body)
        self.body.textChanged.connect(self.text_changed)
        for f in STORY_FIELDS:
            box = GrowingText(f"draft_{f.attr}", 2)
            box.setAccessibleName(f"{f.label} of the answer")
            box.setPlaceholderText(f.hint)
            box.textChanged.connect(self.text_changed)
            label = self._label(f.label)
            label.setBuddy(box)
            form.addSpacing(4)
            form.addWidget(label)
            form.addWidget(box)
            self.sections[f.attr] = box
            self.section_labels[f.attr] = label
        form.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("draftScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(page)

        self.words = QLabel()
        self.words.setObjectName("draftWords")
        self.words.setAccessibleName("Word count and speaking time")
        self.words.setWordWrap(True)
        self.verdict = QLabel()
        self.verdict.setObjectName("draftVerdict")
        self.verdict.setAccessibleName("Length against the target")
        self.save_state = QLabel()
        self.save_state.setObjectName("draftSaveState")
        timing = QHBoxLayout()
        timing.addWidget(self.words, 1)
        timing.addWidget(self.verdict)
        timing.addWidget(self.save_state)
        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addWidget(self.prefill_button)
        actions.addStretch(1)
        actions.addWidget(self.copy_button)
        actions.addWidget(self.delete_button)

        self.empty = QLabel()
        self.empty.setObjectName("draftsEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.practice_button)
        lay.addLayout(top)
        lay.addLayout(title_row)
        lay.addWidget(self.scroll, 1)
        lay.addWidget(self.empty, 1)
        lay.addLayout(timing)
        lay.addLayout(actions)

    def _label(self, text: str) -> QLabel:
        label = QLabel(text)
        font = QFont(self.font())
        font.setBold(True)
        label.setFont(font)
        return label

    # -- the text ------------------------------------------------------------------------
    def text(self) -> str:
        """The draft as stored: the boxes joined into one Markdown text."""
        texts = {attr: box.toPlainText() for attr, box in self.sections.items()}
        return join_draft(self.parts.with_texts(self.body.toPlainText(), texts))

    def set_text(self, body: str) -> None:
        """Show a stored draft: each section in its box (no signal: nothing was typed)."""
        self.parts = split_draft(body)
        boxes = [self.body, *self.sections.values()]
        blockers = [QSignalBlocker(b) for b in boxes]
        self.body.setPlainText(self.parts.notes)
        for attr, box in self.sections.items():
            box.setPlainText(self.parts.texts.get(attr, ""))
        del blockers
        self._show_notes()

    def _show_notes(self) -> None:
        """The notes box shows when the draft has text outside the sections."""
        has = bool(self.body.toPlainText().strip()) or not self.parts.structured
        self.notes_label.setVisible(has)
        self.body.setVisible(has)

    def first_box(self) -> QPlainTextEdit:
        """Where typing starts: the notes of a free-text draft, else the first empty section
        (or Situation)."""
        if self.body.isVisibleTo(self):
            return self.body
        empty = [b for b in self.sections.values() if not b.toPlainText().strip()]
        return empty[0] if empty else self.sections["situation"]

    def text_boxes(self) -> dict[str, QPlainTextEdit]:
        """The answer's boxes by key (the privacy check watches them)."""
        return {"draft": self.body, **self.sections}

    def set_editing(self, editing: bool) -> None:
        for w in (self.title, self.scroll, self.words, self.verdict, self.picker):
            w.setVisible(editing)
        self.practice_button.setVisible(editing)
        self.delete_button.setEnabled(editing)
        self.copy_button.setEnabled(editing)
        self.empty.setVisible(not editing)
