"""Run every benchmark and print one table: ``make bench`` (``python -m benchmarks.run``).

Builds (or reuses, from ./bench-data/) a 50,000-entry synthetic journal, runs each
``benchmarks/bench_*.py`` module's ``run(ctx)`` and prints the machine and one Markdown table of
target, measured value and pass/fail per metric. A full run (default size, every module) also
rewrites the results section of docs/benchmarks.md.

Exit status: 0 when the table was printed, whatever it says (a missed target is a finding to
read, not a broken build); with ``--strict``, 1 when a metric failed or could not be measured.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import tempfile
import traceback
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import data, synthetic
from benchmarks.harness import Context, Row, machine, machine_lines, speed_probe, table

DOCS = data.ROOT / "docs" / "benchmarks.md"
RESULTS_START = "<!-- results:start (written by `make bench`; edits here are overwritten) -->"
RESULTS_END = "<!-- results:end -->"
FIRST = ("core",)  # modules that lead the table; the rest follow by name


def discover() -> list[str]:
    import benchmarks

    names = [
        m.name.removeprefix("bench_")
        for m in pkgutil.iter_modules(benchmarks.__path__)
        if m.name.startswith("bench_")
    ]
    return sorted(names, key=lambda n: (FIRST.index(n) if n in FIRST else len(FIRST), n))


def run_module(name: str, ctx: Context) -> list[Row]:
    print(f"bench: running bench_{name} ...", file=sys.stderr, flush=True)
    try:
        module = importlib.import_module(f"benchmarks.bench_{name}")
        rows = list(module.run(ctx))
    except Exception as exc:  # noqa: BLE001 - one broken module must not hide the others
        traceback.print_exc()
        return [Row(f"bench_{name}", "", None, "", False, f"error: {type(exc).__name__}: {exc}")]
    for row in rows:
        print(f"bench:   {row.name}: {row.measured} {row.unit} {row.note}", file=sys.stderr)
    return rows


def render(info: dict[str, str], rows: list[Row], ctx: Context, when: datetime) -> str:
    size = f"{ctx.entries:,} entries (generator v{synthetic.GENERATOR_VERSION}, seed {ctx.seed})"
    return (
        f"Run on {when:%Y-%m-%d %H:%M} UTC over a synthetic journal of {size}.\n\n"
        f"{machine_lines(info)}\n\n{table(rows)}\n"
    )


def write_docs(report: str, path: Path = DOCS) -> None:
    """Replace the results section of docs/benchmarks.md (add it if the file lacks one)."""
    block = f"{RESULTS_START}\n\n{report}\n{RESULTS_END}"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if RESULTS_START in text and RESULTS_END in text:
        head, rest = text.split(RESULTS_START, 1)
        tail = rest.split(RESULTS_END, 1)[1]
        text = head + block + tail
    else:
        text = text.rstrip("\n") + "\n\n## Latest results\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    ap.add_argument("--entries", type=int, default=synthetic.DEFAULT_ENTRIES)
    ap.add_argument("--seed", type=int, default=synthetic.DEFAULT_SEED)
    ap.add_argument(
        "--only", help="comma-separated modules to run (core, ui, pdf, ...); default: all"
    )
    ap.add_argument("--quick", action="store_true", help="fewer repetitions (development)")
    ap.add_argument(
        "--strict", action="store_true", help="exit 1 when a target is missed or not measured"
    )
    ap.add_argument("--rebuild", action="store_true", help="rebuild the cached data set")
    ap.add_argument(
        "--no-docs",
        action="store_true",
        help="do not rewrite docs/benchmarks.md even on a full run",
    )
    args = ap.parse_args(argv)

    available = discover()
    wanted = available
    if args.only:
        wanted = [n.strip().removeprefix("bench_") for n in args.only.split(",") if n.strip()]
        unknown = [n for n in wanted if n not in available]
        if unknown:
            ap.error(f"no benchmark module {', '.join(unknown)}; have {', '.join(available)}")

    ds = data.prepare(args.entries, args.seed, rebuild=args.rebuild)
    probe_before = speed_probe()
    with tempfile.TemporaryDirectory(prefix="imgjournal-bench-") as tmp:
        ctx = Context(
            home=ds.home,
            export_file=ds.export_file,
            jrnl_file=ds.jrnl_file,
            markdown_dir=ds.markdown_dir,
            tmp=Path(tmp),
            data_dir=ds.folder,
            entries=args.entries,
            seed=args.seed,
            quick=args.quick,
        )
        rows: list[Row] = []
        for name in wanted:
            rows += run_module(name, ctx)

    when = datetime.now(UTC)
    info = machine()
    info["Speed probe"] = (
        f"{probe_before:.2f} s before the benchmarks, {speed_probe():.2f} s after (a fixed "
        "pure-Python loop, best of 3; lower is faster, and it drifts on a shared machine)"
    )
    report = render(info, rows, ctx, when)
    print()
    print(report)
    full = (
        args.entries == synthetic.DEFAULT_ENTRIES
        and args.seed == synthetic.DEFAULT_SEED
        and wanted == available
        and not args.quick
    )
    if full and not args.no_docs:
        write_docs(report)
        print(f"(results written to {DOCS.relative_to(data.ROOT)})")
    elif not args.no_docs:
        print("(not a full run, so docs/benchmarks.md was left as it is)")
    failed = [r for r in rows if r.passed is False or (r.target and r.measured is None)]
    return 1 if failed and args.strict else 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except KeyboardInterrupt:
        raise SystemExit(130) from None
