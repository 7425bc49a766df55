"""The rules of issue 15 end to end: the options that record their facts, what `candidate check` says of
them (codes, statuses, sources), the deadlines in `due`, and refusals that leave the database unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_workflow import SENIORS, add_candidate, ok, walk_to_applied

pytestmark = pytest.mark.usefixtures("ward")


@pytest.fixture
def ward(run, city):
    """Three official members of cell HP (ward TP) since 2011, as in test_workflow."""
    for name, born, citizen_id in SENIORS:
        ok(
            run,
            "member",
            "add",
            "--name",
            name,
            "--gender",
            "M",
            "--birth",
            born,
            "--cell",
            "HP",
            "--admitted",
            "2010-01-01",
            "--official",
            "2011-01-01",
            "--citizen-id",
            citizen_id,
        )


def checks(run, cid: int, at: str) -> dict[str, dict[str, str]]:
    """``candidate check`` as JSON by rule code; its exit code is 1 when a rule fails, 0 otherwise."""
    result = run("candidate", "check", str(cid), "--at", at, "--format", "json")
    found = {c["code"]: c for c in json.loads(result.stdout)}
    assert result.exit_code == (1 if any(c["status"] == "fail" for c in found.values()) else 0), result.stderr
    return found


def older(run_json, **extra) -> int:
    """A candidate of 32, past Youth Union age, with a lower-secondary diploma."""
    return int(
        add_candidate(
            run_json, name="Vũ Văn Bình", born="1990-05-01", source="militia", education_level="THCS", **extra
        )
    )


def test_a_vote_not_recorded_is_a_warning_not_left_out(run, run_json):
    cid = older(run_json)
    walk_to_applied(run, cid)
    ok(run, "candidate", "propose", str(cid), "--date", "2023-03-01")
    found = checks(run, cid, "2023-03-01")
    assert found["votes.two_thirds"]["status"] == "warn"
    assert "chưa ghi số phiếu" in found["votes.two_thirds"]["detail"]
    assert "votes.roster" not in found


def test_members_left_out_of_the_count(run, run_json):
    cid = older(run_json)
    walk_to_applied(run, cid)
    base = [
        "candidate",
        "propose",
        str(cid),
        "--date",
        "2023-03-01",
        "--votes-for",
        "2",
        "--official-members",
        "5",
    ]
    refused = run(*base)  # 2 of 5: not two thirds
    assert refused.exit_code == 1
    assert "votes.two_thirds" in refused.stderr
    no_reason = run(*base, "--excluded", "2")
    assert no_reason.exit_code == 1
    assert no_reason.stdout == ""
    assert "--reason" in no_reason.stderr
    too_many = run(*base, "--excluded", "5", "--reason", "x")
    assert too_many.exit_code == 1
    assert "'5'" in too_many.stderr
    assert run_json("candidate", "show", str(cid))["stage"] == "applied"  # nothing was recorded
    ok(run, *base, "--excluded", "2", "--reason", "miễn sinh hoạt, vắng mặt")
    found = checks(run, cid, "2023-03-01")
    assert found["votes.two_thirds"]["status"] == "pass"
    assert "2/3" in found["votes.two_thirds"]["detail"]
    assert "miễn sinh hoạt, vắng mặt" in found["votes.two_thirds"]["detail"]
    # the records show 3 official members, the resolution says 5: a warning, not a failure
    assert found["votes.roster"]["status"] == "warn"
    assert "Điều 4 khoản 3" in found["votes.two_thirds"]["source"]


def test_the_decision_extended_and_the_ceremony_from_its_receipt(run, run_json):
    cid = older(run_json)
    walk_to_applied(run, cid)
    ok(
        run,
        "candidate",
        "propose",
        str(cid),
        "--date",
        "2023-03-01",
        "--votes-for",
        "3",
        "--official-members",
        "3",
    )
    # 60 working days end on 29/5/2023: a decision on 6/6 is late unless extended
    late = run("admit", str(cid), "--decision", "1-QĐ/ĐU", "--decision-date", "2023-06-06")
    assert late.exit_code == 1
    assert "deadline.decision" in late.stderr
    too_long = run("candidate", "extend", str(cid), "--extended-by", "31", "--reason", "x")
    assert too_long.exit_code == 1
    assert "'31'" in too_long.stderr
    ok(
        run,
        "candidate",
        "extend",
        str(cid),
        "--extended-by",
        "10",
        "--reason",
        "Chờ thẩm tra lý lịch bổ sung",
    )
    due = run_json("due", "--at", "2023-06-01")
    assert [d["due_date"] for d in due if d["kind"] == "decision_due"] == ["2023-06-12"]
    member = run_json(
        "admit",
        str(cid),
        "--decision",
        "1-QĐ/ĐU",
        "--decision-date",
        "2023-06-06",
        "--received",
        "2023-06-12",
    )
    found = checks(run, cid, "2023-06-12")
    assert found["deadline.decision"]["status"] == "pass"
    assert "10 ngày gia hạn: Chờ thẩm tra lý lịch bổ sung" in found["deadline.decision"]["detail"]
    assert "điểm 4.3.1" in found["deadline.decision"]["source"]
    # the ceremony: 30 working days from the day the decision was received (12/6), not from its date
    assert "12/06/2023" in found["deadline.ceremony"]["detail"]
    assert "điểm 4.1" in found["deadline.ceremony"]["source"]
    due = run_json("due", "--at", "2023-06-12")
    assert [d["due_date"] for d in due if d["kind"] == "ceremony_due"] == ["2023-07-24"]
    assert member["id"] == 4


def test_the_ceremony_command_takes_the_day_the_decision_was_received(run, run_json):
    cid = older(run_json)
    walk_to_applied(run, cid)
    ok(
        run,
        "candidate",
        "propose",
        str(cid),
        "--date",
        "2023-03-01",
        "--votes-for",
        "3",
        "--official-members",
        "3",
    )
    run_json("admit", str(cid), "--decision", "1", "--decision-date", "2023-04-03")
    before = run("member", "ceremony", "4", "--date", "2023-04-05", "--received", "2023-04-10")
    assert before.exit_code == 1  # the ceremony cannot come before the decision was received
    ok(run, "member", "ceremony", "4", "--date", "2023-05-25", "--received", "2023-04-10")
    found = checks(run, cid, "2023-05-25")
    assert found["deadline.ceremony"]["status"] == "pass"  # 29 working days after 10/4, 36 after 3/4


def test_the_trade_union_path(run, run_json):
    # A young worker in a cell of the ward's agency, introduced by the trade union and one member.
    cid = add_candidate(
        run_json, name="Đặng Thị Hoa", education_level="THPT", source="private_enterprise_worker"
    )
    walk = ["candidate", "apply", str(cid), "--date", "2023-02-01", "--introducer", "1"]
    ok(run, "candidate", "mentor", str(cid), "--member", "1", "--date", "2022-02-01")
    ok(run, "candidate", "train", str(cid), "--date", "2022-04-15")
    both = run(*walk, "--trade-union", "--youth-union")
    assert both.exit_code == 1
    assert "--trade-union" in both.stderr
    ok(run, *walk, "--trade-union")
    found = checks(run, cid, "2023-03-01")
    assert found["introducers.count"]["status"] == "pass"
    # HP is a residential cell: the trade union stands in only in agencies and enterprises
    assert found["trade_union.substitute"]["status"] == "warn"
    assert found["trade_union.substitute"]["source"] == "Điều lệ Đảng 2011, Điều 4 khoản 1"


def test_a_substitute_introducer(run, run_json):
    cid = older(run_json)
    walk_to_applied(run, cid)
    # a member who joined the base organisation a month ago stands in for #2, who moved away
    ok(
        run,
        "member",
        "add",
        "--name",
        "Phan Văn Mới",
        "--gender",
        "M",
        "--birth",
        "1980-01-01",
        "--cell",
        "HP",
        "--admitted",
        "2010-01-01",
        "--official",
        "2011-01-01",
    )
    ok(run, "member", "move", "4", "--to", "K2", "--date", "2023-01-20")
    wrong = run(
        "candidate",
        "substitute",
        str(cid),
        "--introducer",
        "4",
        "--replaces",
        "3",
        "--reason",
        "moved",
        "--date",
        "2023-02-10",
    )
    assert wrong.exit_code == 1  # #3 is not one of the introducers
    ok(
        run,
        "candidate",
        "substitute",
        str(cid),
        "--introducer",
        "4",
        "--replaces",
        "2",
        "--reason",
        "chuyển đi",
        "--date",
        "2023-02-10",
    )
    shown = run_json("candidate", "show", str(cid))
    assert shown["introducers"] == [1, 4]
    assert (shown["replaced_introducer_id"], shown["substitution_reason"]) == (2, "moved")
    found = checks(run, cid, "2023-03-01")
    assert found["introducers.together"]["status"] == "pass"
    assert "#4" in found["introducers.together"]["detail"]
    assert "điểm 3.2.2" in found["introducers.together"]["source"]


def test_a_former_member_is_linked_and_judged_by_the_readmission_rules(run, run_json, monkeypatch):
    monkeypatch.setenv("DANGVIEN_TODAY", "2026-06-30")
    ok(
        run,
        "member",
        "add",
        "--name",
        "Hà Văn Cũ",
        "--gender",
        "M",
        "--birth",
        "1985-03-03",
        "--cell",
        "HP",
        "--admitted",
        "2010-01-01",
        "--citizen-id",
        "022085004444",
    )
    ok(run, "member", "leave", "4", "--reason", "removal", "--date", "2021-06-01")
    added = run(
        "add-candidate",
        "--name",
        "Hà Văn Cũ",
        "--gender",
        "M",
        "--birth",
        "1985-03-03",
        "--cell",
        "HP",
        "--source",
        "other",
        "--identified",
        "2025-01-10",
        "--citizen-id",
        "022085004444",
        "--education-level",
        "upper_secondary",
        "--format",
        "json",
    )
    assert added.exit_code == 0, added.stderr
    assert "đảng viên #4" in added.stderr
    cid = json.loads(added.stdout)["id"]
    assert json.loads(added.stdout)["prior_member_id"] == 4
    walk_to_applied(run, cid, mentor_on="2025-02-01", trained_on="2025-03-01", applied_on="2026-01-05")
    found = checks(run, cid, "2026-02-02")
    assert {code: c["status"] for code, c in found.items() if code.startswith("readmission.")} == {
        "readmission.wait": "pass",  # 56 months
        "readmission.once": "pass",
        "readmission.approval": "warn",
        "readmission.excluded": "warn",  # why they left is not recorded yet
    }
    ok(run, "candidate", "readmission", str(cid), "--exit", "Tự bỏ sinh hoạt đảng")
    found = checks(run, cid, "2026-02-02")
    assert found["readmission.excluded"]["status"] == "fail"
    assert "điểm 3.5.2" in found["readmission.excluded"]["source"]
    ok(
        run,
        "candidate",
        "readmission",
        str(cid),
        "--exit",
        "family_hardship",
        "--approval",
        "245-CV/TU",
        "--approval-date",
        "2026-01-20",
    )
    found = checks(run, cid, "2026-02-02")
    assert {code: c["status"] for code, c in found.items() if code.startswith("readmission.")} == {
        "readmission.wait": "pass",
        "readmission.once": "pass",
        "readmission.approval": "pass",
        "readmission.excluded": "pass",
    }
    assert "245-CV/TU" in found["readmission.approval"]["detail"]
    ok(run, "candidate", "readmission", str(cid), "--clear")
    assert not any(code.startswith("readmission.") for code in checks(run, cid, "2026-02-02"))


def test_a_former_member_found_by_name_only_is_linked_with_a_warning(run, run_json):
    ok(
        run,
        "member",
        "add",
        "--name",
        "Hà Văn Cũ",
        "--gender",
        "M",
        "--birth",
        "1985-03-03",
        "--cell",
        "HP",
        "--admitted",
        "2010-01-01",
    )
    ok(run, "member", "leave", "4", "--reason", "removal", "--date", "2015-06-01")
    added = run(
        "add-candidate",
        "--name",
        "Hà Văn Cũ",
        "--gender",
        "M",
        "--birth",
        "1985-03-03",
        "--cell",
        "HP",
        "--source",
        "other",
        "--identified",
        "2022-01-10",
    )
    assert added.exit_code == 0
    assert "Lưu ý" in added.stderr
    assert "candidate readmission 1 --clear" in added.stderr


def test_education_from_the_option_and_from_the_import(run, run_json, tmp_path: Path):
    cid = add_candidate(run_json, name="Lý Thị Học", born="1990-01-01", source="other", education="7/12")
    walk_to_applied(run, cid)
    assert checks(run, cid, "2023-03-01")["education.min"]["status"] == "fail"
    exception = "Xã đặc biệt khó khăn, Hướng dẫn của Ban Bí thư"
    ok(
        run,
        "candidate",
        "propose",
        str(cid),
        "--date",
        "2023-03-01",
        "--education-exception",
        exception,
        "--override",
        "x",
    )
    found = checks(run, cid, "2023-03-01")["education.min"]
    assert found["status"] == "pass"
    assert exception in found["detail"]
    assert found["source"] == "Quy định 294-QĐ/TW, điểm 1.2"
    sheet = tmp_path / "nguon.csv"
    sheet.write_text(
        "Họ và tên,Giới tính,Ngày sinh,Chi bộ,Nguồn,Ngày đưa vào nguồn,Bậc học\n"
        "Tô Văn Một,Nam,01/01/1995,HP,Dân quân tự vệ,10/01/2022,Trung học cơ sở\n"
        "Tô Văn Hai,Nam,01/01/1995,HP,Dân quân tự vệ,10/01/2022,cấp 4\n",
        encoding="utf-8",
    )
    imported = run("import", "candidates", str(sheet), "--format", "json")
    assert imported.exit_code == 1
    assert "cấp 4" in imported.stderr or "cấp 4" in imported.stdout  # the unknown level, named
    sheet.write_text(sheet.read_text(encoding="utf-8").replace(",cấp 4", ",Đại học"), encoding="utf-8")
    ok(run, "import", "candidates", str(sheet))
    levels = {c["full_name"]: c["education_level"] for c in run_json("candidate", "list")}
    assert (levels["Tô Văn Một"], levels["Tô Văn Hai"]) == ("lower_secondary", "university")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_check_speaks_one_language(run, run_json, lang):
    cid = older(run_json)
    walk_to_applied(run, cid)
    table = run("--lang", lang, "candidate", "check", str(cid), "--at", "2023-03-01").stdout
    if lang == "vi":
        assert "Căn cứ" in table
        assert "Nguồn" not in table
        for word in ("pass", "warn", "fail", "Source", "lower secondary", "Trained"):
            assert word not in table, word
    else:
        assert "Source" in table
        assert "Căn cứ" not in table


def test_an_imported_candidate_with_a_former_members_citizen_id_is_linked(run, run_json, tmp_path: Path):
    ok(
        run,
        "member",
        "add",
        "--name",
        "Hà Văn Cũ",
        "--gender",
        "M",
        "--birth",
        "1985-03-03",
        "--cell",
        "HP",
        "--admitted",
        "2010-01-01",
        "--citizen-id",
        "022085004444",
    )
    ok(run, "member", "leave", "4", "--reason", "Xin ra khỏi Đảng", "--date", "2015-06-01")
    assert run_json("member", "show", "4")["left_reason"] == "resignation"
    sheet = tmp_path / "nguon.csv"
    sheet.write_text(
        "Họ và tên,Giới tính,Ngày sinh,Số CCCD,Chi bộ,Nguồn,Ngày đưa vào nguồn\n"
        "Hà Văn Cũ,Nam,03/03/1985,022085004444,HP,Khác,10/01/2022\n"
        "Tô Văn Mới,Nam,01/01/1995,,HP,Khác,10/01/2022\n",
        encoding="utf-8",
    )
    ok(run, "import", "candidates", str(sheet))
    shown = {c["full_name"]: c["id"] for c in run_json("candidate", "list")}
    assert run_json("candidate", "show", str(shown["Hà Văn Cũ"]))["prior_member_id"] == 4
    assert run_json("candidate", "show", str(shown["Tô Văn Mới"]))["prior_member_id"] is None
