"""Candidates: the top-level add-candidate, lists by stage and subtree, records."""

from __future__ import annotations

ADD = [
    "add-candidate",
    "--name",
    "Phạm Thị Hoa",
    "--gender",
    "F",
    "--birth",
    "12/3/2001",
    "--cell",
    "HP",
    "--source",
    "youth_union",
    "--identified",
    "2024-01-10",
]


def test_add_candidate_json(run_json, city):
    record = run_json(*ADD, "--citizen-id", "022301000123", "--youth-union")
    assert record["id"] == 1
    assert record["full_name"] == "Phạm Thị Hoa"
    assert record["cell"] == "HP"
    assert record["birth_date"] == "2001-03-12"
    assert record["gender"] == "F"
    assert record["source"] == "youth_union"
    assert record["stage"] == "identified"
    assert record["identified_on"] == "2024-01-10"
    assert record["youth_union"] is True
    assert record["remarks"] == []


def test_identified_defaults_to_today(run_json, city):
    args = [a for a in ADD if a not in ("--identified", "2024-01-10")]
    assert run_json(*args)["identified_on"] == "2024-06-30"


def test_candidate_group_add_is_the_same_command(run_json, city):
    assert run_json("candidate", "add", *ADD[1:])["stage"] == "identified"


def test_list_and_filter(run, run_json, city):
    run_json(*ADD)
    other = [*ADD]
    other[other.index("--name") + 1] = "Đỗ Văn An"
    other[other.index("--cell") + 1] = "K2"
    run_json(*other)
    assert [r["full_name"] for r in run_json("candidate", "list")] == ["Đỗ Văn An", "Phạm Thị Hoa"]
    assert [r["full_name"] for r in run_json("candidate", "list", "--org", "K2")] == ["Đỗ Văn An"]
    assert run_json("candidate", "list", "--stage", "admitted") == []
    assert len(run_json("candidate", "list", "--stage", "identified")) == 2
    bad = run("candidate", "list", "--stage", "elected")
    assert bad.exit_code == 2
    assert "Lỗi: --stage 'elected': phải là một trong: Đưa vào nguồn;" in bad.stderr


def test_refusals(run, city):
    wrong_source = [*ADD]
    wrong_source[wrong_source.index("--source") + 1] = "lottery"
    result = run(*wrong_source)
    assert result.exit_code == 2
    assert "Lỗi: --source 'lottery': phải là một trong: " in result.stderr
    assert run(*ADD, "--citizen-id", "022301000123").exit_code == 0
    again = run(*ADD, "--citizen-id", "022301000123")
    assert again.exit_code == 1
    assert "Số CCCD '022301000123'" in again.stderr
    unborn = [*ADD]
    unborn[unborn.index("--birth") + 1] = "2030-01-01"
    result = run(*unborn)
    assert result.exit_code == 1
    assert "Ngày sinh '2030-01-01'" in result.stderr


def test_a_member_is_not_a_candidate(run, city):
    assert (
        run(
            "member",
            "add",
            "--name",
            "Phạm Thị Hoa",
            "--gender",
            "F",
            "--birth",
            "1990-01-01",
            "--cell",
            "HP",
            "--admitted",
            "2015-01-01",
            "--citizen-id",
            "022301000123",
        ).exit_code
        == 0
    )
    result = run(*ADD, "--citizen-id", "022301000123")
    assert result.exit_code == 1
    assert result.stderr == "Lỗi: Số CCCD '022301000123': người này đã là đảng viên #1\n"


def test_show_table(run, city):
    run(*ADD)
    out = run("candidate", "show", "1").stdout
    assert "Phạm Thị Hoa" in out
    assert "Đoàn viên" in out
    assert "Đưa vào nguồn" in out
