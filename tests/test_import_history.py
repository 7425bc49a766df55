"""Importing how members came in: a candidate at the 'admitted' stage is linked to the member record its
admission made, so that the pipeline follows them from source to admission."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Run

SMALL = Path(__file__).resolve().parent.parent / "sample_data" / "small_city"
HEADER = (
    "full_name,gender,birth_date,cell,source,identified_on,stage,mentor,mentor_assigned_on,trained_on,"
    "applied_on,introducer_1,introducer_2,proposed_on,resolution_no\n"
)
# Bùi Thị Thu Hà: member #8 of the small city, admitted on 12/3/2022, without a citizen ID
HA = "Bùi Thị Thu Hà,F,5/5/1999,TP-HP,youth_union,10/3/2021,admitted,022071004321,1/4/2021,1/8/2021,"
HA_PATH = HA + "1/11/2021,022071004321,Phạm Thị Hoà,{proposed},3-NQ/CB\n"


def _city(run_json) -> None:
    for name in ("orgs", "members"):
        assert run_json("import", name, str(SMALL / f"{name}.csv"))["errors"] == 0


def _write(tmp_path: Path, *rows: str) -> str:
    path = tmp_path / "history.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return str(path)


def test_an_admitted_candidate_is_linked_to_the_member(run: Run, run_json, tmp_path: Path) -> None:
    _city(run_json)
    summary = run_json("import", "candidates", _write(tmp_path, HA_PATH.format(proposed="1/2/2022")))
    assert (summary["created"], summary["errors"]) == (1, 0)
    shown = run_json("candidate", "show", "1")
    assert shown["stage"] == "admitted"
    assert shown["admission"] == {"member_id": 8, "decision_no": "", "decision_on": "2022-03-12"}
    check = run("db", "check", "--format", "json")
    assert check.exit_code == 0, check.stdout
    funnel = run_json("report", "pipeline", "--year", "2022", "--org", "MC")
    admitted = next(row for row in funnel["rows"] if row["stage"] == "admitted")
    assert admitted["count"] == 1
    assert run_json("log", "--entity", "admission")[0]["after"]["member_id"] == 8
    again = run_json("import", "candidates", _write(tmp_path, HA_PATH.format(proposed="1/2/2022")))
    assert (again["created"], again["skipped"]) == (0, 1)  # the same file twice changes nothing


def test_an_admitted_candidate_needs_its_member_and_a_path_before_the_admission(
    run: Run, run_json, tmp_path: Path
) -> None:
    _city(run_json)
    stranger = "Ngô Văn Tư,M,5/5/1999,TP-HP,youth_union,10/3/2021,admitted,,,,,,,,\n"
    late = HA_PATH.format(proposed="1/4/2022")  # proposed after the admission of 12/3/2022
    for rows, column, reason in (
        ((stranger,), "'stage'", "cần hồ sơ đảng viên"),
        ((late,), "'proposed_on'", "sau ngày quyết định kết nạp (12/03/2022) của đảng viên #8"),
    ):
        result = run("import", "candidates", _write(tmp_path, *rows))
        assert result.exit_code == 1
        assert column in result.stderr, result.stderr
        assert reason in result.stderr, result.stderr
        assert run_json("candidate", "list", "--stage", "admitted") == []
