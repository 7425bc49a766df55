"""`dangvien demo` records the sample city's reorganisation of 1 July 2025 and shows both sides of it."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.conftest import Run

MONCAI = Path(__file__).resolve().parent.parent / "sample_data" / "moncai"


@pytest.mark.slow
def test_the_demo_shows_the_tree_and_the_2025_quota_on_both_sides(run: Run, tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = run("--db", str(db), "demo")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    before, after = out.split("import restructure", 1)
    assert "TP-K1 Chi bộ khu 1" in before.split("Cây tổ chức trước ngày 01/07/2025", 1)[1]
    assert "restructure: 39 dòng; tạo mới 13, cập nhật 39, bỏ qua 0, lỗi 0" in after
    assert "MC1-TP2 Chi bộ khu Trần Phú 2" in after
    # the new ward's 2025 target is its four predecessors' (TP, KL, ND, HL), from quotas_2025.csv
    with (MONCAI / "quotas_2025.csv").open(encoding="utf-8") as handle:
        targets = {row["org"]: int(row["target"]) for row in csv.DictReader(handle)}
    expected = sum(targets[code] for code in ("TP", "KL", "ND", "HL"))
    quota = run("--db", str(db), "report", "quota", "--year", "2025", "--org", "MC1", "--at", "2025-12-31",
                "--format", "json")  # fmt: skip
    totals = json.loads(quota.stdout)["totals"]
    assert totals["target"] == expected
    total_line = next(line for line in after.splitlines() if line.split()[:1] == ["MC1"])
    assert total_line.split()[1] == str(expected)  # the demo's table shows the same target
    assert run("--db", str(db), "db", "check").exit_code == 0
