"""``db check``: the database engine's own checks plus the invariants every command and import keeps.

The invariants are what reports rely on without checking again: a member is in exactly one cell on every
day from admission to leaving, dates along the way never run backwards, and every admission links a
candidate to the member it made. A problem here means data written behind the tool's back (by hand, by an
old version, by a restore of a damaged file), so each one is named with its row for someone to fix.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine


@dataclass(frozen=True)
class CheckProblem:
    """One problem: a stable code, the table and row it is about (when there is one), and the values that
    the message shows (dates as ISO text)."""

    code: str
    entity: str | None = None
    id: int | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "entity": self.entity, "id": self.id, **self.params}


def check_database(engine: Engine) -> list[CheckProblem]:
    """Every problem found, engine checks first; an empty list when all is well."""
    import sqlalchemy as sa

    problems: list[CheckProblem] = []
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            problems += sqlite_integrity(connection)
            problems += sqlite_foreign_keys(connection)
    for check in (
        membership_problems,
        date_order_problems,
        admission_problems,
        tree_problems,
        control_character_problems,
    ):
        with engine.connect() as connection:
            try:
                problems += check(connection)
            except sa.exc.DBAPIError as error:  # a damaged file can fail to read: say so, check the rest
                detail = str(error.orig).splitlines()[0] if error.orig is not None else str(error)
                problems.append(
                    CheckProblem("unreadable", params={"check": check.__name__, "detail": detail})
                )
    return problems


def tree_problems(connection: Connection) -> list[CheckProblem]:
    """The tree over time: lives, parents, lineage and both closures (:mod:`.checks_tree`)."""
    from dangvien_cli.store.checks_tree import tree_findings

    return [
        CheckProblem(code, entity, row_id, params)
        for code, entity, row_id, params in tree_findings(connection)
    ]


def sqlite_integrity(connection: Connection) -> list[CheckProblem]:
    """SQLite's ``PRAGMA integrity_check``: damaged pages, broken indexes, violated NOT NULL and CHECK."""
    rows = connection.exec_driver_sql("PRAGMA integrity_check").scalars().all()
    lines = [line for r in rows if r != "ok" for line in str(r).splitlines() if not line.startswith("***")]
    return [CheckProblem("sqlite.integrity", params={"detail": line}) for line in lines]


def sqlite_foreign_keys(connection: Connection) -> list[CheckProblem]:
    """SQLite's ``PRAGMA foreign_key_check``: rows pointing at a row that is not there."""
    rows = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    return [
        CheckProblem("sqlite.foreign_key", str(table), int(rowid), {"parent": str(parent)})
        for table, rowid, parent, _fkid in rows
    ]


def _day(value: Any) -> date | None:
    """A date column's value: SQLAlchemy Core on SQLite gives text for raw SQL, PostgreSQL gives dates."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _iso(value: date | None) -> str:
    return value.isoformat() if value is not None else ""


def membership_problems(connection: Connection) -> list[CheckProblem]:
    """A member is in exactly one cell on every day from admission to leaving: the spells start on the
    admission date, each ends where the next begins (no overlap, no gap), and the last is open unless the
    member left, when it ends on the day they left."""
    import sqlalchemy as sa

    members = {
        int(r[0]): (_day(r[1]), _day(r[2]))
        for r in connection.execute(sa.text("SELECT id, admitted_on, left_on FROM member"))
    }
    spells: dict[int, list[tuple[int, date, date | None]]] = defaultdict(list)
    query = sa.text("SELECT member_id, id, start_on, end_on FROM membership ORDER BY member_id, start_on, id")
    for member_id, spell_id, start_on, end_on in connection.execute(query):
        start = _day(start_on)
        assert start is not None  # NOT NULL
        spells[int(member_id)].append((int(spell_id), start, _day(end_on)))
    problems: list[CheckProblem] = []
    for member_id, (admitted_on, left_on) in members.items():
        history = spells.get(member_id)
        if not history:
            problems.append(CheckProblem("member.no_cell", "member", member_id))
            continue
        first_start = history[0][1]
        if first_start != admitted_on:
            problems.append(
                CheckProblem(
                    "member.first_cell",
                    "member",
                    member_id,
                    {"start_on": _iso(first_start), "admitted_on": _iso(admitted_on)},
                )
            )
        for (_id, _start, end), (next_id, next_start, _next_end) in pairwise(history):
            if end is None or end > next_start:
                problems.append(
                    CheckProblem(
                        "member.cells_overlap",
                        "member",
                        member_id,
                        {"on": _iso(next_start), "spell": next_id},  # the spell that starts too early
                    )
                )
            elif end < next_start:
                problems.append(
                    CheckProblem(
                        "member.cells_gap", "member", member_id, {"from": _iso(end), "to": _iso(next_start)}
                    )
                )
        last_end = history[-1][2]
        if last_end != left_on:
            if left_on is None:
                code, params = "member.no_cell_since", {"from": _iso(last_end)}
            elif last_end is None:
                code, params = "member.cell_after_leaving", {"left_on": _iso(left_on)}
            else:
                code, params = "member.last_cell", {"end_on": _iso(last_end), "left_on": _iso(left_on)}
            problems.append(CheckProblem(code, "member", member_id, params))
    orphans = sorted(set(spells) - set(members))
    problems += [CheckProblem("membership.no_member", "member", member_id) for member_id in orphans]
    return problems


# (table, later column, earlier column): the later date may be empty, never before the earlier one. These
# are the orders that both the workflow commands and the imports enforce.
DATE_ORDER = (
    ("member", "admitted_on", "birth_date"),
    ("member", "ceremony_on", "admitted_on"),
    ("member", "official_on", "admitted_on"),
    ("member", "left_on", "admitted_on"),
    ("candidate", "mentor_assigned_on", "identified_on"),
    ("candidate", "applied_on", "identified_on"),
    ("candidate", "proposed_on", "identified_on"),
    ("candidate", "dropped_on", "identified_on"),
    ("candidate", "proposed_on", "applied_on"),
    ("admission", "decision_on", "resolution_on"),
    ("membership", "end_on", "start_on"),
)


def date_order_problems(connection: Connection) -> list[CheckProblem]:
    """Stage dates that run backwards, e.g. a resolution dated before the application it answers."""
    import sqlalchemy as sa

    problems: list[CheckProblem] = []
    for table, later, earlier in DATE_ORDER:
        query = sa.text(
            f"SELECT id, {later}, {earlier} FROM {table} "  # noqa: S608  (names from DATE_ORDER above, not input)
            f"WHERE {later} IS NOT NULL AND {earlier} IS NOT NULL AND {later} < {earlier} ORDER BY id"
        )
        for row_id, later_value, earlier_value in connection.execute(query):
            problems.append(
                CheckProblem(
                    "dates.backwards",
                    table,
                    int(row_id),
                    {
                        "field": later,
                        "value": _iso(_day(later_value)),
                        "earlier_field": earlier,
                        "earlier_value": _iso(_day(earlier_value)),
                    },
                )
            )
    return problems


def admission_problems(connection: Connection) -> list[CheckProblem]:
    """Every admission links a candidate at the 'admitted' stage and a member admitted on the decision's
    date; every candidate at the 'admitted' stage has its admission."""
    import sqlalchemy as sa

    problems: list[CheckProblem] = []
    query = sa.text(
        "SELECT a.id, a.candidate_id, c.id, c.stage, a.member_id, m.id, m.admitted_on, a.decision_on "
        "FROM admission a LEFT JOIN candidate c ON c.id = a.candidate_id "
        "LEFT JOIN member m ON m.id = a.member_id ORDER BY a.id"
    )
    for row in connection.execute(query):
        admission_id, candidate_ref, candidate_id, stage, member_ref, member_id, admitted_on, decision_on = (
            row
        )
        if candidate_id is None:
            problems.append(
                CheckProblem("admission.no_candidate", "admission", int(admission_id), {"ref": candidate_ref})
            )
        elif stage != "admitted":
            problems.append(
                CheckProblem(
                    "admission.candidate_stage",
                    "admission",
                    int(admission_id),
                    {"candidate": int(candidate_id), "stage": str(stage)},
                )
            )
        if member_id is None:
            problems.append(
                CheckProblem("admission.no_member", "admission", int(admission_id), {"ref": member_ref})
            )
        elif _day(admitted_on) != _day(decision_on):
            problems.append(
                CheckProblem(
                    "admission.member_date",
                    "admission",
                    int(admission_id),
                    {
                        "member": int(member_id),
                        "admitted_on": _iso(_day(admitted_on)),
                        "decision_on": _iso(_day(decision_on)),
                    },
                )
            )
    unlinked = sa.text(
        "SELECT c.id FROM candidate c LEFT JOIN admission a ON a.candidate_id = c.id "
        "WHERE c.stage = 'admitted' AND a.id IS NULL ORDER BY c.id"
    )
    for (candidate_id,) in connection.execute(unlinked):
        problems.append(CheckProblem("candidate.no_admission", "candidate", int(candidate_id)))
    return problems


def control_character_problems(connection: Connection) -> list[CheckProblem]:
    """Stored text that would not show as it is in a terminal: control characters (an escape sequence
    that retitles the window or clears the screen), lone surrogates, bidirectional overrides. The tool
    refuses them on the way in; these were left by an older version or written into the database by hand.
    Each is listed with its table, row and column, and the value as it shows (:func:`text.visible`)."""
    import sqlalchemy as sa
    from sqlmodel import SQLModel

    from dangvien_cli.store.models import TABLES
    from dangvien_cli.text import shown, visible

    problems: list[CheckProblem] = []
    for name in TABLES:
        table = SQLModel.metadata.tables[name]
        key = table.columns.get("id")
        texts = [c for c in table.columns if _holds_text(c)]
        if key is None or not texts:
            continue
        for row in connection.execute(sa.select(key, *texts)):
            for column, value in zip(texts, row[1:], strict=True):
                if isinstance(value, str) and not value.isprintable() and visible(value) != value:
                    params = {"column": column.name, "text": shown(value, 80)}
                    problems.append(CheckProblem("text.control_character", name, int(row[0]), params))
    return problems


def _holds_text(column: Any) -> bool:
    """A text column: SQLAlchemy's String, or a type that stores itself as one (SQLModel's AutoString)."""
    import sqlalchemy as sa

    kind = column.type
    return isinstance(kind, sa.String) or isinstance(getattr(kind, "impl_instance", None), sa.String)
