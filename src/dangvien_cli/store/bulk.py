"""The bulk write path: many members or candidates at once, for the import of a large list.

Rows go in with one executemany a chunk, no ORM object a row, inside the caller's transaction (the caller
commits, so an import lands whole or not at all). Every database-specific trick of that path lives here and
nowhere else:

- everywhere: new members and candidates are logged as one batch entry per list (the range of ids, the
  file's name and SHA-256, the count), written when the import finishes, not an entry a row (the log's
  entries and indexes were two thirds of the file and a sixth of the time); admissions and updates are
  logged a row, with their values;
- SQLite: the statement goes to the driver directly, with values converted the way SQLAlchemy stores them
  (SQLAlchemy's per-row parameter processing would cost more than SQLite's own insert); ids are given up
  front, from max(id), which is safe because an import holds the write lock (BEGIN IMMEDIATE), so the ids
  of one import are contiguous; the page cache is enlarged for the import;
  indexes the import does not search are dropped past a threshold and built once at the end; the keys of a
  chunk are matched in one statement that joins a JSON parameter (json_each) to the indexes.
- PostgreSQL: COPY (psycopg's binary-free text COPY, a row written by the driver), ids taken from the
  table's sequence up front (one nextval a row, in one statement); keys matched with IN. A login under
  row-level security (migration 0009) cannot COPY: it takes the plain path below.
- anything else (and ``portable``): Core inserts, ids returned in order with RETURNING, keys matched with
  IN.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from operator import itemgetter
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.store.changelog import os_user
from dangvien_cli.store.models import Admission, Candidate, ChangeLog, Member, Membership

__all__ = ["DEFERRABLE_INDEXES", "DEFER_INDEXES_AFTER", "BulkWriter", "ImportSource", "Session"]

IMPORT_CACHE_KIB = 64 * 1024
DEFER_INDEXES_AFTER = 50_000
"""Rows seen before the deferrable indexes are dropped (measured: see benchmarks/)."""
DEFERRABLE_INDEXES = {
    "members": ("ix_member_admitted_on", "ix_member_name_sort", "ix_membership_cell_id_start_on"),
    "candidates": ("ix_candidate_name_sort", "ix_candidate_cell_id"),
}
"""By list: indexes the import itself never searches (never those that match people, nor unique ones)."""


def _sqlite_converter(column_type: Any) -> Callable[[Any], Any] | None:
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


def _converted(cells: tuple[Any, ...], convert: Callable[[Any], Any]) -> list[Any]:
    """``cells`` converted for the driver (None stays None); a date or a time once per distinct value."""
    if convert is json.dumps:  # JSON values: not hashable, and True would pass for 1
        return [None if cell is None else convert(cell) for cell in cells]
    done: dict[Any, Any] = {None: None}
    out = []
    for cell in cells:
        try:
            out.append(done[cell])
        except KeyError:
            value = done[cell] = convert(cell)
            out.append(value)
    return out


@dataclass(frozen=True)
class ImportSource:
    """The file an import reads, as its batch entries in the change log name it."""

    file: str
    sha256: str | None = None  # None: read from a pipe, not hashed


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


class BulkWriter:
    """The bulk path of one import of ``entity`` (``members``, ``candidates``…), in ``session``'s transaction.

    Records are dicts keyed by the table's columns. Call :meth:`rows_seen` after each chunk (a large import
    defers some indexes) and :meth:`finish` once at the end (they are built again)."""

    def __init__(
        self, *, session: Session, entity: str, source: ImportSource | None = None, portable: bool = False
    ) -> None:
        self.session = session
        self.entity = entity
        self.source = source
        self.user = os_user()
        self._created: dict[str, list[list[int]]] = {}  # by table: the ranges of new ids, [first, last]
        self._connection = session.connection()
        # ``portable``: the plain path every database takes (Core statements, no SQLite trick), to compare
        # the fast path with (tests/test_import_paths.py).
        self._sqlite = self._connection.dialect.name == "sqlite" and not portable
        # PostgreSQL refuses COPY FROM into a table under row-level security: a scoped login's imports
        # (migration 0009) take the plain path, with the policies checking each row.
        self._copy = (
            self._connection.dialect.name == "postgresql"
            and not portable
            and not self._connection.execute(sa.text("SELECT row_security_active('member')")).scalar()
        )
        self._deferred: list[str] | None = None
        if self._sqlite:
            # A large import touches index pages all over the file: a bigger page cache (the default is
            # 2 MiB) keeps them in memory instead of spilling them to the WAL again and again.
            self._connection.exec_driver_sql(f"PRAGMA cache_size=-{IMPORT_CACHE_KIB}")

    # -- indexes ---------------------------------------------------------------------------------------

    def rows_seen(self, rows: int) -> None:
        """``rows`` rows of the file are done: past :data:`DEFER_INDEXES_AFTER`, defer the indexes."""
        if rows >= DEFER_INDEXES_AFTER and self._deferred is None:
            self._deferred = self._drop_indexes(DEFERRABLE_INDEXES.get(self.entity, ()))

    def finish(self) -> None:
        """Log the new rows (a batch entry a range), and build the deferred indexes again (in one sort
        each, instead of row by row)."""
        self._log_batches()
        for statement in self._deferred or ():
            self._connection.exec_driver_sql(statement)
        self._deferred = []

    def _drop_indexes(self, names: tuple[str, ...]) -> list[str]:
        """Drop these indexes inside the import's transaction and return the statements that recreate them.

        A large import inserts in random key order into every index; building an index once at the end sorts
        instead. DDL is transactional in SQLite: a rolled-back import gets them back."""
        if not self._sqlite or not names:
            return []
        marks = ", ".join("?" * len(names))
        found = self._connection.exec_driver_sql(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN ({marks})",  # noqa: S608  (only placeholders are joined in; the names are bound)
            names,
        ).all()
        for name, _ in found:
            self._connection.exec_driver_sql(f'DROP INDEX "{name}"')
        return [sql for _, sql in found]

    # -- matching --------------------------------------------------------------------------------------

    def matching(
        self, model: type[Member] | type[Candidate], citizen_ids: set[str], pairs: set[tuple[str, date]]
    ) -> list[Any]:
        """Stored records of ``model`` with one of these citizen IDs or (folded name, birth date) pairs, in
        the order of their ids.

        On SQLite the keys go in as one JSON parameter each and are joined to the indexes, in one statement
        without per-key parameters for SQLAlchemy to expand and compile."""
        ids = self._matching_ids(model, citizen_ids, pairs)
        if not ids:  # the usual case in a large import: nobody in this chunk is stored yet
            return []
        return list(self.session.exec(select(model).where(col(model.id).in_(ids)).order_by(col(model.id))))

    def _matching_ids(
        self, model: type[Member] | type[Candidate], citizen_ids: set[str], pairs: set[tuple[str, date]]
    ) -> list[int]:
        table = sa.inspect(model).local_table
        if self._sqlite:
            sql = (
                f"SELECT t.id FROM json_each(?) AS j CROSS JOIN {table.name} AS t"  # noqa: S608  (our table's name; keys are bound)
                " WHERE t.citizen_id = j.value"
                " UNION SELECT t.id FROM json_each(?) AS j CROSS JOIN "
                f"{table.name} AS t"
                " WHERE t.name_folded = json_extract(j.value, '$[0]')"
                " AND t.birth_date = json_extract(j.value, '$[1]')"
            )
            keys = json.dumps(sorted(citizen_ids)), json.dumps([[n, b.isoformat()] for n, b in pairs])
            return [i for (i,) in self._connection.exec_driver_sql(sql, keys)]
        if self._copy:
            return self._matching_ids_pg(table, citizen_ids, pairs)
        found: set[int] = set()
        if citizen_ids:
            query = sa.select(table.c.id).where(table.c.citizen_id.in_(citizen_ids))
            found.update(self._connection.execute(query).scalars())
        if pairs:
            key = sa.tuple_(table.c.name_folded, table.c.birth_date)
            found.update(self._connection.execute(sa.select(table.c.id).where(key.in_(pairs))).scalars())
        return sorted(found)

    def _matching_ids_pg(
        self, table: sa.Table, citizen_ids: set[str], pairs: set[tuple[str, date]]
    ) -> list[int]:
        """PostgreSQL: each list of keys is one array parameter (an IN of a thousand placeholders cost
        more to parse and plan than the lookups themselves: half the import's time at 300,000 rows)."""
        from sqlalchemy.dialects import postgresql

        found: set[int] = set()
        if citizen_ids:
            ids = sa.bindparam("ids", sorted(citizen_ids), type_=postgresql.ARRAY(sa.String))
            query = sa.select(table.c.id).where(table.c.citizen_id == sa.any_(ids))
            found.update(self._connection.execute(query).scalars())
        if pairs:
            names = sa.bindparam("names", [n for n, _ in pairs], type_=postgresql.ARRAY(sa.String))
            births = sa.bindparam("births", [b for _, b in pairs], type_=postgresql.ARRAY(sa.Date))
            keys = sa.func.unnest(names, births).table_valued("name", "birth").render_derived()
            query = sa.select(table.c.id).join(
                keys, sa.and_(table.c.name_folded == keys.c.name, table.c.birth_date == keys.c.birth)
            )
            found.update(self._connection.execute(query).scalars())
        return sorted(found)

    # -- inserts ---------------------------------------------------------------------------------------

    def insert_members(self, records: list[dict[str, Any]]) -> list[int]:
        """New members, each with a membership of its ``cell_id`` from the admission (to the leaving, if
        any), and a log entry a member (memberships are not logged: the member's entry carries its data).
        Returns their ids, in order."""
        if not records:
            return []
        columns = [c for c in records[0] if c != "cell_id"]
        ids = self._insert_with_ids(Member, records, columns)
        memberships = [
            {
                "member_id": member_id,
                "cell_id": record["cell_id"],
                "start_on": record["admitted_on"],
                "end_on": record["left_on"],
            }
            for member_id, record in zip(ids, records, strict=True)
        ]
        self._insert(Membership, memberships)
        self._created_ids("member", ids)
        return ids

    def insert_candidates(self, records: list[dict[str, Any]]) -> list[int]:
        """New candidates, logged in the import's batch entry; their ids, in order."""
        if not records:
            return []
        ids = self._insert_with_ids(Candidate, records, list(records[0]))
        self._created_ids("candidate", ids)
        return ids

    def insert_admissions(self, records: list[dict[str, Any]]) -> list[int]:
        """Admission records linking imported candidates to the members their admissions made, logged."""
        return self._insert_logged(Admission, "admission", records)

    def _insert_logged(self, model: type[Admission], entity: str, records: list[dict[str, Any]]) -> list[int]:
        if not records:
            return []
        columns = list(records[0])
        ids = self._insert_with_ids(model, records, columns)
        self._log_inserts(model, entity, ids, records, columns)
        return ids

    def _insert(
        self,
        model: type[Any],
        rows: list[dict[str, Any]],
        *,
        columns: list[str] | None = None,
        ids: list[int] | None = None,
    ) -> None:
        """Insert many rows with one executemany (``columns``: the keys to write, by default all of the first
        row's; ``ids``: the rows' ids, given apart from the dicts)."""
        if not rows:  # nothing to insert (an empty executemany is deprecated in SQLAlchemy)
            return
        names: list[str] = columns or list(rows[0])
        table = sa.inspect(model).local_table
        connection = self._connection
        if self._copy:
            self._copy_rows(table, names, rows, ids)
            return
        if not self._sqlite:
            if ids is not None:
                rows = [{"id": i, **{c: row[c] for c in names}} for row, i in zip(rows, ids, strict=True)]
            else:
                rows = [{c: row[c] for c in names} for row in rows]
            connection.execute(sa.insert(table), rows)
            return
        # Column by column: a column empty in every row is left out (it is NULL without being bound, and
        # binding None costs sqlite3 about four times an int); values are converted once per distinct value
        # (dates repeat: an ISO text each, made once).
        get = itemgetter(*names) if len(names) > 1 else (lambda row: (row[names[0]],))
        columns_of: list[tuple[str, Any]] = []
        for name, cells in zip(names, zip(*map(get, rows), strict=True), strict=True):
            if not any(cell is not None for cell in cells):
                continue
            convert = _sqlite_converter(table.c[name].type)
            columns_of.append((name, cells if convert is None else _converted(cells, convert)))
        if ids is not None:
            columns_of.insert(0, ("id", ids))
        names = [name for name, _ in columns_of]
        values = list(zip(*(cells for _, cells in columns_of), strict=True))
        quoted = ", ".join(f'"{c}"' for c in names)
        # Our own table and column names (from the models), never input; the values are bound.
        sql = f"INSERT INTO {table.name} ({quoted}) VALUES ({', '.join('?' * len(names))})"  # noqa: S608
        connection.exec_driver_sql(sql, values)

    def _copy_rows(
        self, table: sa.Table, names: list[str], rows: list[dict[str, Any]], ids: list[int] | None
    ) -> None:
        """PostgreSQL: the rows with COPY … FROM STDIN (psycopg adapts dates, booleans and None; JSON goes
        as its text)."""
        get = itemgetter(*names) if len(names) > 1 else (lambda row: (row[names[0]],))
        json_columns = [i for i, c in enumerate(names) if isinstance(table.c[c].type, sa.JSON)]
        columns = ", ".join(f'"{c}"' for c in (["id", *names] if ids is not None else names))
        cursor = self._connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        with cursor.copy(f"COPY {table.name} ({columns}) FROM STDIN") as copy:
            for n, row in enumerate(rows):
                cells = get(row)
                if json_columns:
                    cells = tuple(
                        json.dumps(v) if i in json_columns and v is not None else v
                        for i, v in enumerate(cells)
                    )
                copy.write_row((ids[n], *cells) if ids is not None else cells)

    def _insert_with_ids(
        self,
        model: type[Member] | type[Candidate] | type[Admission],
        rows: list[dict[str, Any]],
        columns: list[str],
    ) -> list[int]:
        """Insert ``rows`` (their ``columns``) with executemany and return their ids, in order.

        SQLite cannot return ids in order from one executemany (SQLAlchemy then falls back to a statement a
        row), so there the ids are given up front: the import holds the write lock (BEGIN IMMEDIATE), so
        nobody else can take them. PostgreSQL returns them in order with RETURNING."""
        table = sa.inspect(model).local_table
        connection = self._connection
        if self._sqlite:
            start = connection.execute(sa.select(sa.func.max(table.c.id))).scalar() or 0
            ids = list(range(start + 1, start + 1 + len(rows)))
            self._insert(model, rows, columns=columns, ids=ids)
            return ids
        if self._copy:
            sequence = sa.func.pg_get_serial_sequence(table.name, "id")
            taken = sa.select(sa.func.nextval(sequence)).select_from(sa.func.generate_series(1, len(rows)))
            ids = sorted(connection.execute(taken).scalars())
            self._insert(model, rows, columns=columns, ids=ids)
            return ids
        statement = sa.insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return list(connection.execute(statement, [{c: row[c] for c in columns} for row in rows]).scalars())

    def _created_ids(self, entity: str, ids: list[int]) -> None:
        """Remember new ids of ``entity`` for the batch entries, as ranges (a gap starts a new one)."""
        ranges = self._created.setdefault(entity, [])
        for i in ids:
            if ranges and ranges[-1][1] + 1 == i:
                ranges[-1][1] = i
            else:
                ranges.append([i, i])

    def _log_batches(self) -> None:
        """One entry a range of new ids: under the import's write lock, one a list (SQLite gives the ids
        itself; a PostgreSQL sequence shared with a concurrent writer could leave a gap, and then the
        entries are two)."""
        now = datetime.now(UTC)
        file = self.source.file if self.source else None
        sha256 = self.source.sha256 if self.source else None
        entries = [
            {
                "at": now,
                "os_user": self.user,
                "action": "insert",
                "entity": entity,
                "entity_id": first,
                "last_entity_id": last,
                "before": None,
                "after": None,
                "source": {"file": file, "sha256": sha256, "rows": last - first + 1},
            }
            for entity, ranges in self._created.items()
            for first, last in ranges
        ]
        self._created = {}
        self._insert(ChangeLog, entries)

    def _log_inserts(
        self, model: type[Any], entity: str, ids: list[int], rows: list[dict[str, Any]], columns: list[str]
    ) -> None:
        """Log each new row with its values, as ``log`` shows them.

        On SQLite the entries are made by one INSERT … SELECT from the rows just written (their ids are
        consecutive), with json_object building each snapshot: no Python work a row."""
        if not ids:
            return
        if not self._sqlite or ids[-1] - ids[0] + 1 != len(ids):
            now = datetime.now(UTC)
            entries = [
                {
                    "at": now,
                    "os_user": self.user,
                    "action": "insert",
                    "entity": entity,
                    "entity_id": i,
                    "before": None,
                    "after": {"id": i, **_jsonable({c: row[c] for c in columns})},
                }
                for i, row in zip(ids, rows, strict=True)
            ]
            self._insert(ChangeLog, entries)
            return
        table = sa.inspect(model).local_table
        pairs = []
        for column in ["id", *columns]:
            value = f'"{column}"'
            if isinstance(table.c[column].type, sa.Boolean):  # stored as 0/1, logged as false/true
                value = f"CASE {value} WHEN 0 THEN json('false') WHEN 1 THEN json('true') END"
            pairs.append(f"'{column}', {value}")
        sql = (
            'INSERT INTO change_log (at, os_user, action, entity, entity_id, "before", "after")'  # noqa: S608  (our own column names; the values are bound)
            f" SELECT ?, ?, 'insert', ?, id, NULL, json_object({', '.join(pairs)})"
            f" FROM {table.name} WHERE id BETWEEN ? AND ? ORDER BY id"
        )
        at = _sqlite_converter(sa.inspect(ChangeLog).local_table.c.at.type)
        assert at is not None
        self._connection.exec_driver_sql(sql, (at(datetime.now(UTC)), self.user, entity, ids[0], ids[-1]))
