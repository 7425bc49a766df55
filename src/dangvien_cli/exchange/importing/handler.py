"""What every list's import shares: checking rows one by one, writing them a chunk at a time, the units that
may hold people, members named in a cell, and ``--on-duplicate``."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from operator import itemgetter
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.domain.dates import parse_date
from dangvien_cli.domain.names import fold
from dangvien_cli.errors import InvalidValue
from dangvien_cli.exchange.importing.rows import ImportOptions, ImportReport, Row, add_problem, jsonable
from dangvien_cli.store.changelog import os_user
from dangvien_cli.store.models import Admission, Candidate, ChangeLog, Member, Organisation
from dangvien_cli.store.orgs import holds_people
from dangvien_cli.store.people import is_current

_NAME_WITH_BIRTH = re.compile(r"^(.*\S)\s*\((\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})\)$")


def drop_indexes(session: Session, names: tuple[str, ...]) -> list[str]:
    """Drop these indexes inside the import's transaction and return the statements that recreate them.

    A large import inserts in random key order into every index; building an index once at the end sorts
    instead. Only indexes that the import itself does not search are deferred (never those that match
    people, nor unique ones). DDL is transactional in SQLite: a rolled-back import gets them back."""
    connection = session.connection()
    if connection.dialect.name != "sqlite" or not names:
        return []
    marks = ", ".join("?" * len(names))
    found = connection.exec_driver_sql(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN ({marks})", names
    ).all()
    for name, _ in found:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    return [sql for _, sql in found]


def sqlite_converter(column_type: Any) -> Callable[[Any], Any] | None:
    """How a value of this column type is written to SQLite the way SQLAlchemy would store it."""
    if isinstance(column_type, sa.TypeDecorator):  # e.g. SQLModel's UTCDateTime: stored as its base type
        column_type = column_type.impl_instance
    if isinstance(column_type, sa.JSON):
        return json.dumps
    if isinstance(column_type, sa.DateTime):  # naive, in UTC
        return lambda v: v.astimezone(UTC).replace(tzinfo=None).isoformat(" ", timespec="microseconds")
    if isinstance(column_type, sa.Date):
        return date.isoformat
    return None


class Handler:
    """Checks rows one by one, then writes them a chunk at a time."""

    def __init__(self, *, session: Session, options: ImportOptions, report: ImportReport) -> None:
        self.session = session
        self.options = options
        self.report = report
        self.user = os_user()
        self._units: dict[str, tuple[int | None, str | None, dict[str, Any]]] = {}
        self._member_refs: dict[str, tuple[int | None, str]] = {}

    def check(self, row: Row) -> None:
        """Validate one row (problems go to the report and mark the row failed)."""

    def write(self, rows: list[Row]) -> None:
        """Match and write the rows that passed ``check``."""

    def finish(self) -> None:
        """Anything left once every row was seen."""

    # -- shared helpers --------------------------------------------------------------------------

    def unit(self, code: str) -> tuple[int | None, str | None, dict[str, Any]]:
        """The organisation a person may belong to: (id, None, {}), or (None, problem key, its parameters).
        All organisations are read once (they are few beside the people)."""
        if not self._units:
            parents = {p for (p,) in self.session.execute(sa.select(col(Organisation.parent_id)).distinct())}
            for org_id, org_code, kind in self.session.execute(
                sa.select(col(Organisation.id), col(Organisation.code), col(Organisation.kind))
            ):
                self._units[org_code] = (
                    (org_id, None, {})
                    if holds_people(kind, org_id in parents)
                    else (None, "org.not_a_cell", {"kind": kind})
                )
        return self._units.get(code, (None, "org.not_found", {}))

    def check_unit(self, row: Row) -> bool:
        _, problem, params = self.unit(row.values["cell"])
        if problem:
            add_problem(self.report, row, "cell", problem, **params)
        return problem is None

    def member_ref(self, value: str) -> tuple[int | None, str]:
        """A member named in a cell by citizen ID or by full name: (id, "") or (None, problem key)."""
        if value not in self._member_refs:
            named = _NAME_WITH_BIRTH.match(value)
            if value.isascii() and value.isdigit() and len(value) == 12:
                query = select(Member.id).where(Member.citizen_id == value)
            elif named:  # "Lê Văn Hùng (20/11/1971)", as export writes someone with no citizen ID
                try:
                    born = parse_date(named[2], "birth_date")
                except InvalidValue:
                    self._member_refs[value] = (None, "import.ref_not_found")
                    return self._member_refs[value]
                query = select(Member.id).where(
                    Member.name_folded == fold(named[1]), Member.birth_date == born
                )
            else:
                query = select(Member.id).where(Member.name_folded == fold(value))
            # a current member first: the same person may also have an old record, from before a removal
            ids = list(self.session.exec(query.where(is_current(Member)).limit(2))) or list(
                self.session.exec(query.limit(2))
            )
            if not ids:
                self._member_refs[value] = (None, "import.ref_not_found")
            elif len(ids) > 1:
                self._member_refs[value] = (None, "import.ref_ambiguous")
            else:
                self._member_refs[value] = (ids[0], "")
        return self._member_refs[value]

    def bulk_insert(
        self,
        model: type[Any],
        rows: list[dict[str, Any]],
        *,
        columns: list[str] | None = None,
        ids: list[int] | None = None,
    ) -> None:
        """Insert many rows with one executemany, no ORM objects (``columns``: the keys to write, by default
        all of the first row's; ``ids``: the rows' ids, given apart from the dicts).

        On SQLite the statement goes to the driver directly, with values converted the way SQLAlchemy stores
        them (ISO dates, JSON text): SQLAlchemy's per-row parameter processing would cost more than SQLite's
        own insert. Elsewhere it is a Core insert."""
        if not rows:
            return
        names: list[str] = columns or list(rows[0])
        table = sa.inspect(model).local_table
        connection = self.session.connection()
        if connection.dialect.name != "sqlite":
            if ids is not None:
                rows = [{"id": i, **{c: row[c] for c in names}} for row, i in zip(rows, ids, strict=True)]
            else:
                rows = [{c: row[c] for c in names} for row in rows]
            connection.execute(sa.insert(table), rows)
            return
        converters = [
            (i, convert)
            for i, c in enumerate(names)
            if (convert := sqlite_converter(table.c[c].type)) is not None
        ]
        get = itemgetter(*names) if len(names) > 1 else (lambda row: (row[names[0]],))
        values: list[Any] = []
        for row in rows:
            cells = list(get(row))
            for i, convert in converters:
                if cells[i] is not None:
                    cells[i] = convert(cells[i])
            values.append(tuple(cells))
        if ids is not None:
            names = ["id", *names]
            values = [(i, *cells) for i, cells in zip(ids, values, strict=True)]
        quoted = ", ".join(f'"{c}"' for c in names)
        sql = f"INSERT INTO {table.name} ({quoted}) VALUES ({', '.join('?' * len(names))})"
        connection.exec_driver_sql(sql, values)

    def insert_with_ids(
        self,
        model: type[Member] | type[Candidate] | type[Admission],
        rows: list[dict[str, Any]],
        columns: list[str],
    ) -> list[int]:
        """Insert ``rows`` (their ``columns``) with executemany and return their ids, in order.

        SQLite cannot return ids in order from one executemany (SQLAlchemy then falls back to a statement a
        row), so there the ids are given up front: the import holds the write lock (BEGIN IMMEDIATE), so
        nobody else can take them. PostgreSQL returns them in order with RETURNING."""
        if not rows:  # nothing to insert (an empty executemany is deprecated in SQLAlchemy)
            return []
        table = sa.inspect(model).local_table
        connection = self.session.connection()
        if connection.dialect.name == "sqlite":
            start = connection.execute(sa.select(sa.func.max(table.c.id))).scalar() or 0
            ids = list(range(start + 1, start + 1 + len(rows)))
            self.bulk_insert(model, rows, columns=columns, ids=ids)
            return ids
        statement = sa.insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return list(connection.execute(statement, [{c: row[c] for c in columns} for row in rows]).scalars())

    def log_inserts(
        self, model: type[Any], entity: str, ids: list[int], rows: list[dict[str, Any]], columns: list[str]
    ) -> None:
        """Log each new row with its values, as ``log`` would.

        On SQLite the entries are made by one INSERT … SELECT from the rows just written (their ids are
        consecutive), with json_object building each snapshot: no Python work a row."""
        if not ids:
            return
        connection = self.session.connection()
        if connection.dialect.name != "sqlite" or ids[-1] - ids[0] + 1 != len(ids):
            self.log(
                "insert",
                entity,
                [
                    (i, None, {"id": i, **jsonable({c: row[c] for c in columns})})
                    for i, row in zip(ids, rows, strict=True)
                ],
            )
            return
        table = sa.inspect(model).local_table
        pairs = []
        for column in ["id", *columns]:
            value = f'"{column}"'
            if isinstance(table.c[column].type, sa.Boolean):  # stored as 0/1, logged as false/true
                value = f"CASE {value} WHEN 0 THEN json('false') WHEN 1 THEN json('true') END"
            pairs.append(f"'{column}', {value}")
        sql = (
            'INSERT INTO change_log (at, os_user, action, entity, entity_id, "before", "after")'
            f" SELECT ?, ?, 'insert', ?, id, NULL, json_object({', '.join(pairs)})"
            f" FROM {table.name} WHERE id BETWEEN ? AND ? ORDER BY id"
        )
        at = sqlite_converter(sa.inspect(ChangeLog).local_table.c.at.type)
        assert at is not None
        connection.exec_driver_sql(sql, (at(datetime.now(UTC)), self.user, entity, ids[0], ids[-1]))

    def log(
        self, action: str, entity: str, entries: Iterable[tuple[int, dict[str, Any] | None, dict[str, Any]]]
    ) -> None:
        now = datetime.now(UTC)
        rows = [
            {
                "at": now,
                "os_user": self.user,
                "action": action,
                "entity": entity,
                "entity_id": entity_id,
                "before": before,
                "after": after,
            }
            for entity_id, before, after in entries
        ]
        if rows:
            self.bulk_insert(ChangeLog, rows)

    def duplicate(self, row: Row, existing_id: int, differences: list[str], by_name: bool) -> bool:
        """Apply ``--on-duplicate`` to a row that matches a stored record and differs from it.
        Returns True when the row should update the record."""
        if by_name:
            self.report.possible_duplicates.append(
                {"line": row.line, "id": existing_id, "full_name": row.values.get("full_name")}
            )
        policy = self.options.on_duplicate
        if policy == "update":
            return True
        if policy == "skip":
            self.report.skipped += 1
            return False
        key = "import.possible_duplicate" if by_name else "import.duplicate"
        first = differences[0]
        add_problem(self.report, row, first, key, id=existing_id, columns=", ".join(differences))
        return False
