"""Building a sheet: check the options, gather through the services, lay out, write atomically.

The PDF is written to a temporary file next to the destination and moved over it only when
complete (``os.replace``), so a failed or cancelled build never leaves half a file behind and
never damages an earlier copy.
"""

from __future__ import annotations

import io
import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from imgjournal.db import Journal
from imgjournal.errors import JournalError
from imgjournal.export.json_io import gc_paused
from imgjournal.export.pdf.data import Gathered, check_printable, gather
from imgjournal.export.pdf.options import SheetOptions, check_options, sheet_info

# Called with the fraction done (0..1) and a short description of the step.
Progress = Callable[[float, str], None]

_GATHER_SHARE = 0.15  # of the progress bar
CHEATSHEET_SIZES = (7.8, 7.2, 6.6, 6.0)  # body sizes tried, largest first, to fit one page


class BuildCancelled(Exception):  # noqa: N818 - reads better at the raise site
    """Raised by a progress callback to stop a build; nothing is written."""


@dataclass(frozen=True)
class BuildResult:
    path: Path
    sheet: str
    pages: int
    warnings: tuple[str, ...] = ()
    # The characters no font on this computer has, printed as boxes (sorted); a sentence
    # naming them is among ``warnings`` too.
    missing_characters: tuple[str, ...] = ()


def build_sheet(
    journal: Journal,
    sheet: str,
    out_path: str | os.PathLike[str],
    options: SheetOptions | None = None,
    *,
    progress: Progress | None = None,
) -> BuildResult:
    """Print ``sheet`` of ``journal`` to ``out_path`` (a PDF file).

    Raises JournalError (ValidationError, NotFoundError) with one sentence for bad options, a
    sheet with nothing to print (NothingToPrint) or an unwritable destination; the destination
    is then left untouched.
    """
    options = check_options(sheet, options or SheetOptions())
    dest = Path(out_path).expanduser()
    check_destination(dest)
    report = progress or (lambda _f, _m: None)
    report(0.0, "Reading the journal…")
    with gc_paused():
        gathered = gather(
            journal, sheet, options, lambda f: report(f * _GATHER_SHARE, "Reading the journal…")
        )
        check_printable(gathered)  # NothingToPrint: the sentence names the first step
        return render(gathered, dest, progress=progress)


def render(
    gathered: Gathered, dest: str | os.PathLike[str], *, progress: Progress | None = None
) -> BuildResult:
    """Lay out gathered data and write the PDF atomically (no journal access: any thread).

    The cycle collector is paused meanwhile: a long sheet makes tens of thousands of
    flowables that live until the end, and collections that find nothing in them took about
    a seventh of the build.
    """
    from imgjournal.export.pdf.fonts import collecting_missing, missing_warning

    dest = Path(dest)
    with atomic_output(dest) as tmp, gc_paused(), collecting_missing() as missing:
        pages, warnings = _layout(gathered, tmp, progress)
    if missing:
        warnings.append(missing_warning(missing))
    return BuildResult(dest, gathered.sheet, pages, tuple(warnings), tuple(sorted(missing)))


def _layout(g: Gathered, target: Path, progress: Progress | None) -> tuple[int, list[str]]:
    from imgjournal.export.pdf.layout import Layout
    from imgjournal.export.pdf.sheets import BUILDERS, sheet_title
    from imgjournal.export.pdf.styles import make_styles
    from imgjournal.export.pdf.template import SheetDocTemplate

    title = sheet_title(g)
    info = sheet_info(g.sheet)

    def page_progress(fraction: float, page: int) -> None:
        if progress is not None:
            progress(_GATHER_SHARE + fraction * (1 - _GATHER_SHARE), f"Laying out page {page}…")

    def document(target: Any, columns: int = 1) -> SheetDocTemplate:
        return SheetDocTemplate(
            target,
            title=title,
            name=g.options.name,
            paper=g.options.paper,
            columns=columns,
            printed=g.printed,
            progress=page_progress,
            subject=info.label,
        )

    if g.sheet == "cheatsheet":
        return _fit_cheatsheet(g, target, document)
    doc = document(str(target))
    story = BUILDERS[g.sheet](g, Layout(make_styles(), doc.frame_width))
    doc.build(story)
    return doc.pages, []


def _fit_cheatsheet(
    g: Gathered, target: Path, document: Callable[..., Any]
) -> tuple[int, list[str]]:
    """The cheat sheet in the largest type that fits one page (two columns)."""
    from imgjournal.export.pdf.layout import Layout
    from imgjournal.export.pdf.sheets import cheatsheet
    from imgjournal.export.pdf.styles import make_styles

    pdf = b""
    pages = 0
    for size in CHEATSHEET_SIZES:
        buf = io.BytesIO()
        doc = document(buf, columns=2)
        doc.build(cheatsheet(g, Layout(make_styles(size), doc.frame_width)))
        pdf, pages = buf.getvalue(), doc.pages
        if pages == 1:
            break
    target.write_bytes(pdf)
    warnings = []
    if pages > 1:
        warnings.append(
            f"The cheat sheet does not fit on one page even in the smallest type (it takes "
            f"{pages} pages); choose a category or fewer prompts to get it on one page."
        )
    return pages, warnings


# ---- the destination --------------------------------------------------------------------


def check_destination(dest: Path) -> None:
    """Raise a JournalError when a PDF cannot be written at ``dest``."""
    if dest.is_dir():
        raise JournalError(f"{dest} is a folder; give a file name such as {dest / 'sheet.pdf'}.")
    parent = dest.parent
    if not parent.is_dir():
        raise JournalError(
            f"The folder {parent} does not exist; create it or choose another place for the PDF."
        )
    if not os.access(parent, os.W_OK):
        raise JournalError(f"The folder {parent} is read-only; choose another place for the PDF.")


@contextmanager
def atomic_output(dest: Path) -> Iterator[Path]:
    """A temporary path next to ``dest``; moved over ``dest`` if the block succeeds."""
    check_destination(dest)
    tmp = dest.with_name(f".{dest.name}.{secrets.token_hex(4)}.tmp")
    try:
        # 0o666 and the umask: the PDF gets the permissions of any file the user saves.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise JournalError(
            f"Cannot write in {dest.parent}: {exc.strerror}; choose another place for the PDF."
        ) from exc
    os.close(fd)
    try:
        yield tmp
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except OSError as exc:
        _unlink(tmp)
        raise JournalError(f"Cannot write {dest}: {exc.strerror}.") from exc
    except BaseException:
        _unlink(tmp)
        raise


def _unlink(path: Path) -> None:
    with suppress(OSError):
        path.unlink()
