"""The parts the letter, program and contact commands share (cli/records_common)."""

from __future__ import annotations

import argparse
import json
from datetime import date

import pytest

from imgjournal.cli.records_common import (
    command,
    deleted,
    list_command,
    print_list,
    print_steps,
    status_options,
    yes_no,
)


def _parser():
    top = argparse.ArgumentParser(prog="t")
    sub = top.add_subparsers(dest="cmd", required=True)
    add = command(sub, "add", lambda a, j: 0, help="add a thing")
    status_options(add, "a, b or c", default="a", status_help="a, b or c (default: a)")
    command(sub, "show", lambda a, j: 1, with_id=True, json="print it as JSON", help="show one")
    st = command(sub, "set", lambda a, j: 2, with_id=True, help="set one")
    status_options(st, "a, b or c", date_help="when it reached --status")
    list_command(sub, lambda a, j: 3, "list them")
    return top, sub


def test_the_subcommands_and_their_options():
    top, sub = _parser()
    a = top.parse_args(["add", "--date", "2026-03-04"])
    assert (a.status, a.date, a.func(a, None)) == ("a", date(2026, 3, 4), 0)
    s = top.parse_args(["show", "7", "--json"])
    assert (s.id, s.json, s.func(s, None)) == (7, True, 1)
    t = top.parse_args(["set", "3"])
    assert (t.id, t.status, t.date) == (3, None, None)
    assert top.parse_args(["list"]).json is False
    helps = {name: p.format_help() for name, p in sub.choices.items()}
    assert "a, b or c (default: a)" in helps["add"]
    assert "when it reached the status (default today)" in helps["add"]
    assert "when it reached --status" in helps["set"]
    assert "print it as JSON" in helps["show"]
    with pytest.raises(SystemExit):
        top.parse_args(["show", "x"])


def test_a_list_as_json_as_lines_or_the_empty_sentence(capsys):
    items = [(1, "One"), (2, "Two")]
    assert print_list(items, True, lambda x: {"id": x[0]}, str, "None yet.") == 0
    assert json.loads(capsys.readouterr().out) == [{"id": 1}, {"id": 2}]
    print_list(items, False, dict, lambda x: f"{x[0]}  {x[1]}\n   more", "None yet.")
    assert capsys.readouterr().out == "1  One\n   more\n2  Two\n   more\n"
    print_list([], False, dict, str, "None yet.")
    assert capsys.readouterr().out == "None yet.\n"
    print_list([], True, dict, str, "None yet.")
    assert capsys.readouterr().out == "[]\n"


def test_steps_and_the_delete_message(capsys):
    print_steps([("asked", date(2026, 1, 2)), ("agreed", date(2026, 2, 3))], 8)
    assert capsys.readouterr().out == ("      asked    2026-01-02\n      agreed   2026-02-03\n")
    gone = []
    assert deleted(lambda j, rid: gone.append((j, rid)), "J", 4, "letter") == 0
    assert gone == [("J", 4)] and capsys.readouterr().out == "Deleted letter 4.\n"


def test_a_yes_no_pair_is_true_false_or_not_given():
    p = argparse.ArgumentParser(prog="t")
    yes_no(p, "--us", "--abroad", "us", "a US writer", "a writer outside the US")
    assert [p.parse_args(a).us for a in ([], ["--us"], ["--abroad"])] == [None, True, False]
    with pytest.raises(SystemExit):
        p.parse_args(["--us", "--abroad"])
    assert "a writer outside the US" in p.format_help()
