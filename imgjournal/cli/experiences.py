"""``imgjournal experience add`` and ``experience list``: the rotations, externships,
observerships and other activities entries belong to.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from imgjournal.cli.args import bounded_arg, date_arg
from imgjournal.cli.common import EXIT_OK, add_json_flag, print_json, short

if TYPE_CHECKING:
    from imgjournal.db import Journal


def register(sub: Any) -> None:
    """Add ``experience`` and its subcommands to the command line's subparsers."""
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
    add.add_argument("--start", required=True, type=date_arg, metavar="DATE")
    add.add_argument("--end", type=date_arg, metavar="DATE", help="leave out while it goes on")
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
    add.add_argument("--hours", type=bounded_arg(168), metavar="N", help="hours per week")
    add.add_argument("--supervisor")
    add.add_argument("--notes", help="notes, in Markdown")
    add.set_defaults(func=cmd_experience_add)
    lst = esub.add_parser("list", help="list experiences, most recent first")
    add_json_flag(lst)
    lst.set_defaults(func=cmd_experience_list)


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
    return EXIT_OK


def cmd_experience_list(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.domain import ExperienceKind
    from imgjournal.export.records import experience_record
    from imgjournal.services.experiences import list_experiences

    items = list_experiences(journal)
    if args.json:
        print_json([experience_record(x) | {"entry_count": x.entry_count} for x in items])
        return EXIT_OK
    if not items:
        print("No experiences yet; add one with `imgjournal experience add`.")
        return EXIT_OK
    for x in items:
        end = x.end_date.isoformat() if x.end_date else "ongoing"
        where = ", ".join(v for v in (x.institution, x.city, x.state) if v)
        print(
            f"{x.id:>4}  {x.start_date.isoformat()} – {end:<10}  "
            f"{ExperienceKind(x.kind).label.split(' /')[0]:<13}  {short(x.title, 40)}"
            + (f"  · {short(where, 40)}" if where else "")
            + f"  ({x.entry_count} entries)"
        )
    return EXIT_OK
