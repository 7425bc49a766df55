"""The one boundary: whatever escapes a command becomes one line that names what went wrong, and exit code 1.

The library's own refusals (:mod:`dangvien_cli.errors`) say which field and value they refuse. Everything
else is named by what it is: the database busy, damaged, read-only or unreachable; the system refusing a file
(a full disk, no permission); memory running out; and, for a bug, the kind of error with its first words,
never a traceback (``DANGVIEN_TRACEBACK=1`` keeps the traceback, for whoever reports the bug). Standard
output closed by the reader (``| head``) ends the command quietly.

:func:`explain` turns an exception into a :class:`Refusal`; ``cli.app`` prints it with ``render_refusal``.
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
from dataclasses import dataclass
from typing import Any

from dangvien_cli.errors import Conflict, DangvienError, InvalidValue, NotFound
from dangvien_cli.messages import render_error, t

EXIT_ERROR = 1
EXIT_PIPE_CLOSED = 141  # 128 + SIGPIPE, as a shell reports a command whose reader went away
TRACEBACK_ENV = "DANGVIEN_TRACEBACK"


@dataclass(frozen=True)
class Refusal:
    """What went wrong, for people (``message``, one line in the run's language) and for scripts (``code``,
    a stable English word; ``field`` and ``value`` when a value was refused)."""

    code: str
    message: str
    field: str | None = None
    value: Any = None


def keep_traceback() -> bool:
    """Whether the developer asked for tracebacks (``DANGVIEN_TRACEBACK=1``)."""
    return os.environ.get(TRACEBACK_ENV, "") not in ("", "0")


def explain(error: BaseException, lang: str, database: str = "") -> Refusal:
    """One line for ``error``, whatever it is; ``database`` names the database for its errors."""
    if isinstance(error, DangvienError):
        return _refused(error, lang)
    known = _database(error, lang, database)
    if known is not None:
        return known
    if isinstance(error, OSError):
        detail = _os_detail(error, lang)
        if error.filename is not None:
            return Refusal(
                "os_error", t("system.os_error_file", lang, file=str(error.filename), detail=detail)
            )
        return Refusal("os_error", t("system.os_error", lang, detail=detail))
    if isinstance(error, MemoryError):
        return Refusal("memory", t("system.memory", lang))
    if isinstance(error, RecursionError):
        return Refusal("too_deep", t("system.recursion", lang))
    if isinstance(error, OverflowError):
        return Refusal("too_large", t("system.overflow", lang))
    detail = str(error).splitlines()[0][:200] if str(error) else ""
    return Refusal("internal", t("system.internal", lang, kind=type(error).__name__, detail=detail))


def _refused(error: DangvienError, lang: str) -> Refusal:
    """The library's own refusal: its message, and a code by its kind."""
    code = "refused"
    for kind, name in ((NotFound, "not_found"), (Conflict, "conflict"), (InvalidValue, "invalid_value")):
        if isinstance(error, kind):
            code = name
            break
    message = render_error(error, lang)
    return Refusal(code, message, getattr(error, "field", None), getattr(error, "value", None))


def _os_detail(error: OSError, lang: str) -> str:
    """Why the system refused, in the run's language where the catalogue knows the reason."""
    from dangvien_cli.files import os_reason

    params = os_reason(error)
    key = params.get("detail_key")
    return t(key, lang) if key is not None else params["detail"]


def _database(error: BaseException, lang: str, database: str) -> Refusal | None:
    """Errors of the database that users meet: busy, damaged or not a database, read-only, unreachable,
    a number it cannot hold; ``None`` for anything else."""
    exc = sys.modules.get("sqlalchemy.exc")
    orig: BaseException | None = error
    if exc is not None and isinstance(error, exc.DBAPIError):
        orig = error.orig
    elif exc is not None and isinstance(error, exc.SQLAlchemyError):
        if (
            type(error).__name__ == "StaleDataError"
        ):  # a row the login sees, its policies keep it from changing
            return Refusal("access_denied", t("access.denied", lang, login=_url_login(database), detail=""))
        return None
    detail = str(orig or error).splitlines()[0] if str(orig or error) else type(error).__name__
    if exc is not None and isinstance(error, exc.DBAPIError):
        if _is_busy(error, detail):
            from dangvien_cli.store.engine import BUSY_TIMEOUT_MS

            return Refusal("busy", t("db.busy", lang, seconds=BUSY_TIMEOUT_MS // 1000))
        if isinstance(error, exc.IntegrityError):
            return Refusal("integrity", t("db.integrity", lang, detail=detail))
        if _sqlstate(error) == INSUFFICIENT_PRIVILEGE:  # a grant or a row-level security policy (issue 19)
            login = _url_login(database)
            return Refusal("access_denied", t("access.denied", lang, login=login, detail=detail))
    if not (
        (exc is not None and isinstance(error, exc.DBAPIError)) or isinstance(error, sqlite3.DatabaseError)
    ):
        return _alembic(error, lang)
    known = _sqlite_kind(detail, lang, database)
    return known or Refusal("database", t("db.unreachable", lang, detail=detail))


def _sqlite_kind(detail: str, lang: str, path: str) -> Refusal | None:
    """SQLite's own words for a damaged, foreign or read-only file, or a number out of range."""
    lowered = detail.lower()
    if "file is not a database" in lowered or "malformed" in lowered or "not a database" in lowered:
        return Refusal("damaged", t("db.not_sqlite", lang, path=path, detail=detail))
    if "readonly" in lowered or "read-only" in lowered:
        return Refusal("read_only", t("db.read_only", lang, path=path, detail=detail))
    if "out of range" in lowered or "too large" in lowered or "overflow" in lowered:
        return Refusal("too_large", t("system.overflow", lang))
    return None


def _alembic(error: BaseException, lang: str) -> Refusal | None:
    util = sys.modules.get("alembic.util.exc")
    if util is not None and isinstance(error, util.CommandError):
        detail = str(error).splitlines()[0] if str(error) else ""
        return Refusal("database", t("db.unreachable", lang, detail=detail))
    return None


INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL: no privilege on the table, or a row its policies refuse


def _sqlstate(error: Exception) -> str | None:
    orig = getattr(error, "orig", None)
    code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)  # psycopg 3, psycopg2
    return str(code) if code is not None else None


def _url_login(database: str) -> str:
    """The login in a database URL (``postgresql+psycopg://LOGIN@host/db``), else empty."""
    match = re.match(r"[a-z0-9+]+://([^:@/]+)[:@]", database)
    return match.group(1) if match else ""


def _is_busy(error: Exception, detail: str) -> bool:
    """Another writer held the database for longer than the busy timeout: SQLite's "database is locked",
    or PostgreSQL's lock timeout (SQLSTATE 55P03) on the writers' lock."""
    orig = getattr(error, "orig", None)
    code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)  # psycopg 3, psycopg2
    return "database is locked" in detail or code == "55P03"


def silence_stdout() -> None:
    """Standard output's reader went away (``| head``): point it at /dev/null, so that nothing more is
    written to the closed pipe, not even the final flush when Python exits."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (a test's captured output)
        pass
