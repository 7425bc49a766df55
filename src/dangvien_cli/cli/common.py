"""What every command shares: the application context (the database and the settings, each loaded once),
the language, and date options (the output options are in cli.options)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

import typer

from dangvien_cli.domain.dates import parse_date
from dangvien_cli.domain.vocab import Vocabulary

if TYPE_CHECKING:
    from sqlmodel import Session

    from dangvien_cli.domain.settings import Settings
    from dangvien_cli.store.database import Database


class Lang(Vocabulary):
    """The language of messages and tables (``--lang``)."""

    vietnamese = "vi", "Tiếng Việt", "Vietnamese"
    english = "en", "Tiếng Anh", "English"


@dataclass
class AppContext:
    """Passed to every command through ``ctx.obj``; opens the database only when a command needs it."""

    db: str | None
    lang: str
    _database: Database | None = field(default=None, repr=False)

    def database(self, *, migrate: bool = True) -> Database:
        """The database, opened on first use and, unless ``migrate`` is false, brought up to head."""
        if self._database is None:
            from dangvien_cli.store.database import open_database

            self._database = open_database(self.db, migrate=migrate)
            if self._database.upgrade_backup is not None:
                from dangvien_cli.cli.output import notice
                from dangvien_cli.messages import t

                saved = str(self._database.upgrade_backup)
                notice(t("db.upgrade_backup", self.lang, file=saved))
        return self._database

    @cached_property
    def settings(self) -> Settings:
        """The settings (the defaults, overridden by the user's settings file), read once a run."""
        from dangvien_cli.domain.settings import load_settings

        return load_settings()

    @property
    def opened_url(self) -> str | None:
        """The URL of the database once opened (to keep its password out of messages)."""
        return self._database.url if self._database is not None else None

    def close(self) -> None:
        """Release the database when the command ends (registered with ``ctx.call_on_close``)."""
        if self._database is not None:
            self._database.close()
            self._database = None

    @contextmanager
    def reader(self) -> Iterator[Session]:
        with self.database().reader() as session:
            yield session

    @contextmanager
    def writer(self) -> Iterator[Session]:
        """A session whose work is committed when the block ends without an error, else rolled back."""
        with self.database().writer() as session:
            yield session
            session.commit()


def app_context(ctx: typer.Context) -> AppContext:
    obj = ctx.find_object(AppContext)
    assert obj is not None, "the root callback sets the context"
    return obj


def today() -> date:
    """Today's date; ``DANGVIEN_TODAY`` pins it (for demos of past data and for tests)."""
    pinned = os.environ.get("DANGVIEN_TODAY")
    return parse_date(pinned, "DANGVIEN_TODAY") if pinned else date.today()


def parse_day(value: str | None, field_name: str, default: date | None = None) -> Any:
    """A date option's value; ``default`` when it was not given."""
    if value is None or not value.strip():
        return default
    return parse_date(value, field_name)
