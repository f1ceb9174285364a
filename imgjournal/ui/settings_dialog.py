"""Preferences: journal location, editor font size, autosave delay, appearance."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from imgjournal.ui.settings import DELAY_RANGE_MS, FONT_SIZE_RANGE, AppSettings

APPEARANCE_LABELS = {"system": "Follow the system", "light": "Light", "dark": "Dark"}


class SettingsDialog(QDialog):
    def __init__(
        self, settings: AppSettings, current_home: Path, parent: QWidget | None = None
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
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

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
