"""Make the default Word template, ``src/dangvien_cli/render/templates/report.docx`` (run it again after a
change).

The layout follows the Party's papers (Hướng dẫn 36-HD/VPTW on the format of Party documents): A4; margins
top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman; at the top left the organisation above
and the issuing one (in capitals, the issuer in bold), a star, the number and symbol; at the top right
"ĐẢNG CỘNG SẢN VIỆT NAM" in bold, underlined, and the place and date in italics; the kind of paper and its
subject centred; the body; "Nơi nhận" at the bottom left and the signature at the right. The fields are
docxtpl's (Jinja2), listed in docs/documents.md.

Usage: python scripts/make_docx_template.py
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TARGET = Path(__file__).resolve().parent.parent / "src/dangvien_cli/render/templates/report.docx"
FONT = "Times New Roman"


def _font(
    run: Any, *, size: float, bold: bool = False, italic: bool = False, underline: bool = False
) -> None:
    run.font.name = FONT
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    run.font.size = Pt(size)
    run.bold = bold or None
    run.italic = italic or None
    run.underline = underline or None


def _line(container: Any, text: str, *, size: float = 14, center: bool = True, **style: bool) -> Any:
    paragraph = container.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.space_before = Pt(0)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if text:
        _font(paragraph.add_run(text), size=size, **style)
    return paragraph


def _no_borders(table: Any) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "nil")
        borders.append(line)
    table._tbl.tblPr.append(borders)


def _two_columns(document: Any, left: float, right: float) -> tuple[Any, Any]:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    cells = table.rows[0].cells
    for cell, width in zip(cells, (left, right), strict=True):
        cell.width = Mm(width)
        cell._element.remove(cell.paragraphs[0]._element)  # each line is added below
    return cells[0], cells[1]


def main() -> None:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    normal.paragraph_format.space_after = Pt(3)

    issuer, party = _two_columns(document, 75, 90)
    _line(issuer, "{{ superior }}", size=13)
    _line(issuer, "{{ issuer }}", size=13, bold=True)
    _line(issuer, "*", size=13)
    _line(issuer, "{{ number }}", size=13)
    _line(party, "{{ party }}", size=14, bold=True, underline=True)
    _line(party, "", size=14)
    _line(party, "{{ place_date }}", size=14, italic=True)

    _line(document, "", size=14)
    _line(document, "{{ title }}", size=15, bold=True)
    _line(document, "{{ subject }}", size=14, bold=True)
    _line(document, "-----", size=14)
    _line(document, "", size=14)
    _line(document, "{{p body }}", center=False)

    recipients, signature = _two_columns(document, 80, 85)
    _line(recipients, "{{ recipients_title }}", size=12, center=False, bold=True, italic=True)
    _line(recipients, "{%p for line in recipients %}", size=11, center=False)
    _line(recipients, "{{ line }}", size=11, center=False)
    _line(recipients, "{%p endfor %}", size=11, center=False)
    _line(signature, "{{ signature_for }}", size=14, bold=True)
    _line(signature, "{{ signature_role }}", size=14, bold=True)
    for _ in range(4):
        _line(signature, "", size=14)
    _line(signature, "{{ signer }}", size=14, bold=True)

    document.core_properties.title = "dangvien"
    document.core_properties.author = "dangvien"
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(TARGET))
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
