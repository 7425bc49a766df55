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


@app.command("add")
def add(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help="Mã tổ chức, duy nhất / a unique code users type.")],
    name: Annotated[str, typer.Argument(help="Tên / name.")],
    kind: Annotated[OrgKind, choice_option(OrgKind, "--kind", help="Loại tổ chức / kind.")],
    parent: Annotated[
        str | None, typer.Option("--parent", help="Mã tổ chức cấp trên / parent's code.")
    ] = None,
    place: Annotated[
        Place, choice_option(Place, "--place", help="Địa bàn của chi bộ / the kind of place a cell serves.")
    ] = Place.other,
    population: Annotated[
        int | None, typer.Option("--population", help="Dân số địa bàn / population.")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Thêm một tổ chức đảng. / Add an organisation."""
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


@app.command("list")
def list_(
    ctx: typer.Context,
    under: Annotated[
        str | None, typer.Option("--under", help="Chỉ nhánh dưới mã này / only this subtree.")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Cây tổ chức đảng. / The organisation tree."""
    from dangvien_cli.store.orgs import list_orgs

    app_ctx = app_context(ctx)
    with app_ctx.reader() as session:
        rows = [row.as_json() for row in list_orgs(session=session, under=under)]
    view = View(Shape.list, title=Title("title.orgs"), columns=TREE_COLUMNS, rows=rows, tree="parent")
    emit(view, fmt, app_ctx.lang, output=output, force=force)


@app.command("show")
def show(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help="Mã tổ chức / the organisation's code.")],
    at: Annotated[str | None, typer.Option("--at", help="Tính đến ngày / counts as of this date.")] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Một tổ chức, số đảng viên và quần chúng. / An organisation with its member and candidate counts."""
    from dangvien_cli.store.orgs import org_summary

    app_ctx = app_context(ctx)
    on = parse_day(at, "at", today())
    with app_ctx.reader() as session:
        summary = org_summary(session=session, code=code, on=on)
    emit(record_view(summary, Title(text=summary.name), ORG_CODES), fmt, app_ctx.lang)
