"""The one error boundary (issue 17, class 3): whatever escapes a command is one line and exit code 1.

Two properties. Any exception raised inside a command, of any kind and with any text, becomes one short
printable line (or, for a closed pipe, a quiet end). And every command of the command line, run with
hostile arguments (numbers past any bound, impossible dates, paths to devices and folders, huge and odd
text), ends with exit 0, 1 or 2, never a traceback nor the "internal error" line that stands for a bug.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangvien_cli.cli import output
from dangvien_cli.cli.app import SUBCOMMANDS, load_subcommand
from dangvien_cli.messages import t
from tests.conftest import Run

INTERNAL = t("system.internal", "vi", kind="", detail="").split("(")[0]  # "lỗi trong chương trình "


def _assert_one_clean_line(result: Any) -> None:
    assert result.exit_code == 1, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Lỗi: ")
    assert lines[0].isprintable(), repr(lines[0])
    assert len(lines[0]) <= output.MESSAGE_LIMIT + 100
    assert "Traceback" not in result.stderr


# --- any exception ---------------------------------------------------------------------------------------

texts = st.text(max_size=50) | st.sampled_from(["\x1b]0;pwned\x07\x1b[2J", "a\nb\rc", "x" * 100_000, ""])


def _exceptions() -> st.SearchStrategy[BaseException]:
    plain = st.sampled_from([ValueError, KeyError, TypeError, RuntimeError, AttributeError, IndexError])
    return st.one_of(
        st.builds(lambda kind, text: kind(text), plain, texts),
        st.builds(lambda text: OSError(errno.ENOSPC, "No space left on device", text), texts),
        st.builds(lambda text: OSError(errno.EACCES, "Permission denied", text), texts),
        st.builds(lambda text: OSError(errno.EIO, text), texts),
        st.just(MemoryError()),
        st.just(RecursionError("maximum recursion depth exceeded")),
        st.just(OverflowError("Python int too large to convert to SQLite INTEGER")),
        st.builds(lambda text: sqlite3.DatabaseError(text or "file is not a database"), texts),
        st.builds(
            lambda text: sa.exc.OperationalError("SELECT 1", {}, sqlite3.OperationalError(text)), texts
        ),
        st.builds(lambda text: sa.exc.DataError("INSERT", {}, Exception(f"out of range {text}")), texts),
        st.builds(lambda text: UnicodeDecodeError("utf-8", text.encode(), 0, 1, "invalid"), texts),
    )


@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(error=_exceptions())
def test_any_exception_in_a_command_is_one_clean_line(
    run: Run, city: None, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    def broken(**_kwargs: Any) -> None:
        raise error

    monkeypatch.setattr("dangvien_cli.store.orgs.list_orgs", broken)
    result = run("org", "list")
    _assert_one_clean_line(result)


def test_a_closed_pipe_ends_quietly(run: Run, city: None, monkeypatch: pytest.MonkeyPatch) -> None:
    def closed(**_kwargs: Any) -> None:
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    monkeypatch.setattr("dangvien_cli.store.orgs.list_orgs", closed)
    result = run("org", "list")
    assert result.exit_code == 141
    assert result.stderr == ""


def test_a_bug_keeps_its_traceback_for_the_developer(
    run: Run, city: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def bug(**_kwargs: Any) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr("dangvien_cli.store.orgs.list_orgs", bug)
    result = run("org", "list")
    _assert_one_clean_line(result)
    assert "ZeroDivisionError: a bug" in result.stderr
    monkeypatch.setenv("DANGVIEN_TRACEBACK", "1")
    with pytest.raises(ZeroDivisionError):
        run("org", "list")


# --- every command, hostile arguments -------------------------------------------------------------------

NUMBERS = ["99999999999999999999", str(2**63), "-1", "0", "1e3"]
DATES = ["0001-01-01", "31/02/2022", "9999-12-31", "1899-12-31", "29/02/1900", "2024-13-01", " "]
TEXTS = ["x" * 20_000, "Nguyễn Văn An", "'; DROP TABLE member;--", "=cmd|' /C calc'!A0", "%s%n{0}", "*"]
PATHS = ["/dev/full", "/", "/nonexistent/folder/x.csv", "/etc/shadow", "/dev/zero", "."]
DATE_NAMES = {
    "at", "since", "until", "birth", "admitted", "identified", "date_", "decision_date", "ceremony_date",
    "official", "ceremony", "compare", "month",
}  # fmt: skip
PATH_NAMES = {"file", "output", "out_dir", "errors_to", "data"}


def _leaves() -> Iterator[tuple[list[str], Any]]:
    def walk(command: Any, path: list[str]) -> Iterator[tuple[list[str], Any]]:
        subs = getattr(command, "commands", None)
        if subs:
            for name, sub in subs.items():
                yield from walk(sub, [*path, name])
        else:
            yield path, command

    for name in SUBCOMMANDS:
        yield from walk(load_subcommand(name), [name])


def _values(param: Any) -> list[str]:
    """Hostile values for one parameter, by what it takes."""
    name = param.name or ""
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if name in DATE_NAMES:
        return [*DATES, "2024-05", "13/2024"] if name == "month" else DATES
    if name in PATH_NAMES:
        return PATHS
    if annotation in (int, int | None) or name in ("year", "years"):
        return NUMBERS
    if annotation is bool or getattr(param, "is_flag", False):
        return []
    return TEXTS


COMMANDS = [(path, command) for path, command in _leaves() if path != ["demo"]]  # the demo's tour: test_demo


def _option(param: Any) -> str | None:
    opts = [opt for opt in getattr(param, "opts", []) if opt.startswith("--")]
    return opts[0] if opts else None


def _invocation(path: list[str], command: Any, chosen: dict[str, str]) -> list[str]:
    """The command line: every required parameter given (a hostile value where chosen, else a plain one)."""
    args = [*path]
    plain = dict(
        candidate_id="1", member_id="1", code="HP", name="Nguyễn Văn An", text="an", org="TP",
        file="/dev/null", gender="M", cell="HP", source="other", kind="cell", year="2024",
        month="2024-05", target="13", decision="1-QĐ", to="K2", reason="death", introducer="1",
        note="tốt", member="1", by="1",
    )  # fmt: skip
    for param in command.params:
        name = param.name or ""
        value = chosen.get(name)
        if value is None and not param.required:
            continue
        value = value if value is not None else plain.get(name, DATES[0] if name in DATE_NAMES else "1")
        option = _option(param)
        if getattr(param, "param_type_name", "") == "argument" or option is None:
            args.append(value)
        else:
            args += [option, value]
    if path[:2] == ["db", "restore"]:
        args.append("--yes")
    return args


def _assert_no_bug(result: Any, args: list[str]) -> None:
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.stderr[-2000:])
    assert "Traceback" not in result.stderr, (args, result.stderr[-2000:])
    assert INTERNAL not in result.stderr, (args, result.stderr[-2000:])
    for line in result.stderr.splitlines():
        if line.startswith(("Lỗi", "Error")):
            assert line.isprintable(), (args, repr(line))


@pytest.fixture
def world(run: Run, city: None) -> None:
    for args in (
        ("member", "add", "--name", "Lê Văn Hùng", "--gender", "M", "--birth", "1/9/1970", "--cell", "HP",
         "--admitted", "2015-05-19"),
        ("add-candidate", "--name", "Phạm Thị Hoa", "--gender", "F", "--birth", "12/3/2001", "--cell", "HP",
         "--source", "youth_union", "--identified", "2024-01-10"),
        ("quota", "set", "TP", "--year", "2024", "--target", "13"),
    ):  # fmt: skip
        result = run(*args)
        assert result.exit_code == 0, result.stderr


@pytest.mark.slow
@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(path) for path, _ in COMMANDS])
def test_every_command_with_each_hostile_value_ends_cleanly(
    run: Run, world: None, path: list[str], command: Any
) -> None:
    """Every parameter of the command, given each hostile value of its kind, one at a time."""
    for param in command.params:
        for value in _values(param):
            args = _invocation(path, command, {param.name or "": value})
            _assert_no_bug(run(*args, input="n\n"), args)


@st.composite
def _hostile_invocations(draw: Any) -> list[str]:
    path, command = draw(st.sampled_from(COMMANDS))
    chosen = {
        param.name: draw(st.sampled_from(values))
        for param in command.params
        if (values := _values(param)) and draw(st.booleans())
    }
    return _invocation(path, command, chosen)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(args=_hostile_invocations())
def test_any_command_with_hostile_arguments_ends_cleanly(run: Run, world: None, args: list[str]) -> None:
    _assert_no_bug(run(*args, input="n\n"), args)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("report", "quota", "--year", "0"), "1900 đến 2100"),
        (("report", "quota", "--year", "99999"), "1900 đến 2100"),
        (("due", "--within", "99999999999"), "lớn quá"),
        (("log", "--limit", "99999999999999999999"), "lớn quá"),
        (("quota", "set", "TP", "--year", "99999", "--target", "1"), "1900 đến 2100"),
        (("member", "show", str(2**63)), "lớn quá"),
        (("report", "ageing", "--at", "0001-01-01"), "năm của ngày phải từ 1900 đến 2100"),
        (("member", "add", "--name", "An", "--gender", "M", "--birth", "1/1/0001", "--cell", "HP",
          "--admitted", "1/1/2000"), "năm của ngày phải từ 1900 đến 2100"),
        (("member", "add", "--name", "An", "--gender", "M", "--birth", "1/1/1901", "--cell", "HP",
          "--admitted", "1/1/1925"), "từ 01/01/1930"),
    ],
)  # fmt: skip
def test_the_issues_numbers_are_refused_in_one_line(
    run: Run, world: None, args: tuple[str, ...], fragment: str
) -> None:
    result = run(*args)
    _assert_one_clean_line(result)
    assert fragment in result.stderr


def test_an_old_birth_date_is_refused_in_a_list_too(run: Run, city: None, tmp_path: Path) -> None:
    """1/1/0001 used to be stored, and the ageing report then showed an average age of 331."""
    path = tmp_path / "members.csv"
    path.write_text(
        "full_name,gender,birth_date,cell,admitted_on\nAn,M,1/1/0001,HP,1/1/2000\nBình,M,1/1/1900,HP,1/1/1925\n",
        encoding="utf-8",
    )
    result = run("import", "members", str(path), "--format", "json")
    assert result.exit_code == 1
    assert "date.year_range" in result.stdout
    assert "date.event_range" in result.stdout
