"""The autosave controller: after a pause, at least every max interval, at once on flush."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer

from imgjournal.ui.autosave import EDITED, NOT_SAVED, SAVED, AutosaveController
from imgjournal.ui.taskrunner import SyncRunner


class Snap:
    def __init__(self, entry_id: int, text: str) -> None:
        self.entry_id = entry_id
        self.text = text


def make(qapp, delay=100, max_interval=300, retry=50):
    disk: dict[int, str] = {}
    state = {"id": 1, "text": "", "broken": False}

    def save(snap: Snap) -> str:
        if state["broken"]:
            raise OSError(28, "No space left on device")
        disk[snap.entry_id] = snap.text
        return snap.text

    ctl = AutosaveController(
        SyncRunner(),
        save,
        lambda: Snap(state["id"], state["text"]),
        delay_ms=delay,
        max_interval_ms=max_interval,
        retry_ms=retry,
    )
    return ctl, disk, state


def type_(ctl, state, text):
    state["text"] += text
    ctl.note_change()


def test_saves_after_a_pause(qtbot, qapp):
    ctl, disk, state = make(qapp)
    type_(ctl, state, "abc")
    assert ctl.state == EDITED and ctl.dirty
    assert disk == {}
    qtbot.waitUntil(lambda: disk.get(1) == "abc", timeout=2000)
    assert ctl.state == SAVED and not ctl.dirty


def test_saves_at_least_every_max_interval_while_typing(qtbot, qapp):
    ctl, disk, state = make(qapp, delay=200, max_interval=300)
    timer = QTimer()
    timer.setInterval(40)  # faster than the pause delay: only the max interval can save
    timer.timeout.connect(lambda: type_(ctl, state, "x"))
    start = time.monotonic()
    timer.start()
    qtbot.waitUntil(lambda: ctl.saves >= 3, timeout=3000)
    timer.stop()
    elapsed = time.monotonic() - start
    assert elapsed < 1.5
    assert disk[1].startswith("x")


def test_flush_saves_at_once(qapp):
    ctl, disk, state = make(qapp, delay=10_000, max_interval=10_000)
    type_(ctl, state, "now")
    ctl.flush()
    assert disk == {1: "now"}
    ctl.flush()  # nothing new: no second save
    assert ctl.saves == 1
    assert ctl.flush_and_wait()


def test_failed_save_keeps_the_text_and_retries(qtbot, qapp):
    ctl, disk, state = make(qapp)
    failures = []
    ctl.failed.connect(failures.append)
    recovered = []
    ctl.recovered.connect(lambda: recovered.append(True))
    state["broken"] = True
    type_(ctl, state, "keep me")
    ctl.flush()
    assert ctl.state == NOT_SAVED and ctl.dirty
    assert len(failures) == 1
    # The editor moves to another entry: the failed text is still pending for entry 1.
    state["id"], state["text"] = 2, "other"
    assert 1 in ctl.unsaved
    state["broken"] = False
    qtbot.waitUntil(lambda: disk.get(1) == "keep me", timeout=2000)
    assert recovered == [True]
    assert not ctl.dirty and ctl.state == SAVED
    assert len(failures) == 1


def test_forget_drops_pending_changes(qapp):
    ctl, disk, state = make(qapp)
    type_(ctl, state, "gone")
    ctl.forget()
    ctl.flush()
    assert disk == {}
    assert ctl.state == SAVED
