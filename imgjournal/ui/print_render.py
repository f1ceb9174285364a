"""The Print dialog's work off the window's thread: reading the journal for a sheet, laying
its PDF out, and the private folder for copies opened in a PDF viewer.

Reading goes through the task runner (the database thread, :func:`gather_checked`); laying
out runs on a Python thread of its own (:class:`RenderThread`), so a 300-page sheet never
blocks the window or the database. Each preview is a :class:`PreviewJob`; setting its
``cancelled`` event stops its layout at the next progress report.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from imgjournal.export.pdf.options import SheetOptions


@dataclass
class PreviewJob:
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


class RenderThread(QObject):
    """Lays out one gathered sheet on a Python thread; reports back through queued signals."""

    progress = Signal(int, float, str)  # job, fraction, message
    finished = Signal(int, object)  # job, BuildResult
    failed = Signal(int, object)  # job, exception

    def start(self, job: PreviewJob, gathered: Any, target: Path) -> threading.Thread:
        thread = threading.Thread(
            target=self._run, args=(job, gathered, target), name="imgjournal-pdf", daemon=True
        )
        thread.start()
        return thread

    def _run(self, job: PreviewJob, gathered: Any, target: Path) -> None:
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
