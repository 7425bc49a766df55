"""``dangvien dossier``: the admission dossier (hồ sơ kết nạp) of a candidate or member: ``show``, ``add``,
``remove``, and ``check`` for every dossier of an organisation.

A dossier is named by the candidate's ID; ``--member`` names it by the member's (a member admitted here
keeps the candidate's papers, so either ID shows the same dossier). The list of papers and how a dossier is
judged: :mod:`dangvien_cli.domain.dossier`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from dangvien_cli.cli.choices import choice_option
from dangvien_cli.cli.common import app_context, parse_day, today
from dangvien_cli.cli.options import ForceOption, FormatOption, OutputOption, WideOption
from dangvien_cli.cli.output import emit, notice
from dangvien_cli.domain.dates import parse_date
from dangvien_cli.domain.vocab import DossierStep, PaperStatus
from dangvien_cli.messages import nt, reason_params, t
from dangvien_cli.render.formats import OutputFormat
from dangvien_cli.render.model import Column, Kind, Title, list_view, record_view

if TYPE_CHECKING:
    from dangvien_cli.domain.dossier import Dossier, DossierLine

app = typer.Typer(help="help.dossier")

PersonId = Annotated[int, typer.Argument(metavar="metavar.id", help="help.dossier.person")]
FormArgument = Annotated[str, typer.Argument(metavar="metavar.form", help="help.dossier.form")]
MemberFlag = Annotated[bool, typer.Option("--member", help="help.dossier.member")]
AtOption = Annotated[str | None, typer.Option("--at", metavar="metavar.date", help="help.option.at")]

# What a person reads; JSON and CSV carry every key of the rows (see dossier_rows).
DOSSIER_COLUMNS = [
    Column("form", wrap=False),
    Column("short_title"),
    Column("status", codes=PaperStatus),
    Column("date", Kind.date, wrap=False),
    Column("number"),
    Column("problem"),
]


def problem_text(line: DossierLine, lang: str) -> str | None:
    """A line's problems, as one text in ``lang`` (None when its dates fit)."""
    if not line.problems:
        return None
    return "; ".join(t(p.key, lang, **reason_params(p.params(), lang)) for p in line.problems)


def dossier_rows(dossier: Dossier, lang: str) -> list[dict[str, Any]]:
    """The dossier's lines as the stable JSON of ``dossier show``: ``form, title, step, status, date,
    number, problem``, then who made it, the scan, where it comes from, whether the next step needs it,
    the problem's code and the guidance's point."""
    rows = []
    for line in dossier.lines:
        paper, spec = line.paper, line.spec
        rows.append(
            {
                "form": line.form,
                "title": spec.label(lang) if spec is not None else None,
                "step": spec.step.value if spec is not None else None,
                "status": line.status.value,
                "date": paper.on.isoformat() if paper is not None else None,
                "number": paper.number if paper is not None else None,
                "problem": problem_text(line, lang),
                "author": paper.author if paper is not None else None,
                "file": paper.file if paper is not None else None,
                "origin": paper.origin.value if paper is not None else None,
                "needed": line.needed,
                "problem_code": ", ".join(p.code for p in line.problems) or None,
                "point": spec.point if spec is not None else None,
                "paper_id": paper.id if paper is not None else None,
                "short_title": spec.short_label(lang) if spec is not None else line.form,
            }
        )
    return rows


def summary(dossier: Dossier, lang: str) -> list[str]:
    """What a person reads under the dossier: its next step, and what that step still lacks."""
    if dossier.next_step is None:
        return [t("dossier.no_next", lang)]
    step = dossier.next_step.label(lang)
    if dossier.missing:
        lines = [t("dossier.next_missing", lang, step=step, forms=", ".join(dossier.missing))]
    elif dossier.problems:
        lines = [t("dossier.next_missing", lang, step=step, forms="—")]
    else:
        lines = [t("dossier.next_complete", lang, step=step)]
    if dossier.problems:
        forms = ", ".join(line.form for line in dossier.problems)
        lines.append(t("dossier.next_problems", lang, forms=forms))
    return lines


@app.command("show", help="help.dossier.show")
def show(
    ctx: typer.Context,
    person_id: PersonId,
    member: MemberFlag = False,
    at: AtOption = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
    wide: WideOption = False,
) -> None:
    """One dossier: every paper its steps need, present, missing or with a date that contradicts the
    workflow."""
    from dangvien_cli.store.dossiers import dossier_of, subject_of

    app_ctx = app_context(ctx)
    on = parse_day(at, "at", today())
    with app_ctx.reader() as session:
        subject = subject_of(session=session, person_id=person_id, member=member)
        dossier = dossier_of(session=session, subject=subject, at=on, settings=app_ctx.settings)
    title = Title("dossier.title", {"name": dossier.facts.full_name, "at": on})
    view = list_view(title, dossier_rows(dossier, app_ctx.lang), DOSSIER_COLUMNS)
    emit(view, fmt, app_ctx.lang, output=output, force=force, wide=wide)
    if fmt is OutputFormat.table and output is None:
        for line in summary(dossier, app_ctx.lang):
            notice(line)


def _looks_like_a_path(reference: str) -> bool:
    return "/" in reference or "\\" in reference or Path(reference).suffix.lower() in (".pdf", ".jpg", ".png")


@app.command("add", help="help.dossier.add")
def add(
    ctx: typer.Context,
    person_id: PersonId,
    form: FormArgument,
    date_: Annotated[str, typer.Option("--date", metavar="metavar.date", help="help.dossier.add.date")],
    number: Annotated[
        str | None, typer.Option("--number", metavar="metavar.reference", help="help.dossier.add.number")
    ] = None,
    author: Annotated[
        str | None, typer.Option("--author", metavar="metavar.name", help="help.dossier.add.author")
    ] = None,
    file: Annotated[
        str | None, typer.Option("--file", metavar="metavar.file", help="help.dossier.add.file")
    ] = None,
    member: MemberFlag = False,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Enter a paper; it takes the place of what a workflow step's record says for its form."""
    from dangvien_cli.store.dossiers import paper_list, subject_of
    from dangvien_cli.store.papers import PaperFields, add_paper, record_paper

    app_ctx = app_context(ctx)
    lang = app_ctx.lang
    fields = PaperFields(parse_date(date_, "date"), number, author, file)
    spec = paper_list(app_ctx.settings).get(form)
    with app_ctx.writer() as session:
        subject = subject_of(session=session, person_id=person_id, member=member)
        replaced = record_paper(session=session, subject=subject, spec=spec, at=today())
        paper = add_paper(session=session, subject=subject, spec=spec, fields=fields, today=today())
        name = subject.full_name
        record = {
            "paper_id": paper.id,
            "candidate_id": paper.candidate_id,
            "member_id": paper.member_id,
            "form": paper.form,
            "date": paper.on.isoformat(),
            "number": paper.number,
            "author": paper.author,
            "file": paper.file,
        }
    notice(t("dossier.added", lang, form=spec.code, date=fields.on, name=name))
    if replaced is not None and not spec.many:
        notice(t("dossier.replaces", lang, form=spec.code, command=spec.recorded_by, date=replaced.on))
    scan = record["file"]
    if isinstance(scan, str) and _looks_like_a_path(scan) and not Path(scan).expanduser().exists():
        notice(t("dossier.file_not_found", lang, file=scan))
    if fmt is not OutputFormat.table:
        emit(record_view(record, Title(text=spec.code)), fmt, lang)


@app.command("remove", help="help.dossier.remove")
def remove(
    ctx: typer.Context,
    person_id: PersonId,
    form: FormArgument,
    date_: Annotated[
        str | None, typer.Option("--date", metavar="metavar.date", help="help.dossier.remove.date")
    ] = None,
    number: Annotated[
        str | None, typer.Option("--number", metavar="metavar.reference", help="help.dossier.remove.number")
    ] = None,
    member: MemberFlag = False,
) -> None:
    """Take an entered paper out of a dossier (what a step's record says comes back in its place)."""
    from dangvien_cli.store.dossiers import paper_list, subject_of
    from dangvien_cli.store.papers import remove_paper

    app_ctx = app_context(ctx)
    spec = paper_list(app_ctx.settings).get(form)
    on = parse_day(date_, "date")
    with app_ctx.writer() as session:
        subject = subject_of(session=session, person_id=person_id, member=member)
        paper = remove_paper(session=session, subject=subject, spec=spec, on=on, number=number, today=today())
        name, removed_on = subject.full_name, paper.on
    notice(t("dossier.removed", app_ctx.lang, form=spec.code, date=removed_on, name=name))


def check_rows(dossiers: list[Dossier], lang: str) -> list[dict[str, Any]]:
    """The incomplete dossiers as ``dossier check`` lists them: the reports' row (who, where, the step they
    wait for, the papers missing), with the papers whose dates do not fit said in the run's language."""
    from dangvien_cli.reports.dossiers import dossier_row

    return [
        {
            **dossier_row(dossier),
            "problems": [
                t("dossier.problem_line", lang, form=line.form, problem=problem_text(line, lang))
                for line in dossier.problems
            ],
        }
        for dossier in dossiers
        if not dossier.complete
    ]


@app.command("check", help="help.dossier.check")
def check(
    ctx: typer.Context,
    org: Annotated[str, typer.Option("--org", metavar="metavar.code", help="help.dossier.check.org")],
    step: Annotated[
        DossierStep | None,
        choice_option(DossierStep, "--step", metavar="metavar.step", help="help.dossier.check.step"),
    ] = None,
    at: AtOption = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
    wide: WideOption = False,
) -> None:
    """Every dossier of a subtree not complete for its next step. Exits 1 when there is one (the list is
    written first, in every format)."""
    from dangvien_cli.reports.dossiers import DOSSIER_COLUMNS as DOSSIER_CHECK_COLUMNS
    from dangvien_cli.store.dossiers import open_dossiers
    from dangvien_cli.store.orgs import get_org

    app_ctx = app_context(ctx)
    lang = app_ctx.lang
    on = parse_day(at, "at", today())
    with app_ctx.reader() as session:
        name = get_org(session=session, code=org).name
        dossiers = open_dossiers(session=session, org_code=org, at=on, settings=app_ctx.settings, step=step)
    rows = check_rows(dossiers, lang)
    view = list_view(Title("dossier.check_title", {"org": name, "at": on}), rows, DOSSIER_CHECK_COLUMNS)
    emit(view, fmt, lang, output=output, force=force, wide=wide)
    if fmt is OutputFormat.table and output is None:
        if rows:
            notice(nt("dossier.check_incomplete", len(rows), lang, total=len(dossiers)))
        else:
            notice(nt("dossier.check_done", len(dossiers), lang))
    if rows:  # for scripts: the exit code says it too
        raise typer.Exit(1)
