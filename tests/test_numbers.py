"""Numbers and dates in the run's language, and one half-up rounding for every format."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from dangvien_cli.messages import nt, t
from dangvien_cli.messages.numbers import day, decimal, integer, month, param, percent, round_half_up
from dangvien_cli.reports.figures import percent as percent_of
from dangvien_cli.reports.figures import whole


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (6.25, 6.3),  # Python's round() gives 6.2 (banker's rounding on the binary value)
        (Fraction(100, 16), 6.3),  # 1/16 as a percentage
        (0.05, 0.1),
        (-0.45, -0.5),  # halves away from zero, as Excel's ROUND
        (107.69, 107.7),
        (1.005, 1.0),
        (Decimal("2.25"), 2.3),
        (7, 7.0),
    ],
)
def test_half_up(value: float | Fraction | Decimal, expected: float) -> None:
    assert round_half_up(value) == expected


def test_half_up_reads_a_float_as_written() -> None:
    assert round_half_up(1.005, 2) == 1.01  # its binary value is a hair below 1.005
    assert round_half_up(2.5, 0) == 3.0
    assert whole(2.5) == 3
    assert whole(Fraction(379, 2)) == 190


def test_a_report_percentage_is_half_up_in_every_format() -> None:
    assert percent_of(1, 16) == 6.3  # round(6.25, 1) would say 6.2
    assert percent_of(14, 13) == 107.7
    assert percent_of(3, 0) is None
    assert percent(percent_of(1, 16) or 0, "vi") == "6,3%"


@pytest.mark.parametrize(
    ("lang", "figure", "fraction", "share"),
    [("vi", "4.354", "44,1", "107,7%"), ("en", "4,354", "44.1", "107.7%")],
)
def test_separators(lang: str, figure: str, fraction: str, share: str) -> None:
    assert integer(4354, lang) == figure
    assert decimal(44.05, lang) == fraction
    assert percent(107.69, lang) == share
    assert integer(1234567, lang) == ("1.234.567" if lang == "vi" else "1,234,567")
    assert decimal(-1234.56, lang) == ("-1.234,6" if lang == "vi" else "-1,234.6")
    assert integer(3784, lang, group=False) == "3784"


def test_dates_and_months_read_day_first_in_both_languages() -> None:
    assert day(date(2022, 10, 31), "vi") == day(date(2022, 10, 31), "en") == "31/10/2022"
    assert month(date(2022, 10, 1)) == "10/2022"
    assert day(date(2022, 3, 5)) == "05/03/2022"


def test_a_message_writes_its_parameters_in_its_language() -> None:
    assert t("date.before", "vi", other=date(2022, 10, 20), other_field="ngày").endswith("20/10/2022")
    assert t("date.before", "en", other=date(2022, 10, 20), other_field="date").startswith(
        "is before 20/10/2022"
    )
    # counts grouped, IDs and years as they are
    assert param("count", 4354, "vi") == "4.354"
    assert param("count", 4354, "en") == "4,354"
    assert param("count", 12, "vi") == 12
    assert param("id", 12345, "vi") == 12345
    assert param("member_id", 12345, "vi") == 12345
    assert param("year", 2022, "vi") == 2022
    assert param("rate", 4.5, "vi") == "4,5"
    assert param("rate", 4.5, "en") == "4.5"
    assert param("flag", True, "vi") is True
    assert param("text", "2022-10-31", "vi") == "2022-10-31"  # text is never rewritten


def test_counted_messages_format_their_count() -> None:
    assert "4.354" in nt("export.written", 4354, "vi", rows=4354, path="x.csv")
    assert "4,354" in nt("export.written", 4354, "en", rows=4354, path="x.csv")


def test_errors_name_the_other_date_day_first(run, city) -> None:
    result = run(
        "member", "add", "--name", "Nguyễn Văn An", "--gender", "M", "--birth", "1970-01-01",
        "--cell", "HP", "--admitted", "2000-05-19", "--official", "1999-01-01",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "19/05/2000" in result.stderr
    assert "2000-05-19" not in result.stderr


def test_json_keeps_raw_numbers_and_iso_dates(run_json, city) -> None:
    run_json("quota", "set", "MC", "--year", "2024", "--target", "16")
    report = run_json("report", "quota", "--year", "2024", "--org", "MC", "--at", "2024-06-30")
    assert report["at"] == "2024-06-30"
    assert isinstance(report["totals"]["target"], int)
    assert json.dumps(report).count("30/06/2024") == 0


def test_ratio_in_whole_numbers_rounds_as_the_fraction_does() -> None:
    """``ratio`` (reports' percentages without building a Fraction) gives the figure of
    ``round_half_up(Fraction(n, d))`` exactly: halves away from zero, and -0.0 as Decimal gives it."""
    from dangvien_cli.reports.figures import ratio

    cases = [(n, d) for d in range(1, 130) for n in range(-260, 261)]
    cases += [(n * 100, d) for n, d in ((1, 3), (2, 3), (5, 8), (1, 7), (7_333, 10_000), (6_000_000, 59_999))]
    cases += [(-1, 30), (1, -30), (0, -5), (10**15 + 5, 10**16)]
    for n, d in cases:
        expected = round_half_up(Fraction(n, d))
        got = ratio(n, d)
        assert got == expected, (n, d)
        assert str(got) == str(expected), (n, d)  # -0.0 stays -0.0
