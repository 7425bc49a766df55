"""The plan of a year for an organisation, across merges: its own quota, or what its predecessors carried.

A merge copies no quota (see :mod:`dangvien_cli.store.restructure`): the sources keep theirs, as they were
set. The plan of an organisation for year Y, as of a day D of Y, is its own quota for Y when one is set;
otherwise the sum of the plans of the organisations merged into it from 1 January Y to D (each of them
by the same rule, so a merge of merges adds up too). Targets, residential and stretch targets (a sum of
those given; none when no part gives one) and the milestones of each period (summed by period) are added.
An organisation with neither a quota nor predecessors in the year has no plan.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, select

from dangvien_cli.store.models import Quota, QuotaMilestone
from dangvien_cli.store.tree import merges_between


@dataclass(frozen=True)
class PlanMilestone:
    """A step of a plan's roadmap: ``target`` admissions due by ``due_on`` (the end of ``period``)."""

    period: str
    due_on: date
    target: int


@dataclass(frozen=True)
class Plan:
    """A year's plan: the targets and the roadmap; ``carried`` when it comes from predecessors."""

    target: int
    residential_target: int | None = None
    stretch_target: int | None = None
    milestones: tuple[PlanMilestone, ...] = ()
    carried: bool = False


def _sum(values: Iterable[int | None]) -> int | None:
    given = [v for v in values if v is not None]
    return sum(given) if given else None


def _added(parts: list[Plan]) -> Plan:
    periods: dict[str, PlanMilestone] = {}
    for part in parts:
        for m in part.milestones:
            before = periods.get(m.period)
            periods[m.period] = PlanMilestone(m.period, m.due_on, m.target + (before.target if before else 0))
    return Plan(
        target=sum(p.target for p in parts),
        residential_target=_sum(p.residential_target for p in parts),
        stretch_target=_sum(p.stretch_target for p in parts),
        milestones=tuple(sorted(periods.values(), key=lambda m: m.due_on)),
        carried=True,
    )


@dataclass
class _Reader:
    quotas: dict[int, Quota]
    milestones: dict[int, list[PlanMilestone]]
    links: dict[int, list[int]]
    done: dict[int, Plan | None] = field(default_factory=dict)

    def plan(self, org_id: int, seen: frozenset[int] = frozenset()) -> Plan | None:
        if org_id in self.done:
            return self.done[org_id]
        quota = self.quotas.get(org_id)
        result: Plan | None
        if quota is not None:
            result = Plan(
                quota.target,
                quota.residential_target,
                quota.stretch_target,
                tuple(self.milestones.get(quota.id or 0, [])),
            )
        else:
            parts = [
                p
                for p in (
                    self.plan(pred, seen | {org_id})
                    for pred in self.links.get(org_id, [])
                    if pred not in seen
                )
                if p is not None
            ]
            result = _added(parts) if parts else None
        self.done[org_id] = result
        return result


def plans_for(*, session: Session, org_ids: Iterable[int], year: int, at: date) -> dict[int, Plan]:
    """The plan of each organisation for ``year`` as of ``at`` (those without one are left out)."""
    wanted = list(org_ids)
    links = merges_between(session=session, first=date(year, 1, 1), last=at)
    needed = set(wanted)
    stack = list(wanted)
    while stack:
        for predecessor in links.get(stack.pop(), []):
            if predecessor not in needed:
                needed.add(predecessor)
                stack.append(predecessor)
    quotas = {
        q.org_id: q
        for q in session.exec(select(Quota).where(Quota.year == year, col(Quota.org_id).in_(list(needed))))
    }
    milestones: dict[int, list[PlanMilestone]] = {}
    quota_ids = [q.id for q in quotas.values()]
    for m in session.exec(
        select(QuotaMilestone)
        .where(col(QuotaMilestone.quota_id).in_(quota_ids))
        .order_by(col(QuotaMilestone.due_on))
    ):
        milestones.setdefault(m.quota_id, []).append(PlanMilestone(m.period, m.due_on, m.target))
    reader = _Reader(quotas, milestones, links)
    return {org_id: plan for org_id in wanted if (plan := reader.plan(org_id)) is not None}
