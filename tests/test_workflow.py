"""The admission workflow from the CLI: every step, every rule passing and failing, and the edge cases."""

from __future__ import annotations

import json

import pytest

# Three official members of cell HP (ward TP) since 2011: mentors, introducers, voters.
SENIORS = [
    ("Nguyễn Văn Thắng", "1960-04-12", "022060001111"),
    ("Trần Thị Mai", "1962-09-01", "022062002222"),
    ("Lê Văn Hùng", "1971-11-20", "022071003333"),
]


@pytest.fixture
def ward(run, city):
    for name, born, cid in SENIORS:
        result = run(
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
            cid,
        )
        assert result.exit_code == 0, result.stderr


def _checks(run, *args: str) -> list[dict[str, str]]:
    """``candidate check`` as JSON; its exit code is 1 when a rule fails, 0 otherwise."""
    result = run("candidate", "check", *args, "--format", "json")
    checks: list[dict[str, str]] = json.loads(result.stdout)
    assert result.exit_code == (1 if any(c["status"] == "fail" for c in checks) else 0), result.stderr
    return checks


def ok(run, *args):
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return result


def add_candidate(
    run_json, name="Ngô Thị Lan", born="2000-02-29", identified="2022-01-10", source="youth_union", **extra
):
    args = [
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
        source,
        "--identified",
        identified,
    ]
    for key, value in extra.items():
        args += [f"--{key.replace('_', '-')}", value]
    return run_json(*args)["id"]


def walk_to_applied(run, cid, mentor_on="2022-02-01", trained_on="2022-04-15", applied_on="2023-02-01"):
    ok(run, "candidate", "mentor", str(cid), "--member", "1", "--date", mentor_on)
    ok(run, "candidate", "review", str(cid), "--by", "1", "--date", mentor_on, "--note", "Tích cực")
    ok(run, "candidate", "train", str(cid), "--date", trained_on, "--certificate", "125-CN/TTCT")
    ok(run, "candidate", "apply", str(cid), "--date", applied_on, "--introducer", "1", "--introducer", "2")


def test_the_whole_path_from_candidate_to_official_member(run, run_json, ward):
    cid = add_candidate(run_json)
    walk_to_applied(run, cid)
    ok(
        run,
        "candidate",
        "propose",
        str(cid),
        "--date",
        "2023-03-01",
        "--resolution",
        "05-NQ/CB",
        "--votes-for",
        "3",
        "--official-members",
        "3",
    )
    member = run_json("admit", str(cid), "--decision", "15-QĐ/ĐU", "--decision-date", "2023-04-03")
    assert member["id"] == 4
    assert member["cell"] == "HP"
    assert member["status"] == "probationary"
    assert member["admitted_on"] == "2023-04-03"
    assert member["decision_no"] == "15-QĐ/ĐU"
    assert member["full_name"] == "Ngô Thị Lan"
    assert member["birth_date"] == "2000-02-29"
    ok(run, "member", "ceremony", "4", "--date", "2023-04-20")
    early = run("member", "recognize", "4", "--date", "2024-04-10")
    assert early.exit_code == 1
    assert "20/04/2024" in early.stderr
    ok(run, "member", "recognize", "4", "--date", "2024-05-06")
    shown = run_json("member", "show", "4")
    assert shown["official_on"] == "2024-04-20"  # the end of probation, not the meeting
    during = run_json("member", "list", "--at", "2023-12-01", "--org", "HP")
    assert {m["id"]: m["status"] for m in during}[4] == "probationary"
    after = run_json("member", "list", "--at", "2024-04-20", "--org", "HP")
    assert {m["id"]: m["status"] for m in after}[4] == "official"
    candidate = run_json("candidate", "show", str(cid))
    assert candidate["stage"] == "admitted"
    assert candidate["stage_history"] == [
        {"stage": "identified", "date": "2022-01-10"},
        {"stage": "mentored", "date": "2022-02-01"},
        {"stage": "trained", "date": "2022-04-15"},
        {"stage": "applied", "date": "2023-02-01"},
        {"stage": "proposed", "date": "2023-03-01"},
        {"stage": "admitted", "date": "2023-04-03"},
    ]
    assert candidate["admission"] == {"member_id": 4, "decision_no": "15-QĐ/ĐU", "decision_on": "2023-04-03"}
    checks = {c["code"]: c for c in _checks(run, str(cid), "--at", "2024-05-06")}
    assert checks["deadline.decision"]["status"] == "pass"
    assert checks["deadline.ceremony"]["status"] == "pass"
    assert checks["deadline.recognition"]["status"] == "pass"


def test_steps_out_of_order_name_the_missing_step(run, run_json, ward):
    cid = add_candidate(run_json)
    result = run("candidate", "propose", str(cid), "--date", "2023-03-01")
    assert result.exit_code == 1
    assert "chưa có bước trước: phân công đảng viên giúp đỡ" in result.stderr
    ok(run, "candidate", "mentor", str(cid), "--member", "1", "--date", "2022-02-01")
    result = run(
        "candidate", "apply", str(cid), "--date", "2023-02-01", "--introducer", "1", "--introducer", "2"
    )
    assert result.exit_code == 1
    assert "học lớp nhận thức" in result.stderr
    result = run("admit", str(cid), "--decision", "1", "--decision-date", "2023-04-03")
    assert result.exit_code == 1
    assert "học lớp nhận thức" in result.stderr
    result = run(
        "--lang", "en", "candidate", "review", str(cid), "--by", "2", "--date", "2022-03-01", "--note", "x"
    )
    assert result.exit_code == 1
    assert "is not this candidate's mentor" in result.stderr


def test_mentor_must_be_official_and_in_the_same_base(run, run_json, ward):
    cid = add_candidate(run_json)
    ok(
        run,
        "member",
        "add",
        "--name",
        "Phạm Văn Mới",
        "--gender",
        "M",
        "--birth",
        "1990-01-01",
        "--cell",
        "HP",
        "--admitted",
        "2021-06-01",
    )
    result = run("candidate", "mentor", str(cid), "--member", "4", "--date", "2022-02-01")
    assert result.exit_code == 1
    assert "không phải đảng viên chính thức" in result.stderr
    ok(
        run,
        "member",
        "add",
        "--name",
        "Vũ Văn Xa",
        "--gender",
        "M",
        "--birth",
        "1970-01-01",
        "--cell",
        "CQ",
        "--admitted",
        "2000-01-01",
        "--official",
        "2001-01-01",
    )
    result = run("candidate", "mentor", str(cid), "--member", "5", "--date", "2022-02-01")
    assert result.exit_code == 1
    assert "không cùng đảng bộ cơ sở" in result.stderr


def test_failed_rules_are_listed_and_can_be_overridden(run, run_json, ward):
    cid = add_candidate(run_json)
    walk_to_applied(run, cid)
    refused = run(
        "candidate",
        "propose",
        str(cid),
        "--date",
        "2023-03-01",
        "--votes-for",
        "1",
        "--official-members",
        "3",
    )
    assert refused.exit_code == 1
    assert "✗ votes.two_thirds: 1/3 đảng viên chính thức tán thành" in refused.stderr
    assert "Điều lệ Đảng 2011, Điều 4 khoản 3" in refused.stderr
    assert refused.stderr.strip().splitlines()[-1].startswith("Lỗi: ")
    assert run_json("candidate", "show", str(cid))["stage"] == "applied"  # nothing written
    done = run(
        "candidate",
        "propose",
        str(cid),
        "--date",
        "2023-03-01",
        "--votes-for",
        "1",
        "--official-members",
        "3",
        "--override",
        "Biểu quyết lại theo chỉ đạo",
    )
    assert done.exit_code == 0
    assert "votes.two_thirds" in done.stderr
    log = run_json("log", "--entity", f"candidate:{cid}", "--limit", "0")
    overrides = [e for e in log if e["after"] and "override" in e["after"]]
    assert overrides[0]["after"] == {
        "override": "Biểu quyết lại theo chỉ đạo",
        "failed_rules": ["votes.two_thirds"],
    }


def test_check_reports_every_rule_with_its_source(run, run_json, ward):
    cid = add_candidate(run_json, education_level="upper_secondary")
    walk_to_applied(run, cid)
    checks = _checks(run, str(cid), "--at", "2023-03-01")
    assert {c["code"] for c in checks} >= {
        "age.min",
        "age.max",
        "education.min",
        "certificate.held",
        "certificate.valid",
        "introducers.count",
        "introducers.official",
        "introducers.together",
        "youth_union.substitute",
        "mentor.official",
        "cell.min_official",
    }
    assert all(set(c) == {"code", "status", "detail", "source"} for c in checks)
    # A Youth Union member of 23 introduced by two members: the Charter wants the Youth Union and one member.
    assert {c["code"]: c["status"] for c in checks if c["status"] != "pass"} == {
        "youth_union.substitute": "warn"
    }, checks
    passed = run("candidate", "check", str(cid), "--at", "2023-03-01")
    assert passed.exit_code == 0  # a warning is not a failure
    table = passed.stdout
    assert "Đạt" in table
    assert "Điều lệ Đảng" in table


def test_age_limits(run, run_json, ward):
    # turns 60 on 1 May 2022: 59 when applying, over 60 at the resolution
    cid = add_candidate(run_json, name="Đỗ Thị Hạnh", born="1962-05-01", identified="2021-01-05")
    walk_to_applied(run, cid, mentor_on="2021-02-01", trained_on="2021-03-01", applied_on="2022-04-20")
    result = run("candidate", "propose", str(cid), "--date", "2022-06-01")
    assert result.exit_code == 1
    assert "age.max" in result.stderr
    assert "60 tuổi 1 tháng" in result.stderr
    ok(run, "candidate", "propose", str(cid), "--date", "2022-06-01", "--age-exception", "Công văn 123-CV/TU")
    checks = {c["code"]: c for c in _checks(run, str(cid), "--at", "2022-06-01")}
    assert checks["age.max"]["status"] == "pass"
    assert "123-CV/TU" in checks["age.max"]["detail"]
    young = add_candidate(run_json, name="Bùi Văn Trẻ", born="2004-09-01", identified="2021-01-05")
    walk_to_applied(run, young, mentor_on="2021-02-01", trained_on="2021-03-01", applied_on="2022-04-20")
    result = run("candidate", "propose", str(young), "--date", "2022-06-01")
    assert result.exit_code == 1
    assert "age.min" in result.stderr
    assert "17 tuổi 9 tháng" in result.stderr


def test_certificate_expires_after_60_months(run, run_json, ward):
    cid = add_candidate(run_json, identified="2016-01-05", born="1990-01-01")
    walk_to_applied(run, cid, mentor_on="2016-02-01", trained_on="2017-01-01", applied_on="2021-12-01")
    result = run("candidate", "propose", str(cid), "--date", "2022-01-05")
    assert result.exit_code == 1
    assert "certificate.valid" in result.stderr
    assert "đến hết ngày 31/12/2021" in result.stderr  # valid through the day before the fifth anniversary


def test_introducers_must_be_official_and_twelve_months_in_the_base(run, run_json, ward):
    ok(
        run,
        "member",
        "add",
        "--name",
        "Phạm Văn Mới",
        "--gender",
        "M",
        "--birth",
        "1990-01-01",
        "--cell",
        "K2",
        "--admitted",
        "2022-06-01",
        "--official",
        "2022-12-01",
    )
    cid = add_candidate(run_json)
    ok(run, "candidate", "mentor", str(cid), "--member", "1", "--date", "2022-02-01")
    ok(run, "candidate", "train", str(cid), "--date", "2022-04-15")
    ok(run, "candidate", "apply", str(cid), "--date", "2023-02-01", "--introducer", "1", "--introducer", "4")
    checks = {c["code"]: c["status"] for c in _checks(run, str(cid), "--at", "2023-03-01")}
    assert checks["introducers.official"] == "pass"  # official since December
    assert checks["introducers.together"] == "fail"  # but only eight months in the ward


def test_records_cannot_tell_is_a_warning(run, run_json, ward):
    cid = add_candidate(run_json, identified="2022-10-01")
    walk_to_applied(run, cid, mentor_on="2022-10-05", trained_on="2022-11-01", applied_on="2023-02-01")
    checks = {c["code"]: c["status"] for c in _checks(run, str(cid), "--at", "2023-03-01")}
    assert checks["introducers.together"] == "warn"
    ok(run, "candidate", "propose", str(cid), "--date", "2023-03-01")  # a warning does not stop it


def test_youth_union_stands_in_for_one_introducer(run, run_json, ward):
    member = add_candidate(run_json, name="Hà Văn Đoàn", born="2001-01-01", source="militia")
    ok(run, "candidate", "mentor", str(member), "--member", "1", "--date", "2022-02-01")
    ok(run, "candidate", "train", str(member), "--date", "2022-04-15")
    ok(run, "candidate", "apply", str(member), "--date", "2023-02-01", "--introducer", "1", "--youth-union")
    checks = {
        c["code"]: c["status"] for c in _checks(run, str(member), "--at", "2023-03-01")
    }
    assert checks["introducers.count"] == "pass"
    assert checks["youth_union.substitute"] == "fail"  # not recorded as a Youth Union member
    from_union = add_candidate(run_json, name="Hà Thị Đoàn", born="2001-01-01")  # source youth_union
    ok(run, "candidate", "mentor", str(from_union), "--member", "1", "--date", "2022-02-01")
    ok(run, "candidate", "train", str(from_union), "--date", "2022-04-15")
    ok(
        run,
        "candidate",
        "apply",
        str(from_union),
        "--date",
        "2023-02-01",
        "--introducer",
        "1",
        "--youth-union",
    )
    checks = {
        c["code"]: c["status"] for c in _checks(run, str(from_union), "--at", "2023-03-01")
    }
    assert checks["youth_union.substitute"] == "pass"
    usage = run("candidate", "apply", str(member), "--date", "2023-02-01", "--introducer", "1")
    assert usage.exit_code == 1


def test_cell_keeps_three_official_members(run, run_json, city):
    ok(
        run,
        "member",
        "add",
        "--name",
        "Nguyễn Văn Một",
        "--gender",
        "M",
        "--birth",
        "1960-01-01",
        "--cell",
        "HP",
        "--admitted",
        "2010-01-01",
        "--official",
        "2011-01-01",
    )
    cid = add_candidate(run_json)
    checks = {c["code"]: c["status"] for c in _checks(run, str(cid), "--at", "2022-06-01")}
    assert checks["cell.min_official"] == "warn"  # a condition for setting up a cell, not for admission
    due = run_json("due", "--at", "2022-06-01")
    assert {"kind": "cell_below_minimum", "cell": "HP"}.items() <= next(
        d for d in due if d["cell"] == "HP" and d["kind"] == "cell_below_minimum"
    ).items()


def test_decision_deadline_in_working_days(run, run_json, ward):
    cid = add_candidate(run_json)
    walk_to_applied(run, cid)
    ok(run, "candidate", "propose", str(cid), "--date", "2023-03-01")
    late = run("admit", str(cid), "--decision", "15-QĐ/ĐU", "--decision-date", "2023-07-03")
    assert late.exit_code == 1
    assert "deadline.decision" in late.stderr


def test_removal_and_readmission_keep_both_histories(run, run_json, ward, monkeypatch):
    monkeypatch.setenv("DANGVIEN_TODAY", "2026-06-30")
    cid = add_candidate(run_json, citizen_id="022300009999")
    walk_to_applied(run, cid)
    ok(run, "candidate", "propose", str(cid), "--date", "2023-03-01")
    run_json(
        "admit",
        str(cid),
        "--decision",
        "15-QĐ/ĐU",
        "--decision-date",
        "2023-04-03",
        "--ceremony-date",
        "2023-04-20",
    )
    ok(run, "member", "remove", "4", "--date", "2024-05-10", "--reason", "Không đủ tư cách")
    removed = run_json("member", "show", "4")
    assert (removed["left_reason"], removed["left_on"]) == ("removal", "2024-05-10")
    again = add_candidate(run_json, identified="2025-01-10", citizen_id="022300009999")
    walk_to_applied(run, again, mentor_on="2025-02-01", trained_on="2025-03-01", applied_on="2026-02-02")
    # A former member (the same citizen ID): the re-admission rules apply, and 22 months out is too soon.
    refused = run("candidate", "propose", str(again), "--date", "2026-03-02")
    assert refused.exit_code == 1
    assert "readmission.wait" in refused.stderr
    ok(run, "candidate", "propose", str(again), "--date", "2026-03-02", "--override", "thử")
    checked = _checks(run, str(again), "--at", "2026-03-02")
    checks = {c["code"]: c["status"] for c in checked}
    assert {k: v for k, v in checks.items() if k.startswith("readmission.")} == {
        "readmission.wait": "fail",
        "readmission.once": "pass",
        "readmission.approval": "warn",
        "readmission.excluded": "warn",
    }
    readmitted = run_json(
        "admit", str(again), "--decision", "9-QĐ/ĐU", "--decision-date", "2026-03-16", "--override", "thử"
    )
    assert readmitted["id"] == 5
    assert readmitted["citizen_id"] == "022300009999"
    left = run_json("member", "list", "--status", "left", "--at", "2026-03-16")
    assert [m["id"] for m in left] == [4]
    assert run_json("member", "show", "4")["citizen_id"] == "022300009999"
    assert len(run_json("candidate", "list", "--stage", "admitted")) == 2


def test_probation_ending_on_a_holiday(run, run_json, ward):
    cid = add_candidate(run_json)
    walk_to_applied(run, cid, applied_on="2022-05-03")
    ok(run, "candidate", "propose", str(cid), "--date", "2022-06-01", "--override", "thử")
    run_json(
        "admit",
        str(cid),
        "--decision",
        "1",
        "--decision-date",
        "2022-08-15",
        "--ceremony-date",
        "2022-09-02",
        "--override",
        "thử",
    )
    # probation ends on 2 September 2023, National Day (and a Saturday): official from that very day
    ok(run, "member", "recognize", "4", "--date", "2023-09-05")
    assert run_json("member", "show", "4")["official_on"] == "2023-09-02"


def test_ceremony_on_29_february(run, run_json, ward, monkeypatch):
    monkeypatch.setenv("DANGVIEN_TODAY", "2025-12-31")
    cid = add_candidate(run_json)
    walk_to_applied(run, cid)
    ok(run, "candidate", "propose", str(cid), "--date", "2023-03-01")
    run_json("admit", str(cid), "--decision", "1", "--decision-date", "2023-04-03")
    ok(
        run,
        "member",
        "ceremony",
        "4",
        "--date",
        "2024-02-29",
    )
    assert run("member", "recognize", "4", "--date", "2025-02-27").exit_code == 1
    ok(run, "member", "recognize", "4", "--date", "2025-02-28")
    assert run_json("member", "show", "4")["official_on"] == "2025-02-28"


def test_birthday_on_29_february_counts_whole_months(run, run_json, ward):
    # born 29/2/2004: a full 18 years on 28/2/2022 (no 29th that year)
    cid = add_candidate(run_json, born="2004-02-29", identified="2021-01-05")
    walk_to_applied(run, cid, mentor_on="2021-02-01", trained_on="2021-03-01", applied_on="2022-01-20")
    assert run("candidate", "propose", str(cid), "--date", "2022-02-27").exit_code == 1
    ok(run, "candidate", "propose", str(cid), "--date", "2022-02-28")


def test_drop(run, run_json, ward):
    cid = add_candidate(run_json)
    ok(run, "candidate", "drop", str(cid), "--date", "2022-03-01", "--reason", "Chuyển đi nơi khác")
    shown = run_json("candidate", "show", str(cid))
    assert (shown["stage"], shown["dropped_on"], shown["drop_reason"]) == (
        "dropped",
        "2022-03-01",
        "Chuyển đi nơi khác",
    )
    result = run("candidate", "mentor", str(cid), "--member", "1", "--date", "2022-04-01")
    assert result.exit_code == 1


def test_due_list(run, run_json, ward):
    no_mentor = add_candidate(run_json, name="Cao Văn Một")
    mentored = add_candidate(run_json, name="Cao Văn Hai")
    ok(run, "candidate", "mentor", str(mentored), "--member", "1", "--date", "2022-02-01")
    ok(run, "candidate", "train", str(mentored), "--date", "2018-01-01")
    proposed = add_candidate(run_json, name="Cao Văn Ba")
    walk_to_applied(run, proposed, trained_on="2022-02-15", applied_on="2022-03-01")
    ok(run, "candidate", "propose", str(proposed), "--date", "2022-03-15", "--override", "thử")
    admitted = add_candidate(run_json, name="Cao Văn Bốn")
    walk_to_applied(run, admitted, trained_on="2022-02-15", applied_on="2022-03-01")
    ok(run, "candidate", "propose", str(admitted), "--date", "2022-03-15", "--override", "thử")
    run_json("admit", str(admitted), "--decision", "1", "--decision-date", "2022-04-01", "--override", "thử")
    rows = run_json("due", "--at", "2022-06-01")
    assert all(set(r) >= {"kind", "due_date", "cell", "member_id", "candidate_id"} for r in rows)
    assert [r["due_date"] for r in rows] == sorted(r["due_date"] for r in rows)
    kinds = {(r["kind"], r["candidate_id"] or r["member_id"]) for r in rows}
    assert ("mentor_missing", no_mentor) in kinds
    assert ("remark_missing", mentored) in kinds
    assert ("certificate_expiring", mentored) in kinds  # 1/1/2018 + 60 months, already past
    assert ("decision_due", proposed) in kinds
    assert ("ceremony_due", 4) in kinds
    soon = run_json("due", "--at", "2022-06-01", "--within", "0")
    assert all(r["due_date"] <= "2022-06-01" for r in soon)
    assert json.loads(run("due", "--org", "K2", "--format", "json").stdout) == [
        {
            "kind": "cell_below_minimum",
            "due_date": "2024-06-30",
            "overdue": False,
            "cell": "K2",
            "member_id": None,
            "candidate_id": None,
            "full_name": None,
            "detail": "0",
        }
    ]


def test_a_step_cannot_be_taken_again_after_a_later_one(run, run_json, ward):
    cid = add_candidate(run_json)
    walk_to_applied(run, cid)
    ok(run, "candidate", "propose", str(cid), "--date", "2023-03-01")
    again = run("candidate", "train", str(cid), "--date", "2023-03-05")
    assert again.exit_code == 1
    assert "đã qua bước này" in again.stderr
    again = run(
        "candidate", "apply", str(cid), "--date", "2023-03-05", "--introducer", "1", "--introducer", "3"
    )
    assert again.exit_code == 1


def test_a_late_recognition_is_flagged_and_a_past_check_ignores_later_steps(run, run_json, ward):
    cid = add_candidate(run_json)
    walk_to_applied(run, cid)
    ok(run, "candidate", "propose", str(cid), "--date", "2023-03-01")
    run_json(
        "admit", str(cid), "--decision", "1", "--decision-date", "2023-04-03", "--ceremony-date", "2023-04-20"
    )
    ok(run, "member", "recognize", "4", "--date", "2024-06-28")  # the meeting came two months late
    assert run_json("member", "show", "4")["official_on"] == "2024-04-20"
    checks = {c["code"]: c for c in _checks(run, str(cid), "--at", "2024-06-30")}
    assert checks["deadline.recognition"]["status"] == "fail"
    assert "28/06/2024" in checks["deadline.recognition"]["detail"]
    # as of a day before the application, the application and later steps are not seen
    early = {c["code"]: c["status"] for c in _checks(run, str(cid), "--at", "2023-01-15")}
    assert early["introducers.count"] == "warn"
    assert "deadline.ceremony" not in early
