"""What an officer hands up: workbooks ready to print, and Word documents laid out as the Party's papers are.

Every workbook is opened with openpyxl (widths, frozen and repeated headers, filters, A4 one page wide,
number formats, the hidden helper sheet, overdue rows filled); every document with python-docx (the heading
lines, the title, the tables, the signature)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from docx import Document as WordDocument
from openpyxl import load_workbook

from tests.ward_data import build_ward, invoke


@pytest.fixture(scope="module")
def ward(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_ward(tmp_path_factory.mktemp("ward"))


def written(ward: Path, tmp_path: Path, name: str, *args: str, lang: str = "vi") -> Path:
    path = tmp_path / name
    result = invoke(ward, "--lang", lang, *args, "-o", str(path))
    assert result.exit_code == 0, result.stderr
    assert path.exists()
    return path


def _printable(sheet: Any, header_row: int) -> None:
    """Frozen under its header, the header repeated on each page, A4 one page wide."""
    assert sheet.freeze_panes == f"A{header_row + 1}"
    assert sheet.print_title_rows == f"${header_row}:${header_row}"
    assert sheet.page_setup.paperSize == 9  # A4
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage


# --- workbooks -------------------------------------------------------------------------------------------


def test_quota_workbook(ward: Path, tmp_path: Path) -> None:
    path = written(ward, tmp_path, "q.xlsx", "report", "quota", "--year", "2022", "--org", "MC",
                   "--at", "2022-10-31", "-f", "xlsx")  # fmt: skip
    sheet = load_workbook(path)["quota"]
    assert sheet["A1"].value.startswith("Đảng bộ thành phố Móng Cái: kết quả thực hiện chỉ tiêu")
    assert "31/10/2022" in sheet["A1"].value
    headers = [c.value for c in sheet[2]]
    assert headers[:4] == ["Tổ chức", "Tên", "Chỉ tiêu", "Đã kết nạp"]
    _printable(sheet, 2)
    assert sheet.page_setup.orientation == "landscape"  # 16 columns
    names = [sheet.cell(row=r, column=2).value or "" for r in range(3, sheet.max_row + 1)]
    widest = max(len(str(name)) for name in names)
    assert sheet.column_dimensions["B"].width >= widest  # the names fit their column
    percent = sheet.cell(row=3, column=headers.index("% chỉ tiêu") + 1)
    assert percent.number_format == "0.0%"  # 107,7% in a Vietnamese Excel
    assert isinstance(percent.value, int | float)
    assert percent.value <= 5  # a fraction, not 107.7
    count = sheet.cell(row=3, column=3)
    assert count.number_format == "#,##0"
    assert sheet.cell(row=sheet.max_row, column=1).font.b  # the totals


def test_ageing_workbook_hides_the_pyramid_points(ward: Path, tmp_path: Path) -> None:
    path = written(ward, tmp_path, "a.xlsx", "report", "ageing", "--org", "MC", "--by", "base",
                   "--at", "2022-12-31", "-f", "xlsx")  # fmt: skip
    workbook = load_workbook(path)
    sheet = workbook["ageing"]
    _printable(sheet, 2)
    helper = workbook["chart_data"]
    assert helper.sheet_state == "hidden"
    men = [row[1] for row in helper.iter_rows(min_row=2, values_only=True)]
    assert men
    assert all(isinstance(n, int) and n <= 0 for n in men)  # men as negative numbers, out of sight
    visible = [v for row in sheet.iter_rows(min_row=3, values_only=True) for v in row if isinstance(v, int)]
    assert all(v >= 0 for v in visible)
    assert len(sheet._charts) == 1  # type: ignore[attr-defined]


def test_monthly_workbook_marks_overdue_items(ward: Path, tmp_path: Path) -> None:
    path = written(ward, tmp_path, "m.xlsx", "report", "monthly", "--cell", "TP-K4", "--month", "2022-12",
                   "-f", "xlsx")  # fmt: skip
    workbook = load_workbook(path)
    summary = workbook["summary"]
    assert summary["A1"].value.startswith("Báo cáo sinh hoạt chi bộ tháng 12/2022")
    assert summary.column_dimensions["A"].width >= len("- trong đó chính thức")
    due = workbook["due"]
    _printable(due, 2)
    headers = [c.value for c in due[2]]
    assert "Quá hạn" in headers
    marked = [row for row in due.iter_rows(min_row=3) if row[headers.index("Quá hạn")].value == "Quá hạn"]
    data = json.loads(
        invoke(ward, "report", "monthly", "--cell", "TP-K4", "--month", "2022-12", "-f", "json").stdout
    )
    assert len(marked) == sum(1 for item in data["due"] if item["overdue"])
    for row in marked:
        assert row[0].fill.fgColor.rgb.endswith("FFC7CE")  # filled red


def test_due_workbook_and_list(ward: Path, tmp_path: Path) -> None:
    path = written(ward, tmp_path, "d.xlsx", "due", "--org", "TP", "--at", "2022-12-31", "-f", "xlsx")
    sheet = load_workbook(path).active
    assert sheet is not None
    assert sheet["A1"].value.startswith("Đảng bộ phường Trần Phú: việc đến hạn (ngày 31/12/2022)")
    _printable(sheet, 2)
    assert sheet.auto_filter.ref is not None
    assert sheet.auto_filter.ref.startswith("A2:")
    assert sheet["A3"].number_format == "DD/MM/YYYY"


def test_export_workbook_reads_for_people_and_imports_back(ward: Path, tmp_path: Path) -> None:
    path = written(ward, tmp_path, "members.xlsx", "export", "members", "--format", "xlsx")
    sheet = load_workbook(path).active
    assert sheet is not None
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["Số CCCD", "Họ và tên", "Họ"]  # the run's language, as import reads them back
    _printable(sheet, 1)
    assert sheet.auto_filter.ref is not None
    assert sheet.column_dimensions["B"].width > 15
    english = written(ward, tmp_path, "en.xlsx", "export", "members", "--format", "xlsx", lang="en")
    english_sheet = load_workbook(english).active
    assert english_sheet is not None
    assert [c.value for c in english_sheet[1]][:2] == ["Citizen ID", "Full name"]
    # and back in: a dry run of the file finds every row already there
    for exported in (path, english):
        result = invoke(ward, "import", "members", str(exported), "--dry-run", "--format", "json")
        assert result.exit_code == 0, result.stderr
        summary = json.loads(result.stdout)
        assert summary["errors"] == 0
        assert summary["created"] == 0


# --- documents -------------------------------------------------------------------------------------------


def _text(document: Any) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def test_monthly_document(ward: Path, tmp_path: Path) -> None:
    path = written(ward, tmp_path, "m.docx", "report", "monthly", "--cell", "TP-K1", "--month", "2022-10",
                   "-f", "docx")  # fmt: skip
    document = WordDocument(str(path))
    heading = [cell.text for cell in document.tables[0].rows[0].cells]
    assert heading[0].splitlines()[:3] == ["ĐẢNG BỘ PHƯỜNG TRẦN PHÚ", "CHI BỘ KHU 1", "*"]
    assert "-BC/CB" in heading[0]
    assert heading[1].splitlines()[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert heading[1].splitlines()[-1] == "Ngày 31 tháng 10 năm 2022"  # no place set: the date alone
    text = _text(document)
    assert "BÁO CÁO" in text
    assert "Sinh hoạt chi bộ tháng 10/2022" in text
    for section in ("Tổng hợp", "Quần chúng ưu tú (cuối tháng)", "Việc đến hạn tháng sau"):
        assert section in text
    assert "T/M CHI BỘ" in text
    assert "BÍ THƯ" in text
    candidates = json.loads(
        invoke(ward, "report", "monthly", "--cell", "TP-K1", "--month", "2022-10", "-f", "json").stdout
    )["candidates"]
    tables = [[[c.text for c in row.cells] for row in table.rows] for table in document.tables]
    listed = next(t for t in tables if t[0][:2] == ["Số quần chúng", "Họ và tên"])
    assert [row[1] for row in listed[1:]] == [c["full_name"] for c in candidates]
    summary = next(t for t in tables if t and t[0][0] == "Đảng viên đầu tháng")
    assert summary[0][1].isdigit()
    page = document.sections[0]
    assert page.page_width is not None
    assert page.left_margin is not None
    assert page.right_margin is not None
    assert round(page.page_width.mm) == 210
    assert round(page.left_margin.mm) == 30
    assert round(page.right_margin.mm) == 15
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_quota_ageing_and_due_documents(ward: Path, tmp_path: Path) -> None:
    quota = WordDocument(str(written(ward, tmp_path, "q.docx", "report", "quota", "--year", "2022",
                                     "--org", "TP", "--at", "2022-10-31", "-f", "docx")))  # fmt: skip
    text = _text(quota)
    assert "ĐẢNG BỘ PHƯỜNG TRẦN PHÚ" in text
    assert "T/M ĐẢNG ỦY" in text  # a đảng bộ's committee signs
    assert "Kết quả thực hiện chỉ tiêu kết nạp đảng viên năm 2022 (đến ngày 31/10/2022)" in text
    table = next(t for t in quota.tables if t.rows[0].cells[0].text == "Tổ chức")
    assert table.rows[0].cells[1].text == "Tên"  # the names beside the codes
    assert any("%" in cell.text for cell in table.rows[1].cells)
    ageing = WordDocument(str(written(ward, tmp_path, "a.docx", "report", "ageing", "--org", "MC",
                                      "--at", "2022-12-31", "-f", "docx")))  # fmt: skip
    assert "Cơ cấu độ tuổi đảng viên (ngày 31/12/2022)" in _text(ageing)
    due = WordDocument(str(written(ward, tmp_path, "d.docx", "due", "--org", "TP", "--at", "2022-12-31",
                                   "-f", "docx")))  # fmt: skip
    due_text = _text(due)
    assert "DANH SÁCH" in due_text
    assert "Quá hạn" in due_text
    english = WordDocument(str(written(ward, tmp_path, "e.docx", "due", "--org", "TP", "--at", "2022-12-31",
                                       "-f", "docx", lang="en")))  # fmt: skip
    assert "COMMUNIST PARTY OF VIETNAM" in _text(english)
    assert "Overdue" in _text(english)


def test_a_document_needs_a_file_and_takes_an_officers_template(ward: Path, tmp_path: Path) -> None:
    refused = invoke(ward, "report", "monthly", "--cell", "TP-K1", "--month", "2022-10", "-f", "docx")
    assert refused.exit_code == 1
    assert "docx" in refused.stderr
    template = tmp_path / "mine.docx"
    own = WordDocument()
    own.add_paragraph("{{ issuer }} — {{ place_date }}")
    own.add_paragraph("{{p body }}")
    own.add_paragraph("Ký: {{ signature_role }} {{ data.cell_name }}")
    own.save(str(template))
    path = written(ward, tmp_path, "mine-out.docx", "report", "monthly", "--cell", "TP-K1", "--month",
                   "2022-10", "-f", "docx", "--template", str(template))  # fmt: skip
    text = _text(WordDocument(str(path)))
    assert "CHI BỘ KHU 1 — Ngày 31 tháng 10 năm 2022" in text
    assert "Ký: BÍ THƯ Chi bộ khu 1" in text
    assert "Tổng hợp" in text
    broken = tmp_path / "broken.docx"
    broken.write_text("not a Word file", encoding="utf-8")
    bad = invoke(ward, "report", "monthly", "--cell", "TP-K1", "--month", "2022-10", "-f", "docx",
                 "-o", str(tmp_path / "x.docx"), "--template", str(broken))  # fmt: skip
    assert bad.exit_code == 1
    assert "broken.docx" in bad.stderr
    assert not (tmp_path / "x.docx").exists()


def test_the_place_comes_from_the_settings(
    ward: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text('place_name = "Móng Cái"\n', encoding="utf-8")
    path = tmp_path / "p.docx"
    from typer.testing import CliRunner

    from dangvien_cli.cli.app import app
    from tests.ward_data import _env

    env = {**_env(), "DANGVIEN_SETTINGS": str(settings)}
    args = ["--db", str(ward), "report", "monthly", "--cell", "TP-K1", "--month", "2022-10", "-f", "docx",
            "-o", str(path)]  # fmt: skip
    result = CliRunner().invoke(app, args, env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert "Móng Cái, ngày 31 tháng 10 năm 2022" in _text(WordDocument(str(path)))
