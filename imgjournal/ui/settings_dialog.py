"""Preferences: journal location, editor font size, autosave delay, appearance, the
journal's privacy allow-list (the words marked "Not an identifier") and, from the window, the
Security section (imgjournal/ui/security_page.py)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from imgjournal.ui.dialog_parts import ok_cancel
from imgjournal.ui.settings import DELAY_RANGE_MS, FONT_SIZE_RANGE, AppSettings

APPEARANCE_LABELS = {"system": "Follow the system", "light": "Light", "dark": "Dark"}


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: AppSettings,
        current_home: Path,
        parent: QWidget | None = None,
        *,
        allowed: Sequence[str] | None = None,
        security: QWidget | None = None,
        profile: object = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Settings")
        self._settings = settings
        self._home = current_home
        self.location = QLineEdit(str(settings.journal_location or current_home))
        self.location.setObjectName("settingsLocation")
        self.location.setMinimumWidth(320)
        browse = QPushButton("Choose…")
        browse.setObjectName("settingsBrowse")
        browse.clicked.connect(self._choose)
        loc = QHBoxLayout()
        loc.addWidget(self.location, 1)
        loc.addWidget(browse)
        self.font_size = QSpinBox()
        self.font_size.setObjectName("settingsFontSize")
        self.font_size.setRange(*FONT_SIZE_RANGE)
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(settings.font_size)
        self.delay = QSpinBox()
        self.delay.setObjectName("settingsDelay")
        self.delay.setRange(*DELAY_RANGE_MS)
        self.delay.setSingleStep(100)
        self.delay.setSuffix(" ms")
        self.delay.setValue(settings.autosave_delay_ms)
        self.delay.setToolTip(
            "How long after you stop typing the entry is saved (0.3–2 s). While you keep "
            "typing it is saved at least every 1.5 seconds anyway."
        )
        self.appearance = QComboBox()
        self.appearance.setObjectName("settingsAppearance")
        for key, label in APPEARANCE_LABELS.items():
            self.appearance.addItem(label, key)
        self.appearance.setCurrentIndex(self.appearance.findData(settings.appearance))
        note = QLabel(
            "A new journal location is used the next time imgjournal starts (unless it is "
            "started with --home or IMGJOURNAL_HOME). An empty folder gets a new journal."
        )
        note.setWordWrap(True)
        note.setObjectName("settingsNote")
        form = QFormLayout()
        form.addRow("Journal folder", loc)
        form.addRow("", note)
        form.addRow("Editor text size", self.font_size)
        form.addRow("Autosave after", self.delay)
        form.addRow("Appearance", self.appearance)
        self._allowed_before = list(allowed or ())
        self.allowed_list = QListWidget()
        self.allowed_list.setObjectName("settingsAllowed")
        self.allowed_list.setAccessibleName("Not identifiers")
        self.allowed_list.addItems(self._allowed_before)
        self.allowed_list.setMaximumHeight(120)
        self.allowed_list.setToolTip(
            "The privacy check never flags these words and phrases in this journal"
        )
        self.allowed_new = QLineEdit()
        self.allowed_new.setObjectName("settingsAllowedNew")
        self.allowed_new.setPlaceholderText("A word that is not about a patient, e.g. Mercy")
        add = QPushButton("Add")
        add.setObjectName("settingsAllowedAdd")
        add.clicked.connect(self._add_allowed)
        self.allowed_new.returnPressed.connect(self._add_allowed)
        remove = QPushButton("Remove")
        remove.setObjectName("settingsAllowedRemove")
        remove.clicked.connect(self._remove_allowed)
        row = QHBoxLayout()
        row.addWidget(self.allowed_new, 1)
        row.addWidget(add)
        row.addWidget(remove)
        box = QVBoxLayout()
        box.addWidget(self.allowed_list)
        box.addLayout(row)
        self._allowed_box = QWidget()
        self._allowed_box.setLayout(box)
        box.setContentsMargins(0, 0, 0, 0)
        if allowed is not None:
            form.addRow("Not identifiers", self._allowed_box)
        else:
            self._allowed_box.hide()
        # The application profile readiness is measured against (issue 18), when given.
        self.profile_fields = None
        if profile is not None:
            from imgjournal.ui.readiness_profile import ProfileFields

            self.profile_fields = ProfileFields(profile, compact=True)  # type: ignore[arg-type]
            self.profile_fields.setToolTip("What readiness is measured against")
            form.addRow("Application", self.profile_fields)
        buttons = ok_cancel(self)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        if security is not None:  # Settings ▸ Security (imgjournal/ui/security_page.py)
            lay.addWidget(security)
        lay.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _add_allowed(self) -> None:
        text = " ".join(self.allowed_new.text().split())
        if text and text.casefold() not in {p.casefold() for p in self.allowed_phrases()}:
            self.allowed_list.addItem(text)
        self.allowed_new.clear()

    def _remove_allowed(self) -> None:
        for item in self.allowed_list.selectedItems():
            self.allowed_list.takeItem(self.allowed_list.row(item))

    def allowed_phrases(self) -> list[str]:
        return [self.allowed_list.item(i).text() for i in range(self.allowed_list.count())]

    def profile_changed(self) -> bool:
        return self.profile_fields is not None and self.profile_fields.changed()

    def allowed_changed(self) -> bool:
        return self.allowed_phrases() != self._allowed_before

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Journal folder", self.location.text())
        if folder:
            self.location.setText(folder)

    def accept(self) -> None:
        s = self._settings
        s.font_size = self.font_size.value()
        s.autosave_delay_ms = self.delay.value()
        s.appearance = self.appearance.currentData()
        text = self.location.text().strip()
        s.journal_location = Path(text).expanduser() if text else None
        s.sync()
        super().accept()

    def location_changed(self) -> bool:
        loc = self._settings.journal_location
        return loc is not None and loc.expanduser().resolve() != self._home.expanduser().resolve()
