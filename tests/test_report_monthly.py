"""``report monthly``: a cell's month (cell HP, May 2024) built through the CLI, every JSON key checked."""

from __future__ import annotations

import json

import pytest


def ok(run, *args):
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return result


def add_member(run, name, cid, cell="HP", admitted="2010-01-01", official="2011-01-01", ceremony=None):
    args = ["member", "add", "--name", name, "--gender", "M", "--birth", "1970-03-15", "--cell", cell]
    args += ["--admitted", admitted, "--citizen-id", cid]
    if official:
        args += ["--official", official]
    if ceremony:
        args += ["--ceremony", ceremony]
    ok(run, *args)


def add_candidate(run_json, name, identified, born="2000-02-29"):
    return run_json(
        "add-candidate",
        "--name",
        name,
        "--gender",
        "F",
        "--birth",
        born,
        "--cell",
        "HP",
        "--source",
        "youth_union",
        "--identified",
        identified,
    )["id"]


@pytest.fixture
def may(run, run_json, city):
    """Cell HP in May 2024: a move out, a move in, a death, a member added, a recognition, an admission
    through the workflow, and candidates at several stages with and without remarks."""
    add_member(run, "Nguyễn Văn Thắng", "022060001111")  # 1
    add_member(run, "Trần Thị Mai", "022062002222")  # 2
    add_member(run, "Lê Văn Hùng", "022071003333")  # 3
    add_member(run, "Phạm Văn Đi", "022071004444", admitted="2015-01-01", official="2016-01-01")  # 4
    add_member(run, "Hoàng Văn Đến", "022071005555", cell="K2", admitted="2015-01-01", official="2016-01-01")
    add_member(run, "Vũ Văn Mất", "022071006666", admitted="2015-01-01", official="2016-01-01")  # 6
    add_member(run, "Đỗ Thị Mới", "022098007777", admitted="2024-05-05", official=None)  # 7
    add_member(  # 8: probation ends on 10 May 2024
        run, "Bùi Văn Dự", "022095008888", admitted="2023-04-25", official=None, ceremony="2023-05-10"
    )
    ok(run, "member", "move", "4", "--to", "K2", "--date", "2024-05-10")
    ok(run, "member", "move", "5", "--to", "HP", "--date", "2024-05-15")
    ok(run, "member", "leave", "6", "--reason", "death", "--date", "2024-05-20")
    ok(run, "member", "recognize", "8", "--date", "2024-05-20")

    # A: admitted on 8 May through the whole workflow (member 9).
    a = add_candidate(run_json, "Ngô Thị Lan", "2023-01-10")
    ok(run, "candidate", "mentor", str(a), "--member", "1", "--date", "2023-02-01")
    ok(run, "candidate", "review", str(a), "--by", "1", "--date", "2023-02-01", "--note", "Tích cực")
    ok(run, "candidate", "train", str(a), "--date", "2023-04-15", "--certificate", "125-CN/TTCT")
    ok(run, "candidate", "apply", str(a), "--date", "2024-02-01", "--introducer", "1", "--introducer", "2")
    ok(
        run,
        "candidate",
        "propose",
        str(a),
        "--date",
        "2024-04-10",
        "--resolution",
        "05-NQ/CB",
        "--votes-for",
        "6",
        "--official-members",
        "6",
    )
    ok(run, "admit", str(a), "--decision", "15-QĐ/ĐU", "--decision-date", "2024-05-08")
    # B: identified, no mentor.
    b = add_candidate(run_json, "Lý Văn Bình", "2024-03-01", born="2001-01-01")
    # C: mentored, remarked in April and in May.
    c = add_candidate(run_json, "Mai Thị Cúc", "2024-01-10", born="2002-01-01")
    ok(run, "candidate", "mentor", str(c), "--member", "2", "--date", "2024-02-01")
    ok(run, "candidate", "review", str(c), "--by", "2", "--date", "2024-04-10", "--note", "Chăm chỉ")
    ok(run, "candidate", "review", str(c), "--by", "2", "--date", "2024-05-12", "--note", "Tiến bộ rõ")
    # D: trained, last remarked in March, applied in June (so "trained" at the end of May).
    d = add_candidate(run_json, "Đinh Văn Dũng", "2023-06-01", born="1999-01-01")
    ok(run, "candidate", "mentor", str(d), "--member", "3", "--date", "2023-07-01")
    ok(run, "candidate", "review", str(d), "--by", "3", "--date", "2024-03-05", "--note", "Cần cố gắng")
    ok(run, "candidate", "train", str(d), "--date", "2024-01-15", "--certificate", "7-CN/TTCT")
    ok(run, "candidate", "apply", str(d), "--date", "2024-06-10", "--introducer", "1", "--introducer", "2")
    # E: identified in June: not yet on May's list.  G: dropped in June: still on May's list.
    add_candidate(run_json, "Cao Văn Em", "2024-06-05", born="2003-01-01")
    g = add_candidate(run_json, "Tạ Thị Giang", "2024-02-01", born="2003-05-01")
    ok(run, "candidate", "drop", str(g), "--date", "2024-06-15", "--reason", "Chuyển đi nơi khác")
    ok(run, "quota", "set", "TP", "--year", "2024", "--target", "4")
    return {"a": a, "b": b, "c": c, "d": d, "g": g}


def test_every_part_of_the_month(run_json, may):
    report = run_json("report", "monthly", "--cell", "HP", "--month", "2024-05")
    assert report["cell"] == "HP"
    assert report["cell_name"] == "Chi bộ khu Hồng Phong"
    assert (report["base"], report["month"]) == ("TP", "2024-05")
    assert (report["first_day"], report["last_day"]) == ("2024-05-01", "2024-05-31")
    # 1 May: 1, 2, 3, 4, 6 and 8 (probationary); 31 May: 1, 2, 3, 5, 7, 8, 9.
    assert (report["members_at_start"], report["official_at_start"]) == (6, 5)
    assert (report["members_at_end"], report["official_at_end"]) == (7, 5)
    assert [
        (m["member_id"], m["full_name"], m["admitted_on"], m["decision_no"]) for m in report["joined"]
    ] == [
        (7, "Đỗ Thị Mới", "2024-05-05", None),
        (9, "Ngô Thị Lan", "2024-05-08", "15-QĐ/ĐU"),
    ]
    assert report["left"] == [
        {
            "member_id": 6,
            "full_name": "Vũ Văn Mất",
            "left_on": "2024-05-20",
            "left_reason": "death",
            "left_note": None,
        }
    ]
    assert report["moved_in"] == [
        {"member_id": 5, "full_name": "Hoàng Văn Đến", "moved_on": "2024-05-15", "from_cell": "K2"}
    ]
    assert report["moved_out"] == [
        {"member_id": 4, "full_name": "Phạm Văn Đi", "moved_on": "2024-05-10", "to_cell": "K2"}
    ]
    assert report["became_official"] == [
        {
            "member_id": 8,
            "full_name": "Bùi Văn Dự",
            "admitted_on": "2023-04-25",
            "ceremony_on": "2023-05-10",
            "official_on": "2024-05-10",
        }
    ]
    candidates = {c["full_name"]: c for c in report["candidates"]}
    assert [c["stage"] for c in report["candidates"]] == ["identified", "identified", "mentored", "trained"]
    assert set(candidates) == {"Lý Văn Bình", "Tạ Thị Giang", "Mai Thị Cúc", "Đinh Văn Dũng"}
    binh = candidates["Lý Văn Bình"]
    assert (binh["stage_on"], binh["days_in_stage"], binh["mentor_name"], binh["last_remark"]) == (
        "2024-03-01",
        91,
        None,
        None,
    )
    cuc = candidates["Mai Thị Cúc"]
    assert (cuc["stage"], cuc["stage_on"], cuc["days_in_stage"], cuc["mentor_id"]) == (
        "mentored",
        "2024-02-01",
        120,
        2,
    )
    assert (cuc["mentor_name"], cuc["last_remark_on"], cuc["last_remark"]) == (
        "Trần Thị Mai",
        "2024-05-12",
        "Tiến bộ rõ",
    )
    dung = candidates["Đinh Văn Dũng"]
    assert (dung["stage"], dung["stage_on"], dung["days_in_stage"]) == ("trained", "2024-01-15", 137)
    assert (dung["mentor_name"], dung["last_remark_on"], dung["last_remark"]) == (
        "Lê Văn Hùng",
        "2024-03-05",
        "Cần cố gắng",
    )
    assert candidates["Tạ Thị Giang"]["stage"] == "identified"  # dropped only in June
    assert report["candidates_by_stage"] == {
        "identified": 2,
        "mentored": 1,
        "trained": 1,
        "applied": 0,
        "proposed": 0,
    }
    assert report["remarks"] == [
        {
            "date": "2024-05-12",
            "candidate_id": may["c"],
            "full_name": "Mai Thị Cúc",
            "author_id": 2,
            "author_name": "Trần Thị Mai",
            "text": "Tiến bộ rõ",
        }
    ]
    assert report["without_remark"] == [
        {
            "candidate_id": may["d"],
            "full_name": "Đinh Văn Dũng",
            "mentor_id": 3,
            "mentor_name": "Lê Văn Hùng",
            "last_remark_on": "2024-03-05",
        }
    ]
    assert report["admissions"] == [
        {
            "candidate_id": may["a"],
            "member_id": 9,
            "full_name": "Ngô Thị Lan",
            "resolution_no": "05-NQ/CB",
            "resolution_on": "2024-04-10",
            "decision_no": "15-QĐ/ĐU",
            "decision_on": "2024-05-08",
            "ceremony_on": None,
        }
    ]
    due = {(item["kind"], item["full_name"]): item for item in report["due"]}
    assert set(due) == {
        ("ceremony_due", "Đỗ Thị Mới"),
        ("ceremony_due", "Ngô Thị Lan"),
        ("mentor_missing", "Lý Văn Bình"),
        ("mentor_missing", "Tạ Thị Giang"),  # dropped only on 15 June: still on the list on 1 June
        ("remark_missing", "Mai Thị Cúc"),
        ("remark_missing", "Đinh Văn Dũng"),
    }
    assert due[("mentor_missing", "Lý Văn Bình")]["due_date"] == "2024-06-01"
    assert due[("remark_missing", "Mai Thị Cúc")]["due_date"] == "2024-06-30"
    assert all("2024-06-01" <= item["due_date"] <= "2024-06-30" for item in report["due"])
    assert all(item["cell"] == "HP" and not item["overdue"] for item in report["due"])
    quota = report["quota"]
    assert (quota["org"], quota["target"], quota["admitted"], quota["percent_of_target"]) == (
        "TP",
        4,
        2,
        50.0,
    )
    assert quota["members_at_start"] == 7
    assert quota["over_by"] == -2


def test_the_other_cell_and_no_quota(run_json, may):
    k2 = run_json("report", "monthly", "--cell", "K2", "--month", "2024-05")
    assert (k2["members_at_start"], k2["members_at_end"]) == (1, 1)
    assert [m["member_id"] for m in k2["moved_in"]] == [4]
    assert k2["moved_in"][0]["from_cell"] == "HP"
    assert [m["member_id"] for m in k2["moved_out"]] == [5]
    assert k2["joined"] == k2["left"] == k2["candidates"] == k2["remarks"] == k2["admissions"] == []
    assert k2["quota"]["target"] == 4  # the same base organisation
    earlier = run_json("report", "monthly", "--cell", "HP", "--month", "2023-07")
    assert earlier["quota"] is None  # no quota for 2023
    assert [m["member_id"] for m in earlier["became_official"]] == []
    assert [c["full_name"] for c in earlier["candidates"]] == ["Đinh Văn Dũng", "Ngô Thị Lan"]
    assert [c["stage"] for c in earlier["candidates"]] == ["mentored", "trained"]


def test_people_formats(run, may, tmp_path):
    table = ok(run, "report", "monthly", "--cell", "HP", "--month", "2024-05").stdout
    assert "Báo cáo sinh hoạt chi bộ tháng 05/2024: Chi bộ khu Hồng Phong (HP)" in table
    assert "Chuyển đến" in table
    assert "Hoàng Văn Đến" in table
    assert "Tiến bộ rõ" in table
    english = ok(run, "--lang", "en", "report", "monthly", "--cell", "HP", "--month", "2024-05").stdout
    assert "Monthly cell report, 05/2024" in english
    assert "Due next month" in english
    markdown = ok(run, "report", "monthly", "--cell", "K2", "--month", "2024-05", "-f", "md").stdout
    assert markdown.startswith("# Báo cáo sinh hoạt chi bộ tháng 05/2024")
    assert "## Kết nạp trong tháng (0)\n\n_Không có._" in markdown
    assert "| Phạm Văn Đi | 10/05/2024 | HP |" in markdown
    path = tmp_path / "hp.xlsx"
    ok(run, "report", "monthly", "--cell", "HP", "--month", "2024-05", "-f", "xlsx", "-o", str(path))
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    assert workbook.sheetnames[0] == "summary"
    assert "candidates" in workbook.sheetnames
    assert workbook["joined"]["B4"].value == "Ngô Thị Lan"
    again = run("report", "monthly", "--cell", "HP", "--month", "2024-05", "-f", "xlsx", "-o", str(path))
    assert again.exit_code == 1
    assert "--force" in again.stderr
    no_file = run("report", "monthly", "--cell", "HP", "--month", "2024-05", "-f", "xlsx")
    assert no_file.exit_code == 1
    assert "xlsx" in no_file.stderr


def test_one_file_per_cell(run, may, tmp_path):
    out = tmp_path / "may"
    result = ok(run, "report", "monthly", "--org", "TP", "--month", "2024-05", "--out-dir", str(out))
    hp, k2 = out / "HP-2024-05.md", out / "K2-2024-05.md"
    assert sorted(p.name for p in out.iterdir()) == ["HP-2024-05.md", "K2-2024-05.md"]
    assert result.stderr.splitlines() == [f"Đã ghi {hp}", f"Đã ghi {k2}"]
    assert "Hoàng Văn Đến" in hp.read_text(encoding="utf-8")
    # JSON: the list of paths on stdout; the files hold the same object as --cell gives.
    result = ok(
        run, "report", "monthly", "--org", "MC", "--month", "2024-05", "--out-dir", str(out), "-f", "json"
    )
    paths = json.loads(result.stdout)
    assert [p.rsplit("/", 1)[1] for p in paths] == ["CQ-2024-05.json", "HP-2024-05.json", "K2-2024-05.json"]
    # Every file, quota row included (the cells of one base share a row counted once a run).
    quotas = []
    for code in ("CQ", "HP", "K2"):
        written = json.loads((out / f"{code}-2024-05.json").read_text(encoding="utf-8"))
        single = json.loads(
            ok(run, "report", "monthly", "--cell", code, "--month", "2024-05", "-f", "json").stdout
        )
        assert written == single
        quotas.append(written["quota"])
    assert quotas[0] is None  # CQ's base has no quota
    assert quotas[1] == quotas[2]
    assert quotas[1]["org"] == "TP"
    # Nothing is overwritten without --force, and nothing at all is written when one file exists.
    hp.write_text("kept", encoding="utf-8")
    k2.unlink()
    refused = run("report", "monthly", "--org", "TP", "--month", "2024-05", "--out-dir", str(out))
    assert refused.exit_code == 1
    assert refused.stderr.strip() == f"Lỗi: Tệp ra '{hp}': tệp đã có; dùng --force để ghi đè"
    assert hp.read_text(encoding="utf-8") == "kept"
    assert not k2.exists()
    ok(run, "report", "monthly", "--org", "TP", "--month", "2024-05", "--out-dir", str(out), "--force")
    assert hp.read_text(encoding="utf-8").startswith("# Báo cáo")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--cell", "HP", "--month", "2022-13"), "Tháng '2022-13': không phải tháng (viết 10/2022,"),
        (("--cell", "HP", "--month", "May"), "Tháng 'May': không phải tháng"),
        (("--cell", "HP", "--month", "10/22"), "Tháng '10/22': không phải tháng"),
        (("--cell", "HP", "--month", "2022/10"), "Tháng '2022/10': không phải tháng"),
        (("--cell", "TP", "--month", "2024-05"), "'TP': là Tổ chức cơ sở đảng, không phải chi bộ"),
        (("--cell", "XX", "--month", "2024-05"), "'XX': không có tổ chức đảng mang mã này"),
        (("--org", "TP", "--month", "2024-05"), "cần --cell MÃ"),
        (("--cell", "HP", "--org", "TP", "--month", "2024-05"), "chỉ dùng một trong --cell và --org"),
    ],
)
def test_bad_input_is_refused(run, city, args, message):
    result = run("report", "monthly", *args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_out_dir_refuses_table_and_output(run, city, tmp_path):
    result = run(
        "report", "monthly", "--org", "TP", "--month", "2024-05", "--out-dir", str(tmp_path), "-f", "table"
    )
    assert result.exit_code == 1
    assert "md, json, xlsx" in result.stderr
    result = run(
        "report", "monthly", "--org", "TP", "--month", "2024-05", "--out-dir", str(tmp_path), "-o", "x.md"
    )
    assert result.exit_code == 1
    assert "--out-dir" in result.stderr


def test_csv_is_one_long_table(run, may):
    import csv as csv_module
    import io

    result = run("report", "monthly", "--cell", "HP", "--month", "2024-05", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv_module.DictReader(io.StringIO(result.stdout)))
    assert set(rows[0]) == {"section", "row", "field", "value"}
    by = {(r["section"], r["row"], r["field"]): r["value"] for r in rows}
    assert by[("summary", "", "cell")] == "HP"
    assert by[("summary", "", "month")] == "2024-05"
    assert any(r["section"] == "candidates" and r["field"] == "full_name" for r in rows)


@pytest.mark.parametrize("month", ["2024-05", "2024-5", "05/2024", "5/2024", "05-2024", " 5-2024 "])
def test_the_month_as_officers_write_it(run_json, may, month):
    """Year first with a dash, or month first with a slash or a dash: the same month."""
    report = run_json("report", "monthly", "--cell", "HP", "--month", month)
    assert report == run_json("report", "monthly", "--cell", "HP", "--month", "2024-05")
    assert report["month"] == "2024-05"


def test_the_month_defaults_to_this_month(run_json, may, monkeypatch):
    """Without --month, the month of today (DANGVIEN_TODAY pins it; the suite's today is 30 June 2024)."""
    assert run_json("report", "monthly", "--cell", "HP") == run_json(
        "report", "monthly", "--cell", "HP", "--month", "2024-06"
    )
    monkeypatch.setenv("DANGVIEN_TODAY", "2024-05-31")
    assert run_json("report", "monthly", "--cell", "HP")["month"] == "2024-05"
