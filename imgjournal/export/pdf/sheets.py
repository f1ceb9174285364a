"""The five sheets as lists of flowables: pure layout over the gathered data.

Each builder takes the :class:`Gathered` data and a :class:`Layout` and returns the story for
:class:`SheetDocTemplate`. Nothing here reads the journal.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from itertools import groupby

from reportlab.platypus import Flowable, Paragraph, Spacer, Table
from reportlab.platypus import TableStyle as TS

from imgjournal.domain import (
    CaseRole,
    EntryKind,
    ErasType,
    ExperienceKind,
    FeedbackKind,
    PromptCategory,
    Setting,
)
from imgjournal.export.pdf import fonts
from imgjournal.export.pdf.data import ExperienceData, Gathered, JournalData, StudyData
from imgjournal.export.pdf.layout import (
    Layout,
    date_range,
    giver,
    label,
    muted,
    patient,
    plain_excerpt,
    seconds_for,
    target_text,
)
from imgjournal.export.pdf.markdown_flowables import esc
from imgjournal.export.pdf.styles import ACCENT, RULE, TINT, variant
from imgjournal.export.pdf.template import TocRow, outlined, short_date
from imgjournal.services.dto import EntryDTO

Builder = Callable[[Gathered, Layout], list[Flowable]]

TITLES = {
    "study": "Interview study sheet",
    "cheatsheet": "Interview cheat sheet",
    "rotation": "Rotation summary",
    "bragsheet": "Brag sheet for my letter writer",
    "journal": "Journal",
}


def sheet_title(g: Gathered) -> str:
    if isinstance(g.data, ExperienceData):
        return f"{TITLES[g.sheet]}: {g.data.experience.title}"
    return TITLES[g.sheet]


def _title_block(lay: Layout, title: str, lines: list[str]) -> list[Flowable]:
    st = lay.styles
    out: list[Flowable] = [Paragraph(esc(title), st.title)]
    out += [Paragraph(line, st.subtitle) for line in lines if line]
    out.append(Spacer(1, st.size * 0.8))
    return out


def _who(g: Gathered) -> str:
    return esc(g.options.name) if g.options.name else ""


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
    out = _title_block(lay, TITLES["study"], [_who(g), esc(data.scope), counts])
    if not data.prompts:
        out.append(Paragraph("No prompts match what was chosen.", st.note))
        return out
    groups = [
        (cat, list(blocks)) for cat, blocks in groupby(data.prompts, lambda b: b.prompt.category)
    ]
    if len(data.prompts) > 1:
        out.append(outlined(Paragraph("Contents", st.h1), "contents", "Contents", 0))
        for cat, blocks in groups:
            out.append(lay.room(3))
            out.append(TocRow(esc(label(PromptCategory, cat)), f"c-{cat}", st.toc_h1))
            out += [TocRow(esc(b.prompt.text), f"p{b.prompt.id}", st.toc_h2) for b in blocks]
        out.append(Spacer(1, st.size * 1.5))
    for cat, blocks in groups:
        cat_label = label(PromptCategory, cat)
        out.append(lay.room(9))
        out.append(outlined(Paragraph(esc(cat_label), st.h1), f"c-{cat}", cat_label, 0))
        for b in blocks:
            p = b.prompt
            out.append(lay.room(6))
            out.append(outlined(Paragraph(esc(p.text), st.h2), f"p{p.id}", p.text, 1))
            n = len(b.stories)
            stories = f"{n} stor{'ies' if n != 1 else 'y'}" if n else "no story yet"
            out.append(Paragraph(f"{target_text(p)} · {stories}", st.meta))
            out += _draft(lay, b.draft, p.max_seconds)
            if b.stories:
                for i, e in enumerate(b.stories):
                    block = lay.story(e, data.experiences, lead=2 if i == 0 else 0)
                    if i == 0:  # the label travels with the first story
                        block.insert(1, Paragraph("STORIES", st.h3))
                    out += block
            else:
                out.append(
                    Paragraph(
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
    out: list[Flowable] = [lay.room(4), Paragraph("DRAFTED ANSWER · STAR-L", st.h3)]
    for name, text in draft.sections:
        out += lay.labelled_markdown(name, text)
    lo, hi = seconds_for(draft.words)
    note = f"{draft.words} words, about {lo}–{hi} s aloud"
    if lo > max_seconds:
        note += f" — longer than the {max_seconds} s target; trim it"
    if draft.source:
        note = f"{esc(draft.source)} · {note}"
    out.append(Paragraph(note, variant(st.meta, leftIndent=st.field.leftIndent)))
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
        Paragraph(
            f"{esc(data.scope)} · {len(data.prompts)} prompts · {data.story_count} stories",
            variant(st.meta, spaceAfter=0),
        )
    ]
    if not data.prompts:
        out.append(Paragraph("No prompts match what was chosen.", st.note))
        return out
    cue_width = lay.width - st.cue.leftIndent
    for cat, blocks in groupby(data.prompts, lambda b: b.prompt.category):
        cat_label = label(PromptCategory, cat)
        out.append(lay.room(4))
        out.append(outlined(Paragraph(esc(cat_label), head), f"c-{cat}", cat_label, 0))
        for b in blocks:
            p = b.prompt
            secs = f"{p.min_seconds}–{p.max_seconds}\u00a0s"
            if not b.stories:
                secs += " · <i>no story yet</i>"
            out.append(Paragraph(f"{esc(p.text)} {muted(secs, True, regular=True)}", st.cue_prompt))
            for e in b.stories:
                parts = [(e.title, fonts.SANS_BOLD), (_cue(e), fonts.SANS)]
                line = lay.one_line(parts, st.cue, cue_width)
                out.append(Paragraph(line, st.cue, bulletText="–"))
    return out


def _cue(e: EntryDTO) -> str:
    """One line that brings the story back: the lesson, the words, the gist."""
    if e.case is not None:
        c = e.case
        return c.lesson or c.result or c.chief_complaint or plain_excerpt(e.body)
    if e.feedback is not None:
        f = e.feedback
        who = giver(e)
        words = f"“{f.words.strip()}”" if f.words.strip() else ""
        return " — ".join(x for x in (words, who) if x)
    return plain_excerpt(e.body)


# ---- the rotation summary ---------------------------------------------------------------


def _experience_facts(lay: Layout, data: ExperienceData) -> list[Flowable]:
    x = data.experience
    where = "in the US" if x.is_us else "abroad"
    care = "hands-on" if x.hands_on else "observational"
    facts = [
        ("Dates", date_range(x.start_date, x.end_date)),
        ("Kind", f"{label(ExperienceKind, x.kind)} · {where} · {care}"),
        ("Institution", x.institution),
        ("Place", ", ".join(v for v in (x.city, x.state, x.country) if v)),
        ("Specialty", x.specialty),
        ("Supervisor", x.supervisor),
        ("Hours / week", str(x.hours_per_week) if x.hours_per_week else ""),
        ("ERAS type", label(ErasType, x.eras_type)),
    ]
    return lay.fields(facts)


def _section(lay: Layout, title: str, key: str, count: int | None = None) -> list[Flowable]:
    text = title if count is None else f"{title} ({count})"
    return [lay.room(6), outlined(Paragraph(esc(text), lay.styles.h1), key, text, 0)]


def rotation(g: Gathered, lay: Layout) -> list[Flowable]:
    data = g.data
    assert isinstance(data, ExperienceData)
    x = data.experience
    st = lay.styles
    sub = " · ".join(v for v in (x.institution, x.specialty) if v)
    out = _title_block(lay, x.title, [_who(g), esc(sub)])
    out.append(outlined(Paragraph("Overview", st.h1), "overview", "Overview", 0))
    out += _experience_facts(lay, data)
    out += lay.md.flowables(x.notes)

    out.extend(_section(lay, "Cases seen", "cases", len(data.cases)))
    if data.cases:
        roles = Counter(label(CaseRole, e.case.role) for e in data.cases if e.case and e.case.role)
        places = Counter(
            label(Setting, e.case.setting) for e in data.cases if e.case and e.case.setting
        )
        summary = []
        if roles:
            summary.append(
                "My role: " + ", ".join(f"{k.lower()} {v}" for k, v in roles.most_common())
            )
        if places:
            summary.append("Settings: " + ", ".join(f"{k} {v}" for k, v in places.most_common()))
        if summary:
            out.append(Paragraph(esc(" · ".join(summary)), st.meta))
        out.append(_case_table(lay, data.cases))
    else:
        out.append(Paragraph("No cases logged for this experience.", st.note))

    procedures = _procedures(data.cases)
    out.extend(_section(lay, "Procedures", "procedures", len(procedures) or None))
    if procedures:
        for name, (count, roles) in procedures.items():
            how = ", ".join(f"{r} {n}" for r, n in roles.most_common() if r)
            text = f"{esc(name)} × {count}" + (f" {muted('(' + esc(how) + ')')}" if how else "")
            out.append(Paragraph(text, st.item, bulletText="•"))
    else:
        out.append(Paragraph("No procedures recorded.", st.note))

    out.extend(_section(lay, "Feedback received", "feedback", len(data.feedback)))
    for e in data.feedback:
        out.append(lay.story_heading(e, {}))
        out += lay.story_points(e, body=True)
    if not data.feedback:
        out.append(Paragraph("No feedback recorded.", st.note))

    lessons = [e for e in data.cases if e.case and e.case.lesson.strip()]
    if lessons:
        out.extend(_section(lay, "Lessons from cases", "lessons", len(lessons)))
        for e in lessons:
            assert e.case is not None
            out.append(
                Paragraph(
                    f"<b>{esc(e.title)}</b> {muted(short_date(e.entry_date), True)} — "
                    f"{esc(e.case.lesson)}",
                    st.item,
                    bulletText="•",
                )
            )

    out.extend(_section(lay, "Reflections", "reflections", len(data.reflections)))
    for e in data.reflections:
        out.append(lay.story_heading(e, {}))
        out += lay.story_points(e, body=True)
    if not data.reflections:
        out.append(Paragraph("No reflections written.", st.note))
    return out


def _procedures(cases: tuple[EntryDTO, ...]) -> dict[str, tuple[int, Counter[str]]]:
    counts: dict[str, int] = defaultdict(int)
    roles: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, str] = {}
    for e in cases:
        if e.case is None:
            continue
        role = label(CaseRole, e.case.role).lower()
        for proc in e.case.procedures:
            key = proc.strip().casefold()
            if not key:
                continue
            names.setdefault(key, proc.strip())
            counts[key] += 1
            roles[key][role] += 1
    order = sorted(counts, key=lambda k: (-counts[k], names[k].casefold()))
    return {names[k]: (counts[k], roles[k]) for k in order}


def _case_table(lay: Layout, cases: tuple[EntryDTO, ...]) -> Table:
    st = lay.styles
    cell, head = st.cell, st.cell_head
    headers = ["Date", "Case", "Setting", "Patient", "Diagnoses", "My role"]
    rows: list[list[Flowable]] = [[Paragraph(h, head) for h in headers]]
    for e in cases:
        c = e.case
        assert c is not None
        case = f"<b>{esc(e.title)}</b>"
        if c.chief_complaint.strip():
            case += f"<br/>{muted(esc(c.chief_complaint))}"
        rows.append(
            [
                Paragraph(short_date(e.entry_date), cell),
                Paragraph(case, cell),
                Paragraph(esc(label(Setting, c.setting)), cell),
                Paragraph(esc(patient(c)), cell),
                Paragraph("<br/>".join(esc(d) for d in c.diagnoses), cell),
                Paragraph(esc(label(CaseRole, c.role).lower()), cell),
            ]
        )
    w = lay.width
    fixed = [w * 0.12, None, w * 0.1, w * 0.14, w * 0.22, w * 0.1]
    fixed[1] = w - sum(f for f in fixed if f)
    table = Table(rows, colWidths=fixed, repeatRows=1, hAlign="LEFT", splitInRow=1)
    table.setStyle(
        TS(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, TINT]),
            ]
        )
    )
    return table


# ---- the letter-writer brag sheet ---------------------------------------------------------


def bragsheet(g: Gathered, lay: Layout) -> list[Flowable]:
    data = g.data
    assert isinstance(data, ExperienceData)
    x = data.experience
    st = lay.styles
    writer = x.supervisor.strip()
    lines = [
        f"For {esc(writer)}" if writer else "",
        f"From {_who(g)}" if g.options.name else "",
        esc(" · ".join(v for v in (x.title, x.institution) if v)),
    ]
    out = _title_block(lay, "Brag sheet", lines)
    out.append(
        Paragraph(
            "Thank you for writing a letter for me. This sheet gathers what I did during the "
            "rotation, the cases I presented and the feedback I received, so the details are "
            "at hand when you write.",
            st.body,
        )
    )

    out.extend(_section(lay, "What I did", "did"))
    out += _experience_facts(lay, data)
    roles = Counter(e.case.role for e in data.cases if e.case and e.case.role)
    if data.cases:
        order = [CaseRole.PERFORMED, CaseRole.PRESENTED, CaseRole.ASSISTED, CaseRole.OBSERVED]
        tally = ", ".join(f"{roles[r]} {r.label.lower()}" for r in order if roles[r])
        text = f"{len(data.cases)} case{'s' if len(data.cases) != 1 else ''} logged"
        out.append(lay.field("Patients", text + (f": {tally}" if tally else "")))
        settings = Counter(
            label(Setting, e.case.setting) for e in data.cases if e.case and e.case.setting
        )
        if settings:
            out.append(lay.field("Settings", ", ".join(k for k, _ in settings.most_common())))
        procedures = _procedures(data.cases)
        if procedures:
            out.append(
                lay.field("Procedures", ", ".join(f"{k} × {n}" for k, (n, _) in procedures.items()))
            )
    out += lay.md.flowables(x.notes)

    presented = data.presented
    shown = presented or tuple(
        e for e in data.cases if e.case and e.case.role == CaseRole.PERFORMED
    )
    title = "Cases I presented" if presented else "Cases I took part in"
    if shown:
        out.extend(_section(lay, title, "presented", len(shown)))
        for e in shown:
            out += lay.story(e, {}, actions=True)

    feedback = sorted(data.feedback, key=lambda e: (not _from_writer(e, writer), e.entry_date))
    out.extend(_section(lay, "Feedback I received", "feedback", len(feedback)))
    for e in feedback:
        out.append(lay.story_heading(e, {}))
        out += lay.feedback_points(e)
    if not feedback:
        out.append(Paragraph("No feedback recorded yet.", st.note))

    out.extend(_section(lay, "What I hope the letter covers", "hopes"))
    if data.hopes.strip():
        out += lay.md.flowables(data.hopes)
    else:
        out += _suggested_hopes(lay, data, roles)
    return out


def _from_writer(e: EntryDTO, writer: str) -> bool:
    if not writer or e.feedback is None:
        return False
    name = e.feedback.giver_name.strip().casefold()
    return bool(name) and (name in writer.casefold() or writer.casefold() in name)


def _suggested_hopes(
    lay: Layout, data: ExperienceData, roles: Counter[str | None]
) -> list[Flowable]:
    st = lay.styles
    points: list[str] = []
    hands = roles[CaseRole.PERFORMED] + roles[CaseRole.PRESENTED]
    if hands:
        points.append(
            f"My hands-on work: {hands} patient{'s' if hands != 1 else ''} I examined, "
            "presented or treated myself."
        )
    seen = set()
    for e in data.feedback:
        f = e.feedback
        if f is None or f.feedback_kind != FeedbackKind.PRAISE or not f.words.strip():
            continue
        words = f.words.strip()
        if words.casefold() in seen:
            continue
        seen.add(words.casefold())
        points.append(f"What {giver(e) or 'the team'} noticed: “{words}”")
        if len(points) >= 4:
            break
    improved = [e for e in data.feedback if e.feedback and e.feedback.followed_up]
    if improved:
        points.append("How I acted on feedback during the rotation.")
    points.append("How I compare with US graduates you have worked with.")
    out: list[Flowable] = [Paragraph(esc(p), st.item, bulletText="•") for p in points]
    out.append(Paragraph("Suggested from my journal; I am glad to talk them over.", st.note))
    return out


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
    out = _title_block(
        lay,
        TITLES["journal"],
        [_who(g), esc(data.scope) + f" · {n} entr{'ies' if n != 1 else 'y'}{span}"],
    )
    if not data.entries:
        out.append(Paragraph("No entries match what was chosen.", st.note))
        return out
    for (year, month), entries in groupby(
        data.entries, lambda e: (e.entry_date.year, e.entry_date.month)
    ):
        name = f"{_MONTH_NAMES[month - 1]} {year}"
        out.append(lay.room(9))
        out.append(outlined(Paragraph(name, st.h1), f"m{year}-{month:02d}", name, 0, closed=True))
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
        outlined(Paragraph(esc(e.title), st.h2), f"e{e.id}", e.title, 1),
        Paragraph(esc(" · ".join(meta)), st.meta),
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
}
