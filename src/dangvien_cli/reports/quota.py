"""Quotas (chỉ tiêu): the progress report against them (setting them is :mod:`dangvien_cli.store.quotas`).

An admission counts by its decision date (``member.admitted_on``), in the cell the member first belonged to,
whether it came through the workflow or with an imported member.

How it is counted (measured on a million members, see docs/performance.md): each figure by cell, from the
indexes alone (migration 0010): a period's admissions from the members by admission day and their
placements by member, the members on 1 January from the cell index in its order (no sort, no row read).
The closure as of ``at`` is read once, for the report's organisations only, and every figure is summed up
the tree in Python (a few rows a cell).

Across a restructuring (issue 14) the report reads the tree as of its day ``at``: the rows are the
organisations alive then, with their names then, and every figure (the year's admissions, the members on
1 January, last year's same period) rolls up through the closure as of ``at``, in which an organisation
merged or closed earlier sits under the one that took over its records. So ``--year 2025 --org X`` counts
what X's predecessors admitted before the merge, and the plan is X's own quota for the year or else the
sum of its predecessors' (:mod:`dangvien_cli.store.plans`). A report dated before the change reads the
tree as it was then, unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
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


Closure = dict[int, list[int]]
"""The organisations under each organisation (itself included) in the tree as of the report's day."""


def _closure(session: Session, org_ids: Iterable[int], tree_on: date) -> Closure:
    """The closure table as of ``tree_on`` for these organisations only (a few rows a cell), read once for
    every figure of the report."""
    wanted = list(org_ids)
    under: Closure = {}
    if not wanted:
        return under
    query = select(OrgClosureSpan.ancestor_id, OrgClosureSpan.descendant_id).where(
        col(OrgClosureSpan.ancestor_id).in_(wanted), span_on(tree_on)
    )
    for ancestor_id, descendant_id in session.connection().execute(query):
        under.setdefault(ancestor_id, []).append(descendant_id)
    return under


def _roll_up(closure: Closure, org_ids: Iterable[int], per_cell: Mapping[int, int]) -> dict[int, int]:
    """A count per cell summed for each organisation's subtree. Summing in Python keeps the big statements
    on the cell alone: joining the closure inside them made SQLite probe every organisation of the list for
    every member."""
    totals: dict[int, int] = {}
    for org_id in org_ids:
        total = sum(per_cell.get(cell_id, 0) for cell_id in closure.get(org_id, ()))
        if total:
            totals[org_id] = total
    return totals


def _admitted_per_cell(session: Session, start: date, end: date, cells: set[int] | None) -> dict[int, int]:
    """Admissions decided in [start, end] by the cell a member was admitted in (the first placement, by
    id, starting on the admission day; among the ``cells`` given, if any), counted by the database.

    The members of the period are found through ``ix_member_admitted_on`` (a period is a small slice of
    the members), then their placements starting that day through the member index of ``membership``,
    which holds the start and the cell, as does the check that no earlier placement starts that day: no
    row of either table is read, and the database returns a row a cell. (A row a placement, picked in
    Python, cost a third more; a scalar subquery a member, as once, was evaluated three times a row.)"""
    earlier = aliased(Membership, name="earlier")

    def in_cells(cell: Any) -> sa.ColumnElement[bool]:
        return col(cell).in_(cells) if cells is not None else sa.true()

    first = ~sa.exists().where(
        col(earlier.member_id) == col(Membership.member_id),
        col(earlier.start_on) == col(Membership.start_on),
        col(earlier.id) < col(Membership.id),
        in_cells(earlier.cell_id),
    )
    query = (
        select(Membership.cell_id, sa.func.count())
        .join(Member, col(Member.id) == Membership.member_id)
        .where(
            col(Member.admitted_on) >= start,
            col(Member.admitted_on) <= end,
            col(Membership.start_on) == col(Member.admitted_on),
            in_cells(Membership.cell_id),
            first,
        )
        .group_by(col(Membership.cell_id))
    )
    return {cell_id: int(n) for cell_id, n in session.connection().execute(query)}


def _members_on(session: Session, on: date, cells: set[int] | None) -> dict[int, int]:
    """Members on ``on`` by cell: one GROUP BY, which ``ix_membership_cell_id_start_on`` answers alone
    (it holds the cell, the start and the end, in cell order: no sort and no row read); a small subtree's
    cells only."""
    query = select(Membership.cell_id, sa.func.count()).where(membership_at(on))
    if cells is not None:
        query = query.where(col(Membership.cell_id).in_(cells))
    return {
        cell_id: int(n)
        for cell_id, n in session.connection().execute(query.group_by(col(Membership.cell_id)))
    }


def _residential(session: Session) -> set[int]:
    """The residential organisations (a small table, read whole: no list of ids to bind)."""
    return set(
        session.connection()
        .execute(select(Organisation.id).where(Organisation.place == "residential"))
        .scalars()
    )


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
    cells = cells_to_read(session, [r.id for r in roots], at)  # None: every cell
    this_year = _admitted_per_cell(session, start, at, cells)
    residential = _residential(session)
    this_year_residential = {c: n for c, n in this_year.items() if c in residential}
    last_year = _admitted_per_cell(session, date(year - 1, 1, 1), add_months(at, -12), cells)
    at_start_cells = _members_on(session, start, cells)
    bases = _bases(session, roots[0], at) if len(roots) == 1 else []
    closure = _closure(session, {*ids, *bases}, at)
    residential_admitted = _roll_up(closure, ids, this_year_residential)
    admitted = {
        org_id: _Counts(n, residential_admitted.get(org_id, 0))
        for org_id, n in _roll_up(closure, ids, this_year).items()
    }
    last_year_admitted = _roll_up(closure, ids, last_year)
    at_start = _roll_up(closure, ids, at_start_cells)
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
            "last_year_same_period": last_year_admitted.get(org.id, 0),
        }

    rows = [row(org) for org in orgs]
    totals: dict[str, Any] = {}
    if len(roots) == 1:
        totals = row(roots[0])
        totals.update(_bases_admitting(bases, _roll_up(closure, bases, this_year)))
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


def _bases(session: Session, root: OrgOn, end: date) -> list[int]:
    """The base organisations under ``root`` as of ``end``."""
    return [
        base
        for base in session.exec(
            select(Organisation.id)
            .join(OrgClosureSpan, col(OrgClosureSpan.descendant_id) == Organisation.id)
            .where(
                OrgClosureSpan.ancestor_id == root.id,
                span_on(end),
                Organisation.kind == "base",
                alive_on(end),
            )
        )
        if base is not None
    ]


def _bases_admitting(bases: list[int], admitted: Mapping[int, int]) -> dict[str, Any]:
    """How many of the base organisations under the root (as of the report's day) admitted at least one
    member in the period (what a base merged into another admitted counts for the one it went into)."""
    admitting = sum(1 for b in bases if admitted.get(b, 0) > 0)
    return {
        "bases": len(bases),
        "bases_admitting": admitting,
        "percent_bases_admitting": percent(admitting, len(bases)),
    }
