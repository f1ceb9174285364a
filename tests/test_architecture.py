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


def _imported_names(path: Path) -> set[str]:
    import ast

    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_module_imports_qt_network():
    """Offline by promise: not even a local socket (import-linter forbids only whole packages)."""
    offenders = {
        str(p.relative_to(ROOT)): sorted(n for n in _imported_names(p) if "QtNetwork" in n)
        for p in (ROOT / "imgjournal").rglob("*.py")
    }
    offenders = {k: v for k, v in offenders.items() if v}
    assert offenders == {}


def test_the_import_scan_sees_both_forms_of_import(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("import PySide6.QtNetwork\nfrom PySide6 import QtNetwork\n")
    assert {"PySide6.QtNetwork"} <= _imported_names(probe)
    probe.write_text("from PySide6.QtNetwork import QLocalSocket\n")
    assert "PySide6.QtNetwork" in _imported_names(probe)


def test_tests_and_benchmarks_use_the_apps_sqlite_driver():
    """A test that opened the journal with the standard sqlite3 module while imgjournal's
    driver (sqlcipher3) holds it open would see none of its locks: two SQLite libraries in one
    process (import-linter checks imgjournal itself)."""
    offenders = {
        str(p.relative_to(ROOT))
        for folder in ("tests", "benchmarks")
        for p in (ROOT / folder).rglob("*.py")
        if "sqlite3" in _imported_names(p)
    }
    assert offenders == set(), "use `from imgjournal.sqlite import dbapi as sqlite3`"
