"""``imgjournal readiness`` and ``imgjournal profile``: am I ready to apply, and what next?

``readiness [--json]`` prints the figures of :mod:`imgjournal.services.readiness` (US months,
hands-on, in the target specialty, recency, US letters, prompt coverage, practice) and the
next steps; ``--json`` prints exactly the keys ``us_months``, ``hands_on_months``,
``specialty_months``, ``months_since_last_us``, ``letters``, ``prompt_coverage`` and
``next_steps``. ``profile set`` / ``profile show [--json]`` keep the application profile the
figures are measured against.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from imgjournal.cli.common import EXIT_OK, add_json_flag, print_json

if TYPE_CHECKING:
    from imgjournal.db import Journal


def _year(text: str) -> int:
    from imgjournal.errors import ValidationError

    try:
        value = int(text)
    except ValueError:
        raise ValidationError(f"{text!r} is not a year; write it as, e.g., 2027.") from None
    return value


def register(sub: Any) -> None:
    """Add ``readiness`` and ``profile`` to the command line's subparsers."""
    r = sub.add_parser(
        "readiness",
        help="am I ready to apply? US clinical experience, letters, prep and next steps",
        description="Measure the journal against the article's checklist: 2–3 months or more "
        "of US clinical experience, hands-on, recent, in your specialty, 2–3 US letters, "
        "prepared interview stories; then say what to do next. Set your target specialty "
        "and season first with `imgjournal profile set`.",
    )
    add_json_flag(r, "print the figures as one JSON object")
    r.set_defaults(func=cmd_readiness)

    p = sub.add_parser(
        "profile",
        help="show or set the application profile (target specialty, ERAS season, ...)",
        description="The application profile readiness is measured against.",
    )
    psub = p.add_subparsers(dest="profile_command", required=True, metavar="{show,set}")
    show = psub.add_parser("show", help="show the application profile")
    add_json_flag(show, "print the profile as one JSON object")
    show.set_defaults(func=cmd_profile_show)
    st = psub.add_parser(
        "set",
        help="set parts of the application profile (the others stay)",
        description="Set the parts given; the others stay as they are.",
    )
    st.add_argument(
        "--specialty",
        action="append",
        metavar="NAME",
        help="a target specialty (repeatable; replaces the list)",
    )
    st.add_argument("--season", type=_year, metavar="YEAR", help="the ERAS season, e.g. 2027")
    st.add_argument("--graduated", type=_year, metavar="YEAR", help="your graduation year")
    visa = st.add_mutually_exclusive_group()
    visa.add_argument(
        "--visa", dest="visa", action="store_true", default=None, help="you need a visa"
    )
    visa.add_argument("--no-visa", dest="visa", action="store_false", help="you need no visa")
    st.set_defaults(func=cmd_profile_set)


def cmd_readiness(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.readiness import readiness, readiness_record

    r = readiness(journal)
    if args.json:
        print_json(readiness_record(r))
        return EXIT_OK
    if not r.profile.asked:
        print(
            "No application profile yet: `imgjournal profile set --specialty NAME "
            "--season YEAR` makes the figures yours.\n"
        )
    marks = {"good": "ok  ", "amber": "soon", "red": "todo"}
    for f in r.figures:
        print(f"[{marks[f.level]}] {f.label:<24} {f.shown}")
    if r.gaps:
        print("\nGaps on your CV (longer than 3 months):")
        for g in r.gaps:
            end = "now" if g.ongoing else g.end.isoformat()
            print(f"  {g.start.isoformat()} – {end}  ({g.months:.1f} months)")
    print("\nNext steps:" if r.next_steps else "\nNothing is missing: you are ready to apply.")
    for step in r.next_steps:
        print(f"  - {step}")
    return EXIT_OK


def profile_record(p: Any) -> dict:
    return {
        "specialties": list(p.specialties),
        "season": p.season,
        "graduation_year": p.graduation_year,
        "needs_visa": p.needs_visa,
    }


def cmd_profile_show(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.profile import get_profile

    p = get_profile(journal)
    if args.json:
        print_json(profile_record(p))
        return EXIT_OK
    if not p.asked:
        print("No application profile yet; set it with `imgjournal profile set`.")
        return EXIT_OK
    visa = {None: "not said", True: "yes", False: "no"}[p.needs_visa]
    print(f"Target specialties: {', '.join(p.specialties) or 'none yet'}")
    print(f"ERAS season:        {p.season or 'not set'}")
    print(f"Graduation year:    {p.graduation_year or 'not set'}")
    print(f"Needs a visa:       {visa}")
    return EXIT_OK


def cmd_profile_set(args: argparse.Namespace, journal: Journal) -> int:
    from imgjournal.services.profile import UNSET, set_profile

    p = set_profile(
        journal,
        specialties=args.specialty if args.specialty is not None else UNSET,
        season=args.season if args.season is not None else UNSET,
        graduation_year=args.graduated if args.graduated is not None else UNSET,
        needs_visa=args.visa if args.visa is not None else UNSET,
    )
    print(
        f"Saved the profile: {', '.join(p.specialties) or 'no specialty'}, "
        f"season {p.season or 'not set'}."
    )
    return EXIT_OK
