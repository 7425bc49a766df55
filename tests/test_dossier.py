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


def _docx_text(path) -> str:
    from docx import Document

    document = Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts += [c.text for c in row.cells]
    return "\n".join(texts)


def _proposed(run, run_json):
    cid = add_candidate(run_json)
    walk_to_applied(run, cid)
    _propose(run, cid)
    return cid


def test_draft_6_knd_holds_the_cell_the_candidate_the_vote_and_the_heading(run, run_json, ward, tmp_path):
    cid = _proposed(run, run_json)
    out = tmp_path / "f.docx"
    result = run("draft", "6-KNĐ", str(cid), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    text = _docx_text(out)
    for expected in [
        "ĐẢNG BỘ PHƯỜNG TRẦN PHÚ",
        "CHI BỘ KHU HỒNG PHONG",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số 05-NQ/CB",
        "Ngày 01 tháng 3 năm 2023",
        "NGHỊ QUYẾT",
        "đề nghị kết nạp đảng viên",
        "Ngô Thị Lan",
        "ngày sinh: 29/02/2000",
        "Chi bộ khu Hồng Phong họp xét",
        "tán thành: 3 trên tổng số 3",
        "Nguyễn Văn Thắng; Trần Thị Mai",
        "T/M CHI BỘ",
        "BÍ THƯ",
        "có mặt: ……",  # the attendance is not recorded: a dotted line
        "Quê quán: ……",
    ]:
        assert expected in text, expected
    again = run("draft", "6-KNĐ", str(cid), "-o", str(out))
    assert again.exit_code != 0  # an existing file is not replaced without --force
    assert run("draft", "6-KNĐ", str(cid), "-o", str(out), "--force").exit_code == 0


def test_draft_in_english_and_before_the_meeting(run, run_json, ward, tmp_path):
    cid = add_candidate(run_json)
    walk_to_applied(run, cid)
    out = tmp_path / "draft.docx"
    assert run("draft", "6-knd", str(cid), "-o", str(out), "--lang", "en").exit_code == 0
    text = _docx_text(out)
    assert "RESOLUTION" in text
    assert "COMMUNIST PARTY OF VIETNAM" in text
    assert "On ……, Chi bộ khu Hồng Phong met" in text  # no meeting yet: no date invented
    assert "in favour: …… of ……" in text


def test_a_custom_template_with_the_same_fields(run, run_json, ward, tmp_path):
    from docx import Document

    cid = _proposed(run, run_json)
    template = tmp_path / "mau.docx"
    document = Document()
    for line in [
        "{{ superior }} / {{ issuer }} / {{ party }}",
        "{{ number }} — {{ place_date }}",
        "{{ title }}: {{ subject }}",
        "Đồng chí {{ data.full_name }}, {{ data.cell_name }}: "
        "{{ data.votes_for }}/{{ data.official_members }}",
        "{{p body }}",
        "{{ signature_for }} {{ signature_role }}",
    ]:
        document.add_paragraph(line)
    document.save(str(template))
    out = tmp_path / "f.docx"
    result = run("draft", "6-KNĐ", str(cid), "-o", str(out), "--template", str(template))
    assert result.exit_code == 0, result.stderr
    text = _docx_text(out)
    assert "ĐẢNG BỘ PHƯỜNG TRẦN PHÚ / CHI BỘ KHU HỒNG PHONG / ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "Đồng chí Ngô Thị Lan, Chi bộ khu Hồng Phong: 3/3" in text
    assert "NGHỊ QUYẾT: đề nghị kết nạp đảng viên" in text
    assert "CHI BỘ QUYẾT NGHỊ:" in text
    assert "T/M CHI BỘ BÍ THƯ" in text


def test_draft_9_and_13(run, run_json, ward, tmp_path):
    cid = _proposed(run, run_json)
    decision = tmp_path / "qd.docx"
    assert run("draft", "9-KNĐ", str(cid), "-o", str(decision)).exit_code == 0
    text = _docx_text(decision)
    assert "ĐẢNG BỘ TP MÓNG CÁI" in text
    assert "QUYẾT ĐỊNH" in text
    assert "T/M BAN THƯỜNG VỤ" in text
    assert "Điều 1. Kết nạp quần chúng Ngô Thị Lan, sinh ngày 29/02/2000" in text
    assert "Ngày …… tháng …… năm ……" in text
    not_member = run("draft", "13-KNĐ", str(cid), "-o", str(tmp_path / "cn.docx"))
    assert not_member.exit_code != 0
    assert not (tmp_path / "cn.docx").exists()
    ok(run, "admit", str(cid), "--decision", "15-QĐ/ĐU", "--decision-date", "2023-04-03")
    ok(run, "member", "ceremony", "4", "--date", "2023-04-20")
    ok(run, "member", "recognize", "4", "--date", "2024-05-06")
    recognition = tmp_path / "cn.docx"
    assert run("draft", "13-KNĐ", "4", "--member", "-o", str(recognition)).exit_code == 0
    text = _docx_text(recognition)
    assert "đề nghị công nhận đảng viên chính thức" in text
    assert "quyết định số 15-QĐ/ĐU ngày 03/04/2023" in text
    assert "kể từ ngày 20/04/2024" in text
    assert "Ngày 06 tháng 5 năm 2024" in text
    unknown = run("draft", "5-KNĐ", str(cid), "-o", str(tmp_path / "x.docx"))
    assert unknown.exit_code != 0
    assert "6-KNĐ, 13-KNĐ, 9-KNĐ" in unknown.stderr


def test_the_docs_list_every_paper_with_its_point_and_form():
    from pathlib import Path

    from dangvien_cli.domain.dossier_list import load_papers

    page = (Path(__file__).parent.parent / "docs" / "dossier.md").read_text(encoding="utf-8")
    for paper in load_papers().papers:
        form = paper.form or "—"
        line = f"| `{paper.code}` | {paper.step.value} | {paper.point} | {form} | {paper.title} |"
        assert line in page, line


def test_import_papers_is_atomic_with_line_numbers_and_a_dry_run(run, run_json, ward, tmp_path):
    cid = add_candidate(run_json, citizen_id="022200001234")
    walk_to_applied(run, cid)
    good = tmp_path / "giay-to.csv"
    good.write_text(
        "Người,Họ và tên,Mẫu,Ngày,Số,Người lập,Tệp\n"
        "022200001234,Ngô Thị Lan,2-KNĐ,20/01/2023,,Ngô Thị Lan,scan/2-knd.pdf\n"
        "Ngô Thị Lan (29/02/2000),,5 knd,20/02/2023,01-TH,Chi ủy,\n",
        encoding="utf-8",
    )
    dry = run("import", "papers", str(good), "--dry-run", "--format", "json")
    assert dry.exit_code == 0, dry.stderr
    assert json.loads(dry.stdout)["created"] == 2
    assert _status(run_json, cid)["5-KNĐ"] == ["missing"]
    bad = tmp_path / "sai.csv"
    bad.write_text(
        "person,form,date\n"
        "022200001234,2-KNĐ,2023-01-20\n"
        "022200001234,99-KNĐ,2023-01-20\n"
        "099999999999,5-KNĐ,2023-01-20\n"
        "022200001234,5-KNĐ,2031-01-01\n",
        encoding="utf-8",
    )
    refused = run("import", "papers", str(bad), "--format", "json")
    assert refused.exit_code == 1
    problems = json.loads(refused.stdout)["problems"]
    assert [p["line"] for p in problems] == [3, 4, 5]
    assert _status(run_json, cid)["2-KNĐ"] == ["missing"]  # nothing written
    done = run("import", "papers", str(good), "--format", "json")
    assert done.exit_code == 0, done.stdout
    assert json.loads(done.stdout)["created"] == 2
    assert _status(run_json, cid)["5-KNĐ"] == ["present"]
    again = json.loads(run("import", "papers", str(good), "--format", "json").stdout)
    assert (again["created"], again["skipped"]) == (0, 2)
    # a second summary of opinions with another date follows --on-duplicate
    other = tmp_path / "khac.csv"
    other.write_text("person,form,date\n022200001234,5-KNĐ,2023-02-22\n", encoding="utf-8")
    assert run("import", "papers", str(other)).exit_code == 1
    updated = json.loads(
        run("import", "papers", str(other), "--on-duplicate", "update", "--format", "json").stdout
    )
    assert updated["updated"] == 1
    row = next(r for r in run_json("dossier", "show", str(cid)) if r["form"] == "5-KNĐ")
    assert row["date"] == "2023-02-22"


def test_export_papers_imports_back(run, run_json, ward, tmp_path, monkeypatch):
    cid = add_candidate(run_json, citizen_id="022200001234")
    walk_to_applied(run, cid)
    ok(run, "dossier", "add", str(cid), "2-KNĐ", "--date", "2023-01-20", "--file", "scan/2.pdf")
    ok(run, "dossier", "add", str(cid), "5-KNĐ", "--date", "2023-02-20", "--number", "01-TH")
    exported = run("export", "papers", "--org", "TP")
    assert exported.exit_code == 0, exported.stderr
    lines = exported.stdout.lstrip("\ufeff").splitlines()
    assert lines[0] == "person,full_name,form,date,number,author,file"
    assert lines[1] == "022200001234,Ngô Thị Lan,2-KNĐ,2023-01-20,,,scan/2.pdf"
    assert lines[2] == "022200001234,Ngô Thị Lan,5-KNĐ,2023-02-20,01-TH,,"
    assert run("export", "papers", "--org", "K2").stdout.lstrip("\ufeff").splitlines()[1:] == []
    path = tmp_path / "papers.csv"
    path.write_text(exported.stdout, encoding="utf-8")
    back = json.loads(run("import", "papers", str(path), "--format", "json").stdout)
    assert (back["created"], back["skipped"]) == (0, 2)


def test_due_and_the_pipeline_list_incomplete_dossiers(run, run_json, ward):
    cid = add_candidate(run_json)
    walk_to_applied(run, cid)
    items = [i for i in run_json("due", "--org", "TP") if i["kind"] == "dossier_incomplete"]
    assert items == [
        {
            "kind": "dossier_incomplete",
            "due_date": "2024-06-30",
            "overdue": False,
            "cell": "HP",
            "member_id": None,
            "candidate_id": cid,
            "full_name": "Ngô Thị Lan",
            "detail": "2-KNĐ, 5-KNĐ",
        }
    ]
    table = run("due", "--org", "TP")
    assert "Hồ sơ chưa đủ" in table.stdout
    pipeline = run_json("report", "pipeline", "--year", "2024", "--org", "TP")
    assert pipeline["dossiers_incomplete"] == [
        {
            "cell": "HP",
            "candidate_id": cid,
            "member_id": None,
            "full_name": "Ngô Thị Lan",
            "step": "consideration",
            "missing": ["2-KNĐ", "5-KNĐ"],
            "problems": [],
        }
    ]
    shown = run("report", "pipeline", "--year", "2024", "--org", "TP", "--lang", "en")
    assert "Dossiers not complete for their next step" in shown.stdout
    ok(run, "dossier", "add", str(cid), "2-KNĐ", "--date", "2023-01-20")
    ok(run, "dossier", "add", str(cid), "5-KNĐ", "--date", "2023-02-20")
    assert not [i for i in run_json("due", "--org", "TP") if i["kind"] == "dossier_incomplete"]
    assert run_json("report", "pipeline", "--year", "2024", "--org", "TP")["dossiers_incomplete"] == []


def test_the_demo_s_draft_never_replaces_a_file(tmp_path):
    from dangvien_cli.cli.demo import _tour, draft_path

    assert draft_path(tmp_path) == tmp_path / "du-thao-6-KND.docx"
    (tmp_path / "du-thao-6-KND.docx").write_text("mine")
    assert draft_path(tmp_path) == tmp_path / "du-thao-6-KND-2.docx"
    steps = dict(_tour(tmp_path, tmp_path))
    assert steps["demo.step_dossier"] == ["dossier", "check", "--org", "TP", "--at", "2022-12-31"]
    assert steps["demo.step_draft"][-1] == str(tmp_path / "du-thao-6-KND-2.docx")


@pytest.mark.slow
def test_the_demo_checks_a_ward_s_dossiers_and_drafts_a_resolution(run, tmp_path):
    from docx import Document

    db = tmp_path / "demo.db"
    result = run("--db", str(db), "demo")
    assert result.exit_code == 0, result.stderr
    assert "Hồ sơ kết nạp chưa đủ trong một phường" in result.stdout
    assert "» dangvien dossier check --org TP --at 2022-12-31" in result.stdout
    draft = tmp_path / "du-thao-6-KND.docx"
    text = "\n".join(p.text for p in Document(str(draft)).paragraphs)
    assert "Nguyễn Nam Ninh" in text
    assert "Chi bộ khu 4" in text


def test_a_certificate_expired_at_the_cell_s_resolution(run, run_json, ward):
    cid = add_candidate(run_json)
    walk_to_applied(run, cid)
    _propose(run, cid)
    # the certificate in the dossier is an older one than the record's: 60 months ended before the vote
    ok(run, "dossier", "add", str(cid), "CN-NTVĐ", "--date", "2018-01-10", "--number", "12-CN/TTCT")
    row = next(r for r in run_json("dossier", "show", str(cid)) if r["form"] == "CN-NTVĐ")
    assert row["status"] == "problem"
    assert row["problem_code"] == "expired.resolution"
    assert row["problem"] == ("chỉ còn giá trị đến ngày 09/01/2023, trước nghị quyết của chi bộ (01/03/2023)")
    result = run("dossier", "check", "--org", "TP", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)[0]["problems"] == [
        "CN-NTVĐ: chỉ còn giá trị đến ngày 09/01/2023, trước nghị quyết của chi bộ (01/03/2023)"
    ]
