"""``dangvien org``: the tree of party organisations."""

from __future__ import annotations

from typing import Annotated

import typer

from dangvien_cli.cli.choices import choice_option
from dangvien_cli.cli.common import app_context, parse_day, today
from dangvien_cli.cli.options import ForceOption, FormatOption, OutputOption
from dangvien_cli.cli.output import emit, notice
from dangvien_cli.domain.dates import parse_date
from dangvien_cli.domain.vocab import OrgKind, Place
from dangvien_cli.messages import t
from dangvien_cli.render.formats import OutputFormat
from dangvien_cli.render.model import Column, Kind, Shape, Title, View, record_view

app = typer.Typer(help="help.org")

ORG_CODES = {"kind": OrgKind, "place": Place}
# The tree for people: code, name, then its kind and, for a cell, the kind of place it serves.
TREE_COLUMNS = [
    Column("code"),
    Column("name"),
    Column("kind", codes=OrgKind),
    Column("place", codes=Place, applies=("kind", "cell")),
]


LINK_COLUMNS = [Column("code"), Column("on", Kind.date, label=Title("label.on"))]
LINEAGE_SECTIONS = [
    ("predecessors", Title("title.predecessors"), LINK_COLUMNS),
    ("successors", Title("title.successors"), LINK_COLUMNS),
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
    on: Annotated[str | None, typer.Option("--on", metavar="metavar.date", help="help.org.add.on")] = None,
) -> None:
    """Add an organisation."""
    from dangvien_cli.store.orgs import add_org, org_summary

    app_ctx = app_context(ctx)
    start_on = parse_day(on, "date")
    with app_ctx.writer() as session:
        org = add_org(
            session=session,
            code=code,
            name=name,
            kind=kind,
            parent_code=parent,
            place=place,
            population=population,
            start_on=start_on,
            today=today(),
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
    at: Annotated[str | None, typer.Option("--at", metavar="metavar.date", help="help.org.list.at")] = None,
) -> None:
    """The organisation tree."""
    from dangvien_cli.store.orgs import list_orgs

    app_ctx = app_context(ctx)
    on = parse_day(at, "at")
    with app_ctx.reader() as session:
        rows = [row.as_json() for row in list_orgs(session=session, under=under, at=on)]
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
    emit(record_view(summary, Title(text=summary.name), ORG_CODES, LINEAGE_SECTIONS), fmt, app_ctx.lang)


# --- the tree over time (see store.restructure) ----------------------------------------------------------

OnOption = Annotated[str, typer.Option("--on", metavar="metavar.date", help="help.org.rename.on")]


@app.command("rename", help="help.org.rename")
def rename(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar="metavar.code", help="help.org.rename.code")],
    name: Annotated[str, typer.Argument(metavar="metavar.name", help="help.org.rename.name")],
    on: OnOption,
) -> None:
    """``org rename CODE NAME --on DATE``."""
    from dangvien_cli.store.restructure import rename_org

    app_ctx = app_context(ctx)
    day = parse_date(on, "date")
    with app_ctx.writer() as session:
        result = rename_org(session=session, code=code, name=name, on=day, today=today())
        new_name = " ".join(name.split())
    notice(t("done.org_renamed", app_ctx.lang, code=result.code, name=new_name, on=day))


@app.command("move", help="help.org.move")
def move(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar="metavar.code", help="help.org.move.code")],
    on: Annotated[str, typer.Option("--on", metavar="metavar.date", help="help.org.move.on")],
    parent: Annotated[
        str | None, typer.Option("--parent", metavar="metavar.code", help="help.org.move.parent")
    ] = None,
    top: Annotated[bool, typer.Option("--top", help="help.org.move.top")] = False,
) -> None:
    """``org move CODE --parent PARENT --on DATE`` (``--top``: no parent)."""
    from dangvien_cli.errors import InvalidValue
    from dangvien_cli.store.restructure import move_org

    app_ctx = app_context(ctx)
    if parent is not None and top:
        raise InvalidValue("parent", parent, "tree.parent_and_top")
    if parent is None and not top:
        raise InvalidValue("parent", "", "tree.move_needs_parent")
    day = parse_date(on, "date")
    with app_ctx.writer() as session:
        result = move_org(session=session, code=code, parent_code=parent, on=day, today=today())
    if result.target is None:
        notice(t("done.org_moved_top", app_ctx.lang, code=result.code, on=day))
    else:
        notice(t("done.org_moved", app_ctx.lang, code=result.code, parent=result.target, on=day))


@app.command("merge", help="help.org.merge")
def merge(
    ctx: typer.Context,
    sources: Annotated[list[str], typer.Argument(metavar="metavar.code", help="help.org.merge.sources")],
    into: Annotated[str, typer.Option("--into", metavar="metavar.code", help="help.org.merge.into")],
    on: Annotated[str, typer.Option("--on", metavar="metavar.date", help="help.org.merge.on")],
    name: Annotated[
        str | None, typer.Option("--name", metavar="metavar.name", help="help.org.merge.name")
    ] = None,
    kind: Annotated[
        OrgKind | None, choice_option(OrgKind, "--kind", metavar="metavar.kind", help="help.org.merge.kind")
    ] = None,
    parent: Annotated[
        str | None, typer.Option("--parent", metavar="metavar.code", help="help.org.merge.parent")
    ] = None,
    place: Annotated[
        Place | None, choice_option(Place, "--place", metavar="metavar.place", help="help.org.merge.place")
    ] = None,
) -> None:
    """``org merge SRC [SRC ...] --into TARGET --on DATE [--name --kind --parent]``."""
    from dangvien_cli.store.restructure import merge_orgs

    app_ctx = app_context(ctx)
    day = parse_date(on, "date")
    with app_ctx.writer() as session:
        result = merge_orgs(
            session=session,
            sources=sources,
            into=into,
            on=day,
            today=today(),
            name=name,
            kind=kind.value if kind else None,
            parent_code=parent,
            place=place.value if place else None,
        )
    notice(
        t(
            "done.org_merged_new" if result.created else "done.org_merged",
            app_ctx.lang,
            sources=", ".join(result.sources),
            target=result.target,
            on=day,
            children=len(result.children),
            members=result.members,
            candidates=result.candidates,
        )
    )


@app.command("close", help="help.org.close")
def close(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar="metavar.code", help="help.org.close.code")],
    on: Annotated[str, typer.Option("--on", metavar="metavar.date", help="help.org.close.on")],
    move_to: Annotated[
        str | None, typer.Option("--move-to", metavar="metavar.code", help="help.org.close.move_to")
    ] = None,
) -> None:
    """``org close CODE --on DATE [--move-to CODE]``."""
    from dangvien_cli.store.restructure import close_org

    app_ctx = app_context(ctx)
    day = parse_date(on, "date")
    with app_ctx.writer() as session:
        result = close_org(session=session, code=code, on=day, today=today(), move_to=move_to)
    key = "done.org_closed_moved" if move_to else "done.org_closed"
    notice(
        t(
            key,
            app_ctx.lang,
            code=result.code,
            on=day,
            target=result.target,
            children=len(result.children),
            members=result.members,
            candidates=result.candidates,
        )
    )


NAME_COLUMNS = [Column("name"), Column("start_on", Kind.date), Column("end_on", Kind.date)]
PARENT_COLUMNS = [Column("parent"), Column("start_on", Kind.date), Column("end_on", Kind.date)]


@app.command("history", help="help.org.history")
def history(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar="metavar.code", help="help.org.history.code")],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """``org history CODE``: names, parents, predecessors and successors, with dates."""
    from dangvien_cli.store.orgs import get_org
    from dangvien_cli.store.tree import org_history

    app_ctx = app_context(ctx)
    with app_ctx.reader() as session:
        found = org_history(session=session, org=get_org(session=session, code=code))
    sections = [
        ("names", Title("title.org_names"), NAME_COLUMNS),
        ("parents", Title("title.org_parents"), PARENT_COLUMNS),
        *LINEAGE_SECTIONS,
    ]
    title = Title("title.org_history", {"code": found.code})
    emit(record_view(found, title, {"kind": OrgKind}, sections), fmt, app_ctx.lang)
