"""The tree over time in the database: which organisations were alive, under whom and with what name on a
day, and the upkeep of the two closure tables after a change.

"The subtree of X as of D" is one indexed join on ``org_closure_span`` (rows of X, then a date condition);
the tree as it stands now is ``org_closure``, as before. Both are derived from the organisations' lives,
versions and lineage by :func:`dangvien_cli.domain.tree.closure_spans`, and rebuilt here for the
organisations a change touches (and whatever sits under them), never by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.domain.tree import LineageCycle, Span, Timeline, Version, below, closure_spans
from dangvien_cli.errors import Conflict
from dangvien_cli.store.models import (
    Candidate,
    CandidateMove,
    Organisation,
    OrgClosure,
    OrgClosureSpan,
    OrgLineage,
    OrgVersion,
)

_CHUNK = 500  # ids in one IN (...) list


def period_holds(start: Any, end: Any, on: date) -> sa.ColumnElement[bool]:
    """SQL: the period ``[start, end)`` (``NULL``: open) holds the day ``on``."""
    return sa.and_(sa.or_(start.is_(None), start <= on), sa.or_(end.is_(None), end > on))


def alive_on(on: date) -> sa.ColumnElement[bool]:
    """SQL: the organisation exists on ``on``."""
    return period_holds(col(Organisation.start_on), col(Organisation.end_on), on)


def span_on(on: date, span: Any = OrgClosureSpan) -> sa.ColumnElement[bool]:
    """SQL: the closure row holds on ``on``."""
    return period_holds(col(span.start_on), col(span.end_on), on)


def subtree_at(org_id: int, on: date) -> sa.Select[Any]:
    """A subquery of the ids under ``org_id`` on ``on``, itself included, and the closed organisations whose
    records it took over (see :mod:`dangvien_cli.domain.tree`): one indexed lookup."""
    return select(OrgClosureSpan.descendant_id).where(OrgClosureSpan.ancestor_id == org_id, span_on(on))


def closure_at(on: date) -> sa.Subquery:
    """The closure as of ``on``: (ancestor_id, descendant_id, depth)."""
    return (
        select(OrgClosureSpan.ancestor_id, OrgClosureSpan.descendant_id, OrgClosureSpan.depth)
        .where(span_on(on))
        .subquery()
    )


@dataclass(frozen=True)
class OrgOn:
    """An organisation as it was on a day: its name and parent then."""

    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None
    place: str
    population: int | None
    start_on: date | None
    end_on: date | None


_FEW = 2000  # ids listed in IN (...); more than this, the whole (small) table is read and filtered


def orgs_on(*, session: Session, on: date, ids: Iterable[int] | None = None) -> dict[int, OrgOn]:
    """The organisations alive on ``on`` (or those of ``ids``, alive or not, named as on ``on`` or, outside
    their life, as at its nearest end), with their name and parent on that day. Read as plain rows, two
    statements (organisations are few beside the people)."""
    o, v = Organisation, OrgVersion
    wanted = None if ids is None else set(ids)
    query = sa.select(
        col(o.id), col(o.code), col(o.name), col(o.kind), col(o.parent_id), col(o.place), col(o.population),
        col(o.start_on), col(o.end_on),
    )  # fmt: skip
    versions = sa.select(col(v.org_id), col(v.name), col(v.parent_id), col(v.start_on), col(v.end_on))
    if wanted is None:
        query = query.where(alive_on(on))
        versions = versions.join(o, col(o.id) == v.org_id).where(alive_on(on))
    elif len(wanted) <= _FEW:
        query = query.where(col(o.id).in_(wanted))
        versions = versions.where(col(v.org_id).in_(wanted))
    orgs = {row[0]: row for row in session.execute(query) if wanted is None or row[0] in wanted}
    if not orgs:
        return {}
    chosen: dict[int, tuple[int, int, str, int | None]] = {}  # org → (distance, order, name, parent)
    for order, (org_id, name, parent_id, start, end) in enumerate(session.execute(versions)):
        if org_id in orgs:
            candidate = (_distance(start, end, on), order, name, parent_id)
            if org_id not in chosen or candidate[:2] < chosen[org_id][:2]:
                chosen[org_id] = candidate
    result = {}
    for org_id, (_, code, name, kind, parent_id, place, population, start_on, end_on) in orgs.items():
        found = chosen.get(org_id)
        result[org_id] = OrgOn(
            id=org_id,
            code=code,
            name=found[2] if found else name,
            kind=kind,
            parent_id=found[3] if found else parent_id,
            place=place,
            population=population,
            start_on=start_on,
            end_on=end_on,
        )
    return result


def parents_on(*, session: Session, on: date) -> set[int]:
    """The organisations that had organisations under them on ``on``."""
    query = (
        select(OrgVersion.parent_id)
        .join(Organisation, col(Organisation.id) == OrgVersion.org_id)
        .where(period_holds(col(OrgVersion.start_on), col(OrgVersion.end_on), on), alive_on(on))
        .distinct()
    )
    return {parent for parent in session.exec(query) if parent is not None}


def _distance(start: date | None, end: date | None, on: date) -> int:
    """How far a period is from ``on``, in days (0: it holds the day)."""
    if start is not None and on < start:
        return (start - on).days
    if end is not None and on >= end:
        return (on - end).days + 1
    return 0


def name_on(*, session: Session, org_id: int, on: date) -> str:
    """The organisation's name on ``on`` (outside its life: at the nearest end of it)."""
    return orgs_on(session=session, on=on, ids=[org_id])[org_id].name


def versions_of(*, session: Session, org_id: int) -> list[OrgVersion]:
    """An organisation's versions, oldest first."""
    return list(
        session.exec(
            select(OrgVersion)
            .where(OrgVersion.org_id == org_id)
            .order_by(sa.func.coalesce(col(OrgVersion.start_on), date.min), col(OrgVersion.id))
        )
    )


def current_version(*, session: Session, org_id: int) -> OrgVersion:
    """The version that is still open (the last one)."""
    versions = versions_of(session=session, org_id=org_id)
    assert versions, "every organisation has a version"
    return versions[-1]


def lineage(*, session: Session, org_id: int) -> tuple[list[tuple[str, date]], list[tuple[str, date]]]:
    """(predecessors, successors) of an organisation: (code, the day the successor took over)."""
    other = sa.orm.aliased(Organisation)
    before = session.execute(
        select(col(other.code), col(OrgLineage.on))
        .join(other, col(other.id) == OrgLineage.predecessor_id)
        .where(OrgLineage.successor_id == org_id)
        .order_by(col(OrgLineage.on), col(other.code))
    ).all()
    after = session.execute(
        select(col(other.code), col(OrgLineage.on))
        .join(other, col(other.id) == OrgLineage.successor_id)
        .where(OrgLineage.predecessor_id == org_id)
        .order_by(col(OrgLineage.on), col(other.code))
    ).all()
    return [(c, d) for c, d in before], [(c, d) for c, d in after]


def merges_between(*, session: Session, first: date, last: date) -> dict[int, list[int]]:
    """The merges that took effect from ``first`` to ``last`` (inclusive): successor → its predecessors."""
    links: dict[int, list[int]] = {}
    for predecessor, successor in session.execute(
        select(OrgLineage.predecessor_id, OrgLineage.successor_id)
        .where(col(OrgLineage.on) >= first, col(OrgLineage.on) <= last)
        .order_by(col(OrgLineage.id))
    ):
        links.setdefault(successor, []).append(predecessor)
    return links


# --- upkeep --------------------------------------------------------------------------------------------


def load_timelines(*, session: Session) -> dict[int, Timeline]:
    """Every organisation's life, versions and successor (organisations are few beside the people: the
    whole tree of a province is read in one pass a table)."""
    versions: dict[int, list[Version]] = {}
    for v in session.exec(select(OrgVersion).order_by(col(OrgVersion.org_id), col(OrgVersion.id))):
        versions.setdefault(v.org_id, []).append(Version(v.start_on, v.end_on, v.name, v.parent_id))
    successors = {
        int(p): int(s) for p, s in session.execute(select(OrgLineage.predecessor_id, OrgLineage.successor_id))
    }
    timelines = {}
    for org_id, start_on, end_on in session.execute(
        select(col(Organisation.id), col(Organisation.start_on), col(Organisation.end_on))
    ):
        ordered = sorted(versions.get(org_id, []), key=lambda v: v.start_on or date.min)
        timelines[org_id] = Timeline(org_id, start_on, end_on, tuple(ordered), successors.get(org_id))
    return timelines


def rebuild_closure(*, session: Session, changed: Iterable[int]) -> None:
    """Recompute both closure tables for the ``changed`` organisations and everything placed under them.

    Raises :class:`Conflict` when the change would put an organisation under itself."""
    session.flush()
    timelines = load_timelines(session=session)
    affected = below(timelines, changed)
    try:
        spans = closure_spans(timelines, affected)
    except LineageCycle as cycle:
        codes = {int(i): str(c) for i, c in session.execute(select(Organisation.id, Organisation.code))}
        shown = ", ".join(codes[i] for i in cycle.org_ids)
        raise Conflict("parent", shown, "tree.cycle") from None
    ids = sorted(affected)
    for start in range(0, len(ids), _CHUNK):
        part = ids[start : start + _CHUNK]
        session.execute(sa.delete(OrgClosureSpan).where(col(OrgClosureSpan.descendant_id).in_(part)))
        session.execute(sa.delete(OrgClosure).where(col(OrgClosure.descendant_id).in_(part)))
    rows = [span for org_id in ids for span in spans[org_id]]
    write_spans(session=session, spans=rows)


def write_spans(*, session: Session, spans: list[Span]) -> None:
    """Insert closure rows: every span in ``org_closure_span``, the open ones in ``org_closure`` too."""
    if not spans:
        return
    session.execute(
        sa.insert(OrgClosureSpan),
        [
            {
                "ancestor_id": s.ancestor_id,
                "descendant_id": s.descendant_id,
                "depth": s.depth,
                "start_on": s.start_on,
                "end_on": s.end_on,
            }
            for s in spans
        ],
    )
    current = [
        {"ancestor_id": s.ancestor_id, "descendant_id": s.descendant_id, "depth": s.depth}
        for s in spans
        if s.end_on is None
    ]
    if current:
        session.execute(sa.insert(OrgClosure), current)


def spans_of(*, session: Session, org_id: int) -> list[Span]:
    """The closure rows whose descendant is ``org_id``."""
    return [
        Span(s.ancestor_id, s.descendant_id, s.depth, s.start_on, s.end_on)
        for s in session.exec(select(OrgClosureSpan).where(OrgClosureSpan.descendant_id == org_id))
    ]


# --- candidates the tree moved -------------------------------------------------------------------------


def candidate_cell_on(on: date, candidate: Any) -> sa.ColumnElement[int]:
    """SQL: the cell a candidate belonged to on ``on``: the cell they left at their first move by the tree
    after that day, else their cell now (``candidate`` is the Candidate table or an alias of it)."""
    earlier = (
        select(CandidateMove.from_cell_id)
        .where(CandidateMove.candidate_id == candidate.id, col(CandidateMove.on) > on)
        .order_by(col(CandidateMove.on), col(CandidateMove.id))
        .limit(1)
        .correlate(candidate)
        .scalar_subquery()
    )
    return sa.func.coalesce(earlier, candidate.cell_id)


def candidate_in_cells_on(on: date, candidate: Any, cells: Any) -> sa.ColumnElement[bool]:
    """SQL: the candidate was in one of ``cells`` (ids, or a select of them) on ``on``.

    Said twice on purpose: whoever was in these cells then is now in one of them or moved out of one
    (``candidate_move.from_cell_id``), a condition the database can answer from the cells' indexes; without
    it one cell's question read every candidate of the database."""
    been_here: sa.CompoundSelect[Any] = sa.union(
        select(Candidate.id).where(col(Candidate.cell_id).in_(cells)),
        select(CandidateMove.candidate_id).where(col(CandidateMove.from_cell_id).in_(cells)),
    )
    return sa.and_(candidate.id.in_(been_here), candidate_cell_on(on, candidate).in_(cells))


# --- an organisation's history -------------------------------------------------------------------------


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


@dataclass(frozen=True)
class OrgHistory:
    """``org history``: an organisation's life, its names and parents over time, and its lineage."""

    code: str
    name: str
    kind: str
    start_on: date | None
    end_on: date | None
    names: tuple[tuple[str, date | None, date | None], ...]
    parents: tuple[tuple[str | None, date | None, date | None], ...]
    predecessors: tuple[tuple[str, date], ...]
    successors: tuple[tuple[str, date], ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "kind": self.kind,
            "start_on": _iso(self.start_on),
            "end_on": _iso(self.end_on),
            "names": [{"name": n, "start_on": _iso(s), "end_on": _iso(e)} for n, s, e in self.names],
            "parents": [{"parent": p, "start_on": _iso(s), "end_on": _iso(e)} for p, s, e in self.parents],
            "predecessors": [{"code": c, "on": d.isoformat()} for c, d in self.predecessors],
            "successors": [{"code": c, "on": d.isoformat()} for c, d in self.successors],
        }


def _runs(
    values: list[tuple[Any, date | None, date | None]],
) -> tuple[tuple[Any, date | None, date | None], ...]:
    """Consecutive versions with the same value joined into one period."""
    runs: list[tuple[Any, date | None, date | None]] = []
    for value, start, end in values:
        if runs and runs[-1][0] == value and runs[-1][2] == start:
            runs[-1] = (value, runs[-1][1], end)
        else:
            runs.append((value, start, end))
    return tuple(runs)


def org_history(*, session: Session, org: Organisation) -> OrgHistory:
    """The history of ``org``: names, parents (by code), predecessors and successors, with dates."""
    assert org.id is not None
    versions = versions_of(session=session, org_id=org.id)
    parents = [v.parent_id for v in versions if v.parent_id is not None]
    codes = {
        int(i): str(c)
        for i, c in session.execute(
            select(col(Organisation.id), col(Organisation.code)).where(col(Organisation.id).in_(parents))
        )
    }
    before, after = lineage(session=session, org_id=org.id)
    return OrgHistory(
        code=org.code,
        name=org.name,
        kind=org.kind,
        start_on=org.start_on,
        end_on=org.end_on,
        names=_runs([(v.name, v.start_on, v.end_on) for v in versions]),
        parents=_runs(
            [(codes.get(v.parent_id) if v.parent_id else None, v.start_on, v.end_on) for v in versions]
        ),
        predecessors=tuple(before),
        successors=tuple(after),
    )
