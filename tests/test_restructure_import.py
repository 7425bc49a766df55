"""``import restructure``: a plan of 50 changes lands in one transaction, in order; a plan with one bad row
changes nothing and names the row; Vietnamese headers and words; what each action reads."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run

HEADERS = ["action", "code", "target", "name", "kind", "parent", "on"]


def _ok(run: Run, *args: str) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.stderr


@pytest.fixture
def wards(run: Run) -> None:
    """MC → ten wards W0..W9, each with three cells C0..C2 and one member in each cell."""
    _ok(run, "org", "add", "MC", "Đảng bộ thành phố", "--kind", "committee")
    for w in range(10):
        _ok(run, "org", "add", f"W{w}", f"Đảng bộ phường {w}", "--kind", "base", "--parent", "MC")
        for c in range(3):
            code = f"W{w}-C{c}"
            _ok(run, "org", "add", code, f"Chi bộ khu {w}.{c}", "--kind", "cell", "--parent", f"W{w}")
            admitted = f"20{10 + c}-0{1 + w % 9}-15"
            _ok(run, "member", "add", "--name", f"Nguyễn Văn {w}{c}", "--gender", "M", "--birth",
                "1980-01-01", "--cell", code, "--admitted", admitted)  # fmt: skip


def plan() -> list[list[str]]:
    """Fifty changes in the order they apply (dates within 2024, before the pinned today)."""
    rows = [["rename", f"W{w}-C0", "", f"Chi bộ khu phố {w}", "", "", "1/1/2024"] for w in range(10)]
    rows += [["merge", f"W{w}-C1", f"W{w}-C0", "", "", "", "1/2/2024"] for w in range(10)]
    rows += [
        ["merge", f"W{2 * k}; W{2 * k + 1}", f"N{k}", f"Đảng bộ phường mới {k}", "base", "MC", "1/3/2024"]
        for k in range(5)
    ]
    rows += [["move", f"W{2 * k}-C2", "", "", "", f"N{(k + 1) % 5}", "1/4/2024"] for k in range(5)]
    rows += [["rename", f"N{k}", "", f"Đảng bộ phường {k} (mới)", "", "", "1/5/2024"] for k in range(5)]
    rows += [
        ["rename", f"W{2 * k + 1}-C2", "", f"Chi bộ khu {k} (mới)", "", "", "1/5/2024"] for k in range(5)
    ]
    rows += [["close", f"W{2 * k + 1}-C2", f"W{2 * k + 1}-C0", "", "", "", "1/6/2024"] for k in range(5)]
    rows += [
        ["merge", f"W{2 * k}-C0, W{2 * k + 1}-C0", f"M{k}", f"Chi bộ gộp {k}", "cell", f"N{k}", "15/6/2024"]
        for k in range(5)
    ]
    assert len(rows) == 50
    return rows


def _write(path: Path, rows: list[list[str]], headers: list[str] = HEADERS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def _state(run_json: Callable[..., Any]) -> tuple[Any, ...]:
    return (
        run_json("org", "list"),
        run_json("member", "list"),
        run_json("log", "--limit", "0"),
    )


def test_a_fifty_line_plan_lands_in_one_transaction(
    run: Run, run_json: Callable[..., Any], wards: None, tmp_path: Path
) -> None:
    before = _state(run_json)
    file = _write(tmp_path / "plan.csv", plan())
    dry = run_json("import", "restructure", str(file), "--dry-run")
    assert (dry["rows"], dry["errors"], dry["dry_run"]) == (50, 0, True)
    assert _state(run_json) == before
    report = run_json("import", "restructure", str(file))
    assert (report["rows"], report["updated"], report["created"], report["errors"]) == (50, 50, 10, 0)
    tree = {r["code"]: r for r in run_json("org", "list")}
    assert {code for code in tree if code[0] in "NM" and code != "MC"} == {f"N{k}" for k in range(5)} | {
        f"M{k}" for k in range(5)
    }
    assert not any(code.startswith("W") and code.endswith(("-C0", "-C1")) for code in tree)
    assert tree["W0-C2"]["parent"] == "N1"
    assert tree["N0"]["name"] == "Đảng bộ phường 0 (mới)"
    assert len(run_json("member", "list")) == 30  # nobody lost on the way
    m0 = run_json("org", "show", "M0")
    assert m0["members"] == 5  # W0-C0, W0-C1, W1-C0, W1-C1 and W1-C2 (closed into W1-C0)
    assert [p["code"] for p in m0["predecessors"]] == ["W0-C0", "W1-C0"]
    assert run("db", "check").exit_code == 0
    # the tree of 31 December 2023 is still the one before the plan
    assert [r["code"] for r in run_json("org", "list", "--at", "2023-12-31")] == [
        r["code"] for r in before[0]
    ]


def test_a_plan_with_one_bad_row_changes_nothing(
    run: Run, run_json: Callable[..., Any], wards: None, tmp_path: Path
) -> None:
    before = _state(run_json)
    rows = plan()
    rows[36][1] = "W3-C9"  # line 38 of the file: no such cell
    result = run("import", "restructure", str(_write(tmp_path / "plan.csv", rows)), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert (report["rows"], report["errors"], report["created"], report["updated"]) == (50, 1, 0, 0)
    assert report["problems"] == [
        {
            "line": 38,
            "column": "code",
            "value": "W3-C9",
            "reason": "không có tổ chức đảng mang mã này",
            "code": "org.not_found",
        }
    ]
    assert _state(run_json) == before


def test_every_bad_row_is_named_with_its_line(
    run: Run, run_json: Callable[..., Any], wards: None, tmp_path: Path
) -> None:
    rows = [
        ["rename", "W0-C0", "", "", "", "", "1/1/2024"],  # line 2: no name
        ["move", "W0-C1", "", "Tên", "", "W1", "1/1/2024"],  # line 3: a name a move does not read
        ["merge", "W0-C1", "", "", "", "", "1/1/2024"],  # line 4: no target
        ["close", "W0-C2", "", "", "", "", "1/1/2024"],  # line 5: it still holds a member
        ["split", "W0-C2", "", "", "", "", "1/1/2024"],  # line 6: no such action
        ["rename", "W0-C2", "", "Chi bộ mới", "", "", "31/2/2024"],  # line 7: no such day
        ["rename", "W1-C0", "", "Chi bộ mới", "", "", "1/1/2030"],  # line 8: in the future
        ["merge", "W2-C0", "W2-C1", "", "", "", "1/1/2024"],  # line 9: fine, undone with the rest
    ]
    before = _state(run_json)
    result = run("import", "restructure", str(_write(tmp_path / "plan.csv", rows)), "--format", "json")
    assert result.exit_code == 1
    problems = [(p["line"], p["column"], p["code"]) for p in json.loads(result.stdout)["problems"]]
    assert problems == [
        (2, "name", "tree.plan_column"),
        (3, "name", "tree.plan_column_unused"),
        (4, "target", "tree.plan_column"),
        (5, "code", "tree.close_not_empty"),
        (6, "action", "value.choice"),
        (7, "on", "date.impossible"),
        (8, "on", "date.future"),
    ]
    assert _state(run_json) == before


def test_vietnamese_headers_and_words(
    run: Run, run_json: Callable[..., Any], wards: None, tmp_path: Path
) -> None:
    rows = [
        ["1", "Sáp nhập", "W0, W1", "PM", "Đảng bộ phường mới", "Tổ chức cơ sở đảng", "MC", "1/7/2023"],
        ["2", "Đổi tên", "W2-C0", "", "Chi bộ khu Hồng Hải", "", "", "1/8/2023"],
        ["3", "chuyen cap tren", "W2-C1", "", "", "", "PM", "1/8/2023"],
        ["4", "Giải thể", "W3-C2", "W3-C1", "", "", "", "1/9/2023"],
        ["5", "Chuyển cấp trên", "W4", "", "", "", "-", "1/9/2023"],
    ]
    headers = ["STT", "Hành động", "Mã tổ chức", "Sáp nhập vào", "Tên", "Loại", "Cấp trên", "Ngày hiệu lực"]
    report = run_json("import", "restructure", str(_write(tmp_path / "ke-hoach.csv", rows, headers)))
    assert (report["updated"], report["created"], report["ignored_columns"]) == (5, 1, ["STT"])
    tree = {r["code"]: r for r in run_json("org", "list")}
    assert tree["W2-C1"]["parent"] == "PM"
    assert tree["W4"]["parent"] is None
    assert "W3-C2" not in tree
    assert tree["W2-C0"]["name"] == "Chi bộ khu Hồng Hải"
    assert run("db", "check").exit_code == 0
    english = run("--lang", "en", "import", "restructure", "--help")
    assert "restructuring plan" in english.stdout
