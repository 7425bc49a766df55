"""``db check`` for the tree over time (issue 14): the invariants the restructuring commands keep.

- Each organisation's versions cover its life end to end, with no gap and no overlap.
- No organisation holds people outside its life: no membership or candidate still there after it ended,
  and no membership that began by a move (or by the tree) before it began. A member's first cell may begin
  before the cell did: people arrive from elsewhere with the dates of their own history.
- No parent's life ends before its child's (nor begins after it).
- Lineage has no cycles, and the closure follows from the histories: both closure tables hold exactly the
  rows :func:`dangvien_cli.domain.tree.closure_spans` computes (``org_closure_span`` on every date,
  ``org_closure`` as the tree stands now).

Each finding is ``(code, entity, id, params)``; :mod:`.checks` makes them problems. Dates are read with
typed columns, so SQLite's text and PostgreSQL's dates compare alike.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING, Any

from dangvien_cli.domain.tree import (
    LineageCycle,
    Span,
    Timeline,
    Version,
    closure_spans,
    coalesce,
    lower,
    upper,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

Finding = tuple[str, str | None, int | None, dict[str, Any]]


def _iso(day: date | None) -> str:
    return day.isoformat() if day is not None else ""


def _tables() -> dict[str, Any]:
    import sqlalchemy as sa

    def table(name: str, *columns: Any) -> Any:
        return sa.table(name, *columns)

    day = sa.Date
    return {
        "org": table(
            "organisation",
            sa.column("id", sa.Integer),
            sa.column("code", sa.String),
            sa.column("start_on", day),
            sa.column("end_on", day),
        ),
        "version": table(
            "org_version",
            sa.column("id", sa.Integer),
            sa.column("org_id", sa.Integer),
            sa.column("name", sa.String),
            sa.column("parent_id", sa.Integer),
            sa.column("start_on", day),
            sa.column("end_on", day),
        ),
        "lineage": table(
            "org_lineage",
            sa.column("predecessor_id", sa.Integer),
            sa.column("successor_id", sa.Integer),
            sa.column("on", day),
        ),
        "span": table(
            "org_closure_span",
            sa.column("ancestor_id", sa.Integer),
            sa.column("descendant_id", sa.Integer),
            sa.column("depth", sa.Integer),
            sa.column("start_on", day),
            sa.column("end_on", day),
        ),
        "closure": table(
            "org_closure",
            sa.column("ancestor_id", sa.Integer),
            sa.column("descendant_id", sa.Integer),
            sa.column("depth", sa.Integer),
        ),
        "membership": table(
            "membership",
            sa.column("id", sa.Integer),
            sa.column("member_id", sa.Integer),
            sa.column("cell_id", sa.Integer),
            sa.column("start_on", day),
            sa.column("end_on", day),
        ),
        "candidate": table(
            "candidate",
            sa.column("id", sa.Integer),
            sa.column("cell_id", sa.Integer),
            sa.column("identified_on", day),
            sa.column("stage", sa.String),
            sa.column("dropped_on", day),
        ),
        "admission": table("admission", sa.column("candidate_id", sa.Integer), sa.column("decision_on", day)),
    }


def tree_findings(connection: Connection) -> list[Finding]:
    """Every problem of the tree over time (an empty list when all is well)."""
    import sqlalchemy as sa

    t = _tables()
    orgs = {
        int(i): (str(code), start, end)
        for i, code, start, end in connection.execute(
            sa.select(t["org"].c.id, t["org"].c.code, t["org"].c.start_on, t["org"].c.end_on)
        )
    }
    versions: dict[int, list[Version]] = defaultdict(list)
    for _id, org_id, name, parent_id, start, end in connection.execute(
        sa.select(t["version"]).order_by(t["version"].c.org_id, t["version"].c.id)
    ):
        versions[int(org_id)].append(Version(start, end, str(name), parent_id))
    for org_versions in versions.values():
        org_versions.sort(key=lambda v: lower(v.start_on))
    successors = {int(p): (int(s), on) for p, s, on in connection.execute(sa.select(t["lineage"]))}
    findings = _version_findings(orgs, versions)
    findings += _parent_findings(orgs, versions)
    findings += _lineage_findings(orgs, successors)
    findings += _people_findings(connection, t, orgs)
    if not any(code == "org.lineage_cycle" for code, *_ in findings):
        timelines = {
            org_id: Timeline(
                org_id, start, end, tuple(versions.get(org_id, [])), successors.get(org_id, (None, None))[0]
            )
            for org_id, (_code, start, end) in orgs.items()
        }
        findings += _closure_findings(connection, t, orgs, timelines)
    return findings


def _version_findings(
    orgs: dict[int, tuple[str, date | None, date | None]], versions: dict[int, list[Version]]
) -> list[Finding]:
    """Versions cover each life end to end."""
    found: list[Finding] = []
    for org_id, (_code, start, end) in orgs.items():
        history = versions.get(org_id, [])
        if not history:
            found.append(("org.no_version", "organisation", org_id, {}))
            continue
        edges = [start, *(v.end_on for v in history)]
        begins = [*(v.start_on for v in history), end]
        for was, then in zip(edges, begins, strict=True):
            if was != then:
                found.append(
                    ("org.version_gap", "organisation", org_id, {"from": _iso(was), "to": _iso(then)})
                )
                break
    return found


def _parent_findings(
    orgs: dict[int, tuple[str, date | None, date | None]], versions: dict[int, list[Version]]
) -> list[Finding]:
    """A parent lives whenever its child sits under it."""
    found: list[Finding] = []
    for org_id, history in versions.items():
        for version in history:
            if version.parent_id is None or version.parent_id not in orgs:
                continue
            parent_code, parent_start, parent_end = orgs[version.parent_id]
            if upper(parent_end) < upper(version.end_on) or lower(parent_start) > lower(version.start_on):
                found.append(
                    (
                        "org.parent_life",
                        "organisation",
                        org_id,
                        {
                            "parent": parent_code,
                            "parent_start": _iso(parent_start),
                            "parent_end": _iso(parent_end),
                            "start_on": _iso(version.start_on),
                            "end_on": _iso(version.end_on),
                        },
                    )
                )
    return found


def _lineage_findings(
    orgs: dict[int, tuple[str, date | None, date | None]], successors: dict[int, tuple[int, date]]
) -> list[Finding]:
    """No cycle through the merges; a predecessor ends the day its successor takes over."""
    found: list[Finding] = []
    for org_id, (successor, on) in successors.items():
        end = orgs.get(org_id, ("", None, None))[2]
        if end != on:
            found.append(("org.lineage_end", "organisation", org_id, {"on": _iso(on), "end_on": _iso(end)}))
        seen = {org_id}
        step: int | None = successor
        while step is not None:
            if step in seen:
                codes = ", ".join(sorted(orgs[i][0] for i in seen if i in orgs))
                found.append(("org.lineage_cycle", "organisation", org_id, {"codes": codes}))
                break
            seen.add(step)
            step = successors[step][0] if step in successors else None
    return found


def _people_findings(
    connection: Connection, t: dict[str, Any], orgs: dict[int, tuple[str, date | None, date | None]]
) -> list[Finding]:
    """No one in an organisation outside its life."""
    import sqlalchemy as sa

    found: list[Finding] = []
    m = t["membership"]
    seen: set[int] = set()
    query = sa.select(m.c.id, m.c.member_id, m.c.cell_id, m.c.start_on, m.c.end_on).order_by(
        m.c.member_id, m.c.start_on, m.c.id
    )
    for spell_id, member_id, cell_id, start, end in connection.execute(query):
        moved_in = member_id in seen  # not the member's first cell: they came by a move or by the tree
        seen.add(member_id)
        code, life_start, life_end = orgs.get(int(cell_id), ("", None, None))
        after_end = life_end is not None and upper(end) > life_end
        before_start = moved_in and life_start is not None and start < life_start
        if after_end or before_start:
            params = {
                "org": code,
                "start_on": _iso(start),
                "end_on": _iso(end),
                "life": _life(life_start, life_end),
            }
            found.append(("org.holds_outside_life", "membership", int(spell_id), params))
    c, a = t["candidate"], t["admission"]
    decided = sa.select(a.c.decision_on).where(a.c.candidate_id == c.c.id).scalar_subquery()
    closed = [org_id for org_id, (_code, _start, end) in orgs.items() if end is not None]
    if closed:
        query = sa.select(c.c.id, c.c.cell_id, c.c.stage, c.c.dropped_on, decided).where(
            c.c.cell_id.in_(closed)
        )
        for candidate_id, cell_id, stage, dropped_on, decision_on in connection.execute(query):
            code, life_start, life_end = orgs[int(cell_id)]
            assert life_end is not None
            finished = dropped_on if stage == "dropped" else decision_on if stage == "admitted" else None
            if stage == "admitted" and decision_on is None:
                continue  # imported as admitted with no record to date it: admission's own check
            if finished is None or finished >= life_end:
                params = {"org": code, "end_on": _iso(life_end), "life": _life(life_start, life_end)}
                found.append(("org.candidate_outside_life", "candidate", int(candidate_id), params))
    return found


def _life(start: date | None, end: date | None) -> str:
    return f"{_iso(start) or '…'} – {_iso(end) or '…'}"


def _closure_findings(
    connection: Connection,
    t: dict[str, Any],
    orgs: dict[int, tuple[str, date | None, date | None]],
    timelines: dict[int, Timeline],
) -> list[Finding]:
    """Both closure tables are what the histories give."""
    import sqlalchemy as sa

    try:
        expected = closure_spans(timelines)
    except LineageCycle as cycle:
        codes = ", ".join(orgs[i][0] for i in cycle.org_ids if i in orgs)
        return [("org.lineage_cycle", "organisation", cycle.org_ids[0], {"codes": codes})]
    stored: dict[int, list[Span]] = defaultdict(list)
    for ancestor, descendant, depth, start, end in connection.execute(sa.select(t["span"])):
        stored[int(descendant)].append(Span(int(ancestor), int(descendant), int(depth), start, end))
    current: dict[int, set[tuple[int, int]]] = defaultdict(set)
    for ancestor, descendant, depth in connection.execute(sa.select(t["closure"])):
        current[int(descendant)].add((int(ancestor), int(depth)))
    found: list[Finding] = []
    for org_id in sorted(set(expected) | set(stored) | set(current)):
        want = coalesce(expected.get(org_id, []))
        if coalesce(stored.get(org_id, [])) != want:
            found.append(("org.closure_history", "organisation", org_id, {"org": orgs.get(org_id, ("",))[0]}))
        if current.get(org_id, set()) != {(s.ancestor_id, s.depth) for s in want if s.end_on is None}:
            found.append(("org.closure_now", "organisation", org_id, {"org": orgs.get(org_id, ("",))[0]}))
    return found
