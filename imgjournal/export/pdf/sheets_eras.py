"""The ERAS experiences sheet (``imgjournal print eras``): every application experience with
its ERAS fields, its description and, for a most meaningful one, its reflection, each with
its character count (``limits.eras_chars``) against the ERAS limit.

:func:`gather_eras` reads the journal (no reportlab); :func:`eras` is pure layout. The user's
text is printed as written (line breaks kept), never read as Markdown: it is what goes into
ERAS.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from imgjournal.db import Journal
from imgjournal.limits import (
    ERAS_DESCRIPTION_CHARS,
    ERAS_MAX_EXPERIENCES,
    ERAS_MOST_MEANINGFUL,
    ERAS_MOST_MEANINGFUL_EXTRA_CHARS,
)
from imgjournal.services.eras import ErasExperienceDTO, fact_lines, list_eras_experiences

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from imgjournal.export.pdf.data import Gathered
    from imgjournal.export.pdf.layout import Layout


@dataclass(frozen=True)
class ErasData:
    experiences: tuple[ErasExperienceDTO, ...]

    def privacy_findings(self, journal: Journal) -> list[Any]:
        """What the privacy guard finds in what this sheet prints (services.privacy)."""
        from imgjournal.services.eras import scan_eras

        return scan_eras(journal, self.experiences)


def gather_eras(journal: Journal) -> ErasData:
    return ErasData(tuple(list_eras_experiences(journal)))


def _text(text: str) -> str:
    from imgjournal.export.pdf.markdown_flowables import esc

    return "<br/>".join(esc(line) for line in text.split("\n"))


def eras(g: Gathered, lay: Layout) -> list[Flowable]:
    from imgjournal.export.pdf.layout import muted, user_name
    from imgjournal.export.pdf.markdown_flowables import esc

    data = g.data
    assert isinstance(data, ErasData)
    st = lay.styles
    items = data.experiences
    meaningful = sum(1 for x in items if x.meaningful)
    out = lay.title_block(
        "ERAS experiences",
        [
            user_name(g.options),
            esc(
                f"{len(items)} of {ERAS_MAX_EXPERIENCES} experiences · {meaningful} of "
                f"{ERAS_MOST_MEANINGFUL} most meaningful"
            ),
        ],
    )
    if not items:
        out.append(
            lay.para(
                esc(
                    "No ERAS experiences yet. Add them in Application ▸ ERAS Experiences… or "
                    "with `imgjournal eras add`."
                ),
                st.note,
            )
        )
        return out
    for n, x in enumerate(items, 1):
        out += lay.section(f"{n}. {x.title}", f"eras-{x.id}")
        out += lay.fields(fact_lines(x))
        count = muted(esc(f"{x.chars} of {ERAS_DESCRIPTION_CHARS} characters"), smaller=True)
        out.append(lay.para(f"Description  {count}", st.h3))
        out.append(
            lay.para(_text(x.description), st.body)
            if x.description
            else lay.para("Not written yet.", st.note)
        )
        if x.meaningful:
            count = muted(
                esc(f"{x.reflection_chars} of {ERAS_MOST_MEANINGFUL_EXTRA_CHARS} characters"),
                smaller=True,
            )
            out.append(lay.para(f"Most meaningful reflection  {count}", st.h3))
            out.append(
                lay.para(_text(x.reflection), st.body)
                if x.reflection
                else lay.para("Not written yet.", st.note)
            )
    return out
