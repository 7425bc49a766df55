"""``dangvien report``: the tables officers send upward."""

from __future__ import annotations

from typing import Annotated

import typer

from dangvien_cli.cli.choices import choice_option
from dangvien_cli.cli.common import app_context, parse_day, today
from dangvien_cli.cli.options import (
    DocumentFormatOption,
    ForceOption,
    OutputOption,
    TemplateOption,
    WideOption,
)
from dangvien_cli.cli.output import emit
from dangvien_cli.domain.vocab import Vocabulary
from dangvien_cli.render.formats import OutputFormat

app = typer.Typer(help="help.report")

OrgOption = Annotated[
    str | None, typer.Option("--org", metavar="metavar.code", help="help.option.org_rolled_up")
]
AtOption = Annotated[str | None, typer.Option("--at", metavar="metavar.date", help="help.option.at")]
BandsOption = Annotated[str | None, typer.Option("--bands", metavar="metavar.ages", help="help.option.bands")]


class AgeingBy(Vocabulary):
    """What the ageing report gives a row to (``--by``)."""

    cell = "cell", "Chi bộ", "Cell"
    base = "base", "Tổ chức cơ sở đảng", "Base organisation", "tổ chức cơ sở", "cơ sở"


@app.command("quota", help="help.report.quota")
def quota(
    ctx: typer.Context,
    year: Annotated[int, typer.Option("--year", metavar="metavar.year", help="help.option.year")],
    org: OrgOption = None,
    at: Annotated[
        str | None, typer.Option("--at", metavar="metavar.date", help="help.report.quota.at")
    ] = None,
    depth: Annotated[
        int, typer.Option("--depth", metavar="metavar.number", help="help.report.quota.depth")
    ] = 1,
    fmt: DocumentFormatOption = OutputFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
    wide: WideOption = False,
    template: TemplateOption = None,
) -> None:
    """Progress against the year's quotas."""
    from dangvien_cli.reports.quota import quota_report

    app_ctx = app_context(ctx)
    on = parse_day(at, "at")  # by default today, or the year's (or the organisation's) last day before it
    with app_ctx.reader() as session:
        report = quota_report(
            session=session,
            year=year,
            at=on,
            org_code=org,
            depth=depth,
            settings=app_ctx.settings,
            today=today(),
        )
    emit(report, fmt, app_ctx.lang, output=output, force=force, wide=wide, template=template)


@app.command("ageing", help="help.report.ageing")
def ageing(
    ctx: typer.Context,
    org: OrgOption = None,
    at: AtOption = None,
    by: Annotated[
        AgeingBy, choice_option(AgeingBy, "--by", metavar="metavar.unit", help="help.report.ageing.by")
    ] = AgeingBy.cell,
    bands: BandsOption = None,
    compare: Annotated[
        str | None, typer.Option("--compare", metavar="metavar.date", help="help.report.ageing.compare")
    ] = None,
    fmt: DocumentFormatOption = OutputFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
    wide: WideOption = False,
    template: TemplateOption = None,
) -> None:
    """Members by age band; the age pyramid; ageing cells."""
    from dangvien_cli.reports.ageing import ageing_report, parse_bands, with_comparison

    app_ctx = app_context(ctx)
    on = parse_day(at, "at", today())
    then = parse_day(compare, "compare")
    band_list = parse_bands(bands) if bands else None
    settings = app_ctx.settings
    with app_ctx.reader() as session:
        report = ageing_report(
            session=session, at=on, org_code=org, by=by.value, bands=band_list, settings=settings
        )
        if then is not None:
            earlier = ageing_report(
                session=session, at=then, org_code=org, by=by.value, bands=band_list, settings=settings
            )
            report = with_comparison(report, earlier)
    emit(report, fmt, app_ctx.lang, output=output, force=force, wide=wide, template=template)


# Registered here so that the report group lists them in one place; each lives in its own module.
from dangvien_cli.cli import report_monthly, report_pipeline  # noqa: E402

app.command("monthly", help="help.report.monthly")(report_monthly.monthly)
app.command("pipeline", help="help.report.pipeline")(report_pipeline.pipeline)
app.command("outlook", help="help.report.outlook")(report_pipeline.outlook)
