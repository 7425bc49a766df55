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

RawValue = str | int | float | bool | datetime.date | datetime.datetime | None

CHUNK = 64 * 1024  # how much is read to decide the encoding and the line ends
MAX_LINE = 64 * 1024 * 1024  # the longest physical line / field accepted (a 10 MB field is fine)
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


def spool(stream: IO[bytes], cleanup: list[Callable[[], object]]) -> BinaryIO:
    """Copy a stream that cannot seek (standard input) to a temporary file on disk."""
    import shutil
    import tempfile

    spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed by SourceTable.close
    cleanup.append(spool.close)
    shutil.copyfileobj(stream, spool, CHUNK)
    spool.seek(0)
    return cast(BinaryIO, spool)


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
