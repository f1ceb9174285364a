"""The two sheets about one experience: the rotation summary and the letter-writer brag sheet.

Pure layout over :class:`ExperienceData`; nothing here reads the journal.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from reportlab.platypus import Flowable, Paragraph, Table
from reportlab.platypus import TableStyle as TS

from imgjournal.domain import CaseRole, ErasType, ExperienceKind, FeedbackKind, Setting
from imgjournal.export.pdf import fonts
from imgjournal.export.pdf.data import ExperienceData, Gathered
from imgjournal.export.pdf.fastpara import para
from imgjournal.export.pdf.layout import (
    Layout,
    date_range,
    giver,
    label,
    muted,
    patient,
    user_name,
)
from imgjournal.export.pdf.markdown_flowables import esc
from imgjournal.export.pdf.styles import ACCENT, RULE, TINT
from imgjournal.export.pdf.template import outlined, short_date
from imgjournal.services.dto import EntryDTO


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


def rotation(g: Gathered, lay: Layout) -> list[Flowable]:
    data = g.data
    assert isinstance(data, ExperienceData)
    x = data.experience
    st = lay.styles
    sub = " · ".join(v for v in (x.institution, x.specialty) if v)
    out = lay.title_block(x.title, [user_name(g.options), esc(sub)])
    out.append(outlined(para("Overview", st.h1), "overview", "Overview", 0))
    out += _experience_facts(lay, data)
    out += lay.md.flowables(x.notes)

    out.extend(lay.section("Cases seen", "cases", len(data.cases)))
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
            out.append(para(esc(" · ".join(summary)), st.meta))
        out.append(_case_table(lay, data.cases))
    else:
        out.append(para("No cases logged for this experience.", st.note))

    procedures = _procedures(data.cases)
    out.extend(lay.section("Procedures", "procedures", len(procedures) or None))
    if procedures:
        for name, (count, roles) in procedures.items():
            how = ", ".join(f"{r} {n}" for r, n in roles.most_common() if r)
            text = f"{esc(name)} × {count}" + (f" {muted('(' + esc(how) + ')')}" if how else "")
            out.append(para(text, st.item, bulletText="•"))
    else:
        out.append(para("No procedures recorded.", st.note))

    out.extend(lay.section("Feedback received", "feedback", len(data.feedback)))
    for e in data.feedback:
        out += lay.story(e, {}, body=True)
    if not data.feedback:
        out.append(para("No feedback recorded.", st.note))

    lessons = [e for e in data.cases if e.case and e.case.lesson.strip()]
    if lessons:
        out.extend(lay.section("Lessons from cases", "lessons", len(lessons)))
        for e in lessons:
            assert e.case is not None
            out.append(
                para(
                    f"<b>{esc(e.title)}</b> {muted(short_date(e.entry_date), True)} — "
                    f"{esc(e.case.lesson)}",
                    st.item,
                    bulletText="•",
                )
            )

    out.extend(lay.section("Reflections", "reflections", len(data.reflections)))
    for e in data.reflections:
        out += lay.story(e, {}, body=True)
    if not data.reflections:
        out.append(para("No reflections written.", st.note))
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


_CELL_CHARS = 160  # of a title, complaint or diagnosis in a table cell
_CELL_ITEMS = 6  # diagnoses listed in a cell


def _cell_text(text: str) -> str:
    """``text`` on one line, cut at a word with "…" past :data:`_CELL_CHARS` characters."""
    text = " ".join(text.split())
    if len(text) <= _CELL_CHARS:
        return text
    cut = text[: _CELL_CHARS - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > _CELL_CHARS // 2 else cut).rstrip(" ,;.") + "…"


def _case_table(lay: Layout, cases: tuple[EntryDTO, ...]) -> Table:
    st = lay.styles
    cell, head = st.cell, st.cell_head
    headers = ["Date", "Case", "Setting", "Patient", "Diagnoses", "My role"]
    rows: list[list[Flowable]] = [[Paragraph(h, head) for h in headers]]
    for e in cases:
        c = e.case
        assert c is not None
        case = f"<b>{esc(_cell_text(e.title))}</b>"
        if c.chief_complaint.strip():
            case += f"<br/>{muted(esc(_cell_text(c.chief_complaint)))}"
        diagnoses = [esc(_cell_text(d)) for d in c.diagnoses[:_CELL_ITEMS]]
        if len(c.diagnoses) > _CELL_ITEMS:
            diagnoses.append(f"and {len(c.diagnoses) - _CELL_ITEMS} more")
        rows.append(
            [
                Paragraph(short_date(e.entry_date), cell),
                Paragraph(fonts.styled_fallbacks(case, cell.fontName), cell),
                Paragraph(esc(label(Setting, c.setting)), cell),
                Paragraph(esc(patient(c)), cell),
                Paragraph("<br/>".join(diagnoses), cell),
                Paragraph(esc(label(CaseRole, c.role).lower()), cell),
            ]
        )
    w = lay.width
    fixed = [w * 0.12, None, w * 0.1, w * 0.14, w * 0.22, w * 0.1]
    fixed[1] = w - sum(f for f in fixed if f)
    # A row is never split across pages (splitByRow without splitInRow): the next page starts
    # with the header again, then the whole row. Cells hold a few lines at most (_cell_text),
    # so a row always fits a page; the full texts are in the journal sheet.
    table = Table(rows, colWidths=fixed, repeatRows=1, hAlign="LEFT", splitByRow=1, splitInRow=0)
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
    letter = data.letter
    if letter is not None:
        writer = letter.writer_name.strip()
        about = (letter.writer_title, letter.writer_institution)
        lines = [
            f"Prepared for <b>{esc(writer)}</b>",
            esc(" · ".join(v.strip() for v in about if v.strip())),
        ]
    else:
        writer = x.supervisor.strip()
        lines = [f"For {esc(writer)}" if writer else ""]
    lines += [
        f"From {user_name(g.options)}" if g.options.name else "",
        esc(" · ".join(v for v in (x.title, x.institution) if v)),
    ]
    out = lay.title_block("Brag sheet", [line for line in lines if line])
    out.append(
        para(
            "Thank you for writing a letter for me. This sheet gathers what I did during the "
            "rotation, the cases I presented and the feedback I received, so the details are "
            "at hand when you write.",
            st.body,
        )
    )

    if letter is not None:
        application = _application(lay, data)
        if application:
            out.extend(lay.section("What I am applying for", "applying"))
            out += application
    out.extend(lay.section("What I did", "did"))
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
        out.extend(lay.section(title, "presented", len(shown)))
        for e in shown:
            out += lay.story(e, {}, actions=True)

    if letter is not None:
        out += _lessons(lay, data, {e.id for e in shown})
        theirs = [e for e in data.feedback if _given_by(e, writer)]
        others = [e for e in data.feedback if not _given_by(e, writer)]
        out.extend(lay.section(f"What {writer} told me", "feedback", len(theirs)))
        for e in theirs:
            out += lay.story(e, {}, feedback_only=True)
        if not theirs:
            out.append(para(f"No feedback from {esc(writer)} recorded yet.", st.note))
        if others:
            out.extend(lay.section("Feedback from others", "others", len(others)))
            for e in others:
                out += lay.story(e, {}, feedback_only=True)
        feedback = [*theirs, *others]
    else:
        feedback = sorted(data.feedback, key=lambda e: (not _from_writer(e, writer), e.entry_date))
        out.extend(lay.section("Feedback I received", "feedback", len(feedback)))
        for e in feedback:
            out += lay.story(e, {}, feedback_only=True)
        if not feedback:
            out.append(para("No feedback recorded yet.", st.note))

    out.extend(lay.section("What I hope the letter covers", "hopes"))
    if data.hopes.strip():
        out += lay.md.flowables(data.hopes)
    else:
        out += _suggested_hopes(lay, data, roles, feedback)
    return out


def _application(lay: Layout, data: ExperienceData) -> list[Flowable]:
    """What the user applies for (the profile), as fields; nothing without a profile."""
    p = data.profile
    if p is None:
        return []
    return lay.fields(
        [
            ("Applying in", " / ".join(p.specialties)),
            ("Season", f"ERAS {p.season} (residency starting July {p.season})" if p.season else ""),
        ]
    )


def _lessons(lay: Layout, data: ExperienceData, shown: set[int]) -> list[Flowable]:
    """The lessons of the cases not shown above (those show their own)."""
    lessons = [e for e in data.cases if e.case and e.case.lesson.strip() and e.id not in shown]
    if not lessons:
        return []
    out = lay.section("What I learnt from these cases", "lessons", len(lessons))
    for e in lessons:
        assert e.case is not None
        out.append(
            para(
                f"<b>{esc(e.title)}</b> {muted(short_date(e.entry_date), True)} — "
                f"{esc(e.case.lesson)}",
                lay.styles.item,
                bulletText="•",
            )
        )
    return out


def _given_by(e: EntryDTO, writer: str) -> bool:
    """The feedback's giver is the letter's writer, matched as the letters service does."""
    from imgjournal.services.letters import same_person

    return e.feedback is not None and same_person(e.feedback.giver_name, writer)


def _from_writer(e: EntryDTO, writer: str) -> bool:
    if not writer or e.feedback is None:
        return False
    name = e.feedback.giver_name.strip().casefold()
    return bool(name) and (name in writer.casefold() or writer.casefold() in name)


def _suggested_hopes(
    lay: Layout,
    data: ExperienceData,
    roles: Counter[str | None],
    feedback: list[EntryDTO],
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
    for e in feedback:
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
    out: list[Flowable] = [para(esc(p), st.item, bulletText="•") for p in points]
    out.append(para("Suggested from my journal; I am glad to talk them over.", st.note))
    return out
