"""The Móng Cái sample data (sample_data/generate.py → sample_data/moncai/): deterministic, committed as
generated, importable with no error, and shaped like the 2022 article."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "sample_data" / "generate.py"
MONCAI = ROOT / "sample_data" / "moncai"
LISTS = ("orgs", "members", "candidates", "reviews", "quotas")

# What the generator makes (its own summary line says the same)
MEMBER_ROWS = 4_498
MEMBERS_AT_END_OF_2022 = 4_354
CANDIDATES = 586
REVIEWS = 940


def _generate(out: Path) -> str:
    result = subprocess.run(  # noqa: S603  (our own sample generator)
        [sys.executable, str(GENERATOR), "--out", str(out)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return result.stdout


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _rows(name: str) -> list[dict[str, str]]:
    with (MONCAI / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def test_generator_is_deterministic_and_matches_the_committed_files(tmp_path: Path) -> None:
    summary = _generate(tmp_path / "a")
    _generate(tmp_path / "b")
    first, second = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert first == second
    committed = _files(MONCAI)
    assert sorted(first) == sorted(committed)
    drifted = [name for name in first if first[name] != committed[name]]
    assert not drifted, f"run `python sample_data/generate.py`: {drifted} differ from what it makes"
    assert f"members {MEMBER_ROWS}, members_current {MEMBERS_AT_END_OF_2022}" in summary
    assert "members.xlsx" in first
    assert "messy/members_messy.csv" in first


def test_names_are_weighted_and_never_a_real_persons() -> None:
    members = _rows("members")
    people = members + _rows("candidates")
    families = Counter(row["full_name"].split()[0] for row in members)
    share = 100 * families["Nguyễn"] / len(members)
    assert 33 <= share <= 43
    assert families["Trần"] > families["Phạm"] > families["Đỗ"]
    folded = {_fold(row["full_name"]) for row in people}
    for real in ("Nguyễn Văn Sỹ", "Nguyễn Văn Sĩ", "Nguyễn Tường Văn", "Nguyễn Thế Phùng", "Nguyễn Thị Ninh"):
        assert _fold(real) not in folded
    assert not any("\u00d0" in row["full_name"] for row in people)  # Ð (eth) is no Vietnamese Đ
    # one citizen ID a person: a member admitted in 2022 shares it only with their own path as a candidate
    history = {row["citizen_id"] for row in _rows("candidates") if row["stage"] == "admitted"}
    ids = [row["citizen_id"] for row in people if row["citizen_id"]]
    assert len(ids) == len(set(ids)) + len(history)
    assert all(len(i) == 12 and i.isdigit() for i in ids)
    assert history <= {row["citizen_id"] for row in members if row["admitted_on"].startswith("2022")}
    keys = [(_fold(row["full_name"]), row["birth_date"]) for row in members]
    assert len(keys) == len(set(keys))


def test_people_dates_and_mentors_are_consistent() -> None:
    orgs = {row["code"]: row for row in _rows("orgs")}
    base = {code: (code if row["kind"] == "base" else row["parent"]) for code, row in orgs.items()}
    members = {row["citizen_id"]: row for row in _rows("members") if row["citizen_id"]}
    end = date(2022, 12, 31)
    for row in members.values():
        born, admitted = _day(row["birth_date"]), _day(row["admitted_on"])
        assert born
        assert admitted
        assert admitted <= end
        assert admitted.year - born.year - ((admitted.month, admitted.day) < (born.month, born.day)) >= 18
        for later in ("ceremony_on", "official_on", "left_on"):
            day = _day(row[later])
            assert day is None or admitted <= day <= end
    stages: Counter[str] = Counter()
    for cand in _rows("candidates"):
        stages[cand["stage"]] += 1
        dates = [
            _day(cand[c])
            for c in ("identified_on", "mentor_assigned_on", "trained_on", "applied_on", "proposed_on")
        ]
        present = [d for d in dates if d is not None]
        assert present == sorted(present), cand
        assert present[-1] <= end, cand
        assert date(2021, 1, 1) <= present[0]
        dropped = _day(cand["dropped_on"])
        assert dropped is None or present[-1] <= dropped <= end
        born = _day(cand["birth_date"])
        assert born is not None
        assert 18 <= (present[0] - born).days / 365.25 <= 47
        for column in ("mentor", "introducer_1", "introducer_2"):
            if not cand[column]:
                continue
            helper = members[cand[column]]
            on = _day(cand["mentor_assigned_on"] if column == "mentor" else cand["applied_on"])
            official = _day(helper["official_on"])
            assert base[helper["cell"]] == base[cand["cell"]], (column, cand)
            assert official is not None
            assert on is not None
            assert official <= on
            assert not helper["left_on"]
    assert set(stages) == {"identified", "mentored", "trained", "applied", "proposed", "admitted", "dropped"}
    assert sum(stages.values()) == CANDIDATES
    sources = {row["source"] for row in _rows("candidates")}
    assert len(sources) == 10
    reviews = _rows("reviews")
    assert len(reviews) == REVIEWS
    mentor_of = {c["citizen_id"]: c["mentor"] for c in _rows("candidates")}
    assert all(mentor_of[r["candidate"]] == r["author"] for r in reviews)


@pytest.mark.slow
def test_sample_data_imports_and_reports_like_the_article(run: Run, run_json: Callable[..., Any]) -> None:
    for name in LISTS:
        report = run_json("import", name, str(MONCAI / f"{name}.csv"))
        assert report["errors"] == 0, report["problems"][:5]
    assert run_json("import", "members", str(MONCAI / "members.xlsx"), "--dry-run")["errors"] == 0

    orgs = run_json("org", "list")
    kinds = Counter(org["kind"] for org in orgs)
    assert kinds == {"committee": 1, "base": 38, "cell": 247}
    parents = {org["parent"] for org in orgs}
    assert sum(1 for org in orgs if org["kind"] == "base" and org["code"] not in parents) == 14
    city = run_json("org", "show", "MC", "--at", "2022-12-31")
    assert (city["members"], city["children"], city["cells"]) == (MEMBERS_AT_END_OF_2022, 38, 247)
    assert city["population"] == 108_553
    ward = run_json("org", "show", "TP", "--at", "2022-12-31")
    assert (ward["members"], ward["children"]) == (235, 7)
    assert run_json("org", "show", "ND-HP", "--at", "2022-12-31")["members"] == 23

    year = run_json("report", "quota", "--year", "2022", "--org", "MC", "--at", "2022-12-31")["totals"]
    assert (year["admitted"], year["residential_admitted"], year["percent_of_target"]) == (196, 98, 116.0)
    assert year["target"] == 169
    assert year["residential_target"] == 70
    assert year["stretch_target"] == 248
    october = run_json("report", "quota", "--year", "2022", "--org", "TP", "--at", "2022-10-31")["totals"]
    assert (october["admitted"], october["target"], october["members_at_start"]) == (14, 13, 219)
    assert (october["percent_of_target"], october["percent_of_members"]) == (107.7, 6.4)
    funnel = run_json("report", "pipeline", "--year", "2022", "--org", "MC")
    assert funnel["totals"]["admitted_per_trained"] >= 70  # "70% or more"
    assert funnel["totals"]["meets_bar"]
    assert run("db", "check").exit_code == 0  # every admission links its candidate and its member

    messy = run("import", "members", str(MONCAI / "messy" / "members_messy.csv"), "--format", "json")
    assert messy.exit_code == 1
    result = json.loads(messy.stdout)
    assert (result["rows"], result["created"], result["errors"]) == (6, 0, 2)
    problems = {(p["line"], p["column"], p["code"]) for p in result["problems"]}
    assert problems == {(5, "Nghề nghiệp", "import.duplicate"), (6, "Ngày sinh", "date.impossible")}
    assert result["ignored_columns"] == ["STT"]
