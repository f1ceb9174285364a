"""The privacy guard while typing: findings underlined in every text field, never in the way.

The checker is the core's (:func:`imgjournal.services.privacy.scan_text`, over
:mod:`imgjournal.deid`). This module decides when it runs and shows what it found:

- :class:`PrivacyGuard` (one per window) runs the checker on a thread of its own (not the
  task runner, which is for the database) and holds the journal's allow-list;
- :class:`PrivacyWatch` watches a set of fields (the editor's body, title, case and feedback
  fields; an answer draft): ~300 ms after typing pauses it sends their texts to the guard, and
  applies the result only if the texts are still what was checked (otherwise a newer check is
  on its way). Plain-text fields get a red wavy underline (extra selections, so the Markdown
  highlighter is untouched); one-line fields a wavy line drawn under the span by
  :class:`LineMarks`. Fixes go through the widget's own undo stack, so Ctrl+Z undoes them.

Nothing typed is held back: entries save whatever they hold; the gates ask before text leaves.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QStyle, QTextEdit, QWidget

log = logging.getLogger(__name__)

CHECK_DELAY_MS = 300
MARK_COLOUR = "#d93025"

TextWidget = QLineEdit | QPlainTextEdit


def text_of(widget: QWidget) -> str:
    return widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Spot:
    """One finding in one watched field (``finding`` has start, end, kind, text, suggestion
    and label, as :mod:`imgjournal.deid` makes them)."""

    field: str
    finding: Any

    @property
    def key(self) -> tuple[str, int, int, str, str]:
        f = self.finding
        return (self.field, f.start, f.end, f.kind, f.text)


class _Relay(QObject):
    done = Signal(int, object)  # ticket, {field: [findings]}


class PrivacyGuard(QObject):
    """Runs the checker off the UI thread and holds the journal's allow-list.

    ``persist_allowed(phrase)`` (set by the window) stores a phrase marked "Not an identifier";
    the phrase counts at once, everywhere the guard checks.
    """

    allowed_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._deliver)
        self._tickets = itertools.count(1)
        self._waiting: dict[int, Callable[[dict[str, list[Any]]], None]] = {}
        self._allowed: tuple[str, ...] = ()
        self.persist_allowed: Callable[[str], None] | None = None

    def allowed(self) -> tuple[str, ...]:
        return self._allowed

    def set_allowed(self, phrases: Iterable[str]) -> None:
        phrases = tuple(phrases)
        if phrases != self._allowed:
            self._allowed = phrases
            self.allowed_changed.emit()

    def mark_allowed(self, phrase: str) -> None:
        """The user says ``phrase`` is not an identifier: it stops counting everywhere."""
        if phrase.strip().casefold() not in {a.casefold() for a in self._allowed}:
            self.set_allowed((*self._allowed, phrase.strip()))
        if self.persist_allowed is not None:
            self.persist_allowed(phrase.strip())

    def scan(
        self, texts: Mapping[str, str], on_done: Callable[[dict[str, list[Any]]], None]
    ) -> int:
        """Check ``texts`` (field -> text) on the guard's thread; ``on_done`` gets the findings
        per field on the UI thread. Returns the request's ticket."""
        texts, allow = dict(texts), self._allowed

        def work() -> dict[str, list[Any]]:
            from imgjournal.services.privacy import scan_text

            return {k: scan_text(v, allow) if v.strip() else [] for k, v in texts.items()}

        return self.run(work, on_done, fallback={})

    def run(
        self, fn: Callable[[], Any], on_done: Callable[[Any], None], fallback: Any = None
    ) -> int:
        """Run ``fn`` on the guard's thread; ``on_done(result)`` on the UI thread (with
        ``fallback`` if ``fn`` raised: the checker failing must never stop typing)."""
        ticket = next(self._tickets)
        self._waiting[ticket] = on_done
        relay = self._relay

        def work() -> None:
            try:
                result = fn()
            except Exception:
                log.exception("the privacy check failed")
                result = fallback
            relay.done.emit(ticket, result)

        self._pool.start(work)
        return ticket

    def _deliver(self, ticket: int, result: dict[str, list[Any]]) -> None:
        callback = self._waiting.pop(ticket, None)
        if callback is not None:
            callback(result)

    def forget(self, ticket: int) -> None:
        self._waiting.pop(ticket, None)

    def close(self) -> None:
        """No more results: what is under way finishes, nothing is delivered."""
        self._waiting.clear()
        self._pool.clear()
        self._pool.waitForDone(5000)

    def wait(self, msecs: int = 5000) -> bool:
        """Block until the checks asked for have run (shutdown and tests)."""
        return self._pool.waitForDone(msecs)


def _underline_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(QColor(MARK_COLOUR))
    return fmt


def wave_path(x0: float, x1: float, y: float, amp: float = 1.5, step: float = 3.0) -> QPainterPath:
    path = QPainterPath(QPointF(x0, y))
    x, up = x0, True
    while x < x1:
        nx = min(x + step, x1)
        path.quadTo(QPointF((x + nx) / 2, y - amp if up else y + amp), QPointF(nx, y))
        x, up = nx, not up
    return path


class LineMarks(QWidget):
    """Draws a red wavy line under spans of a QLineEdit's text (it has no rich text).

    Transparent to the mouse, laid over the whole field; when the text is wider than the field
    (it scrolls), the whole visible width is marked, since the scroll offset is not public.
    """

    def __init__(self, line: QLineEdit) -> None:
        super().__init__(line)
        self._line = line
        self._spans: list[tuple[int, int]] = []
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setObjectName("privacyLineMarks")
        line.installEventFilter(self)
        self.hide()

    def spans(self) -> list[tuple[int, int]]:
        return list(self._spans)

    def set_spans(self, spans: list[tuple[int, int]]) -> None:
        self._spans = spans
        self.setVisible(bool(spans))
        self.setGeometry(self._line.rect())
        self.update()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if obj is self._line and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._line.rect())
        return False

    def paintEvent(self, _event: Any) -> None:  # noqa: N802 - Qt override
        line = self._line
        if not self._spans:
            return
        fm = line.fontMetrics()
        frame = (
            line.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth)
            if line.hasFrame()
            else 0
        )
        left = line.contentsRect().left() + line.textMargins().left() + frame + 2
        right = line.width() - frame - 2
        text = line.text()
        base = (line.height() + fm.height()) / 2 + 1.5
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(MARK_COLOUR), 1.2))
        scrolled = left + fm.horizontalAdvance(text) > right
        for start, end in self._spans:
            if scrolled:
                x0, x1 = left, right
            else:
                x0 = left + fm.horizontalAdvance(text[:start])
                x1 = left + fm.horizontalAdvance(text[:end])
            painter.drawPath(wave_path(x0, max(x1, x0 + 6), min(base, line.height() - 3)))
            if scrolled:
                break
        painter.end()


class PrivacyWatch(QObject):
    """Checks a set of fields after typing pauses; underlines and lists what it finds.

    ``fields()`` returns the watched widgets by field key (it may change with the entry kind);
    ``edited`` is a signal that fires on user edits. ``findings_changed`` fires when the list
    of spots changes.
    """

    findings_changed = Signal()

    def __init__(
        self,
        parent: QObject,
        fields: Callable[[], Mapping[str, TextWidget]],
        guard: PrivacyGuard | None = None,
        *,
        edited: Any = None,
        enabled: Callable[[], bool] = lambda: True,
    ) -> None:
        super().__init__(parent)
        self._fields = fields
        self._enabled = enabled
        self.guard = guard or PrivacyGuard(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check_now)
        self._ticket = 0
        self.spots: list[Spot] = []
        self._marks: dict[int, LineMarks] = {}
        self._seen: set[Any] = set()
        self._format = _underline_format()
        self.checks = 0  # checks applied (tests wait on it)
        if edited is not None:
            edited.connect(self.schedule)
        self.guard.allowed_changed.connect(self.check_now)

    def set_guard(self, guard: PrivacyGuard) -> None:
        self.guard.allowed_changed.disconnect(self.check_now)
        self.guard = guard
        guard.allowed_changed.connect(self.check_now)
        self.check_now()

    def schedule(self, *_: object) -> None:
        self._timer.start()

    def check_now(self) -> None:
        """Ask for a check of what the fields hold now (the result arrives later)."""
        self._timer.stop()
        if self._ticket:
            self.guard.forget(self._ticket)
        if not self._enabled():
            self._ticket = 0
            self._show({}, {})
            return
        texts = {key: text_of(w) for key, w in self._fields().items()}
        self._ticket = self.guard.scan(texts, lambda result: self._arrived(texts, result))

    def _arrived(self, texts: dict[str, str], result: dict[str, list[Any]]) -> None:
        self._ticket = 0
        widgets = self._fields()
        if any(key not in widgets or text_of(widgets[key]) != text for key, text in texts.items()):
            self.schedule()  # typed meanwhile: the newer text is checked after the pause
            return
        self._show(widgets, result)

    def _show(self, widgets: Mapping[str, TextWidget], result: dict[str, list[Any]]) -> None:
        spots = [Spot(key, f) for key in widgets for f in result.get(key, ())]
        for key, w in widgets.items():
            self._mark(w, [s.finding for s in spots if s.field == key])
        for w in self._known_widgets() - set(widgets.values()):
            self._mark(w, [])
        self.checks += 1
        if [s.key for s in spots] != [s.key for s in self.spots]:
            self.spots = spots
            self.findings_changed.emit()

    def _known_widgets(self) -> set[Any]:
        return set(self._seen)

    def _mark(self, widget: TextWidget, findings: list[Any]) -> None:
        self._seen.add(widget)
        plain = widget.property("plainToolTip")
        if plain is None:
            plain = widget.toolTip()
            widget.setProperty("plainToolTip", plain)
        tip = "\n".join(
            f"“{f.text}” looks like {f.label}: write “{f.suggestion}”?" for f in findings
        )
        widget.setToolTip("\n".join(x for x in (tip, plain) if x))
        if isinstance(widget, QPlainTextEdit):
            selections = []
            doc = widget.document()
            for f in findings:
                sel = QTextEdit.ExtraSelection()
                cursor = QTextCursor(doc)
                cursor.setPosition(min(f.start, doc.characterCount() - 1))
                cursor.setPosition(
                    min(f.end, doc.characterCount() - 1), QTextCursor.MoveMode.KeepAnchor
                )
                sel.cursor = cursor  # type: ignore[attr-defined]
                sel.format = self._format  # type: ignore[attr-defined]
                selections.append(sel)
            widget.setExtraSelections(selections)
            return
        marks = self._marks.get(id(widget))
        if marks is None and findings:
            marks = self._marks[id(widget)] = LineMarks(widget)
        if marks is not None:
            marks.set_spans([(f.start, f.end) for f in findings])

    def line_marks(self, widget: QLineEdit) -> list[tuple[int, int]]:
        marks = self._marks.get(id(widget))
        return marks.spans() if marks is not None else []

    # -- acting on a finding ----------------------------------------------------------------
    def widget(self, spot: Spot) -> TextWidget | None:
        return self._fields().get(spot.field)

    def _current(self, spot: Spot) -> TextWidget | None:
        w = self.widget(spot)
        f = spot.finding
        if w is None or text_of(w)[f.start : f.end] != f.text or w.isReadOnly():
            return None
        return w

    def apply_fix(self, spot: Spot) -> bool:
        """Replace the span with the suggestion through the widget's undo stack."""
        w = self._current(spot)
        if w is None:
            self.check_now()
            return False
        f = spot.finding
        if isinstance(w, QPlainTextEdit):
            cursor = QTextCursor(w.document())
            cursor.setPosition(f.start)
            cursor.setPosition(f.end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(f.suggestion)
        else:
            w.setSelection(f.start, f.end - f.start)
            w.insert(f.suggestion)
        self.spots = [s for s in self.spots if s != spot]
        self.findings_changed.emit()
        self.check_now()
        return True

    def apply_all(self) -> int:
        """Apply every suggestion: one undo step per field."""
        done = 0
        by_field: dict[str, list[Spot]] = {}
        for s in self.spots:
            by_field.setdefault(s.field, []).append(s)
        for spots in by_field.values():
            w = self._current(spots[0])
            if w is None:
                continue
            text = text_of(w)
            if any(text[s.finding.start : s.finding.end] != s.finding.text for s in spots):
                continue
            if isinstance(w, QPlainTextEdit):
                cursor = QTextCursor(w.document())
                cursor.beginEditBlock()
                for s in sorted(spots, key=lambda s: -s.finding.start):
                    cursor.setPosition(s.finding.start)
                    cursor.setPosition(s.finding.end, QTextCursor.MoveMode.KeepAnchor)
                    cursor.insertText(s.finding.suggestion)
                cursor.endEditBlock()
            else:
                new = text
                for s in sorted(spots, key=lambda s: -s.finding.start):
                    f = s.finding
                    new = new[: f.start] + f.suggestion + new[f.end :]
                w.selectAll()
                w.insert(new)
            done += len(spots)
        self.spots = []
        self.findings_changed.emit()
        self.check_now()
        return done

    def not_identifier(self, spot: Spot) -> None:
        """Remember the span's text as not an identifier, for the whole journal."""
        self.guard.mark_allowed(spot.finding.text)

    def reveal(self, spot: Spot) -> None:
        """Put the cursor on the finding (select it) so the user sees it in context."""
        w = self.widget(spot)
        if w is None:
            return
        f = spot.finding
        w.setFocus()
        if isinstance(w, QPlainTextEdit):
            cursor = QTextCursor(w.document())
            cursor.setPosition(min(f.start, len(text_of(w))))
            cursor.setPosition(min(f.end, len(text_of(w))), QTextCursor.MoveMode.KeepAnchor)
            w.setTextCursor(cursor)
            w.ensureCursorVisible()
        else:
            w.setSelection(f.start, f.end - f.start)
