"""``imgjournal add``, ``list``, ``show``, ``search``, ``delete``, ``restore`` and
``empty-trash``: the entries themselves.

Each handler takes parsed args and an open journal, calls services and prints; each returns the
exit status. Services are imported inside the handlers so a command loads only what it uses.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from imgjournal import fields
from imgjournal.cli.args import bounded_arg, date_arg, id_arg
from imgjournal.cli.common import EXIT_OK, add_json_flag, print_json, short, warning
from imgjournal.errors import JournalError
from imgjournal.limits import MAX_SEARCH_RESULTS

if TYPE_CHECKING:
    from imgjournal.db import Journal


def register(sub: Any) -> None:
    """Add the entry commands to the command line's subparsers."""
    _add_entry_parser(sub)

    p = sub.add_parser("list", help="list entries, newest first")
    _filter_flags(p)
    p.add_argument("--trash", action="store_true", help="list the entries in the trash")
    add_json_flag(p)
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="show one entry")
    p.add_argument("id", type=id_arg)
    add_json_flag(p)
    p.set_defaults(func=cmd_show)

    p = sub.add_parser(
        "search",
        help="full-text search: words, prefixes (trop → troponin) and substrings",
        description="Search titles, bodies and case/feedback fields. Every word must match, "
        "as a whole word, the start of a word, or (3+ letters) anywhere inside one; a word of "
        "1 or 2 letters (MI, ED) matches only as a whole word.",
    )
    p.add_argument("query")
    p.add_argument(
        "--limit",
        type=bounded_arg(MAX_SEARCH_RESULTS),
        default=20,
        metavar="N",
        help=f"how many results, 1 to {MAX_SEARCH_RESULTS} (default 20)",
    )
    _filter_flags(p)
    add_json_flag(p)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("delete", help="move an entry to the trash")
    p.add_argument("id", type=id_arg)
    p.set_defaults(func=cmd_delete)
    p = sub.add_parser("restore", help="restore an entry from the trash")
    p.add_argument("id", type=id_arg)
    p.set_defaults(func=cmd_restore)
    p = sub.add_parser("empty-trash", help="delete the entries in the trash for good")
    p.add_argument("--yes", action="store_true", help="confirm")
    p.set_defaults(func=cmd_empty_trash)


def _filter_flags(p: argparse.ArgumentParser, *, kind: bool = True) -> None:
    if kind:
        p.add_argument("--kind", choices=["case", "feedback", "reflection"])
    p.add_argument(
        "--experience", type=id_arg, metavar="ID", help="only entries of this experience"
    )
    p.add_argument("--prompt", type=id_arg, metavar="ID", help="only entries linked to this prompt")
    p.add_argument("--tag", metavar="NAME", help="only entries with this tag")
    p.add_argument("--from", dest="date_from", type=date_arg, metavar="DATE", help="on or after")
    p.add_argument("--to", dest="date_to", type=date_arg, metavar="DATE", help="on or before")


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
        p.add_argument("--date", type=date_arg, help="YYYY-MM-DD (default: today)")
        p.add_argument("--experience", type=id_arg, metavar="ID", help="the rotation it belongs to")
        p.add_argument(
            "--prompt",
            type=id_arg,
            action="append",
            metavar="ID",
            help="link to an interview prompt (repeatable; see `imgjournal prompts`)",
        )
        p.add_argument("--tag", action="append", metavar="NAME", help="a tag (repeatable)")
        body = p.add_mutually_exclusive_group()
        body.add_argument("--body", help="the text, in Markdown")
        body.add_argument("--body-file", metavar="PATH|-", help="read the text from a file or -")
        for f in fields.KIND_FIELDS.get(kind, ()):  # the case's or feedback's own fields
            if f.shape == fields.LIST:
                p.add_argument(f.option, action="append", help=f.help)
            elif f.shape == fields.FLAG:
                p.add_argument(f.option, action="store_true", help=f.help)
            else:
                p.add_argument(f.option, help=f.help)
        p.set_defaults(func=cmd_add)


# ---- output -------------------------------------------------------------------------------


def _entry_line(e: Any, experiences: dict[int, str]) -> str:
    where = experiences.get(e.experience_id, "") if e.experience_id else ""
    line = f"{e.id:>6}  {e.entry_date.isoformat()}  {e.kind:<10}  {short(e.title, 50)}"
    if where:
        line += f"  · {short(where, 30)}"
    return line


def _experience_titles(journal: Journal) -> dict[int, str]:
    from imgjournal.services.experiences import list_experiences

    return {x.id: x.title for x in list_experiences(journal)}


# ---- commands -----------------------------------------------------------------------------


def _read_body(args: argparse.Namespace) -> str:
    """The body from --body, or --body-file (a path or - for stdin), read no further than
    the limit: a file such as /dev/urandom never ends, and must not fill the memory."""
    from imgjournal.limits import MAX_BODY_BYTES, megabytes

    if args.body is not None:
        return args.body
    if args.body_file is None:
        return ""
    name = "The text on standard input" if args.body_file == "-" else str(args.body_file)
    try:
        if args.body_file == "-":
            stream = getattr(sys.stdin, "buffer", None)
            if stream is None:  # a text stream without bytes under it (tests, IDE consoles)
                text = sys.stdin.read(MAX_BODY_BYTES + 1)
                data = text.encode("utf-8", "surrogatepass")
            else:
                data = stream.read(MAX_BODY_BYTES + 1)
        else:
            with Path(args.body_file).open("rb") as fh:
                data = fh.read(MAX_BODY_BYTES + 1)
    except OSError as exc:
        raise JournalError(f"Cannot read {args.body_file}: {exc.strerror}.") from None
    if len(data) > MAX_BODY_BYTES:
        raise JournalError(
            f"{name} is larger than {megabytes(MAX_BODY_BYTES)}, the most an entry holds; "
            "split it into several entries."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise JournalError(
            f"{name} is not UTF-8 text (byte {exc.start} is not valid UTF-8); "
            "save it as UTF-8 and try again."
        ) from None


def _option_value(args: argparse.Namespace, f: fields.Field) -> Any:
    """A field's value as ``imgjournal add`` was given it (the field's default when left out)."""
    given = getattr(args, f.option.removeprefix("--").replace("-", "_"))
    if f.shape == fields.LIST:
        return tuple(given or ())
    if f.shape == fields.TEXT:
        return given or ""
    return given


def cmd_add(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.dto import CaseFields, FeedbackFields
    from imgjournal.services.entries import create_entry

    values = {f.attr: _option_value(args, f) for f in fields.KIND_FIELDS.get(args.kind, ())}
    case = CaseFields(**values) if args.kind == "case" else None
    feedback = FeedbackFields(**values) if args.kind == "feedback" else None
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
    _warn_identifiers(journal, entry)
    return EXIT_OK


def _warn_identifiers(journal: Journal, entry: Any) -> None:
    """Point out text that looks like a patient identifier (the entry is saved regardless)."""
    from imgjournal.services.privacy import allowed, scan_entry

    for f in scan_entry(entry, allowed(journal)):
        warning(
            f"entry {entry.id}: “{f.text}” looks like {f.label}; replace it "
            f"with “{f.suggestion}” or remove it (see `imgjournal privacy scan`)"
        )


def _filter(args: argparse.Namespace) -> Any:
    from imgjournal.services.dto import EntryFilter
    from imgjournal.services.validate import date_range

    if getattr(args, "date_from", None) and getattr(args, "date_to", None):
        # --from after --to would match nothing and look like an empty journal.
        date_range(args.date_from, args.date_to)
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
        print_json([entry_record(e) for e in items])
        return EXIT_OK
    if not items:
        print("No entries match." if not args.trash else "The trash is empty.")
        return EXIT_OK
    titles = _experience_titles(journal)
    for e in items:
        print(_entry_line(e, titles))
    return EXIT_OK


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
        print_json(entry_record(entry))
    else:
        print(_show_text(journal, entry))
    return EXIT_OK


def cmd_search(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.search import plain_snippet, search

    hits = search(journal, args.query, limit=args.limit, flt=_filter(args))
    if args.json:
        from imgjournal.export.records import hit_record

        print_json([hit_record(h, plain_snippet(h.snippet, "", "")) for h in hits])
        return EXIT_OK
    if not hits:
        print(f"Nothing matches {args.query!r}.")
        return EXIT_OK
    for h in hits:
        print(f"{h.entry_id:>6}  {h.entry_date.isoformat()}  {h.kind:<10}  {short(h.title, 60)}")
        print(f"        {plain_snippet(h.snippet)}")
    return EXIT_OK


def cmd_delete(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.entries import trash_entry

    entry = trash_entry(journal, args.id)
    print(f"Moved entry {entry.id} to the trash (restore it with `imgjournal restore {entry.id}`).")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.entries import restore_entry

    entry = restore_entry(journal, args.id)
    print(f"Restored entry {entry.id}.")
    return EXIT_OK


def cmd_empty_trash(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.dto import EntryFilter
    from imgjournal.services.entries import count_entries, empty_trash

    n = count_entries(journal, EntryFilter(trashed=True))
    if not args.yes:
        raise JournalError(
            f"Emptying the trash deletes {n} entries for good; add --yes to confirm."
        )
    print(f"Deleted {empty_trash(journal)} entries for good.")
    return EXIT_OK
