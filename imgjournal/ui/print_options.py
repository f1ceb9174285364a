"""The options side of the Print dialog: which sheet, and the options that sheet uses.

A form of plain widgets with no journal access: the dialog loads the prompts and experiences
through the task runner and hands them to :meth:`SheetOptionsForm.fill_choices`. ``changed``
fires on every change of an option, and the dialog schedules a new preview.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from imgjournal.domain import PromptCategory
from imgjournal.export.pdf.options import SHEETS, SheetOptions
from imgjournal.ui.models import pydate

_ALL, _CHOSEN = "", "chosen"


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


class SheetOptionsForm(QWidget):
    """The sheet chooser and its options; shows only the options the chosen sheet uses."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The brag sheet's letter (letter id, its experience id), set from a letter's page:
        # the sheet is for that writer while the letter's experience is the one chosen.
        self.letter: tuple[int, int] | None = None
        self._build()
        self.update_fields()

    def _build(self) -> None:
        self.sheet = QComboBox(objectName="printSheet")
        for key, info in SHEETS.items():
            self.sheet.addItem(info.label, key)
        self.about = QLabel(wordWrap=True, objectName="printAbout")
        self.about.setStyleSheet("color: palette(placeholder-text);")
        self.scope = QComboBox(objectName="printScope")
        self.scope.addItem("All prompts", _ALL)
        for c in PromptCategory:
            self.scope.addItem(f"{c.label} prompts", c.value)
        self.scope.addItem("Chosen prompts…", _CHOSEN)
        self.prompts = QListWidget(objectName="printPrompts")
        self.prompts.setMinimumHeight(140)
        self.experience = QComboBox(objectName="printExperience")
        self.program = QComboBox(objectName="printProgram")
        self._program_wanted: int | None = None
        self.use_from = QCheckBox("From", objectName="printUseFrom")
        self.use_to = QCheckBox("To", objectName="printUseTo")
        today = date.today()
        self.date_from = QDateEdit(_qdate(date(today.year, 1, 1)), calendarPopup=True)
        self.date_to = QDateEdit(_qdate(today), calendarPopup=True)
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat("d MMM yyyy")
        self.paper = QComboBox(objectName="printPaper")
        self.paper.addItem("A4", "a4")
        self.paper.addItem("US Letter", "letter")
        self.name = QLineEdit(objectName="printName", maxLength=120)
        self.name.setPlaceholderText("printed in the page header (optional)")
        self.hopes = QPlainTextEdit(objectName="printHopes")
        self.hopes.setPlaceholderText(
            "What you hope the letter covers (Markdown). Left empty, the sheet suggests "
            "points from your journal."
        )
        self.hopes.setMaximumHeight(110)
        self.key_points = QCheckBox("Key points only", objectName="printKeyPoints")
        self.key_points.setToolTip(
            "Per story only its memory hook, lesson and result and the other prompts it "
            "answers: no drafted answers, no entry text"
        )

        self.dates = QWidget(objectName="printDates")
        dates = QHBoxLayout(self.dates)
        dates.setContentsMargins(0, 0, 0, 0)
        for w in (self.use_from, self.date_from, self.use_to, self.date_to):
            dates.addWidget(w)
        dates.addStretch(1)
        form = QFormLayout()
        form.addRow("Sheet", self.sheet)
        form.addRow("", self.about)
        form.addRow("Prompts", self.scope)
        form.addRow("", self.prompts)
        form.addRow("Experience", self.experience)
        form.addRow("Program", self.program)
        form.addRow("Dates", self.dates)
        form.addRow("", self.key_points)
        form.addRow("Paper", self.paper)
        form.addRow("Your name", self.name)
        form.addRow("The letter", self.hopes)
        self._form = form
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(form)
        box.addStretch(1)  # the rows keep their height; the space goes below them
        self.setMinimumWidth(340)

        self.sheet.currentIndexChanged.connect(self.update_fields)
        self.scope.currentIndexChanged.connect(self.update_fields)
        for signal in (
            self.experience.currentIndexChanged,
            self.program.currentIndexChanged,
            self.paper.currentIndexChanged,
            self.name.textChanged,
            self.hopes.textChanged,
            self.use_from.toggled,
            self.key_points.toggled,
            self.use_to.toggled,
            self.date_from.dateChanged,
            self.date_to.dateChanged,
            self.prompts.itemChanged,
        ):
            signal.connect(self.changed)

    def update_fields(self) -> None:
        """Show the options the chosen sheet uses, and only those."""
        info = SHEETS[self.sheet_key()]
        self.about.setText(info.description)
        stories = "prompt_ids" in info.options
        form = self._form
        form.setRowVisible(self.scope, stories)
        form.setRowVisible(self.prompts, stories and self.scope.currentData() == _CHOSEN)
        form.setRowVisible(self.experience, "experience_id" in info.options)
        form.setRowVisible(self.program, "program_id" in info.options)
        form.setRowVisible(self.dates, "date_from" in info.options)
        form.setRowVisible(self.hopes, "hopes" in info.options)
        form.setRowVisible(self.key_points, "key_points" in info.options)
        if self.experience.count():
            self.experience.setItemText(
                0, "Choose an experience" if info.needs_experience else "All experiences"
            )
            if info.needs_experience and self.experience.currentIndex() <= 0:
                self.experience.setCurrentIndex(1 if self.experience.count() > 1 else 0)
        self.changed.emit()

    def fill_choices(self, loaded: tuple[list[Any], ...]) -> None:
        prompts, experiences, *more = loaded
        self.program.blockSignals(True)
        self.program.clear()
        for p in more[0] if more else ():
            self.program.addItem(p.name + (f" ({p.specialty})" if p.specialty else ""), p.id)
        if self._program_wanted is not None and self.program.findData(self._program_wanted) >= 0:
            self.program.setCurrentIndex(self.program.findData(self._program_wanted))
        self.program.blockSignals(False)
        self.prompts.blockSignals(True)
        for p in prompts:
            item = QListWidgetItem(p.text + (" (hidden)" if p.hidden else ""))
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.prompts.addItem(item)
        self.prompts.blockSignals(False)
        self.experience.blockSignals(True)
        self.experience.clear()
        self.experience.addItem("All experiences", None)
        for x in experiences:
            end = x.end_date.isoformat() if x.end_date else "ongoing"
            self.experience.addItem(f"{x.title} ({x.start_date.isoformat()} – {end})", x.id)
        self.experience.blockSignals(False)
        self.update_fields()

    def sheet_key(self) -> str:
        return str(self.sheet.currentData())

    def set_sheet(self, key: str) -> None:
        self.sheet.setCurrentIndex(self.sheet.findData(key))

    def set_program(self, program_id: int) -> None:
        """Choose the interview-day sheet's program (now, or once the choices are loaded)."""
        self._program_wanted = program_id
        index = self.program.findData(program_id)
        if index >= 0:
            self.program.setCurrentIndex(index)

    def options(self) -> SheetOptions:
        info = SHEETS[self.sheet_key()]
        scope = self.scope.currentData()
        chosen: tuple[int, ...] = ()
        if "prompt_ids" in info.options and scope == _CHOSEN:
            chosen = tuple(
                self.prompts.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.prompts.count())
                if self.prompts.item(i).checkState() == Qt.CheckState.Checked
            )
        dated = "date_from" in info.options
        return SheetOptions(
            prompt_ids=chosen,
            category=scope if "category" in info.options and scope not in (_ALL, _CHOSEN) else None,
            experience_id=self.experience.currentData()
            if "experience_id" in info.options
            else None,
            date_from=pydate(self.date_from.date())
            if dated and self.use_from.isChecked()
            else None,
            date_to=pydate(self.date_to.date()) if dated and self.use_to.isChecked() else None,
            paper=str(self.paper.currentData()),
            name=self.name.text(),
            hopes=self.hopes.toPlainText() if "hopes" in info.options else "",
            key_points="key_points" in info.options and self.key_points.isChecked(),
            letter_id=self.letter[0]
            if "letter_id" in info.options
            and self.letter is not None
            and self.experience.currentData() == self.letter[1]
            else None,
            program_id=self.program.currentData() if "program_id" in info.options else None,
        )

    def restore(self, settings: Any) -> None:
        """The name and paper from the app's settings (or the locale's paper, for a start)."""
        us = QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
        paper = "letter" if us else "a4"
        if settings is not None:
            self.name.setText(str(settings.store.value("print/name", "")))
            paper = str(settings.store.value("print/paper", paper))
        self.paper.setCurrentIndex(max(0, self.paper.findData(paper)))

    def remember(self, settings: Any) -> None:
        if settings is not None:
            settings.store.setValue("print/name", self.name.text().strip())
            settings.store.setValue("print/paper", self.paper.currentData())
