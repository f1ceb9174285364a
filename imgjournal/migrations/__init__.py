"""Alembic migrations, shipped inside the package and run when a journal is opened.

``HEAD`` names the newest revision so that opening an up-to-date journal does not need to import
Alembic at all (a test checks it against the script directory).
"""

from pathlib import Path

HEAD = "0015"
SCRIPT_LOCATION = str(Path(__file__).resolve().parent)

# The revisions that rebuild the search index from every entry (0003 fills the vocabulary and
# builds the trigram index, 0004 rebuilds the word index): seconds at 50,000 entries (about 4 s),
# so an upgrade across one shows a progress dialog in the app and a line on the command line.
# A test holds this equal to the migrations that run an FTS5 'rebuild'.
REBUILDS_INDEX = frozenset({"0003", "0004"})


def rebuilds_index(current: str | None) -> bool:
    """Bringing a journal at revision ``current`` to HEAD rebuilds its search index (None, a
    new journal, has nothing to rebuild). Revisions are numbered, so they compare as text."""
    return current is not None and any(current < rev <= HEAD for rev in REBUILDS_INDEX)
