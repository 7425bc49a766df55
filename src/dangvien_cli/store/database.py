"""An open database: the engine for the chosen URL, migrated to the code's schema, with sessions to read and
to write (see :mod:`dangvien_cli.store.engine` for how the database is chosen and connected to)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dangvien_cli.store.engine import WRITER_OPTION, create_engine, resolve_url

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


@dataclass
class Database:
    """An open database: its URL and engine, migrated to the code's schema."""

    url: str
    engine: Engine
    upgrade_backup: Path | None = None  # the copy taken before opening migrated the database, if any

    def reader(self) -> Any:
        """A session for reading."""
        from sqlmodel import Session

        return Session(self.engine)

    def writer(self) -> Any:
        """A session for writing: it takes the write lock at BEGIN, queued behind other writers for at most
        the busy timeout."""
        from sqlmodel import Session

        return Session(self.engine.execution_options(**{WRITER_OPTION: True}))

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def open_database(db: str | None = None, *, migrate: bool = True) -> Database:
    """Open the database named by ``db`` (see :func:`resolve_url`), migrating it to head if it is behind."""
    url = resolve_url(db)
    engine = create_engine(url)
    saved = None
    if migrate:
        from dangvien_cli.store.migrate import ensure_current

        saved = ensure_current(engine)
    return Database(url=url, engine=engine, upgrade_backup=saved)
