"""The sample city in sample_data/ imports cleanly, and the tour script runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data"


def test_the_small_city_imports_cleanly(run_json):
    for entity in ("orgs", "members", "candidates", "reviews", "quotas"):
        summary = run_json("import", entity, str(SAMPLE / "small_city" / f"{entity}.csv"))
        assert summary["errors"] == 0, summary["problems"]
        assert summary["created"] > 0
    assert len(run_json("member", "list", "--at", "2022-10-31")) == 8
    lan = next(c for c in run_json("candidate", "list") if c["full_name"] == "Ngô Thị Lan")
    assert lan["stage"] == "applied" and lan["mentor_name"] == "Lê Văn Hùng"
    # and a second time, nothing changes
    for entity in ("orgs", "members", "candidates", "reviews", "quotas"):
        summary = run_json("import", entity, str(SAMPLE / "small_city" / f"{entity}.csv"))
        assert (summary["created"], summary["updated"]) == (0, 0)


@pytest.mark.slow
def test_the_tour_script_runs(tmp_path):
    dangvien = Path(sys.executable).parent / "dangvien"
    env = {
        **os.environ,
        "DANGVIEN_DB": str(tmp_path / "tour.db"),
        "PATH": f"{dangvien.parent}:{os.environ['PATH']}",
    }
    result = subprocess.run(
        ["bash", str(SAMPLE / "tour.sh")], capture_output=True, text=True, env=env, check=False, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert "members: 9 dòng; tạo mới 9" in result.stdout
    assert shutil.which("bash")
