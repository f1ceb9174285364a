"""The word index without prefix indexes: a term of one or two letters matches whole words.

The prefix indexes (2 and 3 letters) made the index 2.3 times larger and cost 60% of building
it (half of a large import); they only sped up searches for two- and three-letter prefixes.
Search now matches a term of one or two letters as a whole word ("MI", "ED", "CT") and only
longer terms as prefixes as well, which the plain index answers as quickly.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_CREATE = (
    "CREATE VIRTUAL TABLE entries_fts USING fts5(title, body, details, "
    "content='entry_search_text', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2'{prefix})"
)


def _recreate(prefix: str) -> None:
    # The triggers on entries name entries_fts only in their bodies: they stay as they are.
    op.execute("DROP TABLE entries_fts")
    op.execute(_CREATE.format(prefix=prefix))
    op.execute("INSERT INTO entries_fts(entries_fts) VALUES ('rebuild')")


def upgrade() -> None:
    _recreate("")


def downgrade() -> None:
    _recreate(", prefix='2 3'")
