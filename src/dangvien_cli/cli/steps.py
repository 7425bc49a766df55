"""The admission workflow's commands: ``candidate mentor|review|train|apply|propose|drop|check``, ``admit``
and ``member ceremony|recognize|remove``. Registered on their groups by candidate.py, member.py and app.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer

from dangvien_cli.cli.common import AppContext, app_context, parse_day, today
from dangvien_cli.cli.options import ForceOption, FormatOption, OutputOption
from dangvien_cli.cli.output import emit, notice
from dangvien_cli.domain.dates import parse_date as parse_any_date
from dangvien_cli.domain.vocab import RuleStatus
from dangvien_cli.errors import InvalidValue
from dangvien_cli.messages import t
from dangvien_cli.render.formats import OutputFormat
from dangvien_cli.render.model import Column, Title, list_view, record_view

if TYPE_CHECKING:
    from sqlmodel import Session

    from dangvien_cli.domain.rules import RuleResult

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
    Column("source"),
]


def parse_date(text: str, field: str) -> Any:
    """A step's date: a real date, and not in the future (a step records what happened)."""
    day = parse_any_date(text, field)
    if day > today():
        raise InvalidValue(field, text, "date.future")
    return day


def rule_rows(results: list[RuleResult], lang: str) -> list[dict[str, Any]]:
    """Rule results as the stable JSON of ``candidate check``: code, status, detail, source."""
    return [
        {"code": r.code, "status": r.status, "detail": t(r.key, lang, **r.params), "source": r.source}
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


def _candidate_step(
    ctx: typer.Context, candidate_id: int, fmt: OutputFormat, step: Callable[[Session, AppContext], str]
) -> None:
    """Run one step in a transaction, say what it did, and show the candidate's record for scripts."""
    from dangvien_cli.store.people import show_candidate

    app_ctx = app_context(ctx)
    with app_ctx.writer() as session:
        message = step(session, app_ctx)
        record = show_candidate(session=session, candidate_id=candidate_id)
    notice(message)
    if fmt is not OutputFormat.table:
        emit(record_view(record, Title(text=record["full_name"])), fmt, app_ctx.lang)


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
    from dangvien_cli.store.workflow import assign_mentor

    def step(session: Session, app_ctx: AppContext) -> str:
        assign_mentor(
            session=session, candidate_id=candidate_id, member_id=member, on=parse_date(date_, "date")
        )
        return t("done.mentor", app_ctx.lang, member=member, id=candidate_id)

    _candidate_step(ctx, candidate_id, fmt, step)


def review(
    ctx: typer.Context,
    candidate_id: CandidateId,
    by: Annotated[int, typer.Option("--by", help="Đảng viên giúp đỡ / the mentor's member ID.")],
    date_: DateOption,
    note: Annotated[str, typer.Option("--note", help="Nhận xét / the remark.")],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Nhận xét hằng tháng của người giúp đỡ. / The mentor's monthly remark."""
    from dangvien_cli.store.workflow import add_review

    def step(session: Session, app_ctx: AppContext) -> str:
        add_review(session=session, candidate_id=candidate_id, by=by, on=parse_date(date_, "date"), note=note)
        return t("done.review", app_ctx.lang, id=candidate_id)

    _candidate_step(ctx, candidate_id, fmt, step)


def train(
    ctx: typer.Context,
    candidate_id: CandidateId,
    date_: DateOption,
    certificate: Annotated[str | None, typer.Option("--certificate", help="Số giấy chứng nhận.")] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Học lớp bồi dưỡng nhận thức về Đảng. / The party-awareness class certificate."""
    from dangvien_cli.store.workflow import record_training

    def step(session: Session, app_ctx: AppContext) -> str:
        record_training(
            session=session,
            candidate_id=candidate_id,
            on=parse_date(date_, "date"),
            certificate_no=certificate,
        )
        return t("done.step", app_ctx.lang, id=candidate_id, stage=t("stage.trained", app_ctx.lang))

    _candidate_step(ctx, candidate_id, fmt, step)


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
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Đơn xin vào Đảng, người giới thiệu. / The application and its introducers."""
    from dangvien_cli.store.workflow import record_application

    def step(session: Session, app_ctx: AppContext) -> str:
        record_application(
            session=session,
            candidate_id=candidate_id,
            on=parse_date(date_, "date"),
            introducers=introducer,
            youth_union=youth_union,
        )
        return t("done.step", app_ctx.lang, id=candidate_id, stage=t("stage.applied", app_ctx.lang))

    _candidate_step(ctx, candidate_id, fmt, step)


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
    override: OverrideOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Chi bộ đề nghị kết nạp (kiểm tra mọi điều kiện). / The cell's resolution; every rule is checked."""
    from dangvien_cli.domain.settings import load_settings
    from dangvien_cli.store.workflow import propose as store_propose

    def step(session: Session, app_ctx: AppContext) -> str:
        with rules_reported(app_ctx.lang):
            outcome = store_propose(
                session=session,
                candidate_id=candidate_id,
                on=parse_date(date_, "date"),
                resolution_no=resolution,
                votes_for=votes_for,
                official_members=official_members,
                age_exception=age_exception,
                override=override,
                settings=load_settings(),
            )
        _overridden(outcome.overridden, override, app_ctx.lang)
        return t("done.step", app_ctx.lang, id=candidate_id, stage=t("stage.proposed", app_ctx.lang))

    _candidate_step(ctx, candidate_id, fmt, step)


def drop(
    ctx: typer.Context,
    candidate_id: CandidateId,
    date_: DateOption,
    reason: Annotated[str, typer.Option("--reason", help="Lý do / reason.")],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Đưa ra khỏi danh sách nguồn. / Drop a candidate."""
    from dangvien_cli.store.workflow import drop_candidate

    def step(session: Session, app_ctx: AppContext) -> str:
        drop_candidate(
            session=session, candidate_id=candidate_id, on=parse_date(date_, "date"), reason=reason
        )
        return t("done.step", app_ctx.lang, id=candidate_id, stage=t("stage.dropped", app_ctx.lang))

    _candidate_step(ctx, candidate_id, fmt, step)


def check(
    ctx: typer.Context,
    candidate_id: CandidateId,
    at: Annotated[
        str | None, typer.Option("--at", help="Tại ngày / as of this date (default today).")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Kiểm tra mọi điều kiện, kèm căn cứ. / Every rule: pass, fail or warn, with its source."""
    from dangvien_cli.domain.settings import load_settings
    from dangvien_cli.store.workflow import check_candidate

    app_ctx = app_context(ctx)
    with app_ctx.reader() as session:
        results = check_candidate(
            session=session,
            candidate_id=candidate_id,
            at=parse_day(at, "at", today()),
            settings=load_settings(),
        )
    view = list_view(Title("title.checks"), rule_rows(results, app_ctx.lang), CHECK_COLUMNS)
    emit(view, fmt, app_ctx.lang, output=output, force=force)


def admit(
    ctx: typer.Context,
    candidate_id: CandidateId,
    decision: Annotated[str, typer.Option("--decision", help="Số quyết định kết nạp / decision number.")],
    decision_date: Annotated[str, typer.Option("--decision-date", help="Ngày quyết định / decision date.")],
    ceremony_date: Annotated[
        str | None, typer.Option("--ceremony-date", help="Ngày lễ kết nạp, nếu đã tổ chức / ceremony date.")
    ] = None,
    override: OverrideOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Quyết định kết nạp: tạo đảng viên dự bị. / The admission decision: a probationary member is created."""
    from dangvien_cli.domain.settings import load_settings
    from dangvien_cli.store.people import show_member
    from dangvien_cli.store.workflow import admit as store_admit

    app_ctx = app_context(ctx)
    decided = parse_date(decision_date, "decision_date")
    ceremony = parse_date(ceremony_date, "ceremony_date") if ceremony_date else None
    with app_ctx.writer() as session, rules_reported(app_ctx.lang):
        member, outcome = store_admit(
            session=session,
            candidate_id=candidate_id,
            decision_no=decision,
            decision_on=decided,
            today=today(),
            ceremony_on=ceremony,
            override=override,
            settings=load_settings(),
        )
        assert member.id is not None
        record = show_member(session=session, member_id=member.id, on=decided)
    _overridden(outcome.overridden, override, app_ctx.lang)
    notice(t("done.admitted", app_ctx.lang, member=record["id"], id=candidate_id))
    if fmt is not OutputFormat.table:
        emit(record_view(record, Title(text=record["full_name"])), fmt, app_ctx.lang)


def _member_step(
    ctx: typer.Context, member_id: int, fmt: OutputFormat, step: Callable[[Session, AppContext], str]
) -> None:
    from dangvien_cli.store.people import show_member

    app_ctx = app_context(ctx)
    with app_ctx.writer() as session:
        message = step(session, app_ctx)
        record = show_member(session=session, member_id=member_id, on=today())
    notice(message)
    if fmt is not OutputFormat.table:
        emit(record_view(record, Title(text=record["full_name"])), fmt, app_ctx.lang)


def ceremony(
    ctx: typer.Context, member_id: MemberId, date_: DateOption, fmt: FormatOption = OutputFormat.table
) -> None:
    """Ghi lễ kết nạp tổ chức sau quyết định. / Record a ceremony held after the decision."""
    from dangvien_cli.store.workflow import record_ceremony

    def step(session: Session, app_ctx: AppContext) -> str:
        record_ceremony(session=session, member_id=member_id, on=parse_date(date_, "date"))
        return t("done.ceremony", app_ctx.lang, id=member_id)

    _member_step(ctx, member_id, fmt, step)


def recognize(
    ctx: typer.Context, member_id: MemberId, date_: DateOption, fmt: FormatOption = OutputFormat.table
) -> None:
    """Công nhận đảng viên chính thức (từ ngày hết dự bị). / Official status, from the end of probation."""
    from dangvien_cli.domain.settings import load_settings
    from dangvien_cli.store.workflow import recognize as store_recognize

    def step(session: Session, app_ctx: AppContext) -> str:
        member = store_recognize(
            session=session, member_id=member_id, on=parse_date(date_, "date"), settings=load_settings()
        )
        assert member.official_on is not None
        return t("done.recognized", app_ctx.lang, id=member_id, on=member.official_on.isoformat())

    _member_step(ctx, member_id, fmt, step)


def remove(
    ctx: typer.Context,
    member_id: MemberId,
    date_: DateOption,
    reason: Annotated[str, typer.Option("--reason", help="Lý do / reason.")],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Không công nhận chính thức: xóa tên đảng viên dự bị. / Not recognised: the name is removed."""
    from dangvien_cli.store.workflow import remove_probationary

    def step(session: Session, app_ctx: AppContext) -> str:
        remove_probationary(session=session, member_id=member_id, on=parse_date(date_, "date"), reason=reason)
        return t("done.removed", app_ctx.lang, id=member_id)

    _member_step(ctx, member_id, fmt, step)
