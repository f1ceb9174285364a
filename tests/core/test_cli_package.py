"""The command line package: every group is registered, the groups share one set of
conventions, and help and version load neither SQLAlchemy nor Qt."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import imgjournal.cli
from imgjournal.cli.parser import command_groups

CLI = Path(imgjournal.cli.__file__).parent


def test_every_module_with_register_is_a_listed_command_group():
    """A group written but left out of command_groups() would add no command, silently."""
    with_register = set()
    for m in pkgutil.iter_modules([str(CLI)]):
        module = importlib.import_module(f"imgjournal.cli.{m.name}")
        if callable(getattr(module, "register", None)):
            with_register.add(module.__name__)
    listed = [g.__name__ for g in command_groups()]
    assert len(listed) == len(set(listed))
    assert set(listed) == with_register


@pytest.mark.parametrize(
    "needle",
    ['"--json"', "json.dumps", ": error: {", ": warning: {", ": note: {"],
)
def test_the_groups_use_the_shared_output_conventions(needle):
    """The --json flag, JSON output and the stderr lines are written in cli/common.py only."""
    offenders = [
        p.name
        for p in CLI.glob("*.py")
        if p.name != "common.py" and needle in p.read_text(encoding="utf-8")
    ]
    assert offenders == []


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_load_neither_sqlalchemy_nor_qt(flag):
    code = (
        "import contextlib, io, sys\n"
        "from imgjournal.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        main([{flag!r}])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted(m for m in ('PySide6', 'sqlalchemy', 'alembic') if m in sys.modules))"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "[]"
