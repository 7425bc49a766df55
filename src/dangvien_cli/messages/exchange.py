"""Reading files, importing and exporting lists.

``key: (Vietnamese, English)``; a count's text is ``key: (Vietnamese, (English singular, plural))``."""

from __future__ import annotations

from dangvien_cli.messages.types import Catalog

MESSAGES: Catalog = {
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
        "dòng {line} không phải văn bản UTF-8; tệp CSV lưu từ Excel thường dùng bảng mã Windows-1258: thử "
        "--encoding cp1258 hoặc --encoding auto",
        "line {line} is not UTF-8 text; a CSV saved by Excel is often Windows-1258: try --encoding cp1258 "
        "or --encoding auto",
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
        '"Công cụ chuyển mã" của Unikey (Ctrl+Shift+F6; nguồn: TCVN3 (ABC), đích: Unicode), lưu lại từ '
        'Excel dạng "CSV UTF-8" rồi nhập lại',
        "the file is in the old TCVN3 encoding (.VnTime fonts), not Unicode. Convert it with Unikey's "
        '"Công cụ chuyển mã" (Ctrl+Shift+F6; source TCVN3 (ABC), target Unicode), save it from Excel as '
        '"CSV UTF-8" and import it again',
    ),
    "read.vni": (
        "tệp dùng bảng mã cũ VNI (phông VNI-Times), không phải Unicode. Hãy chuyển tệp sang Unicode bằng "
        '"Công cụ chuyển mã" của Unikey (Ctrl+Shift+F6; nguồn: VNI Windows, đích: Unicode), lưu lại từ '
        'Excel dạng "CSV UTF-8" rồi nhập lại',
        "the file is in the old VNI encoding (VNI fonts), not Unicode. Convert it with Unikey's \"Công cụ "
        'chuyển mã" (Ctrl+Shift+F6; source VNI Windows, target Unicode), save it from Excel as "CSV '
        'UTF-8" and import it again',
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
        'phần tử thứ {line}: trường "{name}" chứa danh sách hoặc đối tượng lồng nhau, phải là một giá trị '
        "đơn",
        'element {line}: field "{name}" holds a nested list or object; it must be a single value',
    ),
    "read.changed": ("tệp bị thay đổi trong lúc đang đọc", "the file changed while it was being read"),
    "import.header_unknown": (
        "cột không biết; các cột dùng được: {known} (và STT)",
        "unknown column; the known columns are: {known} (and STT)",
    ),
    "import.header_repeated": (
        "trùng với cột '{other}' (cùng là {column})",
        "repeats column '{other}' (both are {column})",
    ),
    "import.header_missing": ("thiếu cột bắt buộc: {missing}", "required columns missing: {missing}"),
    "cell.not_text": ("phải là chữ", "must be text"),
    "cell.datetime_has_time": ("ô ngày có cả giờ", "the date cell also holds a time"),
    "cell.not_count": ("phải là số nguyên không âm", "must be a whole number"),
    "cell.not_flag": ("phải là có/không (1/0)", "must be yes/no (1/0)"),
    "import.duplicate": (
        "đã có (#{id}) với giá trị khác ở: {columns}; dùng --on-duplicate update hoặc skip",
        "already recorded (#{id}) with other values in: {columns}; use --on-duplicate update or skip",
    ),
    "import.possible_duplicate": (
        "có thể trùng #{id} (cùng họ tên và ngày sinh, không có số CCCD để phân biệt), khác ở: {columns}; "
        "dùng --on-duplicate update, skip, hoặc ghi số CCCD",
        "possibly the same person as #{id} (same name and birth date, no citizen ID to tell them apart), "
        "differing in: {columns}; use --on-duplicate update or skip, or give the citizen ID",
    ),
    "import.duplicate_in_file": (
        "người này đã có ở một dòng trước trong tệp, với giá trị khác",
        "this person is on an earlier line of the file, with other values",
    ),
    "import.cannot_change": (
        "không thể sửa cột này khi nhập (#{id}); hãy dùng lệnh tương ứng (ví dụ member move)",
        "an import cannot change this column (#{id}); use the matching command (e.g. member move)",
    ),
    "import.left_needs_both": ("cần cả ngày ra và lý do ra", "leaving needs both the date and the reason"),
    "import.stage_needs": ("giai đoạn này cần cột {column}", "this stage needs the {column} column"),
    "import.parent_cycle": (
        "các tổ chức trong tệp trực thuộc lẫn nhau thành vòng",
        "the organisations in the file are each other's parents (a cycle)",
    ),
    "import.ref_not_found": (
        "không tìm thấy người có số CCCD hoặc họ tên này",
        "nobody has this citizen ID or full name",
    ),
    "import.ref_ambiguous": (
        "nhiều người trùng họ tên này; hãy ghi số CCCD, hoặc họ tên kèm ngày sinh: An Văn B (1/2/1970)",
        "several people have this name; give the citizen ID, or the name and birth date: An Văn B (1/2/1970)",
    ),
    "import.summary": (
        "{entity}: {rows} dòng; tạo mới {created}, cập nhật {updated}, bỏ qua {skipped}, lỗi {errors}",
        "{entity}: {rows} rows; created {created}, updated {updated}, skipped {skipped}, errors {errors}",
    ),
    "import.dry_run": ("(chạy thử: không ghi gì)", "(dry run: nothing written)"),
    "import.refused": (
        "Không nhập gì: sửa {errors} lỗi rồi nhập lại (tệp được nhập trọn vẹn hoặc không nhập gì)",
        (
            "Nothing imported: fix the error and import again (a file lands whole or not at all)",
            "Nothing imported: fix the {errors} errors and import again (a file lands whole or not at all)",
        ),
    ),
    "import.problem": (
        "Dòng {line}, cột '{column}', giá trị '{value}': {reason}",
        "Line {line}, column '{column}', value '{value}': {reason}",
    ),
    "import.more_problems": (
        "… và {count} lỗi nữa (--errors-to TỆP để ghi tất cả)",
        (
            "… and {count} more (--errors-to FILE writes them all)",
            "… and {count} more (--errors-to FILE writes them all)",
        ),
    ),
    "import.possible_duplicates": (
        "Dòng {line}: có thể trùng người đã có #{id} ({name})",
        "Line {line}: possibly the same person as #{id} ({name})",
    ),
    "import.ignored": ("Bỏ qua cột số thứ tự: {columns}", "Row-number columns not stored: {columns}"),
    "import.progress": (
        "Đã đọc {rows} dòng…",
        (
            "{rows} row read…",
            "{rows} rows read…",
        ),
    ),
    "export.written": (
        "Đã ghi {rows} dòng vào {path}",
        (
            "Wrote {rows} row to {path}",
            "Wrote {rows} rows to {path}",
        ),
    ),
    "export.exists": ("tệp đã có; dùng --force để ghi đè", "the file exists; use --force to overwrite it"),
    "export.xlsx_needs_file": ("định dạng xlsx cần -o TỆP", "the xlsx format needs -o FILE"),
    "import.unescaped": (
        "{count} ô có ở đầu dấu ' chống chèn công thức (tệp xuất ghi nó trước = + - @): đã bỏ dấu ' đó",
        (
            "{count} cell began with the quote that guards against formula injection (exports write it "
            "before = + - @): that quote was taken off",
            "{count} cells began with the quote that guards against formula injection (exports write it "
            "before = + - @): that quote was taken off",
        ),
    ),
    "export.control_character": (
        "không ghi được dạng xlsx: giá trị '{text}' chứa ký tự điều khiển mà Excel không chứa được; hãy "
        "sửa bản ghi đó, hoặc xuất dạng csv hay json",
        "cannot be written as xlsx: the value '{text}' holds a control character Excel cannot hold; "
        "correct that record, or export as csv or json",
    ),
}
