"""``dangvien report monthly``: the paper a cell brings to its monthly meeting (sinh hoạt chi bộ).

One cell to the terminal, or as JSON, CSV, Markdown or xlsx (one sheet per section); or, with ``--org`` and
``--out-dir``, one file per cell of a subtree, named ``<cell>-<YYYY-MM>.<ext>``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dangvien_cli.cli.common import app_context, today
from dangvien_cli.cli.options import (
    DOCUMENT_FORMATS,
    ForceOption,
    OutputOption,
    RedactOption,
    TemplateOption,
    WideOption,
    format_option,
)
from dangvien_cli.cli.output import check_target, emit
from dangvien_cli.errors import InvalidValue
from dangvien_cli.render.formats import OutputFormat
from dangvien_cli.render.model import Column, Shape, View

MonthlyFormatOption = Annotated[
    OutputFormat | None, format_option(DOCUMENT_FORMATS, "help.report.monthly.format")
]
_EXTENSIONS = {
    OutputFormat.md: "md",
    OutputFormat.json: "json",
    OutputFormat.xlsx: "xlsx",
    OutputFormat.docx: "docx",
}


def monthly(
    ctx: typer.Context,
    month: Annotated[
        str | None, typer.Option("--month", metavar="metavar.month", help="help.report.monthly.month")
    ] = None,
    cell: Annotated[
        str | None, typer.Option("--cell", metavar="metavar.code", help="help.option.cell")
    ] = None,
    org: Annotated[
        str | None, typer.Option("--org", metavar="metavar.code", help="help.report.monthly.org")
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out-dir", metavar="metavar.folder", help="help.report.monthly.out_dir"),
    ] = None,
    fmt: MonthlyFormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    redact: RedactOption = False,
    wide: WideOption = False,
    template: TemplateOption = None,
) -> None:
    """The monthly cell report; ``--month`` defaults to the month of today (``DANGVIEN_TODAY`` pins it)."""
    from dangvien_cli.reports.monthly import QuotaMemo, cells_under, monthly_report, parse_month

    app_ctx = app_context(ctx)
    lang = app_ctx.lang
    first = parse_month(month) if month is not None else today().replace(day=1)
    if cell is not None and org is not None:
        raise InvalidValue("org", org, "monthly.cell_or_org")
    settings = app_ctx.settings

    if out_dir is None:
        if cell is None:
            raise InvalidValue("cell", org or "", "monthly.cell_required")
        chosen = fmt or OutputFormat.table
        check_target(chosen, output, force)
        with app_ctx.reader() as session:
            report = monthly_report(session=session, cell_code=cell, month=first, settings=settings)
        emit(
            report.view(),
            chosen,
            lang,
            output=output,
            force=force,
            redact=redact,
            wide=wide,
            template=template,
        )
        return

    if output is not None:
        raise InvalidValue("output", str(output), "monthly.output_with_out_dir")
    chosen = fmt or OutputFormat.md
    if chosen not in _EXTENSIONS:
        raise InvalidValue("format", chosen.value, "value.choice", choices="md, json, xlsx, docx")
    if cell is None and org is None:
        raise InvalidValue("org", "", "monthly.cell_required")
    with app_ctx.reader() as session:
        codes = [cell] if cell is not None else cells_under(session=session, org_code=org or "", on=first)
        label = f"{first.year:04d}-{first.month:02d}"
        paths = [out_dir / f"{_file_safe(code)}-{label}.{_EXTENSIONS[chosen]}" for code in codes]
        _make_folder(out_dir)
        # Refuse before writing anything, so that a second run does not leave half the folder replaced.
        for path in paths:
            check_target(chosen, path, force)
        quotas: QuotaMemo = {}  # the cells of one base organisation share its quota row
        for code, path in zip(codes, paths, strict=True):  # each file named on stderr by emit
            report = monthly_report(
                session=session, cell_code=code, month=first, settings=settings, quotas=quotas
            )
            emit(report.view(), chosen, lang, output=path, force=True, redact=redact, template=template)
    if chosen is OutputFormat.json:  # the files written, for a script to pick up
        written = [str(path) for path in paths]
        emit(View(Shape.list, columns=[Column("path")], data=written), chosen, lang)


def _make_folder(out_dir: Path) -> None:
    """``--out-dir``, made if it does not exist; a file of that name is refused, not written into."""
    from dangvien_cli.files import os_reason

    if out_dir.exists() and not out_dir.is_dir():
        raise InvalidValue("out_dir", str(out_dir), "output.out_dir_not_folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InvalidValue("out_dir", str(out_dir), "output.failed", **os_reason(error)) from None


def _file_safe(code: str) -> str:
    return "".join("_" if ch in '/\\:*?"<>|' else ch for ch in code)
