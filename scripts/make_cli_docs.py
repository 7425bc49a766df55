"""Write the CLI reference, docs/cli.md, from the ``--help`` of every command.

    python scripts/make_cli_docs.py          # (re)write docs/cli.md
    python scripts/make_cli_docs.py --check  # exit 1 if docs/cli.md is out of date

tests/test_cli_docs.py fails when the committed file drifts from what this script generates, and when a
command has no help text. The output must not depend on the terminal: every ``--help`` runs through
Typer's ``CliRunner`` with a fixed width, no colour and no forced terminal, and trailing spaces are
stripped.
"""

from __future__ import annotations

import argparse
import inspect
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer  # noqa: TID251
import typer.main  # noqa: TID251 - this script documents the CLI, like dangvien_cli.cli itself
import typer.rich_utils  # noqa: TID251
from typer.testing import CliRunner  # noqa: TID251

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))  # so the script also runs without an installed package

from dangvien_cli.cli.app import app  # noqa: E402
from dangvien_cli.cli.help import is_key  # noqa: E402
from dangvien_cli.messages import t  # noqa: E402

DOCS_FILE = ROOT / "docs" / "cli.md"
PROG = "dangvien"
WIDTH = 100
CHECK_HINT = "run `python scripts/make_cli_docs.py` and commit docs/cli.md"

# The environment of every --help run. ``None`` removes a variable, so that the user's own settings
# (language, database, colours) cannot leak into the reference.
HELP_ENV: dict[str, str | None] = {
    "COLUMNS": str(WIDTH),
    "LINES": "50",
    "NO_COLOR": "1",
    "TERM": "dumb",
    "FORCE_COLOR": None,
    "PY_COLORS": None,
    "GITHUB_ACTIONS": None,
    "TERMINAL_WIDTH": None,
    "DANGVIEN_LANG": None,
    "DANGVIEN_DB": None,
}

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")
HEADING = re.compile(r"^## `(dangvien(?: [^`]+)?)`$", re.MULTILINE)


@dataclass(frozen=True)
class CommandDoc:
    """One command or group: its path from the root (``("member", "add")``) and its help text."""

    path: tuple[str, ...]
    help: str
    is_group: bool

    @property
    def name(self) -> str:
        return " ".join((PROG, *self.path))


def root_command() -> Any:
    """The click-like group Typer builds from the app (Typer vendors click as ``typer._click``)."""
    return typer.main.get_command(app)


def help_text(command: Any) -> str:
    """The command's own help (its ``help=``, a catalogue key, in Vietnamese as ``--help`` shows it by
    default), dedented, cut at ``\\f``; falls back to the short help."""
    text = command.help or command.short_help or ""
    if is_key(text):
        text = t(text, "vi")
    return inspect.cleandoc(text.split("\f", 1)[0]).strip()


def subcommands_of(command: Any) -> dict[str, Any]:
    """A group's subcommands by name, in order (the root loads its own only when asked for them)."""
    if not hasattr(command, "list_commands"):
        return {}
    ctx = typer.Context(command)
    return {name: command.get_command(ctx, name) for name in command.list_commands(ctx)}


def walk(command: Any | None = None, path: tuple[str, ...] = ()) -> Iterator[CommandDoc]:
    """Every command and group, depth first, in the order the app registers them; hidden ones too."""
    command = root_command() if command is None else command
    subcommands = subcommands_of(command)
    yield CommandDoc(path=path, help=help_text(command), is_group=bool(subcommands))
    for name, sub in subcommands.items():
        yield from walk(sub, (*path, name))


def hidden_paths() -> set[tuple[str, ...]]:
    """Paths of hidden commands (and everything under them), which the reference leaves out."""
    hidden: set[tuple[str, ...]] = set()

    def visit(command: Any, path: tuple[str, ...], parent_hidden: bool) -> None:
        is_hidden = parent_hidden or bool(getattr(command, "hidden", False))
        if is_hidden:
            hidden.add(path)
        for name, sub in subcommands_of(command).items():
            visit(sub, (*path, name), is_hidden)

    visit(root_command(), (), False)
    return hidden


@contextmanager
def _stable_rich() -> Iterator[None]:
    """Pin the module-level settings Typer's rich help reads at import time (a forced terminal under
    GitHub Actions or FORCE_COLOR, $TERMINAL_WIDTH), and put them back afterwards."""
    saved = (typer.rich_utils.MAX_WIDTH, typer.rich_utils.FORCE_TERMINAL, typer.rich_utils.COLOR_SYSTEM)
    typer.rich_utils.MAX_WIDTH = WIDTH
    typer.rich_utils.FORCE_TERMINAL = False
    typer.rich_utils.COLOR_SYSTEM = None
    try:
        yield
    finally:
        (typer.rich_utils.MAX_WIDTH, typer.rich_utils.FORCE_TERMINAL, typer.rich_utils.COLOR_SYSTEM) = saved


def clean(output: str) -> str:
    """No escape codes, no trailing spaces, no blank lines at either end."""
    lines = [line.rstrip() for line in _ANSI.sub("", output).splitlines()]
    return "\n".join(lines).strip("\n")


def help_output(path: tuple[str, ...]) -> str:
    """The plain ``dangvien ... --help`` output of one command."""
    runner = CliRunner()
    with _stable_rich():
        result = runner.invoke(app, [*path, "--help"], env=HELP_ENV, prog_name=PROG, catch_exceptions=False)
    if result.exit_code != 0:
        raise RuntimeError(f"`{PROG} {' '.join(path)} --help` exited {result.exit_code}:\n{result.output}")
    return clean(result.output)


def render() -> str:
    """The whole of docs/cli.md."""
    hidden = hidden_paths()
    commands = [doc for doc in walk() if doc.path not in hidden]
    out = [
        "# CLI reference",
        "",
        "<!-- Generated by scripts/make_cli_docs.py from `--help`; do not edit by hand.",
        f"     After changing a command, {CHECK_HINT}. tests/test_cli_docs.py checks it. -->",
        "",
        "Commands:",
        "",
    ]
    out += [f"{'  ' * (len(doc.path) - 1)}- `{doc.name}`" for doc in commands if doc.path]
    for doc in commands:
        out += ["", f"## `{doc.name}`", "", doc.help or "_(no help text)_", ""]
        out += ["```text", help_output(doc.path), "```"]
    return "\n".join(out) + "\n"


def documented_commands(markdown: str) -> list[str]:
    """The command paths docs/cli.md has a heading for (``"dangvien member add"``)."""
    return HEADING.findall(markdown)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/cli.md is out of date")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = DOCS_FILE.read_text(encoding="utf-8") if DOCS_FILE.exists() else ""
        if current != text:
            print(f"{DOCS_FILE.relative_to(ROOT)} is out of date: {CHECK_HINT}.", file=sys.stderr)
            return 1
        print(f"{DOCS_FILE.relative_to(ROOT)} is up to date.")
        return 0
    DOCS_FILE.parent.mkdir(parents=True, exist_ok=True)
    DOCS_FILE.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {DOCS_FILE.relative_to(ROOT)} ({len(text.splitlines())} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
