"""What R shows in practice: the practised draft and the linked stories, as rendered Markdown.

The STAR-L fields, a feedback's words and an entry's notes are Markdown (lists, emphasis,
paragraphs); the reveal renders each with ``ui.markdown_render.render_markdown`` instead of
flattening it to one line, so the story reads as it was written. Key facts of a case (patient,
complaint, diagnoses, role) stay one short line each. User text that is not Markdown (titles,
field values) is escaped.
"""

from __future__ import annotations

import html

from imgjournal.domain import AgeBand, CaseRole, EntryKind, GiverRole, Setting
from imgjournal.services.dto import EntryDTO
from imgjournal.ui.markdown_render import render_markdown
from imgjournal.ui.models import format_date
from imgjournal.ui.prep.common import PromptStories

STAR_L = (
    ("Situation", "situation"),
    ("Task", "task"),
    ("Action", "action"),
    ("Result", "result"),
    ("Lesson", "lesson"),
)


def _label(enum: type, value: str | None) -> str:
    return enum(value).label if value else ""  # type: ignore[operator]


def _md(text: str) -> str:
    """Markdown as HTML for QTextBrowser (Qt's rich text takes the markdown package's HTML)."""
    return render_markdown(text.strip())


def _section(name: str, body_html: str, grey: str) -> str:
    return (
        f"<p style='margin:8px 0 0 0; color:{grey}; font-size:small'>"
        f"{html.escape(name.upper())}</p>{body_html}"
    )


def _facts(rows: list[tuple[str, str]], grey: str) -> str:
    if not rows:
        return ""
    cells = "".join(
        f"<tr><td style='color:{grey}; padding-right:10px'>{html.escape(k)}</td>"
        f"<td>{html.escape(v)}</td></tr>"
        for k, v in rows
    )
    return f"<table cellspacing='0' cellpadding='1'>{cells}</table>"


def story_html(e: EntryDTO, grey: str) -> str:
    """One linked entry: its title and date, key facts, then its story in rendered Markdown."""
    parts = [
        f"<h3 style='margin:14px 0 2px 0'>{html.escape(e.title)}</h3>"
        f"<p style='margin:0; color:{grey}'>{EntryKind(e.kind).label} · "
        f"{html.escape(format_date(e.entry_date))}</p>"
    ]
    told = False
    if e.case is not None:
        c = e.case
        who = ", ".join(
            x for x in (_label(Setting, c.setting), _label(AgeBand, c.age_band), c.sex or "") if x
        )
        facts = [
            ("Patient", who),
            ("Complaint", c.chief_complaint),
            ("Diagnoses", "; ".join(c.diagnoses)),
            ("Role", _label(CaseRole, c.role)),
        ]
        parts.append(_facts([(k, v) for k, v in facts if v], grey))
        for name, attr in STAR_L:
            value = getattr(c, attr) or ""
            if value.strip():
                parts.append(_section(name, _md(value), grey))
                told = True
    elif e.feedback is not None:
        f = e.feedback
        giver = ", ".join(x for x in (f.giver_name, _label(GiverRole, f.giver_role)) if x)
        parts.append(_facts([("From", giver)] if giver else [], grey))
        if f.words.strip():
            parts.append(
                _section("What they said", f"<blockquote>{_md(f.words)}</blockquote>", grey)
            )
            told = True
        if f.action_items.strip():
            parts.append(_section("To do", _md(f.action_items), grey))
            told = True
    if e.body.strip():
        parts.append(_section("Notes" if told else "Entry", _md(e.body), grey))
    return "".join(parts)


def reveal_html(stories: PromptStories, grey: str) -> str:
    """The whole reveal: the practised draft (or how to write one), then the linked stories."""
    practice = stories.practice
    if practice is not None:
        head = f"<p style='color:{grey}'>Your practised draft · {practice.words} words</p>"
        draft = _md(practice.body) if practice.body.strip() else ""
    else:
        head = (
            f"<p style='color:{grey}'>No drafted answer yet: draft one in the answer workspace "
            "(Ctrl+Shift+A).</p>"
        )
        draft = ""
    linked = "".join(story_html(e, grey) for e in stories.entries) or (
        f"<p style='color:{grey}'>No entry is linked to this prompt yet.</p>"
    )
    return f"{head}{draft}<hr/><p style='color:{grey}'>Linked stories</p>{linked}"
