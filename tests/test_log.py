"""The change log: every write is recorded with the OS user; the log cannot be altered."""

from __future__ import annotations

import getpass

import pytest
import sqlalchemy as sa

from dangvien_cli.store.database import open_database


def test_every_write_is_logged(run, run_json, city):
    assert (
        run(
            "member",
            "add",
            "--name",
            "Nguyễn Văn Sỹ",
            "--gender",
            "M",
            "--birth",
            "1970-01-01",
            "--cell",
            "HP",
            "--admitted",
            "2010-01-01",
        ).exit_code
        == 0
    )
    assert run("member", "move", "1", "--to", "K2", "--date", "2020-01-01").exit_code == 0
    entries = run_json("log", "--entity", "member:1")
    assert [e["action"] for e in entries] == ["insert"]
    assert entries[0]["after"]["full_name"] == "Nguyễn Văn Sỹ"
    assert entries[0]["os_user"] == getpass.getuser()
    memberships = run_json("log", "--entity", "membership")
    assert [(e["action"], e["entity_id"]) for e in memberships] == [
        ("insert", 1),
        ("update", 1),
        ("insert", 2),
    ]
    update = memberships[1]
    assert update["before"]["end_on"] is None
    assert update["after"]["end_on"] == "2020-01-01"
    orgs = run_json("log", "--entity", "organisation")
    assert [e["after"]["code"] for e in orgs] == ["MC", "TP", "HP", "K2", "CQ"]
    assert len(run_json("log", "--limit", "2")) == 2
    assert run_json("log", "--user", "nobody-else") == []
    assert len(run_json("log", "--since", "2024-01-01")) == len(run_json("log", "--limit", "0"))


def test_a_refused_command_logs_nothing(run, run_json, city):
    before = len(run_json("log", "--limit", "0"))
    assert run("org", "add", "HP", "again", "--kind", "cell", "--parent", "TP").exit_code == 1
    assert len(run_json("log", "--limit", "0")) == before


def test_table_shows_changes(run, city):
    out = run("log").stdout
    assert "Nhật ký thay đổi" in out
    assert "Mã=HP" in out  # each field by its label


def test_bad_entity_filter(run, city):
    result = run("log", "--entity", "member:abc")
    assert result.exit_code == 1
    assert "Đối tượng 'member:abc'" in result.stderr


@pytest.mark.parametrize("statement", ["UPDATE change_log SET os_user = 'x'", "DELETE FROM change_log"])
def test_the_log_is_append_only(city, statement):
    engine = open_database().engine
    # SQLite's trigger aborts with an integrity error, PostgreSQL's raises an exception: both refuse
    with pytest.raises(sa.exc.DatabaseError, match="append-only"), engine.begin() as conn:
        conn.execute(sa.text(statement))
