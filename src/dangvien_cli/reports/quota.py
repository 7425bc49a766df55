"""Quotas (chỉ tiêu): the progress report against them (setting them is :mod:`dangvien_cli.store.quotas`).

An admission counts by its decision date (``member.admitted_on``), in the cell the member first belonged to,
whether it came through the workflow or with an imported member. The counting is one GROUP BY over the
closure table, with the date thresholds computed up front.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.domain.dates import add_months
from dangvien_cli.domain.settings import Settings
from dangvien_cli.errors import InvalidValue
from dangvien_cli.render.model import Chart, Column, Kind, Shape, Title, View
from dangvien_cli.reports.figures import percent, whole
from dangvien_cli.reports.titles import document, scope
from dangvien_cli.store.models import Member, Membership, Organisation, OrgClosure, Quota, QuotaMilestone
from dangvien_cli.store.orgs import get_org, membership_at


@dataclass(frozen=True)
class _Counts:
    admitted: int = 0
    residential: int = 0


def _roll_up(
    session: Session, org_ids: list[int], per_cell: Mapping[int, Sequence[int]]
) -> dict[int, list[int]]:
    """Counts per cell summed for each organisation's subtree (the closure table, read for these
    organisations only: a few rows per cell). Summing in Python keeps the big GROUP BY on the cell alone:
    joining the closure inside it made SQLite probe every organisation of the list for every member."""
    if not per_cell or not org_ids:
        return {}
    width = len(next(iter(per_cell.values())))
    totals: dict[int, list[int]] = {}
    closure = select(OrgClosure.ancestor_id, OrgClosure.descendant_id).where(
        col(OrgClosure.ancestor_id).in_(org_ids)
    )
    for ancestor_id, descendant_id in session.execute(closure):
        counts = per_cell.get(descendant_id)
        if counts is not None:
            total = totals.setdefault(ancestor_id, [0] * width)
            for i, n in enumerate(counts):
                total[i] += n
    return totals


def _admissions(session: Session, org_ids: list[int], start: date, end: date) -> dict[int, _Counts]:
    """Admissions decided in [start, end], by each organisation's subtree: one GROUP BY by cell (the cell
    a member was admitted in: the first membership starting on the admission day), rolled up."""
    first_cell = (
        select(Membership.cell_id)
        .where(Membership.member_id == Member.id, Membership.start_on == Member.admitted_on)
        .order_by(col(Membership.id))
        .limit(1)
        .correlate(Member)
        .scalar_subquery()
    )
    admitted = (
        select(first_cell.label("cell_id"))
        .where(col(Member.admitted_on) >= start, col(Member.admitted_on) <= end)
        .subquery()
    )
    query = (
        select(admitted.c.cell_id, col(Organisation.place), sa.func.count())
        .select_from(admitted)
        .join(Organisation, col(Organisation.id) == admitted.c.cell_id)
        .group_by(admitted.c.cell_id, col(Organisation.place))
    )
    per_cell = {
        cell_id: (int(n), int(n) if place == "residential" else 0)
        for cell_id, place, n in session.execute(query)
    }
    return {
        org_id: _Counts(admitted_count, residential)
        for org_id, (admitted_count, residential) in _roll_up(session, org_ids, per_cell).items()
    }


def _members_on(session: Session, org_ids: list[int], on: date) -> dict[int, int]:
    """Members on ``on`` by each organisation's subtree: one GROUP BY by cell, rolled up."""
    query = (
        select(Membership.cell_id, sa.func.count()).where(membership_at(on)).group_by(col(Membership.cell_id))
    )
    per_cell = {cell_id: (int(n),) for cell_id, n in session.execute(query)}
    return {org_id: counts[0] for org_id, counts in _roll_up(session, org_ids, per_cell).items()}


# A terminal shows the columns that answer "how far along": the other formats carry them all.
QUOTA_COLUMNS = [
    Column("org"),
    Column("name", terminal=False),
    Column("target", Kind.int),
    Column("admitted", Kind.int),
    Column("percent_of_target", Kind.percent),
    Column("over_by", Kind.int),
    Column("residential_target", Kind.int, terminal=False),
    Column("residential_admitted", Kind.int, terminal=False),
    Column("percent_of_residential", Kind.percent),
    Column("stretch_target", Kind.int, terminal=False),
    Column("percent_of_stretch", Kind.percent),
    Column("members_at_start", Kind.int, terminal=False),
    Column("percent_of_members", Kind.percent),
    Column("milestone_status", codes="milestone"),
    Column("projected", Kind.int, terminal=False),
    Column("last_year_same_period", Kind.int, terminal=False),
]


def quota_report(
    *,
    session: Session,
    year: int,
    at: date | None = None,
    org_code: str | None = None,
    depth: int = 1,
    settings: Settings | None = None,
) -> View:
    """Progress against the year's quotas, per organisation down to ``depth`` below ``org_code``
    (``settings`` give a Word document its place name)."""
    at = at or date(year, 12, 31)
    if at.year != year:
        raise InvalidValue("at", at.isoformat(), "quota.at_year", year=year)
    start = date(year, 1, 1)
    if org_code is not None:
        root = get_org(session=session, code=org_code)
        root_ids = [root.id]
    else:
        root_ids = list(session.exec(select(Organisation.id).where(col(Organisation.parent_id).is_(None))))
    rows_query = (
        select(Organisation, OrgClosure.depth)
        .join(OrgClosure, col(OrgClosure.descendant_id) == Organisation.id)
        .where(col(OrgClosure.ancestor_id).in_(root_ids), OrgClosure.depth >= 1, OrgClosure.depth <= depth)
        .order_by(col(Organisation.code))
    )
    orgs = [org for org, _ in session.execute(rows_query)]
    if org_code is None and not orgs:
        orgs = [o for o in (session.get(Organisation, i) for i in root_ids) if o is not None]
    roots = [session.get(Organisation, i) for i in root_ids]
    every = {o.id: o for o in [*orgs, *roots] if o is not None and o.id is not None}
    ids = list(every)
    quotas = {
        q.org_id: q for q in session.exec(select(Quota).where(Quota.year == year, col(Quota.org_id).in_(ids)))
    }
    milestones: dict[int, list[QuotaMilestone]] = {}
    for milestone in session.exec(
        select(QuotaMilestone).where(col(QuotaMilestone.quota_id).in_([q.id for q in quotas.values()]))
    ):
        milestones.setdefault(milestone.quota_id, []).append(milestone)
    admitted = _admissions(session, ids, start, at)
    last_year = _admissions(session, ids, date(year - 1, 1, 1), add_months(at, -12))
    at_start = _members_on(session, ids, start)
    elapsed = (at - start).days + 1
    days_in_year = (date(year, 12, 31) - start).days + 1

    def row(org: Organisation) -> dict[str, Any]:
        assert org.id is not None
        quota = quotas.get(org.id)
        counts = admitted.get(org.id, _Counts())
        target = quota.target if quota else None
        due = [m for m in milestones.get(quota.id or 0, []) if m.due_on <= at] if quota else []
        status = None
        if due:
            expected = max(due, key=lambda m: m.due_on).target
            status = (
                "ahead"
                if counts.admitted > expected
                else "on_track"
                if counts.admitted == expected
                else "behind"
            )
        return {
            "org": org.code,
            "name": org.name,
            "target": target,
            "admitted": counts.admitted,
            "percent_of_target": percent(counts.admitted, target),
            "over_by": counts.admitted - target if target is not None else None,
            "residential_target": quota.residential_target if quota else None,
            "residential_admitted": counts.residential,
            "percent_of_residential": percent(
                counts.residential, quota.residential_target if quota else None
            ),
            "stretch_target": quota.stretch_target if quota else None,
            "percent_of_stretch": percent(counts.admitted, quota.stretch_target if quota else None),
            "members_at_start": at_start.get(org.id, 0),
            "percent_of_members": percent(counts.admitted, at_start.get(org.id, 0)),
            "milestone_status": status,
            "projected": whole(Fraction(counts.admitted * days_in_year, elapsed)),
            "last_year_same_period": last_year.get(org.id, _Counts()).admitted,
        }

    rows = [row(org) for org in orgs]
    totals: dict[str, Any] = {}
    if len(roots) == 1 and roots[0] is not None:
        totals = row(roots[0])
        bases = _bases_admitting(session, roots[0], start, at)
        totals.update(bases)
    scope_org = roots[0] if len(roots) == 1 else None
    subject = Title("document.subject.quota", {"year": year, "at": at})
    return View(
        Shape.report,
        name="quota",
        title=Title("report.quota_title", {"year": year, "at": at, "org": scope(session, scope_org)}),
        document=document(session, scope_org, subject, at, settings),
        columns=QUOTA_COLUMNS,
        rows=rows,
        totals=totals,
        chart=Chart("bar", Title("report.quota_chart"), "org", ("percent_of_target",)),
        data={"year": year, "at": at.isoformat()},
    )


def _bases_admitting(session: Session, root: Organisation, start: date, end: date) -> dict[str, Any]:
    """How many base organisations under ``root`` admitted at least one member in the period."""
    bases = list(
        session.exec(
            select(Organisation.id)
            .join(OrgClosure, col(OrgClosure.descendant_id) == Organisation.id)
            .where(OrgClosure.ancestor_id == root.id, Organisation.kind == "base")
        )
    )
    counts = _admissions(session, [b for b in bases if b is not None], start, end)
    admitting = sum(1 for b in bases if b is not None and counts.get(b, _Counts()).admitted > 0)
    return {
        "bases": len(bases),
        "bases_admitting": admitting,
        "percent_bases_admitting": percent(admitting, len(bases)),
    }
