"""The script PyInstaller freezes (packaging/imgjournal.spec): the same entry point as the
``imgjournal`` command, so the bundle's executable is both the desktop app (no arguments) and
the command line (``imgjournal add``, ``imgjournal print``, ...)."""

import sys

from imgjournal.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
