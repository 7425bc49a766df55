"""Alembic environment for dangvien.

Used two ways: by the tool itself (``dangvien_cli.store.migrate`` passes an open connection in
``config.attributes["connection"]``), and by developers running ``alembic`` from the repository root
(alembic.ini), where the database comes from ``DANGVIEN_DB`` like everywhere else.
"""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import dangvien_cli.store.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from dangvien_cli.store.engine import create_engine, resolve_url

config = context.config
target_metadata = SQLModel.metadata


def _configure(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        compare_type=True,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
    )


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        context.run_migrations()  # the caller owns the transaction
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or resolve_url(None))
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url") or resolve_url(None),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
