"""JSON: the view's data with English keys, ISO dates and codes, for scripts (see ``Shape`` for its form).

A list in the import format streams one object a line, so that a million rows never sit in memory at once;
everything else is indented for reading."""

from __future__ import annotations

import json
from collections.abc import Iterable
from itertools import islice
from typing import TextIO

from dangvien_cli.render.model import Row, Shape, View


def write(view: View, out: TextIO) -> int:
    """Write ``view`` as JSON to ``out``; returns the number of rows (of a list) written."""
    if view.shape is Shape.list and view.data is None:
        if view.exchange:
            return _stream(view.rows, out)
        rows = list(view.rows)
        _dump(rows, out)
        return len(rows)
    _dump(view.json(), out)
    return 1


WRITE_CHUNKS = 16_384
"""The encoder's pieces joined into one write: ``json.dump`` writes each piece (a key, a comma, an indent),
a million writes for a report of ten thousand rows, each a system call when the output is unbuffered."""


def _dump(payload: object, out: TextIO) -> None:
    """``json.dump(payload, out, ensure_ascii=False, indent=2)`` and a new line, the same text in fewer
    writes (a bounded number of pieces at a time, so that a long list is not held as one string)."""
    pieces = json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(payload)
    while batch := list(islice(pieces, WRITE_CHUNKS)):
        out.write("".join(batch))
    out.write("\n")


def _stream(rows: Iterable[Row], out: TextIO) -> int:
    """A JSON array, one object a line, written as it streams."""
    count = 0
    out.write("[")
    for row in rows:
        out.write(",\n" if count else "\n")
        out.write(json.dumps(row, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count
