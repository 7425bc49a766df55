"""The output options every list and report shares: ``--format``, ``-o/--output``, ``--force``, ``--redact``.

``--format`` takes a format's code or its Vietnamese name, in any case, with or without tones (``-f bảng``,
``-f bang``, ``-f table``); each kind of command offers its own formats, and any other is refused while the
command line is parsed (exit code 2), with the choices in the run's language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from dangvien_cli.cli.choices import ChoiceError, choice_help, listed, run_language
from dangvien_cli.messages import t
from dangvien_cli.render.formats import OutputFormat

LIST_FORMATS = (OutputFormat.table, OutputFormat.json, OutputFormat.csv)
REPORT_FORMATS = tuple(f for f in OutputFormat if f is not OutputFormat.docx)
DOCUMENT_FORMATS = tuple(OutputFormat)  # the reports an officer hands in: a Word document too
EXPORT_FORMATS = (OutputFormat.csv, OutputFormat.xlsx, OutputFormat.json)


def format_option(formats: tuple[OutputFormat, ...], help: str) -> Any:
    """``--format/-f`` taking one of ``formats``: ``Annotated[OutputFormat, format_option(...)]``. ``help``
    is a catalogue key; the help ends with the formats in the run's language."""

    def parse(value: Any) -> OutputFormat:
        chosen = value if isinstance(value, OutputFormat) else OutputFormat.parse(str(value))
        if chosen is None or chosen not in formats:
            lang = run_language()
            raise ChoiceError(t("value.choice", lang, choices=listed(formats, lang)), str(value))
        return chosen

    def complete(incomplete: str) -> list[tuple[str, str]]:
        return [(f.value, f.vi) for f in formats if f.value.startswith(incomplete)]

    return typer.Option(
        "--format",
        "-f",
        parser=parse,
        autocompletion=complete,
        metavar="metavar.format",
        help=choice_help(formats, help),
    )


FormatOption = Annotated[OutputFormat, format_option(LIST_FORMATS, "help.output.format")]
ReportFormatOption = Annotated[OutputFormat, format_option(REPORT_FORMATS, "help.output.report_format")]
DocumentFormatOption = Annotated[OutputFormat, format_option(DOCUMENT_FORMATS, "help.output.document_format")]
ExportFormatOption = Annotated[OutputFormat, format_option(EXPORT_FORMATS, "help.output.export_format")]
WideOption = Annotated[bool, typer.Option("--wide", help="help.option.wide")]
TemplateOption = Annotated[
    Path | None,
    typer.Option("--template", metavar="metavar.file", help="help.option.template", dir_okay=False),
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", metavar="metavar.file", help="help.output.output")
]
ForceOption = Annotated[bool, typer.Option("--force", help="help.output.force")]
RedactOption = Annotated[bool, typer.Option("--redact", help="help.output.redact")]
