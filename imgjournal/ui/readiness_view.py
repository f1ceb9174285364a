"""The Readiness page: am I ready to apply, and what do I do next?

Bars against the article's targets (US months, hands-on, in the specialty, recency, US letters,
prompt coverage, practice), each green, amber or red with one next-step sentence; the USCE
calendar strip (a custom-painted timeline of the experiences: US and abroad, hands-on and
observer in distinct colours, CV gaps shaded, with a legend); the CV gaps, each linked to the
"explain the gap" prompt; and every next step. Data comes from
:func:`imgjournal.services.readiness.readiness`, read on the task runner.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from imgjournal.db import Journal
from imgjournal.services.dto import ExperienceDTO
from imgjournal.services.readiness_dto import Figure, Gap, Readiness
from imgjournal.ui.models import format_date
from imgjournal.ui.taskrunner import Ops, Runner

# Mid-tone colours that read on light and dark backgrounds alike.
LEVEL_COLOURS = {"good": "#2e9d4f", "amber": "#d08a00", "red": "#d64541"}
LEVEL_WORDS = {"good": "On track", "amber": "Nearly", "red": "Needs work"}
STRIP_COLOURS = {
    "us_hands_on": "#2f6fb5",
    "us_observer": "#8cb8e6",
    "abroad_hands_on": "#c0703a",
    "abroad_observer": "#eab58c",
    "other": "#9a9fa8",
    "gap": "#d64541",
}
LEGEND = (
    ("us_hands_on", "US, hands-on"),
    ("us_observer", "US, observership"),
    ("abroad_hands_on", "Abroad, hands-on"),
    ("abroad_observer", "Abroad, observership"),
    ("other", "Research, teaching, other"),
    ("gap", "Gap over 3 months"),
)


@dataclass(frozen=True)
class ReadinessPage:
    readiness: Readiness
    experiences: tuple[ExperienceDTO, ...]
    gap_prompt_id: int | None  # the "Can you explain the gap in your CV?" prompt


def load_readiness_page(journal: Journal) -> ReadinessPage:
    """Everything the page shows (runs on the task runner)."""
    from imgjournal.services.experiences import list_experiences
    from imgjournal.services.prompts import list_prompts
    from imgjournal.services.readiness import GAP_PROMPT_KEY, readiness

    prompt = next(
        (p for p in list_prompts(journal, include_hidden=True) if p.key == GAP_PROMPT_KEY), None
    )
    return ReadinessPage(
        readiness(journal), tuple(list_experiences(journal)), prompt.id if prompt else None
    )


def strip_colour(x: ExperienceDTO) -> str:
    from imgjournal.services.readiness import is_clinical, is_hands_on

    if not is_clinical(x):
        return "other"
    where = "us" if x.is_us else "abroad"
    return f"{where}_{'hands_on' if is_hands_on(x) else 'observer'}"


class LevelBar(QWidget):
    """A rounded bar filled to value/target in its level's colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.share = 0.0
        self.colour = QColor(LEVEL_COLOURS["red"])
        self.setMinimumWidth(120)
        self.setFixedHeight(12)

    def set_figure(self, f: Figure) -> None:
        self.share = max(0.0, min(1.0, f.value / f.target if f.target else 0.0))
        self.colour = QColor(LEVEL_COLOURS[f.level])
        self.setAccessibleName(f"{f.label}: {f.shown}, {LEVEL_WORDS[f.level].lower()}")
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(180, 12)

    def paintEvent(self, _event: object) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        radius = r.height() / 2
        track = self.palette().color(QPalette.ColorRole.WindowText)
        track.setAlpha(38)  # a faint track on light and dark alike
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(track)
        p.drawRoundedRect(r, radius, radius)
        if self.share > 0:
            fill = QRectF(r.left(), r.top(), max(r.height(), r.width() * self.share), r.height())
            p.setBrush(self.colour)
            p.drawRoundedRect(fill, radius, radius)
        p.end()


class UsceStrip(QWidget):
    """The experiences on a calendar strip: a US lane and an abroad lane, gaps shaded."""

    LANE_H, LABEL_W, AXIS_H, LEGEND_H = 22, 64, 18, 22

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usceStrip")
        self.setAccessibleName("US clinical experience timeline")
        self.experiences: tuple[ExperienceDTO, ...] = ()
        self.gaps: tuple[Gap, ...] = ()
        self.today = date.today()
        self.first = self.today - timedelta(days=365)
        self.setMinimumHeight(self._height())
        self.setMouseTracking(True)

    def _legend_rows(self, width: int) -> int:
        fm = self.fontMetrics()
        rows, x = 1, float(self.LABEL_W)
        for _key, label in LEGEND:
            w = 14 + 6 + fm.horizontalAdvance(label) + 16
            if x + w > width and x > self.LABEL_W:
                rows, x = rows + 1, float(self.LABEL_W)
            x += w
        return rows

    def _height(self, width: int | None = None) -> int:
        rows = self._legend_rows(width or self.width()) if width or self.width() > 100 else 2
        return 4 + 2 * (self.LANE_H + 4) + 2 + self.AXIS_H + 2 + rows * self.LEGEND_H + 4

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        self.setMinimumHeight(self._height(self.width()))
        super().resizeEvent(event)  # type: ignore[arg-type]

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(640, self._height())

    def set_data(
        self, experiences: tuple[ExperienceDTO, ...], gaps: tuple[Gap, ...], today: date
    ) -> None:
        self.experiences = tuple(x for x in experiences if x.start_date <= today)
        self.gaps = gaps
        self.today = today
        starts = [x.start_date for x in self.experiences] + [g.start for g in gaps]
        first = min(starts) if starts else today - timedelta(days=365)
        self.first = date(first.year, 1, 1) if (today - first).days > 400 else first
        self.update()

    def _x(self, day: date) -> float:
        span = max(1, (self.today - self.first).days + 1)
        width = self.width() - self.LABEL_W - 8
        return self.LABEL_W + width * (day - self.first).days / span

    def _rect(self, start: date, end: date | None, lane: int) -> QRectF:
        end = min(end or self.today, self.today)
        x0, x1 = self._x(start), self._x(end + timedelta(days=1))
        y = 4 + lane * (self.LANE_H + 4)
        return QRectF(x0, y, max(2.0, x1 - x0), self.LANE_H)

    def paintEvent(self, _event: object) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        muted = pal.color(QPalette.ColorRole.PlaceholderText)
        track = QColor(text)
        track.setAlpha(22)
        fm = p.fontMetrics()
        for lane, name in enumerate(("US", "Abroad")):
            r = self._rect(self.first, self.today, lane)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(track)
            p.drawRoundedRect(r, 3, 3)
            p.setPen(text)
            p.drawText(
                QRectF(0, r.top(), self.LABEL_W - 8, r.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                name,
            )
        gap = QColor(STRIP_COLOURS["gap"])
        for g in self.gaps:
            for lane in (0, 1):
                r = self._rect(g.start, g.end, lane)
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QBrush(gap, Qt.BrushStyle.BDiagPattern))
                p.drawRect(r)
        for x in sorted(self.experiences, key=lambda x: (x.start_date, x.id)):
            r = self._rect(x.start_date, x.end_date, 0 if x.is_us else 1)
            p.setPen(QPen(pal.color(QPalette.ColorRole.Base), 1))
            p.setBrush(QColor(STRIP_COLOURS[strip_colour(x)]))
            p.drawRoundedRect(r, 3, 3)
        # The axis: a tick each year (each quarter on a short strip).
        axis_y = 4 + 2 * (self.LANE_H + 4) + 2
        p.setPen(muted)
        short = (self.today - self.first).days < 540
        day = date(self.first.year, 1, 1)
        last_right = -1e9
        while day <= self.today:
            if day >= self.first:
                x = self._x(day)
                p.drawLine(QPointF(x, axis_y - 4), QPointF(x, axis_y))
                label = f"{day:%b %Y}" if short else str(day.year)
                w = fm.horizontalAdvance(label)
                if x - w / 2 > last_right + 6 and x + w / 2 < self.width():
                    p.drawText(QPointF(x - w / 2, axis_y + fm.ascent() + 1), label)
                    last_right = x + w / 2
            day = (
                date(day.year + (day.month + 2) // 12, (day.month + 2) % 12 + 1, 1)
                if short
                else date(day.year + 1, 1, 1)
            )
        # The legend, in rows that fit the width.
        y = axis_y + self.AXIS_H + 2
        x = float(self.LABEL_W)
        for key, label in LEGEND:
            w = 14 + 6 + fm.horizontalAdvance(label) + 16
            if x + w > self.width() and x > self.LABEL_W:
                x, y = float(self.LABEL_W), y + self.LEGEND_H
            sw = QRectF(x, y + (self.LEGEND_H - 12) / 2, 14, 12)
            colour = QColor(STRIP_COLOURS[key])
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QBrush(colour, Qt.BrushStyle.BDiagPattern) if key == "gap" else colour)
            p.drawRoundedRect(sw, 2, 2)
            p.setPen(text)
            p.drawText(QPointF(x + 20, y + (self.LEGEND_H + fm.ascent() - fm.descent()) / 2), label)
            x += w
        p.end()

    def experience_at(self, pos: QPointF) -> ExperienceDTO | None:
        for x in sorted(self.experiences, key=lambda x: x.start_date, reverse=True):
            if self._rect(x.start_date, x.end_date, 0 if x.is_us else 1).contains(pos):
                return x
        return None

    def event(self, ev: QEvent) -> bool:
        if ev.type() == QEvent.Type.ToolTip:
            x = self.experience_at(QPointF(ev.pos()))  # type: ignore[attr-defined]
            if x is None:
                QToolTip.hideText()
            else:
                end = format_date(x.end_date) if x.end_date else "ongoing"
                QToolTip.showText(
                    ev.globalPos(),  # type: ignore[attr-defined]
                    f"{x.title}\n{format_date(x.start_date)} – {end}",
                    self,
                )
            return True
        return super().event(ev)


def _card(name: str, title: str) -> tuple[QFrame, QVBoxLayout]:
    card = QFrame()
    card.setObjectName(name)
    card.setFrameShape(QFrame.Shape.StyledPanel)
    card.setAutoFillBackground(True)
    card.setBackgroundRole(QPalette.ColorRole.Base)
    lay = QVBoxLayout(card)
    lay.setContentsMargins(14, 10, 14, 12)
    lay.setSpacing(8)
    heading = QLabel(title)
    f = QFont(heading.font())
    f.setBold(True)
    f.setPointSizeF(f.pointSizeF() * 1.1)
    heading.setFont(f)
    lay.addWidget(heading)
    return card, lay


def _wrapping(name: str = "") -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


class ReadinessView(QScrollArea):
    """The Readiness page (built on the first visit to it)."""

    write_for_prompt = Signal(int)
    edit_profile = Signal()
    print_summary = Signal()
    show_letters = Signal()
    error = Signal(str)

    def __init__(self, journal: Journal, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readinessView")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._ops = Ops(journal, runner)
        self.data: ReadinessPage | None = None
        page = QWidget()
        page.setObjectName("readinessPage")
        outer = QVBoxLayout(page)
        outer.setContentsMargins(24, 18, 24, 18)
        outer.setSpacing(12)

        head = QHBoxLayout()
        self.heading = QLabel("Readiness")
        self.heading.setObjectName("readinessHeading")
        f = QFont(self.heading.font())
        f.setPointSizeF(f.pointSizeF() * 1.6)
        f.setBold(True)
        self.heading.setFont(f)
        head.addWidget(self.heading)
        head.addStretch(1)
        self.profile_button = QPushButton("Edit profile…")
        self.profile_button.setObjectName("readinessProfile")
        self.profile_button.clicked.connect(self.edit_profile)
        self.print_button = QPushButton("Print summary…")
        self.print_button.setObjectName("readinessPrint")
        self.print_button.clicked.connect(self.print_summary)
        head.addWidget(self.profile_button)
        head.addWidget(self.print_button)
        outer.addLayout(head)
        self.profile_line = _wrapping("readinessProfileLine")
        outer.addWidget(self.profile_line)

        self.ask_card, ask = _card("readinessAskProfile", "What are you applying for?")
        ask_text = _wrapping("readinessAskText")
        ask_text.setText(
            "Tell imgjournal your target specialty and ERAS season: the months in your "
            "specialty and how recent your US experience will be are measured against them."
        )
        ask.addWidget(ask_text)
        set_profile = QPushButton("Set your application profile…")
        set_profile.setObjectName("readinessSetProfile")
        set_profile.clicked.connect(self.edit_profile)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(set_profile)
        ask.addLayout(row)
        self.ask_card.hide()
        outer.addWidget(self.ask_card)

        self.figures_card, figures = _card("readinessFigures", "Against the targets")
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(10)
        self.grid.setColumnStretch(3, 1)
        figures.addLayout(self.grid)
        self._rows: dict[str, tuple[QLabel, LevelBar, QLabel, QLabel]] = {}
        outer.addWidget(self.figures_card)

        self.strip_card, strip = _card("readinessStripCard", "Your experience on the calendar")
        self.strip = UsceStrip()
        self.strip_summary = _wrapping("readinessStripSummary")
        strip.addWidget(self.strip)
        strip.addWidget(self.strip_summary)
        outer.addWidget(self.strip_card)

        self.gaps_card, gaps = _card("readinessGaps", "Gaps on your CV")
        self.gaps_text = _wrapping("readinessGapsText")
        self.gaps_text.setTextFormat(Qt.TextFormat.RichText)
        self.gaps_text.linkActivated.connect(self._link)
        gaps.addWidget(self.gaps_text)
        outer.addWidget(self.gaps_card)

        self.steps_card, steps = _card("readinessSteps", "Next steps")
        self.steps_text = _wrapping("readinessStepsText")
        self.steps_text.setTextFormat(Qt.TextFormat.RichText)
        steps.addWidget(self.steps_text)
        letters = QPushButton("Letters…")
        letters.setObjectName("readinessLetters")
        letters.clicked.connect(self.show_letters)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(letters)
        steps.addLayout(row)
        outer.addWidget(self.steps_card)
        outer.addStretch(1)
        self.setWidget(page)

    # -- data ----------------------------------------------------------------------------
    def reload(self) -> None:
        self._ops.run(
            load_readiness_page,
            on_done=self.show_data,
            on_error=lambda exc: self.error.emit(str(exc)),
            key="readiness-page",
        )

    def show_data(self, data: ReadinessPage) -> None:
        self.data = data
        r = data.readiness
        p = r.profile
        self.ask_card.setVisible(not p.asked)
        about = []
        if p.specialties:
            about.append(" / ".join(p.specialties))
        if p.season:
            about.append(f"ERAS {p.season}")
        if p.graduation_year:
            about.append(f"graduated {p.graduation_year}")
        if p.needs_visa is not None:
            about.append("needs a visa" if p.needs_visa else "no visa needed")
        self.profile_line.setText(
            "Applying for " + " · ".join(about) if about else "No application profile yet."
        )
        for i, f in enumerate(r.figures):
            self._show_figure(i, f)
        us = r.us_months
        self.strip.set_data(data.experiences, r.gaps, r.today)
        self.strip_summary.setText(
            f"US clinical experience: {us:.1f} months (hands-on {r.hands_on_months:.1f}, "
            f"observership {r.observer_months:.1f}); overlapping experiences are counted once."
        )
        self.gaps_card.setVisible(bool(r.gaps))
        if r.gaps:
            rows = []
            for g in r.gaps:
                until = "now" if g.ongoing else format_date(g.end)
                link = (
                    f" — <a href='prompt:{data.gap_prompt_id}'>draft “Can you explain the gap "
                    "in your CV?”</a>"
                    if data.gap_prompt_id
                    else ""
                )
                rows.append(f"• {format_date(g.start)} – {until} ({g.months:.1f} months){link}")
            self.gaps_text.setText(
                "An interviewer will ask about these. " + "<br>".join([""] + rows)
            )
        if r.next_steps:
            self.steps_text.setText(
                "<ol style='margin-left:-20px'>"
                + "".join(f"<li>{html.escape(s)}</li>" for s in r.next_steps)
                + "</ol>"
            )
        else:
            self.steps_text.setText("Nothing is missing: you are ready to apply.")

    def _show_figure(self, row: int, f: Figure) -> None:
        if f.key not in self._rows:
            name = QLabel()
            name.setObjectName(f"figureName_{f.key}")
            bold = QFont(name.font())
            bold.setBold(True)
            name.setFont(bold)
            bar = LevelBar()
            bar.setObjectName(f"figureBar_{f.key}")
            value = QLabel()
            value.setObjectName(f"figureValue_{f.key}")
            value.setTextFormat(Qt.TextFormat.RichText)
            sentence = _wrapping(f"figureSentence_{f.key}")
            for col, w in enumerate((name, bar, value, sentence)):
                align = Qt.AlignmentFlag.AlignVCenter if col < 3 else Qt.AlignmentFlag.AlignTop
                self.grid.addWidget(w, row, col, align)
            self._rows[f.key] = (name, bar, value, sentence)
        name, bar, value, sentence = self._rows[f.key]
        name.setText(f.label)
        bar.set_figure(f)
        value.setText(
            f"{html.escape(f.shown)}<br><span style='color:{LEVEL_COLOURS[f.level]}'>"
            f"{LEVEL_WORDS[f.level]}</span>"
        )
        sentence.setText(f.sentence)

    def level_of(self, key: str) -> str | None:
        """The level a figure shows (tests, screenshots)."""
        if self.data is None:
            return None
        return next((f.level for f in self.data.readiness.figures if f.key == key), None)

    def _link(self, href: str) -> None:
        kind, _, value = href.partition(":")
        if kind == "prompt" and value.isdigit():
            self.write_for_prompt.emit(int(value))
