"""The entry page: one calm scrolling page per entry.

From the top: the title (it wraps, never cut), the linked interview prompts and the tags as
chips, the properties strip (kind, date, experience and the kind's choices, each labelled),
the kind's own fields (a case's chief complaint, diagnoses and procedures as chips and its
STAR-L story; feedback's giver, words and actions), then the Markdown notes. Every text box
grows with its text: the page has one scroll area and no box scrolls inside it. Markdown is
highlighted as it is typed (``markdown_highlighter.install``); there is no preview pane.

It knows nothing about the database: :meth:`EntryEditor.load` shows an
:class:`~imgjournal.services.dto.EntryDTO`, :meth:`EntryEditor.state` returns what is on screen
as an :class:`EditorState`, and ``changed`` fires on every user edit (the autosave controller
listens to it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPalette, QTextOption
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from imgjournal.domain import EntryKind
from imgjournal.fields import FIELD_LABELS
from imgjournal.limits import MAX_BODY_BYTES, MAX_FIELD_CHARS, MAX_TITLE_CHARS
from imgjournal.services.dto import CaseFields, EntryDTO, ExperienceDTO, FeedbackFields, PromptDTO
from imgjournal.ui import markdown_highlighter
from imgjournal.ui.chips import ChipField, PromptChips
from imgjournal.ui.editor_forms import CaseForm, FeedbackForm, HintLabel, section_caption
from imgjournal.ui.limited_text import LimitedTextEdit, TitleEdit, limit_line
from imgjournal.ui.privacy import PrivacyGuard, PrivacyWatch, TextWidget
from imgjournal.ui.privacy_panel import FindingsPanel
from imgjournal.ui.properties_strip import PropertiesStrip

BODY_PLACEHOLDER = {
    EntryKind.CASE: "What happened? What did you do? What did you learn?\n\n"
    "Markdown works: **bold**, - lists, ## headings. Leave out names, dates of birth, "
    "record numbers and places smaller than a state.",
    EntryKind.FEEDBACK: "Context: what were you doing when you got this feedback? "
    "How do you feel about it?",
    EntryKind.REFLECTION: "What happened today? What surprised you? "
    "What will you do differently tomorrow?",
}
UNTITLED = {
    EntryKind.CASE: "Untitled case",
    EntryKind.FEEDBACK: "Untitled feedback",
    EntryKind.REFLECTION: "Untitled reflection",
}
_WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)


@dataclass(frozen=True)
class EditorState:
    """What the editor shows, ready for ``entries.update_entry``."""

    entry_id: int
    kind: str
    title: str
    entry_date: date
    experience_id: int | None
    body: str
    prompt_ids: tuple[int, ...]
    tags: tuple[str, ...]
    case: CaseFields | None
    feedback: FeedbackFields | None


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def clean_tag(text: str) -> str:
    """A tag as typed, without spaces around it or a leading #."""
    return text.strip().lstrip("#").strip()


BODY_MIN_LINES = 8  # the notes box is never shorter (a place to click and write)


class EntryEditor(QWidget):
    changed = Signal()  # the user edited something
    link_prompts_requested = Signal()
    restore_requested = Signal()
    # The entry the editor showed until now (it opens another one or clears); emitted before
    # the editor changes, so what it shows is still that entry's.
    leaving = Signal(int)
    retry_requested = Signal()  # "Try again now" in the banner of a failing save

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entryEditor")
        self._entry: EntryDTO | None = None
        self._loading = False
        self._typing_in: QPlainTextEdit | None = None  # the growing box whose cursor to follow
        self.privacy = PrivacyWatch(
            self,
            self.privacy_fields,
            edited=self.changed,
            enabled=lambda: self.state() is not None,
        )
        self._build()
        self._connect()
        self.set_font_size(12)
        self.clear()

    # -- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        """Banners over one scrolling page (title, chips, strip, the kind's fields, notes),
        the word count under it and the privacy findings beside it; the empty page in front
        while no entry is open. Each builder adds its part in order."""
        self._build_title()
        links = self._build_links()
        self._build_strip()
        self._build_forms()
        self._build_body()
        self._build_page(links)
        self._build_pages()
        self._set_tab_order()

    def _build_title(self) -> None:
        self.title = TitleEdit()
        self.title.setObjectName("entryTitle")
        self.title.setAccessibleName("Title")
        self.title.setPlaceholderText("Title: a few words you will recognise in a list")
        self.title.setFrame(False)
        self.title.viewport().setBackgroundRole(QPalette.ColorRole.Window)  # on the page
        limit_line(self.title, "title", MAX_TITLE_CHARS, self.show_limit)  # type: ignore[arg-type]

    def _build_links(self) -> QWidget:
        """The linked prompts (with Link prompts…) and the tags, as chips, under the title."""
        self.prompt_chips = PromptChips()
        self.prompt_chips.setObjectName("linkedPrompts")
        self.prompt_chips.setAccessibleName("Linked interview prompts")
        self.prompt_button = QPushButton("Link prompts…")
        self.prompt_button.setObjectName("linkPromptsButton")
        self.prompt_button.setFlat(True)  # an action inside the prompts' field
        self.prompt_button.setToolTip("Browse the interview prompts this entry answers (Ctrl+L)")
        self.tags = ChipField("Add a tag…", separator=",", joiner=", ", clean=clean_tag)
        self.tags.setObjectName("entryTags")
        self.tags.setAccessibleName("Tags")
        self.tags.input.setToolTip("Type a tag and press Enter or a comma")

        links = QWidget()
        links.setObjectName("entryLinks")
        grid = QVBoxLayout(links)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(4)
        self.prompt_chips.add_trailing(self.prompt_button)
        for caption, chips in (("Prompts", self.prompt_chips), ("Tags", self.tags)):
            row = QHBoxLayout()
            row.setSpacing(8)
            label = HintLabel(caption)
            label.setMinimumWidth(58)
            label.setBuddy(chips)
            row.addWidget(label, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(chips, 1)
            grid.addLayout(row)
        return links

    def _build_strip(self) -> None:
        """Kind, date and experience, labelled; the forms add their choices after them."""
        self.kind_label = QLabel()
        self.kind_label.setObjectName("entryKind")
        font = self.kind_label.font()
        font.setBold(True)
        self.kind_label.setFont(font)
        self.date = QDateEdit()
        self.date.setObjectName("entryDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMM yyyy")
        self.date.setAccessibleName("Entry date")
        self.date.setToolTip("The day it happened")
        self.experience = QComboBox()
        self.experience.setObjectName("entryExperience")
        self.experience.setAccessibleName("Experience")
        self.experience.setToolTip("The rotation or experience this belongs to")
        self.experience.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.experience.setMinimumContentsLength(16)
        # the kind reads on the line of the fields beside it
        self.kind_label.setMinimumHeight(self.date.sizeHint().height())
        self.strip = PropertiesStrip()
        self.strip.add("Kind", self.kind_label)
        self.strip.add("Date", self.date)
        self.strip.add("Experience", self.experience)

    def _build_forms(self) -> None:
        """The kind's own fields: nothing, the case form or the feedback form (only the
        entry's own is shown, so a feedback page has no case-sized gap)."""
        self.case_form = CaseForm(strip=self.strip)
        self.feedback_form = FeedbackForm(strip=self.strip)
        self.forms = QWidget()
        self.forms.setObjectName("entryForms")
        lay = QVBoxLayout(self.forms)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.case_form)
        lay.addWidget(self.feedback_form)

    def _build_body(self) -> None:
        """The Markdown notes, highlighted as they are typed, growing with their text."""
        self.body = LimitedTextEdit("body", max_bytes=MAX_BODY_BYTES)
        self.body.setObjectName("entryBody")
        self.body.setAccessibleName("Body")
        self.body.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.body.setFrameShape(QFrame.Shape.StyledPanel)
        self.body.set_growing(BODY_MIN_LINES)
        self.highlighter = markdown_highlighter.install(self.body)
        self.body_caption = section_caption("Notes")
        self.body_caption.setBuddy(self.body)

    def _build_page(self, links: QWidget) -> None:
        """The banners and the one scrolling page, the word count under it, the findings
        beside it."""
        self.trash_banner = self._banner("trashBanner")
        self.restore_button = QPushButton("Restore")
        self.restore_button.setObjectName("restoreButton")
        self.trash_banner.layout().addWidget(self.restore_button)
        self.error_banner = self._banner("errorBanner")
        self.retry_button = QPushButton("Try again now")
        self.retry_button.setObjectName("retrySaveButton")
        self.error_banner.layout().addWidget(self.retry_button)
        self.limit_banner = self._banner("limitBanner")
        dismiss = QPushButton("OK")
        dismiss.setObjectName("limitBannerDismiss")
        dismiss.clicked.connect(lambda: self.show_limit(None))
        self.limit_banner.layout().addWidget(dismiss)

        content = QWidget()
        content.setObjectName("entryPage")
        v = QVBoxLayout(content)
        v.setContentsMargins(16, 10, 16, 16)
        v.setSpacing(10)
        v.addWidget(self.title)
        v.addWidget(links)
        v.addWidget(self.strip)
        v.addWidget(self.forms)
        notes = QVBoxLayout()
        notes.setSpacing(2)
        notes.addWidget(self.body_caption)
        notes.addWidget(self.body)
        v.addLayout(notes)
        v.addStretch(1)
        self.content = content

        self.scroll = QScrollArea()
        self.scroll.setObjectName("entryScroll")
        self.scroll.setWidget(content)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.count_label = HintLabel()
        self.count_label.setObjectName("wordCount")
        footer = QHBoxLayout()
        footer.setContentsMargins(12, 2, 12, 4)
        footer.addStretch(1)
        footer.addWidget(self.count_label)

        self.page = QWidget()
        self.page.setObjectName("entryPageFrame")
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        for banner in (self.trash_banner, self.error_banner, self.limit_banner):
            column.addWidget(banner)
        column.addWidget(self.scroll, 1)
        column.addLayout(footer)
        self.findings_panel = FindingsPanel(self.privacy, FIELD_LABELS)
        row = QHBoxLayout(self.page)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addLayout(column, 1)
        row.addWidget(self.findings_panel)

    def _build_pages(self) -> None:
        self.empty = QLabel("Choose an entry in the list, or press Ctrl+N to write a new one.")
        self.empty.setObjectName("editorEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.page)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.pages)

    def _set_tab_order(self) -> None:
        # Tab follows the page: title, prompts, tags, the strip, the kind's fields, the notes.
        cf, ff = self.case_form, self.feedback_form
        chain = [
            self.title,
            self.prompt_chips.input,
            self.prompt_button,
            self.tags.input,
            self.date,
            self.experience,
            cf.setting,
            cf.age_band,
            cf.sex,
            cf.role,
            ff.giver_role,
            ff.kind,
            ff.followed_up,
            cf.chief_complaint,
            cf.diagnoses.input,
            cf.procedures.input,
            *cf.star.values(),
            ff.giver_name,
            ff.words,
            ff.action_items,
            self.body,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            self.setTabOrder(first, second)

    def _banner(self, name: str) -> QFrame:
        frame = QFrame()
        frame.setObjectName(name)
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame.setAutoFillBackground(True)
        frame.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        lay = QHBoxLayout(frame)
        lay.setContentsMargins(8, 4, 8, 4)
        label = QLabel()
        label.setWordWrap(True)
        label.setObjectName(f"{name}Text")
        lay.addWidget(label, 1)
        frame.setVisible(False)
        return frame

    def growing_edits(self) -> list[LimitedTextEdit]:
        """The text boxes of the page that grow with their text."""
        cf, ff = self.case_form, self.feedback_form
        return [self.title, *cf.star.values(), ff.words, ff.action_items, self.body]

    def _connect(self) -> None:
        self.title.textEdited.connect(self._user_changed)
        self.title.returnPressed.connect(self.focusNextChild)  # Enter in the title moves on
        self.date.dateChanged.connect(self._user_changed)
        self.experience.currentIndexChanged.connect(self._user_changed)
        self.tags.changed.connect(self._user_changed)
        self.prompt_chips.changed.connect(self._user_changed)
        self.body.textChanged.connect(self._body_changed)
        self.case_form.changed.connect(self._user_changed)
        self.feedback_form.changed.connect(self._user_changed)
        self.prompt_button.clicked.connect(self.link_prompts_requested)
        self.restore_button.clicked.connect(self.restore_requested)
        self.retry_button.clicked.connect(self.retry_requested)
        self.body.refused.connect(self.show_limit)
        self.title.refused.connect(self.show_limit)
        self.case_form.refused.connect(self.show_limit)
        self.feedback_form.refused.connect(self.show_limit)
        limit_line(self.tags.input, "tags field", MAX_FIELD_CHARS, self.show_limit)
        self.privacy.findings_changed.connect(self._mark_chips)
        for edit in self.growing_edits():
            edit.cursorPositionChanged.connect(lambda e=edit: self._follow_soon(e))
        QApplication.instance().focusChanged.connect(self._focus_changed)
        # a box that grew makes the page taller only once laid out: follow the cursor then too
        self.scroll.verticalScrollBar().rangeChanged.connect(self._follow_focused)

    # -- reactions -----------------------------------------------------------------------
    def _user_changed(self, *_: object) -> None:
        if not self._loading and self._entry is not None:
            self.changed.emit()

    def _body_changed(self) -> None:
        self._update_count()
        self._user_changed()

    def _update_count(self) -> None:
        text = self.body.toPlainText()
        words = count_words(text)
        self.count_label.setText(
            f"{words} word{'s' if words != 1 else ''} · {len(text)} character"
            f"{'s' if len(text) != 1 else ''}"
        )

    def _follow_soon(self, edit: QPlainTextEdit) -> None:
        # the box being typed in (not one filled by load), after the page laid out its height
        if not self._loading and self.window().focusWidget() is edit:
            self._typing_in = edit
            QTimer.singleShot(0, lambda: self._follow(edit))

    def _follow_focused(self, *_: object) -> None:
        edit = self._typing_in
        if edit is not None and not self._loading and self.window().focusWidget() is edit:
            self._follow(edit)

    def _follow(self, edit: QPlainTextEdit) -> None:
        """Scroll the page so the text cursor of ``edit`` stays in view."""
        if not edit.isVisible() or not self.content.isAncestorOf(edit):
            return
        rect = edit.cursorRect()
        top = edit.viewport().mapTo(self.content, rect.topLeft())
        self.scroll.ensureVisible(top.x(), top.y() + rect.height() // 2, 8, rect.height() + 12)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not self.content.isAncestorOf(new):
            return
        if isinstance(new, QPlainTextEdit):
            self._follow(new)
        else:
            self.scroll.ensureWidgetVisible(new, 8, 12)

    def _mark_chips(self) -> None:
        for key, chips in self.chip_fields().items():
            chips.mark(
                [(s.finding.start, s.finding.end) for s in self.privacy.spots if s.field == key]
            )

    # -- public --------------------------------------------------------------------------
    @property
    def entry(self) -> EntryDTO | None:
        return self._entry

    @property
    def entry_id(self) -> int | None:
        return self._entry.id if self._entry else None

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light and dark switched
            set_palette = getattr(self.highlighter, "set_palette", None)
            if set_palette is not None:
                set_palette(self.palette())

    def set_font_size(self, points: int) -> None:
        """The size of the page's writing: the notes and the kind's text boxes."""
        font = QFont(self.body.font())
        font.setPointSize(points)
        cf, ff = self.case_form, self.feedback_form
        for edit in (self.body, *cf.star.values(), ff.words, ff.action_items):
            edit.setFont(font)
        title_font = QFont(self.title.font())
        title_font.setPointSize(points + 5)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.body.document().setDocumentMargin(8)

    def set_experiences(self, items: list[ExperienceDTO]) -> None:
        current = self.experience.currentData()
        self._loading = True
        try:
            self.experience.clear()
            self.experience.addItem("No experience", None)
            for x in items:
                self.experience.addItem(x.title, x.id)
                self.experience.setItemData(
                    self.experience.count() - 1, x.title, Qt.ItemDataRole.ToolTipRole
                )
            i = self.experience.findData(current)
            self.experience.setCurrentIndex(max(i, 0))
        finally:
            self._loading = False

    def set_prompts(self, items: list[PromptDTO]) -> None:
        self.prompt_chips.set_prompts({p.id: p.text for p in items})

    def set_known_tags(self, names: list[str]) -> None:
        self.tags.set_completions(names)

    def prompt_ids(self) -> tuple[int, ...]:
        return tuple(sorted(self.prompt_chips.ids()))

    def set_prompt_ids(self, ids: tuple[int, ...] | list[int], *, user: bool = True) -> None:
        self.prompt_chips.set_ids(sorted(set(ids)))
        if user:
            self._user_changed()

    def chip_fields(self) -> dict[str, ChipField]:
        """The list fields of the open entry edited as chips, by the keys of FIELD_LABELS."""
        fields = {"tags": self.tags}
        if self._entry is not None and self._entry.kind == EntryKind.CASE:
            fields |= self.case_form.chip_fields()
        return fields

    def clear(self) -> None:
        if self._entry is not None:
            self.leaving.emit(self._entry.id)
        self._entry = None
        self.pages.setCurrentWidget(self.empty)

    def load(self, entry: EntryDTO, *, fresh: bool = False) -> None:
        """Show ``entry``; ``fresh`` for a just-made entry (its title selected)."""
        if self._entry is not None and self._entry.id != entry.id:
            self.leaving.emit(self._entry.id)
        self._loading = True
        self._typing_in = None
        self.show_limit(None)  # it spoke of the entry shown before
        try:
            self._entry = entry
            kind = EntryKind(entry.kind)
            self.kind_label.setText(kind.label)
            self.title.setText(entry.title)
            self.date.setDate(
                QDate(entry.entry_date.year, entry.entry_date.month, entry.entry_date.day)
            )
            i = self.experience.findData(entry.experience_id)
            self.experience.setCurrentIndex(max(i, 0))
            self.tags.set_values(entry.tags)
            self.prompt_chips.set_ids(entry.prompt_ids)
            if kind == EntryKind.CASE:
                self.case_form.load(entry.case)
            elif kind == EntryKind.FEEDBACK:
                self.feedback_form.load(entry.feedback)
            self.case_form.setVisible(kind == EntryKind.CASE)
            self.feedback_form.setVisible(kind == EntryKind.FEEDBACK)
            self.forms.setVisible(kind != EntryKind.REFLECTION)
            self.strip.show_group(kind.value)
            # a reflection is all notes; a case's or feedback's notes come after its fields
            self.body_caption.setVisible(kind != EntryKind.REFLECTION)
            self.body.setPlaceholderText(BODY_PLACEHOLDER[kind])
            # setPlainText resets the undo stack: undo never crosses into another entry.
            self.body.setPlainText(entry.body)
            self._update_count()
            self.set_read_only(entry.in_trash)
            self.trash_banner.setVisible(entry.in_trash)
            self.trash_banner.findChild(QLabel, "trashBannerText").setText(
                "This entry is in the trash. Restore it to edit it."
            )
        finally:
            self._loading = False
        self.privacy.check_now()
        for line in (self.case_form.chief_complaint, self.feedback_form.giver_name):
            line.setCursorPosition(0)  # show the start of long values, not their end
        self.title.setCursorPosition(0)
        self.pages.setCurrentIndex(1)
        self.scroll.verticalScrollBar().setValue(0)
        if fresh:
            self.title.setFocus()
            self.title.selectAll()

    def set_read_only(self, ro: bool) -> None:
        for w in (self.title, self.body):
            w.setReadOnly(ro)
        for chips in (self.tags, self.prompt_chips):
            chips.set_read_only(ro)
        for w in (self.date, self.experience, self.prompt_button):
            w.setEnabled(not ro)
        self.case_form.set_read_only(ro)
        self.feedback_form.set_read_only(ro)

    def show_error(self, sentence: str | None) -> None:
        """A banner above the title while saving fails; None hides it."""
        self.error_banner.setVisible(bool(sentence))
        self.error_banner.findChild(QLabel, "errorBannerText").setText(sentence or "")

    def set_privacy_guard(self, guard: PrivacyGuard) -> None:
        """Check with the window's guard (its thread and the journal's allow-list)."""
        self.privacy.set_guard(guard)

    def privacy_fields(self) -> dict[str, TextWidget]:
        """The free-text fields of the open entry's kind, by the keys of FIELD_LABELS."""
        e = self._entry
        if e is None:
            return {}
        fields: dict[str, TextWidget] = {"title": self.title}
        cf, ff = self.case_form, self.feedback_form
        if e.kind == EntryKind.CASE:
            fields |= {
                "chief_complaint": cf.chief_complaint,
                # a chip field is checked (and fixed) through its one-line copy
                "diagnoses": cf.diagnoses.text_widget,
                "procedures": cf.procedures.text_widget,
                **cf.star,
                **cf.more.text_fields(),
            }
        elif e.kind == EntryKind.FEEDBACK:
            fields |= {
                "giver_name": ff.giver_name,
                "words": ff.words,
                "action_items": ff.action_items,
                **ff.more.text_fields(),
            }
        return fields | {"body": self.body, "tags": self.tags.text_widget}

    def show_limit(self, sentence: str | None) -> None:
        """The banner that says input went past a limit and was not taken; None hides it."""
        self.limit_banner.setVisible(bool(sentence))
        self.limit_banner.findChild(QLabel, "limitBannerText").setText(sentence or "")

    def state(self) -> EditorState | None:
        """What is on screen, or None when no entry is open (or it is in the trash)."""
        e = self._entry
        if e is None or e.in_trash:
            return None
        kind = EntryKind(e.kind)
        qd = self.date.date()
        return EditorState(
            entry_id=e.id,
            kind=e.kind,
            title=self.title.text().strip() or UNTITLED[kind],
            entry_date=date(qd.year(), qd.month(), qd.day()),
            experience_id=self.experience.currentData(),
            body=self.body.toPlainText(),
            prompt_ids=self.prompt_ids(),
            tags=self.tags.values(),
            case=self.case_form.value() if kind == EntryKind.CASE else None,
            feedback=self.feedback_form.value() if kind == EntryKind.FEEDBACK else None,
        )

    @property
    def unsaved(self) -> bool:
        """A new entry shown before its first save (nothing of it is stored yet)."""
        return self._entry is not None and self._entry.id < 0

    def adopt(self, entry: EntryDTO) -> None:
        """The new entry on screen was stored as ``entry`` (its first save): from now on the
        editor is that entry; what is on screen stays as typed."""
        if self.unsaved:
            self._entry = entry

    def accept_saved(self, entry: EntryDTO) -> None:
        """The saved version of the open entry (keeps what is on screen, updates the record)."""
        if self._entry is not None and self._entry.id == entry.id:
            self._entry = entry
