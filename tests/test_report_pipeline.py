"""The pipeline and outlook reports, on small data built for them (today is pinned to 2024-06-30)."""

from __future__ import annotations

import csv
import io
import math
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.conftest import Run
from tests.pg_server import PostgresServer

ORGS = (
    "code,name,kind,parent,place,population\n"
    "MC,Đảng bộ thành phố Móng Cái,committee,,other,\n"
    "TP,Đảng bộ phường Trần Phú,base,MC,other,5000\n"
    "TP-1,Chi bộ khu 1,cell,TP,residential,10000\n"  # ignored: the ward has its own figure
    "TP-2,Chi bộ khu 2,cell,TP,residential,\n"
    "CQ,Chi bộ cơ quan Thành ủy,base,MC,agency,2000\n"
)
CANDIDATES_HEAD = (
    "full_name,gender,birth_date,cell,source,identified_on,"
    "mentor_assigned_on,trained_on,applied_on,proposed_on\n"
)
# name, cell, source, born, identified, mentor assigned, trained, applied, proposed
CANDIDATES = [
    ("Ứng Viên Một", "TP-1", "youth_union", "2000-05-01", "2023-01-10", "2023-02-09", "2023-04-10",
     "2023-05-10", "2023-06-09"),
    ("Ứng Viên Hai", "TP-1", "youth_union", "1998-01-01", "2023-02-01", "2023-03-13", "2023-05-22",
     "2023-07-11", "2023-08-10"),
    ("Ứng Viên Ba", "TP-2", "militia", "1990-07-01", "2022-11-01", "2023-01-10", "2023-03-11",
     "2023-05-10", ""),
    ("Ứng Viên Bốn", "TP-2", "womens_union", "1970-03-01", "2023-03-01", "2023-04-10", "", "", ""),
    ("Ứng Viên Năm", "TP-2", "womens_union", "1965-12-31", "2023-06-01", "", "", "", ""),
    ("Ứng Viên Sáu", "TP-1", "student", "2006-01-01", "2023-09-01", "", "", "", ""),
    ("Ứng Viên Bảy", "TP-1", "youth_union", "1995-01-01", "2022-01-10", "2022-03-01", "2022-05-01",
     "2022-12-01", "2023-01-20"),
    ("Ứng Viên Tám", "TP-1", "other", "1985-06-15", "2021-05-01", "", "", "", ""),  # nothing in 2023
    ("Ứng Viên Chín", "CQ", "youth_union", "2001-01-01", "2023-01-05", "2023-02-04", "2023-03-06", "", ""),
]  # fmt: skip
ADMISSIONS = [("Ứng Viên Một", "2023-07-09"), ("Ứng Viên Hai", "2023-09-29")]
MEMBERS_HEAD = "citizen_id,full_name,gender,birth_date,cell,admitted_on,left_on,left_reason\n"


def load(run_json: Callable[..., Any], tmp_path: Path, name: str, text: str, entity: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    summary = run_json("import", entity, str(path))
    assert summary["errors"] == 0, summary["problems"]


def members_csv(rows: list[tuple[str, str, str, str]], start: int) -> str:
    """rows: (cell, admitted_on, left_on, left_reason) → an import file with made-up people born in 1980."""
    lines = [MEMBERS_HEAD]
    for i, (cell, admitted, left, reason) in enumerate(rows, start=start):
        lines.append(f"{i:012d},Người Thứ {i},{'MF'[i % 2]},1980-03-15,{cell},{admitted},{left},{reason}\n")
    return "".join(lines)


@pytest.fixture
def funnel(run: Run, run_json: Callable[..., Any], tmp_path: Path) -> None:
    """Candidates of the ward TP in 2023 (and one of CQ); two admitted through the workflow, one imported
    member admitted in CQ."""
    load(run_json, tmp_path, "orgs.csv", ORGS, "orgs")
    lines = [CANDIDATES_HEAD]
    for name, cell, source, born, *dates in CANDIDATES:
        lines.append(f"{name},M,{born},{cell},{source},{','.join(dates)}\n")
    load(run_json, tmp_path, "candidates.csv", "".join(lines), "candidates")
    ids = {c["full_name"]: c["id"] for c in run_json("candidate", "list")}
    for name, decided in ADMISSIONS:
        run_json("admit", str(ids[name]), "--decision", "1", "--decision-date", decided, "--override", "thử")
    load(run_json, tmp_path, "members.csv", members_csv([("CQ", "2023-05-01", "", "")], 900), "members")


def test_the_funnel_of_a_ward(run_json: Callable[..., Any], funnel: None) -> None:
    report = run_json("report", "pipeline", "--year", "2023", "--org", "TP")
    assert [(r["stage"], r["count"], r["rate_from_previous"]) for r in report["rows"]] == [
        ("identified", 5, None),
        ("mentored", 4, 80.0),
        ("trained", 3, 75.0),
        ("applied", 3, 100.0),
        ("proposed", 3, 100.0),
        ("admitted", 2, 66.7),
    ]
    totals = report["totals"]
    assert (totals["admitted_per_trained"], totals["bar"], totals["meets_bar"]) == (66.7, 70.0, False)
    assert (report["year"], report["at"], report["org"]) == (2023, "2023-12-31", "TP")


def test_median_days_in_each_stage(run_json: Callable[..., Any], funnel: None) -> None:
    report = run_json("report", "pipeline", "--year", "2023", "--org", "TP")
    # identified→mentored 30, 40, 70, 40; mentored→trained 60, 70, 60; trained→applied 30, 50, 60;
    # applied→proposed 30, 30, 50 (the last applied in 2022); proposed→admitted 30, 50 (the workflow's)
    assert [
        (m["stage"], m["next_stage"], m["moved_on"], m["median_days"]) for m in report["median_days"]
    ] == [
        ("identified", "mentored", 4, 40.0),
        ("mentored", "trained", 3, 60.0),
        ("trained", "applied", 3, 50.0),
        ("applied", "proposed", 3, 30.0),
        ("proposed", "admitted", 2, 40.0),
    ]
    assert [r["median_days"] for r in report["rows"]] == [40.0, 60.0, 50.0, 30.0, 40.0, None]


def test_candidates_by_source_and_age(run_json: Callable[..., Any], funnel: None) -> None:
    report = run_json("report", "pipeline", "--year", "2023", "--org", "TP")
    by_source = {r["source"]: r for r in report["by_source"]}
    assert by_source["youth_union"] == {
        "source": "youth_union",
        "candidates": 3,
        "identified": 2,
        "mentored": 2,
        "trained": 2,
        "applied": 2,
        "proposed": 3,
        "admitted": 2,
    }
    assert by_source["militia"]["candidates"] == 1
    assert by_source["militia"]["applied"] == 1
    assert (by_source["womens_union"]["candidates"], by_source["womens_union"]["mentored"]) == (2, 1)
    assert by_source["student"]["identified"] == 1
    assert by_source["other"]["candidates"] == 0  # identified in 2021, nothing since
    # ages on 31 December 2023: 23, 25, 28 | 33 | 53, 58 (born on 31 December) | 17
    assert [(r["band"], r["candidates"]) for r in report["by_age_band"]] == [
        ("<18", 1),
        ("18-30", 3),
        ("31-40", 1),
        ("41-50", 0),
        ("51-60", 2),
        ("61-70", 0),
        ("71+", 0),
    ]
    narrow = run_json("report", "pipeline", "--year", "2023", "--org", "TP", "--bands", "30,60")
    assert [(r["band"], r["candidates"]) for r in narrow["by_age_band"]] == [
        ("<18", 1),
        ("18-30", 3),
        ("31-60", 3),
        ("61+", 0),
    ]


def test_the_whole_database_and_an_earlier_day(run_json: Callable[..., Any], funnel: None) -> None:
    everything = run_json("report", "pipeline", "--year", "2023")
    counts = {r["stage"]: r["count"] for r in everything["rows"]}
    assert counts == {
        "identified": 6,
        "mentored": 5,
        "trained": 4,
        "applied": 3,
        "proposed": 3,
        "admitted": 3,  # the imported member of CQ counts, as in the quota report
    }
    assert (everything["totals"]["admitted_per_trained"], everything["totals"]["meets_bar"]) == (75.0, True)
    midyear = run_json("report", "pipeline", "--year", "2023", "--org", "TP", "--at", "2023-06-30")
    counts = {r["stage"]: r["count"] for r in midyear["rows"]}
    assert counts == {
        "identified": 4,
        "mentored": 4,
        "trained": 3,
        "applied": 2,
        "proposed": 2,
        "admitted": 0,
    }
    ages = {r["band"]: r["candidates"] for r in midyear["by_age_band"]}
    assert ages["<18"] == 0
    assert ages["51-60"] == 2
    empty = run_json("report", "pipeline", "--year", "2020", "--org", "TP")
    assert [r["count"] for r in empty["rows"]] == [0] * 6
    assert empty["totals"]["admitted_per_trained"] is None
    assert empty["totals"]["meets_bar"] is None


def test_pipeline_formats(run: Run, funnel: None, tmp_path: Path) -> None:
    args = ("report", "pipeline", "--year", "2023", "--org", "TP")
    rows = list(csv.DictReader(io.StringIO(run(*args, "-f", "csv").stdout)))
    assert [r["stage"] for r in rows] == [
        "identified",
        "mentored",
        "trained",
        "applied",
        "proposed",
        "admitted",
        "admitted_per_trained",
    ]
    assert rows[1]["rate_from_previous"] == "80.0"
    assert rows[-1]["rate_from_previous"] == "66.7"
    markdown = run(*args, "-f", "md").stdout
    assert markdown.startswith(
        "### Phễu phát triển đảng viên năm 2023 (Đảng bộ phường Trần Phú, đến ngày 31/12/2023)"
    )
    assert "| Được giúp đỡ | 4 | 80,0% | 60,0 |" in markdown
    assert "### Quần chúng theo nguồn" in markdown
    assert "| Đoàn viên | 3 |" in markdown
    table = run("--lang", "en", *args).stdout
    assert "Admitted / trained" in table
    assert "Target of admitted / trained" in table
    vi = run(*args).stdout
    assert "Mục tiêu kết nạp / cảm tình Đảng" in vi  # a target, a setting: not the regulation's "yêu cầu"
    assert "yêu cầu" not in vi.lower()
    assert "66.7%" in table
    assert "Candidates by age" in table
    path = tmp_path / "pipeline.xlsx"
    assert run(*args, "-f", "xlsx", "-o", str(path)).exit_code == 0
    sheet = load_workbook(path).active
    assert sheet is not None
    assert sheet["A3"].value == "Đưa vào nguồn"
    refused = run(*args, "-f", "md", "-o", str(path))
    assert refused.exit_code == 1
    assert "--force" in refused.stderr
    assert run(*args, "-f", "md", "-o", str(path), "--force").exit_code == 0
    assert "### Quần chúng theo độ tuổi" in path.read_text(encoding="utf-8")


def test_pipeline_refuses_a_day_outside_the_year(run: Run, funnel: None) -> None:
    result = run("--lang", "en", "report", "pipeline", "--year", "2023", "--at", "2024-01-01")
    assert result.exit_code == 1
    assert "'2024-01-01': must fall in 2023" in result.stderr


# --- the outlook ------------------------------------------------------------------------------------

LEAVERS = {2019: 2, 2020: 3, 2021: 1, 2022: 4, 2023: 5}
JOINERS = {2019: 10, 2020: 12, 2021: 8, 2022: 14, 2023: 11}


@pytest.fixture
def history(run_json: Callable[..., Any], tmp_path: Path) -> None:
    """The ward: 100 members since 2010, then the yearly joiners and leavers above (the first leaver on 31
    December 2019), and in 2024 three joiners and one leaver; 20 members in CQ outside the ward."""
    load(run_json, tmp_path, "orgs.csv", ORGS, "orgs")
    rows: list[tuple[str, str, str, str]] = []
    leaving = [f"{year}-07-01" for year, n in LEAVERS.items() for _ in range(n)]
    leaving[0] = "2019-12-31"
    leaving.append("2024-02-01")
    for index in range(100):
        left = leaving[index] if index < len(leaving) else ""
        rows.append(("TP-1", "2010-01-01", left, "transfer" if left else ""))
    for year, n in JOINERS.items():
        rows += [("TP-2", f"{year}-01-01" if i == 0 else f"{year}-06-15", "", "") for i in range(n)]
    rows += [("TP-2", "2024-03-01", "", "")] * 3
    rows += [("CQ", "2015-05-01", "", "")] * 20
    load(run_json, tmp_path, "members.csv", members_csv(rows, 1), "members")


def test_outlook_history_and_members_now(run_json: Callable[..., Any], history: None) -> None:
    report = run_json("report", "outlook", "--org", "TP")
    assert [tuple(r.values())[:6] for r in report["rows"]] == [
        # year, members_at_start, admitted, left, net, members_at_end
        (2019, 100, 10, 2, 8, 108),
        (2020, 108, 12, 3, 9, 117),
        (2021, 117, 8, 1, 7, 124),
        (2022, 124, 14, 4, 10, 134),
        (2023, 134, 11, 5, 6, 140),
    ]
    # "Giảm", broken down by reason (every leaver of this history transferred out)
    assert report["rows"][0]["left_by_reason"] == {
        "transfer": 2,
        "death": 0,
        "removal": 0,
        "expulsion": 0,
        "resignation": 0,
    }
    totals = report["totals"]
    assert totals["left_by_reason"]["transfer"] == 15
    assert sum(totals["left_by_reason"].values()) == totals["left"]
    assert (totals["admitted"], totals["left"], totals["net"]) == (55, 15, 40)
    assert (totals["members_now"], totals["population"], totals["share_of_population"]) == (142, 5000, 2.8)
    assert (totals["average_net_growth"], totals["leaving_rate"]) == (8.0, 2.6)  # 15 / 583
    assert report["at"] == "2024-06-30"
    assert report["targets"] == []
    three = run_json("report", "outlook", "--org", "TP", "--years", "3", "--at", "2023-12-31")
    assert [r["year"] for r in three["rows"]] == [2020, 2021, 2022]
    assert three["totals"]["members_now"] == 140


def test_outlook_names_the_decrease_and_breaks_it_down(run: Callable[..., Any], history: None) -> None:
    table = run("report", "outlook", "--org", "TP").stdout
    assert "Giảm" in table
    assert "Ra khỏi Đảng" not in table
    assert "Giảm theo lý do" in table
    for reason in ("Chuyển đi", "Từ trần", "Xóa tên", "Khai trừ", "Xin ra khỏi Đảng"):
        assert reason in table, reason
    markdown = run("report", "outlook", "--org", "TP", "-f", "md").stdout
    assert "### Giảm theo lý do" in markdown


def test_outlook_projections_and_needed_admissions(run_json: Callable[..., Any], history: None) -> None:
    report = run_json(
        "report",
        "outlook",
        "--org",
        "TP",
        "--target",
        "2030=300",
        "--target",
        "2025=160",
        "--population-share",
        "4.5",
    )
    totals = report["totals"]
    assert (totals["population_share_target"], totals["members_for_share"]) == (4.5, 225)
    rate, now = 15 / 583, 142

    def needed(target: int, years: float) -> int:
        kept: float = (1 - rate) ** years
        return math.ceil((target - now * kept) * rate / (1 - kept))

    first, second = report["targets"]  # sorted by year
    years_2025 = 549 / 365.25  # 30 June 2024 → 31 December 2025
    assert first == {
        "target_year": 2025,
        "target_members": 160,
        "years_left": 1.5,
        "projected_members": 154,  # 142 + 8 × 1.503
        "projected_share_of_population": 3.1,
        "needed_admissions_per_year": 16,
        "needed_admissions_for_share_per_year": 60,
        "on_track": False,
    }
    assert first["needed_admissions_per_year"] == needed(160, years_2025)
    assert first["needed_admissions_for_share_per_year"] == needed(225, years_2025)
    assert (second["target_year"], second["years_left"], second["projected_members"]) == (2030, 6.5, 194)
    assert second["projected_share_of_population"] == 3.9
    assert (second["needed_admissions_per_year"], second["needed_admissions_for_share_per_year"]) == (30, 18)
    assert second["needed_admissions_per_year"] == needed(300, 2375 / 365.25)
    reachable = run_json("report", "outlook", "--org", "TP", "--target", "2025=150")["targets"][0]
    assert (reachable["projected_members"], reachable["on_track"]) == (154, True)
    assert reachable["needed_admissions_for_share_per_year"] is None
    met = run_json("report", "outlook", "--org", "TP", "--target", "2025=100")["targets"][0]
    assert met["needed_admissions_per_year"] == 0  # already above: nothing more needed


def test_outlook_of_the_whole_city(run_json: Callable[..., Any], history: None) -> None:
    city = run_json("report", "outlook", "--org", "MC")
    assert city["totals"]["population"] == 7000  # the ward's own 5000 (not its cell's) + CQ's 2000
    assert city["totals"]["members_now"] == 162
    assert city["rows"][0]["members_at_start"] == 120
    everything = run_json("report", "outlook")
    assert everything["totals"] == city["totals"]


@pytest.mark.parametrize("bad", ["2025:5000", "2025=", "abc", "25=5000", "2025=5000=1"])
def test_a_bad_target_is_refused(run: Run, history: None, bad: str) -> None:
    result = run("--lang", "en", "report", "outlook", "--target", bad)
    assert result.exit_code == 1
    assert result.stderr.strip().endswith(f"'{bad}': must read YEAR=MEMBERS, e.g. 2025=5000")
    assert result.stdout == ""


def test_a_past_target_and_bad_options_are_refused(run: Run, history: None) -> None:
    past = run("--lang", "en", "report", "outlook", "--target", "2020=100")
    assert past.exit_code == 1
    assert "the target year is past (before 2024)" in past.stderr
    share = run("--lang", "en", "report", "outlook", "--population-share", "0")
    assert share.exit_code == 1
    assert "must be above 0 and at most 100" in share.stderr
    vi = run("report", "outlook", "--target", "x")
    assert vi.exit_code == 1
    assert "phải có dạng NĂM=SỐ ĐẢNG VIÊN" in vi.stderr


def test_outlook_formats(run: Run, history: None, tmp_path: Path) -> None:
    args = ("report", "outlook", "--org", "TP", "--target", "2025=160", "--population-share", "4.5")
    rows = list(csv.DictReader(io.StringIO(run(*args, "-f", "csv").stdout)))
    assert list(rows[0]) == ["year", "members_at_start", "admitted", "left", "net", "members_at_end"]
    assert rows[0] == {
        "year": "2019",
        "members_at_start": "100",
        "admitted": "10",
        "left": "2",
        "net": "8",
        "members_at_end": "108",
    }
    assert rows[-1]["year"] == "TOTAL"
    assert rows[-1]["net"] == "40"
    markdown = run(*args, "-f", "md").stdout
    assert markdown.startswith(
        "### Triển vọng phát triển đảng viên (Đảng bộ phường Trần Phú, ngày 30/06/2024)"
    )
    assert "| 2023 | 134 | 11 | 5 | 6 | 140 |" in markdown
    assert "| 2025 | 160 | 1,5 | 154 | 3,1% | 16 | 60 | Chưa đạt |" in markdown
    table = run("--lang", "en", *args).stdout
    assert "142 members now" in table
    assert "Behind" in table
    path = tmp_path / "outlook.xlsx"
    assert run(*args, "-f", "xlsx", "-o", str(path)).exit_code == 0
    assert load_workbook(path).active is not None


# --- the same on PostgreSQL ---------------------------------------------------------------------------


@pytest.fixture
def on_postgres(pg_server: PostgresServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """The test's database is a new one on the module's server (requested before the data fixtures)."""
    monkeypatch.setenv("DANGVIEN_DB", pg_server.url(pg_server.create_database()))


@pytest.mark.postgres
@pytest.mark.slow
def test_pipeline_on_postgres(on_postgres: None, run_json: Callable[..., Any], funnel: None) -> None:
    assert os.environ["DANGVIEN_DB"].startswith("postgresql")
    report = run_json("report", "pipeline", "--year", "2023", "--org", "TP")
    assert [r["count"] for r in report["rows"]] == [5, 4, 3, 3, 3, 2]
    assert [m["median_days"] for m in report["median_days"]] == [40.0, 60.0, 50.0, 30.0, 40.0]
    assert [r["candidates"] for r in report["by_age_band"]] == [1, 3, 1, 0, 2, 0, 0]


@pytest.mark.postgres
@pytest.mark.slow
def test_outlook_on_postgres(on_postgres: None, run_json: Callable[..., Any], history: None) -> None:
    report = run_json("report", "outlook", "--org", "TP", "--target", "2025=160")
    assert [r["net"] for r in report["rows"]] == [8, 9, 7, 10, 6]
    assert report["totals"]["members_now"] == 142
    assert report["targets"][0]["needed_admissions_per_year"] == 16
