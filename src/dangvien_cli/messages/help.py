"""Help texts of the command line, by command: ``help.<group>.<command>[.<option>]: (vi, en)``.

Each is shown in the run's language only (see :mod:`dangvien_cli.cli.help`)."""

from __future__ import annotations

from dangvien_cli.messages.types import Catalog

MESSAGES: Catalog = {
    "help.root": ("Theo dõi công tác phát triển đảng viên.", "Track the development of party membership."),
    "help.root.db": (
        "Tệp SQLite hoặc URL SQLAlchemy (mặc định: $DANGVIEN_DB, rồi tệp mà $DANGVIEN_DB_FILE chỉ tới, "
        "rồi một tệp trong thư mục dữ liệu của bạn).",
        "A SQLite file or SQLAlchemy URL (default: $DANGVIEN_DB, else the file named by "
        "$DANGVIEN_DB_FILE, else a file in your data folder).",
    ),
    "help.root.lang": (
        "Ngôn ngữ của lệnh: trợ giúp, thông báo, bảng.",
        "The language of help, messages and tables.",
    ),
    "help.add_candidate": ("Thêm một quần chúng ưu tú vào nguồn.", "Add a candidate."),
    "help.admit": (
        "Quyết định kết nạp: tạo đảng viên dự bị.",
        "The admission decision: a probationary member is created.",
    ),
    "help.due": ("Việc đến hạn của các chi bộ.", "What each cell must do next, soonest first."),
    "help.demo": (
        "Dùng thử trên dữ liệu mẫu một thành phố (cơ sở dữ liệu tạm).",
        "Try the tool on a sample city (a throwaway database).",
    ),
    "help.log": ("Nhật ký thay đổi.", "The change log."),
    "help.search": (
        "Tìm đảng viên và quần chúng theo tên.\n\nKhông phân biệt dấu và hoa thường; i và y coi như nhau "
        "(Sĩ/Sỹ). Kết quả đúng dấu như đã gõ lên trước.",
        "Search members and candidates by name.\n\nTone marks and case do not matter, nor i versus y; "
        "results with the marks as typed come first.",
    ),
    "help.org": ("Tổ chức đảng: đảng bộ, tổ chức cơ sở, chi bộ.", "Party organisations and cells."),
    "help.member": ("Đảng viên.", "Party members."),
    "help.candidate": ("Quần chúng ưu tú (nguồn phát triển đảng).", "Candidates for admission."),
    "help.quota": ("Chỉ tiêu kết nạp đảng viên.", "Yearly admission quotas."),
    "help.report": (
        "Báo cáo: chỉ tiêu, độ tuổi, nguồn, triển vọng, tháng.",
        "Reports: quotas, ageing, pipeline, outlook, monthly.",
    ),
    "help.import": ("Nhập danh sách từ tệp CSV, xlsx, JSON.", "Import lists from CSV, xlsx or JSON files."),
    "help.export": ("Xuất danh sách ra CSV, xlsx, JSON (nhập lại được).", "Export lists (they import back)."),
    "help.db": ("Cơ sở dữ liệu.", "The database."),
}
