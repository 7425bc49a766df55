"""What is due: what each cell must do next for its candidates and probationary members, soonest first.

The candidates and members concerned are selected in SQL (in the subtree, at the date); only their deadlines,
counted in working days, are computed in Python, one small list at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.domain.dates import month_end
from dangvien_cli.domain.rules import ceremony_due, certificate_last_day, decision_due, probation_end
from dangvien_cli.domain.settings import Settings, calendar_of
from dangvien_cli.domain.stages import stage_on
from dangvien_cli.domain.vocab import Stage
from dangvien_cli.domain.workdays import add_working_days
from dangvien_cli.render.model import Column, Kind, Title, View, list_view
from dangvien_cli.reports.dossiers import incomplete_dossiers, problem_codes
from dangvien_cli.reports.titles import document, scope
from dangvien_cli.store.access import default_org
from dangvien_cli.store.conditions import candidate_active_on
from dangvien_cli.store.models import Candidate, Member, Membership, Organisation, Remark
from dangvien_cli.store.orgs import get_org, membership_at
from dangvien_cli.store.people import step_dates
from dangvien_cli.store.tree import alive_on, candidate_cell_on, candidate_in_cells_on, subtree_at

DUE_COLUMNS = [
    Column("due_date", Kind.date, wrap=False),
    Column("overdue", codes="overdue"),  # "Quá hạn" when the day has passed; JSON and CSV carry true/false
    Column("kind", codes="due"),
    Column("cell", wrap=False),
    Column("member_id", Kind.int),
    Column("candidate_id", Kind.int),
    Column("full_name"),
    Column("detail"),
]

KINDS = (
    "recognition_due",
    "ceremony_due",
    "decision_due",
    "certificate_expiring",
    "mentor_missing",
    "remark_missing",
    "cell_below_minimum",
    "dossier_incomplete",
)


@dataclass(frozen=True)
class DueItem:
    kind: str
    due_date: date
    cell: str
    member_id: int | None = None
    candidate_id: int | None = None
    full_name: str | None = None
    detail: str | None = None

    def as_dict(self, at: date) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "due_date": self.due_date.isoformat(),
            "overdue": self.due_date < at,
            "cell": self.cell,
            "member_id": self.member_id,
            "candidate_id": self.candidate_id,
            "full_name": self.full_name,
            "detail": self.detail,
        }


def due_items(
    *,
    session: Session,
    at: date,
    org_code: str | None = None,
    within_days: int | None = None,
    settings: Settings,
    dossiers: bool = True,
) -> list[DueItem]:
    """Everything due by ``at + within_days`` (everything, when None), overdue items included; with
    ``dossiers``, the incomplete admission dossiers too."""
    org_code = default_org(session=session, org_code=org_code)  # a scoped login: its own subtree
    cells: Any = sa.select(col(Organisation.id))
    if org_code is not None:
        org = get_org(session=session, code=org_code)
        assert org.id is not None
        cells = subtree_at(org.id, at)  # the tree as of the day
    items: list[DueItem] = []

    # Probationary members: the ceremony, then recognition within 30 working days after probation ends.
    members = session.execute(
        select(Member, Organisation.code)
        .join(Membership, col(Membership.member_id) == Member.id)
        .join(Organisation, col(Organisation.id) == Membership.cell_id)
        .where(
            membership_at(at),
            col(Membership.cell_id).in_(cells),
            sa.or_(col(Member.official_on).is_(None), col(Member.official_on) > at),
        )
    ).all()
    for member, cell in members:
        if member.ceremony_on is None or member.ceremony_on > at:
            due = ceremony_due(member.admitted_on, member.decision_received_on, settings)
            items.append(
                DueItem(
                    "ceremony_due",
                    due,
                    cell,
                    member_id=member.id,
                    full_name=member.full_name,
                    detail=member.admitted_on.isoformat(),
                )
            )
        else:
            end = probation_end(member.ceremony_on, settings)
            due = add_working_days(end, settings.recognition_deadline_working_days, calendar_of(settings))
            items.append(
                DueItem(
                    "recognition_due",
                    due,
                    cell,
                    member_id=member.id,
                    full_name=member.full_name,
                    detail=end.isoformat(),
                )
            )

    cell_then = candidate_cell_on(at, Candidate)  # a candidate the tree moved later was elsewhere then
    candidates = session.execute(
        select(Candidate, Organisation.code)
        .join(Organisation, col(Organisation.id) == cell_then)
        .where(candidate_active_on(at), candidate_in_cells_on(at, Candidate, cells))
    ).all()
    month_start = at.replace(day=1)
    remarked = set(
        session.execute(
            select(Remark.candidate_id).where(Remark.remarked_on >= month_start, Remark.remarked_on <= at)
        ).scalars()
    )
    for candidate, cell in candidates:
        person = {"candidate_id": candidate.id, "full_name": candidate.full_name}
        reached = stage_on(step_dates(candidate), at)  # as it stood on the day, not as it stands now
        if reached is not None and reached[0] is Stage.proposed and candidate.proposed_on is not None:
            due = decision_due(candidate.proposed_on, candidate.decision_extension_days, settings)
            items.append(
                DueItem("decision_due", due, cell, detail=candidate.proposed_on.isoformat(), **person)
            )
            continue
        if candidate.certificate_on is not None and candidate.certificate_on <= at:
            expires = certificate_last_day(candidate.certificate_on, settings)
            items.append(
                DueItem(
                    "certificate_expiring",
                    expires,
                    cell,
                    detail=candidate.certificate_on.isoformat(),
                    **person,
                )
            )
        if (
            candidate.mentor_id is None
            or candidate.mentor_assigned_on is None
            or candidate.mentor_assigned_on > at
        ):
            items.append(DueItem("mentor_missing", at, cell, **person))
        elif candidate.id not in remarked:
            items.append(DueItem("remark_missing", month_end(at), cell, **person))

    items += _cells_below_minimum(session, cells if org_code is not None else None, at, settings)

    if dossiers:
        items += _dossier_items(session=session, org_code=org_code, at=at, settings=settings)

    if within_days is not None:
        horizon = at + timedelta(days=within_days)
        items = [item for item in items if item.due_date <= horizon]
    items.sort(key=lambda item: (item.due_date, KINDS.index(item.kind), item.cell, item.full_name or ""))
    return items


def _cells_below_minimum(session: Session, cells: Any, at: date, settings: Settings) -> list[DueItem]:
    """Cells with fewer than the minimum of official members (Điều lệ Art. 21.2), among ``cells`` (a
    select of ids; None: every organisation). The count is of those cells only: counted for every cell of a
    national database, one cell's paper took seconds."""
    counted = [membership_at(at), col(Member.official_on).is_not(None), col(Member.official_on) <= at]
    if cells is not None:
        counted.append(col(Membership.cell_id).in_(cells))
    official = (
        select(Membership.cell_id, sa.func.count().label("official"))
        .join(Member, col(Member.id) == Membership.member_id)
        .where(*counted)
        .group_by(col(Membership.cell_id))
        .subquery()
    )
    parent = sa.orm.aliased(Organisation)
    has_children = sa.exists(
        select(parent.id).where(parent.parent_id == Organisation.id, col(parent.end_on).is_(None))
    )
    small = session.execute(
        select(Organisation.code, sa.func.coalesce(official.c.official, 0))
        .join(official, official.c.cell_id == Organisation.id, isouter=True)
        .where(
            col(Organisation.id).in_(cells if cells is not None else sa.select(col(Organisation.id))),
            alive_on(at),  # a cell merged or closed by then is no longer there to reinforce
            sa.or_(
                col(Organisation.kind) == "cell", sa.and_(col(Organisation.kind) == "base", ~has_children)
            ),
            sa.func.coalesce(official.c.official, 0) < settings.min_official_members_per_org,
        )
    ).all()
    return [DueItem("cell_below_minimum", at, code, detail=str(count)) for code, count in small]


def _dossier_items(*, session: Session, org_code: str | None, at: date, settings: Settings) -> list[DueItem]:
    """Dossiers not complete for their next step (hồ sơ chưa đủ): due now, with the papers they lack (the
    codes of those missing, then of those whose dates do not fit)."""
    items = []
    for dossier in incomplete_dossiers(session=session, org_code=org_code, at=at, settings=settings):
        facts = dossier.facts
        items.append(
            DueItem(
                "dossier_incomplete",
                at,
                facts.cell or "",
                member_id=facts.member_id,
                candidate_id=facts.candidate_id if facts.member_id is None else None,
                full_name=facts.full_name,
                detail=", ".join([*dossier.missing, *problem_codes(dossier)]),
            )
        )
    return items


def due_view(
    *, session: Session, items: list[DueItem], at: date, org_code: str | None = None, settings: Settings
) -> View:
    """The list of what is due on ``at``, overdue items marked; a Word document of it is a list issued by
    ``org_code`` (the single top-level organisation without it)."""
    org_code = default_org(session=session, org_code=org_code)  # a scoped login: its own subtree
    org = get_org(session=session, code=org_code) if org_code is not None else None
    title = Title("report.due_title", {"org": scope(session, org), "at": at})
    view = list_view(title, [item.as_dict(at) for item in items], DUE_COLUMNS)
    subject = Title("document.subject.due", {"at": at})
    view.document = document(session, org, subject, at, settings, kind="list")
    return view
