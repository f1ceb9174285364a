"""The Print dialog's preview: the pages of a PDF as images in a plain scroll area.

The pages are rendered by pdfium (the ``pypdfium2`` wheel bundles it), not by Qt's PDF module,
which is in the PySide6-Addons wheel and missing from some PySide6 Linux wheels. Each page is
an image as wide as the view (fit to width), rendered at the widget's device pixel ratio so the
glyphs stay sharp on a high-density screen, and again when the width or the ratio changes. Only
the pages in view (and the next screenful) are rendered, so a 300-page sheet shows at once,
and the images of pages scrolled far away are let go, so it does not fill the memory either.

:meth:`PagePreview.load` reads the whole file into memory and forgets the previous document
and every image of it: the preview shows the file just loaded, never an earlier one, and holds
no file open (the dialog removes previews it no longer shows).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget

MARGIN = 12  # pixels around the pages
SPACING = 12  # pixels between two pages
MIN_PAGE_WIDTH = 60
ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)  # of the width that fits the view


def open_pdf(path: Path) -> Any:
    """The PDF at ``path`` as a pdfium document, read into memory (no file is held open)."""
    import pypdfium2

    return pypdfium2.PdfDocument(Path(path).read_bytes())


def render_page(pdf: Any, index: int, width: int) -> QImage:
    """Page ``index`` of ``pdf`` as an opaque image ``width`` pixels wide (white paper)."""
    import pypdfium2.raw as pdfium_c

    page = pdf[index]
    try:
        points = page.get_width()
        bitmap = page.render(
            scale=max(width, 1) / points,
            may_draw_forms=False,
            force_bitmap_format=pdfium_c.FPDFBitmap_BGRx,
            rev_byteorder=True,  # R, G, B, x in memory on every CPU: QImage's RGBX8888
        )
        try:
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGBX8888,
            )
            return image.copy()  # detached from pdfium's buffer, which is freed below
        finally:
            bitmap.close()
    finally:
        page.close()


def print_pdf_pages(pdf: Any, printer: Any, first: int, last: int, dpi: int) -> bool:
    """Render pages ``first``..``last`` (0-based, inclusive) of ``pdf`` onto ``printer`` at
    ``dpi``; False when the printer could not be started."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        for i in range(first, last + 1):
            if i > first:
                printer.newPage()
            width_pt, height_pt = pdf.get_page_size(i)
            pixels = QSize(round(width_pt / 72 * dpi), round(height_pt / 72 * dpi))
            image = render_page(pdf, i, pixels.width())
            area = painter.viewport()
            fitted = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(area.topLeft(), fitted), image)
    finally:
        painter.end()
    return True


class PageImage(QWidget):
    """One page: white paper until its image is rendered, then the image, drawn at the
    widget's size (the image has the device pixel ratio it was rendered for)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._pixmap = QPixmap()

    def pixmap(self) -> QPixmap:
        return self._pixmap

    def set_pixmap(self, pixmap: QPixmap) -> None:
        self._pixmap = pixmap
        self.update()

    def paintEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        if not self._pixmap.isNull():
            size = self._pixmap.deviceIndependentSize().toSize()
            if abs(size.width() - self.width()) <= 1 and abs(size.height() - self.height()) <= 1:
                # Rendered for this size: drawn pixel for pixel. Scaling it by a pixel or
                # two without smoothing drops whole columns of pixels, and thin strokes of
                # small glyphs with them.
                painter.drawPixmap(0, 0, self._pixmap)
            else:  # between a resize and the new rendering: smoothed, never dropped
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
                painter.drawPixmap(self.rect(), self._pixmap)
        painter.end()


class PagePreview(QScrollArea):
    """Every page of one PDF, one under the other, as wide as the view times the zoom.

    ``source`` is what the dialog said the document is (its preview job) and ``generation``
    counts the documents loaded (and clears): a test, or the dialog, can tell the pages shown
    are those of the sheet just laid out. Each page is rendered at its on-screen width times
    the device pixel ratio, so a glyph gets the pixels it covers at any zoom, and rendered
    again when the zoom, the width or the ratio changes.
    """

    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printPreview")
        self.setWidgetResizable(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setBackgroundRole(QPalette.ColorRole.Dark)
        self._pages = QWidget()
        self._pages.setObjectName("printPreviewPages")
        self.setWidget(self._pages)
        self._pdf: Any = None
        self.path: Path | None = None
        self.source: Any = None  # what the document is, as the loader said (load's source)
        self.generation = 0  # documents loaded or cleared so far
        self._zoom = 1.0
        self._sizes: list[tuple[float, float]] = []  # each page's width and height in points
        self._page_widgets: list[PageImage] = []
        self._rendered: dict[int, tuple[int, float]] = {}  # page: (width, ratio) it shows
        # What the view says when it shows no pages (nothing to print yet, a choice to make).
        self.message = QLabel(self.viewport(), objectName="printPreviewMessage", wordWrap=True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setAutoFillBackground(True)  # a card in the window's own colours
        self.message.setBackgroundRole(QPalette.ColorRole.Window)
        self.message.setForegroundRole(QPalette.ColorRole.WindowText)
        self.message.setMargin(16)
        self.message.hide()
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.render_visible)
        self.verticalScrollBar().valueChanged.connect(self._timer.start)

    # ---- the document ---------------------------------------------------------------------
    def load(self, path: Path, source: Any = None) -> int:
        """Show the PDF at ``path`` (and nothing of the one before); returns its page count.
        ``source`` is kept as :attr:`source` (what the document is)."""
        pdf = open_pdf(path)
        self.clear()
        self.show_message("")
        self._pdf = pdf
        self.path = Path(path)
        self.source = source
        self._sizes = [pdf.get_page_size(i) for i in range(len(pdf))]
        for i in range(len(self._sizes)):
            page = PageImage(self._pages)
            page.setObjectName(f"printPage{i + 1}")
            page.show()
            self._page_widgets.append(page)
        self.verticalScrollBar().setValue(0)
        self._place_pages()
        self._timer.start()
        return len(self._sizes)

    def clear(self) -> None:
        """Show nothing and let go of the document."""
        self._timer.stop()
        for page in self._page_widgets:
            page.deleteLater()
        self._page_widgets = []
        self._sizes = []
        self._rendered = {}
        if self._pdf is not None:
            self._pdf.close()
        self._pdf = None
        self.path = None
        self.source = None
        self.generation += 1
        self._place_pages()

    def show_message(self, text: str) -> None:
        """Say ``text`` in the middle of the view (with no pages shown); "" hides it."""
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self._place_message()

    def _place_message(self) -> None:
        view = self.viewport().rect()
        width = min(view.width() - 4 * MARGIN, 460)
        height = self.message.heightForWidth(width) if width > 0 else 0
        self.message.setGeometry(
            (view.width() - width) // 2, max(0, (view.height() - height) // 2), width, height
        )

    @property
    def document(self) -> Any:
        """The pdfium document shown (None when nothing is)."""
        return self._pdf

    @property
    def page_count(self) -> int:
        return len(self._sizes)

    def page_size(self, index: int) -> tuple[float, float]:
        """Page ``index``'s width and height in points."""
        return self._sizes[index]

    def page_widgets(self) -> list[PageImage]:
        """One widget per page, in order; a page in view shows its image."""
        return list(self._page_widgets)

    def page_image(self, index: int) -> QImage:
        """The image page ``index`` shows now (a null image before it is rendered)."""
        return self._page_widgets[index].pixmap().toImage()

    # ---- layout and rendering ---------------------------------------------------------------
    def fit_width(self) -> int:
        """The pages' width at zoom 1: the view's, less the margins."""
        return max(MIN_PAGE_WIDTH, self.viewport().width() - 2 * MARGIN)

    def page_width(self) -> int:
        """The pages' width in device-independent pixels: the fitting width times the zoom."""
        return max(MIN_PAGE_WIDTH, round(self.fit_width() * self._zoom))

    @property
    def zoom(self) -> float:
        return self._zoom

    def set_zoom(self, zoom: float) -> None:
        """Show the pages ``zoom`` times as wide as the view (1: fit the width); the pages in
        view are rendered again at the new size."""
        zoom = min(max(zoom, ZOOMS[0]), ZOOMS[-1])
        if zoom == self._zoom:
            return
        self._zoom = zoom
        self.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded
            if zoom > 1
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        self._place_pages()
        self._timer.start()
        self.zoom_changed.emit(zoom)

    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOMS if z > self._zoom + 1e-9), ZOOMS[-1]))

    def zoom_out(self) -> None:
        self.set_zoom(next((z for z in reversed(ZOOMS) if z < self._zoom - 1e-9), ZOOMS[0]))

    def pixels_per_point(self, index: int) -> float:
        """The scale page ``index`` is rendered at now (device pixels per PDF point; 0 before
        it is rendered)."""
        shown = self._rendered.get(index)
        if shown is None:
            return 0.0
        width, ratio = shown
        return width * ratio / self._sizes[index][0]

    def _place_pages(self) -> None:
        width = self.page_width()
        y = MARGIN
        for i, page in enumerate(self._page_widgets):
            w_pt, h_pt = self._sizes[i]
            height = max(1, round(width * h_pt / w_pt))
            if page.width() != width:
                self._rendered.pop(i, None)
            page.setGeometry(MARGIN, y, width, height)
            y += height + SPACING
        total = y - SPACING + MARGIN if self._page_widgets else 0
        wide = max(self.viewport().width(), width + 2 * MARGIN)
        self._pages.resize(wide, max(total, self.viewport().height()))

    def render_visible(self) -> None:
        """Render the pages in view and the next screenful, at the device pixel ratio."""
        if self._pdf is None:
            return
        ratio = self.devicePixelRatioF()
        view = self.viewport().height()
        top = self.verticalScrollBar().value() - view // 2
        bottom = self.verticalScrollBar().value() + 2 * view
        for i, page in enumerate(self._page_widgets):
            if page.y() + page.height() < top - 2 * view or page.y() > bottom + 2 * view:
                if i in self._rendered:  # far from the view: let go of its image
                    page.set_pixmap(QPixmap())
                    del self._rendered[i]
                continue
            if page.y() + page.height() < top or page.y() > bottom:
                continue
            wanted = (page.width(), ratio)
            if self._rendered.get(i) == wanted:
                continue
            image = render_page(self._pdf, i, round(page.width() * ratio))
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            page.set_pixmap(pixmap)
            self._rendered[i] = wanted

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._place_pages()
        self._place_message()
        self._timer.start()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._place_pages()
        self._timer.start()

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DevicePixelRatioChange, QEvent.Type.ScreenChangeInternal):
            self._timer.start()  # render_visible sees the new ratio and renders again
        return super().event(event)
