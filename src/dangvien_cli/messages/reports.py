"""Reports: quota, ageing, pipeline, outlook, monthly.

``key: (Vietnamese, English)``; a count's text is ``key: (Vietnamese, (English singular, plural))``."""

from __future__ import annotations

from dangvien_cli.messages.types import Catalog

MESSAGES: Catalog = {
    "quota.milestone_format": (
        "lộ trình phải có dạng 2022-Q1=3; 2022-06=7",
        "milestones look like 2022-Q1=3; 2022-06=7",
    ),
    "quota.milestone_year": ("lộ trình phải thuộc năm {year}", "milestones must fall in {year}"),
    "report.quota_title": (
        "{org}: kết quả thực hiện chỉ tiêu kết nạp đảng viên năm {year} (đến ngày {at})",
        "{org}: admissions against the {year} quotas (as of {at})",
    ),
    "report.quota_chart": ("% chỉ tiêu", "% of target"),
    "report.ageing_title": (
        "{org}: cơ cấu độ tuổi đảng viên (ngày {at})",
        "{org}: members by age (as of {at})",
    ),
    "report.every_org": ("Tất cả tổ chức", "Every organisation"),
    "report.pyramid": ("Tháp tuổi (Nam ◀ ▶ Nữ)", "Age pyramid (men ◀ ▶ women)"),
    "report.bands": (
        "phải là các mốc tuổi tăng dần, từ 18, cách nhau bởi dấu phẩy (30,40,50,60,70)",
        "must be increasing ages from 18, separated by commas (30,40,50,60,70)",
    ),
    "quota.at_year": ("phải thuộc năm {year}", "must fall in {year}"),
    "quota.year": (
        "năm không hợp lệ: phải từ 1900 đến 2100",
        "not a valid year: it must be from 1900 to 2100",
    ),
    "milestone.ahead": ("Vượt lộ trình", "Ahead"),
    "milestone.on_track": ("Đúng lộ trình", "On track"),
    "milestone.behind": ("Chậm lộ trình", "Behind"),
    "ageing.True": ("Già hóa", "Ageing"),
    "ageing.False": ("", ""),
    "monthly.month_format": (
        "không phải tháng (viết 10/2022, 10-2022 hoặc 2022-10)",
        "not a month (write 10/2022, 10-2022 or 2022-10)",
    ),
    "monthly.cell_required": (
        "cần --cell MÃ (hoặc --org MÃ cùng --out-dir THƯ_MỤC)",
        "needs --cell CODE (or --org CODE with --out-dir DIR)",
    ),
    "monthly.cell_or_org": ("chỉ dùng một trong --cell và --org", "use either --cell or --org, not both"),
    "monthly.output_with_out_dir": (
        "không dùng -o cùng --out-dir (tên tệp được đặt theo chi bộ)",
        "-o cannot be used with --out-dir (files are named after the cells)",
    ),
    "monthly.title": (
        "Báo cáo sinh hoạt chi bộ tháng {month}: {name} ({cell})",
        "Monthly cell report, {month}: {name} ({cell})",
    ),
    "monthly.none": ("Không có.", "None."),
    "monthly.no_quota": (
        "Tổ chức cơ sở chưa có chỉ tiêu năm nay.",
        "The base organisation has no quota this year.",
    ),
    "monthly.section.summary": ("Tổng hợp", "Summary"),
    "monthly.section.joined": ("Kết nạp trong tháng", "Joined"),
    "monthly.section.left": ("Ra khỏi danh sách", "Left"),
    "monthly.section.moved_in": ("Chuyển đến", "Moved in"),
    "monthly.section.moved_out": ("Chuyển đi", "Moved out"),
    "monthly.section.became_official": ("Công nhận chính thức", "Became official"),
    "monthly.section.candidates": ("Quần chúng ưu tú (cuối tháng)", "Candidates (at the month's end)"),
    "monthly.section.remarks": ("Nhận xét trong tháng", "This month's remarks"),
    "monthly.section.without_remark": ("Chưa có nhận xét trong tháng", "Without a remark this month"),
    "monthly.section.admissions": ("Quyết định kết nạp", "Admission decisions"),
    "monthly.section.due": ("Việc đến hạn tháng sau", "Due next month"),
    "monthly.section.quota": ("Chỉ tiêu của tổ chức cơ sở {base}", "Quota of the base organisation {base}"),
    "monthly.summary.members_at_start": ("Đảng viên đầu tháng", "Members at the start"),
    "monthly.summary.official_at_start": ("- trong đó chính thức", "- of whom official"),
    "monthly.summary.members_at_end": ("Đảng viên cuối tháng", "Members at the end"),
    "monthly.summary.official_at_end": ("- trong đó chính thức", "- of whom official"),
    "monthly.summary.joined": ("Kết nạp", "Joined"),
    "monthly.summary.left": ("Ra khỏi danh sách", "Left"),
    "monthly.summary.moved_in": ("Chuyển đến", "Moved in"),
    "monthly.summary.moved_out": ("Chuyển đi", "Moved out"),
    "monthly.summary.became_official": ("Công nhận chính thức", "Became official"),
    "monthly.summary.candidates": ("Quần chúng ưu tú", "Candidates"),
    "monthly.summary.remarks": ("Nhận xét trong tháng", "Remarks this month"),
    "monthly.summary.without_remark": ("Chưa có nhận xét", "Without a remark"),
    "monthly.summary.admissions": ("Quyết định kết nạp", "Admission decisions"),
    "monthly.summary.stage": ("- {stage}", "- {stage}"),
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
    "stage.admitted_per_trained": ("Kết nạp / cảm tình Đảng", "Admitted / trained"),
    "report.pipeline_target": (
        "Mục tiêu kết nạp / cảm tình Đảng (thiết lập admitted_per_trained_target)",
        "Target of admitted / trained (setting admitted_per_trained_target)",
    ),
    "pipeline.year": ("năm không hợp lệ", "not a valid year"),
    "pipeline.at_year": ("phải thuộc năm {year}", "must fall in {year}"),
    "report.outlook_title": (
        "Triển vọng phát triển đảng viên ({org}, ngày {at})",
        "Membership outlook ({org}, as of {at})",
    ),
    "report.outlook_chart": ("Tăng ròng mỗi năm", "Net growth a year"),
    "left_reason.transfer": ("Chuyển đi", "Transferred out"),
    "left_reason.death": ("Từ trần", "Died"),
    "left_reason.removal": ("Xóa tên", "Removed"),
    "left_reason.expulsion": ("Khai trừ", "Expelled"),
    "left_reason.resignation": ("Xin ra khỏi Đảng", "Resigned"),
    "report.outlook_decrease_title": (
        "Giảm theo lý do ({org}, ngày {at})",
        "Decrease by reason ({org}, as of {at})",
    ),
    "report.outlook_targets_title": (
        "Mục tiêu: hiện có {members_now} đảng viên, tăng ròng bình quân {average_net_growth}/năm, giảm "
        "{leaving_rate}%/năm",
        "Targets: {members_now} members now, average net growth {average_net_growth} a year, "
        "{leaving_rate}% decrease a year",
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
    # the kinds of item `due` lists
    "due.recognition_due": ("Xét công nhận chính thức", "Recognition to consider"),
    "due.ceremony_due": ("Tổ chức lễ kết nạp", "Ceremony to hold"),
    "due.decision_due": ("Chờ quyết định kết nạp", "Decision awaited"),
    "due.certificate_expiring": ("Giấy chứng nhận sắp hết hạn", "Certificate expiring"),
    "due.mentor_missing": ("Chưa có người giúp đỡ", "No mentor"),
    "due.remark_missing": ("Chưa có nhận xét tháng này", "No remark this month"),
    "due.cell_below_minimum": ("Chi bộ dưới 3 đảng viên chính thức", "Cell below 3 official members"),
}
