"""The README is true: every command in its tour runs and prints what the README shows, and the shell
completion it promises installs and completes."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("readme_tour", ROOT / "scripts" / "readme_tour.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("readme_tour", module)
    spec.loader.exec_module(module)
    return module


readme_tour = _load_script()


@pytest.mark.slow
def test_every_readme_command_prints_what_the_readme_shows() -> None:
    text = readme_tour.README.read_text(encoding="utf-8")
    steps = [step for block in readme_tour.parse(text) for step in block.steps]
    assert len(steps) >= 50, "the README's tour has lost its commands"
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
    _new_text, differences = readme_tour.run_tour(text, BIN)
    assert not differences, "\n\n".join(d.describe() for d in differences) + f"\n{readme_tour.CHECK_HINT}"


def test_the_tour_parser_and_the_cut_outputs() -> None:
    text = "x\n```console\n$ echo a\na\n$ printf 'b\\nc\\nd\\n'\nb\n…\n```\n```bash\n$ not run\n```\n"
    blocks = readme_tour.parse(text)
    assert [[s.command for s in b.steps] for b in blocks] == [["echo a", "printf 'b\\nc\\nd\\n'"]]
    assert blocks[0].steps[1].cut
    new_text, differences = readme_tour.run_tour(text, BIN)
    assert not differences
    assert new_text == text
    wrong = text.replace("\na\n", "\nz\n")
    new_text, differences = readme_tour.run_tour(wrong, BIN)
    assert [d.command for d in differences] == ["echo a"]
    assert new_text == text


def test_a_command_that_starts_failing_is_a_difference() -> None:
    text = "```console\n$ echo same; false\nsame\n$ echo 'Lỗi: x'; false\nLỗi: x\n```\n"
    _new_text, differences = readme_tour.run_tour(text, BIN)
    assert [d.command for d in differences] == ["echo same; false"]
    assert differences[0].actual[-1] == "(exit code 1)"


def test_clock_times_are_compared_by_shape() -> None:
    assert readme_tour.normalise(["at 2026-11-26T22:59:02.123+00:00 by canbo  "]) == [
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
