"""Add or edit an experience (rotation, externship, observership, research...).

The form checks what the service would refuse (an empty title, an end before the start) as you
type, so OK is only enabled for a valid experience.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from imgjournal.domain import DEFAULT_ERAS_TYPE, OBSERVATIONAL_KINDS, ErasType, ExperienceKind
from imgjournal.services.dto import ExperienceDTO
from imgjournal.ui.dialog_parts import ErrorLabel, ok_button, ok_cancel
from imgjournal.ui.editor_forms import choice_combo


def _q(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _d(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class ExperienceDialog(QDialog):
    def __init__(self, experience: ExperienceDTO | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("experienceDialog")
        self.setWindowTitle("Edit experience" if experience else "New experience")
        self._build_fields()
        self._build_layout()
        self._connect()
        if experience:
            self._load(experience)
        else:
            self._kind_changed()
        self.end.setEnabled(not self.ongoing.isChecked())
        self._validate()
        self.resize(560, self.sizeHint().height())

    def _build_fields(self) -> None:
        """Every field of the form, and the error line under it."""
        self.kind = choice_combo(ExperienceKind, None, "experienceKind")
        self.eras = choice_combo(ErasType, None, "experienceEras")
        self.title = QLineEdit()
        self.title.setObjectName("experienceTitle")
        self.title.setPlaceholderText("e.g. Internal medicine sub-internship")
        self.title.setMaxLength(200)
        self.institution = QLineEdit()
        self.institution.setObjectName("experienceInstitution")
        self.specialty = QLineEdit()
        self.specialty.setObjectName("experienceSpecialty")
        self.city = QLineEdit()
        self.state = QLineEdit()
        self.country = QLineEdit()
        self.state.setMaximumWidth(90)
        self.is_us = QCheckBox("In the US")
        self.is_us.setObjectName("experienceIsUs")
        self.is_us.setChecked(True)
        self.hands_on = QCheckBox("Hands-on (not only observing)")
        self.hands_on.setObjectName("experienceHandsOn")
        self.hands_on.setChecked(True)
        self.start = QDateEdit()
        self.start.setObjectName("experienceStart")
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("d MMM yyyy")
        self.start.setDate(QDate.currentDate())
        self.ongoing = QCheckBox("Still going")
        self.ongoing.setObjectName("experienceOngoing")
        self.ongoing.setChecked(True)
        self.end = QDateEdit()
        self.end.setObjectName("experienceEnd")
        self.end.setCalendarPopup(True)
        self.end.setDisplayFormat("d MMM yyyy")
        self.end.setDate(QDate.currentDate().addDays(27))
        self.hours = QSpinBox()
        self.hours.setObjectName("experienceHours")
        self.hours.setRange(0, 168)
        self.hours.setSpecialValueText("Not set")
        self.hours.setSuffix(" h/week")
        self.supervisor = QLineEdit()
        self.supervisor.setObjectName("experienceSupervisor")
        self.supervisor.setPlaceholderText("Who could write your letter")
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("experienceNotes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.error = ErrorLabel("experienceError", keep_room=True)

    def _build_layout(self) -> None:
        """The form (place, flags and dates each in one row), the error line, OK and Cancel."""
        where = QHBoxLayout()
        where.addWidget(self.city, 2)
        where.addWidget(self.state)
        where.addWidget(self.country, 1)
        self.city.setPlaceholderText("City")
        self.state.setPlaceholderText("State")
        self.country.setPlaceholderText("Country")
        dates = QHBoxLayout()
        dates.addWidget(self.start)
        dates.addWidget(QLabel("to"))
        dates.addWidget(self.end)
        dates.addWidget(self.ongoing)
        dates.addStretch(1)
        flags = QHBoxLayout()
        flags.addWidget(self.is_us)
        flags.addWidget(self.hands_on)
        flags.addStretch(1)
        form = QFormLayout()
        form.addRow("Kind", self.kind)
        form.addRow("Title", self.title)
        form.addRow("Institution", self.institution)
        form.addRow("Specialty", self.specialty)
        form.addRow("Where", where)
        form.addRow("", flags)
        form.addRow("Dates", dates)
        form.addRow("Hours", self.hours)
        form.addRow("Supervisor", self.supervisor)
        form.addRow("ERAS type", self.eras)
        form.addRow("Notes", self.notes)
        self.buttons = ok_cancel(self)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)

    def _connect(self) -> None:
        """The ERAS type follows the kind until chosen by hand; OK follows the checks."""
        self._eras_touched = False
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.eras.activated.connect(lambda _: setattr(self, "_eras_touched", True))
        for sig in (
            self.title.textChanged,
            self.start.dateChanged,
            self.end.dateChanged,
            self.ongoing.toggled,
        ):
            sig.connect(self._validate)
        self.ongoing.toggled.connect(lambda on: self.end.setEnabled(not on))

    def _load(self, x: ExperienceDTO) -> None:
        self.kind.setCurrentIndex(max(self.kind.findData(x.kind), 0))
        self.eras.setCurrentIndex(max(self.eras.findData(x.eras_type), 0))
        self._eras_touched = True
        self.title.setText(x.title)
        self.institution.setText(x.institution)
        self.specialty.setText(x.specialty)
        self.city.setText(x.city)
        self.state.setText(x.state)
        self.country.setText(x.country)
        self.is_us.setChecked(x.is_us)
        self.hands_on.setChecked(x.hands_on)
        self.start.setDate(_q(x.start_date))
        self.ongoing.setChecked(x.end_date is None)
        if x.end_date:
            self.end.setDate(_q(x.end_date))
        self.hours.setValue(x.hours_per_week or 0)
        self.supervisor.setText(x.supervisor)
        self.notes.setPlainText(x.notes)

    def _kind_changed(self, *_: object) -> None:
        kind = ExperienceKind(self.kind.currentData())
        if not self._eras_touched:
            self.eras.setCurrentIndex(self.eras.findData(DEFAULT_ERAS_TYPE[kind].value))
        self.hands_on.setChecked(kind not in OBSERVATIONAL_KINDS)

    def problem(self) -> str | None:
        if not self.title.text().strip():
            return "Give the experience a title, e.g. “Cardiology elective, Mercy Hospital”."
        if not self.ongoing.isChecked() and self.end.date() < self.start.date():
            return "The end date is before the start date."
        return None

    def _validate(self, *_: object) -> None:
        problem = self.problem()
        self.error.setText(problem or "")
        ok_button(self.buttons).setEnabled(problem is None)

    def accept(self) -> None:
        if self.problem() is None:
            super().accept()

    def values(self) -> dict[str, Any]:
        """Keyword arguments for ``create_experience`` / ``update_experience``."""
        return {
            "kind": self.kind.currentData(),
            "title": self.title.text().strip(),
            "start_date": _d(self.start.date()),
            "end_date": None if self.ongoing.isChecked() else _d(self.end.date()),
            "eras_type": self.eras.currentData(),
            "institution": self.institution.text().strip(),
            "specialty": self.specialty.text().strip(),
            "city": self.city.text().strip(),
            "state": self.state.text().strip(),
            "country": self.country.text().strip(),
            "is_us": self.is_us.isChecked(),
            "hands_on": self.hands_on.isChecked(),
            "hours_per_week": self.hours.value() or None,
            "supervisor": self.supervisor.text().strip(),
            "notes": self.notes.toPlainText(),
        }
