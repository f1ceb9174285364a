"""Many ``imgjournal add`` commands from one process, as fast as they go (test_processes.py).

Run as ``python -m tests.ui.cli_adds PREFIX COUNT`` with ``IMGJOURNAL_HOME`` set. Each add is the
real command line (``imgjournal.__main__.main``): it opens the journal, adds one reflection
titled ``PREFIX N`` and closes it, like one ``imgjournal add`` process. Prints ``exit N CODE``
for each; errors go to stderr as the command line prints them.
"""

from __future__ import annotations

import sys


def run(prefix: str, count: int) -> int:
    from imgjournal.__main__ import main

    worst = 0
    for i in range(1, count + 1):
        code = main(["add", "reflection", "--title", f"{prefix} {i}", "--body", f"from {prefix}"])
        print(f"exit {i} {code}", flush=True)
        worst = max(worst, code)
    return worst


if __name__ == "__main__":
    sys.exit(run(sys.argv[1], int(sys.argv[2])))
