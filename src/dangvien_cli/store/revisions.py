"""The schema's revisions: where the Alembic migrations are, which is the head, and whether a revision is
ours. The head is also written here as a constant, so that an everyday command can see that its database is
current with one small query and without importing Alembic (start-up time); a test checks that the
constant equals Alembic's head."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from dangvien_cli.errors import DangvienError

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Connection

HEAD_REVISION = "0010"


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


def head_revision() -> str:
    """Alembic's head, read from the migration scripts."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def is_known(revision: str) -> bool:
    from alembic.script import ScriptDirectory

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except Exception:  # alembic raises several kinds for an unknown id
        return False
