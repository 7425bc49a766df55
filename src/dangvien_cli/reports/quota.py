"""Quotas (chỉ tiêu): the progress report against them (setting them is :mod:`dangvien_cli.store.quotas`).

An admission counts by its decision date (``member.admitted_on``), in the cell the member first belonged to,
whether it came through the workflow or with an imported member. The counting is one GROUP BY over the
closure table, with the date thresholds computed up front.

Across a restructuring (issue 14) the report reads the tree as of its day ``at``: the rows are the
organisations alive then, with their names then, and every figure (the year's admissions, the members on
1 January, last year's same period) rolls up through the closure as of ``at``, in which an organisation
merged or closed earlier sits under the one that took over its records. So ``--year 2025 --org X`` counts
what X's predecessors admitted before the merge, and the plan is X's own quota for the year or else the
sum of its predecessors' (:mod:`dangvien_cli.store.plans`). A report dated before the change reads the
tree as it was then, unchanged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.domain.dates import add_months
from dangvien_cli.domain.settings import Settings
from dangvien_cli.domain.tree import check_alive
from dangvien_cli.errors import InvalidValue
from dangvien_cli.render.model import Chart, Column, Kind, Shape, Title, View
from dangvien_cli.reports.figures import percent, whole
from dangvien_cli.reports.reading import cells_to_read
from dangvien_cli.reports.titles import document, scope
from dangvien_cli.store.access import default_org
from dangvien_cli.store.models import Member, Membership, Organisation, OrgClosureSpan
from dangvien_cli.store.orgs import get_org, membership_at
from dangvien_cli.store.plans import Plan, plans_for
from dangvien_cli.store.tree import OrgOn, alive_on, orgs_on, span_on


@dataclass(frozen=True)
class _Counts:
    admitted: int = 0
    residential: int = 0


def _roll_up(
    session: Session, org_ids: list[int], per_cell: Mapping[int, Sequence[int]], tree_on: date
) -> dict[int, list[int]]:
    """Counts per cell summed for each organisation's subtree as of ``tree_on`` (the closure table, read for
    these organisations only: a few rows per cell). Summing in Python keeps the big GROUP BY on the cell
    alone: joining the closure inside it made SQLite probe every organisation of the list for every member."""
    if not per_cell or not org_ids:
        return {}
    width = len(next(iter(per_cell.values())))
    totals: dict[int, list[int]] = {}
    closure = select(OrgClosureSpan.ancestor_id, OrgClosureSpan.descendant_id).where(
        col(OrgClosureSpan.ancestor_id).in_(org_ids), span_on(tree_on)
    )
    for ancestor_id, descendant_id in session.execute(closure):
        counts = per_cell.get(descendant_id)
        if counts is not None:
            total = totals.setdefault(ancestor_id, [0] * width)
            for i, n in enumerate(counts):
                total[i] += n
    return totals


PerCell = dict[int, tuple[int, int]]


def _admitted_per_cell(session: Session, start: date, end: date, cells: set[int] | None) -> PerCell:
    """Admissions decided in [start, end] by the cell a member was admitted in (the first membership, by
    id, starting on the admission day): (admitted, residential) a cell.

    The members of the period are found first, then their memberships by member, in membership order; the
    first cell a member is seen in is theirs. (A scalar subquery a member, as before, was evaluated three
    times a row by SQLite.)"""
    query = (
        select(Membership.member_id, Membership.cell_id)
        .join(Member, col(Member.id) == Membership.member_id)
        .where(
            col(Member.admitted_on) >= start,
            col(Member.admitted_on) <= end,
            col(Membership.start_on) == col(Member.admitted_on),
            col(Membership.cell_id).in_(cells) if cells is not None else sa.true(),
        )
        .order_by(col(Membership.id))
    )
    first: dict[int, int] = {}
    for member_id, cell_id in session.connection().execute(query):  # Core rows: no ORM work a row
        first.setdefault(member_id, cell_id)
    counts = Counter(first.values())
    if not counts:
        return {}
    residential = {
        org_id
        for org_id, place in session.execute(
            select(Organisation.id, Organisation.place).where(col(Organisation.id).in_(list(counts)))
        )
        if place == "residential"
    }
    return {cell_id: (n, n if cell_id in residential else 0) for cell_id, n in counts.items()}


def _admissions(session: Session, org_ids: list[int], per_cell: PerCell, tree_on: date) -> dict[int, _Counts]:
    """Admissions by each organisation's subtree as of ``tree_on``, from the counts by cell."""
    return {
        org_id: _Counts(admitted_count, residential)
        for org_id, (admitted_count, residential) in _roll_up(session, org_ids, per_cell, tree_on).items()
    }


def _members_on(
    session: Session, org_ids: list[int], on: date, tree_on: date, cells: set[int] | None
) -> dict[int, int]:
    """Members on ``on`` by each organisation's subtree as of ``tree_on``: counted by cell, rolled up.

    On SQLite the memberships are read in table order and counted in Python: grouping in SQL makes SQLite
    walk the cell index, a random read of the table a row. Elsewhere the database groups."""
    if cells is not None:  # a small subtree: its cells through the cell index
        query = (
            select(Membership.cell_id, sa.func.count())
            .where(col(Membership.cell_id).in_(cells), membership_at(on))
            .group_by(col(Membership.cell_id))
        )
        per_cell = {cell_id: (int(n),) for cell_id, n in session.execute(query)}
    elif session.get_bind().dialect.name == "sqlite":
        scan = select(Membership.cell_id).where(membership_at(on))
        counted = Counter(session.connection().execute(scan).scalars())  # Core rows: no ORM work a row
        per_cell = {cell_id: (n,) for cell_id, n in counted.items()}
    else:
        query = (
            select(Membership.cell_id, sa.func.count())
            .where(membership_at(on))
            .group_by(col(Membership.cell_id))
        )
        per_cell = {cell_id: (int(n),) for cell_id, n in session.execute(query)}
    return {org_id: counts[0] for org_id, counts in _roll_up(session, org_ids, per_cell, tree_on).items()}


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


def _last_day(session: Session, org_code: str | None, year: int) -> date:
    """The report's day when none is given: 31 December, or the organisation's last day if it ended (was
    merged or closed) during the year."""
    last = date(year, 12, 31)
    if org_code is not None:
        org = get_org(session=session, code=org_code)
        if org.end_on is not None and date(year, 1, 1) < org.end_on <= last:
            return org.end_on - timedelta(days=1)
    return last


def _report_orgs(
    session: Session, org_code: str | None, at: date, depth: int
) -> tuple[list[OrgOn], list[OrgOn]]:
    """(rows, roots): the organisations ``depth`` levels below the root(s) as of ``at``, and the root(s):
    ``org_code``, else every organisation at the top of the tree that day."""
    if org_code is not None:
        root = get_org(session=session, code=org_code)
        assert root.id is not None
        check_alive("org", root.code, at, root.start_on, root.end_on)
        root_ids = [root.id]
    else:
        root_ids = sorted(i for i, org in orgs_on(session=session, on=at).items() if org.parent_id is None)
    below = session.execute(
        select(OrgClosureSpan.descendant_id)
        .join(Organisation, col(Organisation.id) == OrgClosureSpan.descendant_id)
        .where(
            col(OrgClosureSpan.ancestor_id).in_(root_ids),
            span_on(at),
            OrgClosureSpan.depth >= 1,
            OrgClosureSpan.depth <= depth,
            alive_on(at),
        )
    ).scalars()
    named = orgs_on(session=session, on=at, ids={*below, *root_ids})
    rows = sorted((named[i] for i in named if i not in root_ids), key=lambda o: o.code)
    roots = [named[i] for i in root_ids]
    if org_code is None and not rows:
        rows = roots
    return rows, roots


def quota_report(
    *,
    session: Session,
    year: int,
    at: date | None = None,
    org_code: str | None = None,
    depth: int = 1,
    settings: Settings | None = None,
    today: date | None = None,
) -> View:
    """Progress against the year's plans, per organisation down to ``depth`` below ``org_code``, with the
    tree as of ``at`` (by default the year's last day, or the organisation's if it ended during the year,
    and not after ``today``); ``settings`` give a Word document its place name."""
    org_code = default_org(session=session, org_code=org_code)  # a scoped login: its own subtree
    at = at or min(_last_day(session, org_code, year), today or date.max)
    if at.year != year:
        raise InvalidValue("at", at.isoformat(), "quota.at_year", year=year)
    start = date(year, 1, 1)
    orgs, roots = _report_orgs(session, org_code, at, depth)
    every = {o.id: o for o in [*orgs, *roots]}
    ids = list(every)
    plans = plans_for(session=session, org_ids=ids, year=year, at=at)
    cells = cells_to_read(session, [r.id for r in roots], at)  # None: the whole table, in its order
    this_year = _admitted_per_cell(session, start, at, cells)
    admitted = _admissions(session, ids, this_year, at)
    last_year = _admissions(
        session, ids, _admitted_per_cell(session, date(year - 1, 1, 1), add_months(at, -12), cells), at
    )
    at_start = _members_on(session, ids, start, at, cells)
    elapsed = (at - start).days + 1
    days_in_year = (date(year, 12, 31) - start).days + 1

    def row(org: OrgOn) -> dict[str, Any]:
        plan: Plan | None = plans.get(org.id)
        counts = admitted.get(org.id, _Counts())
        target = plan.target if plan else None
        due = [m for m in plan.milestones if m.due_on <= at] if plan else []
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
            "residential_target": plan.residential_target if plan else None,
            "residential_admitted": counts.residential,
            "percent_of_residential": percent(counts.residential, plan.residential_target if plan else None),
            "stretch_target": plan.stretch_target if plan else None,
            "percent_of_stretch": percent(counts.admitted, plan.stretch_target if plan else None),
            "members_at_start": at_start.get(org.id, 0),
            "percent_of_members": percent(counts.admitted, at_start.get(org.id, 0)),
            "milestone_status": status,
            "projected": whole(Fraction(counts.admitted * days_in_year, elapsed)),
            "last_year_same_period": last_year.get(org.id, _Counts()).admitted,
        }

    rows = [row(org) for org in orgs]
    totals: dict[str, Any] = {}
    if len(roots) == 1:
        totals = row(roots[0])
        totals.update(_bases_admitting(session, roots[0], this_year, at))
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


def _bases_admitting(session: Session, root: OrgOn, per_cell: PerCell, end: date) -> dict[str, Any]:
    """How many base organisations under ``root`` (as of ``end``) admitted at least one member in the
    period (what a base merged into another admitted counts for the one it went into)."""
    bases = list(
        session.exec(
            select(Organisation.id)
            .join(OrgClosureSpan, col(OrgClosureSpan.descendant_id) == Organisation.id)
            .where(
                OrgClosureSpan.ancestor_id == root.id,
                span_on(end),
                Organisation.kind == "base",
                alive_on(end),
            )
        )
    )
    counts = _admissions(session, [b for b in bases if b is not None], per_cell, end)
    admitting = sum(1 for b in bases if b is not None and counts.get(b, _Counts()).admitted > 0)
    return {
        "bases": len(bases),
        "bases_admitting": admitting,
        "percent_bases_admitting": percent(admitting, len(bases)),
    }
