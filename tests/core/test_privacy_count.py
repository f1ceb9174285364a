"""The privacy count an import reports (importers/privacy_count.py): whether it runs in this
process or in forked workers, with repeated texts scanned once, it equals what
services/privacy's scan of the imported entries finds. Speed is the benchmark's business."""

from __future__ import annotations

import multiprocessing
import os
import re
from pathlib import Path

import pytest

from imgjournal.db import Journal
from imgjournal.importers import common, privacy_count
from imgjournal.services import entries, privacy

# Invented text only. Titles repeat (the count caches per distinct text), bodies carry
# identifiers of several kinds, some entries carry none.
_BODIES = [
    "Phone the family at (415) 555-0134 about the plan.",
    "Her daughter Maria Lopez came in on 3/14/2026 with the MRN 88123456.",
    "Seen by Dr. Okafor; lives at 42 Elm Street, Springfield.",
    "A quiet shift: sepsis bundle, lactate repeated, no drama.",
    "The 94-year-old was discharged home with her husband Will.",
    "Reflected on the handoff and what I would say differently.",
]


def _journal_file(path: Path, entries: int) -> Path:
    lines = []
    for n in range(entries):
        day = 1 + n % 28
        title = ["Call back", "Night float", "Clinic day"][n % 3]
        lines.append(f"[2026-02-{day:02d} {n % 24:02d}:{n % 60:02d}] {title}.")
        lines.append(f"{_BODIES[n % len(_BODIES)]} Note {n}. @ward{n % 4}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _reported(out: str) -> tuple[int, int]:
    m = re.search(r"Privacy check: (\d+) possible patient identifiers? in (\d+) imported", out)
    assert m, out
    return int(m.group(1)), int(m.group(2))


@pytest.fixture
def counted(monkeypatch):
    """Records every count started, to see which way it ran."""
    started: list[privacy_count.Counting] = []
    real = privacy_count.start

    def spy(*args, **kwargs):
        started.append(real(*args, **kwargs))
        return started[-1]

    monkeypatch.setattr(privacy_count, "start", spy)
    return started


@pytest.mark.parametrize("parallel", [False, True])
def test_the_reported_count_is_the_scan_of_the_imported_entries(
    run, home, tmp_path, monkeypatch, counted, parallel
):
    if parallel and not privacy_count.can_fork_workers():
        pytest.skip("forked workers are only used on Linux in a single-threaded process")
    monkeypatch.setattr(privacy_count, "PARALLEL_FROM", 10 if parallel else 10**9)
    monkeypatch.setattr(privacy_count, "usable_cores", lambda: 2)
    code, out, err = run("import-jrnl", str(_journal_file(tmp_path / "j.txt", 120)))
    assert (code, err) == (0, ""), out
    assert out.splitlines()[0] == "120 entries imported, 0 skipped."
    assert [c.parallel for c in counted] == [parallel]
    with Journal.open(home) as journal:
        found = privacy.scan_journal(journal)
    assert _reported(out) == (len(found), privacy.entry_count(found))
    assert 0 < privacy.entry_count(found) < 120  # some entries have findings, some none


def test_the_allow_list_applies_in_the_workers_too(run, home, tmp_path, monkeypatch):
    if not privacy_count.can_fork_workers():
        pytest.skip("forked workers are only used on Linux in a single-threaded process")
    monkeypatch.setattr(privacy_count, "PARALLEL_FROM", 10)
    monkeypatch.setattr(privacy_count, "usable_cores", lambda: 2)
    assert run("privacy", "allow", "Maria Lopez")[0] == 0
    code, out, _ = run("import-jrnl", str(_journal_file(tmp_path / "j.txt", 60)))
    assert code == 0
    with Journal.open(home) as journal:
        found = privacy.scan_journal(journal)
        unfiltered = privacy.scan_entries(entries.list_entries(journal))
    assert not any(f.text == "Maria Lopez" for f in found)
    assert any(f.text == "Maria Lopez" for f in unfiltered)
    assert _reported(out) == (len(found), privacy.entry_count(found))


@pytest.mark.parametrize("workers", [1, 2])
def test_a_repeated_text_counts_in_every_entry_that_has_it(workers):
    groups = [["Call Maria Lopez at (415) 555-0134."]] * 3 + [["Nothing here."], []]
    one = len(privacy.scan_text(groups[0][0]))
    assert one == 2
    forkable = privacy_count.can_fork_workers()
    counting = privacy_count.start(groups, [], workers=workers)
    assert counting.parallel == (workers > 1 and forkable)
    assert counting.result() == (3 * one, 3)


def test_progress_ends_at_the_total_and_the_workers_are_gone(tmp_path):
    steps: list[tuple[int, int]] = []
    groups = [[b] for b in _BODIES] * 20
    counting = privacy_count.start(groups, [], lambda d, t: steps.append((d, t)), workers=2)
    assert counting.result() == privacy_count.start(groups, [], workers=1).result()
    assert steps[-1] == (120, 120)
    assert [d for d, _ in steps] == sorted(d for d, _ in steps)
    assert multiprocessing.active_children() == []


def test_a_failed_write_stops_the_count(home, tmp_path, monkeypatch):
    if not privacy_count.can_fork_workers():
        pytest.skip("forked workers are only used on Linux in a single-threaded process")
    from imgjournal.importers.jrnl import read_jrnl

    monkeypatch.setattr(privacy_count, "PARALLEL_FROM", 10)
    monkeypatch.setattr(privacy_count, "usable_cores", lambda: 2)

    def broken(*_args, **_kwargs):
        raise OSError("the disk is full")

    monkeypatch.setattr(common, "store", broken)
    items, skipped = read_jrnl(_journal_file(tmp_path / "j.txt", 60))
    with Journal.open(home) as journal, pytest.raises(OSError, match="disk is full"):
        common.write_incoming(journal, items, skipped=skipped)
    assert multiprocessing.active_children() == []


_PARENT = os.getpid()
_REAL_COUNT = privacy_count.count_texts


def _die_in_a_worker(texts, allow):
    if os.getpid() != _PARENT:
        os._exit(3)  # the worker dies without a word
    return _REAL_COUNT(texts, allow)


def test_a_worker_that_dies_leaves_its_piece_to_this_process(monkeypatch):
    if not privacy_count.can_fork_workers():
        pytest.skip("forked workers are only used on Linux in a single-threaded process")
    groups = [[b] for b in _BODIES] * 5
    want = privacy_count.start(groups, [], workers=1).result()
    monkeypatch.setattr(privacy_count, "count_texts", _die_in_a_worker)
    counting = privacy_count.start(groups, [], workers=2)
    assert counting.parallel
    assert counting.result() == want
    assert multiprocessing.active_children() == []


def test_no_process_to_be_had_counts_here(monkeypatch):
    def refuse(self, workers):
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(privacy_count.Counting, "_start_workers", refuse)
    counting = privacy_count.Counting([["Call Maria Lopez at (415) 555-0134."]], [], None, 2)
    assert not counting.parallel
    assert counting.result() == (2, 1)


def test_workers_started_before_the_file_is_read_do_the_count(run, home, tmp_path, monkeypatch):
    if not privacy_count.can_fork_workers():
        pytest.skip("forked workers are only used on Linux in a single-threaded process")
    monkeypatch.setattr(privacy_count, "PARALLEL_FROM", 10)
    monkeypatch.setattr(privacy_count, "EARLY_FROM_BYTES", 1)
    monkeypatch.setattr(privacy_count, "usable_cores", lambda: 2)
    early: list[object] = []
    real_counting = privacy_count.Counting

    def spy(*args, **kwargs):
        counting = real_counting(*args, **kwargs)
        early.append(args[4] if len(args) > 4 else kwargs.get("pool"))
        return counting

    monkeypatch.setattr(privacy_count, "Counting", spy)
    code, out, err = run("import-jrnl", str(_journal_file(tmp_path / "j.txt", 60)))
    assert (code, err) == (0, ""), out
    assert len(early) == 1 and early[0] is not None  # the count took the early workers
    with Journal.open(home) as journal:
        found = privacy.scan_journal(journal)
    assert _reported(out) == (len(found), privacy.entry_count(found))
    assert multiprocessing.active_children() == []
    assert privacy_count._early is None


@pytest.mark.parametrize("content", ["small", "broken"])
def test_early_workers_a_count_does_not_take_are_stopped(run, tmp_path, monkeypatch, content):
    if not privacy_count.can_fork_workers():
        pytest.skip("forked workers are only used on Linux in a single-threaded process")
    monkeypatch.setattr(privacy_count, "EARLY_FROM_BYTES", 1)
    monkeypatch.setattr(privacy_count, "usable_cores", lambda: 2)
    path = _journal_file(tmp_path / "j.txt", 5)  # fewer than PARALLEL_FROM entries
    if content == "broken":
        path.write_text("this is no jrnl journal", encoding="utf-8")
    code, out, err = run("import-jrnl", str(path))
    if content == "small":
        assert code == 0 and out.startswith("5 entries imported, 0 skipped."), err
    else:
        assert code == 1 and "no jrnl entries" in err
    assert multiprocessing.active_children() == []
    assert privacy_count._early is None


def test_a_workers_count_is_the_privacy_services(tmp_path):
    # count_texts does not import services/privacy (a worker would load the database layer
    # for it): it must count what services.privacy.scan_text finds, allow-list included.
    texts = [*_BODIES, "Maria Lopez, maria lopez and MARIA LOPEZ called.", ""]
    for allow in ([], ["Maria Lopez"], ["  okafor "], ["42 Elm Street", "88123456"]):
        want = [len(privacy.scan_text(t, allow)) for t in texts]
        assert privacy_count.count_texts(texts, allow) == want, allow


def test_the_import_command_loads_neither_qt_nor_reportlab_nor_markdown(tmp_path):
    # The whole import-jrnl command in a fresh interpreter, its modules listed at the end.
    import subprocess
    import sys

    home = tmp_path / "journal"
    Journal.open(home).close()  # made first, as the benchmark does (making it runs Alembic)
    path = _journal_file(tmp_path / "j.txt", 30)
    script = (
        "import sys\n"
        "from imgjournal.__main__ import main\n"
        f"code = main(['--home', {str(home)!r}, 'import-jrnl', {str(path)!r}])\n"
        "print('MODULES', ' '.join(sorted(sys.modules)))\n"
        "sys.exit(code)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "IMGJOURNAL_HOME"}
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("30 entries imported, 0 skipped.")
    modules = set(proc.stdout.rsplit("MODULES ", 1)[1].split())
    assert "imgjournal.importers.jrnl" in modules  # the list is the command's
    roots = {m.split(".")[0] for m in modules}
    assert not roots & {"PySide6", "shiboken6", "reportlab", "markdown", "pypdf", "alembic"}
    assert not any(m.startswith("imgjournal.ui") for m in modules)


def _die_loading():
    os._exit(3)  # a worker that dies before it counts anything


def test_early_workers_that_die_leave_the_count_to_this_process(monkeypatch):
    if not privacy_count.can_fork_workers():
        pytest.skip("forked workers are only used on Linux in a single-threaded process")
    monkeypatch.setattr(privacy_count, "usable_cores", lambda: 2)
    monkeypatch.setattr(privacy_count, "load_checker", _die_loading)
    groups = [[b] for b in _BODIES] * 5
    want = privacy_count.start(groups, [], workers=1).result()
    privacy_count.start_workers_early(privacy_count.EARLY_FROM_BYTES)
    try:
        assert privacy_count._early is not None
        assert privacy_count.start(groups, [], workers=2).result() == want
    finally:
        privacy_count.release_early_workers()
    assert multiprocessing.active_children() == []
