"""Bounds and failures: files too big or too strange to read, files that cannot be written, errors of the
system (a full disk, a damaged database), and what the one error boundary of the CLI says about them.

``key: (Vietnamese, English)``. Excel's limits are written out in each language's way (1.048.576 rows in
Vietnamese, 1,048,576 in English)."""

from __future__ import annotations

from dangvien_cli.messages.types import Catalog

MESSAGES: Catalog = {
    # --- reading -----------------------------------------------------------------------------------
    "read.too_many_rows": (
        "có quá 1.048.576 dòng (giới hạn của Excel); hãy chia tệp ra",
        "has more than 1,048,576 rows (Excel's limit); split the file",
    ),
    "read.too_many_columns": (
        "có quá 16.384 cột (giới hạn của Excel); đây không phải một danh sách",
        "has more than 16,384 columns (Excel's limit); this is not a list",
    ),
    "read.csv_too_many_separators": (
        "dòng {line} có quá 65.536 dấu phân cách; đây không phải một danh sách",
        "line {line} has more than 65,536 separators; this is not a list",
    ),
    "read.record_too_many_lines": (
        "dòng {line}: một dòng dữ liệu kéo dài quá 100.000 dòng của tệp: có ô dài quá 10.000 ký tự, hoặc "
        "thiếu dấu ngoặc kép đóng ô",
        "line {line}: a record runs over more than 100,000 lines of the file: a cell is longer than 10,000 "
        "characters, or a closing quote is missing",
    ),
    "read.field_too_long": (
        "dòng {line} có một ô dài quá {limit} triệu ký tự",
        "line {line} has a cell longer than {limit} million characters",
    ),
    "read.json_object_too_long": (
        "phần tử thứ {line} dài quá {limit} triệu ký tự",
        "element {line} is longer than {limit} million characters",
    ),
    "read.json_duplicate_key": (
        'phần tử thứ {line} có trường "{name}" hai lần; mỗi trường chỉ được ghi một lần',
        'element {line} has the field "{name}" twice; each field may appear once',
    ),
    "read.xlsx_bomb": (
        "phần {part} của tệp Excel giải nén ra {size} MB (gấp {ratio} lần); giới hạn là {limit} MB và "
        "{max_ratio} lần: tệp không phải do Excel tạo ra, hoặc đã bị làm hỏng",
        "part {part} of the workbook inflates to {size} MB ({ratio} times its size); the limits are "
        "{limit} MB and {max_ratio} times: Excel did not make this file, or it was tampered with",
    ),
    "read.xlsx_parts": (
        "tệp Excel có {count} phần, quá giới hạn {limit}",
        "the workbook has {count} parts, over the limit of {limit}",
    ),
    "read.xlsx_doctype": (
        "phần {part} của tệp Excel có khai báo DOCTYPE/ENTITY, điều mà tệp Excel thật không bao giờ có",
        "part {part} of the workbook declares a DOCTYPE or entities, which no real workbook does",
    ),
    "read.xlsx_cell_too_long": (
        "có ô dài quá 32.767 ký tự (giới hạn của Excel)",
        "holds a cell longer than 32,767 characters (Excel's limit)",
    ),
    "read.xlsx_strings": (
        "có quá 1.000.000 chuỗi dùng chung (shared strings)",
        "holds more than 1,000,000 shared strings",
    ),
    "read.xlsx_string_index": (
        "một ô trỏ tới chuỗi dùng chung số {index}, trong khi tệp chỉ có {count} chuỗi; tệp bị hỏng",
        "a cell points at shared string {index}, and the workbook has {count}; the file is damaged",
    ),
    "read.xlsx_empty": (
        "có quá 100.000 dòng, ô hoặc phần tử trống; hãy xóa các dòng và cột trống rồi lưu lại",
        "holds more than 100,000 empty rows, cells or elements; delete the empty rows and columns and "
        "save it again",
    ),
    "read.spool_too_big": (
        "dữ liệu đọc từ đầu vào chuẩn hoặc ống dẫn lớn quá {limit} GB",
        "what came from standard input or a pipe is larger than {limit} GB",
    ),
    "read.spool_failed": (
        "không chép được dữ liệu vào thư mục tạm {folder}: {detail}",
        "cannot copy the data into the temporary folder {folder}: {detail}",
    ),
    "read.device": (
        "là một thiết bị, không phải tệp",
        "is a device, not a file",
    ),
    "read.no_writer": (
        "là một ống dẫn có tên (FIFO) mà không chương trình nào ghi vào trong {seconds} giây",
        "is a named pipe (FIFO) that no program wrote into for {seconds} seconds",
    ),
    "read.not_a_table": (
        "tệp không phải một bảng dữ liệu: dòng đầu không có dấu phân cách nào và không phải tiêu đề cột "
        "(chỉ trích vài ký tự đầu)",
        "the file is not a table: its first line has no separator and is not a column header (only its "
        "first characters are quoted)",
    ),
    "date.excel_phantom": (
        "là số ngày Excel 60, tức ngày 29/02/1900 không có thật (lỗi của Excel); hãy nhập lại ngày",
        "is Excel date number 60, the 29/02/1900 that never was (an Excel bug); enter the date again",
    ),
    "date.birth_range": (
        "ngày sinh phải từ 01/01/1900 đến hôm nay ({today})",
        "a birth date must be from 01/01/1900 to today ({today})",
    ),
    "date.event_range": (
        "ngày này phải từ 01/01/1930 (năm thành lập Đảng) đến một năm sau hôm nay ({last})",
        "this date must be from 01/01/1930 (the Party's founding) to a year after today ({last})",
    ),
    "date.year_range": (
        "năm của ngày phải từ 1900 đến 2100",
        "the date's year must be from 1900 to 2100",
    ),
    "value.too_large": (
        "lớn quá (phải nhỏ hơn 1.000.000.000)",
        "is too large (it must be below 1,000,000,000)",
    ),
    # --- writing -----------------------------------------------------------------------------------
    "output.written": ("Đã ghi {path}", "Wrote {path}"),
    "output.symlink": (
        "là một liên kết tượng trưng (symlink); không ghi qua liên kết, kể cả với --force: hãy chỉ "
        "thẳng tới tệp",
        "is a symbolic link; nothing is written through a link, even with --force: name the file itself",
    ),
    "output.not_a_file": (
        "đã có và không phải một tệp thường (thư mục, thiết bị hay ống dẫn); không ghi đè được",
        "exists and is not a regular file (a folder, a device or a pipe); it cannot be replaced",
    ),
    "output.no_folder": (
        "thư mục {folder} không có",
        "the folder {folder} does not exist",
    ),
    "output.failed": (
        "không ghi được: {detail}; tệp cũ (nếu có) vẫn nguyên vẹn, không để lại tệp dở dang",
        "cannot be written: {detail}; the earlier file, if any, is untouched and nothing partial is left",
    ),
    "output.stdout_failed": (
        "không ghi được ra đầu ra chuẩn: {detail}",
        "cannot write to standard output: {detail}",
    ),
    "output.out_dir_not_folder": (
        "đã có và không phải một thư mục",
        "exists and is not a folder",
    ),
    "help.import.force": (
        "Ghi đè tệp --errors-to đã có.",
        "Replace an existing --errors-to file.",
    ),
    # --- the system's reasons (files.os_reason) -----------------------------------------------------
    "os.ENOSPC": ("hết chỗ trên đĩa", "the disk is full"),
    "os.EDQUOT": ("vượt hạn mức dung lượng đĩa", "the disk quota is exceeded"),
    "os.EACCES": ("không có quyền", "permission denied"),
    "os.EPERM": ("không được phép", "not permitted"),
    "os.EROFS": ("ổ đĩa chỉ cho đọc", "the file system is read-only"),
    "os.EIO": ("lỗi đọc/ghi của ổ đĩa", "an input/output error of the disk"),
    "os.ENAMETOOLONG": ("tên tệp quá dài", "the file name is too long"),
    "os.EFBIG": ("tệp quá lớn", "the file is too large"),
    "os.EISDIR": ("là một thư mục", "is a folder"),
    # --- the system and the database ---------------------------------------------------------------
    "system.os_error": ("{detail}", "{detail}"),
    "system.os_error_file": ("{file}: {detail}", "{file}: {detail}"),
    "system.memory": (
        "không đủ bộ nhớ để làm việc này",
        "there is not enough memory for this",
    ),
    "system.overflow": (
        "một con số lớn quá mức chương trình hay cơ sở dữ liệu chứa được",
        "a number is larger than the program or the database can hold",
    ),
    "system.recursion": (
        "dữ liệu lồng nhau quá sâu",
        "the data is nested too deeply",
    ),
    "system.interrupted": ("đã dừng theo yêu cầu (Ctrl+C)", "stopped on request (Ctrl+C)"),
    "system.internal": (
        "lỗi trong chương trình ({kind}: {detail}); dữ liệu không bị thay đổi. Hãy báo lỗi này, kèm lệnh "
        "đã chạy; DANGVIEN_TRACEBACK=1 in ra chi tiết",
        "an internal error ({kind}: {detail}); nothing was changed. Please report it with the command "
        "you ran; DANGVIEN_TRACEBACK=1 prints the details",
    ),
    "db.not_sqlite": (
        "Tệp cơ sở dữ liệu {path} bị hỏng hoặc không phải cơ sở dữ liệu SQLite ({detail}); "
        "hãy khôi phục từ bản sao lưu (db restore)",
        "The database file {path} is damaged or is not a SQLite database ({detail}); restore it from a "
        "backup (db restore)",
    ),
    "db.read_only": (
        "Cơ sở dữ liệu {path} chỉ đọc được ({detail}); lệnh này cần ghi vào đó",
        "The database {path} can only be read ({detail}); this command needs to write to it",
    ),
    "db.no_revision": (
        "Cơ sở dữ liệu có các bảng của dangvien nhưng thiếu bảng alembic_version, nơi ghi phiên bản lược "
        "đồ: nó được chép thiếu hoặc bị sửa tay. Hãy khôi phục từ bản sao lưu (db restore)",
        "The database has dangvien's tables but no alembic_version table, which records the schema's "
        "revision: it was copied incompletely or edited by hand. Restore it from a backup (db restore)",
    ),
    "db.backup_damaged": (
        "cơ sở dữ liệu bị hỏng hoặc không đọc được ({detail}); bản sao sẽ hỏng y như vậy. Chạy db check để "
        "xem; dùng --force để vẫn sao lưu",
        "the database is damaged or unreadable ({detail}); a copy would be just as damaged. Run db check "
        "to see; use --force to back it up anyway",
    ),
    "db.control_characters": (
        "{count} giá trị đã lưu chứa ký tự điều khiển (do phiên bản cũ hoặc sửa trực tiếp trong cơ sở dữ "
        "liệu); db check liệt kê chúng",
        (
            "{count} stored value holds control characters (left by an older version or a direct edit of "
            "the database); db check lists it",
            "{count} stored values hold control characters (left by an older version or a direct edit of "
            "the database); db check lists them",
        ),
    ),
    "check.text.control_character": (
        "cột {column} chứa ký tự điều khiển: '{text}'",
        "column {column} holds a control character: '{text}'",
    ),
    "check.sqlite.unreadable_file": (
        "không mở được tệp: {detail}",
        "the file cannot be opened: {detail}",
    ),
}
