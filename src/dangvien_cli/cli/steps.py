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

CandidateId = Annotated[int, typer.Argument(metavar="ID", help="Số quần chúng / candidate ID.")]
MemberId = Annotated[int, typer.Argument(metavar="M", help="Số đảng viên / member ID.")]
DateOption = Annotated[str, typer.Option("--date", help="Ngày / date (31/10/2022 or 2022-10-31).")]
OverrideOption = Annotated[
    str | None,
    typer.Option(
        "--override", help="Vẫn tiếp tục dù không đạt điều kiện, ghi lý do / go ahead anyway, with a reason."
    ),
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
def rules_reported(lang: str) -> Iterator[None]:
    """List each failed rule on stderr before the one-line refusal."""
    from dangvien_cli.store.workflow import RulesFailed

    try:
        yield
    except RulesFailed as failed:
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
        with rules_reported(lang):
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
        int, typer.Option("--member", help="Đảng viên chính thức giúp đỡ / the mentor's member ID.")
    ],
    date_: DateOption,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Phân công đảng viên giúp đỡ. / Assign a mentor (an official member of the same base organisation)."""
    run_step(ctx, "mentor", candidate_id, date_, fmt, member_id=member)


def review(
    ctx: typer.Context,
    candidate_id: CandidateId,
    by: Annotated[int, typer.Option("--by", help="Đảng viên giúp đỡ / the mentor's member ID.")],
    date_: DateOption,
    note: Annotated[str, typer.Option("--note", help="Nhận xét / the remark.")],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Nhận xét hằng tháng của người giúp đỡ. / The mentor's monthly remark."""
    run_step(ctx, "review", candidate_id, date_, fmt, by=by, note=note)


def train(
    ctx: typer.Context,
    candidate_id: CandidateId,
    date_: DateOption,
    certificate: Annotated[str | None, typer.Option("--certificate", help="Số giấy chứng nhận.")] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Học lớp bồi dưỡng nhận thức về Đảng. / The party-awareness class certificate."""
    run_step(ctx, "train", candidate_id, date_, fmt, certificate_no=certificate)


def apply(
    ctx: typer.Context,
    candidate_id: CandidateId,
    date_: DateOption,
    introducer: Annotated[
        list[int],
        typer.Option("--introducer", help="Đảng viên giới thiệu (hai lần, hoặc một và --youth-union)."),
    ],
    youth_union: Annotated[
        bool,
        typer.Option("--youth-union", help="Đoàn giới thiệu thay một người / Youth Union stands in for one."),
    ] = False,
    trade_union: Annotated[
        bool, typer.Option("--trade-union", help="help.candidate.apply.trade_union")
    ] = False,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Đơn xin vào Đảng, người giới thiệu. / The application and its introducers."""
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
    resolution: Annotated[str | None, typer.Option("--resolution", help="Số nghị quyết chi bộ.")] = None,
    votes_for: Annotated[
        int | None, typer.Option("--votes-for", help="Số phiếu tán thành / votes for.")
    ] = None,
    official_members: Annotated[
        int | None, typer.Option("--official-members", help="Số đảng viên chính thức của chi bộ.")
    ] = None,
    age_exception: Annotated[
        str | None, typer.Option("--age-exception", help="Văn bản chấp thuận cho người quá 60 tuổi.")
    ] = None,
    excluded: Annotated[
        int | None, typer.Option("--excluded", metavar="N", help="help.candidate.propose.excluded")
    ] = None,
    reason: Annotated[str | None, typer.Option("--reason", help="help.candidate.propose.reason")] = None,
    education_exception: Annotated[
        str | None, typer.Option("--education-exception", help="help.candidate.propose.education_exception")
    ] = None,
    override: OverrideOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Chi bộ đề nghị kết nạp (kiểm tra mọi điều kiện). / The cell's resolution; every rule is checked."""
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
    reason: Annotated[str, typer.Option("--reason", help="Lý do / reason.")],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Đưa ra khỏi danh sách nguồn. / Drop a candidate."""
    run_step(ctx, "drop", candidate_id, date_, fmt, reason=reason)


def check(
    ctx: typer.Context,
    candidate_id: CandidateId,
    at: Annotated[
        str | None, typer.Option("--at", help="Tại ngày / as of this date (default today).")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
    wide: WideOption = False,
) -> None:
    """Kiểm tra mọi điều kiện, kèm căn cứ. / Every rule: pass, fail or warn, with its source."""
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


def admit(
    ctx: typer.Context,
    candidate_id: CandidateId,
    decision: Annotated[str, typer.Option("--decision", help="Số quyết định kết nạp / decision number.")],
    decision_date: Annotated[str, typer.Option("--decision-date", help="Ngày quyết định / decision date.")],
    ceremony_date: Annotated[
        str | None, typer.Option("--ceremony-date", help="Ngày lễ kết nạp, nếu đã tổ chức / ceremony date.")
    ] = None,
    received: Annotated[str | None, typer.Option("--received", help="help.admit.received")] = None,
    extended_by: Annotated[
        int | None, typer.Option("--extended-by", metavar="DAYS", help="help.admit.extended_by")
    ] = None,
    reason: Annotated[str | None, typer.Option("--reason", help="help.admit.reason")] = None,
    override: OverrideOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Quyết định kết nạp: tạo đảng viên dự bị. / The admission decision: a probationary member is created."""
    from dangvien_cli.store.people import show_member
    from dangvien_cli.store.workflow import admit as store_admit

    app_ctx = app_context(ctx)
    decided = parse_date(decision_date, "decision_date")
    ceremony = parse_date(ceremony_date, "ceremony_date") if ceremony_date else None
    received_on = parse_day(received, "received")
    with app_ctx.writer() as session, rules_reported(app_ctx.lang):
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
    received: Annotated[str | None, typer.Option("--received", help="help.member.ceremony.received")] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Ghi lễ kết nạp tổ chức sau quyết định. / Record a ceremony held after the decision."""
    run_step(ctx, "ceremony", member_id, date_, fmt, received_on=parse_day(received, "received"))


def recognize(
    ctx: typer.Context, member_id: MemberId, date_: DateOption, fmt: FormatOption = OutputFormat.table
) -> None:
    """Công nhận đảng viên chính thức (từ ngày hết dự bị). / Official status, from the end of probation."""
    run_step(ctx, "recognize", member_id, date_, fmt)


def remove(
    ctx: typer.Context,
    member_id: MemberId,
    date_: DateOption,
    reason: Annotated[str, typer.Option("--reason", help="Lý do / reason.")],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Không công nhận chính thức: xóa tên đảng viên dự bị. / Not recognised: the name is removed."""
    run_step(ctx, "remove", member_id, date_, fmt, reason=reason)
