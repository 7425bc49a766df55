"""Organisations: the tree of committees, base organisations and cells, and queries over subtrees."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.domain.vocab import OrgKind, Place
from dangvien_cli.errors import Conflict, InvalidValue, NotFound
from dangvien_cli.store.changelog import log_insert
from dangvien_cli.store.conditions import candidate_active_on
from dangvien_cli.store.models import Candidate, Member, Membership, Organisation, OrgClosure

# Which kinds may sit directly under which (None: at the top of the tree).
ALLOWED_PARENTS: dict[OrgKind, tuple[OrgKind | None, ...]] = {
    OrgKind.committee: (None, OrgKind.committee),
    OrgKind.base: (None, OrgKind.committee),
    OrgKind.cell: (OrgKind.base,),
}


def get_org(*, session: Session, code: str, field: str = "org") -> Organisation:
    """The organisation with ``code``; :class:`NotFound` names ``field`` otherwise."""
    org = session.exec(select(Organisation).where(Organisation.code == code.strip())).first()
    if org is None:
        raise NotFound(field, code, "org.not_found")
    return org


def add_org(
    *,
    session: Session,
    code: str,
    name: str,
    kind: str,
    parent_code: str | None = None,
    place: str = Place.other,
    population: int | None = None,
) -> Organisation:
    """Add an organisation under ``parent_code`` and link it into the closure table. ``kind`` and ``place``
    are codes (an :class:`OrgKind` and a :class:`Place` are codes too)."""
    code = code.strip()
    name = " ".join(name.split())
    if not code or any(ch.isspace() for ch in code):
        raise InvalidValue("code", code, "org.code_invalid")
    if not name:
        raise InvalidValue("name", name, "value.empty")
    org_kind = OrgKind.checked("kind", kind)
    org_place = Place.checked("place", place)
    if population is not None and population < 0:
        raise InvalidValue("population", population, "value.negative")
    if session.exec(select(Organisation.id).where(Organisation.code == code)).first() is not None:
        raise Conflict("code", code, "org.duplicate_code")
    parent = get_org(session=session, code=parent_code, field="parent") if parent_code else None
    parent_kind = OrgKind(parent.kind) if parent else None
    if parent_kind not in ALLOWED_PARENTS[org_kind]:
        if parent is None:
            raise InvalidValue("parent", "", "org.parent_required", kind=org_kind)
        raise InvalidValue("parent", parent.code, "org.parent_kind", kind=org_kind, parent_kind=parent_kind)

    if parent is not None and parent_kind is OrgKind.base:
        # A base cell (chi bộ cơ sở) holds members itself; it cannot grow cells until they are moved.
        direct = session.execute(
            select(sa.func.count())
            .select_from(Membership)
            .where(Membership.cell_id == parent.id, col(Membership.end_on).is_(None))
        ).scalar_one()
        if direct:
            raise Conflict("parent", parent.code, "org.parent_has_members", count=direct)

    org = Organisation(
        code=code,
        name=name,
        kind=org_kind.value,
        parent_id=parent.id if parent else None,
        place=org_place.value,
        population=population,
    )
    session.add(org)
    session.flush()
    assert org.id is not None
    # The new node is its own ancestor at depth 0, and inherits every ancestor of its parent.
    session.add(OrgClosure(ancestor_id=org.id, descendant_id=org.id, depth=0))
    if parent is not None:
        session.execute(
            sa.insert(OrgClosure).from_select(
                ["ancestor_id", "descendant_id", "depth"],
                select(OrgClosure.ancestor_id, sa.literal(org.id), OrgClosure.depth + 1).where(
                    OrgClosure.descendant_id == parent.id
                ),
            )
        )
    log_insert(session=session, entity="organisation", record=org)
    return org


def subtree_ids(org_id: int) -> sa.Select[Any]:
    """A subquery of the ids in ``org_id``'s subtree (itself included): one indexed lookup."""
    return select(OrgClosure.descendant_id).where(OrgClosure.ancestor_id == org_id)


@dataclass(frozen=True)
class OrgRow:
    """An organisation as lists show it."""

    id: int
    code: str
    name: str
    kind: OrgKind
    parent: str | None
    place: Place
    population: int | None
    depth: int

    def as_json(self) -> dict[str, Any]:
        """The row as ``org list --format json`` writes it."""
        return {
            "id": self.id,
            "code": self.code,
            "name": self.name,
            "kind": self.kind.value,
            "parent": self.parent,
            "place": self.place.value,
            "population": self.population,
            "depth": self.depth,
        }


def list_orgs(*, session: Session, under: str | None = None) -> list[OrgRow]:
    """Organisations in tree order (each parent before its children, siblings by code)."""
    parent = sa.orm.aliased(Organisation)
    if under is not None:
        root = get_org(session=session, code=under, field="under")
        links = select(col(OrgClosure.descendant_id), col(OrgClosure.depth)).where(
            OrgClosure.ancestor_id == root.id
        )
    else:  # depth from the top of the tree: each node's longest link upwards
        links = select(
            col(OrgClosure.descendant_id), sa.func.max(col(OrgClosure.depth)).label("depth")
        ).group_by(col(OrgClosure.descendant_id))
    subtree = links.subquery()
    query = (
        select(Organisation, parent.code, subtree.c.depth)
        .join(subtree, subtree.c.descendant_id == col(Organisation.id))
        .join(parent, col(Organisation.parent_id) == parent.id, isouter=True)
    )
    rows = [
        OrgRow(
            id=o.id,
            code=o.code,
            name=o.name,
            kind=OrgKind(o.kind),
            parent=parent_code,
            place=Place(o.place),
            population=o.population,
            depth=d,
        )
        for o, parent_code, d in session.execute(query)
    ]
    return _tree_order(rows)


def _tree_order(rows: list[OrgRow]) -> list[OrgRow]:
    children: dict[str | None, list[OrgRow]] = {}
    codes = {row.code for row in rows}
    for row in rows:
        key = row.parent if row.parent in codes else None  # roots of the listed subtree
        children.setdefault(key, []).append(row)
    ordered: list[OrgRow] = []

    def visit(key: str | None) -> None:
        for row in sorted(children.get(key, []), key=lambda r: r.code):
            ordered.append(row)
            visit(row.code)

    visit(None)
    return ordered


def membership_at(on: date) -> sa.ColumnElement[bool]:
    """The condition "this membership row covers the day ``on``"."""
    return sa.and_(
        col(Membership.start_on) <= on,
        sa.or_(col(Membership.end_on).is_(None), col(Membership.end_on) > on),
    )


@dataclass(frozen=True)
class OrgSummary:
    """An organisation with its subtree's counts on a day (``org show``)."""

    id: int
    code: str
    name: str
    kind: OrgKind
    parent: str | None
    place: Place
    population: int | None
    at: date
    members: int
    official_members: int
    candidates: int
    children: int
    cells: int

    @property
    def probationary_members(self) -> int:
        return self.members - self.official_members

    def as_json(self) -> dict[str, Any]:
        """The record as ``org show --format json`` writes it."""
        return {
            "id": self.id,
            "code": self.code,
            "name": self.name,
            "kind": self.kind.value,
            "parent": self.parent,
            "place": self.place.value,
            "population": self.population,
            "at": self.at.isoformat(),
            "members": self.members,
            "official_members": self.official_members,
            "probationary_members": self.probationary_members,
            "candidates": self.candidates,
            "children": self.children,
            "cells": self.cells,
        }


def org_summary(*, session: Session, code: str, on: date) -> OrgSummary:
    """An organisation with its subtree's member counts on ``on`` and its active candidates."""
    org = get_org(session=session, code=code)
    assert org.id is not None
    in_subtree = col(Membership.cell_id).in_(subtree_ids(org.id))
    official = sa.and_(col(Member.official_on).is_not(None), col(Member.official_on) <= on)
    members = session.execute(
        select(
            sa.func.count(),
            sa.func.coalesce(sa.func.sum(sa.case((official, 1), else_=0)), 0),
        )
        .select_from(Membership)
        .join(Member, col(Member.id) == Membership.member_id)
        .where(in_subtree, membership_at(on))
    ).one()
    candidates = session.execute(
        select(sa.func.count())
        .select_from(Candidate)
        .where(col(Candidate.cell_id).in_(subtree_ids(org.id)), candidate_active_on(on))
    ).scalar_one()
    children = session.execute(
        select(sa.func.count()).select_from(Organisation).where(Organisation.parent_id == org.id)
    ).scalar_one()
    cells = session.execute(
        select(sa.func.count())
        .select_from(OrgClosure)
        .join(Organisation, col(Organisation.id) == OrgClosure.descendant_id)
        .where(OrgClosure.ancestor_id == org.id, Organisation.kind == OrgKind.cell.value)
    ).scalar_one()
    parent = session.get(Organisation, org.parent_id) if org.parent_id else None
    return OrgSummary(
        id=org.id,
        code=org.code,
        name=org.name,
        kind=OrgKind(org.kind),
        parent=parent.code if parent else None,
        place=Place(org.place),
        population=org.population,
        at=on,
        members=int(members[0]),
        official_members=int(members[1]),
        candidates=int(candidates),
        children=int(children),
        cells=int(cells),
    )


def holds_people(kind: str, has_children: bool) -> bool:
    """Whether people belong to an organisation directly: a cell, or a base cell without cells."""
    return kind == OrgKind.cell or (kind == OrgKind.base and not has_children)


def check_member_unit(*, session: Session, code: str, field: str = "cell") -> Organisation:
    """The organisation a member or candidate is to belong to, refused unless it can hold people."""
    org = get_org(session=session, code=code, field=field)
    has_children = session.exec(select(Organisation.id).where(Organisation.parent_id == org.id)).first()
    if not holds_people(org.kind, has_children is not None):
        raise InvalidValue(field, code, "org.not_a_cell", kind=OrgKind(org.kind))
    return org
