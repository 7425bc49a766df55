"""The admission workflow: steps, rules and what each step says when it is done.

``key: (Vietnamese, English)``; a count's text is ``key: (Vietnamese, (English singular, plural))``."""

from __future__ import annotations

from dangvien_cli.messages.types import Catalog

MESSAGES: Catalog = {
    "column.basis": ("Căn cứ", "Source"),
    "done.org_added": ("Đã thêm tổ chức {code}: {name}", "Added organisation {code}: {name}"),
    "done.member_added": ("Đã thêm đảng viên #{id}: {name}", "Added member #{id}: {name}"),
    "done.member_moved": (
        "Đã chuyển đảng viên #{id} sang {cell} từ {date}",
        "Moved member #{id} to {cell} from {date}",
    ),
    "done.member_left": (
        "Đã ghi nhận đảng viên #{id} ra khỏi danh sách",
        "Recorded that member #{id} left",
    ),
    "done.candidate_added": ("Đã thêm quần chúng #{id}: {name}", "Added candidate #{id}: {name}"),
    "done.upgraded": ("Cơ sở dữ liệu đã ở phiên bản {revision}", "The database is at revision {revision}"),
    "rule.age_min": (
        "{years} tuổi {months} tháng vào ngày {on}; cần đủ {limit} tuổi",
        "{years} years {months} months old on {on}; must be a full {limit}",
    ),
    "rule.age_max": (
        "{years} tuổi {months} tháng vào ngày {on}; không quá {limit} tuổi",
        "{years} years {months} months old on {on}; not over {limit}",
    ),
    "rule.age_max_exception": (
        "{years} tuổi {months} tháng vào ngày {on}, quá {limit} tuổi, có chấp thuận: {exception}",
        "{years} years {months} months old on {on}, over {limit}, approved by: {exception}",
    ),
    "rule.certificate_missing": (
        "chưa có giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng",
        "no party-awareness class certificate",
    ),
    "rule.certificate_held": ("có giấy chứng nhận ngày {date}", "certificate of {date}"),
    "rule.certificate_valid": (
        "giấy chứng nhận ngày {date} có giá trị đến {expires} (xét ngày {on})",
        "the certificate of {date} is valid until {expires} (judged on {on})",
    ),
    "rule.not_applied": ("chưa làm đơn, chưa có người giới thiệu", "no application yet, so no introducers"),
    "rule.introducers_count": (
        "{count} người giới thiệu, cần {needed}",
        (
            "{count} introducer, {needed} needed",
            "{count} introducers, {needed} needed",
        ),
    ),
    "rule.introducers_official": (
        "người giới thiệu là đảng viên chính thức ngày {on}",
        "the introducers were official members on {on}",
    ),
    "rule.introducers_not_official": (
        "không phải đảng viên chính thức ngày {on}: {members}",
        "not official members on {on}: {members}",
    ),
    "rule.introducers_short": (
        "chưa đủ {months} tháng cùng đảng bộ cơ sở với quần chúng: {members}",
        "less than {months} months in the candidate's base organisation: {members}",
    ),
    "rule.introducers_unknown": (
        "hồ sơ chưa cho biết đã cùng công tác, sinh hoạt đủ {months} tháng (quần chúng vào nguồn chưa lâu)",
        "the records cannot tell whether they worked together {months} months (a recent candidate)",
    ),
    "rule.introducers_together": (
        "cùng đảng bộ cơ sở với quần chúng ít nhất {months} tháng",
        "in the candidate's base organisation for at least {months} months",
    ),
    "rule.youth_union": (
        "Đoàn giới thiệu thay một người: quần chúng {age} tuổi (tối đa {limit}), đoàn viên: {member}",
        "Youth Union stands in: the candidate is {age} (at most {limit}), Youth Union member: {member}",
    ),
    "rule.mentor_missing": ("chưa phân công đảng viên giúp đỡ", "no mentor assigned"),
    "rule.mentor_official": (
        "đảng viên giúp đỡ #{member} là đảng viên chính thức",
        "mentor #{member} is an official member",
    ),
    "rule.mentor_not_official": (
        "đảng viên giúp đỡ #{member} không phải đảng viên chính thức",
        "mentor #{member} is not an official member",
    ),
    "rule.votes": (
        "{votes}/{of} đảng viên chính thức tán thành; cần ít nhất hai phần ba",
        "{votes} of {of} official members in favour; at least two thirds needed",
    ),
    "rule.cell_min_official": (
        "chi bộ có {count} đảng viên chính thức; cần ít nhất {minimum}",
        (
            "the cell has {count} official member; at least {minimum} needed",
            "the cell has {count} official members; at least {minimum} needed",
        ),
    ),
    "rule.deadline_met": (
        "hạn {due} ({days} ngày làm việc từ {start}); làm ngày {done}",
        "due {due} ({days} working days from {start}); done {done}",
    ),
    "rule.deadline_late": (
        "quá hạn {due} ({days} ngày làm việc từ {start}); làm ngày {done}",
        "late: due {due} ({days} working days from {start}); done {done}",
    ),
    "rule.deadline_pending": (
        "hạn {due} ({days} ngày làm việc từ {start})",
        "due by {due} ({days} working days from {start})",
    ),
    "rule.deadline_overdue": (
        "đã quá hạn {due} ({days} ngày làm việc từ {start})",
        "overdue since {due} ({days} working days from {start})",
    ),
    "workflow.missing_step": ("chưa có bước trước: {missing}", "a step before it is missing: {missing}"),
    "workflow.closed": ("quần chúng đã ở giai đoạn {stage}", "the candidate is already {stage}"),
    "workflow.not_mentor": (
        "không phải đảng viên giúp đỡ của quần chúng này (#{mentor})",
        "is not this candidate's mentor (#{mentor})",
    ),
    "workflow.not_official": (
        "không phải đảng viên chính thức ngày {on}",
        "was not an official member on {on}",
    ),
    "workflow.other_base": (
        "không cùng đảng bộ cơ sở với quần chúng ({base})",
        "is not in the candidate's base organisation ({base})",
    ),
    "workflow.introducers": (
        "cần hai người giới thiệu, hoặc một người và --youth-union",
        "two introducers are needed, or one and --youth-union",
    ),
    "workflow.already_past": (
        "quần chúng đã qua bước này (đang ở giai đoạn: {stage})",
        "the candidate is past this step (now: {stage})",
    ),
    "workflow.votes_range": ("phải từ 0 đến {of}", "must be between 0 and {of}"),
    "workflow.introducer_twice": ("cùng một người giới thiệu hai lần", "the same introducer twice"),
    "workflow.rules_failed": (
        'không đạt {count} điều kiện ({codes}); dùng --override "LÝ DO" nếu vẫn tiếp tục',
        (
            'fails {count} rule ({codes}); use --override "REASON" to go ahead anyway',
            'fails {count} rules ({codes}); use --override "REASON" to go ahead anyway',
        ),
    ),
    "workflow.rule_line": ("  ✗ {code}: {detail} [{source}]", "  ✗ {code}: {detail} [{source}]"),
    "workflow.override_used": (
        "Vẫn tiếp tục theo --override ({reason}) dù không đạt: {codes} (đã ghi nhật ký)",
        "Going ahead with --override ({reason}) despite: {codes} (logged)",
    ),
    "workflow.not_probationary": ("không phải đảng viên dự bị", "is not a probationary member"),
    "workflow.ceremony_done": ("đã tổ chức lễ kết nạp ngày {on}", "the ceremony was already held on {on}"),
    "workflow.probation_not_over": (
        "thời gian dự bị kết thúc ngày {end}; chưa thể công nhận chính thức",
        "probation ends on {end}; recognition cannot come before",
    ),
    "workflow.deadline_warning": ("Lưu ý: {code}: {detail}", "Note: {code}: {detail}"),
    "step.mentor": ("phân công đảng viên giúp đỡ (candidate mentor)", "assign a mentor (candidate mentor)"),
    "step.train": ("học lớp nhận thức về Đảng (candidate train)", "the awareness class (candidate train)"),
    "step.apply": ("làm đơn, người giới thiệu (candidate apply)", "the application (candidate apply)"),
    "step.propose": (
        "nghị quyết chi bộ đề nghị kết nạp (candidate propose)",
        "the cell's resolution (candidate propose)",
    ),
    "step.ceremony": ("lễ kết nạp (member ceremony)", "the ceremony (member ceremony)"),
    "done.mentor": (
        "Đã phân công #{member} giúp đỡ quần chúng #{id}",
        "Mentor #{member} assigned to candidate #{id}",
    ),
    "done.review": ("Đã ghi nhận xét cho quần chúng #{id}", "Remark recorded for candidate #{id}"),
    "done.step": ("Quần chúng #{id}: {stage}", "Candidate #{id}: {stage}"),
    "done.admitted": (
        "Đã kết nạp: đảng viên dự bị #{member} (quần chúng #{id})",
        "Admitted: probationary member #{member} (candidate #{id})",
    ),
    "done.ceremony": ("Đã ghi lễ kết nạp của đảng viên #{id}", "Ceremony recorded for member #{id}"),
    "done.recognized": (
        "Đảng viên #{id} là đảng viên chính thức từ {on}",
        "Member #{id} is official from {on}",
    ),
    "done.removed": ("Đã xóa tên đảng viên dự bị #{id}", "Probationary member #{id} removed"),
    "done.quota_set": (
        "Đã đặt chỉ tiêu năm {year} cho {org}: {target}",
        "Quota for {year} set for {org}: {target}",
    ),
    "done.monthly_written": ("Đã ghi {path}", "Wrote {path}"),
}
