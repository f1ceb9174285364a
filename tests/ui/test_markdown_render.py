"""What the reveal and the workspace show of a story: its Markdown rendered, its own HTML as
typed, a draft's hint comments left out."""

from __future__ import annotations

from imgjournal.ui.markdown_render import render_markdown


def test_markdown_is_rendered_and_typed_html_is_shown_as_text():
    html = render_markdown("**Lesson**: ask early & <b>often</b>\n\n- one\n- two\n\n<div>x</div>")
    assert "<strong>Lesson</strong>" in html
    assert "<li>one</li>" in html
    assert "&lt;b&gt;often&lt;/b&gt;" in html and "<b>" not in html
    assert "&amp;" in html
    assert "&lt;div&gt;x&lt;/div&gt;" in html


def test_a_drafts_hint_comments_are_left_out_and_code_keeps_its_characters():
    html = render_markdown("## Situation\n<!-- Where, when, who -->\nNight float.\n\n`a < b & c`")
    assert "Where, when" not in html and "Night float." in html
    assert "<code>a &lt; b &amp; c</code>" in html
    assert render_markdown("x") == render_markdown("x")  # the cached converter is reset
