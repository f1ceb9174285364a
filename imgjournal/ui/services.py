"""The services the window calls, each imported the first time it is used.

The services that write go through SQLAlchemy, whose import costs about half a second. The
window's first view needs only :mod:`imgjournal.services.browse` (plain sqlite3), so the
others load on the task runner once that view is on screen, not before it.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class LazyModule:
    """Stands for a module; the module is imported when one of its names is first used.

    Before that, a name is a :class:`LazyName`: ``ops.run(entries.get_entry, 3)`` hands the
    worker a function whose module is imported there, when it is called, not on the UI thread.
    """

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def load(self) -> ModuleType:
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return self._module

    def __getattr__(self, attr: str) -> Any:
        if self._module is None:
            return LazyName(self, attr)
        return getattr(self._module, attr)

    def __repr__(self) -> str:
        return f"<lazy {self._name}>"


class LazyName:
    """A function (or class) of a module not imported yet: calling it imports the module."""

    def __init__(self, module: LazyModule, attr: str) -> None:
        self._module = module
        self._attr = attr

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return getattr(self._module.load(), self._attr)(*args, **kwargs)

    def __getattr__(self, attr: str) -> Any:
        return getattr(getattr(self._module.load(), self._attr), attr)

    def __repr__(self) -> str:
        return f"<lazy {self._module._name}.{self._attr}>"


changes = LazyModule("imgjournal.services.changes")
entries = LazyModule("imgjournal.services.entries")
experiences = LazyModule("imgjournal.services.experiences")
history = LazyModule("imgjournal.services.history")
prompts = LazyModule("imgjournal.services.prompts")
tags = LazyModule("imgjournal.services.tags")
