"""The root ``dangvien`` command: global options, the command groups, and the one place where the
library's errors and the command line's own become a message and an exit code.

**Global options anywhere.** ``--db`` and ``--lang`` are the root's options, and may be written before or
after the command (``dangvien member list --lang en``): the root moves them to the front before parsing.
``--format`` is each command's own; written before the command (``dangvien --format json member list``),
the root hands it on to the command, unless the command line gives the command its own.

**Errors.** A refusal of the library is one line on stderr (``Lỗi: …``, exit code 1); a usage error (exit
code 2) repeats the usage line, says where the help is, then the same one line; both in the run's
language. With ``--format json`` either is one JSON object on stderr instead (see cli/failures.py).
Whatever else escapes a command (the database busy or damaged, a full disk, a bug) is named in one line by
:mod:`dangvien_cli.cli.boundary`, never a traceback; a closed pipe ends quietly. Integer parameters are
bounded as they are parsed (:func:`bound_numbers`).
"""

from __future__ import annotations

import importlib
import os
import sys
from dataclasses import dataclass
from typing import Annotated, Any, NoReturn

import typer
import typer.main
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer.exceptions import Abort

from dangvien_cli.cli.choices import choice_option
from dangvien_cli.cli.common import AppContext, Lang
from dangvien_cli.cli.failures import EXIT_REFUSED, EXIT_USAGE, Failure, refusal, report
from dangvien_cli.cli.help import LANG_META, HelpGroup, localize, run_language
from dangvien_cli.domain.dates import FIRST_YEAR, LAST_YEAR
from dangvien_cli.errors import DangvienError, InvalidValue
from dangvien_cli.messages import DEFAULT_LANGUAGE, t

EXIT_USER_ERROR = EXIT_REFUSED
JSON_META = "dangvien.json_errors"  # the root context's note that errors go out as JSON

ROOT_VALUE_OPTIONS = ("--db", "--lang")  # the root's options that take a value: allowed anywhere
FORMAT_OPTIONS = ("--format", "-f")


def _value_option(arg: str, names: tuple[str, ...]) -> tuple[str, str | None] | None:
    """(the option, its value if written in the same word) when ``arg`` is one of ``names``
    (``--db x.db`` gives ``("--db", None)``, ``--db=x.db`` and ``-fjson`` give their values)."""
    for name in names:
        if arg == name:
            return name, None
        if name.startswith("--") and arg.startswith(name + "="):
            return name, arg[len(name) + 1 :]
        if not name.startswith("--") and arg.startswith(name) and len(arg) > len(name):
            return name, arg[len(name) :]
    return None


def _take(args: list[str], start: int, names: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Split ``args[start:]`` (up to a ``--``) into the options ``names`` with their values, and the rest."""
    taken: list[str] = []
    rest: list[str] = []
    index = start
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest += args[index:]
            break
        found = _value_option(arg, names)
        if found is None:
            rest.append(arg)
        elif found[1] is None and index + 1 < len(args):
            taken += [arg, args[index + 1]]
            index += 1
        else:
            taken.append(arg)
        index += 1
    return taken, rest


def command_index(args: list[str]) -> int:
    """Where the command's name is in the root's arguments (``len(args)`` when there is none)."""
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--" or not arg.startswith("-") or arg == "-":
            break
        found = _value_option(arg, (*ROOT_VALUE_OPTIONS, *FORMAT_OPTIONS))
        index += 2 if found is not None and found[1] is None else 1
    return min(index, len(args))


def arrange(args: list[str]) -> list[str]:
    """The root's arguments with the global options where Click looks for them: ``--db`` and ``--lang``
    (from anywhere) first; a ``--format`` written before the command moved after it, unless the command is
    given its own."""
    at = command_index(args)
    if at >= len(args) or args[at] == "--":
        return args
    moved, tail = _take(args, at, ROOT_VALUE_OPTIONS)
    head_format, head = _take(args[:at], 0, FORMAT_OPTIONS)
    if head_format and not _take(tail, 0, FORMAT_OPTIONS)[0]:
        end = tail.index("--") if "--" in tail else len(tail)
        tail = [*tail[:end], *head_format, *tail[end:]]
    return [*moved, *head, *tail]


def _values(args: list[str], names: tuple[str, ...]) -> list[str]:
    taken, _ = _take(args, 0, names)
    values: list[str] = []
    index = 0
    while index < len(taken):
        found = _value_option(taken[index], names)
        assert found is not None
        if found[1] is None:
            values.append(taken[index + 1] if index + 1 < len(taken) else "")
            index += 2
        else:
            values.append(found[1])
            index += 1
    return values


def named_language(args: list[str]) -> str | None:
    """The language ``--lang X`` (or ``--lang=X``) names anywhere on the command line, if it names one."""
    for value in reversed(_values(args, ("--lang",))):
        member = Lang.parse(value)
        if member is not None:
            return member.value
    return None


def wants_json(args: list[str]) -> bool:
    """Whether the command line asks for JSON (``--format json``, ``-f json``, anywhere): then a refusal
    is a JSON object too."""
    from dangvien_cli.render.formats import OutputFormat

    values = _values(args, FORMAT_OPTIONS)
    return bool(values) and OutputFormat.parse(values[-1]) is OutputFormat.json


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
    "draft": Subcommand("dangvien_cli.cli.draft", "draft", "help.draft"),
    "log": Subcommand("dangvien_cli.cli.log", "log", "help.log"),
    "search": Subcommand("dangvien_cli.cli.search", "search", "help.search"),
    "org": Subcommand("dangvien_cli.cli.org", "app", "help.org"),
    "member": Subcommand("dangvien_cli.cli.member", "app", "help.member"),
    "candidate": Subcommand("dangvien_cli.cli.candidate", "app", "help.candidate"),
    "dossier": Subcommand("dangvien_cli.cli.dossier", "app", "help.dossier"),
    "quota": Subcommand("dangvien_cli.cli.quota", "app", "help.quota"),
    "report": Subcommand("dangvien_cli.cli.report", "app", "help.report"),
    "import": Subcommand("dangvien_cli.cli.importing", "app", "help.import"),
    "export": Subcommand("dangvien_cli.cli.exporting", "app", "help.export"),
    "db": Subcommand("dangvien_cli.cli.db", "app", "help.db"),
    "access": Subcommand("dangvien_cli.cli.access", "app", "help.access"),
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


def _show_help(error: NoArgsIsHelpError) -> NoReturn:
    """A group named without a command, or the root without anything: its help, on stdout; exit code 2."""
    from typer._click.utils import echo

    echo(error.format_message(), color=error.ctx.color)
    raise typer.Exit(EXIT_USAGE)


class DangvienGroup(HelpGroup):
    """The root. It puts the global options where Click looks for them (:func:`arrange`), notes the run's
    language before any help is built, and every subcommand runs inside its ``invoke``: known errors become
    their message (or JSON object) on stderr and their exit code here, once.

    Subcommands are loaded on first use (see :data:`SUBCOMMANDS`); listing them for the root's help uses
    their help text alone."""

    _listing = False

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except NoArgsIsHelpError as error:
            _show_help(error)
        except UsageError as error:  # the root's own options are wrong (`dangvien --lang xx …`)
            lang = named_language(args) or run_language(error.ctx)
            self._fail_usage(error, lang, wants_json(args))

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        lang = named_language(args)
        if lang is not None:  # known before any help is built
            ctx.meta[LANG_META] = lang
        ctx.meta[JSON_META] = wants_json(args)
        return super().parse_args(ctx, arrange(args))

    def list_commands(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        return [*super().list_commands(ctx), *(n for n in SUBCOMMANDS if n not in self.commands)]

    def get_command(self, ctx: typer.Context, cmd_name: str) -> Any:  # type: ignore[override]
        lang = run_language(ctx)
        if cmd_name in self.commands or cmd_name not in SUBCOMMANDS:
            return localize(super().get_command(ctx, cmd_name), lang)
        if self._listing:  # only its name and help are shown: no need to import it
            return localize(typer.core.TyperCommand(cmd_name, help=SUBCOMMANDS[cmd_name].help), lang)
        command = load_subcommand(cmd_name)
        self.commands[cmd_name] = command
        return localize(command, lang)

    def format_help(self, ctx: typer.Context, formatter: Any) -> None:  # type: ignore[override]
        localize(self, run_language(ctx))  # the root's own help and options
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        from dangvien_cli.cli.boundary import explain, keep_traceback
        from dangvien_cli.cli.output import one_line

        try:
            root_db = ctx.params.get("db_")  # the root's --db
            _refuse_control_characters([*ctx._protected_args, *ctx.args, *([root_db] if root_db else [])])
            result = super().invoke(ctx)
            _flush_stdout()  # a full disk or a closed pipe is met here, inside the boundary
            return result
        except NoArgsIsHelpError as error:
            _show_help(error)
        except UsageError as error:
            self._fail_usage(error, run_language(ctx), bool(ctx.meta.get(JSON_META)))
        except Abort:
            sys.stderr.write(t("cli.aborted", run_language(ctx)) + "\n")
            raise typer.Exit(EXIT_REFUSED) from None
        except (typer.Exit, typer.exceptions.TyperException):
            raise  # Click's own way of ending: its exit code
        except BrokenPipeError:
            _pipe_closed()
        except DangvienError as error:
            lang = run_language(ctx)
            failure = refusal(error, lang)
        except Exception as error:
            if keep_traceback():
                raise
            lang = run_language(ctx)
            found = explain(error, lang, _database_name(ctx))
            failure = Failure(found.code, found.message, found.field, found.value)
        # the password taken out, control characters made visible, the length capped
        failure = Failure(
            failure.code, one_line(_without_password(ctx, failure.message)), failure.field, failure.value
        )
        report(failure, lang, as_json=bool(ctx.meta.get(JSON_META)))
        raise typer.Exit(EXIT_REFUSED)

    @staticmethod
    def _fail_usage(error: UsageError, lang: str, as_json: bool) -> NoReturn:
        """Report a usage error in ``lang`` and end with its exit code (2)."""
        from dangvien_cli.cli.usage import usage_failure

        report(usage_failure(error, lang), lang, as_json=as_json)
        raise typer.Exit(EXIT_USAGE)


def _flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        from dangvien_cli.render.formats import stdout_failed

        raise stdout_failed(error) from None


def _pipe_closed() -> NoReturn:
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
        typer.Option("--db", metavar="metavar.database", help="help.root.db", show_default=False),
    ] = None,
    lang: Annotated[
        Lang,
        choice_option(
            Lang, "--lang", envvar="DANGVIEN_LANG", metavar="metavar.language", help="help.root.lang"
        ),
    ] = Lang.vietnamese,
    _format: Annotated[
        str | None,
        typer.Option("--format", "-f", metavar="metavar.format", help="help.root.format", show_default=False),
    ] = None,
) -> None:
    """The root: the database and the language, for every command (its help: ``help.root``). A
    ``--format`` before the command is handed on to it (see :func:`arrange`); the root's own is for its
    help, and is set only when no command follows."""
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
    end(code)


def end(code: Any) -> NoReturn:
    """``sys.exit(code)`` without the interpreter's teardown: the exit handlers run (atexit, and with them
    the ``weakref.finalize`` ones: temporary folders), the standard streams are flushed, then the process
    ends. Freeing every module and object one by one (SQLAlchemy's, SQLModel's, the tables') took 0.1-0.15 s
    of every command, a tenth of a report on a million members; the command has closed its files and the
    database (``AppContext.close``) by now, and what the operating system frees at once needs no freeing."""
    import atexit
    import contextlib

    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # as sys.exit does with a message
        sys.stderr.write(f"{code}\n")
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe was silenced: nothing more to say
            stream.flush()
    os._exit(status & 0xFF)
