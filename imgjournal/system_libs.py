"""The Linux system libraries Qt's X11 platform plugin needs, checked before Qt starts.

Without ``libxcb-icccm4`` or ``libxcb-keysyms1`` Qt aborts with "Could not load the Qt platform
plugin xcb" and names ``libxcb-cursor0`` (the one it checks itself), which is often installed
already. So before the app opens a window on X11, the plugin (``libqxcb.so`` in PySide6) is read
with ``ldd``; a library it reports "not found" is named, with the Debian/Ubuntu package that
holds it and the ``apt-get`` command. This module never imports Qt.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

__all__ = ["PACKAGES", "missing_libraries", "startup_problem", "xcb_plugin"]

# The libraries libqxcb.so links (``ldd``, PySide6 6.11) and the Debian/Ubuntu packages holding
# them; the first three are the ones a desktop install most often lacks.
PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
}


def missing_libraries(ldd_output: str) -> list[str]:
    """The libraries ``ldd`` reports "not found", each once, in its order."""
    found: list[str] = []
    for line in ldd_output.splitlines():
        name, arrow, where = line.strip().partition("=>")
        if arrow and where.strip().startswith("not found"):
            lib = name.strip()
            if lib and lib not in found:
                found.append(lib)
    return found


def xcb_plugin() -> Path | None:
    """PySide6's X11 platform plugin, found without importing PySide6 (None: not there)."""
    roots: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        roots.append(Path(bundle) / "PySide6")
    try:
        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.submodule_search_locations:
        roots += [Path(p) for p in spec.submodule_search_locations]
    for root in roots:
        for sub in ("Qt/plugins/platforms", "plugins/platforms"):
            path = root / sub / "libqxcb.so"
            if path.is_file():
                return path
    return None


def run_ldd(path: Path) -> str:
    """``ldd path`` (empty when ldd is missing or fails: then nothing is reported)."""
    try:
        done = subprocess.run(  # noqa: S603 - a fixed command, no shell
            ["ldd", str(path)], capture_output=True, text=True, timeout=15, errors="replace"
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout


def uses_xcb(environ: dict[str, str] | os._Environ[str] | None = None) -> bool:
    """Whether Qt would start on X11 here (Linux, a DISPLAY, no other platform asked for)."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return False
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.split(":", 1)[0] == "xcb"
    # Qt picks Wayland in a Wayland session; DISPLAY alone means X11 (or XWayland).
    return bool(env.get("DISPLAY")) and not env.get("WAYLAND_DISPLAY")


def startup_problem(
    *,
    environ: dict[str, str] | None = None,
    plugin: Callable[[], Path | None] | None = None,
    ldd: Callable[[Path], str] | None = None,
) -> str | None:
    """One sentence naming the system libraries Qt lacks to open a window here, or None.

    ``plugin`` finds the xcb plugin (:func:`xcb_plugin`), ``ldd`` reads it (:func:`run_ldd`).
    """
    if not uses_xcb(environ) or (plugin is None and getattr(sys, "frozen", False)):
        return None  # the desktop bundle carries these libraries (docs/packaging.md)
    path = (plugin or xcb_plugin)()
    if path is None:
        return None
    ldd = ldd or run_ldd
    missing = missing_libraries(ldd(path))
    if not missing:
        return None
    packages = [PACKAGES[lib] for lib in missing if lib in PACKAGES]
    unknown = [lib for lib in missing if lib not in PACKAGES]
    one = len(missing) == 1
    libs = " and ".join(missing) if len(missing) < 3 else ", ".join(missing)
    text = (
        f"the desktop app cannot start: Qt needs the system librar{'y' if one else 'ies'} "
        f"{libs}, which {'is' if one else 'are'} not installed"
    )
    if packages:
        text += (
            f"; on Debian or Ubuntu install {'it' if one else 'them'} with: "
            f"sudo apt-get install {' '.join(packages)}"
        )
    if unknown:
        text += f" (find the package holding {unknown[0]} with: apt-file search {unknown[0]})"
    return text
