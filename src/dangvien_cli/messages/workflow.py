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
        "giấy chứng nhận ngày {date} còn giá trị đến hết ngày {last_day} (xét ngày {on})",
        "the certificate of {date} is valid up to and including {last_day} (judged on {on})",
    ),
    "rule.certificate_expired": (
        "giấy chứng nhận ngày {date} chỉ còn giá trị đến hết ngày {last_day} (xét ngày {on})",
        "the certificate of {date} was valid only up to and including {last_day} (judged on {on})",
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
    "rule.introducers_together_substitute": (
        "người giới thiệu thay ({substitutes}) không cần đủ {months} tháng cùng công tác; người còn lại đủ",
        "the substitute introducer ({substitutes}) needs no {months} months together; the other has them",
    ),
    "rule.youth_union": (
        "ban chấp hành đoàn cơ sở giới thiệu thay một người: quần chúng {age} tuổi (tuổi đoàn đến {limit}), "
        "là đoàn viên",
        "the Youth Union base committee stands in for one introducer: the candidate is {age} (Youth Union "
        "age up to {limit}) and a member",
    ),
    "rule.youth_union_not_member": (
        "đoàn giới thiệu thay một người nhưng quần chúng không phải đoàn viên",
        "the Youth Union stands in for one introducer, but the candidate is not a member of it",
    ),
    "rule.youth_union_age": (
        "đoàn giới thiệu thay một người nhưng quần chúng {age} tuổi, quá tuổi đoàn ({limit})",
        "the Youth Union stands in for one introducer, but the candidate is {age}, past its age ({limit})",
    ),
    "rule.youth_union_two_members": (
        "quần chúng {age} tuổi, là đoàn viên, do hai đảng viên giới thiệu; nơi có tổ chức Đoàn, ban chấp "
        "hành đoàn cơ sở và một đảng viên chính thức giới thiệu",
        "the candidate, {age} and a Youth Union member, is introduced by two members; where there is a "
        "Youth Union, its base committee and one official member introduce",
    ),
    "rule.youth_union_two_members_other": (
        "quần chúng {age} tuổi (tuổi đoàn) không phải đoàn viên, do hai đảng viên giới thiệu; nơi có tổ "
        "chức Đoàn, người trong tuổi đoàn phải là đoàn viên",
        "the candidate, {age} (Youth Union age), is not a Youth Union member and is introduced by two "
        "members; where there is a Youth Union, a person of that age must be a member",
    ),
    "rule.trade_union": (
        "ban chấp hành công đoàn cơ sở giới thiệu thay một người: quần chúng {age} tuổi, chi bộ {place}",
        "the trade union base committee stands in for one introducer: the candidate is {age}, the cell "
        "is in: {place}",
    ),
    "rule.trade_union_place": (
        "công đoàn giới thiệu thay một người, nhưng chi bộ thuộc loại {place}: công đoàn chỉ thay Đoàn ở "
        "cơ quan, doanh nghiệp không có tổ chức Đoàn",
        "the trade union stands in for one introducer, but the cell is in: {place}; it does so only in "
        "agencies and enterprises without a Youth Union",
    ),
    "rule.trade_union_age": (
        "công đoàn giới thiệu thay một người nhưng quần chúng {age} tuổi, quá tuổi đoàn ({limit})",
        "the trade union stands in for one introducer, but the candidate is {age}, past Youth Union age "
        "({limit})",
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
    "rule.votes_excluded": (
        "{votes}/{of} đảng viên chính thức tán thành ({official} đảng viên chính thức, không tính "
        "{excluded}: {reason}); cần ít nhất hai phần ba",
        "{votes} of {of} official members in favour ({official} official members, {excluded} not counted: "
        "{reason}); at least two thirds needed",
    ),
    "rule.votes_not_recorded": (
        "chưa ghi số phiếu tán thành và số đảng viên chính thức của nghị quyết (--votes-for, "
        "--official-members)",
        "the resolution's votes for and official members are not recorded (--votes-for, --official-members)",
    ),
    "rule.votes_roster": (
        "nghị quyết ghi {official} đảng viên chính thức, đúng như danh sách trong hồ sơ",
        "the resolution gives {official} official members, as the records do",
    ),
    "rule.votes_roster_differs": (
        "nghị quyết ghi {official} đảng viên chính thức, danh sách trong hồ sơ có {roster}",
        "the resolution gives {official} official members, the records {roster}",
    ),
    "rule.cell_min_official": (
        "chi bộ có {count} đảng viên chính thức; cần ít nhất {minimum} để lập chi bộ (không phải điều kiện "
        "kết nạp)",
        (
            "the cell has {count} official member; {minimum} are needed to set up a cell (not a condition "
            "of admission)",
            "the cell has {count} official members; {minimum} are needed to set up a cell (not a condition "
            "of admission)",
        ),
    ),
    "rule.education": (
        "trình độ {level}; cần {minimum} trở lên",
        "education: {level}; {minimum} or above needed",
    ),
    "rule.education_from_text": (
        'trình độ ghi "{text}", tức {level}; cần {minimum} trở lên',
        'education recorded as "{text}", read as {level}; {minimum} or above needed',
    ),
    "rule.education_unknown": (
        "chưa ghi trình độ học vấn; cần {minimum} trở lên",
        "no education recorded; {minimum} or above needed",
    ),
    "rule.education_exception": (
        "trình độ {level}; trường hợp ngoại lệ: {exception}",
        "education: {level}; an exception: {exception}",
    ),
    "rule.readmission_wait": (
        "ra khỏi Đảng ngày {since}: {months} tháng đến ngày {on}; cần ít nhất {needed} tháng",
        "left the Party on {since}: {months} months by {on}; at least {needed} needed",
    ),
    "rule.readmission_expunged": (
        "xóa án tích ngày {since}: {months} tháng đến ngày {on}; cần ít nhất {needed} tháng",
        "conviction expunged on {since}: {months} months by {on}; at least {needed} needed",
    ),
    "rule.readmission_expunged_unknown": (
        "bị kết án về tội ít nghiêm trọng: cần {months} tháng từ khi xóa án tích, hồ sơ chưa ghi ngày",
        "convicted of a less serious crime: {months} months after the record is expunged are needed; its "
        "date is not recorded",
    ),
    "rule.readmission_left_unknown": (
        "hồ sơ chưa ghi ngày ra khỏi Đảng; cần ít nhất {months} tháng",
        "the day the person left the Party is not recorded; at least {months} months are needed",
    ),
    "rule.readmission_population": (
        "ra khỏi Đảng vì: {exit}; thời gian theo quy định riêng của Ban Bí thư",
        "left the Party for: {exit}; the wait follows the Secretariat's own rules",
    ),
    "rule.readmission_first": ("chưa từng được kết nạp lại", "never re-admitted before"),
    "rule.readmission_twice": (
        "đã được kết nạp lại một lần; chỉ kết nạp lại một lần",
        "already re-admitted once; re-admission is allowed only once",
    ),
    "rule.readmission_approval": (
        "ban thường vụ tỉnh ủy, thành ủy đồng ý bằng văn bản số {number} ngày {date}",
        "the provincial standing committee approved in writing: no. {number} of {date}",
    ),
    "rule.readmission_no_approval": (
        "chưa có văn bản đồng ý của ban thường vụ tỉnh ủy, thành ủy",
        "no written approval of the provincial standing committee yet",
    ),
    "rule.readmission_exit_unknown": (
        "hồ sơ chưa ghi lý do ra khỏi Đảng trước đây",
        "why the person left the Party before is not recorded",
    ),
    "rule.readmission_excluded": (
        "ra khỏi Đảng vì: {exit}; không xem xét kết nạp lại",
        "left the Party for: {exit}; never re-admitted",
    ),
    "rule.readmission_allowed": ("ra khỏi Đảng vì: {exit}", "left the Party for: {exit}"),
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
    "rule.deadline_met_extended": (
        "hạn {due} ({days} ngày làm việc từ {start}, gồm {extended} ngày gia hạn: {reason}); làm ngày {done}",
        "due {due} ({days} working days from {start}, {extended} of them an extension: {reason}); "
        "done {done}",
    ),
    "rule.deadline_late_extended": (
        "quá hạn {due} ({days} ngày làm việc từ {start}, gồm {extended} ngày gia hạn: {reason}); làm ngày "
        "{done}",
        "late: due {due} ({days} working days from {start}, {extended} of them an extension: {reason}); "
        "done {done}",
    ),
    "rule.deadline_pending_extended": (
        "hạn {due} ({days} ngày làm việc từ {start}, gồm {extended} ngày gia hạn: {reason})",
        "due by {due} ({days} working days from {start}, {extended} of them an extension: {reason})",
    ),
    "rule.deadline_overdue_extended": (
        "đã quá hạn {due} ({days} ngày làm việc từ {start}, gồm {extended} ngày gia hạn: {reason})",
        "overdue since {due} ({days} working days from {start}, {extended} of them an extension: {reason})",
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
        "cần hai người giới thiệu, hoặc một người và --youth-union (hoặc --trade-union)",
        "two introducers are needed, or one and --youth-union (or --trade-union)",
    ),
    "workflow.one_union": (
        "chỉ dùng một trong --youth-union và --trade-union",
        "use either --youth-union or --trade-union, not both",
    ),
    "workflow.excluded_range": (
        "phải từ 0 đến dưới {of} (số đảng viên chính thức)",
        "must be from 0 to less than {of} (the official members)",
    ),
    "workflow.votes_counted": (
        "nhiều hơn số đảng viên được tính ({of})",
        "is more than the members counted ({of})",
    ),
    "workflow.reason_needed": ("cần --reason nêu lý do", "needs --reason with the reason"),
    "workflow.extension_range": (
        "phải từ 1 đến {limit} ngày làm việc",
        "must be from 1 to {limit} working days",
    ),
    "workflow.already_decided": (
        "đã có quyết định kết nạp ngày {on}",
        "the admission decision was already made on {on}",
    ),
    "workflow.not_an_introducer": (
        "không phải người giới thiệu của quần chúng này ({introducers})",
        "is not one of this candidate's introducers ({introducers})",
    ),
    "workflow.prior_member_current": (
        "đảng viên #{member} chưa ra khỏi Đảng",
        "member #{member} has not left the Party",
    ),
    "workflow.prior_linked": (
        "Quần chúng #{id} từng là đảng viên #{member} (khớp số CCCD): áp dụng các điều kiện kết nạp lại",
        "Candidate #{id} was member #{member} (citizen ID matches): the re-admission rules apply",
    ),
    "workflow.prior_linked_by_name": (
        "Lưu ý: quần chúng #{id} có thể là đảng viên #{member} trước đây (trùng họ tên và ngày sinh); đã "
        "ghi là kết nạp lại, sửa bằng: dangvien candidate readmission {id} --clear",
        "Note: candidate #{id} may be former member #{member} (same name and birth date); recorded as a "
        "re-admission, undo with: dangvien candidate readmission {id} --clear",
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
    "done.substituted": (
        "Đã ghi người giới thiệu thay cho quần chúng #{id}",
        "Substitute introducer recorded for candidate #{id}",
    ),
    "done.readmission": (
        "Đã ghi thông tin kết nạp lại của quần chúng #{id}",
        "Re-admission facts recorded for candidate #{id}",
    ),
    "done.extended": (
        "Đã ghi gia hạn thời gian ra quyết định kết nạp quần chúng #{id}",
        "Decision deadline extended for candidate #{id}",
    ),
    # help of the options and commands this topic adds (the others are in messages/help.py)
    "help.person.education_level": (
        "Bậc học cao nhất đã tốt nghiệp (điều kiện học vấn: từ trung học cơ sở).",
        "The highest level completed (the rule asks for lower secondary or above).",
    ),
    "help.candidate.apply.trade_union": (
        "Ban chấp hành công đoàn cơ sở giới thiệu thay một người (cơ quan, doanh nghiệp không có Đoàn).",
        "The trade union base committee stands in for one introducer (where there is no Youth Union).",
    ),
    "help.candidate.propose.excluded": (
        "Số đảng viên chính thức không tính khi biểu quyết (miễn sinh hoạt vắng mặt, sinh hoạt tạm thời "
        "nơi khác); cần --reason.",
        "Official members left out of the count (exempted and absent, attending elsewhere for a time); "
        "needs --reason.",
    ),
    "help.candidate.propose.reason": (
        "Lý do không tính những đảng viên đó.",
        "Why those members are not counted.",
    ),
    "help.candidate.propose.education_exception": (
        "Trường hợp ngoại lệ về học vấn (miền núi, hải đảo, vùng đồng bào dân tộc thiểu số…) và căn cứ.",
        "The education exception (mountain, island, ethnic-minority areas…) and its grounds.",
    ),
    "help.admit.received": (
        "Ngày chi bộ nhận quyết định (hạn lễ kết nạp tính từ ngày này; mặc định: ngày quyết định).",
        "The day the cell received the decision (the ceremony's deadline counts from it; default: its date).",
    ),
    "help.admit.extended_by": (
        "Số ngày làm việc gia hạn thời gian ra quyết định (tối đa 30); cần --reason.",
        "Working days the decision's deadline was extended by (at most 30); needs --reason.",
    ),
    "help.admit.reason": ("Lý do gia hạn.", "Why it was extended."),
    "help.member.ceremony.received": (
        "Ngày chi bộ nhận quyết định kết nạp, nếu chưa ghi.",
        "The day the cell received the decision, if not recorded yet.",
    ),
    "help.candidate.substitute": (
        "Người giới thiệu thay cho người đã chuyển đi, từ trần hoặc bị kỷ luật.",
        "A substitute for an introducer who moved, died or was disciplined.",
    ),
    "help.candidate.substitute.introducer": (
        "Đảng viên chính thức giới thiệu thay.",
        "The official member who stands in.",
    ),
    "help.candidate.substitute.replaces": ("Người giới thiệu được thay.", "The introducer replaced."),
    "help.candidate.substitute.reason": ("Vì sao phải thay.", "Why the introducer is replaced."),
    "help.candidate.readmission": (
        "Người từng là đảng viên xin kết nạp lại: hồ sơ cũ, lý do ra khỏi Đảng, văn bản đồng ý.",
        "A former member asking to be re-admitted: the earlier record, why they left, the approval.",
    ),
    "help.candidate.readmission.member": (
        "Số đảng viên của hồ sơ cũ (đã ra khỏi Đảng).",
        "The earlier member record's ID (someone who left).",
    ),
    "help.candidate.readmission.left": (
        "Ngày ra khỏi Đảng, nếu hồ sơ cũ không có ở đây.",
        "The day they left the Party, when the earlier record is not here.",
    ),
    "help.candidate.readmission.exit": ("Lý do ra khỏi Đảng trước đây.", "Why they left the Party."),
    "help.candidate.readmission.expunged": (
        "Ngày được xóa án tích (án về tội ít nghiêm trọng).",
        "The day a less serious conviction was expunged.",
    ),
    "help.candidate.readmission.approval": (
        "Số văn bản đồng ý của ban thường vụ tỉnh ủy, thành ủy.",
        "The number of the provincial standing committee's written approval.",
    ),
    "help.candidate.readmission.approval_date": ("Ngày của văn bản đó.", "Its date."),
    "help.candidate.readmission.readmitted_before": (
        "Đã từng được kết nạp lại (khi hồ sơ cũ không có ở đây).",
        "Was re-admitted once before (when the earlier record is not here).",
    ),
    "help.candidate.readmission.clear": (
        "Không phải người từng là đảng viên: xóa các thông tin trên.",
        "Not a former member: clear all of the above.",
    ),
    "help.candidate.extend": (
        "Gia hạn thời gian cấp ủy ra quyết định kết nạp (tối đa 30 ngày làm việc).",
        "Extend the committee's time to decide (at most 30 working days).",
    ),
    "help.candidate.extend.extended_by": ("Số ngày làm việc gia hạn.", "Working days of extension."),
    "help.candidate.extend.reason": ("Lý do gia hạn.", "Why it was extended."),
}
