"""Rows of a file as the importer sees them: parsed cells, the problems found, the report of what was done.

Each cell is parsed by its column's parser (:mod:`dangvien_cli.exchange.columns`), memoised by its text; a
problem names the line, the column as headed in the file, the value as read, and a catalogue key (the
``code`` a script reads in the JSON summary)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from dangvien_cli.domain.settings import Settings
from dangvien_cli.errors import InvalidValue
from dangvien_cli.exchange.columns import (
    CellError,
    ColumnSpec,
    HeaderMap,
    ParseOptions,
    RawValue,
    parse_citizen_id,
)


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
    """How an import runs: today's date (no step after it), the duplicate policy, cell parsing, settings."""

    today: date
    settings: Settings
    on_duplicate: str = "error"
    parse: ParseOptions = field(default_factory=ParseOptions)


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


class Memo:
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


def parse_rows(
    table: Table,
    header_map: HeaderMap,
    column_specs: dict[str, ColumnSpec],
    parse: ParseOptions,
    report: ImportReport,
) -> Iterator[Row]:
    mapped = [
        (i, name, Memo(column_specs[name].parse, parse, i in table.text_columns))
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
                add_problem(report, row, name, error.key, **error.params)
        if row.failed:
            yield row
            continue
        for name in required:
            if values[name] is None and not (name == "full_name" and values.get("given_name") is not None):
                add_problem(report, row, name, "value.empty")
                break
        yield row


def add_problem(report: ImportReport, row: Row, name: str, key: str, **params: Any) -> None:
    """Refuse ``row`` for the cell of column ``name``, shown as read."""
    raw = row.raw(name)
    value = "" if raw is None else raw.isoformat() if isinstance(raw, date) else str(raw)
    report.problems.append(Problem(row.line, row.headers.get(name, name), value, key, dict(params)))
    row.failed = True


def refuse_cell(report: ImportReport, row: Row, name: str, error: InvalidValue) -> None:
    """A store check refused the value of column ``name``: report its key on the cell, shown as read."""
    add_problem(report, row, name, error.key, **_reason_params(error))


def refuse(report: ImportReport, row: Row, error: InvalidValue) -> None:
    """A domain rule refused the row: report it on the column the rule names, with the value it names."""
    name = error.field if error.field in row.headers else next(iter(row.headers), error.field)
    report.problems.append(
        Problem(row.line, row.headers.get(name, name), str(error.value), error.key, _reason_params(error))
    )
    row.failed = True


def _reason_params(error: InvalidValue) -> dict[str, Any]:
    return {k: v for k, v in error.params.items() if k not in ("field", "value")}
