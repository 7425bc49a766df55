"""``dangvien search``: members and candidates by name, with or without tone marks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from dangvien_cli.cli.common import app_context, parse_day, today
from dangvien_cli.cli.options import ForceOption, FormatOption, OutputOption, RedactOption, WideOption
from dangvien_cli.cli.output import emit, notice
from dangvien_cli.domain.vocab import Gender
from dangvien_cli.messages import t
from dangvien_cli.render.formats import OutputFormat
from dangvien_cli.render.model import Column, Kind, Title, list_view

if TYPE_CHECKING:
    from dangvien_cli.store.search import SearchResult

SEARCH_COLUMNS = [
    Column("kind", codes="search.kind", wrap=False),
    Column("id", Kind.int, wrap=False),
    Column("full_name"),
    Column("gender", codes=Gender),
    Column("birth_date", Kind.date, wrap=False),
    Column("cell"),
    Column("status"),  # already translated by _for_people: a member's status or a candidate's stage
    Column("search.match", codes="search.match", wrap=False),
]
# JSON and CSV carry the store's keys and codes; these name the CSV header when nothing was found.
RESULT_COLUMNS = [
    Column(key)
    for key in ("kind", "id", "full_name", "gender", "birth_date", "cell", "status", "citizen_id", "match")
]


def _for_people(result: SearchResult, row: dict[str, Any], lang: str) -> dict[str, Any]:
    """A result as a table shows it (``row``: its JSON). The two kinds keep their status
    in different vocabularies, so the status is labelled here; the match gets a key with a header in the
    catalogue."""
    return {
        **row,
        "status": result.status.label(lang) if result.status is not None else None,
        "search.match": result.match,
    }


def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(metavar="metavar.name", help="help.search.text")],
    limit: Annotated[
        int, typer.Option("--limit", min=0, metavar="metavar.number", help="help.search.limit")
    ] = 100,
    at: Annotated[str | None, typer.Option("--at", metavar="metavar.date", help="help.search.at")] = None,
    redact: RedactOption = False,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
    wide: WideOption = False,
) -> None:
    """Search members and candidates by name: tone marks and case do not matter, nor i versus y; results
    with the marks as typed come first."""
    from dangvien_cli.store.search import search_people

    app_ctx = app_context(ctx)
    on = parse_day(at, "at", today())
    with app_ctx.reader() as session:
        # One more than asked for, to tell whether the list was cut.
        results = search_people(session=session, text=text, on=on, limit=limit + 1 if limit else None)
    if limit and len(results) > limit:
        results = results[:limit]
        notice(t("search.more", app_ctx.lang, limit=limit))
    rows = [r.as_json() for r in results]
    if fmt is OutputFormat.table:
        title = Title("search.title", {"text": text.strip()})
        shown = [_for_people(r, row, app_ctx.lang) for r, row in zip(results, rows, strict=True)]
        view = list_view(title, shown, SEARCH_COLUMNS)
    else:
        view = list_view(None, rows, RESULT_COLUMNS)
    emit(view, fmt, app_ctx.lang, output=output, force=force, redact=redact, wide=wide)
