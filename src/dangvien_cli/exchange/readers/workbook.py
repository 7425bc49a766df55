"""xlsx: the archive checked, then the chosen worksheet streamed within bounds (see :mod:`.archive`)."""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Callable, Iterator
from typing import BinaryIO, cast

from dangvien_cli.errors import InvalidValue
from dangvien_cli.exchange.readers import archive
from dangvien_cli.exchange.readers.table import (
    OLE2_MAGIC,
    ZIP_MAGIC,
    RawValue,
    SourceTable,
    clean_header,
    is_blank,
    read_up_to,
    spool,
)


def open_xlsx(
    stream: BinaryIO,
    name: str,
    sheet: str | None,
    cleanup: list[Callable[[], object]],
    *,
    seekable: bool,
) -> SourceTable:
    """Read the header row of ``sheet`` (default: the first worksheet); the rows follow."""
    damaged = _damage_errors()
    magic = read_up_to(stream, 8)
    if magic == OLE2_MAGIC:
        raise InvalidValue("file", name, "read.xls")
    if not magic.startswith(ZIP_MAGIC[:2]):  # not an archive at all: no need to copy standard input first
        raise InvalidValue("file", name, "read.bad_xlsx", detail="not a zip archive")
    if seekable:
        stream.seek(0)
    else:
        stream = spool(cast(BinaryIO, _Prefixed(magic, stream)), name, cleanup)
    try:
        archive.check_archive(stream, name)
        workbook = archive.load(stream, name)
    except damaged as error:
        raise InvalidValue("file", name, "read.bad_xlsx", detail=repr(error)) from None
    cleanup.append(workbook.close)
    if not workbook.sheets:
        raise InvalidValue("file", name, "read.bad_xlsx", detail="no worksheet")
    part = workbook.sheets[0][1] if sheet is None else _pick_sheet(workbook.sheets, sheet)
    try:
        archive.read_strings(workbook, name)
    except damaged as error:
        raise InvalidValue("file", name, "read.bad_xlsx", detail=repr(error)) from None

    rows = _guarded(archive.sheet_rows(workbook, part, name), name, damaged)
    _header_number, header, first = _header_row(rows, name)
    text_formatted = {column - 1 for column, _, text in first[1] if text} if first is not None else set()
    headers = [clean_header(value) for value in header]
    keep = [i for i, h in enumerate(headers) if h]
    position = {column: pos for pos, column in enumerate(keep)}
    return SourceTable(
        headers=[headers[i] for i in keep],
        text_columns=frozenset(position[i] for i in text_formatted if i in position),
        rows=_xlsx_rows(itertools.chain([first] if first else [], rows), headers, keep, name),
        _cleanup=cleanup,
    )


class _Prefixed:
    """A stream whose first bytes were already read: gives them back first."""

    def __init__(self, head: bytes, tail: BinaryIO) -> None:
        self._head = head
        self._tail = tail

    def read(self, size: int = -1) -> bytes:
        if self._head:
            head, self._head = self._head, b""
            return head
        return self._tail.read(size)


def _damage_errors() -> tuple[type[BaseException], ...]:
    """What a damaged file makes zipfile, zlib, the XML parser or openpyxl raise (SyntaxError covers
    xml.etree's ParseError). InvalidValue is none of these, so it passes through."""
    import zipfile
    import zlib

    from openpyxl.utils.exceptions import InvalidFileException

    return (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        InvalidFileException,
        KeyError,
        ValueError,
        TypeError,
        IndexError,
        AttributeError,
        EOFError,
        OSError,
        SyntaxError,
        zlib.error,
    )


Row = tuple[int, list[tuple[int, RawValue, bool]]]


def _guarded(rows: Iterator[Row], name: str, damaged: tuple[type[BaseException], ...]) -> Iterator[Row]:
    """The rows, with damage found while reading them refused in one line."""
    try:
        yield from rows
    except damaged as error:
        raise InvalidValue("file", name, "read.bad_xlsx", detail=repr(error)) from None


def _dense(cells: list[tuple[int, RawValue, bool]]) -> list[RawValue]:
    """A row's values from its first column to its last value, ``None`` where a cell is missing."""
    width = max((column for column, value, _ in cells if value is not None), default=0)
    values: list[RawValue] = [None] * width
    for column, value, _ in cells:
        if column <= width:
            values[column - 1] = _xlsx_value(value)
    return values


def _header_row(rows: Iterator[Row], name: str) -> tuple[int, list[RawValue], Row | None]:
    """The first row that is not blank (its number and values), and the next such row, if any (whose
    Text-formatted columns say which columns are Text)."""
    header_row = 0
    header: list[RawValue] = []
    for number, cells in rows:
        values = _dense(cells)
        if all(is_blank(v) for v in values):
            continue
        if not header_row:
            header_row, header = number, values
            continue
        return header_row, header, (number, cells)
    if not header_row:
        raise InvalidValue("file", name, "read.empty")
    return header_row, header, None


def _xlsx_rows(
    rows: Iterator[Row], headers: list[str], keep: list[int], name: str
) -> Iterator[tuple[int, list[RawValue]]]:
    """The rows after the header row: blank ones skipped, only the columns in ``keep`` (a cell under an
    empty header cell, or past the last one, must be blank)."""
    width = len(headers)
    for number, cells in rows:
        values = _dense(cells)
        if all(is_blank(v) for v in values):
            continue
        for i, value in enumerate(values):
            if (i >= width or not headers[i]) and not is_blank(value):
                raise InvalidValue("file", name, "read.empty_header", line=number, column=i + 1)
        count = len(values)
        yield number, [values[i] if i < count else None for i in keep]


def _pick_sheet(sheets: list[tuple[str, str]], wanted: str) -> str:
    """The part of the worksheet named ``wanted``: exactly, else the one equal to it ignoring case and
    NFC/NFD."""
    for title, part in sheets:
        if title == wanted:
            return part
    folded = unicodedata.normalize("NFC", wanted).strip().casefold()
    matches = [part for title, part in sheets if unicodedata.normalize("NFC", title).casefold() == folded]
    if len(matches) == 1:
        return matches[0]
    raise InvalidValue("sheet", wanted, "read.no_sheet", sheets=", ".join(title for title, _ in sheets))


def _xlsx_value(value: RawValue) -> RawValue:
    """A cell's value as a RawValue: text NFC."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value
