"""One write path: the importer holds no SQL, and refuses what the record commands refuse, with the same rule
(the same catalogue key a script reads as ``code``)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dangvien_cli.domain.people import check_leaving
from dangvien_cli.errors import InvalidValue
from dangvien_cli.exchange import importing
from dangvien_cli.messages import t

IMPORTING = Path(importing.__file__).parent
SQL = re.compile(r"execute|select\(|insert\(|sqlalchemy|sqlmodel")


def test_the_importer_holds_no_sql() -> None:
    sources = sorted(IMPORTING.glob("*.py"))
    assert {p.name for p in sources} >= {"__init__.py", "members.py", "candidates.py", "quotas.py"}
    found = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sources
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SQL.search(line)
    ]
    assert found == []


def _import(run, tmp_path: Path, entity: str, text: str) -> tuple[int, dict[str, Any]]:
    path = tmp_path / f"{entity}.csv"
    path.write_text(text, encoding="utf-8")
    result = run("import", entity, str(path), "--format", "json")
    return result.exit_code, json.loads(result.stdout)


def test_a_quota_year_is_refused_alike_by_quota_set_and_the_import(run, run_json, city, tmp_path):
    reason = t("quota.year", "vi")
    refused = run("quota", "set", "TP", "--year", "3000", "--target", "13")
    assert refused.exit_code == 1
    assert "3000" in refused.stderr
    assert reason in refused.stderr
    code, summary = _import(run, tmp_path, "quotas", "org,year,target\nTP,3000,13\n")
    assert code == 1
    assert [(p["line"], p["column"], p["value"], p["code"]) for p in summary["problems"]] == [
        (2, "year", "3000", "quota.year")
    ]
    assert summary["problems"][0]["reason"] == reason
    assert run_json("quota", "list") == []


def test_quota_set_and_the_import_write_the_same_quota(run, run_json, city, tmp_path):
    quota = ("quota", "set", "TP", "--year", "2022", "--target", "13")
    assert run(*quota, "--milestone", "2022-Q2=6").exit_code == 0
    by_command = run_json("quota", "list")
    # the same quota in a list: nothing to change; a new roadmap in a list: the same parser as --milestone
    code, summary = _import(run, tmp_path, "quotas", "org,year,target,milestones\nTP,2022,13,2022-Q2=6\n")
    assert (code, summary["skipped"]) == (0, 1)
    assert run_json("quota", "list") == by_command
    bad = run(*quota, "--milestone", "2022-Q5=6")
    assert bad.exit_code == 1
    code, summary = _import(run, tmp_path, "quotas", "org,year,target,milestones\nTP,2022,13,2022-Q5=6\n")
    assert code == 1
    assert summary["problems"][0]["code"] == "quota.milestone_format"
    assert t("quota.milestone_format", "vi") in bad.stderr


@pytest.mark.parametrize(
    ("left_on", "left_reason", "column"), [("1/1/2023", "", "left_reason"), ("", "transfer", "left_on")]
)
def test_a_leaving_needs_its_day_and_its_reason(run, city, tmp_path, left_on, left_reason, column):
    """The import refuses a half leaving with the domain's rule itself, on the column that is missing."""
    with pytest.raises(InvalidValue) as refused:
        check_leaving(date(2023, 1, 1) if left_on else None, left_reason or None)
    assert (refused.value.field, refused.value.key) == (column, "import.left_needs_both")
    text = (
        "full_name,gender,birth_date,cell,admitted_on,left_on,left_reason\n"
        f"Lê Văn Tám,M,1/1/1970,HP,19/5/2000,{left_on},{left_reason}\n"
    )
    code, summary = _import(run, tmp_path, "members", text)
    assert code == 1
    assert summary["created"] == 0
    assert [(p["column"], p["code"]) for p in summary["problems"]] == [(column, refused.value.key)]


def test_a_step_in_the_future_is_refused_by_the_step_and_by_the_import(run, run_json, city, tmp_path):
    """Today is pinned to 2024-06-30 in the tests."""
    run_json(
        "member", "add", "--name", "Nguyễn Văn Sỹ", "--gender", "M", "--birth", "1970-09-01", "--cell", "HP",
        "--admitted", "2000-05-19", "--official", "2001-05-19",
    )  # fmt: skip
    candidate = run_json(
        "add-candidate", "--name", "Ngô Thị Lan", "--gender", "F", "--birth", "2001-02-02", "--cell", "HP",
        "--source", "other", "--identified", "2022-01-10",
    )["id"]  # fmt: skip
    assert run("candidate", "mentor", str(candidate), "--member", "1", "--date", "2022-02-01").exit_code == 0
    step = run("candidate", "train", str(candidate), "--date", "2024-07-01")
    assert step.exit_code == 1
    assert t("date.future", "vi") in step.stderr
    text = (
        "full_name,gender,birth_date,cell,source,identified_on,mentor,trained_on\n"
        "Dương Văn Khoa,M,17/7/1997,K2,other,5/3/2022,Nguyễn Văn Sỹ,1/7/2024\n"
    )
    code, summary = _import(run, tmp_path, "candidates", text)
    assert code == 1
    assert [(p["column"], p["value"], p["code"]) for p in summary["problems"]] == [
        ("trained_on", "2024-07-01", "date.future")
    ]
