"""The app's icon and desktop identity (packaging/linux, docs/packaging.md).

The icon is resources/icons/imgjournal.svg rendered to PNGs from 16 to 512 px
(packaging/make_icons.py); the window and the taskbar use them. ``APP_ID`` names the
launcher (``APP_ID.desktop``) and the AppStream metainfo, so Wayland and X11 desktops match
the running window to its launcher and icon.
"""

from __future__ import annotations

from PySide6.QtGui import QIcon

from imgjournal.resources import resource_dir

APP_ID = "io.github.imgjournal.ImgJournal"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """The icon at every shipped size (an empty icon if the files are missing)."""
    icon = QIcon()
    folder = resource_dir() / "icons"
    for size in ICON_SIZES:
        path = folder / f"imgjournal-{size}.png"
        if path.is_file():
            icon.addFile(str(path))
    return icon
