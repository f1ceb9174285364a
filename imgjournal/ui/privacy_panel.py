"""The findings list beside the editor: each possible identifier with its suggestion, and
Apply fix, Apply all and Not an identifier. It shows a :class:`~imgjournal.ui.privacy.
PrivacyWatch`'s spots and acts through it; it is hidden while there is nothing to show."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from imgjournal.ui.editor_forms import HintLabel
from imgjournal.ui.privacy import MARK_COLOUR, PrivacyWatch, Spot


def _short(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class FindingRow(QFrame):
    def __init__(self, spot: Spot, field_label: str, watch: PrivacyWatch) -> None:
        super().__init__()
        self.spot = spot
        self.setObjectName("privacyFinding")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        f = spot.finding
        what = QLabel(f"{f.label[0].upper()}{f.label[1:]} · {field_label}")
        what.setObjectName("privacyFindingKind")
        font = what.font()
        font.setBold(True)
        what.setFont(font)
        what.setWordWrap(True)
        text = QLabel(
            f"<span style='color:{MARK_COLOUR}'>“{_esc(_short(f.text))}”</span> → "
            f"“{_esc(_short(f.suggestion))}”"
        )
        text.setObjectName("privacyFindingText")
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setWordWrap(True)
        text.setToolTip("Click to see it in the text")
        text.setCursor(Qt.CursorShape.PointingHandCursor)
        text.mousePressEvent = lambda _e: watch.reveal(spot)  # type: ignore[method-assign]
        self.fix = QPushButton("Apply fix")
        self.fix.setObjectName("privacyApplyFix")
        self.fix.setToolTip(f"Replace it with “{f.suggestion}” (Ctrl+Z undoes it)")
        self.fix.clicked.connect(lambda: watch.apply_fix(spot))
        self.allow = QPushButton("Not an identifier")
        self.allow.setObjectName("privacyAllow")
        self.allow.setToolTip(
            f"“{_short(f.text)}” is not about a patient: never flag it again in this journal "
            "(Settings lists these words)"
        )
        self.allow.clicked.connect(lambda: watch.not_identifier(spot))
        for b in (self.fix, self.allow):
            b.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        buttons.addWidget(self.fix)
        buttons.addWidget(self.allow)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.setSpacing(3)
        lay.addWidget(what)
        lay.addWidget(text)
        lay.addLayout(buttons)


def _esc(text: str) -> str:
    import html

    return html.escape(text, quote=False)


class FindingsPanel(QFrame):
    """Lists a watch's findings; hidden while there are none."""

    shown = Signal()  # it has just appeared beside the page (the window makes room for it)

    def __init__(
        self,
        watch: PrivacyWatch,
        field_labels: Mapping[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("privacyPanel")
        self.watch = watch
        self._labels = dict(field_labels)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.heading = QLabel()
        self.heading.setObjectName("privacyPanelHeading")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        hint = HintLabel(
            "Patients must not be identifiable. Replace these, or mark a word that is not "
            "about a patient."
        )
        hint.setWordWrap(True)
        self.apply_all = QPushButton("Apply all")
        self.apply_all.setObjectName("privacyApplyAll")
        self.apply_all.setToolTip("Replace every one with its suggestion (Ctrl+Z undoes it)")
        self.apply_all.clicked.connect(watch.apply_all)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.apply_all)
        self.rows = QWidget()
        self.rows_layout = QVBoxLayout(self.rows)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(6)
        self.rows_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(self.rows)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 8, 10, 8)
        lay.setSpacing(6)
        lay.addLayout(top)
        lay.addWidget(hint)
        lay.addWidget(scroll, 1)
        self.setMinimumWidth(250)
        self.setMaximumWidth(360)
        watch.findings_changed.connect(self.refresh)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.shown.emit()

    def finding_rows(self) -> list[FindingRow]:
        return [
            w
            for i in range(self.rows_layout.count())
            if isinstance(w := self.rows_layout.itemAt(i).widget(), FindingRow)
        ]

    def refresh(self) -> None:
        spots = self.watch.spots
        for row in self.finding_rows():
            row.setParent(None)
            row.deleteLater()
        for spot in spots:
            label = self._labels.get(spot.field, spot.field)
            self.rows_layout.insertWidget(
                self.rows_layout.count() - 1, FindingRow(spot, label, self.watch)
            )
        n = len(spots)
        self.heading.setText(f"{n} possible patient identifier{'s' if n != 1 else ''}")
        self.apply_all.setVisible(n > 1)
        self.setVisible(bool(spots))
