"""Read a table from a CSV, xlsx or JSON file: the first stage of ``dangvien import``.

This package only reads tables: it finds the header row and yields each data row as raw values with the line
number the user sees. It does not know what the columns mean; :mod:`dangvien_cli.exchange.columns` maps the
headers and parses the values.

Everything streams, so a 1,000,000-row file reads in flat memory:

* **CSV** is read line by line as bytes; each line is decoded on its own, so an undecodable line is reported
  by its number. ``encoding="auto"`` picks UTF-8 after a BOM, else UTF-8 if the first 64 KiB are valid UTF-8,
  else Windows-1258 (Excel's Vietnamese "CSV"). While every line so far is ASCII the choice waits for the
  first line that is not. A file that changes encoding part way is refused, not guessed. Excel's "Unicode
  Text" (UTF-16 with a BOM, tab separated) is read too. Files in the old TCVN3 (.VnTime) or VNI fonts'
  encodings are recognised and refused with the way to convert them.
* **xlsx**: the archive is checked before anything in it is parsed, and the sheet is streamed by our own
  parser within Excel's limits (:mod:`.archive`); openpyxl (imported only when an xlsx file is read) reads
  the list of sheets and the styles that say which cells are dates.
* A CSV cell that ``export`` neutralised against formula injection (``'=...``, see
  :mod:`dangvien_cli.text`) is read without its escape quote.
* **JSON** must be an array of objects (what ``export --format json`` writes). It is read in two streaming
  passes: the first collects the keys (the headers are their union, in first-seen order), the second yields
  the rows. Standard input and pipes are spooled to a temporary file first. For JSON, the "line" of a row is
  the position of its object in the array (1 = the first object).

All text is NFC-normalised. Problems are raised as :class:`~dangvien_cli.errors.InvalidValue` with a
``read.*`` message key; nothing else escapes, whatever the bytes.

**Bounds.** No file can make a reader exhaust memory or time: every format stops at Excel's own limits
(1,048,576 rows, 16,384 columns); a CSV line is at most 32 MiB, a field or a JSON object 16 million
characters, a record 100,000 physical lines; an xlsx part is bounded in size and inflation ratio before it
is parsed, a cell in length, empty elements in number. A FIFO that nobody writes into is waited on for
5 seconds, a device is refused, a pipe is copied to disk (at most 2 GiB) where a format needs two passes.
Past a bound the file is refused in one line, before it costs more. The hostile files of
``tests/hostile/bombs.py`` are refused in under 300 MiB and 10 s each (``tests/test_hostile_files.py``).

One module a format: :mod:`.delimited` (CSV and Excel's "Unicode Text"), :mod:`.workbook` (xlsx) and
:mod:`.json_array` (JSON); :mod:`.table` holds the :class:`SourceTable` they all return and what they share,
:mod:`.legacy` recognises the old Vietnamese 8-bit encodings.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from dangvien_cli.errors import InvalidValue
from dangvien_cli.exchange.readers.delimited import open_csv
from dangvien_cli.exchange.readers.json_array import open_json
from dangvien_cli.exchange.readers.table import RawValue, SourceTable
from dangvien_cli.exchange.readers.workbook import open_xlsx

__all__ = ["FORMATS", "RawValue", "SourceTable", "open_table"]

FORMATS = ("csv", "xlsx", "json")
_SUFFIXES = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".json": "json"}
_ENCODINGS = {
    "auto": "auto",
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "cp1258": "cp1258",
    "windows-1258": "cp1258",
}


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
    seekable = False
    if from_stdin:
        stream = stdin if stdin is not None else sys.stdin.buffer
    else:
        stream, seekable = _open_file(name)
        cleanup.append(stream.close)
    try:
        if fmt == "csv":
            return open_csv(stream, name, codec, cleanup)
        if fmt == "xlsx":
            return open_xlsx(stream, name, sheet, cleanup, seekable=seekable)
        return open_json(stream, name, cleanup, seekable=seekable)
    except BaseException:
        for close in reversed(cleanup):
            close()
        raise


FIFO_WAIT_S = 5.0
"""How long a named pipe (FIFO) is waited on for a program to write into it."""


def _open_file(name: str) -> tuple[BinaryIO, bool]:
    """The file opened for reading, and whether it can seek (a regular file can; a pipe, a FIFO or
    ``<(process substitution)`` cannot, and is copied to disk where a format needs two passes).

    A FIFO is opened without waiting for a writer, then waited on for :data:`FIFO_WAIT_S` at most: opening
    one that nobody writes into would otherwise block for ever. A device (``/dev/zero``, a terminal) is not
    a file to import."""
    import select
    import stat

    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise InvalidValue("file", name, "read.not_found") from None
    except IsADirectoryError:
        raise InvalidValue("file", name, "read.not_a_file") from None
    except OSError as error:
        raise InvalidValue("file", name, "read.os_error", detail=error.strerror or str(error)) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InvalidValue("file", name, "read.not_a_file")
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
            raise InvalidValue("file", name, "read.device")
        if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
            poller = select.poll()
            poller.register(fd, select.POLLIN | select.POLLHUP)
            if not poller.poll(int(FIFO_WAIT_S * 1000)):
                raise InvalidValue("file", name, "read.no_writer", seconds=int(FIFO_WAIT_S))
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb"), stat.S_ISREG(mode)


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
