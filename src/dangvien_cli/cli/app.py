"""The root ``dangvien`` command: global options, the command groups, and the one place where the
library's errors become a one-line message and an exit code."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from dangvien_cli.cli import (
    candidate,
    db,
    demo,
    due,
    exporting,
    importing,
    log,
    member,
    org,
    quota,
    report,
    search,
    steps,
)
from dangvien_cli.cli.common import AppContext, Lang
from dangvien_cli.errors import DangvienError, InvalidValue
from dangvien_cli.messages import DEFAULT_LANGUAGE, render_error, t

EXIT_USER_ERROR = 1


def _language(ctx: typer.Context) -> str:
    obj = ctx.find_object(AppContext)
    return obj.lang if obj is not None else os.environ.get("DANGVIEN_LANG", DEFAULT_LANGUAGE)


def _database_error(error: Exception, lang: str) -> str | None:
    """The message for SQLAlchemy errors that users can meet (a locked or unreachable database, a refused
    row); ``None`` for anything else, which is a bug and keeps its traceback."""
    exc = sys.modules.get("sqlalchemy.exc")
    if exc is None or not isinstance(error, exc.DBAPIError):
        return None
    detail = str(error.orig).splitlines()[0] if error.orig is not None else str(error)
    if isinstance(error, exc.OperationalError) and _is_busy(error, detail):
        from dangvien_cli.store.engine import BUSY_TIMEOUT_MS

        return t("db.busy", lang, seconds=BUSY_TIMEOUT_MS // 1000)
    if isinstance(error, exc.IntegrityError):
        return t("db.integrity", lang, detail=detail)
    if isinstance(error, exc.OperationalError):
        return t("db.unreachable", lang, detail=detail)
    return None


def _is_busy(error: Exception, detail: str) -> bool:
    """Another writer held the database for longer than the busy timeout: SQLite's "database is locked",
    or PostgreSQL's lock timeout (SQLSTATE 55P03) on the writers' lock."""
    orig = getattr(error, "orig", None)
    return "database is locked" in detail or getattr(orig, "sqlstate", None) == "55P03"


def _refuse_control_characters(args: list[str]) -> None:
    """No command stores a control character: refuse any argument holding one (or undecodable bytes,
    which Python hands over as lone surrogates) before anything runs."""
    from dangvien_cli.exchange.safety import control_character, shown

    for arg in args:
        bad = control_character(arg)
        if bad is not None:
            raise InvalidValue("argument", arg, "text.control_character", char=shown(bad))


def _without_password(ctx: typer.Context, message: str) -> str:
    """The message with the database password taken out, wherever a driver or a value put it."""
    from dangvien_cli.store.engine import hide_password, resolve_url

    obj = ctx.find_object(AppContext)
    url = obj.opened_url if obj is not None else None
    if url is None:
        try:
            url = resolve_url(obj.db if obj is not None else None)
        except Exception:  # the address itself was refused: hide_password's pattern still applies
            url = None
    return hide_password(message, url)


class DangvienGroup(TyperGroup):
    """Every subcommand runs inside this group's ``invoke``: known errors become one line on stderr and
    exit code 1 here, once. (Usage errors keep Typer's exit code 2.)"""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            _refuse_control_characters([*ctx._protected_args, *ctx.args])
            return super().invoke(ctx)
        except DangvienError as error:
            lang = _language(ctx)
            message = render_error(error, lang)
        except Exception as error:
            lang = _language(ctx)
            known = _database_error(error, lang)
            if known is None:
                raise
            message = known
        sys.stderr.write(f"{t('error.prefix', lang)}: {_without_password(ctx, message)}\n")
        raise typer.Exit(EXIT_USER_ERROR)


app = typer.Typer(
    name="dangvien",
    cls=DangvienGroup,
    help="Theo dõi công tác phát triển đảng viên. / Track the development of party membership.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.callback()
def root(
    ctx: typer.Context,
    db_: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Tệp SQLite hoặc URL SQLAlchemy / a SQLite file or SQLAlchemy URL "
            "(default: $DANGVIEN_DB, else a file in your data folder).",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        Lang,
        typer.Option("--lang", envvar="DANGVIEN_LANG", help="Ngôn ngữ / language of messages and tables."),
    ] = Lang.vi,
) -> None:
    """Theo dõi công tác phát triển đảng viên. / Track the development of party membership."""
    ctx.obj = AppContext(db=db_, lang=lang.value)
    ctx.call_on_close(ctx.obj.close)


app.add_typer(org.app, name="org")
app.add_typer(member.app, name="member")
app.add_typer(candidate.app, name="candidate")
app.add_typer(quota.app, name="quota")
app.add_typer(report.app, name="report")
app.add_typer(importing.app, name="import")
app.add_typer(exporting.app, name="export")
app.add_typer(db.app, name="db")
app.command("add-candidate")(candidate.add_candidate)
app.command("admit")(steps.admit)
app.command("due")(due.due)
app.command("demo")(demo.demo)
app.command("log")(log.log)
app.command("search")(search.search)


def main() -> None:
    """The console-script entry point."""
    app(prog_name="dangvien")
