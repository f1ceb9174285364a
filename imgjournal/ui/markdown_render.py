"""Markdown rendered to the HTML subset Qt's rich text shows (QTextBrowser, QLabel): used where
the app reads a story back (the practice reveal, the answer workspace's excerpts).

The text is the user's own: HTML typed into it is shown as typed, never interpreted (Python-
Markdown's raw-HTML block and inline handlers are switched off, so ``<b>`` reads ``<b>``), and
``<!-- comments -->`` (an answer draft's hints) are left out, as the live editor greys them.
"""

from __future__ import annotations

import re
from typing import Any

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_md: Any = None


def _converter() -> Any:
    global _md
    if _md is None:
        import markdown  # only when first shown: it costs start-up time

        md = markdown.Markdown(extensions=["sane_lists", "nl2br"], output_format="html")
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        _md = md
    return _md


def render_markdown(text: str) -> str:
    md = _converter()
    html = md.reset().convert(_COMMENT.sub("", text))
    return f"<div>{html}</div>"
