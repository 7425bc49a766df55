"""xlsx workbooks, written with openpyxl in its streaming (write-only) mode: the only workbook writer of the
package.

A report is one sheet: its title, the header, the rows and the totals in bold, with a native Excel chart
beside the table (officers paste these into their written reports). A paper has a sheet a section. A list in
the import format is a plain sheet of key headers and stored values, which ``import`` reads back. Everywhere
text stays text (a name starting with ``=`` is never a formula), dates are date cells shown dd/mm/yyyy, and
text columns are Text cells, so that a citizen ID keeps its leading zero when the sheet is edited.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import datetime
from itertools import zip_longest
from pathlib import Path
from typing import Any

from dangvien_cli.render.cells import as_date, code_label, flat, header
from dangvien_cli.render.model import Chart, Column, Kind, Row, Section, Shape, View
from dangvien_cli.render.xlsx_cells import xlsx_guard, xlsx_text

TEXT_KINDS = (Kind.text, Kind.code)


def write(view: View, path: Path, lang: str) -> int:
    """Write ``view`` as a workbook at ``path``; returns the number of rows of its main table. A value XML
    cannot hold is refused before the file is written."""
    from openpyxl import Workbook

    with xlsx_guard(path):
        workbook = Workbook(write_only=True)
        try:
            if view.shape in (Shape.paper, Shape.record):
                count = _paper(workbook, view, lang)
            else:
                count = _table(workbook, view, lang)
        except BaseException:
            # Finish the sheets' temporary streams now (the file is never saved), not in garbage collection.
            for sheet in workbook.worksheets:
                with contextlib.suppress(Exception):
                    sheet.close()
            raise
        workbook.save(path)
    return count


class _Sheet:
    """A write-only sheet and the cells of one view's values."""

    def __init__(self, workbook: Any, name: str, lang: str, *, people: bool) -> None:
        self.sheet = workbook.create_sheet(name[:31])
        self.lang = lang
        self.people = people  # for people: headers and codes in words; else keys and codes as stored

    def value(self, value: Any, column: Column, bold: bool = False) -> Any:
        from openpyxl.cell import WriteOnlyCell

        if self.people and column.codes is not None and value is not None:
            value = code_label(value, column.codes, self.lang)
        day = as_date(value) if column.kind is Kind.date else None
        if day is not None:
            cell = WriteOnlyCell(self.sheet, value=datetime(day.year, day.month, day.day))
            cell.number_format = "DD/MM/YYYY"
        else:
            cell = xlsx_text(WriteOnlyCell(self.sheet, value=flat(value)))
            if column.kind is Kind.percent:
                cell.number_format = "0.0"
            elif column.kind in TEXT_KINDS:
                cell.number_format = "@"
        if bold:
            cell.font = _font(bold=True)
        return cell

    def text(self, text: Any, *, bold: bool = False, size: float | None = None) -> Any:
        from openpyxl.cell import WriteOnlyCell

        cell = xlsx_text(WriteOnlyCell(self.sheet, value=text))
        if bold:
            cell.font = _font(bold=True, size=size)
        return cell

    def header(self, columns: Sequence[Column]) -> list[Any]:
        return [self.text(header(c, self.lang) if self.people else c.key, bold=True) for c in columns]

    def width(self, index: int, width: float) -> None:
        from openpyxl.utils import get_column_letter

        self.sheet.column_dimensions[get_column_letter(index)].width = width


def _font(*, bold: bool, size: float | None = None) -> Any:
    from openpyxl.styles import Font

    return Font(bold=bold, size=size)


def _table(workbook: Any, view: View, lang: str) -> int:
    """One sheet: title and header (for people), the rows, the totals in bold, and the chart beside."""
    out = _Sheet(workbook, view.name, lang, people=not view.exchange)
    columns = list(view.columns)
    chart = view.chart if out.people else None
    beside = list(chart.data) if chart is not None and chart.data is not None else []
    if out.people:
        for index, column in enumerate(columns, start=1):
            out.width(index, max(10, min(40, len(header(column, lang)) + 2)))
        title = view.title.render(lang) if view.title is not None else ""
        out.sheet.append([out.text(title, bold=True, size=13)])
    gap: list[Any] = []
    side_columns: list[Column] = []
    if chart is not None and beside:  # the chart's own points, one column apart from the table
        gap = [None]
        side_columns = [Column(chart.label_key), *(Column(k, Kind.int) for k in chart.value_keys)]
    out.sheet.append(out.header(columns) + gap + out.header(side_columns))
    count = 0
    total = view.total_row()
    lines = _lines(out, columns, view.rows, total)
    for line, point in zip_longest(lines, beside):
        cells, counted = line if line is not None else ([None] * len(columns), False)
        extra = gap + [out.value(point.get(c.key), c) for c in side_columns] if point is not None else []
        out.sheet.append(cells + extra)
        count += counted
    if chart is not None:
        _chart(out.sheet, chart, columns, count, len(beside), lang)
    return count


def _lines(
    out: _Sheet, columns: Sequence[Column], rows: Iterable[Row], total: Row | None
) -> Iterator[tuple[list[Any], bool]]:
    """Each row's cells, and whether it is a row (not the totals)."""
    for row in rows:
        yield [out.value(row.get(c.key), c) for c in columns], True
    if total is not None:
        yield [out.value(total.get(c.key), c, bold=True) for c in columns], False


def _chart(sheet: Any, chart: Chart, columns: Sequence[Column], rows: int, points: int, lang: str) -> None:
    """A bar chart of the rows, or a pyramid of the points written beside the table."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.utils import get_column_letter

    bar = BarChart()
    bar.title = chart.title.render(lang)
    bar.height = 9
    if chart.data is not None:
        if not points:
            return
        first = len(columns) + 2
        bar.type, bar.grouping, bar.overlap, bar.gapWidth = "bar", "clustered", 100, 10
        last_value = first + len(chart.value_keys)
        data = Reference(sheet, min_col=first + 1, max_col=last_value, min_row=2, max_row=2 + points)
        bar.add_data(data, titles_from_data=True)
        bar.set_categories(Reference(sheet, min_col=first, min_row=3, max_row=2 + points))
        bar.width = 14
        sheet.add_chart(bar, f"{get_column_letter(last_value + 2)}2")
        return
    if not rows:
        return
    keys = [c.key for c in columns]
    bar.type = "col"
    for key in chart.value_keys:
        index = keys.index(key) + 1
        bar.add_data(Reference(sheet, min_col=index, min_row=2, max_row=2 + rows), titles_from_data=True)
    labels = keys.index(chart.label_key) + 1
    bar.set_categories(Reference(sheet, min_col=labels, min_row=3, max_row=2 + rows))
    bar.width = 16
    sheet.add_chart(bar, f"{get_column_letter(len(keys) + 2)}2")


def _paper(workbook: Any, view: View, lang: str) -> int:
    """A sheet a section, each under its title; the first under the paper's title."""
    for index, section in enumerate(view.sections):
        out = _Sheet(workbook, section.key, lang, people=True)
        if index == 0 and view.title is not None:
            out.sheet.append([out.text(view.title.render(lang), bold=True, size=13)])
        else:
            out.sheet.append([out.text(replace(section.title, count=None).render(lang), bold=True)])
        _section(out, section)
    return 1


def _section(out: _Sheet, section: Section) -> None:
    if section.pairs or not section.columns:
        out.width(1, 30)
    if not section.columns:
        return
    if section.pairs:
        if not section.rows and section.empty is not None:
            out.sheet.append([out.text(section.empty.render(out.lang))])
        for row in section.rows[:1]:
            for column in section.columns:
                out.sheet.append([out.text(header(column, out.lang)), out.value(row.get(column.key), column)])
        return
    out.sheet.append(out.header(section.columns))
    for row in section.rows:
        out.sheet.append([out.value(row.get(c.key), c) for c in section.columns])
