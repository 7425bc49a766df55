"""An xlsx workbook read within bounds: the archive is checked before anything in it is parsed, and the
worksheet and its shared strings are parsed as a stream that never holds more than one row.

An xlsx file is a zip archive of XML parts. A small file can inflate into gigabytes (a "zip bomb"), hold a
2 GB cell, a row numbered 999,999,999,999 or millions of empty rows; a reader that trusts it runs out of
memory or never finishes. So, before parsing:

* every part the reader opens is at most :data:`MAX_PART` (worksheets, shared strings) or
  :data:`MAX_SMALL_PART` (the parts read whole: workbook, styles, relationships) once inflated, and no part
  over 1 MiB inflates more than :data:`MAX_RATIO` times; the sizes the archive declares are enforced by
  :mod:`zipfile` itself while inflating (a part that lies is cut, and its checksum fails);
* no part declares a document type (entities are the "billion laughs" attack; no workbook has one);

and while parsing, Excel's own limits (:data:`~.table.MAX_ROWS`, :data:`~.table.MAX_COLUMNS`,
:data:`~.table.MAX_CELL`), a bound on what carries no data (:data:`MAX_EMPTY` empty rows, empty cells and
other elements) and on the number of shared strings. The sheet is read up to the end of its data
(``</sheetData>``) and no further, and rows missing between two numbers are never made up.

openpyxl reads the workbook's list of sheets and its styles (which say which cells are dates); the cells
themselves are parsed here, and an Excel date serial becomes a day by :func:`~.table.excel_date`, which
follows Excel's 1900 date system exactly.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any, BinaryIO, cast

from dangvien_cli.errors import InvalidValue
from dangvien_cli.exchange.readers.table import (
    MAX_CELL,
    MAX_COLUMNS,
    MAX_ROWS,
    RawValue,
    excel_date,
)

MIB = 1024 * 1024
MAX_PART = 256 * MIB
MAX_SMALL_PART = 8 * MIB
MAX_RATIO = 100
MAX_PARTS = 10_000
MAX_SHARED_STRINGS = 1_000_000
MAX_EMPTY = 100_000  # empty rows, empty cells and elements that hold no cell, in one sheet
MAX_CELL_ELEMENTS = 1_000  # elements inside one cell or one shared string (rich-text runs)
MAX_TEXT_RUN = 256 * 1024  # bytes between two tags: a cell of MAX_CELL characters, escaped, fits
FEED = 256 * 1024  # bytes fed to the XML parser at a time
_BULK = re.compile(r"^xl/(worksheets/[^/]+|sharedStrings)\.xml$", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_COLUMN = re.compile(r"^\$?([A-Za-z]{1,9})\$?\d*$")


def refuse(name: str, key: str, **params: object) -> InvalidValue:
    return InvalidValue("file", name, key, **params)


def check_archive(stream: BinaryIO, name: str) -> None:
    """Refuse an archive whose parts would inflate past the bounds, before any of it is parsed."""
    import zipfile

    try:
        with zipfile.ZipFile(stream) as archive:
            parts = archive.infolist()
            if len(parts) > MAX_PARTS:
                raise refuse(name, "read.xlsx_parts", count=len(parts), limit=MAX_PARTS)
            for part in parts:
                _check_part(part, name)
            for part in parts:
                if part.filename.lower().endswith((".xml", ".rels")):
                    with archive.open(part) as source:
                        _check_prolog(source, name, part.filename)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError, KeyError) as error:
        raise refuse(name, "read.bad_xlsx", detail=repr(error)) from None
    stream.seek(0)


def _check_part(part: Any, name: str) -> None:
    """A part that is read (XML) must inflate within its bound; any part over 1 MiB within the ratio."""
    if not part.filename.lower().endswith((".xml", ".rels")):
        return  # pictures, printer settings, macros: never opened
    limit = MAX_PART if _BULK.match(part.filename) else MAX_SMALL_PART
    size = part.file_size
    if size > limit or (size > MIB and size > MAX_RATIO * max(part.compress_size, 1)):
        raise refuse(
            name,
            "read.xlsx_bomb",
            part=part.filename,
            size=max(1, size // MIB),
            ratio=size // max(part.compress_size, 1),
            limit=limit // MIB,
            max_ratio=MAX_RATIO,
        )


def _check_prolog(source: IO[bytes], name: str, part: str) -> None:
    """No document type or entity before the root element (nor anywhere in the first bytes)."""
    head = source.read(64 * 1024)
    if _DOCTYPE.search(head):
        raise refuse(name, "read.xlsx_doctype", part=part)


@dataclass
class WorkbookParts:
    """What the cells need of a workbook: its sheets, shared strings, and which styles are dates or text."""

    archive: Any  # zipfile.ZipFile
    sheets: list[tuple[str, str]]  # (title, path of the part)
    strings_path: str | None
    date_styles: frozenset[int]
    duration_styles: frozenset[int]
    text_styles: frozenset[int]
    mac: bool  # the 1904 date system
    strings: list[str] = field(default_factory=list)

    def close(self) -> None:
        self.archive.close()


def load(stream: BinaryIO, name: str) -> WorkbookParts:
    """The workbook's sheets and styles (through openpyxl, whose reader is told to leave the cells and the
    shared strings to us); :func:`check_archive` has been run first."""
    import warnings

    from openpyxl.packaging.manifest import Manifest
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE
    from openpyxl.styles.stylesheet import apply_stylesheet
    from openpyxl.utils.datetime import MAC_EPOCH
    from openpyxl.xml.constants import SHARED_STRINGS

    reader = ExcelReader(stream, read_only=True, data_only=True, keep_links=False)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it does not read
            reader.read_manifest()
            reader.read_workbook()
            apply_stylesheet(reader.archive, reader.wb)
        sheets = [
            (sheet.name, rel.target)
            for sheet, rel in reader.parser.find_sheets()
            if rel.target in reader.valid_files and "chartsheet" not in rel.Type
        ]
    except BaseException:
        reader.archive.close()
        raise
    wb: Any = reader.wb  # its styles are private attributes, which the type stubs do not list
    manifest: Manifest = reader.package
    strings = manifest.find(SHARED_STRINGS)  # type: ignore[no-untyped-call]

    def number_format(style: Any) -> str:
        fmt_id = style.numFmtId
        if fmt_id < BUILTIN_FORMATS_MAX_SIZE:
            return str(BUILTIN_FORMATS.get(fmt_id, "General"))
        return str(wb._number_formats[fmt_id - BUILTIN_FORMATS_MAX_SIZE])

    return WorkbookParts(
        archive=reader.archive,
        sheets=sheets,
        strings_path=strings.PartName[1:] if strings is not None else None,
        date_styles=frozenset(wb._date_formats),
        duration_styles=frozenset(wb._timedelta_formats),
        text_styles=frozenset(i for i, style in enumerate(wb._cell_styles) if number_format(style) == "@"),
        mac=wb.epoch == MAC_EPOCH,
    )


def _events(source: IO[bytes], name: str, part: str) -> Iterator[tuple[str, Any]]:
    """(event, element) for each start and end tag of a part, fed in pieces; no run of text (or tag)
    longer than :data:`MAX_TEXT_RUN` bytes reaches the parser."""
    from xml.etree.ElementTree import ParseError, XMLPullParser

    parser: XMLPullParser[Any] = XMLPullParser(events=("start", "end"))
    run = 0  # bytes since the last "<"
    try:
        while data := source.read(FEED):
            last = data.rfind(b"<")
            if last < 0:
                run += len(data)
            else:
                first = data.find(b"<")
                longest = max(map(len, data[first:last].split(b"<"))) if last > first else 0
                if run + first > MAX_TEXT_RUN or longest > MAX_TEXT_RUN:
                    raise refuse(name, "read.xlsx_cell_too_long", part=part)
                run = len(data) - last
            if run > MAX_TEXT_RUN:
                raise refuse(name, "read.xlsx_cell_too_long", part=part)
            parser.feed(data)
            yield from cast(Iterator[tuple[str, Any]], parser.read_events())
        parser.close()
        yield from cast(Iterator[tuple[str, Any]], parser.read_events())
    except ParseError as error:
        raise refuse(name, "read.bad_xlsx", detail=f"{part}: {error}") from None


def _local(tag: str, cache: dict[str, str] = {}) -> str:  # noqa: B006 - a cache shared by every call
    local = cache.get(tag)
    if local is None:
        local = cache[tag] = tag.rpartition("}")[2]
    return local


def _text_of(element: Any, name: str, part: str) -> str:
    """The text of a shared string or an inline string: its ``t`` and its runs' ``t``, without the
    phonetic guides (``rPh``), at most :data:`MAX_CELL` characters."""
    pieces: list[str] = []
    size = 0
    for child in element:
        local = _local(child.tag)
        if local == "t":
            text = child.text or ""
        elif local == "r":
            text = "".join(t.text or "" for t in child if _local(t.tag) == "t")
        else:
            continue
        size += len(text)
        if size > MAX_CELL:
            raise refuse(name, "read.xlsx_cell_too_long", part=part)
        pieces.append(text)
    return "".join(pieces)


def read_strings(workbook: WorkbookParts, name: str) -> None:
    """The shared strings, each at most :data:`MAX_CELL` characters, at most :data:`MAX_SHARED_STRINGS`."""
    path = workbook.strings_path
    if path is None or path not in workbook.archive.namelist():
        return
    with workbook.archive.open(path) as source:
        if _count_tags(source, rb"si") > MAX_SHARED_STRINGS:  # counted first: parsing them costs more
            raise refuse(name, "read.xlsx_strings")
    strings = workbook.strings
    depth = inside = 0  # depth 1 is the root, 2 a string; ``inside``: elements in the current string
    root: Any = None
    with workbook.archive.open(path) as source:
        for event, element in _events(source, name, path):
            if event == "start":
                depth += 1
                root = element if depth == 1 else root
                inside += 1
                if inside > MAX_CELL_ELEMENTS:
                    raise refuse(name, "read.xlsx_cell_too_long", part=path)
                continue
            depth -= 1
            if depth == 1:  # a string (or whatever else the root holds) is done
                if _local(element.tag) == "si":
                    if len(strings) >= MAX_SHARED_STRINGS:
                        raise refuse(name, "read.xlsx_strings")
                    strings.append(_text_of(element, name, path).replace("x005F_", ""))
                root.remove(element)
                inside = 0


def _count_tags(source: IO[bytes], name: bytes) -> int:
    """How many elements named ``name`` (with any namespace prefix) a part holds, counted in its bytes."""
    pattern = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?" + name + rb"[\s/>]")
    count = 0
    carry = b""
    while data := source.read(FEED):
        block = carry + data
        count += len(pattern.findall(block))
        cut = block.rfind(b"<")
        carry = block[cut:] if cut >= 0 and len(block) - cut < 64 else b""
        if carry:  # counted again with the next block if the tag ends there: take it back now
            count -= len(pattern.findall(carry))
    return count


Cells = list[tuple[int, RawValue, bool]]


class _SheetParser:
    """One worksheet's parse: the open elements, the row being read, and what has held nothing so far."""

    def __init__(self, workbook: WorkbookParts, name: str, part: str) -> None:
        self.workbook = workbook
        self.name = name
        self.part = part
        self.parents: list[Any] = []  # the open elements, the root first
        self.rows = self.number = self.column = 0
        self.cells: Cells = []
        self.in_cell = False
        self.inside = 0  # elements inside the current cell
        self.empty = 0  # rows, cells and other elements that hold nothing

    def nothing(self) -> None:
        self.empty += 1
        if self.empty > MAX_EMPTY:
            raise refuse(self.name, "read.xlsx_empty")

    def start(self, element: Any) -> None:
        self.parents.append(element)
        local = _local(element.tag)
        if self.in_cell:
            self.inside += 1
            if self.inside > MAX_CELL_ELEMENTS:
                raise refuse(self.name, "read.xlsx_cell_too_long", part=self.part)
        elif local == "c":
            self.in_cell, self.inside = True, 0
        elif local == "row":
            self.rows += 1
            self.number = _row_number(element.get("r"), self.number, self.name)
            if self.rows > MAX_ROWS or self.number > MAX_ROWS:
                raise refuse(self.name, "read.too_many_rows")
            self.column, self.cells = 0, []

    def end(self, element: Any) -> tuple[int, Cells] | None:
        """The row, when ``element`` ends one that holds a value."""
        self.parents.pop()
        parent = self.parents[-1] if self.parents else None
        local = _local(element.tag)
        done = None
        if local == "c" and self.in_cell:
            self.in_cell = False
            self.cell(element)
        elif self.in_cell:
            return None  # a part of the cell, read when the cell ends
        elif local == "row":
            if any(value is not None for _, value, _ in self.cells):
                done = (self.number, self.cells)
            else:
                self.nothing()
        elif local != "sheetData":
            self.nothing()  # an element outside the cells: columns, views, and anything else
        if parent is not None:
            parent.remove(element)  # the parse keeps nothing it has read
        return done

    def cell(self, element: Any) -> None:
        self.column = _column_number(element.get("r"), self.column, self.name)
        value = _cell_value(self, element)
        text = int(element.get("s") or 0) in self.workbook.text_styles
        if value is None or (isinstance(value, str) and not value.strip()):
            self.nothing()
        if value is not None or text:
            self.cells.append((self.column, value, text))


def sheet_rows(workbook: WorkbookParts, part: str, name: str) -> Iterator[tuple[int, Cells]]:
    """(row number, [(column, value, formatted as Text)]) for each row holding at least one value, in
    the order of the file, up to the end of the sheet's data (``</sheetData>``): nothing after it is read,
    and rows missing between two numbers are not made up."""
    parser = _SheetParser(workbook, name, part)
    with workbook.archive.open(part) as source:
        for event, element in _events(source, name, part):
            if event == "start":
                parser.start(element)
                continue
            row = parser.end(element)
            if row is not None:
                yield row
            elif _local(element.tag) == "sheetData":
                return


def _row_number(text: str | None, previous: int, name: str) -> int:
    if text is None:
        return previous + 1
    if not text.isdigit() or len(text) > 15:
        raise refuse(name, "read.bad_xlsx", detail=f"row {text[:20]!r}")
    return int(text)


def _column_number(reference: str | None, previous: int, name: str) -> int:
    """The cell's column: from its reference (``AB12``), else the one after the previous cell."""
    if reference is None:
        number = previous + 1
    else:
        match = _COLUMN.match(reference)
        if match is None:
            raise refuse(name, "read.bad_xlsx", detail=f"cell {reference[:20]!r}")
        number = 0
        for letter in match[1].upper():
            number = number * 26 + ord(letter) - 64
    if number > MAX_COLUMNS:
        raise refuse(name, "read.too_many_columns")
    return number


def _cell_value(sheet: _SheetParser, cell: Any) -> RawValue:
    """The cell's value as Excel last computed it: text, a number, a truth value, a date or ``None``."""
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        inline = next((child for child in cell if _local(child.tag) == "is"), None)
        inline_text = _text_of(inline, sheet.name, sheet.part) if inline is not None else ""
        return inline_text or None
    text: str | None = next((child.text for child in cell if _local(child.tag) == "v"), None)
    if not text:
        return None
    try:
        if kind == "s":
            return _shared(sheet, text)
        if kind == "n":
            return _number(sheet, text, int(cell.get("s") or 0))
        if kind == "b":
            return bool(int(text))
        if kind == "d":
            from openpyxl.utils.datetime import from_ISO8601

            value = from_ISO8601(text)  # type: ignore[no-untyped-call]
            return value if isinstance(value, datetime.date) else str(value)
    except (ValueError, OverflowError):
        raise refuse(sheet.name, "read.bad_xlsx", detail=f"{kind} {text[:20]!r}") from None
    return text  # a formula's text result ("str"), an error such as #N/A ("e")


def _shared(sheet: _SheetParser, text: str) -> str:
    """A shared string by its index; an index that names none (-1, or past the end) is refused."""
    strings = sheet.workbook.strings
    if not text.isdigit() or int(text) >= len(strings):
        raise refuse(sheet.name, "read.xlsx_string_index", index=text[:20], count=len(strings))
    return strings[int(text)]


def _number(sheet: _SheetParser, text: str, style: int) -> RawValue:
    number: int | float = float(text) if any(c in text for c in ".eEnN") else int(text)
    workbook = sheet.workbook
    if style not in workbook.date_styles:
        return number
    if style in workbook.duration_styles:
        return str(datetime.timedelta(days=number))
    if 0 <= number < 1:  # a time of day without a date
        moment = datetime.datetime.min + datetime.timedelta(milliseconds=round(number * 86_400_000))
        return moment.time().isoformat()
    return excel_date(number, mac=workbook.mac)
