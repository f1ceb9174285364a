"""Small pieces the prep windows share: labels, the verdict colours, loading a prompt's stories."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from imgjournal.db import Journal
from imgjournal.domain import AgeBand, CaseRole, EntryKind, GiverRole, PromptCategory, Setting
from imgjournal.services import entries, prep
from imgjournal.services.dto import CoverageRow, DraftDTO, EntryDTO, EntryFilter, PromptDTO
from imgjournal.services.prep_text import FINE, TOO_LONG, TOO_SHORT, format_seconds
from imgjournal.ui.models import format_date

# Accents chosen to read on both light and dark backgrounds (mid tones, not pure colours).
WARN = QColor(214, 120, 30)
GOOD = QColor(46, 150, 90)
GAP = QColor(214, 70, 60)


def category_label(value: str) -> str:
    try:
        return PromptCategory(value).label
    except ValueError:
        return value


def verdict_colour(verdict: str) -> QColor | None:
    return {TOO_SHORT: WARN, TOO_LONG: WARN, FINE: GOOD}.get(verdict)


def set_verdict_style(label: QLabel, verdict: str) -> None:
    colour = verdict_colour(verdict)
    label.setStyleSheet(f"color: {colour.name()}; font-weight: 600;" if colour else "")


def target_text(p: PromptDTO | CoverageRow) -> str:
    return f"{format_seconds(p.min_seconds)}–{format_seconds(p.max_seconds)}"


def when_text(value: datetime | None, now: datetime | None = None) -> str:
    """A due or practice time for people: "today 14:05", "in 3 days", a date."""
    if value is None:
        return "–"
    now = now or datetime.now(UTC)
    local = value.astimezone()
    days = (local.date() - now.astimezone().date()).days
    time = QLocale().toString(local.time(), QLocale.FormatType.ShortFormat)
    if days == 0:
        return f"today {time}"
    if days == 1:
        return f"tomorrow {time}"
    if days == -1:
        return f"yesterday {time}"
    if 1 < days < 30:
        return f"in {days} days"
    if -30 < days < -1:
        return f"{-days} days ago"
    return format_date(local.date())


def due_text(due: datetime, now: datetime | None = None) -> str:
    """When a prompt is due: "now", "overdue 3 days", or when it will be."""
    now = now or datetime.now(UTC)
    if due <= now:
        days = (now - due).days
        return "now" if days < 1 else f"overdue {days} day{'s' if days != 1 else ''}"
    return when_text(due, now)


def interval_text(due: datetime, now: datetime) -> str:
    """How far away a due time is: "1 min", "10 min", "3 h", "4 days", "2 mo"."""
    seconds = max(0.0, (due - now).total_seconds())
    if seconds < 3600:
        return f"{max(1, round(seconds / 60))} min"
    if seconds < 86400:
        return f"{round(seconds / 3600)} h"
    days = seconds / 86400
    if days < 45:
        return f"{round(days)} day{'s' if round(days) != 1 else ''}"
    if days < 365:
        return f"{round(days / 30)} mo"
    return f"{days / 365:.1f} yr"


def scaled_font(widget: QWidget, factor: float, *, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    font.setPointSizeF(size * factor)
    font.setBold(bold)
    return font


def muted(widget: QWidget) -> str:
    """The palette's placeholder colour, for secondary text in rich text.

    Rich text keeps the colour it was made with: a widget that uses this re-renders on
    ``QEvent.PaletteChange`` (a switch between light and dark). Plain labels use :func:`mute`.
    """
    pal = widget.palette()
    fg = pal.color(QPalette.ColorRole.PlaceholderText)
    if fg.alpha() == 255:
        return fg.name()
    # Fusion's light placeholder is translucent black, which .name() would make plain black:
    # blend it over the background, as Qt paints it.
    bg, a = pal.color(QPalette.ColorRole.Base), fg.alphaF()
    mix = (
        round(f * a + b * (1 - a)) for f, b in zip(fg.getRgb()[:3], bg.getRgb()[:3], strict=True)
    )
    return QColor(*mix).name()


def mute(label: QWidget) -> None:
    """Show ``label`` in the palette's secondary-text colour, following light/dark switches."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)


@dataclass(frozen=True)
class PromptStories:
    """A prompt's linked entries and drafts (loaded together on the task runner)."""

    prompt: PromptDTO
    entries: tuple[EntryDTO, ...]
    drafts: tuple[DraftDTO, ...]

    @property
    def practice(self) -> DraftDTO | None:
        return next((d for d in self.drafts if d.is_practice), None)

    @property
    def cases(self) -> tuple[EntryDTO, ...]:
        return tuple(e for e in self.entries if e.kind == EntryKind.CASE)


def load_prompt_stories(journal: Journal, prompt_id: int) -> PromptStories:
    from imgjournal.services.prompts import get_prompt

    prompt = get_prompt(journal, prompt_id)
    linked = entries.list_entries(journal, EntryFilter(prompt_id=prompt_id))
    return PromptStories(prompt, tuple(linked), tuple(prep.list_drafts(journal, prompt_id)))


def _label(enum: type, value: str | None) -> str:
    return enum(value).label if value else ""  # type: ignore[operator]


def _markdown(text: str) -> str:
    """User text as rendered Markdown (lists, emphasis, paragraphs kept), its own HTML shown as
    typed, not interpreted."""
    from imgjournal.ui.markdown_render import render_markdown

    return render_markdown(text.strip())


# The rows whose values are the user's own writing: rendered as Markdown, in full.
_WRITTEN = frozenset({"Situation", "Task", "Action", "Result", "Lesson", "Said", "To do", ""})


def entry_html(e: EntryDTO, grey: str, *, links: bool = True) -> str:
    """One linked entry with its key fields, as rich text (user text escaped)."""
    esc = html.escape
    kind = EntryKind(e.kind).label
    title = esc(e.title)
    if links:
        title = f"<a href='entry:{e.id}'>{title}</a>"
    parts = [
        f"<p style='margin-bottom:2px'><b>{title}</b> "
        f"<span style='color:{grey}'>{kind} · {esc(format_date(e.entry_date))}</span></p>"
    ]
    rows: list[tuple[str, str]] = []
    if e.case is not None:
        c = e.case
        who = ", ".join(
            x for x in (_label(Setting, c.setting), _label(AgeBand, c.age_band), c.sex or "") if x
        )
        if who:
            rows.append(("Patient", who))
        if c.chief_complaint:
            rows.append(("Complaint", c.chief_complaint))
        if c.diagnoses:
            rows.append(("Diagnoses", "; ".join(c.diagnoses)))
        if c.role:
            rows.append(("Role", _label(CaseRole, c.role)))
        for name, value in (
            ("Situation", c.situation),
            ("Task", c.task),
            ("Action", c.action),
            ("Result", c.result),
            ("Lesson", c.lesson),
        ):
            if value.strip():
                rows.append((name, value))
    elif e.feedback is not None:
        f = e.feedback
        giver = ", ".join(x for x in (f.giver_name, _label(GiverRole, f.giver_role)) if x)
        if giver:
            rows.append(("From", giver))
        if f.words.strip():
            rows.append(("Said", f.words))
        if f.action_items.strip():
            rows.append(("To do", f.action_items))
    if e.body.strip() and (e.case is None or not rows):
        rows.append(("", e.body))
    if rows:
        cells = "".join(
            f"<tr><td style='color:{grey}; padding-right:8px; vertical-align:top'>{esc(k)}</td>"
            f"<td>{_markdown(v) if k in _WRITTEN else esc(v)}</td></tr>"
            for k, v in rows
        )
        parts.append(f"<table style='margin-left:8px'>{cells}</table>")
    if links and e.kind == EntryKind.CASE:
        parts.append(
            f"<p style='margin-top:2px'><a href='prefill:{e.id}'>New draft from this case</a></p>"
        )
    return "".join(parts)
