"""``dangvien org``: the tree of party organisations."""

from __future__ import annotations

from typing import Annotated

import typer

from dangvien_cli.cli.choices import choice_option
from dangvien_cli.cli.common import app_context, parse_day, today
from dangvien_cli.cli.options import ForceOption, FormatOption, OutputOption
from dangvien_cli.cli.output import emit, notice
from dangvien_cli.domain.vocab import OrgKind, Place
from dangvien_cli.messages import t
from dangvien_cli.render.formats import OutputFormat
from dangvien_cli.render.model import Column, Shape, Title, View, record_view

app = typer.Typer(help="help.org")

ORG_CODES = {"kind": OrgKind, "place": Place}
# The tree for people: code, name, then its kind and, for a cell, the kind of place it serves.
TREE_COLUMNS = [
    Column("code"),
    Column("name"),
    Column("kind", codes=OrgKind),
    Column("place", codes=Place, applies=("kind", "cell")),
]


@app.command("add", help="help.org.add")
def add(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar="metavar.code", help="help.org.add.code")],
    name: Annotated[str, typer.Argument(metavar="metavar.name", help="help.org.add.name")],
    kind: Annotated[
        OrgKind, choice_option(OrgKind, "--kind", metavar="metavar.kind", help="help.org.add.kind")
    ],
    parent: Annotated[
        str | None, typer.Option("--parent", metavar="metavar.code", help="help.org.add.parent")
    ] = None,
    place: Annotated[
        Place, choice_option(Place, "--place", metavar="metavar.place", help="help.org.add.place")
    ] = Place.other,
    population: Annotated[
        int | None, typer.Option("--population", metavar="metavar.number", help="help.org.add.population")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Add an organisation."""
    from dangvien_cli.store.orgs import add_org, org_summary

    app_ctx = app_context(ctx)
    with app_ctx.writer() as session:
        org = add_org(
            session=session,
            code=code,
            name=name,
            kind=kind,
            parent_code=parent,
            place=place,
            population=population,
        )
        code, name = org.code, org.name
    with app_ctx.reader() as session:
        record = org_summary(session=session, code=code, on=today())
    notice(t("done.org_added", app_ctx.lang, code=code, name=name))
    if fmt is not OutputFormat.table:
        emit(record_view(record, Title(text=name)), fmt, app_ctx.lang)


@app.command("list", help="help.org.list")
def list_(
    ctx: typer.Context,
    under: Annotated[
        str | None, typer.Option("--under", metavar="metavar.code", help="help.org.list.under")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """The organisation tree."""
    from dangvien_cli.store.orgs import list_orgs

    app_ctx = app_context(ctx)
    with app_ctx.reader() as session:
        rows = [row.as_json() for row in list_orgs(session=session, under=under)]
    view = View(Shape.list, title=Title("title.orgs"), columns=TREE_COLUMNS, rows=rows, tree="parent")
    emit(view, fmt, app_ctx.lang, output=output, force=force)


@app.command("show", help="help.org.show")
def show(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar="metavar.code", help="help.org.show.code")],
    at: Annotated[str | None, typer.Option("--at", metavar="metavar.date", help="help.option.at")] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """An organisation with its member and candidate counts."""
    from dangvien_cli.store.orgs import org_summary

    app_ctx = app_context(ctx)
    on = parse_day(at, "at", today())
    with app_ctx.reader() as session:
        summary = org_summary(session=session, code=code, on=on)
    emit(record_view(summary, Title(text=summary.name), ORG_CODES), fmt, app_ctx.lang)
