"""Texts for hostile input, redaction and database secrets (merged into the one catalogue in catalog.py)."""

from __future__ import annotations

HOSTILE_MESSAGES: dict[str, tuple[str, str]] = {
    "import.unescaped": (
        "{count} ô có ở đầu dấu ' chống chèn công thức (tệp xuất ghi nó trước = + - @): đã bỏ dấu ' đó",
        "{count} cells began with the quote that guards against formula injection (exports write it before "
        "= + - @): that quote was taken off",
    ),
    "text.control_character": (
        "chứa ký tự điều khiển không in được ({char}); hãy xoá ký tự đó",
        "holds an unprintable control character ({char}); remove it",
    ),
    "export.control_character": (
        "không ghi được dạng xlsx: giá trị '{text}' chứa ký tự điều khiển mà Excel không chứa được; hãy "
        "sửa bản ghi đó, hoặc xuất dạng csv hay json",
        "cannot be written as xlsx: the value '{text}' holds a control character Excel cannot hold; correct "
        "that record, or export as csv or json",
    ),
    "value.too_long": ("dài quá {limit} ký tự", "is longer than {limit} characters"),
    "db.bad_url": (
        "không phải địa chỉ cơ sở dữ liệu hợp lệ (đường dẫn tệp SQLite hoặc URL SQLAlchemy)",
        "is not a valid database address (a SQLite file path or a SQLAlchemy URL)",
    ),
    "db.no_driver": (
        "thiếu thư viện kết nối cho loại cơ sở dữ liệu này ({detail}); với PostgreSQL hãy cài "
        "pip install 'dangvien[postgres]'",
        "the driver for this kind of database is missing ({detail}); for PostgreSQL install "
        "pip install 'dangvien[postgres]'",
    ),
    "db.file_not_found": ("không có tệp này", "no such file"),
    "db.file_empty": (
        "tệp trống, không chứa địa chỉ cơ sở dữ liệu",
        "the file is empty: no database address",
    ),
    "db.file_too_open": (
        "tệp chứa mật khẩu nhưng người khác đọc được (quyền {mode}); chạy chmod 600 cho tệp này",
        "the file holds a password but others can read it (mode {mode}); run chmod 600 on it",
    ),
}

HOSTILE_FIELDS: dict[str, tuple[str, str]] = {
    "argument": ("Tham số dòng lệnh", "Command-line argument"),
    "DANGVIEN_DB_FILE": ("Tệp địa chỉ cơ sở dữ liệu", "Database address file"),
}
