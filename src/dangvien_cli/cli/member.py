"""``dangvien member``: party members, their cells over time, and their leaving."""

from __future__ import annotations

from typing import Annotated

import typer

from dangvien_cli.cli import steps
from dangvien_cli.cli.choices import choice_option
from dangvien_cli.cli.common import app_context, parse_day, today
from dangvien_cli.cli.options import ForceOption, FormatOption, OutputOption, RedactOption
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


@app.command("add")
@person_options
def add(
    ctx: typer.Context,
    person: PersonDetails,
    cell: Annotated[str, typer.Option("--cell", help="Mã chi bộ / the cell's code.")],
    admitted: Annotated[
        str, typer.Option("--admitted", help="Ngày quyết định kết nạp / admission decision date.")
    ],
    official: Annotated[
        str | None, typer.Option("--official", help="Ngày chính thức / official from.")
    ] = None,
    ceremony: Annotated[
        str | None, typer.Option("--ceremony", help="Ngày lễ kết nạp / ceremony date.")
    ] = None,
    decision_no: Annotated[str | None, typer.Option("--decision-no", help="Số quyết định kết nạp.")] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Thêm một đảng viên. / Add a member."""
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


@app.command("list")
def list_(
    ctx: typer.Context,
    org: Annotated[
        str | None, typer.Option("--org", help="Trong tổ chức này và cấp dưới / in this subtree.")
    ] = None,
    at: Annotated[
        str | None, typer.Option("--at", help="Tính đến ngày / as of this date (default today).")
    ] = None,
    status: Annotated[
        MemberStatus | None, choice_option(MemberStatus, "--status", help="Trạng thái / status.")
    ] = None,
    redact: RedactOption = False,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Danh sách đảng viên (theo thứ tự tên). / Members, in Vietnamese name order."""
    from dangvien_cli.store.people import list_members

    app_ctx = app_context(ctx)
    on = parse_day(at, "at", today())
    with app_ctx.reader() as session:
        rows = list_members(session=session, on=on, org_code=org, status=status)
    view = list_view(Title("title.members"), rows, MEMBER_COLUMNS)
    emit(view, fmt, app_ctx.lang, output=output, force=force, redact=redact)


@app.command("show")
def show(
    ctx: typer.Context,
    member_id: Annotated[int, typer.Argument(metavar="ID", help="Số đảng viên / member ID.")],
    at: Annotated[
        str | None, typer.Option("--at", help="Trạng thái tại ngày / status as of this date.")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Hồ sơ một đảng viên. / One member's record."""
    from dangvien_cli.store.people import show_member

    app_ctx = app_context(ctx)
    on = parse_day(at, "at", today())
    with app_ctx.reader() as session:
        record = show_member(session=session, member_id=member_id, on=on)
    sections = [("memberships", Title("title.memberships"), HISTORY_COLUMNS)]
    emit(record_view(record, Title(text=record.full_name), MEMBER_CODES, sections), fmt, app_ctx.lang)


@app.command("move")
def move(
    ctx: typer.Context,
    member_id: Annotated[int, typer.Argument(metavar="ID", help="Số đảng viên / member ID.")],
    to: Annotated[str, typer.Option("--to", help="Mã chi bộ mới / the new cell's code.")],
    date_: Annotated[str, typer.Option("--date", help="Từ ngày / from this date.")],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Chuyển đảng viên sang chi bộ khác. / Move a member to another cell."""
    from dangvien_cli.store.people import move_member, show_member

    app_ctx = app_context(ctx)
    on = parse_date(date_, "date")
    with app_ctx.writer() as session:
        move_member(session=session, member_id=member_id, to_code=to, on=on)
        record = show_member(session=session, member_id=member_id, on=on)
    notice(t("done.member_moved", app_ctx.lang, id=member_id, cell=to, date=on.isoformat()))
    if fmt is not OutputFormat.table:
        emit(record_view(record, Title(text=record.full_name)), fmt, app_ctx.lang)


@app.command("leave")
def leave(
    ctx: typer.Context,
    member_id: Annotated[int, typer.Argument(metavar="ID", help="Số đảng viên / member ID.")],
    reason: Annotated[LeftReason, choice_option(LeftReason, "--reason", help="Lý do / reason.")],
    date_: Annotated[str, typer.Option("--date", help="Ngày / date.")],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Ghi nhận đảng viên ra khỏi danh sách. / Record that a member left."""
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
    app.command(_name)(_command)
