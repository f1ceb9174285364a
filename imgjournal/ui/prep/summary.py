"""The end of a practice round: time per answer against its target, and the ratings."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from imgjournal.services.dto import SessionSummary
from imgjournal.services.prep import RATINGS
from imgjournal.services.prep_text import format_seconds
from imgjournal.ui.prep.common import scaled_font, verdict_colour


class SummaryPage(QWidget):
    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary_title = QLabel()
        self.summary_title.setObjectName("summaryTitle")
        self.summary_title.setFont(scaled_font(self, 1.6, bold=True))
        self.summary_text = QLabel()
        self.summary_text.setObjectName("summaryText")
        self.summary_text.setWordWrap(True)
        self.summary_table = QTableWidget(0, 5)
        self.summary_table.setObjectName("summaryTable")
        self.summary_table.setHorizontalHeaderLabels(
            ["Prompt", "Time", "Target", "Length", "Rating"]
        )
        self.summary_table.verticalHeader().setVisible(False)
        self.summary_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.summary_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.summary_table.setWordWrap(True)
        header = self.summary_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        close = QPushButton("Close (Esc)")
        close.setObjectName("summaryClose")
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        close.clicked.connect(self.close_requested)
        self.summary_table.setSizeAdjustPolicy(QTableWidget.SizeAdjustPolicy.AdjustToContents)
        self.summary_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.summary_text.setFont(scaled_font(self, 1.15))
        summary_box = QWidget()
        summary_box.setMaximumWidth(980)
        sl = QVBoxLayout(summary_box)
        sl.setContentsMargins(0, 32, 0, 32)
        sl.setSpacing(12)
        sl.addWidget(self.summary_title)
        sl.addWidget(self.summary_text)
        sl.addWidget(self.summary_table)
        sl.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        sl.addStretch(1)
        centred_summary = QHBoxLayout(self)
        centred_summary.addStretch(1)
        centred_summary.addWidget(summary_box, 20)
        centred_summary.addStretch(1)

    def show_summary(self, summary: SessionSummary) -> None:
        n = len(summary.rows)
        if n:
            self.summary_title.setText("Round over")
            counts = " · ".join(f"{RATINGS[r]} {c}" for r, c in summary.ratings)
            self.summary_text.setText(
                f"{n} answer{'s' if n != 1 else ''} in {format_seconds(summary.total_seconds)}; "
                f"{summary.on_target} within their target length.\n{counts}"
            )
        else:
            self.summary_title.setText("Round over")
            self.summary_text.setText("No answer was rated this time.")
        table = self.summary_table
        table.setRowCount(n)
        for i, row in enumerate(summary.rows):
            verdict = QTableWidgetItem(row.verdict)
            colour = verdict_colour(row.verdict)
            if colour is not None:
                verdict.setForeground(colour)
            cells = [
                QTableWidgetItem(row.text),
                QTableWidgetItem(format_seconds(row.duration_seconds)),
                QTableWidgetItem(
                    f"{format_seconds(row.min_seconds)}–{format_seconds(row.max_seconds)}"
                ),
                verdict,
                QTableWidgetItem(RATINGS[row.rating]),
            ]
            for c, item in enumerate(cells):
                table.setItem(i, c, item)
        table.resizeRowsToContents()
