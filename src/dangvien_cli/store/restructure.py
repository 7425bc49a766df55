"""Restructuring the tree: rename, move, merge and close organisations, each on a date, each logged.

The rules every change keeps (a refusal names the field and the value, and nothing is written):

- **Dates in order.** A change is dated no later than today and no earlier than the organisation's last
  recorded change (its current name-and-parent version began, or something was merged into it): history is
  written forwards, so a report for an earlier day never changes under a later line. Several changes may
  share a day, as the 2025 plans do (wards merged on 1 July, their cells merged the same day): a later one
  then replaces what an earlier one set for that day (a version that would last no day at all is removed,
  people placed that day are placed again).
- **No life gaps.** An organisation lives from ``start_on`` to ``end_on``; its versions cover that life end to
  end (a rename or a move closes one version on the day and opens the next). A parent is alive whenever its
  children are; a closed organisation holds no one afterwards, and nothing of it is dated on or after its
  end (a membership or a candidate recorded there later must be moved first).
- **The whole subtree moves.** Moving an organisation moves everything under it: only its own version
  changes; the closure rows of its descendants follow (:func:`dangvien_cli.store.tree.rebuild_closure`).

A **merge** ends each source the day before ``on`` (its ``end_on`` is ``on``), records the lineage (source →
target, ``on``), moves the sources' child organisations under the target, and, when the target holds people,
places the sources' members and candidates in it. A merge is not a transfer: the members' new memberships
say ``merge``. Candidates still on the way move too (``candidate.cell_id``) and the move is recorded
(``candidate_move``), so that a report for a day before the merge still finds each of them in the cell they
were in then; candidates already admitted or dropped stay where their story ended. Mentors and introducers
are members, whose ids do not change: the links stay.

**Quotas.** Nothing is copied: each source keeps its own quota for the year (reports for days before the
merge show it as it was). The target's plan for a year is its own quota when one is set, else the sum of the
plans of the organisations merged into it during that year (each its own quota, or in turn its sources'):
targets, residential and stretch targets and the milestones of each period are added. :mod:`.quotas` and
:mod:`dangvien_cli.reports.quota` read it so.

A **close** ends the organisation the same way, without a successor: its records then count under its last
parent. It is refused while it still holds members, candidates or child organisations, unless ``move_to``
says where they go (their memberships then say ``close``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.domain.people import check_not_future
from dangvien_cli.domain.tree import check_after_last_change, check_alive, check_name
from dangvien_cli.domain.vocab import OrgChange, OrgKind, Place
from dangvien_cli.errors import Conflict, DangvienError, InvalidValue
from dangvien_cli.store.changelog import log_insert, log_update, record_change, snapshot
from dangvien_cli.store.conditions import candidate_active_on
from dangvien_cli.store.models import (
    Candidate,
    CandidateMove,
    Membership,
    Organisation,
    OrgClosureSpan,
    OrgLineage,
    OrgVersion,
)
from dangvien_cli.store.orgs import ALLOWED_PARENTS, add_org, get_org, has_living_children, holds_people
from dangvien_cli.store.tree import current_version, rebuild_closure


@dataclass(frozen=True)
class ChangeResult:
    """What a change did: the organisation (or the target of a merge), and what moved with it."""

    action: OrgChange
    code: str
    on: date
    sources: tuple[str, ...] = ()
    target: str | None = None
    created: bool = False
    children: tuple[str, ...] = ()
    members: int = 0
    candidates: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "action": self.action.value,
            "code": self.code,
            "on": self.on.isoformat(),
            "sources": list(self.sources),
            "target": self.target,
            "created": self.created,
            "children": list(self.children),
            "members": self.members,
            "candidates": self.candidates,
        }


@dataclass
class _Moved:
    children: list[Organisation] = field(default_factory=list)
    members: int = 0
    candidates: int = 0


# --- the rules -------------------------------------------------------------------------------------------


def last_change(*, session: Session, org: Organisation) -> date | None:
    """The day of the organisation's last recorded change: its current version's start, or the last merge
    into it."""
    assert org.id is not None
    version = current_version(session=session, org_id=org.id)
    merged = session.execute(
        select(sa.func.max(OrgLineage.on)).where(OrgLineage.successor_id == org.id)
    ).scalar_one()
    days = [d for d in (version.start_on, org.start_on, merged) if d is not None]
    return max(days) if days else None


def _check_change(*, session: Session, field: str, org: Organisation, on: date, today: date) -> None:
    check_not_future("date", on, today=today)
    check_alive(field, org.code, on, org.start_on, org.end_on)
    check_after_last_change(field, org.code, on, last_change(session=session, org=org))


def _under(*, session: Session, ancestor_id: int, descendant_id: int, on: date) -> bool:
    """Whether ``descendant_id`` is in ``ancestor_id``'s subtree on ``on`` or later (itself included)."""
    found = session.exec(
        select(OrgClosureSpan.id).where(
            OrgClosureSpan.ancestor_id == ancestor_id,
            OrgClosureSpan.descendant_id == descendant_id,
            sa.or_(col(OrgClosureSpan.end_on).is_(None), col(OrgClosureSpan.end_on) > on),
        )
    ).first()
    return found is not None


def _refuse_records_after(*, session: Session, field: str, org: Organisation, on: date) -> None:
    """Nothing of ``org`` may begin on or after the day it ends (memberships, candidates, child versions),
    but what an earlier change of the same day put there (it moves on with the rest)."""
    assert org.id is not None
    checks = (
        select(sa.func.min(Membership.start_on)).where(
            Membership.cell_id == org.id,
            sa.or_(
                col(Membership.start_on) > on,
                sa.and_(col(Membership.start_on) == on, col(Membership.reason).is_(None)),
            ),
        ),
        select(sa.func.min(Candidate.identified_on)).where(
            Candidate.cell_id == org.id, Candidate.identified_on >= on
        ),
        select(sa.func.min(OrgVersion.start_on)).where(
            OrgVersion.parent_id == org.id, col(OrgVersion.start_on) > on
        ),
    )
    for query in checks:
        first = session.execute(query).scalar_one()
        if first is not None:
            raise Conflict(field, org.code, "tree.records_after", on=on, first=first)


def _living_children(*, session: Session, org: Organisation) -> list[Organisation]:
    return list(
        session.exec(
            select(Organisation)
            .where(Organisation.parent_id == org.id, col(Organisation.end_on).is_(None))
            .order_by(col(Organisation.code))
        )
    )


def _spells_to_move(*, session: Session, org: Organisation, on: date) -> list[Membership]:
    """The memberships of ``org`` that hold the day ``on`` (its members then): those that go on past it,
    and those an earlier change of the same day began there."""
    return list(
        session.exec(
            select(Membership)
            .where(
                Membership.cell_id == org.id,
                sa.or_(
                    col(Membership.start_on) < on,
                    sa.and_(col(Membership.start_on) == on, col(Membership.reason).is_not(None)),
                ),
                sa.or_(col(Membership.end_on).is_(None), col(Membership.end_on) > on),
            )
            .order_by(col(Membership.id))
        )
    )


def _candidates_to_move(*, session: Session, org: Organisation, on: date) -> list[Candidate]:
    """The candidates of ``org`` still on the way on its last day."""
    return list(
        session.exec(
            select(Candidate)
            .where(Candidate.cell_id == org.id, candidate_active_on(on - timedelta(days=1)))
            .order_by(col(Candidate.id))
        )
    )


def _check_destination(
    *, session: Session, field: str, code: str, dest: Organisation, children: list[Organisation], people: bool
) -> None:
    """``dest`` can take these children and, if ``people``, members and candidates."""
    kind = OrgKind(dest.kind)
    for child in children:
        if kind not in ALLOWED_PARENTS[OrgKind(child.kind)]:
            raise InvalidValue(
                field, code, "tree.child_kind", child=child.code, kind=child.kind, parent_kind=dest.kind
            )
    if people:
        assert dest.id is not None
        has_children = bool(children) or has_living_children(session=session, org_id=dest.id)
        if not holds_people(dest.kind, has_children):
            raise InvalidValue(field, code, "tree.cannot_hold_people", kind=dest.kind)


# --- the writes ------------------------------------------------------------------------------------------


def _new_version(*, session: Session, org: Organisation, on: date, name: str, parent_id: int | None) -> None:
    """Close the organisation's current version on ``on`` and open one with ``name`` and ``parent_id`` (or,
    when the current one began that very day, change it)."""
    assert org.id is not None
    version = current_version(session=session, org_id=org.id)
    before = snapshot(version)
    if version.start_on == on:
        version.name, version.parent_id = name, parent_id
        session.add(version)
        session.flush()
        log_update(session=session, entity="org_version", before=before, record=version)
    else:
        version.end_on = on
        session.add(version)
        session.flush()
        log_update(session=session, entity="org_version", before=before, record=version)
        following = OrgVersion(org_id=org.id, name=name, parent_id=parent_id, start_on=on)
        session.add(following)
        session.flush()
        log_insert(session=session, entity="org_version", record=following)
    before = snapshot(org)
    org.name, org.parent_id = name, parent_id
    session.add(org)
    session.flush()
    log_update(session=session, entity="organisation", before=before, record=org)


def _end_life(*, session: Session, org: Organisation, on: date) -> None:
    """The organisation's last day is the day before ``on``. A version begun that very day (by an earlier
    change of the same day) is removed: it would last no day."""
    assert org.id is not None
    if org.start_on is not None and org.start_on >= on:
        raise Conflict("code", org.code, "tree.ends_as_it_begins", on=on)
    version = current_version(session=session, org_id=org.id)
    before = snapshot(version)
    if version.start_on == on:
        session.delete(version)
        session.flush()
        record_change(
            session=session, action="delete", entity="org_version", entity_id=before["id"], before=before
        )
        version = current_version(session=session, org_id=org.id)
    else:
        version.end_on = on
        session.add(version)
        session.flush()
        log_update(session=session, entity="org_version", before=before, record=version)
    before = snapshot(org)
    org.name, org.parent_id = version.name, version.parent_id
    org.end_on = on
    session.add(org)
    session.flush()
    log_update(session=session, entity="organisation", before=before, record=org)


def _move_children(
    *, session: Session, children: list[Organisation], dest: Organisation, on: date
) -> list[Organisation]:
    for child in children:
        check_after_last_change("code", child.code, on, last_change(session=session, org=child))
        _new_version(session=session, org=child, on=on, name=child.name, parent_id=dest.id)
    return children


def _place_people(
    *, session: Session, org: Organisation, dest: Organisation, on: date, reason: OrgChange
) -> tuple[int, int]:
    """Members and candidates of ``org`` on its last day go to ``dest`` from ``on``: (members, candidates)."""
    assert dest.id is not None
    assert org.id is not None
    spells = _spells_to_move(session=session, org=org, on=on)
    for spell in spells:
        before = snapshot(spell)
        if spell.start_on == on:  # placed here earlier the same day: placed again
            spell.cell_id = dest.id
            session.add(spell)
            session.flush()
            log_update(session=session, entity="membership", before=before, record=spell)
            continue
        following = Membership(
            member_id=spell.member_id, cell_id=dest.id, start_on=on, end_on=spell.end_on, reason=reason.value
        )
        spell.end_on = on
        session.add(spell)
        session.add(following)
        session.flush()
        log_update(session=session, entity="membership", before=before, record=spell)
        log_insert(session=session, entity="membership", record=following)
    candidates = _candidates_to_move(session=session, org=org, on=on)
    for candidate in candidates:
        assert candidate.id is not None
        before = snapshot(candidate)
        move = CandidateMove(
            candidate_id=candidate.id, from_cell_id=org.id, to_cell_id=dest.id, on=on, reason=reason.value
        )
        candidate.cell_id = dest.id
        session.add(candidate)
        session.add(move)
        session.flush()
        log_update(session=session, entity="candidate", before=before, record=candidate)
        log_insert(session=session, entity="candidate_move", record=move)
    return len(spells), len(candidates)


# --- the changes -----------------------------------------------------------------------------------------


def rename_org(*, session: Session, code: str, name: str, on: date, today: date) -> ChangeResult:
    """``code`` is called ``name`` from ``on``; the old name stays for the days before."""
    org = get_org(session=session, code=code, field="code")
    _check_change(session=session, field="code", org=org, on=on, today=today)
    new_name = check_name(name)
    if new_name == org.name:
        raise InvalidValue("name", name, "tree.same_name")
    _new_version(session=session, org=org, on=on, name=new_name, parent_id=org.parent_id)
    return ChangeResult(OrgChange.rename, org.code, on)


def move_org(*, session: Session, code: str, parent_code: str | None, on: date, today: date) -> ChangeResult:
    """``code`` and everything under it sit under ``parent_code`` (at the top when ``None``) from ``on``."""
    org = get_org(session=session, code=code, field="code")
    assert org.id is not None
    _check_change(session=session, field="code", org=org, on=on, today=today)
    parent = get_org(session=session, code=parent_code, field="parent") if parent_code else None
    kind = OrgKind(org.kind)
    parent_kind = OrgKind(parent.kind) if parent else None
    if parent_kind not in ALLOWED_PARENTS[kind]:
        if parent is None:
            raise InvalidValue("parent", "", "org.parent_required", kind=kind.value)
        raise InvalidValue("parent", parent.code, "org.parent_kind", kind=kind.value, parent_kind=parent.kind)
    if (parent.id if parent else None) == org.parent_id:
        raise InvalidValue("parent", parent_code or "", "tree.same_parent")
    if parent is not None:
        assert parent.id is not None
        check_alive("parent", parent.code, on, parent.start_on, parent.end_on)
        if parent.end_on is not None:
            raise Conflict("parent", parent.code, "tree.closed_for_people", end_on=parent.end_on)
        if _under(session=session, ancestor_id=org.id, descendant_id=parent.id, on=on):
            raise Conflict("parent", parent.code, "tree.cycle")
        held = len(_spells_to_move(session=session, org=parent, on=on + timedelta(days=1)))
        if parent_kind is OrgKind.base and held:  # a base cell holding its members itself takes no cells
            raise Conflict("parent", parent.code, "org.parent_has_members", count=held)
    _new_version(session=session, org=org, on=on, name=org.name, parent_id=parent.id if parent else None)
    rebuild_closure(session=session, changed=[org.id])
    return ChangeResult(OrgChange.move, org.code, on, target=parent.code if parent else None)


def merge_orgs(
    *,
    session: Session,
    sources: list[str],
    into: str,
    on: date,
    today: date,
    name: str | None = None,
    kind: str | None = None,
    parent_code: str | None = None,
    place: str | None = None,
) -> ChangeResult:
    """Merge ``sources`` into ``into`` on ``on`` (a new organisation when ``into`` does not exist, made from
    ``name``, ``kind``, ``parent_code`` and ``place``). See the module's docstring for what moves."""
    check_not_future("date", on, today=today)
    orgs = _sources(session=session, codes=sources, into=into)
    target, created = _target(
        session=session,
        code=into,
        on=on,
        today=today,
        name=name,
        kind=kind,
        parent_code=parent_code,
        place=place,
    )
    assert target.id is not None
    for org in orgs:
        assert org.id is not None
        _check_change(session=session, field="sources", org=org, on=on, today=today)
        if _under(session=session, ancestor_id=org.id, descendant_id=target.id, on=on):
            raise Conflict("into", target.code, "tree.target_under_source", source=org.code)
        for other in orgs:
            if other is not org and _under(
                session=session, ancestor_id=org.id, descendant_id=other.id or 0, on=on
            ):
                raise Conflict("sources", other.code, "tree.source_under_source", source=org.code)
        _refuse_records_after(session=session, field="sources", org=org, on=on)
    moved = _Moved()
    for org in orgs:
        children = _living_children(session=session, org=org)
        people = bool(_spells_to_move(session=session, org=org, on=on)) or bool(
            _candidates_to_move(session=session, org=org, on=on)
        )
        _check_destination(
            session=session, field="into", code=target.code, dest=target, children=children, people=people
        )
        moved.children += _move_children(session=session, children=children, dest=target, on=on)
        members, candidates = _place_people(
            session=session, org=org, dest=target, on=on, reason=OrgChange.merge
        )
        moved.members += members
        moved.candidates += candidates
        _end_life(session=session, org=org, on=on)
        assert org.id is not None
        link = OrgLineage(predecessor_id=org.id, successor_id=target.id, on=on)
        session.add(link)
        session.flush()
        log_insert(session=session, entity="org_lineage", record=link)
    rebuild_closure(session=session, changed=[o.id for o in [*orgs, *moved.children] if o.id is not None])
    return ChangeResult(
        OrgChange.merge,
        target.code,
        on,
        sources=tuple(o.code for o in orgs),
        target=target.code,
        created=created,
        children=tuple(c.code for c in moved.children),
        members=moved.members,
        candidates=moved.candidates,
    )


def _sources(*, session: Session, codes: list[str], into: str) -> list[Organisation]:
    cleaned = [c.strip() for c in codes if c.strip()]
    if not cleaned:
        raise InvalidValue("sources", "", "value.empty")
    seen: set[str] = set()
    for code in cleaned:
        if code in seen:
            raise InvalidValue("sources", code, "tree.source_twice")
        if code == into.strip():
            raise InvalidValue("into", into, "tree.merge_into_itself")
        seen.add(code)
    return [get_org(session=session, code=code, field="sources") for code in cleaned]


def _target(
    *,
    session: Session,
    code: str,
    on: date,
    today: date,
    name: str | None,
    kind: str | None,
    parent_code: str | None,
    place: str | None,
) -> tuple[Organisation, bool]:
    """The merge's target: the organisation ``code`` (the other arguments, when given, must agree with it),
    else a new one beginning on ``on``."""
    found = session.exec(select(Organisation).where(Organisation.code == code.strip())).first()
    if found is None:
        if not name or not kind:
            missing = "name" if not name else "kind"
            raise InvalidValue(missing, "", "tree.new_target_needs", code=code)
        org = add_org(
            session=session,
            code=code,
            name=name,
            kind=kind,
            parent_code=parent_code,
            place=place or Place.other.value,
            start_on=on,
            today=today,
        )
        return org, True
    parent = session.get(Organisation, found.parent_id) if found.parent_id else None
    given = {"name": name, "kind": kind, "parent": parent_code, "place": place}
    stored = {"name": found.name, "kind": found.kind, "parent": parent.code if parent else None}
    stored["place"] = found.place
    for key, value in given.items():
        if value and (" ".join(value.split()) if key == "name" else value) != stored[key]:
            raise Conflict(key, value, "tree.target_exists", code=found.code, stored=stored[key] or "—")
    check_alive("into", found.code, on, found.start_on, found.end_on)
    return found, False


def close_org(
    *, session: Session, code: str, on: date, today: date, move_to: str | None = None
) -> ChangeResult:
    """``code`` ends the day before ``on``; what it still holds goes to ``move_to``, or it is refused."""
    org = get_org(session=session, code=code, field="code")
    assert org.id is not None
    _check_change(session=session, field="code", org=org, on=on, today=today)
    _refuse_records_after(session=session, field="code", org=org, on=on)
    children = _living_children(session=session, org=org)
    members = len(_spells_to_move(session=session, org=org, on=on))
    candidates = len(_candidates_to_move(session=session, org=org, on=on))
    moved = _Moved()
    if move_to is None:
        if children or members or candidates:
            raise Conflict(
                "code",
                org.code,
                "tree.close_not_empty",
                members=members,
                candidates=candidates,
                children=len(children),
            )
    else:
        dest = get_org(session=session, code=move_to, field="move_to")
        assert dest.id is not None
        if dest.id == org.id or _under(session=session, ancestor_id=org.id, descendant_id=dest.id, on=on):
            raise Conflict("move_to", dest.code, "tree.cycle")
        check_alive("move_to", dest.code, on, dest.start_on, dest.end_on)
        _check_destination(
            session=session,
            field="move_to",
            code=dest.code,
            dest=dest,
            children=children,
            people=bool(members or candidates),
        )
        moved.children = _move_children(session=session, children=children, dest=dest, on=on)
        moved.members, moved.candidates = _place_people(
            session=session, org=org, dest=dest, on=on, reason=OrgChange.close
        )
    _end_life(session=session, org=org, on=on)
    rebuild_closure(session=session, changed=[o.id for o in [org, *moved.children] if o.id is not None])
    return ChangeResult(
        OrgChange.close,
        org.code,
        on,
        target=move_to,
        children=tuple(c.code for c in moved.children),
        members=moved.members,
        candidates=moved.candidates,
    )


@contextmanager
def change_or_nothing(*, session: Session) -> Iterator[None]:
    """One change of a plan in a savepoint: refused, what it wrote is undone and the plan goes on being
    checked (the caller still commits only a plan with no refusal)."""
    nested = session.begin_nested()
    try:
        yield
    except DangvienError:
        nested.rollback()
        raise
    nested.commit()
