"""``dangvien due``: what each cell must do next, soonest first."""

from __future__ import annotations

from typing import Annotated

import typer

from dangvien_cli.cli.common import app_context, parse_day, today
from dangvien_cli.cli.options import ForceOption, FormatOption, OutputOption, RedactOption
from dangvien_cli.cli.output import emit
from dangvien_cli.render.formats import OutputFormat
from dangvien_cli.render.model import Column, Kind, Title, list_view

DUE_COLUMNS = [
    Column("due_date", Kind.date, wrap=False),
    Column("kind", codes="due"),
    Column("cell", wrap=False),
    Column("member_id", Kind.int),
    Column("candidate_id", Kind.int),
    Column("full_name"),
    Column("detail"),
]


def due(
    ctx: typer.Context,
    org: Annotated[str | None, typer.Option("--org", metavar="metavar.code", help="help.option.org")] = None,
    at: Annotated[str | None, typer.Option("--at", metavar="metavar.date", help="help.option.at")] = None,
    within: Annotated[
        int | None, typer.Option("--within", metavar="metavar.number", help="help.due.within")
    ] = None,
    redact: RedactOption = False,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """What each cell must do next, soonest first."""
    from dangvien_cli.reports.due import due_items

    app_ctx = app_context(ctx)
    on = parse_day(at, "at", today())
    with app_ctx.reader() as session:
        items = due_items(session=session, at=on, org_code=org, within_days=within, settings=app_ctx.settings)
    view = list_view(Title("title.due"), [item.as_dict(on) for item in items], DUE_COLUMNS)
    emit(view, fmt, app_ctx.lang, output=output, force=force, redact=redact)
