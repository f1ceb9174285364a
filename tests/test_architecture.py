"""The architecture contract: the core never imports Qt or the UI."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import imgjournal

ROOT = Path(__file__).resolve().parent.parent


def _contract():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["contracts"][0]


def test_contract_lists_every_core_module():
    """A new core module must be added to the import-linter contract, or it goes unchecked."""
    listed = set(_contract()["source_modules"])
    core = {
        f"imgjournal.{m.name}"
        for m in pkgutil.iter_modules(imgjournal.__path__)
        if m.name not in ("ui", "__main__")
    }
    assert core - listed == set(), "add these modules to [tool.importlinter] source_modules"


def test_import_linter_contract_holds():
    lint = Path(sys.executable).with_name("lint-imports")
    p = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stdout + p.stderr


def test_importing_the_whole_core_loads_no_qt():
    skip = ("imgjournal.ui", "imgjournal.__main__", "imgjournal.migrations.")
    names = [
        m.name
        for m in pkgutil.walk_packages(imgjournal.__path__, prefix="imgjournal.")
        if not m.name.startswith(skip)
    ]
    assert "imgjournal.services.search" in names
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        "print('PySide6' in sys.modules)"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "False"
