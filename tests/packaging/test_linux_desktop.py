"""The Linux launcher: the .desktop file and AppStream metainfo pass their validators, the
icons are there at every size, and `make install-desktop` installs them for one user."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
APP_ID = "io.github.imgjournal.ImgJournal"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian: apt-get install {package}; .ci/run does)")
    return path


def desktop_keys(path: Path) -> dict[str, str]:
    lines = path.read_text("utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)


def test_the_desktop_file_is_valid():
    result = subprocess.run(
        [tool("desktop-file-validate", "desktop-file-utils"), str(DESKTOP)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower()
    keys = desktop_keys(DESKTOP)
    assert keys["Icon"] == APP_ID and keys["Exec"] == "imgjournal"


def test_the_metainfo_is_valid():
    result = subprocess.run(
        [tool("appstreamcli", "appstream"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_metainfo_names_the_launcher_the_promise_and_real_screenshots():
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == DESKTOP.name
    assert root.find("developer_name").text
    assert root.find("content_rating").get("type") == "oars-1.1"
    description = " ".join(root.find("description").itertext())
    assert "offline" in description and "no account" in description
    images = [i.text.strip() for i in root.iter("image")]
    assert images, "no screenshot"
    for url in images:
        name = url.rsplit("/docs/screenshots/", 1)[-1]
        assert (ROOT / "docs" / "screenshots" / name).is_file(), url


def test_the_app_id_is_the_one_the_window_announces():
    from imgjournal.ui.icon import APP_ID as window_app_id  # no Qt application needed

    assert window_app_id == APP_ID


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_the_icon_exists_at_every_size_and_as_svg():
    icons = ROOT / "resources" / "icons"
    assert (icons / "imgjournal.svg").read_text("utf-8").lstrip().startswith("<?xml")
    for size in SIZES:
        assert png_size(icons / f"imgjournal-{size}.png") == (size, size)


def test_the_windows_and_macos_icons_hold_the_pngs():
    ico = (ROOT / "packaging" / "windows" / "imgjournal.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 6
    icns = (ROOT / "packaging" / "macos" / "imgjournal.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert b"ic09" in icns and b"ic10" in icns  # 512 and 1024 px


def run_make(target: str, data_home: Path, exe: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(data_home),
        "HOME": str(data_home.parent),
        "IMGJOURNAL_EXEC": exe,
    }
    return subprocess.run(
        ["make", "-s", "-C", str(ROOT), target], capture_output=True, text=True, env=env
    )


def test_install_desktop_puts_the_launcher_in_the_users_data_folder(tmp_path):
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    data = tmp_path / "share"
    exe = str(tmp_path / "my apps" / "imgjournal")
    result = run_make("install-desktop", data, exe)
    assert result.returncode == 0, result.stderr
    launcher = data / "applications" / DESKTOP.name
    assert desktop_keys(launcher)["Exec"] == f'"{exe}"'
    assert (data / "metainfo" / METAINFO.name).read_bytes() == METAINFO.read_bytes()
    assert (data / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg").is_file()
    for size in SIZES:
        icon = data / f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png"
        assert png_size(icon) == (size, size)
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(launcher)], capture_output=True)
        assert check.returncode == 0, check.stdout

    result = run_make("uninstall-desktop", data, exe)
    assert result.returncode == 0, result.stderr
    left = [p for p in data.rglob("*") if p.is_file() and APP_ID in p.name]
    assert left == []


def test_install_desktop_refuses_a_relative_program_path(tmp_path):
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    result = run_make("install-desktop", tmp_path / "share", "imgjournal")
    assert result.returncode != 0
    assert "absolute path" in result.stderr
    assert not (tmp_path / "share" / "applications").exists()
