"""``dangvien log``: the append-only change log."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from dangvien_cli.cli.common import app_context, parse_day
from dangvien_cli.cli.options import ForceOption, FormatOption, OutputOption, RedactOption
from dangvien_cli.cli.output import emit
from dangvien_cli.errors import InvalidValue
from dangvien_cli.render.formats import OutputFormat
from dangvien_cli.render.model import Column, Kind, Title, list_view
from dangvien_cli.text import redact as masked

LOG_COLUMNS = [
    Column("id", Kind.int, wrap=False),
    Column("at", wrap=False),
    Column("os_user"),
    Column("action", codes="action"),
    Column("entity"),
    Column("entity_id", Kind.int, wrap=False),
    Column("changes"),
]


def parse_entity(value: str) -> tuple[str, int | None]:
    """``member:12`` → ("member", 12); ``member`` → ("member", None)."""
    kind, _, number = value.partition(":")
    if not kind or (number and not (number.isascii() and number.isdigit())):
        raise InvalidValue("entity", value, "entity.format")
    return kind, int(number) if number else None


# What an insert's row shows in the table: enough to recognise the record.
_SUMMARY_KEYS = (
    "code",
    "full_name",
    "cell_id",
    "start_on",
    "org_id",
    "year",
    "target",
    "candidate_id",
    "text",
)


def _shown(value: Any) -> str:
    """A logged value in the table: nothing as ``∅`` (not Python's ``None``), text as it was stored."""
    return "∅" if value is None or value == "" else str(value)


def _changes(entry: dict[str, Any]) -> str:
    before, after = entry["before"] or {}, entry["after"] or {}
    if entry["action"] == "update":
        changed = [k for k in after if before.get(k) != after.get(k)]
        return ", ".join(f"{k}: {_shown(before.get(k))} → {_shown(after.get(k))}" for k in changed)
    shown = after or before
    return ", ".join(f"{k}={v}" for k, v in shown.items() if k in _SUMMARY_KEYS)


def log(
    ctx: typer.Context,
    entity: Annotated[
        str | None, typer.Option("--entity", metavar="metavar.entity", help="help.log.entity")
    ] = None,
    user: Annotated[str | None, typer.Option("--user", metavar="metavar.user", help="help.log.user")] = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="metavar.date", help="help.log.since")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", metavar="metavar.date", help="help.log.until")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", metavar="metavar.number", help="help.log.limit")] = 100,
    redact: RedactOption = False,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """The change log."""
    from dangvien_cli.store.changelog import list_changes

    app_ctx = app_context(ctx)
    kind, entity_id = parse_entity(entity) if entity else (None, None)
    with app_ctx.reader() as session:
        entries = list_changes(
            session=session,
            entity=kind,
            entity_id=entity_id,
            user=user,
            since=parse_day(since, "since"),
            until=parse_day(until, "until"),
            limit=limit or None,
        )
    if redact:  # before the table's summary of the changes is made from them
        entries = masked(entries)
    if fmt is OutputFormat.table:
        entries = [{**e, "changes": _changes(e)} for e in entries]
    emit(list_view(Title("title.log"), entries, LOG_COLUMNS), fmt, app_ctx.lang, output=output, force=force)
