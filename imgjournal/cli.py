"""The command line: a thin layer over the services.

Every command opens the journal (``--home DIR``, ``$IMGJOURNAL_HOME`` or the default folder),
calls services, and prints plain text or, with ``--json``, the records of
``imgjournal.export.records``. Problems print one line, ``imgjournal: error: ...``, on stderr and
exit with status 1; nothing is written.

Imports are lazy: a one-shot command such as ``imgjournal search`` loads only what it uses.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from imgjournal import __version__
from imgjournal.errors import JournalError, ValidationError

if TYPE_CHECKING:
    from imgjournal.db import Journal

PROG = "imgjournal"
# Modules that add their own subcommands: each has register(subparsers).
COMMAND_MODULES: tuple[str, ...] = ()

GuiLauncher = Callable[[Path], int]


class UsageError(JournalError):
    """A command line that does not parse."""


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit status 1, like every other error."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


# ---- argument types -----------------------------------------------------------------------


def _date(text: str) -> date:
    from imgjournal.services.validate import parse_date

    try:
        return parse_date(text)
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text} must be 1 or more")
    return value


def _id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an id (ids are numbers)") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not an id (ids are 1 or more)")
    return value


# ---- output -------------------------------------------------------------------------------


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _entry_line(e: Any, experiences: dict[int, str]) -> str:
    where = experiences.get(e.experience_id, "") if e.experience_id else ""
    line = f"{e.id:>6}  {e.entry_date.isoformat()}  {e.kind:<10}  {_short(e.title, 50)}"
    if where:
        line += f"  · {_short(where, 30)}"
    return line


def _experience_titles(journal: Journal) -> dict[int, str]:
    from imgjournal.services.experiences import list_experiences

    return {x.id: x.title for x in list_experiences(journal)}


# ---- commands -----------------------------------------------------------------------------


def _read_body(args: argparse.Namespace) -> str:
    if args.body is not None:
        return args.body
    if args.body_file is None:
        return ""
    if args.body_file == "-":
        return sys.stdin.read()
    path = Path(args.body_file)
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise JournalError(f"{path} is not UTF-8 text; save it as UTF-8 and try again.") from None
    except OSError as exc:
        raise JournalError(f"Cannot read {path}: {exc.strerror}.") from None


def cmd_add(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.dto import CaseFields, FeedbackFields
    from imgjournal.services.entries import create_entry

    case = feedback = None
    if args.kind == "case":
        case = CaseFields(
            setting=args.setting,
            age_band=args.age_band,
            sex=args.sex,
            chief_complaint=args.complaint or "",
            diagnoses=tuple(args.diagnosis or ()),
            procedures=tuple(args.procedure or ()),
            role=args.role,
            situation=args.situation or "",
            task=args.task or "",
            action=args.action or "",
            result=args.result or "",
            lesson=args.lesson or "",
        )
    elif args.kind == "feedback":
        feedback = FeedbackFields(
            giver_name=args.giver or "",
            giver_role=args.giver_role,
            feedback_kind=args.feedback_kind,
            words=args.words or "",
            action_items=args.action_items or "",
            followed_up=args.followed_up,
        )
    entry = create_entry(
        journal,
        args.kind,
        args.title,
        entry_date=args.date,
        body=_read_body(args),
        experience_id=args.experience,
        prompt_ids=args.prompt or (),
        tags=args.tag or (),
        case=case,
        feedback=feedback,
    )
    print(entry.id)
    _warn_identifiers(entry)
    return 0


def _warn_identifiers(entry: Any) -> None:
    """Point out text that looks like a patient identifier (the entry is saved regardless)."""
    from dataclasses import astuple

    from imgjournal.deid import scan

    parts = [entry.title, entry.body]
    for fields in (entry.case, entry.feedback):
        if fields is not None:
            parts += [str(v) for v in astuple(fields) if v]
    for finding in scan("\n".join(parts)):
        print(
            f"{PROG}: warning: entry {entry.id}: {finding.sentence()} "
            f"(edit it with the app, or `imgjournal show {entry.id}`)",
            file=sys.stderr,
        )


def _filter(args: argparse.Namespace) -> Any:
    from imgjournal.services.dto import EntryFilter

    return EntryFilter(
        kind=getattr(args, "kind", None),
        experience_id=getattr(args, "experience", None),
        prompt_id=getattr(args, "prompt", None),
        tag=getattr(args, "tag", None),
        date_from=getattr(args, "date_from", None),
        date_to=getattr(args, "date_to", None),
        trashed=getattr(args, "trash", False),
    )


def cmd_list(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.export.records import entry_record
    from imgjournal.services.entries import list_entries

    items = list_entries(journal, _filter(args))
    if args.json:
        _print_json([entry_record(e) for e in items])
        return 0
    if not items:
        print("No entries match." if not args.trash else "The trash is empty.")
        return 0
    titles = _experience_titles(journal)
    for e in items:
        print(_entry_line(e, titles))
    return 0


def _show_text(journal: Journal, e: Any) -> str:
    from imgjournal.domain import AgeBand, CaseRole, FeedbackKind, GiverRole, Setting
    from imgjournal.services.prompts import list_prompts

    lines = [f"{e.title}", f"{e.kind} · {e.entry_date.isoformat()} · id {e.id}"]
    if e.in_trash:
        lines.append(f"In the trash since {e.deleted_at:%Y-%m-%d}")
    if e.experience_id:
        lines.append(f"Experience: {_experience_titles(journal).get(e.experience_id, '?')}")

    def label(enum: Any, value: str | None) -> str:
        return enum(value).label if value else ""

    fields: list[tuple[str, str]] = []
    if e.case:
        c = e.case
        fields = [
            ("Setting", label(Setting, c.setting)),
            ("Patient", ", ".join(x for x in (label(AgeBand, c.age_band), c.sex or "") if x)),
            ("Chief complaint", c.chief_complaint),
            ("Diagnoses", "; ".join(c.diagnoses)),
            ("Procedures", "; ".join(c.procedures)),
            ("My role", label(CaseRole, c.role)),
            ("Situation", c.situation),
            ("Task", c.task),
            ("Action", c.action),
            ("Result", c.result),
            ("Lesson", c.lesson),
        ]
    if e.feedback:
        f = e.feedback
        giver = ", ".join(x for x in (f.giver_name, label(GiverRole, f.giver_role)) if x)
        fields = [
            ("From", giver),
            ("Kind", label(FeedbackKind, f.feedback_kind)),
            ("Words", f.words),
            ("Action items", f.action_items),
            ("Followed up", "yes" if f.followed_up else "no"),
        ]
    lines += [f"{name}: {value}" for name, value in fields if value]
    if e.tags:
        lines.append("Tags: " + ", ".join("#" + t for t in e.tags))
    if e.prompt_ids:
        texts = {p.id: p.text for p in list_prompts(journal, include_hidden=True)}
        lines.append("Prompts:")
        lines += [f"  [{pid}] {texts.get(pid, '?')}" for pid in e.prompt_ids]
    if e.body.strip():
        lines += ["", e.body.rstrip()]
    return "\n".join(lines)


def cmd_show(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.export.records import entry_record
    from imgjournal.services.entries import get_entry

    entry = get_entry(journal, args.id)
    if args.json:
        _print_json(entry_record(entry))
    else:
        print(_show_text(journal, entry))
    return 0


def cmd_search(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.search import plain_snippet, search

    hits = search(journal, args.query, limit=args.limit, flt=_filter(args))
    if args.json:
        from imgjournal.export.records import hit_record

        _print_json([hit_record(h, plain_snippet(h.snippet, "", "")) for h in hits])
        return 0
    if not hits:
        print(f"Nothing matches {args.query!r}.")
        return 0
    for h in hits:
        print(f"{h.entry_id:>6}  {h.entry_date.isoformat()}  {h.kind:<10}  {_short(h.title, 60)}")
        print(f"        {plain_snippet(h.snippet)}")
    return 0


def cmd_delete(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.entries import trash_entry

    entry = trash_entry(journal, args.id)
    print(f"Moved entry {entry.id} to the trash (restore it with `imgjournal restore {entry.id}`).")
    return 0


def cmd_restore(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.entries import restore_entry

    entry = restore_entry(journal, args.id)
    print(f"Restored entry {entry.id}.")
    return 0


def cmd_empty_trash(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.dto import EntryFilter
    from imgjournal.services.entries import count_entries, empty_trash

    n = count_entries(journal, EntryFilter(trashed=True))
    if not args.yes:
        raise JournalError(
            f"Emptying the trash deletes {n} entries for good; add --yes to confirm."
        )
    print(f"Deleted {empty_trash(journal)} entries for good.")
    return 0


def cmd_experience_add(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.experiences import create_experience

    x = create_experience(
        journal,
        args.kind,
        args.title,
        args.start,
        end_date=args.end,
        eras_type=args.eras_type,
        institution=args.institution or "",
        specialty=args.specialty or "",
        city=args.city or "",
        state=args.state or "",
        country=args.country or "",
        is_us=not args.abroad,
        hands_on=args.hands_on,
        hours_per_week=args.hours,
        supervisor=args.supervisor or "",
        notes=args.notes or "",
    )
    print(x.id)
    return 0


def cmd_experience_list(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.domain import ExperienceKind
    from imgjournal.export.records import experience_record
    from imgjournal.services.experiences import list_experiences

    items = list_experiences(journal)
    if args.json:
        _print_json([experience_record(x) | {"entry_count": x.entry_count} for x in items])
        return 0
    if not items:
        print("No experiences yet; add one with `imgjournal experience add`.")
        return 0
    for x in items:
        end = x.end_date.isoformat() if x.end_date else "ongoing"
        where = ", ".join(v for v in (x.institution, x.city, x.state) if v)
        print(
            f"{x.id:>4}  {x.start_date.isoformat()} – {end:<10}  "
            f"{ExperienceKind(x.kind).label.split(' /')[0]:<13}  {_short(x.title, 40)}"
            + (f"  · {_short(where, 40)}" if where else "")
            + f"  ({x.entry_count} entries)"
        )
    return 0


def cmd_prompts(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.domain import PromptCategory
    from imgjournal.export.records import prompt_record
    from imgjournal.services.prompts import list_prompts

    items = list_prompts(journal, include_hidden=args.all)
    if args.json:
        _print_json([prompt_record(p) | {"entry_count": p.entry_count} for p in items])
        return 0
    category = None
    for p in items:
        if p.category != category:
            category = p.category
            print(("" if p is items[0] else "\n") + PromptCategory(category).label)
        mark = " (hidden)" if p.hidden else ""
        stories = f"{p.entry_count} entr{'y' if p.entry_count == 1 else 'ies'}"
        print(f"{p.id:>4}  {stories:>10}  {p.text}{mark}")
    return 0


def cmd_prompts_add(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.prompts import add_prompt

    p = add_prompt(
        journal,
        args.category,
        args.text,
        min_seconds=args.min_seconds,
        max_seconds=args.max_seconds,
    )
    print(p.id)
    return 0


def cmd_prompts_hide(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.prompts import update_prompt

    p = update_prompt(journal, args.id, hidden=not args.show)
    print(f"Prompt {p.id} is now {'hidden' if p.hidden else 'shown'}.")
    return 0


def cmd_export(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.export.json_io import export_journal

    summary = export_journal(journal, Path(args.file))
    print(f"Exported {summary} to {args.file}.")
    return 0


def cmd_import(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.export.json_io import import_journal

    summary = import_journal(journal, Path(args.file))
    print(f"Imported {summary} from {args.file}.")
    return 0


def cmd_import_markdown(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.export.markdown_import import import_markdown

    report = import_markdown(journal, Path(args.folder))
    print(f"Imported {report.imported} notes as reflections; skipped {len(report.skipped)}.")
    for name, reason in report.skipped:
        print(f"  skipped {name}: {reason}")
    return 0


# ---- the parser ---------------------------------------------------------------------------


def _json_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON records instead of text")


def _filter_flags(p: argparse.ArgumentParser, *, kind: bool = True) -> None:
    if kind:
        p.add_argument("--kind", choices=["case", "feedback", "reflection"])
    p.add_argument("--experience", type=_id, metavar="ID", help="only entries of this experience")
    p.add_argument("--prompt", type=_id, metavar="ID", help="only entries linked to this prompt")
    p.add_argument("--tag", metavar="NAME", help="only entries with this tag")
    p.add_argument("--from", dest="date_from", type=_date, metavar="DATE", help="on or after")
    p.add_argument("--to", dest="date_to", type=_date, metavar="DATE", help="on or before")


def _add_entry_parser(sub: Any) -> None:
    add = sub.add_parser(
        "add",
        help="add a case, feedback or reflection; prints the new id",
        description="Add an entry to the journal and print its id.",
    )
    kinds = add.add_subparsers(dest="kind", required=True, metavar="{case,feedback,reflection}")
    for kind, text in (
        ("case", "a de-identified patient case (no names, dates of birth or record numbers)"),
        ("feedback", "feedback you received from an attending, resident or nurse"),
        ("reflection", "a reflection on your day, a lesson, an experience"),
    ):
        p = kinds.add_parser(kind, help=text, description=f"Add {text}.")
        p.add_argument("--title", required=True, help="a few words that name the entry")
        p.add_argument("--date", type=_date, help="YYYY-MM-DD (default: today)")
        p.add_argument("--experience", type=_id, metavar="ID", help="the rotation it belongs to")
        p.add_argument(
            "--prompt",
            type=_id,
            action="append",
            metavar="ID",
            help="link to an interview prompt (repeatable; see `imgjournal prompts`)",
        )
        p.add_argument("--tag", action="append", metavar="NAME", help="a tag (repeatable)")
        body = p.add_mutually_exclusive_group()
        body.add_argument("--body", help="the text, in Markdown")
        body.add_argument("--body-file", metavar="PATH|-", help="read the text from a file or -")
        if kind == "case":
            p.add_argument("--setting", help="inpatient, outpatient, ed, icu, clinic or other")
            p.add_argument(
                "--age-band",
                help="newborn, infant, child, adolescent, 18-39, 40-64, 65-89 or 90+",
            )
            p.add_argument("--sex", help="female, male, other or unknown")
            p.add_argument("--complaint", help="the chief complaint")
            p.add_argument("--diagnosis", action="append", help="a diagnosis (repeatable)")
            p.add_argument("--procedure", action="append", help="a procedure (repeatable)")
            p.add_argument("--role", help="observed, assisted, performed or presented")
            for star in ("situation", "task", "action", "result", "lesson"):
                p.add_argument(f"--{star}", help=f"STAR-L: the {star}")
        if kind == "feedback":
            p.add_argument("--giver", help="who gave it")
            p.add_argument("--giver-role", help="attending, resident, nurse or other")
            p.add_argument("--feedback-kind", help="praise or constructive")
            p.add_argument("--words", help="the words as said")
            p.add_argument("--action-items", help="what you will do about it")
            p.add_argument("--followed-up", action="store_true", help="you have followed up")
        p.set_defaults(func=cmd_add)


def _add_experience_parser(sub: Any) -> None:
    exp = sub.add_parser(
        "experience",
        help="add or list experiences (rotations, externships, observerships, ...)",
        description="Experiences are the rotations and other activities entries belong to.",
    )
    esub = exp.add_subparsers(dest="experience_command", required=True, metavar="{add,list}")
    add = esub.add_parser("add", help="add an experience; prints its id")
    add.add_argument(
        "--kind",
        required=True,
        help="rotation, externship, observership, research, volunteer, teaching, work or other",
    )
    add.add_argument("--title", required=True)
    add.add_argument("--start", required=True, type=_date, metavar="DATE")
    add.add_argument("--end", type=_date, metavar="DATE", help="leave out while it goes on")
    add.add_argument(
        "--eras-type",
        help="ERAS type: education, military, professional_organization, extracurricular, "
        "research, teaching, volunteer or work (default: from the kind)",
    )
    add.add_argument("--institution")
    add.add_argument("--specialty")
    add.add_argument("--city")
    add.add_argument("--state")
    add.add_argument("--country")
    add.add_argument("--abroad", action="store_true", help="outside the US (default: in the US)")
    hands = add.add_mutually_exclusive_group()
    hands.add_argument("--hands-on", dest="hands_on", action="store_true", default=None)
    hands.add_argument(
        "--observational",
        dest="hands_on",
        action="store_false",
        help="no hands-on care (the default for observerships)",
    )
    add.add_argument("--hours", type=_positive, metavar="N", help="hours per week")
    add.add_argument("--supervisor")
    add.add_argument("--notes", help="notes, in Markdown")
    add.set_defaults(func=cmd_experience_add)
    lst = esub.add_parser("list", help="list experiences, most recent first")
    _json_flag(lst)
    lst.set_defaults(func=cmd_experience_list)


def build_parser() -> Parser:
    parser = Parser(
        prog=PROG,
        description="An offline journal for international medical graduates: cases, feedback "
        "and reflections from your rotations, tagged to residency interview prompts. "
        "With no command, opens the desktop app.",
    )
    parser.add_argument(
        "--home",
        metavar="DIR",
        help="the journal folder (default: $IMGJOURNAL_HOME or your user data folder)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    _add_entry_parser(sub)

    p = sub.add_parser("list", help="list entries, newest first")
    _filter_flags(p)
    p.add_argument("--trash", action="store_true", help="list the entries in the trash")
    _json_flag(p)
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="show one entry")
    p.add_argument("id", type=_id)
    _json_flag(p)
    p.set_defaults(func=cmd_show)

    p = sub.add_parser(
        "search",
        help="full-text search: words, prefixes (trop → troponin) and substrings",
        description="Search titles, bodies and case/feedback fields. Every word must match, "
        "as a whole word, the start of a word, or (3+ letters) anywhere inside one.",
    )
    p.add_argument("query")
    p.add_argument("--limit", type=_positive, default=20, metavar="N", help="default 20")
    _filter_flags(p)
    _json_flag(p)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("delete", help="move an entry to the trash")
    p.add_argument("id", type=_id)
    p.set_defaults(func=cmd_delete)
    p = sub.add_parser("restore", help="restore an entry from the trash")
    p.add_argument("id", type=_id)
    p.set_defaults(func=cmd_restore)
    p = sub.add_parser("empty-trash", help="delete the entries in the trash for good")
    p.add_argument("--yes", action="store_true", help="confirm")
    p.set_defaults(func=cmd_empty_trash)

    _add_experience_parser(sub)

    p = sub.add_parser(
        "prompts",
        help="the interview prompt library, with how many entries link to each",
        description="List the interview prompts (ids, categories, text, linked entries); "
        "`prompts add` and `prompts hide` change the library.",
    )
    p.add_argument("--all", action="store_true", help="include hidden prompts")
    _json_flag(p)
    p.set_defaults(func=cmd_prompts)
    psub = p.add_subparsers(dest="prompts_command", metavar="{add,hide}")
    pa = psub.add_parser("add", help="add your own prompt; prints its id")
    pa.add_argument("text")
    pa.add_argument(
        "--category", required=True, help="personal, behavioural, ethics, img or closing"
    )
    pa.add_argument("--min-seconds", type=_positive, default=60)
    pa.add_argument("--max-seconds", type=_positive, default=90)
    pa.set_defaults(func=cmd_prompts_add)
    ph = psub.add_parser("hide", help="hide a prompt (or --show it again)")
    ph.add_argument("id", type=_id)
    ph.add_argument("--show", action="store_true", help="show a hidden prompt again")
    ph.set_defaults(func=cmd_prompts_hide)

    p = sub.add_parser("export", help="write the whole journal to a JSON file")
    p.add_argument("file", metavar="FILE.json")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser(
        "import", help="add a JSON export to this journal (checked fully before writing)"
    )
    p.add_argument("file", metavar="FILE.json")
    p.set_defaults(func=cmd_import)
    p = sub.add_parser(
        "import-markdown",
        help="import a folder of Markdown notes (Obsidian, Joplin) as reflections",
    )
    p.add_argument("folder", metavar="DIR")
    p.set_defaults(func=cmd_import_markdown)

    p = sub.add_parser(
        "demo",
        help="open a throwaway journal filled with an invented sample",
        description="Create a journal filled with an invented sample (in a new temporary "
        "folder, or --home DIR if it is empty) and open the app on it.",
    )
    p.add_argument("--no-gui", action="store_true", help="only create it and print where it is")
    p.set_defaults(func=None, demo=True)

    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _demo(args: argparse.Namespace, launch_gui: GuiLauncher | None) -> int:
    import tempfile

    from imgjournal.db import Journal
    from imgjournal.demo import load_sample

    if args.home:
        home = Path(args.home).expanduser()
    else:
        home = Path(tempfile.mkdtemp(prefix="imgjournal-demo-"))
    with Journal.open(home) as journal:
        summary = load_sample(journal)
    print(f"Sample journal ({summary}) in {home}")
    if args.no_gui:
        return 0
    if launch_gui is None:
        raise JournalError("The desktop app is not available here; use --no-gui.")
    return launch_gui(home)


def _log_unexpected(home: Path | None) -> str:
    """Write the traceback to the journal's log file; return where it went."""
    from imgjournal import paths

    target = paths.log_path(home) if home and home.is_dir() else None
    if target is None:
        import tempfile

        target = Path(tempfile.gettempdir()) / "imgjournal-error.log"
    try:
        handler = logging.FileHandler(target, encoding="utf-8")
        logger = logging.getLogger("imgjournal.crash")
        logger.addHandler(handler)
        logger.exception("unexpected error")
        handler.close()
        logger.removeHandler(handler)
    except OSError:
        return "(could not write the log)"
    return str(target)


def main(argv: Sequence[str] | None = None, launch_gui: GuiLauncher | None = None) -> int:
    """Run the command line; returns the exit status. ``launch_gui(home)`` opens the app."""
    home: Path | None = None
    try:
        args = build_parser().parse_args(argv)
        if getattr(args, "demo", False):
            return _demo(args, launch_gui)
        from imgjournal.paths import resolve_home

        home = resolve_home(args.home)
        if args.command is None:
            if launch_gui is None:
                raise JournalError("The desktop app is not available here; try `--help`.")
            return launch_gui(home)
        from imgjournal.db import Journal

        with Journal.open(home) as journal:
            return int(args.func(args, journal) or 0)
    except JournalError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last resort: one line for the user, details in the log
        where = _log_unexpected(home)
        print(
            f"{PROG}: error: unexpected {type(exc).__name__}: {exc}; details in {where}",
            file=sys.stderr,
        )
        return 1
