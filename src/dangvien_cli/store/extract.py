"""A ward's own file: a new SQLite database holding one organisation's subtree, its people and their history
(``db extract``, issue 19).

On SQLite the file is the boundary: whoever has it has all of it. A ward that keeps its members on its own
laptop gets a file with only its own: the organisations of its subtree (at any time: a cell that moved in or
out counts for the time it was there), the members with a placement there then and their whole placement
history, the candidates identified there (or moved from there) with their moves, remarks and admissions, the
quotas of its organisations for the years they were in it, and the change log's entries about those rows.
Rows keep their ids, so the log's entries still point at them.

The tree around it comes too, without people: the organisations above the subtree and those its people were
placed in elsewhere (codes and names, no personal data), so that the tree and every placement hold together
and ``db check`` passes. A reference from a candidate to a member outside (a mentor, an introducer, an
earlier membership) is left empty and counted; a remark written by someone outside cannot be kept without
its author and is counted too. Nothing else is left out.

The file is written like every file the tool writes (:func:`dangvien_cli.files.atomic_path`): private
(0600), complete or not at all. The source may be SQLite or PostgreSQL; on a shared PostgreSQL database a
scoped login extracts what its grants let it see.
"""

from __future__ import annotations

import bisect
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel

from dangvien_cli.errors import InvalidValue
from dangvien_cli.files import atomic_path
from dangvien_cli.store.models import TABLES
from dangvien_cli.store.orgs import get_org

# A candidate's references to members that may lie outside the subtree (all may be empty).
CANDIDATE_MEMBER_REFS = (
    "mentor_id",
    "introducer_1_id",
    "introducer_2_id",
    "substitute_introducer_id",
    "replaced_introducer_id",
    "prior_member_id",
)
# What SQLite says when the file it writes cannot grow, or the disk fails under it
_WRITE_FAILURES = (
    sqlite3.SQLITE_FULL,
    sqlite3.SQLITE_IOERR,
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_READONLY,
)
# The change log's entries come with the rows they are about.
LOGGED_TABLES = (
    "organisation",
    "org_version",
    "org_lineage",
    "member",
    "membership",
    "candidate",
    "candidate_move",
    "remark",
    "admission",
    "quota",
    "quota_milestone",
    "paper",
)
# Copied in this order (a parent before what refers to it; foreign keys are checked at the commit anyway).
COPIED_TABLES = tuple(name for name in TABLES if name != "access_grant")  # the grants are the server's


@dataclass(frozen=True)
class ExtractSummary:
    """What ``db extract`` wrote: the organisation, the file, how many rows of each table, and how many
    references to people outside were left empty (or remarks by them left out)."""

    org: str
    file: Path
    rows: dict[str, int]
    references_left_out: int


Row = dict[str, Any]


def _table(name: str) -> sa.Table:
    return SQLModel.metadata.tables[name]


def _rows(session: Session, name: str, where: Any = None) -> list[Row]:
    table = _table(name)
    query = sa.select(table)
    if where is not None:
        query = query.where(where)
    return [dict(row) for row in session.execute(query.order_by(table.c.id)).mappings()]


def _overlaps(span: Row, first: date, last: date | None) -> bool:
    """Whether the closure row's ``[start_on, end_on)`` meets ``[first, last)`` (None: unbounded; an empty
    period counts as its first day), as the row-level security policies of migration 0009 decide it."""
    start, end = span["start_on"], span["end_on"]
    if start is not None and last is not None and start >= max(last, first + timedelta(days=1)):
        return False
    return end is None or end > first


def _within(spans: dict[int, list[Row]], org: int, first: date, last: date | None) -> bool:
    return any(_overlaps(span, first, last) for span in spans.get(org, ()))


def _in_year(spans: dict[int, list[Row]], org: int, year: int) -> bool:
    return _within(spans, org, date(year, 1, 1), date(year + 1, 1, 1))


class _Plan:
    """The rows to copy, table by table, chosen from the source."""

    def __init__(self, session: Session, root_id: int) -> None:
        self.session = session
        self.tables: dict[str, list[Row]] = {}
        self.left_out = 0
        spans: dict[int, list[Row]] = {}
        closure_span = _table("org_closure_span")
        for span in _rows(session, "org_closure_span", closure_span.c.ancestor_id == root_id):
            spans.setdefault(span["descendant_id"], []).append(span)
        self.spans = spans
        self._people()
        self._quotas()
        self._orgs()
        self._log()

    def _people(self) -> None:
        membership, candidate = _table("membership"), _table("candidate")
        scope = list(self.spans)
        placed = [
            m
            for m in _rows(self.session, "membership", membership.c.cell_id.in_(scope))
            if _within(self.spans, m["cell_id"], m["start_on"], m["end_on"])
        ]
        candidates = {
            c["id"]: c
            for c in _rows(self.session, "candidate", candidate.c.cell_id.in_(scope))
            if _within(self.spans, c["cell_id"], c["identified_on"], None)
        }
        moved = _rows(self.session, "candidate_move", _table("candidate_move").c.from_cell_id.in_(scope))
        moved_ids = {mv["candidate_id"] for mv in moved} - set(candidates)
        for c in _rows(self.session, "candidate", candidate.c.id.in_(moved_ids)):
            moves = [mv for mv in moved if mv["candidate_id"] == c["id"]]
            if any(_within(self.spans, mv["from_cell_id"], c["identified_on"], mv["on"]) for mv in moves):
                candidates[c["id"]] = c
        admissions = _rows(
            self.session, "admission", _table("admission").c.candidate_id.in_(list(candidates))
        )
        member_ids = {m["member_id"] for m in placed} | {a["member_id"] for a in admissions}
        self.tables["member"] = _rows(self.session, "member", _table("member").c.id.in_(member_ids))
        self.tables["membership"] = _rows(self.session, "membership", membership.c.member_id.in_(member_ids))
        for c in candidates.values():
            for ref in CANDIDATE_MEMBER_REFS:
                if c[ref] is not None and c[ref] not in member_ids:
                    c[ref] = None
                    self.left_out += 1
        self.tables["candidate"] = sorted(candidates.values(), key=lambda c: int(c["id"]))
        ids = list(candidates)
        self.tables["candidate_move"] = _rows(
            self.session, "candidate_move", _table("candidate_move").c.candidate_id.in_(ids)
        )
        remarks = _rows(self.session, "remark", _table("remark").c.candidate_id.in_(ids))
        self.tables["remark"] = [r for r in remarks if r["author_id"] in member_ids]
        self.left_out += len(remarks) - len(self.tables["remark"])
        self.tables["admission"] = admissions
        self._papers(set(ids), member_ids)

    def _papers(self, candidate_ids: set[int], member_ids: set[int]) -> None:
        """The dossier papers of the people copied; a paper's link to a person left out is left empty
        (a paper keeps at least the person it is copied for)."""
        paper = _table("paper")
        papers = _rows(
            self.session,
            "paper",
            sa.or_(paper.c.candidate_id.in_(list(candidate_ids)), paper.c.member_id.in_(list(member_ids))),
        )
        for row in papers:
            for ref, kept in (("candidate_id", candidate_ids), ("member_id", member_ids)):
                if row[ref] is not None and row[ref] not in kept:
                    row[ref] = None
                    self.left_out += 1
        self.tables["paper"] = papers

    def _quotas(self) -> None:
        quotas = [
            q
            for q in _rows(self.session, "quota", _table("quota").c.org_id.in_(list(self.spans)))
            if _in_year(self.spans, q["org_id"], q["year"])
        ]
        self.tables["quota"] = quotas
        self.tables["quota_milestone"] = _rows(
            self.session,
            "quota_milestone",
            _table("quota_milestone").c.quota_id.in_([q["id"] for q in quotas]),
        )

    def _orgs(self) -> None:
        """The subtree, the organisations the people and quotas name, and whatever holds the tree together:
        every organisation above one of them at any time, and the other side of a merge."""
        wanted = set(self.spans)
        wanted |= {m["cell_id"] for m in self.tables["membership"]}
        wanted |= {c["cell_id"] for c in self.tables["candidate"]}
        wanted |= {mv[k] for mv in self.tables["candidate_move"] for k in ("from_cell_id", "to_cell_id")}
        wanted |= {q["org_id"] for q in self.tables["quota"]}
        spans, versions, lineage = _table("org_closure_span"), _table("org_version"), _table("org_lineage")
        done: set[int] = set()
        while wanted - done:
            new = list(wanted - done)
            done |= set(new)
            wanted |= set(self._ids(sa.select(spans.c.ancestor_id).where(spans.c.descendant_id.in_(new))))
            wanted |= set(self._ids(sa.select(versions.c.parent_id).where(versions.c.org_id.in_(new))))
            wanted |= set(
                self._ids(sa.select(lineage.c.successor_id).where(lineage.c.predecessor_id.in_(new)))
            )
            wanted |= set(
                self._ids(sa.select(lineage.c.predecessor_id).where(lineage.c.successor_id.in_(new)))
            )
            organisation = _table("organisation")
            wanted |= set(self._ids(sa.select(organisation.c.parent_id).where(organisation.c.id.in_(new))))
        ids = sorted(wanted)
        self.tables["organisation"] = _rows(
            self.session, "organisation", _table("organisation").c.id.in_(ids)
        )
        self.tables["org_version"] = _rows(self.session, "org_version", versions.c.org_id.in_(ids))
        self.tables["org_lineage"] = _rows(self.session, "org_lineage", lineage.c.predecessor_id.in_(ids))
        closure = _table("org_closure")
        self.tables["org_closure"] = [
            dict(row)
            for row in self.session.execute(
                sa.select(closure).where(closure.c.ancestor_id.in_(ids), closure.c.descendant_id.in_(ids))
            ).mappings()
        ]
        self.tables["org_closure_span"] = _rows(
            self.session,
            "org_closure_span",
            sa.and_(spans.c.ancestor_id.in_(ids), spans.c.descendant_id.in_(ids)),
        )

    def _ids(self, query: Any) -> Iterable[int]:
        return (int(value) for value in self.session.execute(query).scalars() if value is not None)

    def _log(self) -> None:
        change_log = _table("change_log")
        entries: list[Row] = []
        for name in LOGGED_TABLES:
            ids = [row["id"] for row in self.tables[name]]
            for chunk in range(0, len(ids), 500):
                entries += _rows(
                    self.session,
                    "change_log",
                    sa.and_(
                        change_log.c.entity == name, change_log.c.entity_id.in_(ids[chunk : chunk + 500])
                    ),
                )
            entries += self._batches(name, ids)
        self.tables["change_log"] = sorted(entries, key=lambda e: int(e["id"]))

    def _batches(self, name: str, ids: list[int]) -> list[Row]:
        """An import's batch entries (one for a range of ids) that cover a copied row but do not start at
        one (those came with the entries above); the range still names the ids left out."""
        change_log = _table("change_log")
        copied = sorted(ids)
        batches = _rows(
            self.session,
            "change_log",
            sa.and_(change_log.c.entity == name, change_log.c.last_entity_id.is_not(None)),
        )
        kept = []
        for entry in batches:
            start, last = entry["entity_id"], entry["last_entity_id"]
            first = bisect.bisect_left(copied, start)
            if first < len(copied) and start != copied[first] <= last:
                kept.append(entry)
        return kept


def _write(path: Path, plan: _Plan) -> None:
    from dangvien_cli.store.database import open_database

    database = open_database(str(path))
    try:
        with database.engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
            for name in COPIED_TABLES:
                rows = plan.tables[name]
                if rows:
                    connection.execute(_table(name).insert(), rows)
    finally:
        database.close()  # the last connection folds the WAL back into the file before it is put in place


def _write_failed(error: BaseException, target: Path) -> InvalidValue | None:
    """The refusal for a file that could not be written (a full disk, a failing or read-only one), naming
    it; ``None`` for any other error."""
    orig = getattr(error, "orig", error)
    code = getattr(orig, "sqlite_errorcode", None)
    if code is None or code & 0xFF not in _WRITE_FAILURES:
        return None
    if code & 0xFF == sqlite3.SQLITE_FULL:
        return InvalidValue("output", str(target), "output.failed", detail_key="os.ENOSPC")
    return InvalidValue("output", str(target), "output.failed", detail=str(orig))


def extract_subtree(*, session: Session, org_code: str, target: Path, force: bool = False) -> ExtractSummary:
    """Write ``target``, a new SQLite database of ``org_code``'s subtree (see the module's docstring), read
    through ``session``; refuses to replace a file unless ``force``."""
    root = get_org(session=session, code=org_code, field="org")
    assert root.id is not None
    plan = _Plan(session, root.id)
    with atomic_path(target, force=force) as temp:
        try:
            _write(temp, plan)
        except (sa.exc.DBAPIError, sqlite3.Error) as error:
            refusal = _write_failed(error, target)
            if refusal is None:
                raise
            raise refusal from None
    return ExtractSummary(
        org=root.code,
        file=target,
        rows={name: len(plan.tables[name]) for name in COPIED_TABLES},
        references_left_out=plan.left_out,
    )


__all__ = ["ExtractSummary", "extract_subtree"]
