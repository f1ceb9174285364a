"""``imgjournal print``: exit codes, messages, and no file on bad options."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from imgjournal.cli import main
from imgjournal.db import Journal
from tests.core.test_pdf_sample import RESIDENT, Sample, make_sample


@pytest.fixture
def sample(journal: Journal) -> Sample:
    return make_sample(journal)


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def run(home: Path, *args: str) -> int:
    # The sample holds look-alikes of identifiers on purpose (a URL, staff names); the privacy
    # gate of `print` has its own tests in test_privacy_cli.py.
    return main(["--home", str(home), "print", *args, "--allow-identifiers"])


def test_prints_each_sheet(
    sample: Sample, home: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    x = str(sample.medicine.id)
    for sheet, extra in (
        ("study", ["--category", "behavioural", "--name", RESIDENT]),
        ("cheatsheet", ["--paper", "Letter"]),
        ("rotation", ["--experience", x]),
        ("bragsheet", ["--experience", x, "--hopes", "My night-float work"]),
        ("journal", ["--from", "2026-03-01", "--to", "2026-03-31"]),
    ):
        out = out_dir / f"{sheet}.pdf"
        assert run(home, sheet, "-o", str(out), *extra) == 0
        reader = PdfReader(out)
        stdout = capsys.readouterr().out
        pages = len(reader.pages)
        assert f"({pages} page{'s' if pages != 1 else ''}) to {out}." in stdout
    text = PdfReader(out_dir / "study.pdf").pages[0].extract_text()
    assert RESIDENT in text and "Behavioural" in text


def test_chosen_prompts(sample: Sample, home: Path, out_dir: Path) -> None:
    out = out_dir / "two.pdf"
    mistake, criticism = (
        sample.prompt_ids["mistake-you-made"],
        sample.prompt_ids["received-criticism"],
    )
    assert (
        run(home, "study", "-o", str(out), "--prompt", str(mistake), "--prompt", str(criticism))
        == 0
    )
    text = " ".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Tell me about a mistake you made" in text
    assert "Tell me about a time you received criticism." in text
    assert "Tell me about yourself." not in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["rotation"], "The rotation summary is about one experience; choose it"),
        (["bragsheet", "--experience", "99"], "There is no experience with id 99"),
        (["study", "--prompt", "999"], "There is no prompt with id 999"),
        (["study", "--prompt", "abc"], "'abc' is not an id"),
        (["study", "--category", "surgery"], "The prompt category must be one of"),
        (["journal", "--prompt", "1"], "Prompts can be chosen for the interview study sheet"),
        (["rotation", "--experience", "1", "--from", "2026-01-01"], "A start date can be"),
        (["study", "--hopes", "x"], "What the letter should cover can be chosen for the"),
        (["journal", "--from", "2026-03-01", "--to", "2026-01-01"], "is before the start date"),
        (["journal", "--from", "March"], "is not a date; write it as YYYY-MM-DD"),
        (["journal", "--paper", "a5"], "invalid choice: 'a5'"),
        (["poster"], "invalid choice: 'poster'"),
    ],
)
def test_bad_options_are_one_line_exit_1_and_no_file(
    sample: Sample,
    home: Path,
    out_dir: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    out = out_dir / "sheet.pdf"
    assert run(home, args[0], "-o", str(out), *args[1:]) == 1
    err = capsys.readouterr().err
    assert err.startswith("imgjournal: error: ")
    assert message in err
    assert err.count("\n") == 1
    assert list(out_dir.iterdir()) == []


def test_output_is_required(sample: Sample, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "study") == 1
    assert "the following arguments are required: -o/--output" in capsys.readouterr().err


def test_unwritable_destinations(
    sample: Sample, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(home, "journal", "-o", str(tmp_path / "nowhere" / "x.pdf")) == 1
    assert "does not exist; create it or choose another place" in capsys.readouterr().err
    assert run(home, "journal", "-o", str(tmp_path)) == 1
    assert "is a folder" in capsys.readouterr().err


def test_a_cheat_sheet_that_does_not_fit_warns_but_succeeds(
    sample: Sample, home: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from imgjournal.services.entries import create_entry

    every = tuple(sample.prompt_ids.values())
    for i in range(12):
        create_entry(sample.journal, "reflection", f"Story {i}", prompt_ids=every)
    assert run(home, "cheatsheet", "-o", str(out_dir / "cheat.pdf")) == 0
    captured = capsys.readouterr()
    assert "imgjournal: warning: The cheat sheet does not fit on one page" in captured.err
    assert "Wrote the one-page cheat sheet (" in captured.out


def test_help_lists_the_sheets(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["print", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for sheet in ("study", "cheatsheet", "rotation", "bragsheet", "journal"):
        assert f"  {sheet}" in out
    assert "--paper {a4,letter}" in out


def test_an_empty_journal_exits_1_with_the_first_step_and_no_file(
    journal: Journal, home: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for sheet in ("study", "cheatsheet"):
        assert run(home, sheet, "-o", str(out_dir / "sheet.pdf")) == 1
        err = capsys.readouterr().err
        assert err == (
            "imgjournal: error: Nothing to print yet: link a story to a prompt first "
            "(`imgjournal add case --prompt ID ...`; prompt ids: `imgjournal prompts`).\n"
        )
    assert run(home, "journal", "-o", str(out_dir / "sheet.pdf")) == 1
    assert "Nothing to print yet: write a first entry" in capsys.readouterr().err
    assert list(out_dir.iterdir()) == []


def test_key_points_only_prints_the_hook_lesson_result_and_links_not_the_body(
    journal: Journal, home: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from imgjournal.services.prompts import list_prompts

    first, second = (p.id for p in list_prompts(journal)[:2])
    assert (
        main(
            [
                "--home", str(home), "add", "case", "--title", "Night admission",
                "--body", "Body text about the admission that stays off the sheet.",
                "--prompt", str(first), "--prompt", str(second),
                "--hook", "The quiet one was the sickest",
                "--lesson", "Look at the quiet patient first.",
                "--result", "She went to the ICU in time.",
                "--situation", "A busy night on the ward with twelve admissions.",
            ]
        )
        == 0
    )  # fmt: skip
    capsys.readouterr()
    out = out_dir / "key.pdf"
    assert run(home, "study", "-o", str(out), "--key-points") == 0
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    assert "Hook The quiet one was the sickest" in text
    assert "Lesson Look at the quiet patient first." in text
    assert "Result She went to the ICU in time." in text
    second_text = list_prompts(journal)[1].text
    assert f"Also for {second_text}" in text
    assert "Body text" not in text and "busy night" not in text  # no body, no drafted answer
    assert "key points only" in text
    full = out_dir / "full.pdf"
    assert run(home, "study", "-o", str(full)) == 0
    assert "busy night" in " ".join(p.extract_text() for p in PdfReader(full).pages)
    # The option belongs to the study sheet alone.
    assert run(home, "cheatsheet", "-o", str(out_dir / "c.pdf"), "--key-points") == 1
    assert "Key points only can be chosen for the interview study sheet" in capsys.readouterr().err


def test_the_memory_hook_is_one_short_line(
    journal: Journal, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from imgjournal.services.entries import get_entry

    add = ["--home", str(home), "add", "case", "--title", "Hooked"]
    assert main([*add, "--hook", "h" * 121]) == 1
    assert capsys.readouterr().err == (
        "imgjournal: error: The memory hook is 121 characters long; shorten it to 120 or fewer.\n"
    )
    assert main([*add, "--hook", "The quiet one was the sickest"]) == 0
    new_id = int(capsys.readouterr().out.split()[-1].strip("."))
    assert get_entry(journal, new_id).case.hook == "The quiet one was the sickest"
