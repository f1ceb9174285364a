"""The look of the app: Qt's Fusion style with the system's palette, or a forced light or dark
one (Settings ▸ Appearance). Used at start-up and when the setting changes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


def dark_palette() -> QPalette:
    """A dark palette for Fusion (used when the user picks Dark, and for screenshots)."""
    p = QPalette()
    base, window, text = QColor(30, 31, 34), QColor(43, 45, 48), QColor(223, 225, 229)
    disabled = QColor(128, 130, 135)
    cr, cg = QPalette.ColorRole, QPalette.ColorGroup
    for role, colour in (
        (cr.Window, window),
        (cr.WindowText, text),
        (cr.Base, base),
        (cr.AlternateBase, QColor(50, 52, 56)),
        (cr.ToolTipBase, window),
        (cr.ToolTipText, text),
        (cr.Text, text),
        (cr.Button, QColor(55, 57, 61)),
        (cr.ButtonText, text),
        (cr.BrightText, QColor(255, 90, 90)),
        (cr.Link, QColor(110, 170, 255)),
        (cr.Highlight, QColor(53, 116, 200)),
        (cr.HighlightedText, QColor(255, 255, 255)),
        (cr.PlaceholderText, QColor(150, 153, 158)),
        (cr.Light, QColor(70, 72, 76)),
        (cr.Midlight, QColor(60, 62, 66)),
        (cr.Mid, QColor(40, 41, 44)),
        (cr.Dark, QColor(20, 21, 23)),
        (cr.Shadow, QColor(0, 0, 0)),
    ):
        p.setColor(role, colour)
    for role in (cr.Text, cr.WindowText, cr.ButtonText):
        p.setColor(cg.Disabled, role, disabled)
    return p


def apply_appearance(app: QApplication, appearance: str = "system") -> None:
    """Fusion with the system's palette (light or dark), or a forced light or dark one."""
    app.setStyle("Fusion")
    hints = QGuiApplication.styleHints()
    scheme = {
        "light": Qt.ColorScheme.Light,
        "dark": Qt.ColorScheme.Dark,
    }.get(appearance, Qt.ColorScheme.Unknown)
    if hasattr(hints, "setColorScheme"):  # Qt 6.8+: the platform theme switches palettes
        hints.setColorScheme(scheme)
    if appearance == "dark":
        app.setPalette(dark_palette())
    elif appearance == "light":
        app.setPalette(app.style().standardPalette())
    else:
        app.setPalette(QPalette())  # back to the platform theme's palette
