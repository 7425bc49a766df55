"""Importing lists the way officers' spreadsheets really are; every guarantee of the import issue."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from dangvien_cli.store.database import open_database
from dangvien_cli.store.migrate import row_counts

MEMBERS_VI = (
    "STT,Họ và tên,Giới tính,Ngày sinh,Số CCCD,Chi bộ,Ngày vào Đảng,Ngày chính thức\n"
    "1,Nguyễn Văn Sỹ,Nam,1/9/1970,022070001234,HP,19/5/2000,19/5/2001\n"
    "2,Trần Thị Hoà,Nữ,03/02/1985,,K2,2010-06-15,\n"
    "3,Hoàng Phủ Minh Đức,Nam,30/4/1990,022090004567,HP,3/2/2015,3/2/2016\n"
)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def cp1258(text: str) -> bytes:
    """Text as Excel writes it in Windows-1258: â, ơ, đ precomposed, tones as combining marks."""
    shapes = "\u0302\u0306\u031b"
    out = []
    for ch in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        shaped = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in shapes))
        out.append(shaped + "".join(m for m in marks if m not in shapes))
    return "".join(out).encode("cp1258")


def counts() -> dict[str, int]:
    return row_counts(open_database().engine)


def test_members_csv_with_vietnamese_headers_and_bom(run, run_json, city, tmp_path):
    path = write(tmp_path / "dv.csv", MEMBERS_VI, "utf-8-sig")
    summary = run_json("import", "members", str(path))
    assert (summary["created"], summary["updated"], summary["skipped"], summary["errors"]) == (3, 0, 0, 0)
    assert summary["ignored_columns"] == ["STT"]
    members = run_json("member", "list")
    assert [m["full_name"] for m in members] == ["Hoàng Phủ Minh Đức", "Trần Thị Hoà", "Nguyễn Văn Sỹ"]
    duc = members[0]
    assert (duc["cell"], duc["status"], duc["citizen_id"], duc["birth_date"]) == (
        "HP",
        "official",
        "022090004567",
        "1990-04-30",
    )
    assert run_json("member", "show", str(duc["id"]))["family_name"] == "Hoàng Phủ"
    log = run_json("log", "--entity", "member", "--limit", "0", "--expand")  # the import's batch entry, a row
    assert [entry["action"] for entry in log] == ["insert"] * 3


def test_windows_1258_semicolons_and_nfd(run, run_json, city, tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(cp1258(MEMBERS_VI.replace(",", ";")))
    assert run_json("import", "members", str(path))["created"] == 3
    names = {m["full_name"] for m in run_json("member", "list")}
    assert names == {"Nguyễn Văn Sỹ", "Trần Thị Hoà", "Hoàng Phủ Minh Đức"}
    assert all(unicodedata.is_normalized("NFC", n) for n in names)


def test_every_bad_row_in_one_pass_and_nothing_written(run, city, tmp_path):
    text = (
        "full_name,gender,birth_date,citizen_id,cell,admitted_on\n"
        "Nguyễn Văn A,M,31/02/1990,,HP,2015-01-01\n"
        "Nguyễn Văn B,M,1990-01-01,22070001234,HP,2015-01-01\n"
        "Nguyễn Văn C,M,1990-01-01,,ZZ,2015-01-01\n"
        "Nguyễn Văn D,M,2001-01-01,,HP,2015-01-01\n"
        "Nguyễn Văn E,X,1990-01-01,,HP,2015-01-01\n"
        "Nguyễn Văn F,M,1990-01-01,,HP,2015-01-01\n"
    )
    path = write(tmp_path / "bad.csv", text)
    errors = tmp_path / "errors.csv"
    before = counts()
    result = run("import", "members", str(path), "--errors-to", str(errors), "--format", "json")
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert summary["errors"] == 5
    assert summary["created"] == 0  # nothing was written
    assert [(p["line"], p["column"], p["value"]) for p in summary["problems"]] == [
        (2, "birth_date", "31/02/1990"),
        (3, "citizen_id", "22070001234"),
        (4, "cell", "ZZ"),
        (5, "admitted_on", "2015-01-01"),  # only 14 years old when admitted
        (6, "gender", "X"),
    ]
    assert "Dòng 2, cột 'birth_date', giá trị '31/02/1990': ngày không có thật" in result.stderr
    assert counts() == before
    rows = list(csv.DictReader(io.StringIO(errors.read_text(encoding="utf-8-sig"))))
    assert [r["line"] for r in rows] == ["2", "3", "4", "5", "6"]
    assert rows[1]["reason"].startswith("thiếu chữ số")


def test_unknown_column_is_refused_in_the_header(run, city, tmp_path):
    path = write(tmp_path / "x.csv", "Họ và tên,Giới tính,Ngày sinh,Chi bộ,Ngày vào Đảng,Ghi chú\n")
    result = run("import", "members", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith("Lỗi: Dòng tiêu đề 'Ghi chú': cột không biết")


def test_missing_required_column(run, city, tmp_path):
    path = write(tmp_path / "x.csv", "full_name,gender,birth_date,cell\nA,M,1990-01-01,HP\n")
    result = run("import", "members", str(path))
    assert result.exit_code == 1
    assert "admitted_on" in result.stderr


def test_dry_run_reports_and_writes_nothing(run, run_json, city, tmp_path):
    path = write(tmp_path / "dv.csv", MEMBERS_VI)
    before = counts()
    summary = run_json("import", "members", str(path), "--dry-run")
    assert summary["dry_run"] is True
    assert summary["created"] == 3
    assert counts() == before


def test_the_same_file_twice_changes_nothing(run, run_json, city, tmp_path):
    path = write(tmp_path / "dv.csv", MEMBERS_VI)
    run_json("import", "members", str(path))
    before = counts()
    again = run_json("import", "members", str(path))
    assert (again["created"], again["updated"], again["skipped"], again["errors"]) == (0, 0, 3, 0)
    assert counts() == before


def test_duplicates_by_citizen_id(run, run_json, city, tmp_path):
    run_json("import", "members", str(write(tmp_path / "a.csv", MEMBERS_VI)))
    changed = MEMBERS_VI.replace(
        "Nguyễn Văn Sỹ,Nam,1/9/1970,022070001234,HP,19/5/2000,19/5/2001",
        "Nguyễn Văn Sỹ,Nam,1/9/1970,022070001234,HP,19/5/2000,20/5/2001",
    )
    path = write(tmp_path / "b.csv", changed)
    refused = run("import", "members", str(path), "--format", "json")
    assert refused.exit_code == 1
    problem = json.loads(refused.stdout)["problems"][0]
    assert (problem["line"], problem["column"], problem["code"]) == (2, "Ngày chính thức", "import.duplicate")
    skipped = run_json("import", "members", str(path), "--on-duplicate", "skip")
    assert (skipped["created"], skipped["updated"], skipped["skipped"]) == (0, 0, 3)
    updated = run_json("import", "members", str(path), "--on-duplicate", "update")
    assert (updated["created"], updated["updated"], updated["skipped"]) == (0, 1, 2)
    sy = next(m for m in run_json("member", "list") if m["citizen_id"] == "022070001234")
    assert sy["official_on"] == "2001-05-20"
    entries = run_json("log", "--entity", f"member:{sy['id']}")
    assert entries[-1]["action"] == "update"
    assert entries[-1]["before"]["official_on"] == "2001-05-19"


def test_blank_cells_never_overwrite(run, run_json, city, tmp_path):
    run_json("import", "members", str(write(tmp_path / "a.csv", MEMBERS_VI)))
    sparse = (
        "citizen_id,full_name,gender,birth_date,cell,admitted_on,official_on,occupation\n"
        "022070001234,Nguyễn Văn Sỹ,M,1970-09-01,HP,2000-05-19,,Hưu trí\n"
    )
    summary = run_json(
        "import", "members", str(write(tmp_path / "b.csv", sparse)), "--on-duplicate", "update"
    )
    assert summary["updated"] == 1
    sy = next(m for m in run_json("member", "list") if m["citizen_id"] == "022070001234")
    assert sy["official_on"] == "2001-05-19"
    assert sy["occupation"] == "Hưu trí"


def test_name_and_birth_date_match_is_a_possible_duplicate(run, run_json, city, tmp_path):
    run_json("import", "members", str(write(tmp_path / "a.csv", MEMBERS_VI)))
    # Trần Thị Hoà has no citizen ID; the same name (other tone placement) and birth date, another cell
    other = (
        "full_name,gender,birth_date,cell,admitted_on,occupation\n"
        "Trần Thị Hòa,F,1985-02-03,K2,2010-06-15,Giáo viên\n"
    )
    result = run("import", "members", str(write(tmp_path / "b.csv", other)), "--format", "json")
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert summary["problems"][0]["code"] == "import.possible_duplicate"
    assert summary["possible_duplicates"][0]["line"] == 2
    assert "có thể trùng người đã có" in result.stderr
    # the same person with a citizen ID that differs from nobody's: still only a possible duplicate
    skipped = run_json("import", "members", str(write(tmp_path / "b.csv", other)), "--on-duplicate", "skip")
    assert skipped["skipped"] == 1
    assert skipped["created"] == 0


def test_the_same_person_twice_in_one_file(run, city, tmp_path):
    text = MEMBERS_VI + "4,Nguyễn Văn Sỹ,Nam,1/9/1970,022070001234,HP,19/5/2000,1/1/2002\n"
    result = run("import", "members", str(write(tmp_path / "a.csv", text)), "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["problems"][0]["line"] == 5


def test_cell_change_is_refused_on_update(run, run_json, city, tmp_path):
    run_json("import", "members", str(write(tmp_path / "a.csv", MEMBERS_VI)))
    moved = MEMBERS_VI.replace("022070001234,HP", "022070001234,K2")
    result = run("import", "members", str(write(tmp_path / "b.csv", moved)), "--on-duplicate", "update")
    assert result.exit_code == 1
    assert "member move" in result.stderr


def test_xlsx_dates_serials_and_citizen_ids(run, run_json, city, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Danh sách"
    sheet.append(["Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Chi bộ", "Ngày vào Đảng"])
    sheet.append(
        ["Nguyễn Văn Sỹ", "Nam", datetime(1970, 9, 1), "022070001234", "HP", 36665]
    )  # serial 19/5/2000
    sheet.append(["Lê Thị Lan", "Nữ", "5/6/1980", 22080001234, "HP", datetime(2010, 1, 1)])
    path = tmp_path / "dv.xlsx"
    workbook.save(path)
    refused = run("import", "members", str(path), "--format", "json")
    assert refused.exit_code == 1
    problem = json.loads(refused.stdout)["problems"][0]
    assert (problem["line"], problem["column"], problem["code"]) == (3, "Số CCCD", "citizen_id.number")
    # the same numbers in a column declared Text: the leading zero is restored
    for row in sheet.iter_rows(min_row=2, min_col=4, max_col=4):
        row[0].number_format = "@"
    workbook.save(path)
    assert run_json("import", "members", str(path))["created"] == 2
    by_name = {m["full_name"]: m for m in run_json("member", "list")}
    assert by_name["Nguyễn Văn Sỹ"]["admitted_on"] == "2000-05-19"
    assert by_name["Lê Thị Lan"]["citizen_id"] == "022080001234"
    assert by_name["Lê Thị Lan"]["birth_date"] == "1980-06-05"


def test_ymd_date_format(run, run_json, city, tmp_path):
    text = "full_name,gender,birth_date,cell,admitted_on\nLê Văn Tám,M,1970/01/31,HP,2000/05/19\n"
    path = write(tmp_path / "a.csv", text)
    assert run("import", "members", str(path)).exit_code == 1
    assert run_json("import", "members", str(path), "--date-format", "ymd")["created"] == 1


def test_standard_input(run, run_json, city):
    result = run("import", "members", "-", "--input-format", "csv", "--format", "json", input=MEMBERS_VI)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["created"] == 3


def test_orgs_children_before_parents(run, run_json, tmp_path):
    text = (
        "Mã,Tên tổ chức,Loại,Cấp trên,Địa bàn,Dân số\n"
        "HP,Chi bộ khu Hồng Phong,Chi bộ,TP,Thôn khu tổ dân phố,1200\n"
        "TP,Đảng bộ phường Trần Phú,base,MC,,\n"
        "MC,Đảng bộ TP Móng Cái,committee,,,108553\n"
    )
    summary = run_json("import", "orgs", str(write(tmp_path / "orgs.csv", text)))
    assert summary["created"] == 3
    orgs = run_json("org", "list")
    assert [(o["code"], o["parent"], o["place"], o["population"]) for o in orgs] == [
        ("MC", None, "other", 108553),
        ("TP", "MC", "other", None),
        ("HP", "TP", "residential", 1200),
    ]
    assert run_json("import", "orgs", str(write(tmp_path / "orgs.csv", text)))["skipped"] == 3


def test_quotas_with_milestones(run, run_json, city, tmp_path):
    text = (
        "org,year,target,residential_target,stretch_target,milestones\n"
        "TP,2022,13,5,15,2022-Q2=6; 2022-09=10\n"
    )
    assert run_json("import", "quotas", str(write(tmp_path / "q.csv", text)))["created"] == 1
    exported = run("export", "quotas").stdout
    assert exported.splitlines()[1] == "TP,2022,13,5,15,2022-Q2=6; 2022-09=10"
    bad = "org,year,target,milestones\nTP,2022,13,2023-Q1=3\n"
    result = run("import", "quotas", str(write(tmp_path / "bad.csv", bad)))
    assert result.exit_code == 1
    assert "2022" in result.stderr


def test_candidates_with_mentors_and_reviews(run, run_json, city, tmp_path):
    run_json("import", "members", str(write(tmp_path / "m.csv", MEMBERS_VI)))
    candidates = (
        "full_name,gender,birth_date,cell,source,identified_on,mentor,mentor_assigned_on,trained_on\n"
        "Ngô Thị Lan,F,2/2/2001,HP,Đoàn viên,10/1/2022,022070001234,1/2/2022,15/3/2022\n"
        "Dương Văn Khoa,M,17/7/1997,K2,demobilised_soldier,5/3/2022,Hoàng Phủ Minh Đức,,\n"
    )
    summary = run_json("import", "candidates", str(write(tmp_path / "c.csv", candidates)))
    assert summary["created"] == 2
    by_name = {c["full_name"]: c for c in run_json("candidate", "list")}
    assert by_name["Ngô Thị Lan"]["stage"] == "trained"
    assert by_name["Ngô Thị Lan"]["mentor_name"] == "Nguyễn Văn Sỹ"
    assert by_name["Dương Văn Khoa"]["stage"] == "mentored"
    reviews = (
        "candidate,author,date,text\nNgô Thị Lan,022070001234,28/2/2022,Tích cực tham gia sinh hoạt Đoàn\n"
    )
    assert run_json("import", "reviews", str(write(tmp_path / "r.csv", reviews)))["created"] == 1
    shown = run_json("candidate", "show", str(by_name["Ngô Thị Lan"]["id"]))
    assert shown["remarks"][0]["text"] == "Tích cực tham gia sinh hoạt Đoàn"
    assert run_json("import", "reviews", str(write(tmp_path / "r.csv", reviews)))["skipped"] == 1
    unknown = (
        "full_name,gender,birth_date,cell,source,identified_on,mentor\n"
        "A B,F,2/2/2001,HP,other,10/1/2022,Không Ai\n"
    )
    result = run("import", "candidates", str(write(tmp_path / "u.csv", unknown)))
    assert result.exit_code == 1
    assert "mentor" in result.stderr


def test_json_round_trip_of_members(run, run_json, city, tmp_path):
    run_json("import", "members", str(write(tmp_path / "a.csv", MEMBERS_VI)))
    exported = tmp_path / "members.json"
    assert run("export", "members", "--format", "json", "-o", str(exported)).exit_code == 0
    again = run_json("import", "members", str(exported))
    assert (again["created"], again["updated"], again["skipped"]) == (0, 0, 3)


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_export_then_import_into_a_new_database_is_the_identity(run, run_json, city, tmp_path, fmt):
    run_json("import", "members", str(write(tmp_path / "a.csv", MEMBERS_VI)))
    assert run("member", "leave", "1", "--reason", "transfer", "--date", "2023-01-01").exit_code == 0
    other = str(tmp_path / "other.db")
    for entity in ("orgs", "members"):
        path = tmp_path / f"{entity}.{fmt}"
        assert run("export", entity, "--format", fmt, "-o", str(path)).exit_code == 0
        summary = run_json("--db", other, "import", entity, str(path))
        assert summary["errors"] == 0
    first = run("export", "members", "--format", "csv").stdout
    second = run("--db", other, "export", "members", "--format", "csv").stdout
    assert first == second
    assert "2023-01-01,transfer" in first


def test_export_refuses_to_overwrite_and_redacts(run, run_json, city, tmp_path):
    run_json("import", "members", str(write(tmp_path / "a.csv", MEMBERS_VI)))
    target = tmp_path / "out.csv"
    target.write_text("keep me")
    result = run("export", "members", "-o", str(target))
    assert result.exit_code == 1
    assert "--force" in result.stderr
    assert target.read_text() == "keep me"
    redacted = run("export", "members", "--redact").stdout
    assert "022070001234" not in redacted
    assert "022*******34" in redacted
    assert "1970-09-**" in redacted
    assert run("export", "members", "-f", "xlsx").exit_code == 1


def test_export_at_a_past_date(run, run_json, city, tmp_path):
    run_json("import", "members", str(write(tmp_path / "a.csv", MEMBERS_VI)))
    rows = list(csv.DictReader(io.StringIO(run("export", "members", "--at", "2012-01-01").stdout)))
    assert [r["full_name"] for r in rows] == ["Trần Thị Hoà", "Nguyễn Văn Sỹ"]
    rows = list(csv.DictReader(io.StringIO(run("export", "members", "--at", "2000-12-31").stdout)))
    assert rows[0]["official_on"] == ""  # not yet official on that day


def test_tcvn3_file_is_detected(run, city, tmp_path):
    # "Nguyễn Văn Sỹ" typed with a .VnTime font: TCVN3 bytes read as Windows-1252 text
    tcvn3 = "full_name,gender,birth_date,cell,admitted_on\nNguyÔn V¨n Sü,M,1/9/1970,HP,19/5/2000\n" * 5
    path = tmp_path / "old.csv"
    path.write_bytes(tcvn3.encode("cp1252"))
    result = run("import", "members", str(path))
    assert result.exit_code == 1
    assert "TCVN3" in result.stderr


def test_today_is_respected(city):
    assert date.today() > date(2024, 6, 30)


def test_a_member_is_not_imported_as_a_candidate(run, run_json, city, tmp_path):
    run_json("import", "members", str(write(tmp_path / "m.csv", MEMBERS_VI)))
    text = (
        "citizen_id,full_name,gender,birth_date,cell,source,identified_on\n"
        "022070001234,Nguyễn Văn Sỹ,M,1/9/1970,HP,other,1/1/2022\n"
    )
    result = run("import", "candidates", str(write(tmp_path / "c.csv", text)))
    assert result.exit_code == 1
    assert "đã là đảng viên #" in result.stderr


def test_tone_placement_is_the_same_name_and_name_only_matches_are_reported(run, run_json, city, tmp_path):
    run_json("import", "members", str(write(tmp_path / "a.csv", MEMBERS_VI)))
    # Trần Thị Hoà has no citizen ID: the same person typed with the other tone placement
    again = "full_name,gender,birth_date,cell,admitted_on\nTrần Thị Hòa,F,1985-02-03,K2,2010-06-15\n"
    summary = run_json("import", "members", str(write(tmp_path / "b.csv", again)))
    assert (summary["created"], summary["skipped"]) == (0, 1)
    assert summary["possible_duplicates"][0]["line"] == 2
    assert run_json("member", "list")[1]["full_name"] == "Trần Thị Hoà"  # stored as first entered


def test_namesakes_round_trip_through_name_and_birth_date(run, run_json, city, tmp_path):
    # two members with the same name and no citizen ID; the candidate's mentor is the one in HP
    for cell, born in (("HP", "1980-01-01"), ("CQ", "1975-05-05")):
        assert (
            run(
                "member",
                "add",
                "--name",
                "Hoàng Văn Đức",
                "--gender",
                "M",
                "--birth",
                born,
                "--cell",
                cell,
                "--admitted",
                "2005-01-01",
                "--official",
                "2006-01-01",
            ).exit_code
            == 0
        )
    candidate = run_json(
        "add-candidate",
        "--name",
        "Ngô Thị Lan",
        "--gender",
        "F",
        "--birth",
        "2001-02-02",
        "--cell",
        "HP",
        "--source",
        "other",
        "--identified",
        "2022-01-10",
    )["id"]
    assert run("candidate", "mentor", str(candidate), "--member", "1", "--date", "2022-02-01").exit_code == 0
    assert (
        run(
            "candidate", "review", str(candidate), "--by", "1", "--date", "2022-02-28", "--note", "Tốt"
        ).exit_code
        == 0
    )
    other = str(tmp_path / "other.db")
    for entity in ("orgs", "members", "candidates", "reviews"):
        path = tmp_path / f"{entity}.csv"
        assert run("export", entity, "-o", str(path)).exit_code == 0
        assert run_json("--db", other, "import", entity, str(path))["errors"] == 0
    exported = (tmp_path / "candidates.csv").read_text(encoding="utf-8-sig")
    assert "Hoàng Văn Đức (01/01/1980)" in exported
    for entity in ("members", "candidates", "reviews"):
        assert run("export", entity).stdout == run("--db", other, "export", entity).stdout


def test_a_mentor_must_be_an_official_member(run, run_json, city, tmp_path):
    run_json("import", "members", str(write(tmp_path / "m.csv", MEMBERS_VI)))
    text = (
        "full_name,gender,birth_date,cell,source,identified_on,mentor\n"
        "Dương Văn Khoa,M,17/7/1997,K2,other,5/3/2022,Trần Thị Hoà\n"  # still probationary
    )
    result = run("import", "candidates", str(write(tmp_path / "c.csv", text)))
    assert result.exit_code == 1
    assert (
        "cột 'mentor', giá trị 'Trần Thị Hoà': không phải đảng viên chính thức ngày 05/03/2022"
        in result.stderr
    )
