"""The root ``dangvien`` command: global options, the command groups, and the one place where the
library's errors become a one-line message and an exit code."""

from __future__ import annotations

import importlib
import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import typer
import typer.main
from typer.core import TyperGroup

from dangvien_cli.cli.choices import choice_option
from dangvien_cli.cli.common import AppContext, Lang
from dangvien_cli.cli.help import localize
from dangvien_cli.domain.dates import FIRST_YEAR, LAST_YEAR
from dangvien_cli.errors import DangvienError, InvalidValue
from dangvien_cli.messages import DEFAULT_LANGUAGE, t

if TYPE_CHECKING:
    from dangvien_cli.cli.boundary import Refusal


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
    bound_numbers(command)
    return command


MAX_COUNT = 999_999_999


def check_number(field: str, value: Any) -> Any:
    """An integer option or argument within bounds: a year (an option named ``year``) from 1900 to 2100,
    any other number (a count, a limit, an ID) below 10^9 either way. Past them the value is refused in one
    line (exit 1) before the command runs, before a database or a date could overflow on it."""
    if not isinstance(value, int) or isinstance(value, bool):
        return value
    if field == "year" and not FIRST_YEAR <= value <= LAST_YEAR:
        raise InvalidValue(field, value, "quota.year")  # the rule quota set and import quotas apply too
    if not -MAX_COUNT <= value <= MAX_COUNT:
        raise InvalidValue(field, value, "value.too_large")
    return value


def bound_numbers(command: Any) -> None:
    """Check every parameter of ``command`` and its subcommands with :func:`check_number` once parsed."""
    for param in command.params:
        parse = param.process_value

        def bounded(ctx: typer.Context, value: Any, parse: Any = parse, field: str = param.name or "") -> Any:
            return check_number(field, parse(ctx, value))

        param.process_value = bounded
    for sub in getattr(command, "commands", {}).values():
        bound_numbers(sub)


class DangvienGroup(TyperGroup):
    """Every subcommand runs inside this group's ``invoke``: whatever escapes it (the library's refusals, the
    system's and the database's errors, a bug) becomes one line on stderr and exit code 1 here, once
    (:mod:`dangvien_cli.cli.boundary`, printed by :func:`render_refusal`). Usage errors keep Typer's exit
    code 2; integer parameters are bounded while they are parsed (:func:`bound_numbers`).

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
        """Run the command; whatever escapes it becomes one line and exit code 1 (see cli.boundary)."""
        from dangvien_cli.cli.boundary import EXIT_ERROR, explain, keep_traceback

        try:
            root_db = ctx.params.get("db_")  # the root's --db
            _refuse_control_characters([*ctx._protected_args, *ctx.args, *([root_db] if root_db else [])])
            result = super().invoke(ctx)
            _flush_stdout()  # a full disk or a closed pipe is met here, inside the boundary
            return result
        except (typer.Exit, typer.Abort, typer.exceptions.TyperException):
            raise  # Click's own way of ending: its exit code, its usage errors
        except BrokenPipeError:
            _pipe_closed()
        except Exception as error:
            if keep_traceback() and not isinstance(error, DangvienError):
                raise
            refusal = explain(error, _language(ctx), _database_name(ctx))
            render_refusal(ctx, refusal)
            raise typer.Exit(EXIT_ERROR) from None


def _flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        from dangvien_cli.render.formats import stdout_failed

        raise stdout_failed(error) from None


def _pipe_closed() -> None:
    """Standard output's reader went away (``dangvien export … | head``): stop quietly, nothing more is
    written; the command's files and transactions were closed on the way out."""
    from dangvien_cli.cli.boundary import EXIT_PIPE_CLOSED, silence_stdout

    silence_stdout()
    raise typer.Exit(EXIT_PIPE_CLOSED)


def _database_name(ctx: typer.Context) -> str:
    """The database as the user named it, for messages about it (its password is taken out later)."""
    obj = ctx.find_object(AppContext)
    if obj is not None and obj.db:
        return obj.db
    return os.environ.get("DANGVIEN_DB", "") or "dangvien.db"


def render_refusal(ctx: typer.Context, refusal: Refusal) -> None:
    """Print a refusal: one line on stderr, ``Lỗi: …`` in the run's language, the database password taken
    out, control characters made visible and its length capped. Every error of every command is printed
    here (the place to give it another form, such as a JSON object for ``--format json``)."""
    from dangvien_cli.cli.output import one_line

    lang = _language(ctx)
    message = one_line(_without_password(ctx, refusal.message))
    sys.stderr.write(f"{t('error.prefix', lang)}: {message}\n")


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
    """The console-script entry point: the commands, then standard output flushed inside the boundary
    too (a closed pipe ends quietly; a full disk says so in one line). Library warnings are for developers,
    not for the people who run the tool (DANGVIEN_TRACEBACK=1 shows them)."""
    import warnings

    from dangvien_cli.cli.boundary import EXIT_ERROR, EXIT_PIPE_CLOSED, keep_traceback, silence_stdout

    if not keep_traceback():
        warnings.simplefilter("ignore")
    code: Any = 0
    try:
        app(prog_name="dangvien")
    except SystemExit as stop:
        code = stop.code
    except BrokenPipeError:
        silence_stdout()
        code = EXIT_PIPE_CLOSED
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        code = EXIT_PIPE_CLOSED
    except OSError as error:
        from dangvien_cli.messages import render_error
        from dangvien_cli.render.formats import stdout_failed

        lang = named_language(sys.argv[1:]) or os.environ.get("DANGVIEN_LANG", DEFAULT_LANGUAGE)
        sys.stderr.write(f"{t('error.prefix', lang)}: {render_error(stdout_failed(error), lang)}\n")
        code = EXIT_ERROR
    sys.exit(code)
