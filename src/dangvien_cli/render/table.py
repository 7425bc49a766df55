"""Tables for people, drawn by rich: codes with their labels, dates the Vietnamese way in Vietnamese.

Lists and records are boxed; reports and the monthly paper use light lines so that a wide report still fits
80 columns. Every value is wrapped in rich's ``Text``, never read as markup: a name like ``An [chuyển đi]``
shows as typed. On a terminal the table fits the window; piped or written to a file it gets a wide page, so
that names and dates are not folded in files and pagers.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, TextIO

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from dangvien_cli.messages import t
from dangvien_cli.render.cells import cell, header
from dangvien_cli.render.model import FIGURES, Chart, Column, Row, Section, Shape, View

FILE_WIDTH = 160


def console(out: TextIO) -> Console:
    """A console on ``out``: on a terminal, its own width; piped, ``COLUMNS`` or a wide page; a file, a wide
    page."""
    if out is sys.stdout:
        if sys.stdout.isatty():
            return Console()
        return Console(width=int(os.environ.get("COLUMNS", str(FILE_WIDTH))))
    return Console(file=out, width=FILE_WIDTH)


def write(view: View, out: TextIO, lang: str) -> int:
    """Draw ``view`` on ``out``; returns the number of rows of its main table."""
    target = console(out)
    rows = list(view.rows)
    for part in parts(view, rows, lang):
        if isinstance(part, str):
            target.print(part, markup=False, highlight=False, soft_wrap=True)
        else:
            target.print(part)
    return len(rows)


def parts(view: View, rows: list[Row], lang: str) -> list[Any]:
    """What is printed, in order."""
    if view.tree is not None:
        return [_tree(view, rows, lang)]
    if view.shape is Shape.paper:
        heading = [Text(view.title.render(lang), style="bold")] if view.title is not None else []
        return heading + [_section(s, lang, boxed=False) for s in view.sections if s.rows or s.empty]
    if view.shape is Shape.record:
        return [_section(s, lang, boxed=True) for s in view.sections if s.rows or s.empty or not s.columns]
    title = view.title.render(lang) if view.title is not None else None
    if view.shape is Shape.list:
        out: list[Any] = [_boxed(title, view.columns, rows, lang)]
        out += [_section(s, lang, boxed=True) for s in view.sections if s.rows or s.empty]
    else:
        out = [_report(title, view.terminal_columns(), rows, view.total_row(), lang)]
        out += [_report(s.title.render(lang), s.columns, s.rows, None, lang) for s in view.sections if s.rows]
    if view.chart is not None and view.chart.kind == "pyramid" and view.chart.data:
        out.append(_pyramid(view.chart, lang))
    return out


def _boxed(title: str | None, columns: Sequence[Column], rows: Sequence[Row], lang: str) -> Table:
    table = Table(title=Text(title) if title is not None else None, title_justify="left")
    for column in columns:
        table.add_column(
            header(column, lang),
            justify="right" if column.kind in FIGURES else "left",
            no_wrap=not column.wrap,
        )
    for row in rows:
        table.add_row(*(Text(cell(row, c, lang)) for c in columns))
    return table


def _report(
    title: str | None, columns: Sequence[Column], rows: Sequence[Row], total: Row | None, lang: str
) -> Table:
    """Light borders and no edge padding, so that a wide report still fits 80 columns; figures never lose
    digits to an ellipsis (their columns are as wide as their longest value), headers wrap instead, except
    where the column keeps to one line (age bands such as "18-30" read badly broken)."""
    table = Table(
        title=Text(title) if title is not None else None,
        title_justify="left",
        show_footer=total is not None,
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    everything = [*rows, total] if total is not None else list(rows)
    for column in columns:
        widest = max((len(cell(row, column, lang)) for row in everything), default=0)
        label = header(column, lang)
        min_width = widest if column.kind in FIGURES or column.key == "org" else None
        table.add_column(
            label,
            footer=Text(cell(total, column, lang)) if total is not None else "",
            justify="right" if column.kind in FIGURES else "left",
            min_width=max(widest, len(label)) if not column.wrap else min_width,
            overflow="fold",
        )
    for row in rows:
        table.add_row(*(Text(cell(row, c, lang)) for c in columns))
    return table


def _section(section: Section, lang: str, *, boxed: bool) -> Any:
    title = section.title.render(lang)
    if not section.columns:
        return title
    if not section.rows:  # named without its count: "Kết nạp trong tháng: Không có."
        named = replace(section.title, count=None).render(lang)
        return Text(f"{named}: {section.empty.render(lang) if section.empty else ''}")
    if section.pairs:
        return _pairs(title, section.columns, section.rows[0], lang, boxed=boxed)
    if boxed:
        return _boxed(title, section.columns, section.rows, lang)
    table = Table(title=Text(title), title_justify="left", box=box.SIMPLE_HEAD)
    for column in section.columns:
        table.add_column(header(column, lang), justify="right" if column.kind in FIGURES else "left")
    for row in section.rows:
        table.add_row(*(Text(cell(row, c, lang)) for c in section.columns))
    return table


def _pairs(title: str, columns: Sequence[Column], row: Row, lang: str, *, boxed: bool) -> Table:
    """One row as field/value lines: a record in a box, or a paper's figures with the values aligned."""
    if boxed:
        table = Table(title=Text(title), title_justify="left", show_header=False)
        table.add_column(t("label.field", lang), style="bold")
        table.add_column(t("label.value", lang))
    else:
        table = Table(title=Text(title), title_justify="left", show_header=False, box=box.SIMPLE)
        table.add_column(style="bold")
        table.add_column(justify="right")
    for column in columns:
        table.add_row(Text(header(column, lang)), Text(cell(row, column, lang)))
    return table


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


def _pyramid(chart: Chart, lang: str) -> str:
    """An age pyramid drawn with blocks: the first series (as negative numbers) to the left, the second to
    the right, the youngest band at the bottom."""
    assert chart.data is not None
    left_key, right_key = chart.value_keys
    points = list(chart.data)
    widest = max([max(-p[left_key], p[right_key]) for p in points] + [1])
    lines = [chart.title.render(lang)]
    for point in reversed(points):
        left, right = -point[left_key], point[right_key]
        bar_left = "█" * round(left * 30 / widest)
        bar_right = "█" * round(right * 30 / widest)
        lines.append(f"{left:>6} {bar_left:>30} {point[chart.label_key]:^7} {bar_right:<30} {right}")
    return "\n".join(lines)
