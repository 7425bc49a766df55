"""``dangvien candidate`` and ``dangvien add-candidate``: candidates for admission (quần chúng ưu tú)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from dangvien_cli.cli import steps
from dangvien_cli.cli.common import (
    FormatOption,
    OutputFormat,
    RedactOption,
    app_context,
    parse_day,
    redacted,
    today,
)
from dangvien_cli.cli.output import Column, emit_record, emit_rows, notice
from dangvien_cli.cli.people_options import (
    BirthOption,
    CitizenIdOption,
    EducationOption,
    EthnicityOption,
    FamilyOption,
    GenderOption,
    GivenOption,
    MiddleOption,
    NameOption,
    OccupationOption,
    ReligionOption,
    YouthUnionOption,
    person_details,
)
from dangvien_cli.messages import t

app = typer.Typer(help="Quần chúng ưu tú (nguồn phát triển đảng). / Candidates for admission.")

SOURCES_HELP = (
    "youth_union|militia|demobilised_soldier|neighbourhood_watch|student|private_enterprise_worker|"
    "womens_union|farmers_union|veterans_union|other"
)
CANDIDATE_COLUMNS = [
    Column("id", justify="right", no_wrap=True),
    Column("full_name"),
    Column("gender", codes="gender"),
    Column("birth_date", no_wrap=True),
    Column("cell"),
    Column("source", codes="source"),
    Column("stage", codes="stage"),
    Column("identified_on", no_wrap=True),
    Column("mentor_name"),
]
CANDIDATE_CODES = {"gender": "gender", "source": "source", "stage": "stage"}
HISTORY_COLUMNS = [Column("stage", codes="stage"), Column("date", no_wrap=True)]
REMARK_COLUMNS = [Column("date", no_wrap=True), Column("author_name"), Column("text")]


def add_candidate(
    ctx: typer.Context,
    name: NameOption,
    gender: GenderOption,
    birth: BirthOption,
    cell: Annotated[str, typer.Option("--cell", help="Mã chi bộ / the cell's code.")],
    source: Annotated[str, typer.Option("--source", help=SOURCES_HELP)],
    identified: Annotated[
        str | None, typer.Option("--identified", help="Ngày đưa vào nguồn / date identified (default today).")
    ] = None,
    citizen_id: CitizenIdOption = None,
    family: FamilyOption = None,
    middle: MiddleOption = None,
    given: GivenOption = None,
    ethnicity: EthnicityOption = None,
    religion: ReligionOption = None,
    education: EducationOption = None,
    occupation: OccupationOption = None,
    youth_union: YouthUnionOption = False,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Thêm một quần chúng ưu tú vào nguồn. / Add a candidate."""
    from dangvien_cli.store.people import add_candidate as store_add_candidate
    from dangvien_cli.store.people import show_candidate

    app_ctx = app_context(ctx)
    youth_union = youth_union or source == "youth_union"  # a candidate from the Youth Union is a member of it
    person = person_details(
        name=name,
        family=family,
        middle=middle,
        given=given,
        gender=gender,
        birth=birth,
        citizen_id=citizen_id,
        ethnicity=ethnicity,
        religion=religion,
        education=education,
        occupation=occupation,
        youth_union=youth_union,
    )
    identified_on = parse_day(identified, "identified_on", today())
    with app_ctx.writer() as session:
        candidate = store_add_candidate(
            session=session,
            person=person,
            cell_code=cell,
            source=source,
            identified_on=identified_on,
            today=today(),
        )
        assert candidate.id is not None
        record = show_candidate(session=session, candidate_id=candidate.id)
    notice(t("done.candidate_added", app_ctx.lang, id=record["id"], name=record["full_name"]))
    if fmt is not OutputFormat.table:
        emit_record(record, fmt, app_ctx.lang, record["full_name"])


app.command("add")(add_candidate)


@app.command("list")
def list_(
    ctx: typer.Context,
    org: Annotated[
        str | None, typer.Option("--org", help="Trong tổ chức này và cấp dưới / in this subtree.")
    ] = None,
    stage: Annotated[
        str | None,
        typer.Option(
            "--stage",
            help="identified|mentored|trained|applied|proposed|admitted|dropped "
            "(default: all still on the way)",
        ),
    ] = None,
    redact: RedactOption = False,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Danh sách quần chúng ưu tú. / Candidates, in Vietnamese name order."""
    from dangvien_cli.store.people import list_candidates

    app_ctx = app_context(ctx)
    with app_ctx.reader() as session:
        rows = list_candidates(session=session, org_code=org, stage=stage)
    emit_rows(
        redacted(rows, redact), CANDIDATE_COLUMNS, fmt, app_ctx.lang, t("title.candidates", app_ctx.lang)
    )


@app.command("show")
def show(
    ctx: typer.Context,
    candidate_id: Annotated[int, typer.Argument(metavar="ID", help="Số quần chúng / candidate ID.")],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Hồ sơ một quần chúng. / One candidate's record."""
    from dangvien_cli.store.people import show_candidate

    app_ctx = app_context(ctx)
    with app_ctx.reader() as session:
        record = show_candidate(session=session, candidate_id=candidate_id)
    admission = record.get("admission")
    if fmt is OutputFormat.table and admission:  # one readable line; JSON and CSV keep the object
        decided = date.fromisoformat(admission["decision_on"]).strftime("%d/%m/%Y")
        shown = {**admission, "decision_on": decided, "decision_no": admission["decision_no"] or "—"}
        record = {**record, "admission": t("value.admission", app_ctx.lang, **shown)}
    emit_record(
        record,
        fmt,
        app_ctx.lang,
        record["full_name"],
        codes=CANDIDATE_CODES,
        sections=[
            ("stage_history", t("field.stage_history", app_ctx.lang), HISTORY_COLUMNS),
            ("remarks", t("title.remarks", app_ctx.lang), REMARK_COLUMNS),
        ],
    )


for _name, _command in (
    ("mentor", steps.mentor),
    ("review", steps.review),
    ("train", steps.train),
    ("apply", steps.apply),
    ("propose", steps.propose),
    ("drop", steps.drop),
    ("check", steps.check),
):
    app.command(_name)(_command)
