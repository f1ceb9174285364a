"""Privacy check in the editor: a banner when typed text looks like a patient identifier.

The check itself is the core's (:mod:`imgjournal.deid`); this module only decides when to run
it (shortly after typing pauses, and when an entry is opened) and what the banner says. The
entry is saved regardless: nothing typed is ever held back, the user edits it out.
"""

from __future__ import annotations

from dataclasses import astuple
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from imgjournal.deid import scan

if TYPE_CHECKING:
    from imgjournal.ui.editor import EditorState, EntryEditor

CHECK_DELAY_MS = 400


def privacy_sentence(state: EditorState | None) -> str | None:
    """What the banner says about ``state``'s text, or None when nothing looks identifying."""
    if state is None:
        return None
    parts = [state.title, state.body]
    for fields in (state.case, state.feedback):
        if fields is not None:
            parts += [str(v) for v in astuple(fields) if v and not isinstance(v, bool)]
    findings = scan("\n".join(parts))
    if not findings:
        return None
    more = len(findings) - 1
    tail = f" ({more} more place{'s' if more > 1 else ''} too.)" if more else ""
    return f"Privacy: {findings[0].sentence()}{tail} Cases must not identify a patient."


class PrivacyWatch(QObject):
    """Runs the check on the editor's text after typing pauses; shows or hides its banner."""

    def __init__(self, editor: EntryEditor) -> None:
        super().__init__(editor)
        self._editor = editor
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check_now)
        editor.changed.connect(self._timer.start)

    def check_now(self) -> None:
        self._timer.stop()
        self._editor.show_privacy(privacy_sentence(self._editor.state()))
