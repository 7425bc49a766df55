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
from dangvien_cli.errors import DangvienError, InvalidValue
from dangvien_cli.messages import DEFAULT_LANGUAGE, render_error, t

EXIT_USER_ERROR = 1


def _language(ctx: typer.Context) -> str:
    obj = ctx.find_object(AppContext)
    if obj is not None:
        return obj.lang
    lang = ctx.params.get("lang")  # the root's options are parsed before any subcommand runs
    return str(getattr(lang, "value", lang)) if lang else os.environ.get("DANGVIEN_LANG", DEFAULT_LANGUAGE)


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
    only its own module). ``help`` is what the root's ``--help`` lists without loading it; a test checks
    that it equals the loaded command's own help."""

    module: str
    attribute: str  # a Typer app (a group) or a command function
    help: str


# In the order ``dangvien --help`` lists them (Typer lists single commands before groups).
SUBCOMMANDS: dict[str, Subcommand] = {
    "add-candidate": Subcommand(
        "dangvien_cli.cli.candidate",
        "add_candidate",
        "Thêm một quần chúng ưu tú vào nguồn. / Add a candidate.",
    ),
    "admit": Subcommand(
        "dangvien_cli.cli.steps",
        "admit",
        "Quyết định kết nạp: tạo đảng viên dự bị. / "
        "The admission decision: a probationary member is created.",
    ),
    "due": Subcommand(
        "dangvien_cli.cli.due",
        "due",
        "Việc đến hạn của các chi bộ. / What each cell must do next, soonest first.",
    ),
    "demo": Subcommand(
        "dangvien_cli.cli.demo",
        "demo",
        "Dùng thử trên dữ liệu mẫu một thành phố. / Try the tool on a sample city (a throwaway database).",
    ),
    "log": Subcommand("dangvien_cli.cli.log", "log", "Nhật ký thay đổi. / The change log."),
    "search": Subcommand(
        "dangvien_cli.cli.search",
        "search",
        "Tìm đảng viên và quần chúng theo tên. / Search members and candidates by name.\n\n"
        "Không phân biệt dấu và hoa thường; i và y coi như nhau (Sĩ/Sỹ). "
        "Kết quả đúng dấu như đã gõ lên trước."
        "\n/ Tone marks and case do not matter, nor i versus y; results with the marks as typed come first.",
    ),
    "org": Subcommand(
        "dangvien_cli.cli.org",
        "app",
        "Tổ chức đảng: đảng bộ, tổ chức cơ sở, chi bộ. / Party organisations and cells.",
    ),
    "member": Subcommand("dangvien_cli.cli.member", "app", "Đảng viên. / Party members."),
    "candidate": Subcommand(
        "dangvien_cli.cli.candidate",
        "app",
        "Quần chúng ưu tú (nguồn phát triển đảng). / Candidates for admission.",
    ),
    "quota": Subcommand(
        "dangvien_cli.cli.quota", "app", "Chỉ tiêu kết nạp đảng viên. / Yearly admission quotas."
    ),
    "report": Subcommand(
        "dangvien_cli.cli.report", "app", "Báo cáo: chỉ tiêu, độ tuổi. / Reports: quotas, ageing."
    ),
    "import": Subcommand(
        "dangvien_cli.cli.importing",
        "app",
        "Nhập danh sách từ tệp CSV, xlsx, JSON. / Import lists from CSV, xlsx or JSON files.",
    ),
    "export": Subcommand(
        "dangvien_cli.cli.exporting",
        "app",
        "Xuất danh sách ra CSV, xlsx, JSON (nhập lại được). / Export lists (they import back).",
    ),
    "db": Subcommand("dangvien_cli.cli.db", "app", "Cơ sở dữ liệu. / The database."),
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
        single.command(name)(target)
        command = typer.main.get_command(single)
    command.name = name
    return command


class DangvienGroup(TyperGroup):
    """Every subcommand runs inside this group's ``invoke``: known errors become one line on stderr and
    exit code 1 here, once. (Usage errors keep Typer's exit code 2.)

    Subcommands are loaded on first use (see :data:`SUBCOMMANDS`); listing them for the root's help uses
    their help text alone."""

    _listing = False

    def list_commands(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        return [*super().list_commands(ctx), *(n for n in SUBCOMMANDS if n not in self.commands)]

    def get_command(self, ctx: typer.Context, cmd_name: str) -> Any:  # type: ignore[override]
        if cmd_name in self.commands or cmd_name not in SUBCOMMANDS:
            return super().get_command(ctx, cmd_name)
        if self._listing:  # only its name and help are shown: no need to import it
            return typer.core.TyperCommand(cmd_name, help=SUBCOMMANDS[cmd_name].help)
        command = load_subcommand(cmd_name)
        self.commands[cmd_name] = command
        return command

    def format_help(self, ctx: typer.Context, formatter: Any) -> None:  # type: ignore[override]
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
            "(default: $DANGVIEN_DB, else the file named by $DANGVIEN_DB_FILE, else a file in your data "
            "folder).",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        Lang,
        choice_option(
            Lang, "--lang", envvar="DANGVIEN_LANG", help="Ngôn ngữ / language of messages and tables."
        ),
    ] = Lang.vietnamese,
) -> None:
    """Theo dõi công tác phát triển đảng viên. / Track the development of party membership."""
    ctx.obj = AppContext(db=db_, lang=lang.value)
    ctx.call_on_close(ctx.obj.close)


def main() -> None:
    """The console-script entry point."""
    app(prog_name="dangvien")
