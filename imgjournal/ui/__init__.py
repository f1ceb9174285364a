"""The desktop window (PySide6). Only this package imports Qt; it reaches data through services."""
