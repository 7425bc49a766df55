"""The calendar of working days: the official schedules of 2023-2026 pinned from their documents (not from the
``holidays`` library), the deadlines they give, a local file on top, and ``dangvien calendar``."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from dangvien_cli.domain.calendar import DayKind, Origin, load_calendar, parse_days
from dangvien_cli.domain.settings import calendar_of, load_settings
from dangvien_cli.domain.workdays import add_working_days, is_working_day, working_days_between
from dangvien_cli.errors import InvalidValue
from tests.conftest import Run

D = date

# Each year's weekdays not worked and days worked, typed from the government's documents (not the library).
OFFICIAL_OFF: dict[int, list[date]] = {
    2023: [
        D(2023, 1, 2),  # 1/1 a Sunday: nghỉ bù (Labour Code 2019, Art. 111.3)
        *(D(2023, 1, d) for d in (20, 23, 24, 25, 26)),  # 8056/VPCP-KGVX of 01/12/2022: 20/1 to 26/1
        D(2023, 5, 1),
        D(2023, 5, 2),  # Hùng Kings' day was Sat 29/4: nghỉ bù
        D(2023, 5, 3),  # 30/4 was a Sunday: nghỉ bù
        D(2023, 9, 1),  # 8056/VPCP-KGVX: 1/9 to 4/9/2023
        D(2023, 9, 4),
    ],
    2024: [
        D(2024, 1, 1),
        *(D(2024, 2, d) for d in (8, 9, 12, 13, 14)),  # 8662/VPCP-KGVX, 5015/TB-LĐTBXH: 8/2 to 14/2
        D(2024, 4, 18),  # Hùng Kings' day
        D(2024, 4, 29),  # 2450/VPCP-KGVX of 12/4/2024: swapped with Sat 4/5
        D(2024, 4, 30),
        D(2024, 5, 1),
        D(2024, 9, 2),  # 8662/VPCP-KGVX: 31/8 to 3/9/2024
        D(2024, 9, 3),
    ],
    2025: [
        D(2025, 1, 1),
        *(D(2025, 1, d) for d in (27, 28, 29, 30, 31)),  # 8726/VPCP-KGVX, 6150/TB-BLĐTBXH: 25/1 to 2/2
        D(2025, 4, 7),  # Hùng Kings' day
        D(2025, 4, 30),
        D(2025, 5, 1),
        D(2025, 5, 2),  # swapped with Sat 26/4
        D(2025, 9, 1),  # 30/8 to 2/9/2025
        D(2025, 9, 2),
    ],
    2026: [
        D(2026, 1, 1),
        D(2026, 1, 2),  # 12729/VPCP-KGVX of 25/12/2025: swapped with Sat 10/1
        *(D(2026, 2, d) for d in (16, 17, 18, 19, 20)),  # Tết Bính Ngọ: 14/2 to 22/2/2026
        D(2026, 4, 27),  # Hùng Kings' day was Sun 26/4: nghỉ bù
        D(2026, 4, 30),
        D(2026, 5, 1),
        D(2026, 8, 31),  # swapped with Sat 22/8; National Day 29/8 to 2/9/2026
        D(2026, 9, 1),
        D(2026, 9, 2),
    ],
}
OFFICIAL_WORKED: dict[int, list[date]] = {
    2023: [],
    2024: [D(2024, 5, 4)],
    2025: [D(2025, 4, 26)],
    2026: [D(2026, 1, 10), D(2026, 8, 22), D(2026, 11, 24)],  # 24/11: no text gives it off in 2026
}


def year_days(year: int) -> list[date]:
    first = D(year, 1, 1)
    return [first + timedelta(n) for n in range((D(year, 12, 31) - first).days + 1)]


@pytest.mark.parametrize("year", [2023, 2024, 2025, 2026])
def test_the_official_schedule_of_each_checked_year(year: int) -> None:
    calendar = load_calendar()
    listed = calendar.listed(year)
    assert calendar.is_verified(year)
    assert [d.day for d in listed if d.kind is DayKind.off] == OFFICIAL_OFF[year]
    assert [d.day for d in listed if d.kind is DayKind.work] == OFFICIAL_WORKED[year]
    off, worked = set(OFFICIAL_OFF[year]), set(OFFICIAL_WORKED[year])
    expected = [d for d in year_days(year) if d in worked or (d.weekday() < 5 and d not in off)]
    assert [d for d in year_days(year) if is_working_day(d)] == expected


def test_every_official_day_names_its_document() -> None:
    calendar = load_calendar()
    for year in range(2023, 2027):
        for day in calendar.listed(year):
            assert day.origin is Origin.official
            assert day.name
            assert day.name_en
            assert day.source
            assert "(confirm)" not in day.source
            assert (
                ("Bộ luật Lao động" in day.source)
                or ("VPCP" in day.source)
                or ("Văn phòng" in day.source)
                or ("Nghị quyết" in day.source)
            )


def test_2026_differs_from_the_library_where_the_documents_say() -> None:
    import holidays

    library = holidays.country_holidays("VN", years=2026)
    # The library has neither the New Year swap nor a source for 24/11.
    assert library.is_working_day(D(2026, 1, 2))
    assert not is_working_day(D(2026, 1, 2))
    assert not library.is_working_day(D(2026, 1, 10))
    assert is_working_day(D(2026, 1, 10))
    assert not library.is_working_day(D(2026, 11, 24))
    assert is_working_day(D(2026, 11, 24))


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (D(2025, 12, 29), 3, D(2026, 1, 5)),
        (D(2025, 12, 19), 10, D(2026, 1, 6)),
        (D(2025, 11, 24), 30, D(2026, 1, 7)),
    ],
)
def test_the_deadlines_the_issue_names(start: date, days: int, due: date) -> None:
    assert add_working_days(start, days) == due
    assert working_days_between(start, due) == days
    assert add_working_days(due, -days) == start


def test_counting_back() -> None:
    assert add_working_days(D(2026, 1, 5), -1) == D(2025, 12, 31)
    assert add_working_days(D(2026, 1, 12), -1) == D(2026, 1, 10)  # the make-up Saturday
    assert add_working_days(D(2026, 1, 11), -1) == D(2026, 1, 10)  # from a Sunday: the day before counts
    assert add_working_days(D(2023, 1, 27), -1) == D(2023, 1, 19)  # across Tết
    assert add_working_days(D(2024, 1, 2), -2) == D(2023, 12, 28)  # across a year


# --- a local file ----------------------------------------------------------------------------------------


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


LOCAL = """
[[days]]
date = 2026-01-05
kind = "off"
name = "Ngày nghỉ của tỉnh"
source = "Quyết định 1/QĐ-UBND"

[[days]]
date = 2026-11-24
kind = "off"
name = "Ngày Văn hóa Việt Nam"
name_en = "Vietnamese Culture Day"
source = "Văn bản địa phương"
"""


def test_a_local_file_named_in_the_settings_adds_its_days(tmp_path: Path) -> None:
    write(tmp_path / "local.toml", LOCAL)
    settings = load_settings(write(tmp_path / "settings.toml", '[calendar]\nextra = "local.toml"\n'))
    calendar = calendar_of(settings)
    assert settings.calendar_extra == str((tmp_path / "local.toml").resolve())
    assert add_working_days(D(2025, 12, 29), 3, calendar) == D(2026, 1, 6)
    assert not is_working_day(D(2026, 11, 24), calendar)
    assert is_working_day(D(2026, 11, 24))  # the official calendar is untouched
    local = [d for d in calendar.listed(2026) if d.origin is Origin.local]
    assert [(d.day, d.name_en) for d in local] == [
        (D(2026, 1, 5), "Ngày nghỉ của tỉnh"),
        (D(2026, 11, 24), "Vietnamese Culture Day"),
    ]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[[days]]\ndate = 2026-01-03\nkind = "off"\nname = "x"\nsource = "y"\n', "calendar.off_on_weekend"),
        ('[[days]]\ndate = 2026-01-05\nkind = "holiday"\nname = "x"\nsource = "y"\n', "calendar.entry_kind"),
        ('[[days]]\ndate = "5/1/2026"\nkind = "off"\nname = "x"\nsource = "y"\n', "calendar.entry_date"),
        ('[[days]]\ndate = 2026-01-05\nkind = "off"\nname = "x"\n', "calendar.entry_field"),
        (
            '[[days]]\ndate = 2026-01-05\nkind = "off"\nname = "x"\nsource = "y"\nnote = 1\n',
            "calendar.entry_unknown",
        ),
        (
            '[[days]]\ndate = 2026-01-05\nkind = "off"\nname = "x"\nsource = "y"\n' * 2,
            "calendar.entry_twice",
        ),
    ],
)
def test_a_wrong_entry_is_refused_with_its_place(text: str, key: str) -> None:
    import tomllib

    with pytest.raises(InvalidValue) as caught:
        parse_days(tomllib.loads(text), "local.toml", Origin.local)
    assert caught.value.key == key
    assert str(caught.value.value).startswith("local.toml [[days]] #")


def test_a_missing_or_broken_local_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidValue) as caught:
        load_calendar(str(tmp_path / "none.toml"))
    assert caught.value.key == "calendar.missing"
    with pytest.raises(InvalidValue) as caught:
        load_calendar(str(write(tmp_path / "bad.toml", "[[days]\n")))
    assert caught.value.key == "calendar.unreadable"
    with pytest.raises(InvalidValue) as caught:
        load_settings(write(tmp_path / "settings.toml", '[calendar]\nfile = "x.toml"\n'))
    assert caught.value.key == "settings.unknown"


# --- the command -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "printed"),
    [
        ("2025-12-29", "3", "05/01/2026"),
        ("2025-12-19", "10", "06/01/2026"),
        ("2025-11-24", "30", "07/01/2026"),
    ],
)
def test_calendar_add_prints_the_date(run: Run, start: str, days: str, printed: str) -> None:
    result = run("calendar", "add", start, days)
    assert result.exit_code == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.endswith(f"= {printed}")
    assert f"+ {days} ngày làm việc" in first


def test_calendar_add_json_and_counting_back(run: Run) -> None:
    result = run("calendar", "add", "2026-01-07", "-30", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["start"], data["working_days"], data["date"]) == ("2026-01-07", -30, "2025-11-24")
    assert [d["date"] for d in data["listed_days"]] == ["2026-01-01", "2026-01-02"]
    english = run("--lang", "en", "calendar", "add", "07/01/2026", "-30")
    assert english.stdout.splitlines()[0] == "07/01/2026 − 30 working days = 24/11/2025"


def test_calendar_count(run: Run) -> None:
    result = run("calendar", "count", "24/11/2025", "07/01/2026", "--format", "json")
    assert json.loads(result.stdout)["working_days"] == 30
    backwards = run("calendar", "count", "2026-01-07", "2025-11-24", "--format", "json")
    assert json.loads(backwards.stdout)["working_days"] == -30
    table = run("calendar", "count", "2025-11-24", "2026-01-07")
    assert table.stdout.splitlines()[0] == "Từ sau 24/11/2025 đến hết 07/01/2026: 30 ngày làm việc"


def test_calendar_days_off_lists_the_swapped_day_with_its_source(run: Run) -> None:
    rows = json.loads(run("calendar", "days-off", "2026", "--format", "json").stdout)
    day = next(r for r in rows if r["date"] == "2026-01-02")
    assert day["kind"] == "off"
    assert day["weekday"] == 5
    assert day["source"].startswith("Văn bản 12729/VPCP-KGVX ngày 25/12/2025")
    assert day["origin"] == "official"
    assert [r["date"] for r in rows if r["kind"] == "work"] == ["2026-01-10", "2026-08-22", "2026-11-24"]
    table = run("calendar", "days-off", "2026")
    assert "02/01/2026" in table.stdout
    assert "12729/VPCP-KGVX" in table.stdout
    assert "đã đối chiếu văn bản" in table.stdout


def test_calendar_in_vietnamese_has_no_english_words(run: Run) -> None:
    outputs = [
        run("calendar", "days-off", "2026").stdout,
        run("calendar", "days-off", "2030").stdout,
        run("calendar", "add", "2025-12-29", "3").stdout,
        run("calendar", "count", "2025-11-24", "2026-01-07").stdout,
    ]
    for text in outputs:
        for word in ("Day off", "Working day", "Monday", "Friday", "Source", "Name", "Weekday", "observed"):
            assert word not in text


def test_calendar_uses_the_local_file_of_the_settings(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "local.toml", LOCAL)
    monkeypatch.setenv(
        "DANGVIEN_SETTINGS", str(write(tmp_path / "s.toml", '[calendar]\nextra = "local.toml"\n'))
    )
    result = run("calendar", "add", "2025-12-29", "3")
    assert result.stdout.splitlines()[0].endswith("= 06/01/2026")
    rows = json.loads(run("calendar", "days-off", "2026", "--format", "json").stdout)
    assert {r["date"]: r["origin"] for r in rows}["2026-11-24"] == "local"


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("calendar", "days-off", "3000"), "Năm '3000'"),
        (("calendar", "add", "2025-13-01", "3"), "'2025-13-01'"),
        (("calendar", "add", "2025-12-01", "99999"), "'99999'"),
        (("calendar", "count", "2025-12-01", "hôm qua"), "'hôm qua'"),
    ],
)
def test_bad_input_is_one_line(run: Run, args: tuple[str, ...], field: str) -> None:
    result = run(*args)
    assert result.exit_code != 0
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert field in result.stderr
