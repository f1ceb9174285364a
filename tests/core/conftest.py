"""Fixtures of the core tests."""

from __future__ import annotations

import pytest

from imgjournal.cli import main


@pytest.fixture
def run(home, capsys):
    """Run the command line in-process on ``home``: ``code, out, err = run("list", "--json")``."""

    def _run(*argv: str) -> tuple[int, str, str]:
        code = main(["--home", str(home), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return _run
