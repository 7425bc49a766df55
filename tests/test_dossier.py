"""The admission dossier (issue 18): the papers each step needs, present or missing along the whole path,
the dates that contradict the workflow, ``dossier add``/``remove``/``check``."""

from __future__ import annotations

import json

import pytest

from tests.test_workflow import add_candidate, ok, walk_to_applied
from tests.test_workflow import ward as ward  # the fixture


def _status(run_json, cid, *args):
    """``dossier show`` as {form: [status, …]}."""
    found: dict[str, list[str]] = {}
    for row in run_json("dossier", "show", str(cid), *args):
        found.setdefault(row["form"], []).append(row["status"])
    return found


def _propose(run, cid, on="2023-03-01"):
    ok(
        run, "candidate", "propose", str(cid), "--date", on, "--resolution", "05-NQ/CB",
        "--votes-for", "3", "--official-members", "3",
    )  # fmt: skip


def test_the_whole_path_turns_missing_into_present(run, run_json, ward):
    cid = add_candidate(run_json)
    ok(run, "candidate", "mentor", str(cid), "--member", "1", "--date", "2022-02-01")
    assert _status(run_json, cid)["CN-NTVĐ"] == ["missing"]
    assert _status(run_json, cid)["1-KNĐ"] == ["missing"]
    ok(run, "candidate", "train", str(cid), "--date", "2022-04-15", "--certificate", "125-CN/TTCT")
    assert _status(run_json, cid)["CN-NTVĐ"] == ["present"]
    ok(run, "candidate", "apply", str(cid), "--date", "2023-02-01", "--introducer", "1", "--introducer", "2")
    before = _status(run_json, cid)
    assert before["1-KNĐ"] == ["present"]
    assert before["3-KNĐ"] == ["present", "present"]
    assert before["2-KNĐ"] == ["missing"]
    assert before["5-KNĐ"] == ["missing"]
    shown = run("dossier", "show", str(cid))
    assert "Còn thiếu: 2-KNĐ, 5-KNĐ" in shown.stderr
    # a check exits 1 while the consideration lacks papers
    assert run("dossier", "check", "--org", "TP").exit_code == 1
    ok(run, "dossier", "add", str(cid), "2-KNĐ", "--date", "2023-01-20", "--file", "scan/ly-lich.pdf")
    ok(run, "dossier", "add", str(cid), "5 knd", "--date", "2023-02-20", "--number", "01-TH")
    after = _status(run_json, cid)
    assert after["2-KNĐ"] == ["present"]
    assert after["5-KNĐ"] == ["present"]
    assert after["6-KNĐ"] == ["missing"]
    assert "Hồ sơ đủ cho bước này" in run("dossier", "show", str(cid)).stderr
    _propose(run, cid)
    assert _status(run_json, cid)["6-KNĐ"] == ["present"]
    # the cell HP is a chi bộ under the ward's base committee: its resolution goes up too
    proposed = run("dossier", "show", str(cid))
    assert "Còn thiếu: 8-KNĐ" in proposed.stderr
    ok(run, "dossier", "add", str(cid), "8-KNĐ", "--date", "2023-03-10", "--number", "12-NQ/ĐU")
    ok(run, "admit", str(cid), "--decision", "15-QĐ/ĐU", "--decision-date", "2023-04-03")
    admitted = _status(run_json, cid)
    assert admitted["9-KNĐ"] == ["present"]
    assert admitted["10-KNĐ"] == ["missing"]  # the admission links the candidate to the member
    member = _status(run_json, 4, "--member")
    assert member["9-KNĐ"] == ["present"]
    assert member["1-KNĐ"] == ["present"]  # the member's dossier keeps the candidate's papers
    assert member["10-KNĐ"] == ["missing"]
    assert member["13-KNĐ"] == ["missing"]
    ok(run, "member", "ceremony", "4", "--date", "2023-04-20")
    recognition = [
        ("GCN-ĐVM", "2023-06-01"),
        ("10-KNĐ", "2024-04-22"),
        ("11-KNĐ", "2024-04-25"),
        ("12-KNĐ", "2024-04-28"),
        ("NQĐU-CT", "2024-05-10"),
        ("QĐ-CT", "2024-05-20"),
    ]
    for form, on in recognition:
        ok(run, "dossier", "add", "4", form, "--member", "--date", on)
    assert "Hồ sơ đủ cho bước này" in run("dossier", "show", "4", "--member", "--at", "2024-05-01").stderr
    ok(run, "member", "recognize", "4", "--date", "2024-05-06")
    done = _status(run_json, 4, "--member")
    assert set(done) >= {"10-KNĐ", "11-KNĐ", "12-KNĐ", "13-KNĐ", "QĐ-CT"}
    assert all(set(statuses) == {"present"} for statuses in done.values()), done
    assert "7-KNĐ" not in done  # "where there is one": listed only when entered
    assert "Không còn bước nào" in run("dossier", "show", "4", "--member").stderr
    # the candidate's ID shows the same dossier
    assert _status(run_json, cid)["1-KNĐ"] == ["present"]


def test_the_json_keys(run, run_json, ward):
    cid = add_candidate(run_json)
    walk_to_applied(run, cid)
    rows = run_json("dossier", "show", str(cid))
    assert list(rows[0])[:7] == ["form", "title", "step", "status", "date", "number", "problem"]
    first = rows[0]
    assert first["form"] == "CN-NTVĐ"
    assert first["status"] == "present"
    assert first["date"] == "2022-04-15"
    assert first["number"] == "125-CN/TTCT"
    english = json.loads(run("dossier", "show", str(cid), "--format", "json", "--lang", "en").stdout)
    assert english[1]["title"] == "Application to join the Party"


def test_check_finds_a_missing_summary_and_an_application_after_the_resolution(run, run_json, ward):
    good = add_candidate(run_json)
    walk_to_applied(run, good)
    ok(run, "dossier", "add", str(good), "2-KNĐ", "--date", "2023-01-20")
    ok(run, "dossier", "add", str(good), "5-KNĐ", "--date", "2023-02-20")
    late = add_candidate(run_json, name="Phạm Văn Bình", born="1998-05-05")
    walk_to_applied(run, late)
    ok(run, "dossier", "add", str(late), "2-KNĐ", "--date", "2023-01-20")
    _propose(run, late)
    # the application as filed carries a date after the cell's resolution
    ok(run, "dossier", "add", str(late), "1-KNĐ", "--date", "2023-03-05")
    result = run("dossier", "check", "--org", "TP", "--format", "json")
    assert result.exit_code == 1
    rows = {row["full_name"]: row for row in json.loads(result.stdout)}
    assert set(rows) == {"Phạm Văn Bình"}
    assert rows["Phạm Văn Bình"]["missing"] == ["5-KNĐ", "8-KNĐ"]
    assert rows["Phạm Văn Bình"]["problems"] == [
        "1-KNĐ: ngày 05/03/2023, sau nghị quyết của chi bộ (01/03/2023)",
        "6-KNĐ: ngày 01/03/2023, trước đơn xin vào Đảng (05/03/2023)",
    ]
    shown = {r["form"]: r for r in run_json("dossier", "show", str(late))}
    assert shown["1-KNĐ"]["status"] == "problem"
    assert shown["1-KNĐ"]["problem_code"] == "after.resolution"
    table = run("dossier", "check", "--org", "TP")
    assert table.exit_code == 1
    assert "Phạm Văn Bình" in table.stdout
    assert "1 hồ sơ chưa đủ, trên 2 hồ sơ đang làm" in table.stderr
    # only the dossiers waiting for the decision
    assert run("dossier", "check", "--org", "TP", "--step", "consideration").exit_code == 0
    assert run("dossier", "check", "--org", "K2").exit_code == 0


def test_a_certificate_older_than_60_months_at_the_resolution(run, run_json, ward):
    cid = add_candidate(run_json, identified="2017-01-10")
    walk_to_applied(run, cid, mentor_on="2017-02-01", trained_on="2017-04-15", applied_on="2023-02-01")
    shown = {r["form"]: r for r in run_json("dossier", "show", str(cid), "--at", "2023-02-01")}
    assert shown["CN-NTVĐ"]["status"] == "problem"
    assert shown["CN-NTVĐ"]["problem_code"] == "expired.at"
    assert shown["CN-NTVĐ"]["problem"] == "chỉ còn giá trị đến ngày 14/04/2022, trước ngày xét (01/02/2023)"


def test_add_and_remove_refuse_bad_input(run, run_json, ward):
    cid = add_candidate(run_json)
    walk_to_applied(run, cid)
    unknown = run("dossier", "add", str(cid), "99-KNĐ", "--date", "2023-01-01")
    assert unknown.exit_code != 0
    assert "99-KNĐ" in unknown.stderr
    future = run("dossier", "add", str(cid), "5-KNĐ", "--date", "2030-01-01")
    assert future.exit_code != 0
    assert "Ngày" in future.stderr or "ngày" in future.stderr
    assert run("dossier", "add", "999", "5-KNĐ", "--date", "2023-01-01").exit_code != 0
    ok(run, "dossier", "add", str(cid), "5-KNĐ", "--date", "2023-02-20")
    twice = run("dossier", "add", str(cid), "5-KNĐ", "--date", "2023-02-21")
    assert twice.exit_code != 0
    assert "20/02/2023" in twice.stderr
    recognition = run("dossier", "add", str(cid), "10-KNĐ", "--date", "2023-02-21")
    assert recognition.exit_code != 0
    from_record = run("dossier", "remove", str(cid), "1-KNĐ")
    assert from_record.exit_code != 0
    assert "candidate apply" in from_record.stderr
    ok(run, "dossier", "remove", str(cid), "5-KNĐ")
    assert _status(run_json, cid)["5-KNĐ"] == ["missing"]
    assert run("dossier", "remove", str(cid), "5-KNĐ").exit_code != 0


def test_an_entered_paper_replaces_the_record_and_its_removal_brings_it_back(run, run_json, ward):
    cid = add_candidate(run_json)
    walk_to_applied(run, cid)
    added = run("dossier", "add", str(cid), "1-KNĐ", "--date", "2023-01-30", "--file", "scan/don.pdf")
    assert added.exit_code == 0
    assert "candidate apply" in added.stderr
    row = next(r for r in run_json("dossier", "show", str(cid)) if r["form"] == "1-KNĐ")
    assert (row["date"], row["origin"], row["file"]) == ("2023-01-30", "entered", "scan/don.pdf")
    ok(run, "dossier", "remove", str(cid), "1-KNĐ")
    row = next(r for r in run_json("dossier", "show", str(cid)) if r["form"] == "1-KNĐ")
    assert (row["date"], row["origin"]) == ("2023-02-01", "step")


def test_a_local_list_extends_the_package_s(run, run_json, ward, tmp_path, monkeypatch):
    (tmp_path / "ho-so-them.toml").write_text(
        '[[paper]]\ncode = "XN-SK"\nstep = "consideration"\ntitle = "Giấy khám sức khỏe"\n'
        'title_en = "Health certificate"\n',
        encoding="utf-8",
    )
    (tmp_path / "settings.toml").write_text('[dossier]\nextra = "ho-so-them.toml"\n', encoding="utf-8")
    monkeypatch.setenv("DANGVIEN_SETTINGS", str(tmp_path / "settings.toml"))
    cid = add_candidate(run_json)
    walk_to_applied(run, cid)
    assert _status(run_json, cid)["XN-SK"] == ["missing"]
    ok(run, "dossier", "add", str(cid), "xn-sk", "--date", "2023-01-05")
    assert _status(run_json, cid)["XN-SK"] == ["present"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_show_at_80_columns(run, run_json, ward, monkeypatch, lang):
    monkeypatch.setenv("COLUMNS", "80")
    cid = add_candidate(run_json)
    walk_to_applied(run, cid)
    result = run("dossier", "show", str(cid), "--lang", lang)
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
