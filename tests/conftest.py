"""Shared fixtures. Qt runs offscreen in every test run, set here before Qt is imported."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("IMGJOURNAL_HOME", None)
for _name in ("IMGJOURNAL_PASSPHRASE", "IMGJOURNAL_NEW_PASSPHRASE"):
    os.environ.pop(_name, None)
# Passphrases are stretched with scrypt at 2**10 instead of 2**17 in tests (0.4 s -> 3 ms);
# tests/core/test_cipher.py checks the real cost once, with this unset.
os.environ["IMGJOURNAL_TEST_SCRYPT_N"] = "1024"
# The command line and the app set this umask first thing (imgjournal.private); so does the
# test process, so files a test makes before its first in-process command are not "too wide".
os.umask(0o077)

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# CI runs the same examples every time (a red build always means a change, never luck);
# developers' runs explore new ones and keep what fails in .hypothesis/.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

from imgjournal.db import Journal  # noqa: E402
from imgjournal.services.journals import open_journal  # noqa: E402


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A fresh, not yet created journal folder."""
    return tmp_path / "journal"


@pytest.fixture(autouse=True)
def _no_remembered_keys() -> Iterator[None]:
    """Each test starts with no journal unlocked (the process remembers data keys)."""
    from imgjournal import cipher

    cipher._keys.clear()
    yield
    cipher._keys.clear()


@pytest.fixture(autouse=True)
def _bundled_fonts_only() -> Iterator[None]:
    """PDFs print with the bundled faces only, the same on every machine; the tests of the
    system's fonts (tests/core/test_pdf_scripts.py) turn them on."""
    from imgjournal.export.pdf import fonts

    fonts.use_system_fonts(False)
    yield
    fonts.use_system_fonts(False)


@pytest.fixture
def journal(home: Path) -> Iterator[Journal]:
    """A fresh journal opened by the real start-up code."""
    j = open_journal(home)
    yield j
    j.close()
