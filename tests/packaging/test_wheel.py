"""`pip install .` gives a working imgjournal: the wheel carries the resources, fonts, icons,
migrations, the prompt library and the identifier checker's data, and the `imgjournal`
command it installs adds an entry and prints a sheet from outside the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    pytest.importorskip("hatchling", reason="the wheel is built with hatchling (the test extra)")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )  # fmt: skip
    (built,) = out.glob("imgjournal-*.whl")
    return built


def test_the_wheel_carries_everything_the_app_reads_by_path(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        "imgjournal/resources/prompts.json",
        "imgjournal/resources/sample_journal.json",
        "imgjournal/resources/icons/imgjournal.svg",
        "imgjournal/resources/icons/imgjournal-512.png",
        "imgjournal/migrations/env.py",
        "imgjournal/migrations/script.py.mako",
        "imgjournal/deid/data/first.txt.gz",
        "imgjournal/deid/data/places.txt.gz",
        "imgjournal/deid/data/zips.txt.gz",
    }
    shipped |= {
        f"imgjournal/resources/fonts/{p.name}" for p in (ROOT / "resources/fonts").iterdir()
    }
    shipped |= {
        f"imgjournal/migrations/versions/{p.name}"
        for p in (ROOT / "imgjournal/migrations/versions").glob("0*.py")
    }
    assert shipped <= names, sorted(shipped - names)
    assert len([n for n in names if n.startswith("imgjournal/migrations/versions/")]) >= 8
    assert not [n for n in names if "__pycache__" in n or n.startswith(("tests/", "packaging/"))]
    dist_info = f"imgjournal-{VERSION}.dist-info"
    assert f"{dist_info}/METADATA" in names
    entry_points = zipfile.ZipFile(wheel).read(f"{dist_info}/entry_points.txt").decode()
    assert "imgjournal = imgjournal.__main__:main" in entry_points


def test_the_installed_command_works_outside_the_source_tree(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )  # fmt: skip
    # The installed copy comes first on the path (the other dependencies are this venv's).
    env = {**os.environ, "PYTHONPATH": str(target), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("IMGJOURNAL_HOME", None)
    work = tmp_path / "elsewhere"
    work.mkdir()
    journal = work / "journal"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(target / "bin" / "imgjournal"), *args],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    where = subprocess.run(
        [sys.executable, "-c", "import imgjournal; print(imgjournal.__file__)"],
        cwd=work, env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert where.startswith(str(target))
    r = run("--version")
    assert (r.returncode, r.stdout) == (0, f"imgjournal {VERSION}\n")
    r = run("--home", str(journal), "add", "reflection", "--title", "Installed from the wheel",
            "--body", "The night float handover took twenty minutes.")  # fmt: skip
    assert (r.returncode, r.stdout.strip()) == (0, "1"), r.stderr
    pdf = work / "journal.pdf"
    r = run("--home", str(journal), "print", "journal", "-o", str(pdf))
    assert r.returncode == 0, r.stderr
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Installed from the wheel" in text and "night float handover" in text
