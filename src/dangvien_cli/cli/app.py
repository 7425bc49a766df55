"""The root ``dangvien`` command: global options, the command groups, and the one place where the
library's errors become a one-line message and an exit code."""

from __future__ import annotations

import importlib
import os
import sys
from dataclasses import dataclass
from typing import Annotated, Any

import typer
import typer.main
from typer.core import TyperGroup

from dangvien_cli.cli.choices import choice_option
from dangvien_cli.cli.common import AppContext, Lang
from dangvien_cli.cli.help import localize
from dangvien_cli.errors import DangvienError, InvalidValue
from dangvien_cli.messages import DEFAULT_LANGUAGE, render_error, t

EXIT_USER_ERROR = 1


def _language(ctx: typer.Context) -> str:
    """The run's language: the root's ``--lang`` once parsed; before that (``--help`` is handled while the
    options are parsed) the one the command line names; else ``DANGVIEN_LANG``; else Vietnamese."""
    obj = ctx.find_object(AppContext)
    if obj is not None:
        return obj.lang
    root = ctx.find_root()
    lang = root.params.get("lang") or root.meta.get(LANG_META)
    return str(getattr(lang, "value", lang)) if lang else os.environ.get("DANGVIEN_LANG", DEFAULT_LANGUAGE)


LANG_META = "dangvien.lang"


def named_language(args: list[str]) -> str | None:
    """The language ``--lang X`` (or ``--lang=X``) names anywhere on the command line, if it names one."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value = arg.removeprefix("--lang=") if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        member = Lang.parse(value) if value is not None else None
        if member is not None:
            return member.value
    return None


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
    code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)  # psycopg 3, psycopg2
    return "database is locked" in detail or code == "55P03"


def _refuse_control_characters(args: list[str]) -> None:
    """No command stores a control character: refuse any argument holding one (or undecodable bytes,
    which Python hands over as lone surrogates) before anything runs."""
    from dangvien_cli.text import control_character, shown

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


@dataclass(frozen=True)
class Subcommand:
    """A command or group of the root, loaded only when it is run (start-up time: each command imports
    only its own module). ``help`` is the catalogue key of what the root's ``--help`` lists without loading
    it; a test checks that it equals the loaded command's own help key."""

    module: str
    attribute: str  # a Typer app (a group) or a command function
    help: str


# In the order ``dangvien --help`` lists them (Typer lists single commands before groups).
SUBCOMMANDS: dict[str, Subcommand] = {
    "add-candidate": Subcommand("dangvien_cli.cli.candidate", "add_candidate", "help.add_candidate"),
    "admit": Subcommand("dangvien_cli.cli.steps", "admit", "help.admit"),
    "due": Subcommand("dangvien_cli.cli.due", "due", "help.due"),
    "demo": Subcommand("dangvien_cli.cli.demo", "demo", "help.demo"),
    "log": Subcommand("dangvien_cli.cli.log", "log", "help.log"),
    "search": Subcommand("dangvien_cli.cli.search", "search", "help.search"),
    "org": Subcommand("dangvien_cli.cli.org", "app", "help.org"),
    "member": Subcommand("dangvien_cli.cli.member", "app", "help.member"),
    "candidate": Subcommand("dangvien_cli.cli.candidate", "app", "help.candidate"),
    "quota": Subcommand("dangvien_cli.cli.quota", "app", "help.quota"),
    "report": Subcommand("dangvien_cli.cli.report", "app", "help.report"),
    "import": Subcommand("dangvien_cli.cli.importing", "app", "help.import"),
    "export": Subcommand("dangvien_cli.cli.exporting", "app", "help.export"),
    "db": Subcommand("dangvien_cli.cli.db", "app", "help.db"),
    "calendar": Subcommand("dangvien_cli.cli.calendar", "app", "help.calendar"),
}


def load_subcommand(name: str) -> Any:
    """Import the module of one root command and build its click command, as ``add_typer`` would."""
    spec = SUBCOMMANDS[name]
    target = getattr(importlib.import_module(spec.module), spec.attribute)
    command: Any
    if isinstance(target, typer.Typer):
        command = typer.main.get_group(target)
    else:
        single = typer.Typer(add_completion=False)
        single.command(name, help=spec.help)(target)
        command = typer.main.get_command(single)
    command.name = name
    return command


class DangvienGroup(TyperGroup):
    """Every subcommand runs inside this group's ``invoke``: known errors become one line on stderr and
    exit code 1 here, once. (Usage errors keep Typer's exit code 2.)

    Subcommands are loaded on first use (see :data:`SUBCOMMANDS`); listing them for the root's help uses
    their help text alone."""

    _listing = False

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        lang = named_language(args)
        if lang is not None:  # known before any help is built
            ctx.meta[LANG_META] = lang
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        return [*super().list_commands(ctx), *(n for n in SUBCOMMANDS if n not in self.commands)]

    def get_command(self, ctx: typer.Context, cmd_name: str) -> Any:  # type: ignore[override]
        lang = _language(ctx)
        if cmd_name in self.commands or cmd_name not in SUBCOMMANDS:
            return localize(super().get_command(ctx, cmd_name), lang)
        if self._listing:  # only its name and help are shown: no need to import it
            return localize(typer.core.TyperCommand(cmd_name, help=SUBCOMMANDS[cmd_name].help), lang)
        command = load_subcommand(cmd_name)
        self.commands[cmd_name] = command
        return localize(command, lang)

    def format_help(self, ctx: typer.Context, formatter: Any) -> None:  # type: ignore[override]
        localize(self, _language(ctx))  # the root's own help and options
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            root_db = ctx.params.get("db_")  # the root's --db
            _refuse_control_characters([*ctx._protected_args, *ctx.args, *([root_db] if root_db else [])])
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
    help="help.root",
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
            help="help.root.db",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        Lang,
        choice_option(
            Lang, "--lang", envvar="DANGVIEN_LANG", help="help.root.lang"
        ),
    ] = Lang.vietnamese,
) -> None:
    """The root: the database and the language, for every command (its help: ``help.root``)."""
    ctx.obj = AppContext(db=db_, lang=lang.value)
    ctx.call_on_close(ctx.obj.close)


def main() -> None:
    """The console-script entry point."""
    app(prog_name="dangvien")
