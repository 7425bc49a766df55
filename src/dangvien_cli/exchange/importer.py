"""Importing lists: every row validated, people matched, rows written in chunks inside one transaction.

The caller owns the transaction: it commits only when the report has no problems and this is not a dry
run, so an import lands whole or not at all. Rows are validated in Python and written with executemany
(``insert().returning(id)`` for the ids), a chunk at a time; each chunk is matched against the database
*inside* the transaction, so a person who appears twice in one file is caught like one already stored.

Matching people: the citizen ID first; otherwise the folded full name plus the birth date. A match on
name and birth date alone is a *possible* duplicate: it is reported, and ``--on-duplicate`` decides; it is
never merged in silence. A row equal to what is stored (blank cells ignored) is skipped as unchanged, so
importing the same file twice changes nothing the second time. Blank cells never overwrite stored values.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from operator import itemgetter
from typing import Any, ClassVar, Protocol

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.domain.dates import add_months, parse_date
from dangvien_cli.domain.names import fold
from dangvien_cli.domain.people import check_candidate_dates, check_member_dates, person_name
from dangvien_cli.domain.settings import DEFAULT_SETTINGS, Settings
from dangvien_cli.domain.stages import ACTIVE_STAGES
from dangvien_cli.errors import InvalidValue
from dangvien_cli.exchange.columns import (
    CellError,
    ColumnSpec,
    HeaderMap,
    ParseOptions,
    RawValue,
    map_headers,
    parse_citizen_id,
    specs,
)
from dangvien_cli.store.changelog import os_user
from dangvien_cli.store.models import (
    Admission,
    Candidate,
    ChangeLog,
    Member,
    Membership,
    Organisation,
    Quota,
    QuotaMilestone,
    Remark,
)
from dangvien_cli.store.orgs import add_org, holds_people
from dangvien_cli.store.people import is_current
from dangvien_cli.store.workflow import is_official_on

CHUNK_ROWS = 1000
IMPORT_CACHE_KIB = 64 * 1024
# Indexes built once at the end of a large import instead of row by row (measured: see benchmarks/).
DEFER_INDEXES_AFTER = 50_000
DEFERRABLE_INDEXES = {
    "members": ("ix_member_admitted_on", "ix_member_name_sort", "ix_membership_cell_id_start_on"),
    "candidates": ("ix_candidate_name_sort", "ix_candidate_cell_id"),
}
_NAME_WITH_BIRTH = re.compile(r"^(.*\S)\s*\((\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})\)$")
ON_DUPLICATE = ("error", "skip", "update")
ENTITIES = ("orgs", "members", "candidates", "reviews", "quotas")


class Table(Protocol):
    """What the importer needs of a source (see :class:`dangvien_cli.exchange.readers.SourceTable`)."""

    headers: list[str]
    text_columns: frozenset[int]
    rows: Iterator[tuple[int, list[RawValue]]]


@dataclass
class Problem:
    """A refused row: where (line, column as headed in the file), the value, and why (a catalogue key)."""

    line: int
    column: str
    value: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self, reason: str) -> dict[str, Any]:
        return {
            "line": self.line,
            "column": self.column,
            "value": self.value,
            "reason": reason,
            "code": self.key,
        }


@dataclass
class ImportReport:
    """What an import did, or would do (dry run)."""

    entity: str
    dry_run: bool = False
    rows: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)
    possible_duplicates: list[dict[str, Any]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    unescaped: int = 0  # CSV cells whose anti-formula quote was taken off (``'=x`` read as ``=x``)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class ImportOptions:
    today: date
    on_duplicate: str = "error"
    parse: ParseOptions = field(default_factory=ParseOptions)
    settings: Settings = DEFAULT_SETTINGS


@dataclass
class Row:
    """One parsed row: canonical column → value (``None`` when blank), and the raw cells for messages."""

    line: int
    values: dict[str, Any]
    cells: list[RawValue]
    columns: dict[str, int]  # canonical column → its index in ``cells``
    headers: dict[str, str]
    failed: bool = False

    def given(self, name: str) -> bool:
        return self.values.get(name) is not None

    def raw(self, name: str) -> RawValue:
        """The cell as read, for messages (``None`` when the file has no such column or cell)."""
        index = self.columns.get(name)
        return self.cells[index] if index is not None and index < len(self.cells) else None


def import_table(
    *,
    session: Session,
    entity: str,
    table: Table,
    options: ImportOptions,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import ``table`` as ``entity`` in the caller's transaction."""
    if entity not in ENTITIES:
        raise InvalidValue("entity", entity, "value.choice", choices=", ".join(ENTITIES))
    if options.on_duplicate not in ON_DUPLICATE:
        raise InvalidValue(
            "on_duplicate", options.on_duplicate, "value.choice", choices=", ".join(ON_DUPLICATE)
        )
    header_map = map_headers(entity, table.headers)
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        # A large import touches index pages all over the file: a bigger page cache (the default is 2 MiB)
        # keeps them in memory instead of spilling them to the WAL again and again. Memory stays bounded.
        connection.exec_driver_sql(f"PRAGMA cache_size=-{IMPORT_CACHE_KIB}")
    report = ImportReport(entity=entity, ignored_columns=header_map.ignored)
    handler_class = _HANDLERS[entity]
    handler = handler_class(session=session, options=options, report=report)
    batch: list[Row] = []
    deferred: list[str] = []
    for row in _parse_rows(table, header_map, specs(entity), options.parse, report):
        report.rows += 1
        handler.check(row)
        if not row.failed:
            batch.append(row)
        if len(batch) >= CHUNK_ROWS:
            handler.write(batch)
            batch = []
            if report.rows >= DEFER_INDEXES_AFTER and not deferred:
                deferred = _drop_indexes(session, DEFERRABLE_INDEXES.get(entity, ()))
            if progress is not None:
                progress(report.rows)
    handler.write(batch)
    handler.finish()
    for statement in deferred:
        connection.exec_driver_sql(statement)
    if progress is not None:
        progress(report.rows)
    report.unescaped = getattr(table, "unescaped", 0)
    return report


class _Memo:
    """Parsed values of one column, by cell text: dates, codes, cells and names repeat thousands of times in
    a large file, so each distinct text is parsed once. The memo is emptied when full (memory stays flat);
    citizen IDs, which never repeat, are not remembered."""

    LIMIT = 50_000

    def __init__(self, parse: Any, options: ParseOptions, text_column: bool) -> None:
        self.parse = parse
        self.options = options
        self.text_column = text_column
        self.values: dict[str, Any] | None = None if parse is parse_citizen_id else {}

    def __call__(self, raw: RawValue) -> Any:
        values = self.values
        if values is None or type(raw) is not str:
            return self.parse(raw, self.options, self.text_column)
        try:
            return values[raw]
        except KeyError:
            pass
        value = self.parse(raw, self.options, self.text_column)  # a CellError is not remembered
        if len(values) >= self.LIMIT:
            values.clear()
        values[raw] = value
        return value


def _drop_indexes(session: Session, names: tuple[str, ...]) -> list[str]:
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


def _parse_rows(
    table: Table,
    header_map: HeaderMap,
    column_specs: dict[str, ColumnSpec],
    parse: ParseOptions,
    report: ImportReport,
) -> Iterator[Row]:
    mapped = [
        (i, name, _Memo(column_specs[name].parse, parse, i in table.text_columns))
        for i, name in enumerate(header_map.columns)
        if name is not None
    ]
    headers = {name: header_map.headers[i] for i, name, _ in mapped}
    columns = {name: i for i, name, _ in mapped}
    required = [name for name, spec in column_specs.items() if spec.required and name in headers]
    for line, cells in table.rows:
        values: dict[str, Any] = {}
        row = Row(line=line, values=values, cells=cells, columns=columns, headers=headers)
        width = len(cells)
        for index, name, parse_cell in mapped:
            try:
                values[name] = parse_cell(cells[index] if index < width else None)
            except CellError as error:
                _add_problem(report, row, name, error.key, **error.params)
        if row.failed:
            yield row
            continue
        for name in required:
            if values[name] is None and not (name == "full_name" and values.get("given_name") is not None):
                _add_problem(report, row, name, "value.empty")
                break
        yield row


def _add_problem(report: ImportReport, row: Row, name: str, key: str, **params: Any) -> None:
    raw = row.raw(name)
    value = "" if raw is None else raw.isoformat() if isinstance(raw, date) else str(raw)
    report.problems.append(Problem(row.line, row.headers.get(name, name), value, key, dict(params)))
    row.failed = True


def _refuse(report: ImportReport, row: Row, error: InvalidValue) -> None:
    """A domain rule refused the row: report it on the column the rule names."""
    params = {k: v for k, v in error.params.items() if k not in ("field", "value")}
    name = error.field if error.field in row.headers else next(iter(row.headers), error.field)
    report.problems.append(
        Problem(row.line, row.headers.get(name, name), str(error.value), error.key, params)
    )
    row.failed = True


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


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


class _Handler:
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
            _add_problem(self.report, row, "cell", problem, **params)
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
            if (convert := _sqlite_converter(table.c[c].type)) is not None
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
                    (i, None, {"id": i, **_jsonable({c: row[c] for c in columns})})
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
        at = _sqlite_converter(sa.inspect(ChangeLog).local_table.c.at.type)
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
        _add_problem(self.report, row, first, key, id=existing_id, columns=", ".join(differences))
        return False


# --- people ------------------------------------------------------------------------------------------

_NAME_FIELDS = ("full_name", "family_name", "middle_name", "given_name")
_PERSONAL = (
    "gender",
    "birth_date",
    "citizen_id",
    "ethnicity",
    "religion",
    "education",
    "occupation",
    "youth_union",
)


class _PeopleHandler(_Handler):
    """What members and candidates share: names, personal fields, matching."""

    model: type[Member] | type[Candidate]
    entity_name: str
    # columns stored as they are (file column → table column)
    plain: ClassVar[dict[str, str]]
    # columns an import may not change on an existing record
    frozen: ClassVar[tuple[str, ...]] = ()

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._names: dict[tuple[Any, ...], dict[str, str]] = {}

    def person(self, row: Row) -> dict[str, Any] | None:
        values = row.values
        name_key = (
            values.get("full_name"),
            values.get("family_name"),
            values.get("middle_name"),
            values.get("given_name"),
        )
        names = self._names
        name_fields = names.get(name_key)
        if name_fields is None:  # names repeat in a large list: split and key each one once
            try:
                name = person_name(
                    name_key[0],
                    family=name_key[1],
                    middle=name_key[2],
                    given=name_key[3],
                    tone_order=self.options.settings.tone_order,
                )
            except InvalidValue as error:
                _refuse(self.report, row, error)
                return None
            if len(names) >= _Memo.LIMIT:
                names.clear()
            name_fields = names[name_key] = name.as_fields()
        fields: dict[str, Any] = dict(name_fields)
        for key in _PERSONAL:
            fields[key] = values.get(key)
        if fields["youth_union"] is None:
            fields["youth_union"] = False
        return fields

    def record(self, row: Row) -> dict[str, Any] | None:
        """The table row for ``row`` (or None after reporting a problem)."""
        raise NotImplementedError

    def write(self, rows: list[Row]) -> None:
        if not rows:
            return
        records = {row.line: self.record(row) for row in rows}
        rows = [row for row in rows if records[row.line] is not None and not row.failed]
        by_id, by_name = self._existing(rows, records)
        current_cells = self.current_cells(
            [m.id for m in by_id.values()] + [m.id for ms in by_name.values() for m in ms]
        )
        new: list[tuple[Row, dict[str, Any]]] = []
        seen_ids: dict[str, dict[str, Any]] = {}
        seen_names: dict[tuple[str, date], dict[str, Any]] = {}
        for row in rows:
            record = records[row.line]
            assert record is not None
            cid, name_key = record["citizen_id"], (record["name_folded"], record["birth_date"])
            earlier = seen_ids.get(cid) if cid else seen_names.get(name_key)
            if earlier is not None:  # the same person twice in one chunk of the file
                if self._same_as_new(row, record, earlier):
                    self.report.skipped += 1
                else:
                    _add_problem(self.report, row, "full_name", "import.duplicate_in_file")
                continue
            match, by_name_only = by_id.get(cid) if cid else None, False
            if match is None:
                candidates = [
                    m
                    for m in by_name.get(name_key, [])
                    if m.citizen_id is None or cid is None or m.citizen_id == cid
                ]
                if candidates:
                    match, by_name_only = candidates[0], True
            if match is None:
                new.append((row, record))
                if cid:
                    seen_ids[cid] = record
                seen_names[name_key] = record
                continue
            assert match.id is not None
            differences = self.differences(row, record, match, current_cells.get(match.id))
            if not differences:
                self.report.skipped += 1
                if by_name_only:  # the same name and birth date, nothing to tell them apart: say so
                    self.report.possible_duplicates.append(
                        {"line": row.line, "id": match.id, "full_name": row.values.get("full_name")}
                    )
            elif self.duplicate(row, match.id, differences, by_name_only):
                self.update(row, record, match, differences, current_cells.get(match.id))
        self.insert(new)

    def _same_as_new(self, row: Row, record: dict[str, Any], earlier: dict[str, Any]) -> bool:
        return all(earlier.get(k) == v for k, v in record.items() if v is not None)

    def _existing(
        self, rows: list[Row], records: dict[int, dict[str, Any] | None]
    ) -> tuple[dict[str | None, Any], dict[tuple[str, date], list[Any]]]:
        model = self.model
        cids = {r["citizen_id"] for r in records.values() if r and r["citizen_id"]}
        pairs = {(r["name_folded"], r["birth_date"]) for r in records.values() if r}
        ids = self._matching_ids(cids, pairs)
        by_id: dict[str | None, Any] = {}
        by_name: dict[tuple[str, date], list[Any]] = {}
        if not ids:  # the usual case in a large import: nobody in this chunk is stored yet
            return by_id, by_name
        for m in self.session.exec(select(model).where(col(model.id).in_(ids)).order_by(col(model.id))):
            # A current record wins over an old one with the same citizen ID (someone re-admitted).
            if m.citizen_id in cids and (m.citizen_id not in by_id or self.current(m)):
                by_id[m.citizen_id] = m
            # (name, birth date) pairs, not names alone: common names repeat thousands of times.
            if (m.name_folded, m.birth_date) in pairs:
                by_name.setdefault((m.name_folded, m.birth_date), []).append(m)
        return by_id, by_name

    def _matching_ids(self, cids: set[str], pairs: set[tuple[str, date]]) -> list[int]:
        """Ids of stored records with one of these citizen IDs or (folded name, birth date) pairs.

        On SQLite the keys go in as one JSON parameter each and are joined to the indexes, in one
        statement without per-key parameters for SQLAlchemy to expand and compile."""
        table = sa.inspect(self.model).local_table
        connection = self.session.connection()
        if connection.dialect.name == "sqlite":
            sql = (
                f"SELECT t.id FROM json_each(?) AS j CROSS JOIN {table.name} AS t"
                " WHERE t.citizen_id = j.value"
                " UNION SELECT t.id FROM json_each(?) AS j CROSS JOIN "
                f"{table.name} AS t"
                " WHERE t.name_folded = json_extract(j.value, '$[0]')"
                " AND t.birth_date = json_extract(j.value, '$[1]')"
            )
            keys = json.dumps(sorted(cids)), json.dumps([[n, b.isoformat()] for n, b in pairs])
            return [i for (i,) in connection.exec_driver_sql(sql, keys)]
        found: set[int] = set()
        if cids:
            found.update(
                connection.execute(sa.select(table.c.id).where(table.c.citizen_id.in_(cids))).scalars()
            )
        if pairs:
            key = sa.tuple_(table.c.name_folded, table.c.birth_date)
            found.update(connection.execute(sa.select(table.c.id).where(key.in_(pairs))).scalars())
        return sorted(found)

    def current_cells(self, ids: list[int | None]) -> dict[int, int]:
        return {}

    def current(self, record: Any) -> bool:
        """Whether a stored record is current (a member who has not left, a candidate on the way)."""
        return record.left_on is None if isinstance(record, Member) else record.stage in ACTIVE_STAGES

    def differences(self, row: Row, record: dict[str, Any], stored: Any, cell_id: int | None) -> list[str]:
        """The file's columns whose (non-blank) value differs from the stored record."""
        changed: list[str] = []
        for column, attribute in self.plain.items():
            if (
                column in row.headers
                and row.values.get(column) is not None
                and getattr(stored, attribute) != record[attribute]
            ):
                changed.append(column)
        # Names differ only if their sort keys do: Hòa/Hoà, NFC/NFD and letter case are the same name.
        if record["name_sort"] != stored.name_sort:
            changed.extend(c for c in _NAME_FIELDS if c in row.headers and row.values.get(c) is not None)
        if (
            "youth_union" in row.headers
            and row.values.get("youth_union") is not None
            and stored.youth_union != record["youth_union"]
        ):
            changed.append("youth_union")
        return changed

    def update(
        self, row: Row, record: dict[str, Any], stored: Any, changed: list[str], cell_id: int | None
    ) -> None:
        blocked = [c for c in changed if c in self.frozen]
        if blocked:
            _add_problem(self.report, row, blocked[0], "import.cannot_change", id=stored.id)
            return
        before = _jsonable(stored.model_dump())
        values: dict[str, Any] = {}
        for column in changed:
            attribute = self.plain.get(column, column)
            values[attribute] = record[attribute]
        if any(c in _NAME_FIELDS for c in changed):
            for key in ("full_name", "family_name", "middle_name", "given_name", "name_folded", "name_sort"):
                values[key] = record[key]
        self.session.execute(sa.update(self.model).where(col(self.model.id) == stored.id).values(**values))
        self.after_update(stored, values)
        after = {**before, **_jsonable(values)}
        self.log("update", self.entity_name, [(stored.id, before, after)])
        self.report.updated += 1

    def after_update(self, stored: Any, values: dict[str, Any]) -> None:
        pass

    def insert(self, new: list[tuple[Row, dict[str, Any]]]) -> None:
        raise NotImplementedError


class _MemberHandler(_PeopleHandler):
    model = Member
    entity_name = "member"
    plain: ClassVar[dict[str, str]] = {
        "citizen_id": "citizen_id",
        "gender": "gender",
        "birth_date": "birth_date",
        "admitted_on": "admitted_on",
        "decision_no": "decision_no",
        "ceremony_on": "ceremony_on",
        "official_on": "official_on",
        "left_on": "left_on",
        "left_reason": "left_reason",
        "ethnicity": "ethnicity",
        "religion": "religion",
        "education": "education",
        "occupation": "occupation",
        "cell": "cell_id",
    }
    frozen = ("admitted_on", "cell")

    def check(self, row: Row) -> None:
        if row.failed:
            return
        values = row.values
        if (values.get("left_on") is None) != (values.get("left_reason") is None):
            missing = "left_reason" if values.get("left_reason") is None else "left_on"
            _add_problem(self.report, row, missing, "import.left_needs_both")
            return
        try:
            check_member_dates(
                birth_date=values["birth_date"],
                admitted_on=values["admitted_on"],
                today=self.options.today,
                ceremony_on=values.get("ceremony_on"),
                official_on=values.get("official_on"),
                left_on=values.get("left_on"),
                settings=self.options.settings,
            )
        except InvalidValue as error:
            _refuse(self.report, row, error)
            return
        self.check_unit(row)

    def record(self, row: Row) -> dict[str, Any] | None:
        fields = self.person(row)
        if fields is None:
            return None
        values = row.values
        cell_id = self.unit(values["cell"])[0]
        fields.update(
            admitted_on=values["admitted_on"],
            decision_no=values.get("decision_no"),
            ceremony_on=values.get("ceremony_on"),
            official_on=values.get("official_on"),
            left_on=values.get("left_on"),
            left_reason=values.get("left_reason"),
            cell_id=cell_id,
        )
        return fields

    def current_cells(self, ids: list[int | None]) -> dict[int, int]:
        wanted = [i for i in ids if i is not None]
        if not wanted:
            return {}
        cells: dict[int, int] = {}
        query = (
            select(Membership.member_id, Membership.cell_id)
            .where(col(Membership.member_id).in_(wanted))
            .order_by(col(Membership.start_on), col(Membership.id))
        )
        for member_id, cell_id in self.session.exec(query):
            cells[member_id] = cell_id  # the latest wins
        return cells

    def differences(self, row: Row, record: dict[str, Any], stored: Any, cell_id: int | None) -> list[str]:
        stored_view = _StoredMember(stored, cell_id)
        return super().differences(row, record, stored_view, cell_id)

    def update(
        self, row: Row, record: dict[str, Any], stored: Any, changed: list[str], cell_id: int | None
    ) -> None:
        if "left_on" in changed and stored.left_on is not None:
            _add_problem(
                self.report, row, "left_on", "member.already_left", left_on=stored.left_on.isoformat()
            )
            return
        super().update(row, record, stored, changed, cell_id)

    def after_update(self, stored: Any, values: dict[str, Any]) -> None:
        if values.get("left_on") is not None:
            self.session.execute(
                sa.update(Membership)
                .where(col(Membership.member_id) == stored.id, col(Membership.end_on).is_(None))
                .values(end_on=values["left_on"])
            )

    def insert(self, new: list[tuple[Row, dict[str, Any]]]) -> None:
        if not new:
            return
        members = [record for _, record in new]
        columns = [c for c in members[0] if c != "cell_id"]
        ids = self.insert_with_ids(Member, members, columns)
        memberships = [
            {
                "member_id": member_id,
                "cell_id": record["cell_id"],
                "start_on": record["admitted_on"],
                "end_on": record["left_on"],
            }
            for member_id, record in zip(ids, members, strict=True)
        ]
        self.bulk_insert(Membership, memberships)
        self.log_inserts(Member, "member", ids, members, columns)
        self.report.created += len(ids)


class _StoredMember:
    """A stored member seen with its current cell, so that ``differences`` can compare the cell too."""

    def __init__(self, member: Member, cell_id: int | None) -> None:
        self._member = member
        self.cell_id = cell_id

    def __getattr__(self, name: str) -> Any:
        return getattr(self._member, name)


_STAGE_DATES = (
    ("dropped", "dropped_on"),
    ("proposed", "proposed_on"),
    ("applied", "applied_on"),
    ("trained", "trained_on"),
    ("mentored", "mentor"),
)


class _CandidateHandler(_PeopleHandler):
    model = Candidate
    entity_name = "candidate"
    plain: ClassVar[dict[str, str]] = {
        "citizen_id": "citizen_id",
        "gender": "gender",
        "birth_date": "birth_date",
        "cell": "cell_id",
        "source": "source",
        "identified_on": "identified_on",
        "stage": "stage",
        "mentor": "mentor_id",
        "mentor_assigned_on": "mentor_assigned_on",
        "trained_on": "certificate_on",
        "certificate_no": "certificate_no",
        "applied_on": "applied_on",
        "introducer_1": "introducer_1_id",
        "introducer_2": "introducer_2_id",
        "youth_union_introduces": "youth_union_introduces",
        "proposed_on": "proposed_on",
        "resolution_no": "resolution_no",
        "dropped_on": "dropped_on",
        "drop_reason": "drop_reason",
        "ethnicity": "ethnicity",
        "religion": "religion",
        "education": "education",
        "occupation": "occupation",
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.linked: set[int] = set()  # members linked to a candidate of this file at the 'admitted' stage

    def check(self, row: Row) -> None:
        if row.failed:
            return
        values = row.values
        try:
            check_candidate_dates(
                birth_date=values["birth_date"],
                identified_on=values["identified_on"],
                today=self.options.today,
            )
        except InvalidValue as error:
            _refuse(self.report, row, error)
            return
        for later in ("mentor_assigned_on", "applied_on", "proposed_on", "dropped_on"):
            if values.get(later) is not None and values[later] < values["identified_on"]:
                _add_problem(
                    self.report, row, later, "date.before", other=values["identified_on"].isoformat()
                )
                return
        if (
            values.get("proposed_on")
            and values.get("applied_on")
            and values["proposed_on"] < values["applied_on"]
        ):
            _add_problem(
                self.report, row, "proposed_on", "date.before", other=values["applied_on"].isoformat()
            )
            return
        stage = values.get("stage")
        if stage is not None:
            needed = dict(_STAGE_DATES).get(stage)
            if needed and values.get(needed) is None:
                _add_problem(self.report, row, "stage", "import.stage_needs", column=needed)
                return
        if not self.check_unit(row):
            return
        # Mentors and introducers are official members on the day they took the role (the Party's rule that
        # the workflow checks too); other rules are for `candidate check` to report.
        for column, on in (
            ("mentor", values.get("mentor_assigned_on") or values["identified_on"]),
            ("introducer_1", values.get("applied_on")),
            ("introducer_2", values.get("applied_on")),
        ):
            if values.get(column) is None:
                continue
            member_id, key = self.member_ref(values[column])
            if key:
                _add_problem(self.report, row, column, key)
                return
            member = self.session.get(Member, member_id)
            if on is not None and member is not None and not is_official_on(member, on):
                _add_problem(self.report, row, column, "workflow.not_official", on=on.isoformat())
                return

    def record(self, row: Row) -> dict[str, Any] | None:
        fields = self.person(row)
        if fields is None:
            return None
        values = row.values
        stage = values.get("stage") or next(
            (name for name, column in _STAGE_DATES if values.get(column) is not None), "identified"
        )
        if values["source"] == "youth_union" and not row.given("youth_union"):
            fields["youth_union"] = True  # a candidate from the Youth Union is a member of it
        fields.update(
            cell_id=self.unit(values["cell"])[0],
            source=values["source"],
            identified_on=values["identified_on"],
            stage=stage,
            mentor_assigned_on=values.get("mentor_assigned_on"),
            certificate_on=values.get("trained_on"),
            certificate_no=values.get("certificate_no"),
            applied_on=values.get("applied_on"),
            youth_union_introduces=bool(values.get("youth_union_introduces")),
            proposed_on=values.get("proposed_on"),
            resolution_no=values.get("resolution_no"),
            dropped_on=values.get("dropped_on"),
            drop_reason=values.get("drop_reason"),
        )
        for column, attribute in (
            ("mentor", "mentor_id"),
            ("introducer_1", "introducer_1_id"),
            ("introducer_2", "introducer_2_id"),
        ):
            fields[attribute] = self.member_ref(values[column])[0] if values.get(column) else None
        return fields

    def differences(self, row: Row, record: dict[str, Any], stored: Any, cell_id: int | None) -> list[str]:
        changed = super().differences(row, record, stored, cell_id)
        # a stage given by the file is compared; one derived from dates only when the file gives no stage
        return [c for c in changed if c != "stage" or row.given("stage")]

    def insert(self, new: list[tuple[Row, dict[str, Any]]]) -> None:
        if not new:
            return
        # Someone who is already a member (and has not left) is not a candidate, unless the row is their
        # history: a candidate at the 'admitted' stage, linked to the member record the admission made.
        cids = {record["citizen_id"] for _, record in new if record["citizen_id"]}
        members: dict[str | None, int] = {}
        if cids:
            query = sa.select(col(Member.citizen_id), col(Member.id)).where(
                col(Member.citizen_id).in_(cids), col(Member.left_on).is_(None)
            )
            members = {citizen_id: member_id for citizen_id, member_id in self.session.execute(query)}
        admitted_as: dict[int, Member] = {}  # index in ``new`` → the member the admission made
        for index, (row, record) in enumerate(new):
            if record["stage"] == "admitted":
                member = self._admitted_member(row, record)
                if member is not None:
                    admitted_as[index] = member
            elif record["citizen_id"] in members:
                _add_problem(
                    self.report,
                    row,
                    "citizen_id",
                    "candidate.already_member",
                    id=members[record["citizen_id"]],
                )
        kept = [(index, record) for index, (row, record) in enumerate(new) if not row.failed]
        if not kept:
            return
        candidates = [record for _, record in kept]
        columns = list(candidates[0])
        ids = self.insert_with_ids(Candidate, candidates, columns)
        self.log_inserts(Candidate, "candidate", ids, candidates, columns)
        self.report.created += len(ids)
        admissions = [
            {
                "candidate_id": candidate_id,
                "member_id": admitted_as[index].id,
                "resolution_on": record["proposed_on"],
                "resolution_no": record["resolution_no"],
                "decision_no": admitted_as[index].decision_no or "",
                "decision_on": admitted_as[index].admitted_on,
            }
            for (index, record), candidate_id in zip(kept, ids, strict=True)
            if index in admitted_as
        ]
        if admissions:
            columns = list(admissions[0])
            admission_ids = self.insert_with_ids(Admission, admissions, columns)
            self.log_inserts(Admission, "admission", admission_ids, admissions, columns)

    def _admitted_member(self, row: Row, record: dict[str, Any]) -> Member | None:
        """The member record of a candidate imported at the 'admitted' stage: the same citizen ID, else the
        only member with the same name and birth date; not yet linked to another candidate, and admitted on
        or after every date of the candidate's path. ``None`` (with the row refused) otherwise."""
        if record["citizen_id"]:
            query = select(Member).where(Member.citizen_id == record["citizen_id"])
        else:
            query = select(Member).where(
                Member.name_folded == record["name_folded"], Member.birth_date == record["birth_date"]
            )
        found = list(self.session.exec(query))
        if len(found) != 1:
            _add_problem(self.report, row, "stage", "candidate.admitted_needs_member")
            return None
        member = found[0]
        linked = self.session.exec(
            select(Admission.candidate_id).where(Admission.member_id == member.id)
        ).first()
        if linked is not None or member.id in self.linked:
            _add_problem(self.report, row, "stage", "candidate.member_linked", id=member.id)
            return None
        for column, attribute in (
            ("identified_on", "identified_on"),
            ("mentor_assigned_on", "mentor_assigned_on"),
            ("trained_on", "certificate_on"),
            ("applied_on", "applied_on"),
            ("proposed_on", "proposed_on"),
        ):
            day = record.get(attribute)
            if day is not None and day > member.admitted_on:
                _add_problem(
                    self.report,
                    row,
                    column,
                    "candidate.after_admission",
                    id=member.id,
                    admitted_on=member.admitted_on.isoformat(),
                )
                return None
        assert member.id is not None
        self.linked.add(member.id)
        return member


# --- organisations, quotas, reviews -------------------------------------------------------------------


class _OrgHandler(_Handler):
    """Organisations are few: they are collected, then added parents first (a file may list a cell
    before its base organisation)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pending: list[Row] = []
        self.done: set[str] = set()

    def write(self, rows: list[Row]) -> None:
        self.pending.extend(rows)

    def finish(self) -> None:
        waiting = list(self.pending)
        in_file = {row.values["code"] for row in waiting}
        while waiting:
            progressed = False
            for row in list(waiting):
                parent = row.values.get("parent")
                if parent and parent in in_file and parent not in self.done:
                    continue
                waiting.remove(row)
                progressed = True
                self._add(row)
            if not progressed:
                for row in waiting:
                    _add_problem(self.report, row, "parent", "import.parent_cycle")
                break

    def _add(self, row: Row) -> None:
        values = row.values
        code = values["code"]
        self.done.add(code)
        stored = self.session.exec(select(Organisation).where(Organisation.code == code)).first()
        if stored is None:
            try:
                add_org(
                    session=self.session,
                    code=code,
                    name=values["name"],
                    kind=values["kind"],
                    parent_code=values.get("parent"),
                    place=values.get("place") or "other",
                    population=values.get("population"),
                )
            except InvalidValue as error:
                _refuse(self.report, row, error)
                return
            self.report.created += 1
            return
        parent = self.session.get(Organisation, stored.parent_id) if stored.parent_id else None
        current = {
            "name": stored.name,
            "kind": stored.kind,
            "parent": parent.code if parent else None,
            "place": stored.place,
            "population": stored.population,
        }
        changed = [k for k, v in current.items() if row.given(k) and values[k] != v]
        if not changed:
            self.report.skipped += 1
            return
        assert stored.id is not None
        if not self.duplicate(row, stored.id, changed, by_name=False):
            return
        if "kind" in changed or "parent" in changed:
            _add_problem(
                self.report,
                row,
                "kind" if "kind" in changed else "parent",
                "import.cannot_change",
                id=stored.id,
            )
            return
        before = _jsonable(stored.model_dump())
        for key in changed:
            setattr(stored, key, values[key])
        self.session.add(stored)
        self.session.flush()
        self.log("update", "organisation", [(stored.id, before, _jsonable(stored.model_dump()))])
        self.report.updated += 1


_PERIOD = re.compile(r"^(\d{4})-(?:Q([1-4])|(\d{2}))$")


def parse_milestones(text: str, year: int) -> list[tuple[str, date, int]]:
    """``2022-Q1=3; 2022-06=7`` → [(period, last day of the period, target)]. Raises CellError."""
    milestones: list[tuple[str, date, int]] = []
    for part in re.split(r"[;,]", text):
        if not part.strip():
            continue
        period, _, number = part.partition("=")
        period, number = period.strip(), number.strip()
        match = _PERIOD.match(period)
        if match is None or not (number.isascii() and number.isdigit()):
            raise CellError("quota.milestone_format")
        if int(match[1]) != year:
            raise CellError("quota.milestone_year", year=year)
        last_month = int(match[2]) * 3 if match[2] else int(match[3])
        if not 1 <= last_month <= 12:
            raise CellError("quota.milestone_format")
        last_day = add_months(date(year, last_month, 1), 1) - timedelta(days=1)
        milestones.append((period, last_day, int(number)))
    return milestones


class _QuotaHandler(_Handler):
    def check(self, row: Row) -> None:
        if row.failed:
            return
        org = self.session.exec(select(Organisation.id).where(Organisation.code == row.values["org"])).first()
        if org is None:
            _add_problem(self.report, row, "org", "org.not_found")
            return
        row.values["org_id"] = org
        if row.given("milestones"):
            try:
                row.values["milestone_list"] = parse_milestones(row.values["milestones"], row.values["year"])
            except CellError as error:
                _add_problem(self.report, row, "milestones", error.key, **error.params)

    def write(self, rows: list[Row]) -> None:
        for row in rows:
            values = row.values
            stored = self.session.exec(
                select(Quota).where(Quota.org_id == values["org_id"], Quota.year == values["year"])
            ).first()
            fields = {k: values.get(k) for k in ("target", "residential_target", "stretch_target")}
            milestones = values.get("milestone_list")
            if stored is None:
                quota = Quota(
                    org_id=values["org_id"],
                    year=values["year"],
                    target=values["target"],
                    residential_target=values.get("residential_target"),
                    stretch_target=values.get("stretch_target"),
                )
                self.session.add(quota)
                self.session.flush()
                assert quota.id is not None
                self._replace_milestones(quota.id, milestones or [])
                self.log("insert", "quota", [(quota.id, None, _jsonable(quota.model_dump()))])
                self.report.created += 1
                continue
            assert stored.id is not None
            current = {k: getattr(stored, k) for k in fields}
            changed = [k for k, v in fields.items() if v is not None and current[k] != v]
            stored_milestones = self._milestones(stored.id)
            if milestones is not None and milestones != stored_milestones:
                changed.append("milestones")
            if not changed:
                self.report.skipped += 1
                continue
            if not self.duplicate(row, stored.id, changed, by_name=False):
                continue
            before = _jsonable(stored.model_dump())
            for key in changed:
                if key != "milestones":
                    setattr(stored, key, fields[key])
            self.session.add(stored)
            self.session.flush()
            if milestones is not None:
                self._replace_milestones(stored.id, milestones)
            self.log("update", "quota", [(stored.id, before, _jsonable(stored.model_dump()))])
            self.report.updated += 1

    def _milestones(self, quota_id: int) -> list[tuple[str, date, int]]:
        query = (
            select(QuotaMilestone)
            .where(QuotaMilestone.quota_id == quota_id)
            .order_by(col(QuotaMilestone.due_on))
        )
        return [(m.period, m.due_on, m.target) for m in self.session.exec(query)]

    def _replace_milestones(self, quota_id: int, milestones: list[tuple[str, date, int]]) -> None:
        self.session.execute(sa.delete(QuotaMilestone).where(col(QuotaMilestone.quota_id) == quota_id))
        if milestones:
            self.session.execute(
                sa.insert(QuotaMilestone),
                [{"quota_id": quota_id, "period": p, "due_on": d, "target": t} for p, d, t in milestones],
            )


class _ReviewHandler(_Handler):
    """Mentors' monthly remarks: facts that are added, never updated; an identical remark is skipped."""

    def check(self, row: Row) -> None:
        if row.failed:
            return
        values = row.values
        candidate_id, key = self._candidate(values["candidate"], values.get("candidate_birth_date"))
        if key:
            _add_problem(self.report, row, "candidate", key)
            return
        author_id, key = self.member_ref(values["author"])
        if key:
            _add_problem(self.report, row, "author", key)
            return
        values["candidate_id"], values["author_id"] = candidate_id, author_id

    def _candidate(self, value: str, born: date | None) -> tuple[int | None, str]:
        if value.isascii() and value.isdigit() and len(value) == 12:
            query = select(Candidate.id).where(Candidate.citizen_id == value)
        else:
            query = select(Candidate.id).where(Candidate.name_folded == fold(value))
            if born is not None:
                query = query.where(Candidate.birth_date == born)
        ids = list(self.session.exec(query.where(is_current(Candidate)).limit(2))) or list(
            self.session.exec(query.limit(2))
        )
        if not ids:
            return None, "import.ref_not_found"
        if len(ids) > 1:
            return None, "import.ref_ambiguous"
        return ids[0], ""

    def write(self, rows: list[Row]) -> None:
        for row in rows:
            values = row.values
            fields = {
                "candidate_id": values["candidate_id"],
                "author_id": values["author_id"],
                "remarked_on": values["date"],
                "text": values["text"],
            }
            exists = self.session.exec(
                select(Remark.id).where(*(getattr(Remark, k) == v for k, v in fields.items()))
            ).first()
            if exists is not None:
                self.report.skipped += 1
                continue
            remark = Remark(**fields)
            self.session.add(remark)
            self.session.flush()
            assert remark.id is not None
            self.log("insert", "remark", [(remark.id, None, _jsonable(remark.model_dump()))])
            self.report.created += 1


_HANDLERS: dict[str, type[_Handler]] = {
    "orgs": _OrgHandler,
    "members": _MemberHandler,
    "candidates": _CandidateHandler,
    "reviews": _ReviewHandler,
    "quotas": _QuotaHandler,
}
