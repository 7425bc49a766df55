"""Bad input, tried on purpose: every hostile file of tests/hostile/ (and the 10 MB ones made here) is either
refused with a clear error that leaves the database exactly as it was, or stored verbatim and harmless.
Then arbitrary text, fed to every cell parser and to the whole CSV import, never crashes anything."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangvien_cli.exchange.columns import LISTS, CellError, ParseOptions
from dangvien_cli.messages import t
from dangvien_cli.messages.catalog import MESSAGES
from dangvien_cli.store.database import open_database
from dangvien_cli.store.migrate import row_counts
from dangvien_cli.text import SHOWN_LIMIT, control_character, restore, shown
from tests.conftest import Run
from tests.hostile.make_corpus import INJECTIONS

HOSTILE = Path(__file__).parent / "hostile"
TEN_MB = 10 * 1024 * 1024
MEMBER_HEADER = "full_name,gender,birth_date,cell,admitted_on,occupation\n"


def _state() -> dict[str, Any]:
    """Row counts of every table, the change log included: a refusal must leave them all as they were."""
    database = open_database()
    try:
        return row_counts(database.engine)
    finally:
        database.close()


def _assert_clean_refusal(result: Any, fragment: str) -> None:
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert fragment in result.stderr, result.stderr
    for line in result.stderr.splitlines():
        assert line.isprintable(), repr(line)  # no terminal escapes, no raw control characters
        assert len(line) < 600  # a 10 MB value is quoted by its start only


# The refusals: the file, the list it is imported as, extra options, and a piece of the message.
REFUSED = [
    ("binary_garbage.csv", "members", [], "không phải tệp văn bản"),
    ("binary_garbage.xlsx", "members", [], "tệp Excel bị hỏng"),
    ("binary_garbage.json", "members", [], "tệp JSON phải dùng bảng mã UTF-8"),
    ("nul_byte.csv", "members", [], "có byte NUL ở dòng 2"),
    ("utf16_without_bom.csv", "members", [], "có byte NUL ở dòng 1"),
    (
        "control_characters.csv",
        "members",
        [],
        "Dòng 3, cột 'full_name', giá trị 'Lê Văn \\x1b[2J\\x1b[31mCường'",
    ),
    ("disguised_xls.xlsx", "members", [], "Excel 97-2003"),
    ("zip_not_workbook.xlsx", "members", [], "tệp Excel bị hỏng"),
    ("truncated.xlsx", "members", [], "tệp Excel bị hỏng"),
    ("wrong_sheet.xlsx", "members", [], "'DANH SÁCH ĐẢNG VIÊN CHI BỘ KHU HỒNG PHONG': cột không biết"),
    (
        "wrong_sheet.xlsx",
        "members",
        ["--sheet", "Quần chúng"],
        "không có trang tính này; tệp có: Bìa, Đảng viên",
    ),
    ("wrong_sheet.xlsx", "candidates", ["--sheet", "Đảng viên"], "'Ngày vào Đảng': cột không biết"),
    ("formula_cells.xlsx", "members", [], "Dòng 2, cột 'Họ và tên', giá trị '': không được để trống"),
    ("mixed_encodings.csv", "members", [], "dòng 3 dùng bảng mã khác với các dòng trước"),
    ("mixed_encodings_after_64k.csv", "members", [], "dòng 2003 dùng bảng mã khác với các dòng trước"),
    ("unclosed_quote.csv", "members", [], "dấu ngoặc kép mở ở dòng 2 không được đóng"),
    ("deep_nesting.json", "members", [], "phải là một mảng JSON gồm các đối tượng"),
    ("nested_values.json", "members", [], "chứa danh sách hoặc đối tượng lồng nhau"),
    ("empty.csv", "members", [], "tệp trống"),
    (
        "control_characters.json",
        "members",
        [],
        "giá trị 'Nguyễn Văn \\x1b]0;pwned\\x07An': chứa ký tự điều khiển",
    ),
    ("formula_injection.csv", "orgs", [], "cột không biết"),
]


@pytest.mark.parametrize(("name", "entity", "options", "fragment"), REFUSED)
def test_hostile_file_is_refused_and_nothing_is_written(
    run: Run, city: None, name: str, entity: str, options: list[str], fragment: str
) -> None:
    before = _state()
    result = run("import", entity, str(HOSTILE / name), *options)
    _assert_clean_refusal(result, fragment)
    assert _state() == before


def test_every_file_of_the_corpus_is_tried() -> None:
    tried = {name for name, *_ in REFUSED} | {name for name, *_ in STORED}
    kept = {path.name for path in HOSTILE.iterdir() if path.suffix in (".csv", ".xlsx", ".json")}
    assert kept == tried


def _names(run: Run) -> list[str]:
    result = run("member", "list", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return sorted(row["full_name"] for row in json.loads(result.stdout))


def _stored_injections(run: Run) -> None:
    rows = json.loads(run("member", "list", "--format", "json").stdout)
    # Verbatim, in every text column; a cell a spreadsheet escaped ("'=x") is read as what it escapes ("=x").
    expected = sorted(restore(text) for text in INJECTIONS)
    assert "=already escaped" in expected
    assert sorted(r["full_name"] for r in rows) == expected
    assert sorted(r["occupation"] for r in rows) == expected
    assert _state()["member"] == len(INJECTIONS)


def _stored_orgs(run: Run) -> None:
    orgs = {o["code"]: o["name"] for o in json.loads(run("org", "list", "--format", "json").stdout)}
    assert orgs["X';DROP/**/TABLE/**/organisation;--"] == "Robert'); DELETE FROM member;--"
    assert orgs["1'OR'1'='1"] == "=cmd|' /C calc'!A0"
    assert all(count is not None for count in _state().values())  # every table is still there


def _stored_nothing(run: Run) -> None:
    assert _names(run) == []


def _stored_sheet(run: Run) -> None:
    assert _names(run) == ["Nguyễn Văn Đúng"]


def _stored_scripts(run: Run) -> None:
    lines = (HOSTILE / "unusual_scripts.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert _names(run) == sorted(line.split(",")[0] for line in lines)


# Stored verbatim: the file, the list, options, and what must then be in the database.
STORED = [
    ("formula_injection.csv", "members", [], _stored_injections),
    ("sql_injection_orgs.csv", "orgs", [], _stored_orgs),
    ("header_only.csv", "members", [], _stored_nothing),
    ("unusual_scripts.csv", "members", [], _stored_scripts),
    (
        "wrong_sheet.xlsx",
        "members",
        ["--sheet", "đảng viên"],
        _stored_sheet,
    ),  # the right sheet, named loosely
]


@pytest.mark.parametrize(("name", "entity", "options", "check"), STORED)
def test_hostile_file_is_stored_verbatim(
    run: Run, city: None, name: str, entity: str, options: list[str], check: Any
) -> None:
    result = run("import", entity, str(HOSTILE / name), *options)
    assert result.exit_code == 0, result.stderr
    check(run)
    again = run("import", entity, str(HOSTILE / name), *options)  # and a second import changes nothing
    assert again.exit_code == 0, again.stderr
    check(run)


# --- 10 MB single fields, made here rather than kept in the repository --------------------------------------


def _ten_mb_files(folder: Path) -> dict[str, Path]:
    big = "Ạ" * TEN_MB
    files = {
        "name.csv": MEMBER_HEADER + f"Nguyễn Văn {big},M,1/1/1970,HP,1/1/2000,\n",
        "note.csv": MEMBER_HEADER + f'Nguyễn Văn An,M,1/1/1970,HP,1/1/2000,"{big}"\n',
        "quoted_lines.csv": MEMBER_HEADER
        + 'Nguyễn Văn An,M,1/1/1970,HP,1/1/2000,"'
        + "dòng\n" * (TEN_MB // 5)
        + '"\n',
        "name.json": '[{"full_name": "' + big + '", "gender": "M", "birth_date": "1970-01-01", "cell": "HP", '
        '"admitted_on": "2000-01-01"}]',
    }
    paths = {}
    for name, text in files.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths[name] = path
    return paths


@pytest.mark.slow
def test_ten_megabyte_fields_are_refused_cleanly(run: Run, city: None, tmp_path: Path) -> None:
    before = _state()
    for name, path in _ten_mb_files(tmp_path).items():
        result = run("import", "members", str(path))
        _assert_clean_refusal(result, "dài quá 10.000 ký tự")
        assert _state() == before, name


# --- every cell parser, fed anything ------------------------------------------------------------

raw_values = st.one_of(
    st.none(),
    st.text(),
    st.text(alphabet="0123456789/-.: ", max_size=12),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(),
)
PARSERS = sorted({(spec.name, spec.parse) for specs in LISTS.values() for spec in specs}, key=lambda p: p[0])


@settings(max_examples=300)
@given(raw=raw_values, text_column=st.booleans(), ymd=st.booleans())
def test_cell_parsers_give_a_value_or_a_clean_cell_error(raw: Any, text_column: bool, ymd: bool) -> None:
    options = ParseOptions(date_format="ymd" if ymd else "dmy")
    for name, parse in PARSERS:
        try:
            value = parse(raw, options, text_column)
        except CellError as error:
            assert error.key in MESSAGES, (name, error.key)  # noqa: PT017  (either outcome is right; the property covers both)
            t(error.key, "vi", **error.params)
            t(error.key, "en", **error.params)
        else:
            assert value is None or isinstance(value, str | int | bool | date), (name, value)
            if isinstance(value, str):  # text is stored as it may be shown: no control characters
                assert control_character(value) is None, (name, value)
                assert value == value.strip()
                assert value


# --- the whole CSV import, fed anything -----------------------------------------------------------

cells = st.one_of(
    st.text(max_size=15),
    st.sampled_from(
        [
            "Nguyễn Văn An",
            "Trần Thị Bích",
            "M",
            "Nữ",
            "1/1/1970",
            "31/02/1990",
            "2000-01-01",
            "HP",
            "XX",
            "=1+1",
            "'=x",
            "-5",
            "@a",
            '"',
            "'",
            "",
            " ",
            "\u202e",
            "\x1b[31m",
            "9" * 40,
        ]
    ),
)
rows = st.lists(st.lists(cells, max_size=8), max_size=6)


def _csv_text(header: str, body: list[list[str]], quoted: bool) -> str:
    if not quoted:  # raw joins: broken quoting and ragged rows on purpose
        return header + "".join(",".join(row) + "\n" for row in body)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(body)
    return header + out.getvalue()


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    header=st.sampled_from([MEMBER_HEADER, "full_name,gender,birth_date,cell,admitted_on\n", "x,y\n", ""]),
    body=rows,
    quoted=st.booleans(),
    entity=st.sampled_from(["members", "candidates", "orgs"]),
)
def test_csv_import_of_anything_is_stored_or_refused_whole(
    run: Run, city: None, tmp_path: Path, header: str, body: list[list[str]], quoted: bool, entity: str
) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_text(_csv_text(header, body, quoted), encoding="utf-8", newline="")
    before = _state()
    result = run("import", entity, str(path))  # an exception here fails the test: nothing may escape
    assert result.exit_code in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    for line in result.stderr.splitlines():
        assert line.isprintable(), repr(line)
    if result.exit_code == 1:
        assert _state() == before


# --- a workbook cut or scrambled anywhere -----------------------------------------------------------------


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_damaged_workbook_is_refused_or_read_whole(run: Run, city: None, tmp_path: Path, data: Any) -> None:
    good = (HOSTILE / "wrong_sheet.xlsx").read_bytes()
    damaged = bytearray(good[: data.draw(st.integers(0, len(good)), label="cut")])
    for _ in range(data.draw(st.integers(0, 4), label="flips")):
        if damaged:
            at = data.draw(st.integers(0, len(damaged) - 1), label="at")
            damaged[at] = data.draw(st.integers(0, 255), label="byte")
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(damaged))
    before = _state()
    result = run("import", "members", str(path), "--sheet", "Đảng viên")
    assert result.exit_code in (0, 1)
    assert "Traceback" not in result.stderr
    if result.exit_code == 1:
        assert _state() == before


# --- control characters typed on the command line, or left in the database by an older version ------------


@pytest.mark.parametrize(
    "args",
    [
        ("member", "add", "--name", "Lê Văn \x1b[2JHùng", "--gender", "M", "--birth", "1/1/1970",
         "--cell", "HP",
         "--admitted", "1/1/2000"),
        ("org", "add", "X1", "Chi bộ\x00X", "--kind", "cell", "--parent", "TP"),
        ("org", "add", "X2", "Chi bộ \u202eX", "--kind", "cell", "--parent", "TP"),
        ("search", "Hùng\udcff"),  # undecodable bytes in the arguments arrive as lone surrogates
    ],
)  # fmt: skip
def test_control_characters_on_the_command_line_are_refused(
    run: Run, city: None, args: tuple[str, ...]
) -> None:
    before = _state()
    result = run(*args)
    _assert_clean_refusal(result, "Tham số dòng lệnh '")
    assert "chứa ký tự điều khiển không in được" in result.stderr
    assert _state() == before



def test_the_refusal_speaks_the_language_asked_and_covers_the_database_option(run: Run, city: None) -> None:
    result = run("--lang", "en", "search", "a\x1b")
    assert result.exit_code == 1
    assert "Command-line argument 'a\\x1b'" in result.stderr
    result = run("--db", "/tmp/x\x1b.db", "org", "list")  # noqa: S108  (refused for its control character before anything opens it)
    assert result.exit_code == 1
    assert "chứa ký tự điều khiển" in result.stderr

def test_a_control_character_already_stored_gives_a_clean_xlsx_error(
    run: Run, city: None, tmp_path: Path
) -> None:
    import sqlalchemy as sa

    _import_ok(run, "formula_injection.csv")
    database = open_database()
    with database.engine.begin() as connection:  # as an older version could have stored it
        connection.execute(sa.text("UPDATE member SET full_name = :name WHERE id = 1"), {"name": "Lê\x01Văn"})
    database.close()
    for args in (
        ("export", "members", "--format", "xlsx"),
        ("report", "monthly", "--cell", "HP", "--month", "2000-01", "--format", "xlsx"),
    ):
        out = tmp_path / f"{args[0]}.xlsx"
        result = run(*args, "-o", str(out))
        _assert_clean_refusal(result, "giá trị 'Lê\\x01Văn' chứa ký tự điều khiển mà Excel không chứa được")
        assert not out.exists()  # nothing partial is written


def _import_ok(run: Run, name: str) -> None:
    result = run("import", "members", str(HOSTILE / name))
    assert result.exit_code == 0, result.stderr


@given(st.text())
def test_a_quoted_value_is_one_short_printable_line(text: str) -> None:
    quoted = shown(text)
    assert quoted.isprintable()  # no line breaks, no escape sequences, nothing invisible
    assert len(quoted) <= 10 * SHOWN_LIMIT + 20
    if text.isprintable() and len(text) <= SHOWN_LIMIT:
        assert quoted == text  # ordinary values are quoted as they are
