"""Alembic environment: runs on the connection imgjournal hands it, in batch mode for SQLite."""

from alembic import context

from imgjournal.models import Base
from imgjournal.search_index import include_object

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("imgjournal migrations run only through imgjournal.db")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
