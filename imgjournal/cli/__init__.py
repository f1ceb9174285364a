"""The command line: a thin layer over the services.

Every command opens the journal (``--home DIR``, ``$IMGJOURNAL_HOME`` or the default folder),
calls services, and prints plain text or, with ``--json``, the records of
``imgjournal.export.records``. Problems print one line, ``imgjournal: error: ...``, on stderr and
exit with status 1; nothing is written.

Imports are lazy: a one-shot command such as ``imgjournal search`` loads only what it uses.

The package:

- ``parser``: the top-level parser (global options) and the ordered list of command groups;
- ``run``: ``main``, which parses, opens the journal, calls a handler and turns errors into
  one line and an exit status;
- ``common``: the exit statuses, the stderr lines (error, warning, note) and ``--json``;
- ``args``: the argument types (dates, ids, bounded numbers);
- one module per command group, each with ``register(subparsers)`` adding its commands and
  their handlers: ``entries``, ``experiences``, ``prompts``, ``exchange`` (JSON export and
  import, Markdown import), ``demo``, ``prep``, ``printing``, ``privacy``, ``backup``,
  ``check``, ``history``, ``crypto`` (encrypt, decrypt, passphrase) and ``imports`` (the
  importers and the Markdown export).
"""

from __future__ import annotations

from imgjournal.cli.parser import build_parser
from imgjournal.cli.run import main

__all__ = ["build_parser", "main"]
