"""`make package-test`: prove that the bundle in dist/imgjournal works on its own.

    python packaging/smoke_test.py [dist/imgjournal]

The bundle is copied into a temporary folder (so it cannot lean on the source tree) and run
with an empty environment (``env -i``: no Python, no PYTHONPATH, no virtualenv; only HOME,
PATH=/usr/bin:/bin and QT_QPA_PLATFORM=offscreen). On a fresh temporary journal it:

1. prints ``--version`` (the version of pyproject.toml, read from the bundled metadata);
2. adds an entry with the bundle's command line (``add`` runs the Alembic migrations, which
   Alembic loads by file path) and finds it with ``search``;
3. checks an identifier with ``privacy scan`` (the checker's data files, phone numbers);
4. prints the journal sheet as a PDF (reportlab, the bundled fonts) and reads its text back;
5. with IMGJOURNAL_BUNDLE_CHECK=1, has the bundle open an encrypted SQLCipher database and list
   keyring's backends, when those were installed at build time;
6. once the encryption commands exist (`encrypt` in --help): adds to a second journal,
   encrypts it, checks the file is no longer plain SQLite, opens it with the passphrase and
   is refused without it;
7. starts the desktop app with IMGJOURNAL_QUIT_WHEN_SHOWN=1, which quits as soon as the event
   loop has shown the window (no sleeping): exit code 0, the window reported shown, the lock
   released, and nothing on stderr that looks like a Qt plugin or Python error.

Each step checks the exit code and the output; the first failure stops the test with exit 1.
It also lists what the bundle must hold (Qt plugins, migrations, data) and must not (unused Qt
modules). Linux only: macOS and Windows bundles are built there and are not verified here.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 120  # seconds for any one step: a hang is a failure, not a wait

MUST_HOLD = (
    "imgjournal",
    "_internal/imgjournal/resources/prompts.json",
    "_internal/imgjournal/resources/sample_journal.json",
    "_internal/imgjournal/resources/fonts/DejaVuSans.ttf",
    "_internal/imgjournal/resources/icons/imgjournal-256.png",
    "_internal/imgjournal/migrations/env.py",
    "_internal/imgjournal/migrations/script.py.mako",
    "_internal/imgjournal/deid/data/places.txt.gz",
    "_internal/imgjournal/deid/data/zips.txt.gz",
    "_internal/PySide6/Qt/plugins/platforms/libqxcb.so",
    "_internal/PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "_internal/PySide6/Qt/plugins/platforms/libqwayland.so",
    "_internal/PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
    "_internal/pypdfium2_raw/libpdfium.so",
    "_internal/pypdfium2_raw/version.json",
    "_internal/pypdfium2/version.json",
    "_internal/PySide6/QtPrintSupport.abi3.so",
)
MUST_NOT_HOLD = (
    "QtPdf",
    "libQt6Pdf",
    "libqpdf",
    "QtNetwork",
    "libQt6Network",
    "QtWebEngine",
    "QtQml",
    "QtQuick",
    "Qt3D",
    "QtMultimedia",
    "plugins/multimedia",
    "libavcodec",
    "libavformat",
    "FFmpeg",
    "QtSpatialAudio",
    "QtVirtualKeyboard",
    "libqgtk3",
    "Qt/translations",
    "pytest",
    "PyInstaller",
)

# Drivers the spec bundles when the build's Python has them (packaging/imgjournal_entry.py
# reports on them with IMGJOURNAL_BUNDLE_CHECK=1).
OPTIONAL = ("sqlcipher3", "keyring")
# Lines on the app's stderr that mean something is missing from the bundle.
NOISE = ("Traceback", "Error", "Could not", "Cannot load", "not found", "Failed")


class Failed(Exception):
    pass


PASSED: list[str] = []


def check(ok: bool, what: str) -> None:
    if not ok:
        raise Failed(what)
    PASSED.append(what)
    print(f"ok    {what}", flush=True)


def contents(bundle: Path) -> None:
    files = [p.relative_to(bundle).as_posix() for p in bundle.rglob("*")]
    for name in MUST_HOLD:
        check((bundle / name).exists(), f"the bundle holds {name}")
    versions = sorted(p.name for p in (ROOT / "imgjournal/migrations/versions").glob("0*.py"))
    shipped = sorted(
        p.name for p in (bundle / "_internal/imgjournal/migrations/versions").glob("*.py")
    )
    check(versions == shipped, f"the bundle holds every migration ({len(versions)})")
    for part in MUST_NOT_HOLD:
        found = [f for f in files if part in f]
        check(
            not found, f"the bundle holds nothing of {part}" + (f" ({found[0]})" if found else "")
        )
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    check(size < 250 * 2**20, f"the bundle is {size / 2**20:.0f} MB (under 250 MB)")


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else ROOT / "dist" / "imgjournal"
    if not (source / "imgjournal").is_file():
        print(f"package-test: no bundle at {source}; run `make package` first", file=sys.stderr)
        return 1
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="imgjournal-bundle-") as tmp_name:
        tmp = Path(tmp_name)
        bundle = tmp / "imgjournal"
        shutil.copytree(source, bundle, symlinks=True)
        home, journal = tmp / "home", tmp / "journal"
        home.mkdir()
        exe = str(bundle / "imgjournal")

        def run(*args: str, extra: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
            env = ["env", "-i", f"HOME={home}", "PATH=/usr/bin:/bin", "QT_QPA_PLATFORM=offscreen"]
            return subprocess.run(
                [*env, *extra, exe, *args],
                cwd=tmp,  # not the source tree
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
            )

        try:
            contents(bundle)
            r = run("--version")
            check(
                r.returncode == 0 and r.stdout.strip() == f"imgjournal {version}",
                f"--version prints imgjournal {version} (got {r.stdout.strip()!r})",
            )
            r = run(
                "--home",
                str(journal),
                "add",
                "reflection",
                "--title",
                "Bundle smoke test",
                "--body",
                "Presented a new admission; the attending asked about the troponin trend.",
            )
            check(
                r.returncode == 0 and r.stdout.strip() == "1",
                f"add makes entry 1 in a fresh journal (exit {r.returncode}, {r.stderr.strip()!r})",
            )
            r = run("--home", str(journal), "search", "tropon")
            check(r.returncode == 0 and "Bundle smoke test" in r.stdout, "search finds it")
            r = run(
                "--home",
                str(journal),
                "add",
                "reflection",
                "--title",
                "Phone call",
                "--body",
                "Called back at 216-555-0143 after clinic.",
            )
            check(r.returncode == 0, "add takes a second entry (with a phone number)")
            r = run("--home", str(journal), "privacy", "scan")
            check(
                r.returncode == 1 and "216-555-0143" in r.stdout,
                "privacy scan finds the phone number (exit 1)",
            )
            pdf = tmp / "journal.pdf"
            r = run(
                "--home", str(journal), "print", "journal", "-o", str(pdf), "--allow-identifiers"
            )
            check(
                r.returncode == 0 and pdf.is_file(),
                f"print journal writes a PDF (exit {r.returncode}, {r.stderr.strip()[-300:]!r})",
            )
            text = pdf_text(pdf)
            check(
                "Bundle smoke test" in text and "troponin trend" in text,
                "the PDF holds the entry's title and body",
            )
            r = run(extra=("IMGJOURNAL_BUNDLE_CHECK=1",))
            for module in OPTIONAL:
                if importlib.util.find_spec(module) is not None:  # installed at build time
                    check(
                        r.returncode == 0 and f"{module}: ok" in r.stdout,
                        f"the bundled {module} works ({r.stdout.strip()!r})",
                    )
            check(
                r.returncode == 0
                and "recording: off, Recording is not part of this build" in r.stdout,
                f"the bundle leaves recording out and says so ({r.stdout.strip()!r})",
            )
            if "encrypt" in run("--help").stdout.split():  # once the encryption commands exist
                encrypted(run, tmp)
            r = run("--home", str(journal), extra=("IMGJOURNAL_QUIT_WHEN_SHOWN=1",))
            noise = [line for line in r.stderr.splitlines() if any(w in line for w in NOISE)]
            check(
                r.returncode == 0 and "imgjournal: window shown" in r.stderr and not noise,
                f"the desktop app shows its window and quits with 0 (exit {r.returncode}, "
                f"stderr {r.stderr.strip()[-400:]!r})",
            )
            check(not (journal / "imgjournal.lock").exists(), "the app released its lock")
        except (Failed, subprocess.TimeoutExpired) as exc:
            print(f"FAIL  {exc}", flush=True)
            print(f"package-test: {len(PASSED)} passed, 1 failed")
            return 1
    print(f"the bundle works ({time.monotonic() - started:.1f} s)")
    print(f"package-test: {len(PASSED)} passed, 0 failed")
    return 0


def encrypted(run: Callable[..., subprocess.CompletedProcess[str]], tmp: Path) -> None:
    """An encrypted journal through the bundle: SQLCipher inside the frozen driver."""
    journal, passphrase = tmp / "secret", tmp / "passphrase"
    passphrase.write_text("an invented passphrase for the smoke test\n", encoding="utf-8")
    passphrase.chmod(0o600)
    key = ("--home", str(journal), "--passphrase-file", str(passphrase))
    r = run(*key, "add", "reflection", "--title", "Sealed entry", "--body", "Kept encrypted.")
    check(r.returncode == 0, f"add to a second journal (exit {r.returncode}, {r.stderr[-300:]!r})")
    r = run(*key, "encrypt")
    check(r.returncode == 0, f"encrypt it (exit {r.returncode}, {r.stderr.strip()[-300:]!r})")
    header = (journal / "journal.sqlite3").read_bytes()[:16]
    check(header != b"SQLite format 3\x00", "the journal file is no longer plain SQLite")
    r = run(*key, "search", "seal")
    check(r.returncode == 0 and "Sealed entry" in r.stdout, "the passphrase opens it again")
    r = run("--home", str(journal), "list")
    check(r.returncode == 1 and "encrypted" in r.stderr, "without it the journal stays shut")


def pdf_text(pdf: Path) -> str:
    """The PDF's text, by pdftotext (poppler-utils) or else pypdf."""
    if shutil.which("pdftotext"):
        return subprocess.run(
            ["pdftotext", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
            timeout=TIMEOUT,
        ).stdout
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
