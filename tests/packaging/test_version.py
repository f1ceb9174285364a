"""One version, in pyproject.toml: the command line and the package read it from the metadata."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import imgjournal
from imgjournal.cli import main

ROOT = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]


def test_version_comes_from_the_package_metadata():
    assert imgjournal.package_version() == VERSION
    assert imgjournal.__version__ == VERSION


def test_version_flag_prints_the_pyproject_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"imgjournal {VERSION}\n"


def test_the_version_is_written_nowhere_else_in_the_package():
    written = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "imgjournal").rglob("*.py")
        if re.search(rf"['\"]{re.escape(VERSION)}['\"]", path.read_text("utf-8"))
    ]
    assert written == []


def test_a_command_does_not_read_the_metadata():
    # importlib.metadata costs ~40 ms: only --version and the app read it.
    code = (
        "import sys; from imgjournal.cli import build_parser; build_parser(); "
        "print('importlib.metadata' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert out.strip() == "False"
