"""CSV: one header line of English keys, then the values as stored (codes, ISO dates), for scripts and for
spreadsheets. The only CSV writer of the package.

Text that a spreadsheet would run as a formula is neutralised (``text.neutralise``); lists and objects are
written as JSON. Lists write ``true``/``false``, as the importer reads them; reports and the monthly paper
have written Python's ``True``/``False`` from the start, and scripts read them so.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from dangvien_cli.render.cells import flat
from dangvien_cli.render.model import Row, Shape, View, peek
from dangvien_cli.text import neutralise


def write(view: View, out: TextIO) -> int:
    """Write ``view`` as CSV to ``out``; returns the number of rows written."""
    writer = csv.writer(out, lineterminator="\n")
    if view.shape is Shape.paper:
        return _long(writer, view.data or {})
    if view.shape is Shape.report:
        keys = [c.key for c in view.columns]
        total = view.total_row()
        rows: Iterable[Row] = list(view.rows) + ([total] if total is not None else [])
        return _rows(writer, keys, rows, python_bools=True)
    first, rows = peek(view.rows)
    keys = list(first) if first is not None else [c.key for c in view.columns]
    return _rows(writer, keys, rows, python_bools=False)


def _value(value: Any, *, python_bools: bool) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool) and not python_bools:
        return "true" if value else "false"
    return neutralise(flat(value))


def _rows(writer: Any, keys: list[str], rows: Iterable[Row], *, python_bools: bool) -> int:
    writer.writerow(keys)
    count = 0
    for row in rows:
        writer.writerow([_value(row.get(key), python_bools=python_bools) for key in keys])
        count += 1
    return count


def _long(writer: Any, data: Mapping[str, Any]) -> int:
    """A paper as one long table, ``section,row,field,value``: every figure and every list, losslessly."""
    writer.writerow(["section", "row", "field", "value"])
    count = 0
    for key, value in data.items():
        if isinstance(value, list):
            for index, item in enumerate(value):
                pairs = item.items() if isinstance(item, Mapping) else [("value", item)]
                for field, cell in pairs:
                    writer.writerow([key, index, field, "" if cell is None else neutralise(cell)])
                    count += 1
        elif isinstance(value, Mapping):
            for field, cell in value.items():
                writer.writerow([key, "", field, _value(cell, python_bools=True)])
                count += 1
        else:
            writer.writerow(["summary", "", key, _value(value, python_bools=True)])
            count += 1
    return count
