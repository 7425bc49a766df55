"""Texts for the import pipeline: headers, cells, matching (merged into the one catalogue in catalog.py)."""

from __future__ import annotations

IMPORT_MESSAGES: dict[str, tuple[str, str]] = {
    # --- headers ---------------------------------------------------------------------------------
    "import.header_unknown": (
        "cột không biết; các cột dùng được: {known} (và STT)",
        "unknown column; the known columns are: {known} (and STT)",
    ),
    "import.header_repeated": (
        "trùng với cột '{other}' (cùng là {column})",
        "repeats column '{other}' (both are {column})",
    ),
    "import.header_missing": ("thiếu cột bắt buộc: {missing}", "required columns missing: {missing}"),
    # --- cells -----------------------------------------------------------------------------------
    "cell.not_text": ("phải là chữ", "must be text"),
    "cell.datetime_has_time": ("ô ngày có cả giờ", "the date cell also holds a time"),
    "cell.not_count": ("phải là số nguyên không âm", "must be a whole number"),
    "cell.not_flag": ("phải là có/không (1/0)", "must be yes/no (1/0)"),
    "date.serial": ("không phải số ngày Excel hợp lệ", "not a valid Excel date number"),
    "date.format_ymd": (
        "không phải ngày dạng năm-tháng-ngày (2022-10-31)",
        "not a year-first date (2022-10-31)",
    ),
    "citizen_id.number": (
        "bảng tính lưu số CCCD dưới dạng số và đã mất số 0 ở đầu; hãy định dạng cột là Văn bản (Text)",
        "the spreadsheet stored the citizen ID as a number and dropped its leading zeros; "
        "format the column as Text",
    ),
    "citizen_id.lost_zeros": (
        "thiếu chữ số (có thể bảng tính đã bỏ số 0 ở đầu); số CCCD phải gồm đúng 12 chữ số",
        "digits missing (a spreadsheet may have dropped leading zeros); a citizen ID has exactly 12 digits",
    ),
    # --- rows ------------------------------------------------------------------------------------
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
    "import.left_needs_both": (
        "cần cả ngày ra và lý do ra",
        "leaving needs both the date and the reason",
    ),
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
    "quota.milestone_format": (
        "lộ trình phải có dạng 2022-Q1=3; 2022-06=7",
        "milestones look like 2022-Q1=3; 2022-06=7",
    ),
    "quota.milestone_year": ("lộ trình phải thuộc năm {year}", "milestones must fall in {year}"),
    # --- the summary -----------------------------------------------------------------------------
    "import.summary": (
        "{entity}: {rows} dòng; tạo mới {created}, cập nhật {updated}, bỏ qua {skipped}, lỗi {errors}",
        "{entity}: {rows} rows; created {created}, updated {updated}, skipped {skipped}, errors {errors}",
    ),
    "import.dry_run": ("(chạy thử: không ghi gì)", "(dry run: nothing written)"),
    "import.refused": (
        "Không nhập gì: sửa {errors} lỗi rồi nhập lại (tệp được nhập trọn vẹn hoặc không nhập gì)",
        "Nothing imported: fix the {errors} errors and import again (a file lands whole or not at all)",
    ),
    "import.problem": (
        "Dòng {line}, cột '{column}', giá trị '{value}': {reason}",
        "Line {line}, column '{column}', value '{value}': {reason}",
    ),
    "import.more_problems": (
        "… và {count} lỗi nữa (--errors-to TỆP để ghi tất cả)",
        "… and {count} more (--errors-to FILE writes them all)",
    ),
    "import.possible_duplicates": (
        "Dòng {line}: có thể trùng người đã có #{id} ({name})",
        "Line {line}: possibly the same person as #{id} ({name})",
    ),
    "import.ignored": ("Bỏ qua cột số thứ tự: {columns}", "Row-number columns not stored: {columns}"),
    "import.progress": ("Đã đọc {rows} dòng…", "{rows} rows read…"),
    "export.written": ("Đã ghi {rows} dòng vào {path}", "Wrote {rows} rows to {path}"),
    "export.exists": ("tệp đã có; dùng --force để ghi đè", "the file exists; use --force to overwrite it"),
    "export.xlsx_needs_file": ("định dạng xlsx cần -o TỆP", "the xlsx format needs -o FILE"),
}

IMPORT_FIELDS: dict[str, tuple[str, str]] = {
    "header": ("Dòng tiêu đề", "Header"),
    "on_duplicate": ("Khi trùng", "On duplicate"),
    "entity": ("Danh sách", "List"),
    "output": ("Tệp ra", "Output file"),
    "format": ("Định dạng", "Format"),
}
