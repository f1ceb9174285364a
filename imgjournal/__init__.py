"""imgjournal: an offline clinical journal for international medical graduates.

The core package (everything outside ``imgjournal.ui``) never imports Qt.
"""

__version__ = "0.1.0"
