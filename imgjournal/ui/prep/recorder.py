"""Say it out loud: the practice screen's record button, and why it is off.

Recording the spoken answer needs Qt Multimedia (``PySide6.QtMultimedia``: QMediaCaptureSession,
QAudioInput, QMediaRecorder) and, on Linux, the PulseAudio client library ``libpulse0``. Qt
Multimedia is imported **lazily** — when the practice page is first shown, never at start-up —
so the app starts on a machine that has neither (a test holds start-up to that).

What works today is the honest "off" state: the button is disabled and the label beside it says
why, in a sentence the user can act on:

- "Recording needs Qt Multimedia, which this installation of imgjournal does not include." —
  the PySide6-Essentials wheel the app depends on ships no QtMultimedia module (only its type
  stubs); it is in PySide6-Addons, which the app does not depend on (bundle size);
- "Recording needs the PulseAudio library libpulse0 (sudo apt-get install libpulse0)." — the
  module is there but cannot load;
- "No microphone found." — Qt Multimedia sees no audio input.

Capturing, saving and playing back a recording are not built yet (see docs/prep.md).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, Qt, QtMsgType, Signal, qInstallMessageHandler
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from imgjournal.ui.prep.common import mute

log = logging.getLogger(__name__)

NO_MODULE = "Recording needs Qt Multimedia, which this installation of imgjournal does not include."
NO_PULSE = "Recording needs the PulseAudio library libpulse0 (sudo apt-get install libpulse0)."
NO_MICROPHONE = "No microphone found."
NOT_BUILT = "Recording is not available in this version yet."


def _import_error_reason(exc: BaseException) -> str:
    text = str(exc).lower()
    if "pulse" in text:
        return NO_PULSE
    return NO_MODULE


def _to_log(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    log.info("qt multimedia: %s", message)


def recording_unavailable() -> str | None:
    """Why recording cannot work on this computer, or None if it can. Imports Qt Multimedia
    (the first call only costs anything).

    Loading Qt Multimedia warns about optional libraries it does without (VA-API, PipeWire)
    and, with no sound server, "PulseAudioService: pa_context_connect() failed"; those go to
    the log file while it loads and lists the inputs, not to the terminal (or a test's Qt log).
    """
    previous = qInstallMessageHandler(_to_log)
    try:
        try:
            from PySide6 import QtMultimedia
        except ImportError as exc:  # no module in the wheel, or a library it links is missing
            log.info("recording off: %s", exc)
            return _import_error_reason(exc)
        if not QtMultimedia.QMediaDevices.audioInputs():
            return NO_MICROPHONE
        return NOT_BUILT
    finally:
        qInstallMessageHandler(previous)


class RecordControls(QWidget):
    """The record button and its status line under the practice timer."""

    availability_checked = Signal(str)  # the reason it is off ("" when it is on)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("practiceRecorder")
        self.reason: str | None = None
        self.checked = False
        self.button = QPushButton("● Record answer (V)")
        self.button.setObjectName("practiceRecord")
        self.button.setAccessibleName("Record your spoken answer")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.setEnabled(False)
        self.status = QLabel()
        self.status.setObjectName("practiceRecordStatus")
        mute(self.status)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.button)
        lay.addWidget(self.status)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.check()

    def check(self) -> str | None:
        """Find out (once) whether recording can work, and show why not."""
        if not self.checked:
            self.checked = True
            self.reason = recording_unavailable()
            self.button.setEnabled(self.reason is None)
            self.button.setToolTip(self.reason or "Record your answer as you say it (V)")
            self.status.setText(self.reason or "")
            self.availability_checked.emit(self.reason or "")
        return self.reason

    def toggle(self) -> None:
        """V: start or stop recording (nothing while recording is off)."""
        self.check()

    def stop(self) -> None:
        """The answer was rated, skipped or the session left: stop any recording."""

    def reset(self) -> None:
        """A new prompt: no recording yet."""
