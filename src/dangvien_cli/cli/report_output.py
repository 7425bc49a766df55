"""Rendering a report: table | json | csv | md | xlsx, to standard output or ``-o FILE``.

xlsx is written with openpyxl, with a native Excel chart beside the table when the report has one (officers
paste these into their written reports). A file that exists is not overwritten without ``--force``. Text
never becomes a formula: CSV cells are neutralised, xlsx cells written as text (see exchange.safety).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from dangvien_cli.cli.output import header
from dangvien_cli.errors import InvalidValue
from dangvien_cli.messages import t
from dangvien_cli.render.xlsx_cells import xlsx_guard, xlsx_text
from dangvien_cli.reports.model import Report, ReportColumn
from dangvien_cli.text import neutralise


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"
    xlsx = "xlsx"


ReportFormatOption = Annotated[
    ReportFormat, typer.Option("--format", "-f", help="table | json | csv | md | xlsx (xlsx needs -o FILE).")
]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Ghi ra tệp / write to a file.")]
ForceOption = Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có / overwrite the file.")]
TOTAL = "TOTAL"


def _cell(value: Any, column: ReportColumn, lang: str) -> str:
    if value is None:
        return ""
    if column.kind == "percent":
        return f"{value:.1f}%"
    if column.codes:
        return t(f"{column.codes}.{value}", lang)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _total_row(report: Report) -> dict[str, Any]:
    first = report.columns[0].key
    return {**report.totals, first: report.totals.get(first, TOTAL)}


def render_text(report: Report, lang: str) -> Any:
    """The rich table for people (returned, so that it can be printed or written to a file)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    # Light borders and no edge padding, so that a wide report still fits 80 columns; figures never lose
    # digits to an ellipsis (their columns are as wide as their longest value), headers wrap instead.
    table = Table(
        title=Text(t(report.title_key, lang, **report.title_params)),
        title_justify="left",
        show_footer=bool(report.totals),
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    columns = [c for c in report.columns if report.table_keys is None or c.key in report.table_keys]
    everything = [*report.rows, _total_row(report)] if report.totals else report.rows
    for column in columns:
        footer = Text(_cell(_total_row(report).get(column.key), column, lang)) if report.totals else ""
        figure = column.kind in ("int", "percent", "number") or column.key == "org"
        widest = max((len(_cell(row.get(column.key), column, lang)) for row in everything), default=0)
        table.add_column(
            header(column.key, lang),
            footer=footer,
            justify="right" if column.kind in ("int", "percent", "number") else "left",
            # age bands ("18-30") are short and read badly broken; other long header words may break
            min_width=max(widest, len(header(column.key, lang)))
            if column.key.startswith("band:")
            else (widest if figure else None),
            overflow="fold",
        )
    for row in report.rows:
        table.add_row(*(Text(_cell(row.get(c.key), c, lang)) for c in columns))
    return table


def _markdown(report: Report, lang: str) -> str:
    out = io.StringIO()
    out.write(f"### {t(report.title_key, lang, **report.title_params)}\n\n")
    out.write("| " + " | ".join(header(c.key, lang) for c in report.columns) + " |\n")
    out.write("|" + "|".join("---:" if c.kind != "text" else "---" for c in report.columns) + "|\n")
    rows = [*report.rows, _total_row(report)] if report.totals else report.rows
    for index, row in enumerate(rows):
        cells = [_cell(row.get(c.key), c, lang).replace("|", "\\|") for c in report.columns]
        if report.totals and index == len(rows) - 1:
            cells = [f"**{cell}**" if cell else "" for cell in cells]
        out.write("| " + " | ".join(cells) + " |\n")
    return out.getvalue()


def _flat(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value


def _csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    keys = [c.key for c in report.columns]
    writer.writerow(keys)
    rows = [*report.rows, _total_row(report)] if report.totals else report.rows
    for row in rows:
        writer.writerow(["" if row.get(k) is None else neutralise(_flat(row.get(k))) for k in keys])
    return out.getvalue()


def text_cells(sheet: Any) -> None:
    """Every text cell of ``sheet`` stays text: a name starting with "=" is not written as a formula."""
    for row in sheet.iter_rows():
        for cell in row:
            xlsx_text(cell)


def _xlsx(report: Report, path: Path, lang: str) -> None:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = report.name[:31]
    sheet.append([t(report.title_key, lang, **report.title_params)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([header(c.key, lang) for c in report.columns])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    rows = [*report.rows, _total_row(report)] if report.totals else report.rows
    for row in rows:
        values: list[Any] = []
        for column in report.columns:
            value = row.get(column.key)
            if column.codes and value is not None:
                value = t(f"{column.codes}.{value}", lang)
            values.append(
                _flat(value) if not isinstance(value, (int, float, str)) or value is None else value
            )
        sheet.append(values)
    if report.totals:
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    for index, column in enumerate(report.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(10, min(40, len(header(column.key, lang)) + 2))
        if column.kind == "percent":
            for cell in sheet[letter][2:]:
                cell.number_format = "0.0"
    text_cells(sheet)
    if report.chart is not None and report.chart.kind == "pyramid" and report.extra.get("pyramid"):
        _pyramid_sheet(sheet, report, lang)
    elif report.chart is not None and report.rows:
        keys = [c.key for c in report.columns]
        first, last = 3, 2 + len(report.rows)
        chart = BarChart()
        chart.title = t(report.chart.title_key, lang)
        if report.chart.kind == "pyramid":
            chart.type = "bar"  # horizontal bars: men to the left (negative), women to the right
            chart.grouping = "clustered"
            chart.overlap = 100
        else:
            chart.type = "col"
        for key in report.chart.value_keys:
            col_index = keys.index(key) + 1
            data = Reference(sheet, min_col=col_index, min_row=2, max_row=last)
            chart.add_data(data, titles_from_data=True)
        labels = Reference(sheet, min_col=keys.index(report.chart.label_key) + 1, min_row=first, max_row=last)
        chart.set_categories(labels)
        chart.height, chart.width = 9, 16
        sheet.add_chart(chart, f"{get_column_letter(len(keys) + 2)}2")  # type: ignore[call-arg]
    workbook.save(path)


def _pyramid_sheet(sheet: Any, report: Report, lang: str) -> None:
    """The age pyramid beside the table: bands with men (as negative numbers) and women, and a horizontal bar
    chart with the two series overlapping, the way an age pyramid is drawn."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.utils import get_column_letter

    assert report.chart is not None
    first_col = len(report.columns) + 2
    sheet.cell(row=2, column=first_col, value=header("bands", lang))
    sheet.cell(row=2, column=first_col + 1, value=header("men", lang))
    sheet.cell(row=2, column=first_col + 2, value=header("women", lang))
    for offset, band in enumerate(report.extra["pyramid"], start=3):
        sheet.cell(row=offset, column=first_col, value=band["band"])
        sheet.cell(row=offset, column=first_col + 1, value=band["men"])
        sheet.cell(row=offset, column=first_col + 2, value=band["women"])
    last = 2 + len(report.extra["pyramid"])
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap, chart.gapWidth = "bar", "clustered", 100, 10
    chart.title = t(report.chart.title_key, lang)
    data = Reference(sheet, min_col=first_col + 1, max_col=first_col + 2, min_row=2, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=first_col, min_row=3, max_row=last))
    chart.height, chart.width = 9, 14
    sheet.add_chart(chart, f"{get_column_letter(first_col + 4)}2")


def emit_report(report: Report, fmt: ReportFormat, lang: str, output: Path | None, force: bool) -> None:
    """Print or write ``report`` in ``fmt``."""
    if output is not None and output.exists() and not force:
        raise InvalidValue("output", str(output), "export.exists")
    if fmt is ReportFormat.xlsx:
        if output is None:
            raise InvalidValue("format", fmt.value, "export.xlsx_needs_file")
        with xlsx_guard(output):
            _xlsx(report, output, lang)
        return
    if fmt is ReportFormat.table:
        from rich.console import Console

        from dangvien_cli.cli.output import console

        if output is None:
            console().print(render_text(report, lang))
            return
        buffer = Console(file=io.StringIO(), width=160, record=True)
        buffer.print(render_text(report, lang))
        text = buffer.export_text()
    elif fmt is ReportFormat.json:
        text = json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n"
    elif fmt is ReportFormat.csv:
        text = _csv(report)
    else:
        text = _markdown(report, lang)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
