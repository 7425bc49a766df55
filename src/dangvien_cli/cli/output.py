"""Where every command's output goes: a view (:mod:`dangvien_cli.render.model`) in the chosen format, to
standard output or to ``-o FILE``; and the notices for people, on standard error.

JSON and CSV go to stdout unstyled, with English keys and ISO dates; tables translate codes and headers into
the chosen language. A file is written whole or not at all, readable by its owner only, and never through a
symbolic link (:mod:`dangvien_cli.files`); one that exists is not replaced without ``--force``; xlsx needs a
file. Every file written is named on stderr, with its rows.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from dangvien_cli.errors import InvalidValue
from dangvien_cli.render.formats import OutputFormat
from dangvien_cli.render.model import View
from dangvien_cli.text import visible

MESSAGE_LIMIT = 2_000
"""The most characters one notice or error shows: a list of a million column names is cut, not printed."""


def check_target(fmt: OutputFormat, output: Path | None, force: bool, field: str = "output") -> None:
    """Refuse, before anything is computed or written, a file that cannot be written as asked (a link, a
    folder, a missing folder, an existing file without ``--force``) and an xlsx without a file."""
    from dangvien_cli.files import check_destination

    if output is not None:
        check_destination(output, force=force, field=field)
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
    """Print ``view`` in ``fmt``, or write it to ``output`` (and say so); returns the number of rows written.

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
        count = write(shown, fmt, lang, output, force=force)
    finally:
        view.close()
    if output is not None:
        from dangvien_cli.messages import nt, t
        from dangvien_cli.render.model import Shape

        if view.shape in (Shape.list, Shape.report):
            notice(nt("export.written", count, lang, rows=count, path=str(output)))
        else:  # a record or a paper: its parts are not rows
            notice(t("output.written", lang, path=str(output)))
    return count


def notice(message: str) -> None:
    """A confirmation or progress line for people: on stderr, so stdout stays clean for scripts. What it
    quotes is made visible (no control character reaches the terminal) and cut to :data:`MESSAGE_LIMIT`."""
    sys.stderr.write(one_line(message) + "\n")


def one_line(message: str) -> str:
    """``message`` as one line a terminal shows as it is: control characters (line breaks included) made
    visible, at most :data:`MESSAGE_LIMIT` characters."""
    if len(message) > MESSAGE_LIMIT:
        message = f"{message[:MESSAGE_LIMIT]}… ({len(message):,})"
    return visible(message)
