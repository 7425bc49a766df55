"""At 80 columns every list and report fits, and no name of a person or an organisation is cut.

The data is the sample city's ward of Trần Phú (its cells, members and candidates, the people they name), with
a member whose name is longer than any column, loaded once for the module."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from dangvien_cli.cli.app import app

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "moncai"
LONG_NAME = "Hoàng Phủ Nguyễn Thị Thanh Hương Giang Xuân"

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
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line
    )


@pytest.fixture(scope="module")
def ward(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A database of the ward: every organisation of the city, the ward's members and candidates."""
    folder = tmp_path_factory.mktemp("ward")
    candidates = [r for r in _rows("candidates") if r["cell"].startswith("TP")]
    named = {r[k] for r in candidates for k in ("mentor", "introducer_1", "introducer_2") if r[k]}
    members = [r for r in _rows("members") if r["cell"].startswith("TP") or r["citizen_id"] in named]
    members.append({**members[0], "citizen_id": "022199999999", "full_name": LONG_NAME, "cell": "TP-K1"})
    _write(folder / "members.csv", members)
    _write(folder / "candidates.csv", candidates)
    db = folder / "ward.db"
    runner = CliRunner()
    for entity, path in [
        ("orgs", SAMPLE / "orgs.csv"),
        ("members", folder / "members.csv"),
        ("candidates", folder / "candidates.csv"),
        ("quotas", SAMPLE / "quotas.csv"),
    ]:
        result = runner.invoke(app, ["--db", str(db), "import", entity, str(path)], env=_env(), catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
    yield db


def _rows(name: str) -> list[dict[str, str]]:
    with (SAMPLE / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _env(columns: int = 80) -> dict[str, str]:
    return {
        "DANGVIEN_TODAY": "2022-12-31",
        "DANGVIEN_SETTINGS": "/nonexistent/dangvien-settings.toml",
        "COLUMNS": str(columns),
        "NO_COLOR": "1",
        "TERM": "dumb",
    }


def invoke(db: Path, *args: str, columns: int = 80) -> Result:
    result = CliRunner().invoke(app, ["--db", str(db), *args], env=_env(columns), catch_exceptions=False)
    assert result.exit_code in (0, 1), result.stderr  # candidate check fails a rule with 1
    return result


def names_in(data: Any) -> set[str]:
    """Every person's and organisation's name in a command's JSON."""
    found: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("full_name", "name", "mentor_name", "author_name", "cell_name") and isinstance(value, str):
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
    assert "Ngày chính thức" in note[0] and "--wide" in note[0]
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
    assert "100,0%" in quota and "100.0%" not in quota
    english = invoke(ward, "--lang", "en", "report", "quota", "--year", "2022", "--org", "MC").stdout
    assert re.search(r"\d\.\d%", english) and not re.search(r"\d,\d%", english)
    csv_text = invoke(ward, "report", "quota", "--year", "2022", "--org", "MC", "-f", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert all("," not in (row["percent_of_target"] or "") for row in rows)  # scripts keep raw numbers


def test_candidate_check_fits(ward: Path) -> None:
    candidates = json.loads(invoke(ward, "candidate", "list", "--org", "TP", "--format", "json").stdout)
    proposed = next(c for c in candidates if c["stage"] == "proposed")
    shown = invoke(ward, "candidate", "check", str(proposed["id"])).stdout
    assert shown and all(width(line) <= 80 for line in shown.splitlines())
    assert "…" not in shown
