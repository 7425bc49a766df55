"""Labels of coded values that are not (yet) domain vocabularies, and due-item kinds.

``key: (Vietnamese, English)``; a count's text is ``key: (Vietnamese, (English singular, plural))``."""

from __future__ import annotations

from dangvien_cli.messages.types import Catalog

MESSAGES: Catalog = {
    "kind.committee": ("Đảng bộ cấp trên", "Committee"),
    "kind.base": ("Tổ chức cơ sở đảng", "Base organisation"),
    "kind.cell": ("Chi bộ", "Cell"),
    "place.residential": ("Thôn, khu, tổ dân phố", "Residential"),
    "place.agency": ("Cơ quan", "Agency"),
    "place.school": ("Trường học", "School"),
    "place.state_enterprise": ("Doanh nghiệp nhà nước", "State enterprise"),
    "place.private_enterprise": ("Doanh nghiệp ngoài nhà nước", "Private enterprise"),
    "place.armed_forces": ("Lực lượng vũ trang", "Armed forces"),
    "place.other": ("Khác", "Other"),
    "gender.M": ("Nam", "Male"),
    "gender.F": ("Nữ", "Female"),
    "status.probationary": ("Dự bị", "Probationary"),
    "status.official": ("Chính thức", "Official"),
    "status.left": ("Đã ra", "Left"),
    "reason.transfer": ("Chuyển sinh hoạt", "Transfer out"),
    "reason.death": ("Từ trần", "Death"),
    "reason.removal": ("Xóa tên", "Removal"),
    "reason.expulsion": ("Khai trừ", "Expulsion"),
    "source.youth_union": ("Đoàn viên", "Youth Union member"),
    "source.militia": ("Dân quân tự vệ", "Militia"),
    "source.demobilised_soldier": ("Bộ đội xuất ngũ", "Demobilised soldier"),
    "source.neighbourhood_watch": ("Tổ dân phòng", "Neighbourhood watch"),
    "source.student": ("Học sinh, sinh viên", "Student or graduate"),
    "source.private_enterprise_worker": (
        "Người lao động doanh nghiệp tư nhân",
        "Private enterprise worker",
    ),
    "source.womens_union": ("Hội viên Hội Phụ nữ", "Women's Union member"),
    "source.farmers_union": ("Hội viên Hội Nông dân", "Farmers' Union member"),
    "source.veterans_union": ("Hội viên Hội Cựu chiến binh", "Veterans' Association member"),
    "source.other": ("Khác", "Other"),
    "stage.identified": ("Tạo nguồn", "Identified"),
    "stage.mentored": ("Được giúp đỡ", "Mentored"),
    "stage.trained": ("Đã học lớp nhận thức", "Trained"),
    "stage.applied": ("Đã làm đơn", "Applied"),
    "stage.proposed": ("Chi bộ đề nghị kết nạp", "Proposed"),
    "stage.admitted": ("Đã kết nạp", "Admitted"),
    "stage.dropped": ("Đã đưa ra khỏi nguồn", "Dropped"),
    "check.pass": ("Đạt", "Pass"),
    "check.fail": ("Không đạt", "Fail"),
    "check.warn": ("Cần xem", "Warn"),
    "due.recognition_due": ("Xét công nhận chính thức", "Recognition to consider"),
    "due.ceremony_due": ("Tổ chức lễ kết nạp", "Ceremony to hold"),
    "due.decision_due": ("Chờ quyết định kết nạp", "Decision awaited"),
    "due.certificate_expiring": ("Giấy chứng nhận sắp hết hạn", "Certificate expiring"),
    "due.mentor_missing": ("Chưa có người giúp đỡ", "No mentor"),
    "due.remark_missing": ("Chưa có nhận xét tháng này", "No remark this month"),
    "due.cell_below_minimum": ("Chi bộ dưới 3 đảng viên chính thức", "Cell below 3 official members"),
}
