"""The readiness summary sheet (``imgjournal print readiness``): one page with the figures
against the article's targets, the next steps, the CV gaps, the letters and the USCE.

``gather_readiness`` reads the journal through the services; ``readiness_sheet`` is pure
layout over :class:`ReadinessData`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, Paragraph, Table
from reportlab.platypus import TableStyle as TS

from imgjournal.db import Journal
from imgjournal.export.pdf.fastpara import para
from imgjournal.export.pdf.layout import Layout, date_range, muted, user_name
from imgjournal.export.pdf.markdown_flowables import esc
from imgjournal.export.pdf.styles import ACCENT, RULE, TINT
from imgjournal.export.pdf.template import short_date
from imgjournal.services.dto import ExperienceDTO
from imgjournal.services.readiness_dto import STATUS_LABELS, LetterDTO, Readiness

TITLE = "Application readiness"
# Print-safe colours of the three levels (the app uses the palette's; paper is always white).
LEVEL_COLOURS = {
    "good": HexColor("#2e7d32"),
    "amber": HexColor("#b26a00"),
    "red": HexColor("#c62828"),
}
# What one page holds; the rest is in the app.
MAX_STEPS, MAX_LETTERS, MAX_EXPERIENCES = 8, 8, 6
LEVEL_WORDS = {"good": "on track", "amber": "nearly", "red": "needs work"}


@dataclass(frozen=True)
class ReadinessData:
    readiness: Readiness
    letters: tuple[LetterDTO, ...]
    experiences: tuple[ExperienceDTO, ...]


def gather_readiness(journal: Journal, today: date | None = None) -> ReadinessData:
    from imgjournal.services.experiences import list_experiences
    from imgjournal.services.letters import list_letters
    from imgjournal.services.readiness import readiness

    return ReadinessData(
        readiness(journal, today), tuple(list_letters(journal)), tuple(list_experiences(journal))
    )


def _bar(value: float, target: float, level: str, width: float) -> Table:
    """A small horizontal bar: filled to value/target in the level's colour."""
    share = max(0.0, min(1.0, value / target if target else 0.0))
    filled = max(share * width, 0.5)
    cells = [["", ""]] if share < 1 else [[""]]
    widths = [filled, width - filled] if share < 1 else [width]
    bar = Table(cells, colWidths=widths, rowHeights=[6])
    style = [
        ("BACKGROUND", (0, 0), (0, 0), LEVEL_COLOURS[level]),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]
    if share < 1:
        style.append(("BACKGROUND", (1, 0), (1, 0), TINT))
    bar.setStyle(TS(style))
    return bar


def readiness_sheet(g: object, lay: Layout) -> list[Flowable]:
    data = g.data  # type: ignore[attr-defined]
    assert isinstance(data, ReadinessData)
    r = data.readiness
    st = lay.styles
    p = r.profile
    about = []
    if p.specialties:
        about.append("Target: " + esc(" / ".join(p.specialties)))
    if p.season:
        about.append(f"ERAS {p.season}")
    if p.graduation_year:
        about.append(f"graduated {p.graduation_year}")
    if p.needs_visa is not None:
        about.append("needs a visa" if p.needs_visa else "no visa needed")
    out = lay.title_block(
        TITLE,
        [
            user_name(g.options),  # type: ignore[attr-defined]
            esc(" · ".join(about)) if about else muted("No application profile yet."),
        ],
    )

    # The figures: label, bar, value, what to do.
    w = lay.width
    bar_w = w * 0.11
    rows: list[list[object]] = [
        [Paragraph(h, st.cell_head) for h in ("Checklist", "", "Now", "What to do next")]
    ]
    for f in r.figures:
        colour = LEVEL_COLOURS[f.level].hexval()[2:]
        rows.append(
            [
                Paragraph(f"<b>{esc(f.label)}</b>", st.cell),
                _bar(f.value, f.target, f.level, bar_w - 6),
                Paragraph(
                    f"{esc(f.shown)}<br/><font color='#{colour}'>{LEVEL_WORDS[f.level]}</font>",
                    st.cell,
                ),
                Paragraph(esc(f.sentence), st.cell),
            ]
        )
    widths = [w * 0.16, bar_w, w * 0.13]
    widths.append(w - sum(widths))
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TS(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("VALIGN", (1, 1), (1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    out.append(table)

    out.extend(lay.section("Next steps", "next", len(r.next_steps) or None))
    if r.next_steps:
        # The CV gaps are among them (each with the prompt to prepare).
        out += [para(esc(s), st.item, bulletText="•") for s in r.next_steps[:MAX_STEPS]]
        if len(r.next_steps) > MAX_STEPS:
            more = len(r.next_steps) - MAX_STEPS
            out.append(para(f"… and {more} more in the app (Readiness).", st.note))
    else:
        out.append(para("Nothing is missing: you are ready to apply.", st.note))

    out.extend(lay.section("Letters of recommendation", "letters", len(data.letters)))
    if data.letters:
        exps = {x.id: x for x in data.experiences}
        rows = [[Paragraph(h, st.cell_head) for h in ("Writer", "From", "Status", "Programs")]]
        for x in data.letters[:MAX_LETTERS]:
            since = x.step_date(x.status)
            where = exps[x.experience_id].title if x.experience_id in exps else ""
            status = STATUS_LABELS[x.status] + (f" {short_date(since)}" if since else "")
            if x.due_date and not x.reached("uploaded"):
                status += f"<br/>{muted('due ' + short_date(x.due_date))}"
            rows.append(
                [
                    Paragraph(
                        f"<b>{esc(x.writer_name)}</b>"
                        + (f"<br/>{muted(esc(x.writer_title))}" if x.writer_title else ""),
                        st.cell,
                    ),
                    Paragraph(esc(where) + ("" if x.writer_is_us else " (abroad)"), st.cell),
                    Paragraph(status, st.cell),
                    Paragraph(esc(", ".join(x.programs)) or "—", st.cell),
                ]
            )
        widths = [w * 0.24, w * 0.34, w * 0.2]
        widths.append(w - sum(widths))
        lt = Table(rows, colWidths=widths, hAlign="LEFT")
        lt.setStyle(
            TS(
                [
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        out.append(lt)
    else:
        out.append(para("No letters yet.", st.note))

    from imgjournal.services.readiness import is_clinical, is_hands_on

    clinical = [x for x in data.experiences if is_clinical(x)]
    out.extend(lay.section("Clinical experience", "usce", len(clinical) or None))
    for x in clinical[:MAX_EXPERIENCES]:
        kind = "hands-on" if is_hands_on(x) else "observership"
        where = "US" if x.is_us else "abroad"
        out.append(
            para(
                f"<b>{esc(x.title)}</b> {muted(date_range(x.start_date, x.end_date), True)} — "
                f"{where}, {kind}" + (f", {esc(x.specialty)}" if x.specialty else ""),
                st.item,
                bulletText="•",
            )
        )
    if not clinical:
        out.append(para("No clinical experience recorded yet.", st.note))
    return out
