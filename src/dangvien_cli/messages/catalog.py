"""The texts themselves: ``key: (Vietnamese, English)``. Placeholders use ``str.format`` names."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- errors about a value -------------------------------------------------------------------
    "error.prefix": ("Lỗi", "Error"),
    "date.format": (
        "không phải ngày (viết 2022-10-31 hoặc 31/10/2022)",
        "not a date (write 2022-10-31 or 31/10/2022)",
    ),
    "date.impossible": ("ngày không có thật", "no such day"),
    "date.before": ("trước ngày {other}", "is before {other}"),
    "date.future": ("là ngày trong tương lai", "is in the future"),
    "date.out_of_calendar": (
        "năm ngoài lịch ngày nghỉ ({start}-{end}); kiểm tra lại năm",
        "the year is outside the holiday calendar ({start}-{end}); check the year",
    ),
    "settings.unknown": ("không có thiết lập này (tệp {path})", "no such setting (file {path})"),
    "value.empty": ("không được để trống", "must not be empty"),
    "value.choice": ("phải là một trong: {choices}", "must be one of: {choices}"),
    "value.negative": ("không được âm", "must not be negative"),
    "org.code_invalid": (
        "mã không được trống hoặc chứa dấu cách",
        "a code must not be empty or contain spaces",
    ),
    "org.duplicate_code": ("mã này đã có", "this code is already taken"),
    "org.not_found": ("không có tổ chức đảng mang mã này", "no organisation has this code"),
    "org.parent_required": (
        "tổ chức loại {kind} phải có tổ chức cấp trên",
        "an organisation of kind {kind} needs a parent",
    ),
    "org.parent_kind": (
        "tổ chức loại {kind} không thể trực thuộc tổ chức loại {parent_kind}",
        "an organisation of kind {kind} cannot sit under one of kind {parent_kind}",
    ),
    "org.parent_has_members": (
        "tổ chức này có {count} đảng viên sinh hoạt trực tiếp; hãy chuyển họ về chi bộ trước",
        "{count} members belong to it directly; move them to cells first",
    ),
    "org.not_a_cell": (
        "là tổ chức loại {kind}, không phải chi bộ",
        "is of kind {kind}, not a cell",
    ),
    "gender.invalid": ("giới tính phải là M (Nam) hoặc F (Nữ)", "gender must be M or F"),
    "citizen_id.format": ("số CCCD phải gồm đúng 12 chữ số", "a citizen ID must be exactly 12 digits"),
    "citizen_id.duplicate": (
        "số CCCD đã có ({entity} #{id})",
        "this citizen ID is already recorded ({entity} #{id})",
    ),
    "birth.future": ("ngày sinh ở tương lai", "a birth date in the future"),
    "member.born_after_admission": (
        "ngày sinh không trước ngày kết nạp {admitted_on}",
        "born on or after the admission date {admitted_on}",
    ),
    "member.too_young": (
        "khi kết nạp mới {age} tuổi, chưa đủ {minimum} tuổi",
        "only {age} years old at admission, under {minimum}",
    ),
    "member.not_found": ("không có đảng viên này", "no such member"),
    "member.already_left": ("đảng viên đã ra khỏi danh sách ngày {left_on}", "this member left on {left_on}"),
    "member.move_before_current": (
        "phải sau ngày bắt đầu sinh hoạt ở chi bộ hiện tại ({start_on})",
        "must be after the start in the current cell ({start_on})",
    ),
    "member.leave_before_current": (
        "trước ngày bắt đầu sinh hoạt ở chi bộ hiện tại ({start_on})",
        "is before the start in the current cell ({start_on})",
    ),
    "member.same_cell": ("đảng viên đang sinh hoạt ở chi bộ này", "the member is already in this cell"),
    "candidate.born_after_identified": (
        "ngày sinh không trước ngày đưa vào nguồn {identified_on}",
        "born on or after the identification date {identified_on}",
    ),
    "candidate.already_member": ("người này đã là đảng viên #{id}", "this person is already member #{id}"),
    "candidate.admitted_needs_member": (
        "giai đoạn 'đã kết nạp' cần hồ sơ đảng viên của người này (nhập danh sách đảng viên trước; khớp theo "
        "số CCCD, hoặc họ tên và ngày sinh)",
        "the 'admitted' stage needs this person's member record (import the members first; matched by "
        "citizen ID, or by name and birth date)",
    ),
    "candidate.member_linked": (
        "hồ sơ đảng viên #{id} đã gắn với một quần chúng khác",
        "member #{id} is already linked to another candidate",
    ),
    "candidate.after_admission": (
        "sau ngày kết nạp ({admitted_on}) của đảng viên #{id}",
        "after the admission ({admitted_on}) of member #{id}",
    ),
    "candidate.not_found": ("không có quần chúng này", "no such candidate"),
    # --- errors about the database --------------------------------------------------------------
    "db.no_migrations": (
        "không tìm thấy thư mục migrations (gói {path})",
        "migrations not found (package {path})",
    ),
    "db.foreign_key_check": (
        "sau khi nâng cấp còn {count} lỗi khóa ngoại; đã hoàn tác",
        "{count} foreign-key problems after the upgrade; rolled back",
    ),
    "db.newer_than_code": (
        "cơ sở dữ liệu ở phiên bản {revision}, mới hơn chương trình này; hãy nâng cấp dangvien",
        "the database is at revision {revision}, newer than this program; upgrade dangvien",
    ),
    "db.no_folder": ("thư mục {folder} không có", "the folder {folder} does not exist"),
    "db.integrity": ("dữ liệu bị từ chối: {detail}", "the data was refused: {detail}"),
    "db.unreachable": ("không mở được cơ sở dữ liệu: {detail}", "cannot open the database: {detail}"),
    "entity.format": ("phải có dạng loại:số, ví dụ member:12", "must look like kind:number, e.g. member:12"),
    # --- confirmations --------------------------------------------------------------------------
    "done.org_added": ("Đã thêm tổ chức {code}: {name}", "Added organisation {code}: {name}"),
    "done.member_added": ("Đã thêm đảng viên #{id}: {name}", "Added member #{id}: {name}"),
    "done.member_moved": (
        "Đã chuyển đảng viên #{id} sang {cell} từ {date}",
        "Moved member #{id} to {cell} from {date}",
    ),
    "done.member_left": ("Đã ghi nhận đảng viên #{id} ra khỏi danh sách", "Recorded that member #{id} left"),
    "done.candidate_added": ("Đã thêm quần chúng #{id}: {name}", "Added candidate #{id}: {name}"),
    "done.upgraded": ("Cơ sở dữ liệu đã ở phiên bản {revision}", "The database is at revision {revision}"),
    "none": ("(không có)", "(none)"),
    # --- titles and labels ----------------------------------------------------------------------
    "title.orgs": ("Tổ chức đảng", "Organisations"),
    "title.members": ("Đảng viên", "Members"),
    "title.candidates": ("Quần chúng ưu tú", "Candidates"),
    "title.log": ("Nhật ký thay đổi", "Change log"),
    "title.memberships": ("Quá trình sinh hoạt", "Cell history"),
    "title.remarks": ("Nhận xét của đảng viên giúp đỡ", "Mentor's remarks"),
    "title.db_status": ("Cơ sở dữ liệu", "Database"),
    "title.row_counts": ("Số dòng", "Rows"),
    "label.field": ("Mục", "Field"),
    "label.value": ("Giá trị", "Value"),
    "label.table": ("Bảng", "Table"),
    "label.rows": ("Số dòng", "Rows"),
    "label.permissions_warning": (
        "Cảnh báo: tệp {path} có quyền {mode}, người khác đọc được",
        "Warning: {path} has mode {mode}; others can read it",
    ),
    # --- codes ----------------------------------------------------------------------------------
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
    "source.private_enterprise_worker": ("Người lao động doanh nghiệp tư nhân", "Private enterprise worker"),
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
    "action.insert": ("Thêm", "Insert"),
    "action.update": ("Sửa", "Update"),
    "action.delete": ("Xóa", "Delete"),
}

# Field names (the English keys used in JSON, CSV and options) with their human labels.
FIELDS: dict[str, tuple[str, str]] = {
    "id": ("Số", "ID"),
    "code": ("Mã", "Code"),
    "name": ("Tên", "Name"),
    "kind": ("Loại", "Kind"),
    "parent": ("Cấp trên", "Parent"),
    "place": ("Địa bàn", "Place"),
    "population": ("Dân số", "Population"),
    "depth": ("Cấp", "Depth"),
    "under": ("Thuộc", "Under"),
    "org": ("Tổ chức", "Organisation"),
    "cell": ("Chi bộ", "Cell"),
    "to": ("Chi bộ chuyển đến", "New cell"),
    "full_name": ("Họ và tên", "Full name"),
    "family_name": ("Họ", "Family name"),
    "middle_name": ("Tên đệm", "Middle name"),
    "given_name": ("Tên", "Given name"),
    "gender": ("Giới tính", "Gender"),
    "birth_date": ("Ngày sinh", "Birth date"),
    "citizen_id": ("Số CCCD", "Citizen ID"),
    "ethnicity": ("Dân tộc", "Ethnicity"),
    "religion": ("Tôn giáo", "Religion"),
    "education": ("Trình độ", "Education"),
    "occupation": ("Nghề nghiệp", "Occupation"),
    "youth_union": ("Đoàn viên", "Youth Union"),
    "status": ("Trạng thái", "Status"),
    "admitted_on": ("Ngày vào Đảng", "Admitted on"),
    "decision_no": ("Số quyết định", "Decision no."),
    "ceremony_on": ("Ngày lễ kết nạp", "Ceremony on"),
    "official_on": ("Ngày chính thức", "Official on"),
    "left_on": ("Ngày ra", "Left on"),
    "left_reason": ("Lý do ra", "Reason for leaving"),
    "reason": ("Lý do", "Reason"),
    "date": ("Ngày", "Date"),
    "member_id": ("Số đảng viên", "Member ID"),
    "candidate_id": ("Số quần chúng", "Candidate ID"),
    "source": ("Nguồn", "Source"),
    "stage": ("Giai đoạn", "Stage"),
    "identified_on": ("Ngày tạo nguồn", "Identified on"),
    "mentor": ("Đảng viên giúp đỡ", "Mentor"),
    "mentor_name": ("Người giúp đỡ", "Mentor's name"),
    "mentor_assigned_on": ("Ngày phân công", "Mentor assigned on"),
    "trained_on": ("Ngày học lớp nhận thức", "Trained on"),
    "certificate_no": ("Số giấy chứng nhận", "Certificate no."),
    "applied_on": ("Ngày làm đơn", "Applied on"),
    "introducers": ("Người giới thiệu", "Introducers"),
    "youth_union_introduces": ("Đoàn giới thiệu", "Youth Union introduces"),
    "proposed_on": ("Ngày chi bộ đề nghị", "Proposed on"),
    "resolution_no": ("Số nghị quyết", "Resolution no."),
    "dropped_on": ("Ngày đưa ra", "Dropped on"),
    "drop_reason": ("Lý do đưa ra", "Reason dropped"),
    "at": ("Thời điểm", "At"),
    "members": ("Đảng viên", "Members"),
    "official_members": ("Chính thức", "Official"),
    "probationary_members": ("Dự bị", "Probationary"),
    "candidates": ("Quần chúng", "Candidates"),
    "children": ("Tổ chức trực thuộc", "Organisations under it"),
    "cells": ("Chi bộ", "Cells"),
    "os_user": ("Người dùng", "User"),
    "action": ("Thao tác", "Action"),
    "entity": ("Đối tượng", "Entity"),
    "entity_id": ("Số", "ID"),
    "start_on": ("Từ ngày", "From"),
    "end_on": ("Đến ngày", "To"),
    "text": ("Nội dung", "Text"),
    "author": ("Người nhận xét", "Author"),
    "author_name": ("Người nhận xét", "Author"),
    "settings": ("Thiết lập", "Setting"),
    "db": ("Cơ sở dữ liệu", "Database"),
    "url": ("Địa chỉ", "URL"),
    "current_revision": ("Phiên bản hiện tại", "Current revision"),
    "head_revision": ("Phiên bản mới nhất", "Head revision"),
    "file_mode": ("Quyền tệp", "File mode"),
    "changes": ("Thay đổi", "Changes"),
}


def _merge() -> None:
    # Import/export texts live in their own file for readability; they are part of the same catalogue.
    from dangvien_cli.messages.catalog_exchange import EXCHANGE_FIELDS, EXCHANGE_MESSAGES
    from dangvien_cli.messages.catalog_hostile import HOSTILE_FIELDS, HOSTILE_MESSAGES
    from dangvien_cli.messages.catalog_import import IMPORT_FIELDS, IMPORT_MESSAGES
    from dangvien_cli.messages.catalog_monthly import MONTHLY_FIELDS, MONTHLY_MESSAGES
    from dangvien_cli.messages.catalog_pipeline import PIPELINE_FIELDS, PIPELINE_MESSAGES
    from dangvien_cli.messages.catalog_reports import REPORT_FIELDS, REPORT_MESSAGES
    from dangvien_cli.messages.catalog_safety import SAFETY_FIELDS, SAFETY_MESSAGES
    from dangvien_cli.messages.catalog_workflow import WORKFLOW_FIELDS, WORKFLOW_MESSAGES

    for messages, fields in (
        (EXCHANGE_MESSAGES, EXCHANGE_FIELDS),
        (IMPORT_MESSAGES, IMPORT_FIELDS),
        (WORKFLOW_MESSAGES, WORKFLOW_FIELDS),
        (REPORT_MESSAGES, REPORT_FIELDS),
        (MONTHLY_MESSAGES, MONTHLY_FIELDS),
        (PIPELINE_MESSAGES, PIPELINE_FIELDS),
        (SAFETY_MESSAGES, SAFETY_FIELDS),
        (HOSTILE_MESSAGES, HOSTILE_FIELDS),
    ):
        for key in messages.keys() & MESSAGES.keys():
            raise AssertionError(f"message key defined twice: {key}")
        MESSAGES.update(messages)
        FIELDS.update({k: v for k, v in fields.items() if k not in FIELDS})


_merge()
