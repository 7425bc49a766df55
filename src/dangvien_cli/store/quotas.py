"""Quotas (chỉ tiêu): an organisation's admission target for a year, its sub-targets and its roadmap.

``quota set`` and ``import quotas`` check a quota with :func:`check_quota` and write it with
:func:`write_quota`, so that the two cannot drift apart. The progress report is in
:mod:`dangvien_cli.reports.quota`.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.domain.dates import FIRST_YEAR, LAST_YEAR
from dangvien_cli.domain.quotas import Milestone, parse_milestone
from dangvien_cli.errors import InvalidValue
from dangvien_cli.store.changelog import log_insert, log_update, snapshot
from dangvien_cli.store.models import Organisation, Quota, QuotaMilestone
from dangvien_cli.store.orgs import get_org


def check_quota(
    *, year: int, target: int, residential_target: int | None = None, stretch_target: int | None = None
) -> None:
    """A quota's numbers: no target below zero, a year that can be meant (1900-2100, the one rule of every
    year the tool takes, on the command line as in a list; not a typo such as 222)."""
    for name, value in (
        ("target", target),
        ("residential_target", residential_target),
        ("stretch_target", stretch_target),
    ):
        if value is not None and value < 0:
            raise InvalidValue(name, value, "value.negative")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidValue("year", year, "quota.year")


def quota_of(*, session: Session, org_id: int, year: int) -> Quota | None:
    """The organisation's quota for ``year``, if one is set."""
    return session.exec(select(Quota).where(Quota.org_id == org_id, Quota.year == year)).first()


def milestones_of(*, session: Session, quota_id: int) -> list[Milestone]:
    """A quota's roadmap, by due date."""
    query = (
        select(QuotaMilestone).where(QuotaMilestone.quota_id == quota_id).order_by(col(QuotaMilestone.due_on))
    )
    return [Milestone(m.period, m.due_on, m.target) for m in session.exec(query)]


def write_quota(
    *,
    session: Session,
    org_id: int,
    year: int,
    target: int,
    residential_target: int | None,
    stretch_target: int | None,
    milestones: list[Milestone] | None,
    stored: Quota | None,
) -> Quota:
    """Insert the quota, or replace the ``stored`` one's targets; log it. ``milestones``, when given,
    replace the roadmap (``None`` keeps it). The numbers must have passed :func:`check_quota`."""
    if stored is None:
        stored = Quota(
            org_id=org_id,
            year=year,
            target=target,
            residential_target=residential_target,
            stretch_target=stretch_target,
        )
        session.add(stored)
        session.flush()
        log_insert(session=session, entity="quota", record=stored)
    else:
        before = snapshot(stored)
        stored.target = target
        stored.residential_target = residential_target
        stored.stretch_target = stretch_target
        session.add(stored)
        session.flush()
        log_update(session=session, entity="quota", before=before, record=stored)
    if milestones is not None:
        assert stored.id is not None
        session.execute(sa.delete(QuotaMilestone).where(col(QuotaMilestone.quota_id) == stored.id))
        session.add_all(
            QuotaMilestone(quota_id=stored.id, period=m.period, due_on=m.due_on, target=m.target)
            for m in milestones
        )
        session.flush()
    return stored


def set_quota(
    *,
    session: Session,
    org_code: str,
    year: int,
    target: int,
    residential_target: int | None = None,
    stretch_target: int | None = None,
    milestones: list[str] | None = None,
) -> Quota:
    """Set (or replace) an organisation's quota for a year (``quota set``)."""
    org = get_org(session=session, code=org_code)
    assert org.id is not None
    check_quota(
        year=year, target=target, residential_target=residential_target, stretch_target=stretch_target
    )
    parsed = [parse_milestone(m, year) for m in milestones] if milestones is not None else None
    return write_quota(
        session=session,
        org_id=org.id,
        year=year,
        target=target,
        residential_target=residential_target,
        stretch_target=stretch_target,
        milestones=parsed,
        stored=quota_of(session=session, org_id=org.id, year=year),
    )


def list_quotas(*, session: Session, year: int | None = None) -> list[dict[str, Any]]:
    """The quotas (of ``year``), by year then organisation code, each with its roadmap."""
    query = select(Quota, Organisation.code).join(Organisation, col(Organisation.id) == Quota.org_id)
    if year is not None:
        query = query.where(Quota.year == year)
    rows = []
    for quota, code in session.execute(query.order_by(col(Quota.year), col(Organisation.code))):
        rows.append(
            {
                "id": quota.id,
                "org": code,
                "year": quota.year,
                "target": quota.target,
                "residential_target": quota.residential_target,
                "stretch_target": quota.stretch_target,
                "milestones": {m.period: m.target for m in milestones_of(session=session, quota_id=quota.id)},
            }
        )
    return rows
