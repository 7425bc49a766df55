"""The small city in sample_data/ imports cleanly, twice."""

from __future__ import annotations

from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data"


def test_the_small_city_imports_cleanly(run_json):
    for entity in ("orgs", "members", "candidates", "reviews", "quotas"):
        summary = run_json("import", entity, str(SAMPLE / "small_city" / f"{entity}.csv"))
        assert summary["errors"] == 0, summary["problems"]
        assert summary["created"] > 0
    assert len(run_json("member", "list", "--at", "2022-10-31")) == 8
    lan = next(c for c in run_json("candidate", "list") if c["full_name"] == "Ngô Thị Lan")
    assert lan["stage"] == "applied"
    assert lan["mentor_name"] == "Lê Văn Hùng"
    # and a second time, nothing changes
    for entity in ("orgs", "members", "candidates", "reviews", "quotas"):
        summary = run_json("import", entity, str(SAMPLE / "small_city" / f"{entity}.csv"))
        assert (summary["created"], summary["updated"]) == (0, 0)
