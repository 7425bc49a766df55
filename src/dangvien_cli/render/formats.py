"""The output formats, and writing a view in one of them to standard output or a file.

Each format is its own module, imported only when it is used (rich for tables, openpyxl for xlsx), so that
naming the formats costs a command's start-up nothing.

A file is written whole or not at all, readable by its owner only, never through a symbolic link
(:func:`dangvien_cli.files.atomic_path`). What reaches a terminal cannot drive it: tables and Markdown show
every value through :func:`dangvien_cli.text.visible`, CSV does when standard output is a terminal, and JSON
escapes the control characters it would otherwise leave raw (JSON itself escapes only those below U+0020).
"""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import TextIO, cast

from dangvien_cli.domain.vocab import Vocabulary
from dangvien_cli.errors import DangvienError, InvalidValue
from dangvien_cli.render.model import Section, Title, View
from dangvien_cli.text import visible_values


class OutputFormat(Vocabulary):
    """What ``--format`` takes: a table for people, JSON or CSV for scripts, Markdown or a workbook."""

    table = "table", "Bảng", "Table", "bảng biểu"
    json = "json"
    csv = "csv"
    md = "md", "Markdown", "Markdown"
    xlsx = "xlsx", "Excel", "Excel"
    docx = "docx", "Word", "Word"


def write(view: View, fmt: OutputFormat, lang: str, path: Path | None = None, *, force: bool = False) -> int:
    """Write ``view`` in ``fmt`` to ``path``, or to standard output; returns the number of rows written.

    xlsx and docx need a path. A CSV file in the import format starts with a byte-order mark, so that Excel
    opens it with the right letters. ``force`` replaces an existing file (never a link, see
    :mod:`dangvien_cli.files`).
    """
    if path is None:
        assert fmt not in (OutputFormat.xlsx, OutputFormat.docx), "xlsx and docx are written to a file"
        try:
            return _write_text(view, fmt, lang, sys.stdout, terminal=sys.stdout.isatty())
        except BrokenPipeError:
            raise  # the reader went away (| head): the CLI ends quietly
        except OSError as error:  # standard output on a full disk, or on /dev/full
            raise stdout_failed(error) from None
    from dangvien_cli.files import atomic_path

    with atomic_path(path, force=force) as temp:
        if fmt is OutputFormat.xlsx:
            return _write_xlsx(view, lang, temp, path)
        if fmt is OutputFormat.docx:
            from dangvien_cli.render import docx

            return docx.write(view, temp, lang)
        encoding = "utf-8-sig" if fmt is OutputFormat.csv and view.exchange else "utf-8"
        newline = "" if fmt is OutputFormat.csv else None
        with temp.open("w", encoding=encoding, newline=newline) as handle:
            return _write_text(view, fmt, lang, handle, terminal=False)


def stdout_failed(error: OSError) -> DangvienError:
    """Standard output could not be written (a full disk): said in one line, with the system's reason."""
    from dangvien_cli.files import os_reason

    return DangvienError("output.stdout_failed", **os_reason(error))


def _write_xlsx(view: View, lang: str, temp: Path, path: Path) -> int:
    """The workbook is made in memory, then written to ``temp`` in one go: openpyxl leaves its archive open
    when a write fails half-way (a full disk), and the archive then fails again, noisily, when it is
    collected; a write of our own fails once, cleanly."""
    import io

    from dangvien_cli.render import xlsx

    buffer = io.BytesIO()
    try:
        count = xlsx.write(view, cast(Path, buffer), lang)
    except InvalidValue as error:
        if error.value != str(buffer):
            raise
        params = {k: v for k, v in error.params.items() if k not in ("field", "value")}
        raise InvalidValue(error.field, str(path), error.key, **params) from None  # the file asked for
    temp.write_bytes(buffer.getbuffer())
    return count


def _write_text(view: View, fmt: OutputFormat, lang: str, out: TextIO, *, terminal: bool) -> int:
    if fmt is OutputFormat.json:
        from dangvien_cli.render import json

        return json.write(view, cast(TextIO, _JsonEscapes(out)))
    if fmt is OutputFormat.csv:
        from dangvien_cli.render import csv

        return csv.write(visible_view(view) if terminal else view, out)
    if fmt is OutputFormat.md:
        from dangvien_cli.render import md

        return md.write(visible_view(view), out, lang)
    from dangvien_cli.render import table

    return table.write(visible_view(view), out, lang)


def _visible_title(title: Title | None) -> Title | None:
    if title is None:
        return None
    text = visible_values(title.text) if title.text is not None else None
    return replace(title, text=text, params=visible_values(dict(title.params)))


def visible_view(view: View) -> View:
    """``view`` with every text a person reads (values, titles, section titles) made visible: control
    characters written as escapes (see :func:`dangvien_cli.text.visible`)."""

    def section(part: Section) -> Section:
        title = _visible_title(part.title)
        assert title is not None
        return replace(part, title=title, rows=visible_values(list(part.rows)))

    return replace(
        view,
        title=_visible_title(view.title),
        rows=(visible_values(row) for row in view.rows),
        totals=visible_values(dict(view.totals)),
        sections=[section(part) for part in view.sections],
        data=visible_values(view.data),
    )


# The characters JSON leaves raw that a terminal may obey (DEL, the C1 controls, the bidirectional
# overrides), and the lone surrogates no encoder can write: \uXXXX escapes, as JSON allows in a string
# (the only place they can occur).
_JSON_ESCAPES = {
    code: f"\\u{code:04x}"
    for code in (*range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A), *range(0xD800, 0xE000))
}


_NEEDS_ESCAPE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""Any character of :data:`_JSON_ESCAPES`: a text without one is written as it is (translating a long text
looks up every character)."""


class _JsonEscapes:
    """A text stream that writes JSON with :data:`_JSON_ESCAPES` escaped."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def write(self, text: str) -> int:
        if _NEEDS_ESCAPE.search(text):
            text = text.translate(_JSON_ESCAPES)
        return self._out.write(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self._out, name)
