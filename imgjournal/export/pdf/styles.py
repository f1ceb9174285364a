"""The one stylesheet factory of the printed sheets.

Every paragraph style derives from a single base size, so the cheat sheet can shrink the whole
sheet by asking for a smaller size. Styles are cached: a document builds thousands of paragraphs
and must not build thousands of styles.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from imgjournal.export.pdf import fonts

INK = HexColor("#1d2330")
MUTED = HexColor("#5f6673")
ACCENT = HexColor("#1f4e79")
RULE = HexColor("#c3cad4")
TINT = HexColor("#eef2f7")
CODE_BG = HexColor("#eef0f3")
LINK = HexColor("#1f5fa8")

BODY_SIZE = 9.5


def markup_color(color: HexColor) -> str:
    """A colour for Paragraph markup, in the form reportlab parses fastest ("rgb(r,g,b)")."""
    r, g, b = (round(c * 255) for c in color.rgb())
    return f"rgb({r},{g},{b})"


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of one type size. ``size`` is the body size in points."""

    size: float
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle  # a category, a month, a section of a sheet
    h2: ParagraphStyle  # a prompt, an entry
    h3: ParagraphStyle  # a small caps label inside a block ("Drafted answer")
    body: ParagraphStyle
    meta: ParagraphStyle  # dates, places, counts
    note: ParagraphStyle  # "no story linked yet"
    field: ParagraphStyle  # a labelled line; the label is the bullet
    story: ParagraphStyle  # a story's title line
    point: ParagraphStyle  # a key point of a story
    quote: ParagraphStyle
    code: ParagraphStyle
    md_h1: ParagraphStyle  # headings written inside an entry's Markdown
    md_h2: ParagraphStyle
    item: ParagraphStyle  # a list item (bullet in the bullet column)
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    toc_h1: ParagraphStyle
    toc_h2: ParagraphStyle
    cue_prompt: ParagraphStyle  # cheat sheet
    cue: ParagraphStyle


# The labels of labelled lines ("Chief complaint  Fever and confusion"): the label column is
# as wide as the widest of them, so none runs into its value. A label not listed here that
# is wider still goes on a line of its own (Layout.field).
FIELD_LABELS = (
    "Chief complaint",
    "Memory hook",
    "Action items",
    "Hours / week",
    "Followed up",
    "Institution",
    "Procedures",
    "Diagnoses",
    "Supervisor",
    "Specialty",
    "ERAS type",
    "Situation",
    "Patients",
    "Settings",
    "Prompts",
    "My role",
    "Patient",
    "Setting",
    "Lesson",
    "Result",
    "Action",
)
LABEL_GAP = 0.6  # body sizes between the widest label and its value


def field_label_size(size: float) -> float:
    return size * 0.88


def field_indent(size: float) -> float:
    """Where a labelled line's value starts: past the widest label, at least 7.2 sizes in."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    fonts.register_fonts()
    widest = max(stringWidth(t, fonts.SANS_BOLD, field_label_size(size)) for t in FIELD_LABELS)
    return round(max(size * 7.2, widest + size * LABEL_GAP), 2)


@cache
def make_styles(size: float = BODY_SIZE) -> Styles:
    """The stylesheet for body text of ``size`` points (cached per size)."""
    fonts.register_fonts()
    s = size
    lead = round(s * 1.36, 2)

    def style(name: str, **kw: object) -> ParagraphStyle:
        base = {
            "fontName": fonts.SANS,
            "fontSize": s,
            "leading": lead,
            "textColor": INK,
            "alignment": TA_LEFT,
            "splitLongWords": 1,
            "allowWidows": 0,
            "allowOrphans": 0,
            "bulletFontName": fonts.SANS,
            "bulletFontSize": s,
        }
        base.update(kw)
        return ParagraphStyle(f"imgj-{name}-{s}", **base)

    label = field_label_size(s)
    return Styles(
        size=s,
        title=style(
            "title",
            fontName=fonts.SANS_BOLD,
            fontSize=s * 2.1,
            leading=s * 2.5,
            textColor=ACCENT,
            spaceAfter=s * 0.3,
        ),
        subtitle=style("subtitle", fontSize=s * 1.05, leading=s * 1.45, textColor=MUTED),
        h1=style(
            "h1",
            fontName=fonts.SANS_BOLD,
            fontSize=s * 1.45,
            leading=s * 1.8,
            textColor=ACCENT,
            spaceBefore=s * 1.5,
            spaceAfter=s * 0.5,
        ),
        h2=style(
            "h2",
            fontName=fonts.SANS_BOLD,
            fontSize=s * 1.18,
            leading=s * 1.5,
            spaceBefore=s * 1.2,
            spaceAfter=s * 0.25,
        ),
        h3=style(
            "h3",
            fontName=fonts.SANS_BOLD,
            fontSize=label,
            leading=label * 1.4,
            textColor=MUTED,
            spaceBefore=s * 0.6,
            spaceAfter=s * 0.15,
        ),
        body=style("body", spaceAfter=s * 0.4),
        meta=style(
            "meta", fontSize=label, leading=label * 1.35, textColor=MUTED, spaceAfter=s * 0.2
        ),
        note=style(
            "note",
            fontName=fonts.SANS_ITALIC,
            fontSize=s * 0.95,
            textColor=MUTED,
            spaceAfter=s * 0.3,
        ),
        field=style(
            "field",
            leftIndent=field_indent(s),
            bulletIndent=0,
            bulletFontName=fonts.SANS_BOLD,
            bulletFontSize=label,
            spaceAfter=s * 0.18,
        ),
        story=style(
            "story",
            fontName=fonts.SANS_BOLD,
            leftIndent=s * 1.1,
            bulletIndent=0,
            spaceBefore=s * 0.45,
            spaceAfter=s * 0.05,
            bulletFontName=fonts.SANS_BOLD,
            bulletColor=ACCENT,
        ),
        point=style(
            "point", fontSize=s * 0.95, leading=s * 1.3, leftIndent=s * 1.1, spaceAfter=s * 0.08
        ),
        quote=style("quote", leftIndent=s * 1.4, textColor=MUTED, spaceAfter=s * 0.4),
        code=style(
            "code",
            fontName=fonts.MONO,
            fontSize=s * 0.86,
            leading=s * 1.18,
            backColor=CODE_BG,
            borderPadding=(s * 0.3, s * 0.4, s * 0.3, s * 0.4),
            spaceBefore=s * 0.3,
            spaceAfter=s * 0.7,
        ),
        md_h1=style(
            "md_h1",
            fontName=fonts.SANS_BOLD,
            fontSize=s * 1.08,
            leading=s * 1.4,
            spaceBefore=s * 0.6,
            spaceAfter=s * 0.2,
        ),
        md_h2=style(
            "md_h2",
            fontName=fonts.SANS_BOLD,
            spaceBefore=s * 0.5,
            spaceAfter=s * 0.15,
        ),
        item=style("item", leftIndent=s * 1.5, bulletIndent=s * 0.4, spaceAfter=s * 0.15),
        cell=style("cell", fontSize=s * 0.86, leading=s * 1.15),
        cell_head=style("cell_head", fontName=fonts.SANS_BOLD, fontSize=s * 0.86, leading=s * 1.15),
        toc_h1=style("toc_h1", fontName=fonts.SANS_BOLD, spaceBefore=s * 0.45, spaceAfter=s * 0.05),
        toc_h2=style("toc_h2", fontSize=s * 0.92, leading=s * 1.2, leftIndent=s * 1.3),
        cue_prompt=style(
            "cue_prompt",
            fontName=fonts.SANS_BOLD,
            spaceBefore=s * 0.35,
            leading=s * 1.22,
        ),
        cue=style("cue", leftIndent=s * 0.9, bulletIndent=0, leading=s * 1.22, bulletColor=MUTED),
    )


_variants: dict[tuple[str, tuple[tuple[str, object], ...]], ParagraphStyle] = {}


def variant(style: ParagraphStyle, **changes: object) -> ParagraphStyle:
    """``style`` with some attributes changed (indentation of nested lists, quotes); cached."""
    key = (style.name, tuple(sorted(changes.items())))
    found = _variants.get(key)
    if found is None:
        found = ParagraphStyle(f"{style.name}+{len(_variants)}", parent=style, **changes)
        _variants[key] = found
    return found
