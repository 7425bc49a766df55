"""Files built to exhaust memory or time, and paths that name no ordinary file (issue 17, classes 1 and 3).

Every reader is bounded before it parses: the inflated size and ratio of each part of an xlsx archive,
Excel's rows, columns and cell length, empty elements, the shared strings; a CSV line, field, separators,
record and rows; a JSON object, its keys and the array. FIFOs, pipes, devices and links are named for what
they are. The first tests run each bound in-process on a small file (a bound lowered where a real one would
need a large file); the last runs every hostile file of ``tests/hostile/bombs.py`` through the real
``dangvien`` in a child process and measures it: exit 1, one line, under 300 MiB and 10 s.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from dangvien_cli.errors import InvalidValue
from dangvien_cli.exchange import readers
from dangvien_cli.exchange.readers import archive, delimited, json_array, open_table, table
from dangvien_cli.exchange.readers.table import RefusedCell, excel_date
from dangvien_cli.messages import render_error
from tests.conftest import Run
from tests.hostile import bombs
from tests.safety_tools import environment, measured_run

PEAK_MIB = 300
SECONDS = 10.0
MEMBER_HEADER = "full_name,gender,birth_date,cell,admitted_on\n"


def refused(path: Path | str, **options: Any) -> InvalidValue:
    """The refusal of reading ``path`` to its end (its message must render in both languages)."""
    with pytest.raises(InvalidValue) as caught, open_table(path, **options) as source:
        for _ in source.rows:
            pass
    render_error(caught.value, "vi")
    render_error(caught.value, "en")
    return caught.value


def rows_of(path: Path | str, **options: Any) -> list[tuple[int, list[Any]]]:
    with open_table(path, **options) as source:
        return list(source.rows)


# --- xlsx ---------------------------------------------------------------------------------------------------


def test_a_part_that_inflates_too_much_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    path = bombs.write_xlsx(
        tmp_path / "bomb.xlsx",
        [
            bombs.SHEET_START,
            bombs.header_row(),
            *bombs._repeat(bombs.member_row(2), 4 << 20),
            bombs.SHEET_END,
        ],
    )
    error = refused(path)
    assert error.key == "read.xlsx_bomb"
    assert error.params["part"] == "xl/worksheets/sheet1.xml"
    assert int(str(error.params["ratio"])) > archive.MAX_RATIO


def test_a_part_larger_than_its_bound_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_SMALL_PART", 4000)
    styles = bombs.STYLES.replace("</styleSheet>", "<!--" + " " * 5000 + "--></styleSheet>")
    path = bombs.write_xlsx(
        tmp_path / "styles.xlsx", [bombs.SHEET_START, bombs.header_row(), bombs.SHEET_END], styles=[styles]
    )
    error = refused(path)
    assert (error.key, error.params["part"]) == ("read.xlsx_bomb", "xl/styles.xml")


def test_sizes_the_archive_lies_about_are_enforced_while_inflating(tmp_path: Path) -> None:
    assert refused(bombs.xlsx_lying_sizes(tmp_path / "lying.xlsx")).key == "read.bad_xlsx"


def test_a_document_type_is_refused(tmp_path: Path) -> None:
    assert refused(bombs.xlsx_entities(tmp_path / "entities.xlsx")).key == "read.xlsx_doctype"


def test_a_row_past_excels_last_is_refused_at_once(tmp_path: Path) -> None:
    assert refused(bombs.xlsx_row_beyond_excel(tmp_path / "rows.xlsx")).key == "read.too_many_rows"


def test_a_column_past_excels_last_is_refused(tmp_path: Path) -> None:
    assert refused(bombs.xlsx_column_beyond_excel(tmp_path / "cols.xlsx")).key == "read.too_many_columns"


def test_a_cell_longer_than_excel_holds_is_refused(tmp_path: Path) -> None:
    assert refused(bombs.xlsx_long_cell(tmp_path / "long.xlsx")).key == "read.xlsx_cell_too_long"
    run = "".join(["<t>", "x" * (archive.MAX_TEXT_RUN + 10), "</t>"])  # one text node past the bound
    path = bombs.write_xlsx(
        tmp_path / "run.xlsx",
        [
            bombs.SHEET_START,
            bombs.header_row(),
            f'<row r="2"><c r="A2" t="inlineStr"><is>{run}</is></c></row>',
            bombs.SHEET_END,
        ],
    )
    assert refused(path).key == "read.xlsx_cell_too_long"


def test_empty_rows_and_cells_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_EMPTY", 50)
    rows = [f'<row r="{n}"/>' for n in range(2, 100)]
    path = bombs.write_xlsx(
        tmp_path / "rows.xlsx", [bombs.SHEET_START, bombs.header_row(), *rows, bombs.SHEET_END]
    )
    assert refused(path).key == "read.xlsx_empty"
    cells = "".join(f'<c r="{bombs._column(c)}2" s="0"/>' for c in range(1, 100))
    path = bombs.write_xlsx(
        tmp_path / "cells.xlsx",
        [bombs.SHEET_START, bombs.header_row(), f'<row r="2">{cells}</row>', bombs.SHEET_END],
    )
    assert refused(path).key == "read.xlsx_empty"


def test_the_sheet_is_read_to_the_end_of_its_data_and_gaps_are_not_made_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_EMPTY", 1000)  # what follows the data would be refused if it were read
    path = bombs.write_xlsx(
        tmp_path / "gap.xlsx",
        [
            bombs.SHEET_START,
            bombs.header_row(),
            bombs.member_row(2),
            bombs.member_row(1_000_000),
            "</sheetData><mergeCells>" + "<mergeCell/>" * 5_000 + "</mergeCells></worksheet>",
        ],
    )
    assert [line for line, _ in rows_of(path)] == [2, 1_000_000]


def test_the_shared_strings_are_counted_before_they_are_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_SHARED_STRINGS", 10)
    strings = [bombs.STRINGS_START, *(f"<si><t>{n}</t></si>" for n in range(11)), bombs.STRINGS_END]
    path = bombs.write_xlsx(
        tmp_path / "strings.xlsx", [bombs.SHEET_START, bombs.header_row(), bombs.SHEET_END], strings=strings
    )
    assert refused(path).key == "read.xlsx_strings"


def test_a_shared_string_index_that_names_no_string_is_refused(tmp_path: Path) -> None:
    """-1 took the last string; past the end it was an IndexError."""
    error = refused(bombs.xlsx_negative_shared_string(tmp_path / "negative.xlsx"))
    assert (error.key, error.params["index"]) == ("read.xlsx_string_index", "-1")


# --- Excel's 1900 date system -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("serial", "day"),
    [
        (1, "1900-01-01"),
        (59, "1900-02-28"),
        (61, "1900-03-01"),
        (44_865, "2022-10-31"),
        (2_958_465, "9999-12-31"),
    ],
)
def test_excel_serials_name_the_day_excel_shows(serial: int, day: str) -> None:
    value = excel_date(serial)
    assert not isinstance(value, RefusedCell)
    assert value.date().isoformat() == day


NO_DAY = [
    (60, "date.excel_phantom"),
    (0.5, "date.serial"),
    (-1, "date.serial"),
    (2_958_466, "date.serial"),
    (float("nan"), "date.serial"),
]


@pytest.mark.parametrize(("serial", "key"), NO_DAY)
def test_serial_60_and_what_is_before_1_or_after_9999_name_no_day(serial: float, key: str) -> None:
    value = excel_date(serial)
    assert isinstance(value, RefusedCell)
    assert value.key == key


def test_the_1904_date_system_counts_from_1904(tmp_path: Path) -> None:
    assert excel_date(0, mac=True).date().isoformat() == "1904-01-01"  # type: ignore[union-attr]
    assert excel_date(60, mac=True).date().isoformat() == "1904-03-01"  # type: ignore[union-attr]


def test_date_cells_of_a_workbook_follow_excels_system(tmp_path: Path) -> None:
    cells = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>x</t></is></c><c r="B{n}" s="1"><v>{serial}</v></c>'
        f'<c r="C{n}"><v>{serial}</v></c></row>'
        for n, serial in enumerate((1, 59, 60, 61, -1, 3_000_000), start=2)
    )
    header = '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr"><is><t>b</t></is></c><c r="C1" t="inlineStr"><is><t>c</t></is></c></row>'  # noqa: E501
    path = bombs.write_xlsx(tmp_path / "dates.xlsx", [bombs.SHEET_START, header, cells, bombs.SHEET_END])
    rows = rows_of(path)
    formatted = [value.date().isoformat() if hasattr(value, "date") else value for _, (_, value, _) in rows]
    assert formatted[:2] == ["1900-01-01", "1900-02-28"]
    assert formatted[3] == "1900-03-01"
    for value in (formatted[2], formatted[4], formatted[5]):  # refused by whichever column they are in
        assert isinstance(value, RefusedCell)
    assert [general for _, (_, _, general) in rows] == [1, 59, 60, 61, -1, 3_000_000]  # General: numbers


def test_a_refused_serial_is_a_cell_error_on_its_line(run: Run, city: None, tmp_path: Path) -> None:
    header = "".join(
        f'<c r="{bombs._column(i)}1" t="inlineStr"><is><t>{text}</t></is></c>'
        for i, text in enumerate(bombs.HEADER_CELLS, start=1)
    )
    cells = "".join(
        f'<c r="{bombs._column(i)}2" t="inlineStr"><is><t>{text}</t></is></c>'
        for i, text in ((1, "Nguyễn Văn An"), (2, "M"), (4, "HP"), (5, "1/1/2000"))
    )
    for serial, fragment in ((60, "29/02/1900 không có thật"), (3_000_000, "số ngày Excel")):
        path = bombs.write_xlsx(
            tmp_path / f"serial{serial}.xlsx",
            [bombs.SHEET_START, f'<row r="1">{header}</row>',
             f'<row r="2">{cells}<c r="C2" s="1"><v>{serial}</v></c></row>', bombs.SHEET_END],
        )  # fmt: skip
        result = run("import", "members", str(path))
        assert result.exit_code == 1
        assert f"Dòng 2, cột 'Ngày sinh', giá trị '{serial}'" in result.stderr
        assert fragment in result.stderr
        assert "Warning" not in result.stderr


# --- CSV ----------------------------------------------------------------------------------------------------


def test_a_line_of_millions_of_cells_is_refused_before_it_is_split(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text("a," * (4 * table.MAX_COLUMNS + 1) + "b\n", encoding="utf-8")
    error = refused(path)
    assert (error.key, error.params["line"]) == ("read.csv_too_many_separators", 1)


def test_more_columns_than_excel_has_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "columns.csv"
    path.write_text(",".join(f"c{n}" for n in range(table.MAX_COLUMNS + 1)) + "\n", encoding="utf-8")
    assert refused(path).key == "read.too_many_columns"


def test_a_field_past_its_bound_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(delimited, "MAX_FIELD", 1000)
    path = tmp_path / "field.csv"
    path.write_text(MEMBER_HEADER + '"' + "x" * 2000 + '",M\n', encoding="utf-8")
    try:
        assert refused(path).key == "read.field_too_long"
    finally:
        import csv

        csv.field_size_limit(table.MAX_FIELD)


def test_a_quoted_cell_that_never_ends_is_found_early(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delimited, "MAX_RECORD_LINES", 100)
    path = tmp_path / "quote.csv"
    path.write_text(MEMBER_HEADER + 'An,M,1/1/1970,HP,"1/1/2000\n' + "dòng\n" * 200, encoding="utf-8")
    error = refused(path)
    assert (error.key, error.params["line"]) == ("read.record_too_many_lines", 2)


def test_more_rows_than_excel_has_are_refused_blank_ones_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delimited, "MAX_ROWS", 100)
    path = tmp_path / "rows.csv"
    path.write_text(MEMBER_HEADER + ",,,,\n" * 200, encoding="utf-8")
    assert refused(path).key == "read.too_many_rows"


def test_a_file_that_is_not_a_table_is_not_echoed(run: Run, tmp_path: Path) -> None:
    """A link to a password file named like a list: only its first characters are quoted, escaped."""
    secret = tmp_path / "shadow"
    secret.write_text("root:$6$SALTSALT$SECRETHASHSECRETHASH:19000:0:99999:7:::\nbin:*:19000::::::\n")
    link = tmp_path / "members.csv"
    link.symlink_to(secret)
    result = run("import", "members", str(link))
    assert result.exit_code == 1
    assert "SECRETHASH" not in result.stderr
    assert "SALTSALT" not in result.stderr
    assert "không phải một bảng dữ liệu" in result.stderr
    assert "'root:$6$SA…'" in result.stderr
    if os.access("/etc/shadow", os.R_OK):  # the real one, where the test runs as root
        (tmp_path / "shadow.csv").symlink_to("/etc/shadow")
        first = Path("/etc/shadow").read_text(encoding="utf-8", errors="replace").split("\n")[0]
        result = run("import", "members", str(tmp_path / "shadow.csv"))
        assert result.exit_code == 1
        assert first[12:] not in result.stderr or not first[12:]


def test_unknown_headers_are_quoted_short(tmp_path: Path, run: Run) -> None:
    path = tmp_path / "long.csv"
    path.write_text(
        ",".join(["Họ và tên", "x" * 5000, *(f"y{n}" for n in range(50))]) + "\n", encoding="utf-8"
    )
    result = run("import", "members", str(path))
    assert result.exit_code == 1
    assert len(result.stderr) < 1500
    assert "(+" in result.stderr


# --- JSON ---------------------------------------------------------------------------------------------------


def test_a_key_given_twice_is_refused(tmp_path: Path) -> None:
    """JSON keeps the last value without a word; a repeated CSV header is refused, and so is this."""
    path = tmp_path / "twice.json"
    path.write_text('[{"full_name": "An", "gender": "M"}, {"full_name": "Bình", "full_name": "Bính"}]')
    error = refused(path)
    assert (error.key, error.params["line"], error.params["name"]) == (
        "read.json_duplicate_key",
        2,
        "full_name",
    )


def test_an_object_past_its_bound_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_array, "MAX_FIELD", 100_000)
    path = tmp_path / "long.json"
    path.write_text('[{"full_name": "' + "x" * 500_000 + '"}]')
    assert refused(path).key == "read.json_object_too_long"


def test_too_many_keys_and_objects_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_array, "MAX_COLUMNS", 100)
    path = tmp_path / "keys.json"
    path.write_text("[{" + ", ".join(f'"k{n}": 0' for n in range(101)) + "}]")
    assert refused(path).key == "read.too_many_columns"
    monkeypatch.setattr(json_array, "MAX_ROWS", 100)
    path.write_text("[" + ", ".join('{"a": 1}' for _ in range(101)) + "]")
    assert refused(path).key == "read.too_many_rows"


def test_integers_past_a_count_are_cell_errors(run: Run, city: None, tmp_path: Path) -> None:
    """2^63 overflowed SQLite's integers (and PostgreSQL's): a count is below 10^9."""
    csv_path = tmp_path / "orgs.csv"
    csv_path.write_text(f"code,name,kind,parent,population\nX1,Chi bộ X,cell,TP,{2**63}\n", encoding="utf-8")
    json_path = tmp_path / "quotas.json"
    json_path.write_text(f'[{{"org": "TP", "year": 2024, "target": {2**64}}}]')
    year_path = tmp_path / "years.csv"
    year_path.write_text("org,year,target\nTP,99999999999,13\n", encoding="utf-8")
    for entity, path, code in (
        ("orgs", csv_path, "value.too_large"),
        ("quotas", json_path, "value.too_large"),
        ("quotas", year_path, "quota.year"),  # the rule of quota set --year
    ):
        result = run("import", entity, str(path), "--format", "json")
        assert result.exit_code == 1, result.stderr
        assert code in result.stdout
        assert "Traceback" not in result.stderr


# --- what a path can name -----------------------------------------------------------------------------------


def test_a_fifo_nobody_writes_into_is_not_waited_on_for_ever(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "FIFO_WAIT_S", 0.2)
    fifo = tmp_path / "list.csv"
    os.mkfifo(fifo)
    assert refused(fifo).key == "read.no_writer"


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_a_fifo_or_a_pipe_is_read_as_a_stream(tmp_path: Path, fmt: str) -> None:
    """A FIFO, and a pipe as ``<(process substitution)`` or /dev/stdin gives it: no seeking (JSON and xlsx
    are copied to disk first)."""
    data = {
        "csv": MEMBER_HEADER.encode() + b"An,M,1/1/1970,HP,1/1/2000\n",
        "json": b'[{"full_name": "An", "gender": "M"}]',
        "xlsx": bombs.write_xlsx(
            tmp_path / "source.xlsx",
            [bombs.SHEET_START, bombs.header_row(), bombs.member_row(2), bombs.SHEET_END],
        ).read_bytes(),
    }[fmt]
    fifo = tmp_path / f"list.{fmt}"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(data))
    writer.start()
    assert len(rows_of(fifo)) == 1
    writer.join()
    read_end, write_end = os.pipe()

    def write_and_close() -> None:
        os.write(write_end, data)
        os.close(write_end)

    writer = threading.Thread(target=write_and_close)
    writer.start()
    try:
        assert len(rows_of(f"/proc/self/fd/{read_end}", input_format=fmt)) == 1
    finally:
        writer.join()
        os.close(read_end)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_is_not_a_file_to_import(device: str) -> None:
    for fmt in ("csv", "json", "xlsx"):
        assert refused(device, input_format=fmt).key == "read.device"


def test_standard_input_that_cannot_be_json_is_refused_before_it_is_copied() -> None:
    """An endless stream of zeros (``< /dev/zero``) is refused on its first bytes, not copied to disk."""

    class Zeros(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            buffer[: len(buffer)] = b"\0" * len(buffer)
            return len(buffer)

    for fmt, key in (("json", "read.bad_json"), ("xlsx", "read.bad_xlsx"), ("csv", "read.binary")):
        assert refused("-", input_format=fmt, stdin=io.BufferedReader(Zeros())).key == key


def test_standard_input_on_a_full_disk_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_args: Any) -> int:
        raise OSError(28, "No space left on device")

    import tempfile

    real = tempfile.TemporaryFile

    def spool_file(*args: Any, **kwargs: Any) -> Any:
        handle = real(*args, **kwargs)
        handle.write = full
        return handle

    monkeypatch.setattr(tempfile, "TemporaryFile", spool_file)
    error = refused("-", input_format="json", stdin=io.BytesIO(b'[{"a": 1}]'))
    assert error.key == "read.spool_failed"


# --- every hostile file, measured in a child process -------------------------------------------------------


@pytest.fixture(scope="module")
def bomb_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bombs")
    for bomb in bombs.BOMBS:
        bomb.make(folder / bomb.name)
    return folder


def _measured_import(db: Path, *args: str, stdin: int | None = None) -> Any:
    dangvien = str(Path(sys.executable).with_name("dangvien"))
    return measured_run([dangvien, "import", *args], environment(str(db)), timeout=60, stdin=stdin)


def _assert_bounded(result: Any, fragment: str) -> None:
    lines = result.stderr.splitlines()
    assert not result.killed
    assert result.code == 1, result.stderr
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert fragment in result.stderr, result.stderr
    assert result.peak_mib < PEAK_MIB, (result.peak_mib, fragment)
    assert result.seconds < SECONDS, (result.seconds, fragment)


@pytest.mark.slow
@pytest.mark.parametrize("bomb", bombs.BOMBS, ids=[bomb.name for bomb in bombs.BOMBS])
def test_every_hostile_file_is_refused_in_one_line_within_memory_and_time(
    bomb: bombs.Bomb, bomb_folder: Path, migrated_template: Path, tmp_path: Path
) -> None:
    db = tmp_path / "bomb.db"
    shutil.copyfile(migrated_template, db)
    result = _measured_import(db, bomb.entity, str(bomb_folder / bomb.name), *bomb.options)
    _assert_bounded(result, bomb.fragment)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("target", "options", "fragment"),
    [
        ("/dev/zero", ["--input-format", "csv"], "là một thiết bị"),
        ("/dev/urandom", ["--input-format", "json"], "là một thiết bị"),
        ("/dev/zero", ["--input-format", "xlsx"], "là một thiết bị"),
        ("fifo", ["--input-format", "csv"], "không chương trình nào ghi vào"),
        ("directory", ["--input-format", "csv"], "là một thư mục"),
        ("-", ["--input-format", "json"], "phải là một mảng JSON"),  # standard input from /dev/zero
        ("-", ["--input-format", "xlsx"], "tệp Excel bị hỏng"),
    ],
)
def test_devices_fifos_and_folders_are_refused_in_one_line(
    target: str, options: list[str], fragment: str, migrated_template: Path, tmp_path: Path
) -> None:
    db = tmp_path / "odd.db"
    shutil.copyfile(migrated_template, db)
    stdin = None
    if target == "fifo":
        target = str(tmp_path / "fifo.csv")
        os.mkfifo(target)
    elif target == "directory":
        target = str(tmp_path)
    elif target == "-":
        stdin = os.open("/dev/zero", os.O_RDONLY)
    try:
        result = _measured_import(db, "members", target, *options, stdin=stdin)
    finally:
        if stdin is not None:
            os.close(stdin)
    _assert_bounded(result, fragment)
