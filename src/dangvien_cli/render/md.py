"""Markdown: a report or a paper to paste into a written report or a wiki.

A report is its title (``###``) and table, the totals in bold on the last line, then its sections under
titles of the same level; a paper is its title (``#``), then each section (``##``): field/value pairs, a
table, or what to say when there is nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TextIO

from dangvien_cli.render.cells import cell, header
from dangvien_cli.render.model import FIGURES, Column, Row, Section, Shape, View


def write(view: View, out: TextIO, lang: str) -> int:
    """Write ``view`` as Markdown to ``out``; returns the number of rows of its main table."""
    blocks: list[str] = []
    count = 0
    if view.shape in (Shape.paper, Shape.record):
        if view.title is not None and view.shape is Shape.paper:
            blocks.append(f"# {view.title.render(lang)}\n")
        level = "##" if view.shape is Shape.paper else "###"
        blocks += [_section(section, level, lang) for section in view.sections]
    else:
        rows = list(view.rows)
        count = len(rows)
        total = view.total_row()
        title = f"### {view.title.render(lang)}\n\n" if view.title is not None else ""
        blocks.append(title + _table(view.columns, rows, lang, total))
        blocks += [_section(section, "###", lang) for section in view.sections if section.rows]
    out.write("\n".join(block for block in blocks if block))
    return count


def _escaped(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(columns: Sequence[Column], rows: Iterable[Row], lang: str, total: Row | None = None) -> str:
    lines = [
        "| " + " | ".join(_escaped(header(c, lang)) for c in columns) + " |",
        "|" + "|".join("---:" if c.kind in FIGURES else "---" for c in columns) + "|",
    ]
    lines += ["| " + " | ".join(_escaped(cell(row, c, lang)) for c in columns) + " |" for row in rows]
    if total is not None:
        cells = [_escaped(cell(total, c, lang)) for c in columns]
        lines.append("| " + " | ".join(f"**{text}**" if text else "" for text in cells) + " |")
    return "\n".join(lines) + "\n"


def _section(section: Section, level: str, lang: str) -> str:
    title = f"{level} {section.title.render(lang)}\n\n"
    if not section.columns:
        return f"{section.title.render(lang)}\n"
    if not section.rows:
        return title + f"_{section.empty.render(lang)}_\n" if section.empty is not None else ""
    if section.pairs:
        row = section.rows[0]
        lines = ["| | |", "|---|---:|"]
        lines += [
            f"| {_escaped(header(c, lang))} | {_escaped(cell(row, c, lang))} |" for c in section.columns
        ]
        return title + "\n".join(lines) + "\n"
    return title + _table(section.columns, section.rows, lang)
