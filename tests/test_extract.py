"""A ward's own file (``db extract``, issue 19) and, on SQLite, ``access`` refusing: the file is the
boundary."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Run

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "small_city"
WARD = "TP"
OTHER_MEMBER = "Đặng Văn Sĩ"  # VPTU's member


def _ok(run: Run, *args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return str(result.stdout)


def _json(run: Run, *args: str) -> Any:
    return json.loads(_ok(run, *args, "--format", "json"))


@pytest.fixture
def city(run: Run) -> None:
    for entity in ("orgs", "members", "candidates", "reviews", "quotas"):
        _ok(run, "import", entity, str(SAMPLE / f"{entity}.csv"))


@pytest.fixture
def ward_file(run: Run, city: None, tmp_path: Path) -> Path:
    # a member who came from the other ward: their whole history comes, with the other cell's name
    came = next(m for m in _json(run, "member", "list", "--org", "VPTU") if m["full_name"] == OTHER_MEMBER)
    _ok(run, "member", "move", str(came["id"]), "--to", "TP-K3", "--date", "2023-03-01")
    _ok(run, "member", "add", "--name", "Lạ Văn Ngoài", "--gender", "M", "--birth", "1/1/1990",
        "--cell", "VPTU", "--admitted", "2023-05-06")  # fmt: skip
    # a dossier paper on each side: the ward's comes, the other's stays
    for member in (
        _json(run, "member", "list", "--org", "VPTU")[:1] + _json(run, "member", "list", "--org", WARD)[:1]
    ):
        _ok(run, "dossier", "add", "--member", str(member["id"]), "11-KNĐ", "--date", "2024-05-02")
    target = tmp_path / "ward.db"
    result = run("db", "extract", "--org", WARD, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert str(target) in result.stderr
    return target


def _rows(path: Path, query: str) -> list[Any]:
    with sqlite3.connect(path) as connection:
        return connection.execute(query).fetchall()


@pytest.mark.sqlite_only
def test_the_ward_file_is_private_and_holds_only_the_ward(run: Run, ward_file: Path) -> None:
    assert stat.S_IMODE(ward_file.stat().st_mode) == 0o600
    assert not list(ward_file.parent.glob(".ward.db*"))  # no temporary file, journal or WAL left behind
    ward = {m["full_name"] for m in _json(run, "member", "list", "--org", WARD, "--status", "left")}
    ward |= {m["full_name"] for m in _json(run, "member", "list", "--org", WARD)}
    names = {row[0] for row in _rows(ward_file, "SELECT full_name FROM member")}
    assert names == ward
    assert OTHER_MEMBER in names  # in the ward now
    assert "Lạ Văn Ngoài" not in names
    candidates = {row[0] for row in _rows(ward_file, "SELECT full_name FROM candidate")}
    assert candidates == {c["full_name"] for c in _json(run, "candidate", "list")}
    quotas = {
        row[0]
        for row in _rows(ward_file, "SELECT o.code FROM quota q JOIN organisation o ON o.id = q.org_id")
    }
    assert quotas == {WARD}
    # the tree above and the cells its people were in elsewhere, without their people
    codes = {row[0] for row in _rows(ward_file, "SELECT code FROM organisation")}
    assert codes == {"MC", "TP", "TP-HP", "TP-K3", "TP-TH", "VPTU"}
    assert _rows(ward_file, "SELECT count(*) FROM access_grant") == [(0,)]
    logged = {row[0] for row in _rows(ward_file, "SELECT DISTINCT entity FROM change_log")}
    assert logged >= {"member", "membership", "candidate", "remark", "quota", "organisation", "paper"}
    papers = _rows(ward_file, "SELECT m.full_name FROM paper p JOIN member m ON m.id = p.member_id")
    assert len(papers) == 1
    assert papers[0][0] in ward


def test_the_ward_file_passes_its_check_and_gives_the_same_figures(run: Run, ward_file: Path) -> None:
    checked = run("--db", str(ward_file), "db", "check", "--format", "json")
    assert checked.exit_code == 0, checked.stdout
    for report in [
        ("report", "quota", "--year", "2022", "--org", WARD),
        ("report", "quota", "--year", "2023", "--org", WARD),
        ("report", "ageing", "--org", WARD),
        ("report", "ageing", "--org", WARD, "--at", "2022-06-30"),
        ("report", "pipeline", "--year", "2022", "--org", WARD),
        ("report", "outlook", "--org", WARD, "--target", "2025=20"),
        ("report", "monthly", "--cell", "TP-HP", "--month", "2022-10"),
        ("due", "--org", WARD),
        ("member", "list", "--org", WARD),
        ("candidate", "list"),
    ]:
        whole = _ok(run, *report, "--format", "json")
        assert _ok(run, "--db", str(ward_file), *report, "--format", "json") == whole, report
    one_cell = run("--db", str(ward_file), "member", "show", "1", "--format", "json")
    assert json.loads(one_cell.stdout)["cell"] == "TP-HP"


def test_an_outside_mentor_is_left_empty_and_counted(run: Run, city: None, tmp_path: Path) -> None:
    """A cell's own file: a candidate's mentor in another cell of the ward is not in it; the reference is
    left empty, and the command says how many."""
    ngoc = next(c for c in _json(run, "candidate", "list") if c["full_name"] == "Lý Thị Ngọc")
    hung = next(m for m in _json(run, "member", "list") if m["full_name"] == "Lê Văn Hùng")  # in TP-HP
    _ok(run, "candidate", "mentor", str(ngoc["id"]), "--member", str(hung["id"]), "--date", "2022-05-02")
    target = tmp_path / "cell.db"
    result = run("--lang", "en", "db", "extract", "--org", "TP-TH", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert "1 reference to a person outside TP-TH was left empty" in result.stderr
    assert _rows(target, "SELECT full_name, mentor_id FROM candidate") == [("Lý Thị Ngọc", None)]
    assert run("--db", str(target), "db", "check").exit_code == 0
    assert _json(run, "candidate", "show", str(ngoc["id"]))["mentor"] == hung["id"]  # the source keeps it


def test_extract_refuses_bad_input_and_leaves_nothing(run: Run, city: None, tmp_path: Path) -> None:
    target = tmp_path / "ward.db"
    result = run("db", "extract", "--org", "NOPE", "-o", str(target), "--format", "json")
    assert result.exit_code != 0
    result = run("--lang", "en", "db", "extract", "--org", "NOPE", "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert "NOPE" in result.stderr
    assert list(tmp_path.glob("*ward.db*")) == []
    target.write_text("kept")
    result = run("db", "extract", "--org", WARD, "-o", str(target))
    assert result.exit_code == 1
    assert target.read_text() == "kept"
    _ok(run, "db", "extract", "--org", WARD, "-o", str(target), "--force")
    assert _rows(target, "SELECT count(*) FROM organisation") == [(5,)]
    # never over the database being read, even with --force
    result = run("--db", str(target), "db", "extract", "--org", WARD, "-o", str(target), "--force")
    assert result.exit_code == 1
    assert _rows(target, "SELECT count(*) FROM organisation") == [(5,)]


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "args",
    [
        ("access", "list"),
        ("access", "grant", "ward_a", "--org", WARD, "--role", "officer"),
        ("access", "revoke", "ward_a"),
    ],
)
def test_access_refuses_on_sqlite_in_one_line(run: Run, args: tuple[str, ...]) -> None:
    for lang in ("vi", "en"):
        result = run("--lang", lang, *args)
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1
        assert "db extract" in result.stderr
    if args == ("access", "list"):
        result = run(*args, "--format", "json")
        assert json.loads(result.stderr)["error"]["code"] == "unsupported"
