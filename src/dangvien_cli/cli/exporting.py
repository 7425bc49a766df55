"""``dangvien export``: lists in the import format, to a file or standard output."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from dangvien_cli.cli.common import app_context, parse_day
from dangvien_cli.cli.options import ExportFormatOption, ForceOption, OutputOption, RedactOption
from dangvien_cli.cli.output import check_target, emit
from dangvien_cli.render.formats import OutputFormat

app = typer.Typer(help="help.export")


# each command's help: help.export.<entity>
ENTITIES = ("orgs", "members", "candidates", "reviews", "quotas", "papers")


def run_export(
    ctx: typer.Context,
    entity: str,
    *,
    org: str | None,
    at: str | None,
    fmt: OutputFormat,
    output: Path | None,
    redact: bool,
    force: bool,
) -> None:
    from dangvien_cli.exchange.exporter import ExportQuery, export_view

    app_ctx = app_context(ctx)
    check_target(fmt, output, force)  # before the database is opened
    query = ExportQuery(entity=entity, org_code=org, on=parse_day(at, "at"), redact=redact)
    with app_ctx.reader() as session:  # a file written is named, with its rows, by emit
        emit(export_view(session=session, query=query), fmt, app_ctx.lang, output=output, force=force)


def _command(entity: str) -> Any:
    def command(
        ctx: typer.Context,
        org: Annotated[
            str | None, typer.Option("--org", metavar="metavar.code", help="help.option.org")
        ] = None,
        at: Annotated[str | None, typer.Option("--at", metavar="metavar.date", help="help.export.at")] = None,
        fmt: ExportFormatOption = OutputFormat.csv,
        output: OutputOption = None,
        redact: RedactOption = False,
        force: ForceOption = False,
    ) -> None:
        run_export(ctx, entity, org=org, at=at, fmt=fmt, output=output, redact=redact, force=force)

    command.__doc__ = f"Export the {entity} list."
    return command


for _entity in ENTITIES:
    app.command(_entity, help=f"help.export.{_entity}")(_command(_entity))
