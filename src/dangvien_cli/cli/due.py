"""``dangvien due``: what each cell must do next, soonest first."""

from __future__ import annotations

from typing import Annotated

import typer

from dangvien_cli.cli.common import app_context, parse_day, today
from dangvien_cli.cli.options import (
    DocumentFormatOption,
    ForceOption,
    OutputOption,
    RedactOption,
    TemplateOption,
    WideOption,
)
from dangvien_cli.cli.output import emit
from dangvien_cli.render.formats import OutputFormat


def due(
    ctx: typer.Context,
    org: Annotated[str | None, typer.Option("--org", metavar="metavar.code", help="help.option.org")] = None,
    at: Annotated[str | None, typer.Option("--at", metavar="metavar.date", help="help.option.at")] = None,
    within: Annotated[
        int | None, typer.Option("--within", metavar="metavar.number", help="help.due.within")
    ] = None,
    redact: RedactOption = False,
    fmt: DocumentFormatOption = OutputFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
    wide: WideOption = False,
    template: TemplateOption = None,
) -> None:
    """What each cell must do next, soonest first."""
    from dangvien_cli.reports.due import due_items, due_view

    app_ctx = app_context(ctx)
    on = parse_day(at, "at", today())
    settings = app_ctx.settings
    with app_ctx.reader() as session:
        items = due_items(session=session, at=on, org_code=org, within_days=within, settings=settings)
        view = due_view(session=session, items=items, at=on, org_code=org, settings=settings)
    emit(view, fmt, app_ctx.lang, output=output, force=force, redact=redact, wide=wide, template=template)
