"""The Print dialog (Ctrl+P): choose a sheet and its options, see the pages, then save, print
or open them.

Reading the journal goes through the task runner (the database thread); laying out the PDF
runs on a thread of its own, so a 300-page sheet never blocks the window or the database. Each
change of an option starts a new preview after a short pause; a preview still being laid out
is cancelled. The preview is a PDF in a temporary folder, shown with Qt's PDF module; Save
copies it atomically, Print renders its pages through the system print dialog.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRect, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QPainter, QShortcut
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
from imgjournal.ui.taskrunner import Ops, Runner

try:  # QtPdf ships in the PySide6-Addons wheel
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView
except ImportError:  # pragma: no cover - the preview degrades to a message
    QPdfDocument = None  # type: ignore[assignment,misc]
    QPdfView = None  # type: ignore[assignment,misc]

log = logging.getLogger(__name__)

PREVIEW_DELAY_MS = 300


@dataclass
class _Job:
    number: int
    sheet: str
    options: SheetOptions
    cancelled: threading.Event = field(default_factory=threading.Event)
    findings: tuple[Any, ...] = ()  # possible identifiers in what the sheet shows
    cleared: bool = False  # the user chose Go On Anyway for this preview


def gather_checked(journal: Any, sheet: str, options: SheetOptions) -> tuple[Any, tuple[Any, ...]]:
    """What the sheet shows and the possible identifiers in it (on the database thread)."""
    from imgjournal.export.pdf.data import gather
    from imgjournal.services.privacy import scan_gathered

    gathered = gather(journal, sheet, options)
    return gathered, tuple(scan_gathered(journal, gathered))


class _RenderThread(QObject):
    """Lays out one gathered sheet on a Python thread; reports back through queued signals."""

    progress = Signal(int, float, str)  # job, fraction, message
    finished = Signal(int, object)  # job, BuildResult
    failed = Signal(int, object)  # job, exception

    def start(self, job: _Job, gathered: Any, target: Path) -> threading.Thread:
        thread = threading.Thread(
            target=self._run, args=(job, gathered, target), name="imgjournal-pdf", daemon=True
        )
        thread.start()
        return thread

    def _run(self, job: _Job, gathered: Any, target: Path) -> None:
        from imgjournal.export.pdf.build import BuildCancelled, render

        def report(fraction: float, message: str) -> None:
            if job.cancelled.is_set():
                raise BuildCancelled
            self.progress.emit(job.number, fraction, message)

        try:
            result = render(gathered, target, progress=report)
        except BuildCancelled:
            return
        except Exception as exc:  # noqa: BLE001 - shown in the dialog, logged there
            self.failed.emit(job.number, exc)
            return
        self.finished.emit(job.number, result)


_VIEWER_FOLDER: Path | None = None


def viewer_folder() -> Path:
    """A folder of this process's own for copies opened in a PDF viewer.

    Made with ``mkdtemp`` (0700, a name no other user can take first) the first time it is
    needed and removed when the app quits; the viewer has read its copy by then (and on POSIX
    a file still open in a viewer stays readable to it after the folder is gone).
    """
    global _VIEWER_FOLDER
    if _VIEWER_FOLDER is None or not _VIEWER_FOLDER.is_dir():
        import atexit

        folder = Path(tempfile.mkdtemp(prefix="imgjournal-view-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        _VIEWER_FOLDER = folder
    return _VIEWER_FOLDER


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
        self._job: _Job | None = None
        self._jobs = 0
        self._threads: list[threading.Thread] = []
        self._preview_path: Path | None = None
        self._render = _RenderThread(self)
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
        # The options' widgets, by the names the dialog (and its tests) use.
        f = self.form
        self.sheet, self.scope, self.prompts, self.experience = (
            f.sheet,
            f.scope,
            f.prompts,
            f.experience,
        )
        self.paper, self.name, self.hopes = f.paper, f.name, f.hopes

        if QPdfView is not None:
            self.document = QPdfDocument(self)
            self.view = QPdfView(self)
            self.view.setObjectName("printPreview")
            self.view.setDocument(self.document)
            self.view.setPageMode(QPdfView.PageMode.MultiPage)
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            preview: QWidget = self.view
        else:
            self.document = None
            preview = QLabel("The preview needs Qt's PDF module (PySide6-Addons).")
        self.status = QLabel(wordWrap=True, objectName="printStatus")
        self.progress = QProgressBar(objectName="printProgress", maximum=1000)
        self.progress.setTextVisible(False)
        self.progress.hide()
        right = QWidget()
        rbox = QVBoxLayout(right)
        rbox.setContentsMargins(0, 0, 0, 0)
        rbox.addWidget(preview, 1)
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
        buttons.addWidget(close)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_as)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_pages)

        box = QVBoxLayout(self)
        box.addWidget(split, 1)
        box.addLayout(buttons)
        self.resize(1120, 760)
        self._set_ready(False)

    def _load_choices(self) -> tuple[list[Any], list[Any]]:
        from imgjournal.services.experiences import list_experiences
        from imgjournal.services.prompts import list_prompts

        return list_prompts(self.journal, include_hidden=True), list_experiences(self.journal)

    def sheet_key(self) -> str:
        return self.form.sheet_key()

    def set_sheet(self, key: str) -> None:
        self.form.set_sheet(key)

    def options(self) -> SheetOptions:
        return self.form.options()

    # ---- preview ----------------------------------------------------------------------
    def schedule_preview(self) -> None:
        self._timer.start()

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
        job = self._job = _Job(self._jobs, self.sheet_key(), options)
        self._set_ready(False)
        self.progress.setValue(0)
        self.progress.show()
        self.status.setText("Reading the journal…")

        def gathered(checked: Any) -> None:
            result, job.findings = checked
            if job is self._job and not job.cancelled.is_set():
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
        if self.document is not None:
            self.document.close()
            self.document.load(str(self._preview_path))
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

    def _on_error(self, exc: object) -> None:
        from imgjournal.ui.errors import describe

        text = describe(exc, getattr(self.journal, "home", None), saving=False)  # type: ignore[arg-type]
        self._show_problem(text)

    def _show_problem(self, text: str) -> None:
        self.progress.hide()
        self._set_ready(False)
        self.status.setText(text)
        self.status.setStyleSheet("color: #b3261e;")
        self.preview_failed.emit(text)

    def _set_ready(self, ready: bool) -> None:
        self.save_button.setEnabled(ready)
        self.open_button.setEnabled(ready)
        self.print_button.setEnabled(ready and self.document is not None)

    @property
    def page_count(self) -> int:
        return self.document.pageCount() if self.document is not None else 0

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
        from imgjournal.ui.window_privacy import FIX, GO_ON

        what = f"The {SHEETS[job.sheet].label.lower()}"
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

        self.runner.submit(copy, lambda p: self.status.setText(f"Saved to {p}."), self._on_error)

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
            self._show_problem(f"No PDF viewer opened it; the file is {copy}.")

    def print_pages(self) -> None:
        if self.document is None or self._preview_path is None or not self.cleared_to_leave():
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
        doc = self.document
        if doc is None or doc.pageCount() == 0:
            return 0
        first = max(1, printer.fromPage() or 1) - 1
        last = min(doc.pageCount(), printer.toPage() or doc.pageCount()) - 1
        dpi = min(printer.resolution(), 300)
        painter = QPainter()
        if not painter.begin(printer):
            self._show_problem("The printer could not be started; check it and try again.")
            return 0
        try:
            for i in range(first, last + 1):
                if i > first:
                    printer.newPage()
                size = doc.pagePointSize(i)
                pixels = QSize(round(size.width() / 72 * dpi), round(size.height() / 72 * dpi))
                image = doc.render(i, pixels)
                area = painter.viewport()
                fitted = pixels.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(area.topLeft(), fitted), image)
        finally:
            painter.end()
        return last - first + 1

    # ---- closing ----------------------------------------------------------------------
    def done(self, result: int) -> None:
        self._timer.stop()
        if self._job is not None:
            self._job.cancelled.set()
        for thread in self._threads:
            thread.join(timeout=10)
        if self.document is not None:
            self.document.close()
        self._tmp.cleanup()
        super().done(result)
