"""``dangvien due``: what each cell must do next, soonest first."""

from __future__ import annotations

from typing import Annotated

import typer

from dangvien_cli.cli.common import (
    FormatOption,
    OutputFormat,
    RedactOption,
    app_context,
    parse_day,
    redacted,
    today,
)
from dangvien_cli.cli.output import Column, emit_rows
from dangvien_cli.messages import t

DUE_COLUMNS = [
    Column("due_date", no_wrap=True),
    Column("kind", codes="due"),
    Column("cell", no_wrap=True),
    Column("member_id", justify="right"),
    Column("candidate_id", justify="right"),
    Column("full_name"),
    Column("detail"),
]


def due(
    ctx: typer.Context,
    org: Annotated[
        str | None, typer.Option("--org", help="Trong tổ chức này và cấp dưới / in this subtree.")
    ] = None,
    at: Annotated[
        str | None, typer.Option("--at", help="Tính tại ngày / as of this date (default today).")
    ] = None,
    within: Annotated[
        int | None,
        typer.Option("--within", help="Chỉ việc đến hạn trong N ngày (kể cả quá hạn) / due within N days."),
    ] = None,
    redact: RedactOption = False,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Việc đến hạn của các chi bộ. / What each cell must do next, soonest first."""
    from dangvien_cli.reports.due import due_items

    app_ctx = app_context(ctx)
    on = parse_day(at, "at", today())
    with app_ctx.reader() as session:
        items = due_items(session=session, at=on, org_code=org, within_days=within, settings=app_ctx.settings)
    rows = redacted([item.as_dict(on) for item in items], redact)
    emit_rows(rows, DUE_COLUMNS, fmt, app_ctx.lang, t("title.due", app_ctx.lang))
