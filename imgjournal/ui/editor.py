"""The entry editor: title, date and experience, the kind's form, a Markdown body with a live
preview, linked prompts and tags, and a word count.

It knows nothing about the database: :meth:`EntryEditor.load` shows an
:class:`~imgjournal.services.dto.EntryDTO`, :meth:`EntryEditor.state` returns what is on screen
as an :class:`EditorState`, and ``changed`` fires on every user edit (the autosave controller
listens to it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, QEvent, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPalette, QTextOption
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from imgjournal.domain import EntryKind
from imgjournal.fields import FIELD_LABELS
from imgjournal.limits import MAX_BODY_BYTES, MAX_FIELD_CHARS, MAX_TITLE_CHARS
from imgjournal.services.dto import CaseFields, EntryDTO, ExperienceDTO, FeedbackFields, PromptDTO
from imgjournal.ui.editor_forms import CaseForm, FeedbackForm, HintLabel
from imgjournal.ui.limited_text import LimitedTextEdit, limit_line
from imgjournal.ui.markdown_highlighter import install as install_markdown
from imgjournal.ui.privacy import PrivacyGuard, PrivacyWatch, TextWidget
from imgjournal.ui.privacy_panel import FindingsPanel

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


def render_markdown(text: str) -> str:
    import markdown  # only when the preview is first shown: it costs start-up time

    html = markdown.markdown(text, extensions=["sane_lists", "nl2br"], output_format="html")
    return f"<div>{html}</div>"


def split_tags(text: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for part in text.split(","):
        clean = part.strip().lstrip("#").strip()
        if clean:
            seen[clean] = None
    return tuple(seen)


class TagCompleter(QCompleter):
    """Completes the tag after the last comma of a comma-separated list."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt override
        return [path.split(",")[-1].strip()]

    def pathFromIndex(self, index):  # noqa: N802, ANN001, ANN201 - Qt override
        done = self.widget().text().split(",")[:-1] if self.widget() else []
        parts = [p.strip() for p in done if p.strip()] + [str(index.data())]
        return ", ".join(parts) + ", "


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
        self._prompt_ids: tuple[int, ...] = ()
        self._prompts: dict[int, PromptDTO] = {}
        self._preview_timer = QTimer(self, singleShot=True, interval=250)
        self._preview_timer.timeout.connect(self._render_preview)
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
        """The header (banners, title, meta row, the kind's form, prompts and tags) over the
        body, with the empty page in front; each builder adds its part in order."""
        self._build_title()
        meta = self._build_meta()
        self._build_forms()
        links = self._build_links()
        self._build_header(meta, links)
        self._build_body()
        footer = self._build_footer()
        self._build_pages(footer)
        self._set_tab_order()

    def _build_title(self) -> None:
        self.title = QLineEdit()
        self.title.setObjectName("entryTitle")
        self.title.setAccessibleName("Title")
        self.title.setPlaceholderText("Title: a few words you will recognise in a list")
        self.title.setFrame(False)
        limit_line(self.title, "title", MAX_TITLE_CHARS, self.show_limit)

    def _build_meta(self) -> QHBoxLayout:
        """Kind, date, experience and the Preview toggle, in one row under the title."""
        self.kind_label = QLabel()
        self.kind_label.setObjectName("entryKind")
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
        self.experience.setMinimumContentsLength(14)
        self.preview_button = QPushButton("Preview")
        self.preview_button.setObjectName("previewToggle")
        self.preview_button.setCheckable(True)
        self.preview_button.setToolTip("Show the rendered Markdown beside the text (Ctrl+E)")
        meta = QHBoxLayout()
        meta.setSpacing(8)
        meta.addWidget(self.kind_label)
        meta.addWidget(self.date)
        meta.addWidget(self.experience, 1)
        meta.addWidget(self.preview_button)
        return meta

    def _build_forms(self) -> None:
        """The kind's own fields: nothing, the case form or the feedback form."""
        self.case_form = CaseForm()
        self.feedback_form = FeedbackForm()
        self.forms = QStackedWidget()
        self.forms.addWidget(QWidget())
        self.forms.addWidget(self.case_form)
        self.forms.addWidget(self.feedback_form)

    def _build_links(self) -> QHBoxLayout:
        """The linked prompts (with Link prompts…) and the tags, in one row."""
        self.prompt_label = HintLabel()
        self.prompt_label.setObjectName("linkedPrompts")
        self.prompt_label.setWordWrap(True)
        self.prompt_label.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.prompt_button = QPushButton("Link prompts…")
        self.prompt_button.setObjectName("linkPromptsButton")
        self.prompt_button.setToolTip("Link this entry to interview prompts it answers (Ctrl+L)")
        self.tags = QLineEdit()
        self.tags.setObjectName("entryTags")
        self.tags.setAccessibleName("Tags")
        self.tags.setPlaceholderText("Tags, separated by commas")
        self._tag_model = QStringListModel(self)
        completer = TagCompleter(self._tag_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.tags.setCompleter(completer)
        links = QHBoxLayout()
        links.setSpacing(8)
        links.addWidget(self.prompt_button)
        links.addWidget(self.prompt_label, 2)
        links.addWidget(self.tags, 1)
        return links

    def _build_header(self, meta: QHBoxLayout, links: QHBoxLayout) -> None:
        """The banners, the title, ``meta``, the forms and ``links``, in a scroll area."""
        header = QWidget()
        header.setObjectName("editorHeader")
        hl = QVBoxLayout(header)
        hl.setContentsMargins(12, 10, 12, 6)
        hl.setSpacing(6)
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
        hl.addWidget(self.trash_banner)
        hl.addWidget(self.error_banner)
        hl.addWidget(self.limit_banner)
        hl.addWidget(self.title)
        hl.addLayout(meta)
        hl.addWidget(self.forms)
        hl.addLayout(links)

        self.details = QScrollArea()
        self.details.setObjectName("editorDetails")
        self.details.setWidget(header)
        self.details.setWidgetResizable(True)
        self.details.setFrameShape(QFrame.Shape.NoFrame)
        self.details.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _build_body(self) -> None:
        """The Markdown body, its preview and the privacy findings side by side."""
        self.body = LimitedTextEdit("body", max_bytes=MAX_BODY_BYTES)
        self.body.setObjectName("entryBody")
        self.body.setAccessibleName("Body")
        self.body.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.highlighter = install_markdown(self.body)
        self.preview = QTextBrowser()
        self.preview.setObjectName("entryPreview")
        self.preview.setAccessibleName("Preview")
        self.preview.setOpenLinks(False)
        self.preview.setFrameShape(QFrame.Shape.NoFrame)
        self.preview.setVisible(False)
        self.body_split = QSplitter(Qt.Orientation.Horizontal)
        self.body_split.setObjectName("bodySplit")
        self.body_split.addWidget(self.body)
        self.body_split.addWidget(self.preview)
        self.findings_panel = FindingsPanel(self.privacy, FIELD_LABELS)
        self.body_split.addWidget(self.findings_panel)
        self.body_split.setStretchFactor(0, 1)
        self.body_split.setStretchFactor(1, 1)
        self.body_split.setStretchFactor(2, 0)
        self.body_split.setChildrenCollapsible(False)

    def _build_footer(self) -> QHBoxLayout:
        """The word count under the body."""
        self.count_label = HintLabel()
        self.count_label.setObjectName("wordCount")
        footer = QHBoxLayout()
        footer.setContentsMargins(12, 2, 12, 4)
        footer.addStretch(1)
        footer.addWidget(self.count_label)
        return footer

    def _build_pages(self, footer: QHBoxLayout) -> None:
        """The header over the body (with ``footer``), and the empty page in front of it."""
        self.vsplit = QSplitter(Qt.Orientation.Vertical)
        self.vsplit.setObjectName("editorSplit")
        self.vsplit.addWidget(self.details)
        self.vsplit.addWidget(self.body_split)
        self.vsplit.setStretchFactor(0, 0)
        self.vsplit.setStretchFactor(1, 1)
        self.vsplit.setChildrenCollapsible(False)

        self.empty = QLabel("Choose an entry in the list, or press Ctrl+N to write a new one.")
        self.empty.setObjectName("editorEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.pages = QStackedWidget()
        page = QWidget()
        pl = QVBoxLayout(page)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.setSpacing(0)
        pl.addWidget(self.vsplit, 1)
        pl.addLayout(footer)
        self.pages.addWidget(self.empty)
        self.pages.addWidget(page)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.pages)

    def _set_tab_order(self) -> None:
        # Tab follows the page: title, date, experience, the kind's fields, the body, then the
        # prompts and tags under it.
        cf, ff = self.case_form, self.feedback_form
        chain = [
            self.title,
            self.date,
            self.experience,
            cf.setting,
            cf.age_band,
            cf.sex,
            cf.role,
            cf.chief_complaint,
            cf.diagnoses,
            cf.procedures,
            cf.star_section.button,
            *cf.star.values(),
            ff.giver_name,
            ff.giver_role,
            ff.kind,
            ff.followed_up,
            ff.words,
            ff.action_items,
            self.body,
            self.prompt_button,
            self.tags,
            self.preview_button,
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

    def _connect(self) -> None:
        self.title.textEdited.connect(self._user_changed)
        self.title.returnPressed.connect(self.focusNextChild)  # Enter in the title moves on
        self.date.dateChanged.connect(self._user_changed)
        self.experience.currentIndexChanged.connect(self._user_changed)
        self.tags.textEdited.connect(self._user_changed)
        self.body.textChanged.connect(self._body_changed)
        self.case_form.changed.connect(self._user_changed)
        self.feedback_form.changed.connect(self._user_changed)
        self.preview_button.toggled.connect(self.set_preview_visible)
        self.prompt_button.clicked.connect(self.link_prompts_requested)
        self.restore_button.clicked.connect(self.restore_requested)
        self.retry_button.clicked.connect(self.retry_requested)
        self.body.refused.connect(self.show_limit)
        self.case_form.refused.connect(self.show_limit)
        self.feedback_form.refused.connect(self.show_limit)
        limit_line(self.tags, "tags field", MAX_FIELD_CHARS, self.show_limit)

    # -- reactions -----------------------------------------------------------------------
    def _user_changed(self, *_: object) -> None:
        if not self._loading and self._entry is not None:
            self.changed.emit()

    def _body_changed(self) -> None:
        self._update_count()
        if self.preview.isVisible():
            self._preview_timer.start()
        self._user_changed()

    def _update_count(self) -> None:
        text = self.body.toPlainText()
        words = count_words(text)
        self.count_label.setText(
            f"{words} word{'s' if words != 1 else ''} · {len(text)} character"
            f"{'s' if len(text) != 1 else ''}"
        )

    def _render_preview(self) -> None:
        bar = self.preview.verticalScrollBar()
        pos = bar.value()
        self.preview.setHtml(render_markdown(self.body.toPlainText()))
        bar.setValue(pos)

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
            self.highlighter.set_palette(self.palette())

    def set_font_size(self, points: int) -> None:
        font = QFont(self.body.font())
        font.setPointSize(points)
        self.body.setFont(font)
        self.preview.setFont(font)
        self.preview.document().setDefaultFont(font)
        title_font = QFont(self.title.font())
        title_font.setPointSize(points + 5)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.body.document().setDocumentMargin(12)

    def set_preview_visible(self, on: bool) -> None:
        if self.preview_button.isChecked() != on:
            self.preview_button.setChecked(on)
            return
        self.preview.setVisible(on)
        if on:
            self._render_preview()

    def set_experiences(self, items: list[ExperienceDTO]) -> None:
        current = self.experience.currentData()
        self._loading = True
        try:
            self.experience.clear()
            self.experience.addItem("No experience", None)
            for x in items:
                self.experience.addItem(x.title, x.id)
            i = self.experience.findData(current)
            self.experience.setCurrentIndex(max(i, 0))
        finally:
            self._loading = False

    def set_prompts(self, items: list[PromptDTO]) -> None:
        self._prompts = {p.id: p for p in items}
        self._show_prompts()

    def set_known_tags(self, names: list[str]) -> None:
        self._tag_model.setStringList(names)

    def prompt_ids(self) -> tuple[int, ...]:
        return self._prompt_ids

    def set_prompt_ids(self, ids: tuple[int, ...] | list[int], *, user: bool = True) -> None:
        self._prompt_ids = tuple(sorted(set(ids)))
        self._show_prompts()
        if user:
            self._user_changed()

    def _show_prompts(self) -> None:
        texts = [self._prompts[i].text for i in self._prompt_ids if i in self._prompts]
        if not self._prompt_ids:
            self.prompt_label.setText("Not linked to an interview prompt yet")
            self.prompt_label.setToolTip("")
        else:
            self.prompt_label.setText(" · ".join(texts) or f"{len(self._prompt_ids)} prompts")
            self.prompt_label.setToolTip("\n".join(texts))

    def clear(self) -> None:
        if self._entry is not None:
            self.leaving.emit(self._entry.id)
        self._entry = None
        self.pages.setCurrentWidget(self.empty)

    def load(self, entry: EntryDTO, *, fresh: bool = False) -> None:
        """Show ``entry``; ``fresh`` for a just-made entry (title selected, story open)."""
        if self._entry is not None and self._entry.id != entry.id:
            self.leaving.emit(self._entry.id)
        self._loading = True
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
            self.tags.setText(", ".join(entry.tags))
            self._prompt_ids = entry.prompt_ids
            self._show_prompts()
            if kind == EntryKind.CASE:
                self.case_form.load(entry.case, expand_story=fresh)
                self.forms.setCurrentWidget(self.case_form)
            elif kind == EntryKind.FEEDBACK:
                self.feedback_form.load(entry.feedback)
                self.forms.setCurrentWidget(self.feedback_form)
            else:
                self.forms.setCurrentIndex(0)
            self.forms.setVisible(kind != EntryKind.REFLECTION)
            self.body.setPlaceholderText(BODY_PLACEHOLDER[kind])
            # setPlainText resets the undo stack: undo never crosses into another entry.
            self.body.setPlainText(entry.body)
            self._update_count()
            if self.preview.isVisible():
                self._render_preview()
            self.set_read_only(entry.in_trash)
            self.trash_banner.setVisible(entry.in_trash)
            self.trash_banner.findChild(QLabel, "trashBannerText").setText(
                "This entry is in the trash. Restore it to edit it."
            )
        finally:
            self._loading = False
        self.privacy.check_now()
        for line in (
            self.title,
            self.tags,
            self.case_form.chief_complaint,
            self.case_form.diagnoses,
            self.case_form.procedures,
            self.feedback_form.giver_name,
        ):
            line.setCursorPosition(0)  # show the start of long values, not their end
        self.pages.setCurrentIndex(1)
        self.details.verticalScrollBar().setValue(0)
        if fresh:
            self.title.setFocus()
            self.title.selectAll()

    def set_read_only(self, ro: bool) -> None:
        for w in (self.title, self.tags, self.body):
            w.setReadOnly(ro)
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
                "diagnoses": cf.diagnoses,
                "procedures": cf.procedures,
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
        return fields | {"body": self.body, "tags": self.tags}

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
            prompt_ids=self._prompt_ids,
            tags=split_tags(self.tags.text()),
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
