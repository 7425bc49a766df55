"""Texts for import, export and search (merged into the one catalogue in catalog.py)."""

from __future__ import annotations

EXCHANGE_MESSAGES: dict[str, tuple[str, str]] = {
    # --- reading import files (exchange/readers.py) ---------------------------------------------
    "read.not_found": ("không có tệp này", "no such file"),
    "read.not_a_file": ("là một thư mục, không phải tệp", "is a folder, not a file"),
    "read.os_error": ("không đọc được tệp: {detail}", "cannot read the file: {detail}"),
    "read.unknown_format": (
        "không nhận ra định dạng; dùng tệp .csv, .xlsx hoặc .json, hoặc chỉ rõ --input-format csv|xlsx|json",
        "unknown format; use a .csv, .xlsx or .json file, or give --input-format csv|xlsx|json",
    ),
    "read.stdin_needs_format": (
        "đọc từ đầu vào chuẩn (-) cần chỉ rõ --input-format csv|xlsx|json",
        "reading standard input (-) needs --input-format csv|xlsx|json",
    ),
    "read.xls": (
        "là tệp Excel 97-2003 (.xls) hoặc tệp Excel có mật khẩu; hãy mở bằng Excel, bỏ mật khẩu nếu có, "
        "rồi lưu lại dạng .xlsx (Excel Workbook)",
        "is an Excel 97-2003 (.xls) or password-protected workbook; open it in Excel, remove any password "
        "and save it as .xlsx (Excel Workbook)",
    ),
    "read.looks_like_xlsx": (
        "là tệp Excel (.xlsx) chứ không phải CSV; đổi đuôi tệp thành .xlsx hoặc dùng --input-format xlsx",
        "is an Excel workbook (.xlsx), not a CSV file; rename it to .xlsx or use --input-format xlsx",
    ),
    "read.unknown_encoding": (
        "bảng mã phải là auto, utf-8 hoặc cp1258",
        "the encoding must be auto, utf-8 or cp1258",
    ),
    "read.binary": (
        "không phải tệp văn bản (có byte NUL ở dòng {line})",
        "is not a text file (a NUL byte on line {line})",
    ),
    "read.empty": ("tệp trống, không có dòng tiêu đề", "the file is empty: no header row"),
    "read.line_too_long": ("dòng {line} dài quá {limit} MB", "line {line} is longer than {limit} MB"),
    "read.unclosed_quote": (
        "dấu ngoặc kép mở ở dòng {line} không được đóng",
        "the quote opened on line {line} is never closed",
    ),
    "read.bad_quote": (
        "dòng {line}: sau dấu ngoặc kép đóng ô phải là dấu phân cách hoặc hết dòng",
        "line {line}: a closing quote must be followed by the delimiter or the end of the line",
    ),
    "read.stray_cr": (
        "dòng {line} có ký tự xuống dòng (CR) lạc giữa một ô không có ngoặc kép",
        "line {line} has a stray carriage return inside an unquoted cell",
    ),
    "read.bad_csv": ("dòng {line} sai cấu trúc CSV ({detail})", "line {line} is not valid CSV ({detail})"),
    "read.too_many_cells": (
        "dòng {line} có {count} ô, nhiều hơn {headers} cột của dòng tiêu đề",
        "line {line} has {count} cells, more than the {headers} header columns",
    ),
    "read.empty_header": (
        "cột thứ {column} có dữ liệu (dòng {line}) nhưng ô tiêu đề của cột để trống",
        "column {column} holds data (line {line}) but its header cell is empty",
    ),
    "read.not_utf8": (
        "dòng {line} không phải văn bản UTF-8; tệp CSV lưu từ Excel thường dùng bảng mã Windows-1258: "
        "thử --encoding cp1258 hoặc --encoding auto",
        "line {line} is not UTF-8 text; a CSV saved by Excel is often Windows-1258: "
        "try --encoding cp1258 or --encoding auto",
    ),
    "read.mixed_encoding": (
        "dòng {line} dùng bảng mã khác với các dòng trước (tệp lẫn nhiều bảng mã); hãy kiểm tra dòng đó "
        'trong Excel rồi lưu lại tệp dạng "CSV UTF-8"',
        "line {line} is in another encoding than the lines before it (a mix of encodings); check that "
        'line in Excel and save the file again as "CSV UTF-8"',
    ),
    "read.decode_error": (
        "dòng {line} có byte không thuộc bảng mã này",
        "line {line} has bytes this encoding does not define",
    ),
    "read.tcvn3": (
        "tệp dùng bảng mã cũ TCVN3 (phông .VnTime), không phải Unicode. Hãy chuyển tệp sang Unicode bằng "
        '"Công cụ chuyển mã" của Unikey (Ctrl+Shift+F6; nguồn: TCVN3 (ABC), đích: Unicode), lưu lại '
        'từ Excel dạng "CSV UTF-8" rồi nhập lại',
        "the file is in the old TCVN3 encoding (.VnTime fonts), not Unicode. Convert it with Unikey's "
        '"Công cụ chuyển mã" (Ctrl+Shift+F6; source TCVN3 (ABC), target Unicode), save it from Excel '
        'as "CSV UTF-8" and import it again',
    ),
    "read.vni": (
        "tệp dùng bảng mã cũ VNI (phông VNI-Times), không phải Unicode. Hãy chuyển tệp sang Unicode bằng "
        '"Công cụ chuyển mã" của Unikey (Ctrl+Shift+F6; nguồn: VNI Windows, đích: Unicode), lưu lại '
        'từ Excel dạng "CSV UTF-8" rồi nhập lại',
        "the file is in the old VNI encoding (VNI fonts), not Unicode. Convert it with Unikey's "
        '"Công cụ chuyển mã" (Ctrl+Shift+F6; source VNI Windows, target Unicode), save it from Excel '
        'as "CSV UTF-8" and import it again',
    ),
    "read.no_sheet": (
        "không có trang tính này; tệp có: {sheets}",
        "no such sheet; the workbook has: {sheets}",
    ),
    "read.bad_xlsx": (
        "tệp Excel bị hỏng hoặc không đọc được; hãy mở bằng Excel và lưu lại dạng .xlsx",
        "the workbook is damaged or unreadable; open it in Excel and save it again as .xlsx",
    ),
    "read.bad_json": (
        "phải là một mảng JSON gồm các đối tượng, như tệp do lệnh export --format json tạo ra",
        "must be a JSON array of objects, like the files export --format json writes",
    ),
    "read.json_syntax": (
        "JSON sai cú pháp ở phần tử thứ {line} của mảng",
        "invalid JSON at element {line} of the array",
    ),
    "read.json_not_utf8": ("tệp JSON phải dùng bảng mã UTF-8", "a JSON file must be UTF-8"),
    "read.nested_value": (
        'phần tử thứ {line}: trường "{name}" chứa danh sách hoặc đối tượng lồng nhau, '
        "phải là một giá trị đơn",
        'element {line}: field "{name}" holds a nested list or object; it must be a single value',
    ),
    "read.changed": ("tệp bị thay đổi trong lúc đang đọc", "the file changed while it was being read"),
    # --- search ---------------------------------------------------------------------------------
    "search.empty": (
        "cần ít nhất một chữ cái hoặc chữ số để tìm",
        "type at least one letter or digit to search for",
    ),
    "search.title": ("Tìm “{text}”", "Search for “{text}”"),
    "search.more": (
        "Chỉ hiện {limit} kết quả đầu; dùng --limit 0 để xem tất cả",
        "Showing the first {limit} results; use --limit 0 to see them all",
    ),
    "search.kind.member": ("Đảng viên", "Member"),
    "search.kind.candidate": ("Quần chúng", "Candidate"),
    "search.match.exact": ("Đúng dấu", "Exact"),
    "search.match.folded": ("Không dấu", "Without marks"),
}
EXCHANGE_FIELDS: dict[str, tuple[str, str]] = {
    "file": ("Tệp", "File"),
    "encoding": ("Bảng mã", "Encoding"),
    "sheet": ("Trang tính", "Sheet"),
    "input_format": ("Định dạng", "Input format"),
    "search.match": ("Khớp", "Match"),
}
