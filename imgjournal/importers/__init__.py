"""Importers of other apps' files (jrnl, Day One, a CSV case log) and the Markdown export.

Each importer reads and checks the whole file first, then adds it in one transaction through
:func:`imgjournal.importers.common.write_incoming` (see docs/import.md).
"""
