"""``candidate substitute|readmission|extend``: what the workflow records beside its steps. Registered on the
candidate group by candidate.py.

- ``substitute ID --introducer M --replaces OLD --reason moved|died|disciplined``: an official member stands
  in for an introducer (Quy định 294-QĐ/TW point 3.2.2), without the 12 months together;
- ``readmission ID [--member M] [--left DATE] [--exit CODE] [--expunged DATE] [--approval NO
  --approval-date DATE] [--readmitted-before] [--clear]``: a former member (point 3.5);
- ``extend ID --extended-by DAYS --reason TEXT``: the decision's 60 working days extended (point 4.3.1).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer

from dangvien_cli.cli.choices import choice_option
from dangvien_cli.cli.common import app_context, parse_day, today
from dangvien_cli.cli.options import FormatOption
from dangvien_cli.cli.output import emit, notice
from dangvien_cli.cli.steps import CandidateId, DateOption
from dangvien_cli.domain.dates import parse_date
from dangvien_cli.domain.vocab import PriorExit, SubstitutionReason
from dangvien_cli.messages import t
from dangvien_cli.render.formats import OutputFormat
from dangvien_cli.render.model import Title, record_view


def _record(
    ctx: typer.Context, candidate_id: int, fmt: OutputFormat, done: str, change: Callable[..., Any]
) -> None:
    """Make ``change`` in one transaction, say ``done``, and show the candidate's record to scripts."""
    from dangvien_cli.store.people import show_candidate

    app_ctx = app_context(ctx)
    with app_ctx.writer() as session:
        change(session)
        record = show_candidate(session=session, candidate_id=candidate_id)
    notice(t(done, app_ctx.lang, id=candidate_id))
    if fmt is not OutputFormat.table:
        emit(record_view(record, Title(text=record.full_name)), fmt, app_ctx.lang)


def substitute(
    ctx: typer.Context,
    candidate_id: CandidateId,
    introducer: Annotated[
        int, typer.Option("--introducer", metavar="metavar.id", help="help.candidate.substitute.introducer")
    ],
    replaces: Annotated[
        int, typer.Option("--replaces", metavar="metavar.id", help="help.candidate.substitute.replaces")
    ],
    reason: Annotated[
        SubstitutionReason,
        choice_option(
            SubstitutionReason, "--reason", metavar="metavar.reason", help="help.candidate.substitute.reason"
        ),
    ],
    date_: DateOption,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """A substitute introducer (``help.candidate.substitute``)."""
    from dangvien_cli.store.admission_records import substitute_introducer

    on = parse_date(date_, "date")
    _record(
        ctx,
        candidate_id,
        fmt,
        "done.substituted",
        lambda session: substitute_introducer(
            session=session,
            candidate_id=candidate_id,
            member_id=introducer,
            replaces=replaces,
            reason=reason.value,
            on=on,
            today=today(),
        ),
    )


def readmission(
    ctx: typer.Context,
    candidate_id: CandidateId,
    member: Annotated[
        int | None, typer.Option("--member", metavar="metavar.id", help="help.candidate.readmission.member")
    ] = None,
    left: Annotated[
        str | None, typer.Option("--left", metavar="metavar.date", help="help.candidate.readmission.left")
    ] = None,
    exit_: Annotated[
        PriorExit | None,
        choice_option(PriorExit, "--exit", metavar="metavar.reason", help="help.candidate.readmission.exit"),
    ] = None,
    expunged: Annotated[
        str | None,
        typer.Option("--expunged", metavar="metavar.date", help="help.candidate.readmission.expunged"),
    ] = None,
    approval: Annotated[
        str | None,
        typer.Option("--approval", metavar="metavar.reference", help="help.candidate.readmission.approval"),
    ] = None,
    approval_date: Annotated[
        str | None,
        typer.Option(
            "--approval-date", metavar="metavar.date", help="help.candidate.readmission.approval_date"
        ),
    ] = None,
    readmitted_before: Annotated[
        bool | None,
        typer.Option(
            "--readmitted-before/--not-readmitted-before", help="help.candidate.readmission.readmitted_before"
        ),
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help="help.candidate.readmission.clear")] = False,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """A former member asking to be re-admitted (``help.candidate.readmission``)."""
    from dangvien_cli.store.admission_records import record_prior_membership

    days = {
        "left_on": parse_day(left, "left"),
        "expunged_on": parse_day(expunged, "expunged"),
        "approval_on": parse_day(approval_date, "approval_date"),
    }
    _record(
        ctx,
        candidate_id,
        fmt,
        "done.readmission",
        lambda session: record_prior_membership(
            session=session,
            candidate_id=candidate_id,
            today=today(),
            member_id=member,
            exit_reason=exit_.value if exit_ else None,
            readmitted_before=readmitted_before,
            approval_no=approval,
            clear=clear,
            **days,
        ),
    )


def extend(
    ctx: typer.Context,
    candidate_id: CandidateId,
    extended_by: Annotated[
        int, typer.Option("--extended-by", metavar="metavar.number", help="help.candidate.extend.extended_by")
    ],
    reason: Annotated[
        str, typer.Option("--reason", metavar="metavar.text", help="help.candidate.extend.reason")
    ],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """The decision's deadline extended (``help.candidate.extend``)."""
    from dangvien_cli.store.admission_records import extend_decision_deadline

    settings = app_context(ctx).settings
    _record(
        ctx,
        candidate_id,
        fmt,
        "done.extended",
        lambda session: extend_decision_deadline(
            session=session, candidate_id=candidate_id, days=extended_by, reason=reason, settings=settings
        ),
    )
