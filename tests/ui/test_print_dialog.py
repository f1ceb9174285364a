"""The Print dialog: the preview shows the pages of the chosen sheet; save, print and open."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtPdf")

from pypdf import PdfReader  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtPdf import QPdfDocument  # noqa: E402

from imgjournal.db import Journal  # noqa: E402
from tests.core.test_pdf_sample import Sample, make_sample  # noqa: E402

WAIT_MS = 60_000  # a slow shared machine lays out a sheet in seconds, not minutes


@pytest.fixture
def pdf_sample(journal: Journal) -> Sample:
    return make_sample(journal)


@pytest.fixture
def make_dialog(qtbot):
    from imgjournal.ui.print_dialog import PrintDialog
    from imgjournal.ui.taskrunner import SyncRunner

    made = []

    def make(journal: Journal, runner=None):
        dialog = PrintDialog(journal, runner or SyncRunner())
        # The sample holds look-alikes of identifiers on purpose; the privacy gate has its own
        # tests (test_privacy_gates.py).
        dialog.ask_privacy = lambda *args: "go"
        qtbot.addWidget(dialog)
        dialog.show()
        made.append(dialog)
        return dialog

    yield make
    for dialog in made:
        if dialog.isVisible():
            dialog.reject()


def page_text(dialog, page: int = 0) -> str:
    return " ".join(dialog.document.getAllText(page).text().split())


def test_preview_shows_the_pages_of_the_study_sheet(qtbot, make_dialog, pdf_sample) -> None:
    dialog = make_dialog(pdf_sample.journal)
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS) as ready:
        pass
    pages = ready.args[0]
    assert pages > 3
    assert dialog.document.status() == QPdfDocument.Status.Ready
    assert dialog.page_count == pages
    assert "Interview study sheet" in page_text(dialog)
    assert dialog.save_button.isEnabled() and dialog.print_button.isEnabled()
    assert f"{pages} pages" in dialog.status.text()
    assert not dialog.progress.isVisible()


def test_choosing_another_sheet_rebuilds_the_preview(qtbot, make_dialog, pdf_sample) -> None:
    dialog = make_dialog(pdf_sample.journal)
    qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS).wait()
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS) as ready:
        dialog.set_sheet("cheatsheet")
    assert ready.args == [1]
    assert "Interview cheat sheet" in page_text(dialog)
    assert not dialog.experience.isVisible() or dialog.experience.currentData() is None

    # A rotation summary needs an experience: the first one is chosen for you.
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS):
        dialog.set_sheet("rotation")
    assert dialog.experience.currentData() is not None
    assert not dialog.scope.isVisible()
    assert dialog.experience.currentText().split(" (")[0] in page_text(dialog)


def test_chosen_prompts_and_name(qtbot, make_dialog, pdf_sample) -> None:
    dialog = make_dialog(pdf_sample.journal)
    qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS).wait()
    dialog.scope.setCurrentIndex(dialog.scope.findData("chosen"))
    assert dialog.prompts.isVisible()
    wanted = pdf_sample.prompt_ids["mistake-you-made"]
    item = next(
        dialog.prompts.item(i)
        for i in range(dialog.prompts.count())
        if dialog.prompts.item(i).data(Qt.ItemDataRole.UserRole) == wanted
    )
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS) as ready:
        item.setCheckState(Qt.CheckState.Checked)
        dialog.name.setText("Zoë Ørsted")  # QTest types ASCII only
    assert ready.args == [1]
    text = page_text(dialog)
    assert "Zoë Ørsted" in text
    assert "Tell me about a mistake you made" in text


def test_a_problem_is_shown_and_nothing_can_be_saved(qtbot, make_dialog, journal) -> None:
    dialog = make_dialog(journal)
    qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS).wait()
    with qtbot.waitSignal(dialog.preview_failed, timeout=WAIT_MS) as failed:
        dialog.set_sheet("bragsheet")  # this journal has no experience yet
    assert "about one experience" in failed.args[0]
    assert failed.args[0] in dialog.status.text()
    assert not dialog.save_button.isEnabled()


def test_save_print_and_open(qtbot, make_dialog, pdf_sample, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    dialog = make_dialog(pdf_sample.journal)
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS) as ready:
        pass
    pages = ready.args[0]

    saved = tmp_path / "study.pdf"
    dialog.save_to(saved)
    assert len(PdfReader(saved).pages) == pages
    assert f"Saved to {saved}." == dialog.status.text()

    printed = tmp_path / "printed.pdf"
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    printer.setFromTo(2, 3)
    assert dialog.print_to(printer) == 2
    assert len(PdfReader(printed).pages) == 2

    opened = []
    dialog.open_url = lambda url: opened.append(Path(url.toLocalFile())) or True
    dialog.open_in_viewer()
    assert len(opened) == 1 and opened[0].exists()
    assert len(PdfReader(opened[0]).pages) == pages
    # a private folder of this process's own, not a fixed name in /tmp another user could take
    folder = opened[0].parent
    assert folder.name.startswith("imgjournal-view-") and folder.name != "imgjournal-view-"
    if os.name == "posix":
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert folder.stat().st_uid == os.getuid()
    opened[0].unlink()


def test_with_the_real_task_runner_and_closing_mid_build(qtbot, make_dialog, pdf_sample) -> None:
    from imgjournal.ui.taskrunner import TaskRunner

    runner = TaskRunner()
    try:
        dialog = make_dialog(pdf_sample.journal, runner)
        with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS) as ready:
            pass
        assert ready.args[0] == dialog.page_count > 3
        preview_dir = Path(dialog._tmp.name)
        dialog.set_sheet("journal")
        dialog.refresh()  # starts at once; closing must cancel it cleanly
        dialog.reject()
        assert not preview_dir.exists()
    finally:
        runner.wait_idle(10)
        runner.shutdown()


def test_name_and_paper_are_remembered_in_the_window_settings(
    qtbot, pdf_sample, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QWidget

    from imgjournal.ui.print_dialog import PrintDialog
    from imgjournal.ui.settings import AppSettings
    from imgjournal.ui.taskrunner import SyncRunner

    window = QWidget()
    qtbot.addWidget(window)
    window.settings = AppSettings.at(tmp_path / "settings.ini")
    window.ask_privacy = lambda *args: "go"  # the sample holds identifier look-alikes
    dialog = PrintDialog(pdf_sample.journal, SyncRunner(), window)
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS):
        dialog.name.setText("Zoë Ørsted")
        dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))
    dialog.save_to(tmp_path / "sheet.pdf")
    dialog.reject()

    again = PrintDialog(pdf_sample.journal, SyncRunner(), window)
    assert again.name.text() == "Zoë Ørsted"
    assert again.paper.currentData() == "letter"
    with qtbot.waitSignal(again.preview_ready, timeout=WAIT_MS):
        pass
    size = again.document.pagePointSize(0)
    assert (round(size.width()), round(size.height())) == (612, 792)
    again.reject()
