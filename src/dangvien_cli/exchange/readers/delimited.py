"""CSV: read line by line as bytes, each line decoded on its own (see the package's docstring)."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import IO, Any, BinaryIO, cast

from dangvien_cli.errors import InvalidValue
from dangvien_cli.exchange.readers.legacy import refuse_legacy
from dangvien_cli.exchange.readers.table import (
    CHUNK,
    MAX_COLUMNS,
    MAX_FIELD,
    MAX_LINE,
    MAX_ROWS,
    OLE2_MAGIC,
    ZIP_MAGIC,
    RawValue,
    Replay,
    SourceTable,
    clean_header,
    read_up_to,
)
from dangvien_cli.text import restore


@dataclass
class _CsvState:
    """What the line decoder knows; shared with the row reader."""

    name: str
    codec: str | None  # "utf-8", "cp1258", "utf-16", or None while every line so far was ASCII
    reported: str  # what SourceTable.encoding says
    explicit: bool  # the user named the encoding: no guessing, no mixed-encoding check
    line: int = 0  # physical lines decoded so far
    dirty: bool = False  # a line of the current record could not be normalised whole (see _nfc_line)
    record_start: int = 0  # the physical line the record being read starts on
    table: SourceTable | None = None

    def decide(self, raw: bytes) -> None:
        """The first non-ASCII line settles the encoding of a file that started with ASCII only."""
        try:
            text = raw.decode("utf-8")
            self.codec = "utf-8"
        except UnicodeDecodeError:
            text = raw.decode("cp1258", "replace")
            self.codec = "cp1258"
        self.reported = self.codec
        if self.table is not None:
            self.table.encoding = self.codec
        refuse_legacy(text)

    def decode_error(self) -> InvalidValue:
        if self.codec == "utf-8" and self.explicit:
            return InvalidValue("encoding", "utf-8", "read.not_utf8", line=self.line)
        if self.codec == "utf-8":
            return InvalidValue("encoding", "utf-8", "read.mixed_encoding", line=self.line)
        return InvalidValue("encoding", self.codec, "read.decode_error", line=self.line)


def open_csv(stream: BinaryIO, name: str, encoding: str, cleanup: list[Callable[[], object]]) -> SourceTable:
    """Read the header row of a CSV file (``encoding`` is "auto", "utf-8" or "cp1258"); the rows follow."""
    if csv.field_size_limit() != MAX_FIELD:
        csv.field_size_limit(MAX_FIELD)  # process-wide
    first = read_up_to(stream, CHUNK)
    if first.startswith(ZIP_MAGIC):
        raise InvalidValue("file", name, "read.looks_like_xlsx")
    if first.startswith(OLE2_MAGIC):
        raise InvalidValue("file", name, "read.xls")
    if first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        state, lines = _unicode_text_lines(first, stream, name)
    else:
        state, lines = _byte_text_lines(first, stream, name, encoding)

    for first_line in lines:
        if first_line.strip():
            break
    else:
        raise InvalidValue("file", name, "read.empty")
    offset = state.line - 1  # physical lines before the one csv.reader starts with
    delimiter = _sniff_delimiter(first_line)
    guarded = _guard(itertools.chain((first_line,), lines), delimiter, state)
    reader = csv.reader(guarded, delimiter=delimiter, strict=True)
    headers = _header_row(reader, offset, state)
    if len(headers) > MAX_COLUMNS:
        raise InvalidValue("file", name, "read.too_many_columns")
    table = SourceTable(
        headers=[h for h in headers if h],
        text_columns=frozenset(),
        rows=_csv_rows(reader, offset, _Columns.of(headers), state),
        encoding=state.reported,
        delimiter=delimiter,
        plain=len(headers) == 1 and not any(sep in first_line for sep in ",;\t"),
        _cleanup=cleanup,
    )
    state.table = table
    return table


def _unicode_text_lines(head: bytes, stream: BinaryIO, name: str) -> tuple[_CsvState, Iterator[str]]:
    """Excel's "Unicode Text": UTF-16 with a BOM. NUL bytes are normal here; the text is checked instead."""
    state = _CsvState(name, "utf-16", "utf-16", explicit=True)
    text_stream = io.TextIOWrapper(io.BufferedReader(Replay(head, stream)), "utf-16", newline="")
    return state, _utf16_lines(text_stream, state)


def _byte_text_lines(
    head: bytes, stream: BinaryIO, name: str, encoding: str
) -> tuple[_CsvState, Iterator[str]]:
    """The lines of an 8-bit or UTF-8 file, ``head`` being its first bytes, each decoded on its own."""
    nul = head.find(b"\x00")
    if nul >= 0:
        raise InvalidValue("file", name, "read.binary", line=head.count(b"\n", 0, nul) + 1)
    state = _initial_state(head, name, encoding)
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8) :]
    if state.codec is not None:
        refuse_legacy(head.decode(state.codec, "replace"))
    source = io.BufferedReader(Replay(head, stream), CHUNK)
    if b"\n" not in head and b"\r" in head:
        byte_lines: Iterable[bytes] = _cr_lines(source)  # old Mac line ends
    else:
        byte_lines = iter(partial(source.readline, MAX_LINE), b"")
    return state, _decode_lines(byte_lines, state)


def _initial_state(head: bytes, name: str, encoding: str) -> _CsvState:
    """The encoding as far as the first bytes tell: a UTF-8 BOM wins, then the user's choice, then a guess
    (left open while everything so far is ASCII)."""
    if head.startswith(codecs.BOM_UTF8):
        return _CsvState(name, "utf-8", "utf-8-sig", explicit=False)
    if encoding != "auto":
        return _CsvState(name, encoding, encoding, explicit=True)
    if head.isascii():
        return _CsvState(name, None, "utf-8", explicit=False)
    codec = "utf-8" if _utf8_prefix(head) else "cp1258"
    if codec == "cp1258":
        # UTF-8 lines read as cp1258 look like TCVN3: name the mix before the legacy check guesses
        _refuse_mixed_head(head, name)
    return _CsvState(name, codec, codec, explicit=False)


def _header_row(reader: Any, offset: int, state: _CsvState) -> list[str]:
    """The first record with a cell that is not blank, cleaned (``reader`` is a ``csv.reader``)."""
    name = state.name
    while True:
        start = offset + reader.line_num + 1
        state.record_start = start
        if reader.line_num > MAX_ROWS:
            raise InvalidValue("file", name, "read.too_many_rows")
        try:
            cells: list[str] = next(reader)
        except StopIteration:
            raise InvalidValue("file", name, "read.empty") from None
        except csv.Error as error:
            raise _csv_error(error, name, start) from None
        if any(cell.strip() for cell in cells):
            break
    headers = [clean_header(cell) for cell in cells]
    if headers[0].startswith("ï»¿"):  # a UTF-8 BOM that went through a Windows-1258 conversion
        headers[0] = clean_header(headers[0][3:])
    return headers


def _refuse_mixed_head(head: bytes, name: str) -> None:
    """Refuse a start of file (not valid UTF-8 as a whole) whose non-ASCII lines are some UTF-8 and some
    not: a file pasted together from two encodings. The line named is the first that differs from the first
    non-ASCII line."""
    first_is_utf8: bool | None = None
    for number, line in enumerate(head.split(b"\n")[:-1], start=1):  # the last piece may be cut
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            is_utf8 = True
        except UnicodeDecodeError:
            is_utf8 = False
        if first_is_utf8 is None:
            first_is_utf8 = is_utf8
        elif is_utf8 != first_is_utf8:
            encoding = "utf-8" if first_is_utf8 else "cp1258"
            raise InvalidValue("encoding", encoding, "read.mixed_encoding", line=number)


def _utf8_prefix(data: bytes) -> bool:
    """Whether ``data`` is valid UTF-8, allowing a character cut at the end of the chunk."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _cr_lines(source: IO[bytes]) -> Iterator[bytes]:
    """Physical lines of a file whose lines end with a lone CR."""
    pending: list[bytes] = []
    size = 0
    while chunk := source.read(CHUNK):
        pieces = chunk.split(b"\r")
        for piece in pieces[:-1]:
            if pending:
                piece = b"".join([*pending, piece])
                pending, size = [], 0
            yield piece + b"\r"
        if pieces[-1]:
            pending.append(pieces[-1])
            size += len(pieces[-1])
            if size >= MAX_LINE:
                yield b"".join(pending)  # too long: the decoder refuses it
                return
    if pending:
        yield b"".join(pending)


def _decode_lines(byte_lines: Iterable[bytes], state: _CsvState) -> Iterator[str]:
    """Decode each physical line on its own, so that an error names its line."""
    name = state.name
    for raw in byte_lines:
        state.line += 1
        if len(raw) >= MAX_LINE and raw[-1:] not in (b"\n", b"\r"):
            raise InvalidValue("file", name, "read.line_too_long", line=state.line, limit=MAX_LINE >> 20)
        if b"\x00" in raw:
            raise InvalidValue("file", name, "read.binary", line=state.line)
        if raw.isascii():
            yield raw.decode("ascii")
            continue
        if state.codec is None:
            state.decide(raw)
        if state.codec == "cp1258" and not state.explicit:
            # A UTF-8 line in a file guessed to be Windows-1258 (real cp1258 Vietnamese is never valid
            # UTF-8): a pasted line in another encoding. Refuse rather than store mojibake.
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                raise InvalidValue("encoding", "cp1258", "read.mixed_encoding", line=state.line)
        try:
            text = raw.decode(cast(str, state.codec))
        except UnicodeDecodeError:
            raise state.decode_error() from None
        yield _nfc_line(text, state)


def _nfc_line(text: str, state: _CsvState) -> str:
    """NFC for a whole line before it is split into fields.

    This gives the same fields as normalising each field: the characters that shape a CSV record (, ; tab
    " CR LF) never compose with their neighbours and no other character turns into one, except U+037E GREEK
    QUESTION MARK, whose NFC is ";". Quotes are only removed next to a delimiter, a line end or another
    quote, because the reader is strict. A line holding U+037E is left as it is and its fields are
    normalised one by one instead. (``normalize`` hands an NFC line back after a quick check.)
    """
    if "\u037e" in text:
        state.dirty = True
        return text
    return unicodedata.normalize("NFC", text)


def _utf16_lines(reader: io.TextIOWrapper, state: _CsvState) -> Iterator[str]:
    try:
        for text in reader:
            state.line += 1
            if "\x00" in text:
                raise InvalidValue("file", state.name, "read.binary", line=state.line)
            if len(text) >= MAX_LINE:
                raise InvalidValue(
                    "file", state.name, "read.line_too_long", line=state.line, limit=MAX_LINE >> 20
                )
            yield text if text.isascii() else _nfc_line(text, state)
    except UnicodeDecodeError:
        # The wrapper decodes ahead, so the line is approximate (the next one not yet given out).
        raise InvalidValue("encoding", "utf-16", "read.decode_error", line=state.line + 1) from None


def _sniff_delimiter(line: str) -> str:
    """The most frequent of , ; and tab outside quotes in the header line (Excel in a Vietnamese locale
    writes ;). Ties and a single column give ","."""
    counts = {",": 0, ";": 0, "\t": 0}
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else ","


MAX_RECORD_LINES = 100_000
"""The most physical lines one record may span (its quoted cells' line breaks): more is a cell longer than
a cell may be (10,000 characters), or a quote that is never closed, found here rather than at the end of a
1 GB file."""


def _guard(lines: Iterator[str], delimiter: str, state: _CsvState) -> Iterator[str]:
    """The lines, none with more separators than a row could use: a line of millions of one-letter cells
    would otherwise be split into a list of millions of strings before any check could see it. (Four
    times Excel's columns leaves room for separators inside quoted cells.)"""
    limit = 4 * MAX_COLUMNS
    for line in lines:
        if line.count(delimiter) > limit:
            raise InvalidValue("file", state.name, "read.csv_too_many_separators", line=state.line)
        if state.line - state.record_start > MAX_RECORD_LINES:  # a quoted cell that never ends
            raise InvalidValue("file", state.name, "read.record_too_many_lines", line=state.record_start)
        yield line


def _csv_error(error: csv.Error, name: str, line: int) -> InvalidValue:
    message = str(error)
    if "field larger than field limit" in message:
        return InvalidValue("file", name, "read.field_too_long", line=line, limit=MAX_FIELD >> 20)
    if "unexpected end of data" in message:
        return InvalidValue("file", name, "read.unclosed_quote", line=line)
    if "expected after" in message:
        return InvalidValue("file", name, "read.bad_quote", line=line)
    if "new-line character" in message:
        return InvalidValue("file", name, "read.stray_cr", line=line)
    return InvalidValue("file", name, "read.bad_csv", line=line, detail=message)


@dataclass(frozen=True)
class _Columns:
    """Where the header row has cells: each record is cut or padded to ``width``, then the columns under an
    empty header cell (which must hold no data) are dropped."""

    width: int
    keep: list[int]  # the columns with a header
    empty: list[int]  # the columns without one
    trailing_only: bool  # the usual case: the empty header cells are all at the end

    @classmethod
    def of(cls, headers: list[str]) -> _Columns:
        keep = [i for i, header in enumerate(headers) if header]
        empty = [i for i, header in enumerate(headers) if not header]
        return cls(len(headers), keep, empty, trailing_only=keep == list(range(len(keep))))

    def fit(self, values: list[RawValue], name: str, line: int) -> list[RawValue]:
        """``values`` as long as the header row: extra cells must be blank, missing ones are None."""
        width = self.width
        count = len(values)
        if count > width:
            if any(isinstance(cell, str) and cell.strip() for cell in values[width:]):
                raise InvalidValue("file", name, "read.too_many_cells", line=line, count=count, headers=width)
            del values[width:]
        elif count < width:
            values.extend(itertools.repeat(None, width - count))
        return values

    def kept(self, values: list[RawValue], name: str, line: int) -> list[RawValue]:
        """``values`` (as long as the header row) without the columns under an empty header cell."""
        for i in self.empty:
            value = values[i]
            if isinstance(value, str) and value.strip():
                raise InvalidValue("file", name, "read.empty_header", line=line, column=i + 1)
        if self.trailing_only:
            del values[len(self.keep) :]
            return values
        return [values[i] for i in self.keep]


def _unescape(row: list[str], state: _CsvState) -> list[str]:
    """Take the quote off the cells that export neutralised against formula injection, counting them so
    that the import can say so."""
    restored = [restore(cell) if cell[:1] == "'" else cell for cell in row]
    if state.table is not None:
        state.table.unescaped += sum(a is not b for a, b in zip(row, restored, strict=True))
    return restored


def _csv_rows(
    reader: Any, offset: int, columns: _Columns, state: _CsvState
) -> Iterator[tuple[int, list[RawValue]]]:
    """The data rows: NFC where needed, padded with None, blank rows skipped, empty-header columns dropped.

    ``reader`` is a ``csv.reader`` (its type is private to typeshed). The usual row (NFC already, as wide as
    the header row, no escaped cell) takes none of the branches."""
    name = state.name
    normalize = partial(unicodedata.normalize, "NFC")
    width = columns.width
    fit, kept = columns.fit, (columns.kept if columns.empty else None)
    records = 0
    while True:
        start = offset + reader.line_num + 1
        state.record_start = start
        state.dirty = False
        records += 1
        if records > MAX_ROWS:  # blank records too: a flood of empty lines is refused, not read for ever
            raise InvalidValue("file", name, "read.too_many_rows")
        try:
            row: list[str] = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _csv_error(error, name, start) from None
        joined = "".join(row)
        if not joined.strip():
            continue  # a blank line, or a row of empty cells (Excel writes ",,,")
        if state.dirty:
            row = [normalize(cell) for cell in row]
        if "'" in joined:
            row = _unescape(row, state)
        values = cast("list[RawValue]", row)
        if len(values) != width:
            values = fit(values, name, start)
        if kept is not None:
            values = kept(values, name, start)
        yield start, values
