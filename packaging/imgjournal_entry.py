"""The script PyInstaller freezes (packaging/imgjournal.spec): the same entry point as the
``imgjournal`` command, so the bundle's executable is both the desktop app (no arguments) and
the command line (``imgjournal add``, ``imgjournal print``, ...).

With ``IMGJOURNAL_BUNDLE_CHECK=1`` it instead reports on the optional drivers the spec bundles
when they are installed at build time (the SQLCipher driver, keyring and its backends), and on
recording (left out: what the record button says), one line each, and exits: the smoke test (packaging/smoke_test.py) reads these lines, since the
command line does not use those modules yet.
"""

import os
import sys


def bundle_check() -> int:
    try:
        from sqlcipher3 import dbapi2
    except ImportError as exc:
        print(f"sqlcipher3: absent ({exc})")
    else:
        con = dbapi2.connect(":memory:")
        con.execute("PRAGMA key = 'bundle-check'")
        con.execute("CREATE TABLE t (x)")
        (version,) = con.execute("PRAGMA cipher_version").fetchone()
        con.close()
        print(f"sqlcipher3: ok, SQLCipher {version}")
    try:
        from keyring.backend import get_all_keyring
    except ImportError as exc:
        print(f"keyring: absent ({exc})")
    else:
        names = sorted(type(k).__module__ for k in get_all_keyring())
        print(f"keyring: ok, backends {' '.join(names)}")
    # Recording is left out of the bundle (PySide6-Addons): the module must not load, and the
    # record button must say so.
    try:
        import PySide6.QtMultimedia  # noqa: F401
    except ImportError:
        from imgjournal.ui.prep.recorder import recording_unavailable

        print(f"recording: off, {recording_unavailable()}")
    else:
        print("recording: QtMultimedia is in the bundle")
    return 0


if __name__ == "__main__":
    if os.environ.get("IMGJOURNAL_BUNDLE_CHECK") == "1":
        sys.exit(bundle_check())
    from imgjournal.__main__ import main

    sys.exit(main())
