"""Building blocks shared by the sheets: labelled fields, story points, dates, lengths.

Every string that comes from the journal passes through :func:`esc` before it is put into
Paragraph markup.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from imgjournal.domain import AgeBand, CaseRole, FeedbackKind, GiverRole, Setting, Sex, _Labelled
from imgjournal.export.pdf import fonts
from imgjournal.export.pdf.fastpara import FastPara, ParaMaker
from imgjournal.export.pdf.markdown_flowables import MarkdownRenderer, esc
from imgjournal.export.pdf.styles import LABEL_GAP, MUTED, Styles, markup_color, variant
from imgjournal.export.pdf.template import KeepRoom, outlined, short_date
from imgjournal.limits import WORDS_PER_MINUTE
from imgjournal.services.dto import EntryDTO, ExperienceDTO, PromptDTO

MUTED_MARKUP = markup_color(MUTED)
_MD_SYNTAX = re.compile(r"[#*_>`|\[\]]+|!\[|\]\([^)]*\)")


def label(enum: type[_Labelled], value: str | None) -> str:
    """The user-facing label of a stored value (the value itself if it is not known)."""
    if not value:
        return ""
    return _label(enum, value)


@lru_cache(maxsize=1024)
def _label(enum: type[_Labelled], value: str) -> str:
    # A long sheet asks for the same few labels thousands of times.
    try:
        return enum(value).label
    except ValueError:
        return value


def muted(markup: str, smaller: bool = False, *, regular: bool = False) -> str:
    """``markup`` in the muted colour; ``regular`` sets the regular face inside bold styles."""
    attrs = f' color="{MUTED_MARKUP}"'
    if smaller:
        attrs += ' size="-1"'
    if regular:
        attrs += f' name="{fonts.SANS}"'
    return f"<font{attrs}>{markup}</font>"


def date_range(start: date, end: date | None) -> str:
    if end is None:
        return f"since {short_date(start)} (ongoing)"
    days = (end - start).days + 1
    weeks = round(days / 7)
    length = f"{weeks} week{'s' if weeks != 1 else ''}" if weeks >= 1 else f"{days} days"
    if days == 1:
        length = "1 day"
    return f"{short_date(start)} – {short_date(end)} · {length}"


def spoken_words(seconds: int, fast: bool) -> int:
    wpm = WORDS_PER_MINUTE[1] if fast else WORDS_PER_MINUTE[0]
    return int(round(seconds / 60 * wpm / 5) * 5)


def target_text(p: PromptDTO) -> str:
    lo, hi = spoken_words(p.min_seconds, False), spoken_words(p.max_seconds, True)
    return f"Target {p.min_seconds}–{p.max_seconds} s aloud, about {lo}–{hi} words"


def seconds_for(words: int) -> tuple[int, int]:
    """How long ``words`` take to say, at the fast and the slow speaking pace."""
    slow, fast = WORDS_PER_MINUTE
    return round(words / fast * 60), round(words / slow * 60)


def plain_excerpt(markdown_text: str) -> str:
    """A Markdown body as one line of plain words (for one-line cues)."""
    return " ".join(_MD_SYNTAX.sub(" ", markdown_text).split())


def patient(case: object) -> str:
    age = label(AgeBand, getattr(case, "age_band", None))
    sex = label(Sex, getattr(case, "sex", None))
    if sex.lower() == "unknown":
        sex = ""
    return ", ".join(x for x in (age, sex.lower()) if x)


def giver(e: EntryDTO) -> str:
    f = e.feedback
    if f is None:
        return ""
    role = label(GiverRole, f.giver_role)
    name = f.giver_name.strip()
    if name and role:
        return f"{name} ({role.lower()})"
    return name or (f"a{'n' if role[:1].lower() in 'aeiou' else ''} {role.lower()}" if role else "")


def user_name(options: object) -> str:
    """The user's name as markup (empty when not given)."""
    name = getattr(options, "name", "")
    return esc(name) if name else ""


_Made = tuple[str, ParagraphStyle, str | None]  # what makes a paragraph again


def _paragraph_recipe(flowables: list[Flowable]) -> list[_Made] | None:
    """How to make ``flowables`` again, when all are paragraphs (None otherwise)."""
    out: list[_Made] = []
    for f in flowables:
        if not isinstance(f, (FastPara, Paragraph)):
            return None
        bullet = f.bulletText
        if bullet is not None and not isinstance(bullet, str):
            return None
        out.append((f.text, f.style, bullet))
    return out


class Layout:
    """What the sheet builders share: the styles, the frame width and a Markdown renderer."""

    def __init__(self, styles: Styles, width: float) -> None:
        self.styles = styles
        self.width = width
        self.para = ParaMaker()
        self.md = MarkdownRenderer(styles, width, para=self.para)
        # A story's paragraphs by (entry id, options of story()): the study sheet prints a
        # story under every prompt it is linked to.
        self._stories: dict[tuple[int, bool, bool, bool], list[_Made]] = {}

    def title_block(self, title: str, lines: list[str]) -> list[Flowable]:
        """The sheet's title and a few subtitle lines (markup), then some space."""
        st = self.styles
        out: list[Flowable] = [self.para(esc(title), st.title)]
        out += [self.para(line, st.subtitle) for line in lines if line]
        out.append(Spacer(1, st.size * 0.8))
        return out

    def section(self, title: str, key: str, count: int | None = None) -> list[Flowable]:
        """A section heading, in the outline, kept off the bottom of a page."""
        text = title if count is None else f"{title} ({count})"
        return [self.room(6), outlined(self.para(esc(text), self.styles.h1), key, text, 0)]

    def room(self, lines: float) -> KeepRoom:
        """Go to the next column or page unless ``lines`` body lines fit here."""
        return KeepRoom(lines * self.styles.body.leading)

    def field(self, name: str, value: str, *, markup: bool = False) -> Flowable | None:
        """A labelled line ("Setting  ICU"); None when there is no value."""
        if not value or not value.strip():
            return None
        text = value if markup else esc(value)
        if not self.label_fits(name):
            # Wider than the label column: the label on a line of its own, then the value.
            st = self.styles.field
            head = variant(
                st,
                leftIndent=0,
                fontName=st.bulletFontName,
                fontSize=st.bulletFontSize,
                spaceAfter=0,
            )
            return KeepTogether([self.para(esc(name), head), self.para(text, st)])
        return self.para(text, self.styles.field, bulletText=name)

    def label_fits(self, name: str) -> bool:
        """Whether ``name`` fits the label column of a labelled line, with its gap."""
        st = self.styles.field
        room = st.leftIndent - self.styles.size * LABEL_GAP + 0.01
        return fonts.width(name, st.bulletFontName, st.bulletFontSize) <= room

    def labelled_markdown(self, name: str, text: str) -> list[Flowable]:
        """Markdown in the value column of a labelled line (a section of a drafted answer)."""
        field = self.styles.field
        out = self.md.flowables(text, indent=field.leftIndent)
        if not name:
            return out
        first = out[0] if out else None
        fits = self.label_fits(name)
        if fits and isinstance(first, (FastPara, Paragraph)) and not first.bulletText:
            style = variant(
                first.style,
                bulletIndent=0,
                bulletFontName=field.bulletFontName,
                bulletFontSize=field.bulletFontSize,
                spaceAfter=field.spaceAfter,
            )
            out[0] = self.para(first.text, style, bulletText=name)
        else:
            head = variant(
                field,
                leftIndent=0,
                fontName=field.bulletFontName,
                fontSize=field.bulletFontSize,
                spaceAfter=0,
            )
            out.insert(0, self.para(esc(name), head))
        return out

    def fields(self, pairs: list[tuple[str, str]]) -> list[Flowable]:
        return [f for name, value in pairs if (f := self.field(name, value)) is not None]

    # -- entries --------------------------------------------------------------------------
    def story_heading(
        self, e: EntryDTO, experiences: dict[int, ExperienceDTO], *, bullet: str = "▸"
    ) -> Flowable:
        where = experiences.get(e.experience_id) if e.experience_id else None
        meta = short_date(e.entry_date) + (f" · {esc(where.title)}" if where else "")
        meta_markup = muted(meta, smaller=True, regular=True)
        return self.para(f"{esc(e.title)}  {meta_markup}", self.styles.story, bulletText=bullet)

    def story(
        self,
        e: EntryDTO,
        experiences: dict[int, ExperienceDTO],
        *,
        actions: bool = False,
        lead: float = 0,
        body: bool = False,
        feedback_only: bool = False,
    ) -> list[Flowable]:
        """A story's heading and key points, kept on one page when they are a few lines.

        The first flowable is the room check; ``lead`` adds lines for a label put after it.
        ``body`` adds the entry's text; ``feedback_only`` shows who said what and nothing else.
        """
        key = (e.id, actions, body, feedback_only)
        recipe = self._stories.get(key)
        if recipe is not None:
            # Printed before (under another prompt): the same paragraphs, made again.
            head, *points = [self.para(text, style, bullet) for text, style, bullet in recipe]
        else:
            head = self.story_heading(e, experiences)
            if feedback_only:
                points = self.feedback_points(e)
            else:
                points = self.story_points(e, body=body, actions=actions)
            made = _paragraph_recipe([head, *points])
            if made is not None:
                self._stories[key] = made
        # A case or feedback is a few lines: keep it whole; a longer text may split.
        short = (e.case or e.feedback) and not (body and e.body.strip())
        lines = 1 + (len(points) if short else min(len(points), 2)) * 1.4
        return [self.room(lines + 0.6 + lead), head, *points]

    def story_points(self, e: EntryDTO, *, body: bool, actions: bool = False) -> list[Flowable]:
        """The key points of a story: case facts and lesson, who said what, or the text."""
        st = self.styles
        out: list[Flowable] = []
        if e.case is not None:
            c = e.case
            bits = [esc(x) for x in (label(Setting, c.setting), patient(c)) if x]
            if c.chief_complaint.strip():
                bits.append(f"{muted('Chief complaint')} {esc(c.chief_complaint)}")
            if c.role:
                bits.append(f"{muted('My role')} {esc(label(CaseRole, c.role).lower())}")
            if bits:
                out.append(self.para(" · ".join(bits), st.point))
            if actions and c.action.strip():
                out.append(self.para(f"{muted('What I did')} {esc(c.action)}", st.point))
            if actions and c.result.strip():
                out.append(self.para(f"{muted('Result')} {esc(c.result)}", st.point))
            if c.lesson.strip():
                out.append(self.para(f"{muted('Lesson')} {esc(c.lesson)}", st.point))
        elif e.feedback is not None:
            out.extend(self.feedback_points(e))
        if body or (e.case is None and e.feedback is None):
            out.extend(self.md.flowables(e.body, indent=st.point.leftIndent))
        return out

    def key_points(
        self,
        e: EntryDTO,
        experiences: dict[int, ExperienceDTO],
        prompts: list[str],
        *,
        lead: float = 0,
    ) -> list[Flowable]:
        """A story as the study sheet's "key points only" prints it: its heading, then only
        the memory hook, lesson and result of a case (who said what, for feedback) and the
        other prompts it answers; no entry text. Kept on one page."""
        st = self.styles
        points: list[Flowable] = []
        if e.case is not None:
            c = e.case
            for name, value in (
                ("Hook", getattr(c, "hook", "")),
                ("Lesson", c.lesson),
                ("Result", c.result),
            ):
                if value.strip():
                    points.append(self.para(f"{muted(name)} {esc(value)}", st.point))
        elif e.feedback is not None:
            points += self.feedback_points(e)
        if prompts:
            points.append(self.para(f"{muted('Also for')} {esc(' · '.join(prompts))}", st.point))
        head = self.story_heading(e, experiences)
        return [self.room(1 + len(points) * 1.4 + 0.6 + lead), head, *points]

    def feedback_points(self, e: EntryDTO) -> list[Flowable]:
        f = e.feedback
        if f is None:
            return []
        st = self.styles
        out: list[Flowable] = []
        who = giver(e)
        kind = label(FeedbackKind, f.feedback_kind).lower()
        said = f"“{esc(f.words.strip())}”" if f.words.strip() else ""
        credit = " — ".join(x for x in (said, esc(who)) if x)
        if credit:
            out.append(self.para(credit + (f" {muted(f'({kind})')}" if kind else ""), st.point))
        if f.action_items.strip():
            done = " (followed up)" if f.followed_up else ""
            out.append(
                self.para(f"{muted('What I did with it')} {esc(f.action_items)}{done}", st.point)
            )
        return out
