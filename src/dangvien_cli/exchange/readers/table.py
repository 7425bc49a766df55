"""The table every reader returns, and what the readers share: header cells, blank cells, stream helpers."""

from __future__ import annotations

import datetime
import io
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, BinaryIO, cast

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer


@dataclass(frozen=True)
class RefusedCell:
    """A cell the reader could read but not accept, such as an Excel date serial that names no day (60 is
    Excel's phantom 29/02/1900): every column's parser refuses it with ``key``, on its own row and column,
    like any other bad cell. ``text`` is how the cell is quoted in the message."""

    text: str
    key: str

    def __str__(self) -> str:
        return self.text


RawValue = str | int | float | bool | datetime.date | datetime.datetime | RefusedCell | None

CHUNK = 64 * 1024  # how much is read to decide the encoding and the line ends
MAX_LINE = 32 * 1024 * 1024  # the longest physical line accepted, in bytes (a 10 MB field is fine)
MAX_FIELD = 16 * 1024 * 1024  # the longest CSV field or JSON object, in characters

# What any table may hold: Excel's own limits. A file past them was not made by a spreadsheet, and reading
# it would only cost memory and time; it is refused at the first row or column past them.
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
MAX_CELL = 32_767  # characters in one cell
MAX_SPOOL = 2 * 1024 * 1024 * 1024  # what standard input or a pipe may hold (it is copied to disk first)
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and password-protected .xlsx
ZIP_MAGIC = b"PK\x03\x04"


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
    unescaped: int = 0  # CSV cells read so far whose anti-formula quote (see dangvien_cli.text) was taken off
    # CSV only: the header is one line of text without any separator, so the file may be no table at all
    # (a password file named .csv): what it holds must not be echoed back in a message
    plain: bool = False
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


_HEADER_JUNK = "\ufeff\u200b\u200c\u200d\u2060"  # BOM remnants and zero-width characters


def clean_header(value: object) -> str:
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


def is_blank(value: RawValue) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_up_to(stream: IO[bytes], size: int) -> bytes:
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


def spool(stream: IO[bytes], name: str, cleanup: list[Callable[[], object]]) -> BinaryIO:
    """Copy a stream that cannot seek (standard input, a pipe) to a temporary file on disk, at most
    :data:`MAX_SPOOL` bytes. A full disk is named as such: it is not the file's fault."""
    import tempfile

    from dangvien_cli.errors import InvalidValue

    spooled = tempfile.TemporaryFile()  # noqa: SIM115 - closed by SourceTable.close
    cleanup.append(spooled.close)
    size = 0
    try:
        while data := stream.read(CHUNK):
            size += len(data)
            if size > MAX_SPOOL:
                raise InvalidValue("file", name, "read.spool_too_big", limit=MAX_SPOOL >> 30)
            spooled.write(data)
        spooled.flush()
    except OSError as error:
        folder = tempfile.gettempdir()
        raise InvalidValue("file", name, "read.spool_failed", folder=folder, detail=error.strerror) from None
    spooled.seek(0)
    return cast(BinaryIO, spooled)


def excel_date(serial: float, *, mac: bool = False) -> datetime.datetime | RefusedCell:
    """The day (and time) an Excel date serial stands for, in the workbook's date system.

    Excel's 1900 system counts 1 as 01/01/1900 and, copying Lotus 1-2-3, takes 1900 for a leap year: 60 is
    a 29/02/1900 that never was, and from 61 (01/03/1900) on every serial is one more than the days since
    31/12/1899. So serials 1 to 59 are days since 31/12/1899, 60 is refused, and the rest count from
    30/12/1899. The 1904 system (old Mac workbooks, ``mac``) counts 0 as 01/01/1904, with no phantom day.
    Before the first day, or after 31/12/9999, there is no date."""
    text = f"{serial:.15g}"
    last = 2_957_003 if mac else 2_958_465
    if serial != serial or not (0 if mac else 1) <= serial < last + 1:  # NaN, or outside the calendar
        return RefusedCell(text, "date.serial")
    if not mac and 60 <= serial < 61:
        return RefusedCell(text, "date.excel_phantom")
    # 1 is 01/01/1900: days since 31/12/1899 before the phantom day, since 30/12/1899 after it
    base = datetime.datetime(1904, 1, 1) if mac else datetime.datetime(1899, 12, 31 if serial < 60 else 30)
    days = int(serial)
    milliseconds = round((serial - days) * 86_400_000)
    return base + datetime.timedelta(days=days, milliseconds=milliseconds)


class Replay(io.RawIOBase):
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
