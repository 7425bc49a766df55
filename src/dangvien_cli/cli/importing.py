"""``dangvien import``: lists from officers' spreadsheets (CSV, xlsx, JSON), landing whole or not at all."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from dangvien_cli.cli.choices import choice_option
from dangvien_cli.cli.common import app_context, today
from dangvien_cli.cli.options import FormatOption
from dangvien_cli.cli.output import check_target, emit, notice
from dangvien_cli.domain.vocab import Vocabulary
from dangvien_cli.messages import nt, reason_params, t
from dangvien_cli.render.formats import OutputFormat
from dangvien_cli.render.model import Column, Section, Shape, Title, View
from dangvien_cli.text import shown

if TYPE_CHECKING:
    from dangvien_cli.exchange.importing import ImportReport

app = typer.Typer(help="help.import")

MAX_PROBLEMS_SHOWN = 50
PROBLEM_COLUMNS = [Column(key) for key in ("line", "column", "value", "reason", "code")]
SUMMARY_FIGURES = ("entity", "file", "dry_run", "rows", "created", "updated", "skipped", "errors")


class OnDuplicate(Vocabulary):
    """What to do with a row that matches a stored record and differs from it."""

    error = "error", "Báo lỗi", "Refuse", "lỗi", "dừng"
    skip = "skip", "Bỏ qua", "Skip"
    update = "update", "Cập nhật", "Update", "ghi đè"


class Encoding(Vocabulary):
    """How a CSV file's bytes are read."""

    auto = "auto", "Tự nhận", "Detect", "tự động"
    utf8 = "utf-8", "UTF-8", "UTF-8", "utf8", "unicode"
    cp1258 = "cp1258", "Windows-1258", "Windows-1258", "windows 1258"


class DateFormat(Vocabulary):
    """How a date written as text is read."""

    dmy = "dmy", "ngày/tháng/năm", "day/month/year", "31/10/2022"
    ymd = "ymd", "năm/tháng/ngày", "year/month/day", "2022/10/31"


class InputFormat(Vocabulary):
    """The kind of file read from standard input or a file with an unusual suffix."""

    csv = "csv", "CSV", "CSV"
    xlsx = "xlsx", "Excel", "Excel", "xls"
    json = "json", "JSON", "JSON"


# each command's help: help.import.<entity>
ENTITIES = ("orgs", "members", "candidates", "reviews", "quotas", "papers")


def run_import(
    ctx: typer.Context,
    entity: str,
    file: str,
    *,
    dry_run: bool,
    on_duplicate: OnDuplicate,
    encoding: Encoding,
    date_format: DateFormat,
    sheet: str | None,
    errors_to: Path | None,
    input_format: InputFormat | None,
    fmt: OutputFormat,
    force: bool = False,
) -> None:
    """Read, validate and write one file; commit only when every row passed and this is not a dry run."""
    from dangvien_cli.exchange.columns import ParseOptions
    from dangvien_cli.exchange.importing import ImportOptions, import_table
    from dangvien_cli.exchange.readers import open_table
    from dangvien_cli.store.bulk import ImportSource

    app_ctx = app_context(ctx)
    lang = app_ctx.lang
    check_target(OutputFormat.csv, errors_to, force, field="errors_to")  # before anything is read
    options = ImportOptions(
        today=today(),
        on_duplicate=on_duplicate.value,
        parse=ParseOptions(date_format=date_format.value),
        settings=app_ctx.settings,
    )
    progress = _progress(lang) if sys.stderr.isatty() else None
    table = open_table(
        file,
        input_format=input_format.value if input_format else None,
        encoding=encoding.value,
        sheet=sheet,
    )
    source = ImportSource(Path(file).name if file != "-" else "-", _sha256(file))
    with table, app_ctx.database().writer() as session:
        report = import_table(
            session=session, entity=entity, table=table, options=options, progress=progress, source=source
        )
        report.dry_run = dry_run
        if report.ok and not dry_run:
            session.commit()
        else:
            session.rollback()
    if not report.ok:  # nothing was written: say so in the counts too (the problems say why)
        report.created = report.updated = 0
    if progress is not None:
        sys.stderr.write("\r\033[K")
    _report(report, file, fmt, lang, errors_to, force)
    if not report.ok:
        raise typer.Exit(1)


def _sha256(file: str) -> str | None:
    """The SHA-256 of a regular file, for the change log (None for standard input, a pipe or a FIFO)."""
    import hashlib

    path = Path(file)
    if file == "-" or not path.is_file():
        return None
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _progress(lang: str) -> Any:
    def show(rows: int) -> None:
        sys.stderr.write("\r" + nt("import.progress", rows, lang, rows=rows))
        sys.stderr.flush()

    return show


def _report(
    report: ImportReport, file: str, fmt: OutputFormat, lang: str, errors_to: Path | None, force: bool
) -> None:
    problems = [p.as_dict(t(p.key, lang, **reason_params(p.params, lang))) for p in report.problems]
    if errors_to is not None:  # a CSV with a BOM, for Excel; an existing one is replaced with --force only
        listed = View(Shape.list, columns=PROBLEM_COLUMNS, rows=problems, exchange=True)
        emit(listed, OutputFormat.csv, lang, output=errors_to, force=force)
    summary = {
        "entity": report.entity,
        "file": file,
        "dry_run": report.dry_run,
        "rows": report.rows,
        "created": report.created,
        "updated": report.updated,
        "skipped": report.skipped,
        "errors": len(problems),
        "problems": problems,
        "possible_duplicates": report.possible_duplicates,
        "ignored_columns": report.ignored_columns,
        "unescaped_cells": report.unescaped,
    }
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        notice(t("import.problem", lang, **{**problem, "value": shown(problem["value"])}))
    if len(problems) > MAX_PROBLEMS_SHOWN:
        notice(t("import.more_problems", lang, count=len(problems) - MAX_PROBLEMS_SHOWN))
    for duplicate in report.possible_duplicates:
        notice(
            t(
                "import.possible_duplicates",
                lang,
                line=duplicate["line"],
                id=duplicate["id"],
                name=duplicate["full_name"],
            )
        )
    if report.ignored_columns:
        notice(t("import.ignored", lang, columns=", ".join(report.ignored_columns)))
    if report.unescaped:
        notice(t("import.unescaped", lang, count=report.unescaped))
    line = t(
        "import.summary",
        lang,
        entity=report.entity,
        rows=report.rows,
        created=report.created,
        updated=report.updated,
        skipped=report.skipped,
        errors=len(problems),
    )
    line += " " + t("import.dry_run", lang) if report.dry_run else ""
    # JSON: the whole summary; CSV: its figures on one line; for people: one line of text.
    figures = {key: summary[key] for key in SUMMARY_FIGURES}
    view = View(Shape.record, rows=[figures], sections=[Section("summary", Title(text=line))], data=summary)
    emit(view, fmt, lang)
    if problems and fmt is OutputFormat.table:
        notice(nt("import.refused", len(problems), lang, errors=len(problems)))


def _command(entity: str) -> Any:
    def command(
        ctx: typer.Context,
        file: Annotated[str, typer.Argument(metavar="metavar.file", help="help.import.file")],
        dry_run: Annotated[bool, typer.Option("--dry-run", help="help.import.dry_run")] = False,
        on_duplicate: Annotated[
            OnDuplicate,
            choice_option(
                OnDuplicate, "--on-duplicate", metavar="metavar.action", help="help.import.on_duplicate"
            ),
        ] = OnDuplicate.error,
        encoding: Annotated[
            Encoding,
            choice_option(Encoding, "--encoding", metavar="metavar.encoding", help="help.import.encoding"),
        ] = Encoding.auto,
        date_format: Annotated[
            DateFormat,
            choice_option(
                DateFormat, "--date-format", metavar="metavar.order", help="help.import.date_format"
            ),
        ] = DateFormat.dmy,
        sheet: Annotated[
            str | None, typer.Option("--sheet", metavar="metavar.sheet", help="help.import.sheet")
        ] = None,
        errors_to: Annotated[
            Path | None, typer.Option("--errors-to", metavar="metavar.file", help="help.import.errors_to")
        ] = None,
        input_format: Annotated[
            InputFormat | None,
            choice_option(
                InputFormat, "--input-format", metavar="metavar.format", help="help.import.input_format"
            ),
        ] = None,
        fmt: FormatOption = OutputFormat.table,
        force: Annotated[bool, typer.Option("--force", help="help.import.force")] = False,
    ) -> None:
        run_import(
            ctx,
            entity,
            file,
            dry_run=dry_run,
            on_duplicate=on_duplicate,
            encoding=encoding,
            date_format=date_format,
            sheet=sheet,
            errors_to=errors_to,
            input_format=input_format,
            fmt=fmt,
            force=force,
        )

    command.__doc__ = f"Import the {entity} list."
    return command


for _entity in ENTITIES:
    app.command(_entity, help=f"help.import.{_entity}")(_command(_entity))


@app.command("restructure", help="help.import.restructure")
def restructure(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(metavar="metavar.file", help="help.import.restructure.file")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="help.import.restructure.dry_run")] = False,
    encoding: Annotated[
        Encoding,
        choice_option(
            Encoding, "--encoding", metavar="metavar.encoding", help="help.import.restructure.encoding"
        ),
    ] = Encoding.auto,
    date_format: Annotated[
        DateFormat,
        choice_option(
            DateFormat, "--date-format", metavar="metavar.order", help="help.import.restructure.date_format"
        ),
    ] = DateFormat.dmy,
    sheet: Annotated[
        str | None, typer.Option("--sheet", metavar="metavar.sheet", help="help.import.restructure.sheet")
    ] = None,
    errors_to: Annotated[
        Path | None,
        typer.Option("--errors-to", metavar="metavar.file", help="help.import.restructure.errors_to"),
    ] = None,
    input_format: Annotated[
        InputFormat | None,
        choice_option(
            InputFormat,
            "--input-format",
            metavar="metavar.format",
            help="help.import.restructure.input_format",
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """``import restructure FILE``: a restructuring plan, one change a line, applied in order, all or
    nothing (see exchange/importing/restructure.py)."""
    run_import(
        ctx,
        "restructure",
        file,
        dry_run=dry_run,
        on_duplicate=OnDuplicate.error,
        encoding=encoding,
        date_format=date_format,
        sheet=sheet,
        errors_to=errors_to,
        input_format=input_format,
        fmt=fmt,
    )
