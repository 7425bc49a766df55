"""Where every command's output goes: a view (:mod:`dangvien_cli.render.model`) in the chosen format, to
standard output or to ``-o FILE``; and the notices for people, on standard error.

JSON and CSV go to stdout unstyled, with English keys and ISO dates; tables translate codes and headers into
the chosen language. A file that exists is not overwritten without ``--force``, and xlsx needs a file.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from dangvien_cli.errors import InvalidValue
from dangvien_cli.render.formats import OutputFormat
from dangvien_cli.render.model import View


def check_target(fmt: OutputFormat, output: Path | None, force: bool) -> None:
    """Refuse, before anything is computed or written, a file that exists (without ``--force``) and an
    xlsx without a file."""
    if output is not None and output.exists() and not force:
        raise InvalidValue("output", str(output), "export.exists")
    if fmt is OutputFormat.xlsx and output is None:
        raise InvalidValue("format", fmt.value, "export.xlsx_needs_file")
    if fmt is OutputFormat.docx and output is None:
        raise InvalidValue("format", fmt.value, "export.docx_needs_file")


def emit(
    view: View,
    fmt: OutputFormat,
    lang: str,
    *,
    output: Path | None = None,
    force: bool = False,
    redact: bool = False,
    wide: bool = False,
    template: Path | None = None,
) -> int:
    """Print ``view`` in ``fmt``, or write it to ``output``; returns the number of rows written.

    ``redact`` masks citizen IDs and birth days (``--redact``); ``wide`` keeps a table's every column at full
    width (``--wide``); ``template`` is an officer's own Word template for docx (``--template``). The view's
    rows are closed when writing stops, even half-way (a refused value), so that a query streaming them does
    not stay open."""
    from dangvien_cli.render.formats import write

    check_target(fmt, output, force)
    shown = view.redacted() if redact else view
    if wide or template is not None:
        shown = replace(shown, wide=wide, template=template)
    try:
        return write(shown, fmt, lang, output)
    finally:
        view.close()


def notice(message: str) -> None:
    """A confirmation or progress line for people: on stderr, so stdout stays clean for scripts."""
    sys.stderr.write(message + "\n")
