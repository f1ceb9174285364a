"""The command line: exit codes, one-line errors, text and JSON output."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from imgjournal.cli import main
from imgjournal.db import Journal
from imgjournal.services import entries


def _json(out: str):
    return json.loads(out)


def test_add_each_kind_and_show_json(run):
    code, out, err = run(
        "experience",
        "add",
        "--kind",
        "rotation",
        "--title",
        "IM sub-I",
        "--start",
        "2026-09-01",
        "--institution",
        "Lakeside Hospital",
    )
    assert (code, err) == (0, "")
    exp_id = int(out)
    code, out, _ = run(
        "add",
        "case",
        "--title",
        "DKA",
        "--date",
        "2026-09-03",
        "--experience",
        str(exp_id),
        "--prompt",
        "3",
        "--prompt",
        "11",
        "--tag",
        "endocrine",
        "--setting",
        "ED",
        "--age-band",
        "adolescent",
        "--sex",
        "female",
        "--complaint",
        "vomiting",
        "--diagnosis",
        "DKA",
        "--procedure",
        "ABG",
        "--role",
        "presented",
        "--lesson",
        "Potassium first",
        "--body",
        "Anion gap closed.",
    )
    assert code == 0
    case_id = int(out)
    code, out, _ = run(
        "add",
        "feedback",
        "--title",
        "Rounds",
        "--giver",
        "Dr. Zoë Ørsted",
        "--giver-role",
        "attending",
        "--feedback-kind",
        "praise",
        "--words",
        "Great job",
        "--followed-up",
    )
    fb_id = int(out)
    code, out, _ = run("add", "reflection", "--title", "Week one", "--body", "Tired, happy.")
    refl_id = int(out)
    assert len({case_id, fb_id, refl_id}) == 3

    code, out, _ = run("show", str(case_id), "--json")
    rec = _json(out)
    assert rec["id"] == case_id and rec["kind"] == "case" and rec["date"] == "2026-09-03"
    assert rec["experience_id"] == exp_id and rec["prompt_ids"] == [3, 11]
    assert rec["tags"] == ["endocrine"] and rec["body"] == "Anion gap closed."
    assert rec["case"]["setting"] == "ed" and rec["case"]["diagnoses"] == ["DKA"]
    assert rec["case"]["lesson"] == "Potassium first"

    code, out, _ = run("show", str(fb_id), "--json")
    assert _json(out)["feedback"]["giver_name"] == "Dr. Zoë Ørsted"
    assert _json(out)["feedback"]["followed_up"] is True

    code, out, _ = run("show", str(case_id))
    assert "DKA" in out and "Lakeside" not in out and "IM sub-I" in out
    assert "Tell me" in out or "[3]" in out


def test_body_from_file_and_stdin(run, tmp_path, monkeypatch):
    f = tmp_path / "body.md"
    f.write_text("# Ward round\nNotes with ünïcode.", encoding="utf-8")
    code, out, _ = run("add", "reflection", "--title", "From file", "--body-file", str(f))
    assert code == 0
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("piped text"))
    code, out2, _ = run("add", "reflection", "--title", "From stdin", "--body-file", "-")
    code, out, _ = run("list", "--json")
    bodies = {r["title"]: r["body"] for r in _json(out)}
    assert bodies == {"From file": "# Ward round\nNotes with ünïcode.", "From stdin": "piped text"}


def test_list_filters_and_text(run):
    run("add", "case", "--title", "Case A", "--date", "2026-09-01", "--tag", "icu")
    run("add", "reflection", "--title", "Refl B", "--date", "2026-09-02")
    code, out, _ = run("list", "--kind", "case", "--json")
    assert [r["title"] for r in _json(out)] == ["Case A"]
    code, out, _ = run("list", "--tag", "icu", "--json")
    assert [r["title"] for r in _json(out)] == ["Case A"]
    code, out, _ = run("list")
    assert out.index("Refl B") < out.index("Case A")
    code, out, _ = run("list", "--from", "2026-09-02", "--json")
    assert [r["title"] for r in _json(out)] == ["Refl B"]


def test_search_text_and_json(run):
    run("add", "case", "--title", "Chest pain", "--body", "Troponin rising on repeat.")
    run("add", "reflection", "--title", "Other", "--body", "Nothing here.")
    code, out, _ = run("search", "trop")
    assert code == 0 and "Chest pain" in out and "[Troponin]" in out and "Other" not in out
    code, out, _ = run("search", "ponin", "--json", "--limit", "5")
    hits = _json(out)
    assert [h["title"] for h in hits] == ["Chest pain"]
    assert hits[0]["match"] == "substring" and "\x02" not in hits[0]["snippet"]
    code, out, _ = run("search", "zzzz")
    assert code == 0 and "Nothing matches" in out


def test_trash_commands(run):
    run("add", "reflection", "--title", "Oops")
    code, out, _ = run("delete", "1")
    assert code == 0 and "trash" in out
    assert _json(run("list", "--json")[1]) == []
    assert [r["id"] for r in _json(run("list", "--trash", "--json")[1])] == [1]
    code, _, err = run("empty-trash")
    assert code == 1 and "--yes" in err
    assert run("restore", "1")[0] == 0
    run("delete", "1")
    code, out, _ = run("empty-trash", "--yes")
    assert code == 0 and "Deleted 1" in out
    code, _, err = run("show", "1")
    assert code == 1


def test_prompts_listing(run):
    run("add", "reflection", "--title", "Story", "--prompt", "1")
    code, out, _ = run("prompts", "--json")
    items = _json(out)
    assert len(items) >= 40
    first = next(p for p in items if p["id"] == 1)
    assert first["entry_count"] == 1 and first["category"] and first["text"]
    code, out, _ = run("prompts")
    assert "Personal" in out and "IMG-specific" in out and "1 entry" in out
    code, out, _ = run("prompts", "add", "Why nephrology?", "--category", "personal")
    new_id = int(out)
    run("prompts", "hide", str(new_id))
    ids = {p["id"] for p in _json(run("prompts", "--json")[1])}
    assert new_id not in ids
    ids = {p["id"] for p in _json(run("prompts", "--all", "--json")[1])}
    assert new_id in ids


def test_experience_list(run):
    run(
        "experience",
        "add",
        "--kind",
        "observership",
        "--title",
        "Cardiology obs",
        "--start",
        "2026-06-01",
        "--end",
        "2026-06-28",
        "--city",
        "Springfield",
    )
    code, out, _ = run("experience", "list", "--json")
    rec = _json(out)[0]
    assert rec["hands_on"] is False and rec["end_date"] == "2026-06-28"
    assert rec["eras_type"] == "education" and rec["entry_count"] == 0
    code, out, _ = run("experience", "list")
    assert "Cardiology obs" in out and "Observership" in out


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["show", "99"], "no entry with id 99"),
        (["show", "abc"], "not an id"),
        (["add", "case", "--title", "x", "--date", "2026-02-30"], "not a date"),
        (["add", "case", "--title", "  "], "title is empty"),
        (["add", "case", "--title", "x", "--experience", "7"], "no experience with id 7"),
        (["add", "case", "--title", "x", "--prompt", "4242"], "no prompt with id 4242"),
        (["add", "case", "--title", "x", "--setting", "spaceship"], "setting must be one of"),
        (["add", "reflection", "--title", "x", "--body-file", "/no/such/file"], "Cannot read"),
        (
            [
                "experience",
                "add",
                "--kind",
                "rotation",
                "--title",
                "x",
                "--start",
                "2026-05-02",
                "--end",
                "2026-05-01",
            ],
            "before the start date",
        ),
        (["search", "x", "--limit", "0"], "must be 1 or more"),
        (["frobnicate"], "invalid choice"),
        (["import", "/no/such.json"], "There is no file /no/such.json"),
    ],
)
def test_errors_are_one_line_exit_1_and_write_nothing(run, home, argv, needle):
    code, out, err = run(*argv)
    assert code == 1
    assert err.startswith("imgjournal: error: ")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert needle in err
    with Journal.open(home) as j:
        assert entries.count_entries(j) == 0


def test_non_utf8_body_file(run, tmp_path):
    f = tmp_path / "latin1.md"
    f.write_bytes("café".encode("latin-1"))
    code, _, err = run("add", "reflection", "--title", "x", "--body-file", str(f))
    assert code == 1 and "not UTF-8" in err


def _proc(*argv: str, env_extra: dict[str, str] | None = None, drop: tuple[str, ...] = ()):
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "imgjournal", *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_real_process_home_from_environment(tmp_path):
    env = {"IMGJOURNAL_HOME": str(tmp_path / "j")}
    p = _proc("add", "reflection", "--title", "Via env", env_extra=env)
    assert p.returncode == 0, p.stderr
    p = _proc("list", "--json", env_extra=env)
    assert [r["title"] for r in json.loads(p.stdout)] == ["Via env"]
    p = _proc("show", "5", env_extra=env)
    assert (
        p.returncode == 1 and p.stderr.strip() == "imgjournal: error: There is no entry with id 5."
    )


def test_search_process_does_not_load_qt_or_sqlalchemy(tmp_path):
    home = tmp_path / "j"
    assert _proc("--home", str(home), "add", "reflection", "--title", "t").returncode == 0
    code = (
        "import sys; from imgjournal.cli import main; "
        f"rc = main(['--home', {str(home)!r}, 'search', 'word']); "
        "print(sorted(m for m in ('PySide6', 'sqlalchemy', 'alembic') if m in sys.modules))"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.stdout.strip().endswith("[]"), p.stdout + p.stderr


def test_gui_without_display_says_how_to_run(tmp_path):
    p = _proc("--home", str(tmp_path / "j"), drop=("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))
    if sys.platform.startswith("linux"):
        assert p.returncode == 1
        assert "QT_QPA_PLATFORM=offscreen" in p.stderr and "Traceback" not in p.stderr


def test_help_for_every_command():
    for argv in (
        ["--help"],
        ["add", "case", "--help"],
        ["search", "--help"],
        ["experience", "add", "--help"],
        ["prompts", "--help"],
        ["demo", "--help"],
    ):
        p = _proc(*argv)
        assert p.returncode == 0 and "usage: imgjournal" in p.stdout


def test_demo_fills_an_empty_journal_and_refuses_a_full_one(tmp_path, capsys):
    home = tmp_path / "demo"
    assert main(["demo", "--no-gui", "--home", str(home)]) == 0
    out = capsys.readouterr().out
    assert str(home) in out
    with Journal.open(home) as j:
        from imgjournal.services import experiences, prompts

        all_entries = entries.list_entries(j)
        assert len(all_entries) >= 30
        assert {e.kind for e in all_entries} == {"case", "feedback", "reflection"}
        assert len(experiences.list_experiences(j)) >= 3
        assert sum(1 for p in prompts.list_prompts(j) if p.entry_count) >= 10
        # dates are moved so the newest entry is today and a rotation is in progress
        assert max(e.entry_date for e in all_entries) == __import__("datetime").date.today()
        assert experiences.current_experience(j).in_progress(__import__("datetime").date.today())
        from imgjournal.services import prep

        drafted = prep.practice_draft(j, 11)  # a STAR-L answer to practise is ready
        assert drafted is not None and "## Situation" in drafted.body
        # Answers have been practised, so prep shows progress and a prompt due now.
        attempts = prep.list_attempts(j)
        assert len(attempts) == 8 and {a.rating for a in attempts} == {1, 2, 3, 4}
        due = {d.prompt.id for d in prep.due_prompts(j, include_new=False)}
        practised = {a.prompt_id for a in attempts}
        assert min(practised) in due  # its last answer was rated Blanked, 2 days ago
        assert due < practised  # and some are not due yet
        assert all(a.started_at.date() < __import__("datetime").date.today() for a in attempts)
    assert main(["--home", str(home), "demo", "--no-gui"]) == 1
    assert "already has entries" in capsys.readouterr().err


def test_demo_without_home_uses_a_new_temporary_folder(capsys):
    assert main(["demo", "--no-gui"]) == 0
    where = capsys.readouterr().out.strip().splitlines()[-1].split(" in ", 1)[1]
    import shutil
    from pathlib import Path

    assert (Path(where) / "journal.sqlite3").exists()
    shutil.rmtree(where)


def test_export_import_through_the_cli(run, tmp_path, capsys):
    run("add", "reflection", "--title", "Exported")
    out_file = tmp_path / "out.json"
    code, out, _ = run("export", str(out_file))
    assert code == 0 and "Exported 1 entry," in out
    other = tmp_path / "other"
    assert main(["--home", str(other), "import", str(out_file)]) == 0
    assert "Imported 1 entry" in capsys.readouterr().out
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["--home", str(other), "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("imgjournal: error: ") and err.count("\n") == 1
