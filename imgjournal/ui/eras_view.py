"""The ERAS composer window (Application ▸ ERAS Experiences…).

Left, the application's experiences (at most 10; at most 3 most meaningful, marked ★) with the
count of each; in the middle, the ERAS fields of the chosen one, its description and its
reflection with live character counters (``limits.eras_chars``, the count the core and the
command line use: amber within ``ERAS_NEAR_LIMIT_CHARS`` of the limit, red past it); right,
what the linked journal experiences hold (lessons, results, feedback, prompts) and "Start
from the journal". Copy as Plain Text and Print run the privacy check first.

Every read and write goes through ``services.eras`` on the main window's task runner (``Ops``);
the window reloads when a change touches ERAS experiences, experiences or entries.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from imgjournal.domain import ErasType
from imgjournal.limits import (
    ERAS_DESCRIPTION_CHARS,
    ERAS_MAX_EXPERIENCES,
    ERAS_MOST_MEANINGFUL,
    ERAS_MOST_MEANINGFUL_EXTRA_CHARS,
    ERAS_NEAR_LIMIT_CHARS,
    eras_chars,
)
from imgjournal.services import eras

if TYPE_CHECKING:
    from imgjournal.opchanges import Changes
    from imgjournal.ui.main_window import MainWindow

AMBER = "#b26a00"
RED = "#c62828"
OK, NEAR, OVER = "ok", "near", "over"


def counter_state(count: int, limit: int) -> str:
    """ok, near (amber: within ERAS_NEAR_LIMIT_CHARS of the limit) or over (red)."""
    if count > limit:
        return OVER
    if count >= limit - ERAS_NEAR_LIMIT_CHARS:
        return NEAR
    return OK


class CharCounter(QLabel):
    """ "612 / 750" under a text box, amber near the limit and red past it."""

    def __init__(self, limit: int, name: str) -> None:
        super().__init__()
        self.limit = limit
        self.state = OK
        self.count = 0
        self.setObjectName(name)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.show_count("")

    def show_count(self, text: str) -> None:
        self.count = eras_chars(text)
        self.state = counter_state(self.count, self.limit)
        words = f"{self.count} / {self.limit} characters"
        if self.state == OVER:
            words += f" — {self.count - self.limit} over; ERAS will not take it"
        self.setText(words)
        colour = {OK: "", NEAR: f"color: {AMBER};", OVER: f"color: {RED}; font-weight: bold;"}
        self.setStyleSheet(colour[self.state])
        self.setAccessibleName(words)


class ErasWindow(QMainWindow):
    """The composer; one per main window (``MainWindow.open_eras``)."""

    loaded = Signal()  # the list (and the chosen experience) is on screen
    saved = Signal(int)  # an experience was saved (its id)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setObjectName("erasWindow")
        self.setWindowTitle("ERAS Experiences — imgjournal")
        self.w = window
        self.ops = window.ops
        self.items: list[eras.ErasExperienceDTO] = []
        self.current: eras.ErasExperienceDTO | None = None
        self.experiences: list[Any] = []  # the journal's ExperienceDTOs
        self.dirty = False
        self._filling = False
        self._pending_message = ""
        self._build()
        window.runner.changed.connect(self._changed)
        self.reload()

    # ---- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("erasSplit")
        split.setChildrenCollapsible(False)
        self.setCentralWidget(split)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(8, 8, 4, 8)
        heading = QLabel("<b>Application experiences</b>")
        lv.addWidget(heading)
        self.list = QListWidget()
        self.list.setObjectName("erasList")
        self.list.setAccessibleName("ERAS experiences")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(2)
        self.list.currentRowChanged.connect(self._row_changed)
        lv.addWidget(self.list, 1)
        self.rules = QLabel()
        self.rules.setObjectName("erasRules")
        self.rules.setWordWrap(True)
        lv.addWidget(self.rules)
        row = QHBoxLayout()
        self.add_button = QPushButton("Add")
        self.add_button.setObjectName("erasAdd")
        self.add_button.clicked.connect(self.add_experience)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setObjectName("erasDelete")
        self.delete_button.clicked.connect(self.delete_current)
        row.addWidget(self.add_button)
        row.addWidget(self.delete_button)
        lv.addLayout(row)
        split.addWidget(left)

        middle = QWidget()
        mv = QVBoxLayout(middle)
        mv.setContentsMargins(8, 8, 8, 8)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.title = self._line("erasTitle", "The experience's title in ERAS")
        self.type = QComboBox()
        self.type.setObjectName("erasType")
        for t in ErasType:
            self.type.addItem(t.label, t.value)
        self.type.currentIndexChanged.connect(self._edited)
        self.organization = self._line("erasOrganization", "Hospital, university, organisation")
        self.position = self._line("erasPosition", "Your position or role")
        place = QHBoxLayout()
        self.city = self._line("erasCity", "City")
        self.state = self._line("erasState", "State")
        self.country = self._line("erasCountry", "Country")
        for wdg in (self.city, self.state, self.country):
            place.addWidget(wdg)
        when = QHBoxLayout()
        self.start = self._line("erasStart", "Start YYYY-MM-DD")
        self.end = self._line("erasEnd", "End YYYY-MM-DD (empty: ongoing)")
        self.hours = QSpinBox()
        self.hours.setObjectName("erasHours")
        self.hours.setRange(0, 168)
        self.hours.setSpecialValueText("—")
        self.hours.setSuffix(" h/week")
        self.hours.valueChanged.connect(self._edited)
        for wdg in (self.start, self.end, self.hours):
            when.addWidget(wdg)
        form.addRow("Title", self.title)
        form.addRow("Type", self.type)
        form.addRow("Organization", self.organization)
        form.addRow("Position/role", self.position)
        form.addRow("Location", place)
        form.addRow("Dates, hours", when)
        mv.addLayout(form)

        mv.addWidget(QLabel("<b>Description</b> — what you did, in your words"))
        self.description = QPlainTextEdit()
        self.description.setObjectName("erasDescription")
        self.description.setAccessibleName("Description")
        self.description.setPlaceholderText(
            "What you did there and what came of it. Start from the journal on the right."
        )
        self.description.textChanged.connect(self._description_changed)
        mv.addWidget(self.description, 3)
        self.description_count = CharCounter(ERAS_DESCRIPTION_CHARS, "erasDescriptionCount")
        mv.addWidget(self.description_count)

        self.meaningful = QCheckBox("Most meaningful (at most 3)")
        self.meaningful.setObjectName("erasMeaningful")
        self.meaningful.toggled.connect(self._meaningful_toggled)
        mv.addWidget(self.meaningful)
        self.reflection = QPlainTextEdit()
        self.reflection.setObjectName("erasReflection")
        self.reflection.setAccessibleName("Most meaningful reflection")
        self.reflection.setPlaceholderText("Why this experience mattered most to you.")
        self.reflection.textChanged.connect(self._reflection_changed)
        mv.addWidget(self.reflection, 1)
        self.reflection_count = CharCounter(ERAS_MOST_MEANINGFUL_EXTRA_CHARS, "erasReflectionCount")
        mv.addWidget(self.reflection_count)

        self.message = QLabel()
        self.message.setObjectName("erasMessage")
        self.message.setWordWrap(True)
        mv.addWidget(self.message)
        buttons = QHBoxLayout()
        self.save_button = QPushButton("Save")
        self.save_button.setObjectName("erasSave")
        self.save_button.clicked.connect(self.save)
        self.copy_button = QPushButton("Copy as Plain Text")
        self.copy_button.setObjectName("erasCopy")
        self.copy_button.clicked.connect(self.copy_plain)
        self.markdown_button = QPushButton("Export Markdown…")
        self.markdown_button.setObjectName("erasMarkdown")
        self.markdown_button.clicked.connect(self.export_markdown)
        self.print_button = QPushButton("Print…")
        self.print_button.setObjectName("erasPrint")
        self.print_button.clicked.connect(self.print_sheet)
        for b in (self.save_button, self.copy_button, self.markdown_button, self.print_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        mv.addLayout(buttons)
        # No scroll area around the form: the two text boxes give up height instead, so the
        # buttons stay on screen at 1024×640 and no scroll area sits inside another.
        self.description.setMinimumHeight(110)
        self.reflection.setMinimumHeight(56)
        split.addWidget(middle)

        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(4, 8, 8, 8)
        rv.addWidget(QLabel("<b>From your journal</b>"))
        rv.addWidget(QLabel("Journal experiences it draws on:"))
        self.links = QListWidget()
        self.links.setObjectName("erasLinks")
        self.links.setAccessibleName("Journal experiences it draws on")
        self.links.setMaximumHeight(110)
        self.links.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.links.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.links.itemChanged.connect(self._link_changed)
        rv.addWidget(self.links)
        self.from_journal = QPushButton("Start from the Journal")
        self.from_journal.setObjectName("erasFromJournal")
        self.from_journal.setToolTip(
            "Fill the description with a first draft made from the lessons, results and "
            "feedback below (a template: edit it into your own words)"
        )
        self.from_journal.clicked.connect(self.start_from_journal)
        rv.addWidget(self.from_journal)
        self.material = QTextBrowser()
        self.material.setObjectName("erasMaterial")
        self.material.setAccessibleName("Journal material")
        self.material.setOpenLinks(False)
        rv.addWidget(self.material, 1)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        split.setStretchFactor(2, 3)
        split.setSizes([240, 560, 340])

        save = QAction("Save", self)
        save.setShortcut(QKeySequence.StandardKey.Save)
        save.triggered.connect(self.save)
        self.addAction(save)
        close = QAction("Close", self)
        close.setShortcut(QKeySequence.StandardKey.Close)
        close.triggered.connect(self.close)
        self.addAction(close)
        self.resize(1180, 720)
        self._show_editor(None)

    def _line(self, name: str, hint: str) -> QLineEdit:
        line = QLineEdit()
        line.setObjectName(name)
        line.setPlaceholderText(hint)
        line.setAccessibleName(hint)
        line.textEdited.connect(self._edited)
        return line

    # ---- loading -----------------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        from imgjournal.services.experiences import list_experiences

        def read(journal: Any) -> tuple[list[Any], list[Any]]:
            return eras.list_eras_experiences(journal), list_experiences(journal)

        want = select_id if select_id is not None else (self.current.id if self.current else None)
        self.ops.run(
            lambda journal: read(journal),
            on_done=lambda result: self._loaded(*result, want),
            on_error=self._failed,
            key="eras-load",
        )

    def _loaded(self, items: list[Any], experiences: list[Any], want: int | None) -> None:
        self.items = items
        self.experiences = experiences
        self.list.blockSignals(True)  # rebuilding the list is not the user choosing a row
        self.list.clear()
        for x in items:
            self.list.addItem(self._list_item(x))
        self.list.blockSignals(False)
        self._show_rules()
        row = next((i for i, x in enumerate(items) if x.id == want), 0 if items else -1)
        if self.dirty and self.current is not None and self.current.id == want:
            # Edits on screen stay; only the list and the counts are new.
            self._select_row_quietly(row)
            self.loaded.emit()
            return
        self._select_row_quietly(row)
        self._show_editor(items[row] if row >= 0 else None)
        self.loaded.emit()

    def _list_item(self, x: eras.ErasExperienceDTO) -> QListWidgetItem:
        mark = "★ " if x.meaningful else ""
        item = QListWidgetItem(
            f"{mark}{x.title}\n{x.type_label} · {x.chars}/{ERAS_DESCRIPTION_CHARS}"
        )
        item.setData(Qt.ItemDataRole.UserRole, x.id)
        return item

    def _show_rules(self) -> None:
        n = len(self.items)
        m = sum(1 for x in self.items if x.meaningful)
        text = (
            f"{n} of {ERAS_MAX_EXPERIENCES} experiences · {m} of {ERAS_MOST_MEANINGFUL} most "
            "meaningful"
        )
        if n >= ERAS_MAX_EXPERIENCES:
            text += ". ERAS takes no more: delete one or fold two together to add another."
        self.rules.setText(text)
        self.add_button.setEnabled(n < ERAS_MAX_EXPERIENCES)
        self.add_button.setToolTip(
            "" if n < ERAS_MAX_EXPERIENCES else f"ERAS takes at most {ERAS_MAX_EXPERIENCES}"
        )

    def _select_row_quietly(self, row: int) -> None:
        self.list.blockSignals(True)
        self.list.setCurrentRow(row)
        self.list.blockSignals(False)

    def _show_editor(self, x: eras.ErasExperienceDTO | None) -> None:
        before = self.current
        self.current = x
        self._filling = True
        enabled = x is not None
        for wdg in (
            self.title, self.type, self.organization, self.position, self.city, self.state,
            self.country, self.start, self.end, self.hours, self.description, self.meaningful,
            self.reflection, self.save_button, self.copy_button, self.delete_button, self.links,
            self.from_journal,
        ):  # fmt: skip
            wdg.setEnabled(enabled)
        self.title.setText(x.title if x else "")
        self.type.setCurrentIndex(max(0, self.type.findData(x.eras_type)) if x else 0)
        self.organization.setText(x.organization if x else "")
        self.position.setText(x.position if x else "")
        self.city.setText(x.city if x else "")
        self.state.setText(x.state if x else "")
        self.country.setText(x.country if x else "")
        self.start.setText(x.start_date.isoformat() if x and x.start_date else "")
        self.end.setText(x.end_date.isoformat() if x and x.end_date else "")
        self.hours.setValue(x.hours_per_week or 0 if x else 0)
        self.description.setPlainText(x.description if x else "")
        self.meaningful.setChecked(bool(x and x.meaningful))
        self.reflection.setPlainText(x.reflection if x else "")
        self.reflection.setEnabled(bool(x and x.meaningful))
        self.description_count.show_count(self.description.toPlainText())
        self.reflection_count.show_count(self.reflection.toPlainText())
        self.links.clear()
        linked = set(x.experience_ids) if x else set()
        for e in self.experiences:
            item = QListWidgetItem(e.title)
            item.setData(Qt.ItemDataRole.UserRole, e.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if e.id in linked else Qt.CheckState.Unchecked)
            self.links.addItem(item)
        self._filling = False
        self.dirty = False
        if x is None:
            self.message.setText(
                "No ERAS experiences yet. Add one, tick the journal experiences it draws on, "
                "then Start from the Journal."
                if not self.items
                else ""
            )
        elif before is None or before.id != x.id:
            # A message is about the experience it was said of (a deletion's stays).
            self._say(self._pending_message)
        self._pending_message = ""
        self.load_material()

    # ---- the journal's material --------------------------------------------------------
    def linked_ids(self) -> list[int]:
        out = []
        for i in range(self.links.count()):
            item = self.links.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def load_material(self) -> None:
        ids = self.linked_ids()
        if not ids:
            self.material.setHtml(
                "<p>Tick the journal experiences this one draws on: their lessons, results, "
                "feedback and prompts show here.</p>"
            )
            self.from_journal.setEnabled(False)
            return
        self.from_journal.setEnabled(self.current is not None)
        self.ops.run(
            eras.journal_material,
            ids,
            on_done=self._show_material,
            on_error=self._failed,
            key="eras-material",
        )

    def _show_material(self, m: eras.Material) -> None:
        def section(title: str, items: list[tuple[str, str]]) -> str:
            if not items:
                return ""
            rows = "".join(
                f"<li>{html.escape(text)} <span style='color:gray'>— {html.escape(where)}</span>"
                "</li>"
                for where, text in items
            )
            return f"<h4>{title}</h4><ul>{rows}</ul>"

        parts = [f"<p>{html.escape(line)}</p>" for line in m.summary]
        parts.append(section("Lessons", list(m.lessons)))
        parts.append(section("Results", list(m.results)))
        parts.append(section("Feedback", list(m.feedback)))
        if m.prompts:
            rows = "".join(f"<li>{html.escape(p)}</li>" for p in m.prompts)
            parts.append(f"<h4>Interview prompts</h4><ul>{rows}</ul>")
        if m.empty:
            parts.append("<p>No lessons, results or feedback logged for these experiences yet.</p>")
        self.material.setHtml("".join(parts))
        self.material_shown = m

    # ---- editing -----------------------------------------------------------------------
    def _edited(self, *_: object) -> None:
        if not self._filling:
            self.dirty = True

    def _description_changed(self) -> None:
        self.description_count.show_count(self.description.toPlainText())
        self._edited()

    def _reflection_changed(self) -> None:
        self.reflection_count.show_count(self.reflection.toPlainText())
        self._edited()

    def _meaningful_toggled(self, on: bool) -> None:
        self.reflection.setEnabled(on and self.current is not None)
        if self._filling:
            return
        self._edited()
        others = sum(1 for x in self.items if x.meaningful and x is not self.current)
        if on and others >= ERAS_MOST_MEANINGFUL:
            self._say(
                f"ERAS lets at most {ERAS_MOST_MEANINGFUL} experiences be most meaningful and "
                f"{others} already are; unmark one first.",
                error=True,
            )

    def _link_changed(self, _item: QListWidgetItem) -> None:
        if self._filling:
            return
        self._edited()
        self.load_material()

    def _row_changed(self, row: int) -> None:
        if self._filling or row < 0 or row >= len(self.items):
            return
        target = self.items[row]
        if self.dirty and self.current is not None:
            # Save first; go to the other one only once it is saved (nothing is lost).
            here = self.current.id
            self._select_row_quietly(next(i for i, x in enumerate(self.items) if x.id == here))
            self.save(then_select=target.id)
            return
        self._show_editor(target)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {RED};" if error else "")

    def _failed(self, exc: BaseException) -> None:
        from imgjournal.errors import JournalError

        if isinstance(exc, JournalError):
            self._say(str(exc), error=True)
        else:
            self._say("That did not work; the log file has the details.", error=True)
            import logging

            logging.getLogger(__name__).error("ERAS composer", exc_info=exc)

    def changes(self) -> dict[str, Any]:
        """What the form holds, as update_eras_experience's fields (dates checked here)."""
        from imgjournal.errors import ValidationError

        def day(line: QLineEdit, what: str) -> date | None:
            text = line.text().strip()
            if not text:
                return None
            try:
                return date.fromisoformat(text)
            except ValueError:
                raise ValidationError(
                    f"The {what} {text!r} is not a date; write it as YYYY-MM-DD."
                ) from None

        return {
            "title": self.title.text(),
            "eras_type": self.type.currentData(),
            "organization": self.organization.text(),
            "position": self.position.text(),
            "city": self.city.text(),
            "state": self.state.text(),
            "country": self.country.text(),
            "start_date": day(self.start, "start date"),
            "end_date": day(self.end, "end date"),
            "hours_per_week": self.hours.value() or None,
            "description": self.description.toPlainText(),
            "meaningful": self.meaningful.isChecked(),
            "reflection": self.reflection.toPlainText(),
            "experience_ids": self.linked_ids(),
        }

    def save(self, *, then_select: int | None = None) -> None:
        if self.current is None:
            return
        from imgjournal.errors import JournalError

        try:
            values = self.changes()
        except JournalError as exc:
            self._say(str(exc), error=True)
            return
        xid = self.current.id

        def done(x: eras.ErasExperienceDTO) -> None:
            self.dirty = False
            self.current = x
            self._say(f"Saved ({x.chars} of {ERAS_DESCRIPTION_CHARS} characters).")
            self.saved.emit(x.id)
            self.reload(then_select if then_select is not None else x.id)

        self.ops.run(
            eras.update_eras_experience, xid, on_done=done, on_error=self._failed, **values
        )

    def add_experience(self) -> None:
        if len(self.items) >= ERAS_MAX_EXPERIENCES:
            self._say(
                f"ERAS takes at most {ERAS_MAX_EXPERIENCES} experiences; delete one or fold two "
                "together first.",
                error=True,
            )
            return
        if self.dirty:
            self.save()
        # A new one draws on the experience the main window is on, if any.
        current = self.w.eras_experience_hint() if hasattr(self.w, "eras_experience_hint") else None
        ids = [current] if isinstance(current, int) else []
        kind = ErasType.EDUCATION.value if not ids else None
        self.ops.run(
            eras.create_eras_experience,
            "New experience",
            kind,
            experience_ids=ids,
            on_done=lambda x: self.reload(x.id),
            on_error=self._failed,
        )

    def delete_current(self) -> None:
        if self.current is None:
            return
        from PySide6.QtWidgets import QMessageBox

        title = self.current.title
        confirm = getattr(self, "confirm", None) or (
            lambda: (
                QMessageBox.question(
                    self,
                    "Delete ERAS experience",
                    f"Delete “{title}” from the application? Its journal experiences stay.",
                )
                == QMessageBox.StandardButton.Yes
            )
        )
        if not confirm():
            return
        self.dirty = False
        self.ops.run(
            eras.delete_eras_experience,
            self.current.id,
            on_done=lambda _r: self._deleted(title),
            on_error=self._failed,
        )

    def _deleted(self, title: str) -> None:
        self.current = None
        self._pending_message = f"Deleted “{title}”."
        self._say(self._pending_message)
        self.reload()

    def start_from_journal(self) -> None:
        ids = self.linked_ids()
        if not ids or self.current is None:
            return
        if self.description.toPlainText().strip():
            ask = getattr(self, "confirm_replace", None)
            if ask is None:
                from PySide6.QtWidgets import QMessageBox

                def ask() -> bool:
                    return (
                        QMessageBox.question(
                            self,
                            "Start from the journal",
                            "Replace the description with a draft from the journal? "
                            "(Ctrl+Z brings yours back.)",
                        )
                        == QMessageBox.StandardButton.Yes
                    )

            if not ask():
                return
        self.ops.run(
            eras.draft_from_journal,
            ids,
            on_done=self._put_draft,
            on_error=self._failed,
        )

    def _put_draft(self, text: str) -> None:
        cursor = self.description.textCursor()
        cursor.select(cursor.SelectionType.Document)
        cursor.insertText(text)  # one undo step, so Ctrl+Z brings the old text back
        self._say(
            "A first draft from the journal: make it your own, then Save."
            if text
            else "The journal holds no lessons, results or feedback for these experiences yet."
        )

    # ---- what leaves: copy, Markdown, print --------------------------------------------
    def _cleared(self, findings: list[Any], what: str) -> bool:
        if not findings:
            return True
        from imgjournal.ui.window_privacy import GO_ON, ask_privacy

        ask = getattr(self.w, "ask_privacy", ask_privacy)
        return ask(self, findings, what) == GO_ON

    def copy_plain(self) -> None:
        """The chosen experience as plain text on the clipboard (what ERAS accepts), after the
        privacy check. What is copied is what is saved: unsaved edits are saved first."""
        if self.current is None:
            return

        def copy(x: eras.ErasExperienceDTO) -> None:
            self.ops.run(
                eras.scan_eras,
                [x],
                on_done=lambda found: self._copy_if_cleared(x, found),
                on_error=self._failed,
            )

        if self.dirty:
            self.saved_then(copy)
        else:
            copy(self.current)

    def saved_then(self, then: Any) -> None:
        from imgjournal.errors import JournalError

        try:
            values = self.changes()
        except JournalError as exc:
            self._say(str(exc), error=True)
            return

        def done(x: eras.ErasExperienceDTO) -> None:
            self.dirty = False
            self.current = x
            self.reload(x.id)
            then(x)

        self.ops.run(
            eras.update_eras_experience,
            self.current.id if self.current else 0,
            on_done=done,
            on_error=self._failed,
            **values,
        )

    def _copy_if_cleared(self, x: eras.ErasExperienceDTO, found: list[Any]) -> None:
        if not self._cleared(found, f"“{x.title}”"):
            self._say("Not copied.")
            return
        QGuiApplication.clipboard().setText(eras.plain_text(x))
        self._say("Copied as plain text: paste it into ERAS.")

    def export_markdown(self, path: Path | None = None) -> None:
        if path is None:
            start = str(Path.home() / "eras-experiences.md")
            name, _ = QFileDialog.getSaveFileName(
                self, "Export ERAS experiences", start, "Markdown (*.md)"
            )
            if not name:
                return
            path = Path(name)

        def write(journal: Any, dest: Path) -> tuple[int, list[Any]]:
            items = eras.list_eras_experiences(journal)
            return len(items), eras.scan_eras(journal, items)

        def checked(result: tuple[int, list[Any]]) -> None:
            n, found = result
            if not self._cleared(found, "The ERAS experiences"):
                self._say("Not exported.")
                return
            self.ops.run(
                _write_markdown,
                path,
                on_done=lambda _r: self._say(f"Exported {n} experiences to {path}."),
                on_error=self._failed,
            )

        self.ops.run(write, path, on_done=checked, on_error=self._failed)

    def print_sheet(self) -> None:
        """The print dialog with the ERAS sheet chosen (it runs the privacy gate itself)."""
        from imgjournal.ui.print_dialog import PrintDialog

        dialog = PrintDialog(self.w.journal, self.w.runner, self.w)
        dialog.set_sheet("eras")
        self.print_dialog = dialog
        dialog.exec()

    # ---- closing -----------------------------------------------------------------------
    def flush(self) -> str | None:
        """Save what is on screen now, waiting for it (closing); None when saved or nothing
        to save, else the sentence saying why it could not be saved."""
        if not self.dirty or self.current is None:
            return None
        from imgjournal.errors import JournalError

        journal, xid = self.w.journal, self.current.id
        try:
            values = self.changes()
            x = self.w.runner.run_now(lambda: eras.update_eras_experience(journal, xid, **values))
        except JournalError as exc:
            self._say(str(exc), error=True)
            return str(exc)
        self.dirty = False
        self.current = x
        return None

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        problem = self.flush()
        if problem and not self.w.ask(
            self,
            "Not saved",
            f"This experience is not saved: {problem} Close it and lose the changes?",
            "Close Anyway",
        ):
            event.ignore()
            return
        self.dirty = False
        event.accept()

    # ---- changes made elsewhere --------------------------------------------------------
    def _changed(self, changes: Changes) -> None:
        if self.isVisible() and changes.touches_kind("eras", "experiences", "entries"):
            self.reload()


def _write_markdown(journal: Any, path: Path) -> None:
    from imgjournal.export.json_io import write_atomically

    write_atomically(path, eras.markdown(eras.list_eras_experiences(journal)).encode("utf-8"))
