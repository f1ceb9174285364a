"""Files only the user can read: the folder 0700, the files 0600, also when the CLI makes them."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from imgjournal.cli import main

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def _everything(home: Path) -> list[Path]:
    return [home, *home.rglob("*")]


def test_a_journal_made_by_the_command_line_is_private_from_the_start(tmp_path):
    home = tmp_path / "journal"
    env = {**os.environ, "IMGJOURNAL_HOME": str(home)}
    for argv in (
        ["add", "reflection", "--title", "First night", "--body", "Handoff at 7."],
        ["backup", "create"],
        ["print", "journal", "-o", str(tmp_path / "all.pdf"), "--allow-identifiers"],
    ):
        p = subprocess.run(
            [sys.executable, "-m", "imgjournal", *argv],
            env=env,
            capture_output=True,
            text=True,
            # a umask that would make everything world-readable, as a default login has
            preexec_fn=lambda: os.umask(0o022),
        )
        if "unrecognized arguments: --allow-identifiers" in p.stderr:
            p = subprocess.run(
                [sys.executable, "-m", "imgjournal", *argv[:-1]],
                env=env,
                capture_output=True,
                text=True,
                preexec_fn=lambda: os.umask(0o022),
            )
        assert p.returncode == 0, p.stderr
    made = _everything(home)
    assert any(p.name.endswith(".json") for p in made)  # a backup's manifest is among them
    for p in made:
        assert _mode(p) == (0o700 if p.is_dir() else 0o600), (p, oct(_mode(p)))
    assert _mode(tmp_path / "all.pdf") == 0o600


def test_a_wider_journal_is_made_private_on_open_and_the_user_is_told(tmp_path, capsys):
    home = tmp_path / "journal"
    assert main(["--home", str(home), "add", "reflection", "--title", "x"]) == 0
    capsys.readouterr()
    home.chmod(0o755)
    db = home / "journal.sqlite3"
    db.chmod(0o644)
    (home / "backups").mkdir(exist_ok=True)
    old = home / "backups" / "journal-20200101-000000-manual.sqlite3"
    old.write_bytes(b"")
    old.chmod(0o664)
    assert main(["--home", str(home), "list"]) == 0
    _, err = capsys.readouterr()
    assert re.match(r"imgjournal: note: Other users of this computer could read \d+ files in ", err)
    assert "made the folder and its files private" in err and err.count("\n") == 1
    assert (_mode(home), _mode(db), _mode(home / "backups"), _mode(old)) == (
        0o700,
        0o600,
        0o700,
        0o600,
    )
    assert main(["--home", str(home), "list"]) == 0
    assert capsys.readouterr().err == ""  # said once
