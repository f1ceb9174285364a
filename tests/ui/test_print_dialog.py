"""The Print dialog: the preview shows the pages of the chosen sheet; save, print and open.

The preview is page images rendered by pdfium; what it shows is checked against the PDF file
just written, read back with pypdf and pypdfium2 (no Qt PDF module is needed).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pypdfium2
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from imgjournal.db import Journal
from tests.core.test_pdf_sample import Sample, make_sample

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
    """The text of a page of the PDF the preview shows, as pdfium reads it from the file."""
    pdf = pypdfium2.PdfDocument(dialog.preview.path)
    try:
        return " ".join(pdf[page].get_textpage().get_text_range().split())
    finally:
        pdf.close()


def file_page_image(path: Path, page: int, width: int):
    """Page ``page`` of the file at ``path`` rendered afresh, ``width`` pixels wide."""
    from imgjournal.ui.print_preview import open_pdf, render_page

    pdf = open_pdf(path)
    try:
        return render_page(pdf, page, width)
    finally:
        pdf.close()


def pixels(image):
    """An image in one pixel format, so that two renderings compare pixel for pixel."""
    from PySide6.QtGui import QImage

    return image.convertToFormat(QImage.Format.Format_RGB32)


def settle(qtbot, dialog) -> None:
    """Until the first page in view shows its image."""
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not dialog.preview.page_image(0).isNull(), timeout=10_000)


def test_preview_shows_the_pages_of_the_study_sheet(qtbot, make_dialog, pdf_sample) -> None:
    dialog = make_dialog(pdf_sample.journal)
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS) as ready:
        pass
    pages = ready.args[0]
    assert pages > 3
    assert dialog.page_count == pages == len(PdfReader(dialog.preview.path).pages)
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
    with qtbot.waitSignal(dialog.preview_failed, timeout=WAIT_MS) as failed:
        pass  # an empty journal's study sheet: nothing to print, and what to do first
    assert failed.args[0] == (
        "Nothing to print yet: link a story to a prompt first (Ctrl+L in an entry)."
    )
    assert dialog.status.text() == ""  # said once, in the middle of the empty preview
    assert dialog.preview.message.isVisible() and dialog.preview.message.text() == failed.args[0]
    assert dialog.page_count == 0 and dialog.preview.path is None
    with qtbot.waitSignal(dialog.preview_failed, timeout=WAIT_MS) as failed:
        dialog.set_sheet("bragsheet")  # this journal has no experience yet
    assert "about one experience" in failed.args[0]
    assert failed.args[0] in dialog.status.text()
    assert not dialog.save_button.isEnabled()


def test_a_sheet_that_cannot_be_printed_leaves_no_pages_of_the_one_before(
    qtbot, make_dialog, pdf_sample
) -> None:
    from datetime import date

    dialog = make_dialog(pdf_sample.journal)
    qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS).wait()
    assert dialog.preview.source.sheet == "study" and dialog.page_count > 3
    dialog.set_sheet("journal")
    # At once, before the pause that starts the journal's preview: no study pages.
    assert dialog.page_count == 0 and dialog.preview.source is None
    assert not dialog.save_button.isEnabled()
    dialog.form.date_from.setDate(dialog.form.date_from.date().addYears(20))
    with qtbot.waitSignal(dialog.preview_failed, timeout=WAIT_MS) as failed:
        dialog.form.use_from.setChecked(True)  # nothing dated after 20 years from now
    assert "widen the choice" in failed.args[0]
    assert dialog.page_count == 0 and dialog.preview.path is None
    assert dialog.form.date_from.date().year() > date.today().year


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
    width, height = again.preview.page_size(0)
    assert (round(width), round(height)) == (612, 792)
    again.reject()


def test_the_preview_shows_one_image_per_page_of_the_file_just_written(
    qtbot, make_dialog, pdf_sample
) -> None:
    dialog = make_dialog(pdf_sample.journal)
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS) as ready:
        pass
    path = dialog.preview.path
    assert path is not None and path.exists()
    pdf = pypdfium2.PdfDocument(path)
    assert len(dialog.preview.page_widgets()) == len(pdf) == ready.args[0]
    pdf.close()
    settle(qtbot, dialog)
    preview = dialog.preview
    # fit to width: the page is as wide as the view, less its margins, and keeps its shape
    page = preview.page_widgets()[0]
    assert page.width() == preview.page_width() >= preview.viewport().width() - 30
    w_pt, h_pt = preview.page_size(0)
    assert abs(page.height() - page.width() * h_pt / w_pt) <= 1
    shown = preview.page_image(0)
    assert shown.width() == round(page.width() * preview.devicePixelRatioF())
    assert pixels(shown) == pixels(file_page_image(path, 0, shown.width()))
    # a page far below the view is not rendered before it is scrolled to
    last = preview.page_count - 1
    assert preview.page_image(last).isNull()
    preview.verticalScrollBar().setValue(preview.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: not preview.page_image(last).isNull(), timeout=10_000)
    if preview.page_widgets()[last].y() > 5 * preview.viewport().height():
        assert preview.page_image(0).isNull()  # the first page, far above now, was let go
    assert pixels(preview.page_image(last)) == pixels(file_page_image(path, last, shown.width()))


def test_switching_sheets_shows_the_new_sheets_pages(qtbot, make_dialog, pdf_sample) -> None:
    dialog = make_dialog(pdf_sample.journal)
    qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS).wait()
    settle(qtbot, dialog)
    study_path = dialog.preview.path
    study_first = dialog.preview.page_image(0)
    study_pages = dialog.page_count
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS):
        dialog.set_sheet("cheatsheet")
    settle(qtbot, dialog)
    path = dialog.preview.path
    assert path != study_path and not study_path.exists()  # the study sheet's file is gone
    assert len(dialog.preview.page_widgets()) == len(PdfReader(path).pages) == 1 < study_pages
    shown = dialog.preview.page_image(0)
    assert pixels(shown) == pixels(file_page_image(path, 0, shown.width()))
    assert pixels(shown) != pixels(study_first)
    assert "Interview cheat sheet" in page_text(dialog)

    assert dialog.preview.source.sheet == "cheatsheet"
    assert dialog.preview.source.number == dialog._job.number

    # Switched quickly, several times before any preview is done: the last sheet chosen shows.
    generation = dialog.preview.generation
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS):
        for key in ("journal", "study", "journal", "cheatsheet", "journal"):
            dialog.set_sheet(key)
            dialog.refresh()  # no pause: each starts a preview and cancels the one before
    qtbot.wait(0)  # nothing else arrives after the last one
    assert dialog.preview.source.sheet == "journal" == dialog.sheet_key()
    assert dialog.preview.generation > generation
    assert "Journal" in page_text(dialog) and "Interview" not in page_text(dialog)

    # and back: the study sheet again, from its new file
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS):
        dialog.set_sheet("study")
    settle(qtbot, dialog)
    assert len(dialog.preview.page_widgets()) == len(PdfReader(dialog.preview.path).pages)
    assert dialog.page_count == study_pages
    shown = dialog.preview.page_image(0)
    assert pixels(shown) == pixels(file_page_image(dialog.preview.path, 0, shown.width()))


def test_pages_are_rendered_again_for_the_width_and_the_pixel_ratio(
    qtbot, make_dialog, pdf_sample, monkeypatch
) -> None:
    from imgjournal.ui.print_preview import PagePreview

    dialog = make_dialog(pdf_sample.journal)
    qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS).wait()
    settle(qtbot, dialog)
    preview = dialog.preview
    before = preview.page_image(0).width()

    dialog.resize(dialog.width() + 300, dialog.height())
    qtbot.waitUntil(lambda: preview.page_image(0).width() == preview.page_width(), timeout=5000)
    assert preview.page_width() > before

    # a screen of twice the density: twice the pixels, shown at the same size
    monkeypatch.setattr(PagePreview, "devicePixelRatioF", lambda self: 2.0)
    QApplication.sendEvent(preview, QEvent(QEvent.Type.DevicePixelRatioChange))
    qtbot.waitUntil(lambda: preview.page_image(0).width() == 2 * preview.page_width(), timeout=5000)
    pixmap = preview.page_widgets()[0].pixmap()
    assert pixmap.devicePixelRatio() == 2.0
    assert pixmap.deviceIndependentSize().width() == preview.page_width()
    assert pixels(preview.page_image(0)) == pixels(
        file_page_image(preview.path, 0, 2 * preview.page_width())
    )


def test_zoom_renders_the_pages_at_the_pixels_they_cover(qtbot, make_dialog, pdf_sample) -> None:
    """At every zoom a page is rendered at its size on screen times the pixel ratio (glyphs
    keep their strokes), and rendered again when the zoom changes."""
    dialog = make_dialog(pdf_sample.journal)
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS):
        dialog.set_sheet("cheatsheet")
    settle(qtbot, dialog)
    preview = dialog.preview
    fit = preview.page_width()
    points = preview.page_size(0)[0]
    assert preview.pixels_per_point(0) == pytest.approx(fit * preview.devicePixelRatioF() / points)
    dialog.zoom_in_button.click()
    dialog.zoom_in_button.click()
    assert preview.zoom == 1.5 and dialog.zoom_label.text() == "150%"
    qtbot.waitUntil(lambda: preview.page_image(0).width() == preview.page_width(), timeout=5000)
    assert preview.page_width() == round(fit * 1.5)
    assert preview.pixels_per_point(0) == pytest.approx(
        round(fit * 1.5) * preview.devicePixelRatioF() / points
    )
    shown = preview.page_image(0)
    assert pixels(shown) == pixels(file_page_image(preview.path, 0, shown.width()))
    assert preview.horizontalScrollBar().maximum() > 0  # wider than the view: it scrolls
    dialog.zoom_label.click()  # back to the width of the view
    qtbot.waitUntil(lambda: preview.page_image(0).width() == fit, timeout=5000)
    assert preview.zoom == 1.0


def test_key_points_only_is_an_option_of_the_study_sheet(qtbot, make_dialog, pdf_sample) -> None:
    dialog = make_dialog(pdf_sample.journal)
    qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS).wait()
    box = dialog.form.key_points
    assert box.isVisible()
    full = dialog.page_count
    with qtbot.waitSignal(dialog.preview_ready, timeout=WAIT_MS):
        box.setChecked(True)
    assert dialog.options().key_points
    assert dialog.page_count < full
    assert "key points only" in page_text(dialog)
    dialog.set_sheet("cheatsheet")
    assert not box.isVisible() and not dialog.options().key_points
