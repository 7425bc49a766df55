"""``dangvien search``: members and candidates by name, with or without tone marks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

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
from dangvien_cli.cli.output import Column, emit_rows, notice
from dangvien_cli.messages import t

if TYPE_CHECKING:
    from dangvien_cli.store.search import SearchResult

SEARCH_COLUMNS = [
    Column("kind", codes="search.kind", no_wrap=True),
    Column("id", justify="right", no_wrap=True),
    Column("full_name"),
    Column("gender", codes="gender"),
    Column("birth_date", no_wrap=True),
    Column("cell"),
    Column("status"),  # already translated by _for_people: a member's status or a candidate's stage
    Column("search.match", codes="search.match", no_wrap=True),
]
# JSON and CSV carry the store's keys and codes; these name the CSV header when nothing was found.
RESULT_COLUMNS = [
    Column(key)
    for key in ("kind", "id", "full_name", "gender", "birth_date", "cell", "status", "citizen_id", "match")
]


def _for_people(result: SearchResult, row: dict[str, Any], lang: str) -> dict[str, Any]:
    """A result as a table shows it (``row``: its JSON, redacted when asked). The two kinds keep their status
    in different vocabularies, so the status is labelled here; the match gets a key with a header in the
    catalogue."""
    return {
        **row,
        "status": result.status.label(lang) if result.status is not None else None,
        "search.match": result.match,
    }


def search(
    ctx: typer.Context,
    text: Annotated[
        str,
        typer.Argument(
            metavar="TEXT",
            help='Tên hoặc một phần của tên, có dấu hay không / a name or part of one, e.g. "nguyen sy".',
        ),
    ],
    limit: Annotated[
        int,
        typer.Option("--limit", min=0, help="Số kết quả tối đa (0: tất cả) / at most this many (0: all)."),
    ] = 100,
    at: Annotated[
        str | None,
        typer.Option("--at", help="Chi bộ và trạng thái tại ngày / cell and status as of this date."),
    ] = None,
    redact: RedactOption = False,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Tìm đảng viên và quần chúng theo tên. / Search members and candidates by name.

    Không phân biệt dấu và hoa thường; i và y coi như nhau (Sĩ/Sỹ). Kết quả đúng dấu như đã gõ lên trước.
    / Tone marks and case do not matter, nor i versus y; results with the marks as typed come first.
    """
    from dangvien_cli.store.search import search_people

    app_ctx = app_context(ctx)
    on = parse_day(at, "at", today())
    with app_ctx.reader() as session:
        # One more than asked for, to tell whether the list was cut.
        results = search_people(session=session, text=text, on=on, limit=limit + 1 if limit else None)
    if limit and len(results) > limit:
        results = results[:limit]
        notice(t("search.more", app_ctx.lang, limit=limit))
    rows = redacted([r.as_json() for r in results], redact)
    if fmt is OutputFormat.table:
        title = t("search.title", app_ctx.lang, text=text.strip())
        shown = [_for_people(r, row, app_ctx.lang) for r, row in zip(results, rows, strict=True)]
        emit_rows(shown, SEARCH_COLUMNS, fmt, app_ctx.lang, title)
    else:
        emit_rows(rows, RESULT_COLUMNS, fmt, app_ctx.lang, "")
