"""Texts for the pipeline report(s) (merged into the one catalogue in catalog.py)."""

from __future__ import annotations

PIPELINE_MESSAGES: dict[str, tuple[str, str]] = {
    "report.pipeline_title": (
        "Phễu phát triển đảng viên năm {year} ({org}, đến ngày {at})",
        "The pipeline in {year} ({org}, as of {at})",
    ),
    "report.pipeline_chart": ("Số người qua từng bước", "Candidates at each stage"),
    "report.pipeline_sources_title": (
        "Quần chúng theo nguồn, năm {year} ({org})",
        "Candidates by source, {year} ({org})",
    ),
    "report.pipeline_ages_title": (
        "Quần chúng theo độ tuổi (ngày {at}, {org})",
        "Candidates by age band (on {at}, {org})",
    ),
    "stage.admitted_per_trained": (
        "Kết nạp / học lớp nhận thức (yêu cầu ≥ 70%)",
        "Admitted / trained (bar: 70%)",
    ),
    "pipeline.year": ("năm không hợp lệ", "not a valid year"),
    "pipeline.at_year": ("phải thuộc năm {year}", "must fall in {year}"),
    "report.outlook_title": (
        "Triển vọng phát triển đảng viên ({org}, ngày {at})",
        "Membership outlook ({org}, as of {at})",
    ),
    "report.outlook_chart": ("Tăng ròng mỗi năm", "Net growth a year"),
    "report.outlook_targets_title": (
        "Mục tiêu: hiện có {members_now} đảng viên, tăng ròng bình quân {average_net_growth}/năm,"
        " tỷ lệ ra khỏi Đảng {leaving_rate}%/năm",
        "Targets: {members_now} members now, average net growth {average_net_growth} a year,"
        " {leaving_rate}% leaving a year",
    ),
    "outlook.target_format": (
        "phải có dạng NĂM=SỐ ĐẢNG VIÊN, ví dụ 2025=5000",
        "must read YEAR=MEMBERS, e.g. 2025=5000",
    ),
    "outlook.target_past": (
        "năm mục tiêu đã qua (trước năm {year})",
        "the target year is past (before {year})",
    ),
    "outlook.years": ("phải từ 1 đến 50 năm", "must be 1 to 50 years"),
    "outlook.share": ("phải lớn hơn 0 và không quá 100 (%)", "must be above 0 and at most 100 (%)"),
    "on_track.True": ("Đạt", "On track"),
    "on_track.False": ("Chưa đạt", "Behind"),
}
PIPELINE_FIELDS: dict[str, tuple[str, str]] = {
    "count": ("Số người", "Count"),
    "rate_from_previous": ("% so bước trước", "% of previous"),
    "median_days": ("Số ngày ở bước (trung vị)", "Median days in stage"),
    "next_stage": ("Bước sau", "Next stage"),
    "moved_on": ("Số người chuyển bước", "Moved on"),
    "admitted_per_trained": ("% kết nạp / học lớp", "% admitted / trained"),
    "meets_bar": ("Đạt yêu cầu", "Meets the bar"),
    "bar": ("Yêu cầu", "Bar"),
    "band": ("Độ tuổi", "Age band"),
    "identified": ("Tạo nguồn", "Identified"),
    "mentored": ("Được giúp đỡ", "Mentored"),
    "trained": ("Học lớp nhận thức", "Trained"),
    "applied": ("Làm đơn", "Applied"),
    "proposed": ("Chi bộ đề nghị", "Proposed"),
    "admitted": ("Kết nạp", "Admitted"),
    "year": ("Năm", "Year"),
    "left": ("Ra khỏi Đảng", "Left"),
    "net": ("Tăng ròng", "Net"),
    "members_at_start": ("Đảng viên đầu năm", "Members at start"),
    "members_at_end": ("Đảng viên cuối năm", "Members at end"),
    "members_now": ("Đảng viên hiện có", "Members now"),
    "share_of_population": ("% dân số", "% of population"),
    "average_net_growth": ("Tăng ròng bình quân", "Average net growth"),
    "leaving_rate": ("% ra khỏi Đảng mỗi năm", "% leaving a year"),
    "population_share": ("Tỷ lệ đảng viên / dân số", "Population share"),
    "population_share_target": ("Mục tiêu % dân số", "Population share target"),
    "members_for_share": ("Số đảng viên cần cho % dân số", "Members for the share"),
    "target": ("Mục tiêu", "Target"),
    "targets": ("Mục tiêu", "Targets"),
    "target_year": ("Năm mục tiêu", "Target year"),
    "target_members": ("Số đảng viên mục tiêu", "Target members"),
    "years_left": ("Số năm còn lại", "Years left"),
    "projected_members": ("Dự kiến", "Projected"),
    "projected_share_of_population": ("Dự kiến % dân số", "Projected % of population"),
    "needed_admissions_per_year": ("Cần kết nạp mỗi năm", "Admissions needed a year"),
    "needed_admissions_for_share_per_year": (
        "Cần kết nạp mỗi năm (đạt % dân số)",
        "Admissions needed a year (for the share)",
    ),
    "on_track": ("Đánh giá", "On track"),
    "years": ("Số năm", "Years"),
}
