"""The admission workflow's commands: ``candidate mentor|review|train|apply|propose|drop|check``, ``admit``
and ``member ceremony|recognize|remove``. Registered on their groups by candidate.py, member.py and app.py.

Each step command parses its options and hands them to :func:`run_step` with its row of :data:`STEPS`: the
store function that takes the step (it checks the order, the dates and the Party's rules), and what the
command says when it is done. The record the step leaves is then shown to scripts.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import typer

from dangvien_cli.cli.common import app_context, parse_day, today
from dangvien_cli.cli.options import ForceOption, FormatOption, OutputOption, WideOption
from dangvien_cli.cli.output import emit, notice
from dangvien_cli.domain.dates import parse_date
from dangvien_cli.domain.vocab import RuleStatus, Stage, Vocabulary
from dangvien_cli.messages import t
from dangvien_cli.render.formats import OutputFormat
from dangvien_cli.render.model import Column, Title, list_view, record_view

if TYPE_CHECKING:
    from dangvien_cli.domain.rules import RuleResult
    from dangvien_cli.store.records import CandidateDetail

CandidateId = Annotated[int, typer.Argument(metavar="metavar.id", help="help.option.candidate_id")]
MemberId = Annotated[int, typer.Argument(metavar="metavar.id", help="help.option.member_id")]
DateOption = Annotated[str, typer.Option("--date", metavar="metavar.date", help="help.option.date")]
OverrideOption = Annotated[
    str | None, typer.Option("--override", metavar="metavar.text", help="help.option.override")
]
CHECK_COLUMNS = [
    Column("code", wrap=False),
    Column("status", codes=RuleStatus),
    Column("detail"),
    Column("source", label=Title("column.basis")),  # "Căn cứ": the candidate's "Nguồn" is another thing
]


@dataclass(frozen=True)
class Step:
    """A step of the workflow as its command takes it."""

    action: str  # the function of store.workflow that takes the step
    subject: str  # "candidate" or "member": whose record the step changes, and shows afterwards
    done_key: str  # what the command says when done: {id}, and {member}, {stage} or {on} where it names them
    stage: Stage | None = None  # the stage the message names
    uses_settings: bool = False  # the step judges rules or deadlines that the settings tune


STEPS: dict[str, Step] = {
    "mentor": Step("assign_mentor", "candidate", "done.mentor"),
    "review": Step("add_review", "candidate", "done.review"),
    "train": Step("record_training", "candidate", "done.step", Stage.trained),
    "apply": Step("record_application", "candidate", "done.step", Stage.applied),
    "propose": Step("propose", "candidate", "done.step", Stage.proposed, uses_settings=True),
    "drop": Step("drop_candidate", "candidate", "done.step", Stage.dropped),
    "ceremony": Step("record_ceremony", "member", "done.ceremony"),
    "recognize": Step("recognize", "member", "done.recognized", uses_settings=True),
    "remove": Step("remove_probationary", "member", "done.removed"),
}


def _shown_params(params: dict[str, Any], lang: str) -> dict[str, Any]:
    """A rule's parameters for its sentence: codes by their labels, what is not recorded as a dash."""
    return {
        name: value.label(lang) if isinstance(value, Vocabulary) else ("—" if value is None else value)
        for name, value in params.items()
    }


def rule_rows(results: list[RuleResult], lang: str) -> list[dict[str, Any]]:
    """Rule results as the stable JSON of ``candidate check``: code, status, detail, source."""
    return [
        {
            "code": r.code,
            "status": r.status,
            "detail": t(r.key, lang, **_shown_params(r.params, lang)),
            "source": r.source,
        }
        for r in results
    ]


@contextmanager
def rules_reported(lang: str, fmt: OutputFormat) -> Iterator[None]:
    """For people, list each failed rule on stderr before the one-line refusal (scripts, with JSON, get the
    refusal alone: one JSON object, whose message names the rules)."""
    from dangvien_cli.store.workflow import RulesFailed

    try:
        yield
    except RulesFailed as failed:
        if fmt is not OutputFormat.json:
            for row in rule_rows(failed.results, lang):
                notice(t("workflow.rule_line", lang, **row))
        raise


def _overridden(results: list[RuleResult], override: str | None, lang: str) -> None:
    if results:
        notice(t("workflow.override_used", lang, reason=override, codes=", ".join(r.code for r in results)))


def run_step(
    ctx: typer.Context, name: str, subject_id: int, date_: str, fmt: OutputFormat, **options: Any
) -> None:
    """Take the step ``name`` for the candidate or member ``subject_id`` in one transaction, say what it did,
    and show the record it leaves (for scripts: JSON or CSV). ``options`` are the store function's own."""
    from dangvien_cli.store import workflow
    from dangvien_cli.store.people import show_candidate, show_member
    from dangvien_cli.store.records import MemberDetail

    step = STEPS[name]
    app_ctx = app_context(ctx)
    lang = app_ctx.lang
    on = parse_date(date_, "date")
    if step.uses_settings:
        options["settings"] = app_ctx.settings
    take = getattr(workflow, step.action)
    with app_ctx.writer() as session:
        with rules_reported(lang, fmt):
            outcome = take(
                session=session, **{f"{step.subject}_id": subject_id}, on=on, today=today(), **options
            )
        if isinstance(outcome, workflow.StepResult):
            _overridden(outcome.overridden, options.get("override"), lang)
        record: CandidateDetail | MemberDetail
        if step.subject == "candidate":
            record = show_candidate(session=session, candidate_id=subject_id)
        else:
            record = show_member(session=session, member_id=subject_id, on=today())
    official_on = record.official_on if isinstance(record, MemberDetail) else None  # recognize says it
    notice(
        t(
            step.done_key,
            lang,
            id=subject_id,
            member=options.get("member_id"),
            stage=step.stage.label(lang) if step.stage else None,
            on=official_on,
        )
    )
    if fmt is not OutputFormat.table:
        emit(record_view(record, Title(text=record.full_name)), fmt, lang)


def mentor(
    ctx: typer.Context,
    candidate_id: CandidateId,
    member: Annotated[
        int, typer.Option("--member", metavar="metavar.id", help="help.candidate.mentor.member")
    ],
    date_: DateOption,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Assign a mentor (an official member of the same base organisation)."""
    run_step(ctx, "mentor", candidate_id, date_, fmt, member_id=member)


def review(
    ctx: typer.Context,
    candidate_id: CandidateId,
    by: Annotated[int, typer.Option("--by", metavar="metavar.id", help="help.candidate.review.by")],
    date_: DateOption,
    note: Annotated[str, typer.Option("--note", metavar="metavar.text", help="help.candidate.review.note")],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """The mentor's monthly remark."""
    run_step(ctx, "review", candidate_id, date_, fmt, by=by, note=note)


def train(
    ctx: typer.Context,
    candidate_id: CandidateId,
    date_: DateOption,
    certificate: Annotated[
        str | None,
        typer.Option("--certificate", metavar="metavar.reference", help="help.candidate.train.certificate"),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """The party-awareness class certificate."""
    run_step(ctx, "train", candidate_id, date_, fmt, certificate_no=certificate)


def apply(
    ctx: typer.Context,
    candidate_id: CandidateId,
    date_: DateOption,
    introducer: Annotated[
        list[int],
        typer.Option("--introducer", metavar="metavar.id", help="help.candidate.apply.introducer"),
    ],
    youth_union: Annotated[
        bool, typer.Option("--youth-union", help="help.candidate.apply.youth_union")
    ] = False,
    trade_union: Annotated[
        bool, typer.Option("--trade-union", help="help.candidate.apply.trade_union")
    ] = False,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """The application and its introducers."""
    run_step(
        ctx,
        "apply",
        candidate_id,
        date_,
        fmt,
        introducers=introducer,
        youth_union=youth_union,
        trade_union=trade_union,
    )


def propose(
    ctx: typer.Context,
    candidate_id: CandidateId,
    date_: DateOption,
    resolution: Annotated[
        str | None,
        typer.Option("--resolution", metavar="metavar.reference", help="help.candidate.propose.resolution"),
    ] = None,
    votes_for: Annotated[
        int | None,
        typer.Option("--votes-for", metavar="metavar.number", help="help.candidate.propose.votes_for"),
    ] = None,
    official_members: Annotated[
        int | None,
        typer.Option(
            "--official-members", metavar="metavar.number", help="help.candidate.propose.official_members"
        ),
    ] = None,
    age_exception: Annotated[
        str | None,
        typer.Option(
            "--age-exception", metavar="metavar.reference", help="help.candidate.propose.age_exception"
        ),
    ] = None,
    excluded: Annotated[
        int | None,
        typer.Option("--excluded", metavar="metavar.number", help="help.candidate.propose.excluded"),
    ] = None,
    reason: Annotated[
        str | None, typer.Option("--reason", metavar="metavar.text", help="help.candidate.propose.reason")
    ] = None,
    education_exception: Annotated[
        str | None,
        typer.Option(
            "--education-exception", metavar="metavar.text", help="help.candidate.propose.education_exception"
        ),
    ] = None,
    override: OverrideOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """The cell's resolution proposing admission; every rule is checked."""
    run_step(
        ctx,
        "propose",
        candidate_id,
        date_,
        fmt,
        resolution_no=resolution,
        votes_for=votes_for,
        official_members=official_members,
        age_exception=age_exception,
        excluded=excluded,
        excluded_reason=reason,
        education_exception=education_exception,
        override=override,
    )


def drop(
    ctx: typer.Context,
    candidate_id: CandidateId,
    date_: DateOption,
    reason: Annotated[
        str, typer.Option("--reason", metavar="metavar.text", help="help.candidate.drop.reason")
    ],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Drop a candidate."""
    run_step(ctx, "drop", candidate_id, date_, fmt, reason=reason)


def check(
    ctx: typer.Context,
    candidate_id: CandidateId,
    at: Annotated[str | None, typer.Option("--at", metavar="metavar.date", help="help.option.at")] = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
    wide: WideOption = False,
) -> None:
    """Every rule: pass, fail or warn, with its source. Exits 1 when a rule fails (the list is written
    first, in every format)."""
    from dangvien_cli.store.workflow import check_candidate

    app_ctx = app_context(ctx)
    with app_ctx.reader() as session:
        results = check_candidate(
            session=session,
            candidate_id=candidate_id,
            at=parse_day(at, "at", today()),
            settings=app_ctx.settings,
        )
    view = list_view(Title("title.checks"), rule_rows(results, app_ctx.lang), CHECK_COLUMNS)
    emit(view, fmt, app_ctx.lang, output=output, force=force, wide=wide)
    if any(r.status == RuleStatus.fail for r in results):  # for scripts: the exit code says it too
        raise typer.Exit(1)


def admit(
    ctx: typer.Context,
    candidate_id: CandidateId,
    decision: Annotated[
        str, typer.Option("--decision", metavar="metavar.reference", help="help.admit.decision")
    ],
    decision_date: Annotated[
        str, typer.Option("--decision-date", metavar="metavar.date", help="help.admit.decision_date")
    ],
    ceremony_date: Annotated[
        str | None,
        typer.Option("--ceremony-date", metavar="metavar.date", help="help.admit.ceremony_date"),
    ] = None,
    received: Annotated[
        str | None, typer.Option("--received", metavar="metavar.date", help="help.admit.received")
    ] = None,
    extended_by: Annotated[
        int | None, typer.Option("--extended-by", metavar="metavar.number", help="help.admit.extended_by")
    ] = None,
    reason: Annotated[
        str | None, typer.Option("--reason", metavar="metavar.text", help="help.admit.reason")
    ] = None,
    override: OverrideOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """The admission decision: a probationary member is created."""
    from dangvien_cli.store.people import show_member
    from dangvien_cli.store.workflow import admit as store_admit

    app_ctx = app_context(ctx)
    decided = parse_date(decision_date, "decision_date")
    ceremony = parse_date(ceremony_date, "ceremony_date") if ceremony_date else None
    received_on = parse_day(received, "received")
    with app_ctx.writer() as session, rules_reported(app_ctx.lang, fmt):
        member, outcome = store_admit(
            session=session,
            candidate_id=candidate_id,
            decision_no=decision,
            decision_on=decided,
            today=today(),
            ceremony_on=ceremony,
            override=override,
            settings=app_ctx.settings,
            received_on=received_on,
            extended_by=extended_by,
            extension_reason=reason,
        )
        assert member.id is not None
        record = show_member(session=session, member_id=member.id, on=decided)
    _overridden(outcome.overridden, override, app_ctx.lang)
    notice(t("done.admitted", app_ctx.lang, member=record.id, id=candidate_id))
    if fmt is not OutputFormat.table:
        emit(record_view(record, Title(text=record.full_name)), fmt, app_ctx.lang)


def ceremony(
    ctx: typer.Context,
    member_id: MemberId,
    date_: DateOption,
    received: Annotated[
        str | None, typer.Option("--received", metavar="metavar.date", help="help.member.ceremony.received")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Record a ceremony held after the decision."""
    run_step(ctx, "ceremony", member_id, date_, fmt, received_on=parse_day(received, "received"))


def recognize(
    ctx: typer.Context, member_id: MemberId, date_: DateOption, fmt: FormatOption = OutputFormat.table
) -> None:
    """Official status, from the end of probation."""
    run_step(ctx, "recognize", member_id, date_, fmt)


def remove(
    ctx: typer.Context,
    member_id: MemberId,
    date_: DateOption,
    reason: Annotated[
        str, typer.Option("--reason", metavar="metavar.text", help="help.member.remove.reason")
    ],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Not recognised: the probationary member's name is removed."""
    run_step(ctx, "remove", member_id, date_, fmt, reason=reason)
