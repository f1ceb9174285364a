"""Play a recorded answer back beside the draft: play/pause, where it is, and Delete.

Qt Multimedia (QMediaPlayer + QAudioOutput) is imported when a recording is first loaded, never
when the practice window is made (tests/ui/test_multimedia_lazy.py). What Qt Multimedia prints
while it loads (optional libraries it does without, no sound server) goes to the log file
(:func:`quiet_multimedia`), not to the terminal.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, Qt, QtMsgType, QUrl, Signal, qInstallMessageHandler
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from imgjournal.services.prep_text import format_seconds
from imgjournal.ui.prep.common import mute

log = logging.getLogger(__name__)


def _to_log(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    log.info("qt multimedia: %s", message)


# What Qt Multimedia and its FFmpeg backend say from their own threads while a recording loads,
# plays or records (no sound server, a file it cannot read): the log's, not the terminal's. The
# widgets say what matters in a sentence (the loaded signal, the recorder's status line).
NOISE = ("PulseAudioService", "No audio device", "Could not open media", "Audio device is null")
_routing: dict[str, object] = {}


def _route(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category or ""
    if category.startswith("qt.multimedia") or message.startswith(NOISE):
        log.info("qt multimedia: %s", message)
        return
    previous = _routing.get("previous")
    if callable(previous):
        previous(mode, context, message)
    elif mode != QtMsgType.QtDebugMsg:
        print(message, file=sys.stderr)


def route_multimedia_messages() -> None:
    """From now on, Qt Multimedia's messages go to the log; every other message goes where it
    went before. FFmpeg, which prints what it reads of each file straight to stderr ("Input #0,
    wav, from ..."), is told to print only errors."""
    previous = qInstallMessageHandler(_route)
    if previous is not _route:
        _routing["previous"] = previous
    quiet_ffmpeg()


AV_LOG_ERROR = 16
_FFMPEG_UTIL = ("libavutil.so.*", "libavutil.*.dylib", "avutil-*.dll")


def quiet_ffmpeg() -> bool:
    """Set the log level of the FFmpeg that PySide6-Addons ships (its libavutil, beside Qt's
    libraries) to errors only; True if it was found. Best effort: nothing changes without it."""
    if "ffmpeg" in _routing:
        return bool(_routing["ffmpeg"])
    import ctypes

    import PySide6

    found = False
    base = Path(PySide6.__file__).parent / "Qt"
    for pattern in _FFMPEG_UTIL:
        for lib in sorted((base / "lib").glob(pattern)) + sorted((base / "bin").glob(pattern)):
            try:
                ctypes.CDLL(str(lib)).av_log_set_level(AV_LOG_ERROR)
            except (OSError, AttributeError) as exc:
                log.info("ffmpeg log level not set (%s): %s", lib.name, exc)
                continue
            found = True
            break
        if found:
            break
    _routing["ffmpeg"] = found
    return found


@contextmanager
def quiet_multimedia() -> Iterator[None]:
    """Qt's messages while the block runs go to the log (Qt Multimedia's load-time noise)."""
    previous = qInstallMessageHandler(_to_log)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


def clock(ms: int) -> str:
    return format_seconds(max(0, ms) // 1000)


class PlaybackControls(QWidget):
    """▶ Play / ❚❚ Pause, the position (a slider and "0:12 / 0:40") and Delete recording."""

    delete_requested = Signal()
    loaded = Signal(str)  # "" once the recording is ready to play, else why it cannot play
    state_changed = Signal(str)  # "playing", "paused" or "stopped"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("practicePlayback")
        self.player = None
        self.audio = None
        self.path: Path | None = None
        self.length_ms = 0
        self.problem = ""  # why the loaded recording cannot play ("" when it can)
        self.play_button = QPushButton("▶ Play")
        self.play_button.setObjectName("practicePlay")
        self.play_button.setAccessibleName("Play your recorded answer")
        self.play_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.play_button.clicked.connect(self.toggle_play)
        self.position = QSlider(Qt.Orientation.Horizontal)
        self.position.setObjectName("practicePlayPosition")
        self.position.setAccessibleName("Position in the recording")
        self.position.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.position.setFixedWidth(260)
        self.position.sliderMoved.connect(self._seek)
        self.time = QLabel("0:00 / 0:00")
        self.time.setObjectName("practicePlayTime")
        mute(self.time)
        self.delete_button = QPushButton("Delete recording")
        self.delete_button.setObjectName("practiceDeleteRecording")
        self.delete_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.delete_button.clicked.connect(self.delete_requested)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.play_button)
        lay.addWidget(self.position)
        lay.addWidget(self.time)
        lay.addWidget(self.delete_button)

    def _ensure_player(self) -> None:
        if self.player is not None:
            return
        with quiet_multimedia():
            from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

            self.player = QMediaPlayer(self)
            self.audio = QAudioOutput(self)
            self.player.setAudioOutput(self.audio)
        route_multimedia_messages()
        self.player.positionChanged.connect(self._position_changed)
        self.player.durationChanged.connect(self._duration_changed)
        self.player.mediaStatusChanged.connect(self._status_changed)
        self.player.playbackStateChanged.connect(self._state_changed)
        self.player.errorOccurred.connect(self._error)

    def load(self, path: Path, length_ms: int) -> None:
        """Get ``path`` ready to play (``length_ms`` shows until the player knows better)."""
        self._ensure_player()
        self.path, self.length_ms, self.problem = Path(path), max(0, length_ms), ""
        self.position.setRange(0, self.length_ms)
        self.position.setValue(0)
        self._show_time(0)
        self.play_button.setText("▶ Play")
        self.play_button.setEnabled(True)
        self.time.setToolTip("")
        with quiet_multimedia():
            self.player.setSource(QUrl.fromLocalFile(str(self.path)))

    def unload(self) -> None:
        """No recording any more: stop and let go of the file (so it can be deleted)."""
        if self.player is not None:
            from PySide6.QtMultimedia import QMediaPlayer

            with quiet_multimedia():
                # stop() on a player that is not playing can block in the FFmpeg backend
                # (seen with no audio device): only a playing or paused one is stopped.
                if self.player.playbackState() != QMediaPlayer.PlaybackState.StoppedState:
                    self.player.stop()
                self.player.setSource(QUrl())
        self.path, self.length_ms, self.problem = None, 0, ""

    def toggle_play(self) -> None:
        if self.player is None or self.path is None:
            return
        from PySide6.QtMultimedia import QMediaPlayer

        with quiet_multimedia():
            if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
                self.player.pause()
            else:
                self.player.play()

    def _seek(self, ms: int) -> None:
        if self.player is not None:
            self.player.setPosition(ms)

    def _show_time(self, ms: int) -> None:
        self.time.setText(f"{clock(ms)} / {clock(self.length_ms)}")

    def _position_changed(self, ms: int) -> None:
        if not self.position.isSliderDown():
            self.position.setValue(ms)
        self._show_time(ms)

    def _duration_changed(self, ms: int) -> None:
        if ms > 0:
            self.length_ms = ms
            self.position.setRange(0, ms)
            self._show_time(self.player.position() if self.player else 0)

    def _status_changed(self, status) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if status == QMediaPlayer.MediaStatus.LoadedMedia:
            self.loaded.emit("")
        elif status == QMediaPlayer.MediaStatus.InvalidMedia and not self.problem:
            self._cannot_play("the file is not a recording Qt can read")

    def _state_changed(self, state) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        playing = state == QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setText("❚❚ Pause" if playing else "▶ Play")
        names = {
            QMediaPlayer.PlaybackState.PlayingState: "playing",
            QMediaPlayer.PlaybackState.PausedState: "paused",
        }
        self.state_changed.emit(names.get(state, "stopped"))

    def _error(self, _error, text: str) -> None:
        self._cannot_play(text.rstrip(".") or "Qt Multimedia gave no reason")

    def _cannot_play(self, why: str) -> None:
        name = self.path.name if self.path else "the recording"
        self.problem = f"{name} cannot be played here: {why}."
        log.info("playback: %s", self.problem)
        self.play_button.setEnabled(False)
        self.time.setToolTip(self.problem)
        self.loaded.emit(self.problem)


class RoundRecordings(QWidget):
    """Under a round's summary: the answers recorded in it, each with ▶ Play and Delete (the
    file goes, the attempt and its rating stay), and one player for the one being played."""

    deleted = Signal(int)  # the attempt whose recording was deleted

    def __init__(self, recordings_dir: Path, delete, confirm, parent: QWidget | None = None):
        """``delete(attempt_id, on_done, on_error)`` deletes an attempt's recording (on a
        worker; ``on_error`` gets a sentence); ``confirm(parent)`` asks first."""
        super().__init__(parent)
        self.setObjectName("roundRecordings")
        self.folder = Path(recordings_dir)
        self._delete = delete
        self.confirm = confirm
        self.rows: dict[int, tuple[QLabel, QPushButton, QPushButton]] = {}
        title = QLabel("Your recordings")
        title.setObjectName("roundRecordingsTitle")
        mute(title)
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(0, 1)
        self.player = PlaybackControls(self)
        self.player.delete_button.hide()  # each row has its own
        self.player.hide()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 6, 0, 0)
        lay.addWidget(title)
        lay.addLayout(self.grid)
        lay.addWidget(self.player, 0, Qt.AlignmentFlag.AlignLeft)
        self.hide()

    def show_round(self, results) -> None:  # noqa: ANN001 - [(PromptDTO, PracticeResult)]
        """The round's attempts that kept a recording (none: the strip is hidden)."""
        self.clear()
        for prompt, result in results:
            a = result.attempt
            if not a.recording_file or not (self.folder / a.recording_file).is_file():
                continue
            row = len(self.rows)
            label = QLabel(f"{prompt.text} · {clock(a.recording_ms or 0)}")
            label.setToolTip(prompt.text)
            play = QPushButton("▶ Play")
            play.setObjectName(f"roundPlay{a.id}")
            play.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            name, ms = a.recording_file, a.recording_ms or 0
            play.clicked.connect(lambda _=False, n=name, m=ms: self._play(n, m))
            delete = QPushButton("Delete")
            delete.setObjectName(f"roundDelete{a.id}")
            delete.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            delete.clicked.connect(lambda _=False, i=a.id: self.delete(i))
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(play, row, 1)
            self.grid.addWidget(delete, row, 2)
            self.rows[a.id] = (label, play, delete)
        self.setVisible(bool(self.rows))

    def clear(self) -> None:
        self.player.unload()
        self.player.hide()
        for widgets in self.rows.values():
            for w in widgets:
                w.deleteLater()
        self.rows.clear()
        self.hide()

    def _play(self, name: str, ms: int) -> None:
        path = self.folder / name
        if self.player.path != path:
            self.player.load(path, ms)
        self.player.show()
        self.player.toggle_play()

    def delete(self, attempt_id: int) -> None:
        if attempt_id not in self.rows or not self.confirm(self):
            return
        self.player.unload()
        self.player.hide()
        self._delete(
            attempt_id,
            lambda _attempt: self._deleted(attempt_id),
            lambda why: self.rows[attempt_id][0].setText(why),
        )

    def _deleted(self, attempt_id: int) -> None:
        label, play, delete = self.rows[attempt_id]
        label.setText(label.toolTip() + " · recording deleted")
        play.setEnabled(False)
        delete.setEnabled(False)
        self.deleted.emit(attempt_id)
