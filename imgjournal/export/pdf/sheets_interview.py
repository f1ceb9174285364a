"""The interview-day sheet (``imgjournal print interview --program ID``): one page for one
program's interview: the program (place, type, visa, interview date and format), why it fits,
the user's notes on it, the questions to ask, the user's strongest stories for the prompts
they noted it asks, and the contacts there.

"Strongest" is said plainly: for each prompt, its practice draft and best practice rating (if
practised), then at most :data:`MAX_STORIES` linked stories, cases with a lesson first, newest
first. ``gather_interview`` reads the journal through the services; ``interview_sheet`` is
pure layout over :class:`InterviewData`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable

from imgjournal.db import Journal
from imgjournal.export.pdf.fastpara import para
from imgjournal.export.pdf.layout import Layout, muted, user_name
from imgjournal.export.pdf.markdown_flowables import esc
from imgjournal.export.pdf.template import short_date
from imgjournal.services.dto import EntryDTO, ExperienceDTO
from imgjournal.services.programs_dto import ContactDTO, ProgramDTO

TITLE = "Interview day"
MAX_PROMPTS, MAX_STORIES, MAX_REASONS, MAX_CONTACTS = 5, 2, 8, 5
STORY_BUDGET = 4  # stories on the page in all: 2 each for 2 prompts, 1 each for more
RATING_WORDS = {1: "Blanked", 2: "Shaky", 3: "Good", 4: "Nailed it"}


@dataclass(frozen=True)
class PromptBlock:
    text: str
    stories: tuple[EntryDTO, ...]
    best_rating: int | None
    draft_title: str


@dataclass(frozen=True)
class InterviewData:
    program: ProgramDTO
    reasons: tuple[str, ...]
    concerns: tuple[str, ...]
    prompts: tuple[PromptBlock, ...]
    contacts: tuple[ContactDTO, ...]
    experiences: dict[int, ExperienceDTO]

    @property
    def stories(self) -> tuple[EntryDTO, ...]:
        """Every story the sheet prints (what the privacy guard reads)."""
        return tuple(e for b in self.prompts for e in b.stories)


def _strength(e: EntryDTO) -> tuple[int, int]:
    lesson = e.case is not None and bool(e.case.lesson.strip())
    return (0 if lesson else 1, -e.entry_date.toordinal())


def gather_interview(journal: Journal, program_id: int, today: date | None = None) -> InterviewData:
    from imgjournal.services.entries import get_entry
    from imgjournal.services.fit import concerns, gather, prompt_reasons, reasons
    from imgjournal.services.programs import get_program

    p = get_program(journal, program_id)
    ctx = gather(journal, [p], today)
    blocks = []
    asked = p.prompt_ids[:MAX_PROMPTS]
    each = max(1, min(MAX_STORIES, STORY_BUDGET // max(1, len(asked))))
    for pid in asked:
        ps = ctx.prompts.get(pid)
        if ps is None:
            continue
        stories = sorted((get_entry(journal, eid) for eid, _t in ps.stories), key=_strength)
        blocks.append(PromptBlock(ps.text, tuple(stories[:each]), ps.best_rating, ps.draft_title))
    there = tuple(c for c in ctx.contacts if p.id in c.program_ids or _works(c, p))
    return InterviewData(
        program=p,
        # The prompts' reasons are the stories section's headings already.
        reasons=tuple(r for r in reasons(p, ctx) if r not in prompt_reasons(p, ctx)),
        concerns=tuple(concerns(p, ctx)),
        prompts=tuple(blocks),
        contacts=there,
        experiences={x.id: x for x in ctx.experiences},
    )


def _works(c: ContactDTO, p: ProgramDTO) -> bool:
    from imgjournal.services.fit import same_place

    return bool(c.institution) and any(
        same_place(c.institution, place) for place in (p.name, *p.affiliates)
    )


def _story(lay: Layout, e: EntryDTO, experiences: dict[int, ExperienceDTO]) -> list[Flowable]:
    """A story in two lines at most: its heading, then its memory hook or lesson."""
    st = lay.styles
    out: list[Flowable] = [lay.story_heading(e, experiences)]
    c = e.case
    cue = ""
    if c is not None:
        hook = getattr(c, "hook", "")
        cue = f"{muted('Hook')} {esc(hook)}" if hook.strip() else ""
        if not cue and c.lesson.strip():
            cue = f"{muted('Lesson')} {esc(c.lesson)}"
    elif e.feedback is not None and e.feedback.words.strip():
        cue = f"{muted('Said')} “{esc(e.feedback.words.strip())}”"
    if cue:
        out.append(para(cue, st.point))
    return out


def interview_sheet(g: object, lay: Layout) -> list[Flowable]:
    data = g.data  # type: ignore[attr-defined]
    assert isinstance(data, InterviewData)
    p = data.program
    st = lay.styles
    about = [p.specialty, p.place, p.program_type]
    if p.visa != "unknown":
        about.append("no visa sponsorship" if p.visa == "none" else f"sponsors {p.visa}")
    when = []
    if p.interview_date:
        when.append(f"Interview {short_date(p.interview_date)}")
    if p.interview_format:
        when.append(p.interview_format)
    out = lay.title_block(
        f"{TITLE}: {p.name}",
        [
            user_name(g.options),  # type: ignore[attr-defined]
            esc(" · ".join(a for a in about if a)),
            esc(" · ".join(when)) if when else muted("No interview date yet."),
        ],
    )

    out.extend(lay.section("Why it fits", "fit", len(data.reasons) or None))
    if data.reasons:
        out += [para(esc(r) + ".", st.item, bulletText="•") for r in data.reasons[:MAX_REASONS]]
        if len(data.reasons) > MAX_REASONS:
            more = len(data.reasons) - MAX_REASONS
            out.append(para(f"… and {more} more on the program's page.", st.note))
    else:
        out.append(para("No connections from your journal yet.", st.note))
    out += [para(esc("But: " + c) + ".", st.item, bulletText="!") for c in data.concerns]

    if p.img_notes.strip() or p.sources.strip():
        out.extend(lay.section("My notes", "notes"))
        out += lay.md.flowables(p.img_notes)
        if p.sources.strip():
            out.append(para(f"{muted('Sources')} {esc(' '.join(p.sources.split()))}", st.note))

    out.extend(lay.section("Questions to ask", "questions"))
    if p.questions.strip():
        out += lay.md.flowables(p.questions)
    else:
        out.append(para("None written yet: add them on the program's page.", st.note))

    out.extend(lay.section("My stories for what they ask", "stories", len(data.prompts) or None))
    if not data.prompts:
        out.append(
            para(
                "No prompts noted for this program; note the ones its interviews ask on its page.",
                st.note,
            )
        )
    for b in data.prompts:
        bits = []
        if b.draft_title:
            bits.append(f"practice draft “{esc(b.draft_title)}”")
        if b.best_rating:
            bits.append(f"best practice: {RATING_WORDS[b.best_rating]}")
        out.append(lay.room(3))
        out.append(para(f"<b>{esc(b.text)}</b>", st.story))
        if bits:
            out.append(para(muted(" · ".join(bits), smaller=True), st.point))
        if not b.stories:
            out.append(para("No story linked yet.", st.note))
        for e in b.stories:
            out += _story(lay, e, data.experiences)

    out.extend(lay.section("People there", "contacts", len(data.contacts) or None))
    if data.contacts:
        for c in data.contacts[:MAX_CONTACTS]:
            met = " · ".join(
                x
                for x in (
                    c.role,
                    c.institution,
                    f"met {c.met_where}" if c.met_where else "",
                    short_date(c.met_on) if c.met_on else "",
                )
                if x
            )
            out.append(para(f"<b>{esc(c.name)}</b>  {muted(esc(met))}", st.item, bulletText="•"))
    else:
        out.append(para("No contacts at this program yet.", st.note))
    return out
