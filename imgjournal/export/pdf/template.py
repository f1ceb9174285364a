"""The page template every sheet is printed with (reportlab's ``rltemplate`` idea).

* A header with the sheet's title and the user's name, a footer with "Page X of Y".
* PDF bookmarks (the outline) from flowables marked with :func:`outlined`, set in
  ``afterFlowable`` where the page of each flowable is known.
* A table of contents in one layout pass: the page numbers in the contents and the "of Y" in the
  footer are PDF form XObjects, drawn by reference while the pages are laid out and defined once
  the last page is known. reportlab's own TableOfContents needs ``multiBuild`` (the whole
  document laid out two or three times); this keeps long sheets fast.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from imgjournal.export.pdf import fonts
from imgjournal.export.pdf.fastpara import FastPara, ascii_text_code, para
from imgjournal.export.pdf.styles import INK, MUTED, RULE

# Compressed streams go into the file as binary rather than ASCII85 text, reportlab's default
# (made for 7-bit mail of the 1990s): files are about 16% smaller and no page pays for an
# encoding pass. A process-wide reportlab setting; imgjournal is its only user here.
rl_config.useA85 = 0

PAPER_SIZES = {"a4": A4, "letter": LETTER}

# Called with the fraction done (0..1) and the number of pages laid out so far.
PageProgress = Callable[[float, int], None]

_TOTAL_FORM = "imgjTotal"
_FURNITURE_FORM = "imgjFurniture"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(d: date) -> str:
    """``12 Mar 2026``: unambiguous in every country, independent of the locale."""
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


@dataclass(frozen=True)
class OutlineMark:
    key: str
    title: str
    level: int
    closed: bool = False


def outlined(
    flowable: Flowable, key: str, title: str, level: int, *, closed: bool = False
) -> Flowable:
    """Mark ``flowable`` as the start of an outline (bookmark) entry; returns it."""
    flowable._imgj_outline = OutlineMark(key, fonts.printable(title), level, closed)  # type: ignore[attr-defined]
    return flowable


class KeepRoom(Flowable):
    """Move on to the next column or page unless ``height`` points are left in this one.

    Put before a heading so it never ends a page alone. reportlab's ``keepWithNext`` does the
    same by laying the following flowables out twice, which cost a fifth of a long build;
    this checks one number. ``height`` is capped so it always fits in a fresh frame.
    """

    _MAX = 150.0

    def __init__(self, height: float) -> None:
        super().__init__()
        self.room = min(height, self._MAX)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if avail_height >= self.room:
            return 0, 0
        return avail_width, avail_height + 1  # too tall here: the frame moves on

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802
        pass  # nothing to draw: skip Flowable's saved state and translation

    def draw(self) -> None:
        pass


def _page_form(key: str) -> str:
    return f"imgjP{key}"


class TocRow(Flowable):
    """One line of the contents: a title, dot leaders and the page where ``key`` starts.

    The page number is a form defined after layout (see the module docstring); the row links
    to the bookmark ``key``.
    """

    _NUMBER_WIDTH = 30.0

    def __init__(self, markup: str, key: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.key = key
        self.style = style
        self.para = para(markup, style)
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, h = self.para.wrap(avail_width - self._NUMBER_WIDTH, avail_height)
        self.width, self.height = avail_width, h
        return avail_width, h

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        canv = self.canv
        text, style = self.para, self.style
        text.drawOn(canv, 0, 0)
        if isinstance(text, FastPara):
            x_end, count = text.last_line_end(), text.line_count
        else:
            lines = text.blPara.lines
            last = lines[-1] if lines else None
            extra = (last[0] if isinstance(last, tuple) else last.extraSpace) if last else 0
            text_width = text.width - style.leftIndent - style.rightIndent
            if len(lines) == 1:
                text_width -= style.firstLineIndent
            x_end, count = style.leftIndent + text_width - extra, len(lines)
        y = self.height - style.fontSize - (count - 1) * style.leading
        leader_end = self.width - self._NUMBER_WIDTH + 4
        if leader_end - x_end > 12:
            canv.saveState()
            canv.setStrokeColor(RULE)
            canv.setLineWidth(0.6)
            canv.setDash(0.6, 2.6)
            canv.line(x_end + 5, y + 1.5, leader_end, y + 1.5)
            canv.restoreState()
        canv.saveState()
        canv.translate(self.width, y)
        canv.doForm(_page_form(self.key))
        canv.restoreState()
        canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)
        doc = getattr(canv, "_doctemplate", None)
        if doc is not None:
            doc.toc_numbers[self.key] = (style.fontName, style.fontSize)


class SheetDocTemplate(BaseDocTemplate):
    """A4 or US Letter pages with the sheet's header and footer, outline and contents."""

    def __init__(
        self,
        target: Any,
        *,
        title: str,
        name: str = "",
        paper: str = "a4",
        columns: int = 1,
        printed: date | None = None,
        progress: PageProgress | None = None,
        subject: str = "",
    ) -> None:
        fonts.register_fonts()
        # Drawn with fonts.draw_string, which prints what DejaVu lacks in another font.
        self.sheet_title = fonts.clean(title)
        self.user_name = fonts.clean(name.strip())
        self.printed = printed or date.today()
        self.progress = progress
        self.page_of: dict[str, int] = {}
        self.toc_numbers: dict[str, tuple[str, float]] = {}
        self.pages = 0
        self._story: list[Flowable] = []
        self._story_size = 1
        self._last_level = -1
        margin = 17 * mm
        super().__init__(
            target,
            pagesize=PAPER_SIZES[paper],
            leftMargin=margin,
            rightMargin=margin,
            topMargin=21 * mm,
            bottomMargin=19 * mm,
            title=self.sheet_title + (f" — {self.user_name}" if self.user_name else ""),
            author=self.user_name,
            subject=subject,
            creator="imgjournal",
            allowSplitting=1,
        )
        gutter = 7 * mm
        if columns == 1:
            frames = [self._frame("body", self.leftMargin, self.width)]
        else:
            col = (self.width - gutter * (columns - 1)) / columns
            frames = [
                self._frame(f"col{i}", self.leftMargin + i * (col + gutter), col)
                for i in range(columns)
            ]
        self.addPageTemplates([PageTemplate("sheet", frames, onPage=self._furniture)])

    def _frame(self, ident: str, x: float, width: float) -> Frame:
        return Frame(
            x,
            self.bottomMargin,
            width,
            self.height,
            id=ident,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )

    @property
    def frame_width(self) -> float:
        return self.pageTemplates[0].frames[0].width

    # -- building ---------------------------------------------------------------------------
    def build(self, flowables: list[Flowable], **kw: Any) -> None:  # type: ignore[override]
        self._story = flowables
        self._story_size = max(1, len(flowables))
        super().build(flowables, **kw)

    def afterFlowable(self, flowable: Flowable) -> None:
        mark: OutlineMark | None = getattr(flowable, "_imgj_outline", None)
        if mark is None or mark.key in self.page_of:
            return
        canv = self.canv
        self.page_of[mark.key] = self.page
        top = self.frame._y + getattr(flowable, "height", 0) + 6
        canv.bookmarkPage(mark.key, fit="XYZ", left=0, top=top)
        level = min(mark.level, self._last_level + 1)  # outline levels may not skip
        self._last_level = level
        canv.addOutlineEntry(mark.title, mark.key, level, closed=mark.closed)

    def afterPage(self) -> None:
        self.pages = self.page
        if self.progress is not None:
            done = 1 - len(self._story) / self._story_size
            self.progress(min(max(done, 0.0), 1.0), self.page)

    def _endBuild(self) -> None:
        self._doSave = 0
        super()._endBuild()
        self._doSave = 1
        canv = self.canv
        self.pages = canv.getPageNumber() - 1
        self._furniture_form()
        self._number_form(_TOTAL_FORM, str(self.pages), fonts.SANS, 7.5, MUTED, right=False)
        for key, (font, size) in self.toc_numbers.items():
            page = self.page_of.get(key)
            self._number_form(_page_form(key), str(page) if page else "–", font, size, INK)
        canv.save()

    def _number_form(
        self, name: str, text: str, font: str, size: float, color: Any, *, right: bool = True
    ) -> None:
        canv = self.canv
        width = stringWidth(text, font, size)
        canv.beginForm(name, lowerx=-width - 2, lowery=-size, upperx=width + 2, uppery=size * 2)
        canv.setFont(font, size)
        canv.setFillColor(color)
        if right:
            canv.drawRightString(0, 0, text)
        else:
            canv.drawString(0, 0, text)
        canv.endForm()

    # -- page furniture -----------------------------------------------------------------
    def _furniture(self, canv: Any, doc: Any) -> None:
        # The header and the printed note are the same on every page: one form, drawn by
        # reference (defined in _endBuild); only "Page X of" is written on each page.
        canv.doForm(_FURNITURE_FORM)
        size = 7.5
        label = f"Page {doc.page} of "
        left, y = self.leftMargin, self.bottomMargin - 9 * mm
        end = left + stringWidth(label, fonts.SANS, size)
        code = ascii_text_code(canv, label, fonts.SANS, size, MUTED, left, y)
        if code is not None:  # the same marks as below, at a fifth of the cost per page
            canv._code.append(f"q {code} 1 0 0 1 {end:.2f} {y:.2f} cm")
            canv.doForm(_TOTAL_FORM)
            canv._code.append("Q")
            return
        canv.saveState()
        canv.setFont(fonts.SANS, size)
        canv.setFillColor(MUTED)
        canv.drawString(left, y, label)
        canv.translate(end, y)
        canv.doForm(_TOTAL_FORM)
        canv.restoreState()

    def _furniture_form(self) -> None:
        canv = self.canv
        page_w, page_h = self.pagesize
        left, right = self.leftMargin, page_w - self.rightMargin
        size = 7.5
        canv.beginForm(_FURNITURE_FORM)
        canv.setFont(fonts.SANS, size)
        canv.setFillColor(MUTED)
        y = page_h - self.topMargin + 7 * mm
        name_w = fonts.width(self.user_name, fonts.SANS, size) if self.user_name else 0
        room = right - left - name_w - (12 if name_w else 0)
        title = fit_text(self.sheet_title, fonts.SANS, size, room)
        fonts.draw_string(canv, left, y, title, fonts.SANS, size)
        if self.user_name:
            fonts.draw_string(canv, right, y, self.user_name, fonts.SANS, size, right=True)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(left, y - 2.6 * mm, right, y - 2.6 * mm)
        y = self.bottomMargin - 9 * mm
        canv.drawRightString(right, y, f"imgjournal · printed {short_date(self.printed)}")
        canv.endForm()


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis to fit ``width`` points."""
    if stringWidth(text, font, size) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if stringWidth(text[:mid] + "…", font, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"
