"""``dangvien member``: party members, their cells over time, and their leaving."""

from __future__ import annotations

from typing import Annotated

import typer

from dangvien_cli.cli import steps
from dangvien_cli.cli.choices import choice_option
from dangvien_cli.cli.common import app_context, parse_day, today
from dangvien_cli.cli.options import ForceOption, FormatOption, OutputOption, RedactOption, WideOption
from dangvien_cli.cli.output import emit, notice
from dangvien_cli.cli.people_options import person_options
from dangvien_cli.domain.dates import parse_date, parse_optional_date
from dangvien_cli.domain.people import PersonDetails
from dangvien_cli.domain.vocab import Gender, LeftReason, MemberStatus, OrgChange
from dangvien_cli.messages import t
from dangvien_cli.render.formats import OutputFormat
from dangvien_cli.render.model import Column, Kind, Title, list_view, record_view

app = typer.Typer(help="help.member")

MEMBER_COLUMNS = [
    Column("id", Kind.int, wrap=False),
    Column("full_name"),
    Column("gender", codes=Gender),
    Column("birth_date", Kind.date, wrap=False),
    Column("cell"),
    Column("status", codes=MemberStatus),
    Column("admitted_on", Kind.date, wrap=False),
    Column("official_on", Kind.date, wrap=False),
]
MEMBER_CODES = {"gender": Gender, "status": MemberStatus, "left_reason": LeftReason}
# Each cell with its name as it was then, and whether the tree put the member there (a merge, a closure).
HISTORY_COLUMNS = [
    Column("cell"),
    Column("cell_name"),
    Column("start_on", Kind.date),
    Column("end_on", Kind.date),
    Column("reason", codes=OrgChange, label=Title("label.spell_reason")),
]


@app.command("add", help="help.member.add")
@person_options
def add(
    ctx: typer.Context,
    person: PersonDetails,
    cell: Annotated[str, typer.Option("--cell", metavar="metavar.code", help="help.option.cell")],
    admitted: Annotated[
        str, typer.Option("--admitted", metavar="metavar.date", help="help.member.add.admitted")
    ],
    official: Annotated[
        str | None, typer.Option("--official", metavar="metavar.date", help="help.member.add.official")
    ] = None,
    ceremony: Annotated[
        str | None, typer.Option("--ceremony", metavar="metavar.date", help="help.member.add.ceremony")
    ] = None,
    decision_no: Annotated[
        str | None,
        typer.Option("--decision-no", metavar="metavar.reference", help="help.member.add.decision_no"),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Add a member."""
    from dangvien_cli.store.people import add_member, show_member

    app_ctx = app_context(ctx)
    admitted_on = parse_date(admitted, "admitted_on")
    ceremony_on = parse_optional_date(ceremony, "ceremony_on")
    official_on = parse_optional_date(official, "official_on")
    with app_ctx.writer() as session:
        member = add_member(
            session=session,
            person=person,
            cell_code=cell,
            admitted_on=admitted_on,
            today=today(),
            decision_no=decision_no,
            ceremony_on=ceremony_on,
            official_on=official_on,
            settings=app_ctx.settings,
        )
        member_id = member.id
        assert member_id is not None
        record = show_member(session=session, member_id=member_id, on=today())
    notice(t("done.member_added", app_ctx.lang, id=member_id, name=record.full_name))
    if fmt is not OutputFormat.table:
        emit(record_view(record, Title(text=record.full_name)), fmt, app_ctx.lang)


@app.command("list", help="help.member.list")
def list_(
    ctx: typer.Context,
    org: Annotated[str | None, typer.Option("--org", metavar="metavar.code", help="help.option.org")] = None,
    at: Annotated[str | None, typer.Option("--at", metavar="metavar.date", help="help.option.at")] = None,
    status: Annotated[
        MemberStatus | None,
        choice_option(MemberStatus, "--status", metavar="metavar.status", help="help.member.list.status"),
    ] = None,
    redact: RedactOption = False,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
    wide: WideOption = False,
) -> None:
    """Members, in Vietnamese name order."""
    from dangvien_cli.store.people import list_members

    app_ctx = app_context(ctx)
    on = parse_day(at, "at", today())
    with app_ctx.reader() as session:
        rows = list_members(session=session, on=on, org_code=org, status=status)
    view = list_view(Title("title.members"), rows, MEMBER_COLUMNS)
    emit(view, fmt, app_ctx.lang, output=output, force=force, redact=redact, wide=wide)


@app.command("show", help="help.member.show")
def show(
    ctx: typer.Context,
    member_id: steps.MemberId,
    at: Annotated[
        str | None, typer.Option("--at", metavar="metavar.date", help="help.member.show.at")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """One member's record."""
    from dangvien_cli.store.people import show_member

    app_ctx = app_context(ctx)
    on = parse_day(at, "at", today())
    with app_ctx.reader() as session:
        record = show_member(session=session, member_id=member_id, on=on)
    sections = [("memberships", Title("title.memberships"), HISTORY_COLUMNS)]
    emit(record_view(record, Title(text=record.full_name), MEMBER_CODES, sections), fmt, app_ctx.lang)


@app.command("move", help="help.member.move")
def move(
    ctx: typer.Context,
    member_id: steps.MemberId,
    to: Annotated[str, typer.Option("--to", metavar="metavar.code", help="help.member.move.to")],
    date_: Annotated[str, typer.Option("--date", metavar="metavar.date", help="help.member.move.date")],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Move a member to another cell."""
    from dangvien_cli.store.people import move_member, show_member

    app_ctx = app_context(ctx)
    on = parse_date(date_, "date")
    with app_ctx.writer() as session:
        move_member(session=session, member_id=member_id, to_code=to, on=on)
        record = show_member(session=session, member_id=member_id, on=on)
    notice(t("done.member_moved", app_ctx.lang, id=member_id, cell=to, date=on))
    if fmt is not OutputFormat.table:
        emit(record_view(record, Title(text=record.full_name)), fmt, app_ctx.lang)


@app.command("leave", help="help.member.leave")
def leave(
    ctx: typer.Context,
    member_id: steps.MemberId,
    reason: Annotated[
        LeftReason,
        choice_option(LeftReason, "--reason", metavar="metavar.reason", help="help.member.leave.reason"),
    ],
    date_: Annotated[str, typer.Option("--date", metavar="metavar.date", help="help.member.leave.date")],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Record that a member left."""
    from dangvien_cli.store.people import leave_member, show_member

    app_ctx = app_context(ctx)
    on = parse_date(date_, "date")
    with app_ctx.writer() as session:
        leave_member(session=session, member_id=member_id, reason=reason, on=on)
        record = show_member(session=session, member_id=member_id, on=on)
    notice(t("done.member_left", app_ctx.lang, id=member_id))
    if fmt is not OutputFormat.table:
        emit(record_view(record, Title(text=record.full_name)), fmt, app_ctx.lang)


for _name, _command in (
    ("ceremony", steps.ceremony),
    ("recognize", steps.recognize),
    ("remove", steps.remove),
):
    app.command(_name, help=f"help.member.{_name}")(_command)
