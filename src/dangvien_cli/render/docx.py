"""Word documents to hand in (``--format docx``): a report laid out as the Party's papers are, from a
template.

The template (``templates/report.docx`` in this package, or an officer's own with ``--template``) is a Word
file with named fields (docxtpl, Jinja2 syntax): the heading (``superior``, ``issuer``, ``number``,
``place_date``), the kind of paper and its subject (``title``, ``subject``), the body (``{{p body }}``: the
report's tables, made here), the signature (``signature_for``, ``signature_role``, ``signer``) and the
report's own data (``data``, as in JSON). ``docs/documents.md`` lists every field. An officer changes the
layout in Word; the tables follow the template's page.

docxtpl (and python-docx, lxml, Jinja2) is imported only here, when a document is written.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from dangvien_cli.errors import InvalidValue
from dangvien_cli.messages import t
from dangvien_cli.render.cells import cell, header
from dangvien_cli.render.model import FIGURES, Column, Document, Row, Section, Shape, View

FONT = "Times New Roman"
TABLE_POINTS = 11  # the tables' text; a wide table a size smaller
WIDE_TABLE = 8


def default_template() -> Path:
    """The template shipped in the package."""
    return Path(str(resources.files("dangvien_cli.render") / "templates" / "report.docx"))


DOTS = "……"
"""What a draft leaves to be filled in by hand: a field the records do not hold."""


def place_date(on: date | None, place: str, lang: str) -> str:
    """``Móng Cái, ngày 31 tháng 10 năm 2022``; without a place, the date alone. As official papers write
    it, a day below 10 and the months 1 and 2 take a leading zero (``ngày 05 tháng 02``). Without a day (a
    draft's, not yet known), dotted lines: ``ngày …… tháng …… năm ……``."""
    if on is None:
        text = t("document.date", lang, day=DOTS, month=DOTS, year=DOTS)
        return f"{place}, {text}" if place else text[:1].upper() + text[1:]
    month = f"{on.month:02d}" if on.month < 3 or lang != "vi" else str(on.month)
    text = t("document.date", lang, day=f"{on.day:02d}", month=month, year=str(on.year))
    return f"{place}, {text}" if place else text[:1].upper() + text[1:]


def context(view: View, lang: str) -> dict[str, Any]:
    """The template's fields, but the body (see ``docs/documents.md``)."""
    document = view.document
    assert document is not None, "a document needs its heading"
    symbol = "ĐU" if document.committee else "CB"
    kind = document.kind if document.kind in ("report", "list", "resolution", "decision") else "report"
    number = (
        t("document.number_given", lang, number=document.number)
        if document.number
        else t("document.number", lang, symbol=f"{t(f'document.symbol.{kind}', lang)}/{symbol}")
    )
    recipients = list(document.recipients) or [
        t("document.recipient_above", lang),
        t("document.recipient_file", lang),
    ]
    signature_for = document.signature_for or (
        "document.for_committee" if document.committee else "document.for_cell"
    )
    return {
        "superior": document.superior.upper(),
        "issuer": document.issuer.upper(),
        "number": number,
        "party": t("document.party", lang),
        "place_date": place_date(document.on, document.place, lang),
        "title": t(f"document.title.{kind}", lang),
        "subject": document.subject.render(lang),
        "signature_for": t(signature_for, lang),
        "signature_role": t("document.secretary", lang),
        "signer": "",
        "recipients_title": t("document.recipients", lang),
        "recipients": recipients,
        "data": view.json() if view.shape is not Shape.list else None,
    }


def write(view: View, path: Path, lang: str) -> int:
    """Write ``view`` as a Word document at ``path``; returns the number of rows of its main table."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    template = view.template or default_template()
    try:
        document = DocxTemplate(str(template))
        document.init_docx()
    except Exception:  # python-docx raises several kinds for a file that is not a Word file
        raise InvalidValue("template", str(template), "document.not_word") from None
    rows = list(view.rows)
    body = document.new_subdoc()
    _Body(body.subdocx, lang).view(replace(view, rows=rows))
    fields = {**context(view, lang), "body": body}
    try:
        document.render(fields, autoescape=True)
    except TemplateError as error:
        raise InvalidValue("template", str(template), "document.bad_template", detail=str(error)) from None
    # made in memory, then written in one go: a full disk fails the write cleanly, not a half-closed zip file
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())
    return len(rows)


class _Body:
    """The report's tables, written into the document's body with python-docx."""

    def __init__(self, docx: Any, lang: str) -> None:
        self.docx = docx
        self.lang = lang

    def view(self, view: View) -> None:
        if view.shape is Shape.paper:
            for section in view.sections:
                self.section(section)
            return
        columns = _document_columns(view)
        rows = list(view.rows)
        total = view.total_row()
        self.table(columns, [*rows, total] if total is not None else rows, bold_last=total is not None)
        for section in view.sections:
            if section.rows:
                self.heading(section.title.render(self.lang))
                self.table(section.columns, section.rows)

    def section(self, section: Section) -> None:
        if not section.columns:
            self.paragraph(section.title.render(self.lang))
            return
        if not section.rows:
            named = replace(section.title, count=None).render(self.lang)
            empty = section.empty.render(self.lang) if section.empty is not None else ""
            self.heading(named)
            self.paragraph(empty, italic=True)
            return
        self.heading(section.title.render(self.lang))
        if section.pairs:
            row = section.rows[0]
            pairs = [
                {"field": header(c, self.lang), "value": cell(row, c, self.lang)} for c in section.columns
            ]
            self.table([Column("field"), Column("value")], pairs, show_header=False)
        else:
            self.table(section.columns, section.rows)

    def heading(self, text: str) -> None:
        paragraph = self.docx.add_paragraph()
        paragraph.paragraph_format.space_before = _points(6)
        paragraph.paragraph_format.keep_with_next = True
        _run(paragraph, text, bold=True)

    def paragraph(self, text: str, *, italic: bool = False) -> None:
        paragraph = self.docx.add_paragraph()
        _run(paragraph, text, italic=italic)

    def table(
        self,
        columns: Sequence[Column],
        rows: Sequence[Row],
        *,
        show_header: bool = True,
        bold_last: bool = False,
    ) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        size = TABLE_POINTS - 1 if len(columns) > WIDE_TABLE else TABLE_POINTS
        table = self.docx.add_table(rows=0, cols=len(columns))
        _borders(table)
        if show_header:
            cells = table.add_row().cells
            for target, column in zip(cells, columns, strict=True):
                paragraph = target.paragraphs[0]
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _run(paragraph, header(column, self.lang), bold=True, size=size)
            _repeat_header(table.rows[0])
        for index, row in enumerate(rows):
            overdue = bool(row.get("overdue"))
            bold = (bold_last and index == len(rows) - 1) or overdue
            cells = table.add_row().cells
            for target, column in zip(cells, columns, strict=True):
                paragraph = target.paragraphs[0]
                if column.kind in FIGURES:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                _run(paragraph, cell(row, column, self.lang), bold=bold, size=size)
        self.docx.add_paragraph()


def _document_columns(view: View) -> list[Column]:
    """A report's columns on paper: those a terminal shows, and the organisation's name beside its code."""
    shown = view.terminal_columns()
    names = [c for c in view.columns if c.key == "name" and not c.terminal]
    if names and shown and shown[0].key == "org":
        return [shown[0], names[0], *shown[1:]]
    return shown


def _points(value: float) -> Any:
    from docx.shared import Pt

    return Pt(value)


def _run(
    paragraph: Any, text: str, *, bold: bool = False, italic: bool = False, size: float | None = None
) -> Any:
    """A run of ``text`` in Times New Roman (every script of the font, so Word keeps it for Vietnamese)."""
    from docx.oxml.ns import qn

    run = paragraph.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    run.font.name = FONT
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    if size is not None:
        run.font.size = _points(size)
    return run


def _borders(table: Any) -> None:
    """Single lines around every cell, set on the table itself (an officer's template may lack a grid
    style)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "4")
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "000000")
        borders.append(line)
    properties.append(borders)


def _repeat_header(row: Any) -> None:
    """The header row again at the top of every page the table runs over."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(repeat)


__all__ = ["Document", "context", "default_template", "place_date", "write"]
