"""Reports across a restructuring (issue 14's "Done when"): a small city records admissions in 2025 before and
after a 1 July merge; the new ward's 2025 quota counts all of them, against its predecessors' plans; the tree
on 30 June and on 1 July; July's monthly paper lists the merged members under "Tiếp nhận do sáp nhập"; and
the reports for 30 June read the same before and after the restructuring is recorded."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import Run

ON = "2025-07-01"


def _ok(run: Run, *args: str) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.stderr


def _member(run: Run, name: str, cell: str, admitted: str, born: str = "1990-05-05") -> None:
    _ok(run, "member", "add", "--name", name, "--gender", "F", "--birth", born, "--cell", cell,
        "--admitted", admitted)  # fmt: skip


@pytest.fixture
def city(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """MC → wards A (cells A1, A2) and B (cell B1); members since long ago; an admission in 2024; three
    admissions in 2025 before 1 July; the 2025 plans of A (3) and B (2); a candidate on the way in A2."""
    monkeypatch.setenv("DANGVIEN_TODAY", "2025-12-31")
    for args in [
        ("MC", "Đảng bộ thành phố", "--kind", "committee"),
        ("A", "Đảng bộ phường A", "--kind", "base", "--parent", "MC"),
        ("A1", "Chi bộ khu A1", "--kind", "cell", "--parent", "A", "--place", "residential"),
        ("A2", "Chi bộ khu A2", "--kind", "cell", "--parent", "A", "--place", "residential"),
        ("B", "Đảng bộ phường B", "--kind", "base", "--parent", "MC"),
        ("B1", "Chi bộ khu B1", "--kind", "cell", "--parent", "B", "--place", "residential"),
    ]:
        _ok(run, "org", "add", *args)
    for index, cell in enumerate(["A1", "A1", "A2", "A2", "B1", "B1"]):
        _member(
            run, f"Nguyễn Văn Cũ {chr(65 + index)}", cell, f"20{10 + index}-04-0{index + 1}", "1950-01-01"
        )
    _member(run, "Trần Thị Năm Trước", "A1", "2024-03-01")
    _member(run, "Lê Thị Tháng Hai", "A1", "2025-02-03")
    _member(run, "Phạm Thị Tháng Ba", "A2", "2025-03-03")
    _member(run, "Hoàng Thị Tháng Năm", "B1", "2025-05-05")
    _ok(run, "quota", "set", "A", "--year", "2025", "--target", "3", "--milestone", "2025-Q2=2")
    _ok(run, "quota", "set", "B", "--year", "2025", "--target", "2", "--milestone", "2025-Q2=1")
    _ok(run, "add-candidate", "--name", "Vũ Thị Nguồn", "--gender", "F", "--birth", "2000-01-01",
        "--cell", "A2", "--source", "youth_union", "--identified", "2025-01-15")  # fmt: skip


def _restructure(run: Run) -> None:
    """On 1 July: A and B merged into a new ward NW; A's two cells merged into a new cell C, the same day."""
    _ok(run, "org", "merge", "A", "B", "--into", "NW", "--name", "Đảng bộ phường mới", "--kind", "base",
        "--parent", "MC", "--on", ON)  # fmt: skip
    _ok(run, "org", "merge", "A1", "A2", "--into", "C", "--name", "Chi bộ khu C", "--kind", "cell",
        "--parent", "NW", "--place", "residential", "--on", ON)  # fmt: skip
    _member(run, "Đỗ Thị Tháng Tám", "C", "2025-08-04")
    _member(run, "Bùi Thị Tháng Chín", "B1", "2025-09-08")


def test_the_new_wards_quota_counts_its_predecessors(
    run: Run, run_json: Callable[..., Any], city: None
) -> None:
    _restructure(run)
    report = run_json("report", "quota", "--year", "2025", "--org", "NW")
    totals = report["totals"]
    assert totals["org"] == "NW"
    assert totals["admitted"] == 5  # three in A and B before 1 July, two in NW after
    assert totals["target"] == 5  # A's 3 and B's 2: the plans the sources carried
    assert totals["percent_of_target"] == 100.0
    assert (
        totals["last_year_same_period"] == 1
    )  # A1's admission of March 2024: the same period follows lineage
    assert totals["members_at_start"] == 7  # A's and B's members on 1 January 2025
    assert totals["milestone_status"] == "ahead"  # 5 admitted against the Q2 milestones' 2 + 1
    rows = {row["org"]: row for row in report["rows"]}
    assert (rows["C"]["admitted"], rows["B1"]["admitted"]) == (3, 2)
    # a quota set on the new ward for the year wins over what its predecessors carried
    _ok(run, "quota", "set", "NW", "--year", "2025", "--target", "8")
    assert run_json("report", "quota", "--year", "2025", "--org", "NW")["totals"]["target"] == 8
    # the city's own report after the change: its children now
    whole = run_json("report", "quota", "--year", "2025", "--org", "MC")
    assert [row["org"] for row in whole["rows"]] == ["NW"]
    assert whole["totals"]["admitted"] == 5
    # the new ward did not exist on 30 June
    refused = run("report", "quota", "--year", "2025", "--org", "NW", "--at", "2025-06-30")
    assert refused.exit_code == 1
    assert "chưa có vào ngày 30/06/2025" in refused.stderr
    assert run("db", "check").exit_code == 0


def test_the_tree_on_each_side_of_the_change(run: Run, run_json: Callable[..., Any], city: None) -> None:
    _restructure(run)
    before = [(r["code"], r["parent"]) for r in run_json("org", "list", "--at", "2025-06-30")]
    after = [(r["code"], r["parent"]) for r in run_json("org", "list", "--at", ON)]
    assert before == [("MC", None), ("A", "MC"), ("A1", "A"), ("A2", "A"), ("B", "MC"), ("B1", "B")]
    assert after == [("MC", None), ("NW", "MC"), ("B1", "NW"), ("C", "NW")]
    assert run_json("org", "list") == run_json("org", "list", "--at", "2025-12-31")
    table = run("org", "list", "--at", "2025-06-30")
    assert "A1 Chi bộ khu A1" in table.stdout
    assert "NW" not in table.stdout


def test_julys_paper_lists_the_merged_members_in_their_own_section(
    run: Run, run_json: Callable[..., Any], city: None
) -> None:
    _restructure(run)
    paper = run_json("report", "monthly", "--cell", "C", "--month", "2025-07")
    assert paper["members_at_start"] == 7  # the predecessors' members on 1 July (A1: 3 + 1, A2: 2 + 1)
    assert paper["members_at_end"] == 7
    assert paper["moved_in"] == []  # a merge is not a transfer
    assert sorted(m["from_cell"] for m in paper["merged_in"]) == ["A1"] * 4 + ["A2"] * 3
    assert [c["full_name"] for c in paper["candidates"]] == ["Vũ Thị Nguồn"]
    text = run("report", "monthly", "--cell", "C", "--month", "2025-07")
    assert text.exit_code == 0
    assert "Tiếp nhận do sáp nhập (7)" in text.stdout
    assert "Chuyển đến: Không có." in text.stdout
    english = run("--lang", "en", "report", "monthly", "--cell", "C", "--month", "2025-07")
    assert "Came by merge (7)" in english.stdout
    # the merged cell's own paper: its members left by merge, not by transfer
    june = run_json("report", "monthly", "--cell", "A2", "--month", "2025-06")
    assert (june["members_at_start"], june["members_at_end"], june["merged_out"]) == (3, 3, [])
    assert run_json("report", "monthly", "--cell", "A2", "--month", "2025-07")["members_at_start"] == 0
    # August in the new cell: no merge, the sections are not there
    august = run("report", "monthly", "--cell", "C", "--month", "2025-08")
    assert "sáp nhập" not in august.stdout


def test_reports_for_a_day_before_read_the_same_after_the_change(
    run: Run, run_json: Callable[..., Any], city: None
) -> None:
    day = ("--at", "2025-06-30")
    ageing = run_json("report", "ageing", "--org", "MC", *day)
    by_base = run_json("report", "ageing", "--org", "MC", "--by", "base", *day)
    quota = run_json("report", "quota", "--year", "2025", "--org", "MC", *day)
    members = run_json("member", "list", "--org", "A", *day)
    ward = run_json("org", "show", "A", *day)
    _restructure(run)
    assert run_json("report", "ageing", "--org", "MC", *day) == ageing
    assert run_json("report", "ageing", "--org", "MC", "--by", "base", *day) == by_base
    assert run_json("report", "quota", "--year", "2025", "--org", "MC", *day) == quota
    assert run_json("member", "list", "--org", "A", *day) == members
    shown = run_json("org", "show", "A", *day)
    assert {k: v for k, v in shown.items() if k not in ("end_on", "successors")} == {
        k: v for k, v in ward.items() if k not in ("end_on", "successors")
    }
    assert shown["successors"] == [{"code": "NW", "on": ON}]
    # and after the change the ageing report reads the new tree
    after = run_json("report", "ageing", "--org", "NW", "--at", "2025-12-31")
    assert [row["org"] for row in after["rows"]] == ["B1", "C"]


def test_the_outlook_and_the_pipeline_follow_lineage(
    run: Run, run_json: Callable[..., Any], city: None
) -> None:
    _restructure(run)
    outlook = run_json("report", "outlook", "--org", "NW", "--at", "2025-12-31", "--years", "2")
    years = {row["year"]: row for row in outlook["rows"]}
    assert years[2024]["admitted"] == 1  # in A1, before NW existed
    assert years[2024]["members_at_end"] == 7
    pipeline = run_json("report", "pipeline", "--year", "2025", "--org", "NW")
    stages = {row["stage"]: row["count"] for row in pipeline["rows"]}
    assert stages["identified"] == 1  # the candidate identified in A2 in January
    assert stages["admitted"] == 5
    old = run_json("report", "pipeline", "--year", "2025", "--org", "A", "--at", "2025-06-30")
    assert {row["stage"]: row["count"] for row in old["rows"]}["identified"] == 1


def test_member_and_candidate_show_name_each_cell_as_it_was(
    run: Run, run_json: Callable[..., Any], city: None
) -> None:
    _restructure(run)
    _ok(run, "org", "rename", "C", "Chi bộ khu phố C", "--on", "2025-10-01")
    member = next(
        m for m in run_json("member", "list", "--org", "NW") if m["full_name"] == "Lê Thị Tháng Hai"
    )
    spells = run_json("member", "show", str(member["id"]))["memberships"]
    assert [(s["cell"], s["cell_name"], s["reason"]) for s in spells] == [
        ("A1", "Chi bộ khu A1", None),
        ("C", "Chi bộ khu phố C", "merge"),
    ]
    at_august = run_json("member", "show", str(member["id"]), "--at", "2025-08-01")["memberships"]
    assert at_august[-1]["cell_name"] == "Chi bộ khu C"
    candidate = run_json("candidate", "list", "--org", "NW")[0]
    history = run_json("candidate", "show", str(candidate["id"]))["cell_history"]
    assert [(c["cell"], c["cell_name"], c["end_on"]) for c in history] == [
        ("A2", "Chi bộ khu A2", ON),
        ("C", "Chi bộ khu phố C", None),
    ]
    table = run("candidate", "show", str(candidate["id"]))
    assert "Quá trình sinh hoạt" in table.stdout
    assert "Sáp nhập" in table.stdout
    assert json.loads(run("org", "show", "C", "--format", "json").stdout)["name"] == "Chi bộ khu phố C"
