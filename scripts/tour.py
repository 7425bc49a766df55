"""Run every command shown in the tours (README.md, docs/tour.md) and paste (or check) its real output.

    python scripts/tour.py                    # run every tour and rewrite the outputs in its file
    python scripts/tour.py --check            # exit 1 if an output shown differs from the real one
    python scripts/tour.py docs/tour.md       # one tour only (with or without --check)

A tour is a Markdown file whose ``console`` blocks are run top to bottom on one fresh database (each tour
has its own): a line starting with ``$ `` is a command (run by bash, so pipes and ``#`` comments work), the
lines under it are what it printed (stdout and stderr together, in the order a terminal shows them). An
output that ends with a line holding only ``…`` was cut: only the lines above it are compared, and the real
output must be longer.

A tour runs in a new temporary folder holding a link to ``sample_data/``, with a pinned "today", a fixed
terminal width, no colour, and an OS user named ``canbo``, so that the outputs do not depend on the machine.
Clock times (the change log's) are compared as ``hh:mm:ss`` shapes, not values. ``bash`` blocks (installing,
PostgreSQL) are not part of a tour; the tests run those paths elsewhere.

tests/test_tour.py runs the check, so that every command in a tour keeps working and keeps printing what
the page says it prints. When an output changes on purpose, run this script once and read the diff.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
TOUR = ROOT / "docs" / "tour.md"
ERRORS = ROOT / "docs" / "errors.md"
TOURS = (README, TOUR, ERRORS)  # each one a tour of its own, on its own database
ELLIPSIS = "…"
TODAY = "2023-12-15"
WIDTH = 120
USER = "canbo"
CHECK_HINT = "run `python scripts/tour.py` and commit README.md and docs/tour.md"
# How a refusal begins (an error, or an import that wrote nothing): only such outputs may come with a
# non-zero exit code.
REFUSALS = ("Lỗi:", "Error:", "Không nhập gì", "Nothing imported")

_FENCE = re.compile(r"^```console\n(.*?)^```\n", re.MULTILINE | re.DOTALL)
# a moment as JSON writes it, or as a table shows it (30/11/2026 15:05)
_CLOCK = re.compile(
    r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[+-]\d{2}:\d{2}|Z)?"
    r"|\b\d{2}/\d{2}/\d{4} \d{2}:\d{2}\b"
)
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@dataclass
class Step:
    """One ``$ command`` and the output lines the page shows under it."""

    command: str
    shown: list[str] = field(default_factory=list)

    @property
    def cut(self) -> bool:
        return bool(self.shown) and self.shown[-1].strip() == ELLIPSIS

    def render(self) -> str:
        return "\n".join([f"$ {self.command}", *self.shown]) + "\n"


@dataclass
class Block:
    """A ``console`` block: its place in the page and its steps."""

    start: int
    end: int
    steps: list[Step]


def parse(text: str) -> list[Block]:
    blocks = []
    for match in _FENCE.finditer(text):
        steps: list[Step] = []
        for line in match.group(1).splitlines():
            if line.startswith("$ "):
                steps.append(Step(line[2:]))
            elif steps:
                steps[-1].shown.append(line)
            elif line.strip():
                raise ValueError(f"output before any command in a console block: {line!r}")
        blocks.append(Block(match.start(1), match.end(1), steps))
    return blocks


def normalise(lines: list[str], trim: bool = True) -> list[str]:
    """What is compared: no colour codes, no trailing spaces (nor blank lines at the end, with ``trim``),
    clock times as shapes."""
    out = [_CLOCK.sub(_clock_shape, _ANSI.sub("", line)).rstrip() for line in lines]
    while trim and out and not out[-1]:
        out.pop()
    return out


def _clock_shape(match: re.Match[str]) -> str:
    return re.sub(r"\d", "0", match.group(0))


class Tour:
    """A throwaway working folder and the environment every command runs in."""

    def __init__(self, bin_dir: Path) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="dangvien-tour-")
        self.folder = Path(self._tmp.name)
        (self.folder / "sample_data").symlink_to(ROOT / "sample_data")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DANGVIEN_", "FORCE_COLOR"))}
        env.update(
            PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
            DANGVIEN_DB=str(self.folder / "tour.db"),
            DANGVIEN_TODAY=TODAY,
            DANGVIEN_SETTINGS=str(self.folder / "no-settings.toml"),
            COLUMNS=str(WIDTH),
            LINES="50",
            NO_COLOR="1",
            TERM="dumb",
            PYTHONUNBUFFERED="1",  # stdout and stderr interleaved as on a terminal
            LOGNAME=USER,
            USER=USER,
            LC_ALL="C.UTF-8",
        )
        self.env = env

    def run(self, command: str) -> tuple[int, list[str]]:
        result = subprocess.run(  # noqa: S603  (bash runs the tour's own commands)
            ["bash", "-c", command],  # noqa: S607  (bash from PATH, as the page's reader runs it)
            cwd=self.folder,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=600,
        )
        return result.returncode, [self._tidy(line) for line in result.stdout.splitlines()]

    def _tidy(self, line: str) -> str:
        """Paths as a user in the project's folder sees them: the tour's folder as ``~/tour``, the sample
        data relative. In a table cell, the room a path gives up is kept as spaces, so the borders line up."""
        for path, shown in ((str(self.folder), "~/tour"), (f"{ROOT}{os.sep}", "")):
            while path in line:
                at = line.index(path)
                line = line[:at] + shown + line[at + len(path) :]
                border = line.find("│", at + len(shown))
                if border != -1:
                    line = line[:border] + " " * (len(path) - len(shown)) + line[border:]
        return line

    def close(self) -> None:
        self._tmp.cleanup()


@dataclass
class Difference:
    command: str
    shown: list[str]
    actual: list[str]

    def describe(self) -> str:
        shown = "\n".join(f"    {line}" for line in self.shown) or "    (nothing)"
        actual = "\n".join(f"    {line}" for line in self.actual) or "    (nothing)"
        return f"$ {self.command}\n  the page shows:\n{shown}\n  it prints:\n{actual}"


def run_tour(text: str, bin_dir: Path) -> tuple[str, list[Difference]]:
    """Run every step; return the page with real outputs and the steps whose output differed."""
    blocks = parse(text)
    tour = Tour(bin_dir)
    differences: list[Difference] = []
    try:
        for block in blocks:
            for step in block.steps:
                code, printed = tour.run(step.command)
                actual = normalise(printed, trim=not step.cut)
                if code != 0 and not any(line.startswith(REFUSALS) for line in step.shown):
                    # a command that fails must show its refusal: the same text with a new exit code is news
                    differences.append(Difference(step.command, step.shown, [*actual, f"(exit code {code})"]))
                if step.cut:
                    keep = len(step.shown) - 1
                    shown = normalise(step.shown[:keep], trim=False)
                    if actual[:keep] != shown or len(actual) <= keep:
                        differences.append(Difference(step.command, shown, actual[: keep + 1]))
                        step.shown = [*(line.rstrip() for line in printed[:keep]), ELLIPSIS]
                else:
                    if normalise(step.shown) != actual:  # (an output that matches is left as it was)
                        differences.append(Difference(step.command, normalise(step.shown), actual))
                        step.shown = [line.rstrip() for line in printed]
                        while step.shown and not step.shown[-1]:
                            step.shown.pop()
    finally:
        tour.close()
    pieces = []
    position = 0
    for block in blocks:
        pieces.append(text[position : block.start])
        pieces.append("".join(step.render() for step in block.steps))
        position = block.end
    pieces.append(text[position:])
    return "".join(pieces), differences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 on a difference")
    parser.add_argument("--bin", type=Path, default=Path(sys.executable).parent, help="folder of dangvien")
    parser.add_argument("pages", nargs="*", type=Path, help="the tours to run (default: all of them)")
    args = parser.parse_args(argv)
    failed = 0
    for page in args.pages or TOURS:
        page = page.resolve()
        name = page.relative_to(ROOT) if page.is_relative_to(ROOT) else page
        text = page.read_text(encoding="utf-8")
        new_text, differences = run_tour(text, args.bin)
        if args.check:
            for difference in differences:
                print(f"{name}:\n{difference.describe()}", file=sys.stderr)
            if differences:
                print(f"{name}: {len(differences)} outputs differ: {CHECK_HINT}", file=sys.stderr)
                failed = 1
            continue
        if new_text != text:
            page.write_text(new_text, encoding="utf-8")
        print(
            f"{name}: {sum(len(b.steps) for b in parse(new_text))} commands run, {len(differences)} updated"
        )
    return failed


if __name__ == "__main__":
    sys.exit(main())
