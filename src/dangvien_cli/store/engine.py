"""Which database, and how to connect to it.

The database is chosen by ``--db``, else ``DANGVIEN_DB``, else the first line of the file named by
``DANGVIEN_DB_FILE``, else a file in the user's data folder. A plain path is a SQLite file; anything with
``://`` is a SQLAlchemy URL used as it is (PostgreSQL for a province that outgrows one file).

A URL's password never appears in output: ``db status`` shows the URL masked, and :func:`hide_password`
takes it out of any message before it is printed. A URL with a password is best kept out of the command
line (where ``ps`` and the shell history see it): in ``DANGVIEN_DB``, or in a file readable by its owner only
named by ``DANGVIEN_DB_FILE`` (a file others can read is refused).

SQLite is set up for safe everyday use: foreign keys on, WAL, a busy timeout, and transactions that we
begin ourselves (pysqlite's own handling skips BEGIN before DDL and commits behind our back), so a
failed command or migration rolls back whole. Writers begin with ``BEGIN IMMEDIATE`` so that two writers
queue on the busy timeout instead of failing half-way.

On PostgreSQL writers queue the same way, on a transaction-level advisory lock: two imports checking the
same people for duplicates run one after the other, as they do on SQLite, instead of both passing the
check and one failing on a unique index. Either way the wait is bounded by ``BUSY_TIMEOUT_MS``; then the
command stops with a message that says so, having changed nothing.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dangvien_cli.errors import InvalidValue

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

BUSY_TIMEOUT_MS = 30_000
WRITER_OPTION = "dangvien_writer"  # execution option: this transaction writes (see the module docstring)
# The advisory lock's key on PostgreSQL: any constant shared by every dangvien process ("dangvien" in ASCII).
PG_WRITER_LOCK = 0x64616E677669656E
ENV_VAR = "DANGVIEN_DB"
FILE_ENV_VAR = "DANGVIEN_DB_FILE"


def default_db_path() -> Path:
    """The database file used when neither ``--db`` nor ``DANGVIEN_DB`` is given."""
    import platformdirs

    return Path(platformdirs.user_data_dir("dangvien", appauthor=False)) / "dangvien.db"


def resolve_url(db: str | None = None) -> str:
    """The SQLAlchemy URL for ``db`` (a path or a URL), the environment, or the default file."""
    value = db or os.environ.get(ENV_VAR) or _from_file() or str(default_db_path())
    if "://" in value:
        _check_url(value)
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def _from_file() -> str | None:
    """The database path or URL in the file named by ``DANGVIEN_DB_FILE``: its first line that is neither
    blank nor a ``#`` comment. A file holding a password must be readable by its owner only."""
    name = os.environ.get(FILE_ENV_VAR)
    if not name:
        return None
    path = Path(name).expanduser()
    try:
        text = path.read_text(encoding="utf-8-sig")
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        raise InvalidValue(FILE_ENV_VAR, name, "db.file_not_found") from None
    except (OSError, UnicodeDecodeError) as error:
        detail = error.strerror if isinstance(error, OSError) else "UTF-8"
        raise InvalidValue(FILE_ENV_VAR, name, "read.os_error", detail=detail or str(error)) from None
    lines = (line.strip() for line in text.splitlines())
    value = next((line for line in lines if line and not line.startswith("#")), "")
    if not value:
        raise InvalidValue(FILE_ENV_VAR, name, "db.file_empty")
    if _password(value) and mode & 0o077:
        raise InvalidValue(FILE_ENV_VAR, name, "db.file_too_open", mode=oct(mode))
    return value


def _check_url(url: str) -> None:
    """Refuse a URL that cannot be parsed, naming it without its password."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        make_url(url)
    except (ArgumentError, ValueError):
        raise InvalidValue("db", hide_password(url), "db.bad_url") from None


def _password(url: str) -> str | None:
    """The password in ``url`` (decoded), if it has one and can be parsed."""
    if "://" not in url:
        return None
    from sqlalchemy.engine import make_url

    try:
        password = make_url(url).password
    except Exception:  # an unparseable URL: the pattern in hide_password still covers it
        return None
    return None if password is None else str(password)


# scheme://user:PASSWORD@host: whatever stands between the user's colon and the last @ before the host
_URL_PASSWORD = re.compile(r"(://[^:/?#@\s]*:)([^\s/]*)(@)")


def hide_password(text: str, url: str | None = None) -> str:
    """``text`` with the password of any URL in it, and the password of ``url`` (raw or decoded, wherever
    it appears, e.g. in a driver's message), replaced by ``***``."""
    secrets: set[str] = set()
    if url is not None:
        password = _password(url)
        if password:
            secrets.add(password)
        match = _URL_PASSWORD.search(url)
        if match and match[2]:
            secrets.add(match[2])
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, "***")
    return _URL_PASSWORD.sub(lambda m: m[1] + "***" + m[3] if m[2] != "***" else m[0], text)


def mask_url(url: str) -> str:
    """The URL with any password replaced by ``***``."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or ``None`` (another backend, or an in-memory database)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _create_private_file(path: Path) -> None:
    """Create an empty database file readable by its owner only (SQLite gives -wal/-shm the same mode).

    Only the default data folder is created when missing: a mistyped ``--db`` folder is an error, not a new
    empty database."""
    if path.parent == default_db_path().parent:
        path.parent.mkdir(parents=True, exist_ok=True)
    elif not path.parent.is_dir():
        raise InvalidValue("db", str(path), "db.no_folder", folder=str(path.parent))
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def on_read_only_mount(path: Path) -> bool:
    """Whether ``path`` is an existing file on a file system mounted read-only (a CD, a shared drive)."""
    try:
        return path.is_file() and bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def create_engine(url: str) -> Engine:
    """An engine for ``url``; for SQLite, with the pragmas and transaction handling described above."""
    import sqlalchemy as sa

    path = sqlite_path(url)
    if path is None and not url.startswith("sqlite"):
        # One command is one short process: pooling gains nothing, and NullPool closes each connection
        # as soon as it is released instead of leaving it to the garbage collector.
        try:
            engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
        except (sa.exc.NoSuchModuleError, ImportError) as error:
            raise InvalidValue("db", mask_url(url), "db.no_driver", detail=str(error)) from None
        if engine.dialect.name == "postgresql":
            from dangvien_cli.store.models import attach_postgresql_conditions

            attach_postgresql_conditions()

            @sa.event.listens_for(engine, "begin")
            def _on_pg_begin(connection: Any) -> None:
                if connection.get_execution_options().get(WRITER_OPTION):
                    connection.exec_driver_sql(f"SET LOCAL lock_timeout = {BUSY_TIMEOUT_MS}")
                    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITER_LOCK})")

        return engine
    read_only = path is not None and on_read_only_mount(path)
    if path is not None and not read_only:
        _create_private_file(path)
    if read_only:
        assert path is not None
        # Nothing can change the file (nor create its -wal and -shm): read it as it is, so that the commands
        # that only read still work; any write is refused by SQLite and said so (read-only database).
        url = f"sqlite:///file:{path}?mode=ro&immutable=1&uri=true"
    engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, see _on_begin
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if path is not None and not read_only:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        writer = connection.get_execution_options().get(WRITER_OPTION)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")

    return engine
