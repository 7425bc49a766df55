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
    str | None, typer.Option("--org", help="Tổ chức và cấp dưới / this subtree, rolled up.")
]
AtOption = Annotated[str | None, typer.Option("--at", help="Tại ngày / as of this date.")]


def pipeline(
    ctx: typer.Context,
    year: Annotated[int, typer.Option("--year", help="Năm / year.")],
    org: OrgOption = None,
    at: Annotated[
        str | None,
        typer.Option("--at", help="Đến ngày (trong năm) / up to this day of the year; ages on it."),
    ] = None,
    bands: Annotated[
        str | None, typer.Option("--bands", help="Mốc tuổi / age bands, e.g. 30,40,50,60.")
    ] = None,
    fmt: ReportFormatOption = OutputFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
    wide: WideOption = False,
) -> None:
    """Phễu phát triển đảng viên: nguồn → giúp đỡ → học lớp → làm đơn → đề nghị → kết nạp.
    / The pipeline: counts and rates at each stage, days in each stage, candidates by source and age."""
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
        typer.Option("--target", help="Mục tiêu / target YEAR=MEMBERS, e.g. 2025=5000 (repeatable)."),
    ] = None,
    population_share: Annotated[
        float | None,
        typer.Option("--population-share", help="Mục tiêu % dân số / members as % of population."),
    ] = None,
    years: Annotated[
        int, typer.Option("--years", help="Số năm gần đây để tính bình quân / years of history.")
    ] = 5,
    fmt: ReportFormatOption = OutputFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
    wide: WideOption = False,
) -> None:
    """Triển vọng: đảng viên hiện có, tăng ròng các năm gần đây, dự kiến và số cần kết nạp để đạt mục tiêu.
    / The outlook: members now, recent net growth, projections and admissions needed for each target."""
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
