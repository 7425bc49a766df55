"""``dangvien export``: lists in the import format, to a file or standard output."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from dangvien_cli.cli.common import app_context, parse_day
from dangvien_cli.cli.output import notice
from dangvien_cli.errors import InvalidValue
from dangvien_cli.messages import nt

app = typer.Typer(
    help="Xuất danh sách ra CSV, xlsx, JSON (nhập lại được). / Export lists (they import back)."
)


class ExportFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"


ENTITY_HELP = {
    "orgs": "Tổ chức đảng. / Organisations.",
    "members": "Đảng viên. / Members.",
    "candidates": "Quần chúng ưu tú. / Candidates.",
    "reviews": "Nhận xét hằng tháng. / Mentors' monthly remarks.",
    "quotas": "Chỉ tiêu kết nạp. / Yearly quotas.",
}


def run_export(
    ctx: typer.Context,
    entity: str,
    *,
    org: str | None,
    at: str | None,
    fmt: ExportFormat,
    output: Path | None,
    redact: bool,
    force: bool,
) -> None:
    from dangvien_cli.exchange.columns import canonical_headers
    from dangvien_cli.exchange.exporter import ExportQuery, export_records, write_export

    app_ctx = app_context(ctx)
    if fmt is ExportFormat.xlsx and output is None:
        raise InvalidValue("format", fmt.value, "export.xlsx_needs_file")
    if output is not None and output.exists() and not force:
        raise InvalidValue("output", str(output), "export.exists")
    query = ExportQuery(entity=entity, org_code=org, on=parse_day(at, "at"), redact=redact)
    with app_ctx.reader() as session:
        rows = export_records(session=session, query=query)
        count = write_export(rows, canonical_headers(entity), fmt.value, output, sheet=entity)
    if output is not None:
        notice(nt("export.written", count, app_ctx.lang, rows=count, path=str(output)))


def _command(entity: str) -> Any:
    def command(
        ctx: typer.Context,
        org: Annotated[
            str | None, typer.Option("--org", help="Chỉ tổ chức này và cấp dưới / this subtree.")
        ] = None,
        at: Annotated[
            str | None, typer.Option("--at", help="Như tại ngày / as the records stood on a date.")
        ] = None,
        fmt: Annotated[
            ExportFormat, typer.Option("--format", "-f", help="csv | xlsx | json.")
        ] = ExportFormat.csv,
        output: Annotated[Path | None, typer.Option("--output", "-o", help="Tệp ra / output file.")] = None,
        redact: Annotated[
            bool, typer.Option("--redact", help="Che số CCCD và ngày sinh / mask citizen IDs and birth days.")
        ] = False,
        force: Annotated[
            bool, typer.Option("--force", help="Ghi đè tệp đã có / overwrite the file.")
        ] = False,
    ) -> None:
        run_export(ctx, entity, org=org, at=at, fmt=fmt, output=output, redact=redact, force=force)

    command.__doc__ = ENTITY_HELP[entity]
    return command


for _entity in ENTITY_HELP:
    app.command(_entity)(_command(_entity))
