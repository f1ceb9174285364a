"""Say it out loud (issue 16 part 4): the record button, the playback of a recording beside the
draft, Delete, and the recording kept with the rated attempt.

This machine has no microphone and no sound server, so recording itself is tested for what it
does here: the button is off and says why; with a microphone pretended, starting a recording
fails with a sentence and leaves no file. A finished recording is an invented WAV tone handed to
the controls as the recorder would (``RecordControls.adopt``); everything after that is real:
Qt Multimedia loads and plays it (or says why not), rating keeps it with the attempt in the
database, skipping or Delete removes the file.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt

from imgjournal.services import entries, prep, prompts, recordings
from imgjournal.ui.prep import RoundSpec, recorder
from imgjournal.ui.prep.practice import Phase
from tests.core.test_recordings import write_wav

REASONS = (recorder.NO_MODULE, recorder.NO_PULSE, recorder.NO_MICROPHONE)


def _multimedia():
    try:
        from PySide6 import QtMultimedia
    except ImportError:
        return None
    return QtMultimedia


needs_multimedia = pytest.mark.skipif(
    _multimedia() is None, reason="Qt Multimedia (the recording extra) is not installed"
)


@pytest.fixture
def storied(journal):
    library = prompts.list_prompts(journal)
    first, second = library[5], library[6]
    entries.create_entry(journal, "case", "Sepsis on nights", prompt_ids=[first.id, second.id])
    prep.create_draft(journal, first.id, body="## Situation\n\nA septic patient at 3 am.\n")
    return {"first": first, "second": second}


def _practice(qtbot, window):
    pw = window.prep.practise(RoundSpec("due"), maximized=False)
    qtbot.waitUntil(lambda: pw.phase == Phase.READY)
    qtbot.waitUntil(lambda: pw.recorder.checked)
    return pw


def _files(journal):
    folder = recordings.recordings_dir(journal.home)
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_without_a_microphone_the_button_is_off_and_says_why(qtbot, window, journal, storied):
    pw = _practice(qtbot, window)
    rc = pw.recorder
    assert rc.reason in REASONS
    mm = _multimedia()
    if mm is not None and not mm.QMediaDevices.audioInputs():
        assert rc.reason == recorder.NO_MICROPHONE  # this machine: the module, no input
    assert not rc.button.isEnabled()
    assert rc.status.text() == rc.reason and rc.status.isVisible()
    assert "V record" not in pw.keys_label.text()
    qtbot.keyClick(pw, Qt.Key.Key_V)  # V does nothing, the timer does not start
    assert pw.phase == Phase.READY and not rc.recording
    assert _files(journal) == []


def test_the_bundle_says_recording_is_not_part_of_it(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert recorder.recording_unavailable() == recorder.NOT_IN_BUNDLE
    assert "not part of this build" in recorder.NOT_IN_BUNDLE and "pipx" in recorder.NOT_IN_BUNDLE


@needs_multimedia
def test_starting_without_an_input_fails_with_a_sentence_and_no_file(
    qtbot, window, journal, storied, monkeypatch
):
    mm = _multimedia()
    if mm.QMediaDevices.audioInputs():
        pytest.skip("this machine has a microphone")
    monkeypatch.setattr(recorder, "recording_unavailable", lambda: None)  # pretend one
    pw = _practice(qtbot, window)
    rc = pw.recorder
    assert rc.reason is None and rc.button.isEnabled()
    assert "V record" in pw.keys_label.text()
    qtbot.keyClick(pw, Qt.Key.Key_V)
    qtbot.waitUntil(lambda: not rc.recording, timeout=5000)
    assert rc.status.text().startswith("Recording failed: ")
    assert "microphone is connected" in rc.status.text()
    assert pw.phase == Phase.READY  # a recording that could not start starts no timer
    assert rc.button.text() == recorder.RECORD_TEXT
    assert _files(journal) == []
    assert rc.pending is None


@needs_multimedia
def test_an_encrypted_journal_says_recordings_are_plain_files(qtbot, monkeypatch, journal):
    monkeypatch.setattr(recorder, "recording_unavailable", lambda: None)
    monkeypatch.setattr(type(journal), "encrypted", property(lambda self: True))
    rc = recorder.RecordControls(journal)
    qtbot.addWidget(rc)
    assert rc.check() is None
    assert rc.status.text() == recorder.PLAIN_FILES
    rc.noted_plain = True  # after the first recording the note has been read
    rc.reset()
    assert rc.status.text() == ""


@needs_multimedia
def test_a_recording_plays_back_and_is_kept_with_the_rated_attempt(
    qtbot, window, journal, storied, monkeypatch
):
    monkeypatch.setattr(recorder, "recording_unavailable", lambda: None)  # a microphone
    pw = _practice(qtbot, window)
    rc = pw.recorder
    first = pw.current.id
    wav = write_wav(recordings.new_recording_path(journal, "wav"), 2.0)
    qtbot.keyClick(pw, Qt.Key.Key_Space)
    qtbot.keyClick(pw, Qt.Key.Key_Space)
    with qtbot.waitSignal(rc.playback.loaded, timeout=10000) as loaded:
        rc.adopt(wav, 1234)  # as the recorder does once the file is finished
    # Loaded, or a sentence that says why it cannot play here (no audio output).
    assert loaded.args[0] == "" or wav.name in loaded.args[0]
    assert rc.playback.isVisible() and rc.pending == wav
    assert rc.pending_ms == 2000  # a WAV file's own length, not the recorder's guess
    assert rc.playback.time.text() == "0:00 / 0:02"
    assert rc.button.text() == recorder.AGAIN_TEXT
    qtbot.keyClick(pw, Qt.Key.Key_R)  # the draft: the playback stays beside it
    assert pw.answer.isVisible() and rc.playback.isVisible()

    with qtbot.waitSignal(pw.attempt_recorded) as recorded:
        qtbot.keyClick(pw, Qt.Key.Key_3)
    result = recorded.args[0]
    assert (result.attempt.recording_file, result.attempt.recording_ms) == (wav.name, 2000)
    (stored,) = prep.list_attempts(journal, first)
    assert (stored.recording_file, stored.recording_ms, stored.rating) == (wav.name, 2000, 3)
    assert wav.is_file()
    qtbot.waitUntil(lambda: pw.phase == Phase.READY)
    assert not rc.playback.isVisible() and rc.pending is None  # the next prompt: none yet
    assert rc.button.text() == recorder.RECORD_TEXT

    # A recording of a prompt that is skipped goes; so does one deleted (confirmed).
    other = write_wav(recordings.new_recording_path(journal, "wav"), 0.5)
    rc.adopt(other, 0)
    qtbot.keyClick(pw, Qt.Key.Key_S)
    assert not other.exists()
    assert _files(journal) == [wav.name]


@needs_multimedia
def test_delete_asks_then_removes_the_file(qtbot, window, journal, storied, monkeypatch):
    monkeypatch.setattr(recorder, "recording_unavailable", lambda: None)
    pw = _practice(qtbot, window)
    rc = pw.recorder
    wav = write_wav(recordings.new_recording_path(journal, "wav"), 1.0)
    rc.adopt(wav, 0)
    asked = []
    rc.confirm = lambda parent: asked.append(parent) or False  # No: nothing happens
    rc.playback.delete_button.click()
    assert asked == [rc] and wav.exists() and rc.pending == wav
    rc.confirm = lambda parent: True
    with qtbot.waitSignal(rc.recording_deleted):
        rc.playback.delete_button.click()
    assert not wav.exists() and rc.pending is None and not rc.playback.isVisible()
    assert rc.status.text() == "Recording deleted."


@needs_multimedia
def test_the_player_loads_a_wav_file_or_says_why_not(qtbot, tmp_path, capfd):
    from imgjournal.ui.prep.playback import PlaybackControls, quiet_ffmpeg

    pc = PlaybackControls()
    qtbot.addWidget(pc)
    wav = write_wav(tmp_path / "tone.wav", 1.5)
    with qtbot.waitSignal(pc.loaded, timeout=10000) as loaded:
        pc.load(wav, 0)
    from PySide6.QtMultimedia import QMediaPlayer

    if loaded.args[0] == "":
        assert pc.player.mediaStatus() == QMediaPlayer.MediaStatus.LoadedMedia
        qtbot.waitUntil(lambda: pc.length_ms == 1500)
        assert pc.time.text() == "0:00 / 0:01"
    else:
        assert "tone.wav cannot be played here" in loaded.args[0]
    bad = tmp_path / "noise.wav"
    bad.write_bytes(b"RIFF junk, not audio")
    with qtbot.waitSignal(pc.loaded, timeout=10000) as refused:
        pc.load(bad, 0)
    assert refused.args[0].startswith("noise.wav cannot be played here: ")
    assert not pc.play_button.isEnabled()
    if quiet_ffmpeg():  # FFmpeg's description of each file stays off the terminal
        assert "Input #0" not in capfd.readouterr().err
    pc.unload()
    assert pc.path is None


@needs_multimedia
def test_recording_again_keeps_the_earlier_take_until_the_new_one_is_there(
    qtbot, window, journal, storied, monkeypatch
):
    mm = _multimedia()
    if mm.QMediaDevices.audioInputs():
        pytest.skip("this machine has a microphone")
    monkeypatch.setattr(recorder, "recording_unavailable", lambda: None)
    pw = _practice(qtbot, window)
    rc = pw.recorder
    first = write_wav(recordings.new_recording_path(journal, "wav"), 1.0)
    rc.adopt(first, 0)
    qtbot.keyClick(pw, Qt.Key.Key_V)  # again: it fails here (no input), the first take stays
    qtbot.waitUntil(lambda: not rc.recording, timeout=5000)
    assert rc.status.text().startswith("Recording failed: ")
    assert first.exists() and rc.pending == first and rc.playback.isVisible()
    second = write_wav(recordings.new_recording_path(journal, "wav"), 2.0)
    rc.adopt(second, 0)  # a take that worked replaces it
    assert not first.exists() and rc.pending == second and rc.pending_ms == 2000


@needs_multimedia
def test_the_summary_plays_and_deletes_a_rated_answers_recording(
    qtbot, window, journal, storied, monkeypatch
):
    monkeypatch.setattr(recorder, "recording_unavailable", lambda: None)
    pw = _practice(qtbot, window)
    rc = pw.recorder
    first = pw.current
    wav = write_wav(recordings.new_recording_path(journal, "wav"), 3.0)
    qtbot.keyClick(pw, Qt.Key.Key_Space)
    qtbot.keyClick(pw, Qt.Key.Key_Space)
    rc.adopt(wav, 0)
    with qtbot.waitSignal(pw.attempt_recorded) as recorded:
        qtbot.keyClick(pw, Qt.Key.Key_4)
    attempt_id = recorded.args[0].attempt.id
    qtbot.waitUntil(lambda: pw.phase == Phase.READY)
    qtbot.keyClick(pw, Qt.Key.Key_Space)
    qtbot.keyClick(pw, Qt.Key.Key_Space)
    with qtbot.waitSignal(pw.round_finished):
        qtbot.keyClick(pw, Qt.Key.Key_2)  # the second prompt: rated with no recording

    strip = pw.round_recordings
    assert strip.isVisible() and list(strip.rows) == [attempt_id]  # only the recorded one
    label, play, delete = strip.rows[attempt_id]
    assert label.text() == f"{first.text} · 0:03"
    with qtbot.waitSignal(strip.player.loaded, timeout=10000):
        play.click()
    assert strip.player.isVisible() and strip.player.path == wav

    strip.confirm = lambda parent: False  # No: nothing changes
    delete.click()
    assert wav.exists()
    strip.confirm = lambda parent: True
    with qtbot.waitSignal(strip.deleted):
        delete.click()
    assert not wav.exists() and not strip.player.isVisible()
    assert label.text().endswith("recording deleted") and not play.isEnabled()
    (kept,) = prep.list_attempts(journal, first.id)  # the attempt and its rating stay
    assert (kept.id, kept.rating, kept.recording_file, kept.recording_ms) == (
        attempt_id,
        4,
        None,
        None,
    )
