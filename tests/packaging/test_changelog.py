"""CHANGELOG.md (Keep a Changelog) and the AppStream releases say the same."""

from __future__ import annotations

import re
import tomllib
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
METAINFO = ROOT / "packaging" / "linux" / "io.github.imgjournal.ImgJournal.metainfo.xml"
HEADING = re.compile(r"^## \[(?P<version>[^\]]+)\](?: - (?P<date>\d{4}-\d{2}-\d{2}))?\s*$")


def changelog_releases() -> list[tuple[str, str | None]]:
    return [
        (m["version"], m["date"])
        for line in (ROOT / "CHANGELOG.md").read_text("utf-8").splitlines()
        if (m := HEADING.match(line))
    ]


def test_changelog_starts_with_unreleased_then_releases_newest_first():
    releases = changelog_releases()
    assert releases[0] == ("Unreleased", None)
    dated = releases[1:]
    assert dated, "CHANGELOG.md names no release"
    assert all(d is not None for _v, d in dated), "every release has a date"
    days = [date.fromisoformat(d) for _v, d in dated]
    assert days == sorted(days, reverse=True)


def test_the_newest_release_is_the_pyproject_version():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    assert changelog_releases()[1][0] == version


def test_appstream_releases_match_the_changelog():
    root = ET.parse(METAINFO).getroot()
    appstream = [(r.get("version"), r.get("date")) for r in root.iter("release")]
    assert appstream == changelog_releases()[1:]


def test_every_release_has_a_compare_link():
    text = (ROOT / "CHANGELOG.md").read_text("utf-8")
    for version, _day in changelog_releases():
        assert re.search(rf"^\[{re.escape(version)}\]: \S+", text, re.M), version
