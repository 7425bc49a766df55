"""The tours are true: every command in README.md's screen and in docs/tour.md runs and prints what the page
shows (scripts/tour.py), and the shell completion the docs promise installs and completes."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("tour", ROOT / "scripts" / "tour.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("tour", module)
    spec.loader.exec_module(module)
    return module


tour = _load_script()


def _steps(page: Path) -> list[Any]:
    return [step for block in tour.parse(page.read_text(encoding="utf-8")) for step in block.steps]


@pytest.mark.slow
@pytest.mark.engine_free  # every tour runs on a SQLite file of its own
@pytest.mark.parametrize("page", tour.TOURS, ids=lambda page: page.name)
def test_every_tour_command_prints_what_the_page_shows(page: Path) -> None:
    assert _steps(page), f"{page.name} shows no command"
    _new_text, differences = tour.run_tour(page.read_text(encoding="utf-8"), BIN)
    assert not differences, "\n\n".join(d.describe() for d in differences) + f"\n{tour.CHECK_HINT}"


def test_the_tour_visits_every_command_group() -> None:
    steps = _steps(tour.TOUR)
    assert len(steps) >= 50, "docs/tour.md has lost its commands"
    groups = {step.command.split("dangvien", 1)[1].split()[0] for step in steps if "dangvien" in step.command}
    for group in (
        "org",
        "member",
        "add-candidate",
        "candidate",
        "admit",
        "due",
        "quota",
        "report",
        "search",
        "import",
        "export",
        "log",
        "db",
        "demo",
    ):
        assert group in groups or any(f" {group}" in step.command for step in steps), group


def test_one_command_pastes_the_real_outputs_into_every_tour(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "README.md", tmp_path / "tour.md"
    first.write_text("```console\n$ echo one\nstale\n```\n", encoding="utf-8")
    second.write_text("```console\n$ echo two\n```\n", encoding="utf-8")
    monkeypatch.setattr(tour, "TOURS", (first, second))
    assert tour.main(["--check", "--bin", str(BIN)]) == 1
    assert tour.main(["--bin", str(BIN)]) == 0
    assert first.read_text(encoding="utf-8") == "```console\n$ echo one\none\n```\n"
    assert second.read_text(encoding="utf-8") == "```console\n$ echo two\ntwo\n```\n"
    assert tour.main(["--check", "--bin", str(BIN)]) == 0


def test_the_tour_parser_and_the_cut_outputs() -> None:
    text = "x\n```console\n$ echo a\na\n$ printf 'b\\nc\\nd\\n'\nb\n…\n```\n```bash\n$ not run\n```\n"
    blocks = tour.parse(text)
    assert [[s.command for s in b.steps] for b in blocks] == [["echo a", "printf 'b\\nc\\nd\\n'"]]
    assert blocks[0].steps[1].cut
    new_text, differences = tour.run_tour(text, BIN)
    assert not differences
    assert new_text == text
    wrong = text.replace("\na\n", "\nz\n")
    new_text, differences = tour.run_tour(wrong, BIN)
    assert [d.command for d in differences] == ["echo a"]
    assert new_text == text


def test_a_command_that_starts_failing_is_a_difference() -> None:
    text = "```console\n$ echo same; false\nsame\n$ echo 'Lỗi: x'; false\nLỗi: x\n```\n"
    _new_text, differences = tour.run_tour(text, BIN)
    assert [d.command for d in differences] == ["echo same; false"]
    assert differences[0].actual[-1] == "(exit code 1)"


def test_clock_times_are_compared_by_shape() -> None:
    assert tour.normalise(["at 2026-11-26T22:59:02.123+00:00 by canbo  "]) == [
        "at 0000-00-00T00:00:00.000+00:00 by canbo"
    ]


def _completion_env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "HOME": str(home),
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1",
    }


def test_bash_completion_installs_and_completes(tmp_path: Path) -> None:
    env = _completion_env(tmp_path)
    result = subprocess.run(  # noqa: S603  (the dangvien of this checkout)
        [str(BIN / "dangvien"), "--install-completion", "bash"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    script = tmp_path / ".bash_completions" / "dangvien.sh"
    assert script.is_file()
    assert str(script) in (tmp_path / ".bashrc").read_text()
    # What bash does on TAB: source the script, call the completion function, read COMPREPLY.
    probe = (
        f"source '{script}'; COMP_WORDS=(dangvien report mo); COMP_CWORD=2; "
        "_dangvien_completion dangvien mo report; "
        'printf "%s\\n" "${COMPREPLY[@]}"'
    )
    completed = subprocess.run(["bash", "-c", probe], env=env, capture_output=True, text=True)  # noqa: S603, S607  (bash from PATH runs the completion probe)
    assert completed.stdout.split() == ["monthly"], completed.stderr


def test_zsh_completion_installs(tmp_path: Path) -> None:
    env = _completion_env(tmp_path)
    result = subprocess.run(  # noqa: S603  (the dangvien of this checkout)
        [str(BIN / "dangvien"), "--install-completion", "zsh"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / ".zfunc" / "_dangvien").is_file()
    assert "compinit" in (tmp_path / ".zshrc").read_text()
    # zsh asks the program the same way; the answer names the subcommand.
    answer = subprocess.run(  # noqa: S603  (the dangvien of this checkout)
        [str(BIN / "dangvien")],
        env={**env, "_DANGVIEN_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "dangvien report mo"},
        capture_output=True,
        text=True,
    )
    assert '"monthly"' in answer.stdout
