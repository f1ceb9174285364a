"""PDF study sheets (issue 5): a ~300-page interview study sheet from the synthetic journal.

- ``build_sheet(journal, "study", ...)`` end to end: gathering through the services, Markdown,
  layout with our template (header and footer, outline, contents) and the atomic write.
  Target: ≥ 150 pages/s.
- reportlab alone: the same flowables rebuilt from their pre-extracted markup (each paragraph,
  a FastPara or a Paragraph as the sheet has it, from its text, style and bullet; spacers,
  tables and the like copied beforehand) and laid out by a plain ``BaseDocTemplate`` with the
  same page geometry, written to a file. Our time must be within 1.3× of it, measured in the
  same run, so our own layers add little.
- for reference, reportlab's own Paragraph: the same, with every FastPara rebuilt as a
  reportlab ``Paragraph`` of the same markup (what the sheet used before FastPara).

The sheet covers the stories of the journal's newest months, as many as make about 300 pages
(a first, untimed build finds out how many). Times are the CPU time of this process: both
builds run on this one thread, so on an idle machine it equals the wall-clock time, and on a
shared one it leaves out the time other programs took. The builds alternate (ours, then
reportlab alone; the slow Paragraph reference after the first few pairs only) and the
pages-per-second rows keep each side's fastest run, its wall-clock time in the note. The ratio
is the median of the eleven runs' own ratios (ours over the reportlab-alone run right after
it), which a drifting machine moves far less than the quotient of two best times; on this
machine one median still moved by about ±0.07 between identical runs with seven pairs.
"""

from __future__ import annotations

import copy
import io
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.harness import Context, Row

TARGET_PAGES_PER_S = 150.0
TARGET_RATIO = 1.3
TARGET_PAGES = 300
FIRST_GUESS_MONTHS = 18


class _Clock:
    """CPU seconds of this process (and wall-clock seconds) since it was made."""

    def __init__(self) -> None:
        self.cpu, self.wall = time.process_time(), time.perf_counter()

    def stop(self) -> tuple[float, float]:
        return time.process_time() - self.cpu, time.perf_counter() - self.wall


def _months_before(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def _newest(journal: Any) -> date:
    from imgjournal.services.entries import list_entries

    newest = list_entries(journal, limit=1)
    if not newest:
        raise RuntimeError("the benchmark journal has no entries")
    return newest[0].entry_date


def _options(start: date, end: date) -> Any:
    from imgjournal.export.pdf import SheetOptions

    return SheetOptions(date_from=start, date_to=end)


def _stories_per_month(journal: Any, end: date) -> dict[date, int]:
    """How many prompt links (stories on the sheet) each month of the last ten years holds."""
    from imgjournal.services.dto import EntryFilter
    from imgjournal.services.entries import list_entries

    counts: dict[date, int] = {}
    for e in list_entries(journal, EntryFilter(date_from=_months_before(end, 119), date_to=end)):
        month = e.entry_date.replace(day=1)
        counts[month] = counts.get(month, 0) + len(e.prompt_ids)
    return counts


def _start_for(counts: dict[date, int], end: date, stories: float) -> date:
    """The first day of the month from which the newest months hold about ``stories`` stories."""
    total = 0
    for back in range(120):
        month = _months_before(end, back)
        before, total = total, total + counts.get(month, 0)
        if total >= stories:
            # Stop at this month or the one after it, whichever comes closer.
            closer = back and stories - before < total - stories
            return _months_before(end, back - 1) if closer else month
    return _months_before(end, 119)


def _recipe(journal: Any, options: Any, *, plain: bool = False) -> list[Callable[[], Any]]:
    """Our study sheet's flowables as makers that rebuild them from pre-extracted text.

    ``plain`` rebuilds every FastPara as a reportlab Paragraph of the same markup.
    """
    from reportlab.platypus import Paragraph

    from imgjournal.export.pdf.data import gather
    from imgjournal.export.pdf.fastpara import FastPara
    from imgjournal.export.pdf.layout import Layout
    from imgjournal.export.pdf.options import check_options
    from imgjournal.export.pdf.sheets import study
    from imgjournal.export.pdf.styles import make_styles
    from imgjournal.export.pdf.template import SheetDocTemplate, TocRow

    options = check_options("study", options)
    doc = SheetDocTemplate(io.BytesIO(), title="study", paper=options.paper)
    story = study(gather(journal, "study", options), Layout(make_styles(), doc.frame_width))
    makers: list[Callable[[], Any]] = []
    for f in story:
        if isinstance(f, TocRow):
            f = f.para
        if isinstance(f, (FastPara, Paragraph)):
            cls, text, style = (Paragraph if plain else type(f)), f.text, f.style
            bullet = f.bulletText if isinstance(f.bulletText, str) else None
            makers.append(lambda c=cls, t=text, s=style, b=bullet: c(t, s, bulletText=b))
        else:
            makers.append(lambda f=f: copy.deepcopy(f))
    return makers


def _reportlab_alone(makers: list[Callable[[], Any]], out: Path) -> tuple[tuple[float, float], int]:
    """reportlab's own document template on our page geometry: no header, outline, contents."""
    from imgjournal.export.json_io import gc_paused
    from imgjournal.export.pdf.template import SheetDocTemplate

    ours = SheetDocTemplate(io.BytesIO(), title="")
    with gc_paused():  # as build_sheet does: both sides build under the same conditions
        return _build_alone(makers, out, ours)


def _build_alone(makers: list[Callable[[], Any]], out: Path, ours: Any) -> tuple[Any, int]:
    from reportlab.platypus import BaseDocTemplate, PageTemplate

    clock = _Clock()
    flowables = [make() for make in makers]
    doc = BaseDocTemplate(
        str(out),
        pagesize=ours.pagesize,
        leftMargin=ours.leftMargin,
        rightMargin=ours.rightMargin,
        topMargin=ours.topMargin,
        bottomMargin=ours.bottomMargin,
        pageTemplates=[PageTemplate("page", ours.pageTemplates[0].frames)],
    )
    doc.build(flowables)
    return clock.stop(), doc.page


def _ours(journal: Any, options: Any, out: Path) -> tuple[tuple[float, float], int]:
    from imgjournal.export.pdf import build_sheet

    clock = _Clock()
    result = build_sheet(journal, "study", out, options)
    return clock.stop(), result.pages


def run(ctx: Context) -> list[Row]:
    from imgjournal.db import Journal

    out = ctx.fresh_dir("pdf")
    runs = 1 if ctx.quick else 11
    plain_runs = 1 if ctx.quick else 3  # the reference row: 3.5 s a run, and no ratio
    ours: list[tuple[float, float]] = []
    alone: list[tuple[float, float]] = []
    plain: list[tuple[float, float]] = []
    pages = alone_pages = plain_pages = 0
    with Journal.open(ctx.home) as journal:
        # A first build warms fonts, imports and the SQLite cache, and shows how many stories
        # fill a page of this journal; the timed sheet then takes as many of the newest months
        # as hold about 300 pages of stories (journals are not equally dense month by month).
        end = _newest(journal)
        counts = _stories_per_month(journal, end)
        first = _months_before(end, FIRST_GUESS_MONTHS - 1)
        _, guess_pages = _ours(journal, _options(first, end), out / "warm.pdf")
        per_page = sum(n for m, n in counts.items() if m >= first) / max(guess_pages, 1)
        options = _options(_start_for(counts, end, TARGET_PAGES * per_page), end)
        makers = _recipe(journal, options)
        plain_makers = _recipe(journal, options, plain=True)
        for run in range(runs):
            seconds, pages = _ours(journal, options, out / "study.pdf")
            ours.append(seconds)
            seconds, alone_pages = _reportlab_alone(makers, out / "reportlab.pdf")
            alone.append(seconds)
            if run < plain_runs:
                seconds, plain_pages = _reportlab_alone(plain_makers, out / "paragraph.pdf")
                plain.append(seconds)
    (best, best_wall), (best_alone, alone_wall) = min(ours), min(alone)
    # The machine's speed drifts between runs; a run of ours and the reportlab-alone run right
    # after it see the same speed, so the ratio is taken run by run (the best times of each
    # side may come from different minutes: their quotient swung from 1.0 to 1.5).
    ratios = [o / a for (o, _), (a, _) in zip(ours, alone, strict=True)]
    ratio = statistics.median(ratios)
    best_plain, plain_wall = min(plain)
    span = f"stories of {options.date_from} to {options.date_to}"
    note = f"{pages} pages ({span}) in {best:.2f} s CPU ({best_wall:.2f} s wall), best of {runs}"
    return [
        Row.at_least(
            "pdf: study sheet, pages per second", TARGET_PAGES_PER_S, pages / best, "pages/s", note
        ),
        Row.info(
            "pdf: reportlab alone, same flowables",
            alone_pages / best_alone,
            "pages/s",
            f"{alone_pages} pages in {best_alone:.2f} s CPU ({alone_wall:.2f} s wall), best of "
            f"{runs}: the ceiling at this page density on this machine",
        ),
        Row.info(
            "pdf: reportlab alone, every FastPara as a Paragraph",
            plain_pages / best_plain,
            "pages/s",
            f"{plain_pages} pages in {best_plain:.2f} s CPU ({plain_wall:.2f} s wall), best of "
            f"{len(plain)}: reportlab's own Paragraph, for reference",
        ),
        Row.at_most(
            "pdf: our time ÷ reportlab alone",
            TARGET_RATIO,
            ratio,
            "×",
            f"median of the {runs} runs' ratios, each run ours then reportlab alone "
            f"({min(ratios):.2f}–{max(ratios):.2f}×); gathering, Markdown, header/footer, "
            "outline and contents included",
        ),
    ]
