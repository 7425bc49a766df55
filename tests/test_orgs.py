"""Organisations: the tree, its rules, and subtree counts."""

from __future__ import annotations

import sqlalchemy as sa

from dangvien_cli.store.database import open_database


def test_add_and_list_tree_order(run, run_json, city):
    rows = run_json("org", "list")
    assert [r["code"] for r in rows] == ["MC", "CQ", "TP", "HP", "K2"]
    by_code = {r["code"]: r for r in rows}
    assert by_code["HP"] == {
        "id": by_code["HP"]["id"],
        "code": "HP",
        "name": "Chi bộ khu Hồng Phong",
        "kind": "cell",
        "parent": "TP",
        "place": "residential",
        "population": None,
        "depth": 2,
    }
    assert by_code["MC"]["parent"] is None
    assert by_code["MC"]["depth"] == 0


def test_list_under_a_subtree(run_json, city):
    rows = run_json("org", "list", "--under", "TP")
    assert [(r["code"], r["depth"]) for r in rows] == [("TP", 0), ("HP", 1), ("K2", 1)]


def test_tree_on_a_terminal(run, city):
    result = run("org", "list")
    assert result.exit_code == 0
    assert "└── TP Đảng bộ phường Trần Phú" in result.stdout
    assert "HP Chi bộ khu Hồng Phong (Chi bộ, Thôn, khu, tổ dân phố)" in result.stdout


def test_closure_table_has_every_ancestor(city):
    database = open_database()
    with database.engine.connect() as conn:
        links = conn.execute(
            sa.text(
                "SELECT a.code, d.code, c.depth FROM org_closure c "
                "JOIN organisation a ON a.id = c.ancestor_id JOIN organisation d ON d.id = c.descendant_id "
                "WHERE d.code = 'HP' ORDER BY c.depth"
            )
        ).all()
    assert [tuple(link) for link in links] == [("HP", "HP", 0), ("TP", "HP", 1), ("MC", "HP", 2)]


def test_show_counts_members_and_candidates_of_the_subtree(run, run_json, city):
    for name, cell, official in [("Nguyễn Văn Sỹ", "HP", "2001-05-19"), ("Lê Văn Tám", "K2", None)]:
        args = [
            "member",
            "add",
            "--name",
            name,
            "--gender",
            "M",
            "--birth",
            "1/1/1970",
            "--cell",
            cell,
            "--admitted",
            "2000-05-19",
        ]
        if official:
            args += ["--official", official]
        assert run(*args).exit_code == 0
    assert (
        run(
            "add-candidate",
            "--name",
            "Phạm Thị Hoa",
            "--gender",
            "F",
            "--birth",
            "2000-01-01",
            "--cell",
            "HP",
            "--source",
            "youth_union",
            "--identified",
            "2024-01-10",
        ).exit_code
        == 0
    )
    shown = run_json("org", "show", "TP")
    assert shown["members"] == 2
    assert shown["official_members"] == 1
    assert shown["probationary_members"] == 1
    assert shown["candidates"] == 1
    assert shown["children"] == 2
    assert shown["cells"] == 2
    # the same organisation before anyone was admitted
    assert run_json("org", "show", "TP", "--at", "1999-12-31")["members"] == 0
    assert run_json("org", "show", "CQ")["members"] == 0


def test_show_table_in_english(run, city):
    result = run("--lang", "en", "org", "show", "HP")
    assert result.exit_code == 0
    assert "Residential" in result.stdout
    assert "Cell" in result.stdout


def test_base_cell_holds_members_directly(run, run_json, city):
    result = run(
        "member",
        "add",
        "--name",
        "Vũ Thị Lan",
        "--gender",
        "F",
        "--birth",
        "1980-03-03",
        "--cell",
        "CQ",
        "--admitted",
        "2010-01-01",
    )
    assert result.exit_code == 0, result.stderr
    assert run_json("org", "show", "CQ")["members"] == 1


def test_a_base_cell_with_members_cannot_grow_cells(run, city):
    assert (
        run(
            "member",
            "add",
            "--name",
            "Vũ Thị Lan",
            "--gender",
            "F",
            "--birth",
            "1980-03-03",
            "--cell",
            "CQ",
            "--admitted",
            "2010-01-01",
        ).exit_code
        == 0
    )
    result = run("org", "add", "CQ-1", "Chi bộ 1", "--kind", "cell", "--parent", "CQ")
    assert result.exit_code == 1
    assert result.stderr == (
        "Lỗi: Cấp trên 'CQ': tổ chức này có 1 đảng viên sinh hoạt trực tiếp; "
        "hãy chuyển họ về chi bộ trước\n"
    )
