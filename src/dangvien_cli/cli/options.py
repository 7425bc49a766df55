"""The output options every list and report shares: ``--format``, ``-o/--output``, ``--force``, ``--redact``.

``--format`` takes a format's code or its Vietnamese name, in any case, with or without tones (``-f bảng``,
``-f bang``, ``-f table``); each kind of command offers its own formats, and any other is refused while the
command line is parsed (exit code 2), with the choices in the run's language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from dangvien_cli.cli.choices import run_language
from dangvien_cli.messages import t
from dangvien_cli.render.formats import OutputFormat

LIST_FORMATS = (OutputFormat.table, OutputFormat.json, OutputFormat.csv)
REPORT_FORMATS = tuple(f for f in OutputFormat if f is not OutputFormat.docx)
DOCUMENT_FORMATS = tuple(OutputFormat)  # the reports an officer hands in: a Word document too
EXPORT_FORMATS = (OutputFormat.csv, OutputFormat.xlsx, OutputFormat.json)


def _choices(formats: tuple[OutputFormat, ...], lang: str) -> str:
    return ", ".join(f"{f.value} ({f.label(lang)})" if f.label(lang) != f.value else f.value for f in formats)


def format_option(formats: tuple[OutputFormat, ...], help: str) -> Any:
    """``--format/-f`` taking one of ``formats``: ``Annotated[OutputFormat, format_option(...)]``."""

    def parse(value: Any) -> OutputFormat:
        chosen = value if isinstance(value, OutputFormat) else OutputFormat.parse(str(value))
        if chosen is None or chosen not in formats:
            lang = run_language()
            raise typer.BadParameter(t("value.choice", lang, choices=_choices(formats, lang)))
        return chosen

    def complete(incomplete: str) -> list[tuple[str, str]]:
        return [(f.value, f.vi) for f in formats if f.value.startswith(incomplete)]

    return typer.Option(
        "--format",
        "-f",
        parser=parse,
        autocompletion=complete,
        metavar="FORMAT",
        help=f"{help} {t('label.choices', 'vi')}: {_choices(formats, 'vi')}.",
    )


FormatOption = Annotated[
    OutputFormat,
    format_option(
        LIST_FORMATS,
        "Bảng cho người đọc; json, csv cho chương trình / table for people; json or csv "
        "(stable keys) for scripts.",
    ),
]
ReportFormatOption = Annotated[
    OutputFormat, format_option(REPORT_FORMATS, "xlsx cần -o TỆP / xlsx needs -o FILE.")
]
DocumentFormatOption = Annotated[
    OutputFormat, format_option(DOCUMENT_FORMATS, "xlsx và docx cần -o TỆP / xlsx and docx need -o FILE.")
]
ExportFormatOption = Annotated[
    OutputFormat, format_option(EXPORT_FORMATS, "xlsx cần -o TỆP / xlsx needs -o FILE.")
]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Ghi ra tệp / write to a file.")]
ForceOption = Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có / overwrite the file.")]
WideOption = Annotated[bool, typer.Option("--wide", help="help.option.wide")]
TemplateOption = Annotated[
    Path | None, typer.Option("--template", help="help.option.template", dir_okay=False)
]
RedactOption = Annotated[
    bool,
    typer.Option(
        "--redact",
        help="Che số CCCD và ngày sinh (giữ năm, tháng) / mask citizen IDs and birth days.",
    ),
]
