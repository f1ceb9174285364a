"""The end of a practice round: each prompt with its rating, time spoken and when it comes back,
and what to do next (the next round, or done for today)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
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
from imgjournal.services.prep_rounds import day_text
from imgjournal.services.prep_text import format_seconds
from imgjournal.ui.prep.common import GAP, mute, scaled_font, verdict_colour

COLUMNS = ("Prompt", "Rating", "Time spoken", "Comes back")


def sentence_case(text: str) -> str:
    """ "again on Thu 10 Dec" → "Again on Thu 10 Dec" (str.capitalize would lower the rest)."""
    return text[:1].upper() + text[1:]


class SummaryPage(QWidget):
    close_requested = Signal()
    next_round_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary_title = QLabel()
        self.summary_title.setObjectName("summaryTitle")
        self.summary_title.setFont(scaled_font(self, 1.6, bold=True))
        self.summary_text = QLabel()
        self.summary_text.setObjectName("summaryText")
        self.summary_text.setWordWrap(True)
        self.summary_text.setFont(scaled_font(self, 1.15))
        self.summary_ratings = QLabel()
        self.summary_ratings.setObjectName("summaryRatings")
        mute(self.summary_ratings)
        self.summary_table = QTableWidget(0, len(COLUMNS))
        self.summary_table.setObjectName("summaryTable")
        self.summary_table.setAccessibleName("Each answer of the round")
        self.summary_table.setHorizontalHeaderLabels(list(COLUMNS))
        self.summary_table.verticalHeader().setVisible(False)
        self.summary_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.summary_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.summary_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.summary_table.setWordWrap(True)
        self.summary_table.setShowGrid(False)
        self.summary_table.setAlternatingRowColors(True)
        header = self.summary_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.summary_table.setSizeAdjustPolicy(QTableWidget.SizeAdjustPolicy.AdjustToContents)
        self.summary_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        rows = self.summary_table.verticalHeader()
        rows.setMinimumSectionSize(int(self.fontMetrics().height() * 1.8))
        self.next_step = QLabel()
        self.next_step.setObjectName("summaryNextStep")
        self.next_step.setWordWrap(True)
        self.next_step.setFont(scaled_font(self, 1.1))
        self.next_button = QPushButton("Next Round (Enter)")
        self.next_button.setObjectName("summaryNextRound")
        self.next_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.next_button.clicked.connect(self.next_round_requested)
        self.close_button = QPushButton("Done for Today (Esc)")
        self.close_button.setObjectName("summaryClose")
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.clicked.connect(self.close_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.next_button)
        summary_box = QWidget()
        summary_box.setMaximumWidth(980)
        sl = QVBoxLayout(summary_box)
        sl.setContentsMargins(0, 24, 0, 24)
        sl.setSpacing(10)
        sl.addWidget(self.summary_title)
        sl.addWidget(self.summary_text)
        sl.addWidget(self.summary_ratings)
        sl.addWidget(self.summary_table)
        # The round's recordings to play back or delete (ui/prep/playback.RoundRecordings).
        self.recordings_slot = QVBoxLayout()
        sl.addLayout(self.recordings_slot)
        sl.addSpacing(6)
        sl.addWidget(self.next_step)
        sl.addLayout(buttons)
        sl.addStretch(1)
        centred_summary = QHBoxLayout(self)
        centred_summary.addStretch(1)
        centred_summary.addWidget(summary_box, 20)
        centred_summary.addStretch(1)

    def show_summary(self, summary: SessionSummary) -> None:
        n = len(summary.rows)
        if summary.round_count > 1:
            title = f"Round {summary.round_number} of {summary.round_count} done"
        else:
            title = "Round done"
        self.summary_title.setText(title)
        if n:
            self.summary_text.setText(
                f"{n} answer{'s' if n != 1 else ''} in {format_seconds(summary.total_seconds)}"
                f" · {summary.on_target} within the target length"
            )
            self.summary_ratings.setText(
                " · ".join(f"{RATINGS[r]} {c}" for r, c in summary.ratings if c)
            )
        else:
            self.summary_text.setText("No answer was rated this time.")
            self.summary_ratings.setText("")
        self.summary_table.setVisible(bool(n))
        self.next_step.setText(summary.next_step)
        more = summary.next_round_size > 0
        self.next_button.setVisible(more)
        self.close_button.setText("Done for Today (Esc)" if more or n else "Close (Esc)")
        table = self.summary_table
        table.setRowCount(n)
        for i, row in enumerate(summary.rows):
            rating = QTableWidgetItem(row.rating_text or RATINGS[row.rating])
            if row.rating == 1:
                rating.setForeground(GAP)
            spoken = QTableWidgetItem(f"{format_seconds(row.duration_seconds)} · {row.verdict}")
            spoken.setToolTip(
                f"Target {format_seconds(row.min_seconds)}–{format_seconds(row.max_seconds)}"
            )
            colour = verdict_colour(row.verdict)
            if colour is not None:
                spoken.setForeground(colour)
            back = QTableWidgetItem(sentence_case(row.again) or "–")
            if row.due is not None:
                back.setToolTip(day_text(row.due))
            prompt = QTableWidgetItem(row.text)
            prompt.setToolTip(row.text)
            for c, item in enumerate((prompt, rating, spoken, back)):
                table.setItem(i, c, item)
        table.resizeRowsToContents()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.summary_table.resizeRowsToContents()  # wrapped prompts at the new width
