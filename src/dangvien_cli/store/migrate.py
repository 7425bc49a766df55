"""Applying the Alembic migrations in ``migrations/``: automatically on first use, and on ``db upgrade``.

The revisions themselves (where the scripts are, which is the head) are in
:mod:`dangvien_cli.store.revisions`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from dangvien_cli.errors import DangvienError
from dangvien_cli.store.engine import WRITER_OPTION, sqlite_path
from dangvien_cli.store.revisions import (
    HEAD_REVISION,
    alembic_config,
    head_revision,
    is_known,
    migrations_dir,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or ``None`` for an empty database."""
    import sqlalchemy as sa

    with engine.connect() as connection:
        if not sa.inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def _run(engine: Engine, action: str, target: str) -> None:
    """Run an Alembic command in one transaction that holds the write lock: two processes opening a
    database that is behind migrate it once, one after the other (Alembic reads the revision again once
    the lock is held, so the second finds nothing left to do)."""
    from alembic import command

    with engine.connect().execution_options(**{WRITER_OPTION: True}) as connection:
        if engine.dialect.name == "sqlite":
            # Batch migrations copy and drop tables; foreign keys are checked once at the end instead.
            # This pragma only takes effect outside a transaction, hence the raw DBAPI connection.
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            with connection.begin():
                config = alembic_config(connection)
                getattr(command, action)(config, target)
                if engine.dialect.name == "sqlite":
                    problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if problems:
                        raise DangvienError("db.foreign_key_check", count=len(problems))
        finally:
            if engine.dialect.name == "sqlite":
                connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


def upgrade(engine: Engine, target: str = "head") -> None:
    """Migrate up to ``target`` in one transaction."""
    _run(engine, "upgrade", target)


def downgrade(engine: Engine, target: str) -> None:
    """Migrate down to ``target`` in one transaction."""
    _run(engine, "downgrade", target)


def checked_revision(engine: Engine) -> str | None:
    """The database's revision, refusing what cannot be migrated: a database made by a newer dangvien, and
    one that has dangvien's tables but no record of its revision (``alembic_version`` lost: migrating it
    from the start would fail half-way on tables that already exist)."""
    import sqlalchemy as sa

    from dangvien_cli.store.models import TABLES

    current = current_revision(engine)
    if current is not None and not is_known(current):
        raise DangvienError("db.newer_than_code", revision=current)
    if current is None:
        with engine.connect() as connection:
            inspector = sa.inspect(connection)
            if any(inspector.has_table(table) for table in TABLES):
                raise DangvienError("db.no_revision")
    return current


def ensure_current(engine: Engine) -> Path | None:
    """Bring the database to head if it is behind; refuse one made by a newer dangvien, or one whose
    revision is unknown (see :func:`checked_revision`). Returns the backup taken before migrating (see
    :func:`backup_before_upgrade`), if one was."""
    current = current_revision(engine)
    if current == HEAD_REVISION:
        return None
    current = checked_revision(engine)
    saved = backup_before_upgrade(engine, current)
    upgrade(engine)
    return saved


def backup_before_upgrade(engine: Engine, current: str | None) -> Path | None:
    """A copy of the database as it was, taken before a migration changes it: only for a SQLite file that
    holds data (an empty or new database has nothing to lose; PostgreSQL is backed up with pg_dump)."""
    if current is None or current == HEAD_REVISION:
        return None
    path = sqlite_path(engine.url.render_as_string(hide_password=False))
    if path is None or not path.exists() or not any(row_counts(engine).values()):
        return None
    from dangvien_cli.store.backup import backup_sqlite, upgrade_backup_path

    return backup_sqlite(path, upgrade_backup_path(path, current))


def row_counts(engine: Engine) -> dict[str, Any]:
    """Rows in each of our tables (for ``db status``)."""
    import sqlalchemy as sa

    from dangvien_cli.store.models import TABLES

    counts: dict[str, Any] = {}
    with engine.connect() as connection:
        inspector = sa.inspect(connection)
        for table in TABLES:
            if inspector.has_table(table):
                counts[table] = connection.execute(
                    sa.select(sa.func.count()).select_from(sa.table(table))
                ).scalar()
            else:
                counts[table] = None
    return counts


__all__ = [
    "HEAD_REVISION",
    "alembic_config",
    "backup_before_upgrade",
    "checked_revision",
    "current_revision",
    "downgrade",
    "ensure_current",
    "head_revision",
    "is_known",
    "migrations_dir",
    "row_counts",
    "upgrade",
]
