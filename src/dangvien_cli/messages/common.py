"""Texts every command may show: value and date errors, labels, table titles.

``key: (Vietnamese, English)``; a count's text is ``key: (Vietnamese, (English singular, plural))``."""

from __future__ import annotations

from dangvien_cli.messages.types import Catalog

MESSAGES: Catalog = {
    "error.prefix": ("Lỗi", "Error"),
    "date.format": (
        "không phải ngày (viết 2022-10-31 hoặc 31/10/2022)",
        "not a date (write 2022-10-31 or 31/10/2022)",
    ),
    "date.impossible": ("ngày không có thật", "no such day"),
    "date.before": ("trước {other_field} {other}", "is before {other} ({other_field})"),
    "date.future": ("là ngày trong tương lai", "is in the future"),
    "date.out_of_calendar": (
        "năm ngoài lịch ngày nghỉ ({first_year}-{last_year}); kiểm tra lại năm",
        "the year is outside the holiday calendar ({first_year}-{last_year}); check the year",
    ),
    "settings.unknown": ("không có thiết lập này (tệp {path})", "no such setting (file {path})"),
    "value.empty": ("không được để trống", "must not be empty"),
    "value.choice": ("phải là một trong: {choices}", "must be one of: {choices}"),
    "value.negative": ("không được âm", "must not be negative"),
    "entity.format": (
        "phải có dạng loại:số, ví dụ member:12",
        "must look like kind:number, e.g. member:12",
    ),
    "none": ("(không có)", "(none)"),
    "title.orgs": ("Tổ chức đảng", "Organisations"),
    "title.members": ("Đảng viên", "Members"),
    "title.candidates": ("Quần chúng ưu tú", "Candidates"),
    "title.log": ("Nhật ký thay đổi", "Change log"),
    "log.batch": (
        "nhập từ tệp {file} (SHA-256 {sha256}): {count} bản ghi, số {first}–{last}",
        (
            "imported from {file} (SHA-256 {sha256}): {count} record, id {first}–{last}",
            "imported from {file} (SHA-256 {sha256}): {count} records, ids {first}–{last}",
        ),
    ),
    "log.batch_row": ("nhập từ tệp {file} (SHA-256 {sha256})", "imported from {file} (SHA-256 {sha256})"),
    "title.memberships": ("Quá trình sinh hoạt", "Cell history"),
    "title.remarks": ("Nhận xét của đảng viên giúp đỡ", "Mentor's remarks"),
    "title.db_status": ("Cơ sở dữ liệu", "Database"),
    "title.row_counts": ("Số dòng", "Rows"),
    "label.field": ("Mục", "Field"),
    "label.value": ("Giá trị", "Value"),
    "label.table": ("Bảng", "Table"),
    "label.rows": ("Số dòng", "Rows"),
    "label.choices": ("Chọn một trong", "One of"),
    "label.total": ("Tổng cộng", "Total"),
    # The kinds of record, as the change log and the checks name them (their tables).
    "entity.organisation": ("tổ chức", "organisation"),
    "entity.org_closure": ("cây tổ chức", "organisation tree"),
    "entity.member": ("đảng viên", "member"),
    "entity.membership": ("sinh hoạt chi bộ", "membership"),
    "entity.candidate": ("quần chúng", "candidate"),
    "entity.remark": ("nhận xét", "remark"),
    "entity.admission": ("kết nạp", "admission"),
    "entity.quota": ("chỉ tiêu", "quota"),
    "entity.quota_milestone": ("mốc lộ trình", "milestone"),
    "entity.change_log": ("nhật ký", "change log"),
    "check.record": ("{entity} #{id}", "{entity} #{id}"),
    "label.permissions_warning": (
        "Cảnh báo: tệp {path} có quyền {mode}, người khác đọc được",
        "Warning: {path} has mode {mode}; others can read it",
    ),
    "action.insert": ("Thêm", "Insert"),
    "action.update": ("Sửa", "Update"),
    "action.delete": ("Xóa", "Delete"),
    "date.serial": ("không phải số ngày Excel hợp lệ", "not a valid Excel date number"),
    "date.format_ymd": (
        "không phải ngày dạng năm-tháng-ngày (2022-10-31)",
        "not a year-first date (2022-10-31)",
    ),
    "field.stage_history": ("Các bước", "Stage history"),
    "value.admission": (
        "đảng viên #{member_id}, quyết định {decision_no} ngày {decision_on}",
        "member #{member_id}, decision {decision_no} of {decision_on}",
    ),
    "title.checks": ("Kiểm tra điều kiện", "Rule checks"),
    "title.due": ("Việc đến hạn", "What is due"),
    "title.quotas": ("Chỉ tiêu kết nạp", "Quotas"),
    "on_track.True": ("Đạt", "On track"),
    "on_track.False": ("Chưa đạt", "Behind"),
    "label.check_code": ("Mã lỗi", "Code"),
    "label.check_entity": ("Bảng", "Table"),
    "label.check_id": ("Dòng", "Row"),
    "label.check_message": ("Lỗi", "Problem"),
    "text.control_character": (
        "chứa ký tự điều khiển không in được ({char}); hãy xoá ký tự đó",
        "holds an unprintable control character ({char}); remove it",
    ),
    "value.too_long": ("dài quá {limit} ký tự", "is longer than {limit} characters"),
}
