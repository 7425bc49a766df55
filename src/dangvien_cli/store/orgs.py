"""Organisations: the tree of committees, base organisations and cells, and queries over subtrees.

The tree changes over time (see :mod:`dangvien_cli.domain.tree` and :mod:`dangvien_cli.store.tree`): lists
and records take a date and show the tree as it was that day; the changes themselves (rename, move, merge,
close) are :mod:`dangvien_cli.store.restructure`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.domain.people import check_not_future
from dangvien_cli.domain.tree import Span, check_alive, lower, stored_start, upper
from dangvien_cli.domain.vocab import OrgKind, Place
from dangvien_cli.errors import Conflict, InvalidValue, NotFound
from dangvien_cli.store.changelog import log_insert
from dangvien_cli.store.conditions import candidate_active_on
from dangvien_cli.store.models import (
    Candidate,
    Member,
    Membership,
    Organisation,
    OrgClosure,
    OrgClosureSpan,
    OrgVersion,
)
from dangvien_cli.store.tree import (
    alive_on,
    candidate_cell_on,
    lineage,
    orgs_on,
    span_on,
    spans_of,
    subtree_at,
    write_spans,
)

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
    start_on: date | None = None,
    today: date | None = None,
) -> Organisation:
    """Add an organisation under ``parent_code`` and link it into the closure tables. ``kind`` and ``place``
    are codes (an :class:`OrgKind` and a :class:`Place` are codes too).

    ``start_on`` is its first day; without it, it begins with its parent (at the top: with no recorded
    beginning), so that people recorded with earlier dates fit in it as before."""
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
    if today is not None:
        check_not_future("date", start_on, today=today)
    start_on = _check_parent(session=session, kind=org_kind, parent=parent, start_on=start_on)

    org = Organisation(
        code=code,
        name=name,
        kind=org_kind.value,
        parent_id=parent.id if parent else None,
        place=org_place.value,
        population=population,
        start_on=start_on,
    )
    session.add(org)
    session.flush()
    assert org.id is not None
    # Its first version repeats what the organisation's own log entry holds (name, parent, start): the
    # log keeps one entry for the new organisation, as before; later versions are logged as they change.
    session.add(OrgVersion(org_id=org.id, name=name, parent_id=org.parent_id, start_on=start_on))
    # The new node is its own ancestor at depth 0, and inherits every ancestor its parent has from its start.
    spans = [Span(org.id, org.id, 0, start_on, None)]
    if parent is not None:
        assert parent.id is not None
        for above in spans_of(session=session, org_id=parent.id):
            begin = max(lower(start_on), lower(above.start_on))
            if begin < upper(above.end_on):
                spans.append(
                    Span(above.ancestor_id, org.id, above.depth + 1, stored_start(begin), above.end_on)
                )
    write_spans(session=session, spans=spans)
    log_insert(session=session, entity="organisation", record=org)
    return org


def _check_parent(
    *, session: Session, kind: OrgKind, parent: Organisation | None, start_on: date | None
) -> date | None:
    """The parent may take an organisation of ``kind`` from ``start_on``; returns the start (the parent's
    when none is given)."""
    parent_kind = OrgKind(parent.kind) if parent else None
    if parent_kind not in ALLOWED_PARENTS[kind]:
        if parent is None:
            raise InvalidValue("parent", "", "org.parent_required", kind=kind)
        raise InvalidValue("parent", parent.code, "org.parent_kind", kind=kind, parent_kind=parent_kind)
    if parent is None:
        return start_on
    if parent.end_on is not None:
        raise Conflict("parent", parent.code, "tree.closed_for_people", end_on=parent.end_on)
    if start_on is not None:
        check_alive("parent", parent.code, start_on, parent.start_on, parent.end_on)
    if parent_kind is OrgKind.base:
        # A base cell (chi bộ cơ sở) holds members itself; it cannot grow cells until they are moved.
        direct = session.execute(
            select(sa.func.count())
            .select_from(Membership)
            .where(Membership.cell_id == parent.id, col(Membership.end_on).is_(None))
        ).scalar_one()
        if direct:
            raise Conflict("parent", parent.code, "org.parent_has_members", count=direct)
    return start_on if start_on is not None else parent.start_on


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


def list_orgs(*, session: Session, under: str | None = None, at: date | None = None) -> list[OrgRow]:
    """Organisations in tree order (each parent before its children, siblings by code): the tree as it
    stands now, or as it was on ``at``."""
    if at is not None:
        return _list_orgs_at(session=session, under=under, at=at)
    parent = sa.orm.aliased(Organisation)
    if under is not None:
        root = get_org(session=session, code=under, field="under")
        if root.end_on is not None:  # the tree now has no place for it: ask for a day of its life
            raise Conflict("under", root.code, "tree.closed_for_people", end_on=root.end_on)
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
        .where(col(Organisation.end_on).is_(None))  # closed ones stay in the closure, not in the tree
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


def _list_orgs_at(*, session: Session, under: str | None, at: date) -> list[OrgRow]:
    """The tree as it was on ``at``: the organisations alive then, with their names and parents then."""
    alive = orgs_on(session=session, on=at)
    if under is not None:
        root = get_org(session=session, code=under, field="under")
        assert root.id is not None
        if root.id not in alive:
            check_alive("under", root.code, at, root.start_on, root.end_on)
        links = select(OrgClosureSpan.descendant_id, OrgClosureSpan.depth).where(
            OrgClosureSpan.ancestor_id == root.id, span_on(at)
        )
    else:
        links = (
            select(OrgClosureSpan.descendant_id, sa.func.max(OrgClosureSpan.depth))
            .where(span_on(at))
            .group_by(col(OrgClosureSpan.descendant_id))
        )
    depths = {int(d): int(n) for d, n in session.execute(links)}
    codes = {org_id: org.code for org_id, org in alive.items()}
    rows = [
        OrgRow(
            id=org.id,
            code=org.code,
            name=org.name,
            kind=OrgKind(org.kind),
            parent=codes.get(org.parent_id) if org.parent_id is not None else None,
            place=Place(org.place),
            population=org.population,
            depth=depths[org_id],
        )
        for org_id, org in alive.items()
        if org_id in depths
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
class LineageLink:
    """An organisation merged into another, and the day the successor took over."""

    code: str
    on: date

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "on": self.on.isoformat()}


@dataclass(frozen=True)
class OrgSummary:
    """An organisation with its subtree's counts on a day (``org show``): its name and parent on that day,
    its life, and the organisations it came from and went into."""

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
    start_on: date | None = None
    end_on: date | None = None
    predecessors: tuple[LineageLink, ...] = ()
    successors: tuple[LineageLink, ...] = ()

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
            "start_on": self.start_on.isoformat() if self.start_on else None,
            "end_on": self.end_on.isoformat() if self.end_on else None,
            "predecessors": [link.as_json() for link in self.predecessors],
            "successors": [link.as_json() for link in self.successors],
        }


def org_summary(*, session: Session, code: str, on: date) -> OrgSummary:
    """An organisation as it was on ``on``: its subtree's members and active candidates that day (the tree
    as of that day), its children and cells then, and its lineage."""
    org = get_org(session=session, code=code)
    assert org.id is not None
    subtree = subtree_at(org.id, on)
    official = sa.and_(col(Member.official_on).is_not(None), col(Member.official_on) <= on)
    members = session.execute(
        select(
            sa.func.count(),
            sa.func.coalesce(sa.func.sum(sa.case((official, 1), else_=0)), 0),
        )
        .select_from(Membership)
        .join(Member, col(Member.id) == Membership.member_id)
        .where(col(Membership.cell_id).in_(subtree), membership_at(on))
    ).one()
    candidates = session.execute(
        select(sa.func.count())
        .select_from(Candidate)
        .where(candidate_cell_on(on, Candidate).in_(subtree), candidate_active_on(on))
    ).scalar_one()
    is_child = sa.case((col(OrgClosureSpan.depth) == 1, 1), else_=0)
    is_cell = sa.case((col(Organisation.kind) == OrgKind.cell.value, 1), else_=0)
    children, cells = session.execute(
        select(sa.func.coalesce(sa.func.sum(is_child), 0), sa.func.coalesce(sa.func.sum(is_cell), 0))
        .select_from(OrgClosureSpan)
        .join(Organisation, col(Organisation.id) == OrgClosureSpan.descendant_id)
        .where(OrgClosureSpan.ancestor_id == org.id, span_on(on), alive_on(on), OrgClosureSpan.depth >= 1)
    ).one()
    then = orgs_on(session=session, on=on, ids=[org.id])[org.id]
    parent = session.get(Organisation, then.parent_id) if then.parent_id else None
    before, after = lineage(session=session, org_id=org.id)
    return OrgSummary(
        id=org.id,
        code=org.code,
        name=then.name,
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
        start_on=org.start_on,
        end_on=org.end_on,
        predecessors=tuple(LineageLink(c, d) for c, d in before),
        successors=tuple(LineageLink(c, d) for c, d in after),
    )


def holds_people(kind: str, has_children: bool) -> bool:
    """Whether people belong to an organisation directly: a cell, or a base cell without cells."""
    return kind == OrgKind.cell or (kind == OrgKind.base and not has_children)


def has_living_children(*, session: Session, org_id: int) -> bool:
    """Whether organisations sit under this one now (closed ones keep their last parent, and do not count)."""
    child = session.exec(
        select(Organisation.id).where(Organisation.parent_id == org_id, col(Organisation.end_on).is_(None))
    ).first()
    return child is not None


def check_member_unit(*, session: Session, code: str, field: str = "cell") -> Organisation:
    """The organisation a member or candidate is to belong to, refused unless it can hold people."""
    org = get_org(session=session, code=code, field=field)
    assert org.id is not None
    if not holds_people(org.kind, has_living_children(session=session, org_id=org.id)):
        raise InvalidValue(field, code, "org.not_a_cell", kind=OrgKind(org.kind))
    return org


def check_open_unit(org: Organisation, field: str = "cell", on: date | None = None) -> None:
    """People can be put in ``org`` from now on: it is not closed, and (for a move dated ``on``) it exists
    on that day. A person's first cell may begin before the cell did: people arrive from elsewhere with the
    dates of their own history."""
    if org.end_on is not None:
        raise Conflict(field, org.code, "tree.closed_for_people", end_on=org.end_on)
    if on is not None:
        check_alive(field, org.code, on, org.start_on, org.end_on)
