"""``dangvien report pipeline`` and ``report outlook``: the funnel of a year, and the long-term outlook."""

from __future__ import annotations

from typing import Annotated

import typer

from dangvien_cli.cli.common import app_context, parse_day, today
from dangvien_cli.cli.options import ForceOption, OutputOption, ReportFormatOption, WideOption
from dangvien_cli.cli.output import emit
from dangvien_cli.render.formats import OutputFormat

# As in cli/report.py (not imported from it: that module imports this one while it loads).
OrgOption = Annotated[
    str | None, typer.Option("--org", metavar="metavar.code", help="help.option.org_rolled_up")
]
AtOption = Annotated[str | None, typer.Option("--at", metavar="metavar.date", help="help.option.at")]
BandsOption = Annotated[str | None, typer.Option("--bands", metavar="metavar.ages", help="help.option.bands")]


def pipeline(
    ctx: typer.Context,
    year: Annotated[int, typer.Option("--year", metavar="metavar.year", help="help.option.year")],
    org: OrgOption = None,
    at: Annotated[
        str | None, typer.Option("--at", metavar="metavar.date", help="help.report.pipeline.at")
    ] = None,
    bands: BandsOption = None,
    fmt: ReportFormatOption = OutputFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
    wide: WideOption = False,
) -> None:
    """The pipeline: counts and rates at each stage, days in each stage, candidates by source and age."""
    from dangvien_cli.reports.ageing import parse_bands
    from dangvien_cli.reports.pipeline import pipeline_report

    app_ctx = app_context(ctx)
    on = parse_day(at, "at")
    band_list = parse_bands(bands) if bands else None
    settings = app_ctx.settings
    with app_ctx.reader() as session:
        report = pipeline_report(
            session=session, year=year, at=on, org_code=org, bands=band_list, settings=settings
        )
    emit(report, fmt, app_ctx.lang, output=output, force=force, wide=wide)


def outlook(
    ctx: typer.Context,
    org: OrgOption = None,
    at: AtOption = None,
    target: Annotated[
        list[str] | None,
        typer.Option("--target", metavar="metavar.target", help="help.report.outlook.target"),
    ] = None,
    population_share: Annotated[
        float | None,
        typer.Option(
            "--population-share", metavar="metavar.percent", help="help.report.outlook.population_share"
        ),
    ] = None,
    years: Annotated[
        int, typer.Option("--years", metavar="metavar.number", help="help.report.outlook.years")
    ] = 5,
    fmt: ReportFormatOption = OutputFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
    wide: WideOption = False,
) -> None:
    """The outlook: members now, recent net growth, projections and admissions needed for each target."""
    from dangvien_cli.reports.outlook import outlook_report, parse_target

    app_ctx = app_context(ctx)
    on = parse_day(at, "at", today())
    targets = [parse_target(text) for text in target or []]
    with app_ctx.reader() as session:
        report = outlook_report(
            session=session,
            at=on,
            targets=targets,
            org_code=org,
            population_share=population_share,
            years=years,
        )
    emit(report, fmt, app_ctx.lang, output=output, force=force, wide=wide)
