"""The shape of the code (docs/architecture.md): modules small enough to read, and the layers that
``lint-imports`` checks (the contracts in pyproject.toml, ``[tool.importlinter]``)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "dangvien_cli"
MAX_LINES = 600  # the issue-12 limit: past it a module holds more than one idea


def _line_count(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


def test_no_module_is_over_600_lines() -> None:
    modules = sorted(PACKAGE.rglob("*.py"))
    assert modules, PACKAGE
    too_long = {
        str(path.relative_to(PACKAGE)): count for path in modules if (count := _line_count(path)) > MAX_LINES
    }
    assert too_long == {}


def _lint_imports() -> str:
    """The lint-imports of the Python running the tests (the venv's), else the one on PATH."""
    beside = Path(sys.executable).with_name("lint-imports")
    found = str(beside) if beside.exists() else shutil.which("lint-imports")
    if found is None:
        pytest.fail("lint-imports is not installed: pip install -e '.[dev]'")
    return found


def test_the_import_contracts_hold() -> None:
    """Layers, independent siblings and no import cycle, as configured in pyproject.toml. (Under a second:
    import-linter builds the graph in Rust; no cache, so parallel runs write nothing.)"""
    result = subprocess.run(  # noqa: S603  (import-linter from our own venv)
        [_lint_imports(), "--no-cache"],
        cwd=PACKAGE.parents[1],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
