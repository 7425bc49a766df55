"""Applying the Alembic migrations in ``migrations/``: automatically on first use, and on ``db upgrade``.

The head revision is also written here as a constant, so that an everyday command can see that its
database is current with one small query and without importing Alembic (start-up time); a test checks
that the constant equals Alembic's head.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dangvien_cli.errors import DangvienError

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Connection, Engine

HEAD_REVISION = "0004"


def migrations_dir() -> Path:
    """The migrations: inside the installed package (a wheel carries them), else the source tree's."""
    package_dir = Path(__file__).resolve().parent.parent
    for candidate in (package_dir / "migrations", package_dir.parent.parent / "migrations"):
        if (candidate / "env.py").is_file():
            return candidate
    raise DangvienError("db.no_migrations", path=str(package_dir))


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration pointing at our migrations, bound to ``connection`` if given."""
    from alembic.config import Config

    # Alembic's default stdout is whatever sys.stdout was when alembic was first imported.
    config = Config(stdout=sys.stdout)
    config.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or ``None`` for an empty database."""
    import sqlalchemy as sa

    with engine.connect() as connection:
        if not sa.inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def head_revision() -> str:
    """Alembic's head, read from the migration scripts."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def _run(engine: Engine, action: str, target: str) -> None:
    """Run an Alembic command in one transaction that holds the write lock: two processes opening a
    database that is behind migrate it once, one after the other (Alembic reads the revision again once
    the lock is held, so the second finds nothing left to do)."""
    from alembic import command

    from dangvien_cli.store.engine import WRITER_OPTION

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


def ensure_current(engine: Engine) -> Path | None:
    """Bring the database to head if it is behind; refuse one made by a newer dangvien. Returns the backup
    taken before migrating (see :func:`backup_before_upgrade`), if one was."""
    current = current_revision(engine)
    if current == HEAD_REVISION:
        return None
    if current is not None and not is_known(current):
        raise DangvienError("db.newer_than_code", revision=current)
    saved = backup_before_upgrade(engine, current)
    upgrade(engine)
    return saved


def backup_before_upgrade(engine: Engine, current: str | None) -> Path | None:
    """A copy of the database as it was, taken before a migration changes it: only for a SQLite file that
    holds data (an empty or new database has nothing to lose; PostgreSQL is backed up with pg_dump)."""
    from dangvien_cli.store.engine import sqlite_path

    if current is None or current == HEAD_REVISION:
        return None
    path = sqlite_path(engine.url.render_as_string(hide_password=False))
    if path is None or not path.exists() or not any(row_counts(engine).values()):
        return None
    from dangvien_cli.store.backup import backup_sqlite, upgrade_backup_path

    return backup_sqlite(path, upgrade_backup_path(path, current))


def is_known(revision: str) -> bool:
    from alembic.script import ScriptDirectory

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except Exception:  # alembic raises several kinds for an unknown id
        return False


def row_counts(engine: Engine) -> dict[str, Any]:
    """Rows in each of our tables (for ``db status``)."""
    import sqlalchemy as sa

    from dangvien_cli.store.models import TABLES

    counts: dict[str, Any] = {}
    with engine.connect() as connection:
        inspector = sa.inspect(connection)
        for table in TABLES:
            if inspector.has_table(table):
                counts[table] = connection.execute(sa.text(f"SELECT COUNT(*) FROM {table}")).scalar()
            else:
                counts[table] = None
    return counts
