"""import-jrnl, import-dayone, import-csv: what the journal holds afterwards, the summary, the
exit codes; bad files write nothing. The jrnl files were written by jrnl 4.6 itself (invented
text); the Day One and CSV files are shaped like the apps' own exports."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from imgjournal.db import Journal
from imgjournal.importers import csv_cases, jrnl
from imgjournal.services import entries

FILES = Path(__file__).parent / "importer_files"


def _entries(home: Path) -> dict[str, object]:
    with Journal.open(home) as journal:
        return {e.title: e for e in entries.list_entries(journal, newest_first=False)}


def _backups(home: Path) -> list[str]:
    folder = home / "backups"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# ---- jrnl ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["jrnl-export.json", "jrnl-journal.txt"])
def test_jrnl_export_and_text_journal_give_the_same_entries(run, home, name):
    code, out, err = run("import-jrnl", str(FILES / name))
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "4 entries imported, 0 skipped."
    assert "Privacy check: no possible patient identifiers" in out
    got = _entries(home)
    assert list(got) == [
        "Night float handoff.",
        "Sepsis bundle on the wards.",
        "Quiet morning before rounds.",
        "Feedback on my presentation!",
    ]
    sepsis = got["Sepsis bundle on the wards."]
    assert sepsis.kind == "reflection"
    assert sepsis.entry_date == date(2026, 3, 3)
    assert sepsis.body == (
        "Learned to time the lactate redraw. @sepsis @Teaching\n\nA second paragraph about fluids."
    )
    assert sepsis.tags == ("sepsis", "teaching")  # lower-cased, as jrnl does
    # The time of day: jrnl's times are local; stored in UTC.
    local = sepsis.created_at.astimezone()
    assert (local.hour, local.minute) == (17, 40)
    assert got["Quiet morning before rounds."].tags == ("starred",)
    assert got["Quiet morning before rounds."].body == ""
    assert got["Night float handoff."].tags == ("handoff", "nights")


def test_jrnl_twice_skips_every_duplicate_and_backs_up_first(run, home):
    assert run("import-jrnl", str(FILES / "jrnl-export.json"))[0] == 0
    before = _backups(home)
    code, out, _ = run("import-jrnl", str(FILES / "jrnl-journal.txt"))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "0 entries imported, 4 skipped:"
    assert "skipped line 1: a duplicate (the same date, title and body as entry 1" in lines[1]
    assert len(_entries(home)) == 4
    # Nothing was imported, so no backup was needed for it.
    assert _backups(home) == before


def test_jrnl_duplicates_inside_the_file_and_a_backup_when_the_journal_has_data(
    run, home, tmp_path
):
    doc = json.loads((FILES / "jrnl-export.json").read_text())
    doc["entries"].append(dict(doc["entries"][0]))
    doc["entries"].append(dict(doc["entries"][1], title="A new one"))
    path = tmp_path / "twice.json"
    path.write_text(json.dumps(doc))
    run("add", "reflection", "--title", "Already here", "--date", "2026-01-01")
    code, out, _ = run("import-jrnl", str(path))
    assert code == 0
    assert out.splitlines()[0] == "5 entries imported, 1 skipped:"
    assert "skipped entry 5: a duplicate (the same date, title and body as entry 1)" in out
    assert len(_entries(home)) == 6
    assert any("before-import" in name for name in _backups(home))


def test_jrnl_privacy_findings_are_counted(run, tmp_path):
    path = tmp_path / "j.txt"
    path.write_text(
        "[2026-03-02 08:15] Call back.\nPhone the family at (415) 555-0134 about the plan.\n"
    )
    code, out, _ = run("import-jrnl", str(path))
    assert code == 0
    assert "Privacy check: 1 possible patient identifier in 1 imported entry" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"entries": [', "is not valid JSON"),
        (b'{"tags": {}}', 'has no "entries" list'),
        (b'{"entries": [{"title": "x", "date": "2026-02-30", "time": "10:00"}]}', "entry 1"),
        (b"just some text\nwith no dates\n", "has no jrnl entries"),
        (b"gAAAAABl0000", "encrypted"),
        (b"\xff\xfe[2026", "not UTF-8"),
    ],
)
def test_bad_jrnl_files_say_one_sentence_and_write_nothing(run, home, tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    code, out, err = run("import-jrnl", str(path))
    assert code == 1
    assert message in err
    assert err.startswith("imgjournal: error: ") and err.count("\n") == 1
    assert _entries(home) == {}


def test_a_missing_file_and_a_huge_one(run, tmp_path, monkeypatch):
    code, _, err = run("import-jrnl", str(tmp_path / "nope.txt"))
    assert code == 1 and "There is no file" in err
    from imgjournal.importers import common

    big = tmp_path / "big.txt"
    big.write_bytes(b"[2026-03-02 08:15] A.\n" * 100)
    monkeypatch.setattr(common.read_limited, "__defaults__", (1000,))  # the limit
    code, _, err = run("import-jrnl", str(big))
    assert code == 1 and "larger than" in err


def test_an_entry_over_the_limits_refuses_the_whole_file(run, home, tmp_path):
    body = "x" * 1_000_001
    path = tmp_path / "j.json"
    doc = {
        "entries": [
            {"title": "ok", "body": "", "date": "2026-03-01", "time": "09:00", "tags": []},
            {"title": "big", "body": body, "date": "2026-03-02", "time": "09:00", "tags": []},
        ]
    }
    path.write_text(json.dumps(doc))
    code, _, err = run("import-jrnl", str(path))
    assert code == 1
    assert "entry 2 cannot be imported: the body is" in err
    assert _entries(home) == {}


def test_jrnl_title_split_as_jrnl_does():
    assert jrnl.split_title("One line. And the rest.") == ("One line.", "And the rest.")
    assert jrnl.split_title("Two. Sentences\nbody") == ("Two. Sentences", "body")
    assert jrnl.split_title("No end") == ("No end", "")
    assert jrnl.parse_stamp("2026-03-02 08:15:00 PM") == datetime(2026, 3, 2, 20, 15)
    assert jrnl.parse_stamp("2026-03-02 08:15") == datetime(2026, 3, 2, 8, 15)
    assert jrnl.parse_stamp("not a date") is None


def test_a_long_jrnl_title_is_cut_and_kept_whole_in_the_body(run, home, tmp_path):
    title = "word " * 60 + "end."
    path = tmp_path / "j.txt"
    path.write_text(f"[2026-03-02 08:15] {title}\nthe body\n")
    assert run("import-jrnl", str(path))[0] == 0
    (e,) = _entries(home).values()
    assert len(e.title) == 200 and e.title.endswith("…")
    assert e.body == title.strip() + "\n\nthe body"


# ---- Day One ------------------------------------------------------------------------------


def _zip(tmp_path: Path, members: dict[str, bytes]) -> Path:
    path = tmp_path / "Export.zip"
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def _check_dayone(home: Path, out: str) -> None:
    lines = out.splitlines()
    assert lines[0] == "2 entries imported, 1 skipped:"
    assert lines[1] == "  skipped entry 3: no text (an entry of only photos or audio)"
    assert "Location dropped from 1 entry (a place may identify a patient's town)." in lines
    got = _entries(home)
    nights = got["First week of nights"]
    # 03:30 UTC on 2 March is the evening of 1 March in New York.
    assert nights.entry_date == date(2026, 3, 1)
    assert nights.created_at == datetime(2026, 3, 2, 3, 30, tzinfo=UTC)
    assert nights.tags == ("Teaching", "nights", "starred")
    assert nights.body == "The charge nurse showed me how to escalate early\\. Felt useful\\."
    report = got["Morning report went well"]
    assert report.entry_date == date(2026, 3, 5)
    assert report.body == "Presented a case of anaemia and took questions."
    assert "Springfield" not in json.dumps([e.body for e in got.values()])


def test_dayone_bare_json(run, home):
    code, out, err = run("import-dayone", str(FILES / "dayone-Journal.json"))
    assert (code, err) == (0, "")
    _check_dayone(home, out)


def test_dayone_zip(run, home, tmp_path):
    data = (FILES / "dayone-Journal.json").read_bytes()
    path = _zip(tmp_path, {"Journal.json": data, "photos/abc.jpeg": b"\xff\xd8"})
    code, out, err = run("import-dayone", str(path))
    assert (code, err) == (0, "")
    _check_dayone(home, out)


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ({"photos/a.jpeg": b"\xff\xd8"}, "holds no Day One journal"),
        ({"Journal.json": b"{not json"}, "holds no Day One journal"),
        (
            {"Journal.json": b'{"entries": [{"text": "x", "creationDate": "yesterday"}]}'},
            "entry 1 of the Day One export has the creationDate",
        ),
    ],
)
def test_bad_dayone_zips(run, home, tmp_path, members, message):
    code, _, err = run("import-dayone", str(_zip(tmp_path, members)))
    assert code == 1
    assert message in err
    assert _entries(home) == {}


def test_bad_dayone_json(run, home, tmp_path):
    path = tmp_path / "Journal.json"
    path.write_text('{"metadata": {}}')
    code, _, err = run("import-dayone", str(path))
    assert code == 1 and 'is not a Day One JSON export (it has no "entries" list)' in err
    path.write_text("[1, 2")
    code, _, err = run("import-dayone", str(path))
    assert code == 1 and "is not valid JSON" in err
    assert _entries(home) == {}


# ---- CSV ----------------------------------------------------------------------------------


def test_csv_with_the_usual_headers(run, home):
    code, out, err = run("import-csv", str(FILES / "cases.csv"))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "4 entries imported, 0 skipped."
    assert "Columns not imported: Attending (name their field with --map COLUMN=FIELD)." in lines
    assert "Dates with slashes were read month first (03/04/2026 is March 4)." in lines
    got = _entries(home)
    sob = got["Shortness of breath"]
    assert sob.kind == "case" and sob.entry_date == date(2026, 3, 2)
    assert sob.case.setting == "inpatient"
    assert sob.case.age_band == "65-89"
    assert sob.case.sex == "female"
    assert sob.case.diagnoses == ("Heart failure", "AKI")
    assert sob.case.role == "presented"
    assert sob.body == "Diuresed well over two days."
    chest = got["Chest pain"]
    assert chest.entry_date == date(2026, 3, 4)
    assert chest.case.age_band == "90+"  # never the age itself
    assert chest.case.setting == "ed" and chest.case.procedures == ("ECG",)
    fever = got["Fever"]
    assert fever.entry_date == date(2026, 3, 4) and fever.case.age_band == "infant"
    sepsis = got["Sepsis"]
    assert sepsis.entry_date == date(2026, 3, 5) and sepsis.case.sex == "male"
    assert sepsis.body == 'Line placed under supervision, "ultrasound guided".'


def test_csv_with_map(run, home):
    path = str(FILES / "mapped.csv")
    code, out, err = run(
        "import-csv",
        path,
        "--map",
        "When=date",
        "--map",
        "Where=setting",
        "--map",
        "Pt age=age",
        "--map",
        "What I did=role",
    )
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "2 entries imported, 0 skipped."
    assert "Dates with slashes were read day first (25/03/2026 is 25 March)." in out
    assert "Columns not imported: Room" in out
    got = _entries(home)
    pneumonia = got["Pneumonia"]
    assert pneumonia.entry_date == date(2026, 3, 25)
    assert pneumonia.case.setting == "inpatient"  # "ward"
    assert pneumonia.case.age_band == "18-39"
    assert pneumonia.case.role == "assisted"
    assert pneumonia.body == "Learned CURB-65."
    assert got["Asthma"].entry_date == date(2026, 4, 2)  # day first for the whole file
    assert got["Asthma"].case.age_band == "child"


def test_csv_without_a_date_column_or_a_wrong_map(run, home):
    path = str(FILES / "mapped.csv")
    code, _, err = run("import-csv", path)
    assert code == 1 and "has no date column; name one with --map COLUMN=date" in err
    code, _, err = run("import-csv", path, "--map", "When=when")
    assert code == 1 and "'when' is not a field" in err
    code, _, err = run("import-csv", path, "--map", "Nope=date")
    assert code == 1 and "has no column 'nope' to map" in err
    assert _entries(home) == {}


BAD_LINES = [
    "  line 3: the date '2026-13-40' is not a date",
    "  line 4: the setting must be one of",
    "  line 5: it has no date",
    "  line 6: the age 'forty' is not an age",
]


def test_csv_bad_rows_are_listed_and_nothing_is_written(run, home):
    code, out, err = run("import-csv", str(FILES / "bad-rows.csv"))
    assert code == 1
    assert out == ""
    assert err.startswith(
        "imgjournal: error: 4 rows of bad-rows.csv cannot be imported, so nothing was imported;"
        " fix them, or add --skip-bad-rows to import the other rows:\n"
    )
    lines = err.splitlines()[1:]
    assert len(lines) == 4
    for line, expected in zip(lines, BAD_LINES, strict=True):
        assert line.startswith(expected), (line, expected)
    assert _entries(home) == {}


def test_csv_skip_bad_rows(run, home):
    code, out, err = run("import-csv", str(FILES / "bad-rows.csv"), "--skip-bad-rows")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "1 entry imported, 4 skipped:"
    for line, expected in zip(lines[1:5], BAD_LINES, strict=True):
        assert line.startswith(expected.replace("  line", "  skipped line")), line
    assert list(_entries(home)) == ["Cough"]


def test_csv_duplicates_of_the_journal(run, home):
    assert run("import-csv", str(FILES / "cases.csv"))[0] == 0
    code, out, _ = run("import-csv", str(FILES / "cases.csv"))
    assert code == 0
    assert out.splitlines()[0] == "0 entries imported, 4 skipped:"
    assert len(_entries(home)) == 4


def test_csv_that_is_not_a_spreadsheet(run, home, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("")
    code, _, err = run("import-csv", str(path))
    assert code == 1 and "has no header row" in err
    path.write_bytes(b"date\n\xff\xfe\n")
    code, _, err = run("import-csv", str(path))
    assert code == 1 and "is not UTF-8 text" in err
    assert _entries(home) == {}


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("2026-03-04", False, date(2026, 3, 4)),
        ("2026/3/4", False, date(2026, 3, 4)),
        ("03/04/2026", False, date(2026, 3, 4)),
        ("03/04/2026", True, date(2026, 4, 3)),
        ("3/4/26", False, date(2026, 3, 4)),
        ("04.03.2026", False, date(2026, 3, 4)),
        ("4 Mar 2026", False, date(2026, 3, 4)),
        ("4th March 2026", False, date(2026, 3, 4)),
        ("Mar 4, 2026", False, date(2026, 3, 4)),
        ("september 30 2026", False, date(2026, 9, 30)),
        ("2026-03-04 14:30", False, date(2026, 3, 4)),
    ],
)
def test_csv_date_forms(text, day_first, expected):
    assert csv_cases.parse_day(text, day_first) == expected


@pytest.mark.parametrize("text", ["13/13/2026", "31 Foo 2026", "2026-02-30", "yesterday", "4"])
def test_csv_not_dates(text):
    from imgjournal.errors import ValidationError

    with pytest.raises(ValidationError):
        csv_cases.parse_day(text)


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("10 days", "newborn"),
        ("3 wk", "newborn"),
        ("5 weeks", "infant"),
        ("11 months", "infant"),
        ("1", "child"),
        ("12", "child"),
        ("13", "adolescent"),
        ("17 yo", "adolescent"),
        ("18", "18-39"),
        ("39", "18-39"),
        ("40", "40-64"),
        ("64", "40-64"),
        ("65", "65-89"),
        ("89", "65-89"),
        ("90", "90+"),
        ("90 years", "90+"),
        ("89.5", "65-89"),
        ("104", "90+"),
        (">89", "90+"),
        ("Adult 40–64", "40-64"),
        ("infant", "infant"),
    ],
)
def test_ages_become_the_apps_bands(text, band):
    assert csv_cases.age_band(text) == band


def test_a_long_list_of_skips_is_cut_and_counted_by_reason(run, tmp_path):
    entry = "[2026-03-02 08:15] Same. Every time.\n\n"
    path = tmp_path / "j.txt"
    path.write_text(entry * 26)
    code, out, _ = run("import-jrnl", str(path))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "1 entry imported, 25 skipped:"
    assert sum(1 for line in lines if line.startswith("  skipped line")) == 20
    assert "  … and 5 more skipped (a duplicate: 5)" in lines


# ---- reading without the database layer ----------------------------------------------------


def test_the_parsers_read_every_format_without_loading_sqlalchemy():
    # The command line reads and parses the file while SQLAlchemy loads (cli/imports.py): the
    # parsers, their checks and the privacy texts of what they read must not need it.
    import os
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from imgjournal.importers import incoming, privacy_count\n"
        "from imgjournal.importers.files import read_file\n"
        "from imgjournal.services.privacy_text import entry_fields, fold\n"
        f"files = {str(FILES)!r}\n"
        "for kind, name in [('jrnl', 'jrnl-journal.txt'), ('jrnl', 'jrnl-export.json'),\n"
        "                   ('dayone', 'dayone-Journal.json'), ('csv', 'cases.csv')]:\n"
        "    read = read_file(kind, files + '/' + name)\n"
        "    checked = [incoming.checked(item) for item in read.items]\n"
        "    assert checked and all(entry_fields(item) for item in checked), name\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "IMGJOURNAL_HOME"}
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    modules = set(proc.stdout.split())
    assert "imgjournal.importers.csv_cases" in modules  # the list is the script's
    assert not {m for m in modules if m.split(".")[0] == "sqlalchemy"}
    assert not modules & {"imgjournal.db", "imgjournal.models", "imgjournal.importers.common"}


@pytest.mark.parametrize(
    "stamp",
    [
        "2026-03-02 08:15",
        "2026-12-31 23:59",
        " 2026-03-02   08:15 ",
        "2026-02-29 10:00",  # not a leap year
        "2028-02-29 10:00",
        "2026-02-30 10:00",
        "2026-13-02 10:00",
        "2026-00-02 10:00",
        "2026-03-00 10:00",
        "2026-03-02 24:00",
        "2026-03-02 23:60",
        "2026-03-02 8:15",
        "2026-3-2 08:15",
        "2026-03-02 08:15:07",
        "2026-03-02 08:15:00 PM",
        "2026-03-02 12:15 am",
        "2026-03-02",
        "٢٠٢٦-٠٣-٠٢ ٠٨:١٥",  # other digits: strptime's business
        "20260-03-02 08:15",
    ],
)
def test_a_stamp_reads_as_strptime_reads_it(stamp):
    def strptime(text):
        text = " ".join(text.split())
        for fmt in jrnl._TIME_FORMATS:
            try:
                return datetime.strptime(text, fmt)
            except ValueError:
                continue
        return None

    assert jrnl.parse_stamp(stamp) == strptime(stamp)
