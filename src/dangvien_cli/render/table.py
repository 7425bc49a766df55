"""Tables for people, drawn by rich: codes with their labels, numbers and dates in the run's language.

Lists and records are boxed; reports and the monthly paper use light lines. Every table fits the width it is
given (:mod:`dangvien_cli.render.layout`: long text wraps, then low-value columns are left out and named
under the table, and a name is never cut); ``--wide`` keeps every column at full width. Titles are lines of
their own, wrapped at the page's width. Every value is wrapped in rich's ``Text``, never read as markup: a
name like ``An [chuyển đi]`` shows as typed. On a terminal the table fits the window; piped, ``COLUMNS`` or
a wide page; written to a file, a wide page.
"""

from __future__ import annotations

import functools
import io
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, TextIO

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from dangvien_cli.messages import t
from dangvien_cli.render.cells import cell, header
from dangvien_cli.render.layout import fit, measure, text_width
from dangvien_cli.render.model import FIGURES, Chart, Column, Kind, Row, Section, Shape, View

FILE_WIDTH = 160
WIDE = 100_000  # a page for --wide: nothing wraps


@dataclass(frozen=True)
class Style:
    """How a table is drawn: its box, whether the outer columns are padded, whether it shows its header."""

    box: box.Box | None
    pad_edge: bool = True
    show_header: bool = True
    show_edge: bool = True
    collapse_padding: bool = False

    def table(self, *, show_footer: bool = False) -> Table:
        return Table(
            box=self.box,
            pad_edge=self.pad_edge,
            show_header=self.show_header,
            show_edge=self.show_edge,
            collapse_padding=self.collapse_padding,
            show_footer=show_footer,
        )


BOXED = Style(box.HEAVY_HEAD)
# Reports and papers: a line under the header, two spaces between columns, no edges, so that wide reports fit.
LIGHT = Style(box.SIMPLE_HEAD, pad_edge=False, show_edge=False, collapse_padding=True)
RECORD = Style(box.SQUARE, show_header=False)
FIGURES_PAIRS = Style(box.SIMPLE, pad_edge=False, show_header=False, show_edge=False, collapse_padding=True)


def page_width(out: TextIO) -> int:
    """The width tables fit: on a terminal, its own; piped, ``COLUMNS`` or a wide page; a file, a wide
    page."""
    if out is sys.stdout:
        if sys.stdout.isatty():
            return Console().width
        try:
            return max(20, int(os.environ.get("COLUMNS", str(FILE_WIDTH))))
        except ValueError:
            return FILE_WIDTH
    return FILE_WIDTH


def write(view: View, out: TextIO, lang: str) -> int:
    """Draw ``view`` on ``out``; returns the number of rows of its main table."""
    width = page_width(out)
    target = Console(file=out, width=WIDE if view.wide else width, highlight=False)
    rows = list(view.rows)
    for part in parts(view, rows, lang, width):
        if isinstance(part, str):
            target.print(Text(part))
        else:
            target.print(part)
    return len(rows)


def parts(view: View, rows: list[Row], lang: str, width: int) -> list[Any]:
    """What is printed, in order: titles, tables, the notes of columns left out."""
    if view.tree is not None:
        return [_tree(view, rows, lang)]
    draw = _Drawer(lang, width, view.wide)
    if view.shape is Shape.paper:
        heading = [Text(view.title.render(lang), style="bold")] if view.title is not None else []
        return heading + [
            part for s in view.sections if s.rows or s.empty for part in draw.section(s, boxed=False)
        ]
    if view.shape is Shape.record:
        return [
            part
            for s in view.sections
            if s.rows or s.empty or not s.columns
            for part in draw.section(s, boxed=True)
        ]
    out: list[Any] = [view.title.render(lang)] if view.title is not None else []
    if view.shape is Shape.list:
        out += draw.table(BOXED, view.columns, rows)
        out += [part for s in view.sections if s.rows or s.empty for part in draw.section(s, boxed=True)]
    else:
        out += draw.table(LIGHT, view.terminal_columns(), rows, view.total_row())
        for s in view.sections:
            if s.rows:
                out += [s.title.render(lang), *draw.table(LIGHT, s.columns, s.rows)]
    if view.chart is not None and view.chart.kind == "pyramid" and view.chart.data:
        out.append(_pyramid(view.chart, lang, width))
    return out


@functools.cache
def _spacing(style: Style) -> tuple[int, int]:
    """What a table of ``style`` takes besides its content: (fixed, per column), measured on rich itself."""

    def drawn(columns: int) -> int:
        table = style.table()
        for _ in range(columns):
            table.add_column(width=1, no_wrap=True)
        table.add_row(*(["x"] * columns))
        console = Console(width=1000, file=io.StringIO())
        lines = console.render_lines(table, console.options, pad=False)
        return max(len("".join(segment.text for segment in line)) for line in lines)

    one, two = drawn(1) - 1, drawn(2) - 2  # without the content: one cell a column
    return one - (two - one), two - one


class _Drawer:
    """Tables of one view: its language, the page's width, and whether every column is shown."""

    def __init__(self, lang: str, width: int, wide: bool) -> None:
        self.lang = lang
        self.width = width
        self.wide = wide

    def table(
        self, style: Style, columns: Sequence[Column], rows: Sequence[Row], total: Row | None = None
    ) -> list[Any]:
        """The table and, when columns were left out, the line that names them."""
        labels = [header(c, self.lang) if style.show_header else "" for c in columns]
        texts = [[cell(row, c, self.lang) for row in rows] for c in columns]
        footers = [cell(total, c, self.lang) for c in columns] if total is not None else None
        measures = [
            measure(c, label, column_texts + ([footers[i]] if footers else []))
            for i, (c, label, column_texts) in enumerate(zip(columns, labels, texts, strict=True))
        ]
        fixed, per_column = _spacing(style)
        heads = [text_width(label) for label in labels]
        layout = fit(columns, measures, self.width, fixed, per_column, wide=self.wide, headers=heads)
        table = style.table(show_footer=footers is not None)
        for index, width in zip(layout.kept, layout.widths, strict=True):
            column = columns[index]
            table.add_column(
                labels[index],
                footer=Text(footers[index]) if footers is not None else "",
                justify="right" if column.kind in FIGURES else "left",
                width=width,
                overflow="fold",
            )
        for position in range(len(rows)):
            table.add_row(*(Text(texts[index][position]) for index in layout.kept))
        out: list[Any] = [table]
        if layout.dropped:
            names = ", ".join(labels[index] for index in layout.dropped)
            out.append(t("table.columns_left_out", self.lang, columns=names))
        return out

    def section(self, section: Section, *, boxed: bool) -> list[Any]:
        title = section.title.render(self.lang)
        if not section.columns:
            return [title]
        if not section.rows:  # named without its count: "Kết nạp trong tháng: Không có."
            named = replace(section.title, count=None).render(self.lang)
            return [f"{named}: {section.empty.render(self.lang) if section.empty else ''}"]
        if section.pairs:
            return [title, *self.pairs(section.columns, section.rows[0], boxed=boxed)]
        return [title, *self.table(BOXED if boxed else LIGHT, section.columns, section.rows)]

    def pairs(self, columns: Sequence[Column], row: Row, *, boxed: bool) -> list[Any]:
        """One row as field/value lines: a record in a box, or a paper's figures with the values aligned."""
        lines = [{"field": header(c, self.lang), "value": cell(row, c, self.lang)} for c in columns]
        value = Column("value") if boxed else Column("value", Kind.int)  # a paper's figures, aligned right
        return self.table(RECORD if boxed else FIGURES_PAIRS, [Column("field"), value], lines)


def _tree(view: View, rows: Sequence[Row], lang: str) -> Tree:
    """Rows drawn as a tree, each under the row its parent key names: the first column in bold, the second,
    then the others' values in brackets (``TP Đảng bộ phường Trần Phú (Tổ chức cơ sở đảng)``)."""
    assert view.tree is not None
    key, name, *details = view.columns
    root = Tree(view.title.render(lang) if view.title is not None else "")
    nodes: dict[Any, Tree] = {}
    for row in rows:
        parent = nodes.get(row.get(view.tree), root)
        notes = ", ".join(text for text in (cell(row, c, lang) for c in details) if text)
        label = f"[bold]{escape(str(row[key.key]))}[/] {escape(cell(row, name, lang))}"
        nodes[row[key.key]] = parent.add(label + (f" [dim]({escape(notes)})[/]" if notes else ""))
    return root


def _pyramid(chart: Chart, lang: str, width: int) -> str:
    """An age pyramid drawn with blocks: the first series (as negative numbers) to the left, the second to
    the right, the youngest band at the bottom; as wide as the page allows."""
    assert chart.data is not None
    left_key, right_key = chart.value_keys
    points = list(chart.data)
    widest = max([max(-p[left_key], p[right_key]) for p in points] + [1])
    digits = max(len(str(max(-p[left_key], p[right_key]))) for p in points)
    label = max(7, *(text_width(str(p[chart.label_key])) for p in points))
    bar = max(5, min(30, (width - 2 * digits - label - 4) // 2))
    lines = [chart.title.render(lang)]
    for point in reversed(points):
        left, right = -point[left_key], point[right_key]
        bar_left = "█" * round(left * bar / widest)
        bar_right = "█" * round(right * bar / widest)
        band = f"{point[chart.label_key]:^{label}}"
        lines.append(f"{left:>{digits}} {bar_left:>{bar}} {band} {bar_right:<{bar}} {right}".rstrip())
    return "\n".join(lines)
