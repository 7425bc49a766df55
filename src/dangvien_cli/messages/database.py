"""The database: opening, upgrading, checking, backing up, restoring; busy and damaged files.

``key: (Vietnamese, English)``; a count's text is ``key: (Vietnamese, (English singular, plural))``."""

from __future__ import annotations

from dangvien_cli.messages.types import Catalog

MESSAGES: Catalog = {
    "db.no_migrations": (
        "không tìm thấy thư mục migrations (gói {path})",
        "migrations not found (package {path})",
    ),
    "db.foreign_key_check": (
        "sau khi nâng cấp còn {count} lỗi khóa ngoại; đã hoàn tác",
        (
            "{count} foreign-key problem after the upgrade; rolled back",
            "{count} foreign-key problems after the upgrade; rolled back",
        ),
    ),
    "db.newer_than_code": (
        "cơ sở dữ liệu ở phiên bản {revision}, mới hơn chương trình này; hãy nâng cấp dangvien",
        "the database is at revision {revision}, newer than this program; upgrade dangvien",
    ),
    "db.no_folder": ("thư mục {folder} không có", "the folder {folder} does not exist"),
    "db.integrity": ("dữ liệu bị từ chối: {detail}", "the data was refused: {detail}"),
    "db.unreachable": ("không mở được cơ sở dữ liệu: {detail}", "cannot open the database: {detail}"),
    "db.busy": (
        "cơ sở dữ liệu đang bận: một tiến trình khác đã ghi liên tục hơn {seconds} giây; lệnh này chưa "
        "thay đổi gì, hãy chạy lại khi tiến trình kia xong",
        "the database is busy: another process has been writing for more than {seconds} seconds; this "
        "command changed nothing, run it again when the other one has finished",
    ),
    "db.upgrade_backup": (
        "Đã sao lưu cơ sở dữ liệu trước khi nâng cấp vào {file}",
        "Backed up the database before upgrading it, to {file}",
    ),
    "db.backup_postgres": (
        "trên PostgreSQL hãy sao lưu bằng pg_dump (ví dụ: pg_dump -Fc -f dangvien.dump TÊN_CSDL)",
        "on PostgreSQL, back up with pg_dump (e.g. pg_dump -Fc -f dangvien.dump DBNAME)",
    ),
    "db.restore_postgres": (
        "trên PostgreSQL hãy khôi phục bằng pg_restore (ví dụ: pg_restore --clean -d TÊN_CSDL dangvien.dump)",
        "on PostgreSQL, restore with pg_restore (e.g. pg_restore --clean -d DBNAME dangvien.dump)",
    ),
    "db.no_database": ("chưa có cơ sở dữ liệu ở {path}", "there is no database at {path}"),
    "db.backup_exists": (
        "tệp đã có; chọn tên khác hoặc thêm --force",
        "the file exists; choose another name or add --force",
    ),
    "db.backup_onto_itself": (
        "đây chính là tệp cơ sở dữ liệu đang dùng",
        "this is the database file itself",
    ),
    "db.backed_up": ("Đã sao lưu vào {file}", "Backed up to {file}"),
    "db.restore_missing": ("không có tệp này", "no such file"),
    "db.not_dangvien": (
        "không phải cơ sở dữ liệu của dangvien ({detail}); dữ liệu hiện có giữ nguyên",
        "not a dangvien database ({detail}); your data is unchanged",
    ),
    "db.restore_not_ours": (
        "không phải cơ sở dữ liệu của dangvien (thiếu bảng {tables}); dữ liệu hiện có giữ nguyên",
        "not a dangvien database (tables missing: {tables}); your data is unchanged",
    ),
    "db.damaged": (
        "cơ sở dữ liệu này bị hỏng hoặc không đọc được ({detail}); dữ liệu giữ nguyên, hãy chạy dangvien "
        "db check",
        "this database is damaged or unreadable ({detail}); nothing was changed; run dangvien db check",
    ),
    "db.restore_damaged": (
        "tệp sao lưu bị hỏng ({detail}); dữ liệu hiện có giữ nguyên",
        "the backup is damaged ({detail}); your data is unchanged",
    ),
    "db.restore_unknown_revision": (
        "tệp ở phiên bản {revision}, chương trình này chỉ biết đến {head}; hãy nâng cấp dangvien; dữ liệu "
        "hiện có giữ nguyên",
        "the file is at revision {revision}, this program knows up to {head}; upgrade dangvien; your data "
        "is unchanged",
    ),
    "db.restore_confirm": (
        "Thay TOÀN BỘ dữ liệu trong {database} bằng dữ liệu của {file}?",
        "Replace ALL the data in {database} with that of {file}?",
    ),
    "db.restore_cancelled": ("Đã hủy, dữ liệu giữ nguyên", "Cancelled; your data is unchanged"),
    "db.restored": (
        "Đã khôi phục {database} từ {file} (phiên bản {revision})",
        "Restored {database} from {file} (revision {revision})",
    ),
    "db.check_ok": ("Không thấy lỗi nào", "No problems found"),
    "db.check_title": (
        "{count} lỗi trong cơ sở dữ liệu",
        (
            "{count} problem in the database",
            "{count} problems in the database",
        ),
    ),
    "check.sqlite.integrity": ("SQLite báo tệp hỏng: {detail}", "SQLite reports damage: {detail}"),
    "check.sqlite.foreign_key": (
        "trỏ tới một dòng không có trong bảng {parent}",
        "points at a row missing from {parent}",
    ),
    "check.unreadable": (
        "không đọc được dữ liệu để kiểm tra ({check}): {detail}",
        "could not read the data for a check ({check}): {detail}",
    ),
    "check.member.no_cell": ("không thuộc chi bộ nào", "is in no cell"),
    "check.member.first_cell": (
        "vào chi bộ đầu tiên ngày {start_on}, không phải ngày quyết định kết nạp {admitted_on}",
        "joined a first cell on {start_on}, not on the admission date {admitted_on}",
    ),
    "check.member.cells_overlap": (
        "thuộc hai chi bộ cùng lúc từ ngày {on}",
        "is in two cells at once from {on}",
    ),
    "check.member.cells_gap": (
        "không thuộc chi bộ nào từ {from} đến {to}",
        "is in no cell from {from} to {to}",
    ),
    "check.member.last_cell": (
        "sinh hoạt ở chi bộ cuối đến {end_on} nhưng ra khỏi danh sách ngày {left_on}",
        "the last cell ends on {end_on} but the member left on {left_on}",
    ),
    "check.member.no_cell_since": (
        "chưa ra khỏi danh sách nhưng không thuộc chi bộ nào từ {from}",
        "has not left, yet is in no cell from {from}",
    ),
    "check.member.cell_after_leaving": (
        "ra khỏi danh sách ngày {left_on} nhưng vẫn thuộc một chi bộ",
        "left on {left_on}, yet is still in a cell",
    ),
    "check.membership.no_member": (
        "có quá trình sinh hoạt của một đảng viên không có",
        "has cell history for a member who does not exist",
    ),
    "check.dates.backwards": (
        "{field} ({value}) trước {earlier_field} ({earlier_value})",
        "{field} ({value}) is before {earlier_field} ({earlier_value})",
    ),
    "check.admission.no_candidate": (
        "trỏ tới quần chúng #{ref} không có",
        "points at candidate #{ref}, who does not exist",
    ),
    "check.admission.no_member": (
        "trỏ tới đảng viên #{ref} không có",
        "points at member #{ref}, who does not exist",
    ),
    "check.admission.candidate_stage": (
        "quần chúng #{candidate} đang ở bước {stage}, không phải đã kết nạp",
        "candidate #{candidate} is at stage {stage}, not admitted",
    ),
    "check.admission.member_date": (
        "đảng viên #{member} được kết nạp ngày {admitted_on}, quyết định ghi ngày {decision_on}",
        "member #{member} was admitted on {admitted_on}, the decision is dated {decision_on}",
    ),
    "check.candidate.no_admission": (
        "ở bước đã kết nạp nhưng không có quyết định kết nạp",
        "is at the admitted stage but has no admission",
    ),
    "db.bad_url": (
        "không phải địa chỉ cơ sở dữ liệu hợp lệ (đường dẫn tệp SQLite hoặc URL SQLAlchemy)",
        "is not a valid database address (a SQLite file path or a SQLAlchemy URL)",
    ),
    "db.no_driver": (
        "thiếu thư viện kết nối cho loại cơ sở dữ liệu này ({detail}); với PostgreSQL hãy cài pip install "
        "'dangvien[postgres]'",
        "the driver for this kind of database is missing ({detail}); for PostgreSQL install pip install "
        "'dangvien[postgres]'",
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
