"""The calendar of working days: ``dangvien calendar``, its help, and the refusals of a calendar file.

``key: (Vietnamese, English)``."""

from __future__ import annotations

from dangvien_cli.messages.types import Catalog

MESSAGES: Catalog = {
    "help.calendar": (
        "Lịch ngày làm việc: ngày nghỉ, ngày làm bù và căn cứ; cộng, đếm ngày làm việc.",
        "The working-day calendar: days off, make-up days and their sources; add and count working days.",
    ),
    "help.calendar.days_off": (
        "Các ngày nghỉ trong tuần làm việc và các ngày làm bù của một năm, kèm văn bản quy định.",
        "A year's weekdays off and make-up working days, each with the document that set it.",
    ),
    "help.calendar.days_off.year": ("Năm, ví dụ 2026.", "The year, e.g. 2026."),
    "help.calendar.add": (
        "Ngày sau (hoặc trước, nếu số âm) một số ngày làm việc.",
        "The date a number of working days after (or, when negative, before) a date.",
    ),
    "help.calendar.add.date": (
        "Ngày bắt đầu (không tính ngày này), ví dụ 29/12/2025.",
        "The start (not counted), e.g. 29/12/2025.",
    ),
    "help.calendar.add.days": (
        "Số ngày làm việc; số âm để đếm lùi.",
        "The number of working days; negative counts back.",
    ),
    "help.calendar.count": (
        "Số ngày làm việc từ sau ngày đầu đến hết ngày cuối.",
        "The working days after the first date, up to and including the last.",
    ),
    "help.calendar.count.start": ("Ngày đầu (không tính).", "The first date (not counted)."),
    "help.calendar.count.end": ("Ngày cuối (có tính).", "The last date (counted)."),
    "calendar.title": (
        "Ngày nghỉ và ngày làm việc bù năm {year} ({checked})",
        "Days off and make-up working days in {year} ({checked})",
    ),
    "calendar.checked": ("đã đối chiếu văn bản", "checked against the documents"),
    "calendar.unchecked": (
        "chưa đối chiếu văn bản của năm, tính theo Bộ luật Lao động",
        "not checked against the year's documents; from the Labour Code",
    ),
    "calendar.add_result": (
        "{start} + {days} ngày làm việc = {result}",
        "{start} + {days} working days = {result}",
    ),
    "calendar.subtract_result": (
        "{start} − {days} ngày làm việc = {result}",
        "{start} − {days} working days = {result}",
    ),
    "calendar.count_result": (
        "Từ sau {start} đến hết {end}: {count} ngày làm việc",
        "After {start} up to {end}: {count} working days",
    ),
    "calendar.span_title": (
        "Ngày nghỉ, ngày làm bù trong khoảng",
        "Days off and make-up days in between",
    ),
    "calendar.days_range": (
        "phải từ −{limit} đến {limit} ngày làm việc",
        "must be from −{limit} to {limit} working days",
    ),
    "calendar.year_range": (
        "phải là một năm từ {first_year} đến {last_year}",
        "must be a year from {first_year} to {last_year}",
    ),
    "calendar.missing": ("không có tệp lịch này", "no such calendar file"),
    "calendar.unreadable": (
        "không đọc được tệp lịch (TOML): {detail}",
        "cannot read the calendar file (TOML): {detail}",
    ),
    "calendar.no_days": (
        "tệp lịch phải là các mục [[days]]",
        "a calendar file holds [[days]] entries",
    ),
    "calendar.entry_unknown": ("khóa không dùng được: {keys}", "keys that mean nothing here: {keys}"),
    "calendar.entry_field": ("thiếu {name}", "{name} is missing"),
    "calendar.entry_date": (
        "date phải là một ngày TOML, ví dụ date = 2026-01-02",
        "date must be a TOML date, e.g. date = 2026-01-02",
    ),
    "calendar.entry_kind": (
        'kind phải là "off" (ngày nghỉ) hoặc "work" (ngày làm việc), không phải {kind}',
        'kind must be "off" (a day off) or "work" (a working day), not {kind}',
    ),
    "calendar.off_on_weekend": (
        "{day} là thứ Bảy hoặc Chủ nhật, vốn đã là ngày nghỉ",
        "{day} is a Saturday or a Sunday, a day off already",
    ),
    "calendar.entry_twice": ("ngày {day} ghi hai lần", "{day} is listed twice"),
    "day_kind.off": ("Nghỉ", "Day off"),
    "day_kind.work": ("Làm việc", "Working day"),
    "day_origin.official": ("Danh mục của chương trình", "The package's list"),
    "day_origin.local": ("Tệp lịch địa phương", "The local calendar file"),
    "day_origin.library": ("Tính theo Bộ luật Lao động", "From the Labour Code"),
    "weekday.1": ("Thứ Hai", "Monday"),
    "weekday.2": ("Thứ Ba", "Tuesday"),
    "weekday.3": ("Thứ Tư", "Wednesday"),
    "weekday.4": ("Thứ Năm", "Thursday"),
    "weekday.5": ("Thứ Sáu", "Friday"),
    "weekday.6": ("Thứ Bảy", "Saturday"),
    "weekday.7": ("Chủ nhật", "Sunday"),
}
