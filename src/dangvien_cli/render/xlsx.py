"""xlsx workbooks, written with openpyxl in its streaming (write-only) mode: the only workbook writer of the
package, for sheets an officer can hand up.

Every sheet for people has its title (the organisation's name, dates dd/mm/yyyy), headers in the run's
language in bold, columns as wide as their content, the header row frozen and repeated on every printed
page, an autofilter over a list, and an A4 page set-up (landscape when the table is wide, one page wide).
A report is one sheet with its totals in bold and a native chart beside it (the chart's own points, such as
the age pyramid's men as negative numbers, sit on a hidden sheet); a paper has a sheet a section; overdue
items are filled red. A list in the import format (an export) has no title: its first row is its header, in
the run's language where the importer reads that header back (else the column's key), and its cells hold
the stored values, so that ``import`` reads the file back unchanged.

Figures carry number formats, not text: a percentage is stored as a fraction with the format ``0.0%`` and a
count with ``#,##0``, which a Vietnamese Excel shows as ``107,7%`` and ``4.354``. Text stays text (a name
starting with ``=`` is never a formula); text columns are Text cells, so that a citizen ID keeps its
leading zero when the sheet is edited.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from dangvien_cli.render.cells import as_date, cell, code_label, flat, header, identifier
from dangvien_cli.render.layout import text_width
from dangvien_cli.render.model import Chart, Column, Kind, Row, Section, Shape, View
from dangvien_cli.render.xlsx_cells import xlsx_guard, xlsx_text

TEXT_KINDS = (Kind.text, Kind.code)
PERCENT = "0.0%"
COUNT = "#,##0"
DECIMAL = "#,##0.0"
DAY = "DD/MM/YYYY"
MIN_WIDTH, MAX_WIDTH = 6, 60
WIDTH_SAMPLE = 1000  # an export's widths are measured on its first rows (it streams)
LANDSCAPE_FROM = 110  # characters of table: wider prints landscape
OVERDUE_FILL = "FFC7CE"  # Excel's light red
HEADER_FILL = "E7E6E6"
A4 = "9"  # the paper size code of A4 in a workbook


def write(view: View, path: Path, lang: str) -> int:
    """Write ``view`` as a workbook at ``path``; returns the number of rows of its main table. A value XML
    cannot hold is refused before the file is written."""
    from openpyxl import Workbook

    with xlsx_guard(path):
        workbook = Workbook(write_only=True)
        try:
            if view.shape in (Shape.paper, Shape.record):
                count = _paper(workbook, view, lang)
            elif view.exchange:
                count = _export(workbook, view, lang)
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


@dataclass(frozen=True)
class _Block:
    """Where a table sits on its sheet: its header row, its last row of data, how many columns."""

    header_row: int
    last_row: int
    columns: int


class _Sheet:
    """A write-only sheet and the cells of one view's values."""

    def __init__(self, workbook: Any, name: str, lang: str, *, people: bool) -> None:
        self.sheet = workbook.create_sheet(name[:31])
        self.lang = lang
        self.people = people  # for people: codes in words; else codes as stored

    def value(self, value: Any, column: Column, *, bold: bool = False, fill: str | None = None) -> Any:
        from openpyxl.cell import WriteOnlyCell

        if self.people and column.codes is not None and value is not None:
            value = code_label(value, column.codes, self.lang)
        day = as_date(value) if column.kind is Kind.date else None
        if day is not None:
            target = WriteOnlyCell(self.sheet, value=datetime(day.year, day.month, day.day))
            target.number_format = DAY
        elif column.kind is Kind.percent and isinstance(value, int | float) and not isinstance(value, bool):
            target = WriteOnlyCell(self.sheet, value=float(Decimal(repr(value)) / 100))
            target.number_format = PERCENT
        else:
            target = xlsx_text(WriteOnlyCell(self.sheet, value=flat(value)))
            target.number_format = _number_format(value, column)
        _style(target, bold=bold, fill=fill)
        return target

    def text(self, text: Any, *, bold: bool = False, size: float | None = None) -> Any:
        from openpyxl.cell import WriteOnlyCell

        target = xlsx_text(WriteOnlyCell(self.sheet, value=text))
        if bold or size:
            target.font = _font(bold=bold, size=size)
        return target

    def header(self, columns: Sequence[Column]) -> list[Any]:
        from openpyxl.styles import Alignment, PatternFill

        cells = []
        for column in columns:
            target = self.text(
                header(column, self.lang) if self.people or column.label else column.key, bold=True
            )
            target.alignment = Alignment(wrap_text=True, vertical="center")
            target.fill = PatternFill("solid", fgColor=HEADER_FILL)
            cells.append(target)
        return cells

    def widths(self, widths: Sequence[float], first: int = 1) -> None:
        from openpyxl.utils import get_column_letter

        for index, width in enumerate(widths, start=first):
            self.sheet.column_dimensions[get_column_letter(index)].width = width

    def start(self, widths: Sequence[float], header_row: int) -> None:
        """The columns' widths, the frozen header and printing to fit the page's width: a streamed sheet
        writes them before its first row."""
        self.widths(widths)
        self.sheet.freeze_panes = f"A{header_row + 1}"
        self.sheet.sheet_properties.pageSetUpPr.fitToPage = True

    def set_up(self, block: _Block, widths: Sequence[float], *, filtered: bool, title: str = "") -> None:
        """Repeat the header on every page, filter a list, and print on A4 one page wide."""
        from openpyxl.utils import get_column_letter

        sheet = self.sheet
        sheet.print_title_rows = f"{block.header_row}:{block.header_row}"
        if filtered and block.columns:
            last = max(block.last_row, block.header_row)
            sheet.auto_filter.ref = f"A{block.header_row}:{get_column_letter(block.columns)}{last}"
        sheet.page_setup.paperSize = A4
        sheet.page_setup.orientation = "landscape" if sum(widths) > LANDSCAPE_FROM else "portrait"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.print_options.gridLines = False
        if title:
            sheet.oddHeader.center.text = title.replace("&", "&&")
        sheet.oddFooter.center.text = "&P / &N"


def _number_format(value: Any, column: Column) -> str:
    if column.kind is Kind.int and isinstance(value, int) and not isinstance(value, bool):
        return "0" if identifier(column) else COUNT
    if column.kind is Kind.number and isinstance(value, float):
        return DECIMAL
    if column.kind in TEXT_KINDS:
        return "@"
    return "General"


def _style(target: Any, *, bold: bool, fill: str | None) -> None:
    if bold:
        target.font = _font(bold=True)
    if fill is not None:
        from openpyxl.styles import PatternFill

        target.fill = PatternFill("solid", fgColor=fill)


def _font(*, bold: bool, size: float | None = None) -> Any:
    from openpyxl.styles import Font

    return Font(bold=bold, size=size)


def _fill(row: Row) -> str | None:
    """Overdue items are filled red."""
    return OVERDUE_FILL if row.get("overdue") is True else None


def column_widths(
    columns: Sequence[Column], rows: Iterable[Row], lang: str, *, people: bool = True
) -> list[float]:
    """Each column as wide as its content (its header may wrap to two lines), within bounds."""
    widths = []
    listed = list(rows)
    for column in columns:
        label = header(column, lang) if people or column.label else column.key
        content = max((text_width(cell(row, column, lang)) for row in listed), default=0)
        words = max((text_width(word) for word in label.split()), default=0)
        heading = max(words, (text_width(label) + 1) // 2)
        widths.append(float(min(MAX_WIDTH, max(MIN_WIDTH, content, heading) + 2)))
    return widths


def _table(workbook: Any, view: View, lang: str) -> int:
    """One sheet: title and header, the rows, the totals in bold, and the chart beside."""
    out = _Sheet(workbook, view.name, lang, people=True)
    columns = list(view.columns)
    rows = list(view.rows)
    total = view.total_row()
    widths = column_widths(columns, [*rows, *([total] if total else [])], lang)
    out.start(widths, 2)
    title = view.title.render(lang) if view.title is not None else ""
    out.sheet.append([out.text(title, bold=True, size=13)])
    out.sheet.append(out.header(columns))
    for row in rows:
        fill = _fill(row)
        out.sheet.append([out.value(row.get(c.key), c, fill=fill) for c in columns])
    if total is not None:
        out.sheet.append([out.value(total.get(c.key), c, bold=True) for c in columns])
    block = _Block(header_row=2, last_row=2 + len(rows), columns=len(columns))
    out.set_up(block, widths, filtered=view.shape is Shape.list, title=title)
    for section in view.sections:  # a report's parts, each on its own sheet
        if section.rows:
            _section(workbook, section, lang, section.title.render(lang))
    if view.chart is not None:
        _chart(workbook, out.sheet, view.chart, columns, len(rows), lang)
    return len(rows)


def _export(workbook: Any, view: View, lang: str) -> int:
    """A list in the import format: its header, then the stored values, as ``import`` reads them."""
    out = _Sheet(workbook, view.name, lang, people=False)
    columns = list(view.columns)
    sample = list(itertools.islice(iter(view.rows), WIDTH_SAMPLE))
    rows: Iterator[Row] = itertools.chain(sample, view.rows) if len(sample) == WIDTH_SAMPLE else iter(sample)
    widths = column_widths(columns, sample, lang, people=False)
    out.start(widths, 1)
    out.sheet.append(out.header(columns))
    count = 0
    for row in rows:
        out.sheet.append([out.value(row.get(c.key), c) for c in columns])
        count += 1
    title = view.title.render(lang) if view.title is not None else ""
    out.set_up(_Block(1, 1 + count, len(columns)), widths, filtered=True, title=title)
    return count


def _chart(workbook: Any, sheet: Any, chart: Chart, columns: Sequence[Column], rows: int, lang: str) -> None:
    """A bar chart of the rows, or a pyramid of the chart's own points, which sit on a hidden sheet."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.utils import get_column_letter

    bar = BarChart()
    bar.title = chart.title.render(lang)
    bar.height = 9
    if chart.data is not None:
        points = list(chart.data)
        if not points:
            return
        helper = workbook.create_sheet("chart_data")
        helper.sheet_state = "hidden"
        helper.append([chart.label_key, *(header(Column(k), lang) for k in chart.value_keys)])
        for point in points:
            helper.append([point.get(chart.label_key), *(point.get(k) for k in chart.value_keys)])
        bar.type, bar.grouping, bar.overlap, bar.gapWidth = "bar", "clustered", 100, 10
        last_value = 1 + len(chart.value_keys)
        data = Reference(helper, min_col=2, max_col=last_value, min_row=1, max_row=1 + len(points))
        bar.add_data(data, titles_from_data=True)
        bar.set_categories(Reference(helper, min_col=1, min_row=2, max_row=1 + len(points)))
        bar.width = 14
        sheet.add_chart(bar, f"{get_column_letter(len(columns) + 2)}2")
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
        if index == 0 and view.title is not None:
            title = view.title.render(lang)
        else:
            title = replace(section.title, count=None).render(lang)
        _section(workbook, section, lang, title, paper=view.title.render(lang) if view.title else "")
    return 1


def _section(workbook: Any, section: Section, lang: str, title: str, paper: str = "") -> None:
    out = _Sheet(workbook, section.key, lang, people=True)
    heading = [out.text(title, bold=True, size=13 if not paper or title == paper else None)]
    if not section.columns:
        out.widths([60])
        out.sheet.append(heading)
        return
    if section.pairs:
        labels = [header(c, lang) for c in section.columns]
        values = [cell(row, c, lang) for row in section.rows[:1] for c in section.columns]
        widths = [
            float(min(MAX_WIDTH, max([MIN_WIDTH, *(text_width(x) for x in labels)]) + 2)),
            float(min(MAX_WIDTH, max([MIN_WIDTH, *(text_width(x) for x in values)]) + 2)),
        ]
        out.start(widths, 1)
        out.sheet.append(heading)
        if not section.rows and section.empty is not None:
            out.sheet.append([out.text(section.empty.render(lang))])
        for row in section.rows[:1]:
            for column in section.columns:
                out.sheet.append([out.text(header(column, lang)), out.value(row.get(column.key), column)])
        out.set_up(_Block(1, 1 + len(section.columns), 2), widths, filtered=False, title=paper or title)
        return
    widths = column_widths(section.columns, section.rows, lang)
    out.start(widths, 2)
    out.sheet.append(heading)
    out.sheet.append(out.header(section.columns))
    if not section.rows and section.empty is not None:
        out.sheet.append([out.text(section.empty.render(lang))])
    for row in section.rows:
        out.sheet.append([out.value(row.get(c.key), c, fill=_fill(row)) for c in section.columns])
    block = _Block(2, 2 + len(section.rows), len(section.columns))
    out.set_up(block, widths, filtered=bool(section.rows), title=paper or title)
