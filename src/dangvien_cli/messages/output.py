"""What the renderer itself says: tables that leave columns out, marks, documents.

``key: (Vietnamese, English)``."""

from __future__ import annotations

from dangvien_cli.messages.types import Catalog

MESSAGES: Catalog = {
    "table.columns_left_out": (
        "Cột không hiện cho vừa khổ: {columns} (--wide để xem đủ).",
        "Columns left out to fit: {columns} (--wide shows them all).",
    ),
    "help.option.wide": (
        "Hiện mọi cột, đủ độ rộng (không gập, không bỏ cột cho vừa màn hình).",
        "Show every column at full width (nothing wrapped or left out to fit the terminal).",
    ),
    "help.option.template": (
        "Mẫu Word (.docx) của đơn vị, dùng cùng các trường với mẫu mặc định (xem docs/documents.md).",
        "Your own Word template (.docx), with the same fields as the default one (see docs/documents.md).",
    ),
    "export.docx_needs_file": ("định dạng docx cần -o TỆP", "the docx format needs -o FILE"),
    # Word documents (render/docx.py; the fields are listed in docs/documents.md)
    "document.party": ("ĐẢNG CỘNG SẢN VIỆT NAM", "COMMUNIST PARTY OF VIETNAM"),
    "document.number": ("Số      -{symbol}", "No.      -{symbol}"),
    "document.symbol.report": ("BC", "BC"),
    "document.symbol.list": ("DS", "DS"),
    "document.date": ("ngày {day} tháng {month} năm {year}", "{day}/{month}/{year}"),
    "document.title.report": ("BÁO CÁO", "REPORT"),
    "document.title.list": ("DANH SÁCH", "LIST"),
    "document.for_cell": ("T/M CHI BỘ", "FOR THE CELL"),
    "document.for_committee": ("T/M ĐẢNG ỦY", "FOR THE COMMITTEE"),
    "document.secretary": ("BÍ THƯ", "SECRETARY"),
    "document.recipients": ("Nơi nhận:", "To:"),
    "document.recipient_above": (
        "- Cấp ủy cấp trên (để báo cáo),",
        "- The committee above (for information),",
    ),
    "document.recipient_file": ("- Lưu.", "- File."),
    "document.not_word": ("không phải tệp Word (.docx)", "not a Word (.docx) file"),
    "document.bad_template": (
        "không dùng được mẫu Word này: {detail}",
        "cannot use this Word template: {detail}",
    ),
    "document.subject.monthly": (
        "Sinh hoạt chi bộ tháng {month}",
        "The cell's meeting, {month}",
    ),
    "document.subject.quota": (
        "Kết quả thực hiện chỉ tiêu kết nạp đảng viên năm {year} (đến ngày {at})",
        "Admissions against the {year} quotas (as of {at})",
    ),
    "document.subject.ageing": (
        "Cơ cấu độ tuổi đảng viên (ngày {at})",
        "Members by age (as of {at})",
    ),
    "document.subject.due": (
        "Việc đến hạn của các chi bộ (ngày {at})",
        "What the cells must do next (as of {at})",
    ),
    "report.due_title": ("{org}: việc đến hạn (ngày {at})", "{org}: what is due (as of {at})"),
    "overdue.True": ("Quá hạn", "Overdue"),
    "overdue.False": ("", ""),
}
