"""At 80 columns every list and report fits, and no name of a person or an organisation is cut (on the sample
city's ward of Trần Phú, :mod:`tests.ward_data`)."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from tests.ward_data import LONG_NAME, build_ward, invoke


@pytest.fixture(scope="module")
def ward(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_ward(tmp_path_factory.mktemp("ward"))


COMMANDS: list[tuple[str, ...]] = [
    ("member", "list", "--org", "TP"),
    ("candidate", "list", "--org", "TP"),
    ("org", "list", "--under", "TP"),
    ("due", "--org", "TP", "--at", "2022-12-31"),
    ("log", "--limit", "30"),
    ("search", "nguyen"),
    ("report", "quota", "--year", "2022", "--org", "MC", "--at", "2022-10-31"),
    ("report", "ageing", "--org", "MC", "--at", "2022-12-31"),
    ("report", "ageing", "--org", "MC", "--by", "base", "--at", "2022-12-31"),
    ("report", "pipeline", "--year", "2022", "--org", "TP"),
    ("report", "outlook", "--org", "MC", "--at", "2022-12-31", "--target", "2025=5000"),
    ("report", "monthly", "--cell", "TP-K1", "--month", "2022-10"),
    ("db", "status"),
]


def width(line: str) -> int:
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in line
    )


def names_in(data: Any) -> set[str]:
    """Every person's and organisation's name in a command's JSON."""
    found: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("full_name", "name", "mentor_name", "author_name", "cell_name") and isinstance(
                value, str
            ):
                found.add(value)
            else:
                found |= names_in(value)
    elif isinstance(data, list):
        for item in data:
            found |= names_in(item)
    return found


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args[:3]))
def test_every_line_fits_80_columns_and_no_name_is_cut(ward: Path, args: tuple[str, ...]) -> None:
    for lang in ("vi", "en"):
        shown = invoke(ward, "--lang", lang, *args).stdout
        too_wide = [line for line in shown.splitlines() if width(line) > 80]
        assert not too_wide, (args, lang, too_wide[:3])
        assert "…" not in shown, args  # nothing cut short
        words = set(re.findall(r"\w+", shown))
        names = names_in(json.loads(invoke(ward, *args, "--format", "json").stdout))
        if args[0] == "report" and args[1] != "monthly":  # a report's table shows codes; its title, a name
            names = {shown.splitlines()[0].split(":")[0]}
        for name in names:
            # a name may wrap at its spaces, never inside a word; a short one stays on one line
            assert all(word in words for word in re.findall(r"\w+", name)), (args, name)
            if width(name) <= 20 and args[0] in ("member", "candidate", "search"):
                assert name in shown, (args, name)


def test_a_long_name_wraps_whole_words(ward: Path) -> None:
    shown = invoke(ward, "member", "list", "--org", "TP-K1").stdout
    assert LONG_NAME not in shown  # longer than its column: it wraps…
    assert all(word in shown.split() for word in LONG_NAME.split())  # …at its spaces


def test_columns_left_out_are_named_and_wide_shows_them(ward: Path) -> None:
    narrow = invoke(ward, "member", "list", "--org", "TP").stdout
    note = [line for line in narrow.splitlines() if line.startswith("Cột không hiện")]
    assert note, narrow[-400:]
    assert "Ngày chính thức" in note[0]
    assert "--wide" in note[0]
    english = invoke(ward, "--lang", "en", "member", "list", "--org", "TP").stdout
    assert any(line.startswith("Columns left out to fit:") for line in english.splitlines())
    wide = invoke(ward, "member", "list", "--org", "TP", "--wide").stdout
    assert "Ngày chính thức" in wide.splitlines()[1] + wide.splitlines()[2] + wide.splitlines()[3]
    assert "Cột không hiện" not in wide
    assert LONG_NAME in wide  # one line a row
    assert max(width(line) for line in wide.splitlines()) > 80


def test_ageing_by_base_keeps_its_flag_on_one_line(ward: Path) -> None:
    shown = invoke(ward, "report", "ageing", "--org", "MC", "--by", "base", "--at", "2022-12-31").stdout
    assert "Già hóa" in shown  # the header, and the flag of an ageing organisation, never split
    assert not any(line.rstrip().endswith("Già") for line in shown.splitlines())


def test_numbers_and_dates_in_vietnamese_tables(ward: Path) -> None:
    quota = invoke(ward, "report", "quota", "--year", "2022", "--org", "MC", "--at", "2022-10-31").stdout
    assert "Đảng bộ thành phố Móng Cái: kết quả thực hiện chỉ tiêu" in quota.splitlines()[0]
    assert "31/10/2022" in quota
    assert "100,0%" in quota
    assert "100.0%" not in quota
    english = invoke(ward, "--lang", "en", "report", "quota", "--year", "2022", "--org", "MC").stdout
    assert re.search(r"\d\.\d%", english)
    assert not re.search(r"\d,\d%", english)
    csv_text = invoke(ward, "report", "quota", "--year", "2022", "--org", "MC", "-f", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert all("," not in (row["percent_of_target"] or "") for row in rows)  # scripts keep raw numbers


def test_candidate_check_fits(ward: Path) -> None:
    candidates = json.loads(invoke(ward, "candidate", "list", "--org", "TP", "--format", "json").stdout)
    proposed = next(c for c in candidates if c["stage"] == "proposed")
    shown = invoke(ward, "candidate", "check", str(proposed["id"])).stdout
    assert shown
    assert all(width(line) <= 80 for line in shown.splitlines())
    assert "…" not in shown
