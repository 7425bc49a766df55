"""Texts for the reports and quotas (merged into the one catalogue in catalog.py)."""

from __future__ import annotations

REPORT_MESSAGES: dict[str, tuple[str, str]] = {
    "report.quota_title": (
        "Kết quả thực hiện chỉ tiêu kết nạp đảng viên năm {year} (đến ngày {at})",
        "Admissions against the {year} quotas (as of {at})",
    ),
    "report.quota_chart": ("% chỉ tiêu", "% of target"),
    "report.ageing_title": ("Cơ cấu độ tuổi đảng viên (ngày {at})", "Members by age (as of {at})"),
    "report.ageing_chart": ("Tháp tuổi", "Age pyramid"),
    "report.pyramid": ("Tháp tuổi (Nam ◀ ▶ Nữ)", "Age pyramid (men ◀ ▶ women)"),
    "report.bands": (
        "phải là các mốc tuổi tăng dần, từ 18, cách nhau bởi dấu phẩy (30,40,50,60,70)",
        "must be increasing ages from 18, separated by commas (30,40,50,60,70)",
    ),
    "quota.at_year": ("phải thuộc năm {year}", "must fall in {year}"),
    "quota.year": ("năm không hợp lệ", "not a valid year"),
    "done.quota_set": (
        "Đã đặt chỉ tiêu năm {year} cho {org}: {target}",
        "Quota for {year} set for {org}: {target}",
    ),
    "title.quotas": ("Chỉ tiêu kết nạp", "Quotas"),
    "milestone.ahead": ("Vượt lộ trình", "Ahead"),
    "milestone.on_track": ("Đúng lộ trình", "On track"),
    "milestone.behind": ("Chậm lộ trình", "Behind"),
    "ageing.True": ("Già hóa", "Ageing"),
    "ageing.False": ("", ""),
}

REPORT_FIELDS: dict[str, tuple[str, str]] = {
    "target": ("Chỉ tiêu", "Target"),
    "admitted": ("Đã kết nạp", "Admitted"),
    "percent_of_target": ("% chỉ tiêu", "% of target"),
    "over_by": ("Vượt (+) / thiếu (−)", "Over by"),
    "residential_target": ("Chỉ tiêu thôn, khu", "Residential target"),
    "residential_admitted": ("Kết nạp ở thôn, khu", "Residential admitted"),
    "percent_of_residential": ("% thôn, khu", "% residential"),
    "stretch_target": ("Chỉ tiêu phấn đấu", "Stretch target"),
    "percent_of_stretch": ("% phấn đấu", "% of stretch"),
    "members_at_start": ("Đảng viên đầu năm", "Members at start"),
    "percent_of_members": ("% so đảng viên", "% of members"),
    "milestone_status": ("Lộ trình", "Milestone"),
    "projected": ("Dự kiến cả năm", "Projected"),
    "last_year_same_period": ("Cùng kỳ năm trước", "Same period last year"),
    "year": ("Năm", "Year"),
    "milestones": ("Lộ trình", "Milestones"),
    "milestone": ("Lộ trình", "Milestone"),
    "average_age": ("Tuổi bình quân", "Average age"),
    "median_age": ("Tuổi trung vị", "Median age"),
    "percent_young": ("% trẻ (18-30)", "% young (18-30)"),
    "percent_over_60": ("% trên 60", "% over 60"),
    "men": ("Nam", "Men"),
    "women": ("Nữ", "Women"),
    "ageing": ("Già hóa", "Ageing"),
    "bands": ("Mốc tuổi", "Bands"),
    "by": ("Theo", "By"),
    "compare": ("So với ngày", "Compared with"),
    "change_members": ("± đảng viên", "± members"),
    "change_average_age": ("± tuổi BQ", "± average age"),
    "change_percent_young": ("± % trẻ", "± % young"),
    "change_percent_over_60": ("± % trên 60", "± % over 60"),
}
