"""The start-up check of the libraries Qt's X11 plugin needs (issue 16 part 7): ``ldd`` output
read, the missing ones named with the apt command, and the app's start-up refusing with it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from imgjournal import system_libs

LDD = """\
\tlinux-vdso.so.1 (0x00007ff071327000)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007ff07116f000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\tlibX11.so.6 => /lib/x86_64-linux-gnu/libX11.so.6 (0x00007ff06fcbe000)
"""
X11 = {"DISPLAY": ":0"}
PLUGIN = Path("/opt/PySide6/Qt/plugins/platforms/libqxcb.so")

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="an X11 check")


def test_ldd_output_is_read_for_the_libraries_not_found() -> None:
    assert system_libs.missing_libraries(LDD) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert system_libs.missing_libraries("") == []
    assert system_libs.missing_libraries("\tlibc.so.6 => /lib/libc.so.6 (0x1)\n") == []


@linux_only
def test_a_missing_library_is_named_with_its_package_and_the_apt_command() -> None:
    seen: list[Path] = []

    def ldd(path: Path) -> str:
        seen.append(path)
        return LDD

    problem = system_libs.startup_problem(environ=X11, plugin=lambda: PLUGIN, ldd=ldd)
    assert seen == [PLUGIN]
    assert problem == (
        "the desktop app cannot start: Qt needs the system libraries libxcb-icccm.so.4 and "
        "libxcb-keysyms.so.1, which are not installed; on Debian or Ubuntu install them with: "
        "sudo apt-get install libxcb-icccm4 libxcb-keysyms1"
    )
    one = system_libs.startup_problem(
        environ=X11, plugin=lambda: PLUGIN, ldd=lambda p: "\tlibxcb-cursor.so.0 => not found\n"
    )
    assert one is not None
    assert "library libxcb-cursor.so.0, which is not installed" in one
    assert one.endswith("install it with: sudo apt-get install libxcb-cursor0")
    odd = system_libs.startup_problem(
        environ=X11, plugin=lambda: PLUGIN, ldd=lambda p: "\tlibfoo.so.9 => not found\n"
    )
    assert odd is not None and "apt-file search libfoo.so.9" in odd


@linux_only
def test_nothing_is_said_when_all_is_there_or_qt_will_not_use_x11() -> None:
    def ldd(path: Path) -> str:
        return LDD

    fine = "\tlibxcb-icccm.so.4 => /lib/libxcb-icccm.so.4 (0x1)\n"
    assert (
        system_libs.startup_problem(environ=X11, plugin=lambda: PLUGIN, ldd=lambda p: fine) is None
    )
    for env in (
        {"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"},
        {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"},
        {},
    ):
        assert system_libs.startup_problem(environ=env, plugin=lambda: PLUGIN, ldd=ldd) is None
    assert system_libs.startup_problem(
        environ={"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "w"}, plugin=lambda: PLUGIN, ldd=ldd
    )
    assert system_libs.startup_problem(environ=X11, plugin=lambda: None, ldd=ldd) is None


def test_the_plugin_of_the_installed_pyside6_is_found_without_importing_it() -> None:
    had = "PySide6" in sys.modules
    path = system_libs.xcb_plugin()
    if sys.platform.startswith("linux"):
        assert path is not None and path.name == "libqxcb.so" and path.is_file()
    assert ("PySide6" in sys.modules) == had


@linux_only
def test_the_app_refuses_to_start_with_the_sentence(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from imgjournal.__main__ import main

    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(system_libs, "run_ldd", lambda path: LDD)
    monkeypatch.setattr(
        system_libs.startup_problem,
        "__kwdefaults__",
        {"environ": None, "plugin": lambda: PLUGIN, "ldd": lambda path: LDD},
    )
    assert main(["--home", str(tmp_path / "j")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("imgjournal: error: the desktop app cannot start: Qt needs")
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in err


@linux_only
def test_the_desktop_bundle_is_not_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(system_libs, "xcb_plugin", lambda: PLUGIN)
    monkeypatch.setattr(system_libs, "run_ldd", lambda path: LDD)
    assert system_libs.startup_problem(environ=X11) is None
