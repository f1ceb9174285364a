"""Alembic environment: runs on the connection imgjournal hands it, in batch mode for SQLite."""

from alembic import context

from imgjournal.models import Base

config = context.config
target_metadata = Base.metadata


def include_object(obj, name, type_, reflected, compare_to):  # noqa: ANN001
    # The FTS5 virtual tables and their shadow tables are made by raw SQL, not the models.
    if type_ == "table" and name and name.startswith(("entries_fts", "entries_trigram")):
        return False
    return True


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
