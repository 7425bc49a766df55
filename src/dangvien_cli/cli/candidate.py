"""``dangvien candidate`` and ``dangvien add-candidate``: candidates for admission (quần chúng ưu tú)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from dangvien_cli.cli import steps
from dangvien_cli.cli.common import app_context, parse_day, today
from dangvien_cli.cli.options import ForceOption, FormatOption, OutputOption, RedactOption
from dangvien_cli.cli.output import emit, notice
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
from dangvien_cli.domain.vocab import Gender, Source, Stage
from dangvien_cli.messages import t
from dangvien_cli.render.formats import OutputFormat
from dangvien_cli.render.model import Column, Kind, Title, list_view, record_view

app = typer.Typer(help="Quần chúng ưu tú (nguồn phát triển đảng). / Candidates for admission.")

SOURCES_HELP = (
    "youth_union|militia|demobilised_soldier|neighbourhood_watch|student|private_enterprise_worker|"
    "womens_union|farmers_union|veterans_union|other"
)
CANDIDATE_COLUMNS = [
    Column("id", Kind.int, wrap=False),
    Column("full_name"),
    Column("gender", codes=Gender),
    Column("birth_date", Kind.date, wrap=False),
    Column("cell"),
    Column("source", codes=Source),
    Column("stage", codes=Stage),
    Column("identified_on", Kind.date, wrap=False),
    Column("mentor_name"),
]
CANDIDATE_CODES = {"gender": Gender, "source": Source, "stage": Stage}
HISTORY_COLUMNS = [Column("stage", codes=Stage), Column("date", Kind.date, wrap=False)]
REMARK_COLUMNS = [Column("date", Kind.date, wrap=False), Column("author_name"), Column("text")]


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
        emit(record_view(record, Title(text=record["full_name"])), fmt, app_ctx.lang)


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
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Danh sách quần chúng ưu tú. / Candidates, in Vietnamese name order."""
    from dangvien_cli.store.people import list_candidates

    app_ctx = app_context(ctx)
    with app_ctx.reader() as session:
        rows = list_candidates(session=session, org_code=org, stage=stage)
    view = list_view(Title("title.candidates"), rows, CANDIDATE_COLUMNS)
    emit(view, fmt, app_ctx.lang, output=output, force=force, redact=redact)


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
    sections = [
        ("stage_history", Title("field.stage_history"), HISTORY_COLUMNS),
        ("remarks", Title("title.remarks"), REMARK_COLUMNS),
    ]
    emit(record_view(record, Title(text=record["full_name"]), CANDIDATE_CODES, sections), fmt, app_ctx.lang)


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
