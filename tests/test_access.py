"""Access by subtree on a shared PostgreSQL database (issue 19): an officer of one ward sees and changes only
that ward, through the tool and through plain SQL alike; a viewer reads it; an admin sees all; a revoked
login loses its rows at once. The database enforces it (row-level security), not the CLI.

Every test makes its own database and logins (roles belong to the whole server: their names carry a
random suffix, and they are dropped afterwards)."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from tests.conftest import Run
from tests.pg_server import PostgresServer

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "small_city"
WARD_A = "TP"  # Đảng bộ phường Trần Phú: cells TP-HP, TP-K3, TP-TH
WARD_B = "VPTU"  # Chi bộ Văn phòng Thành ủy, beside it under MC
B_MEMBER = "Đặng Văn Sĩ"  # the one member of VPTU in the sample
A_CELLS = {"TP", "TP-HP", "TP-K3", "TP-TH"}


class Province:
    """A shared database with the sample city, its owner's URL, and logins made for the test."""

    def __init__(self, server: Any, database: str, run: Run) -> None:
        self.server = server
        self.database = database
        self.owner_url = server.url(database)
        self._run = run
        self.suffix = secrets.token_hex(4)
        self.logins: list[str] = []

    def login(self, name: str) -> str:
        login = f"{name}_{self.suffix}"
        self.logins.append(login)
        return login

    def url(self, login: str) -> str:
        return make_url(self.owner_url).set(username=login).render_as_string(hide_password=False)

    def run(self, login: str | None, *args: str) -> Any:
        return self._run("--db", self.owner_url if login is None else self.url(login), *args)

    def ok(self, login: str | None, *args: str) -> str:
        result = self.run(login, *args)
        assert result.exit_code == 0, result.stderr
        return str(result.stdout)

    def json(self, login: str | None, *args: str) -> Any:
        return json.loads(self.ok(login, *args, "--format", "json"))

    def sql(self, login: str | None, statement: str, **params: Any) -> list[Any]:
        url = self.owner_url if login is None else self.url(login)
        engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
        try:
            with engine.begin() as connection:
                result = connection.execute(sa.text(statement), params)
                return list(result.all()) if result.returns_rows else []
        finally:
            engine.dispose()


@pytest.fixture
def province(pg_server: PostgresServer, run: Run) -> Iterator[Province]:
    database = pg_server.create_database()
    place = Province(pg_server, database, run)
    place.ok(None, "db", "upgrade")
    for entity in ("orgs", "members", "candidates", "reviews", "quotas"):
        place.ok(None, "import", entity, str(SAMPLE / f"{entity}.csv"))
    try:
        yield place
    finally:
        pg_server.drop_database(database)
        admin = sa.create_engine(pg_server.url(), isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
        try:
            with admin.connect() as connection:
                for login in place.logins:
                    connection.exec_driver_sql(f'DROP ROLE IF EXISTS "{login}"')
        finally:
            admin.dispose()


@pytest.fixture
def officer(province: Province) -> str:
    login = province.login("ward_a")
    province.ok(None, "access", "grant", login, "--org", WARD_A, "--role", "officer")
    return login


def _names(rows: list[dict[str, Any]]) -> set[str]:
    return {r["full_name"] for r in rows}


def _refused(result: Any, code: str) -> None:
    assert result.exit_code == 1, result.stdout
    error = json.loads(result.stderr)["error"]
    assert error["code"] == code, error
    assert "\n" not in error["message"]


def _b_member_id(province: Province) -> int:
    return int(next(m["id"] for m in province.json(None, "member", "list") if m["full_name"] == B_MEMBER))


def _counts(province: Province) -> tuple[int, ...]:
    tables = ("member", "membership", "candidate", "remark", "admission", "quota", "change_log")
    return tuple(province.sql(None, f"SELECT count(*) FROM {table}")[0][0] for table in tables)  # noqa: S608  (our table names)


def test_officer_sees_only_the_ward_in_lists_searches_and_exports(province: Province, officer: str) -> None:
    everyone = province.json(None, "member", "list")
    assert B_MEMBER in _names(everyone)

    mine = province.json(officer, "member", "list")
    assert {m["cell"] for m in mine} <= A_CELLS
    assert _names(mine) == {m["full_name"] for m in everyone if m["cell"] in A_CELLS}
    assert province.json(officer, "member", "list", "--org", WARD_B) == []
    assert province.json(officer, "search", B_MEMBER) == []
    assert {r["full_name"] for r in province.json(officer, "search", "Hùng")} == {"Lê Văn Hùng"}
    for entity in ("members", "candidates", "reviews", "quotas"):
        exported = province.ok(officer, "export", entity)
        assert B_MEMBER not in exported
        assert WARD_B not in exported
        assert exported == province.ok(None, "export", entity, "--org", WARD_A) or entity == "quotas"
    quotas = province.ok(officer, "export", "quotas")
    assert {line.split(",")[0] for line in quotas.splitlines()[1:]} == {WARD_A}


@pytest.mark.parametrize(
    "report",
    [
        ("report", "quota", "--year", "2022"),
        ("report", "ageing"),
        ("report", "pipeline", "--year", "2022"),
        ("report", "outlook", "--target", "2025=20"),
        ("due",),
    ],
    ids=lambda r: r[-1] if len(r) == 1 else r[1],
)
def test_reports_show_the_ward_with_totals_within_it(
    province: Province, officer: str, report: tuple[str, ...]
) -> None:
    """Without --org a scoped login's report is its subtree's, figures and totals the same as the owner's
    report of that subtree; nothing of the other ward shows and nothing fails."""
    mine = province.ok(officer, *report, "--format", "json")
    assert mine == province.ok(None, *report, "--org", WARD_A, "--format", "json")
    assert B_MEMBER not in mine
    assert f'"{WARD_B}"' not in mine
    everyone = province.ok(None, *report, "--format", "json")
    assert mine != everyone


def test_monthly_report_of_the_other_ward_is_empty_not_an_error(province: Province, officer: str) -> None:
    mine = province.json(officer, "report", "monthly", "--cell", "TP-HP", "--month", "2022-10")
    assert mine == province.json(None, "report", "monthly", "--cell", "TP-HP", "--month", "2022-10")
    other = province.json(officer, "report", "monthly", "--cell", WARD_B, "--month", "2022-10")
    assert (other["members_at_start"], other["members_at_end"]) == (0, 0)
    whole = province.json(None, "report", "monthly", "--cell", WARD_B, "--month", "2022-10")
    assert (whole["members_at_start"], whole["members_at_end"]) == (1, 1)


def test_officer_imports_and_records_members_in_the_ward(
    province: Province, officer: str, tmp_path: Path
) -> None:
    members = tmp_path / "members.csv"
    members.write_text(
        "full_name,gender,birth_date,cell,admitted_on\n"
        "Phan Văn Mới,M,1992-03-04,TP-K3,2024-02-03\n"
        "Trịnh Thị Mới,F,1994-05-06,TP-TH,2024-02-03\n",
        encoding="utf-8",
    )
    summary = province.json(officer, "import", "members", str(members))
    assert (summary["created"], summary["errors"]) == (2, 0)
    added = province.json(
        officer, "member", "add", "--name", "Lâm Văn Ghi", "--gender", "M", "--birth", "1/1/1990",
        "--cell", "TP-HP", "--admitted", "2024-01-05",
    )  # fmt: skip
    assert added["cell"] == "TP-HP"
    candidate = province.json(
        officer, "candidate", "add", "--name", "Hà Văn Nguồn", "--gender", "M", "--birth", "2/2/2000",
        "--cell", "TP-K3", "--source", "other", "--identified", "2024-03-01",
    )  # fmt: skip
    province.ok(officer, "quota", "set", "TP-K3", "--year", "2024", "--target", "2")
    names = _names(province.json(None, "member", "list", "--org", WARD_A))
    assert {"Phan Văn Mới", "Trịnh Thị Mới", "Lâm Văn Ghi"} <= names
    assert candidate["full_name"] in _names(province.json(None, "candidate", "list"))

    # the database, not the tool, names who wrote it
    logged = province.json(None, "log", "--user", officer)
    assert {e["entity"] for e in logged} >= {"member", "membership", "candidate", "quota"}
    assert {e["db_user"] for e in logged} == {officer}


def test_officer_cannot_write_outside_the_ward(province: Province, officer: str, tmp_path: Path) -> None:
    before = _counts(province)
    _refused(
        province.run(
            officer, "member", "add", "--name", "Lạ Văn Ngoài", "--gender", "M", "--birth", "1/1/1990",
            "--cell", WARD_B, "--admitted", "2024-01-05", "--format", "json",
        ),
        "access_denied",
    )  # fmt: skip
    members = tmp_path / "members.csv"
    members.write_text(
        "full_name,gender,birth_date,cell,admitted_on\n"
        "Phan Văn Trong,M,1992-03-04,TP-K3,2024-02-03\n"
        "Phan Văn Ngoài,M,1992-03-04,VPTU,2024-02-03\n",
        encoding="utf-8",
    )
    assert province.run(officer, "import", "members", str(members)).exit_code == 1
    _refused(
        province.run(officer, "quota", "set", WARD_A, "--year", "2024", "--target", "9", "--format", "json"),
        "access_denied",
    )  # its own organisation's quota is set from above
    _refused(
        province.run(officer, "quota", "set", WARD_B, "--year", "2024", "--target", "9", "--format", "json"),
        "access_denied",
    )
    assert _counts(province) == before


def test_the_other_wards_member_is_not_found_and_unchanged(province: Province, officer: str) -> None:
    b_id = _b_member_id(province)
    before = province.json(None, "member", "show", str(b_id))
    counts = _counts(province)
    for args in [
        ("member", "show", str(b_id)),
        ("member", "move", str(b_id), "--to", "TP-HP", "--date", "2024-06-01"),
        ("member", "leave", str(b_id), "--reason", "death", "--date", "2024-06-01"),
    ]:
        _refused(province.run(officer, *args, "--format", "json"), "not_found")
    # nor can the officer send one of the ward's members away
    a_id = next(m["id"] for m in province.json(None, "member", "list", "--org", "TP-HP"))
    _refused(
        province.run(
            officer, "member", "move", str(a_id), "--to", WARD_B, "--date", "2024-06-01", "--format", "json"
        ),
        "access_denied",
    )
    assert province.json(None, "member", "show", str(b_id)) == before
    assert province.json(None, "member", "show", str(a_id))["cell"] == "TP-HP"
    assert _counts(province) == counts


def test_plain_sql_meets_the_same_wall(province: Province, officer: str) -> None:
    b_id = _b_member_id(province)
    names = {row[0] for row in province.sql(officer, "SELECT full_name FROM member")}
    assert B_MEMBER not in names
    assert "Lê Văn Hùng" in names
    assert province.sql(officer, "SELECT id FROM member WHERE id = :id", id=b_id) == []
    assert province.sql(officer, "SELECT count(*) FROM membership m JOIN organisation o ON o.id = m.cell_id "
                        "WHERE o.code = :code", code=WARD_B) == [(0,)]  # fmt: skip
    province.sql(officer, "UPDATE member SET full_name = 'Đổi Tên' WHERE id = :id", id=b_id)
    province.sql(officer, "DELETE FROM membership WHERE member_id = :id", id=b_id)
    assert province.sql(None, "SELECT full_name FROM member WHERE id = :id", id=b_id) == [(B_MEMBER,)]
    assert province.sql(None, "SELECT count(*) FROM membership WHERE member_id = :id", id=b_id) == [(1,)]
    with pytest.raises(sa.exc.ProgrammingError, match="row-level security"):
        province.sql(
            officer,
            "INSERT INTO membership (member_id, cell_id, start_on) "
            "SELECT m.id, o.id, DATE '2024-06-01' FROM member m, organisation o "
            "WHERE m.full_name = 'Lê Văn Hùng' AND o.code = :code",
            code=WARD_B,
        )
    # the organisation tree is everyone's: codes resolve
    codes = {row[0] for row in province.sql(officer, "SELECT code FROM organisation")}
    assert {WARD_A, WARD_B, "MC"} <= codes
    # nor can a login read the grants of others
    assert {row[0] for row in province.sql(officer, "SELECT login FROM access_grant")} == {officer}


def test_a_viewer_reads_the_ward_and_writes_nothing(province: Province, tmp_path: Path) -> None:
    viewer = province.login("view_a")
    province.ok(None, "access", "grant", viewer, "--org", WARD_A, "--role", "viewer")
    assert _names(province.json(viewer, "member", "list")) == _names(
        province.json(None, "member", "list", "--org", WARD_A)
    )
    before = _counts(province)
    a_id = next(m["id"] for m in province.json(None, "member", "list", "--org", "TP-HP"))
    for args in [
        ("member", "add", "--name", "Lâm Văn Xem", "--gender", "M", "--birth", "1/1/1990", "--cell", "TP-HP",
         "--admitted", "2024-01-05"),
        ("member", "move", str(a_id), "--to", "TP-K3", "--date", "2024-06-01"),
        ("candidate", "add", "--name", "Hà Văn Xem", "--gender", "M", "--birth", "2/2/2000",
         "--cell", "TP-K3", "--source", "other"),
        ("quota", "set", "TP-K3", "--year", "2024", "--target", "2"),
    ]:  # fmt: skip
        _refused(province.run(viewer, *args, "--format", "json"), "access_denied")
    with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
        province.sql(viewer, "UPDATE member SET full_name = 'Đổi Tên' WHERE id = :id", id=a_id)
    assert _counts(province) == before


def test_revoking_takes_the_rows_away_at_once(province: Province, officer: str) -> None:
    engine = sa.create_engine(province.url(officer), poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as connection:  # a session already open when the grant goes
            assert connection.execute(sa.text("SELECT count(*) FROM member")).scalar_one() > 0
            connection.commit()
            province.ok(None, "access", "revoke", officer)
            with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
                connection.execute(sa.text("SELECT count(*) FROM member"))
    finally:
        engine.dispose()
    assert province.run(officer, "member", "list").exit_code == 1
    assert province.json(None, "access", "list") == []


def test_revoking_one_of_several_grants(province: Province, officer: str) -> None:
    province.ok(None, "access", "grant", officer, "--org", WARD_B, "--role", "viewer")
    assert B_MEMBER in _names(province.json(officer, "member", "list"))
    province.ok(None, "access", "revoke", officer, "--org", WARD_B)
    mine = province.json(officer, "member", "list")
    assert B_MEMBER not in _names(mine)
    assert mine
    grants = province.json(None, "access", "list")
    assert [(g["login"], g["org"], g["role"]) for g in grants] == [(officer, WARD_A, "officer")]


def test_an_admin_sees_and_manages_all(province: Province) -> None:
    admin = province.login("boss")
    province.ok(None, "access", "grant", admin, "--role", "admin")
    assert province.json(admin, "member", "list") == province.json(None, "member", "list")
    province.ok(admin, "member", "move", str(_b_member_id(province)), "--to", "TP-HP", "--date", "2024-06-01")
    clerk = province.login("clerk")  # an admin makes the ward officers' logins and grants
    province.ok(admin, "access", "grant", clerk, "--org", WARD_B, "--role", "viewer")
    assert [g["login"] for g in province.json(admin, "access", "list")] == sorted([admin, clerk])
    assert province.json(clerk, "member", "list") == []  # VPTU's one member moved to TP-HP


def test_a_member_who_moved_away_stays_in_the_wards_past(province: Province, officer: str) -> None:
    """Visibility follows every placement: the ward's report for a past date still counts a member who has
    since moved to the other ward; today's list does not hold them, and the officer cannot change them."""
    a_id = next(m["id"] for m in province.json(None, "member", "list", "--org", "TP-HP"))
    name = province.json(None, "member", "show", str(a_id))["full_name"]
    past = province.json(officer, "member", "list", "--at", "2023-06-30")
    province.ok(None, "member", "move", str(a_id), "--to", WARD_B, "--date", "2024-01-01")
    assert province.json(officer, "member", "list", "--at", "2023-06-30") == past
    assert name in _names(past)
    assert name not in _names(province.json(officer, "member", "list"))
    _refused(
        province.run(
            officer, "member", "move", str(a_id), "--to", "TP-K3", "--date", "2024-06-01", "--format", "json"
        ),
        "access_denied",
    )
    ageing = province.ok(officer, "report", "ageing", "--at", "2023-06-30", "--format", "json")
    assert ageing == province.ok(
        None, "report", "ageing", "--org", WARD_A, "--at", "2023-06-30", "--format", "json"
    )


def test_grant_refuses_bad_input(province: Province, tmp_path: Path) -> None:
    for args, field in [
        (("Bad-Login", "--org", WARD_A, "--role", "viewer"), "login"),
        (("pg_monitor", "--org", WARD_A, "--role", "viewer"), "login"),
        (("postgres", "--org", WARD_A, "--role", "viewer"), "login"),  # the owner: RLS would not hold it
        (("someone", "--role", "officer"), "org"),
        (("someone", "--org", "NOPE", "--role", "officer"), "org"),
    ]:
        result = province.run(None, "access", "grant", *args, "--format", "json")
        assert result.exit_code == 1, result.stdout
        assert json.loads(result.stderr)["error"]["field"] == field
    assert province.json(None, "access", "list") == []
    open_file = tmp_path / "password"
    open_file.write_text("secret\n")
    open_file.chmod(0o644)
    result = province.run(None, "access", "grant", province.login("pw"), "--org", WARD_A, "--role", "viewer",
                          "--password-file", str(open_file), "--format", "json")  # fmt: skip
    assert json.loads(result.stderr)["error"]["field"] == "password_file"
    assert province.json(None, "access", "list") == []


def test_a_password_from_a_file_lets_the_login_in(province: Province, tmp_path: Path) -> None:
    login = province.login("pw")
    secret = tmp_path / "password"
    secret.write_text("mật khẩu đủ dài 2024\n", encoding="utf-8")
    secret.chmod(0o600)
    province.ok(
        None, "access", "grant", login, "--org", WARD_A, "--role", "viewer", "--password-file", str(secret)
    )
    stored = province.sql(None, "SELECT rolpassword FROM pg_authid WHERE rolname = :name", name=login)
    assert stored[0][0].startswith("SCRAM-SHA-256$")
    assert "mật khẩu" not in stored[0][0]


def test_an_officer_extracts_the_ward_it_sees(province: Province, officer: str, tmp_path: Path) -> None:
    """``db extract`` from the shared database gives the same ward file to its officer as to the owner."""
    mine, whole = tmp_path / "mine.db", tmp_path / "whole.db"
    province.ok(officer, "db", "extract", "--org", WARD_A, "-o", str(mine))
    province.ok(None, "db", "extract", "--org", WARD_A, "-o", str(whole))
    for args in [
        ("member", "list", "--at", "2022-01-01"),
        ("report", "quota", "--year", "2022", "--org", WARD_A),
    ]:
        assert (
            province._run("--db", str(mine), *args).stdout == province._run("--db", str(whole), *args).stdout
        )
    assert B_MEMBER not in province._run("--db", str(mine), "export", "members").stdout
    assert province._run("--db", str(mine), "db", "check").exit_code == 0


def test_an_officer_takes_a_candidate_through_the_workflow(province: Province, officer: str) -> None:
    lan = next(c for c in province.json(officer, "candidate", "list") if c["full_name"] == "Ngô Thị Lan")
    province.ok(officer, "candidate", "propose", str(lan["id"]), "--date", "2024-06-10")
    admitted = province.json(
        officer, "admit", str(lan["id"]), "--decision", "99-QĐ/ĐU", "--decision-date", "2024-06-20",
        "--override", "kiểm thử",
    )  # fmt: skip
    assert admitted["cell"] == "TP-HP"
    assert "Ngô Thị Lan" in _names(province.json(None, "member", "list", "--org", WARD_A))
    shown = province.json(officer, "candidate", "show", str(lan["id"]))
    assert shown["stage"] == "admitted"


def test_only_an_admin_grants(province: Province, officer: str) -> None:
    other = province.login("other")
    result = province.run(officer, "access", "grant", other, "--org", "TP-HP", "--role", "viewer")
    assert result.exit_code == 1
    assert officer in result.stderr
    assert province.run(officer, "access", "revoke", officer).exit_code == 1
    assert [g["login"] for g in province.json(None, "access", "list")] == [officer]
    assert province.sql(None, "SELECT 1 FROM pg_roles WHERE rolname = :name", name=other) == []


def test_a_table_without_policies_stays_closed(province: Province) -> None:
    """A table of people whose policies are not written yet (here: taken away) is not opened to a scoped
    login: it gets no privilege on it at all, rather than every row."""
    province.sql(None, "ALTER TABLE remark DISABLE ROW LEVEL SECURITY")
    viewer = province.login("view_a")
    province.ok(None, "access", "grant", viewer, "--org", WARD_A, "--role", "viewer")
    with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
        province.sql(viewer, "SELECT count(*) FROM remark")
    assert province.sql(viewer, "SELECT count(*) FROM organisation")[0][0] > 0


def test_dossier_papers_follow_their_person(province: Province, officer: str) -> None:
    """The dossier's papers (issue 18) are guarded like the people they belong to."""
    b_id = _b_member_id(province)
    a_id = next(m["id"] for m in province.json(None, "member", "list", "--org", "TP-HP"))
    for person in (a_id, b_id):
        province.ok(None, "dossier", "add", "--member", str(person), "11-KNĐ", "--date", "2024-05-02")
    papers = "SELECT member_id FROM paper"
    assert {row[0] for row in province.sql(None, papers)} == {a_id, b_id}
    assert {row[0] for row in province.sql(officer, papers)} == {a_id}
    _refused(province.run(officer, "dossier", "show", "--member", str(b_id), "--format", "json"), "not_found")
    adding = ("dossier", "add", "--member", str(b_id), "12-KNĐ", "--date", "2024-05-03", "--format", "json")
    _refused(province.run(officer, *adding), "not_found")
    province.sql(officer, "DELETE FROM paper WHERE member_id = :id", id=b_id)
    assert province.sql(None, "SELECT count(*) FROM paper WHERE member_id = :id", id=b_id) == [(1,)]
    province.ok(officer, "dossier", "add", "--member", str(a_id), "12-KNĐ", "--date", "2024-05-03")
    assert province.sql(None, "SELECT count(*) FROM paper WHERE member_id = :id", id=a_id) == [(2,)]


def test_an_imports_batch_entry_is_seen_through_the_ward_it_touches(province: Province, officer: str) -> None:
    """The owner's import of the whole city is one batch log entry (issue 16): the ward's officer finds it
    for a member of the ward, and its expansion names that member's row."""
    a_id = next(m["id"] for m in province.json(None, "member", "list", "--org", "TP-HP"))
    entries = province.json(officer, "log", "--entity", f"member:{a_id}")
    batches = [e for e in entries if e["last_entity_id"] is not None]
    assert batches, entries
    assert batches[0]["source"]["file"].endswith("members.csv")
    expanded = province.json(officer, "log", "--entity", f"member:{a_id}", "--expand")
    assert a_id in {e["entity_id"] for e in expanded}


def test_nobody_ties_a_row_of_theirs_to_another_wards_person(province: Province, officer: str) -> None:
    """An admission or a dossier paper joins a candidate to a member: both sides must be the officer's."""
    b_id = _b_member_id(province)
    (candidate,) = province.sql(
        None,
        "SELECT c.id FROM candidate c JOIN organisation o ON o.id = c.cell_id WHERE o.code LIKE 'TP%' "
        "AND NOT EXISTS (SELECT 1 FROM admission a WHERE a.candidate_id = c.id) ORDER BY c.id LIMIT 1",
    )[0]
    counts = _counts(province), province.sql(None, "SELECT count(*) FROM paper")
    for statement in (
        "INSERT INTO admission (candidate_id, member_id, decision_no, decision_on) "
        "VALUES (:candidate, :member, '1', DATE '2024-01-01')",
        'INSERT INTO paper (candidate_id, member_id, form, "on") '
        "VALUES (:candidate, :member, '1-KNĐ', DATE '2024-01-01')",
    ):
        with pytest.raises(sa.exc.ProgrammingError, match="row-level security"):
            province.sql(officer, statement, candidate=candidate, member=b_id)
    assert (_counts(province), province.sql(None, "SELECT count(*) FROM paper")) == counts


def test_revoking_an_admin_who_granted_keeps_the_others_and_leaves_nothing(province: Province) -> None:
    """Taking an admin's privileges takes what it passed on (PostgreSQL's CASCADE); the others' are given
    again at once. A login without grants has nothing left in the database: DROP ROLE removes it."""
    admin = province.login("boss")
    province.ok(None, "access", "grant", admin, "--role", "admin")
    clerk = province.login("clerk")
    province.ok(admin, "access", "grant", clerk, "--org", WARD_A, "--role", "viewer")
    seen = province.json(clerk, "member", "list")
    assert seen
    province.ok(None, "access", "revoke", admin)
    assert province.json(clerk, "member", "list") == seen
    refused = province.run(admin, "member", "list", "--format", "json")
    assert refused.exit_code != 0 or json.loads(refused.stdout) == []
    province.ok(None, "access", "revoke", clerk)
    for login in (admin, clerk):
        province.sql(None, f'DROP ROLE "{login}"')
    left = province.sql(None, "SELECT count(*) FROM pg_roles WHERE rolname IN (:a, :c)", a=admin, c=clerk)
    assert left == [(0,)]


def test_downgrading_takes_every_privilege_back(province: Province, officer: str) -> None:
    """Below 0009 there are no policies: no scoped login may keep a privilege, papers and what an admin
    passed on included."""
    from dangvien_cli.store import migrate

    admin = province.login("boss")
    province.ok(None, "access", "grant", admin, "--role", "admin")
    clerk = province.login("clerk")
    province.ok(admin, "access", "grant", clerk, "--org", WARD_A, "--role", "viewer")
    engine = sa.create_engine(province.owner_url, poolclass=sa.pool.NullPool)
    try:
        migrate.downgrade(engine, "0008")
    finally:
        engine.dispose()
    for login in (officer, admin, clerk):
        for table in ("member", "paper"):
            with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
                province.sql(login, f"SELECT count(*) FROM {table}")  # noqa: S608  (our table names)


def test_an_officer_logs_only_changes_of_its_own_rows(province: Province, officer: str) -> None:
    """The change log takes an officer's entries about rows it may write (or has just deleted), not an
    entry written by hand about another ward's member."""
    b_id = _b_member_id(province)
    a_id = next(m["id"] for m in province.json(None, "member", "list", "--org", "TP-HP"))
    forge = (
        "INSERT INTO change_log (at, action, entity, entity_id, os_user, after) "
        "SELECT now(), 'update', 'member', :id, 'x', json_build_object('full_name', 'forged') RETURNING id"
    )
    with pytest.raises(sa.exc.ProgrammingError, match="row-level security"):
        province.sql(officer, forge, id=b_id)
    assert province.sql(None, "SELECT count(*) FROM change_log WHERE after::text LIKE '%forged%'") == [(0,)]
    assert province.sql(officer, forge, id=a_id)  # about the ward's own member: it is the officer's to log


def test_the_policies_helpers_are_only_for_granted_logins(province: Province, officer: str) -> None:
    """Two helpers answer for any member (the policies need them before a scope is known): a login
    without a grant may not call them."""
    stranger = province.login("stranger")
    province.sql(None, f'CREATE ROLE "{stranger}" LOGIN')
    for helper in ("dangvien_placed(1)", "dangvien_newest_member()"):
        with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
            province.sql(stranger, f"SELECT {helper}")
    assert province.sql(officer, "SELECT dangvien_newest_member() > 0") == [(True,)]
