"""Restructuring the tree (issue 14): org rename, move, merge, close and history, each with a passing case and
its refusals; merges of two and three cells, into a new organisation, of wards with their cells; a move of a
whole subtree. Every change is logged, leaves `db check` clean, and a refusal changes nothing."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from tests.conftest import Run

# today is pinned to 2024-06-30 (tests/conftest.py)


def _ok(run: Run, *args: str) -> Any:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return result


def _refused(run: Run, *args: str) -> str:
    """The one-line refusal of a command (exit code 1), after checking that nothing changed."""
    before = run("log", "--format", "json").stdout
    result = run(*args)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stderr.startswith("Lỗi: "), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert run("log", "--format", "json").stdout == before  # nothing written
    return result.stderr


def _member(run: Run, name: str, cell: str, admitted: str, born: str = "1980-01-01") -> int:
    result = _ok(
        run, "member", "add", "--name", name, "--gender", "M", "--birth", born, "--cell", cell,
        "--admitted", admitted, "--official", admitted[:3] + str(int(admitted[3]) + 1) + admitted[4:],
        "--format", "json",
    )  # fmt: skip
    return int(json.loads(result.stdout)["id"])


@pytest.fixture
def town(run: Run) -> dict[str, int]:
    """MC (committee) → TP (K1, K2, K3) and HP (H1); CQ a base cell; MC2 another committee. Members in
    each cell, a candidate in K1 on the way (mentored, with introducers), one in K2 already dropped."""
    for args in [
        ("MC", "Đảng bộ thành phố", "--kind", "committee"),
        ("MC2", "Đảng bộ khối", "--kind", "committee"),
        ("TP", "Đảng bộ phường Trần Phú", "--kind", "base", "--parent", "MC"),
        ("K1", "Chi bộ khu 1", "--kind", "cell", "--parent", "TP", "--place", "residential"),
        ("K2", "Chi bộ khu 2", "--kind", "cell", "--parent", "TP", "--place", "residential"),
        ("K3", "Chi bộ khu 3", "--kind", "cell", "--parent", "TP", "--place", "residential"),
        ("HP", "Đảng bộ phường Hải Phong", "--kind", "base", "--parent", "MC"),
        ("H1", "Chi bộ khu Hải Phong 1", "--kind", "cell", "--parent", "HP", "--place", "residential"),
        ("CQ", "Chi bộ cơ quan", "--kind", "base", "--parent", "MC", "--place", "agency"),
    ]:
        _ok(run, "org", "add", *args)
    ids = {
        "k1a": _member(run, "Nguyễn Văn An", "K1", "2010-03-01"),
        "k1b": _member(run, "Trần Văn Bình", "K1", "2011-03-01"),
        "k2a": _member(run, "Lê Thị Cúc", "K2", "2012-03-01"),
        "k2b": _member(run, "Phạm Văn Dũng", "K2", "2013-03-01"),
        "k3a": _member(run, "Hoàng Văn Em", "K3", "2014-03-01"),
        "h1a": _member(run, "Vũ Thị Gấm", "H1", "2015-03-01"),
        "cqa": _member(run, "Đỗ Văn Hải", "CQ", "2016-03-01"),
    }
    cand = _ok(
        run, "add-candidate", "--name", "Ngô Thị Lan", "--gender", "F", "--birth", "2001-02-02",
        "--cell", "K1", "--source", "youth_union", "--identified", "2023-01-10", "--format", "json",
    )  # fmt: skip
    ids["cand"] = int(json.loads(cand.stdout)["id"])
    _ok(run, "candidate", "mentor", str(ids["cand"]), "--member", str(ids["k1a"]), "--date", "2023-02-01")
    dropped = _ok(
        run, "add-candidate", "--name", "Đinh Văn Phúc", "--gender", "M", "--birth", "1999-09-09",
        "--cell", "K2", "--source", "militia", "--identified", "2023-01-10", "--format", "json",
    )  # fmt: skip
    ids["dropped"] = int(json.loads(dropped.stdout)["id"])
    _ok(run, "candidate", "drop", str(ids["dropped"]), "--date", "2023-06-01", "--reason", "Chuyển nơi ở")
    return ids


def _codes(rows: list[dict[str, Any]]) -> list[str]:
    return [r["code"] for r in rows]


def test_rename_keeps_the_old_name_for_the_days_before(run, run_json, town):
    result = _ok(run, "org", "rename", "K1", "Chi bộ khu phố 1", "--on", "1/1/2024")
    assert "Đã đổi tên K1 thành “Chi bộ khu phố 1”" in result.stderr
    before = {r["code"]: r["name"] for r in run_json("org", "list", "--at", "2023-12-31")}
    after = {r["code"]: r["name"] for r in run_json("org", "list", "--at", "2024-01-01")}
    assert (before["K1"], after["K1"]) == ("Chi bộ khu 1", "Chi bộ khu phố 1")
    assert run_json("org", "show", "K1", "--at", "2023-06-01")["name"] == "Chi bộ khu 1"
    assert run_json("org", "show", "K1")["name"] == "Chi bộ khu phố 1"
    history = run_json("org", "history", "K1")
    assert [(n["name"], n["start_on"], n["end_on"]) for n in history["names"]] == [
        ("Chi bộ khu 1", None, "2024-01-01"),
        ("Chi bộ khu phố 1", "2024-01-01", None),
    ]
    # the cell's name as it was then, in a member's history
    spells = run_json("member", "show", str(town["k1a"]), "--at", "2023-06-01")["memberships"]
    assert spells[0]["cell_name"] == "Chi bộ khu 1"
    assert run_json("member", "show", str(town["k1a"]))["memberships"][0]["cell_name"] == "Chi bộ khu phố 1"
    assert run("db", "check").exit_code == 0


def test_rename_refusals(run, town):
    _ok(run, "org", "rename", "K1", "Chi bộ khu phố 1", "--on", "2024-01-01")
    assert "trước lần thay đổi gần nhất" in _refused(
        run, "org", "rename", "K1", "Tên khác", "--on", "2023-12-31"
    )
    assert "tương lai" in _refused(run, "org", "rename", "K2", "Tên khác", "--on", "2024-07-01")
    assert "đã mang tên này" in _refused(run, "org", "rename", "K2", "Chi bộ khu 2", "--on", "2024-01-01")
    assert "không được để trống" in _refused(run, "org", "rename", "K2", "  ", "--on", "2024-01-01")
    assert "'XX'" in _refused(run, "org", "rename", "XX", "Tên", "--on", "2024-01-01")
    assert run("org", "rename", "K2", "Tên", "--on", "31/2/2024").exit_code == 1


def test_move_takes_the_whole_subtree(run, run_json, town):
    _ok(run, "org", "move", "TP", "--parent", "MC2", "--on", "2024-01-01")
    old = {r["code"]: r["parent"] for r in run_json("org", "list", "--at", "2023-12-31")}
    new = {r["code"]: r["parent"] for r in run_json("org", "list")}
    assert (old["TP"], new["TP"]) == ("MC", "MC2")
    assert _codes(run_json("org", "list", "--under", "MC2")) == ["MC2", "TP", "K1", "K2", "K3"]
    assert _codes(run_json("org", "list", "--under", "MC", "--at", "2023-12-31")) == [
        "MC", "CQ", "HP", "H1", "TP", "K1", "K2", "K3",
    ]  # fmt: skip
    # people follow: who was under MC2 on each day
    assert len(run_json("member", "list", "--org", "MC2", "--at", "2024-01-01")) == 5
    assert run_json("member", "list", "--org", "MC2", "--at", "2023-12-31") == []
    assert run_json("org", "show", "MC", "--at", "2023-12-31")["members"] == 7
    assert run_json("org", "show", "MC")["members"] == 2
    _ok(run, "org", "move", "CQ", "--top", "--on", "2024-02-01")
    assert {r["code"]: r["parent"] for r in run_json("org", "list")}["CQ"] is None
    assert run("db", "check").exit_code == 0


def test_move_refusals(run, town):
    assert "không thể trực thuộc" in _refused(
        run, "org", "move", "K1", "--parent", "MC", "--on", "2024-01-01"
    )
    _ok(run, "org", "add", "MCX", "Đảng bộ khối trực thuộc", "--kind", "committee", "--parent", "MC")
    assert "dưới chính nó" in _refused(run, "org", "move", "MC", "--parent", "MCX", "--on", "2024-01-01")
    assert "đã trực thuộc" in _refused(run, "org", "move", "K1", "--parent", "TP", "--on", "2024-01-01")
    assert "--parent" in _refused(run, "org", "move", "K1", "--on", "2024-01-01")
    assert "--top" in _refused(run, "org", "move", "K1", "--parent", "HP", "--top", "--on", "2024-01-01")
    _ok(run, "org", "close", "HP", "--on", "2024-01-01", "--move-to", "TP")
    assert "kết thúc" in _refused(run, "org", "move", "K1", "--parent", "HP", "--on", "2024-02-01")


def test_merge_two_cells_into_one_moves_members_and_candidates(run, run_json, town):
    result = _ok(run, "org", "merge", "K2", "--into", "K1", "--on", "2024-01-01")
    assert "2 đảng viên" in result.stderr
    members = {m["id"]: m["cell"] for m in run_json("member", "list", "--org", "TP")}
    assert members[town["k2a"]] == members[town["k2b"]] == "K1"
    before = {m["id"]: m["cell"] for m in run_json("member", "list", "--org", "TP", "--at", "2023-12-31")}
    assert before[town["k2a"]] == "K2"
    spells = run_json("member", "show", str(town["k2a"]))["memberships"]
    assert [(s["cell"], s["end_on"], s["reason"]) for s in spells] == [
        ("K2", "2024-01-01", None),
        ("K1", None, "merge"),
    ]
    # the dropped candidate stays where her story ended; K1's candidate stays in K1 with her mentor
    assert run_json("candidate", "show", str(town["dropped"]))["cell"] == "K2"
    candidate = run_json("candidate", "show", str(town["cand"]))
    assert (candidate["cell"], candidate["mentor"]) == ("K1", town["k1a"])
    k1 = run_json("org", "show", "K1")
    assert (k1["members"], k1["predecessors"], k1["successors"]) == (
        4,
        [{"code": "K2", "on": "2024-01-01"}],
        [],
    )
    k2 = run_json("org", "show", "K2", "--at", "2023-12-31")
    assert (k2["members"], k2["end_on"], k2["successors"]) == (
        2,
        "2024-01-01",
        [{"code": "K1", "on": "2024-01-01"}],
    )
    assert "K2" not in _codes(run_json("org", "list"))
    assert "K2" in _codes(run_json("org", "list", "--at", "2023-12-31"))
    assert run("db", "check").exit_code == 0


def test_merge_three_cells_into_a_new_one(run, run_json, town):
    result = _ok(
        run, "org", "merge", "K1", "K2", "K3", "--into", "KM", "--name", "Chi bộ khu mới", "--kind", "cell",
        "--parent", "TP", "--place", "residential", "--on", "2024-01-01",
    )  # fmt: skip
    assert "Đã tạo KM" in result.stderr
    assert "5 đảng viên, 1 quần chúng" in result.stderr
    new = run_json("org", "show", "KM")
    assert (new["start_on"], new["members"], new["candidates"], new["place"]) == (
        "2024-01-01",
        5,
        1,
        "residential",
    )
    assert [p["code"] for p in new["predecessors"]] == ["K1", "K2", "K3"]
    assert "KM" not in _codes(run_json("org", "list", "--at", "2023-12-31"))
    assert _codes(run_json("org", "list", "--under", "TP")) == ["TP", "KM"]
    # the candidate moved, with her mentor and her cell history; a past day still finds her in K1
    candidate = run_json("candidate", "show", str(town["cand"]))
    assert (candidate["cell"], candidate["mentor"]) == ("KM", town["k1a"])
    assert [(c["cell"], c["reason"]) for c in candidate["cell_history"]] == [("K1", None), ("KM", "merge")]
    assert run_json("org", "show", "K1", "--at", "2023-12-31")["candidates"] == 1
    assert run_json("org", "show", "KM", "--at", "2024-01-01")["candidates"] == 1
    assert run("db", "check").exit_code == 0


def test_merge_wards_into_a_new_ward_moves_their_cells(run, run_json, town):
    _ok(
        run, "org", "merge", "TP", "HP", "--into", "NW", "--name", "Đảng bộ phường mới", "--kind", "base",
        "--parent", "MC", "--on", "2024-01-01",
    )  # fmt: skip
    assert _codes(run_json("org", "list", "--under", "NW")) == ["NW", "H1", "K1", "K2", "K3"]
    assert _codes(run_json("org", "list", "--under", "TP", "--at", "2023-12-31")) == ["TP", "K1", "K2", "K3"]
    assert run_json("org", "show", "NW")["members"] == 6
    history = run_json("org", "history", "K1")
    assert [(p["parent"], p["start_on"], p["end_on"]) for p in history["parents"]] == [
        ("TP", None, "2024-01-01"),
        ("NW", "2024-01-01", None),
    ]
    # the same day, the new ward's cells are merged too: the plan of 1 July 2025 does both
    _ok(run, "org", "merge", "K1", "K2", "--into", "K12", "--name", "Chi bộ khu 1-2", "--kind", "cell",
        "--parent", "NW", "--on", "2024-01-01")  # fmt: skip
    assert _codes(run_json("org", "list", "--under", "NW")) == ["NW", "H1", "K12", "K3"]
    history = run_json("org", "history", "K1")
    assert [(p["parent"], p["end_on"]) for p in history["parents"]] == [("TP", "2024-01-01")]
    assert run("db", "check").exit_code == 0


def test_merge_refusals(run, town):
    on = ("--on", "2024-01-01")
    assert "chính nó" in _refused(run, "org", "merge", "K1", "--into", "K1", *on)
    assert "hai lần" in _refused(run, "org", "merge", "K1", "K1", "--into", "K2", *on)
    assert "nằm dưới tổ chức bị sáp nhập TP" in _refused(run, "org", "merge", "TP", "--into", "K1", *on)
    assert "cũng bị sáp nhập TP" in _refused(run, "org", "merge", "TP", "K1", "--into", "HP", *on)
    assert "--name, --kind" in _refused(run, "org", "merge", "K1", "--into", "NEW", *on)
    assert "đã có" in _refused(run, "org", "merge", "K1", "--into", "K2", "--name", "Tên khác", *on)
    # people cannot go into a base organisation that has cells
    assert "không nhận đảng viên" in _refused(run, "org", "merge", "H1", "--into", "TP", *on)
    # a cell cannot go under a committee
    assert "không nhận được tổ chức trực thuộc" in _refused(run, "org", "merge", "TP", "--into", "MC2", *on)
    # a member admitted in K2 after the merge's day must be moved first
    _member(run, "Lý Văn Khánh", "K2", "2024-02-01")
    assert "còn dữ liệu từ ngày 01/02/2024" in _refused(run, "org", "merge", "K2", "--into", "K1", *on)
    assert "tương lai" in _refused(run, "org", "merge", "K3", "--into", "K1", "--on", "2024-07-01")


def test_close(run, run_json, town):
    message = _refused(run, "org", "close", "K3", "--on", "2024-01-01")
    assert "còn 1 đảng viên, 0 quần chúng và 0 tổ chức trực thuộc" in message
    assert "--move-to" in message
    _ok(run, "org", "close", "K3", "--on", "2024-01-01", "--move-to", "K2")
    spells = run_json("member", "show", str(town["k3a"]))["memberships"]
    assert [(s["cell"], s["reason"]) for s in spells] == [("K3", None), ("K2", "close")]
    k3 = run_json("org", "show", "K3", "--at", "2023-12-31")
    assert (k3["end_on"], k3["successors"]) == ("2024-01-01", [])  # a close is not a merge: no lineage
    # an empty organisation closes without --move-to; a committee with children does not
    _ok(run, "org", "add", "K9", "Chi bộ khu 9", "--kind", "cell", "--parent", "TP")
    _ok(run, "org", "close", "K9", "--on", "2024-03-01")
    assert "3 tổ chức trực thuộc" in _refused(run, "org", "close", "MC", "--on", "2024-03-01")
    assert "kết thúc" in _refused(run, "org", "close", "K9", "--on", "2024-04-01")
    assert "dưới chính nó" in _refused(run, "org", "close", "TP", "--on", "2024-04-01", "--move-to", "K1")
    # no one can be put into a closed cell any more
    assert "kết thúc hoạt động từ ngày 01/01/2024" in _refused(
        run, "member", "add", "--name", "Mai Văn Long", "--gender", "M", "--birth", "1990-01-01",
        "--cell", "K3", "--admitted", "2015-01-01",
    )  # fmt: skip
    assert "kết thúc" in _refused(
        run, "member", "move", str(town["k1a"]), "--to", "K3", "--date", "2024-02-01"
    )
    assert "kết thúc" in _refused(
        run, "add-candidate", "--name", "Tô Văn Minh", "--gender", "M", "--birth", "2000-01-01",
        "--cell", "K3", "--source", "other", "--identified", "2024-02-01",
    )  # fmt: skip
    assert run("db", "check").exit_code == 0


def test_a_new_organisation_takes_no_one_by_a_move_before_it_began(run, town):
    _ok(run, "org", "add", "K7", "Chi bộ khu 7", "--kind", "cell", "--parent", "TP", "--on", "2024-01-01")
    message = _refused(run, "member", "move", str(town["k1a"]), "--to", "K7", "--date", "2023-12-01")
    assert "bắt đầu từ ngày 01/01/2024" in message
    _ok(run, "member", "move", str(town["k1a"]), "--to", "K7", "--date", "2024-02-01")
    # a member who arrives from elsewhere keeps the dates of their own history
    _member(run, "Cao Văn Nam", "K7", "2005-05-05")
    assert run("db", "check").exit_code == 0


def test_history_and_show_in_json_and_english(run, run_json, town):
    _ok(run, "org", "rename", "K1", "Chi bộ khu phố 1", "--on", "2023-07-01")
    _ok(run, "org", "merge", "K1", "K2", "--into", "KM", "--name", "Chi bộ khu mới", "--kind", "cell",
        "--parent", "TP", "--on", "2024-01-01")  # fmt: skip
    history = run_json("org", "history", "K1")
    assert history == {
        "code": "K1",
        "name": "Chi bộ khu phố 1",
        "kind": "cell",
        "start_on": None,
        "end_on": "2024-01-01",
        "names": [
            {"name": "Chi bộ khu 1", "start_on": None, "end_on": "2023-07-01"},
            {"name": "Chi bộ khu phố 1", "start_on": "2023-07-01", "end_on": "2024-01-01"},
        ],
        "parents": [{"parent": "TP", "start_on": None, "end_on": "2024-01-01"}],
        "predecessors": [],
        "successors": [{"code": "KM", "on": "2024-01-01"}],
    }
    english = run("--lang", "en", "org", "history", "KM")
    assert english.exit_code == 0
    assert "Predecessors" in english.stdout
    assert "K1" in english.stdout
    shown = run("org", "show", "KM")
    assert "Hình thành từ" in shown.stdout


def test_every_change_is_logged(run, run_json, town):
    _ok(run, "org", "merge", "K2", "--into", "K1", "--on", "2024-01-01")
    entities = {e["entity"] for e in run_json("log", "--since", "2000-01-01")}
    assert {"org_version", "organisation", "org_lineage", "membership"} <= entities
    lineage = run_json("log", "--entity", "org_lineage")
    assert lineage[0]["after"]["on"] == "2024-01-01"


def test_imports_and_lists_know_a_closed_organisation(run, run_json, town, tmp_path):
    _ok(run, "org", "merge", "K2", "--into", "K1", "--on", "2024-01-01")
    listed = tmp_path / "members.csv"
    listed.write_text(
        "full_name,gender,birth_date,cell,admitted_on\nMai Thị Hoa,F,1990-01-01,K2,2015-01-01\n",
        encoding="utf-8",
    )
    result = run("import", "members", str(listed), "--format", "json")
    assert result.exit_code == 1
    problem = json.loads(result.stdout)["problems"][0]
    assert (problem["line"], problem["column"], problem["code"]) == (2, "cell", "tree.closed_for_people")
    assert "kết thúc hoạt động" in _refused(run, "org", "list", "--under", "K2")
    assert _codes(run_json("org", "list", "--under", "K2", "--at", "2023-12-31")) == ["K2"]
    # a year's report for an organisation that ended during it stops on its last day
    _ok(run, "org", "close", "K3", "--on", "2024-03-01", "--move-to", "K1")
    assert run_json("report", "quota", "--year", "2024", "--org", "K3")["at"] == "2024-02-29"
    assert run_json("report", "quota", "--year", "2024", "--org", "K1")["at"] == "2024-06-30"  # today
    assert run_json("report", "quota", "--year", "2023", "--org", "K2")["at"] == "2023-12-31"


def _sql(statement: str, **params: object) -> None:
    """Write behind the tool's back (SQLite or PostgreSQL)."""
    import sqlalchemy as sa

    from dangvien_cli.store.engine import resolve_url

    engine = sa.create_engine(resolve_url(None), poolclass=sa.pool.NullPool)
    try:
        with engine.begin() as connection:
            connection.execute(sa.text(statement), params)
    finally:
        engine.dispose()


def _problems(run: Run) -> set[str]:
    result = run("db", "check", "--format", "json")
    assert result.exit_code == 1
    return {p["code"] for p in json.loads(result.stdout)["problems"]}


def test_db_check_finds_what_was_written_behind_the_tools_back(run, run_json, town):
    _ok(run, "org", "merge", "K2", "--into", "K1", "--on", "2024-01-01")
    ids = {org["code"]: org["id"] for org in run_json("org", "list", "--at", "2023-12-31")}
    k2, k1, tp, hp = ids["K2"], ids["K1"], ids["TP"], ids["HP"]
    assert run("db", "check").exit_code == 0
    moved = "UPDATE membership SET cell_id = :cell WHERE member_id = :member AND reason = 'merge'"
    _sql(moved, cell=k2, member=town["k2a"])  # a member put back into the merged cell after its end
    assert "org.holds_outside_life" in _problems(run)
    _sql(moved, cell=k1, member=town["k2a"])
    ended = "UPDATE organisation SET end_on = :day WHERE id = :org"
    _sql(ended, day=date(2024, 2, 1), org=hp)  # a parent that ends before its child
    assert "org.parent_life" in _problems(run)
    _sql(ended, day=None, org=hp)
    version = "UPDATE org_version SET end_on = :day WHERE org_id = :org"
    _sql(version, day=date(2023, 6, 1), org=k2)  # a gap in a history
    assert "org.version_gap" in _problems(run)
    _sql(version, day=date(2024, 1, 1), org=k2)
    _sql("DELETE FROM org_closure_span WHERE ancestor_id = :a AND descendant_id = :d", a=tp, d=k1)
    assert _problems(run) == {"org.closure_history"}
    _sql("DELETE FROM org_closure WHERE ancestor_id = :a AND descendant_id = :d", a=tp, d=k1)
    assert _problems(run) == {"org.closure_history", "org.closure_now"}
    _sql(
        'INSERT INTO org_lineage (predecessor_id, successor_id, "on") VALUES (:p, :s, :day)',
        p=k1,
        s=k2,
        day=date(2024, 1, 1),
    )
    assert "org.lineage_cycle" in _problems(run)
