"""The monthly cell report (báo cáo sinh hoạt chi bộ hằng tháng): the paper a cell brings to its meeting.

For one cell and one month: members at the start and the end of the month, who joined, left, moved in or out
or became official, the candidates on the month's last day (stage, mentor, days in stage, last remark), the
month's remarks and the mentored candidates still without one, the admission decisions, what is due next
month, and the quota progress of the cell's base organisation.

Counts are SQL aggregates; the lists of people of one cell in one month are small and loaded as rows.
Candidates are shown as they stood on the month's last day (their stage then follows from their dated
steps), so that a past month's paper can be printed again later and read the same. A paper covers the cell
and the cells merged into it (see :mod:`.monthly_merges`).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.domain.dates import month_end
from dangvien_cli.domain.settings import Settings
from dangvien_cli.domain.stages import ACTIVE_STAGES, stage_on
from dangvien_cli.domain.vocab import Stage
from dangvien_cli.errors import InvalidValue
from dangvien_cli.messages import numbers
from dangvien_cli.render.model import Title
from dangvien_cli.reports.due import due_items
from dangvien_cli.reports.monthly_merges import (
    base_on,
    departures,
    in_month,
    merged_in,
    merged_out,
    not_by_merge,
    paper_cells,
)
from dangvien_cli.reports.monthly_merges import (
    cells_under as cells_under,  # for report monthly --org (its home was here)
)
from dangvien_cli.reports.paper import QUOTA_KEYS, MonthlyReport
from dangvien_cli.reports.quota import quota_report
from dangvien_cli.reports.titles import document
from dangvien_cli.store.models import (
    Admission,
    Candidate,
    Member,
    Membership,
    Organisation,
    Remark,
)
from dangvien_cli.store.orgs import check_member_unit, membership_at
from dangvien_cli.store.people import step_dates
from dangvien_cli.store.tree import candidate_cell_on, candidate_in_cells_on

# A month as officers write it: year first with a dash (2022-10, as in file names and ISO dates), or month
# first with a slash or a dash (10/2022, 10-2022, as on paper). Only a four-digit year: 10/22 is refused.
_MONTH_FORMS = (
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})$"),
    re.compile(r"^(?P<month>\d{1,2})[/-](?P<year>\d{4})$"),
)


def parse_month(text: str) -> date:
    """``2022-10``, ``10/2022`` or ``10-2022`` → the month's first day; :class:`InvalidValue` on ``month``
    otherwise."""
    cleaned = text.strip()
    for form in _MONTH_FORMS:
        match = form.match(cleaned)
        if match is not None:
            year, month = int(match["year"]), int(match["month"])
            if 1 <= month <= 12 and 1900 <= year <= 2200:
                return date(year, month, 1)
            break
    raise InvalidValue("month", text, "monthly.month_format")


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _counts(session: Session, cell_ids: list[int], on: date) -> tuple[int, int]:
    """Members and official members of the paper's cells on ``on``: one aggregate."""
    official = sa.and_(col(Member.official_on).is_not(None), col(Member.official_on) <= on)
    total, official_count = session.execute(
        select(sa.func.count(), sa.func.coalesce(sa.func.sum(sa.case((official, 1), else_=0)), 0))
        .select_from(Membership)
        .join(Member, col(Member.id) == Membership.member_id)
        .where(col(Membership.cell_id).in_(cell_ids), membership_at(on))
    ).one()
    return int(total), int(official_count)


def _joined(session: Session, cell_ids: list[int], first: date, last: date) -> list[dict[str, Any]]:
    """Admitted in the month, with their first membership in this cell."""
    query = (
        select(Member)
        .join(Membership, col(Membership.member_id) == Member.id)
        .where(
            col(Membership.cell_id).in_(cell_ids),
            col(Membership.start_on) == col(Member.admitted_on),
            in_month(col(Member.admitted_on), first, last),
        )
        .distinct()
        .order_by(col(Member.admitted_on), col(Member.name_sort), col(Member.id))
    )
    return [
        {
            "member_id": m.id,
            "full_name": m.full_name,
            "gender": m.gender,
            "birth_date": m.birth_date.isoformat(),
            "admitted_on": m.admitted_on.isoformat(),
            "decision_no": m.decision_no,
        }
        for m in session.exec(query)
    ]


def _moved_in(session: Session, cell_ids: list[int], first: date, last: date) -> list[dict[str, Any]]:
    """Memberships of this cell starting in the month that are not the member's first one."""
    earlier = sa.orm.aliased(Membership)
    source = sa.orm.aliased(Organisation)
    previous = (
        select(source.code)
        .select_from(earlier)
        .join(source, col(source.id) == earlier.cell_id)
        .where(
            col(earlier.member_id) == Membership.member_id,
            col(earlier.id) != Membership.id,
            col(earlier.start_on) <= Membership.start_on,
        )
        .order_by(col(earlier.start_on).desc(), col(earlier.id).desc())
        .limit(1)
        .correlate(Membership)
        .scalar_subquery()
    )
    not_first = sa.exists(
        select(earlier.id).where(
            col(earlier.member_id) == Membership.member_id,
            sa.or_(
                col(earlier.start_on) < Membership.start_on,
                sa.and_(col(earlier.start_on) == Membership.start_on, col(earlier.id) < Membership.id),
            ),
        )
    )
    query = (
        select(Membership, Member.full_name, previous)
        .join(Member, col(Member.id) == Membership.member_id)
        .where(
            col(Membership.cell_id).in_(cell_ids),
            in_month(col(Membership.start_on), first, last),
            not_first,
            not_by_merge(Membership.reason),  # a merge is not a transfer: see merged_in
        )
        .order_by(col(Membership.start_on), col(Member.name_sort), col(Membership.id))
    )
    return [
        {
            "member_id": m.member_id,
            "full_name": name,
            "moved_on": m.start_on.isoformat(),
            "from_cell": from_cell,
        }
        for m, name, from_cell in session.execute(query)
    ]


def _left(session: Session, cell_ids: list[int], first: date, last: date) -> list[dict[str, Any]]:
    """Members who left in the month, whose last cell was this one."""
    last_cell = (
        select(Membership.cell_id)
        .where(Membership.member_id == Member.id)
        .order_by(col(Membership.start_on).desc(), col(Membership.id).desc())
        .limit(1)
        .correlate(Member)
        .scalar_subquery()
    )
    # Whoever's last cell this was had a membership here: reading the cell's memberships first (an index
    # range) spares a read of every member of the database for one cell's paper.
    been_here = select(Membership.member_id).where(col(Membership.cell_id).in_(cell_ids))
    query = (
        select(Member)
        .where(
            col(Member.id).in_(been_here),
            in_month(col(Member.left_on), first, last),
            last_cell.in_(cell_ids),
        )
        .order_by(col(Member.left_on), col(Member.name_sort), col(Member.id))
    )
    return [
        {
            "member_id": m.id,
            "full_name": m.full_name,
            "left_on": _iso(m.left_on),
            "left_reason": m.left_reason,
            "left_note": m.left_note,
        }
        for m in session.exec(query)
    ]


def _became_official(session: Session, cell_ids: list[int], first: date, last: date) -> list[dict[str, Any]]:
    """Members recognised as official with effect in the month, in this cell on that day."""
    query = (
        select(Member)
        .join(Membership, col(Membership.member_id) == Member.id)
        .where(
            col(Membership.cell_id).in_(cell_ids),
            in_month(col(Member.official_on), first, last),
            col(Membership.start_on) <= col(Member.official_on),
            sa.or_(col(Membership.end_on).is_(None), col(Membership.end_on) > col(Member.official_on)),
        )
        .distinct()
        .order_by(col(Member.official_on), col(Member.name_sort), col(Member.id))
    )
    return [
        {
            "member_id": m.id,
            "full_name": m.full_name,
            "admitted_on": m.admitted_on.isoformat(),
            "ceremony_on": _iso(m.ceremony_on),
            "official_on": _iso(m.official_on),
        }
        for m in session.exec(query)
    ]


def _candidates(
    session: Session, cell_ids: list[int], first: date, last: date
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """The candidates active on the month's last day, the month's remarks, and who is without one."""
    decided = (
        select(col(Admission.decision_on))
        .where(col(Admission.candidate_id) == Candidate.id)
        .correlate(Candidate)
        .scalar_subquery()
    )
    # Active on the last day: identified by then, and neither dropped nor admitted by then.
    in_cells = candidate_in_cells_on(last, Candidate, cell_ids)  # where they were on the last day
    active = sa.and_(
        in_cells,
        col(Candidate.identified_on) <= last,
        sa.or_(
            col(Candidate.stage).in_([stage.value for stage in ACTIVE_STAGES]),
            sa.and_(col(Candidate.stage) == Stage.dropped.value, col(Candidate.dropped_on) > last),
            sa.and_(col(Candidate.stage) == Stage.admitted.value, decided > last),
        ),
    )
    mentor = sa.orm.aliased(Member)
    rows = session.execute(
        select(Candidate, mentor.full_name)
        .join(mentor, col(mentor.id) == Candidate.mentor_id, isouter=True)
        .where(active)
        .order_by(col(Candidate.name_sort), col(Candidate.id))
    ).all()
    ids = [c.id for c, _ in rows]
    latest: dict[int, Remark] = {}
    for remark in session.exec(
        select(Remark)
        .where(col(Remark.candidate_id).in_(ids), col(Remark.remarked_on) <= last)
        .order_by(col(Remark.remarked_on), col(Remark.id))
    ):
        latest[remark.candidate_id] = remark  # ordered by date: the last one wins
    author = sa.orm.aliased(Member)
    month_remarks = session.execute(
        select(Remark, Candidate.full_name, author.full_name)
        .join(Candidate, col(Candidate.id) == Remark.candidate_id)
        .join(author, col(author.id) == Remark.author_id)
        .where(in_cells, in_month(col(Remark.remarked_on), first, last))
        .order_by(col(Remark.remarked_on), col(Candidate.name_sort), col(Remark.id))
    ).all()
    remarked = {r.candidate_id for r, _, _ in month_remarks}

    candidates: list[dict[str, Any]] = []
    without: list[dict[str, Any]] = []
    for candidate, mentor_name in rows:
        stage, since = stage_on(step_dates(candidate), last) or (Stage.identified, candidate.identified_on)
        has_mentor = (
            candidate.mentor_id is not None
            and candidate.mentor_assigned_on is not None
            and candidate.mentor_assigned_on <= last
        )
        previous = latest.get(candidate.id or 0)
        record = {
            "candidate_id": candidate.id,
            "full_name": candidate.full_name,
            "birth_date": candidate.birth_date.isoformat(),
            "source": candidate.source,
            "stage": stage.value,
            "stage_on": since.isoformat(),
            "days_in_stage": (last - since).days,
            "mentor_id": candidate.mentor_id if has_mentor else None,
            "mentor_name": mentor_name if has_mentor else None,
            "last_remark_on": _iso(previous.remarked_on) if previous else None,
            "last_remark": previous.text if previous else None,
        }
        candidates.append(record)
        if has_mentor and candidate.id not in remarked:
            without.append(
                {
                    "candidate_id": candidate.id,
                    "full_name": candidate.full_name,
                    "mentor_id": candidate.mentor_id,
                    "mentor_name": mentor_name,
                    "last_remark_on": record["last_remark_on"],
                }
            )
    order = {stage: index for index, stage in enumerate(ACTIVE_STAGES)}
    candidates.sort(key=lambda c: order[c["stage"]])  # stable: by name within a stage
    month_list = [
        {
            "date": r.remarked_on.isoformat(),
            "candidate_id": r.candidate_id,
            "full_name": candidate_name,
            "author_id": r.author_id,
            "author_name": author_name,
            "text": r.text,
        }
        for r, candidate_name, author_name in month_remarks
    ]
    return candidates, month_list, without


def _admissions(session: Session, cell_ids: list[int], first: date, last: date) -> list[dict[str, Any]]:
    """Admission decisions dated in the month for this cell's candidates."""
    query = (
        select(Admission, Candidate.full_name, col(Member.ceremony_on))
        .join(Candidate, col(Candidate.id) == Admission.candidate_id)
        .join(Member, col(Member.id) == Admission.member_id)
        .where(
            candidate_cell_on(last, Candidate).in_(cell_ids),
            in_month(col(Admission.decision_on), first, last),
        )
        .order_by(col(Admission.decision_on), col(Candidate.name_sort), col(Admission.id))
    )
    return [
        {
            "candidate_id": a.candidate_id,
            "member_id": a.member_id,
            "full_name": name,
            "resolution_no": a.resolution_no,
            "resolution_on": _iso(a.resolution_on),
            "decision_no": a.decision_no,
            "decision_on": a.decision_on.isoformat(),
            "ceremony_on": _iso(ceremony_on),
        }
        for a, name, ceremony_on in session.execute(query)
    ]


def _quota(session: Session, base: Organisation, year: int, last: date) -> dict[str, Any] | None:
    """The base organisation's row of the quota report as of the month's end; None without a quota."""
    if base.end_on is not None and base.end_on <= last:
        return None  # it no longer existed at the month's end
    report = quota_report(session=session, year=year, at=last, org_code=base.code, depth=0)
    row = report.totals
    if not row or row.get("target") is None:
        return None
    return {key: row.get(key) for key in QUOTA_KEYS}


QuotaMemo = dict[tuple[int, int, date], dict[str, Any] | None]
"""Quota rows already counted in one run, by (base organisation, year, month's end)."""


def _memo_quota(
    session: Session, base: Organisation, year: int, last: date, memo: QuotaMemo | None
) -> dict[str, Any] | None:
    if memo is None:
        return _quota(session, base, year, last)
    assert base.id is not None
    key = (base.id, year, last)
    if key not in memo:
        memo[key] = _quota(session, base, year, last)
    row = memo[key]
    return None if row is None else dict(row)  # each paper its own row


def monthly_report(
    *, session: Session, cell_code: str, month: date, settings: Settings, quotas: QuotaMemo | None = None
) -> MonthlyReport:
    """The paper for ``cell_code``'s meeting on the month that starts on ``month``.

    ``quotas``: a memo shared by the papers of one run (``report monthly --org``): the cells of a base
    organisation print the same quota row, counted once instead of once a cell (a quarter of a paper's
    time)."""
    cell = check_member_unit(session=session, code=cell_code, field="cell")
    assert cell.id is not None
    first = month.replace(day=1)
    last = month_end(first)
    base = base_on(session=session, org_id=cell.id, on=last)
    cells = paper_cells(session=session, cell_id=cell.id, last=last)
    at_start, official_start = _counts(session, cells, first)
    at_end, official_end = _counts(session, cells, last)
    candidates, remarks, without = _candidates(session, cells, first, last)
    next_first = last + timedelta(days=1)
    due = due_items(
        session=session,
        at=next_first,
        org_code=cell.code,
        within_days=(month_end(next_first) - next_first).days,
        settings=settings,
        dossiers=False,  # the monthly paper's "Việc đến hạn" keeps to deadlines; dossier check lists dossiers
    )
    lists = {
        "joined": _joined(session, cells, first, last),
        "left": _left(session, cells, first, last),
        "moved_in": _moved_in(session, cells, first, last),
        "moved_out": departures(session=session, cell_ids=cells, first=first, last=last, by_merge=False),
        "merged_in": merged_in(session=session, cell_ids=cells, first=first, last=last),
        "merged_out": merged_out(session=session, cell_ids=cells, first=first, last=last),
        "became_official": _became_official(session, cells, first, last),
        "candidates": candidates,
        "remarks": remarks,
        "without_remark": without,
        "admissions": _admissions(session, cells, first, last),
        "due": [item.as_dict(next_first) for item in due],
    }
    by_stage = Counter(c["stage"] for c in candidates)
    month_text = f"{first.year:04d}-{first.month:02d}"
    return MonthlyReport(
        cell=cell.code,
        cell_name=cell.name,
        base=base.code,
        month=month_text,
        first_day=first,
        last_day=last,
        members_at_start=at_start,
        official_at_start=official_start,
        members_at_end=at_end,
        official_at_end=official_end,
        lists=lists,
        candidates_by_stage={stage.value: by_stage.get(stage, 0) for stage in ACTIVE_STAGES},
        quota=_memo_quota(session, base, first.year, last, quotas),
        title_params={"month": numbers.month(first), "cell": cell.code, "name": cell.name},
        document=document(
            session, cell, Title("document.subject.monthly", {"month": numbers.month(first)}), last, settings
        ),
    )
