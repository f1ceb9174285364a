"""Markdown rendered to the HTML subset Qt's rich text shows (QTextBrowser, QLabel): used where
the app reads a story back (the practice reveal, the answer workspace's excerpts)."""

from __future__ import annotations


def render_markdown(text: str) -> str:
    import markdown  # only when first shown: it costs start-up time

    html = markdown.markdown(text, extensions=["sane_lists", "nl2br"], output_format="html")
    return f"<div>{html}</div>"
