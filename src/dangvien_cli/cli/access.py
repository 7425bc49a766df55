"""``dangvien access``: who may see and change which subtree of a shared PostgreSQL database.

The grants and what follows from them are :mod:`dangvien_cli.store.access`; the database itself enforces
them (row-level security, migration 0009), for ``psql`` as for this tool. On SQLite every command refuses in
one line: the file is the boundary there (``db extract`` gives a ward a file of its own).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Annotated

import typer

from dangvien_cli.cli.choices import choice_option
from dangvien_cli.cli.common import app_context
from dangvien_cli.cli.options import FormatOption
from dangvien_cli.cli.output import emit, notice
from dangvien_cli.domain.vocab import AccessRole
from dangvien_cli.errors import InvalidValue
from dangvien_cli.messages import nt, t
from dangvien_cli.render.formats import OutputFormat
from dangvien_cli.render.model import Column, Title, list_view

app = typer.Typer(help="help.access")

GRANT_COLUMNS = [
    Column("login", wrap=False),
    Column("role", codes=AccessRole),
    Column("org", wrap=False),
    Column("org_name"),
    Column("granted_at", wrap=False),
    Column("granted_by"),
]

PASSWORD_FILE_LIMIT = 4096  # bytes: a password, a line, nothing like a file of data

LoginArgument = Annotated[str, typer.Argument(metavar="metavar.login", help="help.access.login")]


@app.command("grant", help="help.access.grant")
def grant(
    ctx: typer.Context,
    login: LoginArgument,
    role: Annotated[
        AccessRole, choice_option(AccessRole, "--role", metavar="metavar.role", help="help.access.grant.role")
    ],
    org: Annotated[
        str | None, typer.Option("--org", metavar="metavar.code", help="help.access.grant.org")
    ] = None,
    password_file: Annotated[
        Path | None,
        typer.Option("--password-file", metavar="metavar.file", help="help.access.grant.password_file"),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Give a login a role on a subtree; create the login if it does not exist."""
    from dangvien_cli.store.access import grant_access, require_postgresql

    app_ctx = app_context(ctx)
    lang = app_ctx.lang
    with app_ctx.reader() as session:
        require_postgresql(session)  # before the password file is read: on SQLite there is nothing to do
    password = read_password(password_file) if password_file is not None else None
    with app_ctx.writer() as session:
        outcome = grant_access(session=session, login=login, role=role.value, org_code=org, password=password)
    record = outcome.grant
    if outcome.created_login:
        notice(t("access.login_created", lang, login=record.login))
    if outcome.password_set:
        notice(t("access.password_set", lang, login=record.login))
    where = record.org if record.org is not None else t("access.whole_database", lang)
    notice(t(f"access.{outcome.change}", lang, login=record.login, role=record.role.label(lang), org=where))
    if outcome.created_login and not outcome.password_set:
        notice(t("access.no_password", lang, login=record.login))
    if fmt is not OutputFormat.table:
        emit(list_view(None, [record], GRANT_COLUMNS), fmt, lang)


@app.command("list", help="help.access.list")
def list_(ctx: typer.Context, fmt: FormatOption = OutputFormat.table) -> None:
    """The grants (a login that is not an admin sees its own)."""
    from dangvien_cli.store.access import list_grants

    app_ctx = app_context(ctx)
    with app_ctx.reader() as session:
        grants = list_grants(session=session)
    emit(list_view(Title("title.access_grants"), grants, GRANT_COLUMNS), fmt, app_ctx.lang)


@app.command("revoke", help="help.access.revoke")
def revoke(
    ctx: typer.Context,
    login: LoginArgument,
    org: Annotated[
        str | None, typer.Option("--org", metavar="metavar.code", help="help.access.revoke.org")
    ] = None,
) -> None:
    """Take back a login's grant on one organisation, or all of them."""
    from dangvien_cli.store.access import revoke_access

    app_ctx = app_context(ctx)
    lang = app_ctx.lang
    with app_ctx.writer() as session:
        revoked = revoke_access(session=session, login=login, org_code=org)
    for record in revoked:
        where = record.org if record.org is not None else t("access.whole_database", lang)
        notice(t("access.revoked", lang, login=record.login, role=record.role.label(lang), org=where))
    notice(nt("access.revoked_count", len(revoked), lang, login=login))


def read_password(path: Path) -> str:
    """The password in ``path``: its first line, without the line's end. The file must be readable by its
    owner only (like ``~/.pgpass``) and small."""
    name = str(path)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise InvalidValue("password_file", name, "read.not_a_file")
        if info.st_mode & 0o077:
            raise InvalidValue(
                "password_file", name, "access.password_file_open", mode=oct(info.st_mode & 0o777)
            )
        if info.st_size > PASSWORD_FILE_LIMIT:
            raise InvalidValue("password_file", name, "access.password_file_large", limit=PASSWORD_FILE_LIMIT)
        data = path.read_bytes()
    except FileNotFoundError:
        raise InvalidValue("password_file", name, "read.not_found") from None
    except OSError as error:
        raise InvalidValue(
            "password_file", name, "read.os_error", detail=error.strerror or str(error)
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidValue("password_file", name, "read.os_error", detail="UTF-8") from None
    line = text.split("\n", 1)[0].removesuffix("\r")
    if not line:
        raise InvalidValue("password_file", name, "access.password_empty")
    return line
