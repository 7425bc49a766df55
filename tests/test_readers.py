"""Tests for dangvien_cli.exchange.readers: reading CSV, xlsx and JSON tables for import.

Every file is built here, in the test that reads it.
"""

from __future__ import annotations

import datetime
import io
import json
import unicodedata
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from dangvien_cli.errors import InvalidValue
from dangvien_cli.exchange.readers import SourceTable, open_table
from dangvien_cli.exchange.readers.legacy import legacy_encoding
from dangvien_cli.messages import render_error


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


def read(source: str | Path, **options: Any) -> tuple[SourceTable, list[tuple[int, list[Any]]]]:
    """Open, read every row, close; the table is returned for its headers and attributes."""
    with open_table(source, **options) as table:
        rows = list(table.rows)
    return table, rows


def refusal(source: str | Path, **options: Any) -> InvalidValue:
    """The InvalidValue raised while opening or reading ``source`` to the end."""
    with pytest.raises(InvalidValue) as caught:
        read(source, **options)
    return caught.value


# Vietnamese names in NFC, as they are stored.
NAMES = ["Nguyễn Văn Sỹ", "Trần Thị Thuỷ", "Lê Hoàng Phủ", "Đặng Quốc Việt", "Phạm Ngọc Ánh", "Vũ Thị Hường"]
HEADER = "Họ và tên,Quê quán,Ghi chú"
ROWS = [(NAMES[0], "Hà Nội", "Đảng viên dự bị"), (NAMES[1], "Huế", ""), (NAMES[3], "Đà Nẵng", "Ưu tú")]


def csv_text(
    header: str = HEADER, rows: Sequence[tuple[str, ...]] = ROWS, sep: str = ",", nl: str = "\r\n"
) -> str:
    lines = [header.replace(",", sep)] + [sep.join(row) for row in rows]
    return nl.join(lines) + nl


EXPECTED_HEADERS = ["Họ và tên", "Quê quán", "Ghi chú"]
EXPECTED_ROWS = [(i + 2, list(row)) for i, row in enumerate(ROWS)]


# ---------------------------------------------------------------------------------------------------------
# Windows-1258: Excel's Vietnamese "CSV"
# ---------------------------------------------------------------------------------------------------------

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng: cp1258 has these


def to_cp1258(text: str, *, always_combine: bool = False) -> bytes:
    """Encode as Windows does: a letter cp1258 has precomposed stays one byte (unless ``always_combine``),
    otherwise the base letter (â ê ô ă ơ ư are in cp1258) is followed by the tone as a combining mark."""
    out = bytearray()
    for char in nfc(text):
        tone = [mark for mark in nfd(char) if mark in TONES]
        if not tone or not always_combine:
            try:
                out += char.encode("cp1258")
                continue
            except UnicodeEncodeError:
                pass
        base = nfc("".join(mark for mark in nfd(char) if mark not in TONES))
        out += (base + "".join(tone)).encode("cp1258")
    return bytes(out)


def test_cp1258_has_bases_precomposed_but_most_toned_letters_only_combining() -> None:
    # What the encoder above relies on, and why the reader must normalise.
    for letter in "ăâêôơưđĂÂÊÔƠƯĐàáèéíóùúÀÁÈÉÍÓÙÚ":
        assert len(letter.encode("cp1258")) == 1
    for letter in "ảãạằắẳẵặầấẩẫậẻẽẹềếểễệìỉĩịòỏõọồốổỗộờớởỡợủũụừứửữựỳýỷỹỵ":
        with pytest.raises(UnicodeEncodeError):
            letter.encode("cp1258")
        assert len(to_cp1258(letter)) == 2
    with pytest.raises(UnicodeEncodeError):
        nfd("Nguyễn").encode("cp1258")  # the circumflex has no combining form in cp1258


@pytest.mark.parametrize("always_combine", [False, True])
def test_cp1258_with_combining_tones_reads_as_the_nfc_original(tmp_path: Path, always_combine: bool) -> None:
    path = tmp_path / "excel.csv"
    data = to_cp1258(csv_text(), always_combine=always_combine)
    assert b"\xcc" in data or b"\xde" in data  # combining marks are really there
    path.write_bytes(data)
    table, rows = read(path)
    assert table.encoding == "cp1258"
    assert table.headers == EXPECTED_HEADERS
    assert rows == EXPECTED_ROWS
    assert all(unicodedata.is_normalized("NFC", v) for _, row in rows for v in row)


def test_cp1258_after_an_ascii_start_is_decided_by_the_first_non_ascii_line(tmp_path: Path) -> None:
    path = tmp_path / "late.csv"
    ascii_rows = [(f"Name {i}", "Ha Noi", "") for i in range(5000)]  # more than the 64 KiB first chunk
    text = csv_text(header="Name,Place,Note", rows=[*ascii_rows, ROWS[0]])
    path.write_bytes(to_cp1258(text))
    with open_table(path) as table:
        assert table.encoding == "utf-8"  # nothing decided yet: ASCII is valid UTF-8
        rows = list(table.rows)
        assert table.encoding == "cp1258"
    assert rows[-1] == (5002, list(ROWS[0]))


def test_explicit_encodings(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(to_cp1258(csv_text()))
    assert read(path, encoding="cp1258")[1] == EXPECTED_ROWS
    error = refusal(path, encoding="utf-8")
    assert (error.field, error.value, error.key, error.params["line"]) == (
        "encoding",
        "utf-8",
        "read.not_utf8",
        1,
    )
    assert refusal(path, encoding="latin-9").key == "read.unknown_encoding"


# ---------------------------------------------------------------------------------------------------------
# UTF-8, delimiters, line numbers
# ---------------------------------------------------------------------------------------------------------


def test_utf8_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + csv_text().encode())
    table, rows = read(path)
    assert table.encoding == "utf-8-sig"
    assert table.headers == EXPECTED_HEADERS  # no BOM left on the first header
    assert table.delimiter == ","
    assert rows == EXPECTED_ROWS


def test_utf8_without_bom(tmp_path: Path) -> None:
    path = tmp_path / "plain.csv"
    path.write_text(csv_text(nl="\n"), encoding="utf-8")
    table, rows = read(path)
    assert table.encoding == "utf-8"
    assert table.text_columns == frozenset()
    assert (table.headers, rows) == (EXPECTED_HEADERS, EXPECTED_ROWS)


def test_nfd_text_in_utf8_comes_out_nfc(tmp_path: Path) -> None:
    path = tmp_path / "mac.csv"
    path.write_text(nfd(csv_text()), encoding="utf-8")
    table, rows = read(path)
    assert (table.headers, rows) == (EXPECTED_HEADERS, EXPECTED_ROWS)


def test_headers_are_stripped_of_spaces_and_bom_remnants(tmp_path: Path) -> None:
    path = tmp_path / "headers.csv"
    path.write_text("\ufeff  Họ và tên \t,\u200bQuê quán\u00a0, Ghi chú\n a , b ,\n", encoding="utf-8")
    table, rows = read(path)
    assert table.headers == EXPECTED_HEADERS
    assert rows == [(2, [" a ", " b ", ""])]  # values are kept as they are (the parser strips)


@pytest.mark.parametrize(("sep", "suffix"), [(";", ".csv"), ("\t", ".txt"), ("\t", ".csv"), (",", ".txt")])
def test_delimiter_is_sniffed_from_the_header(tmp_path: Path, sep: str, suffix: str) -> None:
    path = tmp_path / f"sep{suffix}"
    rows = [*ROWS, ("Hồ, Văn Phú", "Cần Thơ", "có dấu phẩy")]  # a comma inside a ;-separated cell
    text = csv_text(rows=rows, sep=sep).replace(
        "Hồ, Văn Phú", '"Hồ, Văn Phú"' if sep == "," else "Hồ, Văn Phú"
    )
    path.write_text(text, encoding="utf-8")
    table, got = read(path)
    assert table.delimiter == sep
    assert table.headers == EXPECTED_HEADERS
    assert got[-1] == (5, ["Hồ, Văn Phú", "Cần Thơ", "có dấu phẩy"])


def test_semicolon_excel_vietnamese_locale_cp1258(tmp_path: Path) -> None:
    path = tmp_path / "vi-locale.csv"
    path.write_bytes(to_cp1258(csv_text(sep=";")))
    table, rows = read(path)
    assert (table.delimiter, table.encoding, rows) == (";", "cp1258", EXPECTED_ROWS)


@pytest.mark.parametrize("nl", ["\n", "\r\n", "\r"])
def test_line_numbers_count_physical_lines_across_quoted_newlines(tmp_path: Path, nl: str) -> None:
    path = tmp_path / "multiline.csv"
    lines = [
        "Họ và tên,Địa chỉ",  # 1
        "",  # 2: blank, skipped
        f'{NAMES[0]},"Số 5{nl}ngõ 12{nl}Hà Nội"',  # 3-5
        f"{NAMES[1]},Huế",  # 6
        ",",  # 7: a row of empty cells, skipped
        f'"{NAMES[2]}","Đà ""Lạt"""',  # 8
    ]
    path.write_bytes(nl.join(lines).encode())  # no final newline
    _, rows = read(path)
    assert rows == [
        (3, [NAMES[0], f"Số 5{nl}ngõ 12{nl}Hà Nội"]),
        (6, [NAMES[1], "Huế"]),
        (8, [NAMES[2], 'Đà "Lạt"']),
    ]


def test_blank_lines_before_the_header_are_counted(tmp_path: Path) -> None:
    path = tmp_path / "late-header.csv"
    path.write_text("\n  \n,,\nHọ và tên,Quê quán\nA,B\n", encoding="utf-8")
    table, rows = read(path)
    assert table.headers == ["Họ và tên", "Quê quán"]
    assert rows == [(5, ["A", "B"])]


def test_short_rows_are_padded_and_long_rows_refused(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text("a,b,c\n1\n1,2,3,,\n1,2,3,4\n", encoding="utf-8")
    with open_table(path) as table:
        assert next(table.rows) == (2, ["1", None, None])
        assert next(table.rows) == (3, ["1", "2", "3"])  # extra cells that are empty do no harm
        with pytest.raises(InvalidValue) as caught:
            next(table.rows)
    error = caught.value
    assert (error.field, error.value, error.key) == ("file", str(path), "read.too_many_cells")
    assert error.params == {"field": "file", "value": str(path), "line": 4, "count": 4, "headers": 3}
    assert (
        render_error(error, "vi") == f"Tệp '{path}': dòng 4 có 4 ô, nhiều hơn 3 cột của dòng tiêu đề"
    )


def test_empty_header_cells(tmp_path: Path) -> None:
    path = tmp_path / "trailing.csv"
    path.write_text("a,,b,,\n1,,2,,\n3,, 4 , ,\n", encoding="utf-8")
    table, rows = read(path)
    assert table.headers == ["a", "b"]  # empty header columns without data are left out
    assert rows == [(2, ["1", "2"]), (3, ["3", " 4 "])]

    path.write_text("a,,b\n1,,2\n3,x,4\n", encoding="utf-8")
    error = refusal(path)
    assert (error.key, error.params["column"], error.params["line"]) == ("read.empty_header", 2, 3)


def test_a_ten_megabyte_field(tmp_path: Path) -> None:
    path = tmp_path / "big-field.csv"
    big = "ễ" * (10 * 1024 * 1024 // 3 + 1)  # over 10 MB as UTF-8
    path.write_text(f'a,b,c\n1,"{big}",3\n2,{big},4\n', encoding="utf-8")
    _, rows = read(path)
    assert rows == [(2, ["1", big, "3"]), (3, ["2", big, "4"])]


def test_unclosed_quote_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    path.write_text('a,b\n1,2\n3,"four\n5,6\n', encoding="utf-8")
    error = refusal(path)
    assert (error.key, error.params["line"]) == ("read.unclosed_quote", 3)


def test_utf16_unicode_text_from_excel(tmp_path: Path) -> None:
    path = tmp_path / "unicode-text.txt"
    path.write_bytes(csv_text(sep="\t").encode("utf-16"))  # Excel "Unicode Text": UTF-16 LE with a BOM
    table, rows = read(path)
    assert (table.encoding, table.delimiter, table.headers, rows) == (
        "utf-16",
        "\t",
        EXPECTED_HEADERS,
        EXPECTED_ROWS,
    )


# ---------------------------------------------------------------------------------------------------------
# Refusals: binary, mixed encodings, TCVN3 and VNI
# ---------------------------------------------------------------------------------------------------------


def test_nul_bytes_are_refused_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "binary.csv"
    path.write_bytes(b"a,b\n\x00\x01\x02\xff\xfe\x00garbage")
    error = refusal(path)
    assert (error.field, error.key, error.params["line"]) == ("file", "read.binary", 2)

    late = b"a,b\n" + b"1,2\n" * 40000 + b"3,\x004\n"  # after the first 64 KiB
    path.write_bytes(late)
    error = refusal(path)
    assert (error.key, error.params["line"]) == ("read.binary", 40002)


def test_other_files_named_csv_are_recognised(tmp_path: Path) -> None:
    xlsx = tmp_path / "book.xlsx"
    Workbook().save(xlsx)
    renamed = tmp_path / "book.csv"
    renamed.write_bytes(xlsx.read_bytes())
    assert refusal(renamed).key == "read.looks_like_xlsx"
    old = tmp_path / "old.csv"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500)
    assert refusal(old).key == "read.xls"


def utf8_lines_then(tail: bytes, lines: int = 3000) -> tuple[bytes, int]:
    """A UTF-8 Vietnamese file of about 100 KB, then ``tail`` on the returned line number."""
    body = [HEADER.encode()] + [f"{NAMES[i % 6]},Hà Nội,dòng {i}".encode() for i in range(lines)]
    assert len(b"\n".join(body)) > 100_000
    return b"\n".join([*body, tail]) + b"\n", len(body) + 1


def test_mixed_encodings_are_refused_on_the_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    data, line = utf8_lines_then(to_cp1258(f"{NAMES[2]},Huế,"))
    path.write_bytes(data)
    error = refusal(path)
    assert (error.field, error.value, error.key) == ("encoding", "utf-8", "read.mixed_encoding")
    assert error.params["line"] == line
    assert render_error(error, "vi").startswith(f"Bảng mã 'utf-8': dòng {line} dùng bảng mã khác")

    # And the other way round: guessed Windows-1258, then a UTF-8 line.
    rows = [to_cp1258(f"{NAMES[i % 6]},Hà Nội,{i}") for i in range(3000)]
    path.write_bytes(b"\n".join([to_cp1258(HEADER), *rows, "Lê Thị Hà,Huế,".encode()]) + b"\n")
    error = refusal(path)
    assert (error.value, error.key, error.params["line"]) == ("cp1258", "read.mixed_encoding", 3002)


TCVN3 = dict(
    zip(
        "àảãáạăằẳẵắặâầẩẫấậđèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵĐ",
        b"\xb5\xb6\xb7\xb8\xb9\xa8\xbb\xbc\xbd\xbe\xc6\xa9\xc7\xc8\xc9\xca\xcb\xae\xcc\xce\xcf\xd0\xd1\xaa"
        b"\xd2\xd3\xd4\xd5\xd6\xd7\xd8\xdc\xdd\xde\xdf\xe1\xe2\xe3\xe4\xab\xe5\xe6\xe7\xe8\xe9\xac\xea\xeb"
        b"\xec\xed\xee\xef\xf1\xf2\xf3\xf4\xad\xf5\xf6\xf7\xf8\xf9\xfa\xfb\xfc\xfd\xfe\xa7",
        strict=True,
    )
)


def to_tcvn3(text: str) -> bytes:
    """TCVN3 (ABC), the encoding of the .VnTime fonts (lower case and Đ are enough here)."""
    return b"".join(bytes([TCVN3[ch]]) if ch in TCVN3 else ch.encode("ascii") for ch in nfc(text))


VNI = dict(
    zip(
        "ễăựọàêộĐịếảưđơáờ",
        (
            b"e\xe3 a\xea \xf6\xef o\xef a\xf8 e\xe2 o\xe4 \xd1 "
            b"\xf2 e\xe1 a\xfb \xf6 \xf1 \xf4 a\xf9 \xf4\xf8"
        ).split(),
        strict=True,
    )
)


def to_vni(text: str) -> bytes:
    """VNI Windows for the letters used here: a base letter followed by a mark byte."""
    return b"".join(VNI.get(ch) or ch.encode("ascii") for ch in nfc(text))


def test_tcvn3_sample_is_what_the_brief_describes() -> None:
    assert to_tcvn3("Nguyễn Văn Sỹ").decode("cp1258") == "NguyÔn V¨n Sü"


@pytest.mark.parametrize("where", ["start", "after 64 KiB of ASCII"])
def test_tcvn3_is_refused_with_the_way_to_convert(tmp_path: Path, where: str) -> None:
    path = tmp_path / "vntime.csv"
    text = "Họ và tên,Ngày sinh,Quê quán\nNguyễn Văn Sỹ,1/2/1970,Hà Tĩnh\nTrần Thị Hoa,3/4/1975,Nghệ An\n"
    prefix = b"" if where == "start" else b"ID,X,Y\n" + b"1,2,3\n" * 20000
    path.write_bytes(prefix + to_tcvn3(text))
    error = refusal(path)
    assert (error.field, error.value, error.key) == ("encoding", "TCVN3", "read.tcvn3")
    message = render_error(error, "vi")
    assert message.startswith("Bảng mã 'TCVN3': tệp dùng bảng mã cũ TCVN3")
    assert "Công cụ chuyển mã" in message
    assert "Unikey" in message
    assert "CSV UTF-8" in message
    assert "Unicode" in render_error(error, "en")


def test_tcvn3_mojibake_saved_as_utf8_is_refused_too(tmp_path: Path) -> None:
    path = tmp_path / "vntime-utf8.csv"
    path.write_text(
        to_tcvn3("Họ và tên,Quê quán\nNguyễn Văn Sỹ,Hà Tĩnh\n").decode("cp1258"), encoding="utf-8"
    )
    assert refusal(path).key == "read.tcvn3"


def test_vni_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "vni.csv"
    path.write_bytes(to_vni("Họ và tên,Quê quán\nNguyễn Văn Sự,Hà Nội\nĐỗ Thị Ngọc,Huế\n".replace("ỗ", "o")))
    error = refusal(path)
    assert (error.value, error.key) == ("VNI", "read.vni")


def test_real_vietnamese_is_not_taken_for_tcvn3(tmp_path: Path) -> None:
    text = csv_text(rows=[(name, "Hà Tĩnh", '"Ưu tú, học giỏi"') for name in NAMES])
    for i, data in enumerate(
        [text.encode(), nfd(text).encode(), to_cp1258(text), to_cp1258(text, always_combine=True)]
    ):
        path = tmp_path / f"real{i}.csv"
        path.write_bytes(data)
        assert read(path)[1][0] == (2, [NAMES[0], "Hà Tĩnh", "Ưu tú, học giỏi"])


VIETNAMESE_LETTERS = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)
vietnamese_words = st.text(VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper(), min_size=1, max_size=8)
vietnamese_text = st.lists(vietnamese_words, max_size=40).map(" ".join)


@given(vietnamese_text, st.sampled_from(["nfc", "nfd", "cp1258", "cp1258-combining"]))
def test_legacy_detection_never_fires_on_real_vietnamese(text: str, form: str) -> None:
    if form == "nfc":
        seen = text
    elif form == "nfd":
        seen = nfd(text)
    else:
        seen = to_cp1258(text, always_combine=form == "cp1258-combining").decode("cp1258")
    assert legacy_encoding(seen) is None


# ---------------------------------------------------------------------------------------------------------
# Formats, paths and standard input
# ---------------------------------------------------------------------------------------------------------


def test_unknown_formats_and_missing_files(tmp_path: Path) -> None:
    path = tmp_path / "list.docx"
    path.write_bytes(b"whatever")
    error = refusal(path)
    assert (error.field, error.value, error.key) == ("file", str(path), "read.unknown_format")
    (tmp_path / "old.xls").write_bytes(b"x")
    assert refusal(tmp_path / "old.xls").key == "read.xls"
    missing = tmp_path / "nope.csv"
    error = refusal(missing)
    assert (error.field, error.value, error.key) == ("file", str(missing), "read.not_found")
    assert render_error(error, "vi") == f"Tệp '{missing}': không có tệp này"
    assert refusal(tmp_path / "list.docx", input_format="pdf").field == "input_format"
    # --input-format overrides the suffix
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    assert read(path, input_format="csv")[1] == [(2, ["1", "2"])]


def test_empty_files(tmp_path: Path) -> None:
    for name, data in [("e.csv", b""), ("blank.csv", b"\n \r\n,,\n"), ("e.json", b"  ")]:
        path = tmp_path / name
        path.write_bytes(data)
        assert refusal(path).key == "read.empty"
    (tmp_path / "e.json").write_text("[]", encoding="utf-8")
    table, rows = read(tmp_path / "e.json")
    assert (table.headers, rows) == ([], [])


def test_stdin_needs_a_format() -> None:
    error = refusal("-", stdin=io.BytesIO(b"a,b\n"))
    assert (error.field, error.key) == ("input_format", "read.stdin_needs_format")


def test_stdin_csv() -> None:
    data = b"\xef\xbb\xbf" + csv_text(sep=";").encode()
    table, rows = read("-", input_format="csv", stdin=io.BytesIO(data))
    assert (table.encoding, table.delimiter, table.headers, rows) == (
        "utf-8-sig",
        ";",
        EXPECTED_HEADERS,
        EXPECTED_ROWS,
    )


def test_stdin_is_not_closed() -> None:
    stream = io.BytesIO(b"a\n1\n")
    read("-", input_format="csv", stdin=stream)
    assert not stream.closed


# ---------------------------------------------------------------------------------------------------------
# xlsx
# ---------------------------------------------------------------------------------------------------------


def build_workbook(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Đảng viên"
    ws.append(["Họ và tên", "Ngày sinh", "Số CCCD", "Số con", "Điểm", "Đoàn viên", None, None])
    ws.append([nfd(NAMES[0]), datetime.date(1990, 5, 1), "001090000123", 2, 7.5, True])
    ws.append([NAMES[1], datetime.datetime(1985, 12, 31, 8, 30), "079185000045", 0, 9, False])
    ws.append([])  # a gap: not a row
    ws.append([NAMES[2], None, "001200000001"])
    for row in range(2, 6):
        ws.cell(row=row, column=3).number_format = "@"  # the CCCD column is declared Text
    for row in range(6, 10):  # blank trailing rows: formatted, or holding only spaces
        ws.cell(row=row, column=1).number_format = "0.00"
    ws.cell(row=9, column=2, value="   ")
    other = wb.create_sheet("Quần chúng")
    other.append([])
    other.append(["", "Họ và tên", "Nguồn"])  # the header row is the first row that is not empty
    other.append([None, NAMES[4], "Đoàn thanh niên"])
    wb.save(path)


def test_xlsx_values_dates_numbers_and_text_columns(tmp_path: Path) -> None:
    path = tmp_path / "members.xlsx"
    build_workbook(path)
    table, rows = read(path)
    assert (table.encoding, table.delimiter) == (None, None)
    assert table.headers == ["Họ và tên", "Ngày sinh", "Số CCCD", "Số con", "Điểm", "Đoàn viên"]
    assert table.text_columns == frozenset({2})
    assert rows == [
        (2, [NAMES[0], datetime.datetime(1990, 5, 1), "001090000123", 2, 7.5, True]),
        (3, [NAMES[1], datetime.datetime(1985, 12, 31, 8, 30), "079185000045", 0, 9, False]),
        (5, [NAMES[2], None, "001200000001", None, None, None]),
    ]
    assert isinstance(rows[0][1][3], int)
    assert isinstance(rows[0][1][4], float)


def test_xlsx_sheet_by_name(tmp_path: Path) -> None:
    path = tmp_path / "members.xlsx"
    build_workbook(path)
    table, rows = read(path, sheet="Quần chúng")
    assert table.headers == ["Họ và tên", "Nguồn"]
    assert rows == [(3, [NAMES[4], "Đoàn thanh niên"])]
    assert read(path, sheet=nfd("quần CHÚNG"))[0].headers == ["Họ và tên", "Nguồn"]  # case and NFD forgiven
    error = refusal(path, sheet="Ứng viên")
    assert (error.field, error.value, error.key) == ("sheet", "Ứng viên", "read.no_sheet")
    assert render_error(error, "vi") == (
        "Trang tính 'Ứng viên': không có trang tính này; tệp có: Đảng viên, Quần chúng"
    )


def test_xlsx_data_under_an_empty_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "stray.xlsx"
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Họ và tên", "Quê quán"])
    ws.append([NAMES[0], "Huế"])
    ws.append([NAMES[1], "Huế", None, "ghi chú lạc"])
    wb.save(path)
    with open_table(path) as table:
        assert next(table.rows) == (2, [NAMES[0], "Huế"])
        with pytest.raises(InvalidValue) as caught:
            next(table.rows)
    assert (caught.value.key, caught.value.params["column"], caught.value.params["line"]) == (
        "read.empty_header",
        4,  # column D
        3,
    )


def rewrite_member(path: Path, member: str, change: Any) -> None:
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            target.writestr(info, change(data) if info.filename == member else data)


def test_xlsx_with_a_wrong_dimension_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "dimension.xlsx"
    build_workbook(path)
    rewrite_member(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b'ref="A1:H9"', b'ref="A1"'))
    assert b'ref="A1"' in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    table, rows = read(path)
    assert len(table.headers) == 6
    assert len(rows) == 3


def test_damaged_xlsx_is_refused_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "members.xlsx"
    build_workbook(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    error = refusal(path)
    assert (error.field, error.value, error.key) == ("file", str(path), "read.bad_xlsx")

    path.write_bytes(data)
    rewrite_member(path, "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2])
    assert refusal(path).key == "read.bad_xlsx"

    path.write_bytes(b"not a zip at all")
    assert refusal(path).key == "read.bad_xlsx"


def test_xlsx_from_stdin(tmp_path: Path) -> None:
    path = tmp_path / "members.xlsx"
    build_workbook(path)
    table, rows = read("-", input_format="xlsx", stdin=io.BytesIO(path.read_bytes()))
    assert table.headers[0] == "Họ và tên"
    assert len(rows) == 3


# ---------------------------------------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------------------------------------


def test_json_array_of_objects(tmp_path: Path) -> None:
    path = tmp_path / "members.json"
    objects = [
        {"Họ và tên": NAMES[0], "Số con": 2, "Điểm": 7.5, "Đoàn viên": True, "Ghi chú": None},
        {"Họ và tên": nfd(NAMES[1]), nfd(" Quê quán "): "Huế"},
        {},
        {"Ghi chú": "", "Họ và tên": None},
        {"Họ và tên": NAMES[2]},
    ]
    path.write_text(json.dumps(objects, ensure_ascii=False, indent=2), encoding="utf-8")
    table, rows = read(path)
    assert table.headers == ["Họ và tên", "Số con", "Điểm", "Đoàn viên", "Ghi chú", "Quê quán"]
    assert (table.encoding, table.delimiter, table.text_columns) == (None, None, frozenset())
    assert rows == [
        (1, [NAMES[0], 2, 7.5, True, None, None]),
        (2, [NAMES[1], None, None, None, None, "Huế"]),
        (5, [NAMES[2], None, None, None, None, None]),  # blank objects 3 and 4 are skipped
    ]


json_values = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)


@given(st.lists(st.fixed_dictionaries({"Họ và tên": json_values, "Tuổi": json_values}), max_size=30))
def test_json_round_trip(objects: list[dict[str, Any]]) -> None:
    data = json.dumps(objects).encode()
    table, rows = read("-", input_format="json", stdin=io.BytesIO(data))
    headers = list(objects[0]) if objects else []
    expected = [
        (i, [nfc(obj[h]) if isinstance(obj[h], str) else obj[h] for h in headers])
        for i, obj in enumerate(objects, start=1)
        if any(v is not None and not (isinstance(v, str) and not v.strip()) for v in obj.values())
    ]
    assert rows == expected
    assert table.headers == headers


def test_json_streams_past_chunk_boundaries(tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    objects = [{"id": i, "name": f"{NAMES[i % 6]} {i}", "note": "x" * (i % 50)} for i in range(5000)]
    objects.append({"id": 5000, "name": "dài", "note": "ễ" * 3_000_000})  # one long value
    path.write_text(json.dumps(objects, ensure_ascii=False), encoding="utf-8")
    table, rows = read(path)
    assert table.headers == ["id", "name", "note"]
    assert len(rows) == 5001
    assert rows[4999] == (5000, [4999, f"{NAMES[4999 % 6]} 4999", "x" * 49])
    assert rows[-1][1][2] == "ễ" * 3_000_000


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('{"a": 1}', "read.bad_json"),
        ("[1, 2]", "read.bad_json"),
        ('[{"a": 1}, "x"]', "read.bad_json"),
        ('[{"a": 1}, {"a": ]', "read.json_syntax"),
        ('[{"a": 1}', "read.json_syntax"),
        ('[{"a": 1},]', "read.json_syntax"),
        ('[{"a": 1}] [', "read.json_syntax"),
        ("nonsense", "read.bad_json"),
        ('[{"a": ' + "[" * 100_000 + "]" * 100_000 + "}]", "read.json_syntax"),  # too deep for Python
        ('[{"a": ' + "9" * 5000 + "}]", "read.json_syntax"),  # over Python's 4,300-digit limit
    ],
)
def test_json_that_is_not_an_array_of_objects_is_refused(tmp_path: Path, text: str, key: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    error = refusal(path)
    assert (error.field, error.value, error.key) == ("file", str(path), key)


def test_json_nested_values_are_refused_per_row(tmp_path: Path) -> None:
    path = tmp_path / "nested.json"
    path.write_text('[{"a": 1}, {"a": [1, 2]}]', encoding="utf-8")
    with open_table(path) as table:
        assert next(table.rows) == (1, [1])
        with pytest.raises(InvalidValue) as caught:
            next(table.rows)
    assert (caught.value.key, caught.value.params["line"], caught.value.params["name"]) == (
        "read.nested_value",
        2,
        "a",
    )


# ---------------------------------------------------------------------------------------------------------
# Whatever the bytes: InvalidValue or rows, nothing else
# ---------------------------------------------------------------------------------------------------------

TOKENS = [b",", b";", b"\t", b'"', b"\n", b"\r", b"\r\n", b" ", b"a", b"1", b"\x00", b"\xef\xbb\xbf"]
TOKENS += [
    b"\xff\xfe",
    "ễ".encode(),
    "Đ".encode(),
    to_cp1258("ễ"),
    b"\xa8",
    b"\xd4",
    b"\x81",
    b"\xc3",
    b"PK\x03\x04",
]
csv_like_bytes = st.lists(st.sampled_from(TOKENS), max_size=60).map(b"".join)


def read_or_refuse(path: Path, **options: Any) -> None:
    try:
        read(path, **options)
    except InvalidValue as error:
        assert error.key.startswith("read.")  # noqa: PT017  (either outcome is right; the property covers both)
        render_error(error, "vi")  # every key has a text with the parameters it needs
        assert error.key != render_error(error, "en").split(": ")[-1]  # noqa: PT017  (as above; the key has a text)


@given(st.binary(max_size=3000) | csv_like_bytes, st.sampled_from(["auto", "utf-8", "cp1258"]))
def test_arbitrary_bytes_never_raise_anything_but_invalid_value(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, encoding: str
) -> None:
    path = tmp_path_factory.getbasetemp() / "fuzz.csv"
    path.write_bytes(data)
    read_or_refuse(path, encoding=encoding)


@given(st.text(max_size=300))
def test_arbitrary_text_as_utf8_never_raises_anything_but_invalid_value(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    path = tmp_path_factory.getbasetemp() / "fuzz-text.csv"
    path.write_text(text, encoding="utf-8", newline="")
    read_or_refuse(path)


@given(st.binary(max_size=300) | csv_like_bytes)
def test_arbitrary_bytes_as_json_never_raise_anything_but_invalid_value(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.getbasetemp() / "fuzz.json"
    path.write_bytes(b"[" + data if data[:1] == b"{" else data)
    read_or_refuse(path)
