"""The command handlers behind ``imgjournal.cli``: each takes parsed args and an open journal,
calls services and prints; each returns the exit status.

Services are imported inside the handlers so a command loads only what it uses.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from imgjournal.errors import JournalError

if TYPE_CHECKING:
    from imgjournal.db import Journal

PROG = "imgjournal"


# ---- output -------------------------------------------------------------------------------


def print_json(data: Any) -> None:
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
    _warn_identifiers(journal, entry)
    return 0


def _warn_identifiers(journal: Journal, entry: Any) -> None:
    """Point out text that looks like a patient identifier (the entry is saved regardless)."""
    from imgjournal.services.privacy import allowed, scan_entry

    for f in scan_entry(entry, allowed(journal)):
        print(
            f"{PROG}: warning: entry {entry.id}: “{f.text}” looks like {f.label}; replace it "
            f"with “{f.suggestion}” or remove it (see `imgjournal privacy scan`)",
            file=sys.stderr,
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
        print_json(entry_record(entry))
    else:
        print(_show_text(journal, entry))
    return 0


def cmd_search(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.search import plain_snippet, search

    hits = search(journal, args.query, limit=args.limit, flt=_filter(args))
    if args.json:
        from imgjournal.export.records import hit_record

        print_json([hit_record(h, plain_snippet(h.snippet, "", "")) for h in hits])
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
        print_json([experience_record(x) | {"entry_count": x.entry_count} for x in items])
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
        print_json([prompt_record(p) | {"entry_count": p.entry_count} for p in items])
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
    from imgjournal.cli.privacy import refuse_if_findings
    from imgjournal.export.json_io import export_journal
    from imgjournal.services.privacy import scan_export

    refuse_if_findings(scan_export(journal), "The export", args.allow_identifiers)
    print(export_journal(journal, Path(args.file)))
    return 0


def cmd_import(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.export.json_io import import_journal

    print(import_journal(journal, Path(args.file)))
    return 0


def cmd_import_markdown(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.export.markdown_import import import_markdown

    report = import_markdown(journal, Path(args.folder))
    print(f"Imported {report.imported} notes as reflections; skipped {len(report.skipped)}.")
    for name, reason in report.skipped:
        print(f"  skipped {name}: {reason}")
    return 0
