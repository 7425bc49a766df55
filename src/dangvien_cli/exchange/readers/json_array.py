"""JSON: an array of objects, read in two streaming passes (the keys, then the rows)."""

from __future__ import annotations

import codecs
import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import IO, Any, BinaryIO, cast

from dangvien_cli.errors import InvalidValue
from dangvien_cli.exchange.readers.table import (
    CHUNK,
    MAX_COLUMNS,
    MAX_FIELD,
    MAX_ROWS,
    RawValue,
    Replay,
    SourceTable,
    clean_header,
    is_blank,
    read_up_to,
    spool,
)
from dangvien_cli.text import shown

_JSON_SPACE = re.compile(r"[ \t\n\r]*")


class _DuplicateKey(Exception):
    """An object names a key twice (the position in the array is added where it is caught)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class _TooManyKeys(Exception):
    """An object has more keys than a table has columns."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object from its key/value pairs, refusing a key given twice (JSON would keep the last value
    without a word) and more keys than a table has columns."""
    if len(pairs) > MAX_COLUMNS:
        raise _TooManyKeys
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return obj


_JSON_DECODER = json.JSONDecoder(object_pairs_hook=_pairs)


class _JsonArray:
    """Stream the objects of a JSON array one by one with ``raw_decode`` over a sliding buffer."""

    def __init__(self, stream: IO[bytes], name: str) -> None:
        self._stream = stream
        self._name = name
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")("strict")
        self._buffer = ""
        self._pos = 0
        self._eof = False
        self._chunk = CHUNK

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

    def _grow(self, index: int) -> None:
        """Read more of an object the buffer cut off, twice as much each time (each try parses it again
        from its start), within :data:`MAX_FIELD` characters and a table's columns."""
        size = len(self._buffer) - self._pos
        if size > MAX_FIELD:
            limit = MAX_FIELD >> 20
            raise InvalidValue("file", self._name, "read.json_object_too_long", line=index, limit=limit)
        # the object runs to the end of the buffer: its keys (and a few '":' in its texts) are counted
        # before a parse builds them all
        if self._buffer.count('":', self._pos) > 4 * MAX_COLUMNS:
            raise InvalidValue("file", self._name, "read.too_many_columns")
        self._chunk = min(max(self._chunk, size), MAX_FIELD)
        self._more()

    def _object(self, index: int) -> dict[str, Any]:
        while True:
            try:
                value, end = _JSON_DECODER.raw_decode(self._buffer, self._pos)
            except json.JSONDecodeError as error:
                # Cut off by the end of the buffer (not a real error yet): read more, in growing chunks so
                # that a long value is not re-parsed too often.
                cut = error.pos >= len(self._buffer) - 32 or error.msg.startswith("Unterminated string")
                if cut and not self._eof:
                    self._grow(index)
                    continue
                raise InvalidValue("file", self._name, "read.json_syntax", line=index) from None
            except _DuplicateKey as duplicate:
                name = shown(duplicate.key, 100)
                raise InvalidValue(
                    "file", self._name, "read.json_duplicate_key", line=index, name=name
                ) from None
            except _TooManyKeys:
                raise InvalidValue("file", self._name, "read.too_many_columns") from None
            except (RecursionError, ValueError):  # absurdly deep nesting, an integer of over 4,300 digits
                raise InvalidValue("file", self._name, "read.json_syntax", line=index) from None
            self._pos = end
            self._chunk = CHUNK
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
                if index > MAX_ROWS:
                    raise InvalidValue("file", self._name, "read.too_many_rows")
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


def open_json(
    stream: BinaryIO, name: str, cleanup: list[Callable[[], object]], *, seekable: bool
) -> SourceTable:
    """Read the keys of every object (the headers); the rows follow in a second pass over the file."""
    if not seekable:  # two passes: copied to disk first, once its start shows it may be JSON at all
        head = read_up_to(stream, CHUNK)
        if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"[") and head.strip():
            raise InvalidValue("file", name, "read.bad_json")
        stream = spool(io.BufferedReader(Replay(head, stream)), name, cleanup)
    start = stream.tell()
    columns = _Columns.of(stream, name)
    return SourceTable(
        headers=columns.headers,
        text_columns=frozenset(),
        rows=_json_rows(stream, start, name, columns),
        _cleanup=cleanup,
    )


class _Columns:
    """The headers of a JSON array: the union of its objects' keys (cleaned), in first-seen order."""

    def __init__(self, column_of: dict[str, int], cleaned: list[str]) -> None:
        self._column_of = column_of  # key as written -> position among all cleaned keys
        keep = [i for i, h in enumerate(cleaned) if h]
        self.headers = [cleaned[i] for i in keep]
        self._slot = {column: pos for pos, column in enumerate(keep)}  # position -> index in the row
        self._empty = cleaned.index("") if "" in cleaned else None  # the column of a blank key

    @classmethod
    def of(cls, stream: IO[bytes], name: str) -> _Columns:
        """Pass 1: read every object's keys."""
        positions: dict[str, int] = {}  # cleaned key -> position (the empty key included)
        column_of: dict[str, int] = {}
        for _index, obj in _JsonArray(stream, name).objects():
            for key in obj:
                if key not in column_of:
                    column_of[key] = positions.setdefault(clean_header(key), len(positions))
                    if len(column_of) > MAX_COLUMNS:
                        raise InvalidValue("file", name, "read.too_many_columns")
        return cls(column_of, list(positions))

    def row(self, obj: dict[str, Any], name: str, index: int) -> list[RawValue]:
        """One object as a row of values in the headers' order, None for a missing key."""
        values: list[RawValue] = [None] * len(self.headers)
        for key, value in obj.items():
            if isinstance(value, list | dict):
                raise InvalidValue("file", name, "read.nested_value", line=index, name=key)
            if isinstance(value, str):
                value = unicodedata.normalize("NFC", value)
            column = self._column_of.get(key)
            if column is None:
                raise InvalidValue("file", name, "read.changed")
            if column == self._empty:
                if not is_blank(value):
                    raise InvalidValue("file", name, "read.empty_header", line=index, column=column + 1)
                continue
            values[self._slot[column]] = value
        return values


def _json_rows(
    stream: IO[bytes], start: int, name: str, columns: _Columns
) -> Iterator[tuple[int, list[RawValue]]]:
    """Pass 2: the objects as rows, from ``start`` again; objects with only blank values are skipped."""
    stream.seek(start)
    for index, obj in _JsonArray(stream, name).objects():
        values = columns.row(obj, name, index)
        if all(is_blank(v) for v in values):
            continue
        yield index, values
