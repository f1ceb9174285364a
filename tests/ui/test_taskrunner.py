"""The task runner: one worker thread, results on the main thread, latest query wins."""

from __future__ import annotations

import threading

import pytest

from imgjournal.ui.taskrunner import SyncRunner, TaskRunner


@pytest.fixture
def runner(qapp):
    r = TaskRunner()
    yield r
    r.shutdown()


def test_results_arrive_on_the_main_thread_in_order(qtbot, runner):
    main = threading.get_ident()
    seen: list[tuple[int, bool, bool]] = []
    workers = set()

    def task(i: int) -> int:
        workers.add(threading.get_ident())
        return i

    for i in range(5):
        runner.submit(
            lambda i=i: task(i),
            lambda r: seen.append((r, threading.get_ident() == main, False)),
        )
    qtbot.waitUntil(lambda: len(seen) == 5)
    assert [s[0] for s in seen] == [0, 1, 2, 3, 4]
    assert all(s[1] for s in seen)
    assert len(workers) == 1 and main not in workers


def test_errors_go_to_on_error(qtbot, runner):
    errors = []
    runner.submit(lambda: 1 / 0, lambda r: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ZeroDivisionError)


def test_a_newer_task_with_the_same_key_supersedes(qtbot, runner):
    gate = threading.Event()
    ran, delivered = [], []
    runner.submit(gate.wait)  # hold the worker
    for q in ("t", "tr", "tro"):
        runner.submit(lambda q=q: ran.append(q) or q, delivered.append, key="search")
    gate.set()
    assert runner.wait_idle(5)
    assert delivered == ["tro"]
    assert ran == ["tro"]


def test_run_now_and_wait_idle(qtbot, runner):
    out = []
    runner.submit(lambda: 41, out.append)
    assert runner.run_now(lambda: 42) == 42
    assert out == [41]
    with pytest.raises(ValueError):
        runner.run_now(lambda: int("x"))
    assert runner.wait_idle(1)
    assert not runner.is_busy()


def test_busy_signal(qtbot, runner):
    states = []
    runner.busy_changed.connect(states.append)
    runner.submit(lambda: None)
    qtbot.waitUntil(lambda: states == [True, False])


def test_sync_runner_runs_at_once(qapp):
    r = SyncRunner()
    out, errors = [], []
    r.submit(lambda: 1, out.append)
    r.submit(lambda: 1 / 0, out.append, errors.append)
    assert out == [1]
    assert isinstance(errors[0], ZeroDivisionError)
    assert r.run_now(lambda: 3) == 3
