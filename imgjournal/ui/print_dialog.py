"""The Print dialog (Ctrl+P): choose a sheet and its options, see the pages, then save, print
or open them.

Reading the journal goes through the task runner (the database thread); laying out the PDF
runs on a thread of its own, so a 300-page sheet never blocks the window or the database. Each
change of an option starts a new preview after a short pause; a preview still being laid out
is cancelled. The preview is a PDF in a temporary folder, shown as page images rendered by pdfium
(:mod:`imgjournal.ui.print_preview`); Save copies it atomically, Print renders its pages through
the system print dialog. The background work is :mod:`imgjournal.ui.print_render`.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from imgjournal.errors import JournalError
from imgjournal.export.pdf.options import SHEETS, SheetOptions, check_options
from imgjournal.ui.print_options import SheetOptionsForm
from imgjournal.ui.print_preview import PagePreview, print_pdf_pages
from imgjournal.ui.print_render import PreviewJob, RenderThread, gather_checked, viewer_folder
from imgjournal.ui.taskrunner import Ops, Runner

log = logging.getLogger(__name__)

PREVIEW_DELAY_MS = 300


class PrintDialog(QDialog):
    """Print a study sheet, cheat sheet, rotation summary, brag sheet or the journal."""

    preview_ready = Signal(int)  # pages in the preview just shown
    preview_failed = Signal(str)

    def __init__(
        self,
        journal: Any,
        runner: Runner,
        parent: QWidget | None = None,
        *,
        settings: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("printDialog")
        self.setWindowTitle("Print")
        self.journal = journal
        # The window's task runner: the journal is read on its one database thread.
        self.runner = runner
        self.ops = Ops(journal, runner)
        # The name and paper are remembered in the app's settings (the main window's own).
        if settings is None:
            settings = getattr(parent, "settings", None)
        self.settings = settings if hasattr(settings, "store") else None
        self.open_url = QDesktopServices.openUrl  # tests replace it
        from imgjournal.ui.window_privacy import ask_privacy

        # The privacy gate's question (the window's, which tests replace).
        self.ask_privacy = getattr(parent, "ask_privacy", ask_privacy)
        self._tmp = tempfile.TemporaryDirectory(prefix="imgjournal-print-")
        self._job: PreviewJob | None = None
        self._jobs = 0
        self._threads: list[threading.Thread] = []
        self._preview_path: Path | None = None
        self._render = RenderThread(self)
        self._render.progress.connect(self._on_progress)
        self._render.finished.connect(self._on_rendered)
        self._render.failed.connect(self._on_failed)
        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._build_ui()
        self.form.restore(self.settings)
        self.form.update_fields()
        self.runner.submit(self._load_choices, self.form.fill_choices, self._on_error)

    # ---- layout -----------------------------------------------------------------------
    def _build_ui(self) -> None:
        self.form = SheetOptionsForm(self)
        self.form.changed.connect(self.schedule_preview)
        self.form.sheet.currentIndexChanged.connect(self._sheet_switched)
        # The options' widgets, by the names the dialog (and its tests) use.
        f = self.form
        self.sheet, self.scope, self.prompts, self.experience = (
            f.sheet,
            f.scope,
            f.prompts,
            f.experience,
        )
        self.paper, self.name, self.hopes = f.paper, f.name, f.hopes

        self.preview = PagePreview(self)
        self.zoom_out_button = QPushButton("−", objectName="printZoomOut")
        self.zoom_in_button = QPushButton("+", objectName="printZoomIn")
        self.zoom_label = QPushButton("100%", objectName="printZoomFit", flat=True)
        for b, tip in (
            (self.zoom_out_button, "Zoom out (Ctrl+-)"),
            (self.zoom_in_button, "Zoom in (Ctrl++)"),
            (self.zoom_label, "Fit the width (Ctrl+0)"),
        ):
            b.setToolTip(tip)
            b.setAccessibleName(tip.split(" (")[0])
        for b in (self.zoom_out_button, self.zoom_in_button):
            b.setMaximumWidth(b.fontMetrics().horizontalAdvance("+") * 2 + 28)
        self.zoom_label.setMinimumWidth(
            self.zoom_label.fontMetrics().horizontalAdvance("400%") + 16
        )
        self.zoom_out_button.clicked.connect(self.preview.zoom_out)
        self.zoom_in_button.clicked.connect(self.preview.zoom_in)
        self.zoom_label.clicked.connect(lambda: self.preview.set_zoom(1.0))
        self.preview.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{z:.0%}"))
        self.status = QLabel(wordWrap=True, objectName="printStatus")
        self.progress = QProgressBar(objectName="printProgress", maximum=1000)
        self.progress.setTextVisible(False)
        self.progress.hide()
        right = QWidget()
        rbox = QVBoxLayout(right)
        rbox.setContentsMargins(0, 0, 0, 0)
        rbox.addWidget(self.preview, 1)
        rbox.addWidget(self.progress)
        rbox.addWidget(self.status)

        split = QSplitter()
        split.addWidget(self.form)
        split.addWidget(right)
        split.setStretchFactor(1, 1)

        self.save_button = QPushButton("Save as PDF…", objectName="printSave")
        self.print_button = QPushButton("Print…", objectName="printPrint")
        self.open_button = QPushButton("Open in viewer", objectName="printOpen")
        close = QPushButton("Close", objectName="printClose")
        self.save_button.clicked.connect(self.save_as)
        self.print_button.clicked.connect(self.print_pages)
        self.open_button.clicked.connect(self.open_in_viewer)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for b in (self.save_button, self.print_button, self.open_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.zoom_out_button, self.zoom_label, self.zoom_in_button):
            buttons.addWidget(b)
        buttons.addSpacing(12)
        buttons.addWidget(close)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_as)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_pages)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, self.preview.zoom_in)
        QShortcut(QKeySequence("Ctrl+="), self, self.preview.zoom_in)
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, self.preview.zoom_out)
        QShortcut(QKeySequence("Ctrl+0"), self, lambda: self.preview.set_zoom(1.0))

        box = QVBoxLayout(self)
        box.addWidget(split, 1)
        box.addLayout(buttons)
        self.resize(1120, 760)
        self._set_ready(False)

    def _load_choices(self) -> tuple[list[Any], list[Any], list[Any]]:
        from imgjournal.services.experiences import list_experiences
        from imgjournal.services.programs import list_programs
        from imgjournal.services.prompts import list_prompts

        return (
            list_prompts(self.journal, include_hidden=True),
            list_experiences(self.journal),
            list_programs(self.journal),
        )

    def sheet_key(self) -> str:
        return self.form.sheet_key()

    def set_sheet(self, key: str) -> None:
        self.form.set_sheet(key)

    def set_program(self, program_id: int) -> None:
        self.form.set_program(program_id)

    def options(self) -> SheetOptions:
        return self.form.options()

    def set_letter(self, letter_id: int, experience_id: int) -> None:
        """The brag sheet for this letter's writer (while its experience stays chosen)."""
        self.form.letter = (letter_id, experience_id)
        self.experience.setCurrentIndex(max(0, self.experience.findData(experience_id)))
        self.schedule_preview()

    # ---- preview ----------------------------------------------------------------------
    def schedule_preview(self) -> None:
        self._timer.start()

    def _sheet_switched(self) -> None:
        """Another sheet chosen: the pages of the one before go at once (its preview waits
        for the pause after the last change)."""
        shown = self.preview.source
        if shown is not None and shown.sheet != self.sheet_key():
            self._drop_preview()
            self._set_ready(False)

    def refresh(self) -> None:
        """Build the preview for the current options now (cancelling one in progress)."""
        self._timer.stop()
        if self._job is not None:
            self._job.cancelled.set()
        options = self.options()
        try:
            options = check_options(self.sheet_key(), options)
        except JournalError as exc:
            self._job = None
            self._show_problem(str(exc))
            return
        self._jobs += 1
        job = self._job = PreviewJob(self._jobs, self.sheet_key(), options)
        self.preview.show_message("")
        shown = self.preview.source
        if shown is not None and shown.sheet != job.sheet:
            # Another sheet: its pages go now, not when the new ones are laid out.
            self._drop_preview()
        self._set_ready(False)
        self.progress.setValue(0)
        self.progress.show()
        self.status.setText("Reading the journal…")

        def gathered(checked: Any) -> None:
            from imgjournal.export.pdf.data import nothing_to_print

            result, job.findings = checked
            if job is not self._job or job.cancelled.is_set():
                return
            empty = nothing_to_print(result)
            if empty is not None:
                # No pages (nothing of an earlier sheet either), and the first step in the
                # middle of the preview: not an error, so not in red.
                self._show_problem(empty)
                self.status.setStyleSheet("")
                self.status.setText("")  # said once, in the middle of the preview
            else:
                target = Path(self._tmp.name) / f"preview-{job.number}.pdf"
                self._threads = [t for t in self._threads if t.is_alive()]
                self._threads.append(self._render.start(job, result, target))

        def failed(exc: BaseException) -> None:
            if job is self._job:
                self._on_failed(job.number, exc)

        self.ops.run(
            gather_checked,
            job.sheet,
            options,
            on_done=gathered,
            on_error=failed,
            key="print-preview",
        )

    def _on_progress(self, number: int, fraction: float, message: str) -> None:
        if self._job is not None and number == self._job.number:
            self.progress.setValue(int(fraction * 1000))
            self.status.setText(message)

    def _on_rendered(self, number: int, result: Any) -> None:
        if self._job is None or number != self._job.number:
            Path(result.path).unlink(missing_ok=True)
            return
        old = self._preview_path
        self._preview_path = Path(result.path)
        self.preview.load(self._preview_path, self._job)  # forgets the previous sheet's pages
        if old is not None and old != self._preview_path:
            old.unlink(missing_ok=True)
        self.progress.hide()
        pages = f"{result.pages} page{'s' if result.pages != 1 else ''}"
        text = f"{SHEETS[self._job.sheet].label}: {pages}."
        if result.warnings:
            text += " " + " ".join(result.warnings)
        n = len(self._job.findings)
        if n:
            text += (
                f" It holds {n} possible patient identifier{'s' if n != 1 else ''}; "
                "you are asked before it leaves."
            )
        self.status.setText(text)
        self.status.setStyleSheet("color: #a05a00;" if result.warnings or n else "")
        self._set_ready(True)
        self.preview_ready.emit(result.pages)

    def _on_failed(self, number: int, exc: object) -> None:
        if self._job is None or number != self._job.number:
            return
        if isinstance(exc, BaseException) and not isinstance(exc, JournalError):
            log.error("printing failed", exc_info=exc)
        self._on_error(exc)

    def _on_error(self, exc: object, *, drop: bool = True) -> None:
        from imgjournal.ui.errors import describe

        text = describe(exc, getattr(self.journal, "home", None), saving=False)  # type: ignore[arg-type]
        self._show_problem(text, drop=drop)

    def _drop_preview(self) -> None:
        """Show no pages (and remove their file)."""
        self.preview.clear()
        if self._preview_path is not None:
            self._preview_path.unlink(missing_ok=True)
        self._preview_path = None

    def _show_problem(self, text: str, *, drop: bool = True) -> None:
        """``text`` in red; ``drop``: the options shown cannot be printed, so the pages of
        earlier ones go too (and nothing can be saved)."""
        self.progress.hide()
        if drop:
            self._drop_preview()
            self._set_ready(False)
            self.preview.show_message(text)  # in the middle of the empty preview too
        self.status.setText(text)
        self.status.setStyleSheet("color: #b3261e;")
        self.preview_failed.emit(text)

    def _set_ready(self, ready: bool) -> None:
        self.save_button.setEnabled(ready)
        self.open_button.setEnabled(ready)
        self.print_button.setEnabled(ready)

    @property
    def page_count(self) -> int:
        """Pages in the preview shown."""
        return self.preview.page_count

    # ---- save, print, open --------------------------------------------------------------
    def _default_name(self) -> str:
        return f"{self.sheet_key()}-{date.today().isoformat()}.pdf"

    def cleared_to_leave(self) -> bool:
        """The privacy gate: True when the previewed sheet may leave (nothing found, or the
        user chose Go On Anyway). Fix Them closes the dialog and opens the first entry with
        a finding in the main window."""
        job = self._job
        if job is None or not job.findings or job.cleared:
            return True
        from imgjournal.export.pdf.options import in_sentence
        from imgjournal.ui.window_privacy import FIX, GO_ON

        what = f"The {in_sentence(SHEETS[job.sheet].label)}"
        choice = self.ask_privacy(self, list(job.findings), what)
        if choice == GO_ON:
            job.cleared = True
            return True
        if choice == FIX:
            first = next((f.entry for f in job.findings if f.entry is not None), None)
            window = self.parent()
            self.reject()
            if first is not None and hasattr(window, "show_entry"):
                window.show_entry(first)
        return False

    def save_as(self) -> None:
        if self._preview_path is None or not self.cleared_to_leave():
            return
        start = str(Path.home() / self._default_name())
        path, _ = QFileDialog.getSaveFileName(self, "Save as PDF", start, "PDF files (*.pdf)")
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.save_to(Path(path))

    def save_to(self, dest: Path) -> None:
        """Copy the previewed PDF to ``dest`` (atomically, on the runner)."""
        src = self._preview_path
        if src is None or not self.cleared_to_leave():
            return
        self.form.remember(self.settings)

        def copy() -> Path:
            from imgjournal.export.pdf.build import atomic_output

            with atomic_output(dest) as tmp:
                shutil.copyfile(src, tmp)
            return dest

        self.runner.submit(
            copy,
            lambda p: self.status.setText(f"Saved to {p}."),
            lambda exc: self._on_error(exc, drop=False),  # the preview is still there to save
        )

    def open_in_viewer(self) -> None:
        """Open a copy of the preview in the system's PDF viewer."""
        if self._preview_path is None or not self.cleared_to_leave():
            return
        folder = viewer_folder()
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        copy = folder / f"{self.sheet_key()}-{stamp}.pdf"
        shutil.copyfile(self._preview_path, copy)
        self.form.remember(self.settings)
        if not self.open_url(QUrl.fromLocalFile(str(copy))):
            self._show_problem(f"No PDF viewer opened it; the file is {copy}.", drop=False)

    def print_pages(self) -> None:
        if self._preview_path is None or not self.cleared_to_leave():
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._default_name())
        printer.setFromTo(1, self.page_count)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.page_count)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.form.remember(self.settings)
            self.print_to(printer)

    def print_to(self, printer: Any) -> int:
        """Render the previewed pages onto ``printer``; returns how many were printed."""
        pdf = self.preview.document
        if pdf is None or self.page_count == 0:
            return 0
        first = max(1, printer.fromPage() or 1) - 1
        last = min(self.page_count, printer.toPage() or self.page_count) - 1
        dpi = min(printer.resolution(), 300)
        if not print_pdf_pages(pdf, printer, first, last, dpi):
            self._show_problem(
                "The printer could not be started; check it and try again.", drop=False
            )
            return 0
        return last - first + 1

    # ---- closing ----------------------------------------------------------------------
    def done(self, result: int) -> None:
        self._timer.stop()
        if self._job is not None:
            self._job.cancelled.set()
        for thread in self._threads:
            thread.join(timeout=10)
        self.preview.clear()
        self._tmp.cleanup()
        super().done(result)
