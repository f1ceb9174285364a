"""A guard against a reference-counting bug of PySide6 6.12.0 on Python 3.11.

That release drops one reference to ``None`` on every call of a Qt method that returns nothing
(and to ``True``/``False`` for some that return a bool). On Python 3.12 and later these objects
are immortal and nothing happens; on 3.11 their count reaches zero after a few thousand calls and
the interpreter aborts ("deallocating None"), so the window would crash after a minute of use.

:func:`guard` detects the leak with a few harmless calls and, only if it is there, raises the
three counts by 2**40 so they can never reach zero in the life of the process. Installing
``PySide6-Essentials<6.12`` (or using Python 3.12+) avoids the bug altogether.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

_done = False


def leaks_references() -> bool:
    """True when calling a void Qt method loses a reference to None."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(64):
        probe.setObjectName("probe")
    return sys.getrefcount(None) <= before - 32


def guard() -> bool:
    """Protect this process from the leak if the installed PySide6 has it; True if it had."""
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    _done = True
    if not leaks_references():
        return False
    import PySide6

    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40
    log.warning(
        "PySide6 %s loses references to None on Python %s; applied a guard. "
        "Install PySide6-Essentials<6.12 or use Python 3.12+.",
        PySide6.__version__,
        sys.version.split()[0],
    )
    return True
