"""The five sheets as lists of flowables: pure layout over the gathered data.

Each builder takes the :class:`Gathered` data and a :class:`Layout` and returns the story for
:class:`SheetDocTemplate`. Nothing here reads the journal. The study sheet, the cheat sheet and
the full journal are here; the two sheets about one experience are in ``sheets_experience``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import groupby

from reportlab.platypus import Flowable, Spacer

from imgjournal.domain import CaseRole, EntryKind, FeedbackKind, PromptCategory, Setting
from imgjournal.export.pdf import fonts
from imgjournal.export.pdf.data import ExperienceData, Gathered, JournalData, StudyData
from imgjournal.export.pdf.fastpara import para
from imgjournal.export.pdf.layout import (
    Layout,
    giver,
    label,
    muted,
    patient,
    plain_excerpt,
    seconds_for,
    target_text,
    user_name,
)
from imgjournal.export.pdf.markdown_flowables import esc
from imgjournal.export.pdf.sheets_eras import eras
from imgjournal.export.pdf.sheets_experience import bragsheet, rotation
from imgjournal.export.pdf.styles import variant
from imgjournal.export.pdf.template import TocRow, fit_text, outlined, short_date
from imgjournal.services.dto import EntryDTO

Builder = Callable[[Gathered, Layout], list[Flowable]]

TITLES = {
    "study": "Interview study sheet",
    "cheatsheet": "Interview cheat sheet",
    "rotation": "Rotation summary",
    "bragsheet": "Brag sheet for my letter writer",
    "journal": "Journal",
    "readiness": "Application readiness",
    "eras": "ERAS experiences",
    "interview": "Interview day",
}


def sheet_title(g: Gathered) -> str:
    if isinstance(g.data, ExperienceData):
        if g.data.letter is not None:  # the brag sheet prepared for one letter's writer
            return f"Brag sheet for {g.data.letter.writer_name}: {g.data.experience.title}"
        return f"{TITLES[g.sheet]}: {g.data.experience.title}"
    return TITLES[g.sheet]


# ---- the interview study sheet ----------------------------------------------------------


def study(g: Gathered, lay: Layout) -> list[Flowable]:
    data = g.data
    assert isinstance(data, StudyData)
    st = lay.styles
    with_story = sum(1 for b in data.prompts if b.stories)
    counts = (
        f"{len(data.prompts)} prompt{'s' if len(data.prompts) != 1 else ''} · "
        f"{with_story} with a story · {data.story_count} "
        f"stor{'ies' if data.story_count != 1 else 'y'}"
    )
    scope = esc(data.scope)
    prompts = data.prompts
    if g.options.key_points:
        # Key points only: the prompts with a story, each story in a few lines.
        scope += " · key points only"
        prompts = tuple(b for b in prompts if b.stories)
    out = lay.title_block(TITLES["study"], [user_name(g.options), scope, counts])
    if not prompts:
        out.append(para("No prompts match what was chosen.", st.note))
        return out
    groups = [(cat, list(blocks)) for cat, blocks in groupby(prompts, lambda b: b.prompt.category)]
    if len(prompts) > 1:
        out.append(outlined(para("Contents", st.h1), "contents", "Contents", 0))
        for cat, blocks in groups:
            out.append(lay.room(3))
            out.append(TocRow(esc(label(PromptCategory, cat)), f"c-{cat}", st.toc_h1))
            out += [TocRow(esc(b.prompt.text), f"p{b.prompt.id}", st.toc_h2) for b in blocks]
        out.append(Spacer(1, st.size * 1.5))
    for cat, blocks in groups:
        cat_label = label(PromptCategory, cat)
        out.append(lay.room(9))
        out.append(outlined(para(esc(cat_label), st.h1), f"c-{cat}", cat_label, 0))
        for b in blocks:
            p = b.prompt
            out.append(lay.room(6))
            out.append(outlined(para(esc(p.text), st.h2), f"p{p.id}", p.text, 1))
            n = len(b.stories)
            stories = f"{n} stor{'ies' if n != 1 else 'y'}" if n else "no story yet"
            out.append(para(f"{target_text(p)} · {stories}", st.meta))
            if not g.options.key_points:
                out += _draft(lay, b.draft, p.max_seconds)
            if b.stories:
                for i, e in enumerate(b.stories):
                    if g.options.key_points:
                        others = [data.prompt_texts.get(i) for i in e.prompt_ids if i != p.id]
                        block = lay.key_points(
                            e, data.experiences, [t for t in others if t], lead=2 if i == 0 else 0
                        )
                    else:
                        block = lay.story(e, data.experiences, lead=2 if i == 0 else 0)
                    if i == 0:  # the label travels with the first story
                        block.insert(1, para("STORIES", st.h3))
                    out += block
            else:
                out.append(
                    para(
                        "No story linked yet: link a case, feedback or reflection to this "
                        "prompt to prepare an answer.",
                        st.note,
                    )
                )
    return out


def _draft(lay: Layout, draft: object, max_seconds: int) -> list[Flowable]:
    from imgjournal.export.pdf.drafts import DraftedAnswer

    st = lay.styles
    if not isinstance(draft, DraftedAnswer):
        return []
    out: list[Flowable] = [lay.room(4), para("DRAFTED ANSWER · STAR-L", st.h3)]
    for name, text in draft.sections:
        out += lay.labelled_markdown(name, text)
    lo, hi = seconds_for(draft.words)
    note = f"{draft.words} words, about {lo}–{hi} s aloud"
    if lo > max_seconds:
        note += f" — longer than the {max_seconds} s target; trim it"
    if draft.source:
        note = f"{esc(draft.source)} · {note}"
    out.append(para(note, variant(st.meta, leftIndent=st.field.leftIndent)))
    return out


# ---- the one-page cheat sheet -----------------------------------------------------------


def cheatsheet(g: Gathered, lay: Layout) -> list[Flowable]:
    data = g.data
    assert isinstance(data, StudyData)
    st = lay.styles
    head = variant(
        st.h1,
        fontSize=st.size * 1.2,
        leading=st.size * 1.45,
        spaceBefore=st.size * 0.5,
        spaceAfter=st.size * 0.1,
    )
    out: list[Flowable] = [
        para(
            f"{esc(data.scope)} · {len(data.prompts)} prompts · {data.story_count} stories",
            variant(st.meta, spaceAfter=0),
        )
    ]
    if not data.prompts:
        out.append(para("No prompts match what was chosen.", st.note))
        return out
    cue_width = lay.width - st.cue.leftIndent
    for cat, blocks in groupby(data.prompts, lambda b: b.prompt.category):
        cat_label = label(PromptCategory, cat)
        out.append(lay.room(4))
        out.append(outlined(para(esc(cat_label), head), f"c-{cat}", cat_label, 0))
        for b in blocks:
            p = b.prompt
            secs = f"{p.min_seconds}–{p.max_seconds}\u00a0s"
            if not b.stories:
                secs += " · <i>no\u00a0story\u00a0yet</i>"
            out.append(para(f"{esc(p.text)} {muted(secs, True, regular=True)}", st.cue_prompt))
            for e in b.stories:
                out.append(para(_cue_line(lay, e, cue_width), st.cue, bulletText="–"))
    return out


def _cue_line(lay: Layout, e: EntryDTO, width: float) -> str:
    """A story's line on the cheat sheet: its title (cut to 60% of a line when a cue follows)
    and the cue in full, which may wrap: a cue is never cut."""
    st = lay.styles.cue
    title = " ".join(e.title.split())
    what = cue(e)
    if not what or what == title:
        return f"<b>{esc(title)}</b>"
    if fonts.width(title, fonts.SANS_BOLD, st.fontSize) > width * 0.6:
        title = fit_text(title, fonts.SANS_BOLD, st.fontSize, width * 0.6)
    return f"<b>{esc(title)}</b>{muted(' · ')}{esc(what)}"


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=\S)")


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (all of it when it has one), on one line."""
    text = " ".join(plain_excerpt(text).split())
    return _SENTENCE_END.split(text, 1)[0] if text else ""


def cue(e: EntryDTO) -> str:
    """What brings the story back: the memory hook the user wrote, else the first sentence of
    the lesson, else the title; for feedback, the words and who said them. Never the start
    of the entry's text cut off mid-sentence."""
    if e.case is not None:
        c = e.case
        hook = " ".join(getattr(c, "hook", "").split())
        return hook or first_sentence(c.lesson) or " ".join(e.title.split())
    if e.feedback is not None:
        f = e.feedback
        who = giver(e)
        words = f"“{first_sentence(f.words)}”" if f.words.strip() else ""
        return " — ".join(x for x in (words, who) if x) or " ".join(e.title.split())
    return " ".join(e.title.split())


# ---- the full journal -------------------------------------------------------------------

_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def journal(g: Gathered, lay: Layout) -> list[Flowable]:
    data = g.data
    assert isinstance(data, JournalData)
    st = lay.styles
    n = len(data.entries)
    span = ""
    if data.entries:
        first, last = data.entries[0].entry_date, data.entries[-1].entry_date
        span = f" · {short_date(first)} to {short_date(last)}"
    out = lay.title_block(
        TITLES["journal"],
        [user_name(g.options), esc(data.scope) + f" · {n} entr{'ies' if n != 1 else 'y'}{span}"],
    )
    if not data.entries:
        out.append(para("No entries match what was chosen.", st.note))
        return out
    for (year, month), entries in groupby(
        data.entries, lambda e: (e.entry_date.year, e.entry_date.month)
    ):
        name = f"{_MONTH_NAMES[month - 1]} {year}"
        out.append(lay.room(9))
        out.append(outlined(para(name, st.h1), f"m{year}-{month:02d}", name, 0, closed=True))
        for e in entries:
            out += _journal_entry(lay, data, e)
    return out


def _journal_entry(lay: Layout, data: JournalData, e: EntryDTO) -> list[Flowable]:
    st = lay.styles
    kind = label(EntryKind, e.kind)
    where = data.experiences.get(e.experience_id) if e.experience_id else None
    meta = [short_date(e.entry_date), kind]
    if where:
        meta.append(where.title)
    if e.tags:
        meta.append(" ".join("#" + t for t in e.tags))
    out: list[Flowable] = [
        lay.room(5),
        outlined(para(esc(e.title), st.h2), f"e{e.id}", e.title, 1),
        para(esc(" · ".join(meta)), st.meta),
    ]
    if e.case is not None:
        c = e.case
        out += lay.fields(
            [
                ("Setting", label(Setting, c.setting)),
                ("Patient", patient(c)),
                ("Chief complaint", c.chief_complaint),
                ("Diagnoses", "; ".join(c.diagnoses)),
                ("Procedures", "; ".join(c.procedures)),
                ("My role", label(CaseRole, c.role).lower()),
                ("Situation", c.situation),
                ("Task", c.task),
                ("Action", c.action),
                ("Result", c.result),
                ("Lesson", c.lesson),
            ]
        )
    if e.feedback is not None:
        f = e.feedback
        out += lay.fields(
            [
                ("From", giver(e)),
                ("Kind", label(FeedbackKind, f.feedback_kind)),
                ("Words", f"“{f.words.strip()}”" if f.words.strip() else ""),
                ("Action items", f.action_items + (" (followed up)" if f.followed_up else "")),
            ]
        )
    prompts = [data.prompts[i].text for i in e.prompt_ids if i in data.prompts]
    if prompts:
        out.append(lay.field("Prompts", " · ".join(prompts)))
    out += lay.md.flowables(e.body)
    return out


BUILDERS: dict[str, Builder] = {
    "study": study,
    "cheatsheet": cheatsheet,
    "rotation": rotation,
    "bragsheet": bragsheet,
    "journal": journal,
    "eras": eras,
}


def _readiness(g: Gathered, lay: Layout) -> list[Flowable]:
    from imgjournal.export.pdf.sheets_readiness import readiness_sheet

    return readiness_sheet(g, lay)


BUILDERS["readiness"] = _readiness


def _interview(g: Gathered, lay: Layout) -> list[Flowable]:
    from imgjournal.export.pdf.sheets_interview import interview_sheet

    return interview_sheet(g, lay)


BUILDERS["interview"] = _interview
