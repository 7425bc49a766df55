"""The command line's own words: what Click and Typer would print in English (the help's headings and
notes, usage errors), and the placeholders (metavars) that stand for what the user types.

``key: (Vietnamese, English)``. The Vietnamese placeholders join their words with ``_`` (``TÙY_CHỌN``), as
the Vietnamese translations of the GNU tools do, so that a usage line still reads one word a value."""

from __future__ import annotations

from dangvien_cli.messages.types import Catalog

MESSAGES: Catalog = {
    # The help page.
    "cli.usage": ("Cách dùng", "Usage"),
    "cli.arguments": ("Đối số", "Arguments"),
    "cli.options": ("Tùy chọn", "Options"),
    "cli.commands": ("Lệnh", "Commands"),
    "cli.default": ("mặc định: {value}", "default: {value}"),
    "cli.required": ("bắt buộc", "required"),
    "cli.envvar": ("biến môi trường: {name}", "env var: {name}"),
    "cli.at_least": ("ít nhất {min}", "at least {min}"),
    "cli.at_most": ("nhiều nhất {max}", "at most {max}"),
    "cli.repeatable": ("dùng được nhiều lần", "repeatable"),
    "cli.options_metavar": ("[TÙY_CHỌN]", "[OPTIONS]"),
    "cli.command_metavar": ("LỆNH [ĐỐI_SỐ]...", "COMMAND [ARGS]..."),
    "cli.help_option": ("Xem trợ giúp này rồi thoát.", "Show this help and exit."),
    "cli.install_completion": (
        "Cài gợi ý hoàn thành lệnh (phím Tab) cho trình shell đang dùng.",
        "Install Tab completion for the current shell.",
    ),
    "cli.show_completion": (
        "In đoạn mã gợi ý hoàn thành lệnh cho trình shell đang dùng, để chép hoặc tự cài.",
        "Show the Tab completion script for the current shell, to copy it or install it yourself.",
    ),
    # Usage errors: the command line itself is wrong (exit code 2).
    "cli.try_help": ("Xem '{command} --help' để biết cách dùng.", "Try '{command} --help' for help."),
    "cli.missing_option": ("thiếu tùy chọn {option}", "missing option {option}"),
    "cli.missing_argument": ("thiếu đối số {argument}", "missing argument {argument}"),
    "cli.missing_command": (
        "thiếu tên lệnh; các lệnh: {commands}",
        "a command is missing; the commands: {commands}",
    ),
    "cli.invalid_value": ("{option} '{value}': {reason}", "{option} '{value}': {reason}"),
    "cli.invalid": ("{option}: {reason}", "{option}: {reason}"),
    "cli.no_such_option": ("không có tùy chọn {option}", "no such option: {option}"),
    "cli.did_you_mean": ("ý bạn là {choices}?", "did you mean {choices}?"),
    "cli.no_such_command": ("không có lệnh '{command}'", "no such command: '{command}'"),
    "cli.extra_arguments": (
        "thừa đối số: {arguments}; nếu một giá trị có dấu cách, hãy đặt nó trong ngoặc kép",
        "unexpected extra argument(s): {arguments}; put a value with spaces in quotes",
    ),
    "cli.needs_value": ("tùy chọn {option} cần một giá trị", "option {option} needs a value"),
    "cli.takes_no_value": ("tùy chọn {option} không nhận giá trị", "option {option} takes no value"),
    "cli.needs_values": ("{option} cần {count} giá trị", "{option} needs {count} values"),
    "cli.not_integer": ("phải là số nguyên", "must be a whole number"),
    "cli.not_number": ("phải là một số", "must be a number"),
    "cli.not_boolean": ("phải là có hoặc không", "must be yes or no"),
    "cli.too_small": ("phải từ {min} trở lên", "must be {min} or more"),
    "cli.too_large": ("phải không quá {max}", "must be at most {max}"),
    "cli.not_valid": ("không hợp lệ", "is not valid"),
    "cli.aborted": ("Đã dừng.", "Aborted."),
    "cli.yes_no": ("c/K", "y/N"),
    "cli.answer_yes_or_no": ("Hãy trả lời c (có) hoặc k (không).", "Please answer y (yes) or n (no)."),
    # Placeholders for what the user types (usage lines, help, errors).
    "metavar.code": ("MÃ", "CODE"),
    "metavar.name": ("TÊN", "NAME"),
    "metavar.date": ("NGÀY", "DATE"),
    "metavar.file": ("TỆP", "FILE"),
    "metavar.folder": ("THƯ_MỤC", "FOLDER"),
    "metavar.number": ("SỐ", "NUMBER"),
    "metavar.id": ("SỐ", "ID"),
    "metavar.year": ("NĂM", "YEAR"),
    "metavar.month": ("THÁNG", "MONTH"),
    "metavar.text": ("NỘI_DUNG", "TEXT"),
    "metavar.level": ("BẬC_HỌC", "LEVEL"),
    "metavar.percent": ("PHẦN_TRĂM", "PERCENT"),
    "metavar.database": ("TỆP|URL", "FILE|URL"),
    "metavar.digits": ("SỐ_CCCD", "ID_NUMBER"),
    "metavar.user": ("NGƯỜI_DÙNG", "USER"),
    "metavar.login": ("TÀI_KHOẢN", "LOGIN"),
    "metavar.role": ("QUYỀN", "ROLE"),
    "metavar.entity": ("LOẠI[:SỐ]", "KIND[:ID]"),
    "metavar.ages": ("TUỔI,...", "AGE,..."),
    "metavar.target": ("NĂM=SỐ", "YEAR=NUMBER"),
    "metavar.milestone": ("KỲ=SỐ", "PERIOD=NUMBER"),
    "metavar.sheet": ("TRANG_TÍNH", "SHEET"),
    "metavar.reference": ("SỐ_HIỆU", "REFERENCE"),
    # A choice: the vocabulary it is one of.
    "metavar.kind": ("LOẠI", "KIND"),
    "metavar.place": ("ĐỊA_BÀN", "PLACE"),
    "metavar.gender": ("GIỚI_TÍNH", "GENDER"),
    "metavar.source": ("NGUỒN", "SOURCE"),
    "metavar.stage": ("GIAI_ĐOẠN", "STAGE"),
    "metavar.status": ("TRẠNG_THÁI", "STATUS"),
    "metavar.reason": ("LÝ_DO", "REASON"),
    "metavar.language": ("NGÔN_NGỮ", "LANGUAGE"),
    "metavar.format": ("DẠNG", "FORMAT"),
    "metavar.action": ("CÁCH", "ACTION"),
    "metavar.encoding": ("BẢNG_MÃ", "ENCODING"),
    "metavar.order": ("THỨ_TỰ", "ORDER"),
    "metavar.unit": ("ĐƠN_VỊ", "UNIT"),
}
