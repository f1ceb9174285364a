"""A record's steps in a row (a letter: identified → … → assigned; a program: considering → …
→ ranked): those reached with a tick and their date, the current one in bold, the rest muted."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from imgjournal.ui.models import format_date


class StepsStrip(QWidget):
    """``statuses`` in order, named by ``labels``; ``name`` prefixes the object names
    (``letterSteps``, ``letterStep_asked``)."""

    def __init__(
        self,
        statuses: Sequence[str],
        labels: Mapping[str, str],
        name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}Steps")
        self.statuses = tuple(statuses)
        self.names = labels
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        self.labels: dict[str, QLabel] = {}
        for i, st in enumerate(self.statuses):
            if i:
                arrow = QLabel("→")
                arrow.setForegroundRole(QPalette.ColorRole.PlaceholderText)
                lay.addWidget(arrow)
            label = QLabel(objectName=f"{name}Step_{st}")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setTextFormat(Qt.TextFormat.RichText)
            lay.addWidget(label)
            self.labels[st] = label
        lay.addStretch(1)

    def show_steps(self, status: str, dates: Mapping[str, date]) -> None:
        """``status`` is the furthest step reached; ``dates`` the day each step was reached."""
        at = self.statuses.index(status)
        for i, (st, label) in enumerate(self.labels.items()):
            name = self.names[st]
            if st == status:
                text = f"<b>✓ {name}</b>"
            elif i < at:
                text = f"✓ {name}"
            else:
                text = f"<span style='color:palette(placeholder-text)'>{name}</span>"
            when = dates.get(st)
            if when:
                text += f"<br><small>{format_date(when)}</small>"
            label.setText(text)
