"""The application profile's fields (target specialties, ERAS season, graduation year, visa):
one widget used by the first-run screen, Settings and the Readiness page's "Edit profile…".

:meth:`ProfileFields.values` gives the keyword arguments of
:func:`imgjournal.services.profile.set_profile`; nothing here touches the journal.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from imgjournal.services.readiness_dto import ProfileDTO
from imgjournal.ui.dialog_parts import ok_cancel

VISA_CHOICES = (("Not decided", None), ("Yes, I need a visa", True), ("No visa needed", False))


def _year_spin(name: str, none_text: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(1949, 2100)  # 1949: "not set" (the special value)
    spin.setSpecialValueText(none_text)
    spin.setValue(1949)
    return spin


class ProfileFields(QWidget):
    """The four questions, in a form; filled from a :class:`ProfileDTO`."""

    def __init__(
        self,
        profile: ProfileDTO | None = None,
        parent: QWidget | None = None,
        *,
        compact: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("profileFields")
        self.specialties = QLineEdit()
        self.specialties.setObjectName("profileSpecialties")
        self.specialties.setAccessibleName("Target specialties")
        self.specialties.setPlaceholderText("e.g. Internal Medicine, Family Medicine")
        self.season = _year_spin("profileSeason", "Not set")
        self.season.setToolTip(
            "The ERAS season you apply in: ERAS 2027 opens in September 2026 for residency "
            "from July 2027"
        )
        self.graduated = _year_spin("profileGraduated", "Not set")
        self.visa = QComboBox()
        self.visa.setObjectName("profileVisa")
        for text, value in VISA_CHOICES:
            self.visa.addItem(text, value)
        if compact:  # two rows (Settings, first run: they must fit a 640-pixel screen)
            grid = QGridLayout(self)
            grid.setContentsMargins(0, 0, 0, 0)
            grid.addWidget(QLabel("Specialties"), 0, 0)
            grid.addWidget(self.specialties, 0, 1, 1, 5)
            for col, (text, w) in enumerate(
                (("ERAS season", self.season), ("Graduated", self.graduated), ("Visa", self.visa))
            ):
                grid.addWidget(QLabel(text), 1, 2 * col)
                grid.addWidget(w, 1, 2 * col + 1)
            grid.setColumnStretch(5, 1)
        else:
            form = QFormLayout(self)
            form.setContentsMargins(0, 0, 0, 0)
            form.addRow("Target specialties", self.specialties)
            form.addRow("ERAS season", self.season)
            form.addRow("Graduation year", self.graduated)
            form.addRow("Visa", self.visa)
        if profile is not None:
            self.set_profile(profile)

    def set_profile(self, p: ProfileDTO) -> None:
        self.specialties.setText(", ".join(p.specialties))
        self.season.setValue(p.season or 1949)
        self.graduated.setValue(p.graduation_year or 1949)
        self.visa.setCurrentIndex(max(0, [v for _t, v in VISA_CHOICES].index(p.needs_visa)))
        self._initial = self.values()

    def suggest_season(self, today: date | None = None) -> None:
        """Start the season at the next one that can still be applied to."""
        today = today or date.today()
        if self.season.value() == 1949:
            self.season.setValue(today.year + (2 if today.month >= 9 else 1))

    def values(self) -> dict[str, Any]:
        def year(spin: QSpinBox) -> int | None:
            return None if spin.value() == 1949 else spin.value()

        return {
            "specialties": self.specialties.text(),
            "season": year(self.season),
            "graduation_year": year(self.graduated),
            "needs_visa": self.visa.currentData(),
        }

    def changed(self) -> bool:
        return self.values() != getattr(self, "_initial", None)

    def answered(self) -> bool:
        """The user said something (first run: an untouched form saves nothing)."""
        v = self.values()
        return bool(v["specialties"].strip()) or any(
            v[k] is not None for k in ("season", "graduation_year", "needs_visa")
        )


class ProfileDialog(QDialog):
    """Edit the application profile (from the Readiness page)."""

    def __init__(self, profile: ProfileDTO, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileDialog")
        self.setWindowTitle("Application profile")
        intro = QLabel(
            "Readiness is measured against what you apply for: months in your specialty, "
            "how recent your US experience will be when the season opens."
        )
        intro.setWordWrap(True)
        self.fields = ProfileFields(profile)
        if not profile.asked:
            self.fields.suggest_season()
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.fields)
        lay.addWidget(ok_cancel(self, "Save", name="profileSave"))
        self.resize(460, self.sizeHint().height())
