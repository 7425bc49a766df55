"""Hostile files made on the fly (too big to keep in the repository): spreadsheets and text tables built to
exhaust memory or time, and the odd kinds of file a path can name.

Each maker writes one file into a folder and returns its path; :data:`BOMBS` lists them with the list they
are imported as and a piece of the message that refuses them. ``tests/test_hostile_files.py`` runs every one
through the real ``dangvien`` in a child process and measures its peak memory and time.

The xlsx files are written with :mod:`zipfile` directly, part by part, so that a part can be as large (or
lie as much) as a test needs; text is streamed into the archive, never held whole in memory.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER_CELLS = ("Họ và tên", "Giới tính", "Ngày sinh", "Chi bộ", "Ngày vào Đảng")

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
    '<sheets><sheet name="Đảng viên" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
    f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
# Style 0 is General, style 1 a date (dd/mm/yyyy), as Excel writes them.
STYLES = (
    f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    "</styleSheet>"
)
SHEET_START = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'
SHEET_END = "</sheetData></worksheet>"
STRINGS_START = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">'
STRINGS_END = "</sst>"


def _column(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _inline(text: str) -> str:
    return f'<is><t xml:space="preserve">{text}</t></is>'


def header_row(number: int = 1) -> str:
    cells = "".join(
        f'<c r="{_column(i)}{number}" t="inlineStr">{_inline(text)}</c>'
        for i, text in enumerate(HEADER_CELLS, start=1)
    )
    return f'<row r="{number}">{cells}</row>'


def member_row(number: int, name: str = "Nguyễn Văn An", born: str = "1/1/1970") -> str:
    values = (name, "M", born, "HP", "1/1/2000")
    cells = "".join(
        f'<c r="{_column(i)}{number}" t="inlineStr">{_inline(text)}</c>' for i, text in enumerate(values, 1)
    )
    return f'<row r="{number}">{cells}</row>'


def write_xlsx(
    path: Path,
    sheet: Iterable[str],
    *,
    strings: Iterable[str] = (),
    styles: Iterable[str] = (STYLES,),
    level: int = 9,
    zip64: bool = True,
) -> Path:
    """An xlsx whose sheet, shared strings and styles parts are the given pieces of XML, streamed in."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        for name, pieces in (
            ("xl/worksheets/sheet1.xml", sheet),
            ("xl/sharedStrings.xml", strings or (STRINGS_START, STRINGS_END)),
            ("xl/styles.xml", styles),
        ):
            with archive.open(name, "w", force_zip64=zip64) as part:
                buffer: list[bytes] = []
                size = 0
                for piece in pieces:
                    data = piece.encode("utf-8")
                    buffer.append(data)
                    size += len(data)
                    if size >= 1 << 20:
                        part.write(b"".join(buffer))
                        buffer, size = [], 0
                part.write(b"".join(buffer))
    return path


def _repeat(text: str, total_bytes: int) -> Iterator[str]:
    """``text`` repeated in 1 MiB pieces up to about ``total_bytes``."""
    per_piece = max(1, (1 << 20) // len(text.encode("utf-8")))
    piece = text * per_piece
    size = len(piece.encode("utf-8"))
    for _ in range(max(1, total_bytes // size)):
        yield piece


# --- spreadsheets ------------------------------------------------------------------------------------------


def xlsx_huge_inline_cell(path: Path) -> Path:
    """One 1 GiB cell (about 1 MB on disk): the 2 GB-cell file, halved to keep the test fast."""
    return write_xlsx(
        path,
        [SHEET_START, header_row(), '<row r="2"><c r="A2" t="inlineStr"><is><t>',
         *_repeat("A", 1 << 30), "</t></is></c></row>", SHEET_END],
    )  # fmt: skip


def xlsx_huge_shared_string(path: Path) -> Path:
    """One 256 MiB shared string (under the archive's ratio on purpose: random-looking letters)."""
    return write_xlsx(
        path,
        [SHEET_START, header_row(), '<row r="2"><c r="A2" t="s"><v>0</v></c></row>', SHEET_END],
        strings=[STRINGS_START, "<si><t>", *_repeat("Nguyễn Văn An ", 256 << 20), "</t></si>", STRINGS_END],
    )


def xlsx_long_shared_string(path: Path) -> Path:
    """A shared string of 40,000 characters in 40 rich-text runs, longer than Excel can hold (32,767)."""
    import random

    runs = "".join(
        f"<r><t>{''.join(random.Random(n).choices('abcdefghij ', k=1000))}</t></r>"  # noqa: S311
        for n in range(40)
    )
    return write_xlsx(
        path,
        [SHEET_START, header_row(), '<row r="2"><c r="A2" t="s"><v>0</v></c></row>', SHEET_END],
        strings=[STRINGS_START, f"<si>{runs}</si>", STRINGS_END],
    )


def xlsx_many_shared_strings(path: Path) -> Path:
    """1.2 million short shared strings, all different (so the archive does not inflate suspiciously):
    each is cheap on disk and costly as a Python object."""

    def strings() -> Iterator[str]:
        yield STRINGS_START
        for start in range(0, 1_200_000, 100_000):
            yield "".join(f"<si><t>{n:x}</t></si>" for n in range(start, start + 100_000))
        yield STRINGS_END

    return write_xlsx(path, [SHEET_START, header_row(), member_row(2), SHEET_END], strings=strings())


def xlsx_empty_rows(path: Path) -> Path:
    """A flood of empty rows after the header, numbered as Excel numbers them (a 6 MB file)."""

    def rows() -> Iterator[str]:
        yield SHEET_START
        yield header_row()
        number = 2
        while number < 1_048_576:
            yield "".join(
                f'<row r="{n}" spans="1:5"/>' for n in range(number, min(number + 10_000, 1_048_577))
            )
            number += 10_000
        yield "".join('<row spans="1:5"/>' for _ in range(10_000)) * 300  # then rows with no number at all
        yield SHEET_END

    return write_xlsx(path, rows())


def xlsx_empty_cells(path: Path) -> Path:
    """Rows of empty styled cells, each with its own reference (so the archive inflates only a little):
    nothing to read, a lot to parse."""

    def rows() -> Iterator[str]:
        yield SHEET_START
        yield header_row()
        for number in range(2, 3_000):
            yield (
                f'<row r="{number}">'
                + "".join(f'<c r="{_column(c)}{number}" s="0"/>' for c in range(1, 200))
                + "</row>"
            )
        yield SHEET_END

    return write_xlsx(path, rows())


def xlsx_long_cell(path: Path) -> Path:
    """A cell of 40,000 characters, longer than Excel can hold (32,767)."""
    import random

    text = "".join(random.Random(1).choices("abcdefghijklmnopqrstuvwxyz ", k=40_000))  # noqa: S311
    return write_xlsx(path, [SHEET_START, header_row(), member_row(2, name=text), SHEET_END])


def xlsx_row_beyond_excel(path: Path) -> Path:
    """``<row r="999999999999">``: a reader that fills the rows in between never finishes (4.9 KB)."""
    return write_xlsx(
        path, [SHEET_START, header_row(), member_row(2), member_row(999_999_999_999), SHEET_END]
    )


def xlsx_column_beyond_excel(path: Path) -> Path:
    """A cell in column ZZZZ (past Excel's last column, XFD)."""
    return write_xlsx(
        path,
        [SHEET_START, header_row(), '<row r="2"><c r="ZZZZ2" t="inlineStr">', _inline("x"), "</c></row>",
         SHEET_END],
    )  # fmt: skip


def xlsx_zip_bomb(path: Path) -> Path:
    """A sheet that inflates a thousandfold: 512 MiB of one repeated row, 2 MB on disk."""
    return write_xlsx(path, [SHEET_START, header_row(), *_repeat(member_row(2), 512 << 20), SHEET_END])


def xlsx_lying_sizes(path: Path) -> Path:
    """A sheet whose archive entry says it is 1 KB while it inflates to 64 MiB."""
    write_xlsx(path, [SHEET_START, header_row(), *_repeat("<row/>", 64 << 20), SHEET_END], zip64=False)
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    # (signature, where the name starts, where the uncompressed size is): local header, central directory
    for signature, name_at, size_at in ((b"PK\x03\x04", 30, 22), (b"PK\x01\x02", 46, 24)):
        at = data.find(signature)
        while at >= 0:
            if data[at + name_at : at + name_at + len(name)] == name:
                data[at + size_at : at + size_at + 4] = (1024).to_bytes(4, "little")
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    return path


def xlsx_styles_bomb(path: Path) -> Path:
    """A 200 MiB styles part (read whole into a tree by openpyxl)."""
    start, end = STYLES.split("<cellXfs")
    return write_xlsx(
        path,
        [SHEET_START, header_row(), member_row(2), SHEET_END],
        styles=[start, "<cellStyles>", *_repeat('<cellStyle name="x" xfId="0"/>', 200 << 20), "</cellStyles>",
                "<cellXfs", end],
    )  # fmt: skip


def xlsx_entities(path: Path) -> Path:
    """A document type with entities (the "billion laughs"): no real workbook has one."""
    laughs = '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    )
    return write_xlsx(
        path,
        ['<?xml version="1.0" encoding="UTF-8"?>', laughs + "]>", f'<worksheet xmlns="{MAIN}"><sheetData>',
         header_row(), '<row r="2"><c r="A2" t="inlineStr"><is><t>&i;</t></is></c></row>', SHEET_END],
    )  # fmt: skip


def xlsx_negative_shared_string(path: Path) -> Path:
    """A shared-string index of -1 (a reader that indexes a list takes the last string)."""
    cells = '<c r="A2" t="s"><v>-1</v></c>' + "".join(
        f'<c r="{c}2" t="inlineStr">{_inline(v)}</c>'
        for c, v in zip("BCDE", ("M", "1/1/1970", "HP", "1/1/2000"), strict=True)
    )
    return write_xlsx(
        path,
        [SHEET_START, header_row(), f'<row r="2">{cells}</row>', SHEET_END],
        strings=[STRINGS_START, "<si><t>Nguyễn Văn Cuối</t></si>", STRINGS_END],
    )


# --- text tables ------------------------------------------------------------------------------------------


def _write_text(path: Path, pieces: Iterable[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        for piece in pieces:
            handle.write(piece)
    return path


def csv_huge_header(path: Path) -> Path:
    """A 60 MB header line of thirty million one-letter columns."""
    return _write_text(path, [*_repeat("a,", 60 << 20), "b\n"])


def csv_wide_header(path: Path) -> Path:
    """A 10 MB header line of five million one-letter columns (under the line limit)."""
    return _write_text(path, [*_repeat("a,", 10 << 20), "b\n"])


def csv_huge_line(path: Path) -> Path:
    """A 100 MB line with no line break."""
    return _write_text(path, ["full_name,gender,birth_date,cell,admitted_on\n", *_repeat("x", 100 << 20)])


def csv_empty_rows(path: Path) -> Path:
    """The header, then twelve million empty lines (24 MB)."""
    return _write_text(path, ["full_name,gender,birth_date,cell,admitted_on\n", *_repeat(",,,,\n", 60 << 20)])


def csv_huge_quoted_field(path: Path) -> Path:
    """A quoted field of 100 million characters, over many lines."""
    return _write_text(
        path, ['full_name,gender,birth_date,cell,admitted_on\n"', *_repeat("dòng\n", 100 << 20), '",M\n']
    )


def json_huge_value(path: Path) -> Path:
    """One 100 MB string value."""
    return _write_text(path, ['[{"full_name": "', *_repeat("Ạ", 100 << 20), '"}]'])


def json_many_keys(path: Path) -> Path:
    """One object with three million different keys (the headers are every object's keys)."""

    def pieces() -> Iterator[str]:
        yield "[{"
        for start in range(0, 3_000_000, 100_000):
            yield ",".join(f'"k{n}": 0' for n in range(start, start + 100_000)) + ","
        yield '"full_name": "x"}]'

    return _write_text(path, pieces())


def json_many_objects(path: Path) -> Path:
    """Two million empty objects."""
    return _write_text(path, ["[", *_repeat("{},", 6 << 20), "{}]"])


@dataclass(frozen=True)
class Bomb:
    """A hostile file: how to make it, its file name, the list it is imported as, a piece of the refusal."""

    make: Callable[[Path], Path]
    name: str
    fragment: str
    entity: str = "members"
    options: tuple[str, ...] = field(default=())


BOMBS = [
    Bomb(xlsx_huge_inline_cell, "huge_inline_cell.xlsx", "giải nén"),
    Bomb(xlsx_huge_shared_string, "huge_shared_string.xlsx", "giải nén"),
    Bomb(xlsx_long_shared_string, "long_shared_string.xlsx", "32.767 ký tự"),
    Bomb(xlsx_many_shared_strings, "many_shared_strings.xlsx", "chuỗi dùng chung"),
    Bomb(xlsx_empty_rows, "empty_rows.xlsx", "100.000 dòng, ô hoặc phần tử trống"),
    Bomb(xlsx_empty_cells, "empty_cells.xlsx", "100.000 dòng, ô hoặc phần tử trống"),
    Bomb(xlsx_long_cell, "long_cell.xlsx", "32.767 ký tự"),
    Bomb(xlsx_row_beyond_excel, "row_beyond_excel.xlsx", "1.048.576"),
    Bomb(xlsx_column_beyond_excel, "column_beyond_excel.xlsx", "16.384"),
    Bomb(xlsx_zip_bomb, "zip_bomb.xlsx", "giải nén"),
    Bomb(xlsx_lying_sizes, "lying_sizes.xlsx", "tệp Excel bị hỏng"),
    Bomb(xlsx_styles_bomb, "styles_bomb.xlsx", "giải nén"),
    Bomb(xlsx_entities, "entities.xlsx", "DOCTYPE"),
    Bomb(xlsx_negative_shared_string, "negative_shared_string.xlsx", "chuỗi dùng chung"),
    Bomb(csv_huge_header, "huge_header.csv", "dài quá 32 MB"),
    Bomb(csv_wide_header, "wide_header.csv", "65.536 dấu phân cách"),
    Bomb(csv_huge_line, "huge_line.csv", "dài quá"),
    Bomb(csv_empty_rows, "empty_rows.csv", "1.048.576"),
    Bomb(csv_huge_quoted_field, "huge_quoted_field.csv", "dài quá"),
    Bomb(json_huge_value, "huge_value.json", "dài quá"),
    Bomb(json_many_keys, "many_keys.json", "16.384"),
    Bomb(json_many_objects, "many_objects.json", "1.048.576"),
]
