"""Read a table from a CSV, xlsx or JSON file: the first stage of ``dangvien import``.

This module only reads tables: it finds the header row and yields each data row as raw values with the line
number the user sees. It does not know what the columns mean; :mod:`dangvien_cli.exchange.columns` maps the
headers and parses the values.

Everything streams, so a 1,000,000-row file reads in flat memory:

* **CSV** is read line by line as bytes; each line is decoded on its own, so an undecodable line is reported
  by its number. ``encoding="auto"`` picks UTF-8 after a BOM, else UTF-8 if the first 64 KiB are valid UTF-8,
  else Windows-1258 (Excel's Vietnamese "CSV"). While every line so far is ASCII the choice waits for the
  first line that is not. A file that changes encoding part way is refused, not guessed. Excel's "Unicode
  Text" (UTF-16 with a BOM, tab separated) is read too. Files in the old TCVN3 (.VnTime) or VNI fonts'
  encodings are recognised and refused with the way to convert them.
* **xlsx** goes through openpyxl in read-only mode (imported only when an xlsx file is read).
* A CSV cell that ``export`` neutralised against formula injection (``'=...``, see
  :mod:`dangvien_cli.exchange.safety`) is read without its escape quote.
* **JSON** must be an array of objects (what ``export --format json`` writes). It is read in two streaming
  passes: the first collects the keys (the headers are their union, in first-seen order), the second yields
  the rows. Standard input is spooled to a temporary file first. For JSON, the "line" of a row is the
  position of its object in the array (1 = the first object).

All text is NFC-normalised. Problems are raised as :class:`~dangvien_cli.errors.InvalidValue` with a
``read.*`` message key; nothing else escapes, whatever the bytes.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import itertools
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, BinaryIO, cast

from dangvien_cli.errors import InvalidValue
from dangvien_cli.text import restore

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

__all__ = ["FORMATS", "RawValue", "SourceTable", "open_table"]

RawValue = str | int | float | bool | datetime.date | datetime.datetime | None

FORMATS = ("csv", "xlsx", "json")
_SUFFIXES = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".json": "json"}
_ENCODINGS = {
    "auto": "auto",
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "cp1258": "cp1258",
    "windows-1258": "cp1258",
}

_CHUNK = 64 * 1024  # how much is read to decide the encoding and the line ends
_MAX_LINE = 64 * 1024 * 1024  # the longest physical line / field accepted (a 10 MB field is fine)
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and password-protected .xlsx
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass
class SourceTable:
    """A table being read: its headers, then its rows as they are read.

    ``headers`` are the header cells as in the file (NFC, stripped). Columns whose header cell is empty are
    left out, after checking they hold no data, so ``rows`` values stay aligned with ``headers``.
    ``text_columns`` (xlsx only) are the indexes of columns whose first data row is formatted as Text ("@").
    ``rows`` yields ``(line, values)``: the line number as the user sees it (CSV: the physical line where the
    record starts, the header being line 1 if the file starts with it; xlsx: the row number; JSON: the
    object's position in the array) and one value per header, ``None`` where the row is short.
    ``encoding`` (CSV only) is the encoding used; while an all-ASCII start leaves it open it says "utf-8"
    and is updated when the first non-ASCII line settles it. ``delimiter`` is CSV only.

    Close it (or use it as a context manager) to release the file.
    """

    headers: list[str]
    text_columns: frozenset[int]
    rows: Iterator[tuple[int, list[RawValue]]]
    encoding: str | None = None
    delimiter: str | None = None
    unescaped: int = 0  # CSV cells read so far whose anti-formula quote (see exchange.safety) was taken off
    _cleanup: list[Callable[[], object]] = field(default_factory=list, repr=False, compare=False)

    def close(self) -> None:
        """Stop reading and release the file (safe to call twice)."""
        close_rows = getattr(self.rows, "close", None)
        if close_rows is not None:
            close_rows()
        while self._cleanup:
            self._cleanup.pop()()

    def __enter__(self) -> SourceTable:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open_table(
    source: str | Path,
    *,
    input_format: str | None = None,
    encoding: str = "auto",
    sheet: str | None = None,
    stdin: BinaryIO | None = None,
) -> SourceTable:
    """Open ``source`` (a path, or ``"-"`` for ``stdin``) and read its header row.

    ``input_format`` ("csv", "xlsx" or "json") overrides the file suffix and is required for ``"-"``.
    ``encoding`` ("auto", "utf-8" or "cp1258") applies to CSV; a UTF-8 BOM always wins. ``sheet`` names
    the xlsx worksheet (default: the first). Raises :class:`InvalidValue` for anything it cannot read.
    """
    name = str(source)
    from_stdin = name == "-"
    if not from_stdin and not Path(name).exists():
        raise InvalidValue("file", name, "read.not_found")
    fmt = _resolve_format(name, input_format, from_stdin)
    codec = _ENCODINGS.get(encoding.strip().lower())
    if codec is None:
        raise InvalidValue("encoding", encoding, "read.unknown_encoding")

    stream: BinaryIO
    cleanup: list[Callable[[], object]] = []
    if from_stdin:
        stream = stdin if stdin is not None else sys.stdin.buffer
    else:
        try:
            stream = open(name, "rb")  # noqa: SIM115 - closed by SourceTable.close
        except FileNotFoundError:
            raise InvalidValue("file", name, "read.not_found") from None
        except IsADirectoryError:
            raise InvalidValue("file", name, "read.not_a_file") from None
        except OSError as error:
            raise InvalidValue("file", name, "read.os_error", detail=error.strerror or str(error)) from None
        cleanup.append(stream.close)
    try:
        if fmt == "csv":
            return _open_csv(stream, name, codec, cleanup)
        if fmt == "xlsx":
            return _open_xlsx(stream, name, sheet, cleanup, seekable=not from_stdin)
        return _open_json(stream, name, cleanup, seekable=not from_stdin)
    except BaseException:
        for close in reversed(cleanup):
            close()
        raise


def _resolve_format(name: str, input_format: str | None, from_stdin: bool) -> str:
    if input_format is not None:
        fmt = input_format.strip().lower().lstrip(".")
        if fmt not in FORMATS:
            raise InvalidValue("input_format", input_format, "read.unknown_format")
        return fmt
    if from_stdin:
        raise InvalidValue("input_format", "", "read.stdin_needs_format")
    suffix = Path(name).suffix.lower()
    if suffix == ".xls":
        raise InvalidValue("file", name, "read.xls")
    by_suffix = _SUFFIXES.get(suffix)
    if by_suffix is None:
        raise InvalidValue("file", name, "read.unknown_format")
    return by_suffix


# ---------------------------------------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------------------------------------

_HEADER_JUNK = "\ufeff\u200b\u200c\u200d\u2060"  # BOM remnants and zero-width characters


def _clean_header(value: object) -> str:
    """A header cell as text: NFC, without surrounding whitespace, BOMs or zero-width characters."""
    text = unicodedata.normalize("NFC", value if isinstance(value, str) else _header_text(value))
    while True:
        stripped = text.strip().strip(_HEADER_JUNK)
        if stripped == text:
            return text
        text = stripped


def _header_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def _is_blank(value: RawValue) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_up_to(stream: IO[bytes], size: int) -> bytes:
    """Read ``size`` bytes or up to the end: a pipe may return less per call."""
    parts: list[bytes] = []
    left = size
    while left > 0:
        data = stream.read(left)
        if not data:
            break
        parts.append(data)
        left -= len(data)
    return b"".join(parts)


def _spool(stream: IO[bytes], cleanup: list[Callable[[], object]]) -> BinaryIO:
    """Copy a stream that cannot seek (standard input) to a temporary file on disk."""
    import shutil
    import tempfile

    spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed by SourceTable.close
    cleanup.append(spool.close)
    shutil.copyfileobj(stream, spool, _CHUNK)
    spool.seek(0)
    return cast(BinaryIO, spool)


class _Replay(io.RawIOBase):
    """A raw stream that gives ``head`` back first, then the rest of ``tail``: lets us look at the start
    of standard input and still read it from the beginning."""

    def __init__(self, head: bytes, tail: IO[bytes]) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._tail = tail

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        with memoryview(buffer) as view, view.cast("B") as target:
            if len(self._head):
                n = min(len(target), len(self._head))
                target[:n] = self._head[:n]
                self._head = self._head[n:]
                return n
            data = self._tail.read(len(target))
            target[: len(data)] = data
            return len(data)


# ---------------------------------------------------------------------------------------------------------
# TCVN3 and VNI: the 8-bit encodings of the old .VnTime and VNI fonts
# ---------------------------------------------------------------------------------------------------------

# Runs of letters as they look once decoded as Windows-1258 (or Latin-1): ASCII letters, the Latin-1 and
# Latin Extended letters and symbols, combining marks, U+20AB (TCVN3's "ỵ" read as cp1258 is "₫").
_WORD = re.compile(r"[A-Za-z\u00a1-\u024f\u0300-\u036f\u1ea0-\u1ef9\u20ab]+")
# Precomposed Vietnamese letters with a tone: only real Unicode text has them (no 8-bit reading makes them).
_UNICODE_VIETNAMESE = re.compile(r"[\u1ea0-\u1ef9]")
# TCVN3 puts à á ả ã ạ, ă â ê ô ơ ư đ, ắ ằ ẳ ẵ and the capitals Ă Â Ê Ô Ơ Ư Đ at 0xA1-0xBF, which read as
# symbols (¡ ... ¿). VNI never uses that range.
_TCVN3_MARKS = frozenset(map(chr, range(0xA1, 0xC0)))
# VNI writes a base letter followed by a mark byte; these marks are no Vietnamese letter in any reading
# (ø = huyền, û = hỏi, ï = nặng, ö = ư, ñ = đ, ...).
_VNI_MARKS = frozenset("øûïåäëüöñæØÛÏÅÄËÜÖÑÆ")


def _legacy_encoding(text: str) -> str | None:
    """Return "TCVN3" or "VNI" if ``text`` looks like one of them read as an 8-bit encoding, else None.

    A word counts as a witness when it glues such a symbol to an ASCII letter ("V¨n", "Nguyeãn" read as
    cp1258 is "Nguyeăn" and "Hoï"). It fires only with two witnesses making up a fifth of the words that
    are not plain ASCII, and never when the text holds a precomposed toned Vietnamese letter (real Unicode).
    Real Vietnamese, composed or decomposed, in UTF-8 or Windows-1258, has neither kind of witness.
    """
    if _UNICODE_VIETNAMESE.search(text):
        return None
    marked = tcvn3 = vni = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        marked += 1
        if not any(ch.isascii() for ch in word):
            continue
        letters = set(word)
        if letters & _TCVN3_MARKS:
            tcvn3 += 1
        elif letters & _VNI_MARKS:
            vni += 1
    if tcvn3 >= 2 and tcvn3 * 5 >= marked:
        return "TCVN3"
    if vni >= 2 and vni * 5 >= marked:
        return "VNI"
    return None


def _refuse_legacy(text: str) -> None:
    legacy = _legacy_encoding(text)
    if legacy == "TCVN3":
        raise InvalidValue("encoding", "TCVN3", "read.tcvn3")
    if legacy == "VNI":
        raise InvalidValue("encoding", "VNI", "read.vni")


# ---------------------------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------------------------


@dataclass
class _CsvState:
    """What the line decoder knows; shared with the row reader."""

    name: str
    codec: str | None  # "utf-8", "cp1258", "utf-16", or None while every line so far was ASCII
    reported: str  # what SourceTable.encoding says
    explicit: bool  # the user named the encoding: no guessing, no mixed-encoding check
    line: int = 0  # physical lines decoded so far
    dirty: bool = False  # a line of the current record could not be normalised whole (see _nfc_line)
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
        _refuse_legacy(text)

    def decode_error(self) -> InvalidValue:
        if self.codec == "utf-8" and self.explicit:
            return InvalidValue("encoding", "utf-8", "read.not_utf8", line=self.line)
        if self.codec == "utf-8":
            return InvalidValue("encoding", "utf-8", "read.mixed_encoding", line=self.line)
        return InvalidValue("encoding", self.codec, "read.decode_error", line=self.line)


def _open_csv(stream: BinaryIO, name: str, encoding: str, cleanup: list[Callable[[], object]]) -> SourceTable:
    if csv.field_size_limit() < _MAX_LINE:
        csv.field_size_limit(_MAX_LINE)  # process-wide, only ever raised
    first = _read_up_to(stream, _CHUNK)
    if first.startswith(_ZIP_MAGIC):
        raise InvalidValue("file", name, "read.looks_like_xlsx")
    if first.startswith(_OLE2_MAGIC):
        raise InvalidValue("file", name, "read.xls")

    if first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode Text": UTF-16 with a BOM. NUL bytes are normal here; the text is checked instead.
        state = _CsvState(name, "utf-16", "utf-16", explicit=True)
        text_stream = io.TextIOWrapper(io.BufferedReader(_Replay(first, stream)), "utf-16", newline="")
        lines = _utf16_lines(text_stream, state)
    else:
        nul = first.find(b"\x00")
        if nul >= 0:
            raise InvalidValue("file", name, "read.binary", line=first.count(b"\n", 0, nul) + 1)
        if first.startswith(codecs.BOM_UTF8):
            first = first[len(codecs.BOM_UTF8) :]
            state = _CsvState(name, "utf-8", "utf-8-sig", explicit=False)
        elif encoding != "auto":
            state = _CsvState(name, encoding, encoding, explicit=True)
        elif first.isascii():
            state = _CsvState(name, None, "utf-8", explicit=False)
        else:
            codec = "utf-8" if _utf8_prefix(first) else "cp1258"
            if codec == "cp1258":
                # UTF-8 lines read as cp1258 look like TCVN3: name the mix before the legacy check guesses
                _refuse_mixed_head(first, name)
            state = _CsvState(name, codec, codec, explicit=False)
        if state.codec is not None:
            _refuse_legacy(first.decode(state.codec, "replace"))
        source = io.BufferedReader(_Replay(first, stream), _CHUNK)
        if b"\n" not in first and b"\r" in first:
            byte_lines: Iterable[bytes] = _cr_lines(source)  # old Mac line ends
        else:
            byte_lines = iter(partial(source.readline, _MAX_LINE), b"")
        lines = _decode_lines(byte_lines, state)

    for first_line in lines:
        if first_line.strip():
            break
    else:
        raise InvalidValue("file", name, "read.empty")
    offset = state.line - 1  # physical lines before the one csv.reader starts with
    delimiter = _sniff_delimiter(first_line)
    reader = csv.reader(itertools.chain((first_line,), lines), delimiter=delimiter, strict=True)

    while True:
        start = offset + reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            raise InvalidValue("file", name, "read.empty") from None
        except csv.Error as error:
            raise _csv_error(error, name, start) from None
        if any(cell.strip() for cell in cells):
            break
    headers = [_clean_header(cell) for cell in cells]
    if headers[0].startswith("ï»¿"):  # a UTF-8 BOM that went through a Windows-1258 conversion
        headers[0] = _clean_header(headers[0][3:])

    table = SourceTable(
        headers=[h for h in headers if h],
        text_columns=frozenset(),
        rows=_csv_rows(reader, offset, headers, state),
        encoding=state.reported,
        delimiter=delimiter,
        _cleanup=cleanup,
    )
    state.table = table
    return table


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
    while chunk := source.read(_CHUNK):
        pieces = chunk.split(b"\r")
        for piece in pieces[:-1]:
            if pending:
                piece = b"".join([*pending, piece])
                pending, size = [], 0
            yield piece + b"\r"
        if pieces[-1]:
            pending.append(pieces[-1])
            size += len(pieces[-1])
            if size >= _MAX_LINE:
                yield b"".join(pending)  # too long: the decoder refuses it
                return
    if pending:
        yield b"".join(pending)


def _decode_lines(byte_lines: Iterable[bytes], state: _CsvState) -> Iterator[str]:
    """Decode each physical line on its own, so that an error names its line."""
    name = state.name
    for raw in byte_lines:
        state.line += 1
        if len(raw) >= _MAX_LINE and raw[-1:] not in (b"\n", b"\r"):
            raise InvalidValue("file", name, "read.line_too_long", line=state.line, limit=_MAX_LINE >> 20)
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
            if len(text) >= _MAX_LINE:
                raise InvalidValue(
                    "file", state.name, "read.line_too_long", line=state.line, limit=_MAX_LINE >> 20
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


def _csv_error(error: csv.Error, name: str, line: int) -> InvalidValue:
    message = str(error)
    if "field larger than field limit" in message:
        return InvalidValue("file", name, "read.line_too_long", line=line, limit=_MAX_LINE >> 20)
    if "unexpected end of data" in message:
        return InvalidValue("file", name, "read.unclosed_quote", line=line)
    if "expected after" in message:
        return InvalidValue("file", name, "read.bad_quote", line=line)
    if "new-line character" in message:
        return InvalidValue("file", name, "read.stray_cr", line=line)
    return InvalidValue("file", name, "read.bad_csv", line=line, detail=message)


def _csv_rows(
    reader: Any, offset: int, headers: list[str], state: _CsvState
) -> Iterator[tuple[int, list[RawValue]]]:
    """The data rows: NFC where needed, padded with None, blank rows skipped, empty-header columns dropped.

    ``reader`` is a ``csv.reader`` (its type is private to typeshed)."""
    name = state.name
    normalize = partial(unicodedata.normalize, "NFC")
    width = len(headers)
    keep = [i for i, header in enumerate(headers) if header]
    empty = [i for i, header in enumerate(headers) if not header]
    trailing_only = keep == list(range(len(keep)))  # the usual case: only trailing empty header cells
    kept = len(keep)
    while True:
        start = offset + reader.line_num + 1
        state.dirty = False
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
        if "'" in joined:  # a cell that export neutralised against formula injection: take the quote off
            restored = [restore(cell) if cell[:1] == "'" else cell for cell in row]
            if state.table is not None:  # counted, so that the import can say so
                state.table.unescaped += sum(a is not b for a, b in zip(row, restored, strict=True))
            row = restored
        values = cast("list[RawValue]", row)
        count = len(values)
        if count > width:
            if any(cell.strip() for cell in row[width:]):
                raise InvalidValue(
                    "file", name, "read.too_many_cells", line=start, count=count, headers=width
                )
            del values[width:]
        elif count < width:
            values.extend(itertools.repeat(None, width - count))
        if empty:
            for i in empty:
                value = values[i]
                if isinstance(value, str) and value.strip():
                    raise InvalidValue("file", name, "read.empty_header", line=start, column=i + 1)
            if trailing_only:
                del values[kept:]
            else:
                values = [values[i] for i in keep]
        yield start, values


# ---------------------------------------------------------------------------------------------------------
# xlsx
# ---------------------------------------------------------------------------------------------------------


def _open_xlsx(
    stream: BinaryIO,
    name: str,
    sheet: str | None,
    cleanup: list[Callable[[], object]],
    *,
    seekable: bool,
) -> SourceTable:
    import warnings
    import zipfile
    import zlib

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    # What a damaged file makes zipfile, zlib, the XML parser or openpyxl raise (SyntaxError covers
    # xml.etree's ParseError and lxml's). InvalidValue is none of these, so it passes through.
    damaged: tuple[type[BaseException], ...] = (
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

    if not seekable:
        stream = _spool(stream, cleanup)
    magic = stream.read(8)
    stream.seek(0)
    if magic == _OLE2_MAGIC:
        raise InvalidValue("file", name, "read.xls")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it does not read
            workbook = load_workbook(stream, read_only=True, data_only=True, keep_links=False)
    except damaged as error:
        raise InvalidValue("file", name, "read.bad_xlsx", detail=repr(error)) from None
    cleanup.append(workbook.close)

    worksheets = workbook.worksheets
    if not worksheets:
        raise InvalidValue("file", name, "read.bad_xlsx", detail="no worksheet")
    worksheet = worksheets[0] if sheet is None else _pick_sheet(worksheets, sheet)
    # Some programs write a wrong <dimension>; openpyxl would then cut rows or columns, or pad every row to
    # 16,384 columns. Without dimensions each row is as long as its last cell and gaps come as empty rows.
    worksheet.reset_dimensions()

    header_row = 0
    header: list[RawValue] = []
    text_formatted: set[int] = set()
    cells_iter = worksheet.iter_rows()
    try:
        for number, cells in enumerate(cells_iter, start=1):
            values = [_xlsx_value(cell.value) for cell in cells]
            if all(_is_blank(v) for v in values):
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

    headers = [_clean_header(value) for value in header]
    keep = [i for i, h in enumerate(headers) if h]
    position = {column: pos for pos, column in enumerate(keep)}

    def rows() -> Iterator[tuple[int, list[RawValue]]]:
        width = len(headers)
        try:
            numbered = enumerate(
                worksheet.iter_rows(min_row=header_row + 1, values_only=True), start=header_row + 1
            )
            for number, raw in numbered:
                values = [_xlsx_value(v) for v in raw]
                if all(_is_blank(v) for v in values):
                    continue
                for i, value in enumerate(values):
                    if (i >= width or not headers[i]) and not _is_blank(value):
                        raise InvalidValue("file", name, "read.empty_header", line=number, column=i + 1)
                count = len(values)
                yield number, [values[i] if i < count else None for i in keep]
        except damaged as error:
            raise InvalidValue("file", name, "read.bad_xlsx", detail=repr(error)) from None

    return SourceTable(
        headers=[headers[i] for i in keep],
        text_columns=frozenset(position[i] for i in text_formatted if i in position),
        rows=rows(),
        _cleanup=cleanup,
    )


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


# ---------------------------------------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------------------------------------

_JSON_SPACE = re.compile(r"[ \t\n\r]*")
_JSON_DECODER = json.JSONDecoder()


class _JsonArray:
    """Stream the objects of a JSON array one by one with ``raw_decode`` over a sliding buffer."""

    def __init__(self, stream: IO[bytes], name: str) -> None:
        self._stream = stream
        self._name = name
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")("strict")
        self._buffer = ""
        self._pos = 0
        self._eof = False
        self._chunk = _CHUNK

    def _more(self) -> bool:
        if self._eof:
            return False
        data = self._stream.read(self._chunk)
        self._eof = not data
        try:
            text = self._decoder.decode(data, final=self._eof)
        except UnicodeDecodeError:
            raise InvalidValue("encoding", "utf-8", "read.json_not_utf8") from None
        self._buffer = self._buffer[self._pos :] + text
        self._pos = 0
        return True

    def _peek(self) -> str:
        """The next character that is not white space, or "" at the end."""
        while True:
            match = _JSON_SPACE.match(self._buffer, self._pos)
            self._pos = match.end() if match else self._pos
            if self._pos < len(self._buffer):
                return self._buffer[self._pos]
            if not self._more():
                return ""

    def _object(self, index: int) -> dict[str, Any]:
        while True:
            try:
                value, end = _JSON_DECODER.raw_decode(self._buffer, self._pos)
            except json.JSONDecodeError as error:
                # Cut off by the end of the buffer (not a real error yet): read more, in growing chunks so
                # that a long value is not re-parsed too often.
                cut = error.pos >= len(self._buffer) - 32 or error.msg.startswith("Unterminated string")
                if cut and not self._eof and len(self._buffer) - self._pos <= _MAX_LINE:
                    self._chunk = min(self._chunk * 2, 16 * _CHUNK)
                    self._more()
                    continue
                raise InvalidValue("file", self._name, "read.json_syntax", line=index) from None
            except (RecursionError, ValueError):  # absurdly deep nesting, an integer of over 4,300 digits
                raise InvalidValue("file", self._name, "read.json_syntax", line=index) from None
            self._pos = end
            self._chunk = _CHUNK
            return cast("dict[str, Any]", value)

    def objects(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """(position in the array, object) for each element; refuses anything but an array of objects."""
        char = self._peek()
        if not char:
            raise InvalidValue("file", self._name, "read.empty")
        if char != "[":
            raise InvalidValue("file", self._name, "read.bad_json")
        self._pos += 1
        char = self._peek()
        index = 0
        if char != "]":
            while True:
                index += 1
                if char != "{":
                    key = "read.bad_json" if char and char not in ",]" else "read.json_syntax"
                    raise InvalidValue("file", self._name, key, line=index)
                yield index, self._object(index)
                char = self._peek()
                if char == ",":
                    self._pos += 1
                    char = self._peek()
                elif char == "]":
                    break
                else:
                    raise InvalidValue("file", self._name, "read.json_syntax", line=index)
        self._pos += 1
        if self._peek():
            raise InvalidValue("file", self._name, "read.json_syntax", line=index + 1)


def _open_json(
    stream: BinaryIO, name: str, cleanup: list[Callable[[], object]], *, seekable: bool
) -> SourceTable:
    if not seekable:
        stream = _spool(stream, cleanup)
    start = stream.tell()

    # Pass 1: the headers are the union of the keys, in first-seen order.
    columns: dict[str, int] = {}  # cleaned key -> position among all keys (the empty key included)
    column_of: dict[str, int] = {}  # key as written -> position
    for _index, obj in _JsonArray(stream, name).objects():
        for key in obj:
            if key not in column_of:
                column_of[key] = columns.setdefault(_clean_header(key), len(columns))
    all_headers = list(columns)
    keep = [i for i, h in enumerate(all_headers) if h]
    slot = {column: pos for pos, column in enumerate(keep)}  # position -> index in the row
    empty_column = columns.get("")

    def rows() -> Iterator[tuple[int, list[RawValue]]]:
        stream.seek(start)
        width = len(keep)
        for index, obj in _JsonArray(stream, name).objects():
            values: list[RawValue] = [None] * width
            for key, value in obj.items():
                if isinstance(value, list | dict):
                    raise InvalidValue("file", name, "read.nested_value", line=index, name=key)
                if isinstance(value, str):
                    value = unicodedata.normalize("NFC", value)
                column = column_of.get(key)
                if column is None:
                    raise InvalidValue("file", name, "read.changed")
                if column == empty_column:
                    if not _is_blank(value):
                        raise InvalidValue("file", name, "read.empty_header", line=index, column=column + 1)
                    continue
                values[slot[column]] = value
            if all(_is_blank(v) for v in values):
                continue
            yield index, values

    return SourceTable(
        headers=[all_headers[i] for i in keep],
        text_columns=frozenset(),
        rows=rows(),
        _cleanup=cleanup,
    )
