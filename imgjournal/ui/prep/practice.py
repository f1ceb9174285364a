"""The practice window: one prompt in big type, a timer against its target, keyboard only.

A session is a queue of prompts (due ones, one category, or a mock interview of N), practised
in rounds of at most 7 (``prep_rounds.split_rounds``: 21 due prompts are "Round 1 of 3" ...).
For each prompt: Space starts the timer and the user answers aloud; Space stops it (and resumes
it); R shows the practised draft and the linked stories, rendered from their Markdown; 1–4 rate
the answer Blanked / Shaky / Good / Nailed it, which stores the attempt and the new FSRS
schedule (whole days ahead); N writes a note first. S skips a prompt, F11 fills the screen, Esc
leaves. A round ends with its summary: each prompt's rating, time spoken and when it comes back,
and what to do next (Enter: the next round; Esc: done for today).

The window is a plain QWidget: a top-level window by default, or a page of another window with
``embedded=True``. Leaving (Esc, "Done for today") emits ``finished`` and closes the widget only
when it is a window of its own.
"""

from __future__ import annotations

import dataclasses
import logging
import random
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QFontDatabase, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from imgjournal.db import Journal
from imgjournal.errors import JournalError
from imgjournal.services import prep, prep_rounds, recordings
from imgjournal.services.dto import DueItem, PracticeResult, PromptDTO, SessionSummary
from imgjournal.services.prep import RATING_HINTS, RATINGS
from imgjournal.services.prep_text import duration_verdict, format_seconds
from imgjournal.ui import errors as ui_errors
from imgjournal.ui.prep.common import (
    PromptStories,
    category_label,
    load_prompt_stories,
    mute,
    muted,
    scaled_font,
    set_verdict_style,
    target_text,
    verdict_colour,
)
from imgjournal.ui.prep.playback import RoundRecordings
from imgjournal.ui.prep.recorder import RecordControls
from imgjournal.ui.prep.reveal import reveal_html
from imgjournal.ui.prep.summary import SummaryPage
from imgjournal.ui.taskrunner import Ops, Runner

log = logging.getLogger(__name__)

TICK_MS = 200
RATING_KEYS = {Qt.Key.Key_1: 1, Qt.Key.Key_2: 2, Qt.Key.Key_3: 3, Qt.Key.Key_4: 4}


class Phase(StrEnum):
    LOADING = "loading"
    EMPTY = "empty"  # nothing to practise
    READY = "ready"  # a prompt is shown, the timer has not started
    RUNNING = "running"
    STOPPED = "stopped"  # answered; reveal, rate, or resume
    SAVING = "saving"
    SUMMARY = "summary"


@dataclass(frozen=True)
class RoundSpec:
    """Which prompts a round practises: ``mode`` is "due", "category" or "mock"."""

    mode: str = "due"
    category: str | None = None
    count: int | None = None

    @property
    def in_rounds(self) -> bool:
        """A mock interview is one sitting, as a real one is; the others go in rounds."""
        return self.mode != "mock"

    def title(self, total: int) -> str:
        if self.mode == "mock":
            return f"Mock interview · {total} questions"
        if self.mode == "category" and self.category:
            return f"{category_label(self.category)} prompts"
        return "Due prompts"


@dataclass(frozen=True)
class Reveal:
    """What R shows for a prompt, and what each rating would schedule (loaded in advance)."""

    stories: PromptStories
    preview: dict[int, datetime]
    loaded_at: datetime


def load_reveal(journal: Journal, prompt_id: int) -> Reveal:
    now = datetime.now(UTC)
    return Reveal(
        load_prompt_stories(journal, prompt_id), prep.preview_ratings(journal, prompt_id), now
    )


def record(
    journal: Journal,
    prompt_id: int,
    rating: int,
    seconds: float,
    note: str,
    recording: tuple[str, int] | None = None,
) -> PracticeResult:
    """Store an attempt against the prompt's practised draft (if it has one), with the
    recording of the answer (its file name and measured length) when there is one."""
    draft = prep.practice_draft(journal, prompt_id)
    result = prep.record_attempt(
        journal, prompt_id, rating, seconds, note, draft.id if draft else None
    )
    if recording is None:
        return result
    name, ms = recording
    try:
        attempt = recordings.attach(journal, result.attempt.id, name, ms)
    except (OSError, JournalError) as exc:  # the rating counts even if the file went missing
        log.warning("practice: the recording %s was not kept: %s", name, exc)
        return result
    return dataclasses.replace(result, attempt=attempt)


class PracticeWindow(QWidget):
    """A distraction-free window for one practice round."""

    phase_changed = Signal(str)
    prompt_shown = Signal(int)
    revealed = Signal(int)
    attempt_recorded = Signal(object)  # PracticeResult
    round_finished = Signal(object)  # SessionSummary, at the end of each round
    finished = Signal()  # the user left the session (Esc, "Done for today")

    def __init__(
        self,
        journal: Journal,
        runner: Runner,
        spec: RoundSpec,
        parent: QWidget | None = None,
        *,
        rng: random.Random | None = None,
        embedded: bool = False,
    ) -> None:
        flags = Qt.WindowType.Widget if embedded else Qt.WindowType.Window
        super().__init__(parent, flags)
        self.setObjectName("practiceWindow")
        self.setWindowTitle("Practice — imgjournal")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.journal = journal
        self.runner = runner
        self.ops = Ops(journal, runner)
        self.spec = spec
        self.rng = rng
        self.phase = Phase.LOADING
        self.rounds: list[list[DueItem]] = []
        self.round_index = 0
        self.queue: list[DueItem] = []  # the prompts of the round being practised
        self.index = -1
        self.reveal_data: Reveal | None = None
        self.is_revealed = False
        self.results: list[tuple[PromptDTO, PracticeResult]] = []  # this round's
        self.summary: SessionSummary | None = None
        self._acc_ms = 0
        self._clock = QElapsedTimer()
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._update_timer)
        self._build()

    # -- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        """The round and keys line over the pages: the practice column, the summary and a
        message; each builder adds its part in order."""
        top = self._build_top()
        self._build_question()
        self._build_recorder()
        self._build_answer()
        rates = self._build_rating()
        practice_page = self._build_practice_page(rates)
        self._build_pages(top, practice_page)

    def _build_top(self) -> QHBoxLayout:
        """Which round and how far (left), the keys to press (right)."""
        self.round_label = QLabel()
        self.round_label.setObjectName("practiceRound")
        self.keys_label = QLabel()
        self.keys_label.setObjectName("practiceKeys")
        self.keys_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        mute(self.round_label)
        mute(self.keys_label)
        top = QHBoxLayout()
        top.addWidget(self.round_label)
        top.addStretch(1)
        top.addWidget(self.keys_label)
        return top

    def _build_question(self) -> None:
        """The category, the question, its target time, the timer and its bar, the verdict
        and the instruction."""
        self.category = QLabel()
        self.category.setObjectName("practiceCategory")
        self.category.setAlignment(Qt.AlignmentFlag.AlignCenter)
        spaced = QFont(self.category.font())
        spaced.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 1.0)
        self.category.setFont(spaced)
        mute(self.category)
        self.prompt = QLabel()
        self.prompt.setObjectName("practicePrompt")
        self.prompt.setAccessibleName("The question")
        self.prompt.setWordWrap(True)
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompt.setFont(scaled_font(self, 2.3, bold=True))
        self.prompt.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.target = QLabel()
        self.target.setObjectName("practiceTarget")
        self.target.setAlignment(Qt.AlignmentFlag.AlignCenter)
        mute(self.target)
        self.timer = QLabel("0:00")
        self.timer.setObjectName("practiceTimer")
        self.timer.setAccessibleName("Time spoken")
        self.timer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        base = self.font().pointSizeF() if self.font().pointSizeF() > 0 else 10.0
        mono.setPointSizeF(base * 3.4)
        self.timer.setFont(mono)
        self.bar = QProgressBar()
        self.bar.setObjectName("practiceBar")
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        self.bar.setFixedWidth(420)
        self.verdict = QLabel()
        self.verdict.setObjectName("practiceVerdict")
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.instruction = QLabel()
        self.instruction.setObjectName("practiceInstruction")
        self.instruction.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.instruction.setWordWrap(True)
        self.instruction.setFont(scaled_font(self, 1.15))

    def _build_recorder(self) -> None:
        """Say it out loud: the record button and why it is off (QtMultimedia is imported
        only when the practice page is first shown)."""
        self.recorder = RecordControls(self.journal, self)
        self.recorder.recording_started.connect(self._recording_started)
        # Recording works here: the keys line and the instruction say V.
        self.recorder.availability_checked.connect(
            lambda reason: None if reason else self._set_phase(self.phase)
        )
        self._kept: tuple[str, int] | None = None  # the recording being saved with a rating

    def _build_answer(self) -> None:
        """The drafted answer and linked stories, hidden until revealed."""
        self.answer = QTextBrowser()
        self.answer.setObjectName("practiceAnswer")
        self.answer.setAccessibleName("Your drafted answer and linked stories")
        self.answer.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.answer.setOpenLinks(False)
        self.answer.setFont(scaled_font(self, 1.1))
        # The draft's "## Situation" headings: section names, not page titles.
        self.answer.document().setDefaultStyleSheet(
            "h1, h2 { font-size: large; margin-top: 10px; margin-bottom: 2px; }"
            " h3 { font-size: medium; margin-bottom: 2px; }"
        )
        self.answer.hide()

    def _build_rating(self) -> QHBoxLayout:
        """The four rating buttons in a row (returned) and the note field."""
        self.rate_buttons: dict[int, QPushButton] = {}
        rates = QHBoxLayout()
        rates.addStretch(1)
        for value, name in RATINGS.items():
            b = QPushButton(f"{value}  {name}")
            b.setObjectName("rate" + "".join(w.capitalize() for w in name.split()))
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setMinimumWidth(150)
            b.clicked.connect(lambda _=False, v=value: self.rate(v))
            self.rate_buttons[value] = b
            rates.addWidget(b)
        rates.addStretch(1)
        self.note = QLineEdit()
        self.note.setObjectName("practiceNote")
        self.note.setAccessibleName("Note on this attempt")
        self.note.setPlaceholderText("A note for next time (press N to write, Enter when done)")
        self.note.setFixedWidth(560)
        self.note.installEventFilter(self)
        return rates

    def _build_practice_page(self, rates: QHBoxLayout) -> QWidget:
        """The practice column, centred and at most 980 pixels wide."""
        page = QWidget()
        col = QVBoxLayout(page)
        self._column = col
        col.setSpacing(10)
        col.addStretch(1)
        col.addWidget(self.category)
        col.addWidget(self.prompt)
        col.addWidget(self.target)
        col.addSpacing(12)
        col.addWidget(self.timer)
        col.addWidget(self.bar, 0, Qt.AlignmentFlag.AlignHCenter)
        col.addWidget(self.verdict)
        col.addWidget(self.recorder, 0, Qt.AlignmentFlag.AlignHCenter)
        col.addWidget(self.instruction)
        col.addWidget(self.answer, 3)
        col.addLayout(rates)
        col.addWidget(self.note, 0, Qt.AlignmentFlag.AlignHCenter)
        col.addStretch(1)
        centred = QHBoxLayout()
        centred.addStretch(1)
        holder = QWidget()
        holder.setLayout(col)
        holder.setMaximumWidth(980)
        holder.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        centred.addWidget(holder, 20)
        centred.addStretch(1)
        practice_page = QWidget()
        practice_page.setLayout(centred)
        return practice_page

    def _build_pages(self, top: QHBoxLayout, practice_page: QWidget) -> None:
        """``top`` over the practice page, the round's summary and the message page."""
        self.summary_page = SummaryPage()
        self.summary_page.close_requested.connect(self.leave)
        self.summary_page.next_round_requested.connect(self.next_round)
        self.round_recordings = RoundRecordings(
            recordings.recordings_dir(self.journal.home),
            self._delete_recording,
            lambda parent: self.recorder.confirm(parent),
        )
        self.summary_page.recordings_slot.addWidget(self.round_recordings)

        self.message = QLabel()
        self.message.setObjectName("practiceMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setFont(scaled_font(self, 1.3))
        self.message.setContentsMargins(64, 32, 64, 32)

        self.pages = QStackedWidget()
        self.pages.addWidget(practice_page)
        self.pages.addWidget(self.summary_page)
        self.pages.addWidget(self.message)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 10, 16, 16)
        lay.addLayout(top)
        lay.addWidget(self.pages, 1)
        self.resize(1100, 760)

    # -- the round -----------------------------------------------------------------------
    def start(self) -> None:
        """Load the round's prompts and show the first."""
        self._set_phase(Phase.LOADING)
        self.message.setText("Loading…")
        self.pages.setCurrentWidget(self.message)
        spec = self.spec
        self.ops.run(
            prep.practice_queue,
            spec.mode,
            category=spec.category,
            count=spec.count,
            rng=self.rng,
            on_done=self._queue_loaded,
            on_error=self._failed,
        )

    def _queue_loaded(self, queue: list[DueItem]) -> None:
        items = list(queue)
        if self.spec.in_rounds:
            self.rounds = prep_rounds.split_rounds(items)
        else:
            self.rounds = [items] if items else []
        self.round_index = 0
        if not self.rounds:
            self.queue, self.index = [], -1
            self._set_phase(Phase.EMPTY)
            self.message.setText(self._empty_text())
            self.pages.setCurrentWidget(self.message)
            return
        self._start_round()

    def _delete_recording(self, attempt_id: int, on_done, on_error) -> None:  # noqa: ANN001
        """Delete a rated answer's recording (the attempt stays)."""

        def failed(exc: BaseException) -> None:
            log.error("practice: %s", exc, exc_info=exc)
            on_error(ui_errors.describe(exc, self.journal.home, saving=False))

        self.ops.run(recordings.delete_recording, attempt_id, on_done=on_done, on_error=failed)

    def _start_round(self) -> None:
        self.round_recordings.clear()
        self.queue = self.rounds[self.round_index]
        self.index = -1
        self.results = []
        self.summary = None
        self._next()

    def next_round(self) -> None:
        """After a round's summary: the next round, if there is one."""
        if self.phase == Phase.SUMMARY and self.round_index + 1 < len(self.rounds):
            self.round_index += 1
            self._start_round()

    def leave(self) -> None:
        """Esc or "Done for today": the session ends; a window of its own closes."""
        self._tick.stop()
        self.recorder.close_down()
        self.round_recordings.player.unload()
        self.finished.emit()
        if self.isWindow():
            self.close()

    def _round_text(self) -> str:
        """ "Due prompts · Round 1 of 3" (or no round when there is only one)."""
        text = self.spec.title(sum(len(r) for r in self.rounds))
        if len(self.rounds) > 1:
            text += f" · Round {self.round_index + 1} of {len(self.rounds)}"
        return text

    def _empty_text(self) -> str:
        if self.spec.mode == "due":
            return (
                "Nothing is due right now.\n\nA prompt comes up here once it has a linked entry "
                "or a drafted answer, and again when its schedule says it is time. A mock "
                "interview practises any prompt.\n\nEsc leaves practice."
            )
        return "There are no prompts to practise here.\n\nEsc leaves practice."

    @property
    def current(self) -> PromptDTO | None:
        if 0 <= self.index < len(self.queue):
            return self.queue[self.index].prompt
        return None

    def _next(self) -> None:
        self.index += 1
        if self.index >= len(self.queue):
            self._finish_round()
            return
        p = self.queue[self.index].prompt
        self._acc_ms = 0
        self.is_revealed = False
        self.reveal_data = None
        self.pages.setCurrentIndex(0)
        self.round_label.setText(f"{self._round_text()} · {self.index + 1} of {len(self.queue)}")
        self.category.setText(category_label(p.category).upper())
        self.prompt.setText(p.text)
        self.target.setText(f"Aim for {target_text(p)}")
        self.bar.setRange(0, p.max_seconds)
        self.bar.setValue(0)
        self._show_answer_area(False)
        self.answer.clear()
        self.note.clear()
        self.recorder.reset()
        self._update_timer()
        self._set_phase(Phase.READY)
        pid = p.id
        self.ops.run(
            load_reveal,
            pid,
            on_done=lambda data: self._reveal_loaded(pid, data),
            on_error=self._failed,
            key="practice-reveal",
        )
        self.prompt_shown.emit(p.id)

    def _reveal_loaded(self, prompt_id: int, data: Reveal) -> None:
        if self.current is None or self.current.id != prompt_id:
            return
        self.reveal_data = data
        self._label_ratings()
        if self.is_revealed:
            self._show_answer()

    def _label_ratings(self) -> None:
        """ "2  Shaky · 2 days": each rating with when it would bring the prompt back."""
        data = self.reveal_data
        for value, name in RATINGS.items():
            b = self.rate_buttons[value]
            tip = f"{name}: {RATING_HINTS[value]} (key {value})"
            if data is None:
                b.setText(f"{value}  {name}")
            else:
                due = data.preview[value]
                b.setText(f"{value}  {name} · {prep_rounds.interval_words(due, data.loaded_at)}")
                tip += f"; {prep_rounds.again_text(due, data.loaded_at)}"
            b.setToolTip(tip)

    # -- timer ---------------------------------------------------------------------------
    def elapsed_ms(self) -> int:
        running = self._clock.elapsed() if self.phase == Phase.RUNNING else 0
        return self._acc_ms + running

    def _update_timer(self) -> None:
        p = self.current
        seconds = self.elapsed_ms() / 1000
        self.timer.setText(format_seconds(int(seconds)))
        if p is None:
            return
        self.bar.setValue(min(int(seconds), p.max_seconds))
        if self.phase in (Phase.RUNNING, Phase.STOPPED):
            verdict = duration_verdict(seconds, p.min_seconds, p.max_seconds)
            self.verdict.setText(verdict)
            set_verdict_style(self.verdict, verdict)
            colour = verdict_colour(verdict)
            self.timer.setStyleSheet(f"color: {colour.name()};" if colour else "")
        else:
            self.verdict.setText(" ")
            self.timer.setStyleSheet("")

    def toggle_timer(self) -> None:
        if self.phase in (Phase.READY, Phase.STOPPED):
            self._clock.start()
            self._tick.start()
            self._set_phase(Phase.RUNNING)
        elif self.phase == Phase.RUNNING:
            self._acc_ms += self._clock.elapsed()
            self._tick.stop()
            self.recorder.stop()  # the answer is over: so is its recording
            self._set_phase(Phase.STOPPED)
        self._update_timer()

    def _recording_started(self) -> None:
        """V records the answer: the timer runs with it."""
        if self.phase in (Phase.READY, Phase.STOPPED):
            self.toggle_timer()

    def reveal(self) -> None:
        if self.phase == Phase.RUNNING:
            self.toggle_timer()
        if self.phase != Phase.STOPPED:
            return
        self.is_revealed = True
        self._show_answer()
        self.revealed.emit(self.current.id if self.current else 0)

    def _show_answer(self) -> None:
        data = self.reveal_data
        grey = muted(self)
        if data is None:
            self.answer.setHtml(f"<p style='color:{grey}'>Loading your answer…</p>")
        else:
            self.answer.setHtml(reveal_html(data.stories, grey))
            self.answer.moveCursor(self.answer.textCursor().MoveOperation.Start)
        self._show_answer_area(True)

    def _show_answer_area(self, on: bool) -> None:
        """The revealed answer takes the room the centring space had (and that of the record
        line, when recording is off: it said why before the answer)."""
        self.answer.setVisible(on)
        self.recorder.setVisible(not on or self.recorder.reason is None)
        if on and self.phase == Phase.STOPPED:
            self.instruction.setText("How did it go? Rate it 1–4.")
        last = self._column.count() - 1
        self._column.setStretch(0, 0 if on else 1)
        self._column.setStretch(last, 0 if on else 1)

    # -- rating --------------------------------------------------------------------------
    def rate(self, rating: int) -> None:
        p = self.current
        if p is None or self.phase != Phase.STOPPED:
            return
        if self.recorder.recording:  # still finishing the file: rate once it is written
            self.recorder.when_stopped(lambda: self.rate(rating))
            return
        seconds = self.elapsed_ms() / 1000
        note = self.note.text().strip()
        self._kept = self.recorder.take()
        self._set_phase(Phase.SAVING)
        self.ops.run(
            record,
            p.id,
            rating,
            seconds,
            note,
            self._kept,
            on_done=lambda result: self._recorded(p, result),
            on_error=self._rate_failed,
        )

    def _recorded(self, prompt: PromptDTO, result: PracticeResult) -> None:
        self._kept = None
        self.results.append((prompt, result))
        self.attempt_recorded.emit(result)
        self._next()

    def _rate_failed(self, exc: BaseException) -> None:
        if self._kept is not None:  # not saved: the recording is the prompt's again
            name, ms = self._kept
            self._kept = None
            self.recorder.adopt(recordings.recordings_dir(self.journal.home) / name, ms)
        self._set_phase(Phase.STOPPED)
        self._failed(exc)

    def skip(self) -> None:
        if self.phase in (Phase.READY, Phase.STOPPED):
            self._tick.stop()
            self._next()

    def _finish_round(self) -> None:
        self._tick.stop()
        self.recorder.reset()
        later = self.rounds[self.round_index + 1 :]
        summary = prep_rounds.summarize(
            self.results,
            round_number=self.round_index + 1,
            round_count=len(self.rounds),
            next_round_size=len(later[0]) if later else 0,
        )
        self.summary = summary
        self._set_phase(Phase.SUMMARY)
        self.round_label.setText(f"{self._round_text()} · done")
        self.summary_page.show_summary(summary)
        self.round_recordings.show_round(self.results)
        self.pages.setCurrentIndex(1)
        self.round_finished.emit(summary)

    # -- state and keys ------------------------------------------------------------------
    def _set_phase(self, phase: Phase) -> None:
        self.phase = phase
        can_rate = phase == Phase.STOPPED
        for b in self.rate_buttons.values():
            b.setEnabled(can_rate)
        self.note.setEnabled(phase in (Phase.RUNNING, Phase.STOPPED))
        can_record = self.recorder.checked and self.recorder.reason is None
        self.instruction.setText(
            {
                Phase.READY: (
                    "Answer aloud. Press Space to start the timer, or V to record as well."
                    if can_record
                    else "Answer aloud. Press Space to start the timer."
                ),
                Phase.RUNNING: "Press Space when you have finished.",
                Phase.STOPPED: (
                    "How did it go? Rate it 1–4."
                    if self.is_revealed
                    else "Press R to compare with your draft, then rate 1–4."
                ),
                Phase.SAVING: "Saving…",
            }.get(phase, "")
        )
        self.keys_label.setText(
            {
                Phase.READY: (
                    "Space start · V record · S skip · F11 full screen · Esc leave"
                    if can_record
                    else "Space start · S skip · F11 full screen · Esc leave"
                ),
                Phase.RUNNING: "Space stop · V record · Esc leave"
                if can_record
                else ("Space stop · Esc leave"),
                Phase.STOPPED: "R show answer · 1–4 rate · N note · Space resume · S skip · Esc",
                Phase.SUMMARY: (
                    "Enter next round · Esc done for today"
                    if self.round_index + 1 < len(self.rounds)
                    else "Esc close"
                ),
                Phase.EMPTY: "Esc close",
            }.get(phase, "")
        )
        self.phase_changed.emit(str(phase))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.is_revealed:
            self._show_answer()  # light/dark switched: recolour the rich text

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        if key == Qt.Key.Key_Escape:
            self.leave()
        elif self.phase == Phase.SUMMARY and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.next_round()
        elif key == Qt.Key.Key_Space:
            self.toggle_timer()
        elif key in (Qt.Key.Key_R, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.reveal()
        elif key in RATING_KEYS:
            self.rate(RATING_KEYS[Qt.Key(key)])
        elif key == Qt.Key.Key_N and self.note.isEnabled():
            self.note.setFocus()
        elif key == Qt.Key.Key_S:
            self.skip()
        elif key == Qt.Key.Key_V:
            self.recorder.toggle()
        elif key == Qt.Key.Key_F11 and self.isWindow():
            self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if obj is self.note and event.type() == QEvent.Type.KeyPress:
            key = QKeyEvent(event).key() if not isinstance(event, QKeyEvent) else event.key()
            if key in (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.setFocus()  # back to the keys of the practice screen
                return True
        return super().eventFilter(obj, event)

    def _failed(self, exc: BaseException) -> None:
        log.error("practice: %s", exc, exc_info=exc)
        self.instruction.setText(ui_errors.describe(exc, self.journal.home, saving=False))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self._tick.stop()
        self.recorder.close_down()
        self.round_recordings.player.unload()
        super().closeEvent(event)
