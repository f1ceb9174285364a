"""The Today page: what you wrote today, "on this day" in earlier years, the rotation in
progress, and a nudge towards interview prompts that have no story yet. An empty journal shows
what to do first instead.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from math import ceil
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from imgjournal.db import Journal
from imgjournal.domain import EntryKind, PromptCategory
from imgjournal.limits import PRACTICE_ROUND_MAX
from imgjournal.services import browse
from imgjournal.services.browse import EntryRow, JournalCounts
from imgjournal.services.dto import ExperienceDTO, PromptDTO
from imgjournal.services.privacy_state import LegacyScan, legacy_scan_result
from imgjournal.ui.models import format_date
from imgjournal.ui.services import experiences, prompts

if TYPE_CHECKING:
    from imgjournal.services.prep_next import PrepOverview

NUDGE_CATEGORIES = (PromptCategory.BEHAVIOURAL, PromptCategory.IMG, PromptCategory.ETHICS)


@dataclass(frozen=True)
class TodayData:
    day: date
    counts: JournalCounts
    written_today: list[EntryRow]
    on_this_day: list[EntryRow]
    current: ExperienceDTO | None
    experience_count: int
    open_prompts: list[PromptDTO]  # prompts with no linked entry, the most useful first
    privacy: LegacyScan | None = None  # what the one-time privacy scan found, until hidden


def load_today(journal: Journal, day: date | None = None) -> TodayData:
    """Everything the Today page shows (runs on the task runner)."""
    day = day or date.today()
    items = experiences.list_experiences(journal)
    # As experiences.current_experience: in progress today, else the latest begun, else any.
    running = [x for x in items if x.in_progress(day)]
    begun = [x for x in items if x.start_date <= day]
    current = (
        max(running, key=lambda x: x.start_date)
        if running
        else (begun[0] if begun else (items[0] if items else None))
    )
    library = prompts.list_prompts(journal)
    order = {c.value: i for i, c in enumerate(NUDGE_CATEGORIES)}
    empty = [p for p in library if p.entry_count == 0]
    empty.sort(key=lambda p: (order.get(p.category, 9), p.position))
    return TodayData(
        day=day,
        counts=browse.journal_counts(journal, day),
        written_today=browse.entries_written_on(journal, day),
        on_this_day=browse.on_this_day(journal, day, limit=10),
        current=current,
        experience_count=len(items),
        open_prompts=empty[:4],
        privacy=legacy_scan_result(journal),
    )


def _entry_links(rows: list[EntryRow], with_year: bool = False) -> str:
    lines = []
    for r in rows:
        kind = EntryKind(r.kind).label
        when = f"{r.entry_date.year} · " if with_year else ""
        lines.append(
            f"• <a href='entry:{r.id}'>{html.escape(r.title)}</a> "
            f"<span style='color:palette(placeholder-text)'>— {when}{kind}</span>"
        )
    return "<br>".join(lines)


class Card(QFrame):
    def __init__(self, title: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.lay = QVBoxLayout(self)
        self.lay.setContentsMargins(14, 10, 14, 12)
        self.lay.setSpacing(6)
        self.heading = QLabel(title)
        f = QFont(self.heading.font())
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.1)
        self.heading.setFont(f)
        self.lay.addWidget(self.heading)
        self.text = QLabel()
        self.text.setObjectName(f"{name}Text")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.lay.addWidget(self.text)
        self.lay.addStretch(1)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(6)
        self.lay.addLayout(self.buttons)
        self.buttons.addStretch(1)

    def show_items(self, items: Sequence[str]) -> None:
        """A reminder card's lines, one bullet each; the card shows only when there are any."""
        self.setVisible(bool(items))
        self.text.setText("<br>".join(f"• {html.escape(s)}" for s in items))

    def add_button(self, text: str, name: str) -> QPushButton:
        b = QPushButton(text)
        b.setObjectName(name)
        self.buttons.insertWidget(self.buttons.count() - 1, b)
        return b


class TodayView(QScrollArea):
    open_entry = Signal(int)
    new_entry = Signal(str)  # kind
    new_experience = Signal()
    edit_experience = Signal(int)
    write_for_prompt = Signal(int)
    open_sample = Signal()
    show_prompts = Signal()
    start_practice = Signal()  # a practice round of what is due
    open_prep = Signal()  # the coverage page: progress and the next three things
    open_workspace = Signal(int)  # the answer workspace on this prompt (0: the first)
    data_shown = Signal()  # show_data ran: the prep card's numbers may be asked for
    review_privacy = Signal(int)  # the first entry the one-time privacy scan found (0: none)
    hide_privacy = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayView")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        page = QWidget()
        page.setObjectName("todayPage")
        outer = QVBoxLayout(page)
        outer.setContentsMargins(24, 18, 24, 18)
        outer.setSpacing(12)
        self.heading = QLabel("Today")
        self.heading.setObjectName("todayHeading")
        f = QFont(self.heading.font())
        f.setPointSizeF(f.pointSizeF() * 1.6)
        f.setBold(True)
        self.heading.setFont(f)
        outer.addWidget(self.heading)

        self.welcome = Card("Welcome to your journal", "welcomeCard")
        self.welcome.text.setText(
            "After each shift, take a minute to write down one case, one piece of feedback "
            "or one reflection. By interview season you will have real, de-identified stories "
            "for every question, and you will remember who said what about you.<br><br>"
            "<b>1.</b> Add the rotation you are on now, so entries are filed under it.<br>"
            "<b>2.</b> Write today's first case: what happened, what you did, what you "
            "learned.<br><b>3.</b> Not sure what a good entry looks like? Open the sample "
            "journal."
        )
        b = self.welcome.add_button("Add your current rotation", "welcomeExperience")
        b.clicked.connect(self.new_experience)
        b = self.welcome.add_button("Write your first case", "welcomeCase")
        b.clicked.connect(lambda: self.new_entry.emit(EntryKind.CASE.value))
        b = self.welcome.add_button("Open the sample journal", "welcomeSample")
        b.clicked.connect(self.open_sample)

        self.rotation = Card("Rotation in progress", "rotationCard")
        self._rotation_id: int | None = None
        self.rotation_edit = self.rotation.add_button("Edit…", "rotationEdit")
        self.rotation_edit.clicked.connect(
            lambda: self._rotation_id and self.edit_experience.emit(self._rotation_id)
        )
        self.rotation_add = self.rotation.add_button("Add experience…", "rotationAdd")
        self.rotation_add.clicked.connect(self.new_experience)

        self.today_card = Card("Written today", "todayCard")
        for kind in EntryKind:
            b = self.today_card.add_button(f"New {kind.label.lower()}", f"todayNew{kind.value}")
            b.clicked.connect(lambda _=False, k=kind.value: self.new_entry.emit(k))
        self.privacy = Card("Privacy check of your earlier entries", "privacyCard")
        self.privacy_review = self.privacy.add_button("Review", "privacyReview")
        self.privacy_hide = self.privacy.add_button("Hide", "privacyHide")
        self.privacy_review.clicked.connect(
            lambda: self.review_privacy.emit(
                (self.data.privacy.first_entry or 0) if self.data and self.data.privacy else 0
            )
        )
        self.privacy_hide.clicked.connect(self.hide_privacy)
        self.privacy.setVisible(False)
        self.prep_card = Card("Interview practice", "prepCard")
        self.prep_start = self.prep_card.add_button("Start a practice round", "prepStart")
        self.prep_start.setToolTip("A timed practice round of the answers that are due")
        self.prep_start.clicked.connect(self.start_practice)
        self.prep_open = self.prep_card.add_button("See what to do next", "prepOpen")
        self.prep_open.clicked.connect(self.open_prep)
        self.prep_card.text.linkActivated.connect(self._link)
        self.memory = Card("On this day", "onThisDayCard")
        self.nudge = Card("Interview prompts without a story yet", "nudgeCard")
        self.nudge_all = self.nudge.add_button("See all prompts", "nudgeAll")
        self.nudge_all.clicked.connect(self.show_prompts)
        for card in (self.today_card, self.memory, self.nudge):
            card.text.linkActivated.connect(self._link)

        grid = QGridLayout()
        grid.setSpacing(12)
        grid.addWidget(self.rotation, 0, 0)
        grid.addWidget(self.today_card, 0, 1)
        grid.addWidget(self.nudge, 1, 0)
        grid.addWidget(self.memory, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        outer.addWidget(self.welcome)
        outer.addWidget(self.privacy)
        outer.addWidget(self.prep_card)
        outer.addLayout(grid)
        outer.addStretch(1)
        self.setWidget(page)
        self.data: TodayData | None = None
        self.prep: PrepOverview | None = None
        self.prep_card.setVisible(False)  # until its numbers are read

    def add_reminder_card(
        self, title: str, name: str, open_text: str, on_open: Callable[[], object]
    ) -> Card:
        """A card of reminders a feature keeps on Today (letters that wait, people to write
        to), under the privacy card, hidden until it has lines (``Card.show_items``)."""
        card = Card(title, name)
        card.add_button(open_text, f"{name}Open").clicked.connect(on_open)
        card.hide()
        outer = self.widget().layout()
        outer.insertWidget(outer.indexOf(self.privacy) + 1, card)  # type: ignore[attr-defined]
        return card

    def _link(self, href: str) -> None:
        kind, _, value = href.partition(":")
        if kind == "entry":
            self.open_entry.emit(int(value))
        elif kind == "prompt":
            self.write_for_prompt.emit(int(value))
        elif kind == "workspace":
            self.open_workspace.emit(int(value))

    def show_data(self, data: TodayData) -> None:
        self.data = data
        self.heading.setText(f"Today, {format_date(data.day, QLocale.FormatType.LongFormat)}")
        empty = data.counts.all == 0 and data.counts.trash == 0 and data.experience_count == 0
        self.welcome.setVisible(empty)
        found = data.privacy
        self.privacy.setVisible(found is not None)
        if found is not None:
            many = "entries" if found.entries != 1 else "entry"
            self.privacy.text.setText(
                f"The privacy check read the entries you wrote before it existed: "
                f"<b>{found.entries} {many}</b> may hold patient identifiers "
                f"({found.findings} in all). Review them: each is underlined in the editor, "
                "with a suggestion beside it."
            )

        x = data.current
        self._rotation_id = x.id if x else None
        if x is None:
            self.rotation.heading.setText("Rotation in progress")
            self.rotation.text.setText(
                "No experience yet. Add the rotation, externship or observership you are on; "
                "new entries are filed under it."
            )
        else:
            running = x.in_progress(data.day)
            self.rotation.heading.setText(
                "Rotation in progress" if running else "Latest experience"
            )
            days = (data.day - x.start_date).days + 1
            span = f"since {format_date(x.start_date)}"
            if x.end_date:
                total = (x.end_date - x.start_date).days + 1
                span = f"{format_date(x.start_date)} – {format_date(x.end_date)}"
                if running:
                    span += f" · day {days} of {total}"
            where = ", ".join(p for p in (x.institution, x.city, x.state) if p)
            self.rotation.text.setText(
                f"<b>{html.escape(x.title)}</b><br>{html.escape(where)}"
                f"{'<br>' if where else ''}{span}<br>{x.entry_count} "
                f"entr{'ies' if x.entry_count != 1 else 'y'}"
            )
        self.rotation_edit.setVisible(x is not None)

        if data.written_today:
            self.today_card.text.setText(_entry_links(data.written_today))
        else:
            self.today_card.text.setText(
                "Nothing yet today. One case, one piece of feedback or one line of reflection "
                "is enough."
            )
        if data.on_this_day:
            self.memory.text.setText(_entry_links(data.on_this_day, with_year=True))
        else:
            self.memory.text.setText(
                "Entries you wrote on this day in earlier years will show here."
            )
        self.memory.setVisible(not empty)
        if data.open_prompts:
            items = "<br>".join(
                f"• <a href='prompt:{p.id}'>{html.escape(p.text)}</a>" for p in data.open_prompts
            )
            self.nudge.text.setText(
                f"Interviewers will ask these. Write about a moment that answers one:<br>{items}"
            )
        else:
            self.nudge.text.setText("Every interview prompt has at least one story. Well done!")
        self.nudge.setVisible(not empty)
        self.data_shown.emit()

    def show_prep(self, ov: PrepOverview | None) -> None:
        """The practice card (its numbers are read after the page, with the ORM: the page does
        not wait for them): what is due and a button to start, when the next is due, or the
        first step of preparing."""
        self.prep = ov
        card = self.prep_card
        card.setVisible(ov is not None)
        if ov is None:
            return
        data = self.data
        empty = (
            data is not None
            and data.counts.all == 0
            and data.counts.trash == 0
            and data.experience_count == 0
        )
        if ov.due_count:
            card.heading.setText(due_heading(ov.due_count))
            card.text.setText(
                "Say each answer aloud against the timer, then rate how it went; the ones "
                "that were shaky come back sooner."
            )
        elif ov.next_due is not None:
            day = QLocale().toString(QDate(ov.next_due), "d MMM")
            card.heading.setText(f"No answers due; next on {day}")
            card.text.setText(self._step_text(ov) or "Everything you have practised is fresh.")
        else:
            card.heading.setText("Link a story to a prompt to start preparing")
            card.text.setText(
                "Once you have written an entry, press Ctrl+L in it to link it to the "
                "interview prompts it answers."
                if empty
                else "Open an entry and press Ctrl+L to link it to the interview prompts it "
                "answers: a case for “a challenging clinical experience”, feedback for “a time "
                "you received criticism”. Linked prompts can then be drafted and practised."
            )
        self.prep_start.setVisible(bool(ov.due_count))
        self.prep_open.setVisible(ov.started)

    @staticmethod
    def _step_text(ov: PrepOverview) -> str:
        if not ov.steps:
            return ""
        step = ov.steps[0]
        target = step.prompt_id or 0
        return f"Next: <a href='workspace:{target}'>{html.escape(step.text)}</a>"


def due_heading(n: int) -> str:
    """The practice card's heading: how many answers are due and what the first round takes
    (rounds of at most 7, about a minute and a half per answer spoken and rated)."""
    rounds = ceil(n / PRACTICE_ROUND_MAX)
    size = ceil(n / rounds)  # prep_rounds.split_rounds: the first round is the largest
    minutes = max(2, ceil(size * 1.5))
    due = f"{n} answer{'s' if n != 1 else ''} due"
    if rounds == 1:
        return f"{due} — a practice round of about {minutes} minutes"
    return f"{due} — start with a round of {size} (about {minutes} minutes)"
