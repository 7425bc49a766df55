"""``dangvien db``: where the database is, its schema revision, and upgrades."""

from __future__ import annotations

import stat
from typing import Any

import typer

from dangvien_cli.cli.common import FormatOption, OutputFormat, app_context
from dangvien_cli.cli.output import console, emit_record, notice, write_csv, write_json
from dangvien_cli.messages import t

app = typer.Typer(help="Cơ sở dữ liệu. / The database.")


@app.command("status")
def status(ctx: typer.Context, fmt: FormatOption = OutputFormat.table) -> None:
    """Địa chỉ, phiên bản và số dòng. / URL (password hidden), revisions and row counts."""
    from dangvien_cli.store.engine import mask_url, sqlite_path
    from dangvien_cli.store.migrate import current_revision, head_revision, row_counts

    app_ctx = app_context(ctx)
    database = app_ctx.database(migrate=False)  # status reports the revision; it does not change it
    url, engine = database.url, database.engine
    counts = row_counts(engine)
    record: dict[str, Any] = {
        "url": mask_url(url),
        "current_revision": current_revision(engine),
        "head_revision": head_revision(),
        "row_counts": counts,
    }
    path = sqlite_path(url)
    if path is not None and path.exists():
        mode = stat.S_IMODE(path.stat().st_mode)
        record["file_mode"] = oct(mode)
        if mode & 0o077:
            notice(t("label.permissions_warning", app_ctx.lang, path=str(path), mode=oct(mode)))
    if fmt is OutputFormat.json:
        write_json(record)
        return
    if fmt is OutputFormat.csv:
        write_csv([{"table": k, "rows": v} for k, v in counts.items()], ["table", "rows"])
        return
    lang = app_ctx.lang
    summary = {k: v for k, v in record.items() if k != "row_counts"}
    emit_record(summary, fmt, lang, t("title.db_status", lang))
    from rich.table import Table

    table = Table(title=t("title.row_counts", lang), title_justify="left")
    table.add_column(t("label.table", lang))
    table.add_column(t("label.rows", lang), justify="right")
    for name, count in counts.items():
        table.add_row(name, "" if count is None else str(count))
    console().print(table)


@app.command("upgrade")
def upgrade(ctx: typer.Context) -> None:
    """Nâng cấp lược đồ lên phiên bản mới nhất. / Migrate the schema to head."""
    from dangvien_cli.store.migrate import current_revision, upgrade

    app_ctx = app_context(ctx)
    database = app_ctx.database(migrate=False)
    upgrade(database.engine)
    notice(t("done.upgraded", app_ctx.lang, revision=current_revision(database.engine)))
