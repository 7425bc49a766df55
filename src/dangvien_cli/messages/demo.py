"""The sample-city tour (`dangvien demo`).

``key: (Vietnamese, English)``; a count's text is ``key: (Vietnamese, (English singular, plural))``."""

from __future__ import annotations

from dangvien_cli.messages.types import Catalog

MESSAGES: Catalog = {
    "demo.no_sample": (
        "không tìm thấy dữ liệu mẫu (sample_data/moncai)",
        "the sample data (sample_data/moncai) is missing",
    ),
    "demo.step_import": ("Nhập danh sách từ bảng tính", "Import a list from its spreadsheet"),
    "demo.step_tree": ("Cây tổ chức của một phường", "A ward's organisation tree"),
    "demo.step_quota": ("Chỉ tiêu kết nạp năm 2022", "The 2022 quotas"),
    "demo.step_ageing": ("Cơ cấu độ tuổi theo tổ chức cơ sở", "Ages by base organisation"),
    "demo.step_pipeline": ("Phễu phát triển đảng viên năm 2022", "The 2022 pipeline"),
    "demo.step_outlook": ("Triển vọng đến 2025 và 2030", "The outlook to 2025 and 2030"),
    "demo.step_monthly": ("Báo cáo tháng của một chi bộ", "One cell's monthly report"),
    "demo.step_due": ("Việc đến hạn", "What is due"),
    "demo.step_search": ("Tìm theo tên", "A search"),
    "demo.done": (
        "Xong. Cơ sở dữ liệu dùng thử: {db} (dùng tiếp với --db {db})",
        "Done. The demo database: {db} (go on with --db {db})",
    ),
    "demo.done_removed": (
        "Xong. Cơ sở dữ liệu dùng thử và bản dự thảo đã được xóa; để giữ lại và xem tiếp,"
        " chạy: dangvien --db demo.db demo",
        "Done. The demo database and the draft were removed; to keep them and look further,"
        " run: dangvien --db demo.db demo",
    ),
    "demo.step_failed": (
        "Bước dùng thử không thành công (mã thoát {code}): {command}",
        "A step of the tour failed (exit code {code}): {command}",
    ),
}
