"""The entry's properties strip: small labelled fields side by side (kind, date, experience,
and a case's setting, age band, sex and role), each with its label always visible above it,
wrapping onto a second row when the editor is narrow (1024 px windows)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from imgjournal.ui.chips import FlowLayout


class Caption(QLabel):
    """A field's label: small, in the palette's placeholder colour (light and dark)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setObjectName("caption")
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() - 1, 7))
        self.setFont(font)


class StripItem(QWidget):
    """One labelled field of the strip: its caption over its widget."""

    def __init__(self, caption: str, widget: QWidget, group: str = "") -> None:
        super().__init__()
        self.setObjectName("stripItem")
        self.group = group
        self.widget = widget
        self.caption = Caption(caption)
        self.caption.setBuddy(widget)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(1)
        lay.addWidget(self.caption)
        lay.addWidget(widget)


class PropertiesStrip(QWidget):
    """Labelled fields in a row that wraps; items of a group show only for that group."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("propertiesStrip")
        self.flow = FlowLayout(self, spacing=10)
        self.flow.centre = False  # captions in one line
        self.items: list[StripItem] = []
        self._group = ""

    def add(self, caption: str, widget: QWidget, group: str = "") -> StripItem:
        item = StripItem(caption, widget, group)
        self.flow.addWidget(item)
        self.items.append(item)
        item.setVisible(not group or group == self._group)
        return item

    def show_group(self, group: str) -> None:
        """Show the items of ``group`` (and those of no group); hide the others."""
        self._group = group
        for item in self.items:
            item.setVisible(not item.group or item.group == group)

    def captions(self) -> list[str]:
        """The visible items' labels, in order."""
        return [i.caption.text() for i in self.items if not i.isHidden()]
