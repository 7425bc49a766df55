"""Organisations: the tree of committees, base organisations and cells, and queries over subtrees."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.errors import Conflict, InvalidValue, NotFound
from dangvien_cli.store.changelog import log_insert
from dangvien_cli.store.conditions import candidate_active_on
from dangvien_cli.store.models import (
    ORG_KINDS,
    PLACES,
    Candidate,
    Member,
    Membership,
    Organisation,
    OrgClosure,
)

# Which kinds may sit directly under which (None: at the top of the tree).
ALLOWED_PARENTS: dict[str, tuple[str | None, ...]] = {
    "committee": (None, "committee"),
    "base": (None, "committee"),
    "cell": ("base",),
}
ACTIVE_STAGES = ("identified", "mentored", "trained", "applied", "proposed")


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
    place: str = "other",
    population: int | None = None,
) -> Organisation:
    """Add an organisation under ``parent_code`` and link it into the closure table."""
    code = code.strip()
    name = " ".join(name.split())
    if not code or any(ch.isspace() for ch in code):
        raise InvalidValue("code", code, "org.code_invalid")
    if not name:
        raise InvalidValue("name", name, "value.empty")
    if kind not in ORG_KINDS:
        raise InvalidValue("kind", kind, "value.choice", choices=", ".join(ORG_KINDS))
    if place not in PLACES:
        raise InvalidValue("place", place, "value.choice", choices=", ".join(PLACES))
    if population is not None and population < 0:
        raise InvalidValue("population", population, "value.negative")
    if session.exec(select(Organisation.id).where(Organisation.code == code)).first() is not None:
        raise Conflict("code", code, "org.duplicate_code")
    parent = get_org(session=session, code=parent_code, field="parent") if parent_code else None
    parent_kind = parent.kind if parent else None
    if parent_kind not in ALLOWED_PARENTS[kind]:
        if parent is None:
            raise InvalidValue("parent", "", "org.parent_required", kind=kind)
        raise InvalidValue("parent", parent.code, "org.parent_kind", kind=kind, parent_kind=parent.kind)

    if parent is not None and parent.kind == "base":
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
        kind=kind,
        parent_id=parent.id if parent else None,
        place=place,
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
    kind: str
    parent: str | None
    place: str
    population: int | None
    depth: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "code": self.code,
            "name": self.name,
            "kind": self.kind,
            "parent": self.parent,
            "place": self.place,
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
            kind=o.kind,
            parent=parent_code,
            place=o.place,
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


def org_summary(*, session: Session, code: str, on: date) -> dict[str, Any]:
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
        .where(OrgClosure.ancestor_id == org.id, Organisation.kind == "cell")
    ).scalar_one()
    parent = session.get(Organisation, org.parent_id) if org.parent_id else None
    total, official_count = int(members[0]), int(members[1])
    return {
        "id": org.id,
        "code": org.code,
        "name": org.name,
        "kind": org.kind,
        "parent": parent.code if parent else None,
        "place": org.place,
        "population": org.population,
        "at": on.isoformat(),
        "members": total,
        "official_members": official_count,
        "probationary_members": total - official_count,
        "candidates": candidates,
        "children": children,
        "cells": cells,
    }


def holds_people(kind: str, has_children: bool) -> bool:
    """Whether people belong to an organisation directly: a cell, or a base cell without cells."""
    return kind == "cell" or (kind == "base" and not has_children)


def check_member_unit(*, session: Session, code: str, field: str = "cell") -> Organisation:
    """The organisation a member or candidate is to belong to, refused unless it can hold people."""
    org = get_org(session=session, code=code, field=field)
    has_children = session.exec(select(Organisation.id).where(Organisation.parent_id == org.id)).first()
    if not holds_people(org.kind, has_children is not None):
        raise InvalidValue(field, code, "org.not_a_cell", kind=org.kind)
    return org
