"""The one renderer: a value object (render.model.View) written by one module per format, and the output
options every list and report shares."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from dangvien_cli.cli.output import emit
from dangvien_cli.domain.vocab import Stage
from dangvien_cli.errors import InvalidValue
from dangvien_cli.render import csv as render_csv
from dangvien_cli.render import json as render_json
from dangvien_cli.render import md, table
from dangvien_cli.render import xlsx as render_xlsx
from dangvien_cli.render.formats import OutputFormat, write
from dangvien_cli.render.model import (
    Chart,
    Column,
    Kind,
    Section,
    Shape,
    Title,
    View,
    list_view,
    record_view,
)
from tests.conftest import Run

SRC = Path(__file__).resolve().parent.parent / "src"

COLUMNS = [
    Column("org"),
    Column("stage", codes=Stage),  # a domain vocabulary
    Column("kind", codes="due"),  # a catalogue prefix
    Column("admitted", Kind.int),
    Column("share", Kind.percent),
    Column("on", Kind.date),
    Column("note", terminal=False),
]
ROWS: list[dict[str, Any]] = [
    {
        "org": "TP",
        "stage": "trained",
        "kind": "ceremony_due",
        "admitted": 14,
        "share": 107.7,
        "on": "2022-10-31",
        "note": "=1+2",
    },
    {"org": "K2", "stage": "applied", "kind": None, "admitted": 2, "share": None, "on": None, "note": "x"},
]


def report() -> View:
    return View(
        Shape.report,
        title=Title(
            "report.quota_title",
            {"year": 2022, "at": date(2022, 10, 31), "org": Title(text="Đảng bộ phường Trần Phú")},
        ),
        columns=COLUMNS,
        rows=[dict(row) for row in ROWS],
        totals={"admitted": 16, "share": 123.1},
        sections=[
            Section("extra", Title(text="Phụ lục"), [Column("org"), Column("admitted", Kind.int)], ROWS)
        ],
        chart=Chart("bar", Title("report.quota_chart"), "org", ("admitted",)),
        data={"year": 2022},
        name="quota",
    )


def paper() -> View:
    figures = [Column("members", Kind.int, label=Title("monthly.summary.members_at_start"))]
    listed = [Column("full_name"), Column("birth_date", Kind.date)]
    return View(
        Shape.paper,
        title=Title(text="Báo cáo tháng"),
        sections=[
            Section("summary", Title("monthly.section.summary"), figures, [{"members": 23}], pairs=True),
            Section(
                "joined",
                Title("monthly.section.joined", count=1),
                listed,
                [{"full_name": "Ngô Thị Lan", "birth_date": "2001-02-02"}],
                empty=Title("monthly.none"),
            ),
            Section("left", Title("monthly.section.left", count=0), listed, [], empty=Title("monthly.none")),
        ],
        data={"cell": "HP", "joined": [{"full_name": "Ngô Thị Lan"}], "quota": None, "by": {"a": 1}},
        name="monthly",
    )


def text_of(view: View, fmt: OutputFormat, lang: str = "vi") -> str:
    out = io.StringIO()
    if fmt is OutputFormat.table:
        table.write(view, out, lang)
    elif fmt is OutputFormat.md:
        md.write(view, out, lang)
    elif fmt is OutputFormat.csv:
        render_csv.write(view, out)
    else:
        render_json.write(view, out)
    return out.getvalue()


# --- one writer of each kind -----------------------------------------------------------------------------


@pytest.mark.parametrize("pattern", ["csv.writer", "Workbook("])
def test_each_writer_is_in_exactly_one_module(pattern: str) -> None:
    modules = [
        path.relative_to(SRC).as_posix()
        for path in SRC.rglob("*.py")
        if re.search(pattern.replace("(", r"\("), path.read_text(encoding="utf-8"))
    ]
    assert len(modules) == 1, modules


# --- the formats, on a small report ------------------------------------------------------------------------


def test_table_translates_codes_and_shows_dates_and_percentages_for_people() -> None:
    vi = text_of(report(), OutputFormat.table)
    assert vi.startswith(
        "Đảng bộ phường Trần Phú: kết quả thực hiện chỉ tiêu kết nạp đảng viên năm 2022 (đến ngày 31/10/2022)"
    )
    assert "Cảm tình Đảng (đã học lớp)" in vi
    assert "Đã làm đơn" in vi
    assert "Tổ chức lễ kết nạp" in vi  # the catalogue's due.ceremony_due
    assert "107,7%" in vi
    assert "31/10/2022" in vi
    assert "=1+2" not in vi  # a column a terminal may leave out
    assert re.search(r"Tổng cộng\s.*\s16\s+123,1%", vi)  # the totals as the footer, in the language
    assert "Phụ lục" in vi  # the section under the main table
    en = text_of(report(), OutputFormat.table, "en")
    assert "Trained" in en
    assert "Ceremony to hold" in en
    assert "107.7%" in en
    assert "31/10/2022" in en  # day first in English too
    assert "2022-10-31" not in en


def test_json_of_a_report_is_rows_totals_and_its_keys() -> None:
    assert json.loads(text_of(report(), OutputFormat.json)) == {
        "rows": ROWS,
        "totals": {"admitted": 16, "share": 123.1},
        "year": 2022,
    }


def test_csv_of_a_report_carries_every_column_and_the_totals_neutralised() -> None:
    lines = text_of(report(), OutputFormat.csv).splitlines()
    assert lines == [
        "org,stage,kind,admitted,share,on,note",
        "TP,trained,ceremony_due,14,107.7,2022-10-31,'=1+2",
        "K2,applied,,2,,,x",
        "TOTAL,,,16,123.1,,",
    ]


def test_markdown_of_a_report_has_bold_totals_and_its_sections() -> None:
    text = text_of(report(), OutputFormat.md)
    assert text.startswith("### Đảng bộ phường Trần Phú: kết quả thực hiện chỉ tiêu kết nạp đảng viên")
    assert "|---|---|---|---:|---:|---|---|" in text
    assert "| TP | Cảm tình Đảng (đã học lớp) | Tổ chức lễ kết nạp | 14 | 107,7% | 31/10/2022 | =1+2 |" in (
        text
    )
    assert "| **Tổng cộng** |  |  | **16** | **123,1%** |  |  |" in text
    assert "\n\n### Phụ lục\n\n| Tổ chức | Đã kết nạp |\n|---|---:|\n| TP | 14 |\n" in text
    assert text.endswith("|\n")
    assert not text.endswith("\n\n")


def test_xlsx_of_a_report(tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    assert render_xlsx.write(report(), path, "vi") == 2
    sheet = load_workbook(path)["quota"]
    assert sheet["A1"].value.startswith("Đảng bộ phường Trần Phú: kết quả")
    assert sheet["A1"].font.b
    assert [c.value for c in sheet[2]] == [
        "Tổ chức",
        "Giai đoạn",
        "Loại",
        "Đã kết nạp",
        "share",
        "on",
        "note",
    ]
    assert sheet.freeze_panes == "A3"
    assert sheet.print_title_rows == "$2:$2"
    assert sheet["B3"].value == "Cảm tình Đảng (đã học lớp)"
    assert sheet["A3"].number_format == "@"
    assert sheet["F3"].is_date
    assert sheet["F3"].number_format == "DD/MM/YYYY"
    assert sheet["E3"].value == 1.077  # a fraction shown as a percentage: 107,7% in a Vietnamese Excel
    assert sheet["E3"].number_format == "0.0%"
    assert sheet["G3"].value == "=1+2"
    assert sheet["G3"].data_type == "s"
    assert sheet["A5"].value == "TOTAL"
    assert sheet["D5"].value == 16
    assert sheet["D5"].font.b
    assert len(sheet._charts) == 1  # type: ignore[attr-defined]


# --- a paper, a record, a list ------------------------------------------------------------------------------


def test_a_paper_in_each_format(tmp_path: Path) -> None:
    shown = text_of(paper(), OutputFormat.table)
    assert shown.startswith("Báo cáo tháng\n")
    assert "Đảng viên đầu tháng" in shown
    assert "23" in shown
    assert "Kết nạp trong tháng (1)" in shown
    assert "02/02/2001" in shown
    assert "Ra khỏi danh sách: Không có." in shown  # an empty list named without its count
    assert text_of(paper(), OutputFormat.md) == (
        "# Báo cáo tháng\n\n## Tổng hợp\n\n| | |\n|---|---:|\n| Đảng viên đầu tháng | 23 |\n\n"
        "## Kết nạp trong tháng (1)\n\n| Họ và tên | Ngày sinh |\n|---|---|\n| Ngô Thị Lan | 02/02/2001 |\n\n"
        "## Ra khỏi danh sách (0)\n\n_Không có._\n"
    )
    assert text_of(paper(), OutputFormat.csv).splitlines() == [
        "section,row,field,value",
        "summary,,cell,HP",
        "joined,0,full_name,Ngô Thị Lan",
        "summary,,quota,",
        "by,,a,1",
    ]
    path = tmp_path / "paper.xlsx"
    render_xlsx.write(paper(), path, "vi")
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["summary", "joined", "left"]
    assert workbook["summary"]["A1"].value == "Báo cáo tháng"
    assert workbook["summary"]["B2"].value == 23
    assert workbook["joined"]["A1"].value == "Kết nạp trong tháng"
    assert workbook["joined"]["B3"].is_date
    assert [c.value for c in workbook["left"][2]] == ["Họ và tên", "Ngày sinh"]  # an empty list: its header


def test_a_record_is_field_value_pairs_then_its_sections() -> None:
    data = {
        "id": 3,
        "full_name": "Lê Văn Hùng",
        "stage": "applied",
        "birth_date": "1971-11-20",
        "youth_union": False,
        "memberships": [{"cell": "HP", "start_on": "2001-09-02"}],
    }
    history = [Column("cell"), Column("start_on", Kind.date)]
    view = record_view(
        data, Title(text="Lê Văn Hùng"), {"stage": Stage}, [("memberships", Title(text="Lịch sử"), history)]
    )
    shown = text_of(view, OutputFormat.table)
    assert re.search(r"Giai đoạn\s+│ Đã làm đơn", shown)
    assert re.search(r"Đoàn viên\s+│ không", shown)
    assert "20/11/1971" in shown
    assert "Lịch sử" in shown
    assert "02/09/2001" in shown
    assert json.loads(text_of(view, OutputFormat.json)) == data
    header, line = text_of(view, OutputFormat.csv).splitlines()
    assert header == "id,full_name,stage,birth_date,youth_union,memberships"
    assert line.endswith(',false,"[{""cell"": ""HP"", ""start_on"": ""2001-09-02""}]"')


def test_a_records_whole_numbers_read_the_languages_way_and_its_id_and_year_keep_their_digits() -> None:
    data = {"id": 12345, "code": "MC", "year": 2024, "population": 108553, "members": 4354}
    view = record_view(data, Title(text="Móng Cái"))
    vi, en = text_of(view, OutputFormat.table), text_of(view, OutputFormat.table, "en")
    assert re.search(r"Dân số\s+│ 108\.553", vi)
    assert re.search(r"Population\s+│ 108,553", en)
    assert "4.354" in vi
    assert "12345" in vi  # an id names a record: never grouped
    assert "2024" in vi
    assert json.loads(text_of(view, OutputFormat.json)) == data  # scripts get the numbers as numbers
    assert text_of(view, OutputFormat.csv).splitlines()[1] == "12345,MC,2024,108553,4354"


def test_a_list_counts_its_rows_and_carries_every_key_in_csv() -> None:
    view = list_view(
        Title("title.members"),
        [{"id": 1, "full_name": "Nguyễn Văn An", "citizen_id": "022"}],
        [Column("id"), Column("full_name")],
    )
    assert text_of(view, OutputFormat.table).startswith("Đảng viên (1)")
    assert text_of(view, OutputFormat.csv) == "id,full_name,citizen_id\n1,Nguyễn Văn An,022\n"
    empty = list_view(Title("title.members"), [], [Column("id"), Column("full_name")])
    assert text_of(empty, OutputFormat.csv) == "id,full_name\n"
    assert text_of(empty, OutputFormat.json) == "[]\n"


# --- streaming, closing, files ------------------------------------------------------------------------------


def _streamed(out: io.StringIO, count: int) -> Iterator[dict[str, Any]]:
    """Rows that check, as each is asked for, that the ones before it are already written."""
    for index in range(count):
        assert out.getvalue().count("\n") >= index, "the writer held rows back"
        yield {"code": f"C{index}", "name": "=x" if index == 1 else "tên"}


@pytest.mark.parametrize("fmt", [OutputFormat.csv, OutputFormat.json])
def test_a_list_in_the_import_format_streams(fmt: OutputFormat) -> None:
    out = io.StringIO()
    view = View(Shape.list, columns=[Column("code"), Column("name")], rows=_streamed(out, 50), exchange=True)
    count = (render_csv if fmt is OutputFormat.csv else render_json).write(view, out)
    assert count == 50
    if fmt is OutputFormat.json:
        lines = out.getvalue().splitlines()
        assert lines[0] == "["
        assert lines[1] == '{"code": "C0", "name": "tên"},'
        assert lines[-1] == "]"
    else:
        assert out.getvalue().splitlines()[2] == "C1,'=x"


def test_the_rows_are_closed_when_a_writer_stops_half_way(tmp_path: Path) -> None:
    closed = []

    def rows() -> Iterator[dict[str, Any]]:
        try:
            yield {"name": "An"}
            yield {"name": "bad\x01"}  # XML cannot hold it: the workbook is refused
            yield {"name": "never read"}
        finally:
            closed.append(True)

    view = View(Shape.list, columns=[Column("name")], rows=rows(), exchange=True)
    path = tmp_path / "out.xlsx"
    with pytest.raises(InvalidValue):
        emit(view, OutputFormat.xlsx, "vi", output=path)
    assert closed == [True]
    assert not path.exists()


def test_csv_files_in_the_import_format_start_with_a_bom(tmp_path: Path) -> None:
    exported, listed = tmp_path / "export.csv", tmp_path / "list.csv"
    write(
        View(Shape.list, columns=[Column("code")], rows=[{"code": "TP"}], exchange=True),
        OutputFormat.csv,
        "vi",
        exported,
    )
    write(View(Shape.list, columns=[Column("code")], rows=[{"code": "TP"}]), OutputFormat.csv, "vi", listed)
    assert exported.read_bytes() == "\ufeffcode\nTP\n".encode()
    assert listed.read_bytes() == b"code\nTP\n"


def test_redaction_reaches_rows_totals_sections_and_data() -> None:
    person = {"full_name": "An", "citizen_id": "022071004321", "birth_date": "1971-11-20"}
    view = View(
        Shape.paper,
        sections=[Section("people", Title(text="x"), [Column("full_name")], [person])],
        data={"people": [person]},
    )
    masked = view.redacted()
    assert masked.sections[0].rows[0]["citizen_id"] == "022*******21"
    assert masked.data["people"][0]["birth_date"] == "1971-11-**"
    assert person["birth_date"] == "1971-11-20"  # the original is untouched


# --- the shared options on the command line ---------------------------------------------------------------


@pytest.mark.parametrize("word", ["bảng", "bang", "TABLE", "Bảng"])
def test_format_takes_the_vietnamese_word(run: Run, city: None, word: str) -> None:
    result = run("org", "list", "-f", word)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Tổ chức đảng\n└── MC")


def test_a_format_a_command_does_not_offer_is_refused_at_parse_time(run: Run) -> None:
    result = run("member", "list", "--format", "md")
    assert result.exit_code == 2
    assert "Lỗi: --format 'md': phải là một trong: Bảng; json; csv" in result.stderr
    english = run("--lang", "en", "export", "members", "-f", "table")
    assert english.exit_code == 2
    assert "must be one of: csv, xlsx (Excel), json" in english.stderr


def test_a_list_writes_to_a_file_and_refuses_to_overwrite_it(run: Run, city: None, tmp_path: Path) -> None:
    path = tmp_path / "orgs.csv"
    assert run("org", "list", "-f", "csv", "-o", str(path)).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert [row["code"] for row in rows] == ["MC", "CQ", "TP", "HP", "K2"]
    again = run("org", "list", "-f", "csv", "-o", str(path))
    assert again.exit_code == 1
    assert "--force" in again.stderr
    assert run("org", "list", "-o", str(path), "--force").exit_code == 0
    assert path.read_text(encoding="utf-8").startswith("Tổ chức đảng\n└── MC")
