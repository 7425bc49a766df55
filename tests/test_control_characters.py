"""Control characters stored behind the tool's back never reach a terminal raw (issue 17, class 4).

The tool refuses them on the way in; an older version, or an edit of the database by hand, may have left
one. Tables, Markdown, messages and notices show every value through ``text.visible`` (``\\x1b``); CSV keeps
the data as it is for files and pipes and escapes it for a terminal; JSON escapes what its format leaves raw;
``db check`` lists such values and ``db upgrade`` reports them.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from dangvien_cli.render.formats import OutputFormat, write
from dangvien_cli.render.model import Column, Shape, Title, View
from dangvien_cli.store.database import open_database
from tests.conftest import Run

HOSTILE = "Lê \x1b]0;pwned\x07\x1b[2J\x1b[31mVăn\x9b31m Hùng\u202e"
SHOWN = "Lê \\x1b]0;pwned\\x07\\x1b[2J\\x1b[31mVăn\\x9b31m Hùng\\u202e"
RAW = ("\x1b", "\x07", "\x9b", "\u202e")


@pytest.fixture
def stained(run: Run, city: None) -> None:
    """A member and a candidate whose names (and a note) an older version stored with escape sequences."""
    for args in (
        ("member", "add", "--name", "Lê Văn Hùng", "--gender", "M", "--birth", "1/9/1970", "--cell", "HP",
         "--admitted", "2024-05-19", "--occupation", "nông dân"),
        ("add-candidate", "--name", "Phạm Thị Hoa", "--gender", "F", "--birth", "12/3/2001", "--cell", "HP",
         "--source", "youth_union", "--identified", "2024-01-10"),
    ):  # fmt: skip
        assert run(*args).exit_code == 0
    database = open_database()
    with database.engine.begin() as connection:
        connection.execute(sa.text("UPDATE member SET full_name = :v, occupation = :v"), {"v": HOSTILE})
        connection.execute(sa.text("UPDATE candidate SET full_name = :v"), {"v": HOSTILE})
        connection.execute(
            sa.text(
                "INSERT INTO change_log (at, os_user, action, entity, entity_id, before, after) "
                "VALUES ('2024-05-20 00:00:00', :user, 'update', 'member', 1, NULL, :after)"
            ),
            {"user": HOSTILE, "after": json.dumps({"full_name": HOSTILE})},
        )
    database.close()


def _clean(text: str) -> None:
    for char in RAW:
        assert char not in text, repr(text)


@pytest.mark.parametrize(
    "args",
    [
        ("member", "list"),
        ("member", "show", "1"),
        ("candidate", "list"),
        ("candidate", "show", "1"),
        ("log", "--limit", "0"),
        ("due", "--at", "2024-06-30"),
        ("search", "hung"),
        ("report", "monthly", "--cell", "HP", "--month", "2024-05"),
        ("report", "monthly", "--cell", "HP", "--month", "2024-05", "--format", "md"),
    ],
)
def test_tables_and_markdown_show_control_characters_as_escapes(
    run: Run, stained: None, args: tuple[str, ...]
) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    _clean(result.stdout)
    assert "\\x1b]0;pwned\\x07" in result.stdout


def test_json_keeps_the_data_with_every_control_character_escaped(run: Run, stained: None) -> None:
    result = run("member", "list", "--format", "json")
    _clean(result.stdout)
    assert "\\u009b" in result.stdout
    assert json.loads(result.stdout)[0]["full_name"] == HOSTILE  # the data itself is kept
    exported = run("export", "members", "--format", "json")
    _clean(exported.stdout)
    assert json.loads(exported.stdout)[0]["full_name"] == HOSTILE


def test_csv_keeps_the_data_for_a_file_and_escapes_it_for_a_terminal(run: Run, stained: None) -> None:
    piped = run("export", "members")
    assert HOSTILE in piped.stdout  # a file or a pipe: the data as stored, for a round trip

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    rows = [{"full_name": HOSTILE}]
    view = View(Shape.list, title=Title(text=HOSTILE), columns=[Column("full_name")], rows=rows)
    terminal = Terminal()
    saved, sys.stdout = sys.stdout, terminal
    try:
        write(view, OutputFormat.csv, "vi")
    finally:
        sys.stdout = saved
    _clean(terminal.getvalue())
    assert SHOWN in terminal.getvalue()


def test_a_database_path_with_escapes_is_quoted_visibly(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DANGVIEN_DB", "/nonexistent\x1b[2J\x1b]0;x\x07/dangvien.db")
    result = run("org", "list")
    assert result.exit_code == 1
    _clean(result.stderr)
    assert "\\x1b[2J" in result.stderr


def test_db_check_lists_and_db_upgrade_reports_stored_control_characters(run: Run, stained: None) -> None:
    check = run("db", "check", "--format", "json")
    assert check.exit_code == 1
    problems = [p for p in json.loads(check.stdout)["problems"] if p["code"] == "text.control_character"]
    assert {(p["entity"], p["column"]) for p in problems} >= {
        ("member", "full_name"),
        ("member", "occupation"),
        ("candidate", "full_name"),
    }
    table = run("db", "check")
    _clean(table.stdout)
    assert "chứa ký tự điều khiển" in table.stdout
    upgrade = run("db", "upgrade")
    assert upgrade.exit_code == 0, upgrade.stderr
    assert "giá trị đã lưu chứa ký tự điều khiển" in upgrade.stderr


def test_notices_and_errors_are_one_visible_line_of_bounded_length(
    run: Run, city: None, tmp_path: Path
) -> None:
    """A list with 16,000 row-number columns used to print them all in one 5 MB notice line."""
    path = tmp_path / "stt.csv"
    path.write_text(
        ",".join(["STT"] * 16_000 + ["full_name", "gender", "birth_date", "cell", "admitted_on"])
        + "\n" + ",".join([""] * 16_000 + ["An", "M", "1/1/1970", "HP", "1/1/2000"]) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    result = run("import", "members", str(path))
    assert result.exit_code == 0, result.stderr[-500:]
    for line in result.stderr.splitlines():
        assert len(line) <= 2_100
        assert line.isprintable()
