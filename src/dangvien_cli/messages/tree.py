"""The tree over time: renaming, moving, merging and closing organisations, their history, the restructuring
plan, and the help of these commands.

``key: (Vietnamese, English)``; a count's text is ``key: (Vietnamese, (English singular, plural))``."""

from __future__ import annotations

from dangvien_cli.messages.types import Catalog

MESSAGES: Catalog = {
    # refusals
    "tree.before_last_change": (
        "ngày {on} trước lần thay đổi gần nhất của tổ chức này ({last}): lịch sử được ghi theo thứ tự",
        "{on} is before this organisation's last recorded change ({last}): history is written in order",
    ),
    "tree.closed": (
        "tổ chức này đã kết thúc hoạt động từ ngày {end_on}, không còn vào ngày {on}",
        "this organisation ended on {end_on} and did not exist on {on}",
    ),
    "tree.not_yet": (
        "tổ chức này bắt đầu từ ngày {start_on}, chưa có vào ngày {on}",
        "this organisation began on {start_on} and did not exist yet on {on}",
    ),
    "tree.closed_for_people": (
        "tổ chức này đã kết thúc hoạt động từ ngày {end_on}",
        "this organisation ended on {end_on}",
    ),
    "tree.cycle": (
        "tổ chức này nằm dưới tổ chức được chuyển: không thể đặt một tổ chức dưới chính nó",
        "it sits under the organisation being moved: nothing can be put under itself",
    ),
    "tree.ends_as_it_begins": (
        "tổ chức bắt đầu hoạt động ngày {on}, không thể kết thúc cùng ngày",
        "it began on {on} and cannot end the same day",
    ),
    "tree.same_name": ("tổ chức đã mang tên này", "this is already its name"),
    "tree.same_parent": ("tổ chức đã trực thuộc cấp trên này", "it already sits under this parent"),
    "tree.records_after": (
        "tổ chức còn dữ liệu từ ngày {first}, sau ngày {on}; hãy chuyển các dữ liệu đó trước",
        "it holds records dated {first}, on or after {on}; move them first",
    ),
    "tree.child_kind": (
        "không nhận được tổ chức trực thuộc {child} (loại {kind}) dưới tổ chức loại {parent_kind}",
        "cannot take {child} (of kind {kind}) under an organisation of kind {parent_kind}",
    ),
    "tree.cannot_hold_people": (
        "là tổ chức loại {kind} có tổ chức trực thuộc, không nhận đảng viên và quần chúng trực tiếp",
        "is of kind {kind} with organisations under it: members and candidates cannot belong to it",
    ),
    "tree.source_twice": ("mã này được ghi hai lần", "this code is given twice"),
    "tree.merge_into_itself": (
        "không thể sáp nhập tổ chức vào chính nó",
        "cannot merge an organisation into itself",
    ),
    "tree.target_under_source": (
        "nằm dưới tổ chức bị sáp nhập {source}",
        "sits under {source}, which is being merged",
    ),
    "tree.source_under_source": (
        "nằm dưới tổ chức cũng bị sáp nhập {source}",
        "sits under {source}, which is merged too",
    ),
    "tree.new_target_needs": (
        "chưa có tổ chức {code}: để tạo mới cần có tên và loại (--name, --kind)",
        "there is no organisation {code}: a new one needs a name and a kind (--name, --kind)",
    ),
    "tree.target_exists": (
        "tổ chức {code} đã có, với giá trị '{stored}'; đổi tên hay chuyển cấp trên bằng lệnh riêng",
        "{code} already exists, with '{stored}'; rename or move it with their own commands",
    ),
    "tree.close_not_empty": (
        "tổ chức còn {members} đảng viên, {candidates} quần chúng và {children} tổ chức trực thuộc; "
        "hãy chỉ nơi chuyển đến (--move-to; trong kế hoạch: cột target)",
        "it still holds {members} members, {candidates} candidates and {children} organisations; "
        "say where they go (--move-to; in a plan: the target column)",
    ),
    "tree.move_needs_parent": (
        "cần --parent (mã cấp trên mới) hoặc --top",
        "give --parent (the new parent's code) or --top",
    ),
    "tree.parent_and_top": ("chỉ dùng một trong --parent và --top", "give either --parent or --top"),
    "tree.plan_column": (
        "hành động {action} cần cột {column}",
        "the action {action} needs the column {column}",
    ),
    "tree.plan_column_unused": (
        "hành động {action} không dùng cột này",
        "the action {action} does not use this column",
    ),
    # db check
    "check.org.no_version": ("không có tên gọi và cấp trên nào được ghi", "has no recorded name and parent"),
    "check.org.version_gap": (
        "quá trình tên gọi và cấp trên bị hở hoặc chồng từ {from} đến {to}",
        "its names and parents leave a gap or overlap from {from} to {to}",
    ),
    "check.org.parent_life": (
        "trực thuộc {parent} ({start_on} – {end_on}) ngoài thời gian hoạt động của {parent} "
        "({parent_start} – {parent_end})",
        "sits under {parent} ({start_on} – {end_on}) outside {parent}'s life ({parent_start} – {parent_end})",
    ),
    "check.org.lineage_end": (
        "sáp nhập từ ngày {on} nhưng kết thúc hoạt động ngày {end_on}",
        "was merged on {on} but ended on {end_on}",
    ),
    "check.org.lineage_cycle": ("quá trình sáp nhập thành vòng: {codes}", "the merges form a cycle: {codes}"),
    "check.org.holds_outside_life": (
        "ở {org} từ {start_on} đến {end_on}, ngoài thời gian hoạt động của {org} ({life})",
        "in {org} from {start_on} to {end_on}, outside {org}'s life ({life})",
    ),
    "check.org.candidate_outside_life": (
        "vẫn thuộc {org} sau khi {org} kết thúc ({end_on})",
        "still belongs to {org} after {org} ended ({end_on})",
    ),
    "check.org.closure_history": (
        "bảng quan hệ cấp trên theo thời gian không khớp quá trình của {org}",
        "the closure over time disagrees with the history of {org}",
    ),
    "check.org.closure_now": (
        "bảng quan hệ cấp trên hiện tại không khớp quá trình của {org}",
        "the current closure disagrees with the history of {org}",
    ),
    # what was done
    "done.org_renamed": (
        "Đã đổi tên {code} thành “{name}” từ ngày {on}",
        "Renamed {code} to “{name}” from {on}",
    ),
    "done.org_moved": (
        "Đã chuyển {code} về trực thuộc {parent} từ ngày {on}",
        "Moved {code} under {parent} from {on}",
    ),
    "done.org_moved_top": (
        "Đã chuyển {code} lên cấp cao nhất từ ngày {on}",
        "Moved {code} to the top from {on}",
    ),
    "done.org_merged": (
        "Đã sáp nhập {sources} vào {target} từ ngày {on}: {children} tổ chức trực thuộc, "
        "{members} đảng viên, {candidates} quần chúng chuyển sang",
        "Merged {sources} into {target} from {on}: {children} organisations, {members} members, "
        "{candidates} candidates moved across",
    ),
    "done.org_merged_new": (
        "Đã tạo {target} và sáp nhập {sources} vào từ ngày {on}: {children} tổ chức trực thuộc, "
        "{members} đảng viên, {candidates} quần chúng chuyển sang",
        "Created {target} and merged {sources} into it from {on}: {children} organisations, "
        "{members} members, {candidates} candidates moved across",
    ),
    "done.org_closed": ("Đã ghi nhận {code} kết thúc hoạt động từ ngày {on}", "Closed {code} from {on}"),
    "done.org_closed_moved": (
        "Đã ghi nhận {code} kết thúc hoạt động từ ngày {on}; {children} tổ chức trực thuộc, {members} đảng "
        "viên, {candidates} quần chúng chuyển về {target}",
        "Closed {code} from {on}; {children} organisations, {members} members, {candidates} candidates moved "
        "to {target}",
    ),
    # history
    "title.org_history": ("Quá trình của {code}", "History of {code}"),
    "title.org_names": ("Tên gọi", "Names"),
    "title.org_parents": ("Cấp trên", "Parents"),
    "title.predecessors": ("Hình thành từ", "Predecessors"),
    "title.successors": ("Sáp nhập vào", "Successors"),
    "title.cell_history": ("Quá trình sinh hoạt", "Cell history"),
    "title.restructure_plan": ("Kế hoạch sắp xếp tổ chức", "Restructuring plan"),
    "label.spell_reason": ("Ghi chú", "Note"),
    "label.on": ("Từ ngày", "On"),
    "change.merge": ("Sáp nhập", "Merge"),
    "change.close": ("Giải thể", "Close"),
    "change.rename": ("Đổi tên", "Rename"),
    "change.move": ("Chuyển cấp trên", "Move"),
    "monthly.section.merged_in": ("Tiếp nhận do sáp nhập", "Came by merge"),
    "monthly.section.merged_out": ("Chuyển đi do sáp nhập", "Left by merge"),
    "monthly.summary.merged_in": ("Tiếp nhận do sáp nhập", "Came by merge"),
    "monthly.summary.merged_out": ("Chuyển đi do sáp nhập", "Left by merge"),
    # the demo's 2025 (sample_data/moncai/*2025*)
    "demo.step_2025_before": (
        "Năm 2025: kết nạp từ tháng 1 đến tháng 6, chỉ tiêu năm",
        "2025: admissions from January to June, the year's quotas",
    ),
    "demo.step_tree_before": (
        "Cây tổ chức trước ngày 01/07/2025 (Hướng dẫn 31-HD/BTCTW)",
        "The tree before 1 July 2025 (Hướng dẫn 31-HD/BTCTW)",
    ),
    "demo.step_quota_before": (
        "Chỉ tiêu năm 2025 đến 30/06, theo cây tổ chức cũ",
        "The 2025 quotas on 30 June, in the old tree",
    ),
    "demo.step_restructure": (
        "Sắp xếp tổ chức từ 01/07/2025: sáp nhập phường, xã và chi bộ, kết thúc Đảng bộ thành phố",
        "The reorganisation of 1 July 2025: wards, communes and cells merged, the city committee ends",
    ),
    "demo.step_2025_after": ("Kết nạp từ tháng 7 đến tháng 12", "Admissions from July to December"),
    "demo.step_tree_after": ("Cây tổ chức của phường mới", "The new ward's tree"),
    "demo.step_quota_after": (
        "Chỉ tiêu năm 2025 của phường mới: tính cả các phường cũ trước khi sáp nhập",
        "The new ward's 2025 quota, counting its predecessors before the merge",
    ),
    # help
    "help.org.add.on": (
        "Ngày bắt đầu hoạt động (mặc định: cùng tổ chức cấp trên; ở cấp cao nhất: không ghi).",
        "Its first day (default: its parent's; at the top: not recorded).",
    ),
    "help.org.list.at": ("Cây tổ chức tại ngày này (mặc định: hôm nay).", "The tree as it was on this date."),
    "help.org.rename": (
        "Đổi tên một tổ chức từ một ngày; tên cũ vẫn dùng cho các ngày trước.",
        "Rename an organisation from a date; the old name stays for the days before.",
    ),
    "help.org.rename.code": ("Mã tổ chức.", "The organisation's code."),
    "help.org.rename.name": ("Tên mới.", "The new name."),
    "help.org.rename.on": ("Ngày bắt đầu dùng tên mới.", "The first day of the new name."),
    "help.org.move": (
        "Chuyển một tổ chức (cùng mọi tổ chức trực thuộc) về cấp trên khác từ một ngày.",
        "Move an organisation, with everything under it, under another parent from a date.",
    ),
    "help.org.move.code": ("Mã tổ chức được chuyển.", "The code of the organisation to move."),
    "help.org.move.parent": ("Mã cấp trên mới.", "The new parent's code."),
    "help.org.move.top": (
        "Chuyển lên cấp cao nhất (không còn cấp trên trong cơ sở dữ liệu).",
        "Move it to the top of the tree (no parent in this database).",
    ),
    "help.org.move.on": ("Ngày bắt đầu trực thuộc cấp trên mới.", "The first day under the new parent."),
    "help.org.merge": (
        "Sáp nhập một hay nhiều tổ chức vào một tổ chức (có sẵn, hoặc tạo mới với --name, --kind).\n\n"
        "Các tổ chức bị sáp nhập kết thúc hoạt động từ ngày hôm trước; tổ chức trực thuộc của chúng chuyển "
        "sang tổ chức mới; đảng viên và quần chúng chuyển sang khi tổ chức nhận là chi bộ. Chỉ tiêu của năm "
        "được cộng dồn trong báo cáo (xem docs/reorganisation.md).",
        "Merge one or more organisations into one (existing, or new with --name and --kind).\n\n"
        "The sources end the day before; their organisations move under the target; their members and "
        "candidates move when the target is a cell. The year's quotas add up in the reports (see "
        "docs/reorganisation.md).",
    ),
    "help.org.merge.sources": ("Mã các tổ chức bị sáp nhập.", "The codes of the organisations to merge."),
    "help.org.merge.into": ("Mã tổ chức nhận sáp nhập.", "The code of the organisation they merge into."),
    "help.org.merge.on": (
        "Ngày tổ chức nhận sáp nhập bắt đầu thay thế (các tổ chức bị sáp nhập kết thúc hôm trước).",
        "The day the target takes over (the sources end the day before).",
    ),
    "help.org.merge.name": ("Tên tổ chức mới (khi tạo mới).", "The new organisation's name (to create it)."),
    "help.org.merge.kind": ("Loại tổ chức mới.", "The new organisation's kind."),
    "help.org.merge.parent": ("Mã cấp trên của tổ chức mới.", "The new organisation's parent."),
    "help.org.merge.place": ("Địa bàn của chi bộ mới.", "The kind of place the new cell serves."),
    "help.org.close": (
        "Ghi nhận một tổ chức kết thúc hoạt động (giải thể) từ một ngày.\n\n"
        "Không thực hiện khi tổ chức còn đảng viên, quần chúng hay tổ chức trực thuộc, trừ khi --move-to "
        "chỉ nơi chuyển đến.",
        "Close an organisation from a date.\n\nRefused while it still holds members, candidates or "
        "organisations, unless --move-to says where they go.",
    ),
    "help.org.close.code": ("Mã tổ chức.", "The organisation's code."),
    "help.org.close.on": (
        "Ngày không còn hoạt động (ngày cuối là hôm trước).",
        "The first day it no longer exists (its last day is the day before).",
    ),
    "help.org.close.move_to": (
        "Mã tổ chức nhận đảng viên, quần chúng và tổ chức trực thuộc.",
        "Where its members, candidates and organisations go.",
    ),
    "help.org.history": (
        "Quá trình của một tổ chức: tên gọi, cấp trên, hình thành từ và sáp nhập vào, theo ngày.",
        "An organisation's history: names, parents, predecessors and successors, with dates.",
    ),
    "help.org.history.code": ("Mã tổ chức.", "The organisation's code."),
    "help.import.restructure": (
        "Kế hoạch sắp xếp tổ chức, mỗi dòng một thay đổi (hành động, mã tổ chức, sáp nhập vào, tên mới, "
        "loại, cấp trên, ngày hiệu lực); áp dụng theo thứ tự, hoặc không dòng nào.",
        "A restructuring plan (action,code,target,name,kind,parent,on), one change a line, applied in order, "
        "all or nothing.",
    ),
    "help.import.restructure.file": (
        "Tệp .csv, .xlsx, .json, hoặc - (đầu vào chuẩn).",
        "A .csv, .xlsx or .json file, or - for standard input.",
    ),
    "help.import.restructure.dry_run": ("Chỉ kiểm tra, không ghi.", "Check and report; write nothing."),
    "help.import.restructure.encoding": ("Bảng mã của tệp CSV.", "The CSV file's encoding."),
    "help.import.restructure.date_format": ("Cách viết ngày trong tệp.", "How dates are written."),
    "help.import.restructure.sheet": ("Tên trang tính xlsx.", "The xlsx sheet's name."),
    "help.import.restructure.errors_to": ("Ghi các lỗi ra tệp CSV.", "Write the errors to a CSV file."),
    "help.import.restructure.input_format": (
        "Định dạng khi đọc từ - hoặc tệp có đuôi lạ.",
        "The format of standard input or of a file with an unusual suffix.",
    ),
}
