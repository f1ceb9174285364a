"""The Practice page: start a round (what is due, one category, a mock interview) above the
numbers at a glance: attempts per day, prompts due today, average time against target."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from imgjournal.db import Journal
from imgjournal.services import prep_stats
from imgjournal.services.dto import DayCount, ProgressStats
from imgjournal.services.prep_text import format_seconds
from imgjournal.ui import errors as ui_errors
from imgjournal.ui.prep.common import GOOD, WARN, mute, scaled_font
from imgjournal.ui.taskrunner import Ops, Runner

DAYS = 14


class DayBars(QWidget):
    """Attempts per day as bars, in the palette's highlight colour, days labelled below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressBars")
        self.setAccessibleName("Practice attempts per day")
        self.days: tuple[DayCount, ...] = ()
        self.setMinimumHeight(150)

    def set_days(self, days: tuple[DayCount, ...]) -> None:
        self.days = days
        total = sum(d.attempts for d in days)
        first = days[0].day.isoformat() if days else ""
        self.setToolTip(f"{total} attempts in the last {len(days)} days (since {first})")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if not self.days:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        fm = self.fontMetrics()
        label_h = fm.height() + 4
        top = fm.height() + 2
        w = self.width() / len(self.days)
        h = self.height() - label_h - top
        peak = max((d.attempts for d in self.days), default=0) or 1
        bar = pal.color(QPalette.ColorRole.Highlight)
        text = pal.color(QPalette.ColorRole.WindowText)
        grid = pal.color(QPalette.ColorRole.Mid)
        p.setPen(grid)
        p.drawLine(0, int(top + h), self.width(), int(top + h))
        for i, d in enumerate(self.days):
            x = i * w
            bh = h * d.attempts / peak
            if d.attempts:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(bar)
                p.drawRoundedRect(QRectF(x + w * 0.18, top + h - bh, w * 0.64, bh), 3, 3)
                p.setPen(text)
                p.drawText(
                    QRectF(x, top + h - bh - fm.height() - 2, w, fm.height()),
                    Qt.AlignmentFlag.AlignCenter,
                    str(d.attempts),
                )
            p.setPen(text if d is self.days[-1] else pal.color(QPalette.ColorRole.PlaceholderText))
            label = "today" if d is self.days[-1] else str(d.day.day)
            p.drawText(QRectF(x, top + h + 2, w, label_h), Qt.AlignmentFlag.AlignHCenter, label)
        p.end()


class ProgressView(QWidget):
    """A page of the main window: the ways to practise, and the practice numbers."""

    loaded = Signal()
    practise_due = Signal()
    practise_category = Signal()
    mock = Signal()

    def __init__(self, journal: Journal, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressView")
        self.journal = journal
        self.runner = runner
        self.ops = Ops(journal, runner)
        self.stats: ProgressStats | None = None
        title = QLabel(f"Attempts in the last {DAYS} days")
        title.setFont(scaled_font(self, 1.1, bold=True))
        self.bars = DayBars()
        self.due = self._number("progressDue")
        self.new = self._number("progressNew")
        self.total = self._number("progressTotal")
        self.average = self._number("progressAverage")
        self.lengths = QLabel()
        self.lengths.setObjectName("progressLengths")
        self.lengths.setWordWrap(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        for col, (widget, caption) in enumerate(
            (
                (self.due, "due today"),
                (self.new, "new, ready to practise"),
                (self.total, "attempts in all"),
                (self.average, "average answer (target)"),
            )
        ):
            grid.addWidget(widget, 0, col)
            cap = QLabel(caption)
            mute(cap)
            grid.addWidget(cap, 1, col)
        heading = QLabel("Practice")
        heading.setFont(scaled_font(self, 1.6, bold=True))
        self.start_due = QPushButton("Practise what is due")
        self.start_due.setObjectName("practiseDue")
        self.start_due.setToolTip("A timed round of the answers that are due (Ctrl+Shift+P)")
        self.start_due.clicked.connect(self.practise_due)
        start_category = QPushButton("Practise a category…")
        start_category.setObjectName("practiseCategory")
        start_category.clicked.connect(self.practise_category)
        start_mock = QPushButton("Mock interview…")
        start_mock.setObjectName("practiseMock")
        start_mock.setToolTip("Questions in a row, mixing categories (Ctrl+Shift+M)")
        start_mock.clicked.connect(self.mock)
        starts = QHBoxLayout()
        for b in (self.start_due, start_category, start_mock):
            starts.addWidget(b)
        starts.addStretch(1)
        self.hint = QLabel(
            "Answer aloud against the timer, compare with your draft, then rate how it went: "
            "answers that were shaky come back sooner. Space starts and stops, Esc leaves."
        )
        self.hint.setWordWrap(True)
        mute(self.hint)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 14, 20, 16)
        lay.addWidget(heading)
        lay.addWidget(self.hint)
        lay.addLayout(starts)
        lay.addSpacing(12)
        lay.addLayout(grid)
        lay.addSpacing(8)
        lay.addWidget(self.lengths)
        lay.addSpacing(8)
        lay.addWidget(title)
        lay.addWidget(self.bars, 1)
        self.bars.setMaximumHeight(260)  # a chart, not a wall of colour on a big window
        lay.addStretch(1)

    def _number(self, name: str) -> QLabel:
        label = QLabel("–")
        label.setObjectName(name)
        label.setFont(scaled_font(self, 2.0, bold=True))
        return label

    def reload(self) -> None:
        self.ops.run(
            prep_stats.progress,
            days=DAYS,
            on_done=self.show_stats,
            on_error=self._failed,
            key="progress",
        )

    def show_stats(self, s: ProgressStats) -> None:
        self.stats = s
        self.due.setText(str(s.due_today))
        self.start_due.setDefault(bool(s.due_today or s.new_ready))
        self.new.setText(str(s.new_ready))
        self.total.setText(str(s.total_attempts))
        if s.average_seconds is None or s.average_target_seconds is None:
            self.average.setText("–")
            self.lengths.setText(
                "No practice in the last two weeks. Start with Practise Due Prompts "
                "(Ctrl+Shift+P) or a mock interview (Ctrl+Shift+M)."
            )
        else:
            self.average.setText(
                f"{format_seconds(s.average_seconds)} ({format_seconds(s.average_target_seconds)})"
            )
            n = s.too_short + s.fine + s.too_long
            self.lengths.setText(
                f"{n} answer{'s' if n != 1 else ''} in the last {DAYS} days: "
                f"<span style='color:{GOOD.name()}'><b>{s.fine}</b> within the target</span>, "
                f"<span style='color:{WARN.name()}'>{s.too_short} too short, "
                f"{s.too_long} too long</span>."
            )
        self.bars.set_days(s.per_day)
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.lengths.setText(ui_errors.describe(exc, self.journal.home, saving=False))
