"""Members: adding, listing on past dates, moving between cells, leaving."""

from __future__ import annotations

import csv
import io


def add_member(run, name, cell="HP", birth="1970-01-01", admitted="2000-05-19", *extra):
    result = run(
        "member",
        "add",
        "--name",
        name,
        "--gender",
        "M",
        "--birth",
        birth,
        "--cell",
        cell,
        "--admitted",
        admitted,
        *extra,
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    import json

    return json.loads(result.stdout)


def test_add_prints_the_created_record(run, city):
    record = add_member(
        run,
        "Nguyễn Văn Sỹ",
        "HP",
        "1/9/1970",
        "19/5/2000",
        "--official",
        "2001-05-19",
        "--citizen-id",
        "022070001234",
        "--ceremony",
        "2000-06-01",
        "--decision-no",
        "15-QĐ/TU",
        "--ethnicity",
        "Kinh",
        "--youth-union",
    )
    assert record["id"] == 1
    assert record["full_name"] == "Nguyễn Văn Sỹ"
    assert (record["family_name"], record["middle_name"], record["given_name"]) == ("Nguyễn", "Văn", "Sỹ")
    assert record["cell"] == "HP"
    assert record["birth_date"] == "1970-09-01"
    assert record["gender"] == "M"
    assert record["admitted_on"] == "2000-05-19"
    assert record["ceremony_on"] == "2000-06-01"
    assert record["official_on"] == "2001-05-19"
    assert record["decision_no"] == "15-QĐ/TU"
    assert record["citizen_id"] == "022070001234"
    assert record["status"] == "official"
    assert record["youth_union"] is True
    assert record["ethnicity"] == "Kinh"
    assert record["memberships"] == [
        {
            "cell": "HP",
            "start_on": "2000-05-19",
            "end_on": None,
            "cell_name": "Chi bộ khu Hồng Phong",
            "reason": None,
        }
    ]


def test_names_are_stored_in_nfc(run, city):
    decomposed = "Nguye\u0302\u0303n Thi\u0323 Hoa\u0300"
    record = add_member(run, decomposed)
    assert record["full_name"] == "Nguyễn Thị Hoà"


def test_explicit_name_parts_win(run, city):
    record = add_member(
        run, "Nguyễn Thị Thu Hà", "HP", "1970-01-01", "2000-05-19", "--given", "Thu Hà", "--middle", "Thị"
    )
    assert (record["family_name"], record["middle_name"], record["given_name"]) == ("Nguyễn", "Thị", "Thu Hà")


def test_list_sorts_by_given_name_in_vietnamese_order(run, run_json, city):
    for name in ["Trần Văn Đức", "Lê Thị Dũng", "Phạm An", "Nguyễn Văn Ánh", "Hoàng Thị Anh", "Vũ Văn Ư"]:
        add_member(run, name)
    names = [r["full_name"] for r in run_json("member", "list")]
    assert names == ["Phạm An", "Hoàng Thị Anh", "Nguyễn Văn Ánh", "Lê Thị Dũng", "Trần Văn Đức", "Vũ Văn Ư"]


def test_list_status_on_past_dates(run, run_json, city):
    add_member(run, "Nguyễn Văn A", "HP", "1970-01-01", "2020-01-10", "--official", "2021-01-10")
    add_member(run, "Nguyễn Văn B", "K2", "1970-01-01", "2023-03-01")
    assert run_json("member", "list", "--at", "2019-12-31") == []
    on_2020 = run_json("member", "list", "--at", "2020-06-30")
    assert [(r["full_name"], r["status"]) for r in on_2020] == [("Nguyễn Văn A", "probationary")]
    now = run_json("member", "list")
    assert [(r["full_name"], r["status"]) for r in now] == [
        ("Nguyễn Văn A", "official"),
        ("Nguyễn Văn B", "probationary"),
    ]
    assert [r["full_name"] for r in run_json("member", "list", "--status", "official")] == ["Nguyễn Văn A"]
    assert [r["full_name"] for r in run_json("member", "list", "--org", "K2")] == ["Nguyễn Văn B"]
    assert len(run_json("member", "list", "--org", "MC")) == 2
    assert run_json("member", "list", "--org", "CQ") == []


def test_move_keeps_the_history(run, run_json, city):
    member = add_member(run, "Nguyễn Văn Sỹ", "HP", "1970-01-01", "2010-01-01")
    result = run("member", "move", str(member["id"]), "--to", "K2", "--date", "15/3/2022")
    assert result.exit_code == 0, result.stderr
    assert "Đã chuyển đảng viên #1 sang K2" in result.stderr
    shown = run_json("member", "show", "1")
    assert shown["cell"] == "K2"
    hp, k2 = "Chi bộ khu Hồng Phong", "Chi bộ khu 2"
    assert shown["memberships"] == [
        {"cell": "HP", "start_on": "2010-01-01", "end_on": "2022-03-15", "cell_name": hp, "reason": None},
        {"cell": "K2", "start_on": "2022-03-15", "end_on": None, "cell_name": k2, "reason": None},
    ]
    assert [r["cell"] for r in run_json("member", "list", "--at", "2022-03-14")] == ["HP"]
    assert [r["cell"] for r in run_json("member", "list", "--at", "2022-03-15")] == ["K2"]
    assert run_json("member", "list", "--org", "HP") == []
    assert run_json("member", "show", "1", "--at", "2020-01-01")["cell"] == "HP"


def test_move_refusals(run, city):
    add_member(run, "Nguyễn Văn Sỹ", "HP", "1970-01-01", "2010-01-01")
    result = run("member", "move", "1", "--to", "K2", "--date", "2009-12-31")
    assert result.exit_code == 1
    assert "Ngày '2009-12-31'" in result.stderr
    result = run("member", "move", "1", "--to", "HP", "--date", "2020-01-01")
    assert result.exit_code == 1
    assert "Chi bộ chuyển đến 'HP'" in result.stderr
    result = run("member", "move", "1", "--to", "TP", "--date", "2020-01-01")
    assert result.exit_code == 1
    assert "Chi bộ chuyển đến 'TP'" in result.stderr


def test_leave(run, run_json, city):
    add_member(run, "Nguyễn Văn Sỹ", "HP", "1970-01-01", "2010-01-01", "--official", "2011-01-01")
    add_member(run, "Trần Văn Bình", "HP", "1970-01-01", "2010-01-01")
    result = run("member", "leave", "1", "--reason", "death", "--date", "2023-02-01")
    assert result.exit_code == 0, result.stderr
    assert [r["full_name"] for r in run_json("member", "list")] == ["Trần Văn Bình"]
    gone = run_json("member", "list", "--status", "left")
    assert [(r["full_name"], r["cell"], r["left_reason"], r["left_on"]) for r in gone] == [
        ("Nguyễn Văn Sỹ", "HP", "death", "2023-02-01")
    ]
    # on a date before they left, they are still listed, and official
    before = run_json("member", "list", "--at", "2023-01-31", "--status", "official")
    assert [r["full_name"] for r in before] == ["Nguyễn Văn Sỹ"]
    assert run_json("member", "list", "--status", "left", "--at", "2023-01-31") == []
    again = run("member", "leave", "1", "--reason", "transfer", "--date", "2023-03-01")
    assert again.exit_code == 1
    assert "Số đảng viên '1'" in again.stderr
    bad = run("member", "leave", "2", "--reason", "holiday", "--date", "2023-03-01")
    assert bad.exit_code == 2  # refused while the command line is parsed, with the choices and their labels
    choices = "Chuyển sinh hoạt; Từ trần; Xóa tên; Khai trừ"
    assert f"Lỗi: --reason 'holiday': phải là một trong: {choices}" in bad.stderr


def test_list_csv_and_table(run, city):
    add_member(run, "Nguyễn Văn Sỹ", "HP", "1970-09-01", "2000-05-19")
    out = run("member", "list", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["full_name"] == "Nguyễn Văn Sỹ"
    assert rows[0]["birth_date"] == "1970-09-01"
    assert rows[0]["cell"] == "HP"
    assert rows[0]["status"] == "probationary"
    table = run("member", "list").stdout
    assert "Nguyễn Văn Sỹ" in table
    assert "01/09/1970" in table
    assert "Dự bị" in table
    english = run("--lang", "en", "member", "list").stdout
    assert "01/09/1970" in english  # dates read day first in both languages
    assert "Probationary" in english


def test_show_table(run, city):
    add_member(run, "Nguyễn Văn Sỹ", "HP", "1970-09-01", "2000-05-19")
    out = run("member", "show", "1").stdout
    assert "Quá trình sinh hoạt" in out
    assert "19/05/2000" in out


def test_brackets_in_names_are_shown_as_typed(run, city):
    add_member(run, "Lê Văn An [chuyển đi]")
    add_member(run, "Lê Văn Bình [/x]")
    out = run("member", "list").stdout
    assert "Lê Văn An [chuyển đi]" in out
    assert "Lê Văn Bình [/x]" in out
