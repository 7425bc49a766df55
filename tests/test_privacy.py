"""Privacy and access: ``--redact`` on every list and report of people, the change log's user and date
filters, and a database password that never shows (from ``--db``, ``DANGVIEN_DB`` or ``DANGVIEN_DB_FILE``)."""

from __future__ import annotations

import json
import re
import socket
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from dangvien_cli.store.database import open_database
from dangvien_cli.store.engine import hide_password
from dangvien_cli.text import redact
from tests.conftest import Run

CITIZEN_ID = "022070001234"
CANDIDATE_ID = "022301000123"
BORN = "1970-09-01"
FULL_DATES = re.compile(r"\b(1970-09-01|01/09/1970|2001-03-12|12/03/2001)\b")


@pytest.fixture
def people(run: Run, city: None) -> None:
    """A member with a citizen ID admitted in May 2024, a candidate without a mentor (due lists her)."""
    member = run(
        "member", "add", "--name", "Lê Văn Hùng", "--gender", "M", "--birth", "1/9/1970", "--cell", "HP",
        "--admitted", "2024-05-19", "--citizen-id", CITIZEN_ID,
    )  # fmt: skip
    assert member.exit_code == 0, member.stderr
    candidate = run(
        "add-candidate", "--name", "Phạm Thị Hoa", "--gender", "F", "--birth", "12/3/2001", "--cell", "HP",
        "--source", "youth_union", "--identified", "2024-01-10", "--citizen-id", CANDIDATE_ID,
    )  # fmt: skip
    assert candidate.exit_code == 0, candidate.stderr


# Every command that lists people, and what it must still show when redacted.
LISTS = [
    (("member", "list"), "Lê Văn Hùng"),
    (("candidate", "list"), "Phạm Thị Hoa"),
    (("search", "hung"), "Lê Văn Hùng"),
    (("search", "hoa"), "Phạm Thị Hoa"),
    (("due", "--at", "2024-06-30"), "Phạm Thị Hoa"),
    (("log", "--limit", "0"), "Lê Văn Hùng"),
    (("report", "monthly", "--cell", "HP", "--month", "2024-05"), "Lê Văn Hùng"),
]


@pytest.mark.parametrize(
    ("args", "name", "fmt"),
    [
        (args, name, fmt)
        for args, name in LISTS
        for fmt in ("table", "json", "csv", *(("md",) if args[0] == "report" else ()))
    ],
)
def test_redact_masks_citizen_ids_and_birth_days_and_keeps_names(
    run: Run, people: None, args: tuple[str, ...], name: str, fmt: str
) -> None:
    plain = run(*args, "--format", fmt)
    assert plain.exit_code == 0, plain.stderr
    redacted = run(*args, "--format", fmt, "--redact")
    assert redacted.exit_code == 0, redacted.stderr
    for secret in (CITIZEN_ID, CANDIDATE_ID):
        assert secret not in redacted.stdout
    assert not FULL_DATES.search(redacted.stdout), FULL_DATES.search(redacted.stdout)
    assert name in redacted.stdout  # the cell secretary still knows who is meant
    shown_before = CITIZEN_ID in plain.stdout or FULL_DATES.search(plain.stdout) is not None
    if args[0] != "due" and (fmt != "table" or args[0] != "log"):  # due, the log table show neither
        assert shown_before  # so the redacted output above really had something to hide
        assert "1970-09-**" in redacted.stdout or "2001-03-**" in redacted.stdout


def test_redacted_json_keeps_year_and_month_and_the_id_ends(run: Run, people: None) -> None:
    [member] = json.loads(run("member", "list", "--format", "json", "--redact").stdout)
    assert member["citizen_id"] == "022*******34"
    assert member["birth_date"] == "1970-09-**"
    assert member["admitted_on"] == "2024-05-19"  # other dates are not personal data and stay
    entries = json.loads(run("log", "--format", "json", "--redact", "--entity", "member").stdout)
    assert entries[0]["after"]["citizen_id"] == "022*******34"
    assert entries[0]["after"]["birth_date"] == "1970-09-**"


def test_monthly_report_files_are_redacted(run: Run, people: None, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("report", "monthly", "--org", "TP", "--month", "2024-05", "--out-dir", str(out), "--redact")
    assert result.exit_code == 0, result.stderr
    text = (out / "HP-2024-05.md").read_text(encoding="utf-8")
    assert "Lê Văn Hùng" in text
    assert "09/1970" not in text.replace("**/09/1970", "")
    assert not FULL_DATES.search(text)
    xlsx = tmp_path / "monthly.xlsx"
    args = ("report", "monthly", "--cell", "HP", "--month", "2024-05", "-f", "xlsx", "-o", str(xlsx))
    assert run(*args, "--redact").exit_code == 0
    from openpyxl import load_workbook

    values = [str(c.value) for s in load_workbook(xlsx).worksheets for r in s.iter_rows() for c in r]
    assert "1970-09-**" in values
    assert BORN not in values


def test_redact_reaches_into_nested_records() -> None:
    record: dict[str, Any] = {
        "citizen_id": CITIZEN_ID,
        "rows": [{"candidate_birth_date": "2001-03-12", "mentor_citizen_id": CANDIDATE_ID, "note": BORN}],
        "birth_date": None,
    }
    assert redact(record) == {
        "citizen_id": "022*******34",
        "rows": [{"candidate_birth_date": "2001-03-**", "mentor_citizen_id": "022*******23", "note": BORN}],
        "birth_date": None,
    }
    assert record["citizen_id"] == CITIZEN_ID  # a copy: the original is untouched



def test_redacted_export_masks_the_birth_day_in_a_reference_by_name(run: Run, tmp_path: Path) -> None:
    small = Path(__file__).resolve().parent.parent / "sample_data" / "small_city"
    for name in ("orgs", "members", "candidates"):
        assert run("import", name, str(small / f"{name}.csv")).exit_code == 0
    plain = run("export", "candidates", "--format", "csv").stdout
    assert "Phạm Thị Hoà (08/03/1985)" in plain  # an introducer without a citizen ID, named with her birth
    redacted = run("export", "candidates", "--format", "csv", "--redact").stdout
    assert "Phạm Thị Hoà (**/03/1985)" in redacted
    assert "08/03/1985" not in redacted
    assert "022*******21" in redacted  # a mentor named by citizen ID
    assert "022071004321" not in redacted


# --- the change log: who, and when ---------------------------------------------------------------------


class _Clock(datetime):
    """Stands in for ``datetime`` in the change log, so that entries can be written on chosen days."""

    moment = datetime(2024, 1, 1, tzinfo=UTC)

    @classmethod
    def now(cls, tz: Any = None) -> _Clock:
        return cls.fromtimestamp(cls.moment.timestamp(), tz)


def test_log_records_the_os_user_and_filters_by_user_and_date(
    run: Run, city: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dangvien_cli.store.changelog as changelog

    monkeypatch.setattr(changelog, "datetime", _Clock)
    for user, day, code in [("lan", 3, "A1"), ("minh", 5, "B1"), ("lan", 9, "C1")]:
        monkeypatch.setenv("LOGNAME", user)  # what getpass.getuser() reads first
        _Clock.moment = datetime(2024, 3, day, 10, 0, tzinfo=UTC)
        assert run("org", "add", code, f"Chi bộ {code}", "--kind", "cell", "--parent", "TP").exit_code == 0

    def codes(*args: str) -> list[str]:
        entries = json.loads(run("log", "--entity", "organisation", "--format", "json", *args).stdout)
        return [e["after"]["code"] for e in entries if e["after"]["code"] in ("A1", "B1", "C1")]

    assert codes() == ["A1", "B1", "C1"]
    assert codes("--user", "lan") == ["A1", "C1"]
    assert codes("--user", "minh") == ["B1"]
    assert codes("--since", "4/3/2024") == ["B1", "C1"]
    assert codes("--until", "2024-03-05") == ["A1", "B1"]
    assert codes("--since", "2024-03-04", "--until", "2024-03-08") == ["B1"]
    assert codes("--user", "lan", "--since", "2024-03-04") == ["C1"]
    entries = json.loads(run("log", "--user", "minh", "--format", "json").stdout)
    assert {e["os_user"] for e in entries} == {"minh"}
    assert entries[0]["at"].startswith("2024-03-05T10:00:00")


# --- the database password ------------------------------------------------------------------------------

PASSWORD = "S3cr@t/Pw:x"  # noqa: S105  (made up, with the characters a URL must encode)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port  # nothing listens there once the socket is closed


def _pg_url(password: str = PASSWORD, port: int | None = None) -> str:
    return f"postgresql+psycopg://dangvien:{quote(password, safe='')}@127.0.0.1:{port or _closed_port()}/dv"


def _assert_hidden(result: Any, *secrets: str) -> None:
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    for secret in (PASSWORD, quote(PASSWORD, safe=""), *secrets):
        assert secret not in output, output


@pytest.mark.parametrize("where", ["--db", "DANGVIEN_DB", "DANGVIEN_DB_FILE"])
@pytest.mark.parametrize("command", [("db", "status"), ("org", "list"), ("db", "upgrade")])
def test_an_unreachable_database_never_shows_its_password(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, command: tuple[str, ...]
) -> None:
    url = _pg_url()
    args: list[str] = []
    if where == "--db":
        args = ["--db", url]
    elif where == "DANGVIEN_DB":
        monkeypatch.setenv("DANGVIEN_DB", url)
    else:
        monkeypatch.delenv("DANGVIEN_DB")
        secret = tmp_path / "db-url"
        secret.write_text(f"# the province's server\n{url}\n", encoding="utf-8")
        secret.chmod(0o600)
        monkeypatch.setenv("DANGVIEN_DB_FILE", str(secret))
    result = run(*args, *command)
    assert result.exit_code == 1
    assert result.stderr.startswith("Lỗi: không mở được cơ sở dữ liệu: ")
    assert len(result.stderr.splitlines()) == 1
    _assert_hidden(result)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            f"postgresql://dangvien:{quote(PASSWORD, safe='')}@127.0.0.1:notaport/dv",
            "không phải địa chỉ cơ sở dữ liệu hợp lệ",
        ),
        (f"nosuchdb://dangvien:{quote(PASSWORD, safe='')}@host/dv", "thiếu thư viện kết nối"),
        (f"postgresql+nosuchdriver://dangvien:{quote(PASSWORD, safe='')}@h/dv", "thiếu thư viện kết nối"),
    ],
)
def test_a_bad_database_url_is_refused_without_its_password(run: Run, url: str, message: str) -> None:
    result = run("--db", url, "db", "status")
    assert result.exit_code == 1
    assert message in result.stderr
    assert "***" in result.stderr
    _assert_hidden(result)


def test_the_database_address_can_come_from_a_file(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, migrated_template: Path
) -> None:
    database = tmp_path / "from-file.db"
    secret = tmp_path / "db-address"
    secret.write_text(f"\n# comment\n  {database}  \n", encoding="utf-8")
    monkeypatch.delenv("DANGVIEN_DB")
    monkeypatch.setenv("DANGVIEN_DB_FILE", str(secret))
    assert run("org", "add", "MC", "Thành ủy", "--kind", "committee").exit_code == 0
    status = json.loads(run("db", "status", "--format", "json").stdout)
    assert status["url"] == f"sqlite:///{database}"
    assert status["row_counts"]["organisation"] == 1
    # DANGVIEN_DB, and --db, come first
    other = tmp_path / "other.db"
    monkeypatch.setenv("DANGVIEN_DB", str(other))
    assert json.loads(run("db", "status", "--format", "json").stdout)["url"] == f"sqlite:///{other}"


@pytest.mark.parametrize(
    ("content", "mode", "message"),
    [
        (None, 0o600, "không có tệp này"),
        ("\n# only a comment\n", 0o600, "tệp trống"),
        (_pg_url(port=5432), 0o644, "người khác đọc được (quyền 0o644); chạy chmod 600"),
        (_pg_url(port=5432), 0o640, "người khác đọc được (quyền 0o640)"),
    ],
)
def test_a_database_file_is_refused_when_missing_empty_or_readable_by_others(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str | None, mode: int, message: str
) -> None:
    secret = tmp_path / "db-address"
    if content is not None:
        secret.write_text(content, encoding="utf-8")
        secret.chmod(mode)
    monkeypatch.delenv("DANGVIEN_DB")
    monkeypatch.setenv("DANGVIEN_DB_FILE", str(secret))
    result = run("org", "list")
    assert result.exit_code == 1
    assert (
        result.stderr.startswith("Lỗi: Tệp địa chỉ cơ sở dữ liệu ($DANGVIEN_DB_FILE) '")
    )
    assert (
        message in result.stderr
    )
    _assert_hidden(result)


passwords = st.text(
    alphabet=st.characters(min_codepoint=33, max_codepoint=0x2FF, exclude_characters="*"), min_size=4
)


@given(password=passwords, noise=st.text(max_size=30))
def test_hide_password_leaves_no_trace_of_it(password: str, noise: str) -> None:
    url = f"postgresql+psycopg://dangvien:{quote(password, safe='')}@db.example:5432/dv"
    message = f'{noise} {url} connection to "{password}" failed; dsn password={password} {noise}'
    hidden = hide_password(message, url)
    assert password not in hidden
    assert quote(password, safe="") not in hidden
    assert "postgresql+psycopg://dangvien:***@db.example:5432/dv" in hidden


@pytest.mark.postgres
@pytest.mark.slow
def test_postgres_password_never_reaches_output_or_the_change_log(
    run: Run, pg_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = pg_server.create_database()
    url = pg_server.url(name, password=quote(PASSWORD, safe=""))  # trust auth: accepted, and ignored
    monkeypatch.setenv("DANGVIEN_DB", url)
    outputs = [
        run("db", "upgrade"),
        run("org", "add", "MC", "Thành ủy", "--kind", "committee"),
        run("org", "add", "MC", "again", "--kind", "committee"),  # refused: an error message too
        run("db", "status"),
        run("db", "status", "--format", "json"),
        run("log", "--format", "json"),
        run("log"),
    ]
    assert [r.exit_code for r in outputs] == [0, 0, 1, 0, 0, 0, 0]
    for result in outputs:
        _assert_hidden(result)
    database = open_database(url)
    try:
        with database.engine.connect() as connection:
            rows = connection.execute(sa.text("SELECT * FROM change_log")).all()
    finally:
        database.close()
    assert rows
    assert all(PASSWORD not in str(row) and quote(PASSWORD, safe="") not in str(row) for row in rows)
