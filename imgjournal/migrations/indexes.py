"""What migrations that only change indexes share."""

from __future__ import annotations

from alembic import op


def replace_indexes(statements: tuple[str, ...]) -> None:
    """Drop the indexes that ``statements`` (``CREATE INDEX name ON ...``) create, then create
    them as written: SQLite cannot alter an index."""
    for sql in statements:
        op.execute(f"DROP INDEX IF EXISTS {sql.split()[2]}")
    for sql in statements:
        op.execute(sql)
