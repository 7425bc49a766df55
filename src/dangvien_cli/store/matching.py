"""Finding what a list names: people by citizen ID or by folded name and birth date, the units people may
belong to, where members belong now, organisations by code.

An import reads these for each chunk or each distinct value, so each is one statement (or, for the units,
one read for the whole import); they return ids, models and small dataclasses, never rows of SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.domain.vocab import OrgKind
from dangvien_cli.errors import Conflict, InvalidValue, NotFound
from dangvien_cli.store.models import Admission, Candidate, Member, Membership, Organisation
from dangvien_cli.store.orgs import holds_people
from dangvien_cli.store.people import is_current


@dataclass(frozen=True)
class PersonKey:
    """How a person is named in a list: a citizen ID, or a folded name, with the birth date when known."""

    citizen_id: str | None = None
    name_folded: str | None = None
    birth_date: date | None = None


def _where(model: type[Member] | type[Candidate], key: PersonKey) -> list[sa.ColumnElement[bool]]:
    if key.citizen_id is not None:
        return [col(model.citizen_id) == key.citizen_id]
    conditions = [col(model.name_folded) == key.name_folded]
    if key.birth_date is not None:
        conditions.append(col(model.birth_date) == key.birth_date)
    return conditions


def referenced_ids(*, session: Session, model: type[Member] | type[Candidate], key: PersonKey) -> list[int]:
    """Up to two ids of the members (or candidates) ``key`` names: two mean the name is ambiguous.

    Current records first (a member who has not left, a candidate on the way): the same person may also
    have an old record, from before a removal, which is then not a second match."""
    query = select(model.id).where(*_where(model, key))
    ids = list(session.exec(query.where(is_current(model)).limit(2))) or list(session.exec(query.limit(2)))
    return [i for i in ids if i is not None]


def members_with(*, session: Session, key: PersonKey) -> list[Member]:
    """Every member record ``key`` names (current or not)."""
    return list(session.exec(select(Member).where(*_where(Member, key))))


def admission_of(*, session: Session, member_id: int) -> int | None:
    """The candidate whose admission made this member, if one is recorded."""
    return session.exec(select(Admission.candidate_id).where(Admission.member_id == member_id)).first()


def current_members(*, session: Session, citizen_ids: set[str]) -> dict[str, int]:
    """Members who have not left, by citizen ID, among ``citizen_ids``."""
    if not citizen_ids:
        return {}
    query = select(Member.citizen_id, Member.id).where(
        col(Member.citizen_id).in_(citizen_ids), col(Member.left_on).is_(None)
    )
    return {
        citizen_id: member_id for citizen_id, member_id in session.exec(query) if citizen_id and member_id
    }


def current_cells(*, session: Session, member_ids: list[int]) -> dict[int, int]:
    """The cell each member belongs to last (their latest membership)."""
    if not member_ids:
        return {}
    cells: dict[int, int] = {}
    query = (
        select(Membership.member_id, Membership.cell_id)
        .where(col(Membership.member_id).in_(member_ids))
        .order_by(col(Membership.start_on), col(Membership.id))
    )
    for member_id, cell_id in session.exec(query):
        cells[member_id] = cell_id  # the latest wins
    return cells


class PeopleUnits:
    """The organisations of the tree, read once (they are few beside the people), to check where people
    are put: :meth:`check` refuses a code as :func:`dangvien_cli.store.orgs.check_member_unit` does."""

    def __init__(self, *, session: Session) -> None:
        self._session = session
        self._units: dict[str, tuple[int, str, bool, date | None]] | None = None

    def check(self, code: str, field: str = "cell") -> int:
        """The id of the organisation ``code`` if people may belong to it; NotFound or InvalidValue else."""
        if self._units is None:
            self._units = self._read()
        unit = self._units.get(code)
        if unit is None:
            raise NotFound(field, code, "org.not_found")
        org_id, kind, holds, end_on = unit
        if end_on is not None:  # merged or closed: it takes no one any more (as check_open_unit)
            raise Conflict(field, code, "tree.closed_for_people", end_on=end_on)
        if not holds:
            raise InvalidValue(field, code, "org.not_a_cell", kind=OrgKind(kind))
        return org_id

    def _read(self) -> dict[str, tuple[int, str, bool, date | None]]:
        living = select(Organisation.parent_id).where(col(Organisation.end_on).is_(None)).distinct()
        parents = set(self._session.exec(living))
        return {
            code: (org_id, kind, holds_people(kind, org_id in parents), end_on)
            for org_id, code, kind, end_on in self._session.exec(
                select(
                    col(Organisation.id),
                    col(Organisation.code),
                    col(Organisation.kind),
                    col(Organisation.end_on),
                )
            )
            if org_id is not None
        }


@dataclass(frozen=True)
class StoredOrg:
    """An organisation as stored, with its parent's code."""

    record: Organisation
    parent: str | None


def stored_org(*, session: Session, code: str) -> StoredOrg | None:
    """The organisation with ``code`` and its parent's code, or None."""
    org = session.exec(select(Organisation).where(Organisation.code == code)).first()
    if org is None:
        return None
    parent = session.get(Organisation, org.parent_id) if org.parent_id else None
    return StoredOrg(org, parent.code if parent else None)
