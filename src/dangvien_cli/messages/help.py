"""Help texts of the command line, by command: ``help.<group>.<command>[.<option>]: (vi, en)``; options that
several commands share are ``help.option.<option>`` and ``help.output.<option>``, a person's fields
``help.person.<option>``.

Each is shown in the run's language only (see :mod:`dangvien_cli.cli.help`): one language a text, no
"vi / en" pairs. A choice option's help is followed by its choices, in that language."""

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
    "help.access": (
        "Phân quyền trên cơ sở dữ liệu PostgreSQL dùng chung: mỗi tài khoản chỉ thấy và sửa tổ chức "
        "của mình.",
        "Access on a shared PostgreSQL database: each login sees and changes only its own subtree.",
    ),
    "help.root.format": (
        "Định dạng kết quả của lệnh theo sau (như tùy chọn --format của lệnh đó).",
        "The output format of the command that follows (as that command's own --format).",
    ),
    # Shared by every list and report.
    "help.output.format": (
        "Bảng cho người đọc; json hoặc csv (khóa cố định) cho chương trình.",
        "A table for people; json or csv (stable keys) for scripts.",
    ),
    "help.output.report_format": (
        "Bảng cho người đọc; json, csv cho chương trình; md, xlsx để gửi đi (xlsx cần -o TỆP).",
        "A table for people; json or csv for scripts; md or xlsx to hand on (xlsx needs -o FILE).",
    ),
    "help.output.document_format": (
        "Bảng cho người đọc; json, csv cho chương trình; md, xlsx, docx để gửi đi (xlsx, docx cần -o TỆP).",
        "A table for people; json or csv for scripts; md, xlsx or docx to hand on (xlsx, docx need -o FILE).",
    ),
    "help.output.export_format": (
        "Định dạng tệp; tệp nào cũng nhập lại được (xlsx cần -o TỆP).",
        "The file's format; each imports back (xlsx needs -o FILE).",
    ),
    "help.output.output": (
        "Ghi ra tệp này thay vì ra màn hình.",
        "Write to this file instead of the screen.",
    ),
    "help.output.force": ("Ghi đè tệp đã có.", "Overwrite a file that exists."),
    "help.output.redact": (
        "Che số CCCD và ngày sinh (giữ năm, tháng).",
        "Mask citizen IDs and birth days (keeping the year and month).",
    ),
    # Shared by several commands.
    "help.option.org": (
        "Chỉ tổ chức mang mã này và các tổ chức cấp dưới.",
        "Only the organisation with this code and those under it.",
    ),
    "help.option.org_rolled_up": (
        "Tổ chức mang mã này và các tổ chức cấp dưới, cộng gộp.",
        "The organisation with this code and those under it, rolled up.",
    ),
    "help.option.at": ("Tính tại ngày này (mặc định: hôm nay).", "As of this date (default: today)."),
    "help.option.cell": ("Mã chi bộ.", "The cell's code."),
    "help.option.date": ("Ngày (31/10/2022 hoặc 2022-10-31).", "The date (31/10/2022 or 2022-10-31)."),
    "help.option.member_id": ("Số của đảng viên.", "The member's ID."),
    "help.option.candidate_id": ("Số của quần chúng.", "The candidate's ID."),
    "help.option.override": (
        "Vẫn tiếp tục dù có điều kiện không đạt; ghi lý do.",
        "Go ahead even though rules fail, giving the reason.",
    ),
    "help.option.bands": (
        "Các mốc tuổi, ví dụ 30,40,50,60,70.",
        "Where the age bands start, e.g. 30,40,50,60,70.",
    ),
    "help.option.year": ("Năm.", "The year."),
    # A person's own fields (member add, add-candidate).
    "help.person.name": ('Họ và tên, có dấu, ví dụ "Nguyễn Văn Sỹ".', "The full name, with its tone marks."),
    "help.person.gender": ("Giới tính.", "Gender."),
    "help.person.birth": (
        "Ngày sinh (31/10/1990 hoặc 1990-10-31).",
        "Date of birth (31/10/1990 or 1990-10-31).",
    ),
    "help.person.citizen_id": (
        "Số căn cước công dân (CCCD), 12 chữ số.",
        "The citizen ID number, 12 digits.",
    ),
    "help.person.family": (
        "Họ, khi cách tách họ tên tự động không đúng.",
        "The family name, where the automatic split of the name is wrong.",
    ),
    "help.person.middle": (
        "Tên đệm, khi cách tách họ tên tự động không đúng.",
        "The middle name(s), where the automatic split of the name is wrong.",
    ),
    "help.person.given": (
        "Tên, khi cách tách họ tên tự động không đúng.",
        "The given name, where the automatic split of the name is wrong.",
    ),
    "help.person.ethnicity": ("Dân tộc.", "Ethnicity."),
    "help.person.religion": ("Tôn giáo.", "Religion."),
    "help.person.education": ("Trình độ học vấn, ví dụ 12/12.", "Education, e.g. 12/12."),
    "help.person.occupation": ("Nghề nghiệp.", "Occupation."),
    "help.person.youth_union": (
        "Là đoàn viên Đoàn Thanh niên Cộng sản Hồ Chí Minh.",
        "A member of the Ho Chi Minh Communist Youth Union.",
    ),
    # org
    "help.org.add": ("Thêm một tổ chức đảng.", "Add an organisation."),
    "help.org.add.code": (
        "Mã tổ chức: duy nhất, ngắn cho dễ gõ (ví dụ TP-K1).",
        "The organisation's code: unique, short to type (e.g. TP-K1).",
    ),
    "help.org.add.name": ("Tên tổ chức.", "The organisation's name."),
    "help.org.add.kind": ("Loại tổ chức.", "The kind of organisation."),
    "help.org.add.parent": ("Mã tổ chức cấp trên.", "The code of the organisation above it."),
    "help.org.add.place": ("Địa bàn chi bộ phụ trách.", "The kind of place a cell serves."),
    "help.org.add.population": ("Dân số địa bàn.", "The population of the area it serves."),
    "help.org.list": ("Cây tổ chức đảng.", "The organisation tree."),
    "help.org.list.under": ("Chỉ nhánh dưới tổ chức mang mã này.", "Only the branch under this code."),
    "help.org.show": (
        "Một tổ chức, với số đảng viên và quần chúng.",
        "One organisation, with its member and candidate counts.",
    ),
    "help.org.show.code": ("Mã tổ chức.", "The organisation's code."),
    # member
    "help.member.add": ("Thêm một đảng viên.", "Add a member."),
    "help.member.add.admitted": ("Ngày quyết định kết nạp.", "The date of the admission decision."),
    "help.member.add.official": (
        "Ngày công nhận đảng viên chính thức.",
        "The date official membership began.",
    ),
    "help.member.add.ceremony": ("Ngày tổ chức lễ kết nạp.", "The date of the admission ceremony."),
    "help.member.add.decision_no": ("Số quyết định kết nạp.", "The admission decision's number."),
    "help.member.list": ("Danh sách đảng viên, theo thứ tự tên.", "Members, in Vietnamese name order."),
    "help.member.list.status": ("Chỉ đảng viên ở trạng thái này.", "Only members with this status."),
    "help.member.show": ("Hồ sơ một đảng viên.", "One member's record."),
    "help.member.show.at": (
        "Trạng thái tại ngày này (mặc định: hôm nay).",
        "The status as of this date (default: today).",
    ),
    "help.member.move": ("Chuyển đảng viên sang chi bộ khác.", "Move a member to another cell."),
    "help.member.move.to": ("Mã chi bộ mới.", "The new cell's code."),
    "help.member.move.date": ("Ngày chuyển sinh hoạt.", "The date of the move."),
    "help.member.leave": ("Ghi nhận đảng viên ra khỏi danh sách.", "Record that a member left."),
    "help.member.leave.reason": ("Lý do.", "The reason."),
    "help.member.leave.date": ("Ngày ra khỏi danh sách.", "The date the member left."),
    "help.member.ceremony": (
        "Ghi nhận lễ kết nạp tổ chức sau quyết định.",
        "Record a ceremony held after the decision.",
    ),
    "help.member.recognize": (
        "Công nhận đảng viên chính thức (từ ngày hết thời gian dự bị).",
        "Official membership, from the end of probation.",
    ),
    "help.member.remove": (
        "Không công nhận chính thức: xóa tên đảng viên dự bị.",
        "Not recognised: the probationary member's name is removed.",
    ),
    "help.member.remove.reason": ("Lý do.", "The reason."),
    # candidate
    "help.candidate.add": ("Thêm một quần chúng ưu tú vào nguồn.", "Add a candidate."),
    "help.candidate.add.source": ("Nguồn phát triển.", "Where the candidate comes from."),
    "help.candidate.add.identified": (
        "Ngày đưa vào danh sách nguồn (mặc định: hôm nay).",
        "The date the candidate was identified (default: today).",
    ),
    "help.candidate.list": (
        "Danh sách quần chúng ưu tú, theo thứ tự tên.",
        "Candidates, in Vietnamese name order.",
    ),
    "help.candidate.list.stage": (
        "Chỉ những người ở giai đoạn này (mặc định: những người còn trong nguồn).",
        "Only candidates at this stage (default: all still on the way).",
    ),
    "help.candidate.show": ("Hồ sơ một quần chúng.", "One candidate's record."),
    "help.candidate.mentor": (
        "Phân công đảng viên chính thức (cùng tổ chức cơ sở) giúp đỡ.",
        "Assign a mentor (an official member of the same base organisation).",
    ),
    "help.candidate.mentor.member": ("Số của đảng viên giúp đỡ.", "The mentor's member ID."),
    "help.candidate.review": ("Nhận xét hằng tháng của đảng viên giúp đỡ.", "The mentor's monthly remark."),
    "help.candidate.review.by": ("Số của đảng viên giúp đỡ.", "The mentor's member ID."),
    "help.candidate.review.note": ("Nội dung nhận xét.", "The remark."),
    "help.candidate.train": (
        "Ghi nhận đã học lớp bồi dưỡng nhận thức về Đảng.",
        "Record the party-awareness class and its certificate.",
    ),
    "help.candidate.train.certificate": ("Số giấy chứng nhận.", "The certificate's number."),
    "help.candidate.apply": ("Đơn xin vào Đảng và người giới thiệu.", "The application and its introducers."),
    "help.candidate.apply.introducer": (
        "Số của đảng viên giới thiệu (ghi hai lần, hoặc một lần kèm --youth-union).",
        "An introducing member's ID (twice, or once with --youth-union).",
    ),
    "help.candidate.apply.youth_union": (
        "Đoàn thanh niên giới thiệu thay một đảng viên.",
        "The Youth Union introduces in place of one member.",
    ),
    "help.candidate.propose": (
        "Chi bộ đề nghị kết nạp; mọi điều kiện được kiểm tra.",
        "The cell's resolution proposing admission; every rule is checked.",
    ),
    "help.candidate.propose.resolution": ("Số nghị quyết của chi bộ.", "The cell resolution's number."),
    "help.candidate.propose.votes_for": ("Số phiếu tán thành.", "The votes for."),
    "help.candidate.propose.official_members": (
        "Số đảng viên chính thức của chi bộ.",
        "The number of the cell's official members.",
    ),
    "help.candidate.propose.age_exception": (
        "Văn bản chấp thuận kết nạp người quá 60 tuổi.",
        "The approval to admit a person over 60.",
    ),
    "help.candidate.drop": ("Đưa ra khỏi danh sách nguồn.", "Drop a candidate."),
    "help.candidate.drop.reason": ("Lý do.", "The reason."),
    "help.candidate.check": (
        "Kiểm tra mọi điều kiện kết nạp, kèm căn cứ. Mã thoát 1 khi có điều kiện không đạt.",
        "Every admission rule: pass, fail or warn, with its source. Exit code 1 when a rule fails.",
    ),
    "help.admit.decision": ("Số quyết định kết nạp.", "The admission decision's number."),
    "help.admit.decision_date": ("Ngày ra quyết định kết nạp.", "The date of the decision."),
    "help.admit.ceremony_date": (
        "Ngày lễ kết nạp, nếu đã tổ chức.",
        "The date of the ceremony, if it was held.",
    ),
    # quota
    "help.quota.set": ("Đặt chỉ tiêu năm cho một tổ chức.", "Set an organisation's quota for a year."),
    "help.quota.set.org": ("Mã tổ chức.", "The organisation's code."),
    "help.quota.set.target": ("Chỉ tiêu kết nạp.", "The admission target."),
    "help.quota.set.residential_target": (
        "Chỉ tiêu ở thôn, khu, tổ dân phố.",
        "The target in residential cells.",
    ),
    "help.quota.set.stretch_target": ("Chỉ tiêu phấn đấu.", "The stretch target."),
    "help.quota.set.milestone": (
        "Mốc lộ trình: 2022-Q1=3 (theo quý) hoặc 2022-03=3 (theo tháng).",
        "A step of the roadmap: 2022-Q1=3 (a quarter) or 2022-03=3 (a month).",
    ),
    "help.quota.list": ("Danh sách chỉ tiêu.", "The quotas."),
    "help.quota.list.year": ("Chỉ năm này.", "Only this year."),
    # report
    "help.report.quota": ("Kết quả thực hiện chỉ tiêu kết nạp.", "Progress against the year's quotas."),
    "help.report.quota.at": (
        "Tính đến ngày này (mặc định: hôm nay, hoặc ngày cuối của năm đã qua).",
        "As of this date (default: today, or the last day of a past year).",
    ),
    "help.report.quota.depth": ("Số cấp hiện ra dưới --org.", "How many levels below --org to show."),
    "help.report.ageing": (
        "Cơ cấu độ tuổi, tháp tuổi, chi bộ già hóa.",
        "Members by age band; the age pyramid; ageing cells.",
    ),
    "help.report.ageing.by": ("Mỗi dòng là một.", "A row for each."),
    "help.report.ageing.compare": (
        "So với ngày này: thay đổi từ ngày đó.",
        "Compare with this date: the change since then.",
    ),
    "help.report.monthly": ("Báo cáo tháng của chi bộ.", "The monthly cell report."),
    "help.report.monthly.month": (
        "Tháng: 2022-10, 10/2022 hoặc 10-2022 (mặc định: tháng này).",
        "The month: 2022-10, 10/2022 or 10-2022 (default: this month).",
    ),
    "help.report.monthly.org": (
        "Mọi chi bộ của tổ chức mang mã này (dùng với --out-dir).",
        "Every cell of the organisation with this code (with --out-dir).",
    ),
    "help.report.monthly.out_dir": (
        "Ghi mỗi chi bộ một tệp vào thư mục này.",
        "Write one file per cell into this folder.",
    ),
    "help.report.monthly.format": (
        "Bảng cho người đọc; json, csv cho chương trình; md, xlsx, docx để gửi đi (xlsx, docx cần -o TỆP). "
        "Với --out-dir: md (mặc định), json, xlsx hoặc docx.",
        "A table for people; json or csv for scripts; md, xlsx or docx to hand on (xlsx, docx need -o "
        "FILE). With --out-dir: md (the default), json, xlsx or docx.",
    ),
    "help.report.pipeline": (
        "Phễu phát triển đảng viên: nguồn, giúp đỡ, học lớp, làm đơn, đề nghị, kết nạp.",
        "The pipeline: counts and rates at each stage, days in each stage, candidates by source and age.",
    ),
    "help.report.pipeline.at": (
        "Đến ngày này trong năm; tuổi tính tại ngày đó.",
        "Up to this day of the year; ages on it.",
    ),
    "help.report.outlook": (
        "Triển vọng: đảng viên hiện có, tăng ròng các năm gần đây, dự kiến và số cần kết nạp "
        "để đạt mục tiêu.",
        "The outlook: members now, recent net growth, projections and the admissions needed for each target.",
    ),
    "help.report.outlook.target": (
        "Mục tiêu NĂM=SỐ đảng viên, ví dụ 2025=5000.",
        "A target YEAR=MEMBERS, e.g. 2025=5000.",
    ),
    "help.report.outlook.population_share": (
        "Mục tiêu: số đảng viên bằng bao nhiêu phần trăm dân số.",
        "A target: members as a percentage of the population.",
    ),
    "help.report.outlook.years": ("Số năm gần đây để tính bình quân.", "Years of history for the average."),
    # import
    "help.import.orgs": (
        "Tổ chức đảng (cột: Mã, Tên tổ chức, Loại, Cấp trên, Địa bàn, Dân số).",
        "Organisations (columns: code, name, kind, parent, place, population).",
    ),
    "help.import.members": (
        "Đảng viên (cột: Số CCCD, Họ và tên, Giới tính, Ngày sinh, Chi bộ, Ngày vào Đảng, …).",
        "Members (columns: citizen_id, full_name, gender, birth_date, cell, admitted_on, …).",
    ),
    "help.import.candidates": (
        "Quần chúng ưu tú (cột: Số CCCD, Họ và tên, …, Chi bộ, Nguồn, Ngày đưa vào nguồn, …).",
        "Candidates (columns: citizen_id, full_name, …, cell, source, identified_on, …).",
    ),
    "help.import.reviews": (
        "Nhận xét hằng tháng (cột: Quần chúng, Người nhận xét, Ngày, Nội dung).",
        "Mentors' monthly remarks (columns: candidate, author, date, text).",
    ),
    "help.import.quotas": (
        "Chỉ tiêu kết nạp (cột: Tổ chức, Năm, Chỉ tiêu, Chỉ tiêu thôn khu, Chỉ tiêu phấn đấu).",
        "Yearly quotas (columns: org, year, target, residential_target, stretch_target).",
    ),
    "help.import.file": (
        "Tệp .csv, .xlsx hoặc .json; - để đọc từ đầu vào chuẩn.",
        "A .csv, .xlsx or .json file; - to read standard input.",
    ),
    "help.import.dry_run": ("Chỉ kiểm tra và báo cáo, không ghi gì.", "Check and report; write nothing."),
    "help.import.on_duplicate": (
        "Khi một dòng trùng với người hoặc bản ghi đã có.",
        "What to do when a row matches a stored record.",
    ),
    "help.import.encoding": ("Bảng mã của tệp CSV.", "The CSV file's encoding."),
    "help.import.date_format": ("Cách viết ngày trong tệp.", "How the file writes dates."),
    "help.import.sheet": ("Tên trang tính trong tệp xlsx.", "The sheet's name in an xlsx file."),
    "help.import.errors_to": ("Ghi các lỗi ra tệp CSV này.", "Write the errors to this CSV file."),
    "help.import.input_format": (
        "Định dạng khi đọc từ - hoặc từ tệp có đuôi lạ.",
        "The format of standard input, or of a file with an unusual suffix.",
    ),
    # export
    "help.export.orgs": ("Tổ chức đảng.", "Organisations."),
    "help.export.members": ("Đảng viên.", "Members."),
    "help.export.candidates": ("Quần chúng ưu tú.", "Candidates."),
    "help.export.reviews": ("Nhận xét hằng tháng.", "Mentors' monthly remarks."),
    "help.export.quotas": ("Chỉ tiêu kết nạp.", "Yearly quotas."),
    "help.export.at": (
        "Như hồ sơ tại ngày này (mặc định: hiện nay).",
        "As the records stood on this date (default: now).",
    ),
    # due, log, search, demo
    "help.due.within": (
        "Chỉ việc đến hạn trong số ngày này (kể cả việc đã quá hạn).",
        "Only what is due within this many days (overdue items included).",
    ),
    "help.log.entity": (
        "Chỉ thay đổi của một loại bản ghi (đảng viên, quần chúng, tổ chức…), hoặc của một bản ghi "
        '("đảng viên:12").',
        "Only changes to one kind of record (member, candidate, organisation…), or to one record "
        "(member:12).",
    ),
    "help.log.user": (
        "Chỉ thay đổi của người dùng hệ điều hành này (hoặc tài khoản PostgreSQL này).",
        "Only changes by this operating-system user (or this PostgreSQL login).",
    ),
    "help.log.since": ("Từ ngày này.", "From this date."),
    "help.log.until": ("Đến ngày này.", "Up to this date."),
    "help.log.limit": ("Số dòng gần nhất (0: tất cả).", "The newest this many (0: all)."),
    "help.log.expand": (
        "Tách mỗi mục của một lần nhập tệp thành một dòng cho mỗi bản ghi đã thêm.",
        "Show an import's entry as one line for each record it created.",
    ),
    "help.search.text": (
        'Tên hoặc một phần của tên, có dấu hay không, ví dụ "nguyen sy".',
        'A name or part of one, with or without tone marks, e.g. "nguyen sy".',
    ),
    "help.search.limit": ("Số kết quả tối đa (0: tất cả).", "At most this many results (0: all)."),
    "help.search.at": (
        "Chi bộ và trạng thái tại ngày này (mặc định: hôm nay).",
        "The cell and status as of this date (default: today).",
    ),
    "help.demo.data": (
        "Thư mục dữ liệu mẫu (mặc định: thành phố mẫu).",
        "The sample folder (default: the sample city).",
    ),
    # db
    "help.db.status": (
        "Địa chỉ (che mật khẩu), phiên bản lược đồ và số dòng.",
        "The address (password hidden), the schema's revisions and the row counts.",
    ),
    "help.db.upgrade": (
        "Nâng cấp lược đồ lên phiên bản mới nhất (sao lưu trước).",
        "Upgrade the schema to the newest revision (after a backup).",
    ),
    "help.db.check": (
        "Kiểm tra toàn vẹn dữ liệu; mã thoát 1 nếu có lỗi.\n\nKiểm tra của SQLite (toàn vẹn, khóa ngoại), "
        "rồi các quy tắc của công cụ: mỗi đảng viên ở đúng một chi bộ mỗi ngày từ khi kết nạp đến khi ra, "
        "ngày các bước không đi ngược, mỗi lần kết nạp nối một quần chúng với một đảng viên.",
        "Check integrity and invariants; exit code 1 on a problem.\n\nSQLite's integrity and foreign-key "
        "checks, then the tool's own rules: every member in exactly one cell on every day from admission to "
        "leaving, no stage dates running backwards, every admission linking a candidate and a member.",
    ),
    "help.db.backup": (
        "Sao lưu khi đang dùng; chỉ chủ sở hữu đọc được tệp sao lưu.",
        "An online, consistent copy, readable by you only.",
    ),
    "help.db.backup.file": ("Tệp sao lưu sẽ ghi.", "The backup file to write."),
    "help.db.backup.force": ("Ghi đè tệp đã có.", "Replace a file that exists."),
    "help.db.restore": (
        "Khôi phục từ tệp sao lưu, thay toàn bộ dữ liệu hiện có.",
        "Replace all data with a backup's.",
    ),
    "help.db.restore.file": ("Tệp sao lưu của dangvien.", "A dangvien backup file."),
    "help.db.restore.yes": ("Không hỏi lại (cho chương trình).", "Do not ask (for scripts)."),
    "help.db.extract": (
        "Ghi một tệp SQLite mới chỉ gồm một tổ chức và các tổ chức trực thuộc, người và lịch sử của nó.\n\n"
        "Để một phường giữ dữ liệu của mình trên máy riêng; chỉ chủ sở hữu đọc được tệp. Người đã chuyển đến "
        "hoặc chuyển đi giữ nguyên quá trình sinh hoạt (kèm tên các chi bộ nơi khác).",
        "Write a new SQLite file holding only an organisation's subtree: its organisations, people and "
        "history.\n\nFor a ward to keep its own data on its own laptop; the file is readable by you only. "
        "People who came from or went elsewhere keep their whole cell history (with those cells' names).",
    ),
    "help.db.extract.org": ("Mã tổ chức cần tách.", "The organisation to extract."),
    "help.db.extract.output": ("Tệp SQLite mới sẽ ghi.", "The new SQLite file to write."),
    "help.db.extract.force": ("Ghi đè tệp đã có.", "Replace a file that exists."),
    # access
    "help.access.login": (
        "Tài khoản đăng nhập PostgreSQL (chữ thường, chữ số, _).",
        "The PostgreSQL login (lower case, digits, _).",
    ),
    "help.access.grant": (
        "Cấp quyền trên một tổ chức cho một tài khoản; tạo tài khoản nếu chưa có.\n\n"
        "Xem: đọc tổ chức đó và các tổ chức trực thuộc. Cán bộ: đọc và ghi ở đó (đảng viên, quần chúng, "
        "các bước, nhập tệp, chỉ tiêu của tổ chức cấp dưới). Quản trị: toàn bộ cơ sở dữ liệu và việc phân "
        "quyền. Một tài khoản có thể có nhiều quyền.",
        "Give a login a role on an organisation's subtree; create the login if it does not exist.\n\n"
        "A viewer reads the subtree; an officer also writes there (members, candidates, workflow steps, "
        "imports, quotas of the organisations below); an admin manages the whole database and the grants. "
        "A login may hold several grants.",
    ),
    "help.access.grant.role": ("Quyền cấp.", "The role to grant."),
    "help.access.grant.org": (
        "Mã tổ chức (quyền quản trị: không cần).",
        "The organisation's code (an admin needs none).",
    ),
    "help.access.grant.password_file": (
        "Đặt mật khẩu là dòng đầu của tệp này (chỉ chủ sở hữu đọc được); mật khẩu không gửi lên máy chủ.",
        "Set the password to this file's first line (readable by its owner only); the password itself "
        "never goes to the server.",
    ),
    "help.access.list": (
        "Các quyền đã cấp (tài khoản không phải quản trị chỉ thấy quyền của mình).",
        "The grants (a login that is not an admin sees its own).",
    ),
    "help.access.revoke": (
        "Thu hồi quyền của một tài khoản (mọi quyền, hoặc quyền trên một tổ chức); có hiệu lực ngay.",
        "Take back a login's grants (all, or the one on an organisation); at once.",
    ),
    "help.access.revoke.org": (
        "Chỉ thu hồi quyền trên tổ chức này.",
        "Revoke only the grant on this organisation.",
    ),
}
