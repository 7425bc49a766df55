"""``dangvien candidate`` and ``dangvien add-candidate``: candidates for admission (quần chúng ưu tú)."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

import typer

from dangvien_cli.cli import admission_records, steps
from dangvien_cli.cli.choices import choice_option
from dangvien_cli.cli.common import app_context, parse_day, today
from dangvien_cli.cli.options import ForceOption, FormatOption, OutputOption, RedactOption, WideOption
from dangvien_cli.cli.output import emit, notice
from dangvien_cli.cli.people_options import person_options
from dangvien_cli.domain.people import PersonDetails
from dangvien_cli.domain.vocab import Gender, OrgChange, Source, Stage
from dangvien_cli.messages import t
from dangvien_cli.render.formats import OutputFormat
from dangvien_cli.render.model import Column, Kind, Title, list_view, record_view

app = typer.Typer(help="help.candidate")

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
CELL_COLUMNS = [  # as member show's cell history
    Column("cell"),
    Column("cell_name"),
    Column("start_on", Kind.date),
    Column("end_on", Kind.date),
    Column("reason", codes=OrgChange, label=Title("label.spell_reason")),
]
REMARK_COLUMNS = [Column("date", Kind.date, wrap=False), Column("author_name"), Column("text")]


@person_options
def add_candidate(
    ctx: typer.Context,
    person: PersonDetails,
    cell: Annotated[str, typer.Option("--cell", metavar="metavar.code", help="help.option.cell")],
    source: Annotated[
        Source,
        choice_option(Source, "--source", metavar="metavar.source", help="help.candidate.add.source"),
    ],
    identified: Annotated[
        str | None,
        typer.Option("--identified", metavar="metavar.date", help="help.candidate.add.identified"),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Add a candidate (registered as ``candidate add`` and as the root's ``add-candidate``)."""
    from dangvien_cli.store.admission_records import link_prior_member
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
        prior = link_prior_member(session=session, candidate=candidate)  # a former member: re-admission
        record = show_candidate(session=session, candidate_id=candidate.id)
    notice(t("done.candidate_added", app_ctx.lang, id=record.id, name=record.full_name))
    if prior is not None:
        key = "workflow.prior_linked" if prior.by == "citizen_id" else "workflow.prior_linked_by_name"
        notice(t(key, app_ctx.lang, id=record.id, member=prior.member_id))
    if fmt is not OutputFormat.table:
        emit(record_view(record, Title(text=record.full_name)), fmt, app_ctx.lang)


app.command("add", help="help.candidate.add")(add_candidate)


@app.command("list", help="help.candidate.list")
def list_(
    ctx: typer.Context,
    org: Annotated[str | None, typer.Option("--org", metavar="metavar.code", help="help.option.org")] = None,
    stage: Annotated[
        Stage | None,
        choice_option(Stage, "--stage", metavar="metavar.stage", help="help.candidate.list.stage"),
    ] = None,
    redact: RedactOption = False,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
    wide: WideOption = False,
) -> None:
    """Candidates, in Vietnamese name order."""
    from dangvien_cli.store.people import list_candidates

    app_ctx = app_context(ctx)
    with app_ctx.reader() as session:
        rows = list_candidates(session=session, org_code=org, stage=stage)
    view = list_view(Title("title.candidates"), rows, CANDIDATE_COLUMNS)
    emit(view, fmt, app_ctx.lang, output=output, force=force, redact=redact, wide=wide)


@app.command("show", help="help.candidate.show")
def show(
    ctx: typer.Context,
    candidate_id: steps.CandidateId,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """One candidate's record."""
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
    sections = [
        ("stage_history", Title("field.stage_history"), HISTORY_COLUMNS),
        ("remarks", Title("title.remarks"), REMARK_COLUMNS),
        ("cell_history", Title("title.cell_history"), CELL_COLUMNS),
    ]
    emit(record_view(record, Title(text=detail.full_name), CANDIDATE_CODES, sections), fmt, app_ctx.lang)


for _name, _command in (
    ("mentor", steps.mentor),
    ("review", steps.review),
    ("train", steps.train),
    ("apply", steps.apply),
    ("propose", steps.propose),
    ("drop", steps.drop),
    ("check", steps.check),
):
    app.command(_name, help=f"help.candidate.{_name}")(_command)
app.command("substitute", help="help.candidate.substitute")(admission_records.substitute)
app.command("readmission", help="help.candidate.readmission")(admission_records.readmission)
app.command("extend", help="help.candidate.extend")(admission_records.extend)
