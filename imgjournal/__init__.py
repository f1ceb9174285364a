"""imgjournal: an offline clinical journal for international medical graduates.

The core package (everything outside ``imgjournal.ui``) never imports Qt.

The version is written once, in ``pyproject.toml``; ``__version__`` reads it from the installed
package's metadata (a wheel, an editable install or the desktop bundle all carry it). It is
read on first use, not at import: ``importlib.metadata`` costs about 40 ms, which a one-shot
command such as ``imgjournal search`` should not pay.
"""

from __future__ import annotations

UNKNOWN_VERSION = "0+unknown"  # a source tree that was never installed


def package_version() -> str:
    """The version in the installed package's metadata (from ``pyproject.toml``)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("imgjournal")
    except PackageNotFoundError:
        return UNKNOWN_VERSION


def __getattr__(name: str) -> str:
    if name == "__version__":
        value = package_version()
        globals()["__version__"] = value
        return value
    raise AttributeError(f"module 'imgjournal' has no attribute {name!r}")
