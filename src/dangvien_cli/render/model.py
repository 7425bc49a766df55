"""The value object every output is made of: lists, records, reports, the monthly paper, exports and the
import summary are all a :class:`View`, which one module per format writes (``render.table``, ``.json``,
``.csv``, ``.md``, ``.xlsx``).

A view holds data, not text: rows keep English keys, codes and ISO dates, so that JSON and CSV stay stable
for scripts; the columns say how people read them (a figure, a percentage, a date, a code of a vocabulary),
and each format turns that into its own cells (``31/10/2022`` in a Vietnamese table, a date cell in xlsx).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from dangvien_cli.domain.vocab import Vocabulary
from dangvien_cli.messages import t
from dangvien_cli.text import redact

Row = Mapping[str, Any]
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TOTAL = "TOTAL"  # the totals line's name in JSON and CSV, for scripts


class Kind(StrEnum):
    """How a column's values read."""

    text = "text"
    int = "int"
    number = "number"  # one decimal: 44.0
    percent = "percent"  # a percentage already rounded to one decimal: 15.4%
    date = "date"  # an ISO date: 31/10/2022 in Vietnamese tables, a date cell in xlsx
    code = "code"  # a code of a vocabulary, shown with its label
    list = "list"
    bool = "bool"


FIGURES = (Kind.int, Kind.number, Kind.percent)


@dataclass(frozen=True)
class Title:
    """A heading: a catalogue key with its parameters, or a text; with ``count``, the number of rows after it.

    Parameters that are vocabulary members are shown with their label (``- Đã làm đơn``), titles rendered,
    dates and numbers in the language's way (``31/10/2022``)."""

    key: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    text: str | None = None
    count: int | None = None
    texts: tuple[str, str] | None = None  # a text in Vietnamese and in English (an export's header)

    def render(self, lang: str) -> str:
        if self.text is not None:
            base = self.text
        elif self.texts is not None:
            base = self.texts[0] if lang == "vi" else self.texts[1]
        else:
            params = {k: _param(v, lang) for k, v in self.params.items()}
            base = t(self.key, lang, **params)
        return base if self.count is None else f"{base} ({self.count})"


def _param(value: Any, lang: str) -> Any:
    """A title's parameter: a vocabulary member by its label, a title (a report's scope) rendered; dates
    and numbers are left to :func:`t`, which writes them in the language."""
    if isinstance(value, Vocabulary):
        return value.label(lang)
    if isinstance(value, Title):
        return value.render(lang)
    return value


@dataclass(frozen=True)
class Column:
    """A column: the key of its values in each row, and how people read them.

    ``codes`` is the vocabulary of a coded column (``Stage``), or a catalogue prefix for codes that are not a
    domain vocabulary (``"due"`` reads ``due.ceremony_due``). ``label`` is the header when the key is not a
    field of the catalogue (an age band ``18-30``, a line of the monthly summary). ``wrap`` false keeps the
    values and header on one line (dates, IDs, age bands). ``terminal`` false lets a terminal table leave
    the column out; every other format keeps it. ``applies`` names the rows the column is about, as a
    (key, value) pair (a place is a cell's): other rows leave it blank for people.
    """

    key: str
    kind: Kind = Kind.text
    codes: type[Vocabulary] | str | None = None
    label: Title | None = None
    wrap: bool = True
    terminal: bool = True
    applies: tuple[str, Any] | None = None

    def __post_init__(self) -> None:
        if self.codes is not None and self.kind is Kind.text:
            object.__setattr__(self, "kind", Kind.code)


@dataclass(frozen=True)
class Chart:
    """A chart of the rows (a native Excel chart in xlsx; a terminal draws a pyramid in blocks).

    ``bar`` plots ``value_keys`` by ``label_key`` over the view's rows; ``pyramid`` plots ``data`` (its own
    points, men as negative numbers to the left) as overlapping horizontal bars."""

    kind: Literal["bar", "pyramid"]
    title: Title
    label_key: str
    value_keys: tuple[str, ...]
    data: Sequence[Row] | None = None


@dataclass(frozen=True)
class Section:
    """A titled part shown after (or, in a paper, instead of) the main table.

    A section holds a table of ``rows``, or with ``pairs`` a single row read as field/value pairs (a record,
    the monthly summary). Without columns it is one line of text: its title. An empty section is left out,
    unless ``empty`` says what to write instead (``Không có.``)."""

    key: str
    title: Title
    columns: Sequence[Column] = ()
    rows: Sequence[Row] = ()
    pairs: bool = False
    empty: Title | None = None


@dataclass(frozen=True)
class Document:
    """What a Word document says around its tables (``--format docx``), as the Party's papers lay it out:
    the issuing organisation and the one above it at the top left, the number and symbol under them, the
    place and date at the right, the kind of paper and its subject centred, and who signs.

    ``committee`` is whether the issuer is a đảng bộ (its committee signs, "T/M ĐẢNG ỦY", symbol ĐU) rather
    than a chi bộ ("T/M CHI BỘ", symbol CB). ``place`` is the settings' ``place_name`` (never guessed):
    empty, the date line reads "ngày … tháng … năm …" alone. ``kind`` is ``report`` (BÁO CÁO) or ``list``
    (DANH SÁCH), for a drafted paper ``resolution`` (NGHỊ QUYẾT) or ``decision`` (QUYẾT ĐỊNH)."""

    issuer: str
    subject: Title
    on: date | None  # None: a draft's day not yet known, written as a dotted line
    superior: str = ""
    committee: bool = False
    place: str = ""
    kind: str = "report"
    # a drafted paper (``dangvien draft``): its number where the records hold one, who signs for whom (a
    # catalogue key; empty: the cell's or the committee's), the recipients (texts; empty: the report's)
    number: str | None = None
    signature_for: str = ""
    recipients: tuple[str, ...] = ()


class Shape(StrEnum):
    """What a view is, which decides its JSON and CSV and the look of its tables.

    * ``list``: JSON is the rows as an array; CSV carries every key of the rows; a boxed table.
    * ``record``: JSON is ``data``; CSV the rows (the record as one line); a table shows the sections.
    * ``report``: JSON is ``{"rows", "totals", **data}``; CSV and every table carry the columns with the
      totals as their last line; sections follow the main table in a terminal and in Markdown.
    * ``paper``: JSON is ``data``; CSV is ``section,row,field,value`` lines of it (its parts have different
      columns); tables and Markdown show the title, then each section; xlsx has a sheet a section.
    """

    list = "list"
    record = "record"
    report = "report"
    paper = "paper"


@dataclass
class View:
    """Everything an output needs, in one value. ``rows`` may be any iterable: an export of a million rows
    streams through the writers (call :meth:`close` when done, so a half-read query is closed)."""

    shape: Shape
    title: Title | None = None
    columns: Sequence[Column] = ()
    rows: Iterable[Row] = ()
    totals: Mapping[str, Any] = field(default_factory=dict)
    sections: Sequence[Section] = ()
    chart: Chart | None = None
    data: Any = None  # what JSON carries: a report's keys beside its rows, else instead of the rows
    name: str = "report"  # the xlsx sheet's name
    exchange: bool = False  # the import format: raw codes and key headers, a BOM on CSV files
    tree: str | None = None  # the key naming each row's parent: a terminal draws the rows as a tree
    wide: bool = False  # a terminal table keeps every column at its full width (``--wide``)
    template: Path | None = None  # an officer's own Word template (``--template``), for docx
    document: Document | None = None  # what a Word document says besides the view (heading, signature)

    def json(self) -> Any:
        """What JSON carries (see :class:`Shape`); the rows of a list stay an iterator."""
        if self.shape is Shape.report:
            return {"rows": list(self.rows), "totals": dict(self.totals), **(self.data or {})}
        if self.shape is Shape.list and self.data is None:
            return self.rows
        return self.data

    def terminal_columns(self) -> list[Column]:
        return [c for c in self.columns if c.terminal]

    def total_row(self) -> dict[str, Any] | None:
        """The totals as a last line, named ``TOTAL`` in the first column unless they name themselves
        (for people, ``TOTAL`` reads "Tổng cộng": see render.cells)."""
        if not self.totals:
            return None
        first = self.columns[0].key
        return {**self.totals, first: self.totals.get(first, TOTAL)}

    def redacted(self) -> View:
        """The view with citizen IDs and birth days masked everywhere (``--redact``)."""
        return replace(
            self,
            rows=(redact(row) for row in self.rows),
            totals=redact(self.totals),
            sections=[replace(s, rows=redact(list(s.rows))) for s in self.sections],
            data=redact(self.data),
        )

    def close(self) -> None:
        """Close the rows' source when it is a generator (a server-side cursor behind an export)."""
        close = getattr(self.rows, "close", None)
        if close is not None:
            close()


def peek(rows: Iterable[Row]) -> tuple[Row | None, Iterator[Row]]:
    """The first row (None when there is none) and all the rows, without reading the iterable twice."""
    iterator = iter(rows)
    first = next(iterator, None)
    return first, iterator if first is None else itertools.chain((first,), iterator)


def as_row(item: Any) -> Row:
    """A row from a store result: a mapping as it is, a record through its ``as_json()``."""
    if isinstance(item, Mapping):
        return item
    return item.as_json()  # type: ignore[no-any-return]


def list_view(title: Title | None, rows: Iterable[Any], columns: Sequence[Column]) -> View:
    """A list: ``columns`` in a table (with the count in its title), every key in JSON and CSV."""
    materialised = [as_row(row) for row in rows]
    if title is not None:
        title = replace(title, count=len(materialised))
    return View(Shape.list, title=title, columns=columns, rows=materialised)


def record_view(
    data: Any,
    title: Title,
    codes: Mapping[str, type[Vocabulary] | str] | None = None,
    sections: Sequence[tuple[str, Title, Sequence[Column]]] = (),
) -> View:
    """One record: an object in JSON, one line of CSV, field/value pairs for people, then its ``sections``,
    each (key of a list of records in ``data``, title, columns)."""
    data = as_row(data)
    codes = codes or {}
    nested = {key for key, _, _ in sections}
    fields = [
        Column(key, kind=infer_kind(value), codes=codes.get(key))
        for key, value in data.items()
        if key not in nested
    ]
    parts = [Section("record", title, fields, [data], pairs=True)]
    parts += [Section(key, heading, columns, data.get(key) or []) for key, heading, columns in sections]
    return View(Shape.record, title=title, rows=[data], sections=parts, data=data)


def infer_kind(value: Any) -> Kind:
    """A record's field read from its value: ISO dates are dates, whole numbers figures (4.354 in
    Vietnamese; an id or a year keeps its digits alone), lists lists, the rest text."""
    if isinstance(value, bool):
        return Kind.bool
    if isinstance(value, int):
        return Kind.int
    if isinstance(value, list):
        return Kind.list
    if isinstance(value, str) and ISO_DATE.match(value):
        return Kind.date
    return Kind.text
