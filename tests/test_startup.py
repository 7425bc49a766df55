"""Start-up: the root loads a command's module only when that command runs, and lists the others from
help text kept beside their names, which must stay equal to the commands' own help."""

from __future__ import annotations

import subprocess
import sys

import typer
import typer.main

from dangvien_cli.cli.app import SUBCOMMANDS, app, load_subcommand

COMMAND_MODULES = sorted({spec.module for spec in SUBCOMMANDS.values()})


def loaded_after(*argv: str) -> set[str]:
    """The command modules imported by running ``dangvien *argv`` in a fresh interpreter."""
    code = (
        f"import sys; sys.argv = ['dangvien', *{list(argv)!r}]\n"
        "from dangvien_cli.cli.app import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        f"print('LOADED:' + ','.join(m for m in {COMMAND_MODULES!r} if m in sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603  (a fresh Python that imports our package)
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("LOADED:"), result.stderr
    return set(filter(None, last.removeprefix("LOADED:").split(",")))


def test_listed_help_equals_each_commands_own_help():
    for name, spec in SUBCOMMANDS.items():
        command = load_subcommand(name)
        assert command.name == name
        assert command.help == spec.help, name
        assert not command.hidden
        assert not command.deprecated


def test_root_lists_every_command_in_order():
    root = typer.main.get_command(app)
    ctx = typer.Context(root)
    assert root.list_commands(ctx) == list(SUBCOMMANDS)  # type: ignore[attr-defined]


def test_root_help_loads_no_command_module():
    assert loaded_after("--help") == set()


def test_a_command_loads_only_its_own_module():
    assert loaded_after("org", "--help") == {"dangvien_cli.cli.org"}


def test_unknown_command_is_a_usage_error(run):
    result = run("no-such-command")
    assert result.exit_code == 2


def test_help_follows_the_runs_language(run):
    """Help is in one language: --lang (before or after the command), else DANGVIEN_LANG."""
    vi = run("org", "--help")
    assert "Tổ chức đảng: đảng bộ, tổ chức cơ sở, chi bộ." in vi.stdout
    assert "Party organisations" not in vi.stdout
    en = run("--lang", "en", "org", "--help")
    assert "Party organisations and cells." in en.stdout
    assert "Tổ chức đảng" not in en.stdout
    root = run("--lang=en", "--help")
    assert "Track the development of party membership." in root.stdout
    assert "One of: vi (Vietnamese), en (English)." in " ".join(root.stdout.replace("│", " ").split())
    again = run("--help")  # the same process, the next run: Vietnamese again
    assert "Theo dõi công tác phát triển đảng viên." in again.stdout
