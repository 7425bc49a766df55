"""`dangvien demo`: the README's main job, on the sample city."""

from __future__ import annotations

import pytest


@pytest.mark.slow
def test_demo_imports_the_city_and_tours_it(run, tmp_path):
    db = tmp_path / "demo.db"
    result = run("--db", str(db), "demo")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for title in (
        "Nhập danh sách",
        "Chỉ tiêu kết nạp năm 2022",
        "Cơ cấu độ tuổi",
        "Báo cáo tháng",
        "Việc đến hạn",
        "Tìm theo tên",
    ):
        assert title in out
    assert "116,0%" in out  # the city's 196 admissions against its plan of 169
    assert "lỗi 0" in out
    assert db.exists()
