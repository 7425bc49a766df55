"""Members, candidates, organisations and search.

``key: (Vietnamese, English)``; a count's text is ``key: (Vietnamese, (English singular, plural))``."""

from __future__ import annotations

from dangvien_cli.messages.types import Catalog

MESSAGES: Catalog = {
    "org.code_invalid": (
        "mã không được trống hoặc chứa dấu cách",
        "a code must not be empty or contain spaces",
    ),
    "org.duplicate_code": ("mã này đã có", "this code is already taken"),
    "org.not_found": ("không có tổ chức đảng mang mã này", "no organisation has this code"),
    "org.parent_required": (
        "{kind} phải có tổ chức cấp trên",
        "an organisation of kind {kind} needs a parent",
    ),
    "org.parent_kind": (
        "{kind} không thể trực thuộc {parent_kind}",
        "an organisation of kind {kind} cannot sit under one of kind {parent_kind}",
    ),
    "org.parent_has_members": (
        "tổ chức này có {count} đảng viên sinh hoạt trực tiếp; hãy chuyển họ về chi bộ trước",
        (
            "{count} member belongs to it directly; move them to a cell first",
            "{count} members belong to it directly; move them to cells first",
        ),
    ),
    "org.not_a_cell": ("là {kind}, không phải chi bộ", "is of kind {kind}, not a cell"),
    "gender.invalid": ("giới tính phải là M (Nam) hoặc F (Nữ)", "gender must be M or F"),
    "citizen_id.format": ("số CCCD phải gồm đúng 12 chữ số", "a citizen ID must be exactly 12 digits"),
    "citizen_id.duplicate": (
        "số CCCD đã có ({entity} #{id})",
        "this citizen ID is already recorded ({entity} #{id})",
    ),
    "birth.future": ("ngày sinh ở tương lai", "a birth date in the future"),
    "member.born_after_admission": (
        "ngày sinh không trước ngày quyết định kết nạp {admitted_on}",
        "born on or after the admission date {admitted_on}",
    ),
    "member.too_young": (
        "khi kết nạp mới {age} tuổi, chưa đủ {minimum} tuổi",
        "only {age} years old at admission, under {minimum}",
    ),
    "member.not_found": ("không có đảng viên này", "no such member"),
    "member.already_left": (
        "đảng viên đã ra khỏi danh sách ngày {left_on}",
        "this member left on {left_on}",
    ),
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
        "giai đoạn 'đã kết nạp' cần hồ sơ đảng viên của người này (nhập danh sách đảng viên trước; khớp "
        "theo số CCCD, hoặc họ tên và ngày sinh)",
        "the 'admitted' stage needs this person's member record (import the members first; matched by "
        "citizen ID, or by name and birth date)",
    ),
    "candidate.member_linked": (
        "hồ sơ đảng viên #{id} đã gắn với một quần chúng khác",
        "member #{id} is already linked to another candidate",
    ),
    "candidate.after_admission": (
        "sau ngày quyết định kết nạp ({admitted_on}) của đảng viên #{id}",
        "after the admission ({admitted_on}) of member #{id}",
    ),
    "candidate.not_found": ("không có quần chúng này", "no such candidate"),
    "search.empty": (
        "cần ít nhất một chữ cái hoặc chữ số để tìm",
        "type at least one letter or digit to search for",
    ),
    "search.title": ("Tìm “{text}”", "Search for “{text}”"),
    "search.more": (
        "Chỉ hiện {limit} kết quả đầu; dùng --limit 0 để xem tất cả",
        "Showing the first {limit} results; use --limit 0 to see them all",
    ),
    "search.kind.member": ("Đảng viên", "Member"),
    "search.kind.candidate": ("Quần chúng", "Candidate"),
    "search.match.exact": ("Đúng dấu", "Exact"),
    "search.match.folded": ("Không dấu", "Without marks"),
    "citizen_id.number": (
        "bảng tính lưu số CCCD dưới dạng số và đã mất số 0 ở đầu; hãy định dạng cột là Văn bản (Text)",
        "the spreadsheet stored the citizen ID as a number and dropped its leading zeros; format the "
        "column as Text",
    ),
    "citizen_id.lost_zeros": (
        "thiếu chữ số (có thể bảng tính đã bỏ số 0 ở đầu); số CCCD phải gồm đúng 12 chữ số",
        "digits missing (a spreadsheet may have dropped leading zeros); a citizen ID has exactly 12 digits",
    ),
}
