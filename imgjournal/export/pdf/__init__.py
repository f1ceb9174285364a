"""PDF study sheets (reportlab Platypus): the five sheets, built from the journal's services.

The public entry point is :func:`build_sheet`; the app's print dialog uses :func:`gather` on
the database thread and :func:`render` on a worker. This package never imports Qt.

Modules: ``options`` (the sheets and their options, cheap to import), ``data`` (gathering),
``drafts`` (where drafted answers come from), ``sheets`` and ``layout`` (pure layout),
``markdown_flowables``, ``template``, ``styles``, ``fonts`` and ``build``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from imgjournal.export.pdf.options import PAPERS, SHEETS, SheetInfo, SheetOptions, check_options

if TYPE_CHECKING:
    from imgjournal.export.pdf.build import (
        BuildCancelled,
        BuildResult,
        Progress,
        build_sheet,
        render,
    )
    from imgjournal.export.pdf.data import Gathered, gather

__all__ = [
    "PAPERS",
    "SHEETS",
    "BuildCancelled",
    "BuildResult",
    "Gathered",
    "Progress",
    "SheetInfo",
    "SheetOptions",
    "build_sheet",
    "check_options",
    "gather",
    "render",
]

_LAZY = {
    "BuildCancelled": "build",
    "BuildResult": "build",
    "Progress": "build",
    "build_sheet": "build",
    "render": "build",
    "Gathered": "data",
    "gather": "data",
}


def __getattr__(name: str) -> Any:
    # reportlab and the services load only when a sheet is really built.
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
