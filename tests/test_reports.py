"""Quota and ageing reports, on data shaped like the article's (Móng Cái, 2022)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

HEAD = "citizen_id,full_name,gender,birth_date,cell,admitted_on,official_on\n"


def members_csv(rows: list[tuple[str, str, str, str]], start: int) -> str:
    """rows: (cell, admitted_on, birth_date, gender) → an import file with made-up people."""
    lines = [HEAD]
    for i, (cell, admitted, born, gender) in enumerate(rows, start=start):
        lines.append(f"{i:012d},Người Thứ {i},{gender},{born},{cell},{admitted},\n")
    return "".join(lines)


def load(run_json, tmp_path: Path, name: str, text: str, entity: str = "members") -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    summary = run_json("import", entity, str(path))
    assert summary["errors"] == 0, summary["problems"]


@pytest.fixture
def article(run, run_json, tmp_path):
    """The city (plan 169, stretch 248, residential 70; 196 admitted in 2022, 98 in residential cells) and
    the ward Trần Phú (target 13; 219 members on 1 January; 14 admitted by 31 October)."""
    orgs = (
        "code,name,kind,parent,place\n"
        "MC,Đảng bộ thành phố Móng Cái,committee,,other\n"
        "TP,Đảng bộ phường Trần Phú,base,MC,other\n"
        "TP-1,Chi bộ khu 1,cell,TP,residential\n"
        "TP-2,Chi bộ khu 2,cell,TP,residential\n"
        "DN,Đảng bộ Doanh nghiệp,base,MC,private_enterprise\n"
        "DN-1,Chi bộ Công ty A,cell,DN,private_enterprise\n"
        "HH,Đảng bộ xã Hải Hòa,base,MC,other\n"
        "HH-1,Chi bộ thôn 1,cell,HH,residential\n"
    )
    load(run_json, tmp_path, "orgs.csv", orgs, "orgs")
    rows: list[tuple[str, str, str, str]] = []
    rows += [
        ("TP-1" if i % 2 else "TP-2", "2010-05-19", f"{1940 + i % 50}-03-15", "MF"[i % 2]) for i in range(219)
    ]
    rows += [("TP-1", f"2022-{1 + i % 10:02d}-10", "1998-06-01", "F") for i in range(14)]  # by 31 October
    rows += [("TP-2", "2022-11-15", "1999-06-01", "M")]  # after the report date
    rows += [("HH-1", "2022-06-01", "1995-01-01", "M") for _ in range(98 - 14)]  # residential, the rest
    rows += [("DN-1", "2022-07-01", "1990-01-01", "F") for _ in range(98)]  # not residential
    rows += [("DN-1", "2021-07-01", "1990-01-01", "F") for _ in range(20)]  # last year
    load(run_json, tmp_path, "members.csv", members_csv(rows, 1))
    quotas = (
        "org,year,target,residential_target,stretch_target,milestones\n"
        "MC,2022,169,70,248,2022-06=80; 2022-09=150\n"
        "TP,2022,13,,,\n"
    )
    load(run_json, tmp_path, "quotas.csv", quotas, "quotas")


def test_the_ward_figures(run_json, article):
    report = run_json("report", "quota", "--year", "2022", "--org", "TP", "--at", "2022-10-31")
    ward = report["totals"]
    assert ward["org"] == "TP"
    assert (ward["target"], ward["admitted"], ward["members_at_start"]) == (13, 14, 219)
    assert ward["percent_of_target"] == 107.7
    assert ward["over_by"] == 1
    assert ward["percent_of_members"] == 6.4


def test_the_city_figures(run_json, article):
    report = run_json("report", "quota", "--year", "2022", "--org", "MC", "--at", "2022-12-31")
    city = report["totals"]
    assert (city["target"], city["admitted"], city["residential_admitted"]) == (169, 197, 99)
    # the article's 196 / 98: the report as of the day before the November admission in a residential cell
    report = run_json("report", "quota", "--year", "2022", "--org", "MC", "--at", "2022-11-14")
    city = report["totals"]
    assert (city["admitted"], city["residential_admitted"]) == (196, 98)
    assert city["percent_of_target"] == 116.0
    assert city["percent_of_stretch"] == 79.0
    assert city["percent_of_residential"] == 140.0
    assert city["milestone_status"] == "ahead"  # 196 against 150 due by September
    assert (city["bases"], city["bases_admitting"], city["percent_bases_admitting"]) == (3, 3, 100.0)
    by_org = {r["org"]: r for r in report["rows"]}
    assert set(by_org) == {"TP", "DN", "HH"}
    assert by_org["DN"]["admitted"] == 98
    assert by_org["DN"]["last_year_same_period"] == 20
    assert by_org["DN"]["target"] is None
    assert by_org["DN"]["percent_of_target"] is None


def test_milestones_and_projection(run_json, article):
    midyear = run_json("report", "quota", "--year", "2022", "--org", "MC", "--at", "2022-06-30")["totals"]
    # by 30 June: 10 in the ward (months 1–6, then 1–4 again) and 84 in Hải Hòa; 80 were due by then
    assert midyear["admitted"] == 94
    assert midyear["milestone_status"] == "ahead"
    assert midyear["projected"] == round(94 * 365 / 181)
    early = run_json("report", "quota", "--year", "2022", "--org", "MC", "--at", "2022-05-31")["totals"]
    assert early["milestone_status"] is None  # nothing due yet


def test_quota_formats(run, run_json, article, tmp_path):
    table = run("report", "quota", "--year", "2022", "--org", "MC", "--at", "2022-11-14").stdout
    assert "116,0%" in table
    assert "HH" in table
    rows = list(
        csv.DictReader(
            io.StringIO(
                run(
                    "report", "quota", "--year", "2022", "--org", "MC", "--at", "2022-11-14", "-f", "csv"
                ).stdout
            )
        )
    )
    assert rows[-1]["org"] == "MC"
    assert rows[-1]["percent_of_target"] == "116.0"
    markdown = run("report", "quota", "--year", "2022", "--org", "MC", "-f", "md").stdout
    assert markdown.startswith("### ")
    assert "| **MC** |" in markdown
    path = tmp_path / "quota.xlsx"
    assert (
        run("report", "quota", "--year", "2022", "--org", "MC", "-f", "xlsx", "-o", str(path)).exit_code == 0
    )
    sheet = load_workbook(path).active
    assert sheet is not None
    assert len(sheet._charts) == 1  # type: ignore[attr-defined]
    refused = run("report", "quota", "--year", "2022", "--org", "MC", "-f", "xlsx", "-o", str(path))
    assert refused.exit_code == 1
    assert "--force" in refused.stderr
    assert run("report", "quota", "--year", "2022", "-f", "xlsx", "-o", str(path), "--force").exit_code == 0
    assert run("report", "quota", "--year", "2022", "-f", "xlsx").exit_code == 1


def test_quota_set_and_list(run, run_json, city):
    record = run_json(
        "quota",
        "set",
        "TP",
        "--year",
        "2023",
        "--target",
        "12",
        "--residential-target",
        "5",
        "--milestone",
        "2023-Q2=5",
        "--milestone",
        "2023-09=9",
    )
    assert record == [
        {
            "id": 1,
            "org": "TP",
            "year": 2023,
            "target": 12,
            "residential_target": 5,
            "stretch_target": None,
            "milestones": {"2023-Q2": 5, "2023-09": 9},
        }
    ]
    run_json("quota", "set", "TP", "--year", "2023", "--target", "14")
    assert run_json("quota", "list", "--year", "2023")[0]["target"] == 14
    bad = run("quota", "set", "TP", "--year", "2023", "--target", "3", "--milestone", "2024-Q1=1")
    assert bad.exit_code == 1
    assert "Lộ trình '2024-Q1=1'" in bad.stderr
    assert run("quota", "set", "ZZ", "--year", "2023", "--target", "3").exit_code == 1


def test_ageing(run, run_json, article, tmp_path):
    report = run_json("report", "ageing", "--org", "TP", "--at", "2022-10-31")
    by_org = {r["org"]: r for r in report["rows"]}
    assert set(by_org) == {"TP-1", "TP-2"}
    ward = report["totals"]
    assert ward["members"] == 219 + 14
    assert sum(ward["bands"].values()) == ward["members"]
    assert list(ward["bands"]) == ["18-30", "31-40", "41-50", "51-60", "61-70", "71+"]
    assert ward["bands"]["18-30"] == 14  # the 2022 admissions, born 1998
    assert ward["men"] + ward["women"] == ward["members"]
    assert isinstance(ward["average_age"], float)
    assert isinstance(ward["median_age"], float)
    assert ward["percent_young"] == round(14 * 100 / 233, 1)
    # born 15 March: on 14 March 2022 someone born in 1962 is 59, on 15 March 60
    before = run_json("report", "ageing", "--org", "TP", "--at", "2022-03-14", "--bands", "59")["totals"]
    after = run_json("report", "ageing", "--org", "TP", "--at", "2022-03-15", "--bands", "59")["totals"]
    assert after["bands"]["60+"] - before["bands"]["60+"] == sum(
        1 for i in range(219) if 1940 + i % 50 == 1962
    )
    # left members and those not yet admitted are not counted
    assert run_json("report", "ageing", "--org", "TP", "--at", "2009-12-31")["totals"]["members"] == 0
    bases = run_json("report", "ageing", "--by", "base", "--at", "2022-10-31")
    assert {r["org"] for r in bases["rows"]} == {"TP", "DN", "HH"}
    assert run("report", "ageing", "--bands", "40,30").exit_code == 1
    table = run("report", "ageing", "--org", "TP").stdout
    assert "Tháp tuổi" in table
    assert "18-30" in table
    path = tmp_path / "ageing.xlsx"
    assert run("report", "ageing", "-f", "xlsx", "-o", str(path)).exit_code == 0
    assert len(load_workbook(path).active._charts) == 1  # type: ignore[union-attr]


def test_ageing_flag(run, run_json, city, tmp_path):
    old = members_csv(
        [("HP", "1980-01-01", "1940-01-01", "M") for _ in range(6)]
        + [("K2", "2015-01-01", "1990-01-01", "F") for _ in range(6)],
        1,
    )
    load(run_json, tmp_path, "m.csv", old)
    rows = {r["org"]: r for r in run_json("report", "ageing", "--at", "2022-10-31")["rows"]}
    assert rows["HP"]["ageing"] is True
    assert rows["HP"]["ageing_reasons"] == ["over_60", "average_age"]
    assert rows["K2"]["ageing"] is False
    assert json.loads(run("--lang", "en", "report", "ageing", "-f", "json").stdout)["rows"][0]["org"] == "HP"


def test_ageing_compare(run_json, article):
    report = run_json("report", "ageing", "--org", "TP", "--at", "2022-10-31", "--compare", "2021-12-31")
    assert report["compare"] == "2021-12-31"
    assert report["totals"]["change_members"] == 14  # the year's admissions
    rows = {r["org"]: r for r in report["rows"]}
    assert rows["TP-1"]["change_members"] == 14
    assert rows["TP-2"]["change_members"] == 0
    assert isinstance(report["totals"]["change_average_age"], float)
