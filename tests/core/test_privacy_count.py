"""The privacy count an import reports (importers/privacy_count.py): whether it runs in this
process or in forked workers, with repeated texts scanned once, it equals what
services/privacy's scan of the imported entries finds. Speed is the benchmark's business."""

from __future__ import annotations

import json
import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor
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
_REAL_FIND = privacy_count.find_texts


def _die_in_a_worker(texts):
    if os.getpid() != _PARENT:
        os._exit(3)  # the worker dies without a word
    return _REAL_FIND(texts)


def test_a_worker_that_dies_leaves_its_piece_to_this_process(monkeypatch):
    if not privacy_count.can_fork_workers():
        pytest.skip("forked workers are only used on Linux in a single-threaded process")
    groups = [[b] for b in _BODIES] * 5
    want = privacy_count.start(groups, [], workers=1).result()
    monkeypatch.setattr(privacy_count, "find_texts", _die_in_a_worker)
    counting = privacy_count.start(groups, [], workers=2)
    assert counting.parallel
    assert counting.result() == want
    assert multiprocessing.active_children() == []


class _NoProcesses(ProcessPoolExecutor):
    """A pool that cannot fork (a limit on processes, no memory)."""

    def submit(self, *args, **kwargs):
        raise OSError("Resource temporarily unavailable")


def test_no_process_to_be_had_counts_here(monkeypatch):
    monkeypatch.setattr(privacy_count, "ProcessPoolExecutor", _NoProcesses)
    counting = privacy_count.Counting([["Call Maria Lopez at (415) 555-0134."]], [], None, 2)
    assert not counting.parallel
    assert counting.result() == (2, 1)
    monkeypatch.setattr(privacy_count, "can_fork_workers", lambda: True)
    monkeypatch.setattr(privacy_count, "usable_cores", lambda: 2)
    assert privacy_count.start_early(privacy_count.EARLY_FROM_BYTES) is None


def _early(monkeypatch) -> list[privacy_count.Precount]:
    """Every import forks its workers before the file is read (whatever its size), on two
    cores; returns the pre-counts the command started."""
    if not privacy_count.can_fork_workers():
        pytest.skip("forked workers are only used on Linux in a single-threaded process")
    monkeypatch.setattr(privacy_count, "EARLY_FROM_BYTES", 1)
    monkeypatch.setattr(privacy_count, "usable_cores", lambda: 2)
    started: list[privacy_count.Precount] = []
    real = privacy_count.start_early

    def spy(size_hint):
        precount = real(size_hint)
        if precount is not None:
            started.append(precount)
        return precount

    monkeypatch.setattr(privacy_count, "start_early", spy)
    return started


def test_workers_started_before_the_file_is_read_do_the_count(
    run, home, tmp_path, monkeypatch, counted
):
    early = _early(monkeypatch)
    code, out, err = run("import-jrnl", str(_journal_file(tmp_path / "j.txt", 60)))
    assert (code, err) == (0, ""), out
    assert len(early) == 1 and [c._precount for c in counted] == early  # the count took them
    with Journal.open(home) as journal:
        found = privacy.scan_journal(journal)
    assert _reported(out) == (len(found), privacy.entry_count(found))
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("content", ["small", "broken"])
def test_early_workers_a_count_does_not_take_are_stopped(run, tmp_path, monkeypatch, content):
    early = _early(monkeypatch)
    path = _journal_file(tmp_path / "j.txt", 5)  # fewer than PARALLEL_FROM entries
    if content == "broken":
        path.write_text("this is no jrnl journal", encoding="utf-8")
    code, out, err = run("import-jrnl", str(path))
    if content == "small":
        assert code == 0 and out.startswith("5 entries imported, 0 skipped."), err
    else:
        assert code == 1 and "no jrnl entries" in err
    assert len(early) == 1 and not early[0].alive
    assert multiprocessing.active_children() == []


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
    precount = privacy_count.start_early(privacy_count.EARLY_FROM_BYTES)
    assert precount is not None
    try:
        for group in groups:
            precount.add(group)
        counting = privacy_count.start(groups, [], workers=2, precount=precount)
        assert counting.result() == want
    finally:
        precount.cancel()
    assert multiprocessing.active_children() == []


# ---- the count started while the file is read (cli/imports.py, Precount) ------------------


def _changed_titles(monkeypatch, every: int = 4) -> None:
    """The checks change the titles of most entries (all but every ``every``-th), after the
    file was parsed: the workers never saw those titles (and the new ones hold a name)."""
    from dataclasses import replace

    from imgjournal.importers import incoming

    real = incoming.check_item

    def check(item):
        item = real(item)
        number = int(re.search(r"Note (\d+)", item.body).group(1))
        return replace(item, title=item.title + " with Dr. Okafor") if number % every else item

    monkeypatch.setattr(incoming, "check_item", check)


def _import_twice(run, tmp_path: Path) -> str:
    """An allow-list, a first import, then a file that repeats it, repeats itself and adds
    entries; returns the second import's summary."""
    assert run("privacy", "allow", "Maria Lopez")[0] == 0
    first = _journal_file(tmp_path / "first.txt", 30)
    assert run("import-jrnl", str(first))[0] == 0
    more = _journal_file(tmp_path / "more.txt", 90).read_text(encoding="utf-8")
    again = tmp_path / "again.txt"
    again.write_text(first.read_text(encoding="utf-8") + "\n" + more + "\n" + more, "utf-8")
    code, out, err = run("import-jrnl", str(again))
    assert (code, err) == (0, ""), out
    return out


def _added_by_the_second(home: Path) -> tuple[int, int]:
    """What the privacy service finds in the entries the second import added."""
    with Journal.open(home) as journal:
        listed = entries.list_entries(journal, newest_first=False)
        found = privacy.scan_journal(journal)
    added = {e.id for e in listed[30:]}
    mine = [f for f in found if f.entry in added]
    return len(mine), privacy.entry_count(mine)


@pytest.mark.parametrize("way", ["early workers", "one core"])
def test_the_count_is_the_one_core_count_with_duplicates_an_allow_list_and_changed_titles(
    run, home, tmp_path, monkeypatch, counted, way
):
    if way == "early workers":
        early = _early(monkeypatch)
    else:
        monkeypatch.setattr(privacy_count, "PARALLEL_FROM", 10**9)
        monkeypatch.setattr(privacy_count, "EARLY_FROM_BYTES", 10**12)
    _changed_titles(monkeypatch)
    out = _import_twice(run, tmp_path)
    # The first file's 30 entries twice (they are also the first 30 of the 90), 60 new ones,
    # and the 90 again.
    assert out.splitlines()[0] == "60 entries imported, 150 skipped:"
    want = _added_by_the_second(home)
    assert want[0] > 0 and _reported(out) == want
    assert [c.parallel for c in counted] == [way == "early workers"] * 2
    if way == "early workers":
        assert len(early) == 2 and all(not p.alive for p in early)
    assert multiprocessing.active_children() == []
    # The summary is the same either way: the other way, into a journal of its own.
    again = main_output(
        tmp_path / "other", tmp_path, early=way == "one core", monkeypatch=monkeypatch
    )
    assert again == out


def main_output(home: Path, tmp_path: Path, *, early: bool, monkeypatch) -> str:
    """The second import's summary into ``home``, early workers or none."""
    import contextlib
    import io

    from imgjournal.cli.run import main

    if early:
        _early(monkeypatch)
    else:
        monkeypatch.setattr(privacy_count, "PARALLEL_FROM", 10**9)
        monkeypatch.setattr(privacy_count, "EARLY_FROM_BYTES", 10**12)
    folder = tmp_path / "second-run"
    folder.mkdir()

    def run(*argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--home", str(home), *argv])
        return code, out.getvalue(), err.getvalue()

    return _import_twice(run, folder)


def test_a_worker_that_dies_during_the_early_count(run, home, tmp_path, monkeypatch):
    _early(monkeypatch)
    monkeypatch.setattr(privacy_count, "find_texts", _die_in_a_worker)
    code, out, err = run("import-jrnl", str(_journal_file(tmp_path / "j.txt", 60)))
    assert (code, err) == (0, ""), out
    with Journal.open(home) as journal:
        found = privacy.scan_journal(journal)
    assert _reported(out) == (len(found), privacy.entry_count(found)) and found
    assert multiprocessing.active_children() == []


def test_a_file_that_fails_half_way_stops_the_workers(run, home, tmp_path, monkeypatch):
    early = _early(monkeypatch)
    good = [
        {"title": f"Night {n}", "body": _BODIES[n % 6], "date": "2026-02-03", "time": "10:00"}
        for n in range(400)
    ]
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"entries": [*good, {"title": "No date"}]}), encoding="utf-8")
    code, out, err = run("import-jrnl", str(path))
    assert (code, out) == (1, "")
    assert err == (
        "imgjournal: error: entry 401 of the jrnl export has no date; export it again with "
        "`jrnl --export json`.\n"
    )
    assert len(early) == 1 and not early[0].alive and early[0]._pieces  # texts were sent
    assert multiprocessing.active_children() == []
    with Journal.open(home) as journal:
        assert entries.list_entries(journal) == []


def test_a_journal_that_does_not_open_stops_the_workers(run, tmp_path, monkeypatch):
    from imgjournal.errors import JournalError
    from imgjournal.services import journals

    early = _early(monkeypatch)

    def cannot_open(*_args, **_kwargs):
        raise JournalError("The journal is damaged.")

    monkeypatch.setattr(journals, "open_journal", cannot_open)
    code, _, err = run("import-jrnl", str(_journal_file(tmp_path / "j.txt", 60)))
    assert (code, err) == (1, "imgjournal: error: The journal is damaged.\n")
    assert len(early) == 1 and not early[0].alive
    assert multiprocessing.active_children() == []


def test_an_encrypted_journals_passphrase_comes_before_the_file(run, home, tmp_path, monkeypatch):
    early = _early(monkeypatch)
    monkeypatch.setenv("IMGJOURNAL_PASSPHRASE", "correct horse battery")
    assert run("encrypt")[0] == 0
    monkeypatch.setenv("IMGJOURNAL_PASSPHRASE", "not the passphrase")
    code, _, err = run("import-jrnl", str(tmp_path / "nope.txt"))
    assert (code, err) == (1, "imgjournal: error: The passphrase does not open this journal.\n")
    assert early == []  # nothing started before the passphrase
    monkeypatch.setenv("IMGJOURNAL_PASSPHRASE", "correct horse battery")
    code, out, err = run("import-jrnl", str(_journal_file(tmp_path / "j.txt", 40)))
    assert (code, err) == (0, ""), out
    assert out.startswith("40 entries imported, 0 skipped.") and len(early) == 1
    assert multiprocessing.active_children() == []


def test_a_precounts_progress_ends_at_the_total(monkeypatch):
    if not privacy_count.can_fork_workers():
        pytest.skip("forked workers are only used on Linux in a single-threaded process")
    monkeypatch.setattr(privacy_count, "usable_cores", lambda: 2)
    groups = [[b, f"Note {n}"] for n, b in enumerate(_BODIES * 20)]
    want = privacy_count.start(groups, ["Maria Lopez"], workers=1).result()
    precount = privacy_count.start_early(privacy_count.EARLY_FROM_BYTES)
    assert precount is not None
    for group in groups[::2]:  # half sent ahead, the rest when the count starts
        precount.add(group)
    steps: list[tuple[int, int]] = []
    counting = privacy_count.start(
        groups, ["Maria Lopez"], lambda d, t: steps.append((d, t)), precount=precount
    )
    assert counting.result() == want
    assert steps[-1] == (120, 120) and [d for d, _ in steps] == sorted(d for d, _ in steps)
    assert multiprocessing.active_children() == []
