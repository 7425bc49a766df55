"""The output formats, and writing a view in one of them to standard output or a file.

Each format is its own module, imported only when it is used (rich for tables, openpyxl for xlsx), so that
naming the formats costs a command's start-up nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from dangvien_cli.domain.vocab import Vocabulary
from dangvien_cli.render.model import View


class OutputFormat(Vocabulary):
    """What ``--format`` takes: a table for people, JSON or CSV for scripts, Markdown or a workbook."""

    table = "table", "Bảng", "Table", "bảng biểu"
    json = "json"
    csv = "csv"
    md = "md", "Markdown", "Markdown"
    xlsx = "xlsx", "Excel", "Excel"
    docx = "docx", "Word", "Word"


def write(view: View, fmt: OutputFormat, lang: str, path: Path | None = None) -> int:
    """Write ``view`` in ``fmt`` to ``path``, or to standard output; returns the number of rows written.

    xlsx and docx need a path. A CSV file in the import format starts with a byte-order mark, so that Excel
    opens it with the right letters."""
    if fmt is OutputFormat.xlsx:
        from dangvien_cli.render import xlsx

        assert path is not None, "xlsx is written to a file"
        return xlsx.write(view, path, lang)
    if fmt is OutputFormat.docx:
        from dangvien_cli.render import docx

        assert path is not None, "docx is written to a file"
        return docx.write(view, path, lang)
    if path is None:
        return _write_text(view, fmt, lang, sys.stdout)
    encoding = "utf-8-sig" if fmt is OutputFormat.csv and view.exchange else "utf-8"
    with path.open("w", encoding=encoding, newline="" if fmt is OutputFormat.csv else None) as handle:
        return _write_text(view, fmt, lang, handle)


def _write_text(view: View, fmt: OutputFormat, lang: str, out: TextIO) -> int:
    if fmt is OutputFormat.json:
        from dangvien_cli.render import json

        return json.write(view, out)
    if fmt is OutputFormat.csv:
        from dangvien_cli.render import csv

        return csv.write(view, out)
    if fmt is OutputFormat.md:
        from dangvien_cli.render import md

        return md.write(view, out, lang)
    from dangvien_cli.render import table

    return table.write(view, out, lang)
