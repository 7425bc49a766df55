"""The admission dossier and the drafted papers (issue 18): commands' help, what they say, the problems a
paper's date can have, the list file's errors, and the words the Word drafts add.

``key: (Vietnamese, English)``; the fields' labels are in :mod:`dangvien_cli.messages.fields`."""

from __future__ import annotations

from dangvien_cli.messages.types import Catalog

MESSAGES: Catalog = {
    # ---- help -------------------------------------------------------------------------------------------
    "help.dossier": (
        "Hồ sơ kết nạp: giấy tờ đã có, còn thiếu, ngày không khớp.",
        "The admission dossier: what is in it, what is missing, dates that do not fit.",
    ),
    "help.dossier.show": (
        "Hồ sơ của một người: mỗi giấy tờ cần có, đã có hay còn thiếu, ngày của nó.",
        "One person's dossier: each paper it needs, present or missing, and its date.",
    ),
    "help.dossier.add": ("Thêm một giấy tờ vào hồ sơ.", "Add a paper to a dossier."),
    "help.dossier.remove": ("Xóa một giấy tờ đã nhập khỏi hồ sơ.", "Remove an entered paper from a dossier."),
    "help.dossier.check": (
        "Mọi hồ sơ chưa đủ cho bước tiếp theo trong một tổ chức (mã thoát 1 khi có).",
        "Every dossier of an organisation not complete for its next step (exit code 1 when there is one).",
    ),
    "help.dossier.person": (
        "Số của quần chúng (với --member: số của đảng viên).",
        "The candidate's ID (with --member, the member's).",
    ),
    "help.dossier.member": (
        "Số đã cho là số đảng viên (hồ sơ công nhận chính thức).",
        "The ID is a member's (the dossier for recognition).",
    ),
    "help.dossier.form": (
        "Mã giấy tờ: 1-KNĐ, 5-KNĐ, CN-NTVĐ… (viết thế nào cũng được: 1-knd, 1 KND).",
        "The paper's code: 1-KND, 5-KND, CN-NTVD… (typed any way, with or without the marks).",
    ),
    "help.dossier.add.date": ("Ngày của giấy tờ.", "The paper's date."),
    "help.dossier.add.number": ("Số, ký hiệu của giấy tờ (nếu có).", "The paper's number, if it has one."),
    "help.dossier.add.author": ("Người hoặc tổ chức lập giấy tờ.", "Who made the paper."),
    "help.dossier.add.file": (
        "Đường dẫn hoặc tham chiếu tới bản scan (không lưu tệp vào cơ sở dữ liệu).",
        "A path or reference to the scan (the file is not stored in the database).",
    ),
    "help.dossier.remove.date": (
        "Ngày của giấy tờ cần xóa (khi hồ sơ có nhiều giấy tờ cùng mẫu).",
        "The date of the paper to remove (when the dossier has several of the form).",
    ),
    "help.dossier.remove.number": (
        "Số của giấy tờ cần xóa (khi hồ sơ có nhiều giấy tờ cùng mẫu).",
        "The number of the paper to remove (when the dossier has several of the form).",
    ),
    "help.dossier.check.org": (
        "Mã tổ chức: xét mọi hồ sơ trong đó.",
        "The organisation whose dossiers to check.",
    ),
    "help.dossier.check.step": (
        "Chỉ những hồ sơ đang chờ bước này.",
        "Only the dossiers waiting for this step.",
    ),
    "help.draft": (
        "Soạn sẵn giấy tờ chi bộ, cấp ủy viết (Word): 6-KNĐ, 13-KNĐ, dự thảo 9-KNĐ.",
        "Draft the papers the cell or the committee writes (Word): 6-KND, 13-KND, a draft 9-KND.",
    ),
    "help.draft.form": (
        "Mẫu cần soạn: 6-KNĐ (nghị quyết chi bộ đề nghị kết nạp), 13-KNĐ (nghị quyết chi bộ đề nghị công "
        "nhận chính thức), 9-KNĐ (dự thảo quyết định kết nạp).",
        "The form to draft: 6-KND (the cell's resolution proposing admission), 13-KND (the cell's "
        "resolution proposing recognition), 9-KND (a draft admission decision).",
    ),
    "help.draft.person": (
        "Số của quần chúng (với --member: số của đảng viên).",
        "The candidate's ID (with --member, the member's).",
    ),
    "help.draft.member": ("Số đã cho là số đảng viên.", "The ID is a member's."),
    "help.draft.issuer": (
        "Mã cấp ủy ra quyết định (9-KNĐ); mặc định: đảng bộ cấp trên cơ sở gần nhất của chi bộ.",
        "The code of the committee that decides (9-KND); default: the nearest committee above the cell.",
    ),
    "help.draft.output": ("Tệp Word (.docx) để ghi.", "The Word file (.docx) to write."),
    "help.import.papers": (
        "Nhập giấy tờ hồ sơ kết nạp (người, mẫu, ngày, số, người lập, tệp scan).",
        "Import dossier papers (person, form, date, number, author, scan).",
    ),
    "help.export.papers": (
        "Xuất giấy tờ hồ sơ đã nhập (nhập lại được).",
        "Export the entered dossier papers (they import back).",
    ),
    "metavar.form": ("MẪU", "FORM"),
    "metavar.step": ("BƯỚC", "STEP"),
    # ---- what the commands say ------------------------------------------------------------------------
    "dossier.title": ("{name}: hồ sơ kết nạp (ngày {at})", "{name}: admission dossier (as of {at})"),
    "dossier.next_complete": (
        "Bước tiếp theo: {step}. Hồ sơ đủ cho bước này.",
        "Next step: {step}. The dossier is complete for it.",
    ),
    "dossier.next_missing": (
        "Bước tiếp theo: {step}. Còn thiếu: {forms}.",
        "Next step: {step}. Missing: {forms}.",
    ),
    "dossier.next_problems": ("Ngày không khớp: {forms}.", "Dates that do not fit: {forms}."),
    "dossier.no_next": (
        "Không còn bước nào chờ hồ sơ này.",
        "No step is waiting for this dossier.",
    ),
    "dossier.added": (
        "Đã thêm {form} ngày {date} vào hồ sơ của {name}",
        "Added {form} of {date} to {name}'s dossier",
    ),
    "dossier.replaces": (
        "Giấy tờ này thay cho {form} theo bước quy trình ({command}, ngày {date}).",
        "This paper takes the place of the {form} the workflow step recorded ({command}, {date}).",
    ),
    "dossier.removed": (
        "Đã xóa {form} ngày {date} khỏi hồ sơ của {name}",
        "Removed {form} of {date} from {name}'s dossier",
    ),
    "dossier.file_not_found": (
        "Lưu ý: không thấy tệp '{file}' trên máy này; vẫn ghi làm tham chiếu.",
        "Note: no file '{file}' on this computer; recorded as a reference all the same.",
    ),
    "dossier.check_title": ("{org}: hồ sơ chưa đủ (ngày {at})", "{org}: incomplete dossiers (as of {at})"),
    "dossier.check_done": (
        "Mọi hồ sơ đang làm đều đủ cho bước tiếp theo ({count} hồ sơ).",
        (
            "Every dossier on its way is complete for its next step ({count} dossier).",
            "Every dossier on its way is complete for its next step ({count} dossiers).",
        ),
    ),
    "dossier.check_incomplete": (
        "{count} hồ sơ chưa đủ, trên {total} hồ sơ đang làm.",
        (
            "{count} incomplete dossier, of {total} on their way.",
            "{count} incomplete dossiers, of {total} on their way.",
        ),
    ),
    "dossier.problem_line": ("{form}: {problem}", "{form}: {problem}"),
    # ---- refusals -------------------------------------------------------------------------------------
    "dossier.unknown_form": (
        "không có trong danh sách giấy tờ hồ sơ; các mã: {codes}",
        "not a paper of the dossier's list; the codes: {codes}",
    ),
    "dossier.needs_member": (
        "giấy tờ công nhận chính thức chỉ có trong hồ sơ của đảng viên (người này chưa được kết nạp)",
        "a paper of recognition belongs to a member's dossier (this person has not been admitted)",
    ),
    "dossier.already_entered": (
        "hồ sơ đã có giấy tờ này (ngày {on}); xóa bằng 'dossier remove' rồi nhập lại",
        "the dossier already has this paper (dated {on}); remove it with 'dossier remove' first",
    ),
    "dossier.from_record": (
        "giấy tờ này lấy từ bước quy trình ({command}), không xóa được; nhập bản có ngày riêng bằng "
        "'dossier add' để thay",
        "this paper comes from the workflow step ({command}) and cannot be removed; enter the paper with "
        "its own date ('dossier add') to replace it",
    ),
    "dossier.not_in_dossier": ("không có trong hồ sơ", "not in the dossier"),
    "dossier.which": (
        "hồ sơ có {count} giấy tờ mẫu này: chỉ rõ bằng --date hoặc --number",
        "the dossier has {count} papers of this form: say which with --date or --number",
    ),
    "dossier.name_mismatch": (
        "không khớp với người có mã này ({found})",
        "does not match the person so named ({found})",
    ),
    "dossier.person_twice": (
        "vừa là quần chúng #{candidate} vừa là đảng viên #{member} không liên quan: ghi rõ bằng CCCD",
        "names both candidate #{candidate} and unrelated member #{member}: name them by citizen ID",
    ),
    "dossier.entry_field": ("trường '{name}' thiếu hoặc sai", "the field '{name}' is missing or wrong"),
    "dossier.entry_choice": (
        "trường '{name}' phải là một trong: {choices}",
        "the field '{name}' must be one of: {choices}",
    ),
    "dossier.entry_unknown": ("khóa không biết: {keys}", "unknown keys: {keys}"),
    "dossier.no_papers": ("không có mục [[paper]] đọc được", "no readable [[paper]] entry"),
    "dossier.missing": ("không có tệp này", "no such file"),
    "dossier.unreadable": ("không đọc được tệp: {detail}", "cannot read the file: {detail}"),
    # ---- a paper's date against the workflow's ----------------------------------------------------------
    "dossier.problem.before": (
        "ngày {date}, trước {anchor} ({other})",
        "dated {date}, before {anchor} ({other})",
    ),
    "dossier.problem.after": (
        "ngày {date}, sau {anchor} ({other})",
        "dated {date}, after {anchor} ({other})",
    ),
    "dossier.problem.expired": (
        "chỉ còn giá trị đến ngày {date}, trước {anchor} ({other})",
        "valid until {date}, before {anchor} ({other})",
    ),
    "dossier.anchor.certificate": ("giấy chứng nhận học lớp nhận thức về Đảng", "the class certificate"),
    "dossier.anchor.application": ("đơn xin vào Đảng", "the application"),
    "dossier.anchor.resolution": ("nghị quyết của chi bộ", "the cell's resolution"),
    "dossier.anchor.decision": ("quyết định kết nạp", "the admission decision"),
    "dossier.anchor.ceremony": ("lễ kết nạp", "the ceremony"),
    "dossier.anchor.probation_end": ("ngày hết 12 tháng dự bị", "the end of probation"),
    "dossier.anchor.recognition": (
        "nghị quyết công nhận chính thức của chi bộ",
        "the cell's resolution on recognition",
    ),
    "dossier.anchor.at": ("ngày xét", "the day of the check"),
    # ---- in other lists -----------------------------------------------------------------------------------
    "entity.paper": ("giấy tờ hồ sơ", "dossier paper"),
    "due.dossier_incomplete": ("Hồ sơ chưa đủ", "Incomplete dossier"),
    "report.pipeline_dossiers_title": (
        "Hồ sơ chưa đủ cho bước tiếp theo (ngày {at})",
        "Dossiers not complete for their next step (as of {at})",
    ),
    "column.paper_author": ("Người lập", "Made by"),
    "column.scan": ("Bản scan", "Scan"),
    # ---- drafts ---------------------------------------------------------------------------------------
    "draft.not_drafted": (
        "không soạn được mẫu này; các mẫu soạn được: {forms}",
        "this form is not drafted; the forms drafted: {forms}",
    ),
    "draft.needs_member": (
        "người này chưa được kết nạp: {form} là giấy tờ của đảng viên dự bị",
        "this person has not been admitted: {form} is about a probationary member",
    ),
    "draft.blanks": (
        "Chỗ chấm (……) là điều hồ sơ chưa ghi: điền tay trước khi ký.",
        "The dotted lines (……) are what the records do not hold: fill them in by hand before signing.",
    ),
    "document.title.resolution": ("NGHỊ QUYẾT", "RESOLUTION"),
    "document.title.decision": ("QUYẾT ĐỊNH", "DECISION"),
    "document.symbol.resolution": ("NQ", "NQ"),
    "document.symbol.decision": ("QĐ", "QĐ"),
    "document.number_given": ("Số {number}", "No. {number}"),
    "document.for_standing": ("T/M BAN THƯỜNG VỤ", "FOR THE STANDING COMMITTEE"),
    "document.subject.6-KNĐ": ("đề nghị kết nạp đảng viên", "proposing admission to the Party"),
    "document.subject.13-KNĐ": (
        "đề nghị công nhận đảng viên chính thức",
        "proposing recognition as an official member",
    ),
    "document.subject.9-KNĐ": ("về việc kết nạp đảng viên", "on admission to the Party"),
    "document.recipient_above_named": ("- {name} (để báo cáo),", "- {name} (for information),"),
    "document.recipient_cell": ("- {name},", "- {name},"),
    "document.recipient_person": ("- Đồng chí có tên tại Điều 1,", "- The person named in Article 1,"),
    # the drafts' body: every {field} is a text, a dotted line where the records do not hold it
    "draft.youth_union": ("Đoàn Thanh niên Cộng sản Hồ Chí Minh", "the Ho Chi Minh Communist Youth Union"),
    "draft.trade_union": ("Công đoàn cơ sở", "the trade union"),
    "draft.grounds.statute": ("Căn cứ Điều lệ Đảng Cộng sản Việt Nam;", "Under the Statute of the Party;"),
    "draft.grounds.rules": (
        "Căn cứ Quy định, Hướng dẫn của Trung ương về thi hành Điều lệ Đảng;",
        "Under the Central Committee's regulations and guidance on the Statute;",
    ),
    "draft.6.considering": (
        "Xét đơn xin vào Đảng ngày {applied_on} của quần chúng {full_name}, giấy giới thiệu của người giới "
        "thiệu ({introducers}) và hồ sơ kèm theo;",
        "Having considered the application of {applied_on} by {full_name}, the introducers' letters "
        "({introducers}) and the dossier;",
    ),
    "draft.6.meeting": (
        "Ngày {date}, {cell_name} họp xét kết nạp đảng viên. Tổng số đảng viên chính thức: "
        "{official_members}; có mặt: {members_present}; vắng mặt: {members_absent}.",
        "On {date}, {cell_name} met to consider the admission. Official members: {official_members}; "
        "present: {members_present}; absent: {members_absent}.",
    ),
    "draft.resolves": ("CHI BỘ QUYẾT NGHỊ:", "THE CELL RESOLVES:"),
    "draft.decides": ("QUYẾT ĐỊNH:", "DECIDES:"),
    "draft.6.propose": (
        "1. Đề nghị {superior_name} xét, kết nạp quần chúng:",
        "1. To propose to {superior_name} the admission of:",
    ),
    "draft.person.name": (
        "Họ và tên: {full_name}; giới tính: {gender}; ngày sinh: {birth_date};",
        "Full name: {full_name}; gender: {gender}; born: {birth_date};",
    ),
    "draft.person.origin": (
        "Dân tộc: {ethnicity}; tôn giáo: {religion};",
        "Ethnicity: {ethnicity}; religion: {religion};",
    ),
    "draft.person.places": (
        "Quê quán: {hometown}; nơi cư trú: {residence};",
        "Home town: {hometown}; residence: {residence};",
    ),
    "draft.person.work": (
        "Trình độ học vấn: {education}; nghề nghiệp: {occupation};",
        "Education: {education}; occupation: {occupation};",
    ),
    "draft.6.into_party": ("vào Đảng Cộng sản Việt Nam.", "to the Communist Party of Vietnam."),
    "draft.6.votes": (
        "2. Số đảng viên chính thức tán thành: {votes_for} trên tổng số {official_members} đảng viên "
        "chính thức (không tính {votes_excluded} đảng viên được miễn, vắng mặt).",
        "2. Official members in favour: {votes_for} of {official_members} official members ({votes_excluded} "
        "exempted or absent not counted).",
    ),
    "draft.6.introducers": (
        "3. Người giới thiệu: {introducers}. Đảng viên được phân công giúp đỡ: {mentor}.",
        "3. Introducers: {introducers}. Mentor: {mentor}.",
    ),
    "draft.13.considering": (
        "Xét bản tự kiểm điểm của đảng viên dự bị {full_name}, bản nhận xét của đảng viên chính thức được "
        "phân công giúp đỡ ({mentor}) và ý kiến nhận xét của đoàn thể, chi ủy nơi cư trú;",
        "Having considered the self-review of the probationary member {full_name}, the mentor's remarks "
        "({mentor}) and the opinions of the mass organisations and the residential cell;",
    ),
    "draft.13.meeting": (
        "Ngày {date}, {cell_name} họp xét công nhận đảng viên chính thức. Tổng số đảng viên chính thức: "
        "{official_members}; có mặt: {members_present}; vắng mặt: {members_absent}.",
        "On {date}, {cell_name} met to consider recognition as official. Official members: "
        "{official_members}; present: {members_present}; absent: {members_absent}.",
    ),
    "draft.13.propose": (
        "1. Đề nghị {superior_name} xét, công nhận đồng chí {full_name}, sinh ngày {birth_date}, kết nạp "
        "vào Đảng theo quyết định số {decision_no} ngày {decision_on}, lễ kết nạp ngày {ceremony_on}, là "
        "đảng viên chính thức kể từ ngày {official_on}.",
        "1. To propose to {superior_name} that {full_name}, born {birth_date}, admitted by decision "
        "{decision_no} of {decision_on}, ceremony on {ceremony_on}, be recognised as an official member "
        "from {official_on}.",
    ),
    "draft.13.votes": (
        "2. Số đảng viên chính thức tán thành: {votes_for} trên tổng số {official_members} đảng viên "
        "chính thức.",
        "2. Official members in favour: {votes_for} of {official_members}.",
    ),
    "draft.9.considering": (
        "Xét nghị quyết số {resolution_no} ngày {resolution_on} của {cell_name} và đề nghị của "
        "{superior_name} về việc kết nạp đảng viên,",
        "Having considered the resolution {resolution_no} of {resolution_on} by {cell_name} and the "
        "proposal of {superior_name} on the admission,",
    ),
    "draft.9.article1": (
        "Điều 1. Kết nạp quần chúng {full_name}, sinh ngày {birth_date}, vào Đảng Cộng sản Việt Nam.",
        "Article 1. {full_name}, born {birth_date}, is admitted to the Communist Party of Vietnam.",
    ),
    "draft.9.article2": (
        "Điều 2. Thời gian dự bị của đồng chí {full_name} là {probation_months} tháng, kể từ ngày chi bộ "
        "tổ chức lễ kết nạp.",
        "Article 2. The probation of {full_name} is {probation_months} months from the cell's ceremony.",
    ),
    "draft.9.article3": (
        "Điều 3. {cell_name}, {superior_name} và đồng chí có tên tại Điều 1 thi hành quyết định này.",
        "Article 3. {cell_name}, {superior_name} and the person named in Article 1 carry out this decision.",
    ),
    "draft.blanks_note": (
        "(Bản dự thảo: chỗ chấm …… là điều hồ sơ chưa ghi, điền tay trước khi ký.)",
        "(A draft: the dotted lines …… are what the records do not hold; fill them in before signing.)",
    ),
    "draft.written": ("Đã soạn {form} cho {name}: {path}", "Drafted {form} for {name}: {path}"),
    # the demo's steps
    "demo.step_dossier": (
        "Hồ sơ kết nạp chưa đủ trong một phường (mã thoát 1: có hồ sơ chưa đủ)",
        "A ward's incomplete admission dossiers (exit code 1: there are some)",
    ),
    "demo.step_draft": (
        "Soạn sẵn nghị quyết chi bộ đề nghị kết nạp (Mẫu 6-KNĐ)",
        "Draft a cell's resolution proposing admission (form 6-KND)",
    ),
}
