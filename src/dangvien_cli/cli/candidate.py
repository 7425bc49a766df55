"""``dangvien candidate`` and ``dangvien add-candidate``: candidates for admission (quần chúng ưu tú)."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

import typer

from dangvien_cli.cli import steps
from dangvien_cli.cli.choices import choice_option
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
from dangvien_cli.cli.people_options import person_options
from dangvien_cli.domain.people import PersonDetails
from dangvien_cli.domain.vocab import Source, Stage
from dangvien_cli.messages import t

app = typer.Typer(help="Quần chúng ưu tú (nguồn phát triển đảng). / Candidates for admission.")

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


@person_options
def add_candidate(
    ctx: typer.Context,
    person: PersonDetails,
    cell: Annotated[str, typer.Option("--cell", help="Mã chi bộ / the cell's code.")],
    source: Annotated[
        Source, choice_option(Source, "--source", help="Nguồn / where the candidate comes from.")
    ],
    identified: Annotated[
        str | None, typer.Option("--identified", help="Ngày đưa vào nguồn / date identified (default today).")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Thêm một quần chúng ưu tú vào nguồn. / Add a candidate."""
    from dangvien_cli.store.people import add_candidate as store_add_candidate
    from dangvien_cli.store.people import show_candidate

    app_ctx = app_context(ctx)
    if source is Source.youth_union:  # a candidate from the Youth Union is a member of it
        person = replace(person, youth_union=True)
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
    notice(t("done.candidate_added", app_ctx.lang, id=record.id, name=record.full_name))
    if fmt is not OutputFormat.table:
        emit_record(record.as_json(), fmt, app_ctx.lang, record.full_name)


app.command("add")(add_candidate)


@app.command("list")
def list_(
    ctx: typer.Context,
    org: Annotated[
        str | None, typer.Option("--org", help="Trong tổ chức này và cấp dưới / in this subtree.")
    ] = None,
    stage: Annotated[
        Stage | None,
        choice_option(
            Stage,
            "--stage",
            help="Giai đoạn (mặc định: những người còn trong nguồn) / default: all still on the way.",
        ),
    ] = None,
    redact: RedactOption = False,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Danh sách quần chúng ưu tú. / Candidates, in Vietnamese name order."""
    from dangvien_cli.store.people import list_candidates

    app_ctx = app_context(ctx)
    with app_ctx.reader() as session:
        rows = [c.as_json() for c in list_candidates(session=session, org_code=org, stage=stage)]
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
        detail = show_candidate(session=session, candidate_id=candidate_id)
    record = detail.as_json()
    admission = detail.admission
    if fmt is OutputFormat.table and admission:  # one readable line; JSON and CSV keep the object
        record["admission"] = t(
            "value.admission",
            app_ctx.lang,
            member_id=admission.member_id,
            decision_no=admission.decision_no or "—",
            decision_on=admission.decision_on.strftime("%d/%m/%Y"),
        )
    emit_record(
        record,
        fmt,
        app_ctx.lang,
        detail.full_name,
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
