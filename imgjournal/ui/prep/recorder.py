"""Say it out loud: the practice screen's record button, the recording and its playback.

Recording needs Qt Multimedia (``PySide6.QtMultimedia``: QMediaCaptureSession, QAudioInput,
QMediaRecorder), which ships in PySide6-Addons — the optional ``recording`` extra
(``pip install 'imgjournal[recording]'``; ``make run`` installs it) — and, on Linux, the
PulseAudio client library ``libpulse0``. Qt Multimedia is imported **lazily** — when the practice
page is first shown, never at start-up — so the app starts on a machine that has neither (a test
holds start-up to that).

When recording cannot work the button is disabled and the label beside it says why, in a
sentence the user can act on: the desktop bundle leaves recording out (NOT_IN_BUNDLE); no Qt
Multimedia (NO_MODULE); no libpulse0 (NO_PULSE); no audio input (NO_MICROPHONE).

When it can: V (or the button) records into ``<journal>/recordings/<uuid>.m4a`` (AAC; WAV where
the FFmpeg backend cannot write AAC) and starts the timer; stopping the timer stops it. The
recording then plays back under the timer (playback.py), beside the draft once revealed; Delete
removes the file. Rating the answer keeps the recording with the attempt
(services/recordings.attach); skipping the prompt or recording again deletes it. In an encrypted
journal a note beside the button says once that recordings are plain files.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from imgjournal.db import Journal
from imgjournal.errors import JournalError
from imgjournal.services import recordings
from imgjournal.services.prep_text import format_seconds
from imgjournal.ui.prep.common import mute
from imgjournal.ui.prep.playback import (
    PlaybackControls,
    quiet_multimedia,
    route_multimedia_messages,
)

log = logging.getLogger(__name__)

NOT_IN_BUNDLE = (
    "Recording is not part of this build of imgjournal; install it with pipx "
    "(pipx install 'imgjournal[recording]') to record your answers."
)
NO_MODULE = (
    "Recording needs Qt Multimedia, which this installation of imgjournal does not include "
    "(pip install 'imgjournal[recording]')."
)
NO_PULSE = "Recording needs the PulseAudio library libpulse0 (sudo apt-get install libpulse0)."
NO_MICROPHONE = "No microphone found."
PLAIN_FILES = (
    "Recordings are plain audio files in the journal folder: the journal's encryption does "
    "not cover them."
)
RECORD_TEXT = "● Record answer (V)"
AGAIN_TEXT = "● Record again (V)"
STOP_TEXT = "■ Stop recording (V)"


def _import_error_reason(exc: BaseException) -> str:
    text = str(exc).lower()
    if "pulse" in text:
        return NO_PULSE
    return NO_MODULE


def recording_unavailable() -> str | None:
    """Why recording cannot work on this computer, or None if it can. Imports Qt Multimedia
    (the first call only costs anything).

    Loading Qt Multimedia warns about optional libraries it does without (VA-API, PipeWire)
    and, with no sound server, "PulseAudioService: pa_context_connect() failed"; those go to
    the log file while it loads and lists the inputs, not to the terminal (or a test's Qt log).
    """
    if getattr(sys, "frozen", False):  # the PyInstaller bundle leaves PySide6-Addons out
        return NOT_IN_BUNDLE
    with quiet_multimedia():
        try:
            from PySide6 import QtMultimedia
        except ImportError as exc:  # no module in the wheel, or a library it links is missing
            log.info("recording off: %s", exc)
            return _import_error_reason(exc)
        if not QtMultimedia.QMediaDevices.audioInputs():
            return NO_MICROPHONE
        return None


def choose_format():
    """The QMediaFormat to record in and its file extension: AAC in an m4a file where the
    FFmpeg backend can write it, else WAV (checked at run time)."""
    from PySide6.QtMultimedia import QMediaFormat

    encode = QMediaFormat.ConversionMode.Encode
    for file_format, codec, ext in (
        (QMediaFormat.FileFormat.Mpeg4Audio, QMediaFormat.AudioCodec.AAC, "m4a"),
        (QMediaFormat.FileFormat.Wave, QMediaFormat.AudioCodec.Wave, "wav"),
    ):
        fmt = QMediaFormat(file_format)
        if file_format in fmt.supportedFileFormats(encode) and codec in fmt.supportedAudioCodecs(
            encode
        ):
            fmt.setAudioCodec(codec)
            return fmt, ext
    return QMediaFormat(QMediaFormat.FileFormat.Wave), "wav"


def confirm_delete(parent: QWidget) -> bool:
    answer = QMessageBox.question(
        parent,
        "Delete the recording?",
        "Delete this recording? The file is removed from the journal folder; the attempt and "
        "its rating stay.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class RecordControls(QWidget):
    """The record button and its status line under the practice timer, and the playback of
    the recording under them."""

    availability_checked = Signal(str)  # the reason it is off ("" when it is on)
    recording_started = Signal()
    recording_ready = Signal(object)  # the Path of the finished recording
    recording_deleted = Signal()

    def __init__(self, journal: Journal | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("practiceRecorder")
        self.journal = journal
        self.reason: str | None = None
        self.checked = False
        self.session = None  # QMediaCaptureSession, QAudioInput, QMediaRecorder once on
        self.audio_input = None
        self.media_recorder = None
        self.format_ext = "wav"
        self.recording_path: Path | None = None  # being written
        self.pending: Path | None = None  # finished, not kept with an attempt yet
        self.pending_ms = 0
        self.noted_plain = False
        self.confirm: Callable[[QWidget], bool] = confirm_delete
        self._after_stop: list[Callable[[], None]] = []
        self._clock = QElapsedTimer()
        self._tick = QTimer(self)
        self._tick.setInterval(250)
        self._tick.timeout.connect(self._show_progress)
        self.button = QPushButton(RECORD_TEXT)
        self.button.setObjectName("practiceRecord")
        self.button.setAccessibleName("Record your spoken answer")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.setEnabled(False)
        self.button.clicked.connect(self.toggle)
        self.status = QLabel()
        self.status.setObjectName("practiceRecordStatus")
        self.status.setWordWrap(True)
        mute(self.status)
        self.playback = PlaybackControls(self)
        self.playback.delete_requested.connect(self.delete_pending)
        self.playback.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.button)
        row.addWidget(self.status, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(row)
        lay.addWidget(self.playback, 0, Qt.AlignmentFlag.AlignHCenter)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.check()

    # -- availability --------------------------------------------------------------------
    def check(self) -> str | None:
        """Find out (once) whether recording can work, and show why not."""
        if not self.checked:
            self.checked = True
            self.reason = recording_unavailable()
            if self.reason is None and (self.journal is None or self.journal.read_only):
                self.reason = "This journal is open read-only; recordings cannot be saved."
            if self.reason is None:
                self._make_recorder()
            self.button.setEnabled(self.reason is None)
            self.button.setToolTip(self.reason or "Record your answer as you say it (V)")
            self._show_idle()
            self.availability_checked.emit(self.reason or "")
        return self.reason

    def _make_recorder(self) -> None:
        with quiet_multimedia():
            from PySide6.QtMultimedia import QAudioInput, QMediaCaptureSession, QMediaRecorder

            fmt, self.format_ext = choose_format()
            self.session = QMediaCaptureSession(self)
            self.audio_input = QAudioInput(self)
            self.media_recorder = QMediaRecorder(self)
            self.session.setAudioInput(self.audio_input)
            self.session.setRecorder(self.media_recorder)
            self.media_recorder.setMediaFormat(fmt)
            self.media_recorder.setQuality(QMediaRecorder.Quality.NormalQuality)
        route_multimedia_messages()
        self.media_recorder.recorderStateChanged.connect(self._recorder_state)
        self.media_recorder.errorOccurred.connect(self._recorder_error)

    def _show_idle(self) -> None:
        if not self.recording:
            self.button.setText(RECORD_TEXT if self.pending is None else AGAIN_TEXT)
        if self.reason:
            self.status.setText(self.reason)
        elif self.journal is not None and self.journal.encrypted and not self.noted_plain:
            self.status.setText(PLAIN_FILES)
        elif self.pending is not None:
            self.status.setText("Recorded. Play it back and compare it with your draft.")
        else:
            self.status.setText("")

    @property
    def recording(self) -> bool:
        return self.recording_path is not None

    # -- recording -----------------------------------------------------------------------
    def toggle(self) -> None:
        """V: start or stop recording (nothing while recording is off)."""
        if self.check() is not None:
            return
        if self.recording:
            self.stop()
        else:
            self.start()

    def start(self) -> None:
        if self.check() is not None or self.recording:
            return
        try:
            path = recordings.new_recording_path(self.journal, self.format_ext)
        except (OSError, JournalError) as exc:
            self.status.setText(f"Could not start recording: {exc}")
            return
        # An earlier take stays until this one is finished (it goes then; a failure keeps it).
        if self.pending is not None:
            self.playback.unload()
            self.playback.hide()
        self.recording_path = path
        with quiet_multimedia():
            self.media_recorder.setOutputLocation(QUrl.fromLocalFile(str(path)))
            self.media_recorder.record()
        if self.recording_path is None:  # it failed at once (no input): the error said why
            return
        self._clock.start()
        self._tick.start()
        self.noted_plain = True
        self.button.setText(STOP_TEXT)
        self._show_progress()
        self.recording_started.emit()

    def _show_progress(self) -> None:
        if self.recording:
            ms = self.media_recorder.duration() or self._clock.elapsed()
            self.status.setText(f"Recording… {format_seconds(ms // 1000)}")

    def stop(self) -> None:
        """The answer was stopped, rated, skipped or the session left: stop any recording
        (the file is finished when Qt says the recorder stopped)."""
        if self.recording and self.media_recorder is not None:
            with quiet_multimedia():
                self.media_recorder.stop()

    def when_stopped(self, then: Callable[[], None]) -> None:
        """Run ``then`` once no recording is being written (now, or when it is finished)."""
        if self.recording:
            self._after_stop.append(then)
            self.stop()
        else:
            then()

    def _recorder_state(self, state) -> None:
        from PySide6.QtMultimedia import QMediaRecorder

        if state != QMediaRecorder.RecorderState.StoppedState or not self.recording:
            return
        path, ms = self.recording_path, int(self.media_recorder.duration())
        self.recording_path = None
        self._tick.stop()
        actual = Path(self.media_recorder.actualLocation().toLocalFile() or path)
        if actual.is_file() and actual.parent == path.parent:
            self.adopt(actual, ms)
        else:
            self._show_idle()
            self.status.setText("The recording was not saved; press V to try again.")
        self._run_after_stop()

    def _recorder_error(self, _error, text: str) -> None:
        log.warning("recording failed: %s", text)
        path = self.recording_path
        if path is None:  # a second error of the same failure: the first one was shown
            return
        self.recording_path = None
        self._tick.stop()
        self._show_idle()
        if path is not None and self.journal is not None:
            recordings.discard(self.journal, path)
        if self.pending is not None:  # the earlier take is still there
            self.playback.load(self.pending, self.pending_ms)
            self.playback.show()
        self.status.setText(
            f"Recording failed: {text.rstrip('.')}. Check that a microphone is connected and "
            "that imgjournal may use it, then press V again."
        )
        self._run_after_stop()

    def _run_after_stop(self) -> None:
        waiting, self._after_stop = self._after_stop, []
        for then in waiting:
            then()

    def adopt(self, path: Path, ms: int) -> None:
        """A finished recording of this prompt: made private, shown for playback, and kept with
        the attempt when the answer is rated (a WAV file's length is read from the file)."""
        path = Path(path)
        if self.pending is not None and self.pending != path:  # recorded again: the old take goes
            self._drop_pending()
        try:
            path.chmod(0o600)
            if path.suffix.lower() == ".wav":
                ms = recordings.wav_length_ms(path)
        except (OSError, JournalError) as exc:
            log.warning("recording %s: %s", path, exc)
        self.pending, self.pending_ms = path, max(0, int(ms))
        self.playback.load(path, self.pending_ms)
        self.playback.show()
        self._show_idle()
        self.recording_ready.emit(path)

    def take(self) -> tuple[str, int] | None:
        """The finished recording's file name and length, now the attempt's to keep."""
        if self.pending is None:
            return None
        taken = (self.pending.name, self.pending_ms)
        self.playback.unload()
        self.playback.hide()
        self.pending = None
        self._show_idle()
        return taken

    def delete_pending(self) -> None:
        """Delete recording (confirmed): the file goes."""
        if self.pending is None or not self.confirm(self):
            return
        self._drop_pending()
        self._show_idle()
        self.status.setText("Recording deleted.")
        self.recording_deleted.emit()

    def _drop_pending(self) -> None:
        if self.pending is None:
            return
        path, self.pending = self.pending, None
        self.playback.unload()
        self.playback.hide()
        try:
            recordings.discard(self.journal, path)
        except (OSError, JournalError) as exc:
            log.warning("could not delete the recording %s: %s", path, exc)

    def reset(self) -> None:
        """A new prompt: no recording yet (one left from the last prompt, skipped, goes)."""
        self.when_stopped(self._drop_pending)
        self._show_idle()

    def close_down(self) -> None:
        """The practice window closes: stop, and delete a recording no attempt will keep."""
        self.when_stopped(self._drop_pending)
