"""``dangvien quota``: yearly admission quotas (chỉ tiêu) and their milestones."""

from __future__ import annotations

from typing import Annotated

import typer

from dangvien_cli.cli.common import app_context
from dangvien_cli.cli.options import ForceOption, FormatOption, OutputOption, WideOption
from dangvien_cli.cli.output import emit, notice
from dangvien_cli.messages import t
from dangvien_cli.render.formats import OutputFormat
from dangvien_cli.render.model import Column, Kind, Title, list_view

app = typer.Typer(help="help.quota")

QUOTA_COLUMNS = [
    Column("org"),
    Column("year", wrap=False),
    Column("target", Kind.int),
    Column("residential_target", Kind.int),
    Column("stretch_target", Kind.int),
    Column("milestones"),
]


@app.command("set", help="help.quota.set")
def set_(
    ctx: typer.Context,
    org: Annotated[str, typer.Argument(metavar="metavar.code", help="help.quota.set.org")],
    year: Annotated[int, typer.Option("--year", metavar="metavar.year", help="help.option.year")],
    target: Annotated[int, typer.Option("--target", metavar="metavar.number", help="help.quota.set.target")],
    residential_target: Annotated[
        int | None,
        typer.Option(
            "--residential-target", metavar="metavar.number", help="help.quota.set.residential_target"
        ),
    ] = None,
    stretch_target: Annotated[
        int | None,
        typer.Option("--stretch-target", metavar="metavar.number", help="help.quota.set.stretch_target"),
    ] = None,
    milestone: Annotated[
        list[str] | None,
        typer.Option("--milestone", metavar="metavar.milestone", help="help.quota.set.milestone"),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Set an organisation's quota for a year."""
    from dangvien_cli.store.quotas import list_quotas, set_quota

    app_ctx = app_context(ctx)
    with app_ctx.writer() as session:
        set_quota(
            session=session,
            org_code=org,
            year=year,
            target=target,
            residential_target=residential_target,
            stretch_target=stretch_target,
            milestones=milestone,
        )
        record = next(q for q in list_quotas(session=session, year=year) if q["org"] == org.strip())
    notice(t("done.quota_set", app_ctx.lang, year=year, org=org, target=target))
    if fmt is not OutputFormat.table:
        emit(list_view(None, [record], QUOTA_COLUMNS), fmt, app_ctx.lang)


@app.command("list", help="help.quota.list")
def list_(
    ctx: typer.Context,
    year: Annotated[
        int | None, typer.Option("--year", metavar="metavar.year", help="help.quota.list.year")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
    wide: WideOption = False,
) -> None:
    """The quotas."""
    from dangvien_cli.store.quotas import list_quotas

    app_ctx = app_context(ctx)
    with app_ctx.reader() as session:
        rows = list_quotas(session=session, year=year)
    emit(
        list_view(Title("title.quotas"), rows, QUOTA_COLUMNS),
        fmt,
        app_ctx.lang,
        output=output,
        force=force,
        wide=wide,
    )
