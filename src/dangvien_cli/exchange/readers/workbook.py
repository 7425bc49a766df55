"""xlsx: read through openpyxl in read-only mode, imported only when an xlsx file is read."""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from dangvien_cli.errors import InvalidValue
from dangvien_cli.exchange.readers.table import (
    OLE2_MAGIC,
    RawValue,
    SourceTable,
    clean_header,
    is_blank,
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
    if not seekable:
        stream = spool(stream, cleanup)
    workbook = _load_workbook(stream, name, damaged)
    cleanup.append(workbook.close)

    worksheets = workbook.worksheets
    if not worksheets:
        raise InvalidValue("file", name, "read.bad_xlsx", detail="no worksheet")
    worksheet = worksheets[0] if sheet is None else _pick_sheet(worksheets, sheet)
    # Some programs write a wrong <dimension>; openpyxl would then cut rows or columns, or pad every row to
    # 16,384 columns. Without dimensions each row is as long as its last cell and gaps come as empty rows.
    worksheet.reset_dimensions()

    header_row, header, text_formatted = _header_row(worksheet, name, damaged)
    headers = [clean_header(value) for value in header]
    keep = [i for i, h in enumerate(headers) if h]
    position = {column: pos for pos, column in enumerate(keep)}
    return SourceTable(
        headers=[headers[i] for i in keep],
        text_columns=frozenset(position[i] for i in text_formatted if i in position),
        rows=_xlsx_rows(worksheet, header_row, headers, keep, name, damaged),
        _cleanup=cleanup,
    )


def _damage_errors() -> tuple[type[BaseException], ...]:
    """What a damaged file makes zipfile, zlib, the XML parser or openpyxl raise (SyntaxError covers
    xml.etree's ParseError and lxml's). InvalidValue is none of these, so it passes through."""
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


def _load_workbook(stream: BinaryIO, name: str, damaged: tuple[type[BaseException], ...]) -> Any:
    """The workbook, read-only and with the values Excel last computed; an old .xls is named as such."""
    import warnings

    from openpyxl import load_workbook

    magic = stream.read(8)
    stream.seek(0)
    if magic == OLE2_MAGIC:
        raise InvalidValue("file", name, "read.xls")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it does not read
            return load_workbook(stream, read_only=True, data_only=True, keep_links=False)
    except damaged as error:
        raise InvalidValue("file", name, "read.bad_xlsx", detail=repr(error)) from None


def _header_row(
    worksheet: Any, name: str, damaged: tuple[type[BaseException], ...]
) -> tuple[int, list[RawValue], set[int]]:
    """The first row that is not blank (its number and values), and which columns of the next such row
    are formatted as Text ("@")."""
    header_row = 0
    header: list[RawValue] = []
    text_formatted: set[int] = set()
    cells_iter = worksheet.iter_rows()
    try:
        for number, cells in enumerate(cells_iter, start=1):
            values = [_xlsx_value(cell.value) for cell in cells]
            if all(is_blank(v) for v in values):
                continue
            if not header_row:
                header_row, header = number, values
                continue
            text_formatted = {i for i, cell in enumerate(cells) if cell.number_format == "@"}
            break
    except damaged as error:
        raise InvalidValue("file", name, "read.bad_xlsx", detail=repr(error)) from None
    finally:
        close_cells = getattr(cells_iter, "close", None)
        if close_cells is not None:
            close_cells()
    if not header_row:
        raise InvalidValue("file", name, "read.empty")
    return header_row, header, text_formatted


def _xlsx_rows(
    worksheet: Any,
    header_row: int,
    headers: list[str],
    keep: list[int],
    name: str,
    damaged: tuple[type[BaseException], ...],
) -> Iterator[tuple[int, list[RawValue]]]:
    """The rows under the header row: blank ones skipped, only the columns in ``keep`` (a cell under an
    empty header cell, or past the last one, must be blank)."""
    width = len(headers)
    try:
        numbered = enumerate(
            worksheet.iter_rows(min_row=header_row + 1, values_only=True), start=header_row + 1
        )
        for number, raw in numbered:
            values = [_xlsx_value(v) for v in raw]
            if all(is_blank(v) for v in values):
                continue
            for i, value in enumerate(values):
                if (i >= width or not headers[i]) and not is_blank(value):
                    raise InvalidValue("file", name, "read.empty_header", line=number, column=i + 1)
            count = len(values)
            yield number, [values[i] if i < count else None for i in keep]
    except damaged as error:
        raise InvalidValue("file", name, "read.bad_xlsx", detail=repr(error)) from None


def _pick_sheet(worksheets: list[Any], wanted: str) -> Any:
    """The worksheet named ``wanted``: exactly, else the one equal to it ignoring case and NFC/NFD."""
    for worksheet in worksheets:
        if worksheet.title == wanted:
            return worksheet
    folded = unicodedata.normalize("NFC", wanted).strip().casefold()
    matches = [ws for ws in worksheets if unicodedata.normalize("NFC", ws.title).casefold() == folded]
    if len(matches) == 1:
        return matches[0]
    raise InvalidValue("sheet", wanted, "read.no_sheet", sheets=", ".join(ws.title for ws in worksheets))


def _xlsx_value(value: object) -> RawValue:
    """openpyxl's value as a RawValue: text NFC; times and durations (not dates) as text."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if value is None or isinstance(value, int | float | datetime.date):
        return value
    if isinstance(value, datetime.time):
        return value.isoformat()
    return str(value)  # a timedelta from a duration format, or anything newer
