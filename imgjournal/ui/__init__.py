"""The desktop window (PySide6). Only this package imports Qt; it reaches data through services."""

from imgjournal.ui.qtguard import guard as _guard_qt_refcounts

_guard_qt_refcounts()
